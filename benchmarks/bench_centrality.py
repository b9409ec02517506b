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
installed in the running environment is reported as missing.
"""

import time
import warnings
from collections.abc import Callable

import networkx as nx
import numba
import numpy as np
from scipy import stats

import netsim
from netsim.measures import betweenness, closeness, degree, eigenvector, pagerank

from ._harness import Row, timed
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


def _diff(values: object, expected: np.ndarray) -> str:
    array = np.asarray(values, dtype=np.float64)
    return f"max|d| {np.max(np.abs(array - expected), initial=0.0):.1e}"


def _missing(task: str, size: str, netsim_s: float, peer: str) -> Row:
    return Row(task, size, netsim_s, f"{peer} (not installed)", float("nan"), "-")


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


def run(size: str, repeats: int) -> list[Row]:
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
    same = "yes" if k.to_dict() == expected else "NO"
    rows.append(Row(f"degree, {label}", size, t_deg, "networkx G.degree", t_peer, same))

    task = f"betweenness exact, {label}"
    t_bc, _, bc = timed(lambda: betweenness(csr, normalized=False), repeats)
    t_bc1, _, _ = timed(_with_threads(1, lambda: betweenness(csr, normalized=False)), repeats)
    bc = bc.to_numpy()
    t_peer, expected = _once(lambda: nx.betweenness_centrality(G, normalized=False))
    same = _diff([expected[i] for i in range(csr.n_nodes)], bc)
    rows.append(Row(task, size, t_bc, "networkx", t_peer, same))
    rows.append(Row(f"{task}, 1 thr", size, t_bc1, "networkx", t_peer, same))
    if g is None:
        rows.append(_missing(task, size, t_bc, "igraph"))
    else:
        t_peer, _, values = timed(lambda: g.betweenness(directed=False), repeats)
        rows.append(Row(f"{task}, 1 thr", size, t_bc1, "igraph", t_peer, _diff(values, bc)))
    if H is None:
        rows.append(_missing(task, size, t_bc, "networkit"))
    else:
        import networkit as nk

        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.Betweenness(H, False)), repeats
        )
        rows.append(Row(task, size, t_bc, "networkit", t_peer, _diff(values / 2, bc)))

    task = f"closeness, {label}"
    t_cl, _, cl = timed(lambda: closeness(csr), repeats)
    t_cl1, _, _ = timed(_with_threads(1, lambda: closeness(csr)), repeats)
    cl = cl.to_numpy()
    t_peer, expected = _once(lambda: nx.closeness_centrality(G))
    same = _diff([expected[i] for i in range(csr.n_nodes)], cl)
    rows.append(Row(task, size, t_cl, "networkx", t_peer, same))
    rows.append(Row(f"{task}, 1 thr", size, t_cl1, "networkx", t_peer, same))
    if H is None:
        rows.append(_missing(task, size, t_cl, "networkit"))
    else:
        import networkit as nk

        variant = nk.centrality.ClosenessVariant.GENERALIZED  # = wf_improved=True
        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.Closeness(H, True, variant)), repeats
        )
        rows.append(Row(task, size, t_cl, "networkit (generalized)", t_peer, _diff(values, cl)))
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
    t_bc1, _, _ = timed(
        _with_threads(1, lambda: betweenness(csr, k=k, normalized=False, seed=7)), repeats
    )
    pivots = bc.attrs["pivots"]
    bc = bc.to_numpy()
    t_peer, expected = _once(lambda: _networkx_estimate(G, pivots))
    same = _diff([expected[i] for i in range(csr.n_nodes)], bc)
    rows.append(Row(task, size, t_bc, "networkx (same pivots)", t_peer, same))
    rows.append(Row(f"{task}, 1 thr", size, t_bc1, "networkx (same pivots)", t_peer, same))
    if H is None:
        rows.append(_missing(task, size, t_bc, "networkit"))
    else:
        import networkit as nk

        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.EstimateBetweenness(H, k, False, True)),
            repeats,
        )
        rho = stats.spearmanr(values, bc).statistic
        rows.append(Row(task, size, t_bc, "networkit Estimate (own)", t_peer, f"rank r {rho:.3f}"))

    task = f"eigenvector, {label}"
    t_ev, _, ev = timed(lambda: eigenvector(csr, max_iter=1000), repeats)
    ev = ev.to_numpy()
    t_peer, expected = _once(lambda: nx.eigenvector_centrality(G, max_iter=1000))
    same = _diff([expected[i] for i in range(csr.n_nodes)], ev)
    rows.append(Row(task, size, t_ev, "networkx", t_peer, same))
    if g is None:
        rows.append(_missing(task, size, t_ev, "igraph"))
    else:
        t_peer, _, values = timed(lambda: _igraph_eigenvector(g), repeats)
        values = np.asarray(values) / np.linalg.norm(values)
        rows.append(Row(task, size, t_ev, "igraph (ARPACK)", t_peer, _diff(values, ev)))

    task = f"pagerank, {label}"
    t_pr, _, pr = timed(lambda: pagerank(csr), repeats)
    pr = pr.to_numpy()
    t_peer, expected = _once(lambda: nx.pagerank(G, weight=None))
    same = _diff([expected[i] for i in range(csr.n_nodes)], pr)
    rows.append(Row(task, size, t_pr, "networkx (scipy)", t_peer, same))
    if g is None:
        rows.append(_missing(task, size, t_pr, "igraph"))
    else:
        t_peer, _, values = timed(lambda: g.pagerank(damping=0.85), repeats)
        rows.append(Row(task, size, t_pr, "igraph (PRPACK)", t_peer, _diff(values, pr)))
    if H is None:
        rows.append(_missing(task, size, t_pr, "networkit"))
    else:
        import networkit as nk

        t_peer, _, values = timed(
            lambda: _networkit_scores(nk.centrality.PageRank(H, 0.85, 1e-9)), repeats
        )
        values = values / values.sum()
        rows.append(Row(task, size, t_pr, "networkit", t_peer, _diff(values, pr)))
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
