"""The degree-preserving null model: rewire(G, n_swaps, connected=..., seed=...).

Oracles (STYLE T2):

* exact: the kernel's chain equals a slow networkx twin that replays the same
  draws (tests/reference/rewire.py), with and without the connectivity rule;
* exact invariants: every degree kept, no self-loop or multi-edge, nodes and
  node attributes kept, on the zoo and on hypothesis graphs;
* statistical: the chain's law is uniform over the simple graphs (and over the
  connected ones) with a small degree sequence, enumerated by brute force,
  checked by a chi-square test at significance 0.001 at fixed seeds;
* determinism: same seed, same graph; 1 and 2 threads give the same graph.
"""

import warnings
from collections import Counter

import networkx as nx
import numba
import numpy as np
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from reference.rewire import double_edge_swaps, realizations
from scipy import stats
from strategies import small_graphs

import netsim
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError

#: Degree sequence of a 6-node graph with 15 simple realizations, 12 of them connected.
DEGREES = (3, 2, 2, 1, 1, 1)


def start_graph(connected):
    """A realization of DEGREES on nodes 0..5 (connected when asked)."""
    G = nx.Graph([(0, 1), (0, 2), (0, 3), (1, 4), (2, 5)])
    if not connected:
        G = nx.Graph([(0, 1), (0, 2), (1, 2), (0, 3), (4, 5)])
    G.add_nodes_from(range(6))
    assert tuple(d for _, d in sorted(G.degree)) == DEGREES
    assert nx.is_connected(G) == connected
    return G


def edge_set(G):
    return frozenset((min(u, v), max(u, v)) for u, v in G.edges())


def test_the_enumeration_finds_the_known_counts():
    assert len(realizations(DEGREES)) == 15
    assert len(realizations(DEGREES, connected=True)) == 12
    assert len(realizations((1, 1, 1, 1))) == 3  # the three perfect matchings of K4


@pytest.mark.parametrize("connected", [False, True])
def test_the_chain_is_uniform_over_the_realizations(connected, sized):
    """Chi-square against the uniform law on the enumerated realizations.

    n_runs independent chains of 200 attempts (40 per edge) from one start;
    the fixed seeds make the outcome deterministic; significance 0.001. A
    chain too short to mix fails the same test (see the next test).
    """
    n_runs = sized(3000, 300)
    G = netsim.CSRGraph.from_networkx(start_graph(connected=connected))
    expected = realizations(DEGREES, connected=connected)
    counts = Counter()
    for run in range(n_runs):
        H = netsim.rewire(G, 200, connected=connected, seed=run)
        counts[edge_set(H.to_networkx())] += 1
    assert set(counts) <= set(expected)
    observed = [counts[g] for g in expected]
    assert min(observed) > 0
    if n_runs >= 1000:
        assert stats.chisquare(observed).pvalue > 0.001


def test_the_uniformity_test_can_fail():
    """A chain that stops at its first accepted swap is far from uniform: the test sees it."""
    G = netsim.CSRGraph.from_networkx(start_graph(connected=False))
    expected = realizations(DEGREES)
    counts = Counter()
    for run in range(1500):
        few = netsim.rewire(G, 3, seed=run)  # too short to mix
        counts[edge_set(few.to_networkx())] += 1
    observed = [counts[g] for g in expected]
    assert stats.chisquare(observed).pvalue < 1e-6


@pytest.mark.parametrize("connected", [False, True])
@pytest.mark.parametrize("name", ["karate", "batagelj_zaversnik", "string_labels", "star"])
def test_the_kernel_replays_its_slow_twin(name, connected):
    G = ZOO[name]()
    if connected:
        G = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    seed = 11
    n_swaps = 300
    key0, key1 = kernel_key(seed_sequence(seed))
    expected, accepted = double_edge_swaps(
        G, n_swaps, key0, key1, int(Purpose.GRAPH), connected=connected
    )
    H = netsim.rewire(G, n_swaps, connected=connected, seed=seed)
    assert edge_set(H) == edge_set(expected)
    assert H.graph["n_swaps_accepted"] == accepted


def test_a_disconnecting_swap_is_refused_only_with_connected():
    """On a path, many swaps cut off a cycle; the connected chain refuses those."""
    G = nx.path_graph(30)
    free = [netsim.rewire(G, 500, seed=seed) for seed in range(5)]
    kept = [netsim.rewire(G, 500, connected=True, seed=seed) for seed in range(5)]
    assert not all(nx.is_connected(H) for H in free)
    assert all(nx.is_connected(H) for H in kept)
    assert sum(H.graph["n_swaps_accepted"] for H in kept) < sum(
        H.graph["n_swaps_accepted"] for H in free
    )


def check_rewired(G, H):
    assert list(H) == list(G)
    assert dict(H.degree) == dict(G.degree)
    assert nx.number_of_selfloops(H) == 0
    assert H.number_of_edges() == G.number_of_edges()
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))


@pytest.mark.parametrize("name", sorted(ZOO))
def test_zoo_graphs_keep_nodes_degrees_and_simplicity(name):
    G = ZOO[name]()
    if G.is_multigraph():
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G.remove_edges_from(list(nx.selfloop_edges(G)))
    H = netsim.rewire(G, seed=5)
    check_rewired(G, H)
    assert H.graph["n_swaps"] == 10 * G.number_of_edges()
    assert 0 <= H.graph["n_swaps_accepted"] <= H.graph["n_swaps"]
    if G.number_of_edges() and nx.is_connected(G.subgraph([v for v in G if G.degree(v)])):
        K = netsim.rewire(G, seed=5, connected=True)
        check_rewired(G, K)
        assert nx.is_connected(K.subgraph([v for v in K if K.degree(v)]))


@settings(max_examples=60, deadline=None)
@given(small_graphs(max_nodes=20, max_edges=60))
def test_random_graphs_keep_every_degree_and_stay_simple(G):
    H = netsim.rewire(G, 200, seed=0)
    check_rewired(G, H)
    csr = netsim.rewire(netsim.CSRGraph.from_networkx(G), 200, seed=0)
    assert np.array_equal(csr.degrees, netsim.CSRGraph.from_networkx(G).degrees)
    assert edge_set(csr.to_networkx()) == edge_set(H)  # the same chain on either input


def test_many_swaps_on_a_larger_graph_keep_degrees_and_simplicity():
    G = nx.barabasi_albert_graph(2000, 3, seed=1)
    csr = netsim.CSRGraph.from_networkx(G)
    H = netsim.rewire(csr, seed=2)
    assert np.array_equal(H.degrees, csr.degrees)
    indptr, indices = H.indptr, H.indices
    rows = H.rows
    assert not np.any(rows == indices)
    assert all(np.all(np.diff(indices[indptr[v] : indptr[v + 1]]) > 0) for v in range(H.n_nodes))
    assert H.graph_attrs["n_swaps_accepted"] > 0.5 * H.graph_attrs["n_swaps"]
    K = netsim.rewire(csr, seed=2, connected=True)
    assert np.array_equal(K.degrees, csr.degrees)
    assert nx.is_connected(K.to_networkx())


def test_same_seed_same_graph_and_threads_do_not_matter():
    G = nx.barabasi_albert_graph(300, 2, seed=4)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = netsim.rewire(G, seed=9)
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
        many = netsim.rewire(G, seed=9)
    finally:
        numba.set_num_threads(before)
    assert edge_set(one) == edge_set(many)
    assert edge_set(netsim.rewire(G, seed=10)) != edge_set(one)
    rng = np.random.default_rng(0)
    assert edge_set(netsim.rewire(G, seed=rng)) != edge_set(netsim.rewire(G, seed=rng))


def test_the_result_keeps_attributes_and_records_provenance():
    G = nx.karate_club_graph()
    G.graph["name"] = "karate"
    H = netsim.rewire(G, 50, seed=np.random.SeedSequence(3))
    assert H.graph["name"] == "karate"
    assert H.graph["n_swaps"] == 50
    assert H.graph["connected"] is False
    assert H.graph["seed_entropy"] == 3
    assert all("weight" not in data for _, _, data in H.edges(data=True))
    assert H.nodes[0]["club"] == "Mr. Hi"
    csr = netsim.CSRGraph.from_networkx(G, weight="weight")
    K = netsim.rewire(csr, 50, seed=3)
    assert K.weights is None
    assert K.graph_attrs["name"] == "karate"
    assert list(K.node_attrs["club"]) == list(csr.node_attrs["club"])
    assert isinstance(netsim.rewire(csr, 0, seed=3), netsim.CSRGraph)


def test_zero_swaps_and_tiny_graphs_change_nothing():
    G = nx.karate_club_graph()
    H = netsim.rewire(G, 0, seed=1)
    assert edge_set(H) == edge_set(G)
    assert H.graph["n_swaps_accepted"] == 0
    one = nx.Graph([(0, 1)])
    assert edge_set(netsim.rewire(one, 10, seed=1)) == edge_set(one)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_swaps": -1}, InvalidParameterError, r"n_swaps must be an int >= 0; got -1\."),
        ({"n_swaps": 2.5}, TypeError, r"n_swaps must be an int; got float\."),
        ({"n_swaps": True}, TypeError, r"n_swaps must be an int; got bool\."),
        ({"connected": "yes"}, TypeError, r"connected must be a bool; got str\."),
    ],
)
def test_bad_parameters_are_refused(kwargs, error, match):
    with pytest.raises(error, match=match):
        netsim.rewire(nx.path_graph(4), **kwargs)


def test_bad_graphs_are_refused():
    with pytest.raises(UnsupportedGraphError, match=r"rewire needs an undirected graph"):
        netsim.rewire(nx.DiGraph([(0, 1)]))
    with pytest.raises(UnsupportedGraphError, match=r"rewire needs a simple graph"):
        netsim.rewire(nx.MultiGraph([(0, 1)]))
    with pytest.raises(TypeError, match=r"G must be a networkx graph or a netsim.CSRGraph"):
        netsim.rewire([(0, 1)])
    two = ZOO["two_components"]()
    with pytest.raises(
        InvalidParameterError,
        match=r"G must be connected when connected=True; got a graph with 2 components\.",
    ):
        netsim.rewire(two, connected=True)
