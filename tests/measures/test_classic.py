"""degree, betweenness, closeness, eigenvector and pagerank against networkx and references.

Oracles (STYLE T2): networkx's degree, betweenness_centrality,
closeness_centrality, eigenvector_centrality and pagerank on the graph zoo,
on hypothesis graphs and on a few larger graphs, for a networkx and a
CSRGraph input; the pair-by-pair definitions of tests/reference/centrality.py
(exact rational arithmetic); networkx's own Brandes steps replayed on
netsim's pivots for the sampled betweenness; and a statistical check that
the sampled estimate is unbiased. Determinism: bit-identical results on 1
and 2 numba threads.
"""

import math
from collections import Counter

import networkx as nx
import numba
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from networkx.algorithms.centrality.betweenness import (
    _accumulate_basic,
    _rescale,
    _single_source_shortest_path_basic,
)
from reference import centrality as reference
from strategies import small_graphs

import netsim
from netsim._kernels import betweenness as kernel
from netsim.exceptions import InvalidParameterError, NetsimWarning, UnsupportedGraphError
from netsim.measures import betweenness, closeness, degree, eigenvector, pagerank


def assert_series(series, G, name, dtype=np.float64):
    assert isinstance(series, pd.Series)
    assert series.name == name
    assert series.dtype == dtype
    assert series.index.name == "node"
    assert list(series.index) == list(G)


def assert_close(series, expected, atol=1e-9, rtol=1e-12):
    assert set(expected) == set(series.index)
    for v, value in expected.items():
        assert math.isclose(series[v], value, rel_tol=rtol, abs_tol=atol), (v, series[v], value)


def both_inputs(G, weight=None):
    return (G, netsim.CSRGraph.from_networkx(G, weight=weight))


# --- degree ---------------------------------------------------------------------------


def test_degree_equals_networkx(zoo_graph):
    for graph in both_inputs(zoo_graph):
        k = degree(graph)
        assert_series(k, zoo_graph, "degree", np.int64)
        assert k.to_dict() == dict(zoo_graph.degree())


def test_degree_drops_self_loops_with_a_warning():
    G = nx.path_graph(3)
    G.add_edge(1, 1)
    with pytest.warns(NetsimWarning, match=r"1 self-loop"):
        k = degree(G)
    assert k.to_dict() == {0: 1, 1: 2, 2: 1}


# --- betweenness ----------------------------------------------------------------------


@pytest.mark.parametrize("normalized", [True, False])
def test_betweenness_equals_networkx_on_the_zoo(zoo_graph, normalized):
    expected = nx.betweenness_centrality(zoo_graph, normalized=normalized)
    for graph in both_inputs(zoo_graph):
        b = betweenness(graph, normalized=normalized)
        assert_series(b, zoo_graph, "betweenness")
        assert_close(b, expected)
        assert b.attrs == {}


@pytest.mark.parametrize("normalized", [True, False])
def test_betweenness_equals_the_reference_on_the_zoo(zoo_graph, normalized):
    b = betweenness(zoo_graph, normalized=normalized)
    assert_close(b, reference.betweenness(zoo_graph, normalized=normalized), atol=1e-12)


def test_betweenness_of_known_graphs():
    # path 0-1-2-3-4: node i separates i * (4 - i) unordered pairs
    b = betweenness(nx.path_graph(5), normalized=False)
    assert b.tolist() == [0.0, 3.0, 4.0, 3.0, 0.0]
    # star: the centre lies on every path between two leaves
    b = betweenness(nx.star_graph(5))
    assert b.tolist() == [1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    # cycle C4: two shortest paths between opposite nodes, each with one inner node
    assert betweenness(nx.cycle_graph(4), normalized=False).tolist() == [0.5] * 4


@settings(deadline=None, max_examples=60)
@given(G=small_graphs(max_edges=70), normalized=st.booleans())
def test_betweenness_on_small_graphs(G, normalized):
    b = betweenness(G, normalized=normalized)
    assert_close(b, nx.betweenness_centrality(G, normalized=normalized))
    assert_close(b, reference.betweenness(G, normalized=normalized), atol=1e-12)


def networkx_estimate(G, pivots, normalized):
    """networkx's sampled estimator, its own Brandes steps run on the given pivots."""
    values = dict.fromkeys(G, 0.0)
    for s in pivots:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        values, _ = _accumulate_basic(values, S, P, sigma, s)
    return _rescale(
        values, len(G), normalized=normalized, directed=False, endpoints=False, sampled_nodes=pivots
    )


@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("name", ["karate", "batagelj_zaversnik", "string_labels", "path"])
def test_sampled_betweenness_is_networkx_estimator_on_the_same_pivots(name, normalized):
    G = ZOO[name]()
    seed = 3
    for k in (2, 3, len(G) // 2, len(G) - 1):
        estimate = betweenness(G, k=k, normalized=normalized, seed=seed)
        pivots = estimate.attrs["pivots"]
        assert len(pivots) == len(set(pivots)) == k
        assert set(pivots) <= set(G)
        assert_close(estimate, networkx_estimate(G, pivots, normalized))
        assert_close(
            estimate, reference.betweenness(G, normalized=normalized, pivots=pivots), atol=1e-12
        )


@settings(deadline=None, max_examples=40)
@given(G=small_graphs(max_edges=70), data=st.data())
def test_sampled_betweenness_on_small_graphs(G, data):
    n = len(G)
    k = n if n < 3 else data.draw(st.integers(2, n))
    seed = data.draw(st.integers(0, 2**32))
    estimate = betweenness(G, k=k, seed=seed)
    if k == n:
        pd.testing.assert_series_equal(estimate, betweenness(G), check_flags=False)
    else:
        pivots = estimate.attrs["pivots"]
        assert_close(estimate, networkx_estimate(G, pivots, True))


def test_k_equal_to_n_is_exact(zoo_graph):
    exact = betweenness(zoo_graph)
    if len(zoo_graph):
        estimate = betweenness(zoo_graph, k=len(zoo_graph), seed=1)
        assert estimate.equals(exact)


def test_sampled_betweenness_is_unbiased():
    """Mean of 400 estimates (k = 8 pivots of 34) is the exact value within 4.5 SE.

    Each node's estimates over 400 seeds are independent; the mean's standard
    error is their standard deviation / 20. With 34 nodes tested at 4.5 SE
    the false-alarm rate is about 34 * 7e-6 = 2e-4, and the seeds are fixed.
    Nodes whose estimate never varies (leaves: always 0) must be exact.
    """
    csr = netsim.CSRGraph.from_networkx(ZOO["karate"]())  # convert once
    exact = betweenness(csr).to_numpy()
    estimates = np.array([betweenness(csr, k=8, seed=s).to_numpy() for s in range(400)])
    mean = estimates.mean(axis=0)
    se = estimates.std(axis=0, ddof=1) / math.sqrt(len(estimates))
    assert np.all(np.abs(mean - exact) <= 4.5 * se + 1e-12)
    assert np.count_nonzero(se) >= 20  # the test has power: most nodes vary


def test_pivots_are_uniform():
    """Each node is a pivot with probability k / n: chi-square over 34 nodes, p > 0.01.

    500 draws of k = 10 pivots give 5000 pivots, about 147 expected per node.
    """
    from scipy import stats

    G = ZOO["karate"]()
    csr = netsim.CSRGraph.from_networkx(G)  # convert once
    counts = Counter()
    for s in range(500):
        counts.update(betweenness(csr, k=10, seed=s).attrs["pivots"])
    observed = np.array([counts[v] for v in G])
    assert observed.sum() == 5000
    assert stats.chisquare(observed).pvalue > 0.01


def test_sampled_betweenness_is_reproducible():
    G = ZOO["karate"]()
    a = betweenness(G, k=10, seed=12)
    assert a.equals(betweenness(G, k=10, seed=12))
    assert a.equals(betweenness(G, k=10, seed=np.random.SeedSequence(12)))
    assert a.attrs["seed_entropy"] == 12
    assert a.attrs["k"] == 10
    assert a.attrs["pivots"] != betweenness(G, k=10, seed=13).attrs["pivots"]
    smaller = set(betweenness(G, k=5, seed=12).attrs["pivots"])
    assert smaller < set(a.attrs["pivots"])  # the pivots for k are among those for k + 5
    rng = np.random.default_rng(5)
    first, second = betweenness(G, k=10, seed=rng), betweenness(G, k=10, seed=rng)
    assert first.attrs["pivots"] != second.attrs["pivots"]  # a Generator is advanced


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


@pytest.mark.usefixtures("restore_threads")
def test_results_are_identical_on_one_and_two_threads():
    G = nx.barabasi_albert_graph(400, 3, seed=np.random.default_rng(11))
    csr = netsim.CSRGraph.from_networkx(G)
    results = []
    for threads in (1, numba.config.NUMBA_NUM_THREADS):
        numba.set_num_threads(threads)
        results.append(
            (
                betweenness(csr).to_numpy(),
                betweenness(csr, k=50, seed=2).to_numpy(),
                closeness(csr).to_numpy(),
            )
        )
    for one, many in zip(*results, strict=True):
        assert np.array_equal(one, many)


def test_kernel_sums_dependencies_over_the_given_sources():
    G = nx.barabasi_albert_graph(200, 2, seed=np.random.default_rng(4))
    csr = netsim.CSRGraph.from_networkx(G)
    everyone = np.arange(csr.n_nodes, dtype=np.int64)
    total = kernel.dependency_sums_brandes(csr.indptr, csr.indices, everyone)
    parts = [
        kernel.dependency_sums_brandes(csr.indptr, csr.indices, everyone[lo:hi])
        for lo, hi in ((0, 70), (70, 130), (130, 200))
    ]
    np.testing.assert_allclose(sum(parts), total, rtol=1e-12)
    expected = nx.betweenness_centrality(G, normalized=False)
    np.testing.assert_allclose(total / 2, [expected[v] for v in G], rtol=1e-12, atol=1e-9)


LARGER = {
    "power_law": lambda: nx.barabasi_albert_graph(500, 3, seed=np.random.default_rng(20240611)),
    "grid": lambda: nx.grid_2d_graph(12, 15),  # many shortest paths: sigma up to C(25, 11)
    "gnm_disconnected": lambda: nx.gnm_random_graph(400, 380, seed=np.random.default_rng(9)),
}


@pytest.mark.parametrize("name", sorted(LARGER))
def test_larger_graphs_equal_networkx(name):
    G = LARGER[name]()
    csr = netsim.CSRGraph.from_networkx(G)
    assert_close(betweenness(csr), nx.betweenness_centrality(G))
    assert_close(closeness(csr), nx.closeness_centrality(G), atol=0.0, rtol=1e-15)
    assert_close(eigenvector(csr, max_iter=1000), nx.eigenvector_centrality(G, max_iter=1000))
    assert_close(pagerank(csr), nx.pagerank(G, weight=None))


# --- closeness ------------------------------------------------------------------------


def test_closeness_equals_networkx_and_the_reference(zoo_graph):
    expected = nx.closeness_centrality(zoo_graph)
    for graph in both_inputs(zoo_graph):
        c = closeness(graph)
        assert_series(c, zoo_graph, "closeness")
        assert c.to_dict() == expected
    assert_close(closeness(zoo_graph), reference.closeness(zoo_graph), atol=1e-15)


def test_closeness_without_scaling(zoo_graph):
    if len(zoo_graph) > 1 and not nx.is_connected(zoo_graph):
        with pytest.raises(InvalidParameterError, match=r"G must be connected when wf_improv"):
            closeness(zoo_graph, wf_improved=False)
        return
    c = closeness(zoo_graph, wf_improved=False)
    assert c.to_dict() == nx.closeness_centrality(zoo_graph, wf_improved=False)
    assert_close(c, reference.closeness(zoo_graph, wf_improved=False), atol=1e-15)


def test_closeness_refuses_disconnected_graphs_without_scaling():
    G = nx.union(nx.path_graph(3), nx.path_graph([10, 11]))
    message = (
        r"G must be connected when wf_improved=False; got a graph with 2 connected "
        r"components\. .*wf_improved=True"
    )
    with pytest.raises(InvalidParameterError, match=message):
        closeness(G, wf_improved=False)
    assert closeness(G).to_dict() == nx.closeness_centrality(G)


@settings(deadline=None, max_examples=60)
@given(G=small_graphs(max_edges=70))
def test_closeness_on_small_graphs(G):
    assert closeness(G).to_dict() == nx.closeness_centrality(G)
    if len(G) <= 1 or nx.is_connected(G):
        expected = nx.closeness_centrality(G, wf_improved=False)
        assert closeness(G, wf_improved=False).to_dict() == expected


# --- eigenvector ----------------------------------------------------------------------


def test_eigenvector_equals_networkx(zoo_graph):
    if len(zoo_graph) == 0:
        assert_series(eigenvector(zoo_graph), zoo_graph, "eigenvector")
        with pytest.raises(nx.NetworkXPointlessConcept):
            nx.eigenvector_centrality(zoo_graph)
        return
    expected = nx.eigenvector_centrality(zoo_graph, max_iter=500)
    for graph in both_inputs(zoo_graph):
        x = eigenvector(graph, max_iter=500)
        assert_series(x, zoo_graph, "eigenvector")
        assert_close(x, expected)
        assert math.isclose(float(np.linalg.norm(x)), 1.0, rel_tol=1e-12)


def test_eigenvector_is_the_perron_vector_on_connected_graphs():
    G = nx.karate_club_graph()
    x = eigenvector(G, tol=1e-12, max_iter=10_000)
    A = nx.to_numpy_array(G, weight=None)
    _, vectors = np.linalg.eigh(A)
    perron = np.abs(vectors[:, -1])
    np.testing.assert_allclose(x.to_numpy(), perron, atol=1e-9)


@settings(deadline=None, max_examples=60)
@given(G=small_graphs(max_edges=70))
def test_eigenvector_on_small_graphs(G):
    if len(G) == 0:
        return
    try:
        expected = nx.eigenvector_centrality(G, max_iter=300)
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(InvalidParameterError, match=r"max_iter must be large enough"):
            eigenvector(G, max_iter=300)
        return
    assert_close(eigenvector(G, max_iter=300), expected)


# --- pagerank -------------------------------------------------------------------------


def test_pagerank_equals_networkx(zoo_graph):
    expected = nx.pagerank(zoo_graph, weight=None)
    for graph in both_inputs(zoo_graph):
        pr = pagerank(graph)
        assert_series(pr, zoo_graph, "pagerank")
        assert_close(pr, expected)
        if len(zoo_graph):
            assert math.isclose(float(pr.sum()), 1.0, rel_tol=1e-12)


@pytest.mark.parametrize("alpha", [0.0, 0.5, 0.99])
def test_weighted_pagerank_equals_networkx(alpha):
    G = ZOO["weighted_trust"]()
    expected = nx.pagerank(G, alpha=alpha, weight="trust", max_iter=1000)
    for graph in both_inputs(G, weight="trust"):
        assert_close(pagerank(graph, alpha=alpha, weight="trust", max_iter=1000), expected)
    G = ZOO["karate"]()
    expected = nx.pagerank(G, alpha=alpha, max_iter=1000)  # networkx's default weight="weight"
    assert_close(pagerank(G, alpha=alpha, weight="weight", max_iter=1000), expected)


def test_pagerank_treats_zero_weight_nodes_as_dangling():
    G = nx.Graph([(0, 1, {"w": 0.0}), (1, 2, {"w": 2.0}), (3, 4, {"w": 0.0})])
    assert_close(pagerank(G, weight="w"), nx.pagerank(G, weight="w"))


@settings(deadline=None, max_examples=60)
@given(G=small_graphs(max_edges=70), alpha=st.floats(0.0, 0.95))
def test_pagerank_on_small_graphs(G, alpha):
    try:
        expected = nx.pagerank(G, alpha=alpha, weight=None)
    except nx.PowerIterationFailedConvergence:
        with pytest.raises(InvalidParameterError, match=r"max_iter must be large enough"):
            pagerank(G, alpha=alpha)
        expected = nx.pagerank(G, alpha=alpha, weight=None, max_iter=1000)
    assert_close(pagerank(G, alpha=alpha, max_iter=1000), expected)


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda G: betweenness(G, k=0), InvalidParameterError, r"k must be an int in \[2, 34\]"),
        (lambda G: betweenness(G, k=1), InvalidParameterError, r"got 1\. With one pivot"),
        (lambda G: betweenness(G, k=35), InvalidParameterError, r"k must be .*; got 35\."),
        (lambda G: betweenness(G, k=2.0), TypeError, r"k must be an int; got float\."),
        (lambda G: betweenness(G, normalized=1), TypeError, r"normalized must be a bool"),
        (lambda G: betweenness(G, k=3, seed=-1), InvalidParameterError, r"seed must be"),
        (lambda G: closeness(G, wf_improved="yes"), TypeError, r"wf_improved must be a bool"),
        (lambda G: eigenvector(G, max_iter=0), InvalidParameterError, r"max_iter must be an int"),
        (lambda G: eigenvector(G, tol=0.0), InvalidParameterError, r"tol must be a float > 0"),
        (lambda G: eigenvector(G, tol=math.nan), InvalidParameterError, r"tol must be a finite"),
        (
            lambda G: eigenvector(G, max_iter=2),
            InvalidParameterError,
            r"max_iter must be large enough for eigenvector to converge; got 2\. The power",
        ),
        (lambda G: pagerank(G, alpha=1.5), InvalidParameterError, r"alpha must be a float in"),
        (lambda G: pagerank(G, weight=3), InvalidParameterError, r"weight must be None or"),
        (lambda G: pagerank(G, tol=-1.0), InvalidParameterError, r"tol must be a float > 0"),
        (
            lambda G: pagerank(G, max_iter=3),
            InvalidParameterError,
            r"max_iter must be large enough for pagerank to converge; got 3\.",
        ),
    ],
)
def test_bad_parameters(call, error, message):
    with pytest.raises(error, match=message):
        call(nx.karate_club_graph())


def test_pagerank_weight_needs_a_weighted_csr_or_attribute():
    csr = netsim.CSRGraph.from_networkx(nx.path_graph(3))
    with pytest.raises(InvalidParameterError, match=r"G must be a weighted CSRGraph when weight="):
        pagerank(csr, weight="weight")
    with pytest.raises(InvalidParameterError, match=r"has no 'weight' attribute"):
        pagerank(nx.path_graph(3), weight="weight")


@pytest.mark.parametrize("function", [degree, betweenness, closeness, eigenvector, pagerank])
def test_unsupported_graphs(function):
    with pytest.raises(UnsupportedGraphError, match=r"needs an undirected graph"):
        function(nx.DiGraph([(0, 1)]))
    with pytest.raises(UnsupportedGraphError, match=r"needs a simple graph"):
        function(nx.MultiGraph([(0, 1)]))
    with pytest.raises(TypeError, match=r"G must be a networkx graph or a netsim.CSRGraph"):
        function([(0, 1)])


def test_small_graph_pivot_range():
    assert betweenness(nx.path_graph(2), k=1, seed=0).tolist() == [0.0, 0.0]
    assert betweenness(nx.Graph(), k=0, seed=0).empty
    with pytest.raises(InvalidParameterError, match=r"k must be an int in \[2, 3\]"):
        betweenness(nx.path_graph(3), k=1, seed=0)
