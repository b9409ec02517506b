"""All-node spreading efficiency on ego-Facebook (percolation), against EoN and igraph.

Rows:

* outside ``quick``, first call with an empty numba cache (compile time), in
  a subprocess, for the percolation and the direct path;
* all-node efficiency by percolation on ego-Facebook (4,039 nodes, 88,234
  edges) at beta = epidemic_threshold and 2x, on 1 and on 2 threads, against
  EoN's ``basic_discrete_SIR`` run from a few seeded random nodes and
  extrapolated per node and run (the same model: discrete SIR, mu = 1), and
  against the same percolation algorithm with igraph's connected components
  (numpy bond draws; every sample, no extrapolation);
* the direct method from the same few nodes against EoN on the same work;
* the public function on the networkx graph (conversion included);
* ``large`` only: 1,000,000 nodes and 10,000,000 uniform random edges, 100
  runs, every node, in a subprocess that reports its peak memory (ru_maxrss).

Every "same" column gives netsim's result next to the peer's: mean M over
the compared nodes with its standard error, or the share of nodes whose
estimates agree within 4 combined standard errors. "agrees" is True when
the pooled means are within 4 combined standard errors (EoN), or when at
least 99% of the nodes are (igraph; at 4 SE a handful of 4,039 may fall
outside by chance); rows without a peer result have None.
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from argparse import Namespace

import numba
import numpy as np

import netsim
from netsim.spread import epidemic_threshold, spreading_efficiency

from ._harness import Row, missing, timed, within_se

PROBLEMS = {
    "quick": {
        "compile": (),  # a fresh process compiling for 15 s: too slow for quick
        "runs": 100,
        "peer_nodes": 3,
        "peer_runs": 10,
        "large": None,
    },
    "default": {
        "compile": ("percolation", "direct"),
        "runs": 1000,
        "peer_nodes": 5,
        "peer_runs": 20,
        "large": None,
    },
    "large": {
        "compile": ("percolation", "direct"),
        "runs": 1000,
        "peer_nodes": 5,
        "peer_runs": 40,
        "large": {"n_nodes": 1_000_000, "n_edges": 10_000_000, "runs": 100},
    },
}
SEED = 20100601
NAN = float("nan")


def _threads() -> list[int]:
    return sorted({1, numba.config.NUMBA_NUM_THREADS})


NODE_SHARE = 0.99  # igraph rows agree when this share of nodes is within 4 SE


def _pooled(means: np.ndarray, ses: np.ndarray) -> tuple[float, float]:
    """Return the mean of independent per-node estimates and its standard error."""
    means, ses = np.asarray(means, dtype=np.float64), np.asarray(ses, dtype=np.float64)
    return float(means.mean()), float(np.sqrt(np.sum(ses**2)) / means.size)


def _pooled_runs(sizes: np.ndarray) -> tuple[float, float]:
    """Return `_pooled` of a (nodes, runs) array of outbreak sizes."""
    se = sizes.std(axis=1, ddof=1) / np.sqrt(sizes.shape[1])
    return _pooled(sizes.mean(axis=1), se)


def _text(mean_and_se: tuple[float, float]) -> str:
    return f"{mean_and_se[0]:.2f}+-{mean_and_se[1]:.2f}"


# --- compile time ---------------------------------------------------------------------------

_COMPILE_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    import networkx as nx
    import netsim
    from netsim.spread import spreading_efficiency
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())  # CSR kernels compile here
    out = {}
    for method in sys.argv[1:]:
        times = []
        for _ in range(2):
            start = time.perf_counter()
            spreading_efficiency(csr, beta=0.2, n_runs=10, method=method, seed=1)
            times.append(time.perf_counter() - start)
        out[method] = times
    print(json.dumps(out))
    """
)


def compile_rows(size: str) -> list[Row]:
    if not PROBLEMS[size]["compile"]:
        return []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        done = subprocess.run(
            [sys.executable, "-c", _COMPILE_SCRIPT, *PROBLEMS[size]["compile"]],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    times = json.loads(done.stdout.strip().splitlines()[-1])
    rows = []
    for method, (first, second) in times.items():
        task = f"first call, empty cache ({method})"
        rows.append(Row(task, size, first, "second call (cached)", second, "compile only", None))
    return rows


# --- peers ----------------------------------------------------------------------------------


def eon_sizes(G, beta: float, nodes: list, n_runs: int):
    """Return (seconds, sizes) of EoN.basic_discrete_SIR from each node, or None if absent."""
    try:
        import EoN
    except ImportError:
        return None
    sizes = np.empty((len(nodes), n_runs))

    def work():
        for a, node in enumerate(nodes):
            for r in range(n_runs):
                # EoN draws from the stdlib's global RNG: its runs are not seeded.
                sizes[a, r] = EoN.basic_discrete_SIR(G, beta, initial_infecteds=[node])[3][-1]

    seconds = timed(work, 1)[0]
    return seconds, sizes


def igraph_percolation(csr: netsim.CSRGraph, beta: float, n_runs: int):
    """Return (seconds, sums, sums_sq): the percolation algorithm on igraph, or None if absent."""
    try:
        import igraph
    except ImportError:
        return None
    rows = np.repeat(np.arange(csr.n_nodes), np.diff(csr.indptr))
    upper = rows < csr.indices
    edges = np.column_stack([rows[upper], csr.indices[upper]])
    graph = igraph.Graph(n=csr.n_nodes, edges=edges.tolist())
    rng = np.random.default_rng(SEED)
    sums = np.zeros(csr.n_nodes)
    sums_sq = np.zeros(csr.n_nodes)

    def work():
        for _ in range(n_runs):
            kept = np.flatnonzero(rng.random(len(edges)) < beta)
            sample = graph.subgraph_edges(kept, delete_vertices=False)
            membership = np.asarray(sample.connected_components().membership)
            sizes = np.bincount(membership)[membership]
            sums[:] += sizes
            sums_sq[:] += sizes * sizes

    seconds = timed(work, 1)[0]
    return seconds, sums, sums_sq


def agreement(frame, sums, sums_sq, n_runs: int) -> tuple[str, bool]:
    """Share of nodes whose netsim and peer estimates agree within 4 combined SE."""
    mean = sums / n_runs
    variance = np.maximum(sums_sq / n_runs - mean**2, 0) * n_runs / (n_runs - 1)
    se = np.sqrt(variance / n_runs)
    combined = np.hypot(frame["M_se"].to_numpy(), se)
    ok = np.abs(frame["M"].to_numpy() - mean) <= 4 * combined + 1e-12
    text = f"mean M {frame['M'].mean():.2f} vs {mean.mean():.2f}; {ok.mean():.1%} within 4 SE"
    return text, bool(ok.mean() >= NODE_SHARE)


# --- ego-Facebook -----------------------------------------------------------------------------


def facebook_rows(size: str, repeats: int) -> list[Row]:
    problem = PROBLEMS[size]
    n_runs, n_peer, peer_runs = problem["runs"], problem["peer_nodes"], problem["peer_runs"]
    csr = netsim.datasets.load_csr("facebook")
    G = netsim.datasets.load("facebook")
    beta_c = epidemic_threshold(csr)
    rng = np.random.default_rng(SEED)
    picked = np.sort(rng.choice(csr.n_nodes, n_peer, replace=False))
    peer_nodes = [csr.nodes[i] for i in picked]
    spreading_efficiency(csr, beta=beta_c, n_runs=2, seed=1)  # compile outside the timing
    spreading_efficiency(csr, beta=beta_c, n_runs=2, seed=1, nodes=peer_nodes[:1], method="direct")
    rows = []
    before = numba.get_num_threads()
    try:
        for factor in (1.0, 2.0):
            beta = factor * beta_c
            label = f"beta={factor:g}*beta_c"
            eon = eon_sizes(G, beta, peer_nodes, peer_runs)
            if eon is not None:
                per_run = eon[0] / (n_peer * peer_runs)
                eon_all = per_run * csr.n_nodes * n_runs
                eon_name = f"EoN extrap. {n_peer}x{peer_runs}"
                eon_pooled = _pooled_runs(eon[1])
            graph_ig = igraph_percolation(csr, beta, n_runs)
            timings = {}
            for threads in _threads():
                numba.set_num_threads(threads)
                t, _, frame = timed(
                    lambda beta=beta: spreading_efficiency(csr, beta=beta, n_runs=n_runs, seed=1),
                    repeats,
                )
                timings[threads] = t
                task = f"facebook all-node {n_runs} runs {label} {threads}thr"
                chosen = frame.loc[peer_nodes]
                pooled = _pooled(chosen["M"], chosen["M_se"])
                if eon is None:
                    rows.append(missing(task, size, t, "EoN"))
                else:
                    same = f"M of {n_peer} nodes {_text(pooled)}; EoN {_text(eon_pooled)}"
                    ok = within_se(*pooled, *eon_pooled)
                    rows.append(Row(task, size, t, eon_name, eon_all, same, ok))
                if graph_ig is None:
                    rows.append(missing(task, size, t, "igraph"))
                else:
                    same, ok = agreement(frame, graph_ig[1], graph_ig[2], n_runs)
                    peer = "igraph components/sample"
                    rows.append(Row(task, size, t, peer, graph_ig[0], same, ok))
            if factor == 1.0:
                csr_seconds = timings[max(timings)]
            if len(timings) > 1:
                speedup = timings[1] / timings[max(timings)]
                print(f"  facebook {label}: {max(timings)} threads {speedup:.2f}x faster than 1")
            numba.set_num_threads(max(_threads()))
            t, _, frame = timed(
                lambda beta=beta: spreading_efficiency(
                    csr, beta=beta, n_runs=peer_runs, nodes=peer_nodes, method="direct", seed=1
                ),
                repeats,
            )
            task = f"facebook direct {n_peer}x{peer_runs} {label}"
            pooled = _pooled(frame["M"], frame["M_se"])
            if eon is None:
                rows.append(missing(task, size, t, "EoN"))
            else:
                same = f"M of {n_peer} nodes {_text(pooled)}; EoN {_text(eon_pooled)}"
                ok = within_se(*pooled, *eon_pooled)
                rows.append(Row(task, size, t, "EoN same work", eon[0], same, ok))
        t, _, frame = timed(
            lambda: spreading_efficiency(G, beta=beta_c, n_runs=n_runs, seed=1), repeats
        )
        task = f"facebook all-node {n_runs} runs, networkx input"
        rows.append(Row(task, size, t, "CSRGraph input", csr_seconds, "conversion included", None))
    finally:
        numba.set_num_threads(before)
    return rows


# --- 1M nodes, 10M edges ----------------------------------------------------------------------

_LARGE_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys, time, warnings
    import numba
    import numpy as np
    import netsim
    from netsim.spread import epidemic_threshold, spreading_efficiency
    n, m, runs, seed = (int(x) for x in sys.argv[1:5])
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    u = rng.integers(0, n, m)
    v = rng.integers(0, n, m)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", netsim.exceptions.NetsimWarning)  # a few self-loops
        csr = netsim.CSRGraph.from_edges(u, v, nodes=np.arange(n))
    del u, v
    out = {"build_s": time.perf_counter() - start, "n_edges": csr.n_edges,
           "rss_graph_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    beta_c = epidemic_threshold(csr)
    spreading_efficiency(csr, beta=beta_c, n_runs=1, seed=1)  # load the compiled kernels
    out["rows"] = []
    for factor in (1.0, 2.0):
        for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}, reverse=True):
            numba.set_num_threads(threads)
            start = time.perf_counter()
            frame = spreading_efficiency(csr, beta=factor * beta_c, n_runs=runs, seed=1)
            seconds = time.perf_counter() - start
            out["rows"].append([factor, threads, seconds, float(frame["M"].mean())])
    out["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
    """
)


def large_rows(size: str) -> list[Row]:
    problem = PROBLEMS[size]["large"]
    if problem is None:
        return []
    n, m, runs = problem["n_nodes"], problem["n_edges"], problem["runs"]
    done = subprocess.run(
        [sys.executable, "-c", _LARGE_SCRIPT, str(n), str(m), str(runs), str(SEED)],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(done.stdout.strip().splitlines()[-1])
    print(
        f"  large graph: {n:,} nodes, {out['n_edges']:,} edges built in {out['build_s']:.1f} s; "
        f"peak RSS {out['rss_graph_mib']:.0f} MiB after building, "
        f"{out['peak_rss_mib']:.0f} MiB overall"
    )
    rows = []
    for factor, threads, seconds, mean in out["rows"]:
        task = f"1M/10M all-node {runs} runs {factor:g}*beta_c {threads}thr"
        same = f"mean M {mean:.1f}; peak RSS {out['peak_rss_mib']:.0f} MiB"
        rows.append(Row(task, size, seconds, "no peer (EoN: days)", NAN, same, None))
    return rows


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    return compile_rows(size) + facebook_rows(size, repeats) + large_rows(size)
