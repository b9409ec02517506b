"""The kernels' calls of each spreading model: final values, curves and efficiency sums.

Each function reads a :class:`~netsim.spread._models.Dynamics` record and
calls one kernel; the models' records (``netsim.spread._models``) name them.
The calls share one shape per task, so a new model needs no change to
:func:`~netsim.spread.simulate`, :func:`~netsim.spread.epidemic_curves` or
:func:`~netsim.spread.spreading_efficiency`:

* ``final_values(d, positions, n_runs, key, purpose)``: one value per run;
* ``curves(d, positions, n_runs, key, purpose)``: the run and time of every
  row, and the columns ``S``, ``I`` (and ``R``);
* ``direct_sums(d, positions, n_runs, key, purpose, bounds=None)``: per source
  node, the sum of its runs' sizes and of their squares;
* ``percolation_sums(d, n_runs, key, bounds=None)``: the same for every node,
  from bond-percolation samples.

With ``bounds`` (int64 run boundaries ``0 = b_0 < b_1 < ... < b_B = n_runs``)
the sums functions return one row per batch of runs ``[b_j, b_{j+1})``, of
shape ``(B, n)``; their rows add up exactly to the sums without ``bounds``.

``positions`` are sorted node positions (the sources, or the nodes asked
for), ``key`` the two words of :func:`netsim._seeding.kernel_key` and
``purpose`` the model's stream purpose (an int).
"""

import numpy as np

from .._kernels import continuous_sir as _continuous
from .._kernels import percolation as _percolation
from .._kernels import sir as _sir
from .._kernels import sis as _sis
from .._kernels import threshold as _threshold
from .._seeding import Purpose
from ._dynamics import Dynamics

Key = tuple[np.uint64, np.uint64]
Columns = dict[str, np.ndarray]

#: At most this many bytes of per-chunk accumulators and union-find workspace.
_CHUNK_MEMORY = 256 * 2**20
#: At most this many parallel sample chunks (enough to balance many threads).
_MAX_CHUNKS = 32


def _n_chunks(n_nodes: int, n_runs: int, itemsize: int) -> int:
    """Return the number of parallel sample chunks: a memory bound, never the thread count."""
    per_chunk = max(1, n_nodes) * (16 + itemsize)
    return max(1, min(n_runs, _MAX_CHUNKS, _CHUNK_MEMORY // per_chunk))


def _batch_rows(sizes: np.ndarray, bounds: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Return the sums of a (node, run) size matrix and of its squares, per batch if asked."""
    squares = sizes * sizes
    if bounds is None:
        return sizes.sum(axis=1), squares.sum(axis=1)
    starts = bounds[:-1]
    return np.add.reduceat(sizes, starts, axis=1).T, np.add.reduceat(squares, starts, axis=1).T


def _runs_of(lengths: np.ndarray, n_runs: int) -> np.ndarray:
    """Return the run of every row, from each run's number of rows."""
    return np.repeat(np.arange(n_runs, dtype=np.int64), lengths)


# -- discrete SIR and the independent cascade ----------------------------------------------


def sir_final_values(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> np.ndarray:
    """Return each run's final size under discrete SIR (``d.beta`` or ``d.edge_values``)."""
    csr = d.csr
    return _sir.sir_discrete_sizes(
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, positions, n_runs,
        *key, purpose, int(positions[0]),
    )  # fmt: skip


def sir_curves(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> tuple[np.ndarray, np.ndarray, Columns]:
    """Return the rows ``t = 0 .. T_run`` of every discrete SIR run."""
    csr = d.csr
    offsets, susceptible, infectious, recovered = _sir.sir_discrete_curves(
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, positions, n_runs,
        *key, purpose, int(positions[0]),
    )  # fmt: skip
    lengths = np.diff(offsets)
    run = _runs_of(lengths, n_runs)
    t = np.arange(offsets[-1], dtype=np.int64) - np.repeat(offsets[:-1], lengths)
    return run, t, {"S": susceptible, "I": infectious, "R": recovered}


def sir_direct_sums(
    d: Dynamics,
    positions: np.ndarray,
    n_runs: int,
    key: Key,
    purpose: int,
    bounds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return each node's sum of discrete SIR outbreak sizes, and of their squares."""
    csr = d.csr
    sizes = _sir.sir_discrete_sizes_each_source(
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, positions, n_runs, *key, purpose,
    )  # fmt: skip
    return _batch_rows(sizes, bounds)


def percolation_sums(
    d: Dynamics, n_runs: int, key: Key, bounds: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return every node's sum of cluster sizes over bond-percolation samples, and of squares."""
    csr = d.csr
    if bounds is None:
        bounds = np.array([0, n_runs], dtype=np.int64)
        rows = None
    else:
        rows = bounds.size - 1
    sums, sums_sq = [], []
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        # samples [start, stop) alone: by the prefix property their sums add up exactly
        n_chunks = _n_chunks(csr.n_nodes, stop - start, csr.indices.itemsize)
        batch = _percolation.cluster_size_sums_bond_percolation(
            csr.indptr, csr.indices, d.edge_values, d.beta, start, stop - start, n_chunks, *key,
            int(Purpose.PERCOLATION),
        )  # fmt: skip
        sums.append(batch[0])
        sums_sq.append(batch[1])
    if rows is None:
        return sums[0], sums_sq[0]
    return np.stack(sums), np.stack(sums_sq)


# -- continuous-time SIR -----------------------------------------------------------------


def continuous_sir_final_values(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> np.ndarray:
    """Return each run's final size under continuous-time SIR."""
    csr = d.csr
    return _continuous.continuous_sir_sizes(
        csr.indptr, csr.indices, d.edge_values, d.tau, d.gamma, positions, n_runs,
        *key, purpose, int(positions[0]),
    )  # fmt: skip


def continuous_sir_curves(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> tuple[np.ndarray, np.ndarray, Columns]:
    """Return a row at ``t = 0`` and one after each event of every continuous-time run."""
    csr = d.csr
    offsets, times, susceptible, infectious, recovered = _continuous.continuous_sir_curves(
        csr.indptr, csr.indices, d.edge_values, d.tau, d.gamma, positions, n_runs,
        *key, purpose, int(positions[0]),
    )  # fmt: skip
    run = _runs_of(np.diff(offsets), n_runs)
    return run, times, {"S": susceptible, "I": infectious, "R": recovered}


def continuous_sir_direct_sums(
    d: Dynamics,
    positions: np.ndarray,
    n_runs: int,
    key: Key,
    purpose: int,
    bounds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return each node's sum of continuous-time SIR outbreak sizes, and of their squares."""
    csr = d.csr
    sizes = _continuous.continuous_sir_sizes_each_source(
        csr.indptr, csr.indices, d.edge_values, d.tau, d.gamma, positions, n_runs, *key,
        purpose,
    )  # fmt: skip
    return _batch_rows(sizes, bounds)


# -- discrete SIS ------------------------------------------------------------------------


def sis_final_values(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> np.ndarray:
    """Return each run's mean prevalence over the window after the burn-in."""
    csr = d.csr
    return _sis.sis_discrete_prevalence(
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, positions, n_runs,
        d.burn_in, d.window, *key, purpose, int(positions[0]),
    )  # fmt: skip


def sis_curves(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> tuple[np.ndarray, np.ndarray, Columns]:
    """Return the rows ``t = 0 .. burn_in + window`` of every SIS run."""
    csr = d.csr
    n_steps = d.burn_in + d.window
    susceptible, infectious = _sis.sis_discrete_curves(
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, positions, n_runs, n_steps,
        *key, purpose, int(positions[0]),
    )  # fmt: skip
    run = np.repeat(np.arange(n_runs, dtype=np.int64), n_steps + 1)
    t = np.tile(np.arange(n_steps + 1, dtype=np.int64), n_runs)
    return run, t, {"S": susceptible.ravel(), "I": infectious.ravel()}


# -- the threshold model (deterministic: no draw, every run alike) -----------------------


def _threshold_curve(d: Dynamics, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    csr = d.csr
    return _threshold.threshold_curve(
        csr.indptr, csr.indices, d.edge_values, d.totals, d.threshold, d.fraction, positions
    )


def threshold_final_values(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> np.ndarray:
    """Return the one cascade's number of adopters, once per run."""
    curve_i, curve_r = _threshold_curve(d, positions)
    return np.full(n_runs, curve_r[-1] + curve_i[-1], dtype=np.int64)


def threshold_curves(
    d: Dynamics, positions: np.ndarray, n_runs: int, key: Key, purpose: int
) -> tuple[np.ndarray, np.ndarray, Columns]:
    """Return the rows ``t = 0 .. T`` of the one cascade, once per run."""
    curve_i, curve_r = _threshold_curve(d, positions)
    length = curve_i.size
    run = np.repeat(np.arange(n_runs, dtype=np.int64), length)
    t = np.tile(np.arange(length, dtype=np.int64), n_runs)
    infectious, recovered = np.tile(curve_i, n_runs), np.tile(curve_r, n_runs)
    columns = {"S": d.csr.n_nodes - infectious - recovered, "I": infectious, "R": recovered}
    return run, t, columns


def threshold_direct_sums(
    d: Dynamics,
    positions: np.ndarray,
    n_runs: int,
    key: Key,
    purpose: int,
    bounds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return each node's cascade size times ``n_runs``, and its square times ``n_runs``.

    The cascade of a node starts from it alone, or from it and its
    neighbours when ``d.seeding`` is "neighbourhood".
    """
    csr = d.csr
    each = (
        _threshold.threshold_sizes_each_neighbourhood
        if d.seeding == "neighbourhood"
        else _threshold.threshold_sizes_each_source
    )
    sizes = each(
        csr.indptr, csr.indices, d.edge_values, d.totals, d.threshold, d.fraction, positions
    )
    if bounds is not None:  # every run alike: a batch sums its own count of them
        runs = np.diff(bounds)[:, None]
        return sizes[None, :] * runs, (sizes * sizes)[None, :] * runs
    return sizes * n_runs, sizes * sizes * n_runs
