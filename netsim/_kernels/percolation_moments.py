"""Bond percolation on a grid of beta: per sample, the sum of squared cluster sizes and the largest.

The regime of an outbreak on a graph is read from two numbers of its
bond-percolation clusters (discrete SIR with ``mu = 1``; Newman 2002,
doi:10.1103/PhysRevE.66.016128): the sum over clusters of ``s**2``, which is
the sum over nodes of their outbreak sizes (so ``sum s**2 / n**2`` is the
mean over nodes of ``M_i / n``), and the largest cluster ``S_max``, whose
removal leaves the finite clusters whose mean size (the susceptibility)
peaks at the threshold. Both are needed at every ``beta`` of an ascending
grid, for many samples: each edge draws one uniform, appears at every grid
point from its *level* on, and adding the edges level by level into a
union-find (Newman and Ziff 2000, doi:10.1103/PhysRevLett.85.4104) updates
``sum s**2`` (a merge of sizes ``a`` and ``b`` adds ``2 a b``) and
``S_max`` at the cost of the merge.

Layers (STYLE K6):

* :func:`prepare_moments`: the undirected edges and the grid's logarithms,
  shared by every sample;
* :func:`moments_sample`: the serial one-task kernel (one sample, in a
  caller's workspace);
* :func:`cluster_moments_beta_grid`: the parallel driver over samples.

Draw order (STYLE S7), sample ``r``: the stream is ``task_state(key0, key1,
purpose, r, 0)``; every undirected edge ``e = 0 .. m-1``, in the order of
``percolation.upper_edges`` (``i < j``, CSR order), draws one
``U = next_double``, whatever the grid. Its level is

* "contact" (``a`` empty; kept at ``beta`` iff ``U < beta``):
  ``k_e = min{k : U < betas[k]}``;
* "trust" (``a[k] = w / w_ref`` of stored direction ``k``; kept iff
  ``U < 1 - (1 - beta) ** a_e``): ``k_e = min{k : a_e * log1p(-betas[k]) <
  log1p(-U)}``, the same event in logarithms; an edge with ``a_e == 0``
  never transmits.

An edge with no such ``k`` is not in the sample at any grid point. These are
the draws and levels of ``beta_curve`` on a grid whose largest point is 1,
so on such a grid the sum over nodes of ``beta_curve``'s cluster sizes is
this kernel's ``sum s**2``, sample by sample, with the same key and purpose.
Because the draws do not depend on the grid, calls on different grids with
the same key and purpose see the same samples (coupled): a coarse pass can
be refined around a point of interest.

Cost of a sample: ``O(m log K)`` to find the levels, a counting sort of the
edges by level, and ``O(m alpha(n))`` to merge them; memory per parallel
chunk: two int64 words per edge and one per node.
"""

import math

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds
from .percolation import _find, upper_edges
from .prng import next_double, task_state

__all__ = ["cluster_moments_beta_grid", "moments_sample", "prepare_moments"]


@numba.njit(**NJIT)
def prepare_moments(indptr, indices, a, betas):
    """Return the undirected edges, their exponents and ``log1p(-betas)``.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    a : ndarray of shape (len(indices),) or (0,), float64
        Per-direction exponent ``w / w_ref`` (equal both ways, finite, >= 0)
        for "trust", or empty for "contact".
    betas : ndarray of shape (K,), float64
        Strictly ascending grid in [0, 1], K >= 1.

    Returns
    -------
    eu, ev : ndarray of shape (m,), dtype of ``indices``
        The ends of edge ``e`` (``percolation.upper_edges``).
    ae : ndarray of shape (m,) or (0,), float64
        The exponent of each edge, or empty.
    log_q : ndarray of shape (K,), float64
        ``log1p(-betas[k])``, ``-inf`` where ``betas[k] == 1``.
    """
    eu, ev, ae = upper_edges(indptr, indices, a)
    log_q = np.empty(betas.size, dtype=np.float64)
    for k in range(betas.size):
        log_q[k] = math.log1p(-betas[k]) if betas[k] < 1.0 else -math.inf
    return eu, ev, ae, log_q


@numba.njit(inline="always", **NJIT)
def _level_contact(betas, u):
    """Return min{k : u < betas[k]}, or K when there is none (bisection)."""
    lo = 0
    hi = betas.size
    while lo < hi:
        mid = (lo + hi) >> 1
        if u < betas[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


@numba.njit(inline="always", **NJIT)
def _level_trust(log_q, a, t):
    """Return min{k : a * log_q[k] < t}, or K when there is none; ``log_q`` descending, a > 0."""
    lo = 0
    hi = log_q.size
    while lo < hi:
        mid = (lo + hi) >> 1
        if a * log_q[mid] < t:
            hi = mid
        else:
            lo = mid + 1
    return lo


@numba.njit(**NJIT)
def moments_sample(
    eu, ev, ae, betas, log_q, key0, key1, purpose, r, parent, level, order, start, sum_sq, s_max
):
    """Draw sample ``r`` and write its ``sum s**2`` and ``S_max`` at every grid point (one task).

    Parameters
    ----------
    eu, ev, ae, log_q : ndarray
        From :func:`prepare_moments`; read only.
    betas : ndarray of shape (K,), float64
        Strictly ascending grid in [0, 1].
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.
    r : int
        The sample, >= 0.
    parent : ndarray of shape (n_nodes,), int64
        Workspace, overwritten (the union-find forest; a root holds minus
        its cluster's size).
    level, order : ndarray of shape (m,), int64
        Workspace, overwritten.
    start : ndarray of shape (K + 2,), int64
        Workspace, overwritten.
    sum_sq, s_max : ndarray of shape (K,), int64
        Overwritten: at ``betas[k]``, the sum over the sample's clusters of
        their squared sizes, and the size of the largest cluster (0 for a
        graph without nodes).

    Notes
    -----
    Draw order: see the module docstring.
    """
    n = parent.size
    m = eu.size
    n_levels = betas.size
    state = task_state(key0, key1, purpose, r, 0)
    for k in range(n_levels + 2):
        start[k] = 0
    for e in range(m):
        u = next_double(state)
        if ae.size == 0:
            k = _level_contact(betas, u)
        elif ae[e] > 0.0:
            k = _level_trust(log_q, ae[e], math.log1p(-u))
        else:
            k = n_levels  # a tie of zero trust never transmits
        level[e] = k
        start[k + 2] += 0 if k == n_levels else 1
    # Counting sort of the kept edges by level (stable in e): start[k + 1] is where level k
    # begins once the counts are summed, and moves on as edges are placed.
    for k in range(2, n_levels + 2):
        start[k] += start[k - 1]
    for e in range(m):
        k = level[e]
        if k < n_levels:
            order[start[k + 1]] = e
            start[k + 1] += 1
    for v in range(n):
        parent[v] = -1
    total = np.int64(n)
    biggest = np.int64(1 if n > 0 else 0)
    i = 0
    for k in range(n_levels):
        stop = start[k + 1]
        while i < stop:
            e = order[i]
            i += 1
            a = _find(parent, eu[e])
            b = _find(parent, ev[e])
            if a == b:
                continue
            size_a = -parent[a]
            size_b = -parent[b]
            if size_a < size_b:  # attach the smaller cluster under the larger
                a, b = b, a
                size_a, size_b = size_b, size_a
            parent[a] -= size_b
            parent[b] = a
            total += 2 * size_a * size_b
            if size_a + size_b > biggest:
                biggest = size_a + size_b
        sum_sq[k] = total
        s_max[k] = biggest


@numba.njit(**NJIT_PARALLEL)
def cluster_moments_beta_grid(indptr, indices, a, betas, n_samples, n_chunks, key0, key1, purpose):
    """Return, per sample and grid point, the sum of squared cluster sizes and the largest cluster.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    a : ndarray of shape (len(indices),) or (0,), float64
        Per-direction exponent ``w / w_ref`` for "trust", or empty for
        "contact".
    betas : ndarray of shape (K,), float64
        Strictly ascending grid in [0, 1], K >= 1.
    n_samples : int
        The samples ``0 .. n_samples - 1``, >= 0.
    n_chunks : int
        Number of parallel tasks, 1 <= n_chunks <= max(n_samples, 1); each
        owns a contiguous block of samples and a workspace of
        ``2 m + n_nodes`` int64 words. Any value gives the same result.
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.

    Returns
    -------
    sum_sq, s_max : ndarray of shape (n_samples, K), int64
        Row ``r``: sample ``r``'s sum over clusters of ``s**2``, and its
        largest cluster, at each grid point; both non-decreasing along the
        row.

    Notes
    -----
    Sample ``r`` draws from its own stream, so the rows do not depend on the
    number of threads or chunks, and the first rows of a call with more
    samples are those of a call with fewer (the prefix property).
    """
    n = indptr.size - 1
    n_levels = betas.size
    eu, ev, ae, log_q = prepare_moments(indptr, indices, a, betas)
    m = eu.size
    sum_sq = np.empty((n_samples, n_levels), dtype=np.int64)
    s_max = np.empty((n_samples, n_levels), dtype=np.int64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_samples)
        parent = np.empty(n, dtype=np.int64)
        level = np.empty(m, dtype=np.int64)
        order = np.empty(m, dtype=np.int64)
        start = np.empty(n_levels + 2, dtype=np.int64)
        for r in range(lo, hi):
            moments_sample(
                eu, ev, ae, betas, log_q, key0, key1, purpose, r, parent, level, order, start,
                sum_sq[r], s_max[r],
            )  # fmt: skip
    return sum_sq, s_max
