"""Build sorted, symmetric CSR adjacency arrays from an undirected edge list.

The kernels trust their inputs (see each docstring for the preconditions); all
validation happens in :mod:`netsim.graphs`.
"""

import numba
import numpy as np

from ._options import NJIT

_SHORT_ROW = 32


@numba.njit(**NJIT)
def _sort_row_stably(heads, edges, lo, hi):
    """Sort ``heads[lo:hi]`` (carrying ``edges``) stably, in place."""
    if hi - lo <= _SHORT_ROW:
        for i in range(lo + 1, hi):
            head = heads[i]
            edge = edges[i]
            j = i - 1
            while j >= lo and heads[j] > head:
                heads[j + 1] = heads[j]
                edges[j + 1] = edges[j]
                j -= 1
            heads[j + 1] = head
            edges[j + 1] = edge
    else:
        order = np.argsort(heads[lo:hi], kind="mergesort")
        sorted_heads = heads[lo:hi][order]
        sorted_edges = edges[lo:hi][order]
        heads[lo:hi] = sorted_heads
        edges[lo:hi] = sorted_edges


@numba.njit(**NJIT)
def first_appearance_codes(labels, low, n_slots):
    """Return codes numbering the int labels in order of first appearance, and the labels.

    Parameters
    ----------
    labels : ndarray of shape (k,), dtype int64
        Labels with ``low <= labels[i] < low + n_slots``. Not mutated.
    low, n_slots : int
        The range of the labels; a table of ``n_slots`` entries is used.

    Returns
    -------
    codes : ndarray of shape (k,), dtype int64
        ``codes[i]`` is the number of distinct labels seen before the first
        occurrence of ``labels[i]``.
    uniques : ndarray of shape (n_unique,), dtype int64
        The distinct labels in order of first appearance.
    """
    table = np.full(n_slots, -1, dtype=np.int64)
    codes = np.empty(labels.shape[0], dtype=np.int64)
    uniques = np.empty(labels.shape[0], dtype=np.int64)
    n_unique = 0
    for i in range(labels.shape[0]):
        slot = labels[i] - low
        if table[slot] < 0:
            table[slot] = n_unique
            uniques[n_unique] = labels[i]
            n_unique += 1
        codes[i] = table[slot]
    return codes, uniques[:n_unique].copy()


@numba.njit(**NJIT)
def csr_from_edges(n_nodes, u, v, w):
    """Return ``(indptr, indices, weights)`` of the undirected graph on edges ``u[e]-v[e]``.

    Parameters
    ----------
    n_nodes : int
        Number of nodes; node ids are ``0 .. n_nodes - 1``.
    u, v : ndarray of shape (n_edges,), dtype int64
        Endpoints of each edge, in ``[0, n_nodes)``, with ``u[e] != v[e]``
        (no self-loops). Not mutated.
    w : ndarray of shape (n_edges,) or (0,), dtype float64
        Weight of each edge, or an empty array for an unweighted graph. Not
        mutated.

    Returns
    -------
    indptr : ndarray of shape (n_nodes + 1,), dtype int64
    indices : ndarray of shape (2 * n_unique,), dtype int64
        Neighbours of each node in strictly increasing order; each undirected
        edge appears in both directions.
    weights : ndarray of shape (2 * n_unique,) or (0,), dtype float64
        Weight of each stored direction (equal for both directions).

    Notes
    -----
    Duplicate edges, in either direction, are merged; the weight of the last
    occurrence in input order is kept (as ``networkx.Graph`` does when edges
    are added in that order). A counting sort by tail keeps input order
    within each row; a stable sort of each row by head then puts duplicates
    next to each other, last one last. O(m log d_max) time, O(n + m) memory.
    """
    n_edges = u.shape[0]
    start = np.zeros(n_nodes + 1, dtype=np.int64)
    for e in range(n_edges):
        start[u[e] + 1] += 1
        start[v[e] + 1] += 1
    for i in range(n_nodes):
        start[i + 1] += start[i]
    fill = start[:-1].copy()
    heads = np.empty(2 * n_edges, dtype=np.int64)
    edges = np.empty(2 * n_edges, dtype=np.int64)
    for e in range(n_edges):
        a = u[e]
        b = v[e]
        heads[fill[a]] = b
        edges[fill[a]] = e
        fill[a] += 1
        heads[fill[b]] = a
        edges[fill[b]] = e
        fill[b] += 1

    indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    n_kept = 0
    for i in range(n_nodes):
        lo = start[i]
        hi = start[i + 1]
        _sort_row_stably(heads, edges, lo, hi)
        for k in range(lo, hi):
            if k + 1 < hi and heads[k + 1] == heads[k]:
                continue  # a later duplicate follows; keep that one
            heads[n_kept] = heads[k]
            edges[n_kept] = edges[k]
            n_kept += 1
        indptr[i + 1] = n_kept

    if w.shape[0] > 0:
        weights = np.empty(n_kept, dtype=np.float64)
        for k in range(n_kept):
            weights[k] = w[edges[k]]
    else:
        weights = np.empty(0, dtype=np.float64)
    return indptr, heads[:n_kept].copy(), weights
