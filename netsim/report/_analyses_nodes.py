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
a 95 % interval over replicates (:func:`~netsim.report._tables.strategy_estimates`).

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
    box_positions,
    distribution_legend,
    draw_boxes,
    mean_label,
    new_figure,
    panel_grid,
    panel_title,
    strategy_colours,
    strategy_order,
)
from ._tables import (
    check_table,
    difference_label,
    labels,
    need_strategies,
    pooled_se,
    same_graph,
    strategy_estimates,
)
from ._words import (
    compare_words,
    fmt,
    headline_spread,
    interval_basis,
    join,
    network_name,
    span,
    strategy_name,
    where_words,
)

__all__ = ["ANALYSES"]

#: How many spreaders :func:`top_spreaders` lists.
_TOP = 10
#: How a legend names one agent of a strategy.
_SINGULAR = {"lion": "LION", "organic": "organic networker"}
_TOP_COLOUR = "#D55E00"
#: Agents outside the top ten count as level with the tenth within this many combined SEs.
_LEVEL_SES = 2.0
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
        :math:`k_S = k_{max}`), ``top_degree`` (whether the node's degree
        is at least the 10th highest degree of the graph) and ``level_with_10th``
        (how many nodes outside the ten have an M within two combined
        standard errors of the tenth's: that many could take its place in
        other runs). Figure: M against
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
        ranked = values.sort_values("M", ascending=False, kind="stable")
        top = ranked.head(_TOP)
        level = _level_with_last(top, ranked.iloc[_TOP:])
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
                    "level_with_10th": level,
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


def _level_with_last(top: pd.DataFrame, rest: pd.DataFrame) -> int:
    """Return how many of ``rest`` have an M within ``_LEVEL_SES`` combined SEs of top's last."""
    if top.empty or rest.empty:
        return 0
    last = top.iloc[-1]
    combined = np.sqrt(rest["M_se"].to_numpy() ** 2 + float(last["M_se"]) ** 2)
    return int((rest["M"].to_numpy() + _LEVEL_SES * combined >= float(last["M"])).sum())


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
        level=("level_with_10th", "first"),
        tenth_M=("M", "last"),
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
                f"(k_S = {int(row['k_max'])}) and {_count(row['hubs'], n)} "
                f"{_are(row['hubs'], n)} among its {_TOP} highest-degree nodes"
            )
            if row["strategies"]:
                clause += f"; {_count(row['lions'], n)} {_are(row['lions'], n)} LIONs"
            if row["level"] > 0:
                clause += (
                    f"; but {fmt(row['level'])} more nodes reach an M within "
                    f"{fmt(_LEVEL_SES)} standard errors of the tenth's ({fmt(row['tenth_M'])}), "
                    "so which nodes make the ten is not settled by these runs"
                )
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


def _are(count: Any, total: int) -> str:
    """Return the verb for ``_count(count, total)`` nodes: "is" for one, else "are"."""
    return "is" if int(count) == 1 and total != 1 else "are"


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
        quantity being ``degree``, ``k_shell`` or ``M`` and the strategy
        ``"lion - organic"`` for the difference, with ``mean``, ``se``,
        ``ci_low`` and ``ci_high`` (the 95 % interval), ``ci_over``
        (``"replicates"`` or ``"runs"``), ``n_replicates`` and ``n_nodes``
        (agents per replicate). Figure: three panels (degree, k-shell, M),
        a group of boxes per network, a box of the agents' values per
        strategy with the agents as points and the mean with its 95 %
        interval on top; the structure panels show the graphs of the first
        spread condition, the M panel the headline spread condition.

    Raises
    ------
    InvalidParameterError
        If no node has a strategy (no network of the game or its
        baselines), or the node table lacks a column above.

    Notes
    -----
    Each replicate :math:`r` gives the mean :math:`\bar x_r` of the
    quantity over the strategy's agents, with the Monte Carlo error of
    :math:`M` bounded by the mean of the agents' errors. With :math:`R > 1`
    replicates (different graphs) the table holds
    :math:`\bar x = \frac1R \sum_r \bar x_r` and the t-interval
    :math:`\bar x \pm t_{R-1} s(\bar x_r) / \sqrt R`, which holds both the
    variation between networks and the Monte Carlo error; with one
    replicate, the normal interval of the Monte Carlo error alone. The
    difference of LIONs and organic networkers is formed per replicate
    (both live on the same network) and takes the same rule.
    """
    nodes = check_table(
        results, "nodes", ("strategy", "degree", "k_shell", "M", "M_se"), "strategy_comparison"
    )
    need_strategies(nodes, "strategy_comparison")
    agents = nodes[nodes["strategy"].notna()]
    quantities = {"degree": None, "k_shell": None, "M": "M_se"}
    table = strategy_estimates(agents, quantities, ["network", "spread"])
    headline = headline_spread(agents)
    figure = _draw_strategies(agents, table, headline)
    sentence = _comparison_sentence(results, nodes, table, headline)
    return Finding(
        name="strategy_comparison",
        title="LIONs against organic networkers",
        sentence=sentence,
        table=table,
        figure=figure,
    )


#: How :func:`strategy_comparison` compares the first strategy with the second, per quantity.
_COMPARED = {
    "k_shell": ("sit in higher k-shells than", "sit in lower k-shells than", "k-shell", ""),
    "M": ("reach further than", "reach less far than", "reach M", " nodes"),
}


def _comparison_sentence(
    results: ExperimentResults, nodes: pd.DataFrame, table: pd.DataFrame, spread: Any
) -> str:
    """Compare LIONs with organic networkers at the headline spread condition."""
    at = where_words(results, nodes, spread)
    here = table[table["spread"] == spread].set_index(["network", "strategy", "quantity"])
    strategies = strategy_order(here.index.get_level_values("strategy"))
    networks = labels(table, "network")
    lead = f"{at[0].upper()}{at[1:]}, " if at else ""
    first, second = [*strategies, None][:2]
    difference = difference_label(first, second)
    paired = [n for n in networks if (n, difference, "M") in here.index]
    if not paired:
        network = networks[0]
        parts = [
            f"{fmt(here.loc[(network, s, 'M'), 'mean'])} for {strategy_name(s)}"
            for s in strategies
            if (network, s, "M") in here.index
        ]
        text = f"{lead}on {network_name(nodes, network)} the mean M is {join(parts)} nodes"
        row = here.loc[(network, strategies[0], "M")]
    else:
        names = strategy_name(first), strategy_name(second)
        clauses = []
        for network in paired[:3]:
            words = [
                compare_words(
                    here.loc[(network, difference, quantity)],
                    more=f"{names[0]} {more} {names[1]}",
                    less=f"{names[0]} {less} {names[1]}",
                    what=what,
                    between=f"{names[0]} and {names[1]}",
                    unit=unit,
                )
                for quantity, (more, less, what, unit) in _COMPARED.items()
            ]
            on = f"on {network_name(nodes, network)}, " if len(networks) > 1 else ""
            clauses.append(on + " and ".join(words))
        text = lead + "; ".join(clauses)
        if len(paired) > 3:
            rows = table[(table["strategy"] == difference) & (table["quantity"] == "M")]
            rows = rows[rows["spread"] == spread]
            further = int((rows["ci_low"] > 0).sum())
            text += (
                f"; on the {len(paired)} networks, {names[0]} reach further beyond the "
                f"uncertainty on {further}"
            )
        row = here.loc[(paired[0], difference, "M")]
    basis = interval_basis(int(row["n_replicates"]), str(row["ci_over"]))
    return f"{text[0].upper()}{text[1:]} ({basis})."


def _draw_strategies(agents: pd.DataFrame, table: pd.DataFrame, headline: Any) -> Any:
    """Draw the three panels of :func:`strategy_comparison`: boxes by network and strategy."""
    networks = labels(table, "network")
    spreads = labels(table, "spread")
    strategies = strategy_order(agents["strategy"])
    colours = strategy_colours(strategies)
    positions, width = box_positions(len(networks), len(strategies))
    unit = max(3.2, 0.45 * positions.size + 1.0)  # inches per panel
    figure, axes = new_figure(1, 3, figsize=(3 * unit + 1.0, 4.4))
    structure = "\n(graphs of the first spread condition)" if len(spreads) > 1 else ""
    panels = {
        "degree": ("degree k", "degree" + structure, spreads[0]),
        "k_shell": ("k-shell index k_S", "k-shell" + structure, spreads[0]),
        "M": (_M_LABEL, f"spreading efficiency\n{headline}" if structure else "spreading "
              "efficiency", headline),
    }  # fmt: skip
    estimates = table.set_index(["network", "spread", "strategy", "quantity"])
    groups = dict(iter(agents.groupby(["network", "spread", "strategy"], sort=False)))
    for ax, (quantity, (label, title, spread)) in zip(axes[0], panels.items(), strict=True):
        drawn = [
            (
                positions[g, k],
                groups[key][quantity],
                estimates.loc[(*key, quantity)],
                colours[strategy],
                "",
                f"{strategy} | {network} | {spread}",
            )
            for g, network in enumerate(networks)
            for k, strategy in enumerate(strategies)
            if (key := (network, spread, strategy)) in groups
        ]
        draw_boxes(ax, drawn, width=width)
        ax.set_xticks(np.arange(len(networks)), networks)
        if len(networks) > 2 or max(len(n) for n in networks) > 16:
            ax.tick_params(axis="x", labelrotation=20)
            for tick in ax.get_xticklabels():
                tick.set_horizontalalignment("right")
        ax.set_xlim(-0.5, len(networks) - 0.5)
        ax.set_xlabel("network")
        ax.set_ylabel(label)
        ax.set_title(title, fontsize=10)
    named = {strategy_name(s): colours[s] for s in strategies}
    handles = distribution_legend(named, mean_label(table["ci_over"]))
    figure.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return figure


#: The analyses of this module by name, in the order a report shows them.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "top_spreaders": top_spreaders,
    "strategy_comparison": strategy_comparison,
}
