"""Tests of choose_sources and compare_sources (several spreaders)."""

import math
from itertools import combinations

import networkx as nx
import numba
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from reference import sources as ref

import netsim
from netsim._kernels import sources as kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.spread import STRATEGIES, choose_sources, compare_sources

EMPTY = np.empty(0, dtype=np.float64)
DETERMINISTIC = [s for s in STRATEGIES if s != "greedy"]
NONEMPTY = sorted(name for name in ZOO if name != "empty")


def two_cliques():
    """K6 on 0..5 and K5 on 6..10, joined by the path 5 - 11 - 12 - 6."""
    G = nx.complete_graph(6)
    G.add_edges_from(nx.complete_graph(range(6, 11)).edges)
    G.add_edges_from([(5, 11), (11, 12), (12, 6)])
    return G


def with_trust(G):
    """G with a deterministic 'trust' in (0, 1] on every edge."""
    G = G.copy()
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data["trust"] = 0.05 + 0.9 * ((7 * k + 3) % 11) / 10
    return G


def samples_of(G, beta, n_runs, seed, p=EMPTY):
    """The kernel's labelled percolation samples, as (labels, sizes) lists."""
    csr = netsim.CSRGraph.from_networkx(G)
    key0, key1 = kernel_key(seed_sequence(seed))
    labels, sizes = kernel.cluster_labels_bond_percolation(
        csr.indptr, csr.indices, p, beta, n_runs, key0, key1, int(Purpose.PERCOLATION)
    )
    return [(labels[r].tolist(), sizes[r].tolist()) for r in range(n_runs)]


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


# Hand-made graphs where each choice is known.


def test_two_cliques_k_shell_takes_both_in_the_top_core_and_apart_spreads_them():
    G = two_cliques()
    assert choose_sources(G, 2, strategy="degree").tolist() == [5, 0]
    assert choose_sources(G, 2, strategy="k_shell").tolist() == [5, 0]
    assert choose_sources(G, 2, strategy="k_shell_apart").tolist() == [5, 6]
    assert choose_sources(G, 2, strategy="k_shell_apart", min_distance=3).tolist() == [5, 6]
    # 6 is at distance 3 from 5, so the first node of K5 allowed is 7 (distance 4).
    assert choose_sources(G, 2, strategy="k_shell_apart", min_distance=4).tolist() == [5, 7]
    # Every other node is within distance 1 of 5 or 6: a third source is impossible.
    with pytest.raises(
        InvalidParameterError, match=r"k must be an int <= 2 for this graph; got 3\. Only 2 nodes"
    ):
        choose_sources(G, 3, strategy="k_shell_apart")


def test_star_centre_first_then_leaves_in_node_order():
    G = nx.star_graph(4)
    for strategy in ("degree", "k_shell", "collective_influence", "voterank"):
        assert choose_sources(G, 1, strategy=strategy).tolist() == [0], strategy
    # Once the centre is elected, no leaf has a neighbour left to vote for it.
    with pytest.raises(InvalidParameterError, match=r"VoteRank elects only 1 node on this"):
        choose_sources(G, 2, strategy="voterank")
    assert choose_sources(G, 3, strategy="degree").tolist() == [0, 1, 2]
    assert choose_sources(G, 3, strategy="k_shell").tolist() == [0, 1, 2]
    # Every CI_2 is 0 on a star: the higher degree breaks the tie, then node order.
    assert choose_sources(G, 3, strategy="collective_influence").tolist() == [0, 1, 2]
    assert choose_sources(G, 2, strategy="k_shell_apart", min_distance=1).tolist() == [0, 1]
    with pytest.raises(InvalidParameterError, match=r"k must be an int <= 1 for this graph"):
        choose_sources(G, 2, strategy="k_shell_apart")


def test_ties_follow_the_node_order_of_G_with_labels():
    G = nx.Graph()
    G.add_nodes_from(["c", "a", "b", "d"])
    G.add_edges_from([("c", "a"), ("a", "b"), ("b", "c"), ("d", "a")])
    assert choose_sources(G, 3, strategy="degree").tolist() == ["a", "c", "b"]
    # Core 2: c, a, b; degree puts a first, then G's order.
    assert choose_sources(G, 4, strategy="k_shell").tolist() == ["a", "c", "b", "d"]
    # Other components are infinitely far: two components give two sources.
    H = nx.Graph([(1, 2), (3, 4)])
    assert choose_sources(H, 2, strategy="k_shell_apart", min_distance=5).tolist() == [1, 3]


def test_collective_influence_of_a_path_by_hand():
    """Path 0-...-6, l = 1: CI_1(i) = (k_i - 1) * sum over neighbours j of (k_j - 1).

    CI is 1 at nodes 1 and 5 and 2 at nodes 2, 3, 4: take 2 (node order). Left: 0-1 and
    3-4-5-6, where only 4 and 5 have CI 1: take 4. Left: 0-1, 3, 5-6, every CI 0: the
    degree-1 nodes 0, 1, 5, 6 come before the isolated 3, and 0 is first in node order.
    """
    G = nx.path_graph(7)
    assert choose_sources(G, 3, strategy="collective_influence", l=1).tolist() == [2, 4, 0]


def test_result_shape_and_attrs():
    G = nx.karate_club_graph()
    chosen = choose_sources(G, 3, strategy="k_shell_apart", min_distance=3)
    assert chosen.name == "source"
    assert chosen.index.name == "rank"
    assert chosen.index.tolist() == [0, 1, 2]
    assert chosen.attrs == {"strategy": "k_shell_apart", "min_distance": 3}
    assert choose_sources(G, 2, strategy="collective_influence").attrs["l"] == 2
    csr = netsim.CSRGraph.from_networkx(G)
    for strategy in DETERMINISTIC:
        on_csr = choose_sources(csr, 4, strategy=strategy)
        pd.testing.assert_series_equal(on_csr, choose_sources(G, 4, strategy=strategy))
    greedy = choose_sources(G, 3, strategy="greedy", beta=0.2, n_runs=50, seed=1)
    assert greedy.attrs["n_runs"] == 50
    assert greedy.attrs["mu"] == 1.0
    assert greedy.attrs["seed_entropy"] == 1
    assert math.isclose(greedy.attrs["objective"], sum(greedy.attrs["gains"]))
    # The chosen sources go straight into simulate.
    sizes = netsim.simulate(G, "sir", sources=greedy, beta=0.2, n_runs=3, seed=2)
    assert sizes.attrs["sources"] == sorted(greedy.tolist())


def test_tuple_labels_come_back_as_tuples():
    G = ZOO["tuple_labels"]()
    for strategy in DETERMINISTIC:
        chosen = choose_sources(G, 2, strategy=strategy)
        assert all(isinstance(v, tuple) and v in G for v in chosen.tolist()), strategy


# Against networkx and the slow twins.


@pytest.mark.parametrize("name", NONEMPTY)
def test_degree_and_k_shell_orders_from_the_definition(name):
    G = ZOO[name]()
    order = {v: i for i, v in enumerate(G)}
    core = nx.core_number(nx.Graph(G))
    n = G.number_of_nodes()
    by_degree = sorted(G, key=lambda v: (-G.degree(v), order[v]))
    by_shell = sorted(G, key=lambda v: (-core[v], -G.degree(v), order[v]))
    assert choose_sources(G, n, strategy="degree").tolist() == by_degree
    assert choose_sources(G, n, strategy="k_shell").tolist() == by_shell


@pytest.mark.parametrize("name", NONEMPTY)
def test_voterank_equals_networkx(name):
    G = ZOO[name]()
    expected = nx.voterank(G)
    if expected:
        chosen = choose_sources(G, len(expected), strategy="voterank")
        assert chosen.tolist() == expected
    if len(expected) < G.number_of_nodes():
        with pytest.raises(InvalidParameterError, match=r"VoteRank elects only"):
            choose_sources(G, len(expected) + 1, strategy="voterank")


def test_voterank_equals_networkx_on_larger_graphs():
    for G in (nx.les_miserables_graph(), nx.gnm_random_graph(60, 150, seed=3)):
        expected = nx.voterank(G, 10)
        assert choose_sources(G, 10, strategy="voterank").tolist() == expected


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize("radius", [1, 2, 3])
def test_collective_influence_equals_the_full_recomputation(name, radius):
    G = ZOO[name]()
    n = G.number_of_nodes()
    chosen = choose_sources(G, n, strategy="collective_influence", l=radius)
    assert chosen.tolist() == ref.collective_influence_removal(G, n, radius)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_collective_influence_on_random_graphs(seed):
    G = nx.gnm_random_graph(40, 90, seed=seed)
    G = nx.relabel_nodes(G, {v: (v * 7) % 40 for v in G})
    for radius in (1, 2, 3):
        chosen = choose_sources(G, 15, strategy="collective_influence", l=radius)
        assert chosen.tolist() == ref.collective_influence_removal(G, 15, radius)
    csr = netsim.CSRGraph.from_networkx(G)
    ci = kernel.collective_influence_all(csr.indptr, csr.indices, 2, 3)
    by_chunks = [
        kernel.collective_influence_removal(csr.indptr, csr.indices, 2, 40, ci.copy(), n_chunks)
        for n_chunks in (1, 3, 50)
    ]
    assert by_chunks[0].tolist() == by_chunks[1].tolist() == by_chunks[2].tolist()


def test_collective_influence_all_by_definition():
    G = nx.karate_club_graph()
    csr = netsim.CSRGraph.from_networkx(G)
    for radius in (1, 2, 3):
        expected = [ref.collective_influence(G, v, radius) for v in G]
        for n_chunks in (1, 5):
            got = kernel.collective_influence_all(csr.indptr, csr.indices, radius, n_chunks)
            assert got.tolist() == expected


@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_cluster_labels_match_the_lockstep_replay(transmission):
    G = with_trust(nx.karate_club_graph())
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    if transmission == "trust":
        p = np.ascontiguousarray(1.0 - 0.7 ** (csr.weights / csr.weights.mean()))
    else:
        p = EMPTY
    key0, key1 = kernel_key(seed_sequence(5))
    labels, sizes = kernel.cluster_labels_bond_percolation(
        csr.indptr, csr.indices, p, 0.3, 12, key0, key1, int(Purpose.PERCOLATION)
    )
    for r in range(12):
        want_labels, want_sizes = ref.cluster_labels_lockstep(
            csr.indptr, csr.indices, p, 0.3, key0, key1, int(Purpose.PERCOLATION), r
        )
        assert labels[r].tolist() == want_labels
        assert sizes[r].tolist() == [*want_sizes, *[0] * (csr.n_nodes - len(want_sizes))]


@pytest.mark.parametrize("beta", [0.0, 0.15, 0.4, 1.0])
def test_greedy_equals_the_plain_greedy_of_the_slow_twin(beta):
    G = nx.karate_club_graph()
    samples = samples_of(G, beta, 30, seed=9)
    chosen = choose_sources(G, 6, strategy="greedy", beta=beta, n_runs=30, seed=9)
    expected = ref.greedy(samples, 6)
    assert chosen.tolist() == expected
    assert math.isclose(chosen.attrs["objective"], ref.objective(samples, expected))


def test_greedy_is_within_1_minus_1_over_e_of_the_brute_force_optimum():
    """The guarantee, on the sample-average objective: exact for k = 1, >= (1 - 1/e) OPT else."""
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 5), (8, 9)])
    for seed in range(4):
        samples = samples_of(G, 0.5, 25, seed)
        for k in (1, 2, 3, 4):
            chosen = choose_sources(G, k, strategy="greedy", beta=0.5, n_runs=25, seed=seed)
            value = ref.objective(samples, chosen.tolist())
            best = ref.best_subset(samples, k)
            assert value <= best + 1e-12
            assert value >= (1 - 1 / math.e) * best
            if k == 1:
                assert value == best


def test_greedy_with_every_edge_kept_takes_the_largest_components():
    """beta = 1 keeps every edge: components {0..4}, {5, 6, 7}, {8, 9}; gains 5 then 3."""
    G = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (5, 6), (6, 7), (8, 9)])
    chosen = choose_sources(G, 3, strategy="greedy", beta=1.0, n_runs=1, seed=0)
    assert chosen.tolist() == [0, 5, 8]
    assert chosen.attrs["gains"] == [5.0, 3.0, 2.0]


def test_sample_average_objective_is_monotone_and_submodular():
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (6, 7)])
    samples = samples_of(G, 0.45, 20, seed=4)
    nodes = range(G.number_of_nodes())
    f = {
        frozenset(s): ref.total_spread(samples, s)
        for size in range(G.number_of_nodes() + 1)
        for s in combinations(nodes, size)
    }
    checked = 0
    for T, value in f.items():
        for S in (frozenset(c) for size in range(len(T) + 1) for c in combinations(T, size)):
            assert f[S] <= value
            for v in set(nodes) - T:
                assert f[S | {v}] - f[S] >= f[T | {v}] - value
                checked += 1
    assert checked > 1000


def test_greedy_first_choice_is_the_most_efficient_node():
    """Same samples as spreading_efficiency with the same seed: the first gain is max M."""
    G = nx.karate_club_graph()
    chosen = choose_sources(G, 2, strategy="greedy", beta_factor=1.5, n_runs=200, seed=3)
    M = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=200, seed=3)["M"]
    assert chosen.iloc[0] == M.idxmax()
    assert math.isclose(chosen.attrs["gains"][0], M.max())


def test_greedy_with_trust_transmission_uses_the_edge_probabilities():
    G = with_trust(nx.karate_club_graph())
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    p = np.ascontiguousarray(1.0 - 0.8 ** (csr.weights / csr.weights.mean()))
    samples = samples_of(G, 0.2, 20, seed=6, p=p)
    chosen = choose_sources(
        G, 4, strategy="greedy", beta=0.2, transmission="trust", n_runs=20, seed=6
    )
    assert chosen.tolist() == ref.greedy(samples, 4)
    assert chosen.attrs["transmission"] == "trust"


# Determinism.


def test_same_seed_same_choice_and_threads_change_nothing(restore_threads):
    G = netsim.datasets.load_csr("jazz")
    results = []
    for threads in (1, 2):
        numba.set_num_threads(min(threads, numba.config.NUMBA_NUM_THREADS))
        greedy = choose_sources(G, 8, strategy="greedy", beta_factor=2.0, n_runs=64, seed=11)
        ci = choose_sources(G, 8, strategy="collective_influence")
        results.append((greedy, ci))
    for first, second in zip(*results, strict=True):
        pd.testing.assert_series_equal(first, second)
        assert first.attrs == second.attrs
    again = choose_sources(G, 8, strategy="greedy", beta_factor=2.0, n_runs=64, seed=11)
    assert again.tolist() == results[0][0].tolist()
    generator = np.random.default_rng(1)
    one = choose_sources(G, 8, strategy="greedy", beta_factor=2.0, n_runs=64, seed=generator)
    two = choose_sources(G, 8, strategy="greedy", beta_factor=2.0, n_runs=64, seed=generator)
    assert one.attrs["seed_entropy"] != two.attrs["seed_entropy"]


def test_labels_prefix_property():
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    key0, key1 = kernel_key(seed_sequence(2))
    purpose = int(Purpose.PERCOLATION)
    long = kernel.cluster_labels_bond_percolation(
        csr.indptr, csr.indices, EMPTY, 0.3, 20, key0, key1, purpose
    )
    short = kernel.cluster_labels_bond_percolation(
        csr.indptr, csr.indices, EMPTY, 0.3, 7, key0, key1, purpose
    )
    for a, b in zip(long, short, strict=True):
        np.testing.assert_array_equal(a[:7], b)


# compare_sources.


def test_compare_sources_table_and_fresh_runs():
    G = nx.karate_club_graph()
    table = compare_sources(G, 3, strategies=["k_shell", "greedy"], beta=0.2, n_runs=200, seed=8)
    assert table.index.name == "strategy"
    assert table.index.tolist() == ["k_shell", "greedy"]
    assert table.columns.tolist() == ["sources", "size", "size_se", "overlap", "n_runs"]
    assert table["n_runs"].dtype == np.int64
    assert table.attrs["beta"] == 0.2
    assert table.attrs["seed_entropy"] == 8
    root = np.random.SeedSequence(8)
    choice_seed, run_seed = (np.random.SeedSequence(root.entropy, spawn_key=(i,)) for i in (0, 1))
    greedy = choose_sources(G, 3, strategy="greedy", beta=0.2, n_runs=200, seed=choice_seed)
    assert table.loc["greedy", "sources"] == tuple(greedy.tolist())
    for name in ("k_shell", "greedy"):
        sources = list(table.loc[name, "sources"])
        joint = netsim.joint_spread(G, sources, beta=0.2, n_runs=200, seed=run_seed)
        assert table.loc[name, "size"] == joint["size"]
        assert table.loc[name, "size_se"] == joint["size_se"]
        assert table.loc[name, "overlap"] == joint["overlap"]
    with pytest.raises(InvalidParameterError, match=r"^n_runs must be an int >= 2; got 1\.$"):
        compare_sources(G, 1, strategies="degree", beta=0.2, n_runs=1, seed=8)


# Bad input: class and message.


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"k": 0, "strategy": "degree"}, InvalidParameterError, r"k must be an int >= 1; got 0\."),
        (
            {"k": 35, "strategy": "degree"},
            InvalidParameterError,
            r"k must be an int <= the number of nodes \(34\); got 35\. G has 34 nodes\.",
        ),
        (
            {"k": 35, "strategy": "greedy", "beta": 0.1},
            InvalidParameterError,
            r"k must be an int <= the number of nodes \(34\); got 35\.",
        ),
        ({"k": 2.0, "strategy": "degree"}, TypeError, r"k must be an int; got float\."),
        (
            {"k": 2, "strategy": "kshell"},
            InvalidParameterError,
            r"strategy must be one of \{.*\}; got 'kshell'\. Did you mean 'k_shell'\?",
        ),
        (
            {"k": 2, "strategy": "degree", "beta": 0.1},
            InvalidParameterError,
            r"beta must be None for strategy 'degree'; got 0\.1\. Strategy 'degree' is "
            r"deterministic and takes no option\.",
        ),
        (
            {"k": 2, "strategy": "k_shell", "seed": 3},
            InvalidParameterError,
            r"seed must be None for strategy 'k_shell'; got 3\.",
        ),
        (
            {"k": 2, "strategy": "voterank", "n_runs": 10},
            InvalidParameterError,
            r"n_runs must be None for strategy 'voterank'; got 10\.",
        ),
        (
            {"k": 2, "strategy": "degree", "transmission": "trust"},
            InvalidParameterError,
            r"transmission must be 'contact' for strategy 'degree'; got 'trust'\.",
        ),
        (
            {"k": 2, "strategy": "greedy", "l": 3, "beta": 0.1},
            InvalidParameterError,
            r"l must be None for strategy 'greedy'; got 3\. Strategy 'greedy' takes beta, ",
        ),
        (
            {"k": 2, "strategy": "collective_influence", "min_distance": 3},
            InvalidParameterError,
            r"min_distance must be None for strategy 'collective_influence'",
        ),
        (
            {"k": 2, "strategy": "k_shell_apart", "min_distance": 0},
            InvalidParameterError,
            r"min_distance must be an int >= 1; got 0\.",
        ),
        (
            {"k": 2, "strategy": "collective_influence", "l": 0},
            InvalidParameterError,
            r"l must be an int >= 1; got 0\.",
        ),
        ({"k": 2, "strategy": "greedy"}, InvalidParameterError, r"beta"),
        (
            {"k": 2, "strategy": "greedy", "beta": 1.5},
            InvalidParameterError,
            r"beta must be a float in \[0, 1\]; got 1\.5\.",
        ),
        (
            {"k": 2, "strategy": "greedy", "beta": 0.1, "n_runs": 0},
            InvalidParameterError,
            r"n_runs must be an int >= 1; got 0\.",
        ),
    ],
)
def test_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        choose_sources(nx.karate_club_graph(), **kwargs)


def test_bad_graphs():
    with pytest.raises(UnsupportedGraphError):
        choose_sources(nx.DiGraph([(0, 1)]), 1, strategy="degree")
    with pytest.raises(InvalidParameterError, match=r"k must be an int <= the number of nodes"):
        choose_sources(nx.Graph(), 1, strategy="k_shell")
    with pytest.raises(TypeError, match=r"G must be"):
        choose_sources([(0, 1)], 1, strategy="degree")


def test_compare_sources_bad_input():
    G = nx.karate_club_graph()
    with pytest.raises(InvalidParameterError, match=r"strategies must be a non-empty sequence"):
        compare_sources(G, 2, strategies=[], beta=0.1)
    with pytest.raises(InvalidParameterError, match=r"strategies must be a non-empty sequence"):
        compare_sources(G, 2, strategies=["degree", "degree"], beta=0.1)
    with pytest.raises(InvalidParameterError, match=r"Did you mean 'voterank'\?"):
        compare_sources(G, 2, strategies=["voterenk"], beta=0.1)
    with pytest.raises(InvalidParameterError, match=r"k must be an int >= 1; got 0\."):
        compare_sources(G, 0, beta=0.1)
