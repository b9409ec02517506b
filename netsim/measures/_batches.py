r"""Batches of runs: bootstrap draws of the spreading efficiency from its batch means.

:func:`netsim.spreading_efficiency` with ``batches=B`` returns, besides ``M``,
the mean of every batch of runs (columns ``M_batch_0``, ...). Runs are
independent, so the batch means are ``B`` independent estimates of the whole
vector ``M``; within a batch the nodes' outbreaks are correlated (they share
percolation samples). A bootstrap that resamples whole batches with
replacement keeps that correlation: every draw is a vector

.. math:: M^*_i = \frac{\sum_j c_j w_j \bar M_{ij}}{\sum_j c_j w_j},

with :math:`c_j` the times batch :math:`j` is drawn (a multinomial count
summing to :math:`B`) and :math:`w_j` its number of runs. The spread of such a
mean of :math:`B` resampled values is :math:`\sqrt{(B-1)/B}` times the
standard error of the mean, so every draw is stretched about the estimate,
:math:`\hat M + \sqrt{B/(B-1)}\,(M^* - \hat M)`, which makes the draws'
variance the usual :math:`s^2/B` of a mean of :math:`B` independent values
(:math:`s^2` their sample variance). The scores built on
these draws (rank intervals, imprecision bands, paired differences) live
with the functions that report them; this module only reads the batches and
draws.
"""

import numbers
from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .._validation import Described, check_int, invalid
from ..spread._efficiency import BATCH_PREFIX, batch_bounds

__all__ = [
    "Batches",
    "batch_columns",
    "batches_of",
    "check_level",
    "check_n_boot",
    "draw_counts",
    "rank_interval",
    "resampled",
]

#: At most this many bytes of bootstrap draws held at once.
_DRAW_BYTES = 64 * 2**20


class Batches(NamedTuple):
    """The batch means of a table: ``means`` of shape (B, n_nodes) and each batch's weight."""

    means: np.ndarray
    weights: np.ndarray
    index: pd.Index

    @property
    def n_batches(self) -> int:
        """Return the number of batches B."""
        return int(self.means.shape[0])


def batch_columns(frame: pd.DataFrame) -> list[str]:
    """Return the batch columns ``M_batch_0``, ... of a table, in batch order (maybe none)."""
    found = [c for c in frame.columns if isinstance(c, str) and c.startswith(BATCH_PREFIX)]

    def number(column: str) -> int:
        suffix = column[len(BATCH_PREFIX) :]
        return int(suffix) if suffix.isdigit() else -1

    return sorted(found, key=number)


def batches_of(frame: Any, name: str) -> Batches:
    """Return the batch means of a table from ``spreading_efficiency`` or ``rank_spreaders``.

    The weights are the batches' numbers of runs when the table has a constant
    ``n_runs`` column (as both functions return), else equal.
    """
    if not isinstance(frame, pd.DataFrame):
        message = f"{name} must be a pandas.DataFrame indexed by node; got {type(frame).__name__}."
        raise TypeError(message)
    columns = batch_columns(frame)
    expected = [f"{BATCH_PREFIX}{j}" for j in range(len(columns))]
    hint = (
        "Ask spreading_efficiency or rank_spreaders for batches of runs, e.g. batches=10 "
        "(rank_spreaders does by default)."
    )
    if len(columns) < 2 or columns != expected:
        shown = Described(f"columns {list(frame.columns)!r}")
        constraint = "a table with batch columns 'M_batch_0', 'M_batch_1', ... (at least two)"
        raise invalid(name, constraint, shown, hint)
    if not frame.index.is_unique:
        raise invalid(f"the index of {name}", "unique node labels", frame.index[0])
    means = frame[columns].to_numpy(dtype=np.float64, na_value=np.nan).T
    if means.size and not np.isfinite(means).all():
        raise invalid(name, "finite batch means at every node", Described("NaN or inf"))
    weights = np.ones(len(columns), dtype=np.float64)
    if "n_runs" in frame.columns and len(frame):
        runs = frame["n_runs"].to_numpy()
        if np.all(runs == runs[0]) and int(runs[0]) >= len(columns):
            weights = np.diff(batch_bounds(int(runs[0]), len(columns))).astype(np.float64)
    return Batches(np.ascontiguousarray(means), weights, frame.index)


def check_level(level: Any) -> float:
    """Return a confidence level in (0, 1)."""
    if isinstance(level, bool) or not isinstance(level, numbers.Real):
        message = f"level must be a float in (0, 1); got {type(level).__name__}."
        raise TypeError(message)
    value = float(level)
    if not 0.0 < value < 1.0:  # NaN fails too
        raise invalid("level", "a float in (0, 1)", value)
    return value


def check_n_boot(n_boot: Any) -> int:
    """Return a number of bootstrap draws, >= 1."""
    return check_int("n_boot", n_boot, minimum=1)


def draw_counts(rng: np.random.Generator, n_boot: int, n_batches: int) -> np.ndarray:
    """Return how often each batch is drawn in each of ``n_boot`` resamples with replacement.

    Draw ``b`` takes ``n_batches`` uniform batch indices, ``rng.integers(0,
    n_batches, size=(n_boot, n_batches))`` row ``b``; the counts are of shape
    ``(n_boot, n_batches)``, each row summing to ``n_batches``.
    """
    picks = rng.integers(0, n_batches, size=(n_boot, n_batches))
    offsets = np.arange(n_boot, dtype=np.int64)[:, None] * n_batches
    counts = np.bincount((picks + offsets).ravel(), minlength=n_boot * n_batches)
    return counts.reshape(n_boot, n_batches)


def resampled(batches: Batches, counts: np.ndarray) -> Iterator[np.ndarray]:
    r"""Yield the bootstrap draws of ``M``, a block of rows (draws) at a time.

    Each block has shape ``(rows, n_nodes)``; the blocks follow ``counts``'
    rows in order and hold at most about 64 MiB. Draws are stretched about
    the estimate by :math:`\sqrt{B/(B-1)}` (module docstring).
    """
    n_batches, n_nodes = batches.means.shape
    rows = max(1, _DRAW_BYTES // (8 * max(1, n_nodes)))
    weighted = counts * batches.weights[None, :]
    centre = (batches.weights @ batches.means) / batches.weights.sum()
    stretch = np.sqrt(n_batches / (n_batches - 1.0))
    for start in range(0, counts.shape[0], rows):
        block = weighted[start : start + rows]
        draws = (block @ batches.means) / block.sum(axis=1)[:, None]
        yield centre + stretch * (draws - centre)


def rank_interval(
    batches: Batches, counts: np.ndarray, level: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return each node's percentile interval of its rank by ``M`` over the bootstrap draws.

    Ranks as in ``rank_spreaders``: 1 for the highest ``M``, ties at their
    average rank. The low end is the draws' ``(1 - level) / 2`` quantile
    rounded down to a rank drawn, the high end the ``(1 + level) / 2``
    quantile rounded up. Nodes are taken in blocks so that the ranks held
    stay within about 64 MiB (float32), the draws being recomputed per block.
    """
    n_boot = counts.shape[0]
    n_nodes = batches.means.shape[1]
    alpha = 1.0 - level
    low = np.empty(n_nodes, dtype=np.float64)
    high = np.empty(n_nodes, dtype=np.float64)
    width = max(1, _DRAW_BYTES // (4 * n_boot))
    for start in range(0, n_nodes, width):
        stop = min(n_nodes, start + width)
        ranks = np.empty((n_boot, stop - start), dtype=np.float32)
        row = 0
        for block in resampled(batches, counts):
            ordered = np.sort(block, axis=1)
            for values, sorted_values in zip(block, ordered, strict=True):
                mine = values[start:stop]
                right = np.searchsorted(sorted_values, mine, side="right")
                left = np.searchsorted(sorted_values, mine, side="left")
                # strictly higher values, then the average of the tied positions
                ranks[row] = (n_nodes - right) + (right - left + 1) / 2.0
                row += 1
        low[start:stop] = np.quantile(ranks, alpha / 2, axis=0, method="lower")
        high[start:stop] = np.quantile(ranks, 1 - alpha / 2, axis=0, method="higher")
    return low, high
