"""How a report's figures look: the palette, markers and line styles, panels, distributions.

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
    "HATCHES",
    "LINESTYLES",
    "MARKERS",
    "MAX_PANEL_SPREADS",
    "MAX_POINTS",
    "PALETTE",
    "PANEL_COLUMNS",
    "box_positions",
    "distribution",
    "distribution_legend",
    "draw_boxes",
    "errorbar",
    "hatch_patch",
    "legend_line",
    "mean_label",
    "new_figure",
    "panel_figure",
    "panel_grid",
    "panel_title",
    "strategy_colours",
    "strategy_order",
    "value_scale",
]

#: The Okabe-Ito palette, for measures and source strategies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Okabe-Ito black, for lines that belong to no strategy.
BLACK = PALETTE[-1]
#: Markers and line styles, cycled for lines that share a colour or a panel.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", ":", "-.")
#: Hatches of boxes that share a colour (a strategy) but not a condition.
HATCHES = ("", "///", "...", "xxx", "\\\\\\")
#: Most agents drawn as points over one box; beyond, a random sample of this many.
MAX_POINTS = 300
#: The seed of that sample and of the points' jitter, so a figure is drawn the same every time.
_POINTS_SEED = 20261207


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


# --- distributions ---------------------------------------------------------------------------


def box_positions(n_groups: int, n_slots: int) -> tuple[np.ndarray, float]:
    """Return the x of each box, ``(n_groups, n_slots)``, grouped round 0, 1, ..., and the width.

    Examples
    --------
    >>> positions, width = box_positions(2, 2)
    >>> positions.tolist(), round(width, 2)
    ([[-0.2, 0.2], [0.8, 1.2]], 0.34)
    """
    step = 0.8 / n_slots
    offsets = (np.arange(n_slots) - (n_slots - 1) / 2) * step
    return np.arange(n_groups)[:, None] + offsets[None, :], 0.85 * step


def distribution(
    ax: Any,
    position: float,
    values: Any,
    estimate: Any,
    *,
    colour: str,
    width: float,
    label: str,
    hatch: str = "",
) -> None:
    """Draw agents' values at ``position``: a box, the agents as points, the mean with its interval.

    The box spans the quartiles, with the median and whiskers to the last
    value within 1.5 interquartile ranges; every agent is a point, jittered
    across the box (at most :data:`MAX_POINTS`, a random sample with a fixed
    seed beyond); a white diamond with black bars is the mean and its 95 %
    interval across replicates (``estimate``: ``mean``, ``ci_low``,
    ``ci_high``). The artists carry ``gid`` ``"box <label>"``, ``"points
    <label>"`` and ``"mean <label>"``. Missing values are left out.
    """
    from matplotlib.colors import to_rgba

    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return
    drawn = ax.boxplot(
        [values], positions=[position], widths=width, patch_artist=True, showfliers=False,
        manage_ticks=False, medianprops={"color": colour, "linewidth": 1.8},
        whiskerprops={"color": colour}, capprops={"color": colour},
    )  # fmt: skip
    drawn["boxes"][0].set(facecolor=to_rgba(colour, 0.25), edgecolor=colour, hatch=hatch)
    drawn["boxes"][0].set_gid(f"box {label}")
    rng = np.random.default_rng(_POINTS_SEED)
    shown = rng.choice(values, MAX_POINTS, replace=False) if values.size > MAX_POINTS else values
    jitter = rng.uniform(-0.4, 0.4, shown.size) * width
    ax.scatter(
        position + jitter, shown, s=5, color=colour, alpha=0.5, linewidths=0, zorder=3,
        rasterized=True, gid=f"points {label}",
    )  # fmt: skip
    mean, low, high = (float(estimate[k]) for k in ("mean", "ci_low", "ci_high"))
    bars = np.nan_to_num([[mean - low], [high - mean]])
    drawn_mean = ax.errorbar(
        [position], [mean], yerr=bars, fmt="D", color=BLACK, markerfacecolor="white",
        markersize=5, capsize=3, elinewidth=1.4, zorder=5,
    )  # fmt: skip
    drawn_mean.lines[0].set_gid(f"mean {label}")


def draw_boxes(ax: Any, boxes: Iterable[tuple], *, width: float) -> None:
    """Draw each of ``boxes`` by :func:`distribution`, then scale the axis to all their values.

    A box is ``(position, values, estimate, colour, hatch, label)``; the y
    axis takes a log scale when the values span decades (:func:`value_scale`).
    """
    drawn = []
    for position, values, estimate, colour, hatch, label in boxes:
        distribution(
            ax, position, values, estimate, colour=colour, width=width, label=label, hatch=hatch
        )
        drawn.append(np.asarray(values, dtype=np.float64))
    value_scale(ax, np.concatenate(drawn) if drawn else [])


def distribution_legend(colours: dict[str, str], mean_label: str) -> list[Any]:
    """Return legend entries for :func:`distribution`: a box per label and colour, then the mean."""
    from matplotlib.colors import to_rgba
    from matplotlib.patches import Patch

    boxes = [
        Patch(facecolor=to_rgba(colour, 0.25), edgecolor=colour, label=label)
        for label, colour in colours.items()
    ]
    mean = legend_line(
        marker="D", color=BLACK, markerfacecolor="white", markersize=5, label=mean_label
    )
    return [*boxes, mean]


def mean_label(ci_over: Iterable[str]) -> str:
    """Return the legend label of the means, saying what their intervals hold.

    ``ci_over`` holds the ``ci_over`` of the estimates drawn: "replicates",
    "runs", or "none" (one graph of an exact quantity: no interval).
    """
    over = set(ci_over)
    if over == {"replicates"}:
        return "mean, 95 % CI over networks"
    if over == {"runs"}:
        return "mean, 95 % CI (Monte Carlo error only)"
    if over == {"none"}:
        return "mean (one network: no interval)"
    return "mean, 95 % CI"


def hatch_patch(hatch: str, label: str) -> Any:
    """Return a legend entry for the boxes of one hatch, whatever their colour: a grey box."""
    from matplotlib.patches import Patch

    return Patch(facecolor="white", edgecolor="#555555", hatch=hatch, label=label)


def value_scale(ax: Any, values: Any) -> None:
    """Put the y axis on a log scale when the values are positive and span decades.

    Decades means the 99th percentile is more than 30 times the 1st: a few
    outliers alone do not squeeze the bulk of the values into a corner.
    """
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    if values.size == 0 or values.min() <= 0:
        return
    low, high = np.quantile(values, [0.01, 0.99])
    if high > 30 * low:
        ax.set_yscale("log")
