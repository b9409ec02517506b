"""Report figures on the networking strategies across the swept conditions.

Each analysis takes an :class:`ExperimentResults` and returns a
:class:`Finding`: a table (the numbers behind the figure), a figure and a
sentence with the numbers. They average over replicates with standard errors
and draw one line per strategy (MODEL.md section 2: LIONs and organic
networkers), in the colours of :mod:`netsim.plot`, against the first swept
parameter, with a column of panels or a line style per other sweep.

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
    LINESTYLES,
    MARKERS,
    errorbar,
    legend_line,
    new_figure,
    strategy_colours,
    strategy_order,
)
from ._tables import TASK, check_table, mean_se, missing, need_strategies, same, sweeps, varies
from ._words import (
    AXIS_LABELS,
    fmt,
    headline_spread,
    network_words,
    percent,
    pm,
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
        if self.numeric:
            return values.to_numpy(dtype=np.float64)
        return np.array([self.categories[v] for v in values], dtype=np.float64)

    def format_x(self, ax: Any) -> None:
        ax.set_xlabel(AXIS_LABELS.get(self.x, self.x))
        if not self.numeric:
            ax.set_xticks(range(len(self.categories)), [value_text(v) for v in self.categories])

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


def _legend(fig: Any, layout: _Layout, colours: dict[Any, str], *, title: str = "") -> None:
    """Add one legend to the figure: a colour per strategy, a line style per other sweep."""
    handles = [legend_line(color=c, lw=2, label=strategy_name(s)) for s, c in colours.items()]
    if layout.style:
        for style in layout.style_values:
            handles.append(
                legend_line(
                    color="#555555",
                    label=layout.style_label(style),
                    **layout.line(style, legend=True),
                )
            )
    if layout.style:  # long labels: one column on the right
        fig.legend(handles=handles, loc="outside right upper", title=title or None, frameon=False)
    else:
        fig.legend(
            handles=handles, loc="outside lower center", ncols=len(handles),
            title=title or None, frameon=False,
        )  # fmt: skip


def _draw_lines(
    ax: Any,
    layout: _Layout,
    rows: pd.DataFrame,
    facet: tuple,
    strategies: list[Any],
    colours: dict[Any, str],
) -> None:
    """Draw one panel: mean ± SE against x, a colour per strategy, a line style per style value."""
    for style in layout.style_values:
        part = layout.select(rows, facet, style)
        for strategy in strategies:
            line = part[part["strategy"] == strategy]
            if line.empty:
                continue
            errorbar(
                ax, layout.positions(line[layout.x]), line["mean"].to_numpy(),
                line["se"].to_numpy(), color=colours[strategy], **layout.line(style),
            )  # fmt: skip


_SWEEP_QUANTITIES = {
    "M": "spreading efficiency M\n(mean outbreak size, nodes)",
    "M_per_tie": "reach per tie M / k\n(nodes per tie)",
    "inner_core_share": "share of the strategy's agents\nin the inner core (k_S = k_max)",
}


def _strategy_tasks(nodes: pd.DataFrame) -> pd.DataFrame:
    """Per task and strategy: means over nodes and their standard errors over nodes."""
    k_max = nodes.groupby(TASK, sort=False, dropna=False)["k_shell"].transform("max")
    nodes = nodes.assign(
        core=(nodes["k_shell"] == k_max).to_numpy(),
        per_tie=np.where(nodes["degree"] > 0, nodes["M"] / nodes["degree"].clip(lower=1), np.nan),
    )
    core_sizes = nodes.groupby(TASK, sort=False, dropna=False)["core"].sum()
    nodes = nodes[nodes["strategy"].notna()]
    rows = []
    for key, task in nodes.groupby(TASK, sort=False, dropna=False):
        core_size = int(core_sizes.loc[key])
        for strategy, group in task.groupby("strategy", sort=False):
            n = len(group)
            m, m_se = mean_se(group["M"])
            t, t_se = mean_se(group["per_tie"])
            share = float(group["core"].mean())
            of_core = float(group["core"].sum() / core_size) if core_size else math.nan
            rows.append(
                {
                    **dict(zip(TASK, key, strict=True)),
                    "strategy": strategy,
                    "n_nodes": n,
                    "M": m,
                    "M_node_se": m_se,
                    "M_per_tie": t,
                    "M_per_tie_node_se": t_se,
                    "inner_core_share": share,
                    "inner_core_share_node_se": math.sqrt(share * (1 - share) / n),
                    "share_of_inner_core": of_core,
                    "share_of_inner_core_node_se": (
                        math.sqrt(of_core * (1 - of_core) / core_size) if core_size else math.nan
                    ),
                }
            )
    return pd.DataFrame(rows)


def _over_replicates(
    tasks: pd.DataFrame, keys: list[str], quantities: Sequence[str], conditions: pd.DataFrame
) -> pd.DataFrame:
    """Average per-task values over replicates: SE over replicates, or over nodes if only one."""
    rows = []
    for key, group in tasks.groupby(keys, sort=False, dropna=False):
        base = dict(zip(keys, key, strict=True))
        replicates = int(group["replicate"].nunique())
        for quantity in quantities:
            if replicates > 1:
                mean, se = mean_se(group[quantity])
                over = "replicates"
            else:
                mean, se = (
                    float(group[quantity].iloc[0]),
                    float(group[f"{quantity}_node_se"].iloc[0]),
                )
                over = "nodes"
            rows.append(
                {
                    **base,
                    "quantity": quantity,
                    "mean": mean,
                    "se": se,
                    "se_over": over,
                    "n_replicates": replicates,
                    "n_nodes": float(group["n_nodes"].mean()),
                }
            )
    table = pd.DataFrame(rows)
    return conditions.merge(table, on=[k for k in keys if k in conditions.columns], how="right")


def strategy_sweep(results: ExperimentResults) -> Finding:
    """Compare how far LIONs and organic networkers reach, per tie and from the inner core.

    For every condition (network condition x spread condition) and
    strategy, averaged over replicates:

    * ``M``: the mean spreading efficiency of the strategy's agents;
    * ``M_per_tie``: the mean of ``M / degree`` over its agents with at
      least one tie (how much reach each tie buys);
    * ``inner_core_share``: the share of its agents in the inner core (core
      number equal to the graph's largest, ``k_max``);
    * ``share_of_inner_core``: its share of the inner core's agents.

    Parameters
    ----------
    results : ExperimentResults
        Results whose ``nodes`` table has strategies (networks of the
        networking game).

    Returns
    -------
    Finding
        ``table``: one row per condition, strategy and ``quantity``, with
        the condition columns, ``mean``, ``se``, ``se_over`` ("replicates":
        standard error of the mean over replicates, when there are several;
        "nodes": over the strategy's agents of the single replicate, and a
        binomial standard error for the shares), ``n_replicates`` and
        ``n_nodes`` (agents of the strategy per replicate). ``figure``: one
        row of panels per quantity (M, per tie, inner-core share) against
        the first swept network parameter (or spread parameter), one column
        per value of the next sweep, a colour per strategy and a line style
        per value of the other sweeps.

    Raises
    ------
    InvalidParameterError
        If the tables lack the columns needed or no node has a strategy.
    """
    check_table(results, "nodes", ["strategy", "degree", "k_shell", "M"], "strategy_sweep")
    nodes = results.nodes
    need_strategies(nodes, "strategy_sweep")
    network_sweeps, spread_sweeps = sweeps(results, nodes)
    condition_columns = ["network", *network_sweeps, "spread", *spread_sweeps]
    conditions = nodes[condition_columns].drop_duplicates(["network", "spread"])
    tasks = _strategy_tasks(nodes)
    quantities = [*_SWEEP_QUANTITIES, "share_of_inner_core"]
    table = _over_replicates(tasks, ["network", "spread", "strategy"], quantities, conditions)
    table = table[[*condition_columns, "strategy", "quantity", "mean", "se", "se_over",
                   "n_replicates", "n_nodes"]]  # fmt: skip

    layout = _Layout(conditions, [*network_sweeps, *spread_sweeps], ["network", "spread"])
    strategies = strategy_order(table["strategy"])
    colours = strategy_colours(strategies)
    n_cols = len(layout.facet_values)
    fig, axes = new_figure(
        len(_SWEEP_QUANTITIES), n_cols, figsize=(3.8 * n_cols + 1.2, 8.2), sharex=True
    )
    for row, (quantity, label) in enumerate(_SWEEP_QUANTITIES.items()):
        rows = table[table["quantity"] == quantity]
        for col, facet in enumerate(layout.facet_values):
            ax = axes[row, col]
            _draw_lines(ax, layout, rows, facet, strategies, colours)
            if col == 0:
                ax.set_ylabel(label)
            if row == 0:
                ax.set_title(layout.facet_title(facet))
            if row == len(_SWEEP_QUANTITIES) - 1:
                layout.format_x(ax)
            if quantity == "inner_core_share":
                ax.set_ylim(-0.03, 1.03)
    _legend(fig, layout, colours)
    fig.suptitle("Reach of each networking strategy")
    return Finding(
        name="strategy_sweep",
        title="Who reaches further: LIONs or organic networkers?",
        sentence=_sweep_sentence(table, conditions, layout, strategies, spread_sweeps),
        table=table.reset_index(drop=True),
        figure=fig,
    )


def _sweep_sentence(
    table: pd.DataFrame,
    conditions: pd.DataFrame,
    layout: _Layout,
    strategies: list[Any],
    spread_sweeps: Sequence[str],
) -> str:
    """Describe one representative condition (the middle x, first other values), then count."""
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
    key = (chosen["network"], chosen["spread"])
    here = table[(table["network"] == key[0]) & (table["spread"] == key[1])]

    def get(strategy: Any, quantity: str) -> tuple[float, float]:
        row = here[(here["strategy"] == strategy) & (here["quantity"] == quantity)].iloc[0]
        return float(row["mean"]), float(row["se"])

    present = [s for s in strategies if (here["strategy"] == s).any()]
    network_sweeps = [c for c in layout.columns if c not in spread_sweeps and c != "spread"]
    parts = [
        network_words(chosen, [c for c in network_sweeps if varies(conditions, c)]),
        spread_words(chosen, [c for c in spread_sweeps if varies(conditions, c)]),
    ]
    parts[0] = f"with {parts[0]}" if parts[0] else ""
    where = ", ".join(p for p in parts if p)
    over = here["se_over"].iloc[0]
    reach = [f"{_ONE.get(s, s)} reaches M = {pm(*get(s, 'M'))} nodes" for s in present[:1]]
    reach += [f"{pm(*get(s, 'M'))} for {_ONE.get(s, s)}" for s in present[1:]]
    per_tie = [f"{fmt(get(s, 'M_per_tie')[0])}" for s in present]
    core = [
        f"{strategy_name(s)} make up {percent(get(s, 'share_of_inner_core')[0])} of the inner core"
        for s in present[:1]
    ]
    text = f"{where}, {' against '.join(reach)}" if where else " against ".join(reach)
    sentence = (
        f"{text[0].upper()}{text[1:]} (± SE over {over}); per tie, "
        f"{' against '.join(per_tie)} nodes; {'; '.join(core)}."
    )
    if len(strategies) >= 2:
        first, second = strategies[:2]
        m = table[table["quantity"] == "M"].pivot_table(
            index=["network", "spread"], columns="strategy", values="mean", sort=False
        )
        m = m.dropna(subset=[first, second])
        if len(m) > 1:
            wins = int((m[first] > m[second]).sum())
            sentence += (
                f" {strategy_name(first)} reach further in "
                f"{'all' if wins == len(m) else f'{wins} of the'} {len(m)} conditions"
            )
            losses = m.index[(m[first] <= m[second]).to_numpy()]
            lost = conditions.set_index(["network", "spread"]).loc[losses]
            if len(lost) and varies(conditions, "model") and lost["model"].nunique() == 1:
                model = spread_words({"model": lost["model"].iloc[0]}, ["model"])
                sentence += f"; the other {len(lost)} are all {model.removeprefix('in ')}"
            sentence += "."
    return sentence


_STRUCTURE_NETWORK = {
    "mean_trust": "mean trust of the ties",
    "k_max": "largest core number k_max",
    "inner_core_size": "inner core size (agents)",
    "clustering": "average clustering",
}
_STRUCTURE_NODES = {
    "mean_degree": "mean degree (ties per agent)",
    "mean_strength": "mean strength (sum of trust)",
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
    standard errors: the mean trust of the ties, the largest core number
    ``k_max``, the inner core's size, the average clustering, and per
    strategy the mean degree and mean strength (sum of a node's trust).

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
        whole graph), with ``mean``, ``se`` (over graphs; NaN with one) and
        ``n_graphs``. ``figure``: six panels against the first swept
        network parameter (the network conditions if none is swept), a
        colour per strategy (black for the whole graph) and a line style per
        value of the other network sweeps.

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
    table = conditions.merge(table, on="network", how="right")

    layout = _Layout(conditions, network_sweeps, ["network"], facet=False)
    strategies = [s for s in strategy_order(table["strategy"]) if s != "all"]
    colours = {**strategy_colours(strategies), "all": BLACK}
    panels = {**_STRUCTURE_NETWORK, **_STRUCTURE_NODES}
    fig, axes = new_figure(2, 3, figsize=(13.0, 6.6), sharex=True)
    for ax, (quantity, label) in zip(axes.flat, panels.items(), strict=True):
        rows_q = table[table["quantity"] == quantity]
        _draw_lines(ax, layout, rows_q, (), ["all", *strategies], colours)
        ax.set_ylabel(label)
    for ax in axes[-1]:
        layout.format_x(ax)
    _legend(fig, layout, {"all": BLACK, **{s: colours[s] for s in strategies}})
    fig.suptitle("Structure of the networks")
    return Finding(
        name="network_structure",
        title="What the network parameters do to trust, cores and degrees",
        sentence=_structure_sentence(table, conditions, layout, strategies),
        table=table.reset_index(drop=True),
        figure=fig,
    )


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

    def value(network: str, quantity: str, strategy: str) -> float:
        row = table[
            (table["network"] == network)
            & (table["quantity"] == quantity)
            & (table["strategy"] == strategy)
        ]
        return math.nan if row.empty else float(row["mean"].iloc[0])

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
        if abs(values[1] - values[0]) < 0.02 * max(abs(values[0]), abs(values[1])):
            return "stays near", f"{fmt(0.5 * (values[0] + values[1]), 2)}{unit}"
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
