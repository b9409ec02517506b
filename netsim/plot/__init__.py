"""Plots of netsim's results: rankings, efficiency grids and chosen sources.

Every function takes a result of the API (a DataFrame from
:func:`netsim.rank_spreaders`, :func:`netsim.efficiency_grid` or
:func:`netsim.compare_sources`; a network grown by
:func:`netsim.networking_game` or its history) and draws it; none simulates. Each returns
the ``matplotlib.axes.Axes`` it drew on, creating a figure only when no
``ax`` is given, and never shows, saves or changes matplotlib's settings.
matplotlib is imported when a function is first called, not when
:mod:`netsim` is imported.
"""

from ._game import (
    STRATEGY_COLOURS,
    plot_degree_distribution,
    plot_growth,
    plot_growth_panels,
    plot_network,
    plot_trust_distribution,
)
from ._grids import plot_efficiency_grid
from ._rankings import plot_efficiency_against, plot_imprecision, plot_sources, plot_top_k_overlap

__all__ = [
    "STRATEGY_COLOURS",
    "plot_degree_distribution",
    "plot_efficiency_against",
    "plot_efficiency_grid",
    "plot_growth",
    "plot_growth_panels",
    "plot_imprecision",
    "plot_network",
    "plot_sources",
    "plot_top_k_overlap",
    "plot_trust_distribution",
]
