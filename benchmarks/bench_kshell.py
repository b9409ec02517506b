"""k-shell decomposition: netsim's kernels against networkx, igraph and networkit.

Every peer runs on the same seeded graph in the same process, and every row
says whether its core numbers (or onion layers) equal netsim's exactly.
netsim's kernels are serial; networkit's CoreDecomposition runs at 1 and at
2 threads. The weighted k-shell (Garas et al. 2012, seeded log-normal
weights) has no peer that runs at this size, so its row gives its cost
relative to netsim's own core numbers on the same graph (ratio < 1: slower),
and checks that unit weights give the core numbers exactly. Graph
construction from edge arrays is timed apart, once per library, so that the
decomposition rows compare computation only.
"""

import time
from argparse import Namespace
from collections.abc import Callable

import networkx as nx
import numpy as np

import netsim
from netsim._kernels import kshell as kernel
from netsim._kernels import weighted_kshell as weighted_kernel
from netsim.measures import core_number

from ._harness import Row, missing, timed, verdict

# n_edges drawn per graph (a few duplicates and self-loops are dropped), and
# the families on which networkx runs: for 5 million edges networkx needs
# about 45 s to build the graph, 60-95 s for core_number and 3 GB, and its
# onion_layers, which sorts the remaining nodes every round, far longer.
PROBLEMS = {
    "quick": {
        "n_edges": 100_000,
        "networkx_core": ("power-law", "uniform"),
        "networkx_onion": ("power-law", "uniform"),
    },
    "default": {"n_edges": 5_000_000, "networkx_core": ("power-law",), "networkx_onion": ()},
    "large": {"n_edges": 20_000_000, "networkx_core": (), "networkx_onion": ()},
}
FAMILIES = ("power-law", "uniform")
NK_THREADS = (1, 2)


def random_graph(
    family: str, n_edges: int, seed: int = 20250301
) -> tuple[int, np.ndarray, np.ndarray]:
    """Return ``(n_nodes, u, v)``: endpoints of a seeded random graph, mean degree about 10.

    "power-law": Chung-Lu, node i drawn with probability proportional to
    (i + 1) ** (-1 / (gamma - 1)), gamma = 2.5, so degrees follow a power law
    of exponent 2.5 and shells reach a few dozen. "uniform": endpoints drawn
    uniformly (Erdos-Renyi G(n, m) up to duplicates), few shells, no hubs.
    """
    rng = np.random.default_rng(seed)
    n_nodes = max(2, n_edges // 5)
    if family == "power-law":
        weights = np.arange(1, n_nodes + 1, dtype=np.float64) ** (-1.0 / 1.5)
        p = weights / weights.sum()
        u = rng.choice(n_nodes, size=n_edges, p=p)
        v = rng.choice(n_nodes, size=n_edges, p=p)
    else:
        u = rng.integers(0, n_nodes, n_edges)
        v = rng.integers(0, n_nodes, n_edges)
    keep = u != v
    return n_nodes, u[keep], v[keep]


def _equal(values: object, expected: np.ndarray) -> bool:
    return bool(np.array_equal(np.asarray(values, dtype=np.float64), expected))


def _row(task: str, size: str, netsim_s: float, peer: str, peer_s: float, ok: bool) -> Row:
    """Return a row whose results must be identical (core numbers, onion layers)."""
    return Row(task, size, netsim_s, peer, peer_s, verdict(ok), ok)


def _skipped(task: str, size: str, netsim_s: float, peer: str) -> Row:
    return Row(task, size, netsim_s, f"{peer} (skipped: size)", float("nan"), "-")


def _once(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    rows = []
    problem = PROBLEMS[size]
    tiny = netsim.CSRGraph.from_edges([0, 1], [1, 2])  # same array types as the big graphs
    t_core = _once(lambda: kernel.core_numbers_peel(tiny.indptr, tiny.indices))[0]
    t_onion = _once(lambda: kernel.onion_layers_peel(tiny.indptr, tiny.indices))[0]
    tiny = netsim.CSRGraph.from_edges([0, 1], [1, 2], [1.0, 2.0])
    t_weighted = _once(
        lambda: weighted_kernel.weighted_shells_peel(
            tiny.indptr, tiny.indices, tiny.weights, 1.0, 1.0
        )
    )[0]
    print(
        f"  first calls (compile, or load from numba's cache): core_numbers_peel {t_core:.2f} s, "
        f"onion_layers_peel {t_onion:.2f} s, weighted_shells_peel {t_weighted:.2f} s; "
        "netsim's kernels are serial"
    )
    for family in FAMILIES:
        rows.extend(_run_family(family, size, problem, repeats))
    return rows


def _run_family(family: str, size: str, problem: dict, repeats: int) -> list[Row]:
    n_nodes, u, v = random_graph(family, problem["n_edges"])
    t_build, csr = _once(lambda: netsim.CSRGraph.from_edges(u, v, nodes=np.arange(n_nodes)))
    indptr, indices = csr.indptr, csr.indices
    tails = np.repeat(np.arange(n_nodes, dtype=np.int64), np.diff(indptr))
    upper = tails < indices
    a, b = tails[upper], indices[upper].astype(np.int64)  # each edge once, node ids 0..n-1
    label = f"{family} {csr.n_edges / 1e6:.1f}M"

    t_core, _, core = timed(lambda: kernel.core_numbers_peel(indptr, indices), repeats)
    t_onion, _, layers = timed(lambda: kernel.onion_layers_peel(indptr, indices), repeats)
    print(
        f"  {family}: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges ({indices.dtype} arrays), "
        f"max core {core.max()}, {layers.max()} onion layers"
    )
    core_task, onion_task = f"core numbers, {label} edges", f"onion layers, {label} edges"
    build_task = f"build graph, {label} edges"
    rows, public_rows, build_rows = [], [], []
    weighted_row = _weighted_row(n_nodes, a, b, core, t_core, label, size, repeats)

    if family in problem["networkx_core"]:
        t_peer, G = _once(lambda: _networkx_graph(n_nodes, a, b))
        build_rows.append(Row(build_task, size, t_build, "networkx Graph()", t_peer, "-"))
        t_peer, expected = _once(lambda: nx.core_number(G))
        nx_core = np.array([expected[i] for i in range(n_nodes)], dtype=np.int64)
        ok = _equal(nx_core, core)
        rows.append(_row(core_task, size, t_core, "networkx.core_number", t_peer, ok))
        # What a user holding a networkx graph feels: conversion included.
        t_public, series = _once(lambda: core_number(G))
        ok = _equal(series.to_numpy(), nx_core)
        task = f"core_number(nx.Graph) {label}"
        public_rows.append(_row(task, size, t_public, "networkx.core_number", t_peer, ok))
        if family in problem["networkx_onion"]:
            t_peer, expected = _once(lambda: nx.onion_layers(G))
            ok = _equal([expected[i] for i in range(n_nodes)], layers)
            onion_row = _row(onion_task, size, t_onion, "networkx.onion_layers", t_peer, ok)
        else:
            onion_row = _skipped(onion_task, size, t_onion, "networkx.onion_layers")
        del G, expected
    else:
        rows.append(_skipped(core_task, size, t_core, "networkx.core_number"))
        onion_row = _skipped(onion_task, size, t_onion, "networkx.onion_layers")

    try:
        import igraph as ig
    except ImportError:
        rows.append(missing(core_task, size, t_core, "igraph"))
    else:
        edges = list(zip(a.tolist(), b.tolist(), strict=True))
        t_peer, g = _once(lambda: ig.Graph(n=n_nodes, edges=edges))
        build_rows.append(Row(build_task, size, t_build, "igraph Graph(n, edges)", t_peer, "-"))
        t_peer, _, coreness = timed(g.coreness, repeats)
        ok = _equal(coreness, core)
        rows.append(_row(core_task, size, t_core, "igraph Graph.coreness", t_peer, ok))
        del g, edges

    try:
        import networkit as nk
    except ImportError:
        rows.append(missing(core_task, size, t_core, "networkit"))
    else:
        t_peer, H = _once(lambda: _networkit_graph(nk, n_nodes, a, b))
        build_rows.append(Row(build_task, size, t_build, "networkit Graph.addEdges", t_peer, "-"))
        threads_before = nk.getMaxNumberOfThreads()
        for threads in NK_THREADS:
            nk.setNumberOfThreads(threads)
            t_peer, _, decomposition = timed(lambda: _networkit_cores(nk, H), repeats)
            ok = _equal(decomposition.scores(), core)
            peer = f"networkit CoreDecomp {threads} thr"
            rows.append(_row(core_task, size, t_core, peer, t_peer, ok))
        nk.setNumberOfThreads(threads_before)
        del H

    return [*rows, onion_row, weighted_row, *public_rows, *build_rows]


def _weighted_row(
    n_nodes: int,
    a: np.ndarray,
    b: np.ndarray,
    core: np.ndarray,
    t_core: float,
    label: str,
    size: str,
    repeats: int,
) -> Row:
    """Time the weighted k-shell (alpha = beta = 1) against core numbers on the same graph."""
    rng = np.random.default_rng(20250303)
    weights = rng.lognormal(0.0, 1.0, a.size)  # one weight per edge, spread over ~2 decades
    graph = netsim.CSRGraph.from_edges(a, b, weights, nodes=np.arange(n_nodes))
    indptr, indices, w = graph.indptr, graph.indices, graph.weights
    t_weighted, _, shells = timed(
        lambda: weighted_kernel.weighted_shells_peel(indptr, indices, w, 1.0, 1.0), repeats
    )
    ones = np.ones(indices.size)
    ones.flags.writeable = False
    unit = weighted_kernel.weighted_shells_peel(indptr, indices, ones, 1.0, 1.0)
    print(
        f"  {label}: weighted k-shell reaches shell {shells.max()} "
        f"({np.unique(shells).size} shells)"
    )
    task = f"weighted k-shell, {label}"
    ok = _equal(unit, core)
    return Row(task, size, t_weighted, "core_numbers_peel (cost)", t_core,
               f"unit w = core: {verdict(ok)}", ok)  # fmt: skip


def _networkx_graph(n_nodes: int, a: np.ndarray, b: np.ndarray) -> nx.Graph:
    G = nx.Graph()
    G.add_nodes_from(range(n_nodes))
    G.add_edges_from(zip(a.tolist(), b.tolist(), strict=True))
    return G


def _networkit_graph(nk: object, n_nodes: int, a: np.ndarray, b: np.ndarray) -> object:
    H = nk.Graph(n_nodes)
    H.addEdges((a, b))
    return H


def _networkit_cores(nk: object, H: object) -> object:
    decomposition = nk.centrality.CoreDecomposition(H)
    decomposition.run()
    return decomposition
