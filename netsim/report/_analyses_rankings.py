r"""Report figures on the measures: how well each centrality ranks the spreaders.

Each analysis reads the node table of an :class:`ExperimentResults` and
returns a :class:`Finding`: a tidy table, a figure and a sentence with the
numbers. They follow Kitsak et al. [1]_: a centrality is judged by how well
its top nodes, its ranking and its (k-shell, degree) map match the spreading
efficiency :math:`M` (the mean size of the outbreaks a node starts alone).

* ``efficiency_grid``: mean M on the (k-shell, degree) map;
* ``imprecision``: how far each measure's top nodes fall short of the best;
* ``kendall_vs_beta``: Kendall's tau-b of each measure against M across the
  swept transmission rate.

Scores (imprecision, Kendall's tau) are computed per replicate, then
averaged, with the standard error over replicates; a map pools the nodes of
one graph, replicate 0. The imprecision also gets a 95 % interval from the
batches of runs each task keeps (``M_batch_0``, ...), combined over
replicates by the report's one rule (:func:`~netsim.report._tables.replicate_ci`),
and its sentence names a better measure only where the paired interval of
the difference excludes 0.

References
----------
.. [1] M. Kitsak, L. K. Gallos, S. Havlin, F. Liljeros, L. Muchnik,
   H. E. Stanley and H. A. Makse, "Identification of influential spreaders
   in complex networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.

Examples
--------
>>> from netsim.report._analyses_rankings import ANALYSES
>>> list(ANALYSES)
['efficiency_grid', 'imprecision', 'kendall_vs_beta']
"""

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import measures as _measures
from .._validation import Described, invalid
from ..experiments import ExperimentResults
from ._finding import Finding
from ._layout import (
    LINESTYLES,
    MARKERS,
    PALETTE,
    PANEL_COLUMNS,
    legend_line,
    panel_figure,
    panel_grid,
    panel_title,
)
from ._noise import FRACTIONS as _FRACTIONS
from ._noise import (
    beyond,
    condition_replicates,
    group_words,
    imprecision_scores,
    interval,
    noise_group,
    pair_interval,
    task_taus,
)
from ._tables import CONFIDENCE, check_table, labels, same, sem
from ._words import fmt, headline_spread, join, measure_name, network_name, where_words

__all__ = ["ANALYSES"]

#: The node columns every experiment writes; the others after ``node`` are measures.
_NODE_COLUMNS = ("node", "strategy", "active", "degree", "k_shell", "strength", "M", "M_se")
#: The top fraction whose imprecision the sentence quotes (one of ``_FRACTIONS``).
_QUOTED_FRACTION = 0.05
_BETA_LABELS = {
    "beta_factor": "β as a multiple of the epidemic threshold β_c",
    "beta": "transmission probability β per contact",
    "target_outbreak": "mean outbreak aimed at (share of the nodes)",
}


def _measure_names(nodes: pd.DataFrame) -> list[str]:
    """Return degree, k-shell and the measure columns (between ``strength`` and ``M``)."""
    columns = list(nodes.columns)
    start = max(columns.index(c) for c in ("node", "k_shell", "strength") if c in columns)
    between = columns[start + 1 : columns.index("M")]
    return ["degree", "k_shell", *(c for c in between if c not in _NODE_COLUMNS)]


def _measure_styles(names: list[str]) -> dict[str, dict[str, Any]]:
    """Return a colour, marker and line style per measure, so that overlapping lines show."""
    return {
        name: {
            "color": PALETTE[i % len(PALETTE)],
            "marker": MARKERS[i % (len(MARKERS) - 1)],  # 7 markers, 8 colours: pairs differ
            "linestyle": LINESTYLES[i % len(LINESTYLES)],
        }
        for i, name in enumerate(names)
    }


def _draw_measures(
    ax: Any,
    frame: pd.DataFrame,
    x: str,
    y: str,
    styles: dict[str, dict[str, Any]],
    *,
    x_factor: float = 1.0,
    band: bool = False,
) -> None:
    """Draw ``y`` against ``x``, a line per measure, with error bars ``<y>_se``.

    With ``band``, a shaded interval from ``<y>_low`` to ``<y>_high`` instead
    of the error bars.
    """
    for name in labels(frame, "measure"):
        line = frame[frame["measure"] == name]
        xs = x_factor * line[x].to_numpy(dtype=np.float64)
        se = line[f"{y}_se"].to_numpy(dtype=np.float64)
        if band:
            low = line[f"{y}_low"].to_numpy(dtype=np.float64)
            high = line[f"{y}_high"].to_numpy(dtype=np.float64)
            if np.isfinite(low).any():
                ax.fill_between(xs, low, high, color=styles[name]["color"], alpha=0.15, linewidth=0)
            se = np.full(se.shape, np.nan)
        ax.errorbar(
            xs,
            line[y].to_numpy(dtype=np.float64),
            yerr=None if np.isnan(se).all() else np.nan_to_num(se),
            markersize=4,
            capsize=2,
            label=name,
            **styles[name],
        )


def _measure_legend(figure: Any, styles: dict[str, dict[str, Any]], names: list[str]) -> None:
    """Add one legend of the measures' lines to the figure, outside the panels."""
    handles = [legend_line(markersize=4, label=name, **styles[name]) for name in names]
    figure.legend(handles=handles, title="measure", loc="outside right upper", fontsize=8)


def efficiency_grid(results: ExperimentResults) -> Finding:
    r"""Map the mean spreading efficiency M on Kitsak's (k-shell, degree) grid.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment; reads ``nodes``.

    Returns
    -------
    Finding
        Table: one row per (network, spread, k_shell, degree) cell holding a
        node of replicate 0, with ``replicate``, ``M`` (the cell's mean) and
        ``n_nodes``, as :func:`netsim.efficiency_grid` returns. Figure: the
        heat map of :func:`netsim.plot.plot_efficiency_grid`, a panel per
        network and spread condition.

    Raises
    ------
    InvalidParameterError
        If the node table is empty or lacks a column above.

    Notes
    -----
    A cell :math:`(k_S, k)` holds :math:`M(k_S, k) = \frac{1}{n_{k_S,k}}
    \sum_{i: k_{S,i} = k_S, k_i = k} M_i`. The sentence compares the
    innermost shell, :math:`k_S = k_{max}`, with the hubs of the periphery,
    :math:`k \ge k_{90}` (the 90th percentile of degree) and
    :math:`k_S \le \lfloor k_{max} / 2 \rfloor`, each averaged over its
    nodes: Kitsak et al. found the former spread further. Only replicate 0
    is drawn: a map pools nodes of one graph.
    """
    nodes = check_table(results, "nodes", ("node", "degree", "k_shell", "M"), "efficiency_grid")
    grids = []
    for (network, spread), frame in nodes.groupby(["network", "spread"], sort=False):
        replicate = frame["replicate"].min()
        task = frame[frame["replicate"] == replicate].set_index("node")
        grid = _measures.efficiency_grid(
            task["M"].astype(np.float64), task["k_shell"], task["degree"]
        )
        if "M_se" in task:  # the mean of the nodes' errors bounds the error of the cell's mean
            bound = task.groupby(["k_shell", "degree"])["M_se"].mean()
            grid["M_se_bound"] = bound.reindex(grid.index).to_numpy(dtype=np.float64)
        grid = grid.reset_index()
        grid.insert(0, "replicate", replicate)
        grid.insert(0, "spread", spread)
        grid.insert(0, "network", network)
        grids.append(grid)
    table = pd.concat(grids, ignore_index=True)

    from ..plot import plot_efficiency_grid

    networks, spreads = labels(table, "network"), labels(table, "spread")
    figure, panels = panel_grid(
        table, networks, spreads, headline=headline_spread(nodes), width=4.6
    )
    for ax, network, spread, cells in panels:
        plot_efficiency_grid(cells.set_index(["k_shell", "degree"])[["M", "n_nodes"]], ax=ax)
        panel_title(ax, network, spread, len(spreads) > 1)

    sentence = _grid_sentence(results, nodes, table, networks)
    if nodes["replicate"].nunique() > 1:
        sentence += " Each map is of replicate 0."
    return Finding(
        name="efficiency_grid",
        title="Spreading efficiency on the (k-shell, degree) map",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _of(count: int, total: int) -> str:
    """Return ``"3 of the 5"``, or ``"all 5"``."""
    return f"all {total}" if count == total and total > 1 else f"{count} of the {total}"


def _grid_numbers(cells: pd.DataFrame) -> dict[str, Any]:
    """Return what one map shows: its best cell, the inner shell, the peripheral hubs."""
    best = cells.loc[cells["M"].idxmax()]
    k_max = int(cells["k_shell"].max())
    inner = cells[cells["k_shell"] == k_max]
    degrees = np.repeat(cells["degree"].to_numpy(), cells["n_nodes"].to_numpy())
    hub = int(np.quantile(degrees, 0.9, method="higher"))
    hubs = cells[(cells["degree"] >= hub) & (cells["k_shell"] <= k_max // 2)]

    def bound(group: pd.DataFrame) -> float:
        if group.empty or "M_se_bound" not in group:
            return math.nan
        return float(np.average(group["M_se_bound"], weights=group["n_nodes"]))

    return {
        "best": best,
        "k_max": k_max,
        "inner": float(np.average(inner["M"], weights=inner["n_nodes"])),
        "inner_se": bound(inner),
        "n_inner": int(inner["n_nodes"].sum()),
        "hubs": None if hubs.empty else float(np.average(hubs["M"], weights=hubs["n_nodes"])),
        "hubs_se": bound(hubs),
        "n_hubs": int(hubs["n_nodes"].sum()),
    }


def _inner_vs_hubs(got: dict[str, Any]) -> int:
    """Return 1 if the inner shell beats the hubs beyond the noise, -1 if they beat it, else 0.

    Beyond the noise: the means differ by more than twice the root sum of
    squares of their error bounds; 0 also where the errors are unknown.
    """
    gap = got["inner"] - got["hubs"]
    noise = 2.0 * math.hypot(got["inner_se"], got["hubs_se"])
    if not math.isfinite(noise):
        return 0
    return 1 if gap > noise else -1 if gap < -noise else 0


def _grid_sentence(
    results: ExperimentResults, nodes: pd.DataFrame, table: pd.DataFrame, networks: list[Any]
) -> str:
    """Say where M is highest, and whether the inner shell beats the peripheral hubs."""
    spread = headline_spread(nodes)
    at = where_words(results, nodes, spread)
    numbers = {
        network: _grid_numbers(table[(table["network"] == network) & (table["spread"] == spread)])
        for network in networks
        if ((table["network"] == network) & (table["spread"] == spread)).any()
    }
    if len(numbers) <= 3:
        clauses = []
        for network, got in numbers.items():
            best = got["best"]
            clause = (
                f"on {network_name(nodes, network)} M peaks at {fmt(best['M'])} nodes "
                f"(k_S = {int(best['k_shell'])}, k = {int(best['degree'])}); the innermost "
                f"shell (k_S = {got['k_max']}) averages {fmt(got['inner'])}"
            )
            if got["hubs"] is None:
                clause += (
                    " and every hub (top 10 % by degree) has a k-shell above half the largest:"
                    " degree and k-shell go together"
                )
            else:
                clause += f", hubs of low k-shell {fmt(got['hubs'])}"
            clauses.append(clause)
        text = "; ".join(clauses)
        text = f"{at[0].upper()}{at[1:]}, {text}" if at else text[0].upper() + text[1:]
        if any(got["hubs"] is not None for got in numbers.values()):
            text += (
                " (hubs of low k-shell: the top 10 % by degree with a k-shell at most half "
                "the largest)"
            )
        return f"{text}."
    with_hubs = {n: g for n, g in numbers.items() if g["hubs"] is not None}
    wins = [n for n, g in with_hubs.items() if _inner_vs_hubs(g) == 1]
    losses = [n for n, g in with_hubs.items() if _inner_vs_hubs(g) == -1]
    best_inner = sum(int(g["best"]["k_shell"]) == g["k_max"] for g in numbers.values())
    lead = f"{at[0].upper()}{at[1:]}, the" if at else "The"
    if with_hubs:
        text = (
            f"{lead} innermost k-shell spreads further than the hubs of low k-shell (top 10 % "
            f"by degree, k-shell at most half the largest), beyond twice the Monte Carlo error, "
            f"on {_of(len(wins), len(with_hubs))} networks that have such hubs, less far on "
            f"{len(losses)}"
        )
    else:
        text = (
            f"{lead} hubs (top 10 % by degree) all have a k-shell above half the largest, "
            "so degree and k-shell go together"
        )
    if with_hubs:
        gap = max(with_hubs, key=lambda n: with_hubs[n]["inner"] / max(with_hubs[n]["hubs"], 1e-12))
        got = with_hubs[gap]
        text += f" (most on {network_name(nodes, gap)}: M = {fmt(got['inner'])} against "
        text += f"{fmt(got['hubs'])} nodes)"
    others = len(numbers) - len(with_hubs)
    if others and with_hubs:
        text += f"; on the other {others}, every hub has a high k-shell"
    elif others:
        text += f" on all {others} networks" if others > 1 else ""
    text += (
        f". The (k-shell, degree) cell of highest mean M lies in the innermost shell on "
        f"{_of(best_inner, len(numbers))} networks."
    )
    return text


def imprecision(results: ExperimentResults) -> Finding:
    r"""Score every measure by Kitsak's imprecision at the top 1, 2, 5, 10 and 20 % of nodes.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment; reads ``nodes`` (degree, k-shell,
        every measure column, and the batch means ``M_batch_0``, ... when
        the tasks kept them).

    Returns
    -------
    Finding
        Table: one row per (network, spread, measure, p) with
        ``imprecision`` (mean over replicates), ``imprecision_se`` (standard
        error over replicates; NaN for one), ``imprecision_low`` and
        ``imprecision_high`` (its 95 % interval, see Notes; NaN where the
        noise is not measured), ``ci_over`` ("runs" or "replicates"),
        ``vs_best_low`` and ``vs_best_high`` (the paired 95 % interval of
        the difference from the measure of lowest imprecision at that
        (network, spread, p); 0 for that measure) and ``n_replicates``.
        Figure: :math:`\varepsilon(p)` against p, a line per measure with
        its interval shaded, a panel per network and spread condition.

    Raises
    ------
    InvalidParameterError
        If the node table is empty or lacks a column above.

    Notes
    -----
    For each task, :func:`netsim.imprecision` gives

    .. math:: \varepsilon(p) = 1 - \frac{M_c(p)}{M_{\mathrm{eff}}(p)},

    with :math:`M_c(p)` the mean M of the top fraction p of nodes by the
    measure and :math:`M_{\mathrm{eff}}(p)` that of the top fraction p by
    M itself; 0 means the measure finds nodes as good as the best. Ties at
    the cut take their expected share (``ties="expected"``). Measures
    where lower is better (VoteRank) are turned round first. A measure that
    is not finite on every node of a task (e.g. strength on an unweighted
    graph) is left out of that task. The :math:`R` replicates' values are
    averaged, with standard error :math:`s / \sqrt R`.

    **Intervals.** A task's Monte Carlo error is the standard deviation of
    its :math:`\varepsilon^*` over 200 bootstrap draws of its batches of
    runs (:func:`netsim.imprecision` given a table; the same resampled
    batches for every measure, so differences are paired). The replicates
    are combined by the report's one rule (``replicate_ci``): one replicate
    keeps its Monte Carlo error (normal interval); replicates of one graph
    (a data set) pool their Monte Carlo errors; replicates that are
    different graphs use the spread of their values, which holds both the
    graphs' variation and the Monte Carlo error, with Student's t on
    :math:`R - 1` degrees of freedom. A task without batches (under 20
    runs) has no Monte Carlo error: a single such replicate gets no
    interval, and no measure is called better than another from it.
    """
    nodes = check_table(results, "nodes", ("node", "degree", "k_shell", "M"), "imprecision")
    table, all_pairs = imprecision_scores(nodes, _measure_names(nodes))
    quoted = _FRACTIONS.index(_QUOTED_FRACTION)
    comparisons = {
        condition: {
            key: (float(low[quoted]), float(high[quoted])) for key, (low, high) in pairs.items()
        }
        for condition, pairs in all_pairs.items()
    }

    networks, spreads = labels(table, "network"), labels(table, "spread")
    measure_names = labels(table, "measure")
    styles = _measure_styles(measure_names)
    figure, panels = panel_grid(table, networks, spreads, headline=headline_spread(nodes))
    for ax, network, spread, mine in panels:
        _draw_measures(ax, mine, "p", "imprecision", styles, x_factor=100.0, band=True)
        ax.set_xscale("log")
        ax.set_xticks([100 * p for p in _FRACTIONS], [f"{100 * p:g}" for p in _FRACTIONS])
        ax.set_ylim(bottom=0.0)
        ax.set_xlabel("top fraction p of nodes (%)")
        ax.set_ylabel("imprecision ε(p)")
        panel_title(ax, network, spread, len(spreads) > 1)
    _measure_legend(figure, styles, measure_names)

    sentence = _imprecision_sentence(results, nodes, table, networks, comparisons)
    return Finding(
        name="imprecision",
        title="How far each measure's top nodes fall short",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _network_clause(
    nodes: pd.DataFrame, network: Any, scored: pd.Series, pairs: dict
) -> tuple[str, bool]:
    """Say which measures fall least and most short on one network.

    Return the clause and whether it names a single best measure, beyond the noise.
    """
    best, worst = scored.idxmin(), scored.idxmax()
    name = network_name(nodes, network)
    known = any(np.isfinite(low) for low, _ in pairs.values())
    if not known:
        return (
            f"on {name} {measure_name(best)} falls least short (ε = {fmt(scored[best])}) and "
            f"{measure_name(worst)} most ({fmt(scored[worst])}), but the noise is not measured "
            "(one replicate without batches of runs), so neither is named better",
            False,
        )
    top = noise_group(scored, pairs, best)
    if len(top) == len(scored):
        return (
            f"on {name} all {len(scored)} measures are within the noise of each other "
            f"(ε from {fmt(scored[best])} to {fmt(scored[worst])})",
            False,
        )
    if len(top) == 1:
        clause = f"on {name} {group_words(top, scored)} falls least short, beyond the noise"
    else:
        clause = (
            f"on {name} {group_words(top, scored)} fall least short, within the noise of each other"
        )
    bottom = noise_group(scored, pairs, worst)
    if len(bottom) == 1:
        clause += f", and {measure_name(worst)} most ({fmt(scored[worst])})"
    else:
        clause += f", and {group_words(bottom[::-1], scored)} most"
    return clause, len(top) == 1


def _imprecision_sentence(
    results: ExperimentResults,
    nodes: pd.DataFrame,
    table: pd.DataFrame,
    networks: list[Any],
    comparisons: dict[tuple[Any, Any], dict[tuple[str, str], tuple[float, float]]],
) -> str:
    """Name the measures that fall least and most short at 5 %, where beyond the noise.

    A measure is named better than another only where the paired 95 %
    interval of their difference excludes 0; otherwise they are "within the
    noise" of each other. For many networks, counts of such cases.
    """
    spread = headline_spread(nodes)
    at = where_words(results, nodes, spread)
    share = f"{100 * _QUOTED_FRACTION:g} %"
    here = table[np.isclose(table["p"], _QUOTED_FRACTION) & (table["spread"] == spread)]
    wide = here.pivot_table(
        index="network", columns="measure", values="imprecision", sort=False
    ).reindex([n for n in networks if n in set(here["network"])])
    lead = (
        f"Picking the top {share} of nodes by each measure{', ' + at if at else ''} "
        f"(ε, the share of the true top {share}'s mean reach M they miss; 0 is perfect)"
    )
    interval = f"the paired {100 * CONFIDENCE:g} % interval of a difference"
    pairs = {network: comparisons.get((network, spread), {}) for network in wide.index}
    if len(wide) <= 3:
        clauses = [
            _network_clause(nodes, network, scored.dropna(), pairs[network])[0]
            for network, scored in wide.iterrows()
        ]
        return f"{lead}: {'; '.join(clauses)}. Within the noise: {interval} holds 0."
    medians = wide.median(axis=0, skipna=True).dropna().sort_values(kind="stable")
    best, worst = medians.index[0], medians.index[-1]
    quoted = [m for m in medians.index if m in (best, "k_shell", "degree", worst)]
    marks = {best: " (lowest)", worst: " (highest)"}
    parts = [f"{measure_name(m)} {fmt(medians[m], 2)}{marks.get(m, '')}" for m in quoted]
    text = f"{lead}: median ε over the {len(wide)} networks, {join(parts)}"
    sure = sum(
        _network_clause(nodes, network, scored.dropna(), pairs[network])[1]
        for network, scored in wide.iterrows()
    )
    text += (
        f"; one measure is best beyond the noise ({100 * CONFIDENCE:g} % paired interval) on "
        f"{_of(sure, len(wide))}"
    )
    if {"k_shell", "degree"} <= set(wide.columns):
        both = wide[["k_shell", "degree"]].dropna()
        sides = [pairs[n].get(("k_shell", "degree"), (np.nan, np.nan)) for n in both.index]
        wins = sum(high < 0 for _, high in sides)  # k-shell's eps lower beyond the noise
        losses = sum(low > 0 for low, _ in sides)
        text += (
            f"; k-shell beats degree on {wins}, loses on {losses}, and is within the noise on "
            f"{len(both) - wins - losses}"
        )
    return f"{text}."


def kendall_vs_beta(results: ExperimentResults) -> Finding:
    r"""Follow Kendall's tau-b of every measure against M across the swept transmission rate.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment whose spread conditions sweep ``beta``
        or ``beta_factor`` (one of ``results.spread_columns``); reads
        ``nodes``.

    Returns
    -------
    Finding
        Table: one row per (network, other swept spread parameters, beta
        value, measure) with ``tau`` (mean over replicates), ``tau_se``
        (standard error over replicates; NaN for one) and ``n_replicates``.
        The beta column is ``beta_factor`` when it is swept, else ``beta``.
        Figure: tau against beta, a line per measure, a panel per network
        (and per value of the other swept spread parameters).

    Raises
    ------
    InvalidParameterError
        If neither ``beta`` nor ``beta_factor`` is swept, or the node table
        lacks a column above.

    Notes
    -----
    For each task, :func:`netsim.kendall_tau` gives, over the
    :math:`n_0 = n(n-1)/2` node pairs with :math:`n_c` concordant,
    :math:`n_d` discordant and :math:`n_1` (:math:`n_2`) tied in the
    measure (in M),

    .. math:: \tau_b = \frac{n_c - n_d}{\sqrt{(n_0 - n_1)(n_0 - n_2)}};

    the :math:`R` replicates' values are averaged, with standard error
    :math:`s / \sqrt R`. Measures where lower is better (VoteRank) are
    turned round first, so 1 always means "orders the nodes as M does".
    """
    spread_columns = tuple(getattr(results, "spread_columns", ()))
    beta_column = _beta_sweep(results, spread_columns)
    if beta_column is None:
        raise invalid(
            "results.spread_columns",
            "a sweep of beta, beta_factor or target_outbreak (kendall_vs_beta draws tau "
            "against it)",
            spread_columns,
            "Give [spread] a list of values, e.g. beta_factor = [1.0, 1.5, 2.0].",
        )
    nodes = check_table(
        results, "nodes", ("node", "degree", "k_shell", "M", beta_column), "kendall_vs_beta"
    )
    nodes = nodes[nodes[beta_column].notna()]
    if nodes.empty:
        shown = Described(f"no node row with a value of {beta_column}")
        raise invalid("results.nodes", f"rows of spread conditions with {beta_column}", shown)
    others = [  # the other swept spread parameters that vary among the beta sweeps
        c
        for c in spread_columns
        if c != beta_column and c in nodes.columns and nodes[c].nunique(dropna=False) > 1
    ]
    names = _measure_names(nodes)
    keys = ["network", *others, beta_column]
    rows = []
    near_best: dict[tuple[Any, ...], list[str]] = {}
    for key, frame in nodes.groupby(keys, sort=False, dropna=False):
        replicates, same, scored = condition_replicates(frame, names, task_taus, ["kendall", *key])
        means = {}
        for name in scored:
            mine = [(p[name], d.get(name)) for p, d in replicates if name in p]
            values = [value for value, _ in mine]
            low, high, over = interval(values, [draw for _, draw in mine], same)
            means[name] = float(np.mean(values))
            rows.append(
                {
                    **dict(zip(keys, key, strict=True)),
                    "measure": name,
                    "tau": means[name],
                    "tau_se": sem([v[0] for v in values]),
                    "tau_low": float(low[0]),
                    "tau_high": float(high[0]),
                    "ci_over": over,
                    "n_replicates": len(values),
                }
            )
        if scored:
            best = max(means, key=means.__getitem__)
            pairs = {
                (name, best): tuple(x[0] for x in pair_interval(replicates, name, best, same))
                for name in scored
                if name != best
            }
            near_best[tuple(key)] = [n for n in scored if n == best or not beyond(pairs, n, best)]
    table = pd.DataFrame(rows)
    order = {name: i for i, name in enumerate(names)}
    network_order = {name: i for i, name in enumerate(labels(nodes, "network"))}
    table = table.sort_values(
        ["network", *others, beta_column, "measure"],
        key=lambda column: (
            column.map(network_order)
            if column.name == "network"
            else column.map(order)
            if column.name == "measure"
            else column
        ),
        kind="stable",
    ).reset_index(drop=True)

    def series_of(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
        return list(dict.fromkeys(map(tuple, frame[others].to_numpy()))) if others else [()]

    def label_of(values: tuple[Any, ...]) -> str:
        return " ".join(f"{c}={v}" for c, v in zip(others, values, strict=True))

    networks = labels(table, "network")
    series = series_of(table)
    styles = _measure_styles(names)
    if len(series) == 1:  # one row of panels: wrap the networks
        n_cols = max(1, min(len(networks), PANEL_COLUMNS))
        figure, axes = panel_figure(-(-len(networks) // n_cols), n_cols)
        grid = [[axes.ravel()[i] for i in range(len(networks))]]
        for ax in axes.ravel()[len(networks) :]:
            ax.set_axis_off()
    else:
        figure, axes = panel_figure(len(series), len(networks))
        grid = [list(axes[row]) for row in range(len(series))]
    for row, values in enumerate(series):
        chosen = np.ones(len(table), dtype=bool)
        for column, value in zip(others, values, strict=True):
            chosen &= (table[column] == value).to_numpy()
        for column, network in enumerate(networks):
            ax = grid[row][column]
            mine = table[chosen & (table["network"] == network).to_numpy()]
            if mine.empty:
                ax.set_axis_off()
                continue
            _draw_measures(ax, mine, beta_column, "tau", styles, band=True)
            ax.set_xlabel(_BETA_LABELS[beta_column])
            ax.set_ylabel("Kendall's τ_b of measure against M")
            label = label_of(values)
            panel_title(ax, network, label, bool(label))
    _measure_legend(figure, styles, labels(table, "measure"))
    sentence = _kendall_sentence(results, nodes, table, beta_column, others, near_best)
    return Finding(
        name="kendall_vs_beta",
        title="Which measure orders the spreaders, from threshold up",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _beta_sweep(results: ExperimentResults, spread_columns: tuple[str, ...]) -> str | None:
    """Return the swept column of the transmission rate with the most values, or None."""
    nodes = getattr(results, "nodes", None)
    best, most = None, 0
    for column in ("beta_factor", "beta", "target_outbreak"):
        if column not in spread_columns:
            continue
        count = (
            nodes[column].nunique() if isinstance(nodes, pd.DataFrame) and column in nodes else 2
        )
        if count > most:
            best, most = column, count
    return best


def _beta_text(beta_column: str, value: float) -> str:
    """Return a beta value as a reader would say it."""
    if beta_column == "beta_factor":
        return f"{value:g} times the epidemic threshold"
    if beta_column == "target_outbreak":
        return f"the beta of a mean outbreak of {100 * value:g} % of the nodes"
    return f"transmission probability {fmt(value)}"


def _kendall_sentence(
    results: ExperimentResults,
    nodes: pd.DataFrame,
    table: pd.DataFrame,
    beta_column: str,
    others: list[str],
    near_best: dict[tuple[Any, ...], list[str]],
) -> str:
    """Which measure orders the nodes most like M at the smallest and largest beta.

    A measure is named best alone only where every other measure's paired
    95 % interval of the difference in tau excludes 0 (``near_best`` holds
    the measures within the noise of the best, per table condition).
    """
    fixed: dict[str, Any] = {}
    if others:  # other sweeps: describe the headline condition's values of them
        row = nodes[nodes["spread"] == headline_spread(nodes)].iloc[0]
        for column in others:
            table = table[same(table[column], row[column])]
            fixed[column] = row[column]

    def level(network: Any, beta: Any) -> list[str]:
        key = (network, *(fixed[c] for c in others), beta)
        return near_best.get(key, [])

    betas = sorted(table[beta_column].dropna().unique())
    ends = [betas[0], betas[-1]] if len(betas) > 1 else betas[:1]
    networks = labels(table, "network")
    wide = {
        beta: table[table[beta_column] == beta].pivot_table(
            index="network", columns="measure", values="tau", sort=False
        )
        for beta in ends
    }
    meaning = (
        "Kendall's τ_b between a measure's ranking and M (1: the same order; clearly ahead: "
        "beyond the noise of every other measure)"
    )
    if len(networks) <= 3:
        clauses = []
        for network in networks:
            parts = []
            for beta in ends:
                if network not in wide[beta].index:
                    continue
                tau = wide[beta].loc[network].dropna()
                if tau.empty:
                    parts.append(f"at {_beta_text(beta_column, beta)} no measure orders M")
                    continue
                others_near = [m for m in level(network, beta) if m != tau.idxmax()]
                near = (
                    f", within the noise of {join([measure_name(m) for m in others_near])}"
                    if others_near
                    else ", beyond the noise"
                )
                parts.append(
                    f"at {_beta_text(beta_column, beta)} {measure_name(tau.idxmax())} "
                    f"(τ_b = {fmt(tau.max())}{near}; worst {measure_name(tau.idxmin())}, "
                    f"{fmt(tau.min())})"
                )
            clauses.append(f"on {network_name(nodes, network)}, {' and '.join(parts)}")
        return f"Best measure by {meaning}: {'; '.join(clauses)}."
    medians = {beta: wide[beta].median(axis=0).dropna() for beta in ends}
    first, last = medians[ends[0]], medians[ends[-1]]
    best_first, best_last = first.idxmax(), last.idxmax()
    text = (
        f"{meaning[0].upper()}{meaning[1:]}, median over the {len(networks)} networks, is "
        f"highest for {measure_name(best_first)} ({fmt(first[best_first])}) at "
        f"{_beta_text(beta_column, ends[0])}"
    )
    leader = {ends[0]: best_first, ends[-1]: best_last}
    alone = {  # networks where the median's leader is ahead of every other beyond the noise
        beta: sum(level(network, beta) == [leader[beta]] for network in wide[beta].index)
        for beta in ends
    }
    text += f" (clearly ahead on {_of(alone[ends[0]], len(wide[ends[0]]))})"
    kept = [m for m in ("k_shell", "degree") if m in first.index and m in last.index]
    worst = first.idxmin()
    if worst not in kept:
        kept.append(worst)
    if len(ends) == 1:
        moves = [f"{measure_name(m)} {fmt(first[m])}" for m in kept]
        return f"{text}; {join(moves)}."
    text += (
        f" and for {measure_name(best_last)} ({fmt(last[best_last])}) at "
        f"{_beta_text(beta_column, ends[-1]).replace(' the epidemic threshold', '')} "
        f"(clearly ahead on {_of(alone[ends[-1]], len(wide[ends[-1]]))})"
    )
    moves = [
        f"{measure_name(m)}{', the worst,' if m == worst else ''} "
        f"from {fmt(first[m])} to {fmt(last[m])}"
        for m in kept
    ]
    moves[0] = moves[0].replace(" from ", " goes from ", 1)
    return f"{text}; from the one to the other, {join(moves)}."


#: The analyses of this module by name, in the order a report shows them.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "efficiency_grid": efficiency_grid,
    "imprecision": imprecision,
    "kendall_vs_beta": kendall_vs_beta,
}
