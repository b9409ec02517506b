"""Named small graphs that every kernel and conversion is tested on."""

import networkx as nx
import numpy as np

import netsim


def _two_components() -> nx.Graph:
    G = nx.complete_graph(4)
    G.add_edges_from([(10, 11), (11, 12)])
    return G


def _isolated_nodes() -> nx.Graph:
    G = nx.path_graph(3)
    G.add_nodes_from([7, 5, 9])
    return G


def _batagelj_zaversnik() -> nx.Graph:
    """The graph of Fig. 1 of Batagelj and Zaversnik (2003), as networkx tests it."""
    t1 = nx.convert_node_labels_to_integers(nx.tetrahedral_graph(), 1)
    t2 = nx.convert_node_labels_to_integers(t1, 5)
    G = nx.union(t1, t2)
    G.add_edges_from(
        [
            (3, 7),
            (2, 11),
            (11, 5),
            (11, 12),
            (5, 12),
            (12, 19),
            (12, 18),
            (3, 9),
            (7, 9),
            (7, 10),
            (9, 10),
            (9, 20),
            (17, 13),
            (13, 14),
            (14, 15),
            (15, 16),
            (16, 13),
        ]
    )
    G.add_node(21)
    return G


def _string_labels() -> nx.Graph:
    G = nx.Graph()
    G.add_edges_from([("zoe", "adam"), ("adam", "mia"), ("mia", "zoe"), ("mia", "bo")])
    G.add_node("lonely")
    return G


def _tuple_labels() -> nx.Graph:
    G = nx.grid_2d_graph(3, 2)
    return nx.relabel_nodes(G, {node: node for node in reversed(list(G))}, copy=True)


def _weighted_trust() -> nx.Graph:
    G = nx.Graph()
    G.add_edge("ann", "ben", trust=0.5)
    G.add_edge("ben", "cy", trust=0.05)
    G.add_edge("cy", "ann", trust=0.3)
    G.add_edge("cy", "dee", trust=1.0)
    return G


ZOO = {
    "empty": nx.Graph,
    "single_node": lambda: nx.empty_graph(1),
    "isolated_nodes": _isolated_nodes,
    "two_components": _two_components,
    "path": lambda: nx.path_graph(6),
    "star": lambda: nx.star_graph(5),
    "complete": lambda: nx.complete_graph(6),
    "cycle": lambda: nx.cycle_graph(7),
    "karate": nx.karate_club_graph,
    "batagelj_zaversnik": _batagelj_zaversnik,
    "string_labels": _string_labels,
    "tuple_labels": _tuple_labels,
    "weighted_trust": _weighted_trust,
}


def kite() -> nx.Graph:
    """A triangle pair sharing an edge, with a tail: 5 nodes, 6 edges."""
    return nx.Graph([(0, 1), (0, 2), (1, 2), (1, 3), (2, 3), (3, 4)])


def configuration_graph(degrees, rng):
    """Pair stubs at random; drop self-loops; from_edges collapses multi-edges."""
    stubs = np.repeat(np.arange(degrees.size), degrees)
    if stubs.size % 2:
        stubs = stubs[:-1]
    stubs = rng.permutation(stubs)
    u, v = stubs[0::2], stubs[1::2]
    keep = u != v
    return netsim.CSRGraph.from_edges(u[keep], v[keep], nodes=np.arange(degrees.size))
