"""Choosing several spreaders: collective influence and the greedy percolation choice.

* :func:`collective_influence_all`: every node's collective influence
  ``CI_l(i) = (k_i - 1) * sum_{j : d(i, j) = l} (k_j - 1)`` (Morone and Makse
  2015, doi:10.1038/nature14604), in parallel over nodes;
* :func:`collective_influence_removal`: the adaptive removal: take the node
  of highest CI, remove it, recompute (in parallel) the CI of the nodes
  within distance ``l + 1`` of it, ``k`` times;
* :func:`cluster_labels_bond_percolation`: per-sample component labels and
  component sizes of bond-percolation samples, in parallel over samples
  (the samples of ``netsim._kernels.percolation``, same streams and draws);
* :func:`greedy_sources_sample_average`: the greedy (lazy, CELF) choice of
  ``k`` sources maximising the mean over samples of the number of nodes in
  the union of their clusters (Kempe, Kleinberg and Tardos 2003,
  doi:10.1145/956750.956769; Leskovec et al. 2007,
  doi:10.1145/1281192.1281239).

Everything here is deterministic given the samples; the only draws are those
of :func:`netsim._kernels.percolation.bond_percolation_sample`.
"""

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds
from .percolation import _find, bond_percolation_sample, upper_edges

__all__ = [
    "cluster_labels_bond_percolation",
    "collective_influence_all",
    "collective_influence_removal",
    "greedy_sources_sample_average",
]


@numba.njit(**NJIT)
def _ci_one(indptr, indices, alive, degree, radius, i, stamp, mark, queue):
    """Return ``CI_l(i)`` in the graph of the alive nodes (``alive[i]`` must hold).

    ``mark`` (int64, shape (n,)) and ``queue`` (int64, shape (n,)) are
    workspace: ``mark`` entries equal to ``stamp`` mean "seen in this call";
    the caller passes a stamp never used before with this ``mark``.
    """
    if degree[i] <= 1:
        return np.int64(0)
    mark[i] = stamp
    queue[0] = i
    lo = 0
    hi = 1
    for _ in range(radius):
        end = hi
        for q in range(lo, end):
            v = queue[q]
            for e in range(indptr[v], indptr[v + 1]):
                w = indices[e]
                if alive[w] and mark[w] != stamp:
                    mark[w] = stamp
                    queue[hi] = w
                    hi += 1
        lo = end
        if lo == hi:
            break
    total = np.int64(0)
    for q in range(lo, hi):
        total += degree[queue[q]] - 1
    return (degree[i] - 1) * total


@numba.njit(**NJIT_PARALLEL)
def collective_influence_all(indptr, indices, radius, n_chunks):
    """Return every node's ``CI_l`` in the whole graph.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    radius : int
        The radius l of the ball, >= 1.
    n_chunks : int
        Number of parallel tasks, 1 <= n_chunks <= max(n_nodes, 1); each owns
        a contiguous block of nodes and ``2 * n_nodes`` words of workspace.
        Any value gives the same result.

    Returns
    -------
    ndarray of shape (n_nodes,), int64
        ``CI_l(i) = (k_i - 1) * sum over j at distance exactly l of (k_j - 1)``,
        0 for nodes of degree <= 1.
    """
    n = indptr.size - 1
    degree = np.empty(n, dtype=np.int64)
    for v in range(n):
        degree[v] = indptr[v + 1] - indptr[v]
    alive = np.ones(n, dtype=np.bool_)
    out = np.zeros(n, dtype=np.int64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n)
        mark = np.full(n, -1, dtype=np.int64)
        queue = np.empty(n, dtype=np.int64)
        for i in range(lo, hi):
            out[i] = _ci_one(indptr, indices, alive, degree, radius, i, i, mark, queue)
    return out


@numba.njit(**NJIT_PARALLEL)
def collective_influence_removal(indptr, indices, radius, k, ci, n_chunks):
    """Return the first ``k`` nodes of the adaptive collective-influence removal.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    radius : int
        The radius l of the ball, >= 1.
    k : int
        Number of nodes to remove, 1 <= k <= n_nodes.
    ci : ndarray of shape (n_nodes,), int64
        ``collective_influence_all(indptr, indices, radius, ...)``;
        overwritten (it ends holding the CI of the remaining graph, -1 for
        removed nodes).
    n_chunks : int
        Number of parallel tasks for the recomputations, >= 1; each owns
        ``2 * n_nodes`` words of workspace. Any value gives the same result.

    Returns
    -------
    ndarray of shape (k,), int64
        The removed nodes, in removal order. Each step removes the alive node
        of highest CI in the remaining graph, ties broken by the higher
        remaining degree, then the lower position; then the CI of every alive
        node within distance ``radius + 1`` of it (before its removal) is
        recomputed, which are the only ones that can change (in parallel
        over those nodes: each writes only its own CI).
    """
    n = indptr.size - 1
    degree = np.empty(n, dtype=np.int64)
    for v in range(n):
        degree[v] = indptr[v + 1] - indptr[v]
    alive = np.ones(n, dtype=np.bool_)
    ball_mark = np.full(n, -1, dtype=np.int64)
    ball = np.empty(n, dtype=np.int64)
    marks = np.full((n_chunks, n), -1, dtype=np.int64)
    queues = np.empty((n_chunks, n), dtype=np.int64)
    chosen = np.empty(k, dtype=np.int64)
    for step in range(k):
        best = -1
        for v in range(n):
            if alive[v] and (
                best < 0 or ci[v] > ci[best] or (ci[v] == ci[best] and degree[v] > degree[best])
            ):
                best = v
        chosen[step] = best
        # The ball of radius + 1 around best, in the graph before removal.
        ball_mark[best] = step
        ball[0] = best
        lo = 0
        hi = 1
        for _ in range(radius + 1):
            end = hi
            for q in range(lo, end):
                v = ball[q]
                for e in range(indptr[v], indptr[v + 1]):
                    w = indices[e]
                    if alive[w] and ball_mark[w] != step:
                        ball_mark[w] = step
                        ball[hi] = w
                        hi += 1
            lo = end
            if lo == hi:
                break
        alive[best] = False
        ci[best] = -1
        for e in range(indptr[best], indptr[best + 1]):
            w = indices[e]
            if alive[w]:
                degree[w] -= 1
        degree[best] = 0
        # Stamps step * n + q are unique over the whole removal (q < n).
        for c in numba.prange(n_chunks):
            q_lo = 1 + (c * (hi - 1)) // n_chunks
            q_hi = 1 + ((c + 1) * (hi - 1)) // n_chunks
            for q in range(q_lo, q_hi):
                v = ball[q]
                ci[v] = _ci_one(
                    indptr, indices, alive, degree, radius, v, step * n + q, marks[c], queues[c]
                )
    return chosen


@numba.njit(**NJIT_PARALLEL)
def cluster_labels_bond_percolation(indptr, indices, p, beta, n_samples, key0, key1, purpose):
    """Return the cluster label of every node, and the size of every cluster, sample by sample.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    p : ndarray of shape (len(indices),) or (0,), float64
        Per-direction keep probabilities (equal both ways), or empty for
        "keep every edge with ``beta``".
    beta : float
        In [0, 1]; used only when ``p`` is empty.
    n_samples : int
        The samples ``0, ..., n_samples - 1``, >= 1.
    key0, key1 : uint64
        Root key. purpose : int, the stream purpose.

    Returns
    -------
    labels : ndarray of shape (n_samples, n_nodes), int32
        ``labels[r, v]``: v's cluster in sample r, numbered 0, 1, ... in the
        order of each cluster's lowest node position.
    sizes : ndarray of shape (n_samples, n_nodes), int32
        ``sizes[r, c]``: the number of nodes of cluster c in sample r (0 past
        the last cluster).

    Notes
    -----
    Sample r is ``bond_percolation_sample`` with the same arguments, so its
    draws (and the clusters) are those of
    ``netsim._kernels.percolation.cluster_sizes_bond_percolation``; each
    sample is a task writing only its own rows, so threads change nothing.
    """
    n = indptr.size - 1
    eu, ev, pe = upper_edges(indptr, indices, p)
    labels = np.empty((n_samples, n), dtype=np.int32)
    sizes = np.zeros((n_samples, n), dtype=np.int32)
    for r in numba.prange(n_samples):
        parent = np.empty(n, dtype=indices.dtype)
        bond_percolation_sample(eu, ev, pe, beta, key0, key1, purpose, r, parent)
        root_label = np.full(n, -1, dtype=np.int32)
        n_clusters = 0
        row = labels[r]
        size_row = sizes[r]
        for v in range(n):
            root = _find(parent, v)
            if root_label[root] < 0:
                root_label[root] = n_clusters
                size_row[n_clusters] = -parent[root]
                n_clusters += 1
            row[v] = root_label[root]
    return labels, sizes


@numba.njit(**NJIT)
def _heap_before(gain, pos, a, b):
    """Return True when heap entry a comes before b: higher gain, then lower position."""
    return gain[a] > gain[b] or (gain[a] == gain[b] and pos[a] < pos[b])


@numba.njit(**NJIT)
def _sift_down(heap, size, gain, pos, i):
    while True:
        left = 2 * i + 1
        if left >= size:
            return
        best = left
        right = left + 1
        if right < size and _heap_before(gain, pos, heap[right], heap[left]):
            best = right
        if _heap_before(gain, pos, heap[best], heap[i]):
            heap[i], heap[best] = heap[best], heap[i]
            i = best
        else:
            return


@numba.njit(**NJIT)
def greedy_sources_sample_average(labels, sizes, k):
    """Return the greedy choice of ``k`` sources on fixed percolation samples, with the gains.

    Parameters
    ----------
    labels, sizes : ndarray of shape (n_samples, n_nodes), int32
        From :func:`cluster_labels_bond_percolation`.
    k : int
        Number of sources, 1 <= k <= n_nodes.

    Returns
    -------
    chosen : ndarray of shape (k,), int64
        The sources, in order of choice. Step s takes the node of largest
        marginal gain ``sum over samples r of sizes[r, c]`` over the samples
        where its cluster ``c = labels[r, v]`` is not yet covered by a chosen
        source; ties go to the lowest position.
    gains : ndarray of shape (k,), int64
        The marginal gain of each choice, summed over samples (divide by
        ``n_samples`` for the mean).

    Notes
    -----
    Lazy evaluation (CELF): a max-heap ordered by (stale gain, -position);
    the objective is submodular, so a stale gain is an upper bound, and an
    entry whose gain is fresh for this step is the greedy choice, with the
    same ties as a full rescan. Time O(R n) for the first gains plus O(R) per
    re-evaluation; memory ``n_samples * n_nodes`` bytes for the coverage.
    """
    n_samples, n = labels.shape
    gain = np.zeros(n, dtype=np.int64)
    for r in range(n_samples):
        for v in range(n):
            gain[v] += sizes[r, labels[r, v]]
    pos = np.arange(n)
    fresh_at = np.zeros(n, dtype=np.int64)
    heap = np.arange(n)
    size = n
    for i in range(n // 2 - 1, -1, -1):
        _sift_down(heap, size, gain, pos, i)
    covered = np.zeros((n_samples, n), dtype=np.bool_)
    chosen = np.empty(k, dtype=np.int64)
    gains = np.empty(k, dtype=np.int64)
    for step in range(k):
        while True:
            v = heap[0]
            if fresh_at[v] == step:
                break
            total = np.int64(0)
            for r in range(n_samples):
                c = labels[r, v]
                if not covered[r, c]:
                    total += sizes[r, c]
            gain[v] = total
            fresh_at[v] = step
            _sift_down(heap, size, gain, pos, 0)
        chosen[step] = v
        gains[step] = gain[v]
        size -= 1
        heap[0] = heap[size]
        _sift_down(heap, size, gain, pos, 0)
        for r in range(n_samples):
            covered[r, labels[r, v]] = True
    return chosen, gains
