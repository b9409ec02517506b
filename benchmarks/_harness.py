"""Timing, sizes and the report shared by every benchmark area."""

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

SIZES = ("quick", "default", "large")


@dataclass(frozen=True)
class Row:
    """One timed task: netsim against a peer on the same input."""

    task: str
    size: str
    netsim_s: float
    peer: str
    peer_s: float
    same_result: str

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


def environment() -> str:
    names = ("netsim", "numpy", "numba", "networkx", "scipy", "pandas")
    versions = []
    for name in names:
        try:
            versions.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} -")
    threads = os.environ.get("NUMBA_NUM_THREADS", str(os.cpu_count()))
    return (
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"NUMBA_NUM_THREADS={threads}; " + ", ".join(versions)
    )


def report(rows: list[Row]) -> str:
    header = (
        f"{'task':<36} {'size':>8} {'netsim s':>10} {'peer':<26} {'peer s':>10} {'ratio':>8}  same"
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        lines.append(
            f"{row.task:<36} {row.size:>8} {row.netsim_s:>10.3f} {row.peer:<26} "
            f"{row.peer_s:>10.3f} {row.ratio:>7.1f}x  {row.same_result}"
        )
    return "\n".join(lines)
