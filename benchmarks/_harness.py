"""Timing, sizes, agreement checks and the report shared by every benchmark area."""

import importlib
import math
import os
import platform
import statistics
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from types import ModuleType

import numpy as np

SIZES = ("quick", "default", "large")
NAN = float("nan")
SE_TOLERANCE = 4.0  # statistical agreement: |difference| <= 4 combined standard errors
NOT_INSTALLED = "(not installed)"


@dataclass(frozen=True)
class Row:
    """One timed task: netsim against a peer on the same input.

    ``same_result`` says in words whether the results agree; ``agrees`` is
    the same verdict for machines: True or False when there is something to
    compare, None when there is not (a peer that is not installed, a target
    time, a task with no peer).
    """

    task: str
    size: str
    netsim_s: float
    peer: str
    peer_s: float
    same_result: str
    agrees: bool | None = None

    @property
    def ratio(self) -> float:
        return self.peer_s / self.netsim_s if self.netsim_s > 0 else float("nan")


def timed(function: Callable[[], object], repeats: int) -> tuple[float, float, object]:
    """Return the median and minimum seconds of ``repeats`` calls, and the last result."""
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def optional_import(name: str) -> ModuleType | None:
    """Return the peer module ``name``, or None if it is not installed.

    Import-time deprecation warnings of peers (EoN warns about SciPy) are
    silenced.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            return importlib.import_module(name)
        except ImportError:
            return None


def missing(task: str, size: str, netsim_s: float, peer: str) -> Row:
    """Return the row of a peer that is not installed: kept in the report, never dropped."""
    return Row(task, size, netsim_s, f"{peer} {NOT_INSTALLED}", NAN, "-", None)


def mean_se(values: Sequence[float] | np.ndarray) -> tuple[float, float]:
    """Return the mean of independent values and its standard error (nan for one value)."""
    values = np.asarray(values, dtype=np.float64).ravel()
    se = values.std(ddof=1) / math.sqrt(values.size) if values.size > 1 else NAN
    return float(values.mean()), float(se)


def within_se(a: float, se_a: float, b: float, se_b: float, k: float = SE_TOLERANCE) -> bool:
    """Return True if ``|a - b| <= k`` combined standard errors (``hypot(se_a, se_b)``)."""
    combined = math.hypot(se_a, se_b)
    if not math.isfinite(combined):
        return bool(a == b)
    return bool(abs(a - b) <= k * combined + 1e-12 * max(1.0, abs(a), abs(b)))


def max_abs_diff(values: object, expected: object) -> float:
    """Return the largest absolute difference between two equal-length arrays."""
    a = np.asarray(values, dtype=np.float64)
    b = np.asarray(expected, dtype=np.float64)
    return float(np.max(np.abs(a - b), initial=0.0))


def verdict(agrees: bool | None) -> str:
    """Return "yes", "NO" or "-" for a value of ``Row.agrees``."""
    return "-" if agrees is None else ("yes" if agrees else "NO")


def _cpu() -> str:
    """Return the processor's model name where the system says it, else the architecture."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as lines:
            for line in lines:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def environment() -> str:
    names = (
        "netsim",
        "numpy",
        "numba",
        "networkx",
        "scipy",
        "pandas",
        "EoN",
        "igraph",
        "networkit",
        "ndlib",
        "cynetdiff",
    )
    versions = []
    for name in names:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} -")
    threads = os.environ.get("NUMBA_NUM_THREADS", str(os.cpu_count()))
    return (
        f"python {platform.python_version()} on {platform.machine()} ({_cpu()}), "
        f"{os.cpu_count()} cores, "
        f"NUMBA_NUM_THREADS={threads}; " + ", ".join(versions)
    )


def _number(value: float, spec: str, unit: str = "") -> str:
    """Return ``value`` formatted, or "-" for NaN (a row with no peer time)."""
    return "-" if math.isnan(value) else f"{value:{spec}}{unit}"


def report(rows: list[Row]) -> str:
    header = (
        f"{'task':<36} {'size':>8} {'netsim s':>10} {'peer':<26} {'peer s':>10} {'ratio':>8}  "
        "agrees  same"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.task:<36} {row.size:>8} {row.netsim_s:>10.3f} {row.peer:<26} "
            f"{_number(row.peer_s, '.3f'):>10} {_number(row.ratio, '.1f', 'x'):>8}  "
            f"{verdict(row.agrees):<6}  {row.same_result}"
        )
    return "\n".join(lines)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(
    rows: list[Row], env: str, command: str, date: str, figures: tuple[str, ...] = ()
) -> str:
    """Return the results as Markdown: environment, command, UTC date, one table, figures.

    ``figures`` are image paths relative to the Markdown file, shown after the table.
    """
    lines = [
        "# netsim benchmarks",
        "",
        f"- environment: {env}",
        f"- command: `{command}`",
        f"- date (UTC): {date}",
        "",
        "ratio = peer seconds / netsim seconds (median of repeats); > 1 means netsim is faster.",
        "",
        "| task | size | netsim s | peer | peer s | ratio | same | agrees |",
        "|---|---|---:|---|---:|---:|---|---|",
    ]
    for row in rows:
        cells = (
            row.task,
            row.size,
            f"{row.netsim_s:.4g}",
            row.peer,
            _number(row.peer_s, ".4g"),
            _number(row.ratio, ".2f", "x"),
            row.same_result,
            verdict(row.agrees),
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    for figure in figures:
        lines += ["", f"![{Path(figure).stem}]({figure})"]
    return "\n".join(lines) + "\n"
