"""Triangles at every node of an undirected graph in CSR form.

:func:`triangle_counts` gives, for each node, the number of edges among its
neighbours, from which the local clustering coefficient is
``2 t / (k (k - 1))``. Each node marks its neighbours in a stamp array (never
cleared: the stamp is the node's own index), then counts, for every
neighbour, that neighbour's marked neighbours: each triangle at the node is
seen twice. Cost O(sum of squared degrees). Chunks of nodes, strided so that
hubs spread over the chunks, run in parallel, each with its own stamp array;
each node writes only its own count, so the result does not depend on the
number of threads. The CSR arrays must hold no self-loop.
"""

import numba
import numpy as np

from ._options import NJIT_PARALLEL

__all__ = ["triangle_counts"]

# At most this many chunks, each with an O(n) stamp array.
_CHUNKS = 32


@numba.njit(**NJIT_PARALLEL)
def triangle_counts(indptr, indices):
    """Return the number of triangles at each node (int64)."""
    n = indptr.shape[0] - 1
    n_chunks = min(_CHUNKS, max(n, 1))
    out = np.zeros(n, dtype=np.int64)
    for c in numba.prange(n_chunks):
        stamp = np.full(n, -1, dtype=np.int64)
        for i in range(c, n, n_chunks):
            for q in range(indptr[i], indptr[i + 1]):
                stamp[indices[q]] = i
            seen = 0
            for q in range(indptr[i], indptr[i + 1]):
                j = indices[q]
                for r in range(indptr[j], indptr[j + 1]):
                    if stamp[indices[r]] == i:
                        seen += 1
            out[i] = seen // 2
    return out
