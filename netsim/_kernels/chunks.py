"""How the parallel drivers cut their tasks into chunks.

A chunk is a contiguous range of tasks (runs, source nodes, samples) that one
``prange`` iteration runs with its own work arrays. The number of chunks is a
speed and memory choice of each driver, never the thread count; since every
task draws from its own stream, the cut never changes a result.
"""

import numba

from ._options import NJIT

__all__ = ["chunk_bounds"]


@numba.njit(inline="always", **NJIT)
def chunk_bounds(c, n_chunks, n_tasks):
    """Return the task range ``[lo, hi)`` of chunk ``c``: contiguous, near equal."""
    return (c * n_tasks) // n_chunks, ((c + 1) * n_tasks) // n_chunks
