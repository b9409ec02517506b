"""How a report's figures look: the palette, markers and line styles, and panels.

Figures are new :class:`matplotlib.figure.Figure` objects that pyplot does
not track (the store saves and closes them); matplotlib is imported only
when a figure is drawn.
"""

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from ..plot._game import _colours, _strategy_order

__all__ = [
    "BLACK",
    "LINESTYLES",
    "MARKERS",
    "MAX_PANEL_SPREADS",
    "PALETTE",
    "PANEL_COLUMNS",
    "errorbar",
    "legend_line",
    "new_figure",
    "panel_figure",
    "panel_grid",
    "panel_title",
    "strategy_colours",
    "strategy_order",
]

#: The Okabe-Ito palette, for measures and source strategies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Okabe-Ito black, for lines that belong to no strategy.
BLACK = PALETTE[-1]
#: Markers and line styles, cycled for lines that share a colour or a panel.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", ":", "-.")


#: How sentences and legends name the strategies (plural).
def strategy_order(values: Iterable[Any]) -> list[str]:
    """Return the distinct strategies present: LIONs, organic networkers, then others sorted."""
    return _strategy_order(value for value in values if isinstance(value, str))


def strategy_colours(strategies: list[Any]) -> dict[Any, str]:
    """Return the colour of each strategy: the game's own, then spare Okabe-Ito colours."""
    return _colours(strategies)


# --- figures ---------------------------------------------------------------------------------


def new_figure(n_rows: int, n_cols: int, *, figsize: tuple[float, float], **kwargs: Any) -> Any:
    """Return a new figure (not tracked by pyplot) and its 2-d grid of axes.

    ``kwargs`` go to :meth:`matplotlib.figure.Figure.subplots` (``sharex``,
    ``gridspec_kw``, ...).
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, layout="constrained")
    axes = figure.subplots(n_rows, n_cols, squeeze=False, **kwargs)
    return figure, axes


def panel_figure(n_rows: int, n_cols: int, *, width: float = 4.2, height: float = 3.4) -> Any:
    """Return :func:`new_figure` with panels of ``width`` by ``height`` inches."""
    return new_figure(n_rows, n_cols, figsize=(width * n_cols, height * n_rows))


def panel_title(ax: Any, network: str, spread: str, several: bool) -> None:
    """Title a panel with its network condition, and its spread condition when there are many."""
    ax.set_title(f"{network}\n{spread}" if several else network, fontsize=10)


#: Spread conditions that get a row of panels each; with more, only the headline one is drawn
#: (the tables keep every condition).
MAX_PANEL_SPREADS = 2

#: Panels per row when a single spread condition is drawn for many networks.
PANEL_COLUMNS = 4


def panel_grid(
    table: pd.DataFrame,
    networks: list[Any],
    spreads: list[Any],
    *,
    headline: Any,
    width: float = 4.2,
    height: float = 3.4,
) -> tuple[Any, Iterator[tuple[Any, Any, Any, pd.DataFrame]]]:
    """Return a figure and its panels ``(ax, network, spread, rows)``, one per network and spread.

    With at most :data:`MAX_PANEL_SPREADS` spread conditions, each has a row
    of panels, a column per network. With more, only the ``headline``
    condition is drawn, and the networks wrap into rows of
    :data:`PANEL_COLUMNS`. ``rows`` are the rows of ``table`` for the panel;
    a panel without rows, and a spare cell of the grid, is switched off.
    """
    drawn = spreads if len(spreads) <= MAX_PANEL_SPREADS else [headline]
    if len(drawn) == 1:
        n_cols = max(1, min(len(networks), PANEL_COLUMNS))
        n_rows = -(-len(networks) // n_cols)
    else:
        n_rows, n_cols = len(drawn), len(networks)
    figure, axes = new_figure(n_rows, n_cols, figsize=(width * n_cols, height * n_rows))
    cells = list(axes.ravel())
    pairs = [(network, spread) for spread in drawn for network in networks]
    groups = dict(iter(table.groupby(["network", "spread"], sort=False)))  # one pass

    def panels() -> Iterator[tuple[Any, Any, Any, pd.DataFrame]]:
        for ax in cells[len(pairs) :]:
            ax.set_axis_off()
        for ax, (network, spread) in zip(cells, pairs, strict=False):
            rows = groups.get((network, spread))
            if rows is None or rows.empty:
                ax.set_axis_off()
                continue
            yield ax, network, spread, rows

    return figure, panels()


def legend_line(**kwargs: Any) -> Any:
    """Return a legend entry: a line drawn nowhere."""
    from matplotlib.lines import Line2D

    return Line2D([], [], **kwargs)


def errorbar(ax: Any, x: np.ndarray, y: np.ndarray, se: np.ndarray, **kwargs: Any) -> None:
    """Draw ``y ± se`` against ``x``, sorted by x (a missing error drawn as none)."""
    order = np.argsort(x, kind="stable")
    se = np.where(np.isfinite(se), se, 0.0)
    ax.errorbar(x[order], y[order], yerr=se[order], capsize=2, markersize=4, **kwargs)
