"""Bond percolation on CSR arrays: every node's cluster size, sample by sample.

Keeping each edge of an undirected graph independently with its transmission
probability and taking connected components maps discrete-time SIR with
``mu = 1`` (and the independent cascade) exactly onto bond percolation: in
one sample, the outbreak started from node i alone infects exactly the nodes
of i's cluster (Grassberger 1983, doi:10.1016/0025-5564(83)90033-7; Newman
2002, doi:10.1103/PhysRevE.66.016128). One sample therefore gives the
outbreak size from every node at once, in O(m) time instead of O(n m).

Layers (STYLE K6):

* :func:`upper_edges`: the undirected edge list, each edge once;
* :func:`bond_percolation_sample`: the serial one-task kernel (one sample,
  union-find in caller-provided workspace), the kernel that
  ``tests/reference/percolation.py`` replays in lockstep;
* :func:`cluster_sizes_bond_percolation`: one sample's cluster sizes as a
  fresh array (for tests and per-sample consumers);
* :func:`cluster_size_sums_bond_percolation`: the parallel driver, per-node
  sums and sums of squares of cluster sizes over a range of samples.

Draw order (STYLE S7), for sample ``r``: the stream is
``task_state(key0, key1, purpose, r, 0)``; the undirected edges are visited
once each, as the stored directions ``i -> j`` with ``i < j``, in CSR order
(rows ascending, neighbours ascending), numbered ``e = 0 .. m-1``.

* ``p`` empty ("contact", every edge kept with ``beta``): ``beta == 0`` keeps
  no edge and ``beta == 1`` keeps every edge, without drawing. Otherwise,
  starting from ``e = -1``, each draw ``U = next_double`` gives the number of
  edges skipped, ``g = floor(log(1 - U) / log1p(-beta))``; the next kept edge
  is ``e + 1 + g``, and the sample ends at the first draw for which that
  index is ``>= m``. (The geometric law of ``g`` makes every edge kept
  independently with probability ``beta``.)
* ``p`` given ("trust"): one draw ``U = next_double`` per edge, in edge
  order; edge ``e`` is kept when ``U < p_e``, with ``p_e`` the probability of
  its stored direction ``i -> j``.

Kept edges are merged in that order into a union-find (union by size, path
halving; Newman and Ziff 2000, doi:10.1103/PhysRevLett.85.4104). Cluster
sizes do not depend on the union-find's internal choices, so a reference
needs to replay only the draws.
"""

import math

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds
from .prng import next_double, task_state

__all__ = [
    "bond_percolation_sample",
    "cluster_size_sums_bond_percolation",
    "cluster_sizes_bond_percolation",
    "upper_edges",
]

#: Kept edges drawn before they are merged (fits in L1 cache; any value gives the same result).
_BATCH = 1024


@numba.njit(**NJIT)
def upper_edges(indptr, indices, p):
    """Return the undirected edges, each once, in CSR order.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), int32 or int64
    indices : ndarray of shape (2 * m,), same dtype as ``indptr``
        Sorted neighbour lists, both directions stored, no self-loops.
    p : ndarray of shape (2 * m,) or (0,), float64
        Per-direction probabilities, or empty.

    Returns
    -------
    eu, ev : ndarray of shape (m,), dtype of ``indices``
        The ends of edge ``e``, ``eu[e] < ev[e]``, ordered by ``(eu, ev)``.
    pe : ndarray of shape (m,) or (0,), float64
        ``p`` of the stored direction ``eu[e] -> ev[e]``; empty when ``p`` is.
    """
    n = indptr.size - 1
    m = 0
    for i in range(n):
        for k in range(indptr[i], indptr[i + 1]):
            if indices[k] > i:
                m += 1
    eu = np.empty(m, dtype=indices.dtype)
    ev = np.empty(m, dtype=indices.dtype)
    pe = np.empty(m if p.size > 0 else 0, dtype=np.float64)
    e = 0
    for i in range(n):
        for k in range(indptr[i], indptr[i + 1]):
            j = indices[k]
            if j > i:
                eu[e] = i
                ev[e] = j
                if p.size > 0:
                    pe[e] = p[k]
                e += 1
    return eu, ev, pe


@numba.njit(**NJIT)
def _find(parent, v):
    """Return the root of ``v``, halving the path on the way (mutates ``parent``).

    ``parent[v] >= 0`` is v's parent; a root holds minus its cluster's size.
    """
    p = parent[v]
    while p >= 0:
        pp = parent[p]
        if pp < 0:
            return p
        parent[v] = pp
        v = pp
        p = parent[v]
    return v


@numba.njit(**NJIT)
def _union(parent, u, v):
    """Merge the clusters of ``u`` and ``v``, the smaller under the larger."""
    a = _find(parent, u)
    b = _find(parent, v)
    if a != b:
        if parent[a] > parent[b]:  # a's cluster is the smaller one
            a, b = b, a
        parent[a] += parent[b]
        parent[b] = a


@numba.njit(**NJIT)
def _union_batch(parent, eu, ev, batch, n_batch):
    for k in range(n_batch):
        e = batch[k]
        _union(parent, eu[e], ev[e])


@numba.njit(**NJIT)
def bond_percolation_sample(eu, ev, pe, beta, key0, key1, purpose, r, parent):
    """Draw bond-percolation sample ``r`` into a union-find forest (the one-task kernel).

    Parameters
    ----------
    eu, ev : ndarray of shape (m,), int32 or int64
        Edge ends from :func:`upper_edges`.
    pe : ndarray of shape (m,) or (0,), float64
        Keep probability of each edge, or empty for "keep with ``beta``".
    beta : float
        Keep probability of every edge when ``pe`` is empty, in [0, 1].
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.
    r : int
        The sample, >= 0.
    parent : ndarray of shape (n_nodes,), signed integer
        Workspace, overwritten with the sample's union-find forest:
        ``parent[v] >= 0`` is v's parent, a root ``v`` holds ``-size`` of its
        cluster; the size of node v's cluster is ``-parent[_find(parent, v)]``.

    Notes
    -----
    Draw order: see the module docstring. The kept edges of a batch of draws
    are merged after the batch is drawn: the unions' memory accesses then
    do not wait on the draws (the merge order, and so the result, is the
    same).
    """
    for v in range(parent.size):
        parent[v] = -1
    m = eu.size
    if pe.size == 0 and beta >= 1.0:
        for e in range(m):
            _union(parent, eu[e], ev[e])
        return
    if pe.size == 0 and beta <= 0.0:
        return
    state = task_state(key0, key1, purpose, r, 0)
    batch = np.empty(_BATCH, dtype=np.int64)
    if pe.size > 0:
        for start in range(0, m, _BATCH):
            n_batch = 0
            for e in range(start, min(start + _BATCH, m)):
                if next_double(state) < pe[e]:
                    batch[n_batch] = e
                    n_batch += 1
            _union_batch(parent, eu, ev, batch, n_batch)
        return
    log_q = math.log1p(-beta)
    e = -1
    done = False
    while not done:
        n_batch = 0
        while n_batch < _BATCH:
            # Kept as a float (floor by int() below): for tiny beta the skip
            # can exceed the int64 range, and the comparison must not wrap.
            g = math.log(1.0 - next_double(state)) / log_q
            if g >= m - 1 - e:
                done = True
                break
            e += 1 + int(g)
            batch[n_batch] = e
            n_batch += 1
        _union_batch(parent, eu, ev, batch, n_batch)


@numba.njit(**NJIT)
def cluster_sizes_bond_percolation(indptr, indices, p, beta, key0, key1, purpose, r):
    """Return every node's cluster size in bond-percolation sample ``r``.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    p : ndarray of shape (len(indices),) or (0,), float64
        Per-direction keep probabilities (equal both ways), or empty for
        "keep every edge with ``beta``".
    beta : float
        In [0, 1]; used only when ``p`` is empty.
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.
    r : int
        The sample, >= 0.

    Returns
    -------
    ndarray of shape (n_nodes,), int64
        Size of each node's cluster: its outbreak size in this sample.
    """
    n = indptr.size - 1
    eu, ev, pe = upper_edges(indptr, indices, p)
    parent = np.empty(n, dtype=indices.dtype)
    bond_percolation_sample(eu, ev, pe, beta, key0, key1, purpose, r, parent)
    out = np.empty(n, dtype=np.int64)
    for v in range(n):
        out[v] = -parent[_find(parent, v)]
    return out


@numba.njit(**NJIT_PARALLEL)
def cluster_size_sums_bond_percolation(
    indptr, indices, p, beta, sample_start, n_samples, n_chunks, key0, key1, purpose
):
    """Return per-node sums and sums of squares of cluster sizes over many samples.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    p : ndarray of shape (len(indices),) or (0,), float64
        Per-direction keep probabilities (equal both ways), or empty for
        "keep every edge with ``beta``".
    beta : float
        In [0, 1]; used only when ``p`` is empty.
    sample_start, n_samples : int
        The samples ``sample_start, ..., sample_start + n_samples - 1``.
    n_chunks : int
        Number of parallel tasks, 1 <= n_chunks <= max(n_samples, 1); each
        owns a contiguous block of samples and its own accumulators. Any value
        gives the same result (integer sums are exact in any order); it only
        trades memory (``n_chunks * n_nodes`` words) against parallelism.
    key0, key1 : uint64
        Root key. purpose : int, the stream purpose.

    Returns
    -------
    sums, sums_sq : ndarray of shape (n_nodes,), int64
        Sum over the samples of each node's cluster size, and of its square.

    Notes
    -----
    Sample ``r`` draws from its own stream (module docstring), so a range of
    samples splits into sub-ranges whose sums add up exactly (the prefix
    property), whatever the number of threads or chunks.
    """
    n = indptr.size - 1
    eu, ev, pe = upper_edges(indptr, indices, p)
    chunk_sums = np.zeros((n_chunks, n), dtype=np.int64)
    chunk_sums_sq = np.zeros((n_chunks, n), dtype=np.int64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_samples)
        lo += sample_start
        hi += sample_start
        parent = np.empty(n, dtype=indices.dtype)
        acc = chunk_sums[c]
        acc_sq = chunk_sums_sq[c]
        for r in range(lo, hi):
            bond_percolation_sample(eu, ev, pe, beta, key0, key1, purpose, r, parent)
            for v in range(n):
                s = np.int64(-parent[_find(parent, v)])
                acc[v] += s
                acc_sq[v] += s * s
    sums = np.zeros(n, dtype=np.int64)
    sums_sq = np.zeros(n, dtype=np.int64)
    for c in range(n_chunks):
        for v in range(n):
            sums[v] += chunk_sums[c, v]
            sums_sq[v] += chunk_sums_sq[c, v]
    return sums, sums_sq
