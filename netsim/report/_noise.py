"""The Monte Carlo noise of imprecision in a report: intervals and paired differences.

Each task of an experiment keeps the means of 10 batches of runs
(``M_batch_0``, ...). :func:`task_scores` scores every measure on a task and
draws its imprecision again from resampled batches (the same draws for every
measure, so that differences are paired); :func:`interval` and
:func:`pair_interval` combine the replicates by the report's one rule
(:func:`~netsim.report._tables.replicate_ci`); :func:`beyond` and
:func:`noise_group` say which differences exceed the noise.

Examples
--------
>>> from netsim.report._noise import beyond
>>> beyond({("a", "b"): (0.01, 0.05)}, "a", "b"), beyond({("a", "b"): (-0.01, 0.05)}, "a", "b")
(True, False)
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import measures as _measures
from .._seeding import Purpose, child, seed_sequence
from ..experiments._tasks import stable_hash
from ..measures._batches import Batches, batch_columns, batches_of, draw_counts, resampled
from ..measures._rank import _score as _oriented
from ..measures._scores import _batched_scores, _Scorer
from ._tables import replicate_ci, same_graph, sem
from ._words import fmt, join, measure_name

__all__ = [
    "FRACTIONS",
    "N_BOOT",
    "beyond",
    "condition_replicates",
    "group_words",
    "imprecision_scores",
    "interval",
    "noise_group",
    "pair_interval",
    "task_scores",
    "task_taus",
]

#: The top fractions of the imprecision analysis.
FRACTIONS = (0.01, 0.02, 0.05, 0.1, 0.2)
#: Bootstrap draws over the batches of runs of each task.
N_BOOT = 200
#: Bootstrap draws of Kendall's tau per task (each costs a sort of every node).
N_BOOT_TAU = 100


def _scored_measures(task: pd.DataFrame, names: list[str]) -> dict[str, pd.Series]:
    """Return each measure finite on every node of ``task``, oriented so that higher is better."""
    scores = {}
    for name in names:
        values = pd.to_numeric(task[name], errors="coerce").astype(np.float64)
        if np.isfinite(values.to_numpy()).all():
            scores[name] = _oriented(name, values)
    return scores


def _task_batches(task: pd.DataFrame) -> Batches | None:
    """Return the task's batches of runs, or None when it kept fewer than two finite ones."""
    columns = batch_columns(task)
    if len(columns) < 2 or not np.isfinite(task[columns].to_numpy(dtype=np.float64)).all():
        return None
    return batches_of(task, "results.nodes")


def task_scores(
    task: pd.DataFrame, names: list[str], seed: np.random.SeedSequence
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Return each measure's eps at every fraction, and its bootstrap draws over batches.

    ``task`` is indexed by node. A measure that is not finite on every node
    is left out; the draws (shape ``(n_boot, len(FRACTIONS))``, the same
    resampled batches for every measure) are missing when the task kept no
    batches of runs (fewer than 20 runs, or results from before batches).
    """
    efficiency = task["M"].astype(np.float64)
    fractions = list(FRACTIONS)
    scores = _scored_measures(task, names)
    points = {
        name: _measures.imprecision(score, efficiency, fractions).to_numpy()
        for name, score in scores.items()
    }
    batches = _task_batches(task)
    if not points or batches is None:
        return points, {}
    scorers = [
        _Scorer(score.to_numpy(dtype=np.float64), fractions, "expected")
        for score in scores.values()
    ]
    draws, _ = _batched_scores(scorers, batches, N_BOOT, seed)
    return points, dict(zip(points, draws, strict=True))


def task_taus(
    task: pd.DataFrame, names: list[str], seed: np.random.SeedSequence
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Return each measure's Kendall tau-b with M, and its bootstrap draws over batches.

    As :func:`task_scores`, with arrays of shape (1,) and draws of shape
    ``(N_BOOT_TAU, 1)``: every measure is scored against the same redrawn
    M, so differences between measures are paired.
    """
    efficiency = task["M"].astype(np.float64)
    scores = _scored_measures(task, names)
    points = {
        name: np.array([_measures.kendall_tau(score, efficiency)]) for name, score in scores.items()
    }
    batches = _task_batches(task)
    if not points or batches is None:
        return points, {}
    counts = draw_counts(np.random.default_rng(seed), N_BOOT_TAU, batches.n_batches)
    draws = {name: np.empty((N_BOOT_TAU, 1)) for name in points}
    row = 0
    for block in resampled(batches, counts):
        for values in block:
            redrawn = pd.Series(values, index=efficiency.index)
            for name, score in scores.items():
                draws[name][row, 0] = _measures.kendall_tau(score, redrawn)
            row += 1
    return points, draws


def interval(
    values: list[np.ndarray], draws: list[np.ndarray | None], same: bool
) -> tuple[np.ndarray, np.ndarray, str]:
    """Return the 95 % interval of the mean over replicates, per fraction, and what it is over.

    ``values`` are the replicates' values (each of shape (P,)), ``draws`` their
    bootstrap draws or None; each replicate's Monte Carlo error is the
    standard deviation of its draws. :func:`replicate_ci` combines them.
    """
    points = np.stack(values)
    errors = np.stack(
        [np.full(points.shape[1], np.nan) if d is None else d.std(axis=0, ddof=1) for d in draws]
    )
    low, high, over = [], [], "runs"
    for k in range(points.shape[1]):
        ci = replicate_ci(points[:, k], errors[:, k], same_graph=same)
        low.append(ci["ci_low"])
        high.append(ci["ci_high"])
        over = ci["ci_over"]
    return np.array(low), np.array(high), over


def pair_interval(
    replicates: list[tuple[dict[str, np.ndarray], dict[str, np.ndarray]]],
    a: str,
    b: str,
    same: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the 95 % interval of eps_a - eps_b per fraction, paired within each replicate."""
    both = [(points, draws) for points, draws in replicates if a in points and b in points]
    if not both:
        nan = np.full(len(FRACTIONS), np.nan)
        return nan, nan
    values = [points[a] - points[b] for points, _ in both]
    draws = [draws[a] - draws[b] if a in draws and b in draws else None for _, draws in both]
    low, high, _ = interval(values, draws, same)
    return low, high


def beyond(pairs: dict[tuple[str, str], tuple[float, float]], a: str, b: str) -> bool:
    """Return whether the interval of eps_a - eps_b excludes 0 (False where it is unknown)."""
    low, high = pairs.get((a, b), (np.nan, np.nan))
    return bool(low > 0 or high < 0)


def noise_group(scored: pd.Series, pairs: dict, anchor: str) -> list[str]:
    """Return ``anchor`` and the measures within the noise of it, by imprecision."""
    near = [m for m in scored.index if m == anchor or not beyond(pairs, m, anchor)]
    return sorted(near, key=lambda m: scored[m])


def group_words(group: list[str], scored: pd.Series) -> str:
    """Return ``"degree (ε = 0.10)"`` or ``"degree (0.10) and H-index (0.12)"``."""
    if len(group) == 1:
        return f"{measure_name(group[0])} (ε = {fmt(scored[group[0]])})"
    return join([f"{measure_name(m)} ({fmt(scored[m])})" for m in group])


#: Paired intervals of eps_a - eps_b per fraction, by (network, spread) and then by (a, b).
Pairs = dict[tuple[object, object], dict[tuple[str, str], tuple[np.ndarray, np.ndarray]]]


Scorer = Callable[
    [pd.DataFrame, list[str], np.random.SeedSequence],
    tuple[dict[str, np.ndarray], dict[str, np.ndarray]],
]


def condition_replicates(
    frame: pd.DataFrame, names: list[str], scorer: Scorer, label: list[Any]
) -> tuple[list[tuple[dict[str, np.ndarray], dict[str, np.ndarray]]], bool, list[str]]:
    """Score every replicate of one condition; return the scores, same-graph, and the measures.

    ``scorer`` is :func:`task_scores` or :func:`task_taus`; each replicate's
    bootstrap draws come from a stream keyed by ``label`` (the condition in
    words) and the replicate, so the report is the same on every run.
    """
    root = seed_sequence(stable_hash([str(part) for part in label]))
    replicates = [
        scorer(task.set_index("node"), names, child(root, int(Purpose.BOOTSTRAP), int(replicate)))
        for replicate, task in frame.groupby("replicate", sort=True)
    ]
    scored = [name for name in names if any(name in points for points, _ in replicates)]
    return replicates, same_graph(frame), scored


def imprecision_scores(nodes: pd.DataFrame, names: list[str]) -> tuple[pd.DataFrame, Pairs]:
    """Return every measure's imprecision with its interval, and the paired intervals.

    The table has one row per (network, spread, measure, p) of
    :data:`FRACTIONS`, with ``imprecision`` (mean over replicates),
    ``imprecision_se``, ``imprecision_low``/``imprecision_high``,
    ``ci_over``, ``vs_best_low``/``vs_best_high`` (the paired interval of
    the difference from the measure of lowest imprecision; 0 for that
    measure) and ``n_replicates``. The pairs map (network, spread) to
    ``{(a, b): (low, high)}``, the 95 % interval of eps_a - eps_b at each
    fraction. The bootstrap draws of a condition come from a stream keyed
    by the condition's labels, so the report is the same on every run.
    """
    rows = []
    conditions: Pairs = {}
    for (network, spread), frame in nodes.groupby(["network", "spread"], sort=False):
        replicates, same, scored = condition_replicates(
            frame, names, task_scores, ["imprecision", network, spread]
        )
        means = {
            name: np.mean([points[name] for points, _ in replicates if name in points], axis=0)
            for name in scored
        }
        best = [min(scored, key=lambda n, k=k: means[n][k]) for k in range(len(FRACTIONS))]
        pairs = {
            (a, b): pair_interval(replicates, a, b, same) for a in scored for b in scored if a != b
        }
        conditions[network, spread] = pairs
        for name in scored:
            mine = [
                (points[name], draws.get(name)) for points, draws in replicates if name in points
            ]
            values = [value for value, _ in mine]
            low, high, over = interval(values, [draw for _, draw in mine], same)
            for k, p in enumerate(FRACTIONS):
                vs_best = (0.0, 0.0) if name == best[k] else (
                    pairs[name, best[k]][0][k], pairs[name, best[k]][1][k]
                )  # fmt: skip
                rows.append(
                    {
                        "network": network,
                        "spread": spread,
                        "measure": name,
                        "p": float(p),
                        "imprecision": float(np.mean([v[k] for v in values])),
                        "imprecision_se": sem([v[k] for v in values]),
                        "imprecision_low": float(np.clip(low[k], 0.0, 1.0)),
                        "imprecision_high": float(np.clip(high[k], 0.0, 1.0)),
                        "ci_over": over,
                        "vs_best_low": float(vs_best[0]),
                        "vs_best_high": float(vs_best[1]),
                        "n_replicates": len(values),
                    }
                )
    return pd.DataFrame(rows), conditions
