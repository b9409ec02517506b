"""filtered_k_shell and core_like_groups against their twins, by hand and on the data sets.

Oracles (STYLE T2): the slow networkx twins of tests/reference/core_like.py,
written from Liu, Tang, Zhou and Do (2015), exactly, on the graph zoo and on
hypothesis graphs; hand-checked tiny cases (a clique hanging off a star, a
clique alone, a clique with every member tied out); the registry; 1 and 2
threads; and the degree-preserving null model, on which no shell is flagged.
"""

import math

import networkx as nx
import numba
import numpy as np
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from reference import core_like as reference
from strategies import small_graphs

import netsim
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.measures import centrality, core_like_groups, filtered_k_shell, rank_spreaders


def clique_on_star(n_leaves=10, clique=6):
    """A hub with leaves (shell 1) tied by one link to a clique (shell clique - 1)."""
    G = nx.star_graph(n_leaves)
    members = range(100, 100 + clique)
    G.add_edges_from(nx.complete_graph(members).edges)
    G.add_edge(0, 100)
    return G


def assert_matches(G):
    csr = netsim.CSRGraph.from_networkx(G)
    expected_table, expected_reference = reference.core_like_groups(G)
    for graph in (G, csr):
        for threshold in (0.0, 1.0, 2.0, 3.5):
            series = filtered_k_shell(graph, threshold=threshold)
            assert series.name == "filtered_k_shell"
            assert series.dtype == np.int64
            assert list(series.index) == list(G)
            assert series.to_dict() == reference.filtered_k_shell(G, threshold)
        table = core_like_groups(graph)
        assert list(table.index) == sorted(expected_table)
        for shell, (n_nodes, entropy, flag) in expected_table.items():
            row = table.loc[shell]
            assert row["n_nodes"] == n_nodes
            if math.isnan(entropy):
                assert math.isnan(row["link_entropy"])
            else:
                assert row["link_entropy"] == pytest.approx(entropy, rel=1e-12, abs=1e-12)
            assert bool(row["core_like"]) == flag
        got = table.attrs["reference_entropy"]
        assert (math.isnan(got) and math.isnan(expected_reference)) or got == pytest.approx(
            expected_reference, rel=1e-12
        )


@pytest.mark.parametrize("name", sorted(n for n in ZOO if n not in ("multigraph", "self_loop")))
def test_zoo_graphs_match_the_twins(name):
    G = ZOO[name]()
    if G.is_multigraph() or nx.number_of_selfloops(G):
        return
    assert_matches(G)


@settings(max_examples=80, deadline=None)
@given(small_graphs(max_nodes=22, max_edges=80))
def test_random_graphs_match_the_twins(G):
    assert_matches(G)


@pytest.mark.parametrize("name", ["physicians", "jazz"])
def test_small_data_sets_match_the_twins(name):
    assert_matches(netsim.datasets.load(name))


def test_a_clique_on_a_star_is_a_core_like_group():
    """By hand: shell 5 is the clique, shell 1 the star.

    The clique's 31 link ends: 30 inside, 1 to the hub, so H_5 =
    -(30/31 ln 30/31 + 1/31 ln 1/31) / ln 2 = 0.2056. All 52 link ends:
    21 in shell 1, 31 in shell 5, H_ref = 0.9738; 0.2056 < H_ref / 2, and the
    clique's links stay inside: core-like. The star is the outermost shell.
    """
    table = core_like_groups(clique_on_star())
    assert table["n_nodes"].to_dict() == {1: 11, 5: 6}
    assert table["n_link_ends"].to_dict() == {1: 21, 5: 31}
    h5 = -(30 / 31 * math.log(30 / 31) + 1 / 31 * math.log(1 / 31)) / math.log(2)
    assert table.loc[5, "link_entropy"] == pytest.approx(h5, rel=1e-12)
    assert table.loc[5, "internal_share"] == pytest.approx(30 / 31)
    h_ref = -(21 / 52 * math.log(21 / 52) + 31 / 52 * math.log(31 / 52)) / math.log(2)
    assert table.attrs["reference_entropy"] == pytest.approx(h_ref, rel=1e-12)
    assert table["core_like"].to_dict() == {1: False, 5: True}


def test_a_clique_whose_members_all_reach_out_is_not_core_like():
    """Every clique member leads six hubs of its own: most of its links leave the clique."""
    G = clique_on_star()
    leaf = 1000
    for member in range(100, 106):
        for _ in range(6):
            hub = leaf
            G.add_edges_from((hub, hub + k) for k in range(1, 7))  # a star of 6 leaves
            G.add_edge(member, hub)
            leaf += 10
    table = core_like_groups(G)
    assert table.loc[5, "internal_share"] < 0.5
    assert not table["core_like"].any()


def test_the_filtered_k_shell_by_hand():
    """A lone clique is all redundant; a clique on a star keeps only its bridge.

    In K6 every link has D = ((5 - 4 - 1) + (5 - 4 - 1)) / 2 = 0. On the
    clique on a star, the bridge 0-100 has D = (5 + 10) / 2 = 7.5; a clique
    link at member 100 has D = (1 + 0) / 2 = 0.5; a star link has D = 4.5.
    """
    assert filtered_k_shell(nx.complete_graph(6)).tolist() == [0] * 6
    G = clique_on_star()
    shells = filtered_k_shell(G)
    assert shells.to_dict() == {v: (0 if v in range(101, 106) else 1) for v in G}
    assert netsim.core_number(G)[100] == 5


def test_the_registry_and_rank_spreaders_know_the_measure():
    G = nx.karate_club_graph()
    assert "filtered_k_shell" in netsim.measures.centrality_names()
    by_name = centrality(G, "filtered_k_shell", threshold=1.0)
    assert by_name.equals(filtered_k_shell(G, threshold=1.0).rename("filtered_k_shell"))
    ranked = rank_spreaders(G, beta=0.2, measures=["degree", "filtered_k_shell"], n_runs=20, seed=1)
    assert ranked["filtered_k_shell"].equals(filtered_k_shell(G).rename("filtered_k_shell"))
    assert "rank_filtered_k_shell" in ranked.columns


def test_threads_do_not_change_the_values():
    G = netsim.datasets.load_csr("jazz")
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = filtered_k_shell(G)
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
        many = filtered_k_shell(G)
    finally:
        numba.set_num_threads(before)
    assert one.equals(many)


def test_the_null_model_has_no_core_like_group():
    """ca-grqc's cliques of co-authors are flagged; its rewired version has none."""
    G = netsim.datasets.load_csr("ca-grqc")
    assert core_like_groups(G)["core_like"].sum() >= 5
    assert not core_like_groups(netsim.rewire(G, seed=1))["core_like"].any()


@pytest.mark.parametrize("threshold", [-1.0, float("nan"), float("inf")])
def test_bad_thresholds_are_refused(threshold):
    with pytest.raises(InvalidParameterError, match=r"threshold must be a finite float"):
        filtered_k_shell(nx.path_graph(3), threshold=threshold)
    with pytest.raises(TypeError, match=r"threshold must be a real number; got str\."):
        filtered_k_shell(nx.path_graph(3), threshold="2")


def test_bad_graphs_are_refused():
    for function in (filtered_k_shell, core_like_groups):
        with pytest.raises(UnsupportedGraphError, match=r"needs an undirected graph"):
            function(nx.DiGraph([(0, 1)]))
        with pytest.raises(UnsupportedGraphError, match=r"needs a simple graph"):
            function(nx.MultiGraph([(0, 1)]))
