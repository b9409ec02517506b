"""The tables an analysis reads: checks, conditions, and means with their standard errors.

Every analysis of the report reads the tables of an
:class:`~netsim.experiments.ExperimentResults`; this module checks that a
table has the columns an analysis reads, picks conditions and sweeps out of
it, and holds the one rule for a standard error across replicates
(:func:`replicate_se`).

Examples
--------
>>> from netsim.report._tables import mean_se, replicate_se
>>> mean_se([1.0, 2.0, 3.0])
(2.0, 0.5773502691896258)
>>> replicate_se([3.0, 4.0], [0.3, 0.4], same_graph=True)
(0.25, 'runs')
"""

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .._validation import Described, invalid
from ..experiments import ExperimentResults
from ..experiments._kinds import KINDS, same_graph_kinds

__all__ = [
    "CONDITION",
    "TASK",
    "check_table",
    "labels",
    "mean_se",
    "missing",
    "need_strategies",
    "pooled_se",
    "replicate_se",
    "same",
    "same_graph",
    "sem",
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
