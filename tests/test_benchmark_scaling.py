"""Helpers of the scaling benchmark: the log-log slope fit and the seeded random graphs."""

import math

import numpy as np
import pytest

from benchmarks.bench_scaling import fit_slope, random_graph


@pytest.mark.parametrize("exponent", [0.5, 1.0, 1.37, 2.0])
def test_fit_slope_recovers_an_exact_power_law(exponent):
    edges = np.array([1e4, 3e4, 1e5, 1e6, 1e7])
    seconds = 2.5e-8 * edges**exponent
    slope, intercept = fit_slope(edges, seconds)
    assert slope == pytest.approx(exponent, abs=1e-12)
    assert intercept == pytest.approx(math.log10(2.5e-8), abs=1e-10)


def test_fit_slope_is_the_least_squares_line_of_the_logs():
    # Independent reference: the normal equations solved by hand.
    rng = np.random.default_rng(7)
    edges = np.geomspace(1e4, 1e7, 7)
    seconds = 1e-7 * edges * np.exp(rng.normal(0.0, 0.3, edges.size))
    x, y = np.log10(edges), np.log10(seconds)
    expected = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    assert fit_slope(edges, seconds)[0] == pytest.approx(expected, rel=1e-12)


def test_fit_slope_drops_unusable_points_and_needs_two_sizes():
    slope, _ = fit_slope([1e4, 1e5, 1e6, 1e6], [1e-3, 1e-2, float("nan"), 0.0])
    assert slope == pytest.approx(1.0)
    assert all(math.isnan(v) for v in fit_slope([1e4, 1e4], [1.0, 2.0]))
    with pytest.raises(ValueError, match="same length"):
        fit_slope([1e4, 1e5], [1.0])


@pytest.mark.parametrize("family", ["power-law", "uniform"])
def test_random_graph_is_seeded_and_has_mean_degree_about_ten(family):
    n_nodes, u, v = random_graph(family, 50_000, seed=3)
    again = random_graph(family, 50_000, seed=3)
    assert n_nodes == 10_000
    assert np.array_equal(u, again[1])
    assert np.array_equal(v, again[2])
    assert not np.any(u == v)
    assert min(u.min(), v.min()) >= 0
    assert max(u.max(), v.max()) < n_nodes
    degree = np.bincount(np.concatenate([u, v]), minlength=n_nodes)
    assert 9.0 < degree.mean() <= 10.0
    if family == "power-law":
        # Chung-Lu with weights i ** (-2/3): node 0 expects 2 m w_0 / sum(w) endpoints.
        weights = np.arange(1, n_nodes + 1) ** (-2.0 / 3.0)
        expected = 2 * 50_000 * weights[0] / weights.sum()
        assert abs(degree[0] - expected) < 5 * math.sqrt(expected)
    else:
        assert degree.max() < 40  # Poisson(10): no hubs


def test_random_graph_rejects_an_unknown_family():
    with pytest.raises(ValueError, match="family must be one of"):
        random_graph("lattice", 100, seed=1)
