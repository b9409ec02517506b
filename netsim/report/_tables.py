"""The tables an analysis reads: checks, conditions, and means with their standard errors.

Every analysis of the report reads the tables of an
:class:`~netsim.experiments.ExperimentResults`; this module checks that a
table has the columns an analysis reads, picks conditions and sweeps out of
it, and holds the one rule for a standard error across replicates
(:func:`replicate_se`) and the confidence interval built on it
(:func:`replicate_ci`), which the strategy tables use for each strategy's
mean and for the difference between two strategies
(:func:`strategy_estimates`).

Examples
--------
>>> from netsim.report._tables import mean_se, replicate_ci, replicate_se
>>> mean_se([1.0, 2.0, 3.0])
(2.0, 0.5773502691896258)
>>> replicate_se([3.0, 4.0], [0.3, 0.4], same_graph=True)
(0.25, 'runs')
>>> ci = replicate_ci([3.0, 4.0, 5.0], [0.1, 0.1, 0.1], same_graph=False)
>>> ci["mean"], round(ci["ci_low"], 3), round(ci["ci_high"], 3), ci["ci_over"]
(4.0, 1.516, 6.484, 'replicates')
"""

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from .._validation import Described, invalid
from ..experiments import ExperimentResults
from ..experiments._kinds import KINDS, same_graph_kinds
from ._layout import strategy_order

__all__ = [
    "CONDITION",
    "CONFIDENCE",
    "TASK",
    "check_table",
    "ci_quantile",
    "difference_label",
    "labels",
    "mean_se",
    "missing",
    "need_strategies",
    "pooled_se",
    "replicate_ci",
    "replicate_se",
    "runs_se",
    "same",
    "same_graph",
    "sem",
    "strategy_estimates",
    "sweeps",
    "varies",
]

TASK = ["network", "replicate", "spread"]
#: The condition columns every table of the results starts with (and an analysis reads).
CONDITION = ("network", "kind", "replicate", "spread")


#: Network kinds that read the same graph in every replicate.
def check_table(
    results: Any, attribute: str, columns: Iterable[str], analysis: str
) -> pd.DataFrame:
    """Return ``results.<attribute>``, checked to be a non-empty table with the columns read.

    The condition columns (:data:`CONDITION`) are always read.
    """
    if not isinstance(results, ExperimentResults):
        message = f"results must be an ExperimentResults; got {type(results).__name__}."
        raise TypeError(message)
    frame = getattr(results, attribute, None)
    if not isinstance(frame, pd.DataFrame):
        message = f"results.{attribute} must be a pandas.DataFrame; got {type(frame).__name__}."
        raise TypeError(message)
    needed = list(dict.fromkeys([*CONDITION, *columns]))
    absent = [column for column in needed if column not in frame.columns]
    if absent:
        shown = f"no column {absent[0]!r}" if len(absent) == 1 else f"no columns {absent!r}"
        constraint = f"a table with the columns {needed!r} ({analysis} reads them)"
        raise invalid(f"results.{attribute}", constraint, Described(shown))
    if frame.empty:
        constraint = f"a table with at least one row ({analysis} reads it)"
        raise invalid(f"results.{attribute}", constraint, Described("an empty table"))
    return frame


def _strategy_kinds() -> str:
    """Return the kinds whose agents have strategies, in words: "game, lion or organic"."""
    names = [name for name, kind in KINDS.items() if kind.has_strategies]
    return " or ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def need_strategies(nodes: pd.DataFrame, analysis: str) -> None:
    """Raise unless some node has a strategy (a network of the game or its baselines)."""
    if nodes["strategy"].notna().any():
        return
    kinds = sorted({str(k) for k in nodes["kind"].dropna()}) if "kind" in nodes else []
    shown = Described(f"only networks without strategies (kinds {kinds!r})")
    hint = (
        f"{analysis} needs networks with strategies (kinds {_strategy_kinds()}) "
        "to compare LIONs with organic networkers."
    )
    raise invalid("results", "an experiment whose nodes have strategies", shown, hint)


def labels(frame: pd.DataFrame, column: str) -> list[Any]:
    """Return the distinct values of a column, in the order they first appear."""
    return list(pd.unique(frame[column]))


def same_graph(frame: pd.DataFrame) -> bool:
    """Return whether the rows come from networks that are the same graph in every replicate."""
    return bool(frame["kind"].isin(same_graph_kinds()).all())


def varies(frame: pd.DataFrame, column: str) -> bool:
    """Return whether ``frame`` has ``column`` and it takes more than one value."""
    return column in frame.columns and frame[column].nunique(dropna=False) > 1


def sweeps(results: ExperimentResults, frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return the swept network and spread columns present in ``frame``.

    The model counts as a spread sweep when it varies even if the results do
    not list it (a config with several ``[[spread]]`` tables).
    """
    network = [c for c in results.network_columns if c in frame.columns]
    spread = [c for c in results.spread_columns if c in frame.columns]
    if "model" not in spread and varies(frame, "model"):
        spread.insert(0, "model")
    return network, spread


def missing(value: Any) -> bool:
    """Return whether ``value`` is a parameter a condition lacks (None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def same(column: pd.Series, value: Any) -> np.ndarray:
    """Return where ``column`` equals ``value``, a missing value matching NaN and None."""
    if missing(value):
        return column.isna().to_numpy()
    return (column == value).to_numpy()


def mean_se(values: Iterable[Any]) -> tuple[float, float]:
    """Return the mean of the finite values and its standard error (NaN for fewer than two)."""
    array = np.asarray(list(values), dtype=np.float64)
    array = array[np.isfinite(array)]
    if array.size == 0:
        return math.nan, math.nan
    if array.size == 1:
        return float(array[0]), math.nan
    return float(array.mean()), float(array.std(ddof=1) / math.sqrt(array.size))


def sem(values: Iterable[Any]) -> float:
    """Return the standard error of the mean of the finite values; NaN for fewer than two."""
    return mean_se(values)[1]


def pooled_se(se: Any, axis: int | None = None) -> Any:
    """Return the standard error of a mean of ``R`` replicates of one graph: ``sqrt(sum se^2) / R``.

    The replicates of a data set run on the same graph, so only the runs
    differ and their errors pool. ``se`` is an array of the replicates'
    errors (a table's columns with ``axis=1``).
    """
    if isinstance(se, pd.DataFrame):
        return np.sqrt((se**2).sum(axis=axis)) / se.shape[1 if axis == 1 else 0]
    values = np.asarray(se, dtype=np.float64)
    return float(np.sqrt((values**2).sum())) / values.size


def replicate_se(
    values: Iterable[Any], errors: Iterable[Any], *, same_graph: bool
) -> tuple[float, str]:
    """Return the standard error of the mean of replicates' ``values``, and what it is over.

    The one rule of the report: one replicate keeps its runs' error
    (``"runs"``); replicates of the same graph (a data set) pool their runs'
    errors, :func:`pooled_se` (``"runs"``); replicates that are different
    graphs give the error of the mean over replicates, :func:`sem`
    (``"replicates"``), which counts how much the graphs differ.
    """
    values = np.asarray(list(values), dtype=np.float64)
    errors = np.asarray(list(errors), dtype=np.float64)
    if values.size == 1:
        return float(errors[0]), "runs"
    if same_graph:
        return pooled_se(errors), "runs"
    return sem(values), "replicates"


#: The confidence level of every interval the report gives.
CONFIDENCE = 0.95


def runs_se(errors: Iterable[Any]) -> float:
    """Return the Monte Carlo standard error of a mean of agents' values: the mean of their errors.

    One percolation sample gives every agent's outbreak at once, so the
    agents' errors can move together; the mean of the errors bounds the
    error of their mean whatever that correlation (it is reached when they
    move in step), where ``sqrt(sum se^2) / n`` would hold only for
    independent runs. NaN when an error is unknown (one run).

    Examples
    --------
    >>> round(runs_se([0.2, 0.4]), 12)
    0.3
    """
    array = np.asarray(list(errors), dtype=np.float64)
    return float(array.mean()) if array.size else math.nan


def ci_quantile(over: str, n_replicates: int) -> float:
    """Return the quantile of a 95 % interval: Student's t over replicates, else normal.

    Examples
    --------
    >>> round(ci_quantile("replicates", 2), 2), round(ci_quantile("runs", 1), 2)
    (12.71, 1.96)
    """
    tail = 0.5 + CONFIDENCE / 2
    if over == "replicates":
        return float(stats.t.ppf(tail, n_replicates - 1))
    return float(stats.norm.ppf(tail))


def replicate_ci(
    values: Iterable[Any], errors: Iterable[Any], *, same_graph: bool
) -> dict[str, Any]:
    """Return the mean of replicates' ``values`` with its standard error and 95 % interval.

    The error is :func:`replicate_se`'s. Over replicates that are different
    graphs it is the spread of the replicate means, which holds both the
    variation from network to network and the Monte Carlo error of each
    mean, and the interval is Student's t with ``R - 1`` degrees of freedom.
    Over runs (one replicate, or a data set's replicates of one graph) it is
    the Monte Carlo error alone, and the interval is normal.

    Returns
    -------
    dict
        ``mean``, ``se``, ``ci_low``, ``ci_high``, ``ci_over`` ("replicates"
        or "runs") and ``n_replicates``.
    """
    values = np.asarray(list(values), dtype=np.float64)
    se, over = replicate_se(values, errors, same_graph=same_graph)
    mean = float(values.mean())
    half = ci_quantile(over, values.size) * se
    return {
        "mean": mean,
        "se": se,
        "ci_low": mean - half,
        "ci_high": mean + half,
        "ci_over": over,
        "n_replicates": int(values.size),
    }


def difference_label(first: Any, second: Any) -> str:
    """Return the ``strategy`` of a difference row: ``"lion - organic"``."""
    return f"{first} - {second}"


def _task_means(
    nodes: pd.DataFrame, quantities: dict[str, str | None], by: list[str]
) -> pd.DataFrame:
    """Per task and ``by`` group: each quantity's mean over agents and its Monte Carlo error."""
    keys = [*TASK, "kind", *by]
    grouped = nodes.groupby(keys, sort=False, dropna=False)
    parts = []
    for quantity, error in quantities.items():
        frame = grouped[quantity].agg(value="mean", n_nodes="count")
        frame["runs_se"] = grouped[error].agg(runs_se) if error else 0.0
        parts.append(frame.reset_index().assign(quantity=quantity))
    per_task = pd.concat(parts, ignore_index=True)
    return per_task[per_task["n_nodes"] > 0]


def _differences(per_task: pd.DataFrame, by: list[str], first: Any, second: Any) -> pd.DataFrame:
    """Per task: ``first`` minus ``second``, their Monte Carlo errors added in quadrature.

    Both strategies live on the same network, so the difference is paired by
    replicate; where one percolation sample serves both, their errors move
    together and the quadrature sum overstates the difference's error.
    """
    keys = [*TASK, "kind", *[b for b in by if b != "strategy"], "quantity"]
    pair = [per_task[per_task["strategy"] == s].set_index(keys) for s in (first, second)]
    joined = pair[0].merge(pair[1], left_index=True, right_index=True, suffixes=("_1", "_2"))
    return pd.DataFrame(
        {
            "strategy": difference_label(first, second),
            "value": joined["value_1"] - joined["value_2"],
            "runs_se": np.hypot(joined["runs_se_1"], joined["runs_se_2"]),
            "n_nodes": joined["n_nodes_1"] + joined["n_nodes_2"],
        }
    ).reset_index()


def strategy_estimates(
    nodes: pd.DataFrame,
    quantities: dict[str, str | None],
    keys: Sequence[str],
    *,
    by: Sequence[str] = ("strategy",),
) -> pd.DataFrame:
    """Return the mean of each quantity per condition and strategy, and the first two's difference.

    Per task (network, replicate, spread) and ``by`` group, the quantity is
    averaged over the agents, with the Monte Carlo error :func:`runs_se` of
    that mean; the replicates then give the mean and its 95 % interval,
    :func:`replicate_ci`. The difference rows (``strategy`` is
    :func:`difference_label` of the first two strategies, LIONs minus
    organic networkers) are formed per replicate, paired on the same
    network, and take the same rule.

    Parameters
    ----------
    nodes : pandas.DataFrame
        Node rows with the task columns, ``kind``, the ``by`` columns and
        the quantities.
    quantities : dict
        Column of each quantity -> the column of its agents' Monte Carlo
        errors, or None for an exact quantity (degree, core number).
    keys : sequence of str
        The condition columns the estimates are per (a task's ``network``
        and ``spread`` among them); ``replicate`` is averaged over.
    by : sequence of str, default=("strategy",)
        The groups of agents compared; the first is ``strategy``.

    Returns
    -------
    pandas.DataFrame
        One row per condition, group and ``quantity``: ``mean``, ``se``,
        ``ci_low``, ``ci_high``, ``ci_over`` ("replicates" or "runs"),
        ``n_replicates`` and ``n_nodes`` (agents per replicate, on average).

    Examples
    --------
    >>> nodes = pd.DataFrame({
    ...     "network": "g", "kind": "game", "spread": "sir", "replicate": [0, 0, 1, 1],
    ...     "strategy": ["lion", "organic"] * 2, "M": [10.0, 4.0, 12.0, 5.0],
    ...     "M_se": 0.5,
    ... })
    >>> table = strategy_estimates(nodes, {"M": "M_se"}, ["network", "spread"])
    >>> table[["strategy", "mean", "ci_over", "n_replicates"]]
             strategy  mean     ci_over  n_replicates
    0            lion  11.0  replicates             2
    1         organic   4.5  replicates             2
    2  lion - organic   6.5  replicates             2
    """
    by = list(by)
    per_task = _task_means(nodes, quantities, by)
    strategies = strategy_order(per_task["strategy"])
    if len(strategies) >= 2:
        differences = _differences(per_task, by, *strategies[:2])
        per_task = pd.concat([per_task, differences], ignore_index=True)
    conditions = nodes[list(keys)].drop_duplicates(["network", "spread"])
    rows = []
    for key, group in per_task.groupby(["network", "spread", *by, "quantity"], sort=False):
        estimate = replicate_ci(group["value"], group["runs_se"], same_graph=same_graph(group))
        named = dict(zip(["network", "spread", *by, "quantity"], key, strict=True))
        rows.append({**named, **estimate, "n_nodes": float(group["n_nodes"].mean())})
    return conditions.merge(pd.DataFrame(rows), on=["network", "spread"], how="right")
