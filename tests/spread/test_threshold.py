"""epidemic_threshold and beta given as a multiple of it (beta_factor)."""

import math

import networkx as nx
import numpy as np
import pytest
from graph_zoo import ZOO

import netsim
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.spread import epidemic_threshold, spreading_efficiency

WITH_EDGES = sorted(name for name, make in ZOO.items() if make().number_of_edges() > 0)
DATASETS = ["email-eu-core", "email-univ", "facebook", "hamsterster", "jazz", "physicians"]


def threshold_from_networkx(G):
    """<k> / (<k^2> - <k>) from networkx's degrees, in exact rational arithmetic."""
    degrees = [d for _, d in G.degree()]
    n = len(degrees)
    mean = sum(degrees) / n
    mean_sq = sum(d * d for d in degrees) / n
    return math.inf if mean_sq - mean <= 0 else mean / (mean_sq - mean)


@pytest.mark.parametrize("name", WITH_EDGES)
def test_threshold_equals_the_degree_moment_formula_on_the_zoo(name):
    G = ZOO[name]()
    expected = threshold_from_networkx(G)
    assert epidemic_threshold(G) == pytest.approx(expected, rel=1e-12)
    assert epidemic_threshold(netsim.CSRGraph.from_networkx(G)) == epidemic_threshold(G)


@pytest.mark.parametrize("name", DATASETS)
def test_threshold_equals_the_degree_moment_formula_on_datasets(name):
    G = netsim.datasets.load(name)
    assert epidemic_threshold(G) == pytest.approx(threshold_from_networkx(G), rel=1e-12)
    assert epidemic_threshold(netsim.datasets.load_csr(name)) == pytest.approx(
        epidemic_threshold(G), rel=1e-12
    )


def test_threshold_is_a_python_float_and_known_on_karate():
    value = epidemic_threshold(nx.karate_club_graph())
    assert type(value) is float
    # karate's degrees: 1, 2 x11, 3 x6, 4 x6, 5 x3, 6 x2, 9, 10, 12, 16, 17 (Zachary 1977),
    # so sum k = 156 and sum k^2 = 1212
    assert value == pytest.approx(156 / (1212 - 156), rel=1e-12)


def test_threshold_of_a_regular_graph_is_one_over_k_minus_one():
    assert epidemic_threshold(nx.random_regular_graph(4, 20, seed=1)) == pytest.approx(1 / 3)


def test_threshold_is_infinite_when_no_node_has_two_neighbours():
    G = nx.Graph([(0, 1), (2, 3)])
    G.add_node(4)
    assert epidemic_threshold(G) == math.inf


@pytest.mark.parametrize("G", [nx.Graph(), nx.empty_graph(3)], ids=["no_nodes", "no_edges"])
def test_threshold_refuses_graphs_without_edges(G):
    with pytest.raises(InvalidParameterError, match=r"G must be a graph with at least one edge"):
        epidemic_threshold(G)


def test_threshold_refuses_directed_graphs_and_non_graphs():
    with pytest.raises(UnsupportedGraphError, match=r"undirected"):
        epidemic_threshold(nx.DiGraph([(0, 1)]))
    with pytest.raises(TypeError, match=r"G must be a networkx graph or a netsim.CSRGraph"):
        epidemic_threshold([(0, 1)])


@pytest.mark.parametrize("factor", [0.0, 0.5, 2.0])
def test_beta_factor_multiplies_the_threshold(factor):
    G = nx.karate_club_graph()
    beta = factor * epidemic_threshold(G)
    by_factor = spreading_efficiency(G, beta_factor=factor, n_runs=50, seed=3)
    by_beta = spreading_efficiency(G, beta=beta, n_runs=50, seed=3)
    assert by_factor.attrs["beta"] == beta
    assert by_factor.attrs["beta_factor"] == factor
    # given beta alone, the attributes still state it as a multiple of the threshold
    assert by_beta.attrs["beta_factor"] == pytest.approx(factor, rel=1e-15, abs=0.0)
    assert by_beta.attrs["beta_c"] == epidemic_threshold(G)
    np.testing.assert_array_equal(by_factor.to_numpy(), by_beta.to_numpy())


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({}, r"give exactly one of beta .* got beta=None and beta_factor=None"),
        ({"beta": 0.1, "beta_factor": 1.0}, r"give exactly one of beta .* beta_factor=1.0"),
        ({"beta_factor": -1.0}, r"beta_factor must be a finite float in \[0, inf\]; got -1.0"),
        ({"beta_factor": 7.0}, r"beta_factor must be at most 6.769 on this graph; got 7.0"),
    ],
)
def test_beta_factor_errors(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        spreading_efficiency(nx.karate_club_graph(), n_runs=10, seed=1, **kwargs)


def test_beta_factor_on_a_graph_without_edges_is_refused():
    with pytest.raises(InvalidParameterError, match=r"at least one edge"):
        spreading_efficiency(nx.empty_graph(3), beta_factor=1.0, seed=1)
    # an explicit beta is fine: every node is its own outbreak
    assert spreading_efficiency(nx.empty_graph(3), beta=0.5, seed=1)["M"].tolist() == [1.0] * 3
