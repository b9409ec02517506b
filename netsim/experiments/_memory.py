"""How much memory an experiment task needs, estimated before anything runs.

A task builds its network, computes the measures, then the spreading
efficiency of every node. :func:`estimate_bytes` adds up conservative upper
bounds of each stage from the network's parameters alone (no network is
built), so that :func:`check_fits` can refuse a config whose tasks cannot fit
in this machine's memory with one clear line, instead of letting the
operating system kill a worker hours into a run.

The per-item costs below were measured on netsim's own data structures
(peak resident memory of real tasks, with numba's kernels compiled
beforehand) and rounded up; ``tests/experiments/test_memory.py`` checks that
every estimate lies between the measured increase and six times it plus
200 MiB.
"""

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

from .._validation import invalid
from ..exceptions import InvalidParameterError
from ..spread._models import SPREADING_MODELS
from ._kinds import KINDS
from ._network_memory import CSR_BYTES_PER_EDGE, CSR_BYTES_PER_NODE
from ._tasks import efficiency_batches

__all__ = ["WORKER_BYTES", "available_bytes", "check_fits", "estimate_bytes"]

_GiB = 2**30
_MiB = 2**20

#: Resident memory of a worker before its first task: Python, numpy, pandas, networkx, netsim
#: and numba's compiled kernels (about 220 MiB measured, rounded up).
WORKER_BYTES = 320 * _MiB

# --- the network and its statistics ------------------------------------------------------------
#: The plain networkx Graph that average clustering is computed on (graphs up to 200,000
#: edges), with the Python lists it is built from.
_CLUSTERING_MAX_EDGES = 200_000
_CLUSTERING_BYTES_PER_EDGE = 600
_CLUSTERING_BYTES_PER_NODE = 600
#: Networks a worker keeps from earlier tasks (their CSRGraph and node table), reused by the
#: spread conditions that share them.
_CACHED_NETWORKS = 2

# --- the measures and the spreading -------------------------------------------------------------
#: Betweenness and closeness: up to 16 chunks of sources with 32 bytes per node each, at least
#: 4 chunks, else within 1 GiB (netsim._kernels.betweenness).
_BFS_MEASURES = ("betweenness", "closeness")
_BFS_BYTES_PER_NODE = 32
#: Any other measure: a few arrays per node and per edge entry (sparse matrices, heaps).
_MEASURE_BYTES_PER_EDGE = 64
_MEASURE_BYTES_PER_NODE = 96
#: The per-node table of a task (about 8 columns plus one per measure and per batch of runs),
#: held twice.
_TABLE_BYTES_PER_CELL = 16
#: Percolation: per sample chunk (at most 32, within 256 MiB) sums, squares and a parent per
#: node; per edge its two ends and probability (netsim.spread._efficiency).
_PERCOLATION_CHUNK_BYTES = 256 * _MiB
_DIRECT_WORK_BYTES = _GiB
_MAX_CHUNKS = 32
#: Regimes (netsim.spread._threshold, _regime): per sample chunk (at most 32, within 64 MiB)
#: two int64 words per edge and one per node; per sample and grid point (at most 1,025) four
#: words of sums; the bootstrap's 1,001 weights per sample and curves per grid point.
_REGIME_GRID = 1025
_REGIME_CHUNK_BYTES = 64 * _MiB
_REGIME_BOOTSTRAP = 1001


def _network_bytes(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return ``(n, m, peak)``: nodes, edges and the peak bytes of building the network."""
    record = KINDS.get(kind)
    if record is None:
        shown = "{" + ", ".join(repr(name) for name in KINDS) + "}"
        raise invalid("kind", f"one of {shown}", kind)
    return record.network_bytes(kind, {**record.parameters, **params})


def _spreading_bytes(
    model: str, n: float, m: float, n_runs: int, spread: Mapping[str, Any]
) -> float:
    """Return the peak bytes of ``spreading_efficiency`` on a graph of ``n`` nodes, ``m`` edges."""
    index = 4 if max(n, 2 * m) < 2**31 else 8
    edges = (2 * index + 8) * m + 16 * m  # ends and probabilities, and per-entry edge values
    # sums, squares, the result table; per batch of runs its sums, squares and mean
    nodes = 64 * n + 24 * n * efficiency_batches(n_runs)
    record = SPREADING_MODELS[model]
    if spread.get("method") != "direct" and record.percolation_exact(spread):
        per_chunk = max(1.0, n) * (16 + index)
        chunks = max(1, min(n_runs, _MAX_CHUNKS, int(_PERCOLATION_CHUNK_BYTES // per_chunk)))
        return edges + nodes + chunks * per_chunk
    if record.deterministic:  # one cascade per node
        return edges + nodes + _MAX_CHUNKS * n * 16
    # Direct simulation: one size per (node, run), squared once more, and per-chunk work arrays.
    work = min(_MAX_CHUNKS * max(1.0, n) * (16 + 2 * index), _DIRECT_WORK_BYTES)
    return edges + nodes + 2 * 8 * n * n_runs + work


def _regime_bytes(n: float, m: float, target: bool) -> float:
    """Return the peak bytes of a measured threshold or of a target outbreak.

    A network's measured threshold takes 50 samples; a target outbreak or a
    measured threshold inside the spreading call (``target``) 200.
    """
    n_runs = 200 if target else 50
    per_chunk = 8 * (2 * m + n + 2 * _REGIME_GRID)
    chunks = max(1, min(n_runs, _MAX_CHUNKS, int(_REGIME_CHUNK_BYTES // per_chunk)))
    sums = 4 * 8 * n_runs * _REGIME_GRID
    bootstrap = 8 * _REGIME_BOOTSTRAP * (2 * n_runs + _REGIME_GRID) if target else 0
    return 24 * m + chunks * per_chunk + sums + bootstrap


def _measures_bytes(measures: Sequence[str], n: float, m: float) -> float:
    """Return the peak bytes of computing the measures one after the other."""
    peak = 0.0
    for name in measures:
        if name in ("degree", "k_shell"):
            continue
        if name in _BFS_MEASURES:
            by_memory = max(4, int(_GiB // (_BFS_BYTES_PER_NODE * (n + 1))))
            chunks = min(16, by_memory)
            need = chunks * _BFS_BYTES_PER_NODE * (n + 1) + _MEASURE_BYTES_PER_NODE * n
        else:
            need = _MEASURE_BYTES_PER_EDGE * 2 * m + _MEASURE_BYTES_PER_NODE * n
        peak = max(peak, need)
    return peak


def estimate_bytes(
    kind: str,
    params: Mapping[str, Any],
    *,
    model: str,
    n_runs: int,
    measures: Sequence[str],
    spread: Mapping[str, Any] | None = None,
) -> int:
    """Return a conservative upper estimate of the peak memory of one experiment task.

    Parameters
    ----------
    kind : str
        The network kind: ``"game"``, ``"lion"``, ``"organic"``, a baseline
        (``"barabasi_albert"``, ``"holme_kim"``, ``"jackson_rogers"``,
        ``"dunbar_capped"``), ``"configuration"``, ``"dataset"`` or
        ``"edgelist"``.
    params : mapping
        The network's parameters, as in a config's ``[network]`` table
        (``kind`` left out): ``n`` and the game's or baseline's parameters
        (defaults as in netsim), ``mean_degree`` (or ``distribution =
        "powerlaw"`` with ``exponent`` and ``k_min``) for a configuration
        network, ``name`` for a dataset, ``path`` for an edge list.
    model : str
        The spreading model.
    n_runs : int
        Runs per node.
    measures : sequence of str
        The measures computed on the network.
    spread : mapping, optional
        The spread condition's other parameters. ``mu`` other than 1 or
        ``method = "direct"`` make "sir" simulate every run, which holds a
        size per node and run; without them "sir" is taken to use
        percolation, as its defaults do.

    Returns
    -------
    int
        Bytes above what a worker holds before its first task
        (:data:`WORKER_BYTES`): building the network, the per-node table,
        the measures, the spreading efficiency, and the networks a worker
        keeps for the next task.

    Raises
    ------
    InvalidParameterError
        If ``kind`` is unknown or a parameter the estimate needs is missing.

    Examples
    --------
    >>> from netsim.experiments._memory import estimate_bytes
    >>> small = estimate_bytes("game", {"n": 2000, "lion_fraction": 0.3}, model="sir",
    ...                        n_runs=500, measures=["degree", "k_shell"])
    >>> large = estimate_bytes("game", {"n": 200_000, "lion_fraction": 0.3}, model="sir",
    ...                        n_runs=500, measures=["degree", "k_shell"])
    >>> 50 < large / small < 100  # near-linear in n, plus fixed per-chunk work
    True
    """
    spread = dict(spread or {})
    n, m, build = _network_bytes(kind, params)
    resident = CSR_BYTES_PER_EDGE * m + CSR_BYTES_PER_NODE * n
    batches = efficiency_batches(n_runs)
    table = _TABLE_BYTES_PER_CELL * n * (8 + len(measures) + (batches if batches > 1 else 0))
    clustering = 0.0
    if m <= _CLUSTERING_MAX_EDGES:
        clustering = _CLUSTERING_BYTES_PER_EDGE * m + _CLUSTERING_BYTES_PER_NODE * n
    work = max(
        _measures_bytes(measures, n, m),
        _spreading_bytes(model, n, m, n_runs, spread),
        _regime_bytes(
            n,
            m,
            spread.get("target_outbreak") is not None
            or spread.get("threshold") == "susceptibility",
        ),
        clustering,
    )
    cached = _CACHED_NETWORKS * (resident + table)
    return math.ceil(build + table + work + cached)


def available_bytes() -> int | None:
    """Return the memory available to new work on this machine, or None if unknown.

    Returns
    -------
    int or None
        ``MemAvailable`` of ``/proc/meminfo`` (Linux: free memory plus
        caches that can be dropped); else the free physical pages times the
        page size, where the system tells them; else None.

    Examples
    --------
    >>> from netsim.experiments._memory import available_bytes
    >>> available = available_bytes()
    >>> available is None or available > 0
    True
    """
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        pages = os.sysconf("SC_AVPHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, OSError, ValueError):
        return None
    if pages <= 0 or size <= 0:
        return None
    return int(pages) * int(size)


def _gib(n_bytes: float) -> str:
    value = n_bytes / _GiB
    if value >= 100:
        return f"{value:,.0f} GiB"
    if value >= 0.1:
        return f"{value:.1f} GiB"
    return f"{n_bytes / _MiB:.0f} MiB"


def check_fits(estimate: int, available: int | None, label: str, *, workers: int = 1) -> None:
    """Raise unless ``workers`` tasks of ``estimate`` bytes fit in ``available`` bytes.

    Parameters
    ----------
    estimate : int
        A task's peak memory, from :func:`estimate_bytes`.
    available : int or None
        Memory available (:func:`available_bytes`); None checks nothing.
    label : str
        The network condition, named in the message.
    workers : int, default=1
        Tasks running at once, each in a worker that also holds
        :data:`WORKER_BYTES`.

    Raises
    ------
    InvalidParameterError
        With one line naming the network, the memory needed and available,
        and what to reduce.

    Examples
    --------
    >>> from netsim.experiments._memory import check_fits
    >>> check_fits(2**30, 16 * 2**30, "game n=2000")
    >>> check_fits(190 * 2**30, int(21.3 * 2**30), "game n=1000000000")
    Traceback (most recent call last):
    ...
    netsim.exceptions.InvalidParameterError: network 'game n=1000000000': a task needs about
    190 GiB of memory; this machine has 21.3 GiB available. Reduce n ...
    """
    if available is None:
        return
    one = estimate + WORKER_BYTES
    if one > available:
        message = (
            f"network {label!r}: a task needs about {_gib(estimate)} of memory; this machine has "
            f"{_gib(available)} available. Reduce n (or the runs per node), or run on a machine "
            "with more memory."
        )
        raise InvalidParameterError(message)
    if workers * one > available:
        fitting = max(1, int(available // one))
        message = (
            f"network {label!r}: {workers} workers need about {_gib(workers * one)} of memory at "
            f"once; this machine has {_gib(available)} available. Use at most {fitting} workers."
        )
        raise InvalidParameterError(message)
