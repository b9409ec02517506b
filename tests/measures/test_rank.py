"""The centrality registry, rank_spreaders and summary.

Oracles: each registry entry equals its own function (and networkx for
degree and core number); rank_spreaders' efficiency columns equal
spreading_efficiency's at the same seed exactly, its rank columns equal
scipy's rankdata; summary's scores equal the single-score functions applied
to the rank columns. The Monte Carlo interval on tau is checked where its
value is known: zero standard errors give a zero-width interval at tau,
one run (no standard error) gives NaN. Plus determinism (seed, threads,
CSRGraph input) and the invalid-input messages.
"""

import math

import networkx as nx
import numba
import numpy as np
import pandas as pd
import pytest
import scipy as sp

import netsim
from netsim.exceptions import InvalidParameterError
from netsim.measures import (
    DEFAULT_MEASURES,
    MEASURES,
    _rank,
    centrality,
    centrality_names,
    imprecision,
    kendall_tau,
    monotonicity,
    rank_spreaders,
    summary,
)

REQUIRED = ("degree", "k_shell", "weighted_k_shell")
N_RUNS = 200


@pytest.fixture(scope="module")
def karate():
    return nx.karate_club_graph()


@pytest.fixture(scope="module")
def table(karate):
    return rank_spreaders(karate, beta_factor=1.5, n_runs=N_RUNS, seed=3)


# --- registry --------------------------------------------------------------------------


def test_registry_lists_every_measure():
    assert centrality_names() == MEASURES
    assert set(REQUIRED) <= set(MEASURES)


def test_every_measure_is_a_series_over_all_nodes(karate):
    functions = {"k_shell": netsim.core_number}
    for name in centrality_names():
        values = centrality(karate, name)
        assert isinstance(values, pd.Series), name
        assert values.name == name
        assert values.index.name == "node"
        assert list(values.index) == list(karate)
        expected = functions.get(name, getattr(netsim, name))(karate)
        np.testing.assert_array_equal(values.to_numpy(), expected.to_numpy())


def test_registry_values_equal_networkx(karate):
    assert centrality(karate, "k_shell").to_dict() == nx.core_number(karate)
    assert centrality(karate, "degree").to_dict() == dict(karate.degree())
    strings = nx.relabel_nodes(karate, {v: f"n{v}" for v in karate})
    assert centrality(strings, "degree").to_dict() == dict(strings.degree())


def test_registry_passes_parameters(karate):
    shells = centrality(karate, "weighted_k_shell", weight=None)
    assert shells.to_dict() == nx.core_number(karate)
    weighted = centrality(karate, "weighted_k_shell", weight="weight", alpha=1.0, beta=2.0)
    expected = netsim.weighted_k_shell(karate, weight="weight", alpha=1.0, beta=2.0)
    assert weighted.tolist() == expected.tolist()


def test_registry_errors(karate):
    message = r"^name must be one of \{'.*'degree', .*\}; got 'k_shel'\. Did you mean 'k_shell'\?$"
    with pytest.raises(InvalidParameterError, match=message):
        centrality(karate, "k_shel")
    with pytest.raises(InvalidParameterError, match=r"^name must be one of .*; got 3\.$"):
        centrality(karate, 3)
    message = (
        r"^a parameter of centrality 'k_shell' must be empty: it takes no parameters; "
        r"got 'alpha'\.$"
    )
    with pytest.raises(InvalidParameterError, match=message):
        centrality(karate, "k_shell", alpha=1.0)
    message = r"^a parameter of centrality 'weighted_k_shell' must be one of .*; got 'Alpha'\. "
    with pytest.raises(InvalidParameterError, match=message + r"Did you mean 'alpha'\?$"):
        centrality(karate, "weighted_k_shell", Alpha=1.0)
    with pytest.raises(TypeError, match=r"^G must be a networkx graph or a netsim.CSRGraph"):
        centrality([(0, 1)], "k_shell")


# --- rank_spreaders --------------------------------------------------------------------


def test_rank_spreaders_table(karate, table):
    measures = [name for name in DEFAULT_MEASURES if name in centrality_names()]
    ranks = ["rank_M", "rank_M_low", "rank_M_high", *(f"rank_{name}" for name in measures)]
    batches = [f"M_batch_{j}" for j in range(10)]
    assert table.columns.tolist() == [*measures, "M", "M_se", "n_runs", *batches, *ranks]
    assert list(table.index) == list(karate)
    assert table.index.name == "node"
    efficiency = netsim.spreading_efficiency(karate, beta_factor=1.5, n_runs=N_RUNS, seed=3)
    pd.testing.assert_frame_equal(table[["M", "M_se", "n_runs"]], efficiency)
    assert table.attrs["batches"] == 10
    for name in measures:
        pd.testing.assert_series_equal(table[name], centrality(karate, name))
    assert table.attrs["method"] == "percolation"
    assert table.attrs["beta"] == efficiency.attrs["beta"]
    assert table.attrs["measures"] == {name: {} for name in measures}
    for column in ranks:
        assert table[column].dtype == np.float64


def test_ranks_are_average_ranks_with_one_for_the_best(table):
    expected = sp.stats.rankdata(-table["M"].to_numpy(), method="average")
    np.testing.assert_array_equal(table["rank_M"].to_numpy(), expected)
    expected = sp.stats.rankdata(-table["k_shell"].to_numpy(), method="average")
    np.testing.assert_array_equal(table["rank_k_shell"].to_numpy(), expected)
    # karate: 10 nodes in shell 4 share ranks 1..10, 12 nodes in shell 3 share 11..22.
    assert set(table.loc[table["k_shell"] == 4, "rank_k_shell"]) == {5.5}
    assert set(table.loc[table["k_shell"] == 3, "rank_k_shell"]) == {16.5}
    assert table.loc[33, "rank_degree"] == 1.0


def test_voterank_ranks_the_first_elected_first(table):
    if "voterank" not in centrality_names():
        pytest.fail("the VoteRank module is expected in this tree")
    rounds = table["voterank"]
    elected = rounds[rounds > 0].sort_values()
    ranks = table.loc[elected.index, "rank_voterank"]
    assert ranks.tolist() == [float(r) for r in range(1, len(elected) + 1)]
    never = table.loc[rounds == 0, "rank_voterank"]
    assert never.min() > ranks.max()
    assert len(set(never)) <= 1


def test_rank_spreaders_measure_parameters_and_order(karate):
    ranked = rank_spreaders(
        karate,
        beta=0.2,
        measures={"k_shell": {}, "weighted_k_shell": {"weight": "weight", "beta": 0.5}},
        n_runs=10,
        seed=1,
    )
    assert ranked.columns[:2].tolist() == ["k_shell", "weighted_k_shell"]
    expected = netsim.weighted_k_shell(karate, weight="weight", beta=0.5)
    assert ranked["weighted_k_shell"].tolist() == expected.tolist()
    assert ranked.attrs["measures"]["weighted_k_shell"] == {"weight": "weight", "beta": 0.5}
    single = rank_spreaders(karate, beta=0.2, measures="degree", n_runs=10, batches=1, seed=1)
    assert single.columns.tolist() == [
        "degree", "M", "M_se", "n_runs", "rank_M", "rank_M_low", "rank_M_high", "rank_degree",
    ]  # fmt: skip
    assert single[["rank_M_low", "rank_M_high"]].isna().all().all()  # one batch: no interval


def test_default_measures_leave_out_path_measures_on_large_graphs(karate, monkeypatch):
    monkeypatch.setattr(_rank, "_PATH_LIMIT", karate.number_of_nodes() - 1)
    ranked = rank_spreaders(karate, beta=0.1, n_runs=5, seed=1)
    assert "betweenness" not in ranked.columns
    assert "closeness" not in ranked.columns
    assert {"degree", "k_shell"} <= set(ranked.columns)


def test_rank_spreaders_is_deterministic(karate):
    G = netsim.CSRGraph.from_networkx(karate)
    measures = ["degree", "k_shell", "h_index"]
    previous = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = rank_spreaders(karate, beta_factor=2.0, measures=measures, n_runs=300, seed=9)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = rank_spreaders(G, beta_factor=2.0, measures=measures, n_runs=300, seed=9)
    finally:
        numba.set_num_threads(previous)
    pd.testing.assert_frame_equal(one, two)
    again = rank_spreaders(karate, beta_factor=2.0, measures=measures, n_runs=300, seed=9)
    pd.testing.assert_frame_equal(one, again)


def test_rank_spreaders_errors(karate):
    message = r"^name must be one of \{.*\}; got 'pagerang'\. Did you mean 'pagerank'\?$"
    with pytest.raises(InvalidParameterError, match=message):
        rank_spreaders(karate, beta=0.1, measures=["degree", "pagerang"], n_runs=5)
    with pytest.raises(InvalidParameterError, match=r"^measures must be distinct measure names"):
        rank_spreaders(karate, beta=0.1, measures=["degree", "degree"], n_runs=5)
    with pytest.raises(InvalidParameterError, match=r"^measures must be a non-empty sequence"):
        rank_spreaders(karate, beta=0.1, measures=[], n_runs=5)
    with pytest.raises(TypeError, match=r"^measures must be None, a measure name, .*; got int\.$"):
        rank_spreaders(karate, beta=0.1, measures=5, n_runs=5)
    with pytest.raises(TypeError, match=r"^the parameters of measure 'degree' must be a dict"):
        rank_spreaders(karate, beta=0.1, measures={"degree": 3}, n_runs=5)
    with pytest.raises(InvalidParameterError, match=r"^a parameter of centrality 'degree'"):
        rank_spreaders(karate, beta=0.1, measures={"degree": {"k": 3}}, n_runs=5)
    with pytest.raises(InvalidParameterError, match=r"^n_runs must be an int >= 1; got 0\.$"):
        rank_spreaders(karate, beta=0.1, measures="degree", n_runs=0)
    with pytest.raises(InvalidParameterError, match=r"beta"):
        rank_spreaders(karate, beta=0.1, beta_factor=1.0, measures="degree", n_runs=5)
    with pytest.raises(InvalidParameterError, match=r"^beta must be a float in \[0, 1\]"):
        rank_spreaders(karate, beta=1.5, measures="degree", n_runs=5)
    with pytest.raises(TypeError, match=r"^G must be a networkx graph or a netsim.CSRGraph"):
        rank_spreaders([(0, 1)], beta=0.1, n_runs=5)


# --- summary ---------------------------------------------------------------------------


def test_summary_equals_the_single_scores(table):
    scores = summary(table, p=(0.05, 0.1, 0.5), n_boot=20, seed=4)
    measures = [name for name in DEFAULT_MEASURES if name in centrality_names()]
    assert scores.index.tolist() == measures
    assert scores.index.name == "measure"
    assert scores.columns.tolist() == [
        "imprecision_0.05", "imprecision_0.05_low", "imprecision_0.05_high",
        "imprecision_0.1", "imprecision_0.1_low", "imprecision_0.1_high",
        "imprecision_0.5", "imprecision_0.5_low", "imprecision_0.5_high",
        "kendall_tau", "kendall_tau_low", "kendall_tau_high", "monotonicity",
    ]  # fmt: skip
    for name in measures:
        score = -table[f"rank_{name}"]
        row = scores.loc[name]
        for p in (0.05, 0.1, 0.5):
            assert row[f"imprecision_{p:g}"] == imprecision(score, table["M"], p)
        assert row["kendall_tau"] == kendall_tau(score, table["M"])
        assert row["monotonicity"] == monotonicity(score)
        assert row["kendall_tau_low"] <= row["kendall_tau_high"]
        if name != "voterank":  # higher is better: the raw values score the same
            assert row["kendall_tau"] == pytest.approx(kendall_tau(table[name], table["M"]))
            assert row["monotonicity"] == pytest.approx(monotonicity(table[name]))
    assert scores.attrs["n_boot"] == 20
    assert scores.attrs["level"] == 0.95


def test_summary_interval_known_cases(table):
    exact = table.copy()
    exact["M_se"] = 0.0
    scores = summary(exact, p=0.1, n_boot=5, seed=1)
    np.testing.assert_array_equal(scores["kendall_tau_low"], scores["kendall_tau"])
    np.testing.assert_array_equal(scores["kendall_tau_high"], scores["kendall_tau"])
    one_run = rank_spreaders(nx.karate_club_graph(), beta=0.1, measures="degree", n_runs=1, seed=1)
    scores = summary(one_run, n_boot=5, seed=1)
    assert math.isnan(scores.loc["degree", "kendall_tau_low"])
    assert math.isnan(scores.loc["degree", "kendall_tau_high"])
    assert np.isfinite(scores.loc["degree", "kendall_tau"])


def test_summary_interval_is_seeded_and_grows_with_the_error(table):
    first = summary(table, n_boot=50, seed=2)
    pd.testing.assert_frame_equal(first, summary(table, n_boot=50, seed=2))
    noisier = table.copy()
    noisier["M_se"] = 2 * table["M_se"]
    wide = summary(noisier, n_boot=50, seed=2)
    unclipped = (wide["kendall_tau_high"] < 1.0) & (first["kendall_tau_high"] < 1.0)
    assert unclipped.sum() >= 3
    width = (first["kendall_tau_high"] - first["kendall_tau_low"])[unclipped]
    assert ((wide["kendall_tau_high"] - wide["kendall_tau_low"])[unclipped] > width).all()


def test_summary_errors(table):
    with pytest.raises(TypeError, match=r"^ranking must be a pandas.DataFrame from rank_spreaders"):
        summary(table["M"])
    with pytest.raises(
        InvalidParameterError, match=r"^ranking must be a table from rank_spreaders"
    ):
        summary(table[["M", "degree"]])
    with pytest.raises(
        InvalidParameterError, match=r"^level must be a float in \(0, 1\); got 1\.0\."
    ):
        summary(table, level=1.0)
    with pytest.raises(InvalidParameterError, match=r"^n_boot must be an int >= 1; got 0\.$"):
        summary(table, n_boot=0)
    with pytest.raises(InvalidParameterError, match=r"^p must be a float in \(0, 1\]; got 1\.5\."):
        summary(table, p=(0.1, 1.5))
