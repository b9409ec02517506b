"""core_number, k_shell and onion_layers against networkx and the slow reference.

Oracles (STYLE T2): the reference peeling of tests/reference/kshell.py and
networkx's core_number, k_shell and onion_layers, exactly, on the graph zoo,
on hypothesis graphs, on structured graphs of a few thousand nodes and on
every packaged data set, for a networkx input and a CSRGraph input alike.
"""

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import kshell as reference
from strategies import small_graphs

import netsim
from netsim._kernels import kshell as kernel
from netsim.exceptions import InvalidParameterError, NetsimWarning, UnsupportedGraphError
from netsim.measures import core_number, k_shell, onion_layers

FUNCTIONS = {"core_number": core_number, "k_shell": k_shell, "onion_layers": onion_layers}


def assert_matches_networkx(G):
    """All three functions equal networkx and the reference on G, for both input types."""
    csr = netsim.CSRGraph.from_networkx(G)
    expected_core = nx.core_number(G)
    expected_layers = nx.onion_layers(G)
    for graph in (G, csr):
        core = core_number(graph)
        assert core.name == "core_number"
        assert core.dtype == np.int64
        assert core.index.name == "node"
        assert list(core.index) == list(G)
        assert core.to_dict() == expected_core

        layers = onion_layers(graph)
        assert layers.name == "onion_layer"
        assert layers.dtype == np.int64
        assert layers.index.name == "node"
        assert list(layers.index) == list(G)
        assert layers.to_dict() == expected_layers

        innermost = max(expected_core.values(), default=0)
        for k in [None, *range(innermost + 2)]:
            shell = k_shell(graph, k)
            assert isinstance(shell, pd.Index)
            assert shell.name == "node"
            wanted = innermost if k is None else k
            assert list(shell) == [v for v in G if expected_core[v] == wanted]
            if G.number_of_nodes():  # networkx takes max() of no core numbers
                assert set(shell) == set(nx.k_shell(G, k))


def test_zoo_equals_networkx(zoo_graph):
    assert_matches_networkx(zoo_graph)


def test_zoo_equals_the_reference(zoo_graph):
    core = core_number(zoo_graph)
    assert core.to_dict() == reference.core_number(zoo_graph)
    assert onion_layers(zoo_graph).to_dict() == reference.onion_layers(zoo_graph)
    for k in range(max(core, default=0) + 2):
        assert set(k_shell(zoo_graph, k)) == reference.k_shell(zoo_graph, k)


def test_batagelj_zaversnik_figure_1():
    # Core numbers of the paper's Fig. 1 graph, as networkx's test suite lists them.
    core = core_number(ZOO["batagelj_zaversnik"]())
    shells = {k: sorted(core.index[core == k]) for k in range(4)}
    assert shells == {
        0: [21],
        1: [17, 18, 19, 20],
        2: [9, 10, 11, 12, 13, 14, 15, 16],
        3: [1, 2, 3, 4, 5, 6, 7, 8],
    }


# Structured graphs above the kernels' round-sorting threshold (n >> 10 nodes),
# with deep cascades (path, cycle), one big round (complete) and many levels.
LARGER = {
    "path": lambda: nx.path_graph(3000),
    "cycle": lambda: nx.cycle_graph(2500),
    "complete": lambda: nx.complete_graph(300),
    "grid": lambda: nx.grid_2d_graph(50, 60),
    "barbell": lambda: nx.barbell_graph(40, 2000),
    "gnm": lambda: nx.gnm_random_graph(3000, 15000, seed=20240601),
    "power_law": lambda: nx.barabasi_albert_graph(4000, 3, seed=20240602),
    "caveman": lambda: nx.connected_caveman_graph(60, 25),
}


@pytest.mark.parametrize("name", sorted(LARGER))
def test_larger_graphs_equal_networkx(name):
    G = LARGER[name]()
    csr = netsim.CSRGraph.from_networkx(G)
    assert core_number(csr).to_dict() == nx.core_number(G)
    assert onion_layers(csr).to_dict() == nx.onion_layers(G)


@pytest.mark.slow
@pytest.mark.parametrize("name", netsim.datasets.names())
def test_datasets_equal_networkx(name):
    csr = netsim.datasets.load_csr(name)
    G = csr.to_networkx()
    core = core_number(csr)
    layers = onion_layers(csr)
    expected_core = nx.core_number(G)
    assert core.to_dict() == expected_core
    assert layers.to_dict() == nx.onion_layers(G)
    pd.testing.assert_series_equal(core_number(G), core)
    pd.testing.assert_series_equal(onion_layers(G), layers)
    innermost = k_shell(csr)
    pd.testing.assert_index_equal(k_shell(G), innermost)
    assert set(innermost) == set(nx.k_shell(G, core_number=expected_core))


@settings(deadline=None, max_examples=150)
@given(G=small_graphs())
def test_small_graphs_equal_networkx_and_the_reference(G):
    assert_matches_networkx(G)
    assert core_number(G).to_dict() == reference.core_number(G)
    assert onion_layers(G).to_dict() == reference.onion_layers(G)


@settings(deadline=None, max_examples=150)
@given(G=small_graphs())
def test_core_number_is_at_most_the_degree(G):
    core = core_number(G)
    degree = pd.Series(dict(G.degree()), dtype=np.int64).reindex(core.index)
    assert (core <= degree).all()
    assert (core >= 0).all()


@settings(deadline=None, max_examples=100)
@given(G=small_graphs(), data=st.data())
def test_invariant_under_relabelling_and_permutation(G, data):
    nodes = list(G)
    new_names = data.draw(st.permutations(range(len(nodes))))
    mapping = {v: f"n{new_names[i]}" for i, v in enumerate(nodes)}
    order = data.draw(st.permutations(nodes))
    H = nx.Graph()
    H.add_nodes_from(mapping[v] for v in order)
    H.add_edges_from((mapping[u], mapping[v]) for u, v in G.edges())
    core, core_h = core_number(G), core_number(H)
    layers, layers_h = onion_layers(G), onion_layers(H)
    for v in nodes:
        assert core_h[mapping[v]] == core[v]
        assert layers_h[mapping[v]] == layers[v]


@settings(deadline=None, max_examples=100)
@given(G=small_graphs())
def test_shells_partition_the_nodes_and_layers_refine_them(G):
    core = core_number(G)
    shells = [k_shell(G, k) for k in range(max(core, default=0) + 1)]
    members = [v for shell in shells for v in shell]
    assert len(members) == len(set(members)) == G.number_of_nodes()
    assert set(members) == set(G)
    layers = onion_layers(G)
    if len(layers):
        assert sorted(set(layers)) == list(range(1, int(layers.max()) + 1))
    # A node of a deeper shell always leaves in a later round.
    for u, v in itertools.combinations(G, 2):
        if core[u] < core[v]:
            assert layers[u] < layers[v]


@pytest.mark.parametrize("name", ["karate", "batagelj_zaversnik", "isolated_nodes", "empty"])
def test_kernels_take_int32_and_int64_arrays(name):
    csr = netsim.CSRGraph.from_networkx(ZOO[name]())
    wide = netsim.CSRGraph(
        csr.indptr.astype(np.int64), csr.indices.astype(np.int64), nodes=csr.nodes
    )
    # CSRGraph narrows to int32 unless a count passes 2**31 - 1, so the int64
    # kernels are called on the arrays directly.
    assert wide.indptr.dtype == wide.indices.dtype == np.int32
    expected_core = kernel.core_numbers_peel(csr.indptr, csr.indices)
    expected_layers = kernel.onion_layers_peel(csr.indptr, csr.indices)
    for indptr_dtype, indices_dtype in itertools.product((np.int32, np.int64), repeat=2):
        indptr = csr.indptr.astype(indptr_dtype)
        indices = csr.indices.astype(indices_dtype)
        core = kernel.core_numbers_peel(indptr, indices)
        layers = kernel.onion_layers_peel(indptr, indices)
        assert core.dtype == layers.dtype == np.int64
        np.testing.assert_array_equal(core, expected_core)
        np.testing.assert_array_equal(layers, expected_layers)
        np.testing.assert_array_equal(indptr, csr.indptr)  # inputs not mutated
        np.testing.assert_array_equal(indices, csr.indices)


def test_kernels_on_a_dataset_with_int64_arrays():
    csr = netsim.datasets.load_csr("facebook")
    indptr, indices = csr.indptr.astype(np.int64), csr.indices.astype(np.int64)
    np.testing.assert_array_equal(
        kernel.core_numbers_peel(indptr, indices), core_number(csr).to_numpy()
    )
    np.testing.assert_array_equal(
        kernel.onion_layers_peel(indptr, indices), onion_layers(csr).to_numpy()
    )


def test_self_loops_are_dropped_with_a_warning():
    G = nx.karate_club_graph()
    G.add_edges_from([(0, 0), (5, 5)])
    for function in (core_number, onion_layers):
        with pytest.warns(NetsimWarning, match=r"G has 2 self-loop\(s\).*dropped"):
            result = function(G)
        G_simple = nx.karate_club_graph()
        expected = core_number if function is core_number else onion_layers
        pd.testing.assert_series_equal(result, expected(G_simple))
    with pytest.warns(NetsimWarning, match=r"G has 2 self-loop\(s\)"):
        shell = k_shell(G)
    pd.testing.assert_index_equal(shell, k_shell(nx.karate_club_graph()))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_directed_graphs_are_refused(name):
    message = (
        rf"{name} needs an undirected graph; got a directed DiGraph\. "
        r"Convert it with G\.to_undirected\(\) \(or nx\.Graph\(G\)\)\."
    )
    with pytest.raises(UnsupportedGraphError, match=message):
        FUNCTIONS[name](nx.DiGraph([(0, 1), (1, 2)]))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_multigraphs_are_refused(name):
    message = (
        rf"{name} needs a simple graph; got a MultiGraph \(parallel edges\)\. "
        r"Collapse parallel edges with nx\.Graph\(G\)\."
    )
    with pytest.raises(UnsupportedGraphError, match=message):
        FUNCTIONS[name](nx.MultiGraph([(0, 1), (0, 1)]))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_non_graphs_are_refused(name):
    message = r"G must be a networkx graph or a netsim\.CSRGraph; got list\."
    with pytest.raises(TypeError, match=message):
        FUNCTIONS[name]([(0, 1)])


def test_negative_k_is_refused():
    with pytest.raises(InvalidParameterError, match=r"^k must be an int >= 0; got -1\.$"):
        k_shell(nx.karate_club_graph(), -1)
    assert issubclass(InvalidParameterError, ValueError)


@pytest.mark.parametrize(("k", "kind"), [(1.5, "float"), ("2", "str"), (True, "bool")])
def test_k_of_the_wrong_type_is_refused(k, kind):
    with pytest.raises(TypeError, match=rf"^k must be an int; got {kind}\.$"):
        k_shell(nx.karate_club_graph(), k)


def test_k_accepts_numpy_integers_and_shells_beyond_the_innermost():
    G = nx.karate_club_graph()
    pd.testing.assert_index_equal(k_shell(G, np.int64(3)), k_shell(G, 3))
    empty = k_shell(G, 5)
    assert len(empty) == 0
    assert empty.name == "node"
    assert nx.k_shell(G, 5).number_of_nodes() == 0


def test_graph_without_nodes_has_an_empty_innermost_shell():
    G = nx.Graph()
    assert len(core_number(G)) == len(onion_layers(G)) == len(k_shell(G)) == 0
    assert k_shell(G).name == "node"
