"""Continuous-time SIR outbreaks per second, against EoN.fast_SIR.

Graph: a seeded Barabasi-Albert graph (m = 3; 10,000 nodes, 100,000 for
``large``), gamma = 1 and tau such that the transmissibility
``T = tau / (tau + gamma)`` is 1.5 times the configuration-model threshold
``epidemic_threshold(G)`` (outbreaks are not trivial, most still die out
early). Sources: seeded random nodes, the same for both libraries. Rows:

* ``continuous_sir_sizes_each_source`` on the CSR arrays (one run per task
  ``(source, run)``), on 1 thread and on all threads, against one
  ``EoN.fast_SIR`` run from each of the first sources (pure Python,
  single-threaded);
* ``continuous_sir_sizes`` (many runs from one source, called once per
  source), on 1 thread;
* per-edge rates (``rates = tau * w`` with a seeded ``w`` in [0.5, 1.5] per
  edge) on 1 thread, against ``EoN.fast_SIR`` with
  ``transmission_weight``.

Times are seconds per 1,000,000 outbreaks, so the ratio is the ratio of
outbreaks per second (> 1: netsim is faster). The "same" column gives the
mean outbreak size over random single sources with its standard error (the
standard deviation of the per-source means over sqrt(number of sources)),
netsim's next to EoN's; "agrees" is True when the two means are within 4
combined standard errors. The run also prints the ratio per infected node
(work normalised), since the sources differ in number. Without EoN, each row
says "EoN (not installed)".
"""

from argparse import Namespace

import numba
import numpy as np

import netsim
from netsim._kernels import continuous_sir as kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.spread import epidemic_threshold

from ._harness import Row, mean_se, missing, optional_import, timed, within_se

# sources x runs for the each-source kernel, for the sizes kernel, and single-run
# outbreaks for EoN (contact, per-edge rates)
PROBLEMS = {
    "quick": {
        "n_nodes": 10_000,
        "each": (1_000, 50),
        "sizes": (10, 2_000),
        "eon": (300, 300),
    },
    "default": {
        "n_nodes": 10_000,
        "each": (2_000, 100),
        "sizes": (20, 5_000),
        "eon": (1_000, 1_000),
    },
    "large": {
        "n_nodes": 100_000,
        "each": (5_000, 100),
        "sizes": (20, 5_000),
        "eon": (1_000, 1_000),
    },
}
SEED = 20101888
M_EDGES = 3
GAMMA = 1.0
FACTOR = 1.5
GOAL = 50.0
PURPOSE = int(Purpose.CONTINUOUS_SIR)


def ba_graph(n_nodes: int):
    import networkx as nx

    return nx.barabasi_albert_graph(n_nodes, M_EDGES, seed=np.random.default_rng(SEED))


def _summary(per_source_means) -> str:
    """Mean outbreak size over sources and its standard error."""
    mean, se = mean_se(per_source_means)
    return f"{mean:.2f}+-{se:.2f}"


def _per_1m(seconds: float, n_outbreaks: int) -> float:
    return 1e6 * seconds / n_outbreaks


def _thread_counts() -> list[int]:
    return sorted({1, numba.config.NUMBA_NUM_THREADS})


def _import_eon():
    """Return the EoN module, or None; its import triggers a SciPy DeprecationWarning."""
    return optional_import("EoN")


def each_source(csr, rates, tau, sources, n_runs, repeats):
    """Return (median seconds, sizes of shape (sources, runs)) of the each-source kernel."""
    key = kernel_key(seed_sequence(SEED))
    args = (csr.indptr, csr.indices, rates, tau, GAMMA)
    kernel.continuous_sir_sizes_each_source(*args, sources[:2], 2, *key, PURPOSE)  # compile
    seconds, _, sizes = timed(
        lambda: kernel.continuous_sir_sizes_each_source(*args, sources, n_runs, *key, PURPOSE),
        repeats,
    )
    return seconds, sizes


def sizes_per_source(csr, tau, sources, n_runs, repeats):
    """Return (median seconds, sizes of shape (sources, runs)): continuous_sir_sizes per source."""
    key = kernel_key(seed_sequence(SEED))
    args = (csr.indptr, csr.indices, np.empty(0), tau, GAMMA)
    kernel.continuous_sir_sizes(*args, sources[:1], 2, *key, PURPOSE, int(sources[0]))

    def work():
        return np.array(
            [
                kernel.continuous_sir_sizes(
                    *args, sources[a : a + 1], n_runs, *key, PURPOSE, int(sources[a])
                )
                for a in range(sources.size)
            ]
        )

    seconds, _, sizes = timed(work, repeats)
    return seconds, sizes


def eon_outbreaks(EoN, G, tau, labels, weight, repeats):
    """Return (median seconds, sizes) of one EoN.fast_SIR run from each source."""

    def work():
        rng = np.random.default_rng(SEED)
        return np.array(
            [
                EoN.fast_SIR(
                    G, tau, GAMMA, initial_infecteds=[s], transmission_weight=weight, rng=rng
                )[3][-1]
                for s in labels
            ]
        )

    seconds, _, sizes = timed(work, repeats)
    return seconds, sizes


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    G = ba_graph(problem["n_nodes"])
    csr = netsim.CSRGraph.from_networkx(G)
    T = FACTOR * epidemic_threshold(csr)
    tau = GAMMA * T / (1.0 - T)
    n_each, runs_each = problem["each"]
    n_sizes, runs_sizes = problem["sizes"]
    n_eon, n_eon_rates = problem["eon"]
    picked_rng = np.random.default_rng(SEED)
    picked = picked_rng.choice(csr.n_nodes, max(n_each, n_eon), replace=False).astype(np.int64)
    labels = [csr.nodes[i] for i in picked]
    # per-edge rates tau * w, w in [0.5, 1.5], the same in both directions of an edge
    w = {edge: 0.5 + picked_rng.random() for edge in G.edges()}
    G_w = G.copy()
    for (a, b), value in w.items():
        G_w[a][b]["w"] = value
    csr_w = netsim.CSRGraph.from_networkx(G_w, weight="w")
    rates = np.ascontiguousarray(tau * csr_w.weights, dtype=np.float64)
    graph = f"BA{csr.n_nodes // 1000}k 1.5Tc"
    print(
        f"  graph: Barabasi-Albert n={csr.n_nodes:,} m={M_EDGES}, {csr.n_edges:,} edges, "
        f"T_c={T / FACTOR:.4f}, tau={tau:.4f}, gamma={GAMMA:g}; "
        "times in seconds per 10^6 outbreaks"
    )
    EoN = _import_eon()
    eon = None if EoN is None else eon_outbreaks(EoN, G, tau, labels[:n_eon], None, 1)
    eon_w = None
    if EoN is not None:
        eon_w = eon_outbreaks(EoN, G_w, tau, labels[:n_eon_rates], "w", 1)
        for name, (seconds, sizes) in (("contact", eon), ("rates", eon_w)):
            print(
                f"  {graph}: EoN fast_SIR ({name}) {sizes.size / seconds:,.0f} outbreaks/s, "
                f"mean size {_summary(sizes)}"
            )

    rows = []
    per_node = {}  # seconds per infected node: the ratio with the work normalised

    def add(task, n_out, seconds, sizes, peer):
        means = sizes.mean(axis=1)
        ours = (_per_1m(seconds, n_out), _summary(means))
        per_node[task] = seconds / sizes.sum()
        print(f"  {task}: {n_out / seconds:,.0f} outbreaks/s, mean size {ours[1]}")
        if peer is None:
            rows.append(missing(task, size, ours[0], "EoN"))
            return
        peer_s = _per_1m(peer[0], peer[1].size)
        same = f"{ours[1]} vs {_summary(peer[1])}"
        ok = within_se(*mean_se(means), *mean_se(peer[1]))
        rows.append(Row(task, size, ours[0], f"EoN fast_SIR x{peer[1].size}", peer_s, same, ok))
        ratio = (peer[0] / peer[1].sum()) / per_node[task]
        print(f"  {task}: per infected node {ratio:.0f}x EoN")

    before = numba.get_num_threads()
    try:
        for threads in _thread_counts():
            numba.set_num_threads(threads)
            seconds, sizes = each_source(csr, np.empty(0), tau, picked[:n_each], runs_each, repeats)
            task = f"{graph} each {n_each}x{runs_each}, {threads} thr"
            add(task, n_each * runs_each, seconds, sizes, eon)
        numba.set_num_threads(1)
        seconds, sizes = sizes_per_source(csr, tau, picked[:n_sizes], runs_sizes, repeats)
        add(
            f"{graph} sizes {n_sizes}x{runs_sizes}, 1 thr",
            n_sizes * runs_sizes,
            seconds,
            sizes,
            eon,
        )
        seconds, sizes = each_source(csr, rates, tau, picked[:n_each], runs_each, repeats)
        task = f"{graph} rates each {n_each}x{runs_each}, 1 thr"
        add(task, n_each * runs_each, seconds, sizes, eon_w)
    finally:
        numba.set_num_threads(before)
    for row in rows:
        if row.peer.startswith("EoN fast_SIR") and "1 thr" in row.task:
            verdict = "met" if row.ratio >= GOAL else "MISSED"
            goal = f"goal >= {GOAL:g}x EoN.fast_SIR on 1 thread"
            print(f"  {goal}, {row.task}: {row.ratio:.1f}x {verdict}")
    return rows
