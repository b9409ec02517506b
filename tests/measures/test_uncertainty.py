"""Uncertainty of rankings: rank intervals, top-k reproducibility, tie rules, bands, comparisons.

Oracles:

* exact spreading efficiencies in closed form on trees (bond percolation on a
  tree: node j is in i's outbreak iff every edge of the path is kept, so
  M_i = sum_j beta^d(i, j));
* brute force over every order of the tied nodes for the tie rules;
* hand-made batch tables whose halves and bootstrap draws are known;
* the hypergeometric mean k^2 / n for the overlap of unrelated rankings.

Statistical tests use fixed seeds and state their tolerance in standard
errors (STYLE T3).
"""

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netsim._seeding import seed_sequence
from netsim.exceptions import InvalidParameterError
from netsim.measures import (
    compare_measures,
    imprecision,
    rank_spreaders,
    summary,
    top_k_reproducibility,
)
from netsim.measures._batches import Batches, draw_counts, rank_interval

# --- helpers ------------------------------------------------------------------------------


def tree_efficiency(G, beta):
    """Exact M_i = sum_j beta^d(i, j) on a tree."""
    distance = dict(nx.all_pairs_shortest_path_length(G))
    return pd.Series({i: math.fsum(beta ** distance[i][j] for j in G) for i in G})


def batch_table(means, n_runs=None):
    """A table with M (the mean of the batch columns) and the batch columns, from (B, n)."""
    means = np.asarray(means, dtype=np.float64)
    index = pd.Index([f"v{i}" for i in range(means.shape[1])], name="node")
    table = pd.DataFrame({"M": means.mean(axis=0), "M_se": 0.0}, index=index)
    if n_runs is not None:
        table["n_runs"] = n_runs
    for j, row in enumerate(means):
        table[f"M_batch_{j}"] = row
    return table


@pytest.fixture(scope="module")
def broom():
    G = nx.path_graph(30)
    G.add_edges_from((29, 30 + j) for j in range(8))
    return G


@pytest.fixture(scope="module")
def broom_table(broom):
    """rank_spreaders on the broom, with the exact efficiency as a measure ``exact``."""
    table = rank_spreaders(broom, beta=0.8, measures=["degree"], n_runs=2000, seed=5)
    exact = tree_efficiency(broom, 0.8)
    table["rank_exact"] = exact.rank(ascending=False, method="average")
    return table


# --- rank intervals -----------------------------------------------------------------------


def test_rank_intervals_cover_the_exact_ranks_at_about_the_nominal_rate():
    """Coverage of the exact ranks over 20 seeds, on a 40-node random tree.

    The nominal level is 0.95. With 10 batches the bootstrap has normal
    rather than Student tails (9 degrees of freedom), which for a single
    mean would cover 0.92; so the seeds' mean coverage must lie in
    [0.92, 0.95] up to 4 standard errors of that mean (the spread of the
    per-seed coverage over the seeds, / sqrt(20)). Intervals of zero width
    would cover about half the uncertain nodes; intervals twice too wide
    nearly all.
    """
    G = nx.random_labeled_tree(40, seed=3)
    exact = tree_efficiency(G, 0.5).rank(ascending=False, method="average")
    coverage = []
    for seed in range(20):
        table = rank_spreaders(G, beta=0.5, measures=["degree"], n_runs=200, seed=seed)
        truth = exact.loc[table.index]
        inside = (table["rank_M_low"] <= truth) & (truth <= table["rank_M_high"])
        coverage.append(float(inside.mean()))
    coverage = np.array(coverage)
    se = coverage.std(ddof=1) / math.sqrt(coverage.size)
    assert 0.92 - 4 * se <= coverage.mean() <= 0.95 + 4 * se, (coverage.mean(), se)


def test_rank_interval_without_noise_is_the_rank():
    means = np.tile([3.0, 1.0, 2.0, 2.0, 5.0], (6, 1))
    batches = Batches(means, np.ones(6), pd.RangeIndex(5))
    counts = draw_counts(np.random.default_rng(1), 50, 6)
    low, high = rank_interval(batches, counts, 0.9)
    expected = [2.0, 5.0, 3.5, 3.5, 1.0]
    np.testing.assert_array_equal(low, expected)
    np.testing.assert_array_equal(high, expected)


def test_rank_interval_is_the_quantile_of_the_ranks_of_each_draw():
    rng = np.random.default_rng(4)
    means = rng.normal(size=(5, 7)) + np.arange(7)
    weights = np.array([2.0, 2.0, 2.0, 3.0, 3.0])
    batches = Batches(means, weights, pd.RangeIndex(7))
    counts = draw_counts(np.random.default_rng(2), 40, 5)
    low, high = rank_interval(batches, counts, 0.8)
    centre = weights @ means / weights.sum()
    ranks = []
    for row in counts:
        draw = (row * weights) @ means / (row * weights).sum()
        draw = centre + math.sqrt(5 / 4) * (draw - centre)
        ranks.append(pd.Series(draw).rank(ascending=False, method="average").to_numpy())
    ranks = np.array(ranks)
    np.testing.assert_array_equal(low, np.quantile(ranks, 0.1, axis=0, method="lower"))
    np.testing.assert_array_equal(high, np.quantile(ranks, 0.9, axis=0, method="higher"))


def test_rank_spreaders_batches_default_and_errors():
    G = nx.path_graph(6)
    few = rank_spreaders(G, beta=0.5, measures="degree", n_runs=4, seed=1)
    assert [c for c in few.columns if c.startswith("M_batch_")] == [
        f"M_batch_{j}" for j in range(4)
    ]
    assert few.attrs["batches"] == 4
    assert (few["rank_M_low"] <= few["rank_M_high"]).all()
    cases = [
        ({"batches": 0}, InvalidParameterError, r"^batches must be an int >= 1; got 0\.$"),
        ({"batches": 9}, InvalidParameterError, r"^batches must be an int in \[1, n_runs\]"),
        ({"level": 1.0}, InvalidParameterError, r"^level must be a float in \(0, 1\); got 1\.0\."),
        ({"level": "high"}, TypeError, r"^level must be a float in \(0, 1\); got str\.$"),
        ({"n_boot": 0}, InvalidParameterError, r"^n_boot must be an int >= 1; got 0\.$"),
    ]
    for kwargs, error, match in cases:
        with pytest.raises(error, match=match):
            rank_spreaders(G, beta=0.5, measures="degree", n_runs=8, seed=1, **kwargs)


# --- top-k reproducibility ----------------------------------------------------------------


def test_top_k_reproducibility_of_a_noise_free_ranking_is_k():
    table = batch_table(np.tile(np.arange(20.0), (10, 1)))
    for k in (1, 3, 10, 20):
        got = top_k_reproducibility(table, k)
        assert got == {"k": k, "n_nodes": 20, "overlap": k, "random": k * k / 20, "share": 1.0}


def test_top_k_reproducibility_splits_the_batches_into_weighted_halves():
    # 10 runs in 3 batches of 3, 3 and 4 runs: the halves are batch 0, and batches 1 and 2.
    first = [9.0, 1.0, 0.0, 5.0]
    second = [0.0, 4.0, 3.0, 5.0]
    third = [0.0, 2.0, 3.5, 5.0]
    table = batch_table([first, second, third], n_runs=10)
    # second half, weighted 3:4: [0, 2.857, 3.286, 5]; unweighted it would be [0, 3, 3.25, 5]
    assert top_k_reproducibility(table, 1)["overlap"] == 0.0  # node 0 against node 3
    assert top_k_reproducibility(table, 2)["overlap"] == 1.0  # {0, 3} against {3, 2}
    tied = batch_table([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0]])
    assert top_k_reproducibility(tied, 1)["overlap"] == 0.5  # 1/2 * 1/2 + 1/2 * 1/2


def test_top_k_reproducibility_of_unrelated_halves_averages_k_squared_over_n():
    """400 tables of pure noise (n = 50, k = 10): mean overlap k^2/n = 2.

    The overlap of two independent uniform top-10 sets of 50 nodes is
    hypergeometric with variance k (k/n) (1 - k/n) (n - k)/(n - 1) = 1.306,
    so the mean of 400 has standard error 0.057; tolerance 4 SE.
    """
    rng = np.random.default_rng(12)
    overlaps = [
        top_k_reproducibility(batch_table(rng.normal(size=(10, 50))), 10)["overlap"]
        for _ in range(400)
    ]
    variance = 10 * (10 / 50) * (40 / 50) * (40 / 49)
    assert abs(np.mean(overlaps) - 2.0) <= 4 * math.sqrt(variance / 400)
    assert top_k_reproducibility(batch_table(rng.normal(size=(10, 50))), 10)["random"] == 2.0


def test_top_k_reproducibility_errors():
    table = batch_table(np.ones((4, 5)))
    with pytest.raises(InvalidParameterError, match=r"^k must be an int in \[1, 5\]"):
        top_k_reproducibility(table, 6)
    with pytest.raises(InvalidParameterError, match=r"^k must be an int >= 1; got 0\.$"):
        top_k_reproducibility(table, 0)
    with pytest.raises(InvalidParameterError, match=r"^ranking must be a table with batch columns"):
        top_k_reproducibility(table[["M", "M_batch_0"]], 2)
    with pytest.raises(TypeError, match=r"^ranking must be a pandas.DataFrame"):
        top_k_reproducibility(table["M"], 2)


# --- tie rules ----------------------------------------------------------------------------


def brute_force(x, y, m):
    """eps of every order of the tied nodes, and the include-every-tied-node eps."""
    best = np.sort(y)[::-1][:m].mean()
    groups = [np.flatnonzero(x == value) for value in np.unique(x)[::-1]]
    scores = []
    for orders in itertools.product(*(itertools.permutations(g) for g in groups)):
        order = np.concatenate(orders)
        scores.append(1.0 - y[order[:m]].mean() / best)
    cut = np.sort(x)[::-1][m - 1]
    everyone = 1.0 - y[x >= cut].mean() / best
    return np.array(scores), everyone


@pytest.mark.parametrize("seed", range(6))
def test_each_tie_rule_against_every_order_of_the_tied_nodes(seed):
    rng = np.random.default_rng(seed)
    n = 7
    x = pd.Series(rng.integers(0, 3, size=n).astype(float), index=list("abcdefg"))
    y = pd.Series(rng.uniform(1.0, 10.0, size=n), index=list("abcdefg"))
    fractions = [m / n for m in range(1, n + 1)]
    got = {
        rule: imprecision(x, y, fractions, ties=rule)
        for rule in ("expected", "optimistic", "pessimistic", "all")
    }
    for k, fraction in enumerate(fractions):
        scores, everyone = brute_force(x.to_numpy(), y.to_numpy(), k + 1)
        assert got["expected"].iloc[k] == pytest.approx(max(0.0, scores.mean()), abs=1e-12)
        assert got["optimistic"].iloc[k] == pytest.approx(max(0.0, scores.min()), abs=1e-12)
        assert got["pessimistic"].iloc[k] == pytest.approx(max(0.0, scores.max()), abs=1e-12)
        assert got["all"].iloc[k] == pytest.approx(max(0.0, everyone), abs=1e-12)
        assert imprecision(x, y, fraction, ties="all") == got["all"].iloc[k]
    assert got["all"].attrs["ties"] == "all"


def test_tie_rules_by_hand():
    # Top 2 by the measure: node a above the cut, then b, c, d tied at the cut.
    x = pd.Series([3.0, 1.0, 1.0, 1.0, 0.0], index=list("abcde"))
    y = pd.Series([10.0, 6.0, 3.0, 0.0, 8.0], index=list("abcde"))
    best = (10.0 + 8.0) / 2
    assert imprecision(x, y, 0.4) == pytest.approx(1 - (10 + 3) / 2 / best)  # mean of b, c, d
    assert imprecision(x, y, 0.4, ties="optimistic") == pytest.approx(1 - (10 + 6) / 2 / best)
    assert imprecision(x, y, 0.4, ties="pessimistic") == pytest.approx(1 - (10 + 0) / 2 / best)
    assert imprecision(x, y, 0.4, ties="all") == pytest.approx(1 - (10 + 6 + 3 + 0) / 4 / best)


def test_tie_rule_errors():
    x = pd.Series([1.0, 2.0])
    with pytest.raises(InvalidParameterError, match=r"^ties must be one of \{'all', 'expected', "):
        imprecision(x, x, 0.5, ties="random")
    with pytest.raises(InvalidParameterError, match=r"Did you mean 'optimistic'\?$"):
        imprecision(x, x, 0.5, ties="optimist")


# --- imprecision bands ----------------------------------------------------------------------


def test_band_without_noise_is_the_value():
    rng = np.random.default_rng(3)
    table = batch_table(np.tile(rng.uniform(1, 5, size=12), (5, 1)))
    measure = pd.Series(rng.integers(0, 4, size=12).astype(float), index=table.index)
    band = imprecision(measure, table, [0.1, 0.5], ties="pessimistic", seed=1)
    assert band.columns.tolist() == ["imprecision", "low", "high"]
    assert band.index.tolist() == [0.1, 0.5]
    assert band.index.name == "p"
    expected = imprecision(measure, table["M"], [0.1, 0.5], ties="pessimistic").to_numpy()
    np.testing.assert_allclose(band.to_numpy(), np.column_stack([expected] * 3), atol=1e-12)
    assert band.attrs["ties"] == "pessimistic"
    assert band.attrs["batches"] == 5
    one = imprecision(measure, table, 0.5, seed=1)
    assert one.shape == (1, 3)


@pytest.mark.parametrize("ties", ["expected", "optimistic", "all"])
def test_band_is_the_percentile_interval_of_the_resampled_batches(ties):
    rng = np.random.default_rng(8)
    means = rng.uniform(1.0, 6.0, size=(7, 15))
    table = batch_table(means, n_runs=30)  # batches of 4 or 5 runs
    table["M"] = (np.diff((np.arange(8) * 30) // 7) @ means) / 30
    measure = pd.Series(rng.integers(0, 5, size=15).astype(float), index=table.index[::-1])
    band = imprecision(measure, table, [0.2, 0.4], ties=ties, level=0.8, n_boot=60, seed=9)
    counts = draw_counts(np.random.default_rng(seed_sequence(9)), 60, 7)
    weights = np.diff((np.arange(8) * 30) // 7).astype(float)
    centre = table["M"].to_numpy()
    draws = []
    for row in counts:
        draw = (row * weights) @ means / (row * weights).sum()
        draw = centre + math.sqrt(7 / 6) * (draw - centre)
        series = pd.Series(draw, index=table.index)
        draws.append(imprecision(measure, series, [0.2, 0.4], ties=ties).to_numpy())
    low, high = np.quantile(np.array(draws), [0.1, 0.9], axis=0)
    np.testing.assert_allclose(band["low"], low, atol=1e-12)
    np.testing.assert_allclose(band["high"], high, atol=1e-12)
    pd.testing.assert_frame_equal(
        band, imprecision(measure, table, [0.2, 0.4], ties=ties, level=0.8, n_boot=60, seed=9)
    )


def test_band_errors():
    table = batch_table(np.ones((3, 4)) + np.arange(4))
    measure = pd.Series([1.0, 2.0, 3.0, 4.0], index=table.index)
    with pytest.raises(InvalidParameterError, match=r"^efficiency must be a table with batch"):
        imprecision(measure, table[["M"]], 0.5)
    with pytest.raises(InvalidParameterError, match=r"^efficiency must be a Series, or a table"):
        imprecision(measure, table.drop(columns="M"), 0.5)
    with pytest.raises(
        InvalidParameterError, match=r"^level must be a float in \(0, 1\); got 0\.0"
    ):
        imprecision(measure, table, 0.5, level=0.0)
    with pytest.raises(InvalidParameterError, match=r"^n_boot must be an int >= 1; got 0\.$"):
        imprecision(measure, table, 0.5, n_boot=0)


def test_summary_gives_the_bands_and_the_reproducibility(broom_table):
    scores = summary(broom_table, p=[0.05, 0.2], n_boot=50, seed=3)
    row = scores.loc["exact"]
    assert row["imprecision_0.05_low"] == row["imprecision_0.05_high"] == 0.0
    assert scores.loc["degree", "imprecision_0.05_low"] > 0.05  # degree's 0.096, well apart
    assert scores.attrs["ties"] == "expected"
    assert scores.attrs["top_k_reproducibility"] == top_k_reproducibility(broom_table, 10)


# --- paired comparisons -----------------------------------------------------------------------


def test_compare_finds_no_winner_between_identical_measures(broom_table):
    table = broom_table.assign(rank_twin=broom_table["rank_degree"])
    got = compare_measures(table, "degree", "twin", [0.05, 0.1, 0.5], n_boot=100, seed=1)
    assert got.columns.tolist() == [
        "imprecision_degree", "imprecision_twin", "difference", "low", "high", "winner",
    ]  # fmt: skip
    assert got["winner"].tolist() == ["neither"] * 3
    assert (got[["difference", "low", "high"]] == 0.0).all().all()


def test_compare_finds_the_exact_efficiency_better(broom_table, broom):
    """The exact M against degree on the broom: exact differences 0.096, 0.124 and 0.111."""
    exact = tree_efficiency(broom, 0.8)
    truth = [imprecision(-broom_table["rank_degree"], exact, p) for p in (0.05, 0.1, 0.2)]
    got = compare_measures(broom_table, "exact", "degree", [0.05, 0.1, 0.2], seed=2)
    assert got["winner"].tolist() == ["exact"] * 3
    np.testing.assert_allclose(-got["difference"], truth, atol=0.02)
    swapped = compare_measures(broom_table, "degree", "exact", [0.05, 0.1, 0.2], seed=2)
    assert swapped["winner"].tolist() == ["exact"] * 3
    np.testing.assert_allclose(swapped["low"], -got["high"], atol=1e-12)
    assert got.attrs["a"] == "exact"
    assert got.attrs["ties"] == "expected"


def test_compare_errors(broom_table):
    with pytest.raises(InvalidParameterError, match=r"^a must be one of \{'degree', 'exact'\}"):
        compare_measures(broom_table, "pagerank", "degree")
    with pytest.raises(InvalidParameterError, match=r"^b must be a measure other than a"):
        compare_measures(broom_table, "degree", "degree")
    with pytest.raises(InvalidParameterError, match=r"^ties must be one of"):
        compare_measures(broom_table, "degree", "exact", ties="best")
    with pytest.raises(InvalidParameterError, match=r"^level must be a float in \(0, 1\)"):
        compare_measures(broom_table, "degree", "exact", level=1.5)
    with pytest.raises(InvalidParameterError, match=r"^n_boot must be an int >= 1"):
        compare_measures(broom_table, "degree", "exact", n_boot=0)
    with pytest.raises(InvalidParameterError, match=r"^p must be a float in \(0, 1\]"):
        compare_measures(broom_table, "degree", "exact", p=0.0)
    unbatched = broom_table.drop(columns=[f"M_batch_{j}" for j in range(10)])
    with pytest.raises(InvalidParameterError, match=r"^ranking must be a table with batch"):
        compare_measures(unbatched, "degree", "exact")
    with pytest.raises(TypeError, match=r"^ranking must be a pandas.DataFrame"):
        compare_measures(broom_table["M"], "degree", "exact")
