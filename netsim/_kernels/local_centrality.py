"""Local spreader centralities of an undirected graph in CSR form.

* :func:`h_indices`: the n-th order H-index of Lu, Zhou, Zhang and Stanley
  [1]_, h^(0) = degree and h^(n)(i) = H(h^(n-1) of i's neighbours), where
  H(x_1, ..., x_k) is the largest y such that at least y of the x's are >= y;
  or its limit, the core number.
* :func:`collective_influence_ball`: Morone and Makse's collective influence
  [2]_ CI_l(i) = (k_i - 1) * sum of (k_j - 1) over the nodes j at distance
  exactly l from i.
* :func:`semi_local_counts`: Chen et al.'s semi-local centrality [3]_: N(w),
  the number of nodes other than w within distance 2 of w, summed over the
  neighbours twice.
* :func:`voterank_elect`: the VoteRank election of Zhang et al. [4]_, with
  networkx's floating-point summation order and tie breaking.

The kernels are deterministic. The parallel ones run ``prange`` over chunks
of nodes (tasks), each chunk with its own work arrays (a stamp array marks
the nodes of the current ball, so it is never cleared); every node writes
only its own slot, so the values do not depend on the number of threads.
Each has a ``_serial`` twin running the same chunk code on one thread, for
small graphs, where starting the threads costs more than the work.
Kernels trust their inputs: validation happens in
:mod:`netsim.measures`.

References
----------
.. [1] L. Lu, T. Zhou, Q.-M. Zhang and H. E. Stanley, "The H-index of a
   network node and its relation to degree and coreness", Nat. Commun. 7,
   10168 (2016), doi:10.1038/ncomms10168.
.. [2] F. Morone and H. A. Makse, "Influence maximization in complex
   networks through optimal percolation", Nature 524, 65-68 (2015),
   doi:10.1038/nature14604.
.. [3] D. Chen, L. Lu, M.-S. Shang, Y.-C. Zhang and T. Zhou, "Identifying
   influential nodes in complex networks", Physica A 391, 1777-1787 (2012),
   doi:10.1016/j.physa.2011.09.017.
.. [4] J.-X. Zhang, D.-B. Chen, Q. Dong and Z.-D. Zhao, "Identifying a set
   of influential spreaders in complex networks", Sci. Rep. 6, 27823
   (2016), doi:10.1038/srep27823.
"""

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL

# Nodes are cut into at most this many chunks, each with its own O(n_nodes)
# work arrays: enough to balance the load, few enough that allocating the
# work arrays stays cheap. Chunk c holds the nodes c, c + n_chunks, ...:
# strided rather than contiguous, because hubs (far costlier than other
# nodes) often sit together, at the low positions of generated graphs. A
# constant, not a function of the thread count, so that results and cached
# kernels do not depend on it.
_MAX_CHUNKS = 64


@numba.njit(**NJIT)
def _n_chunks(n_tasks):
    """Return how many chunks of nodes share work arrays (a speed choice, not a result)."""
    return max(1, min(n_tasks, _MAX_CHUNKS))


@numba.njit(**NJIT)
def _degrees(indptr):
    n = indptr.size - 1
    degree = np.empty(n, dtype=np.int64)
    for v in range(n):
        degree[v] = indptr[v + 1] - indptr[v]
    return degree


@numba.njit(**NJIT)
def _max_degree(indptr):
    best = 0
    for v in range(indptr.size - 1):
        best = max(best, indptr[v + 1] - indptr[v])
    return best


@numba.njit(**NJIT)
def _h_of_neighbours(indptr, indices, h, v, count):
    """Return H of ``h`` over the neighbours of ``v``; ``count`` is scratch (>= deg + 1)."""
    start, end = indptr[v], indptr[v + 1]
    d = end - start
    for t in range(d + 1):
        count[t] = 0
    for e in range(start, end):
        # H never exceeds the number of values, so larger values count as d
        count[min(h[indices[e]], d)] += 1
    at_least = 0
    for t in range(d, 0, -1):
        at_least += count[t]
        if at_least >= t:
            return t
    return 0


@numba.njit(**NJIT)
def _h_chunk(indptr, indices, h, nxt, first, step, count):
    """Write one H step of nodes ``first, first + step, ...`` to ``nxt``; return if any moved."""
    moved = False
    for v in range(first, indptr.size - 1, step):
        nxt[v] = _h_of_neighbours(indptr, indices, h, v, count)
        moved = moved or nxt[v] != h[v]
    return moved


@numba.njit(**NJIT_PARALLEL)
def h_indices(indptr, indices, order):
    """Return the H-index of order ``order`` of every node (``order = -1``: its limit).

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), int32 or int64
    indices : ndarray of shape (n_entries,), int32 or int64
        CSR adjacency: both directions of every edge, no self-loops.
    order : int
        ``n >= 0`` applies the H operator n times to the degrees; ``-1``
        applies it until nothing changes (the core numbers, as [1]_ proves).

    Returns
    -------
    ndarray of shape (n_nodes,), int64
    """
    n = indptr.size - 1
    h = _degrees(indptr)
    width = _max_degree(indptr) + 1
    n_chunks = _n_chunks(n)
    changed = np.zeros(n_chunks, dtype=np.bool_)
    done = 0
    while order < 0 or done < order:
        nxt = np.empty(n, dtype=np.int64)
        for c in numba.prange(n_chunks):
            count = np.empty(width, dtype=np.int64)
            changed[c] = _h_chunk(indptr, indices, h, nxt, c, n_chunks, count)
        h = nxt
        done += 1
        if not changed.any():
            break
    return h


@numba.njit(**NJIT)
def h_indices_serial(indptr, indices, order):
    """Return what :func:`h_indices` returns, on one thread (for small graphs)."""
    n = indptr.size - 1
    h = _degrees(indptr)
    count = np.empty(_max_degree(indptr) + 1, dtype=np.int64)
    done = 0
    while order < 0 or done < order:
        nxt = np.empty(n, dtype=np.int64)
        moved = _h_chunk(indptr, indices, h, nxt, 0, 1, count)
        h = nxt
        done += 1
        if not moved:
            break
    return h


@numba.njit(**NJIT)
def _ball(indptr, indices, i, radius, stamp, queue):
    """Visit the ball of radius ``radius`` around ``i`` breadth first.

    Marks the visited nodes with ``stamp[node] = i`` (``stamp`` must hold no
    ``i`` before) and leaves them in ``queue`` in visiting order. Returns
    ``(n_ball, frontier_lo)``: the ball is ``queue[:n_ball]`` and its
    frontier, the nodes at distance exactly ``radius``, is
    ``queue[frontier_lo:n_ball]`` (empty if no node is that far).
    """
    stamp[i] = i
    queue[0] = i
    lo, hi = 0, 1
    for _ in range(radius):
        end = hi
        for q in range(lo, hi):
            u = queue[q]
            for e in range(indptr[u], indptr[u + 1]):
                w = indices[e]
                if stamp[w] != i:
                    stamp[w] = i
                    queue[end] = w
                    end += 1
        lo, hi = hi, end
        if lo == hi:
            break
    return hi, lo


@numba.njit(**NJIT)
def _ci_chunk(indptr, indices, radius, out, first, step):
    """Write CI_radius of nodes ``first, first + step, ...`` into ``out``."""
    n = indptr.size - 1
    stamp = np.full(n, -1, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    for i in range(first, n, step):
        n_ball, first = _ball(indptr, indices, i, radius, stamp, queue)
        total = 0
        for q in range(first, n_ball):
            j = queue[q]
            total += indptr[j + 1] - indptr[j] - 1
        out[i] = (indptr[i + 1] - indptr[i] - 1) * total


@numba.njit(**NJIT_PARALLEL)
def collective_influence_ball(indptr, indices, radius):
    """Return CI_radius of every node: (k_i - 1) * sum of (k_j - 1) over the frontier.

    Parameters
    ----------
    indptr, indices : ndarray, int32 or int64
        CSR adjacency: both directions of every edge, no self-loops.
    radius : int
        ``l >= 0``; the frontier of radius 0 is the node itself.

    Returns
    -------
    ndarray of shape (n_nodes,), int64
    """
    n = indptr.size - 1
    out = np.empty(n, dtype=np.int64)
    n_chunks = _n_chunks(n)
    for c in numba.prange(n_chunks):
        _ci_chunk(indptr, indices, radius, out, c, n_chunks)
    return out


@numba.njit(**NJIT)
def collective_influence_ball_serial(indptr, indices, radius):
    """Return what :func:`collective_influence_ball` returns, on one thread."""
    out = np.empty(indptr.size - 1, dtype=np.int64)
    _ci_chunk(indptr, indices, radius, out, 0, 1)
    return out


@numba.njit(**NJIT)
def _reach_chunk(indptr, indices, reach, first, step):
    """Write N(w), the nodes other than w within distance 2, for w = first, first + step, ..."""
    n = indptr.size - 1
    stamp = np.full(n, -1, dtype=np.int64)
    queue = np.empty(n, dtype=np.int64)
    for w in range(first, n, step):
        n_ball, _ = _ball(indptr, indices, w, 2, stamp, queue)
        reach[w] = n_ball - 1


@numba.njit(**NJIT)
def _neighbour_sum(indptr, indices, values, v):
    total = 0
    for e in range(indptr[v], indptr[v + 1]):
        total += values[indices[e]]
    return total


@numba.njit(**NJIT_PARALLEL)
def semi_local_counts(indptr, indices):
    """Return ``(N, Q, C_L)`` of the semi-local centrality, each int64 of shape (n_nodes,).

    ``N[w]`` is the number of nodes other than ``w`` within distance 2 of
    ``w``; ``Q[u]`` sums ``N`` over the neighbours of ``u``; ``C_L[v]`` sums
    ``Q`` over the neighbours of ``v``. CSR adjacency as in
    :func:`collective_influence_ball`.
    """
    n = indptr.size - 1
    reach = np.empty(n, dtype=np.int64)
    n_chunks = _n_chunks(n)
    for c in numba.prange(n_chunks):
        _reach_chunk(indptr, indices, reach, c, n_chunks)
    q = np.empty(n, dtype=np.int64)
    for v in numba.prange(n):
        q[v] = _neighbour_sum(indptr, indices, reach, v)
    total = np.empty(n, dtype=np.int64)
    for v in numba.prange(n):
        total[v] = _neighbour_sum(indptr, indices, q, v)
    return reach, q, total


@numba.njit(**NJIT)
def semi_local_counts_serial(indptr, indices):
    """Return what :func:`semi_local_counts` returns, on one thread."""
    n = indptr.size - 1
    reach = np.empty(n, dtype=np.int64)
    _reach_chunk(indptr, indices, reach, 0, 1)
    q = np.empty(n, dtype=np.int64)
    for v in range(n):
        q[v] = _neighbour_sum(indptr, indices, reach, v)
    total = np.empty(n, dtype=np.int64)
    for v in range(n):
        total[v] = _neighbour_sum(indptr, indices, q, v)
    return reach, q, total


@numba.njit(**NJIT)
def _better(score, a, b):
    """Return the node of larger score, the smaller index on ties; -1 is no node."""
    if a < 0:
        return b
    if b < 0:
        return a
    if score[a] > score[b]:
        return a
    if score[b] > score[a]:
        return b
    return min(a, b)


@numba.njit(**NJIT)
def _vote(indptr, order, ability, x):
    """Return the votes of ``x``: its neighbours' abilities, added in ``order``."""
    total = 0.0
    for e in range(indptr[x], indptr[x + 1]):
        total += ability[order[e]]
    return total


@numba.njit(**NJIT)
def voterank_elect(indptr, order, k):
    """Return the nodes elected by VoteRank, in election order (at most ``k``).

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), int32 or int64
    order : ndarray of shape (n_entries,), int32 or int64
        The neighbours of each node, both directions of every edge, no
        self-loops, each row in the order in which networkx adds their votes
        (the order of ``G.edges()``). Any row order gives the same votes up
        to rounding.
    k : int
        The most rounds to run, ``0 <= k <= n_nodes``.

    Returns
    -------
    ndarray of shape (n_elected,), int64

    Notes
    -----
    Each round, every node's votes are the sum of its neighbours' voting
    abilities; the node with the most votes (the smallest index among ties)
    is elected unless it has none, its ability becomes 0 and each
    neighbour's ability drops by 1 / <k> (floored at 0). An elected node
    has 0 votes. Instead of recounting every vote each round, only the
    nodes next to an ability that changed are recounted (in the same
    order, so the floats are the same), and a segment tree keeps the
    argmax: O((sum of recounts) log n) instead of O(k m).
    """
    n = indptr.size - 1
    elected = np.empty(k, dtype=np.int64)
    if n == 0 or k == 0:
        return elected[:0]
    inv = 1.0 / (float(indptr[n]) / float(n))  # networkx: 1 / (sum of degrees / n)
    ability = np.ones(n, dtype=np.float64)
    score = np.empty(n, dtype=np.float64)
    for x in range(n):
        score[x] = _vote(indptr, order, ability, x)
    is_elected = np.zeros(n, dtype=np.bool_)
    size = 1
    while size < n:
        size *= 2
    tree = np.full(2 * size, -1, dtype=np.int64)
    for x in range(n):
        tree[size + x] = x
    for p in range(size - 1, 0, -1):
        tree[p] = _better(score, tree[2 * p], tree[2 * p + 1])
    stamp = np.full(n, -1, dtype=np.int64)
    dirty = np.empty(n, dtype=np.int64)
    changed = np.empty(n, dtype=np.int64)
    n_elected = 0
    for r in range(k):
        top = tree[1]
        if score[top] == 0.0:
            break
        elected[n_elected] = top
        n_elected += 1
        is_elected[top] = True
        n_changed = 0
        if ability[top] != 0.0:
            changed[n_changed] = top
            n_changed += 1
        ability[top] = 0.0
        score[top] = 0.0
        n_dirty = 1
        dirty[0] = top
        stamp[top] = r
        for e in range(indptr[top], indptr[top + 1]):
            y = order[e]
            lowered = ability[y] - inv
            if lowered < 0.0:
                lowered = 0.0
            if lowered != ability[y]:
                ability[y] = lowered
                changed[n_changed] = y
                n_changed += 1
        for a in range(n_changed):
            y = changed[a]
            for e in range(indptr[y], indptr[y + 1]):
                x = order[e]
                if stamp[x] != r:
                    stamp[x] = r
                    dirty[n_dirty] = x
                    n_dirty += 1
        for a in range(n_dirty):
            x = dirty[a]
            if not is_elected[x]:
                score[x] = _vote(indptr, order, ability, x)
            p = (size + x) // 2
            while p >= 1:
                tree[p] = _better(score, tree[2 * p], tree[2 * p + 1])
                p //= 2
    return elected[:n_elected]
