"""Report figure on the job search: how much reach survives when agents stop networking.

``reach_survival`` takes an :class:`ExperimentResults` of networking-game
networks with ``p_job`` swept and returns a :class:`Finding`: a table, a
figure and a sentence with the numbers, averaged over replicates with
standard errors, one line per strategy (MODEL.md section 2, step 7).

Examples
--------
>>> from netsim.report._analyses_jobs import ANALYSES
>>> list(ANALYSES)
['reach_survival']
"""

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validation import invalid
from ..experiments import ExperimentResults
from ._finding import Finding
from ._layout import errorbar, legend_line, new_figure, strategy_colours, strategy_order
from ._tables import check_table, mean_se, need_strategies, same, sweeps, varies
from ._words import (
    AXIS_LABELS,
    headline_spread,
    network_words,
    pm,
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
    strategy and each ``p_job``, averaged over replicates: the mean ``M``
    and the mean degree of its agents, and the share surviving: the value
    divided by the same strategy's value at the smallest ``p_job`` (usually
    0) in the same other conditions. The same is given for the agents still
    networking (``active``) and for those who found a job, relative to the
    whole strategy at the smallest ``p_job``.

    Parameters
    ----------
    results : ExperimentResults
        Results of networking-game networks with ``p_job`` swept.

    Returns
    -------
    Finding
        ``table``: one row per (other conditions, ``p_job``, strategy,
        ``group`` in "all", "networking", "job_found", ``quantity`` in "M",
        "degree"), with ``mean``, ``se``, ``se_over`` (replicates when there
        are several, else nodes), ``share`` and ``share_se`` (delta method,
        the two means taken as independent), ``n_nodes`` and
        ``n_replicates``. ``figure``: one row of panels per other condition,
        columns for the share of M, the share of degree, and M by job status,
        against ``p_job``, a colour per strategy.

    Raises
    ------
    InvalidParameterError
        If ``p_job`` is missing or does not vary, or no node has a strategy.
    """
    check_table(results, "nodes", ["strategy", "active", "degree", "M"], "reach_survival")
    nodes = results.nodes
    values = sorted(nodes["p_job"].dropna().unique().tolist()) if "p_job" in nodes else []
    if len(values) < 2:
        raise invalid("p_job", "swept over at least two values for reach_survival", values)
    need_strategies(nodes, "reach_survival")
    network_sweeps, spread_sweeps = sweeps(results, nodes)
    others = [c for c in [*network_sweeps, *spread_sweeps] if c != "p_job"]
    nodes = nodes[nodes["strategy"].notna() & nodes["p_job"].notna()].copy()
    active = nodes["active"]
    has_status = active.notna().all()
    frames = [nodes.assign(group="all")]
    if has_status:
        flags = active.astype(bool)
        frames += [nodes[flags].assign(group="networking"), nodes[~flags].assign(group="job_found")]
    grouped = pd.concat(frames, ignore_index=True)
    label_cols = [*[c for c in others if c in network_sweeps], "spread"]
    keys = [*dict.fromkeys([*label_cols, "p_job"]), "strategy", "group"]

    per_task = (
        grouped.groupby([*keys, "network", "replicate"], sort=False, dropna=False)
        .agg(
            M=("M", "mean"),
            M_sd=("M", "std"),
            degree=("degree", "mean"),
            degree_sd=("degree", "std"),
            n_nodes=("M", "size"),
        )
        .reset_index()
    )
    rows = []
    for key, group in per_task.groupby(keys, sort=False, dropna=False):
        replicates = int(group["replicate"].nunique())
        for quantity in ("M", "degree"):
            if replicates > 1:
                mean, se = mean_se(group[quantity])
                over = "replicates"
            else:
                mean = float(group[quantity].iloc[0])
                n = float(group["n_nodes"].iloc[0])
                se = float(group[f"{quantity}_sd"].iloc[0]) / math.sqrt(n) if n > 1 else math.nan
                over = "nodes"
            rows.append(
                {
                    **dict(zip(keys, key, strict=True)),
                    "quantity": quantity,
                    "mean": mean,
                    "se": se,
                    "se_over": over,
                    "n_nodes": float(group["n_nodes"].mean()),
                    "n_replicates": replicates,
                }
            )
    table = pd.DataFrame(rows)
    base_keys = [k for k in keys if k not in ("p_job", "group")] + ["quantity"]
    smallest = table[(table["p_job"] == values[0]) & (table["group"] == "all")]
    base = smallest[[*base_keys, "mean", "se"]].rename(columns={"mean": "base", "se": "base_se"})
    table = table.merge(base, on=base_keys, how="left")
    table["share"] = table["mean"] / table["base"]
    relative = np.sqrt((table["se"] / table["mean"]) ** 2 + (table["base_se"] / table["base"]) ** 2)
    table["share_se"] = np.abs(table["share"]) * relative
    is_base = (table["p_job"] == values[0]) & (table["group"] == "all")
    table.loc[is_base, "share_se"] = 0.0
    table = table.drop(columns=["base", "base_se"])

    layout_frame = table.drop_duplicates(label_cols)
    rows_values = list(dict.fromkeys(map(tuple, layout_frame[label_cols].to_numpy().tolist())))
    strategies = strategy_order(table["strategy"])
    colours = strategy_colours(strategies)
    n_rows = len(rows_values)
    panels = [("M", "all"), ("degree", "all"), ("M", "status")]
    fig, axes = new_figure(n_rows, 3, figsize=(12.5, 3.0 * n_rows + 0.8), sharex=True)
    titles = [
        "share of M surviving\n(M / M at p_job = " + value_text(values[0]) + ")",
        "share of degree surviving\n(degree / degree at p_job = " + value_text(values[0]) + ")",
        "M by job status, relative to all\nagents at p_job = " + value_text(values[0]),
    ]
    for r, condition in enumerate(rows_values):
        mask = np.ones(len(table), dtype=bool)
        for column, value in zip(label_cols, condition, strict=True):
            mask &= same(table[column], value)
        part = table[mask]
        for c, (quantity, kind) in enumerate(panels):
            ax = axes[r, c]
            groups = ["all"] if kind == "all" else ["networking", "job_found"]
            for strategy in strategies:
                for group in groups:
                    line = part[
                        (part["strategy"] == strategy)
                        & (part["quantity"] == quantity)
                        & (part["group"] == group)
                    ]
                    if line.empty:
                        continue
                    errorbar(
                        ax, line["p_job"].to_numpy(float), line["share"].to_numpy(),
                        line["share_se"].to_numpy(), color=colours[strategy],
                        linestyle="--" if group == "job_found" else "-",
                        marker="s" if group == "job_found" else "o",
                    )  # fmt: skip
            ax.axhline(1.0, color="#999999", lw=0.8, zorder=0)
            if r == 0:
                ax.set_title(titles[c], fontsize="medium")
            if c == 0:
                shown = _labelled(label_cols, condition)
                ax.set_ylabel("\n".join([*shown, "share (1 = all agents at smallest p_job)"]))
            if r == n_rows - 1:
                ax.set_xlabel(AXIS_LABELS["p_job"])
    handles = [legend_line(color=colours[s], lw=2, label=strategy_name(s)) for s in strategies]
    if has_status:
        handles += [
            legend_line(color="#555555", linestyle="-", marker="o", label="still networking"),
            legend_line(color="#555555", linestyle="--", marker="s", label="found a job"),
        ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    fig.suptitle("Reach and ties that survive the job search")
    table = table[[*keys[:-2], "strategy", "group", "quantity", "mean", "se", "se_over",
                   "share", "share_se", "n_nodes", "n_replicates"]]  # fmt: skip
    return Finding(
        name="reach_survival",
        title="How much reach is left once agents find a job and stop networking?",
        sentence=_survival_sentence(
            table,
            label_cols,
            _headline_row(rows_values, label_cols, nodes),
            values,
            strategies,
            words=_words(results, nodes, label_cols, _headline_row(rows_values, label_cols, nodes)),
        ),
        table=table.reset_index(drop=True),
        figure=fig,
    )


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
    status = []
    for strategy in strategies:
        found, still = row(strategy, "job_found", "M"), row(strategy, "networking", "M")
        if found is None or still is None:
            continue
        status.append(
            f"{strategy_name(strategy)} who found a job reach M = {pm(found['mean'], found['se'])}"
            f" against {pm(still['mean'], still['se'])} for those still networking"
            if not status
            else f"{strategy_name(strategy)} {pm(found['mean'], found['se'])} against "
            f"{pm(still['mean'], still['se'])}"
        )
    where = f"At p_job = {value_text(values[-1])} a round"
    if words:
        where += f", {words}"
    sentence = f"{where}, compared with p_job = {value_text(values[0])}, " + "; ".join(parts) + "."
    if status:
        text = "; ".join(status)
        sentence += f" {text[0].upper()}{text[1:]}."
    return sentence


def _share(row: pd.Series) -> str:
    """Return a surviving share as a reader takes it in: ``67 %`` (the table has its error)."""
    return f"{100 * float(row['share']):.0f} %"


#: The analyses of this module, by the name a config's ``[report] figures`` uses.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "reach_survival": reach_survival,
}
