"""Bond percolation on a whole grid of beta at once: coupled samples, one pass each.

Discrete SIR with ``mu = 1`` is bond percolation (``percolation.py``): node
i's outbreak in a sample is its cluster. Here one sample serves every
``beta`` of an ascending grid ``betas[0] < ... < betas[K-1]``: each edge
``e`` gets one uniform ``u_e`` and is kept at ``beta`` when
``u_e < p_e(beta)``. Since ``p_e`` grows with ``beta``, edge ``e`` is kept
at every grid point from its *level* ``k_e`` on, and adding the edges
level by level into one union-find (Newman and Ziff 2000,
doi:10.1103/PhysRevLett.85.4104) gives the clusters at every grid point.
In each sample, every node's cluster size is non-decreasing along the grid.

Layers (STYLE K6):

* :func:`beta_curve_sample`: the serial one-task kernel (one sample, in a
  caller's workspace), adding the sample's per-node cluster-size changes to
  per-node difference rows;
* :func:`cluster_sizes_beta_curve`: one sample's ``(K, n_nodes)`` matrix of
  cluster sizes, as a fresh array (what ``tests/reference/beta_curve.py``
  replays in lockstep);
* :func:`cluster_size_sums_beta_curve`: the parallel driver, per-node sums
  and sums of squares of cluster sizes at every grid point over a range of
  samples.

Draw order (STYLE S7), sample ``r``: the stream is ``task_state(key0, key1,
purpose, r, 0)``; the undirected edges ``e = 0 .. m-1`` are those of
``percolation.upper_edges`` (``i < j``, CSR order). ``U`` and ``V`` are
``next_double`` draws; ``b = betas[K-1]`` is the largest grid point and
``L[k] = log1p(-betas[k])``.

* "contact" (``a`` empty; ``p_e(beta) = beta``). ``b == 0``: no draw, no
  edge. ``b == 1``: every edge, in order, draws ``V``. Otherwise the edges
  kept at ``b`` are found by geometric skips exactly as in
  ``percolation.py`` (from ``e = -1``, each ``U`` gives the skip
  ``g = floor(log(1 - U) / L[K-1])``; the next kept edge is ``e + 1 + g``;
  the sample ends at the first draw for which that is ``>= m``), and each
  kept edge, right after its skip draw, draws ``V``. The edge's uniform is
  ``u_e = V * b`` (uniform on ``[0, b)`` given that it is kept at ``b``),
  and its level is ``k_e = min{k : u_e < betas[k]}``.
* "trust" (``a[k]`` the exponent ``w / w_ref`` of stored direction ``k``;
  ``p_e(beta) = 1 - (1 - beta) ** a_e``): one ``U`` per edge, in edge
  order. The edge is kept at some grid point when
  ``U < -expm1(a_e * L[K-1])`` (never when ``a_e == 0``); its level is then
  ``k_e = min{k : a_e * L[k] < log1p(-U)}`` (the same event as
  ``U < p_e(betas[k])``, in the logarithmic form that needs one logarithm).

If rounding leaves no ``k`` for a kept edge, its level is ``K - 1``. Edge
``e`` belongs to the sample at ``betas[k]`` iff it was kept and ``k >= k_e``.
Cluster sizes do not depend on the order of unions, so a reference needs to
replay only the draws and the levels.

Algorithm of one sample, in O(m_b + n + C) time (m_b the edges kept at
``b``, C <= K n the number of size changes along the grid):

1. The kept edges are listed per level while they are drawn (no sort), and
   their ends are gathered afterwards, in edge order.
2. Level by level, they are merged with union by size. A second copy of the
   forest has its paths halved for finding roots; the first is never
   compressed, so it records who was attached under whom, and in which
   order. A root that grows during a level holds one *history* entry for
   that level: (level, its size), updated while it grows.
3. From the last attachment back to the first, every node that ever
   absorbed a cluster extends its history with its parent's, from the entry
   of the level at which it was attached (which supersedes its own entry of
   that level, if any): its *track*, the (level, size) of every change of
   its cluster's size along the grid, at strictly increasing levels (so at
   most K entries). A node that absorbed nothing follows its parent's track
   from that entry on; a node never attached and never grown is a singleton
   at every grid point.
4. Node by node, each adds the changes of its size, and of its squared
   size, to its row of a difference array (sizes are counted from 1, so
   singletons add nothing). The rows are prefix-summed over the grid once,
   after all samples. A giant cluster that grows at every level has one
   track, read by its members when the sample is over, instead of updating
   them all at every level.
"""

import math

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds
from .percolation import upper_edges
from .prng import next_double, task_state

__all__ = [
    "beta_curve_sample",
    "beta_curve_workspace",
    "cluster_size_sums_beta_curve",
    "cluster_sizes_beta_curve",
    "prepare_beta_curve",
]

# Fields of a node's record in the workspace (beta_curve_workspace); a node's fields
# share a cache line.
_PARENT = 0  # the forest: parent, or minus the cluster size at a root (never compressed)
_UP = 1  # the same forest with paths halved, for finding roots (-1 at a root)
_START = 2  # where an attached node's track goes on in its parent's track
_COUNT = 3  # number of history entries of a node (made while it was a root)
_STAMP = 4  # the last level at which a root grew (-1: never, so nobody's parent)
_LENGTH = 5  # length of a node's track
_FIELDS = 8  # record width (a power of two)
# The same as unsigned offsets: node ids are >= 0, and unsigned indexing spares the hot
# loops numba's negative-index handling. (numba turns uint64 mixed with int64 into
# float64, so unsigned and signed values never meet in one expression.)
_UFIELDS = np.uint64(_FIELDS)
_UPARENT = np.uint64(_PARENT)
_UUP = np.uint64(_UP)
_USTART = np.uint64(_START)
_UCOUNT = np.uint64(_COUNT)
_USTAMP = np.uint64(_STAMP)


#: Cells per grid point of the table that guesses an edge's level ("contact").
_CELLS_PER_LEVEL = 8

_ONE = np.uint64(1)
_TWO = np.uint64(2)


@numba.njit(**NJIT)
def prepare_beta_curve(indptr, indices, a, betas):
    """Return the per-call tables shared by every sample.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    a : ndarray of shape (len(indices),) or (0,), float64
        Per-direction exponent ``w / w_ref`` ("trust"), or empty ("contact").
    betas : ndarray of shape (K,), float64
        The grid, strictly ascending, in [0, 1], K >= 1.

    Returns
    -------
    tables : tuple of ndarray
        ``(ends, ae, log_q, p_max, guess)``, read by every sample:

        * ``ends``, shape (2 m,), dtype of ``indices``: ``ends[2 e]`` and
          ``ends[2 e + 1]`` are the ends ``i < j`` of edge ``e``
          (``percolation.upper_edges``' order);
        * ``ae``, shape (m,) or (0,), float64: the exponent of each edge, or
          empty;
        * ``log_q``, shape (K,), float64: ``log1p(-betas[k])``;
        * ``p_max``, shape (m,) or (0,), float64:
          ``-expm1(ae[e] * log_q[K-1])`` (0 where ``ae[e] == 0``), the
          probability that edge ``e`` is kept at ``betas[K-1]`` ("trust"
          only);
        * ``guess``, shape (8 K,), int64: a first guess of the level of a
          "contact" edge whose ``V`` is in ``[c / (8 K), (c + 1) / (8 K))``
          (any guess gives the same level; a good one saves steps).
    capacity : int
        A first size for the buffer of kept edges (it grows when needed).
    """
    eu, ev, ae = upper_edges(indptr, indices, a)
    m = eu.size
    ends = np.empty(2 * m, dtype=eu.dtype)
    for e in range(m):
        ends[2 * e] = eu[e]
        ends[2 * e + 1] = ev[e]
    n_levels = betas.size
    b = betas[n_levels - 1]
    log_q = np.empty(n_levels, dtype=np.float64)
    for k in range(n_levels):
        log_q[k] = math.log1p(-betas[k]) if betas[k] < 1.0 else -math.inf
    n_cells = _CELLS_PER_LEVEL * n_levels
    guess = np.empty(n_cells, dtype=np.int64)
    k = 0
    for c in range(n_cells):
        while k < n_levels - 1 and betas[k] <= (c / n_cells) * b:
            k += 1
        guess[c] = k
    p_max = np.empty(ae.size, dtype=np.float64)
    expected = b * m
    if ae.size > 0:
        expected = 0.0
        for e in range(m):
            # A tie of zero trust never transmits, not even at beta = 1.
            p_max[e] = -math.expm1(ae[e] * log_q[n_levels - 1]) if ae[e] > 0.0 else 0.0
            expected += p_max[e]
    capacity = min(max(m, 1), int(expected + 4.0 * math.sqrt(expected)) + 64)
    return (ends, ae, log_q, p_max, guess), capacity


@numba.njit(**NJIT)
def beta_curve_workspace(tables, n_nodes, n_levels, capacity):
    """Return fresh work arrays for :func:`beta_curve_sample` (reused across samples).

    Parameters
    ----------
    tables : tuple of ndarray
        From :func:`prepare_beta_curve` (the dtype of its ``ends`` is used for
        the work arrays).
    n_nodes, n_levels : int
        Number of nodes and of grid points.
    capacity : int
        From :func:`prepare_beta_curve`.

    Returns
    -------
    space : tuple of ndarray
        ``(work, attached, history, first)``:

        * ``work``, shape (8 n_nodes,): one record per node (union-find
          forests, history counts);
        * ``attached``, shape (n_nodes,): the attached nodes, in order;
        * ``history``, shape (2 n_nodes K,): ``history[2 (K x + t)]`` and the
          next word are the level and cluster size of the ``t``-th entry of
          node x's history, then of its track;
        * ``first``, shape (K,), int64: the first kept edge of each level, -1
          for none.
    kept : ndarray of shape (3 c,)
        Kept edges: both ends and the next kept edge of the same level, side
        by side; ``c`` grows as needed.
    """
    dtype = tables[0].dtype
    work = np.empty(_FIELDS * n_nodes, dtype=dtype)
    attached = np.empty(n_nodes, dtype=dtype)
    history = np.empty(2 * n_nodes * n_levels, dtype=dtype)
    first = np.empty(n_levels, dtype=np.int64)
    kept = np.empty(3 * capacity, dtype=dtype)
    return (work, attached, history, first), kept


@numba.njit(**NJIT)
def _grown(kept, n_kept):
    """Return ``kept`` with its first ``n_kept`` edges, in a buffer twice as large."""
    grown = np.empty(2 * kept.size, dtype=kept.dtype)
    grown[: 3 * n_kept] = kept[: 3 * n_kept]
    return grown


@numba.njit(inline="always", **NJIT)
def _keep(kept, n_kept, first, e, level):
    """Write edge ``e`` as kept edge ``n_kept``, at the front of its level's list."""
    i = 3 * n_kept
    kept[i] = e
    kept[i + 2] = first[level]
    first[level] = n_kept


@numba.njit(**NJIT)
def _gather_ends(kept, n_kept, ends):
    """Replace each kept edge's index by its two ends (in index order: prefetch-friendly)."""
    for i in range(n_kept):
        e = kept[3 * i]
        kept[3 * i] = ends[2 * e]
        kept[3 * i + 1] = ends[2 * e + 1]


@numba.njit(inline="always", **NJIT)
def _level_contact(betas, guess, v, u):
    """Return min{k : u < betas[k]} (K - 1 if none), starting from the guess for ``v``."""
    k = guess[int(v * guess.size)]
    last = betas.size - 1
    if k < last and not u < betas[k]:  # the usual correction: the next grid point
        k += 1
    # Exact whatever the guess: the condition only turns true as k grows.
    while k > 0 and u < betas[k - 1]:
        k -= 1
    while k < last and not u < betas[k]:
        k += 1
    return k


@numba.njit(inline="always", **NJIT)
def _level_trust(log_q, a, t):
    """Return min{k : a * log_q[k] < t} (K - 1 if none); ``log_q`` descending, a >= 0."""
    base = 0
    n = log_q.size
    while n > 1:  # branch-free bisection: the answer stays in [base, base + n)
        half = n >> 1
        base = base if a * log_q[base + half - 1] < t else base + half
        n -= half
    return base


@numba.njit(**NJIT)
def _draw_trust(state, ae, p_max, log_q, kept, first, n_kept, e):
    """Draw edges from ``e`` on until ``kept`` is full or the edges run out.

    Returns the number of kept edges and the next edge to draw.
    """
    m = ae.size
    capacity = kept.size // 3
    while e < m and n_kept < capacity:
        u = next_double(state)
        if u < p_max[e]:
            _keep(kept, n_kept, first, e, _level_trust(log_q, ae[e], math.log1p(-u)))
            n_kept += 1
        e += 1
    return n_kept, e


@numba.njit(**NJIT)
def _draw_contact(state, m, betas, log_q, guess, kept, first, n_kept, e):
    """Skip to the kept edges after ``e`` until ``kept`` is full or the edges run out.

    Returns the number of kept edges, the last one, and whether the sample
    is complete (the ending skip was drawn).
    """
    n_levels = betas.size
    b = betas[n_levels - 1]
    log_b = log_q[n_levels - 1]
    capacity = kept.size // 3
    while n_kept < capacity:
        # Kept as a float: for tiny b the skip can exceed the int64 range.
        g = math.log(1.0 - next_double(state)) / log_b
        if g >= m - 1 - e:
            return n_kept, e, True
        e += 1 + int(g)
        v = next_double(state)
        _keep(kept, n_kept, first, e, _level_contact(betas, guess, v, v * b))
        n_kept += 1
    return n_kept, e, False


@numba.njit(**NJIT)
def _draw_kept(ends, ae, p_max, betas, log_q, guess, key0, key1, purpose, r, kept, first):
    """Draw sample ``r``'s kept edges and their levels (module docstring's order).

    Returns the (possibly grown) ``kept`` buffer, holding the kept edges of
    each level as a list from ``first[level]`` (overwritten).
    """
    m = ends.size // 2
    b = betas[betas.size - 1]
    first[:] = -1
    n_kept = 0
    if ae.size > 0:
        state = task_state(key0, key1, purpose, r, 0)
        e = 0
        while True:
            n_kept, e = _draw_trust(state, ae, p_max, log_q, kept, first, n_kept, e)
            if e == m:
                break
            kept = _grown(kept, n_kept)
    elif b >= 1.0:
        state = task_state(key0, key1, purpose, r, 0)
        if kept.size < 3 * m:
            kept = np.empty(3 * m, dtype=kept.dtype)
        for e in range(m):
            v = next_double(state)
            _keep(kept, e, first, e, _level_contact(betas, guess, v, v))
        n_kept = m
    elif b > 0.0:
        state = task_state(key0, key1, purpose, r, 0)
        e = -1
        while True:
            n_kept, e, done = _draw_contact(state, m, betas, log_q, guess, kept, first, n_kept, e)
            if done:
                break
            kept = _grown(kept, n_kept)
    _gather_ends(kept, n_kept, ends)
    return kept


@numba.njit(inline="always", **NJIT)
def _find(work, v):
    """Return the root of ``v``, halving the path on the way (mutates ``work``)."""
    # Unsigned offsets (node ids are >= 0): no negative-index handling.
    r = np.uint64(v) * _UFIELDS + _UUP
    while work[r] >= 0:
        w = np.uint64(work[r]) * _UFIELDS + _UUP
        if work[w] >= 0:
            work[r] = work[w]
        r = w
    return (r - _UUP) // _UFIELDS


@numba.njit(**NJIT)
def _merge_levels(kept, first, work, attached, history):
    """Merge the kept edges level by level; leave every node's track in ``history``.

    On return, ``history`` holds from ``2 K x`` the ``length`` entries
    (level, size) of the track of every node x that ever absorbed a cluster
    (``stamp >= 0``): each change of x's cluster size along the grid, at
    strictly increasing levels (so at most K of them). Any other attached
    node follows its parent's track from entry ``start`` on. Returns the
    number of attached nodes.
    """
    n_levels = first.size
    for v in range(0, work.size, _FIELDS):
        work[v + _PARENT] = -1
        work[v + _UP] = -1
        work[v + _COUNT] = 0
        work[v + _STAMP] = -1
    n_attached = 0
    width = np.uint64(2 * n_levels)
    for k in range(n_levels):
        i = first[k]
        while i >= 0:
            a = _find(work, kept[3 * i])
            c = _find(work, kept[3 * i + 1])
            i = kept[3 * i + 2]
            if a == c:
                continue
            ra = a * _UFIELDS
            rc = c * _UFIELDS
            if work[ra + _UPARENT] > work[rc + _UPARENT]:  # a is the smaller: attach it under c
                a, c = c, a
                ra, rc = rc, ra
            work[ra + _UPARENT] += work[rc + _UPARENT]
            work[rc + _UPARENT] = a
            work[rc + _UUP] = a
            attached[n_attached] = c
            n_attached += 1
            # a's history entry for this level, made at its first growth in the level and
            # updated at each one after; c's track goes on at that entry.
            if work[ra + _USTAMP] != k:
                work[ra + _USTAMP] = k
                work[ra + _UCOUNT] += 1
            j = work[ra + _UCOUNT] - 1
            work[rc + _USTART] = j
            h = a * width + _TWO * np.uint64(j)
            history[h] = k
            history[h + _ONE] = -work[ra + _UPARENT]
    for v in range(0, work.size, _FIELDS):
        work[v + _LENGTH] = work[v + _COUNT]
    # From the last attachment back: a parent's track is complete before any child
    # (attached earlier) copies from it.
    for i in range(n_attached - 1, -1, -1):
        x = attached[i]
        rx = _FIELDS * x
        if work[rx + _STAMP] < 0:
            continue  # nobody's parent: it reads its parent's track directly
        p = work[rx + _PARENT]
        rp = _FIELDS * p
        source = 2 * (n_levels * p + work[rx + _START])
        stop = 2 * (n_levels * p + work[rp + _LENGTH])
        j = work[rx + _COUNT]
        if work[rx + _STAMP] == history[source]:
            # x grew earlier in the level at which it was attached: that entry is
            # superseded by the parent's one at the same level.
            j -= 1
        target = 2 * (n_levels * x + j)
        # Unsigned offsets: no negative-index handling in the copy.
        t = np.uint64(source)
        u = np.uint64(target)
        while t < np.uint64(stop):
            history[u] = history[t]
            history[u + _ONE] = history[t + _ONE]
            t += _TWO
            u += _TWO
        work[rx + _LENGTH] = j + (stop - source) // 2
    return n_attached


@numba.njit(**NJIT)
def _add_changes(work, history, n_levels, rows):
    """Add every node's size changes along the grid to its difference row (flat)."""
    width = np.uint64(2 * n_levels)
    for v in range(work.size // _FIELDS):
        rv = _FIELDS * v
        if work[rv + _STAMP] >= 0:
            x = v
            j = 0
        elif work[rv + _PARENT] >= 0:
            x = work[rv + _PARENT]
            j = work[rv + _START]
        else:
            continue  # a singleton at every grid point: size 1, stored as no change
        # Unsigned offsets: no negative-index handling in the hot loop.
        row = np.uint64(v) * width
        h = np.uint64(x) * width + _TWO * np.uint64(j)
        stop = np.uint64(x) * width + _TWO * np.uint64(work[_FIELDS * x + _LENGTH])
        before = np.int64(1)
        before_sq = np.int64(1)
        while h < stop:
            size = np.int64(history[h + _ONE])
            size_sq = size * size
            i = row + _TWO * np.uint64(history[h])
            rows[i] += size - before
            rows[i + _ONE] += size_sq - before_sq
            before = size
            before_sq = size_sq
            h += _TWO


@numba.njit(**NJIT)
def beta_curve_sample(tables, betas, key0, key1, purpose, r, space, kept, rows):
    """Draw sample ``r`` over the whole grid and add its size changes to ``rows`` (one task).

    Parameters
    ----------
    tables : tuple of ndarray
        From :func:`prepare_beta_curve`; read only.
    betas : ndarray of shape (K,), float64
        Strictly ascending grid in [0, 1], K >= 1.
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.
    r : int
        The sample, >= 0.
    space, kept : tuple of ndarray, ndarray
        From :func:`beta_curve_workspace`; overwritten (``kept`` is replaced
        by a larger buffer when needed).
    rows : ndarray of shape (2 n_nodes K,), int64
        Accumulated, not overwritten: ``rows[2 (K v + k)]`` gains
        ``s_v(k) - s_v(k-1)`` and the next word gains
        ``s_v(k)**2 - s_v(k-1)**2``, where ``s_v(k)`` is the size of v's
        cluster at ``betas[k]`` and ``s_v(-1) = 1``. Prefix sums over ``k``,
        plus one per sample, give the sums of sizes and of squared sizes.

    Returns
    -------
    kept : ndarray of shape (3 c',)
        The buffer to pass to the next sample.

    Notes
    -----
    Draw order and algorithm: see the module docstring.
    """
    ends, ae, log_q, p_max, guess = tables
    work, attached, history, first = space
    kept = _draw_kept(ends, ae, p_max, betas, log_q, guess, key0, key1, purpose, r, kept, first)
    _merge_levels(kept, first, work, attached, history)
    _add_changes(work, history, betas.size, rows)
    return kept


@numba.njit(**NJIT)
def cluster_sizes_beta_curve(indptr, indices, a, betas, key0, key1, purpose, r):
    """Return every node's cluster size at every grid point in sample ``r``.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR arrays: sorted neighbour lists, both directions, no self-loops.
    a : ndarray of shape (len(indices),) or (0,), float64
        Per-direction exponent ``w / w_ref`` (equal both ways, finite, >= 0)
        for "trust", or empty for "contact".
    betas : ndarray of shape (K,), float64
        Strictly ascending grid in [0, 1], K >= 1.
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.
    r : int
        The sample, >= 0.

    Returns
    -------
    ndarray of shape (K, n_nodes), int64
        Row ``k``: each node's cluster size (its outbreak size) at
        ``betas[k]``; non-decreasing down each column.
    """
    n = indptr.size - 1
    n_levels = betas.size
    tables, capacity = prepare_beta_curve(indptr, indices, a, betas)
    space, kept = beta_curve_workspace(tables, n, n_levels, capacity)
    rows = np.zeros(2 * n * n_levels, dtype=np.int64)
    beta_curve_sample(tables, betas, key0, key1, purpose, r, space, kept, rows)
    out = np.empty((n_levels, n), dtype=np.int64)
    for v in range(n):
        size = np.int64(1)
        for k in range(n_levels):
            size += rows[2 * (n_levels * v + k)]
            out[k, v] = size
    return out


@numba.njit(**NJIT_PARALLEL)
def cluster_size_sums_beta_curve(
    indptr, indices, a, betas, sample_start, n_samples, n_chunks, key0, key1, purpose
):
    """Return per-node sums and sums of squares of cluster sizes at every grid point.

    Parameters
    ----------
    indptr, indices, a, betas
        As for :func:`cluster_sizes_beta_curve`.
    sample_start, n_samples : int
        The samples ``sample_start, ..., sample_start + n_samples - 1``.
    n_chunks : int
        Number of parallel tasks, 1 <= n_chunks <= max(n_samples, 1); each
        owns a contiguous block of samples, its own difference rows
        (``16 K n_nodes`` bytes) and workspace (about ``(2 K + 9) n_nodes``
        index words). Any value gives the same result (integer sums are exact
        in any order).
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose.

    Returns
    -------
    sums, sums_sq : ndarray of shape (K, n_nodes), int64
        Sum over the samples of each node's cluster size at ``betas[k]``, and
        of its square.

    Notes
    -----
    Sample ``r`` draws from its own stream, so a range of samples splits
    into sub-ranges whose sums add up exactly (the prefix property),
    whatever the number of threads or chunks.
    """
    n = indptr.size - 1
    n_levels = betas.size
    tables, capacity = prepare_beta_curve(indptr, indices, a, betas)
    chunk_rows = np.zeros((n_chunks, 2 * n * n_levels), dtype=np.int64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_samples)
        lo += sample_start
        hi += sample_start
        space, kept = beta_curve_workspace(tables, n, n_levels, capacity)
        rows = chunk_rows[c]
        for r in range(lo, hi):
            kept = beta_curve_sample(tables, betas, key0, key1, purpose, r, space, kept, rows)
    sums = np.empty((n_levels, n), dtype=np.int64)
    sums_sq = np.empty((n_levels, n), dtype=np.int64)
    width = 2 * n_levels
    for v in numba.prange(n):
        row = np.zeros(width, dtype=np.int64)
        for c in range(n_chunks):
            row += chunk_rows[c, width * v : width * (v + 1)]
        total = np.int64(n_samples)
        total_sq = np.int64(n_samples)
        for k in range(n_levels):
            total += row[2 * k]
            total_sq += row[2 * k + 1]
            sums[k, v] = total
            sums_sq[k, v] = total_sq
    return sums, sums_sq
