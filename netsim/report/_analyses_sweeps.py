"""Report figures on the networking strategies across the swept conditions.

Each analysis takes an :class:`ExperimentResults` and returns a
:class:`Finding`: a table (the numbers behind the figure), a figure and a
sentence with the numbers. They draw the agents' values as a box per
strategy (MODEL.md section 2: LIONs and organic networkers), in the colours
of :mod:`netsim.plot`, with the agents as points and the mean with its 95 %
interval over replicates on top, a group of boxes per value of the first
swept parameter, with a column of panels or a hatch per other sweep. A
sentence ranks LIONs and organic networkers only where the interval of their
difference excludes 0 (:func:`~netsim.report._words.compare_words`).

* ``strategy_sweep``: how far each strategy's agents reach (M), per tie,
  and how many of them sit in the inner core, across the swept conditions;
* ``network_structure``: what the game's parameters do to the network (trust,
  cores, clustering, degree and strength by strategy).

Examples
--------
>>> from netsim.report._analyses_sweeps import ANALYSES
>>> list(ANALYSES)
['strategy_sweep', 'network_structure']
"""

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..experiments import ExperimentResults
from ._finding import Finding
from ._layout import (
    BLACK,
    HATCHES,
    LINESTYLES,
    MARKERS,
    box_positions,
    distribution_legend,
    draw_boxes,
    errorbar,
    hatch_patch,
    legend_line,
    mean_label,
    new_figure,
    strategy_colours,
    strategy_order,
)
from ._tables import (
    TASK,
    check_table,
    ci_quantile,
    difference_label,
    mean_se,
    missing,
    need_strategies,
    same,
    strategy_estimates,
    sweeps,
    varies,
)
from ._words import (
    AXIS_LABELS,
    compare_words,
    fmt,
    headline_spread,
    interval_basis,
    join,
    network_words,
    percent,
    spread_words,
    strategy_name,
    value_text,
)

__all__ = ["ANALYSES"]

#: How a sentence names one agent of a strategy.
_ONE = {"lion": "a LION", "organic": "an organic networker", "all": "an agent"}


class _Layout:
    """Which sweep goes on the x axis, which make the figure's columns, which the line styles.

    ``x`` is the first swept column (network sweeps first). With one other
    sweep, each of its values gets a column of panels; with several, each
    combination of all but the last gets a column and the last one gets line
    styles and markers (a sweep that the column already fixes, such as a
    model's own parameter, gets none). When the sweeps do not tell the
    conditions apart (several network kinds, say), the condition labels join
    the line styles.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        sweeps: Sequence[str],
        identity: Sequence[str],
        *,
        facet: bool = True,
    ) -> None:
        sweeps = list(sweeps)
        if sweeps:
            x, others = sweeps[0], sweeps[1:]
        else:
            x, others = next((c for c in identity if varies(frame, c)), identity[0]), []
        self.frame = frame
        self.x = x
        if not facet:
            self.facet, self.style = [], others
        elif len(others) <= 1:
            self.facet, self.style = others, []
        else:  # the last sweep of labels (transmission, model) draws best as line styles
            labels = [c for c in others if not _numeric(frame[c])]
            style = labels[-1] if labels else others[-1]
            self.facet, self.style = [c for c in others if c != style], [style]
        if self.facet:  # a sweep fixed by the facet needs no style
            fixed = frame.groupby(self.facet, dropna=False, sort=False)
            self.style = [c for c in self.style if fixed[c].nunique(dropna=False).max() > 1]
        keys = [x, *self.facet, *self.style]
        for label in identity:
            counts = frame.groupby(keys, dropna=False, sort=False)[label].nunique(dropna=False)
            if (counts > 1).any() and label not in keys:
                self.style.append(label)
                keys.append(label)
        self.facet_values = _combinations(frame, self.facet)
        self.style_values = _combinations(frame, self.style)
        self.numeric = _numeric(frame[x])
        self.categories = {v: i for i, v in enumerate(dict.fromkeys(frame[x].tolist()))}

    @property
    def columns(self) -> list[str]:
        """Every column the layout uses: x, the facets, the styles."""
        return [self.x, *self.facet, *self.style]

    def positions(self, values: pd.Series) -> np.ndarray:
        """Return the x of each value: the index of its group (:meth:`groups`)."""
        groups = self.groups()
        return np.array([groups.index(v) for v in values], dtype=np.float64)

    def groups(self) -> list[Any]:
        """Return the values of x, one group of boxes each: numbers ascending, labels as met."""
        values = list(self.categories)
        return sorted(values) if self.numeric else values

    def format_groups(self, ax: Any, groups: list[Any]) -> None:
        """Label x with one tick per group of boxes."""
        ax.set_xlabel(AXIS_LABELS.get(self.x, self.x))
        ax.set_xticks(range(len(groups)), [value_text(v) for v in groups])
        ax.set_xlim(-0.5, len(groups) - 0.5)

    def select(self, frame: pd.DataFrame, facet: tuple, style: tuple) -> pd.DataFrame:
        mask = np.ones(len(frame), dtype=bool)
        for column, value in zip([*self.facet, *self.style], [*facet, *style], strict=True):
            mask &= same(frame[column], value)
        return frame[mask]

    def line(self, style: tuple, *, legend: bool = False) -> dict[str, Any]:
        """Line style and marker of ``style``; categories on x are not joined by lines."""
        i = self.style_values.index(style)
        joined = self.numeric or legend
        return {
            "linestyle": LINESTYLES[i % len(LINESTYLES)] if joined else "none",
            "marker": MARKERS[i % len(MARKERS)],
        }

    def style_label(self, style: tuple) -> str:
        return _shown(self.style, style)

    def facet_title(self, facet: tuple) -> str:
        return _shown(self.facet, facet).replace(", ", "\n")


def _numeric(column: pd.Series) -> bool:
    """Whether every value of ``column`` is a number (bools are labels)."""
    return all(
        isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool | np.bool_)
        for v in column.tolist()
    )


def _combinations(frame: pd.DataFrame, columns: Sequence[str]) -> list[tuple]:
    """Return the distinct value combinations of ``columns`` in order of appearance.

    A missing value (a parameter the condition lacks) is ``None``, so that
    combinations with one compare equal.
    """
    if not columns:
        return [()]
    rows = frame[list(columns)].astype(object).to_numpy().tolist()
    return list(dict.fromkeys(tuple(None if missing(v) else v for v in row) for row in rows))


def _shown(columns: Sequence[str], values: Sequence[Any]) -> str:
    """Return ``"model = sir, beta_factor = 1.5"``, leaving out parameters a condition lacks."""
    return ", ".join(
        f"{c} = {value_text(v)}" for c, v in zip(columns, values, strict=True) if not missing(v)
    )


def _draw_line(ax: Any, layout: _Layout, rows: pd.DataFrame) -> None:
    """Draw one panel of graph-wide values: the mean with its 95 % interval against x.

    A line style per style value; a missing interval (one graph) is drawn
    as none.
    """
    for style in layout.style_values:
        line = layout.select(rows, (), style)
        if line.empty:
            continue
        half = (line["ci_high"] - line["mean"]).to_numpy(dtype=np.float64)
        errorbar(
            ax, layout.positions(line[layout.x]), line["mean"].to_numpy(dtype=np.float64), half,
            color=BLACK, **layout.line(style),
        )  # fmt: skip


#: The panels of strategy_sweep: each agent's value, by strategy.
_SWEEP_PANELS = {
    "M": "spreading efficiency M\n(outbreak size, nodes)",
    "M_per_tie": "reach per tie M / k\n(nodes per tie)",
    "degree": "degree k\n(ties)",
}
#: Every quantity of strategy_sweep's table -> the column of its agents' Monte Carlo errors.
_SWEEP_QUANTITIES = {
    "M": "M_se",
    "M_per_tie": "M_per_tie_se",
    "degree": None,
    "inner_core_share": None,
    "share_of_inner_core": None,
}


def _agent_values(nodes: pd.DataFrame) -> pd.DataFrame:
    """Add each agent's reach per tie and inner-core quantities to the rows with a strategy.

    ``M_per_tie`` is ``M / degree`` (missing without ties) with error
    ``M_se / degree``; ``inner_core_share`` is 1 for an agent of the inner
    core (``k_S = k_max`` of its graph); ``share_of_inner_core`` is that
    times the strategy's agents over the inner core's size, so that its mean
    over a strategy's agents is the strategy's share of the inner core.
    """
    task = nodes.groupby(TASK, sort=False, dropna=False)["k_shell"]
    core = (nodes["k_shell"] == task.transform("max")).astype(np.float64)
    core_size = core.groupby([nodes[c] for c in TASK], sort=False, dropna=False).transform("sum")
    ties = nodes["degree"].where(nodes["degree"] > 0)
    nodes = nodes.assign(
        M_per_tie=nodes["M"] / ties, M_per_tie_se=nodes["M_se"] / ties, inner_core_share=core
    )
    nodes = nodes[nodes["strategy"].notna()]
    agents = nodes.groupby([*TASK, "strategy"], sort=False, dropna=False)["M"].transform("size")
    return nodes.assign(share_of_inner_core=core * agents / core_size.loc[nodes.index])


def strategy_sweep(results: ExperimentResults) -> Finding:
    """Compare how far LIONs and organic networkers reach, per tie and from the inner core.

    For every condition (network condition x spread condition) and
    strategy, over the strategy's agents of each replicate, then over the
    replicates:

    * ``M``: the spreading efficiency of the strategy's agents;
    * ``M_per_tie``: ``M / degree`` over its agents with at least one tie
      (how much reach each tie buys);
    * ``degree``: its agents' ties;
    * ``inner_core_share``: the share of its agents in the inner core (core
      number equal to the graph's largest, ``k_max``);
    * ``share_of_inner_core``: its share of the inner core's agents;

    and the same for LIONs minus organic networkers, paired on each network.

    Parameters
    ----------
    results : ExperimentResults
        Results whose ``nodes`` table has strategies (networks of the
        networking game).

    Returns
    -------
    Finding
        ``table``: one row per condition, strategy (``"lion - organic"``
        for the difference) and ``quantity``, with the condition columns,
        ``mean``, ``se``, ``ci_low`` and ``ci_high`` (the 95 % interval),
        ``ci_over`` ("replicates": a t-interval over the replicate means,
        which holds the variation between networks and the Monte Carlo
        error; "runs": one network, the Monte Carlo error of M alone),
        ``n_replicates`` and ``n_nodes`` (agents per replicate).
        ``figure``: a row of panels per quantity (M, M per tie, degree), a
        column per value of the second sweep; in each, a group of boxes per
        value of the first sweep, a box of the agents' values per strategy
        (a hatch per value of the other sweeps) with the agents as points
        and the mean with its 95 % interval on top.

    Raises
    ------
    InvalidParameterError
        If the tables lack the columns needed or no node has a strategy.
    """
    check_table(results, "nodes", ["strategy", "degree", "k_shell", "M", "M_se"], "strategy_sweep")
    nodes = results.nodes
    need_strategies(nodes, "strategy_sweep")
    network_sweeps, spread_sweeps = sweeps(results, nodes)
    condition_columns = ["network", *network_sweeps, "spread", *spread_sweeps]
    conditions = nodes[condition_columns].drop_duplicates(["network", "spread"])
    agents = _agent_values(nodes)
    table = strategy_estimates(agents, _SWEEP_QUANTITIES, condition_columns)
    table = table[[*condition_columns, "strategy", "quantity", *_ESTIMATE_COLUMNS]]

    layout = _Layout(conditions, [*network_sweeps, *spread_sweeps], ["network", "spread"])
    strategies = strategy_order(agents["strategy"])
    fig = _draw_distributions(agents, table, layout, strategies, _SWEEP_PANELS)
    fig.suptitle("Reach of each networking strategy")
    return Finding(
        name="strategy_sweep",
        title="Who reaches further: LIONs or organic networkers?",
        sentence=_sweep_sentence(table, conditions, layout, strategies, spread_sweeps),
        table=table.reset_index(drop=True),
        figure=fig,
    )


#: The columns of an estimate in a strategy table (:func:`strategy_estimates`).
_ESTIMATE_COLUMNS = ["mean", "se", "ci_low", "ci_high", "ci_over", "n_replicates", "n_nodes"]


def _draw_distributions(
    agents: pd.DataFrame,
    table: pd.DataFrame,
    layout: _Layout,
    strategies: list[Any],
    panels: dict[str, str],
) -> Any:
    """Draw a row per quantity of ``panels``, a column per facet: boxes by x, style and strategy."""
    n_boxes = len(layout.groups()) * len(layout.style_values) * len(strategies)
    n_cols = len(layout.facet_values)
    panel_width = max(3.8, 0.3 * n_boxes + 1.2)
    fig, axes = new_figure(
        len(panels), n_cols, figsize=(panel_width * n_cols + 1.5, 2.9 * len(panels) + 1.0),
        sharex=True,
    )  # fmt: skip
    boxes = _Boxes(agents, table, ["network", "spread"])
    for row, (quantity, label) in enumerate(panels.items()):
        axes[row, 0].set_ylabel(label)
        for col, facet in enumerate(layout.facet_values):
            ax = axes[row, col]
            boxes.draw(ax, layout, facet, strategies, quantity)
            if row == 0:
                ax.set_title(layout.facet_title(facet))
            if row == len(panels) - 1:
                layout.format_groups(ax, layout.groups())
    _box_legend(fig, layout, strategies, table)
    return fig


class _Boxes:
    """The agents' values and the estimates of a strategy table, by condition ``keys``."""

    def __init__(self, agents: pd.DataFrame, table: pd.DataFrame, keys: list[str]) -> None:
        self.keys = keys
        self.agents = dict(iter(agents.groupby([*keys, "strategy"], sort=False)))
        self.estimates = table.set_index([*keys, "strategy", "quantity"])

    def draw(
        self, ax: Any, layout: _Layout, facet: tuple, strategies: list[Any], quantity: str
    ) -> None:
        """Draw one panel: a group of boxes per x value, a box per style and strategy."""
        colours = strategy_colours(strategies)
        groups = layout.groups()
        positions, width = box_positions(len(groups), len(layout.style_values) * len(strategies))
        boxes = []
        for s, style in enumerate(layout.style_values):
            conditions = layout.select(layout.frame, facet, style).drop_duplicates(self.keys)
            for _, condition in conditions.iterrows():
                group = groups.index(condition[layout.x])
                for k, strategy in enumerate(strategies):
                    key = (*condition[self.keys], strategy)
                    if key in self.agents:
                        boxes.append((
                            positions[group, s * len(strategies) + k],
                            self.agents[key][quantity], self.estimates.loc[(*key, quantity)],
                            colours[strategy], HATCHES[s % len(HATCHES)],
                            " | ".join(map(str, (strategy, *key[:-1]))),
                        ))  # fmt: skip
        draw_boxes(ax, boxes, width=width)


def _box_legend(
    fig: Any, layout: _Layout, strategies: list[Any], table: pd.DataFrame, *, line: bool = False
) -> None:
    """Add the legend of the boxes: a colour per strategy, the mean, a hatch per style value.

    With ``line``, the figure also has lines of graph-wide means: one entry
    for them, and a line style per style value.
    """
    colours = strategy_colours(strategies)
    named = {strategy_name(s): colours[s] for s in strategies}
    handles = distribution_legend(named, mean_label(table["ci_over"]))
    if line:
        handles.append(legend_line(color=BLACK, marker="o", label="whole network"))
    for i, style in enumerate(layout.style_values if layout.style else []):
        label = layout.style_label(style)
        handles.append(hatch_patch(HATCHES[i % len(HATCHES)], label))
        if line:
            line_style = layout.line(style, legend=True)
            handles.append(
                legend_line(color="#555555", label=f"{label}, whole network", **line_style)
            )
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 5),
               frameon=False)  # fmt: skip


def _sweep_sentence(
    table: pd.DataFrame,
    conditions: pd.DataFrame,
    layout: _Layout,
    strategies: list[Any],
    spread_sweeps: Sequence[str],
) -> str:
    """Compare the first two strategies at one representative condition, then count conditions.

    The representative condition is the middle x and the first other
    values; a strategy is said to reach further only where the 95 %
    interval of the difference excludes 0.
    """
    both = table.groupby(["network", "spread"], sort=False)["strategy"].nunique()
    candidates = conditions.set_index(["network", "spread"]).loc[both[both > 1].index].reset_index()
    if candidates.empty:
        candidates = conditions
    if layout.x not in spread_sweeps:  # a network sweep on x: its middle value
        x_values = list(dict.fromkeys(candidates[layout.x].tolist()))
        middle = x_values[(len(x_values) - 1) // 2]
        candidates = candidates[same(candidates[layout.x], middle)]
    candidates = candidates[candidates["network"] == candidates["network"].iloc[0]]
    chosen = candidates[candidates["spread"] == headline_spread(candidates)].iloc[0]
    here = table[(table["network"] == chosen["network"]) & (table["spread"] == chosen["spread"])]
    here = here.set_index(["strategy", "quantity"])

    network_sweeps = [c for c in layout.columns if c not in spread_sweeps and c != "spread"]
    parts = [
        network_words(chosen, [c for c in network_sweeps if varies(conditions, c)]),
        spread_words(chosen, [c for c in spread_sweeps if varies(conditions, c)]),
    ]
    parts[0] = f"with {parts[0]}" if parts[0] else ""
    where = ", ".join(p for p in parts if p)
    present = [s for s in strategies if (s, "M") in here.index]
    means = [f"{fmt(here.loc[(s, 'M'), 'mean'])} for {strategy_name(s)}" for s in present]
    means[0] = means[0].replace(" for ", " nodes for ", 1)
    text = f"the mean reach is M = {join(means)}"
    first_row = here.iloc[0]
    if len(present) >= 2:
        first, second = present[:2]
        names = strategy_name(first), strategy_name(second)
        difference = difference_label(first, second)
        reach = compare_words(
            here.loc[(difference, "M")], more=f"{names[0]} reach further than {names[1]}",
            less=f"{names[0]} reach less far than {names[1]}", what="reach M",
            between=f"{names[0]} and {names[1]}", unit=" nodes",
        )  # fmt: skip
        per_tie = compare_words(
            here.loc[(difference, "M_per_tie")],
            more=f"each tie of {names[0]} reaches further than one of {names[1]}",
            less=f"each tie of {names[0]} reaches less far than one of {names[1]}",
            what="reach per tie", between=f"{names[0]} and {names[1]}", unit=" nodes per tie",
        )  # fmt: skip
        core = percent(here.loc[(first, "share_of_inner_core"), "mean"])
        text += f": {reach}; per tie, {per_tie}; {names[0]} make up {core} of the inner core"
        first_row = here.loc[(difference, "M")]
    text = f"{where}, {text}" if where else text
    sentence = f"{text[0].upper()}{text[1:]}."
    if len(present) >= 2:
        sentence += _count_sentence(table, difference_label(*present[:2]), names)
    basis = interval_basis(int(first_row["n_replicates"]), str(first_row["ci_over"]))
    return f"{sentence} ({basis[0].upper()}{basis[1:]}.)"


def _count_sentence(table: pd.DataFrame, difference: str, names: tuple[str, str]) -> str:
    """Count the conditions where the first strategy reaches further, less far, or neither."""
    rows = table[(table["strategy"] == difference) & (table["quantity"] == "M")]
    if len(rows) < 2:
        return ""
    further = int((rows["ci_low"] > 0).sum())
    less = int((rows["ci_high"] < 0).sum())
    within = len(rows) - further - less
    return (
        f" Over the {len(rows)} conditions, {names[0]} reach further than {names[1]} beyond the "
        f"uncertainty in {further}, less far in {less}, and within the uncertainty in {within}."
    )


_STRUCTURE_NETWORK = {
    "mean_trust": "mean trust of the ties",
    "k_max": "largest core number k_max",
    "inner_core_size": "inner core size (agents)",
    "clustering": "average clustering",
}
_STRUCTURE_NODES = {
    "mean_degree": "degree k (ties per agent)",
    "mean_strength": "strength (sum of an agent's trust)",
}
_GRAPH_STATS = ["n_nodes", "n_edges", "k_max", "inner_core_size", "clustering", "mean_trust"]


def _graphs(networks: pd.DataFrame) -> pd.DataFrame:
    """Return one row per distinct graph: a (network, replicate) shared by its spread conditions.

    With common random numbers every spread condition of a network condition
    and replicate sees the same graph; without them each has its own, and
    each counts as a replicate of its own.
    """
    return networks.drop_duplicates(["network", "replicate", *_GRAPH_STATS])


def network_structure(results: ExperimentResults) -> Finding:
    """Describe what the swept network parameters do to the networks' structure.

    Per network condition, averaged over its graphs (replicates) with
    standard errors and 95 % t-intervals: the mean trust of the ties, the
    largest core number ``k_max``, the inner core's size, the average
    clustering, and per strategy the mean degree and mean strength (sum of
    a node's trust).

    Parameters
    ----------
    results : ExperimentResults
        Any results; the per-strategy rows need strategies (others get
        ``"all"`` only).

    Returns
    -------
    Finding
        ``table``: one row per network condition, ``quantity`` and
        ``strategy`` (``"all"`` for the network-wide quantities and for the
        whole graph), with ``mean``, ``se`` (over graphs; NaN with one),
        ``ci_low`` and ``ci_high`` (the 95 % t-interval over graphs; NaN with
        one), ``ci_over`` ("replicates", or "none" with one graph) and
        ``n_graphs``. ``figure``: six
        panels against the first swept network parameter (the network
        conditions if none is swept): the graph-wide quantities as means
        with their intervals, a line style per value of the other network
        sweeps; the agents' degree and strength as a box per strategy (a
        hatch per value of the other sweeps) with the agents as points and
        the mean with its interval on top.

    Raises
    ------
    InvalidParameterError
        If the tables lack the columns needed.
    """
    check_table(results, "networks", _GRAPH_STATS, "network_structure")
    check_table(results, "nodes", ["strategy", "degree", "strength"], "network_structure")
    networks = _graphs(results.networks)
    network_sweeps, _ = sweeps(results, networks)
    condition_columns = ["network", *network_sweeps]
    conditions = networks[condition_columns].drop_duplicates("network")
    keep = networks[["network", "replicate", "spread"]]
    nodes = results.nodes.merge(keep, on=["network", "replicate", "spread"])
    nodes["strategy"] = nodes["strategy"].where(nodes["strategy"].notna(), "all")
    per_graph = nodes.groupby([*TASK, "strategy"], sort=False).agg(
        mean_degree=("degree", "mean"), mean_strength=("strength", "mean")
    )
    whole = nodes.groupby(TASK, sort=False).agg(
        mean_degree=("degree", "mean"), mean_strength=("strength", "mean")
    )
    whole["strategy"] = "all"
    per_graph = pd.concat([per_graph.reset_index(), whole.reset_index()], ignore_index=True)
    per_graph = per_graph.drop_duplicates([*TASK, "strategy"])

    rows = []
    for network, group in networks.groupby("network", sort=False):
        for quantity in _STRUCTURE_NETWORK:
            mean, se = mean_se(group[quantity])
            rows.append((network, quantity, "all", mean, se, len(group)))
        graphs = per_graph[per_graph["network"] == network]
        for quantity in _STRUCTURE_NODES:
            for strategy, part in graphs.groupby("strategy", sort=False):
                mean, se = mean_se(part[quantity])
                rows.append((network, quantity, strategy, mean, se, len(part)))
    table = pd.DataFrame(
        rows, columns=["network", "quantity", "strategy", "mean", "se", "n_graphs"]
    )
    half = table["se"] * [ci_quantile("replicates", n) for n in table["n_graphs"]]
    over = np.where(table["n_graphs"] > 1, "replicates", "none")
    table = table.assign(ci_low=table["mean"] - half, ci_high=table["mean"] + half, ci_over=over)
    table = conditions.merge(table, on="network", how="right")

    layout = _Layout(conditions, network_sweeps, ["network"], facet=False)
    strategies = [s for s in strategy_order(table["strategy"]) if s != "all"]
    fig = _draw_structure(nodes, table, layout, strategies or ["all"])
    fig.suptitle("Structure of the networks")
    return Finding(
        name="network_structure",
        title="What the network parameters do to trust, cores and degrees",
        sentence=_structure_sentence(table, conditions, layout, strategies),
        table=table.reset_index(drop=True),
        figure=fig,
    )


def _draw_structure(
    nodes: pd.DataFrame, table: pd.DataFrame, layout: _Layout, strategies: list[Any]
) -> Any:
    """Draw the graph-wide quantities as lines, the agents' degree and strength as boxes."""
    n_boxes = len(layout.groups()) * len(layout.style_values) * len(strategies)
    width = max(4.2, 0.3 * n_boxes + 1.2)
    fig, axes = new_figure(2, 3, figsize=(3 * width, 7.0), sharex=True)
    for ax, (quantity, label) in zip(axes.flat, _STRUCTURE_NETWORK.items(), strict=False):
        _draw_line(ax, layout, table[table["quantity"] == quantity])
        ax.set_ylabel(label)
    agents = nodes.rename(columns={"degree": "mean_degree", "strength": "mean_strength"})
    boxes = _Boxes(agents, table, ["network"])
    for ax, (quantity, label) in zip(axes[1, 1:], _STRUCTURE_NODES.items(), strict=True):
        boxes.draw(ax, layout, (), strategies, quantity)
        ax.set_ylabel(label)
    for ax in axes[-1]:
        layout.format_groups(ax, layout.groups())
    _box_legend(fig, layout, strategies, table, line=True)
    return fig


def _structure_sentence(
    table: pd.DataFrame, conditions: pd.DataFrame, layout: _Layout, strategies: list[Any]
) -> str:
    """Compare the smallest and largest x (other sweeps at their first values), or describe one."""
    first_style = layout.style_values[0]
    line = layout.select(conditions, (), first_style)
    if layout.numeric:
        line = line.sort_values(layout.x, kind="stable")
    ends = [line.iloc[0]["network"], line.iloc[-1]["network"]]
    if len(line) == 1:
        ends = ends[:1]

    def row(network: str, quantity: str, strategy: str) -> pd.Series | None:
        rows = table[
            (table["network"] == network)
            & (table["quantity"] == quantity)
            & (table["strategy"] == strategy)
        ]
        return None if rows.empty else rows.iloc[0]

    def value(network: str, quantity: str, strategy: str) -> float:
        found = row(network, quantity, strategy)
        return math.nan if found is None else float(found["mean"])

    def within_uncertainty(quantity: str, strategy: str) -> bool:
        """Whether the two ends differ by no more than the 95 % interval of their difference.

        Over several graphs, the interval is Student's t over the graphs with the two
        ends' standard errors combined; with one graph each, a change of under 2 %.
        """
        found = [row(network, quantity, strategy) for network in ends]
        means = [float(r["mean"]) for r in found]
        n = int(min(r["n_graphs"] for r in found))
        if n < 2:
            return abs(means[1] - means[0]) < 0.02 * max(abs(means[0]), abs(means[1]))
        combined = math.hypot(*(float(r["se"]) for r in found))
        return abs(means[1] - means[0]) <= ci_quantile("replicates", n) * combined

    def change(quantity: str, strategy: str = "all", unit: str = "") -> tuple[str, str] | None:
        """Return (verb, "from a to b") or None when the quantity is missing."""
        values = [value(network, quantity, strategy) for network in ends]
        if not all(math.isfinite(v) for v in values):
            return None  # unweighted graphs have no trust or strength
        texts = [fmt(v) for v in values]
        if len(values) == 1:
            return "is", f"{texts[0]}{unit}"
        if texts[0] == texts[1]:
            return "stays at", f"{texts[0]}{unit}"
        if within_uncertainty(quantity, strategy):
            return (
                "stays near",
                f"{fmt(0.5 * (values[0] + values[1]), 2)}{unit} (within its uncertainty)",
            )
        verb = "rises" if values[1] > values[0] else "falls"
        return verb, f"from {texts[0]} to {texts[1]}{unit}"

    shown = []
    for what, quantity in (("mean trust", "mean_trust"), ("clustering", "clustering")):
        got = change(quantity)
        if got:
            shown.append(f"{what} {got[0]} {got[1]}")
        if got and quantity == "mean_trust" and len(layout.style_values) > 1 and len(ends) > 1:
            last_style = layout.style_values[-1]  # the trust at the other end of the style sweep
            other = layout.select(conditions, (), last_style)
            if layout.numeric:
                other = other.sort_values(layout.x, kind="stable")
            values = [value(n, quantity, "all") for n in other["network"].iloc[[0, -1]]]
            words = network_words(dict(zip(layout.style, last_style, strict=True)), layout.style)
            if words and all(math.isfinite(v) for v in values):
                shown[-1] += f" (with {words}, from {fmt(values[0])} to {fmt(values[1])})"
    k_max, core = change("k_max"), change("inner_core_size", unit=" agents")
    if k_max and core:
        if k_max[0] == core[0] and k_max[0] in ("is", "stays at"):
            shown.append(f"the innermost core {core[0]} {core[1]} (k_max = {k_max[1]})")
        else:
            shown.append(f"the innermost core {core[0]} {core[1]} and k_max {k_max[0]} {k_max[1]}")
    for strategy in strategies or ["all"]:
        whose = f"{strategy_name(strategy)}' " if strategies else ""
        degree, strength = change("mean_degree", strategy), change("mean_strength", strategy)
        if degree is None:
            continue
        clause = f"{whose}mean degree {degree[0]} {degree[1]}"
        if strength:
            verb = "" if strength[0] == degree[0] and len(ends) > 1 else f"{strength[0]} "
            clause += f" and {'their ' if whose else ''}strength {verb}{strength[1]}"
        shown.append(clause)
    if len(ends) == 1:
        where = f"On {ends[0]}"
    else:
        low, high = line.iloc[0], line.iloc[-1]
        if layout.x in _NETWORK_TO:
            where = f"From {_NETWORK_TO[layout.x](low[layout.x], high[layout.x])}"
        elif layout.numeric:
            where = f"From {layout.x} {value_text(low[layout.x])} to {value_text(high[layout.x])}"
        else:
            where = f"From {value_text(low[layout.x])} to {value_text(high[layout.x])}"
        if layout.style:
            style = dict(zip(layout.style, first_style, strict=True))
            words = network_words(style, [c for c in layout.style if c != "network"])
            if words:
                where += f" ({words})"
    n = int(table["n_graphs"].max())
    over = f"means over {n} graphs" if n > 1 else "one graph each"
    return f"{where}, " + "; ".join(shown) + f" ({over})."


_NETWORK_TO = {
    "lion_fraction": lambda a, b: f"{percent(float(a))} to {percent(float(b))} LIONs",
    "dunbar": lambda a, b: f"a Dunbar limit of {value_text(a)} to {value_text(b)} ties",
    "eta": lambda a, b: f"trust gain eta = {value_text(a)} to {value_text(b)}",
    "p_job": lambda a, b: f"p_job = {value_text(a)} to {value_text(b)} a round",
}


#: The analyses of this module, by the name a config's ``[report] figures`` uses.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "strategy_sweep": strategy_sweep,
    "network_structure": network_structure,
}
