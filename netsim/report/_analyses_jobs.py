"""Report figure on the job search: how much reach survives when agents stop networking.

``reach_survival`` takes an :class:`ExperimentResults` of networking-game
networks with ``p_job`` swept and returns a :class:`Finding`: a table, a
figure and a sentence with the numbers: a box of the agents' values per
strategy and ``p_job``, with the agents as points and the mean with its
95 % interval over replicates on top (MODEL.md section 2, step 7).

Examples
--------
>>> from netsim.report._analyses_jobs import ANALYSES
>>> list(ANALYSES)
['reach_survival']
"""

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validation import invalid
from ..experiments import ExperimentResults
from ._finding import Finding
from ._layout import (
    HATCHES,
    box_positions,
    distribution_legend,
    draw_boxes,
    hatch_patch,
    mean_label,
    new_figure,
    strategy_colours,
    strategy_order,
)
from ._tables import (
    check_table,
    ci_quantile,
    difference_label,
    need_strategies,
    same,
    strategy_estimates,
    sweeps,
    varies,
)
from ._words import (
    AXIS_LABELS,
    ci_text,
    compare_words,
    headline_spread,
    interval_basis,
    network_words,
    spread_words,
    strategy_name,
    value_text,
)

__all__ = ["ANALYSES"]


def _labelled(columns: Sequence[str], values: Sequence[Any]) -> list[str]:
    """Return ``["lion_fraction = 0.3", "sir beta_factor=1.5"]``: labels shown as they are."""
    return [
        value_text(v) if c in ("network", "spread") else f"{c} = {value_text(v)}"
        for c, v in zip(columns, values, strict=True)
    ]


def reach_survival(results: ExperimentResults) -> Finding:
    """Measure how much reach and degree each strategy keeps when agents stop networking.

    In the networking game an agent finds a job with probability ``p_job`` a
    round and then stops networking (MODEL.md section 2, step 7). For each
    strategy and each ``p_job``, over the strategy's agents of each
    replicate, then over the replicates: the mean ``M`` and the mean degree
    of its agents, and the share surviving: the value divided by the same
    strategy's value at the smallest ``p_job`` (usually 0) in the same other
    conditions. The same is given for the agents still networking
    (``networking``) and for those who found a job (``job_found``),
    relative to the whole strategy at the smallest ``p_job``, and for LIONs
    minus organic networkers, paired on each network.

    Parameters
    ----------
    results : ExperimentResults
        Results of networking-game networks with ``p_job`` swept.

    Returns
    -------
    Finding
        ``table``: one row per (other conditions, ``p_job``, strategy,
        ``group`` in "all", "networking", "job_found", ``quantity`` in "M",
        "degree"), with ``mean``, ``se``, ``ci_low``, ``ci_high`` (its 95 %
        interval), ``ci_over`` ("replicates": a t-interval over the
        networks; "runs": one network, the Monte Carlo error alone),
        ``share`` with ``share_se`` (delta method, the two means taken as
        independent) and ``share_ci_low``, ``share_ci_high``, ``n_nodes``
        and ``n_replicates``; the strategy ``"lion - organic"`` is the
        difference (no share). ``figure``: a row of panels per other
        condition; columns for M, degree, and M by job status, a group of
        boxes per ``p_job``, a box of the agents' values per strategy (and
        status) with the agents as points and the mean with its 95 %
        interval on top.

    Raises
    ------
    InvalidParameterError
        If ``p_job`` is missing or does not vary, or no node has a strategy.
    """
    check_table(results, "nodes", ["strategy", "active", "degree", "M", "M_se"], "reach_survival")
    nodes = results.nodes
    values = sorted(nodes["p_job"].dropna().unique().tolist()) if "p_job" in nodes else []
    if len(values) < 2:
        raise invalid("p_job", "swept over at least two values for reach_survival", values)
    need_strategies(nodes, "reach_survival")
    network_sweeps, spread_sweeps = sweeps(results, nodes)
    others = [c for c in [*network_sweeps, *spread_sweeps] if c != "p_job"]
    nodes = nodes[nodes["strategy"].notna() & nodes["p_job"].notna()]
    grouped = _by_status(nodes)
    label_cols = [*[c for c in others if c in network_sweeps], "spread"]
    condition_columns = list(dict.fromkeys(["network", *label_cols, "p_job"]))
    table = strategy_estimates(
        grouped, {"M": "M_se", "degree": None}, condition_columns, by=["strategy", "group"]
    )
    strategies = strategy_order(grouped["strategy"])
    difference = difference_label(*strategies[:2]) if len(strategies) >= 2 else None
    table = _with_shares(table, label_cols, values[0], difference)

    rows_values = list(
        dict.fromkeys(map(tuple, table[label_cols].astype(object).to_numpy().tolist()))
    )
    fig = _draw_survival(grouped, table, label_cols, rows_values, values, strategies)
    keys = list(dict.fromkeys([*label_cols, "p_job"]))
    table = table[[*keys, "strategy", "group", "quantity", "mean", "se", "ci_low", "ci_high",
                   "ci_over", "share", "share_se", "share_ci_low", "share_ci_high", "n_nodes",
                   "n_replicates"]]  # fmt: skip
    headline = _headline_row(rows_values, label_cols, nodes)
    return Finding(
        name="reach_survival",
        title="How much reach is left once agents find a job and stop networking?",
        sentence=_survival_sentence(
            table,
            label_cols,
            headline,
            values,
            strategies,
            words=_words(results, nodes, label_cols, headline),
        ),
        table=table.reset_index(drop=True),
        figure=fig,
    )


def _by_status(nodes: pd.DataFrame) -> pd.DataFrame:
    """Return the agents as group "all", and again as "networking" or "job_found" if known."""
    frames = [nodes.assign(group="all")]
    if nodes["active"].notna().all():
        flags = nodes["active"].astype(bool)
        frames += [nodes[flags].assign(group="networking"), nodes[~flags].assign(group="job_found")]
    return pd.concat(frames, ignore_index=True)


def _with_shares(
    table: pd.DataFrame, label_cols: list[str], smallest: float, difference: str | None
) -> pd.DataFrame:
    """Add each mean's share of the whole strategy's mean at the smallest p_job, with its interval.

    The two means are taken as independent (different networks); the
    interval uses the quantile of the mean's own interval (t over
    replicates, normal over runs). The ``difference`` rows get no share.
    """
    base_keys = [*label_cols, "strategy", "quantity"]
    base = table[(table["p_job"] == smallest) & (table["group"] == "all")]
    base = base[[*base_keys, "mean", "se"]].rename(columns={"mean": "base", "se": "base_se"})
    table = table.merge(base, on=base_keys, how="left")
    table["share"] = table["mean"] / table["base"]
    relative = np.hypot(table["se"] / table["mean"], table["base_se"] / table["base"])
    table["share_se"] = np.abs(table["share"]) * relative
    is_base = (table["p_job"] == smallest) & (table["group"] == "all")
    table.loc[is_base, "share_se"] = 0.0
    quantile = [
        ci_quantile(o, n) for o, n in zip(table["ci_over"], table["n_replicates"], strict=True)
    ]
    table["share_ci_low"] = table["share"] - np.asarray(quantile) * table["share_se"]
    table["share_ci_high"] = table["share"] + np.asarray(quantile) * table["share_se"]
    return table.drop(columns=["base", "base_se"])


#: The panels of reach_survival: the quantity, the groups of agents, the title.
_SURVIVAL_PANELS = (
    ("M", ("all",), "spreading efficiency M (nodes)"),
    ("degree", ("all",), "degree k (ties)"),
    ("M", ("networking", "job_found"), "M by job status (nodes)"),
)


def _draw_survival(
    agents: pd.DataFrame,
    table: pd.DataFrame,
    label_cols: list[str],
    rows_values: list[tuple],
    values: list[float],
    strategies: list[Any],
) -> Any:
    """Draw a row of panels per other condition: boxes by p_job, strategy and job status."""
    colours = strategy_colours(strategies)
    n_rows = len(rows_values)
    fig, axes = new_figure(n_rows, 3, figsize=(13.5, 3.2 * n_rows + 1.0), sharex=True)
    estimates = table.set_index(["network", "spread", "strategy", "group", "quantity"])
    boxes = dict(iter(agents.groupby(["network", "spread", "strategy", "group"], sort=False)))
    for r, condition in enumerate(rows_values):
        mask = np.ones(len(table), dtype=bool)
        for column, value in zip(label_cols, condition, strict=True):
            mask &= same(table[column], value)
        tasks = table[mask].drop_duplicates(["network", "spread"])
        for c, (quantity, groups, title) in enumerate(_SURVIVAL_PANELS):
            ax = axes[r, c]
            positions, width = box_positions(len(values), len(groups) * len(strategies))
            drawn = [
                (
                    positions[values.index(task["p_job"]), g * len(strategies) + k],
                    boxes[key][quantity],
                    estimates.loc[(*key, quantity)],
                    colours[strategy],
                    HATCHES[g],
                    " | ".join(map(str, (strategy, group, *key[:2]))),
                )
                for _, task in tasks.iterrows()
                for g, group in enumerate(groups)
                for k, strategy in enumerate(strategies)
                if (key := (task["network"], task["spread"], strategy, group)) in boxes
            ]
            draw_boxes(ax, drawn, width=width)
            if r == 0:
                ax.set_title(title, fontsize="medium")
            if c == 0:
                ax.set_ylabel("\n".join(_labelled(label_cols, condition)))
            if r == n_rows - 1:
                ax.set_xticks(range(len(values)), [value_text(v) for v in values])
                ax.set_xlim(-0.5, len(values) - 0.5)
                ax.set_xlabel(AXIS_LABELS["p_job"])
    named = {strategy_name(s): colours[s] for s in strategies}
    handles = distribution_legend(named, mean_label(table["ci_over"]))
    if (agents["group"] == "job_found").any():
        handles += [
            hatch_patch(HATCHES[g], label)
            for g, label in enumerate(("still networking", "found a job"))
        ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    fig.suptitle("Reach and ties that survive the job search")
    return fig


def _headline_row(rows_values: list[tuple], label_cols: list[str], nodes: pd.DataFrame) -> tuple:
    """Return the condition the sentence describes: the headline spread condition's first row."""
    spread = headline_spread(nodes[nodes["spread"].isin({row[-1] for row in rows_values})])
    index = label_cols.index("spread")
    return next(row for row in rows_values if row[index] == spread)


def _words(
    results: ExperimentResults, nodes: pd.DataFrame, label_cols: list[str], condition: tuple
) -> str:
    """Return the condition's other network sweeps and its spread condition in words."""
    spread_sweeps = sweeps(results, nodes)[1]
    chosen = dict(zip(label_cols, condition, strict=True))
    row = nodes[nodes["spread"] == chosen["spread"]].iloc[0]
    parts = [
        network_words(chosen, [c for c in label_cols if c != "spread" and varies(nodes, c)]),
        spread_words(row, [c for c in spread_sweeps if varies(nodes, c)]),
    ]
    parts[0] = f"with {parts[0]}" if parts[0] else ""
    return ", ".join(p for p in parts if p)


def _survival_sentence(
    table: pd.DataFrame,
    label_cols: list[str],
    condition: tuple,
    values: list[float],
    strategies: list[Any],
    *,
    words: str,
) -> str:
    """Give each strategy's surviving shares, the LION - organic difference, and M by status."""
    mask = np.ones(len(table), dtype=bool)
    for column, value in zip(label_cols, condition, strict=True):
        mask &= same(table[column], value)
    part = table[mask & (table["p_job"] == values[-1])]

    def row(strategy: Any, group: str, quantity: str) -> pd.Series | None:
        found = part[
            (part["strategy"] == strategy)
            & (part["group"] == group)
            & (part["quantity"] == quantity)
        ]
        return None if found.empty else found.iloc[0]

    parts = []
    for strategy in strategies:
        m, k = row(strategy, "all", "M"), row(strategy, "all", "degree")
        if m is None or k is None:
            continue
        if parts:
            parts.append(f"{strategy_name(strategy)} {_share(m)} and {_share(k)}")
        else:
            parts.append(
                f"{strategy_name(strategy)} keep {_share(m)} of their reach M and "
                f"{_share(k)} of their ties"
            )
    where = f"At p_job = {value_text(values[-1])} a round"
    if words:
        where += f", {words}"
    sentence = f"{where}, compared with p_job = {value_text(values[0])}, " + "; ".join(parts) + "."
    basis = row(strategies[0], "all", "M")
    if len(strategies) >= 2:
        names = strategy_name(strategies[0]), strategy_name(strategies[1])
        difference = row(difference_label(*strategies[:2]), "all", "M")
        if difference is not None:
            text = compare_words(
                difference, more=f"{names[0]} reach further than {names[1]}",
                less=f"{names[0]} reach less far than {names[1]}", what="reach M",
                between=f"{names[0]} and {names[1]}", unit=" nodes",
            )  # fmt: skip
            sentence += f" {text[0].upper()}{text[1:]}."
            basis = difference
    status = []
    for strategy in strategies:
        found, still = row(strategy, "job_found", "M"), row(strategy, "networking", "M")
        if found is None or still is None:
            continue
        status.append(
            f"{strategy_name(strategy)} who found a job reach M = {ci_text(found)} and those "
            f"still networking {ci_text(still)}"
            if not status
            else f"{strategy_name(strategy)} {ci_text(found)} and {ci_text(still)}"
        )
    if status:
        text = "; ".join(status)
        sentence += f" {text[0].upper()}{text[1:]}."
    if basis is not None:
        text = interval_basis(int(basis["n_replicates"]), str(basis["ci_over"]))
        sentence += f" ({text[0].upper()}{text[1:]}.)"
    return sentence


def _share(row: pd.Series) -> str:
    """Return a surviving share with its interval: ``86 % (95 % CI 80 to 92 %)``."""
    low, high = 100 * float(row["share_ci_low"]), 100 * float(row["share_ci_high"])
    return f"{100 * float(row['share']):.0f} % (95 % CI {low:.0f} to {high:.0f} %)"


#: The analyses of this module, by the name a config's ``[report] figures`` uses.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "reach_survival": reach_survival,
}
