"""Weighted k-shell decomposition of an undirected graph in CSR form.

Garas, Schweitzer and Havlin [1]_ peel a weighted graph by the weighted
degree ``k'_i = (k_i^alpha s_i^beta)^(1 / (alpha + beta))``, where ``k_i`` is
the degree and ``s_i`` the strength (sum of the weights) of node ``i`` in the
graph that remains. The weights are first expressed in units of the smallest
weight and rounded to integers, and ``k'`` is rounded to an integer before it
is compared with the shell level, so that unit weights give the classic
k-shells.

The weighted degree of a node can only fall when a neighbour leaves (both
``k`` and ``s`` fall), so it is a monotone vertex function in the sense of
Batagelj and Zaversnik [2]_, and their priority-queue algorithm for
generalised cores applies: repeatedly remove a node of smallest weighted
degree, give it the largest weighted degree seen at a removal so far, and
update its neighbours. The kernel keeps the nodes in an indexed binary
min-heap: O((n + m) log n) time.

The kernels trust their inputs (see each docstring for the preconditions):
validation and conversion happen in :mod:`netsim.measures`.

References
----------
.. [1] A. Garas, F. Schweitzer and S. Havlin, "A k-shell decomposition method
   for weighted networks", New J. Phys. 14, 083030 (2012),
   doi:10.1088/1367-2630/14/8/083030.
.. [2] V. Batagelj and M. Zaversnik, "Fast algorithms for determining
   (generalized) core groups in social networks", Adv. Data Anal. Classif.
   5, 129-145 (2011), doi:10.1007/s11634-010-0079-y.
"""

import math

import numba
import numpy as np

from ._options import NJIT


@numba.njit(**NJIT)
def weight_units(weights):
    """Return every weight in units of the smallest one, rounded to the nearest integer.

    ``units[j] = floor(weights[j] / min(weights) + 0.5)``: halves round up,
    and the smallest weight becomes exactly 1. Garas et al. divide the weights
    by their mean first; the mean cancels, and dividing by the smallest weight
    directly avoids a second rounding error. ``weights`` (float64, finite,
    > 0) is not mutated; the result is a fresh float64 array of integer
    values (exact below 2**53).
    """
    units = np.empty(weights.shape[0], dtype=np.float64)
    if weights.shape[0] == 0:
        return units
    smallest = weights[0]
    for j in range(weights.shape[0]):
        smallest = min(smallest, weights[j])
    for j in range(weights.shape[0]):
        units[j] = math.floor(weights[j] / smallest + 0.5)
    return units


@numba.njit(**NJIT)
def rounded_weighted_degree(degree, strength, degree_power, strength_power):
    """Return ``k'`` rounded to the nearest integer (halves up), as a float64.

    ``k' = degree**degree_power * strength**strength_power`` with
    ``degree_power = alpha / (alpha + beta)`` and ``strength_power = beta /
    (alpha + beta)``: equation (1) of Garas et al. written so that it cannot
    overflow. A node without neighbours has ``k' = 0``.
    """
    if degree == 0:
        return 0.0
    value = float(degree) ** degree_power * strength**strength_power
    return math.floor(value + 0.5)


@numba.njit(**NJIT)
def _sift_up(heap, pos, key, i):
    """Move ``heap[i]`` up until its parent's key is not larger."""
    v = heap[i]
    while i > 0:
        parent = (i - 1) >> 1
        p = heap[parent]
        if key[p] <= key[v]:
            break
        heap[i] = p
        pos[p] = i
        i = parent
    heap[i] = v
    pos[v] = i


@numba.njit(**NJIT)
def _sift_down(heap, pos, key, i, size):
    """Move ``heap[i]`` down until no child's key is smaller."""
    v = heap[i]
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        right = child + 1
        if right < size and key[heap[right]] < key[heap[child]]:
            child = right
        c = heap[child]
        if key[c] >= key[v]:
            break
        heap[i] = c
        pos[c] = i
        i = child
    heap[i] = v
    pos[v] = i


@numba.njit(**NJIT)
def weighted_shells_peel(indptr, indices, weights, alpha, beta):
    """Return the weighted k-shell of every node (Garas, Schweitzer and Havlin).

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        Row pointers. Not mutated.
    indices : ndarray of shape (indptr[-1],), dtype int32 or int64
        Neighbours of each node: ``indices[indptr[v]:indptr[v + 1]]``. Not
        mutated.
    weights : ndarray of shape (indptr[-1],), dtype float64
        Weight of each stored direction, finite and > 0, equal in both
        directions of an edge. Not mutated.
    alpha, beta : float
        Exponents of degree and strength in the weighted degree: finite,
        >= 0, ``alpha + beta > 0``.

    Returns
    -------
    ndarray of shape (n_nodes,), dtype int64
        ``shell[v]`` is the largest ``k`` such that ``v`` belongs to a
        subgraph in which every node has rounded weighted degree >= k.

    Notes
    -----
    Preconditions (``CSRGraph`` and the public wrapper guarantee them): every
    undirected edge is stored in both directions with the same weight; no
    self-loops; no duplicate neighbours; weights > 0; the strengths, in units
    of the smallest weight, stay below 2**53 (so that they are exact).
    Neighbour lists need not be sorted.

    The weights are converted by :func:`weight_units`. Each node's key is
    its rounded weighted degree (:func:`rounded_weighted_degree`) in the
    graph that remains. The node of smallest key leaves next, with shell
    ``level = max(level, key)``; each remaining neighbour loses one degree
    and the edge's weight from its strength, and its key is recomputed (a
    key never rises). Ties leave in heap order, which changes no shell.
    O((n + m) log n) time; work memory 3 n float64 and 2 n int64 entries
    besides the m weight units.
    """
    n_nodes = indptr.shape[0] - 1
    units = weight_units(weights)
    total = alpha + beta
    degree_power = alpha / total
    strength_power = beta / total
    degree = np.empty(n_nodes, dtype=np.int64)
    strength = np.zeros(n_nodes, dtype=np.float64)
    key = np.empty(n_nodes, dtype=np.float64)
    heap = np.empty(n_nodes, dtype=np.int64)
    pos = np.empty(n_nodes, dtype=np.int64)
    for v in range(n_nodes):
        degree[v] = indptr[v + 1] - indptr[v]
        s = 0.0
        for j in range(indptr[v], indptr[v + 1]):
            s += units[j]
        strength[v] = s
        key[v] = rounded_weighted_degree(degree[v], s, degree_power, strength_power)
        heap[v] = v
        pos[v] = v
    for i in range(n_nodes // 2 - 1, -1, -1):
        _sift_down(heap, pos, key, i, n_nodes)

    shell = np.empty(n_nodes, dtype=np.int64)
    size = n_nodes
    level = 0.0
    while size > 0:
        v = heap[0]
        size -= 1
        if size > 0:
            heap[0] = heap[size]
            pos[heap[0]] = 0
            _sift_down(heap, pos, key, 0, size)
        pos[v] = -1
        level = max(level, key[v])
        shell[v] = np.int64(level)
        for j in range(indptr[v], indptr[v + 1]):
            u = indices[j]
            if pos[u] < 0:
                continue
            degree[u] -= 1
            strength[u] -= units[j]
            updated = rounded_weighted_degree(degree[u], strength[u], degree_power, strength_power)
            if updated < key[u]:
                key[u] = updated
                _sift_up(heap, pos, key, pos[u])
    return shell
