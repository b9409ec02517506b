"""Common neighbours and diffusion importance of every link, and the graph without redundant links.

The work is per stored link: the common neighbours of its two ends, counted
by merging their sorted neighbour lists (Liu, Tang, Zhou and Do [1]_ use
them to measure how many nodes a link can newly reach). The parallel loop
runs over nodes; each node writes only the entries of its own row.

References
----------
.. [1] Y. Liu, M. Tang, T. Zhou and Y. Do, "Improving the accuracy of the
   k-shell method by removing redundant links: from a perspective of
   spreading dynamics", Sci. Rep. 5, 13172 (2015), doi:10.1038/srep13172.
"""

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL


@numba.njit(**NJIT)
def _n_common(indices, lo_a, hi_a, lo_b, hi_b):
    """Return the number of values two sorted slices of ``indices`` share."""
    n = 0
    i, j = lo_a, lo_b
    while i < hi_a and j < hi_b:
        x, y = indices[i], indices[j]
        if x == y:
            n += 1
            i += 1
            j += 1
        elif x < y:
            i += 1
        else:
            j += 1
    return n


@numba.njit(**NJIT_PARALLEL)
def diffusion_importance(indptr, indices):
    """Return the diffusion importance of every stored link.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        Row pointers. Not mutated.
    indices : ndarray of shape (indptr[-1],), dtype int32 or int64
        Neighbours of each node, sorted increasingly in each row. Not mutated.

    Returns
    -------
    ndarray of shape (indptr[-1],), dtype float64
        For the entry ``u -> v``: ``((k_u - n_uv - 1) + (k_v - n_uv - 1)) / 2``
        with ``k`` the degrees and ``n_uv`` the number of common neighbours;
        equal in both directions.

    Notes
    -----
    Preconditions (``CSRGraph`` guarantees them): symmetric storage, no
    self-loops, no duplicate neighbours, sorted rows. O(sum over links of
    ``k_u + k_v``) time.
    """
    n_nodes = indptr.shape[0] - 1
    out = np.empty(indices.shape[0], dtype=np.float64)
    for u in numba.prange(n_nodes):
        lo_u, hi_u = indptr[u], indptr[u + 1]
        for p in range(lo_u, hi_u):
            v = indices[p]
            lo_v, hi_v = indptr[v], indptr[v + 1]
            common = _n_common(indices, lo_u, hi_u, lo_v, hi_v)
            out[p] = 0.5 * ((hi_u - lo_u - common - 1) + (hi_v - lo_v - common - 1))
    return out


@numba.njit(**NJIT)
def keep_links(indptr, indices, keep):
    """Return the CSR arrays of the graph made of the entries where ``keep`` is True.

    Parameters
    ----------
    indptr, indices : ndarray
        A graph in CSR form (as for :func:`diffusion_importance`). Not mutated.
    keep : ndarray of shape (indptr[-1],), dtype bool
        Which stored entries stay; must be equal in both directions of a link.

    Returns
    -------
    indptr, indices : ndarray, dtype int64
        The same nodes, fewer links; rows stay sorted.
    """
    n_nodes = indptr.shape[0] - 1
    out_indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    for u in range(n_nodes):
        count = 0
        for p in range(indptr[u], indptr[u + 1]):
            if keep[p]:
                count += 1
        out_indptr[u + 1] = out_indptr[u] + count
    out_indices = np.empty(out_indptr[n_nodes], dtype=np.int64)
    q = 0
    for p in range(indices.shape[0]):
        if keep[p]:
            out_indices[q] = indices[p]
            q += 1
    return out_indptr, out_indices
