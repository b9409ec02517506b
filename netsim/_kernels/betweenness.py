"""Shortest-path centralities by breadth-first search on CSR arrays.

* Betweenness (Brandes [1]_): from each source ``s`` a breadth-first search
  counts the shortest paths ``sigma_s(w)`` to every node, then the nodes are
  taken back in reverse BFS order and each passes its dependency
  ``delta_s(w) = sum over successors x of sigma_s(w) / sigma_s(x) * (1 +
  delta_s(x))`` to its predecessors; ``sum over s != w of delta_s(w)`` is
  the betweenness of ``w`` over ordered pairs.
* Closeness: the same search gives the sum of the distances from ``s`` and
  the size of its component.

Layers (STYLE K6): :func:`brandes_one` and :func:`distance_sum_one` are the
serial one-source kernels; the parallel drivers ``_dependency_sums`` and
``_distance_sums`` run ``prange`` over chunks of sources, each chunk with
its own work arrays; :func:`dependency_sums_brandes` and
:func:`distance_sums_bfs` are the plain-Python entry points (a cached plain
njit function that calls a parallel one segfaults when loaded from numba's
cache, numba issue #8578).

Determinism: the sources are cut into a number of contiguous chunks that
depends on the number of sources and of nodes only, never on the thread
count. Each chunk sums the dependencies of its sources in source order into
its own accumulator, and the accumulators are added in chunk order after the
parallel loop, so the floating-point result is the same bit for bit on any
number of threads. Distance sums are integers, one per source.

Work arrays are reset only where a search went (the nodes it reached), so a
source costs O(size of its component), not O(n).

References
----------
.. [1] U. Brandes, "A faster algorithm for betweenness centrality",
   J. Math. Sociol. 25, 163-177 (2001), doi:10.1080/0022250X.2001.9990249.
"""

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds

__all__ = [
    "brandes_one",
    "dependency_sums_brandes",
    "distance_sum_one",
    "distance_sums_bfs",
]

# At most this many chunks of sources, each with O(n_nodes) work arrays and
# (for betweenness) its own accumulator: enough to balance the load over about
# 8 threads. Fewer on very large graphs, so that the work arrays of all chunks
# stay within about _WORKSPACE_BYTES. Neither bound depends on the thread count.
_MAX_CHUNKS = 16
_MIN_CHUNKS = 4
_WORKSPACE_BYTES = 1 << 30
_BYTES_PER_NODE = 32  # accumulator, sigma, delta (float64), dist, order (int32/int64)


@numba.njit(**NJIT)
def _n_chunks(n_sources, n_nodes):
    """Return the number of chunks of sources (a speed and memory choice, not a result)."""
    by_memory = max(_MIN_CHUNKS, _WORKSPACE_BYTES // (_BYTES_PER_NODE * (n_nodes + 1)))
    return max(1, min(n_sources, _MAX_CHUNKS, by_memory))


@numba.njit(**NJIT)
def _bfs(indptr, indices, s, dist, order):
    """Search from ``s``; fill ``dist`` and ``order``.

    Returns the number of nodes reached, ``s`` included; ``order[:n_reached]``
    holds them in BFS order (non-decreasing distance), ``s`` first.
    """
    dist[s] = 0
    order[0] = s
    head = 0
    tail = 1
    while head < tail:
        v = order[head]
        head += 1
        d_next = dist[v] + 1
        for k in range(indptr[v], indptr[v + 1]):
            w = indices[k]
            if dist[w] < 0:
                dist[w] = d_next
                order[tail] = w
                tail += 1
    return tail


@numba.njit(**NJIT)
def brandes_one(indptr, indices, s, dist, sigma, delta, order, acc):
    """Add the dependencies of source ``s`` to ``acc`` (one source of Brandes' algorithm).

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), int32 or int64
    indices : ndarray of shape (2 * n_edges,), same dtype as ``indptr``
        Neighbour lists, both directions of every edge stored, no self-loops.
    s : int
        The source, in ``[0, n_nodes)``.
    dist : ndarray of shape (n_nodes,), signed integer
        Workspace, ``-1`` everywhere on entry and on return.
    sigma, delta : ndarray of shape (n_nodes,), float64
        Workspace, ``0.0`` everywhere on entry and on return.
    order : ndarray of shape (n_nodes,), signed integer
        Workspace, overwritten.
    acc : ndarray of shape (n_nodes,), float64
        ``acc[w] += delta_s(w)`` for every node ``w != s`` that ``s`` reaches
        (mutated).

    Notes
    -----
    ``sigma`` counts shortest paths in floating point, as networkx does, so
    that path counts beyond 2**63 (long grids) cannot overflow. In the
    backward pass the predecessors of ``w`` are the neighbours ``v`` with
    ``dist[v] == dist[w] - 1``, found again rather than stored.
    """
    dist[s] = 0
    sigma[s] = 1.0
    order[0] = s
    head = 0
    n_reached = 1
    while head < n_reached:
        v = order[head]
        head += 1
        d_next = dist[v] + 1
        sigma_v = sigma[v]
        for k in range(indptr[v], indptr[v + 1]):
            w = indices[k]
            d = dist[w]
            if d < 0:
                dist[w] = d_next
                order[n_reached] = w
                n_reached += 1
                sigma[w] = sigma_v
            elif d == d_next:
                sigma[w] += sigma_v
    for i in range(n_reached - 1, 0, -1):  # reverse BFS order, s (i = 0) left out
        w = order[i]
        coeff = (1.0 + delta[w]) / sigma[w]
        d_prev = dist[w] - 1
        for k in range(indptr[w], indptr[w + 1]):
            v = indices[k]
            if dist[v] == d_prev:
                delta[v] += sigma[v] * coeff
        acc[w] += delta[w]
    for i in range(n_reached):
        v = order[i]
        dist[v] = -1
        sigma[v] = 0.0
        delta[v] = 0.0


@numba.njit(**NJIT_PARALLEL)
def _dependency_sums(indptr, indices, sources):
    n_nodes = indptr.size - 1
    n_sources = sources.size
    n_chunks = _n_chunks(n_sources, n_nodes)
    acc = np.zeros((n_chunks, n_nodes), dtype=np.float64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_sources)
        dist = np.full(n_nodes, -1, dtype=indices.dtype)
        order = np.empty(n_nodes, dtype=indices.dtype)
        sigma = np.zeros(n_nodes, dtype=np.float64)
        delta = np.zeros(n_nodes, dtype=np.float64)
        row = acc[c]
        for i in range(lo, hi):
            brandes_one(indptr, indices, sources[i], dist, sigma, delta, order, row)
    total = np.zeros(n_nodes, dtype=np.float64)
    for c in range(n_chunks):  # fixed order: the same bits on any number of threads
        for v in range(n_nodes):
            total[v] += acc[c, v]
    return total


def dependency_sums_brandes(indptr, indices, sources):
    """Return ``sum over s in sources of delta_s(w)`` for every node ``w``.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), int32 or int64
    indices : ndarray of shape (2 * n_edges,), same dtype as ``indptr``
        Neighbour lists, both directions of every edge stored, no self-loops
        (``CSRGraph`` guarantees it).
    sources : ndarray of shape (n_sources,), int64
        Distinct sources in ``[0, n_nodes)``; all nodes for exact betweenness.

    Returns
    -------
    ndarray of shape (n_nodes,), float64
        The dependencies summed over the sources (``delta_s(s)`` counts 0):
        betweenness over ordered pairs ``(s, t)`` with ``s`` in ``sources``,
        unnormalised. Sources are processed in chunks with ``prange``; the
        result is the same bit for bit on any number of threads (see the
        module docstring). O(n_sources * (n + m)) time.
    """
    return _dependency_sums(indptr, indices, sources)


@numba.njit(**NJIT)
def distance_sum_one(indptr, indices, s, dist, order):
    """Return ``(sum of distances from s, size of s's component)`` (one source).

    Parameters
    ----------
    indptr, indices
        As for :func:`brandes_one`.
    s : int
        The source, in ``[0, n_nodes)``.
    dist : ndarray of shape (n_nodes,), signed integer
        Workspace, ``-1`` everywhere on entry and on return.
    order : ndarray of shape (n_nodes,), signed integer
        Workspace, overwritten.
    """
    n_reached = _bfs(indptr, indices, s, dist, order)
    total = 0
    for i in range(n_reached):
        v = order[i]
        total += dist[v]
        dist[v] = -1
    return total, n_reached


@numba.njit(**NJIT_PARALLEL)
def _distance_sums(indptr, indices):
    n_nodes = indptr.size - 1
    totals = np.empty(n_nodes, dtype=np.int64)
    reached = np.empty(n_nodes, dtype=np.int64)
    n_chunks = _n_chunks(n_nodes, n_nodes)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_nodes)
        dist = np.full(n_nodes, -1, dtype=indices.dtype)
        order = np.empty(n_nodes, dtype=indices.dtype)
        for s in range(lo, hi):
            total, n_reached = distance_sum_one(indptr, indices, s, dist, order)
            totals[s] = total
            reached[s] = n_reached
    return totals, reached


def distance_sums_bfs(indptr, indices):
    """Return the sum of the distances from every node and the size of its component.

    Parameters
    ----------
    indptr, indices
        As for :func:`dependency_sums_brandes`.

    Returns
    -------
    totals : ndarray of shape (n_nodes,), int64
        ``totals[s]`` is the sum of the hop distances from ``s`` to the nodes
        it reaches.
    reached : ndarray of shape (n_nodes,), int64
        The number of nodes ``s`` reaches, ``s`` included.

    Notes
    -----
    One BFS per node, in chunks with ``prange``: O(n (n + m)) time. Each
    source writes only its own entries, so the thread count changes nothing.
    """
    return _distance_sums(indptr, indices)
