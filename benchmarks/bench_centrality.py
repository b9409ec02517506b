"""Classic centralities: netsim against networkx, igraph and networkit on the same graphs.

Two seeded power-law graphs (Chung-Lu, exponent 2.5, mean degree about 10;
``bench_kshell.random_graph``): a small one on which every measure runs
exactly, networkx included, and a large one for the sampled betweenness (k
pivots), eigenvector and PageRank. Each netsim row times the public function
on a CSRGraph (converted once, outside the timing) at the default thread
count; the betweenness and closeness kernels also get a 1-thread row, since
networkx and igraph are single-threaded. networkx runs once per task (it is
slow); netsim, igraph and networkit take the median of ``repeats``. Graph
construction is not timed for netsim (a CSRGraph), igraph or networkit, but
networkx's eigenvector and PageRank rows include its own conversion of the
graph (to scipy.sparse for PageRank), which is most of their cost: they show
what a networkx user waits for.

Agreement ("same"): the largest absolute difference from netsim's values,
after the peer's are put on netsim's scale (networkit counts ordered pairs;
igraph scales the eigenvector to max 1). For the sampled betweenness the
networkx row runs networkx's own Brandes steps on netsim's pivots (its
public function would draw other pivots), so both compute the same estimate
and the difference is rounding; networkit's estimate uses its own pivots, so
its row gives the Spearman rank correlation instead. A peer that is not
installed in the running environment gets a "(not installed)" row.

"agrees" is True when the largest difference is within the tolerance of
the measure, relative to the largest value (``TOLERANCE``: rounding for the
exact measures, the peers' stopping rules for the iterative ones), or, for
networkit's own-pivot estimate, when the rank correlation is at least
``MIN_RANK_CORRELATION``.
"""

import time
import warnings
from argparse import Namespace
from collections.abc import Callable

import networkx as nx
import numba
import numpy as np
from scipy import stats

import netsim
from netsim.measures import betweenness, closeness, degree, eigenvector, pagerank

from ._harness import Row, max_abs_diff, missing, timed
from .bench_kshell import random_graph

PROBLEMS = {
    "quick": {"small_edges": 2_000, "large_edges": 20_000, "k": 16},
    "default": {"small_edges": 10_000, "large_edges": 1_000_000, "k": 16},
    "large": {"small_edges": 20_000, "large_edges": 5_000_000, "k": 16},
}


def _once(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


# Largest |difference| allowed, relative to the largest |value| of netsim's result:
# rounding for the exact measures; networkx, igraph and networkit stop their power
# iterations at tolerances near 1e-6 for eigenvector and PageRank.
TOLERANCE = {"betweenness": 1e-9, "closeness": 1e-9, "eigenvector": 1e-4, "pagerank": 1e-4}
# netsim's tol (networkx's meaning: stop when the L1 change is below n * tol) against
# peers that solve to machine precision
TIGHT_TOL = 1e-12
MIN_RANK_CORRELATION = 0.5  # networkit's own pivots: a sanity check, not an equality


def _row(
    task: str,
    size: str,
    netsim_s: float,
    peer: str,
    peer_s: float,
    values: object,
    expected: np.ndarray,
    measure: str,
) -> Row:
    """Return a row that agrees when the largest difference is within TOLERANCE[measure]."""
    diff = max_abs_diff(values, expected)
    scale = max(1e-300, float(np.max(np.abs(expected), initial=0.0)))
    ok = diff <= TOLERANCE[measure] * scale
    return Row(task, size, netsim_s, peer, peer_s, f"max|d| {diff:.1e} (max {scale:.1e})", ok)


def _graphs(n_edges: int) -> tuple[netsim.CSRGraph, nx.Graph, np.ndarray, np.ndarray]:
    n_nodes, u, v = random_graph("power-law", n_edges)
    csr = netsim.CSRGraph.from_edges(u, v, nodes=np.arange(n_nodes))
    tails = np.repeat(np.arange(csr.n_nodes, dtype=np.int64), np.diff(csr.indptr))
    upper = tails < csr.indices
    a, b = tails[upper], csr.indices[upper].astype(np.int64)
    G = nx.Graph()
    G.add_nodes_from(range(csr.n_nodes))
    G.add_edges_from(zip(a.tolist(), b.tolist(), strict=True))
    return csr, G, a, b


def _peers(n_nodes: int, a: np.ndarray, b: np.ndarray) -> tuple[object, object]:
    try:
        import igraph as ig
    except ImportError:
        g = None
    else:
        g = ig.Graph(n=n_nodes, edges=np.column_stack([a, b]).tolist())
    try:
        import networkit as nk
    except ImportError:
        H = None
    else:
        H = nk.Graph(n_nodes)
        H.addEdges((a, b))
    return g, H


def _networkit_scores(algorithm: object) -> np.ndarray:
    algorithm.run()
    return np.asarray(algorithm.scores(), dtype=np.float64)


def _with_threads(threads: int, function: Callable[[], object]) -> Callable[[], object]:
    def call() -> object:
        before = numba.get_num_threads()
        numba.set_num_threads(threads)
        try:
            return function()
        finally:
            numba.set_num_threads(before)

    return call


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    tiny = netsim.CSRGraph.from_edges([0, 1], [1, 2])
    t_first = _once(lambda: (betweenness(tiny), closeness(tiny)))[0]
    print(f"  first calls (compile, or load from numba's cache): {t_first:.2f} s")
    rows = _small_rows(size, problem, repeats)
    rows.extend(_large_rows(size, problem, repeats))
    return rows


def _small_rows(size: str, problem: dict, repeats: int) -> list[Row]:
    csr, G, a, b = _graphs(problem["small_edges"])
    g, H = _peers(csr.n_nodes, a, b)
    label = f"{csr.n_edges:,} edges"
    print(f"  exact graph: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges")
    rows = []

    t_deg, _, k = timed(lambda: degree(csr), repeats)
    t_peer, expected = _once(lambda: dict(G.degree()))
    ok = k.to_dict() == expected
    task = f"degree, {label}"
    rows.append(Row(task, size, t_deg, "networkx G.degree", t_peer, "yes" if ok else "NO", ok))

    task = f"betweenness exact, {label}"
    t_bc, _, bc = timed(lambda: betweenness(csr, normalized=False), repeats)
    t_bc1, _, bc1 = timed(_with_threads(1, lambda: betweenness(csr, normalized=False)), repeats)
    bc, bc1 = bc.to_numpy(), bc1.to_numpy()
    t_peer, expected = _once(lambda: nx.betweenness_centrality(G, normalized=False))
    expected = [expected[i] for i in range(csr.n_nodes)]
    rows.append(_row(task, size, t_bc, "networkx", t_peer, expected, bc, "betweenness"))
    task1 = f"{task}, 1 thr"
    rows.append(_row(task1, size, t_bc1, "networkx", t_peer, expected, bc1, "betweenness"))
    if g is None:
        rows.append(missing(task, size, t_bc, "igraph"))
    else:
        t_peer, _, values = timed(lambda: g.betweenness(directed=False), repeats)
        rows.append(_row(task1, size, t_bc1, "igraph", t_peer, values, bc, "betweenness"))
    if H is None:
        rows.append(missing(task, size, t_bc, "networkit"))
    else:
        import networkit as nk

        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.Betweenness(H, False)), repeats
        )
        rows.append(_row(task, size, t_bc, "networkit", t_peer, values / 2, bc, "betweenness"))

    task = f"closeness, {label}"
    t_cl, _, cl = timed(lambda: closeness(csr), repeats)
    t_cl1, _, cl1 = timed(_with_threads(1, lambda: closeness(csr)), repeats)
    cl, cl1 = cl.to_numpy(), cl1.to_numpy()
    t_peer, expected = _once(lambda: nx.closeness_centrality(G))
    expected = [expected[i] for i in range(csr.n_nodes)]
    rows.append(_row(task, size, t_cl, "networkx", t_peer, expected, cl, "closeness"))
    task1 = f"{task}, 1 thr"
    rows.append(_row(task1, size, t_cl1, "networkx", t_peer, expected, cl1, "closeness"))
    if H is None:
        rows.append(missing(task, size, t_cl, "networkit"))
    else:
        import networkit as nk

        variant = nk.centrality.ClosenessVariant.GENERALIZED  # = wf_improved=True
        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.Closeness(H, True, variant)), repeats
        )
        peer = "networkit (generalized)"
        rows.append(_row(task, size, t_cl, peer, t_peer, values, cl, "closeness"))
    return rows


def _large_rows(size: str, problem: dict, repeats: int) -> list[Row]:
    csr, G, a, b = _graphs(problem["large_edges"])
    g, H = _peers(csr.n_nodes, a, b)
    k = problem["k"]
    label = f"{csr.n_edges / 1e6:.2f}M edges"
    print(f"  large graph: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges; {k} pivots")
    rows = []

    task = f"betweenness k={k}, {label}"
    t_bc, _, bc = timed(lambda: betweenness(csr, k=k, normalized=False, seed=7), repeats)
    t_bc1, _, bc1 = timed(
        _with_threads(1, lambda: betweenness(csr, k=k, normalized=False, seed=7)), repeats
    )
    pivots = bc.attrs["pivots"]
    bc, bc1 = bc.to_numpy(), bc1.to_numpy()
    t_peer, expected = _once(lambda: _networkx_estimate(G, pivots))
    expected = [expected[i] for i in range(csr.n_nodes)]
    peer = "networkx (same pivots)"
    rows.append(_row(task, size, t_bc, peer, t_peer, expected, bc, "betweenness"))
    rows.append(_row(f"{task}, 1 thr", size, t_bc1, peer, t_peer, expected, bc1, "betweenness"))
    if H is None:
        rows.append(missing(task, size, t_bc, "networkit"))
    else:
        import networkit as nk

        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.EstimateBetweenness(H, k, False, True)),
            repeats,
        )
        rho = stats.spearmanr(values, bc).statistic
        ok = bool(rho >= MIN_RANK_CORRELATION)
        peer = "networkit Estimate (own)"
        rows.append(Row(task, size, t_bc, peer, t_peer, f"rank r {rho:.3f}", ok))

    task = f"eigenvector, {label}"
    t_ev, _, ev = timed(lambda: eigenvector(csr, max_iter=1000), repeats)
    ev = ev.to_numpy()
    t_peer, expected = _once(lambda: nx.eigenvector_centrality(G, max_iter=1000))
    expected = [expected[i] for i in range(csr.n_nodes)]
    rows.append(_row(task, size, t_ev, "networkx", t_peer, expected, ev, "eigenvector"))
    if g is None:
        rows.append(missing(task, size, t_ev, "igraph"))
    else:
        # igraph solves to machine precision; networkx's stopping rule (an L1 change
        # below n * tol) is loose on large graphs, so netsim is timed at TIGHT_TOL here.
        t_tight, _, tight = timed(
            lambda: eigenvector(csr, max_iter=100_000, tol=TIGHT_TOL), repeats
        )
        t_peer, _, values = timed(lambda: _igraph_eigenvector(g), repeats)
        values = np.asarray(values) / np.linalg.norm(values)
        peer = f"igraph (ARPACK); netsim tol {TIGHT_TOL:g}"
        rows.append(
            _row(task, size, t_tight, peer, t_peer, values, tight.to_numpy(), "eigenvector")
        )

    task = f"pagerank, {label}"
    t_pr, _, pr = timed(lambda: pagerank(csr), repeats)
    pr = pr.to_numpy()
    t_peer, expected = _once(lambda: nx.pagerank(G, weight=None))
    expected = [expected[i] for i in range(csr.n_nodes)]
    rows.append(_row(task, size, t_pr, "networkx (scipy)", t_peer, expected, pr, "pagerank"))
    if g is not None or H is not None:
        # The peers solve to 1e-9 or better: netsim at TIGHT_TOL, as for eigenvector.
        t_tight, _, tight = timed(lambda: pagerank(csr, max_iter=100_000, tol=TIGHT_TOL), repeats)
        tight = tight.to_numpy()
    if g is None:
        rows.append(missing(task, size, t_pr, "igraph"))
    else:
        t_peer, _, values = timed(lambda: g.pagerank(damping=0.85), repeats)
        peer = f"igraph (PRPACK); netsim tol {TIGHT_TOL:g}"
        rows.append(_row(task, size, t_tight, peer, t_peer, values, tight, "pagerank"))
    if H is None:
        rows.append(missing(task, size, t_pr, "networkit"))
    else:
        import networkit as nk

        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.PageRank(H, 0.85, 1e-9)), repeats
        )
        values = values / values.sum()
        peer = f"networkit; netsim tol {TIGHT_TOL:g}"
        rows.append(_row(task, size, t_tight, peer, t_peer, values, tight, "pagerank"))
    return rows


def _igraph_eigenvector(g: object) -> list:
    with warnings.catch_warnings():  # igraph warns that a disconnected graph has near-0 values
        warnings.simplefilter("ignore", RuntimeWarning)
        return g.eigenvector_centrality()


def _networkx_estimate(G: nx.Graph, pivots: list) -> dict:
    """Return networkx's sampled estimate (its Brandes steps and rescaling) on ``pivots``."""
    from networkx.algorithms.centrality.betweenness import (
        _accumulate_basic,
        _rescale,
        _single_source_shortest_path_basic,
    )

    values = dict.fromkeys(G, 0.0)
    for s in pivots:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        values, _ = _accumulate_basic(values, S, P, sigma, s)
    return _rescale(
        values, len(G), normalized=False, directed=False, endpoints=False, sampled_nodes=pivots
    )
