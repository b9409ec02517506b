r"""Report figures on single spreaders: the best ones, and LIONs against organic networkers.

Each analysis reads the node table of an :class:`ExperimentResults` (one row
per task and node) and returns a :class:`Finding`: a tidy table, a figure and
a sentence with the numbers. The spreading efficiency :math:`M_i` of a node is
the mean size of the outbreaks it starts alone, as in Kitsak et al. (the
reference of :mod:`netsim.report._analyses_rankings`).

* ``top_spreaders``: the ten nodes of highest M, and whether they sit in the
  innermost k-shell, among the hubs, or are LIONs;
* ``strategy_comparison``: mean degree, k-shell and M of LIONs and organic
  networkers.

Replicates are averaged where their nodes can be matched: a data set is the
same graph in every replicate, so a node's :math:`M` is the mean over the
replicates, with the runs' standard errors pooled; the graphs a generator
draws differ from replicate to replicate, so node-level tables use
replicate 0, and group means are computed per replicate, then averaged, with
the standard error over replicates.

Examples
--------
>>> from netsim.report._analyses_nodes import ANALYSES
>>> list(ANALYSES)
['top_spreaders', 'strategy_comparison']
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..experiments import ExperimentResults
from ._finding import Finding
from ._layout import (
    MARKERS,
    legend_line,
    new_figure,
    panel_grid,
    panel_title,
    strategy_colours,
    strategy_order,
)
from ._tables import check_table, labels, need_strategies, pooled_se, same_graph, sem
from ._words import fmt, headline_spread, join, network_name, pm, span, strategy_name, where_words

__all__ = ["ANALYSES"]

#: How many spreaders :func:`top_spreaders` lists.
_TOP = 10
#: How a legend names one agent of a strategy.
_SINGULAR = {"lion": "LION", "organic": "organic networker"}
_TOP_COLOUR = "#D55E00"
_M_LABEL = "spreading efficiency M (nodes)"


def _node_values(frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Return one row per node of a (network, spread) slice, and which replicates it holds.

    A data set's replicates are averaged node by node (M is the mean, M_se
    the runs' errors pooled: ``sqrt(sum se_r^2) / R``); a generator's
    replicates are different graphs, so replicate 0 alone is returned.
    """
    replicates = sorted(frame["replicate"].unique())
    first = frame[frame["replicate"] == replicates[0]].set_index("node")
    if len(replicates) == 1:
        return first, f"replicate {replicates[0]}"
    if not same_graph(frame):
        return first, f"replicate {replicates[0]} (graphs differ)"
    wide = frame.pivot(index="node", columns="replicate", values=["M", "M_se"])
    values = first.copy()
    values["M"] = wide["M"].mean(axis=1).reindex(first.index).to_numpy()
    values["M_se"] = pooled_se(wide["M_se"], axis=1).reindex(first.index).to_numpy()
    return values, f"mean of {len(replicates)} replicates (same graph)"


def top_spreaders(results: ExperimentResults) -> Finding:
    r"""Find the ten nodes of highest spreading efficiency M in each network and spread condition.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment; reads ``nodes``.

    Returns
    -------
    Finding
        Table: one row per (network, spread, rank) with ``replicates`` (which
        replicates the row stands for), ``rank`` (1 = highest M), ``node``,
        ``M``, ``M_se``, ``degree``, ``k_shell``, ``strategy``, ``k_max``
        (the innermost shell of the graph), ``inner_core`` (whether
        :math:`k_S = k_{max}`) and ``top_degree`` (whether the node's degree
        is at least the 10th highest degree of the graph). Figure: M against
        degree for every node, coloured by strategy (or by k-shell when the
        graph has none), the top ten circled; a panel per network and spread
        condition.

    Raises
    ------
    InvalidParameterError
        If the node table is empty or lacks a column above.

    Notes
    -----
    The nodes are sorted by :math:`M_i` (ties kept in the graph's order) and
    the first ten kept. On a data set, :math:`M_i` is averaged over the
    :math:`R` replicates, :math:`\bar M_i = \frac1R \sum_r M_{i,r}`, with
    standard error :math:`\sqrt{\sum_r \mathrm{se}_{i,r}^2} / R`; a
    generator's replicates are different graphs, whose nodes cannot be
    matched, so replicate 0 is used and the ``replicates`` column says so.
    """
    nodes = check_table(
        results, "nodes", ("node", "degree", "k_shell", "M", "M_se"), "top_spreaders"
    )
    rows = []
    panels = {}
    for (network, spread), frame in nodes.groupby(["network", "spread"], sort=False):
        values, used = _node_values(frame)
        k_max = int(values["k_shell"].max())
        degrees = np.sort(values["degree"].to_numpy())[::-1]
        tenth = degrees[min(_TOP, degrees.size) - 1]
        top = values.sort_values("M", ascending=False, kind="stable").head(_TOP)
        strategy = top["strategy"] if "strategy" in top else pd.Series(None, top.index, object)
        rows.append(
            pd.DataFrame(
                {
                    "network": network,
                    "spread": spread,
                    "replicates": used,
                    "rank": np.arange(1, len(top) + 1),
                    "node": top.index.to_numpy(),
                    "M": top["M"].to_numpy(dtype=np.float64),
                    "M_se": top["M_se"].to_numpy(dtype=np.float64),
                    "degree": top["degree"].to_numpy(),
                    "k_shell": top["k_shell"].to_numpy(),
                    "strategy": strategy.to_numpy(dtype=object),
                    "k_max": k_max,
                    "inner_core": (top["k_shell"] == k_max).to_numpy(),
                    "top_degree": (top["degree"] >= tenth).to_numpy(),
                }
            )
        )
        panels[network, spread] = (values, top)
    table = pd.concat(rows, ignore_index=True)

    networks, spreads = labels(nodes, "network"), labels(nodes, "spread")
    figure, grid = panel_grid(nodes, networks, spreads, headline=headline_spread(nodes))
    for ax, network, spread, _ in grid:
        values, top = panels[network, spread]
        _draw_spreaders(ax, values, top)
        panel_title(ax, network, spread, len(spreads) > 1)

    sentence = _top_sentence(results, nodes, table, networks)
    return Finding(
        name="top_spreaders",
        title="The ten best spreaders",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _top_sentence(
    results: ExperimentResults, nodes: pd.DataFrame, table: pd.DataFrame, networks: list[Any]
) -> str:
    """Count the best spreaders in the inner core, among the hubs, and LIONs."""
    spread = headline_spread(nodes)
    at = where_words(results, nodes, spread)
    here = table[table["spread"] == spread]
    counts = here.groupby("network", sort=False).agg(
        n=("rank", "size"),
        inner=("inner_core", "sum"),
        hubs=("top_degree", "sum"),
        k_max=("k_max", "first"),
        lions=("strategy", lambda s: int((s == "lion").sum())),
        strategies=("strategy", lambda s: bool(s.notna().any())),
    )
    counts = counts.reindex([n for n in networks if n in counts.index])
    lead = f"{at[0].upper()}{at[1:]}, of" if at else "Of"
    if len(counts) <= 3:
        clauses = []
        for network, row in counts.iterrows():
            n = int(row["n"])
            clause = (
                f"{_of_best(row['inner'], n)} best spreaders of "
                f"{network_name(nodes, network)} sit in its innermost k-shell "
                f"(k_S = {int(row['k_max'])}) and {_count(row['hubs'], n)} are among its "
                f"{_TOP} highest-degree nodes"
            )
            if row["strategies"]:
                clause += f"; {_count(row['lions'], n)} are LIONs"
            clauses.append(clause)
        text = "; ".join(clauses)
        text = f"{at[0].upper()}{at[1:]}, {text}" if at else text[0].upper() + text[1:]
    else:
        inner, hubs = counts["inner"], counts["hubs"]
        text = (
            f"{lead} each network's {_TOP} best spreaders, a median of {fmt(inner.median())} "
            f"sit in its innermost k-shell ({_extremes(nodes, inner) or span(inner)}) and a "
            f"median of {fmt(hubs.median())} are among its {_TOP} highest-degree nodes "
            f"({span(hubs)})"
        )
        if counts["strategies"].any():
            text += f"; {span(counts.loc[counts['strategies'], 'lions'])} are LIONs"
    text += "."
    if (table["replicates"].str.contains("graphs differ")).any():
        text += (
            " Generated networks are new graphs in each replicate: their nodes are replicate 0's."
        )
    return text


def _of_best(count: Any, total: int) -> str:
    """Return ``"all 10"``, ``"none of the 10"`` or ``"3 of the 10"``."""
    count = int(count)
    return f"all {total}" if count == total else f"{_count(count, total)} of the {total}"


def _count(count: Any, total: int) -> str:
    """Return ``"all 10"``, ``"none (0)"`` or the count, for "... of the 10 best spreaders"."""
    count = int(count)
    return "all" if count == total else "none (0)" if count == 0 else str(count)


def _extremes(nodes: pd.DataFrame, counts: pd.Series) -> str:
    """Name the networks with the fewest and the most."""
    low = [network_name(nodes, n) for n in counts.index[counts == counts.min()]]
    high = [network_name(nodes, n) for n in counts.index[counts == counts.max()]]
    parts = []
    if len(low) <= 2:
        parts.append(f"{fmt(counts.min())} on {join(low)}")
    if len(high) <= 2 and counts.max() != counts.min():
        parts.append(f"{fmt(counts.max())} on {join(high)}")
    return ", ".join(parts)


def _draw_spreaders(ax: Any, values: pd.DataFrame, top: pd.DataFrame) -> None:
    """Draw M against degree for every node, coloured by strategy or k-shell, top ten circled."""
    degree = values["degree"].to_numpy(dtype=np.float64)
    efficiency = values["M"].to_numpy(dtype=np.float64)
    strategies = strategy_order(values["strategy"]) if "strategy" in values else []
    options = {"s": 9, "alpha": 0.6, "linewidths": 0, "rasterized": True}
    if strategies:
        colours = strategy_colours(strategies)
        for name in strategies:
            chosen = (values["strategy"] == name).to_numpy()
            ax.scatter(
                degree[chosen],
                efficiency[chosen],
                color=colours[name],
                label=_SINGULAR.get(name, name),
                **options,
            )
    else:
        points = ax.scatter(
            degree, efficiency, c=values["k_shell"].to_numpy(), cmap="viridis", **options
        )
        ax.figure.colorbar(points, ax=ax, label="k-shell index k_S")
    ax.scatter(
        top["degree"].to_numpy(dtype=np.float64),
        top["M"].to_numpy(dtype=np.float64),
        s=70,
        facecolors="none",
        edgecolors=_TOP_COLOUR,
        linewidths=1.3,
        label=f"{_TOP} highest M",
    )
    positive = degree[degree > 0]
    if positive.size and positive.max() > 20 * np.median(positive):
        ax.set_xscale("log")
    ax.set_xlabel("degree k")
    ax.set_ylabel(_M_LABEL)
    ax.legend(fontsize=8, loc="lower right", markerscale=1.5)


def strategy_comparison(results: ExperimentResults) -> Finding:
    r"""Compare LIONs with organic networkers on degree, k-shell and spreading efficiency M.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment; reads ``nodes`` (the rows with a
        strategy).

    Returns
    -------
    Finding
        Table: one row per (network, spread, strategy, quantity), the
        quantity being ``degree``, ``k_shell`` or ``M``, with ``mean``,
        ``se``, ``n_nodes`` (nodes pooled over replicates),
        ``n_replicates`` and ``se_over`` (``"replicates"`` or ``"nodes"``).
        Figure: three panels (mean degree, mean k-shell, mean M), one point
        per strategy and network with its error bar; the structure panels
        show the first spread condition, the M panel every spread condition
        (one marker each).

    Raises
    ------
    InvalidParameterError
        If no node has a strategy (no network of the game or its
        baselines), or the node table lacks a column above.

    Notes
    -----
    With :math:`R > 1` replicates, each replicate :math:`r` gives the mean
    :math:`\bar x_r` of the quantity over the strategy's nodes; the table
    holds :math:`\bar x = \frac1R \sum_r \bar x_r` and its standard error
    over replicates, :math:`s(\bar x_r) / \sqrt R` (the graphs differ, and
    this error counts that). With one replicate it holds the mean over the
    :math:`n` nodes and the standard error :math:`s(x_i) / \sqrt n` over
    nodes.
    """
    nodes = check_table(
        results, "nodes", ("strategy", "degree", "k_shell", "M"), "strategy_comparison"
    )
    with_strategy = nodes[nodes["strategy"].notna()]
    need_strategies(nodes, "strategy_comparison")
    quantities = ("degree", "k_shell", "M")
    rows = []
    for (network, spread), frame in with_strategy.groupby(["network", "spread"], sort=False):
        n_replicates = frame["replicate"].nunique()
        for strategy in strategy_order(frame["strategy"]):
            mine = frame[frame["strategy"] == strategy]
            for quantity in quantities:
                values = mine[quantity].astype(np.float64)
                if n_replicates > 1:
                    per_replicate = values.groupby(mine["replicate"]).mean()
                    mean, se, over = per_replicate.mean(), sem(per_replicate), "replicates"
                else:
                    mean, se, over = values.mean(), sem(values), "nodes"
                rows.append(
                    {
                        "network": network,
                        "spread": spread,
                        "strategy": strategy,
                        "quantity": quantity,
                        "mean": float(mean),
                        "se": se,
                        "n_nodes": len(mine),
                        "n_replicates": n_replicates,
                        "se_over": over,
                    }
                )
    table = pd.DataFrame(rows)
    figure = _draw_strategies(table)

    sentence = _comparison_sentence(results, nodes, table)
    return Finding(
        name="strategy_comparison",
        title="LIONs against organic networkers",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _comparison_sentence(
    results: ExperimentResults, nodes: pd.DataFrame, table: pd.DataFrame
) -> str:
    """Compare LIONs with organic networkers at the headline spread condition."""
    spread = headline_spread(nodes[nodes["spread"].isin(set(table["spread"]))])
    at = where_words(results, nodes, spread)
    networks = labels(table, "network")
    indexed = table.set_index(["network", "spread", "strategy", "quantity"])

    def get(network: Any, strategy: str, quantity: str, where: Any = spread) -> Any:
        key = (network, where, strategy, quantity)
        return indexed.loc[key] if key in indexed.index else None

    paired = [
        n
        for n in networks
        if get(n, "lion", "M") is not None and get(n, "organic", "M") is not None
    ]
    lead = f"{at[0].upper()}{at[1:]}, " if at else ""
    if not paired:
        network = networks[0]
        parts = [
            f"{pm(get(network, s, 'M')['mean'], get(network, s, 'M')['se'])} for {strategy_name(s)}"
            for s in strategy_order(table["strategy"])
            if get(network, s, "M") is not None
        ]
        text = f"{lead}on {network_name(nodes, network)} the mean M is {join(parts)} nodes"
        return text[0].upper() + text[1:] + "."
    several = len(paired) > 1
    higher = [
        get(n, "lion", "k_shell")["mean"] > get(n, "organic", "k_shell")["mean"] for n in paired
    ]
    sits = (
        "higher"
        if all(higher)
        else "lower"
        if not any(higher)
        else f"higher (on {sum(higher)} of {len(paired)} networks)"
    )

    def values(strategy: str, quantity: str) -> str:
        return span(get(n, strategy, quantity)["mean"] for n in paired)

    text = (
        f"{lead}LIONs sit in {sits} k-shells than organic networkers (mean k_S "
        f"{values('lion', 'k_shell')} against {values('organic', 'k_shell')}"
    )
    if not several:
        text += f"; mean degree {values('lion', 'degree')} against {values('organic', 'degree')}"
    text += ")"
    if len(paired) <= 3:
        reach = []
        for i, n in enumerate(paired):
            lion, organic = get(n, "lion", "M"), get(n, "organic", "M")
            if i == 0:
                part = f"{pm(lion['mean'], lion['se'])} nodes against "
                part += pm(organic["mean"], organic["se"])
            else:
                part = f"{fmt(lion['mean'])} against {fmt(organic['mean'])}"
            if several:
                part += f" with {network_name(nodes, n, short=True)}"
            reach.append(part)
        text += f" and reach M = {reach[0]}"
        if several:
            text += f" ({join(reach[1:])})"
    else:
        ratios = pd.Series(
            {n: get(n, "lion", "M")["mean"] / get(n, "organic", "M")["mean"] for n in paired}
        )
        text += (
            f" and reach further on {int((ratios > 1).sum())} of {len(paired)} networks "
            f"({fmt(ratios.median())} times as far at the median)"
        )
    spreads = labels(table, "spread")
    if len(spreads) > 1:
        ratios = [
            get(n, "lion", "M", s)["mean"] / get(n, "organic", "M", s)["mean"]
            for n in paired
            for s in spreads
            if get(n, "lion", "M", s) is not None and get(n, "organic", "M", s) is not None
        ]
        text += (
            f"; over the {len(spreads)} spread conditions, LIONs reach {span(ratios)} times as far"
        )
    over = set(table["se_over"])
    errors = (
        f"over {int(table['n_replicates'].max())} replicates"
        if over == {"replicates"}
        else "over nodes"
        if over == {"nodes"}
        else "over replicates, or nodes when one"
    )
    return f"{text} (± SE {errors})."


def _draw_strategies(table: pd.DataFrame) -> Any:
    """Draw the three panels of :func:`strategy_comparison`."""
    networks = labels(table, "network")
    spreads = labels(table, "spread")
    strategies = strategy_order(table["strategy"])
    colours = strategy_colours(strategies)
    unit = max(3.0, 0.9 * len(networks) + 1.0)  # inches per structure panel
    wide = max(1.0, len(spreads) / 2)  # the M panel holds a point per spread condition
    figure, axes = new_figure(
        1, 3, figsize=(unit * (2 + wide) + 1.5, 3.8), gridspec_kw={"width_ratios": [1, 1, wide]}
    )
    structure = "\n(graphs of the first spread condition)" if len(spreads) > 1 else ""
    panels = {
        "degree": ("mean degree k", "degree" + structure, [spreads[0]]),
        "k_shell": ("mean k-shell index k_S", "k-shell" + structure, [spreads[0]]),
        "M": ("mean spreading efficiency M (nodes)", "spreading efficiency", spreads),
    }
    for ax, (quantity, (label, title, shown)) in zip(axes[0], panels.items(), strict=True):
        combos = [(s, spread) for s in strategies for spread in shown]
        offsets = np.linspace(-0.3, 0.3, len(combos)) if len(combos) > 1 else np.zeros(1)
        for offset, (strategy, spread) in zip(offsets, combos, strict=True):
            rows = table[
                (table["strategy"] == strategy)
                & (table["spread"] == spread)
                & (table["quantity"] == quantity)
            ].set_index("network")
            rows = rows.reindex([n for n in networks if n in rows.index])
            x = np.array([networks.index(n) for n in rows.index], dtype=np.float64) + offset
            ax.errorbar(
                x,
                rows["mean"].to_numpy(dtype=np.float64),
                yerr=rows["se"].fillna(0.0).to_numpy(dtype=np.float64),
                fmt=MARKERS[spreads.index(spread) % len(MARKERS)],
                color=colours[strategy],
                capsize=3,
                markersize=6,
                linestyle="none",
            )
        ax.set_xticks(np.arange(len(networks)), networks)
        if len(networks) > 2 or max(len(n) for n in networks) > 16:
            ax.tick_params(axis="x", labelrotation=20)
            for tick in ax.get_xticklabels():
                tick.set_horizontalalignment("right")
        ax.set_xlim(-0.6, len(networks) - 0.4)
        means = table.loc[table["quantity"] == quantity, "mean"].to_numpy(dtype=np.float64)
        if quantity == "M" and means.min() > 0 and means.max() > 30 * means.min():
            ax.set_yscale("log")  # M >= 1 node; simple and complex contagion differ by far
        else:
            ax.set_ylim(bottom=0.0)
        ax.set_xlabel("network")
        ax.set_ylabel(label)
        ax.set_title(title, fontsize=10)
    handles = [
        legend_line(color=colours[s], marker="o", linestyle="none", label=strategy_name(s))
        for s in strategies
    ]
    if len(spreads) > 1:
        handles += [
            legend_line(color="0.3", marker=MARKERS[i % len(MARKERS)], linestyle="none", label=s)
            for i, s in enumerate(spreads)
        ]
    figure.legend(handles=handles, loc="outside right upper", fontsize=8)
    return figure


#: The analyses of this module by name, in the order a report shows them.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "top_spreaders": top_spreaders,
    "strategy_comparison": strategy_comparison,
}
