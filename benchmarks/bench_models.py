"""Time per step of the other spreading models, against discrete SIR on the same graph.

Graphs (seeded): a random 6-regular graph, where every infectious node has
the same number of edges so a node-step is a fixed amount of edge work, and
a Barabasi-Albert graph (m = 3, the same mean degree), where hubs make it
vary. 10,000 nodes, 100,000 for ``large``. Contact transmission at ``beta =
2 beta_c`` (``beta_c`` from ``epidemic_threshold``), recovery ``mu`` in {1,
0.5}, the same seeded random sources for every model.

The work of a step is proportional to the nodes infectious at its start, so
each model is timed in seconds per 10**6 *infectious node-steps* (the sum
over runs and steps of the number of nodes infectious at the start of the
step), counted afterwards on the same runs with the curve kernels
(untimed). The peer of every row is discrete SIR (``sir_discrete_sizes``,
the kernel behind ``simulate(G, "sir")``) with the same graph, ``beta``,
``mu`` and sources, normalised the same way: the ratio is SIR's time per
node-step over the model's (> 1: the model's steps are cheaper; the target
is >= 1). Rows on 1 thread and on all threads; the printed lines also give
the ratio of the fastest repeats, steadier on a shared machine.

Rows:

* SIS (``sis_discrete_prevalence``, a burn-in then a window): "same" gives
  SIS's mean prevalence over the window and SIR's mean outbreak size, each
  with its standard error over runs;
* the threshold model (``threshold_rows``, mu = 1 only): against SIR with a
  per-edge probability, which reads every neighbour as the threshold model
  does.

The peer is a different model, so its numbers are not compared; "agrees"
instead says whether the model gave identical results on 1 thread and on all
threads (a result is a function of the inputs and the seed only).
"""

from argparse import Namespace
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
import numba
import numpy as np

import netsim
from netsim._kernels import sir as sir_kernel
from netsim._kernels import sis as sis_kernel
from netsim._kernels import threshold as threshold_kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.spread import epidemic_threshold

from ._harness import Row, timed, verdict

# From the same sources: SIR runs by mu (enough for >= about 10**6 node-steps: an SIR
# outbreak is short next to an SIS run); SIS (n_runs, burn_in, window)
PROBLEMS = {
    "quick": {
        "n_nodes": 10_000,
        "n_sources": 10,
        "sir_runs": {1.0: 200, 0.5: 20},
        "sis": (5, 50, 100),
        "threshold_cascades": 20,
    },
    "default": {
        "n_nodes": 10_000,
        "n_sources": 10,
        "sir_runs": {1.0: 8_000, 0.5: 800},
        "sis": (100, 100, 200),
        "threshold_cascades": 100,
    },
    "large": {
        "n_nodes": 100_000,
        "n_sources": 10,
        "sir_runs": {1.0: 4_000, 0.5: 400},
        "sis": (50, 100, 200),
        "threshold_cascades": 20,
    },
}
SEED = 20101888
DEGREE = 6  # random regular graph; BA with m = DEGREE // 2 has the same mean degree
BETA_FACTOR = 2.0
MUS = (1.0, 0.5)
NO_P = np.empty(0, dtype=np.float64)
THRESHOLD_THETA = 0.15  # one adopter out of <= 6 neighbours suffices: cascades are large
GOAL = 1.0  # each model at least as fast per infectious node-step as discrete SIR


@dataclass(frozen=True)
class Setup:
    """The shared input of every row: graph, parameters, sources and root key."""

    size: str
    repeats: int
    graph: str  # short name for the task column
    csr: netsim.CSRGraph
    beta: float
    sources: np.ndarray  # sorted positions; stream = sources[0]
    key: tuple[np.uint64, np.uint64]


@dataclass(frozen=True)
class Baseline:
    """Discrete SIR on the same graph: seconds per 10**6 node-steps by thread count."""

    median: dict[int, float]
    fastest: dict[int, float]
    summary: str


def graphs(n_nodes: int) -> dict[str, nx.Graph]:
    rng = np.random.default_rng(SEED)
    return {
        f"RR{DEGREE}": nx.random_regular_graph(DEGREE, n_nodes, seed=rng),
        f"BA{DEGREE // 2}": nx.barabasi_albert_graph(n_nodes, DEGREE // 2, seed=rng),
    }


def _thread_counts() -> list[int]:
    return sorted({1, numba.config.NUMBA_NUM_THREADS})


def _mean_se(values: np.ndarray, digits: int) -> str:
    values = np.asarray(values, dtype=np.float64)
    se = values.std(ddof=1) / np.sqrt(values.size) if values.size > 1 else float("nan")
    return f"{values.mean():.{digits}f}+-{se:.{digits}f}"


def _per_1m(seconds: float, node_steps: int) -> float:
    return 1e6 * seconds / node_steps if node_steps > 0 else float("nan")


def sir_baseline(setup: Setup, mu: float) -> Baseline:
    """Time ``sir_discrete_sizes``; count its node-steps with ``sir_discrete_curves``."""
    csr, n_runs = setup.csr, PROBLEMS[setup.size]["sir_runs"][mu]
    args = (csr.indptr, csr.indices, NO_P, setup.beta, mu, setup.sources, n_runs, *setup.key)
    tail = (int(Purpose.SIR), int(setup.sources[0]))
    # I after step t, t = 0 .. end, is 0 only at the end: the sum is the node-steps
    _, _, curve_i, _ = sir_kernel.sir_discrete_curves(*args, *tail)
    node_steps = int(curve_i.sum())
    median, fastest = {}, {}
    before = numba.get_num_threads()
    try:
        for threads in _thread_counts():
            numba.set_num_threads(threads)
            seconds, best, sizes = timed(
                lambda: sir_kernel.sir_discrete_sizes(*args, *tail), setup.repeats
            )
            median[threads] = _per_1m(seconds, node_steps)
            fastest[threads] = _per_1m(best, node_steps)
    finally:
        numba.set_num_threads(before)
    return Baseline(median, fastest, f"SIR size {_mean_se(sizes, 0)}")


def sis_rows(setup: Setup, mu: float, baseline: Baseline) -> list[Row]:
    """Time ``sis_discrete_prevalence``; count its node-steps with ``sis_discrete_curves``."""
    csr = setup.csr
    n_runs, burn_in, window = PROBLEMS[setup.size]["sis"]
    n_steps = burn_in + window
    common = (csr.indptr, csr.indices, NO_P, setup.beta, mu, setup.sources, n_runs)
    tail = (*setup.key, int(Purpose.SIS), int(setup.sources[0]))
    # the steps run are t = 1 .. n_steps; the nodes infectious at their start: I[:, :n_steps]
    _, curve_i = sis_kernel.sis_discrete_curves(*common, n_steps, *tail)
    node_steps = int(curve_i[:, :n_steps].sum())
    rows = []
    results = []
    before = numba.get_num_threads()
    try:
        for threads in _thread_counts():
            numba.set_num_threads(threads)
            seconds, best, prevalence = timed(
                lambda: sis_kernel.sis_discrete_prevalence(*common, burn_in, window, *tail),
                setup.repeats,
            )
            ours = _per_1m(seconds, node_steps)
            task = f"SIS {setup.graph} mu={mu:g} {n_runs}x{n_steps}, {threads} thr"
            same = f"SIS prevalence {_mean_se(prevalence, 4)} | {baseline.summary}"
            rows.append(Row(task, setup.size, ours, "discrete SIR", baseline.median[threads], same))
            results.append(prevalence)
            fastest = _per_1m(best, node_steps)
            print(
                f"  SIS {setup.graph} mu={mu:g}, {threads} thread(s): {1e3 * ours:,.1f} ns per "
                f"node-step ({node_steps:,}), SIR {1e3 * baseline.median[threads]:,.1f} ns; "
                f"fastest repeats: ratio {baseline.fastest[threads] / fastest:.2f}"
            )
    finally:
        numba.set_num_threads(before)
    return _thread_verdict(rows, results)


def _thread_verdict(rows: list[Row], results: list[np.ndarray]) -> list[Row]:
    """Set ``agrees`` of every row to whether the results are identical on every thread count."""
    ok = all(np.array_equal(results[0], other) for other in results[1:])
    text = f"; identical on 1/N thr: {verdict(ok)}"
    return [
        Row(r.task, r.size, r.netsim_s, r.peer, r.peer_s, r.same_result + text, ok) for r in rows
    ]


def threshold_rows(setup: Setup, mu: float, baseline: Baseline) -> list[Row]:
    """Time ``threshold_sizes_each_source`` against SIR that reads every neighbour.

    An adopter acts once, at the step after it adopts, like an SIR node with
    ``mu = 1``, so only ``mu = 1`` has a row. It adds its weight to every
    neighbour, so its peer is discrete SIR with a per-edge probability (one
    draw per susceptible neighbour, every neighbour read) rather than the
    contact path, which skips over neighbours geometrically. Node-steps: the
    adopters summed over cascades (each is active for exactly one step).
    """
    if mu != 1.0:
        return []
    csr = setup.csr
    n_cascades = PROBLEMS[setup.size]["threshold_cascades"]
    nodes = np.linspace(0, csr.n_nodes - 1, n_cascades).astype(np.int64)
    totals = np.diff(csr.indptr).astype(np.float64)
    cascade = (csr.indptr, csr.indices, NO_P, totals, THRESHOLD_THETA, True, nodes)
    node_steps = int(threshold_kernel.threshold_sizes_each_source(*cascade).sum())
    p = np.full(csr.indices.size, setup.beta)
    n_runs = PROBLEMS[setup.size]["sir_runs"][1.0]
    sir_args = (csr.indptr, csr.indices, p, setup.beta, 1.0, setup.sources, n_runs, *setup.key)
    tail = (int(Purpose.SIR), int(setup.sources[0]))
    _, _, curve_i, _ = sir_kernel.sir_discrete_curves(*sir_args, *tail)
    sir_steps = int(curve_i.sum())
    rows = []
    results = []
    before = numba.get_num_threads()
    try:
        for threads in _thread_counts():
            numba.set_num_threads(threads)
            seconds, _, sizes = timed(
                lambda: threshold_kernel.threshold_sizes_each_source(*cascade), setup.repeats
            )
            peer, _, sir_sizes = timed(
                lambda: sir_kernel.sir_discrete_sizes(*sir_args, *tail), setup.repeats
            )
            ours, theirs = _per_1m(seconds, node_steps), _per_1m(peer, sir_steps)
            task = f"threshold {setup.graph} theta={THRESHOLD_THETA:g} x{n_cascades}, {threads} thr"
            same = f"cascade {_mean_se(sizes, 0)} | SIR (per-edge p) size {_mean_se(sir_sizes, 0)}"
            rows.append(Row(task, setup.size, ours, "SIR, per-edge p", theirs, same))
            results.append(sizes)
            print(
                f"  threshold {setup.graph}, {threads} thread(s): {1e3 * ours:,.1f} ns per "
                f"node-step ({node_steps:,}), SIR per-edge p {1e3 * theirs:,.1f} ns"
            )
    finally:
        numba.set_num_threads(before)
    return _thread_verdict(rows, results)


# One entry per model timed against discrete SIR: (name, rows(setup, mu, baseline)).
MODEL_ROWS: tuple[tuple[str, Callable[[Setup, float, Baseline], list[Row]]], ...] = (
    ("SIS", sis_rows),
    ("threshold", threshold_rows),
)


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    key = kernel_key(seed_sequence(SEED))
    rows = []
    for name, G in graphs(problem["n_nodes"]).items():
        csr = netsim.CSRGraph.from_networkx(G)
        beta = BETA_FACTOR * epidemic_threshold(csr)
        rng = np.random.default_rng(SEED)
        picked = rng.choice(csr.n_nodes, problem["n_sources"], replace=False)
        setup = Setup(size, repeats, name, csr, beta, np.sort(picked).astype(np.int64), key)
        print(
            f"  graph {name}: n={csr.n_nodes:,}, {csr.n_edges:,} edges, beta={beta:.4f} "
            f"({BETA_FACTOR:g}x beta_c), contact, {problem['n_sources']} sources; "
            "times in seconds per 10^6 infectious node-steps"
        )
        # compile outside the timed region
        tiny = (csr.indptr, csr.indices, NO_P, beta, 0.5, setup.sources, 2)
        sir_kernel.sir_discrete_sizes(*tiny, *key, int(Purpose.SIR), 0)
        sis_kernel.sis_discrete_prevalence(*tiny, 1, 1, *key, int(Purpose.SIS), 0)
        for mu in MUS:
            baseline = sir_baseline(setup, mu)
            for _, model_rows in MODEL_ROWS:
                rows += model_rows(setup, mu, baseline)
    for row in rows:
        verdict = "met" if row.ratio >= GOAL else "MISSED"
        goal = f"goal >= {GOAL:g}x discrete SIR per node-step"
        print(f"  {goal}, {row.task}: {row.ratio:.2f}x {verdict}")
    return rows
