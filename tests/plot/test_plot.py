"""The plots of netsim.plot: what each draws, checked through its artists.

Oracles: the data of every line, bar and cell equals the API function that
computes it (imprecision, top_k_overlap, the efficiency table, a weighted
mean by hand for a degree bin); labels, legends, limits and the colour bar
are read back from the axes. No pixel is compared. Plus: ``import netsim``
does not import matplotlib, a given ``ax`` is drawn on without a new figure,
artist keywords reach the artists, and the invalid-input messages.
"""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.container import ErrorbarContainer

import netsim
from netsim.exceptions import InvalidParameterError
from netsim.measures import efficiency_grid, imprecision, summary, top_k_overlap
from netsim.plot import (
    plot_efficiency_against,
    plot_efficiency_grid,
    plot_imprecision,
    plot_sources,
    plot_top_k_overlap,
)

MEASURES = ["degree", "k_shell", "voterank"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def ranking():
    G = nx.karate_club_graph()
    return netsim.rank_spreaders(G, beta_factor=1.5, measures=MEASURES, n_runs=200, seed=3)


@pytest.fixture(scope="module")
def comparison():
    G = nx.karate_club_graph()
    strategies = ["degree", "k_shell", "k_shell_apart"]
    return netsim.compare_sources(G, 3, strategies=strategies, beta_factor=1.5, n_runs=200, seed=3)


def test_import_netsim_does_not_import_matplotlib():
    code = (
        "import sys, netsim, netsim.plot; "
        "assert not [m for m in sys.modules if m.startswith('matplotlib')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_imprecision_lines_equal_the_score(ranking):
    ax = plot_imprecision(ranking)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == MEASURES
    assert ax.get_xlabel() == "fraction p of top nodes"
    assert ax.get_ylabel() == "imprecision ε(p)"
    legend = ax.get_legend()
    assert [text.get_text() for text in legend.get_texts()] == MEASURES
    p = lines[0].get_xdata()
    assert len(p) == 50
    assert p[0] == pytest.approx(0.01)
    assert p[-1] == pytest.approx(0.5)
    for line, name in zip(lines, MEASURES, strict=True):
        expected = imprecision(-ranking[f"rank_{name}"], ranking["M"], list(p))
        np.testing.assert_array_equal(line.get_ydata(), expected.to_numpy())


def test_imprecision_agrees_with_summary_including_lower_first_measures(ranking):
    """VoteRank (lower round is better) is scored as summary scores it."""
    ax = plot_imprecision(ranking, measures=["voterank", "degree"], p=[0.1, 0.2])
    scores = summary(ranking, p=[0.1, 0.2], n_boot=1, seed=0)
    for line in ax.get_lines():
        row = scores.loc[line.get_label(), ["imprecision_0.1", "imprecision_0.2"]]
        np.testing.assert_allclose(line.get_ydata(), row.to_numpy(), rtol=0, atol=1e-15)


def test_imprecision_of_a_perfect_measure_is_zero():
    M = pd.Series([5.0, 4.0, 3.0, 2.0, 1.0], index=pd.Index(range(5), name="node"))
    table = pd.DataFrame(
        {"M": M, "M_se": 0.1, "rank_M": M.rank(ascending=False), "rank_perfect": [1, 2, 3, 4, 5]}
    )
    table["rank_reversed"] = [5, 4, 3, 2, 1]
    ax = plot_imprecision(table, p=[0.2, 0.4])
    perfect, reversed_ = ax.get_lines()
    np.testing.assert_array_equal(perfect.get_ydata(), [0.0, 0.0])
    np.testing.assert_allclose(reversed_.get_ydata(), [1 - 1 / 5, 1 - 1.5 / 4.5])


def test_given_axes_are_drawn_on_without_a_new_figure_nor_settings_changed(ranking, comparison):
    settings = dict(matplotlib.rcParams)
    fig, axes = plt.subplots(1, 4)
    before = plt.get_fignums()
    grid = efficiency_grid(ranking["M"], ranking["k_shell"], ranking["degree"])
    assert plot_imprecision(ranking, ax=axes[0]) is axes[0]
    assert plot_top_k_overlap(ranking, ax=axes[1]) is axes[1]
    assert plot_efficiency_against(ranking, "degree", ax=axes[2]) is axes[2]
    assert plot_sources(comparison, ax=axes[3]) is axes[3]
    _, other = plt.subplots()
    assert plot_efficiency_grid(grid, ax=other) is other
    assert plt.get_fignums() == [*before, before[-1] + 1]
    assert plot_imprecision(ranking).figure is not fig
    assert dict(matplotlib.rcParams) == settings


def test_artist_keywords_reach_the_artists(ranking, comparison):
    ax = plot_imprecision(ranking, linewidth=3.5, linestyle="--")
    assert {line.get_linewidth() for line in ax.get_lines()} == {3.5}
    assert {line.get_linestyle() for line in ax.get_lines()} == {"--"}
    ax = plot_top_k_overlap(ranking, marker="s")
    assert {line.get_marker() for line in ax.get_lines()} == {"s"}
    ax = plot_sources(comparison, color="red")
    assert {patch.get_facecolor() for patch in ax.patches} == {(1.0, 0.0, 0.0, 1.0)}


def test_efficiency_against_draws_every_node_with_its_error(ranking):
    ax = plot_efficiency_against(ranking, "k_shell")
    (container,) = ax.containers
    points, _, (bars,) = container.lines
    np.testing.assert_array_equal(points.get_xdata(), ranking["k_shell"].to_numpy(float))
    np.testing.assert_array_equal(points.get_ydata(), ranking["M"].to_numpy())
    segments = bars.get_segments()
    assert len(segments) == len(ranking)
    lengths = [segment[1][1] - segment[0][1] for segment in segments]
    np.testing.assert_allclose(lengths, 2 * ranking["M_se"].to_numpy())
    assert ax.get_xlabel() == "k_shell"
    assert ax.get_ylabel() == "spreading efficiency M"


def test_top_k_overlap_lines_equal_the_score(ranking):
    ax = plot_top_k_overlap(ranking, measures="degree", k=[1, 3, 5, 34])
    (line,) = ax.get_lines()
    assert line.get_label() == "degree"
    expected = [top_k_overlap(-ranking["rank_degree"], ranking["M"], k) for k in (1, 3, 5, 34)]
    np.testing.assert_array_equal(line.get_xdata(), [1, 3, 5, 34])
    np.testing.assert_array_equal(line.get_ydata(), expected)
    assert line.get_ydata()[-1] == 1.0  # all nodes: full overlap
    assert ax.get_ylim() == (0.0, 1.05)
    assert ax.get_xlabel() == "k (number of top nodes)"
    assert ax.get_ylabel() == "overlap of the top k"


def test_top_k_overlap_default_k_runs_to_half_the_nodes(ranking):
    ax = plot_top_k_overlap(ranking)
    assert len(ax.get_lines()) == len(MEASURES)
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), np.arange(1, 18))


def test_sources_bars_equal_the_table(comparison):
    ax = plot_sources(comparison)
    heights = [patch.get_height() for patch in ax.patches]
    np.testing.assert_array_equal(heights, comparison["size"].to_numpy())
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert labels == list(comparison.index)
    (errorbar,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    (bars,) = errorbar.lines[2]
    lengths = [segment[1][1] - segment[0][1] for segment in bars.get_segments()]
    np.testing.assert_allclose(lengths, 2 * comparison["size_se"].to_numpy())
    assert ax.get_xlabel() == "strategy"
    assert ax.get_ylabel() == "outbreak size"


def test_sources_labels_turn_when_many():
    table = pd.DataFrame(
        {"size": [1.0, 2.0, 3.0, 4.0], "size_se": [0.1, 0.1, np.nan, 0.1]},
        index=pd.Index(["a", "b", "c", "d"], name="strategy"),
    )
    ax = plot_sources(table)
    assert [patch.get_height() for patch in ax.patches] == [1.0, 2.0, 3.0, 4.0]
    assert {label.get_rotation() for label in ax.get_xticklabels()} == {30.0}


def test_efficiency_grid_on_karate_has_a_column_per_degree(ranking):
    grid = efficiency_grid(ranking["M"], ranking["k_shell"], ranking["degree"])
    ax = plot_efficiency_grid(grid)
    (mesh,) = ax.collections
    cells = mesh.get_array()
    assert cells.shape == (4, 17)  # k_S 1..4, degree 1..17
    assert ax.get_xscale() == "linear"
    assert ax.get_ylim() == (0.5, 4.5)
    assert ax.get_xlim() == (0.5, 17.5)
    for (shell, degree), value in grid["M"].items():
        assert cells[shell - 1, degree - 1] == pytest.approx(value, rel=1e-12)
    assert int(np.ma.count(cells)) == len(grid)  # every other cell is blank
    colorbar = ax.figure.axes[-1]
    assert colorbar is not ax
    assert colorbar.get_ylabel() == "mean M"
    assert ax.get_xlabel() == "degree k"
    assert ax.get_ylabel() == "k-shell index k_S"


def _grid(rows):
    index = pd.MultiIndex.from_tuples([row[:2] for row in rows], names=["k_shell", "degree"])
    return pd.DataFrame(
        {"M": [row[2] for row in rows], "n_nodes": [row[3] for row in rows]}, index=index
    )


def test_efficiency_grid_bins_large_degrees_logarithmically():
    grid = _grid([(1, 1, 1.0, 10), (1, 300, 2.0, 1), (1, 310, 5.0, 2), (3, 1000, 9.0, 1)])
    ax = plot_efficiency_grid(grid, n_bins=10)
    cells = ax.collections[0].get_array()
    assert ax.get_xscale() == "log"
    assert cells.shape[0] == 3
    assert cells.shape[1] <= 10
    assert sorted(cells.compressed().tolist()) == [1.0, 4.0, 9.0]  # (2 + 2 * 5) / 3 = 4
    assert ax.get_ylim() == (0.5, 3.5)
    assert cells.mask[1].all()  # no node of shell 2


def test_efficiency_grid_with_degree_zero_uses_symlog():
    grid = _grid([(0, 0, 1.0, 3), (1, 1, 2.0, 1), (2, 100, 5.0, 1)])
    ax = plot_efficiency_grid(grid, n_bins=5, cmap="magma", vmin=0, vmax=10)
    assert ax.get_xscale() == "symlog"
    mesh = ax.collections[0]
    assert mesh.get_cmap().name == "magma"
    assert mesh.get_clim() == (0, 10)
    assert sorted(mesh.get_array().compressed().tolist()) == [1.0, 2.0, 5.0]


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda r, c: plot_imprecision(r["M"]), TypeError, "ranking must be a pandas.DataFrame"),
        (lambda r, c: plot_imprecision(r[["M"]]), InvalidParameterError, "ranking must be a"),
        (
            lambda r, c: plot_imprecision(r, measures=["degre"]),
            InvalidParameterError,
            "Did you mean 'degree'",
        ),
        (lambda r, c: plot_imprecision(r, p=[0.0]), InvalidParameterError, r"p must be a float"),
        (
            lambda r, c: plot_imprecision(r, measures=["degree", "degree"]),
            InvalidParameterError,
            "distinct",
        ),
        (
            lambda r, c: plot_efficiency_against(r, "kshell"),
            InvalidParameterError,
            "Did you mean 'k_shell'",
        ),
        (lambda r, c: plot_top_k_overlap(r, k=[35]), InvalidParameterError, r"\[1, 34\]"),
        (lambda r, c: plot_top_k_overlap(r, k=[1.5]), TypeError, "k must be an int"),
        (lambda r, c: plot_sources(r), InvalidParameterError, "comparison must be a table"),
        (lambda r, c: plot_sources(c["size"]), TypeError, "comparison must be a pandas"),
        (lambda r, c: plot_efficiency_grid(r), InvalidParameterError, "grid must be a non-empty"),
        (lambda r, c: plot_efficiency_grid(None), TypeError, "grid must be a pandas"),
    ],
)
def test_invalid_inputs(ranking, comparison, call, error, match):
    before = plt.get_fignums()
    with pytest.raises(error, match=match):
        call(ranking, comparison)
    assert plt.get_fignums() == before  # checked before any figure is made


def test_invalid_n_bins():
    grid = _grid([(1, 1, 1.0, 1)])
    with pytest.raises(InvalidParameterError, match="n_bins must be an int >= 1"):
        plot_efficiency_grid(grid, n_bins=0)
