"""Degree-preserving rewiring: netsim.rewire against networkx's double-edge swaps.

Both run on the giant component of the same seeded power-law graph. netsim
counts attempted swaps and reports the accepted ones; networkx counts
successful swaps, so networkx is asked for exactly the number of swaps that
netsim accepted: the rows compare the same amount of rewiring. Each row
checks that both results keep every degree and stay simple (and connected,
for the connected variants), and shows the degree assortativity of both
results beside that of the input. netsim's chain is serial: one thread.
"""

import time
from argparse import Namespace

import networkx as nx
import numpy as np
import scipy as sp

import netsim

from ._harness import Row, timed, verdict
from .bench_kshell import random_graph

# Edges drawn per graph (the giant component keeps most of them), attempted
# swaps per edge, and whether networkx runs at that size (at about 80 000
# swaps a second networkx needs ~12 s for 10 swaps per edge on 10**5 edges).
PROBLEMS = {
    "quick": {"n_edges": 20_000, "swaps_per_edge": 2, "networkx": True},
    "default": {"n_edges": 100_000, "swaps_per_edge": 10, "networkx": True},
    "large": {"n_edges": 1_000_000, "swaps_per_edge": 10, "networkx": False},
}


def giant_component(n_edges: int) -> netsim.CSRGraph:
    """Return the giant component of a seeded Chung-Lu power-law graph (``bench_kshell``)."""
    n_nodes, u, v = random_graph("power-law", n_edges, seed=20250611)
    csr = netsim.CSRGraph.from_edges(u, v, nodes=np.arange(n_nodes))
    matrix = sp.sparse.csr_array(
        (np.ones(csr.indices.size, dtype=np.int8), csr.indices, csr.indptr),
        shape=(csr.n_nodes, csr.n_nodes),
    )
    _, labels = sp.sparse.csgraph.connected_components(matrix, directed=False)
    giant = labels == np.bincount(labels).argmax()
    rows = csr.rows
    keep = giant[rows] & (rows < csr.indices)
    return netsim.CSRGraph.from_edges(rows[keep], csr.indices[keep])


def _check(G: nx.Graph, degrees: dict, connected: bool) -> bool:
    return (
        dict(G.degree) == degrees
        and nx.number_of_selfloops(G) == 0
        and (not connected or nx.is_connected(G))
    )


def _assortativity(G: nx.Graph) -> float:
    return float(nx.degree_assortativity_coefficient(G))


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    tiny = netsim.CSRGraph.from_edges([0, 1, 2], [1, 2, 3])
    start = time.perf_counter()
    netsim.rewire(tiny, 4, seed=0)
    netsim.rewire(tiny, 4, connected=True, seed=0)
    print(
        f"  first calls (compile, or load from numba's cache): {time.perf_counter() - start:.2f} s"
    )
    csr = giant_component(problem["n_edges"])
    n_swaps = problem["swaps_per_edge"] * csr.n_edges
    G = csr.to_networkx()
    degrees = dict(G.degree)
    r_input = _assortativity(G)
    print(
        f"  giant component: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges; {n_swaps:,} "
        f"attempted swaps ({problem['swaps_per_edge']} per edge); input assortativity "
        f"{r_input:.3f}"
    )
    rows = []
    for connected in (False, True):
        t_netsim, _, rewired = timed(
            lambda connected=connected: netsim.rewire(csr, n_swaps, connected=connected, seed=1),
            repeats,
        )
        accepted = rewired.graph_attrs["n_swaps_accepted"]
        H = rewired.to_networkx()
        ok_netsim = _check(H, degrees, connected)
        name = "connected_double_edge_swap" if connected else "double_edge_swap"
        task = f"rewire{' connected' if connected else ''}, {csr.n_edges / 1e3:.0f}k edges"
        print(f"  {task}: {accepted:,} of {n_swaps:,} attempts accepted")
        if not problem["networkx"]:
            same = f"netsim keeps degrees: {verdict(ok_netsim)}"
            peer_name = f"networkx.{name} (skipped: size)"
            rows.append(Row(task, size, t_netsim, peer_name, float("nan"), same, ok_netsim))
            continue
        peer = getattr(nx, name)

        def networkx_swaps(peer=peer, accepted=accepted):
            K = G.copy()
            if peer is nx.double_edge_swap:
                peer(K, nswap=accepted, max_tries=100 * accepted + 100, seed=1)
            else:
                peer(K, nswap=accepted, seed=1)
            return K

        t_peer, _, K = timed(networkx_swaps, repeats)
        ok = ok_netsim and _check(K, degrees, connected)
        same = (
            f"degrees kept, simple: {verdict(ok)}; assortativity {_assortativity(H):.3f} "
            f"vs {_assortativity(K):.3f}"
        )
        rows.append(Row(task, size, t_netsim, f"networkx.{name}", t_peer, same, ok))
    return rows
