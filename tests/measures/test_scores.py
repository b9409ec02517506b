"""Scores of a measure against spreading efficiency: hand-made cases and slow twins.

Oracles (STYLE T2): hand-made cases with known answers, ties at the cut
included; tests/reference/scores.py, which averages over *every*
tie-breaking order by enumeration (exact, with fractions), on seeded random
small cases with many ties; scipy.stats.kendalltau and a pair-by-pair count
for tau-b. Plus the invalid-input messages (STYLE E3).
"""

import math

import numpy as np
import pandas as pd
import pytest
import scipy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import scores as reference

from netsim.exceptions import InvalidParameterError
from netsim.measures import (
    efficiency_grid,
    imprecision,
    kendall_tau,
    monotonicity,
    top_k_overlap,
)

NODES = list("abcdefg")


def series(values, nodes=None, name=None):
    return pd.Series(values, index=pd.Index(nodes or NODES[: len(values)], name="node"), name=name)


def random_case(rng, n, levels):
    """Return (measure, efficiency) on n nodes with values in few levels (many ties)."""
    measure = series(rng.integers(0, levels, n).astype(float))
    efficiency = series(rng.integers(1, levels + 2, n).astype(float))
    return measure, efficiency


# --- imprecision -----------------------------------------------------------------------


def test_imprecision_perfect_measure_is_zero():
    efficiency = series([5.0, 1.0, 3.0, 2.0, 4.0])
    for p in [0.2, 0.4, 0.6, 1.0]:
        assert imprecision(efficiency * 10, efficiency, p) == pytest.approx(0.0, abs=1e-15)


def test_imprecision_reversed_measure():
    """Top 2 of 5 by the reversed measure are the worst two: mean 1.5 against 4.5."""
    efficiency = series([5.0, 4.0, 3.0, 2.0, 1.0])
    assert imprecision(-efficiency, efficiency, 0.4) == pytest.approx(1 - 1.5 / 4.5)


def test_imprecision_ties_at_the_cut_by_hand():
    """Nodes a, b, c tie at the top; 2 of them fit: each counts with weight 2/3.

    M_c = (2/3)(4 + 3 + 2) / 2 = 3, M_eff = (4 + 3) / 2 = 3.5, eps = 1 - 3/3.5 = 1/7.
    """
    efficiency = series([4.0, 3.0, 2.0, 1.0])
    measure = series([7, 7, 7, 0])
    assert imprecision(measure, efficiency, 0.5) == pytest.approx(1 / 7)
    # All three fit at p = 0.75: no tie at the cut. M_c = 3, M_eff = 3.
    assert imprecision(measure, efficiency, 0.75) == pytest.approx(0.0, abs=1e-15)


def test_imprecision_constant_measure_scores_a_random_choice():
    efficiency = series([6.0, 2.0, 1.0, 3.0])
    measure = series([1, 1, 1, 1])
    assert imprecision(measure, efficiency, 0.25) == pytest.approx(1 - 3.0 / 6.0)
    assert imprecision(measure, efficiency, 1.0) == pytest.approx(0.0, abs=1e-15)


def test_imprecision_top_count_rounds_half_up_and_keeps_one_node():
    """Ten nodes, efficiency 10..1, measure picks 1, 2, 3, ... in reverse.

    p = 0.01 -> 1 node; 0.15 -> round(1.5) = 2; 0.25 -> round(2.5) = 3; 0.34 -> 3.
    """
    nodes = list("abcdefghij")
    efficiency = series(np.arange(10.0, 0.0, -1.0), nodes)
    measure = series(np.arange(10.0), nodes)  # exact reverse
    expected = {0.01: 1, 0.15: 2, 0.25: 3, 0.34: 3, 0.35: 4, 1.0: 10}
    for p, m in expected.items():
        worst = np.mean(np.arange(1.0, m + 1.0))
        best = np.mean(np.arange(10.0, 10.0 - m, -1.0))
        assert imprecision(measure, efficiency, p) == pytest.approx(1 - worst / best), p


def test_imprecision_array_p_gives_a_series_indexed_by_p():
    efficiency = series([5.0, 4.0, 3.0, 2.0, 1.0])
    measure = series([1.0, 5.0, 2.0, 4.0, 3.0])
    ps = [0.4, 0.2, 1.0]
    result = imprecision(measure, efficiency, np.array(ps))
    assert isinstance(result, pd.Series)
    assert result.name == "imprecision"
    assert result.index.name == "p"
    assert result.index.tolist() == ps
    for p in ps:
        value = imprecision(measure, efficiency, p)
        assert isinstance(value, float)
        assert result.loc[p] == value


def test_imprecision_aligns_on_the_index():
    rng = np.random.default_rng(20251127)
    measure, efficiency = random_case(rng, 7, 3)
    shuffled = efficiency.iloc[rng.permutation(7)]
    assert imprecision(measure, shuffled, 0.3) == imprecision(measure, efficiency, 0.3)


def test_imprecision_against_the_enumeration():
    """Exact twin (every tie-breaking order enumerated) on 60 seeded cases with many ties."""
    rng = np.random.default_rng(5)
    for _ in range(60):
        n = int(rng.integers(1, 8))
        measure, efficiency = random_case(rng, n, int(rng.integers(1, 4)))
        for p in [0.1, 0.3, 0.5, 0.7, 1.0]:
            expected = reference.imprecision(measure.to_dict(), efficiency.to_dict(), p)
            assert imprecision(measure, efficiency, p) == pytest.approx(expected, abs=1e-12)


@given(
    values=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 4)), min_size=1, max_size=6),
    p=st.floats(0.01, 1.0),
)
@settings(max_examples=60, deadline=None)
def test_imprecision_property_against_the_enumeration(values, p):
    nodes = NODES[: len(values)]
    measure = series([float(a) for a, _ in values], nodes)
    efficiency = series([float(b) + 1.0 for _, b in values], nodes)
    expected = reference.imprecision(measure.to_dict(), efficiency.to_dict(), p)
    result = imprecision(measure, efficiency, p)
    assert result == pytest.approx(expected, abs=1e-12)
    assert 0.0 <= result <= 1.0


@pytest.mark.parametrize("p", [0.0, -0.1, 1.5, math.nan, math.inf])
def test_imprecision_refuses_p_outside_the_unit_interval(p):
    efficiency = series([1.0, 2.0])
    with pytest.raises(InvalidParameterError, match=r"^p must be a float in \(0, 1\]; got"):
        imprecision(efficiency, efficiency, p)
    with pytest.raises(InvalidParameterError, match=r"^p must be a float in \(0, 1\]; got"):
        imprecision(efficiency, efficiency, [0.5, p])


def test_imprecision_refuses_bad_p_types_and_empty_p():
    efficiency = series([1.0, 2.0])
    for p in ["0.5", True, None]:
        with pytest.raises(TypeError, match=r"^p must be a float in \(0, 1\] or a sequence"):
            imprecision(efficiency, efficiency, p)
    with pytest.raises(InvalidParameterError, match=r"non-empty sequence of them; got \[\]\."):
        imprecision(efficiency, efficiency, [])


def test_imprecision_refuses_negative_or_zero_efficiency():
    measure = series([1.0, 2.0, 3.0])
    with pytest.raises(
        InvalidParameterError, match=r"^efficiency must be >= 0 at every node; got -1"
    ):
        imprecision(measure, series([1.0, -1.0, 2.0]), 0.5)
    with pytest.raises(InvalidParameterError, match=r"^efficiency must be > 0 on its top nodes"):
        imprecision(measure, series([0.0, 0.0, 0.0]), 0.5)


# --- shared input checks (every score) -------------------------------------------------

SCORES = {
    "imprecision": lambda m, e: imprecision(m, e, 0.5),
    "kendall_tau": kendall_tau,
    "top_k_overlap": lambda m, e: top_k_overlap(m, e, 1),
    "efficiency_grid": lambda m, e: efficiency_grid(e, m, m),
}


@pytest.mark.parametrize("score", sorted(SCORES))
def test_scores_refuse_misaligned_series(score):
    function = SCORES[score]
    measure = series([1.0, 2.0, 3.0])
    other = series([1.0, 2.0, 3.0], ["a", "b", "x"])
    with pytest.raises(InvalidParameterError, match=r"must be indexed by the nodes of .*'x'"):
        function(measure, other)
    shorter = series([1.0, 2.0])
    with pytest.raises(InvalidParameterError, match=r"no value at node 'c'"):
        function(measure, shorter)


@pytest.mark.parametrize("score", sorted(SCORES))
def test_scores_refuse_bad_values(score):
    function = SCORES[score]
    good = series([1.0, 2.0, 3.0])
    with pytest.raises(
        InvalidParameterError, match=r"must be finite at every node; got nan at node 'b'"
    ):
        function(series([1.0, np.nan, 3.0]), good)
    with pytest.raises(TypeError, match=r"must be a pandas.Series indexed by node; got list\."):
        function([1.0, 2.0, 3.0], good)
    with pytest.raises(
        InvalidParameterError, match=r"the index of .* must be unique node labels; got 'a'"
    ):
        function(series([1.0, 2.0, 3.0], ["a", "a", "b"]), good)
    with pytest.raises(
        InvalidParameterError, match=r"must be a Series of real numbers; got dtype (object|str)\."
    ):
        function(series(["x", "y", "z"]), good)
    with pytest.raises(InvalidParameterError, match=r"must be a Series of at least one node"):
        function(series([], []).astype(float), series([], []).astype(float))


# --- Kendall's tau-b -------------------------------------------------------------------


def test_kendall_tau_hand_made():
    x = series([1.0, 2.0, 3.0, 4.0])
    assert kendall_tau(x, x * 2) == pytest.approx(1.0)
    assert kendall_tau(x, -x) == pytest.approx(-1.0)
    # Pairs: (a,b) tied in x; (a,c) (a,d) (b,c) (b,d) concordant; (c,d) discordant.
    # n0 = 6, n1 = 1, n2 = 0: (4 - 1) / sqrt(5 * 6).
    assert kendall_tau(series([1, 1, 2, 3]), series([1.0, 2.0, 4.0, 3.0])) == pytest.approx(
        3 / math.sqrt(30)
    )


def test_kendall_tau_undefined_cases_are_nan():
    assert math.isnan(kendall_tau(series([1.0, 1.0, 1.0]), series([1.0, 2.0, 3.0])))
    assert math.isnan(kendall_tau(series([1.0, 2.0, 3.0]), series([5.0, 5.0, 5.0])))
    assert math.isnan(kendall_tau(series([1.0]), series([2.0])))


def test_kendall_tau_against_scipy_and_pair_count():
    rng = np.random.default_rng(11)
    for _ in range(40):
        n = int(rng.integers(2, 40))
        nodes = [f"v{i}" for i in range(n)]
        x = series(rng.integers(0, 4, n).astype(float), nodes)
        y = series(rng.integers(0, 5, n).astype(float), nodes)
        expected = reference.kendall_tau(x.to_dict(), y.to_dict())
        value = kendall_tau(x, y)
        if math.isnan(expected):
            assert math.isnan(value)
            continue
        assert value == pytest.approx(expected, abs=1e-12)
        assert value == pytest.approx(sp.stats.kendalltau(x, y, variant="b").statistic, abs=1e-12)


# --- top-k overlap ---------------------------------------------------------------------


def test_top_k_overlap_hand_made():
    efficiency = series([5.0, 4.0, 3.0, 2.0, 1.0])
    assert top_k_overlap(efficiency, efficiency, 2) == 1.0
    assert top_k_overlap(-efficiency, efficiency, 2) == 0.0
    assert top_k_overlap(series([1.0, 5.0, 4.0, 3.0, 2.0]), efficiency, 2) == 0.5
    assert top_k_overlap(efficiency, efficiency, 5) == 1.0


def test_top_k_overlap_ties_at_the_cut_by_hand():
    """a, b, c tie at the top of the measure, k = 2: each is in with probability 2/3.

    The top 2 by efficiency are a and b: expected overlap (2/3 + 2/3) / 2 = 2/3.
    """
    efficiency = series([4.0, 3.0, 2.0, 1.0])
    measure = series([7, 7, 7, 0])
    assert top_k_overlap(measure, efficiency, 2) == pytest.approx(2 / 3)
    # Ties in both: efficiency ties b, c, d for the second place (1/3 each), so
    # a is in both with probability 2/3, b and c each with 2/3 * 1/3: (2/3 + 4/9) / 2.
    tied = series([4.0, 1.0, 1.0, 1.0])
    assert top_k_overlap(measure, tied, 2) == pytest.approx(5 / 9)


def test_top_k_overlap_against_the_enumeration():
    rng = np.random.default_rng(3)
    for _ in range(40):
        n = int(rng.integers(1, 7))
        measure, efficiency = random_case(rng, n, int(rng.integers(1, 4)))
        for k in range(1, n + 1):
            expected = reference.top_k_overlap(measure.to_dict(), efficiency.to_dict(), k)
            assert top_k_overlap(measure, efficiency, k) == pytest.approx(expected, abs=1e-12)


def test_top_k_overlap_refuses_bad_k():
    x = series([1.0, 2.0, 3.0])
    with pytest.raises(InvalidParameterError, match=r"^k must be an int >= 1; got 0\.$"):
        top_k_overlap(x, x, 0)
    message = r"^k must be an int in \[1, 3\] \(the number of nodes\); got 4\.$"
    with pytest.raises(InvalidParameterError, match=message):
        top_k_overlap(x, x, 4)
    with pytest.raises(TypeError, match=r"^k must be an int; got float\.$"):
        top_k_overlap(x, x, 1.5)


# --- monotonicity ----------------------------------------------------------------------


def test_monotonicity_hand_made():
    assert monotonicity(series([3.0, 1.0, 2.0])) == 1.0
    assert monotonicity(series([2, 2, 2, 2])) == 0.0
    # One tied pair among 4 nodes: 2 ordered pairs of 12.
    assert monotonicity(series([1, 1, 2, 3])) == pytest.approx((1 - 2 / 12) ** 2)
    assert math.isnan(monotonicity(series([5.0])))


def test_monotonicity_against_the_definition():
    rng = np.random.default_rng(8)
    for _ in range(30):
        n = int(rng.integers(2, 30))
        values = series(rng.integers(0, 6, n), [f"v{i}" for i in range(n)])
        expected = reference.monotonicity(values.to_dict())
        assert monotonicity(values) == pytest.approx(expected, abs=1e-12)


def test_monotonicity_refuses_bad_input():
    with pytest.raises(TypeError, match=r"^measure must be a pandas.Series"):
        monotonicity(np.array([1.0, 2.0]))
    with pytest.raises(InvalidParameterError, match=r"^measure must be finite at every node"):
        monotonicity(series([1.0, np.inf]))


# --- the (k_S, k) grid -----------------------------------------------------------------


def test_efficiency_grid_hand_made():
    efficiency = series([1.0, 3.0, 5.0, 2.0, 4.0])
    k_shell = series([1, 1, 2, 2, 2])
    degree = series([1, 1, 3, 2, 3])
    grid = efficiency_grid(efficiency, k_shell, degree)
    assert grid.index.names == ["k_shell", "degree"]
    assert grid.columns.tolist() == ["M", "n_nodes"]
    assert grid.index.tolist() == [(1, 1), (2, 2), (2, 3)]
    assert grid["M"].tolist() == [2.0, 2.0, 4.5]
    assert grid["n_nodes"].tolist() == [2, 1, 2]
    assert grid["n_nodes"].dtype == np.int64
    assert grid.index.get_level_values("k_shell").dtype == np.int64
    matrix = grid["M"].unstack("degree")
    assert matrix.shape == (2, 3)
    assert math.isnan(matrix.loc[1, 3])


def test_efficiency_grid_against_the_reference():
    rng = np.random.default_rng(13)
    n = 60
    nodes = [f"v{i}" for i in range(n)]
    efficiency = series(rng.uniform(1, 10, n), nodes)
    k_shell = series(rng.integers(1, 4, n), nodes)
    degree = series(rng.integers(1, 6, n), nodes)
    shuffled = degree.iloc[rng.permutation(n)]
    grid = efficiency_grid(efficiency, k_shell, shuffled)
    expected = reference.efficiency_grid(efficiency.to_dict(), k_shell.to_dict(), degree.to_dict())
    assert len(grid) == len(expected)
    for cell, (mean, count) in expected.items():
        assert grid.loc[cell, "M"] == pytest.approx(mean)
        assert grid.loc[cell, "n_nodes"] == count


def test_efficiency_grid_names_its_arguments_in_errors():
    good = series([1.0, 2.0])
    with pytest.raises(
        InvalidParameterError, match=r"^degree must be indexed by the nodes of k_shell"
    ):
        efficiency_grid(good, good, series([1.0, 2.0], ["a", "z"]))
    with pytest.raises(InvalidParameterError, match=r"^efficiency must be finite"):
        efficiency_grid(series([1.0, np.nan]), good, good)
