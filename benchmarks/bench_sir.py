"""Single-source discrete SIR outbreaks per second, against EoN and cynetdiff.

Graph: a seeded Barabasi-Albert graph (m = 3; 10,000 nodes, 100,000 for
``large``) at beta = epidemic_threshold and 2x. Sources: seeded random nodes,
the same for every library. Rows:

* the netsim kernel (``sir_discrete_sizes_each_source`` on the CSR arrays,
  mu = 1, "contact") on 1 thread and on all threads, against
  ``EoN.basic_discrete_SIR`` (the same model, pure Python, single-threaded);
* the same kernel on 1 thread against cynetdiff's independent cascade (the
  same model: each newly active node tries each neighbour once with
  probability beta), run by its own C loop (``compute_marginal_gains``,
  ``num_trials`` outbreaks per source);
* the public ``simulate`` on the networkx graph (conversion included on every
  call) and on a ``CSRGraph``, a few sources with many runs each, against EoN.

Times are seconds per 1,000,000 outbreaks, so the ratio is the ratio of
outbreaks per second (> 1: netsim is faster). Outbreak sizes vary a lot at
2x beta_c, so the run also prints the ratios per infected node (work
normalised). The "same" column gives the mean outbreak size over random
single sources with its standard error (the standard deviation of the
per-source means over sqrt(number of sources)), netsim's next to the
peer's; "agrees" is True when the two means are within 4 combined standard
errors (a peer that is not installed gets a "(not installed)" row).
"""

from argparse import Namespace

import numba
import numpy as np

import netsim
from netsim._kernels import sir as sir_kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.spread import epidemic_threshold, simulate

from ._harness import Row, mean_se, missing, timed, within_se

# sources x runs for netsim and cynetdiff; single-run outbreaks for EoN at 1x and 2x
# beta_c; sources x runs for the public-function rows
PROBLEMS = {
    "quick": {
        "n_nodes": 10_000,
        "netsim": (2_000, 50),
        "cynetdiff": (2_000, 50),
        "eon": (1_000, 300),
        "public": (4, 5_000),
    },
    "default": {
        "n_nodes": 10_000,
        "netsim": (5_000, 100),
        "cynetdiff": (5_000, 100),
        "eon": (5_000, 1_000),
        "public": (10, 10_000),
    },
    "large": {
        "n_nodes": 100_000,
        "netsim": (10_000, 100),
        "cynetdiff": (5_000, 100),
        "eon": (2_000, 100),
        "public": (10, 10_000),
    },
}
SEED = 20101888
M_EDGES = 3
NAN = float("nan")
GOALS = {"EoN": 300.0, "cynetdiff": 5.0}


def ba_graph(n_nodes: int):
    import networkx as nx

    return nx.barabasi_albert_graph(n_nodes, M_EDGES, seed=np.random.default_rng(SEED))


def _summary(per_source_means: np.ndarray) -> str:
    """Mean outbreak size over sources and its standard error."""
    mean, se = mean_se(per_source_means)
    return f"{mean:.2f}+-{se:.2f}"


def _agree(ours: np.ndarray, theirs: np.ndarray) -> bool:
    """Mean outbreak sizes over random sources within SE_TOLERANCE combined standard errors."""
    return within_se(*mean_se(ours), *mean_se(theirs))


def _compared(task, size, ours_s, peer, peer_s, ours, theirs, prefix="") -> Row:
    ok = _agree(ours, theirs)
    same = f"{prefix}{_summary(ours)} vs {_summary(theirs)}"
    return Row(task, size, ours_s, peer, peer_s, same, ok)


def _per_1m(seconds: float, n_outbreaks: int) -> float:
    return 1e6 * seconds / n_outbreaks


def _thread_counts() -> list[int]:
    return sorted({1, numba.config.NUMBA_NUM_THREADS})


def netsim_kernel(csr, beta: float, sources: np.ndarray, n_runs: int, repeats: int):
    """Return (median seconds, sizes of shape (sources, runs)) of the each-source kernel."""
    key = kernel_key(seed_sequence(SEED))
    args = (csr.indptr, csr.indices, np.empty(0), beta, 1.0, sources, n_runs, *key)
    sir_kernel.sir_discrete_sizes_each_source(*args[:5], sources[:2], 2, *key, int(Purpose.SIR))
    seconds, _, sizes = timed(
        lambda: sir_kernel.sir_discrete_sizes_each_source(*args, int(Purpose.SIR)), repeats
    )
    return seconds, sizes


def eon_outbreaks(G, beta: float, sources: list, repeats: int):
    """Return (median seconds, sizes) of one EoN.basic_discrete_SIR run per source, or None."""
    try:
        import EoN
    except ImportError:
        return None

    def work():
        rng = np.random.default_rng(SEED)
        return np.array(
            [
                EoN.basic_discrete_SIR(G, beta, initial_infecteds=[s], rng=rng)[3][-1]
                for s in sources
            ]
        )

    seconds, _, sizes = timed(work, repeats)
    return seconds, sizes


def cynetdiff_outbreaks(G, beta: float, sources: list, n_runs: int, repeats: int):
    """Return (median seconds, per-source mean sizes) of cynetdiff's C loop, or None."""
    try:
        from cynetdiff.utils import networkx_to_ic_model
    except ImportError:
        return None
    model, mapping = networkx_to_ic_model(G, activation_prob=beta, rng=SEED)
    ids = [mapping[s] for s in sources]

    def work():
        model.set_rng(SEED)
        # results[0] is the mean number of active nodes over n_runs cascades
        return np.array([model.compute_marginal_gains([i], [], n_runs)[0] for i in ids])

    seconds, _, means = timed(work, repeats)
    return seconds, means


def kernel_rows(size: str, repeats: int, G, csr, beta_c: float, picked: np.ndarray) -> list[Row]:
    problem = PROBLEMS[size]
    n_sources, n_runs = problem["netsim"]
    sources = picked[:n_sources]
    labels = [csr.nodes[i] for i in sources]
    rows = []
    before = numba.get_num_threads()
    try:
        for factor, n_eon in zip((1.0, 2.0), problem["eon"], strict=True):
            beta = factor * beta_c
            graph = f"BA {csr.n_nodes // 1000}k m={M_EDGES} {factor:g}x beta_c"
            n_out = n_sources * n_runs
            ours = {}
            per_node = {}  # seconds per infected node: the ratio with the work normalised
            for threads in _thread_counts():
                numba.set_num_threads(threads)
                seconds, sizes = netsim_kernel(csr, beta, sources, n_runs, repeats)
                ours[threads] = (_per_1m(seconds, n_out), sizes.mean(axis=1))
                per_node[f"netsim {threads} thr"] = seconds / sizes.sum()
                print(
                    f"  {graph}: netsim {threads} thread(s) {n_out / seconds:,.0f} outbreaks/s "
                    f"({n_sources} sources x {n_runs} runs), mean size {_summary(ours[threads][1])}"
                )
            eon = eon_outbreaks(G, beta, labels[:n_eon], max(1, repeats // 2))
            for threads, (ours_s, ours_m) in ours.items():
                task = f"{graph}, {threads} thr"
                if eon is None:
                    rows.append(missing(task, size, ours_s, "EoN"))
                    continue
                eon_s = _per_1m(eon[0], n_eon)
                peer = f"EoN basic_discrete_SIR x{n_eon}"
                rows.append(_compared(task, size, ours_s, peer, eon_s, ours_m, eon[1]))
                if threads == 1:
                    print(f"  {graph}: EoN {n_eon / eon[0]:,.0f} outbreaks/s")
                    per_node["EoN"] = eon[0] / eon[1].sum()
            k_cyn, r_cyn = problem["cynetdiff"]
            cyn = cynetdiff_outbreaks(G, beta, labels[:k_cyn], r_cyn, repeats)
            ours_s, ours_m = ours[1]
            task = f"{graph}, 1 thr"
            if cyn is None:
                rows.append(missing(task, size, ours_s, "cynetdiff"))
            else:
                cyn_s = _per_1m(cyn[0], k_cyn * r_cyn)
                peer = f"cynetdiff IC {k_cyn}x{r_cyn}"
                rows.append(_compared(task, size, ours_s, peer, cyn_s, ours_m, cyn[1]))
                print(f"  {graph}: cynetdiff {k_cyn * r_cyn / cyn[0]:,.0f} outbreaks/s")
                per_node["cynetdiff"] = cyn[0] / (cyn[1].sum() * r_cyn)
            ratios = ", ".join(
                f"{per_node[peer] / per_node['netsim 1 thr']:.1f}x {peer}"
                for peer in ("EoN", "cynetdiff")
                if peer in per_node
            )
            print(f"  {graph}: per infected node, netsim on 1 thread is {ratios}")
    finally:
        numba.set_num_threads(before)
    return rows


def public_rows(size: str, repeats: int, G, csr, beta_c: float, picked: np.ndarray) -> list[Row]:
    """simulate() on a networkx graph (converted on every call) and on a CSRGraph."""
    n_sources, n_runs = PROBLEMS[size]["public"]
    labels = [csr.nodes[i] for i in picked[:n_sources]]
    n_eon = PROBLEMS[size]["eon"][0]
    eon = eon_outbreaks(G, beta_c, [csr.nodes[i] for i in picked[:n_eon]], 1)
    simulate(csr, "sir", sources=labels[0], n_runs=2, beta=beta_c, seed=1)  # compiled already
    rows = []
    for name, graph in (("nx.Graph", G), ("CSRGraph", csr)):

        def work(graph=graph):
            return [
                simulate(graph, "sir", sources=s, n_runs=n_runs, beta=beta_c, seed=SEED)
                for s in labels
            ]

        seconds, _, results = timed(work, repeats)
        ours_s = _per_1m(seconds, n_sources * n_runs)
        ours_m = np.array([r.mean() for r in results])
        task = f"simulate({name}) {n_sources}x{n_runs}, 1x beta_c"
        if eon is None:
            rows.append(missing(task, size, ours_s, "EoN"))
        else:
            eon_s = _per_1m(eon[0], n_eon)
            prefix = f"({n_sources} src) "
            rows.append(
                _compared(task, size, ours_s, f"EoN x{n_eon}", eon_s, ours_m, eon[1], prefix)
            )
    return rows


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    G = ba_graph(problem["n_nodes"])
    csr = netsim.CSRGraph.from_networkx(G)
    beta_c = epidemic_threshold(csr)
    n_picked = max(problem["netsim"][0], problem["cynetdiff"][0], max(problem["eon"]))
    picked = np.random.default_rng(SEED).choice(csr.n_nodes, n_picked, replace=False)
    print(
        f"  graph: Barabasi-Albert n={csr.n_nodes:,} m={M_EDGES}, {csr.n_edges:,} edges, "
        f"beta_c={beta_c:.4f}; times in seconds per 10^6 outbreaks (mu=1, contact)"
    )
    rows = kernel_rows(size, repeats, G, csr, beta_c, picked)
    rows += public_rows(size, repeats, G, csr, beta_c, picked)
    for row in rows:
        for peer, goal in GOALS.items():
            if row.peer.startswith(peer) and "1 thr" in row.task and np.isfinite(row.ratio):
                verdict = "met" if row.ratio >= goal else "MISSED"
                goal_text = f"goal >= {goal:g}x {peer} on 1 thread"
                print(f"  {goal_text}, {row.task}: {row.ratio:.1f}x {verdict}")
    return rows
