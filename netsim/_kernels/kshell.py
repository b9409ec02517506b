"""Core numbers and onion layers of an undirected graph in CSR form.

Both kernels peel the graph: they repeatedly remove the nodes of smallest
remaining degree, as Batagelj and Zaversnik [1]_ do, and record when each
node leaves. The onion decomposition [2]_ also records the removal round.

Instead of Batagelj and Zaversnik's bin sort (an array of nodes kept sorted
by remaining degree through position swaps), the kernels visit the degree
levels ``k = 0, 1, ...`` with a list of the remaining nodes, compacted at
each level, and a FIFO queue of the nodes whose degree falls to ``k``: the
serial form of ParK [3]_ and PKC [4]_. Nodes still leave in order of
remaining degree, so the results are the same, but a degree decrement costs
one scattered memory access instead of about four. A large round of
removals is also put in node order (through a bitmap), so that its rows are
read in memory order. Together these make the kernels about twice as fast as
the bin sort on random graphs of millions of edges.

The kernels trust their inputs (see each docstring for the preconditions):
validation and conversion happen in :mod:`netsim.measures`.

References
----------
.. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores
   decomposition of networks", arXiv:cs/0310049 (2003),
   doi:10.48550/arXiv.cs/0310049.
.. [2] L. Hebert-Dufresne, J. A. Grochow and A. Allard, "Multi-scale
   structure and topological anomaly detection via a new network statistic:
   the onion decomposition", Sci. Rep. 6, 31708 (2016),
   doi:10.1038/srep31708.
.. [3] N. S. Dasari, D. Ranjan and M. Zubair, "ParK: an efficient algorithm
   for k-core decomposition on multicore processors", IEEE BigData 2014,
   doi:10.1109/BigData.2014.7004366.
.. [4] H. Kabir and K. Madduri, "Parallel k-core decomposition on multicore
   platforms", IPDPSW 2017, doi:10.1109/IPDPSW.2017.151.
"""

import numba
import numpy as np

from ._options import NJIT


@numba.njit(**NJIT)
def _start_peeling(indptr, indices):
    """Return the degree of every node and the list of all nodes (the remaining ones).

    ``degree`` has ``indptr``'s dtype, ``remaining`` has ``indices``' dtype.
    """
    n_nodes = indptr.shape[0] - 1
    degree = np.empty(n_nodes, dtype=indptr.dtype)
    remaining = np.empty(n_nodes, dtype=indices.dtype)
    for v in range(n_nodes):
        degree[v] = indptr[v + 1] - indptr[v]
        remaining[v] = v
    return degree, remaining


@numba.njit(**NJIT)
def _collect_level(degree, remaining, n_remaining, k, queue, removed_mark):
    """Move the remaining nodes of degree <= k to ``queue``; compact the rest.

    Scans ``remaining[:n_remaining]`` in order. A node whose ``degree`` is
    negative already left and is dropped. A node of degree <= k is appended
    to ``queue[0:]`` and its degree is set to ``removed_mark`` (< 0). Every
    other node is kept, in order, at the front of ``remaining``, which so
    stays in increasing node order.

    Returns ``(n_queued, n_kept, lowest)``: the number of queued nodes, the
    number of remaining nodes kept, and the smallest degree among the kept
    ones (larger than any degree if none is kept).
    """
    n_queued = 0
    n_kept = 0
    lowest = degree.shape[0] + 1
    for i in range(n_remaining):
        v = remaining[i]
        d = degree[v]
        if d < 0:
            continue
        if d <= k:
            queue[n_queued] = v
            n_queued += 1
            degree[v] = removed_mark
        else:
            remaining[n_kept] = v
            n_kept += 1
            lowest = min(lowest, d)
    return n_queued, n_kept, lowest


@numba.njit(**NJIT)
def _remove_round(indptr, indices, degree, queue, start, end, n_queued, k, mark):
    """Remove the nodes ``queue[start:end]``; queue the neighbours that fall to ``k``.

    Lowers by one the degree of every neighbour whose degree is above ``k``
    (once per removed neighbour); a neighbour whose degree reaches ``k`` is
    appended at ``queue[n_queued:]`` and its degree set to ``mark`` (< 0).
    Returns the new ``n_queued``.
    """
    for i in range(start, end):
        v = queue[i]
        for j in range(indptr[v], indptr[v + 1]):
            u = indices[j]
            d = degree[u]
            if d > k:
                d -= 1
                if d == k:
                    queue[n_queued] = u
                    n_queued += 1
                    d = mark
                degree[u] = d
    return n_queued


# A round of at least n_nodes >> _SORT_SHIFT nodes is put in node order before
# it is removed, so that its rows are read in memory order; the bitmap sweep
# costs n_nodes / 64 word reads, at most 2**_SORT_SHIFT / 64 per node sorted.
_SORT_SHIFT = 10


@numba.njit(**NJIT)
def _lowest_bit(word):
    """Return the index of the lowest set bit of a nonzero uint64 ``word``."""
    # Binary search rather than a de Bruijn product, whose intended uint64
    # wrap-around NumPy reports as an overflow when the JIT is disabled.
    index = 0
    for width in (32, 16, 8, 4, 2, 1):
        shift = np.uint64(width)
        if word & ((np.uint64(1) << shift) - np.uint64(1)) == 0:
            index += width
            word >>= shift
    return index


@numba.njit(**NJIT)
def _sort_nodes(queue, start, end, bits):
    """Sort the distinct node ids ``queue[start:end]`` in place through a bitmap.

    ``bits`` (uint64, ``ceil(n_nodes / 64)`` words) must be all zero; it is
    left all zero.
    """
    one = np.uint64(1)
    for i in range(start, end):
        u = queue[i]
        bits[u >> 6] |= one << np.uint64(u & 63)
    p = start
    for w in range(bits.shape[0]):
        word = bits[w]
        if word:
            bits[w] = 0
            base = w * 64
            while word:
                queue[p] = base + _lowest_bit(word)
                p += 1
                word &= word - one


@numba.njit(**NJIT)
def core_numbers_peel(indptr, indices):
    """Return the core number of every node, by Batagelj-Zaversnik peeling.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        Row pointers. Not mutated.
    indices : ndarray of shape (indptr[-1],), dtype int32 or int64
        Neighbours of each node: ``indices[indptr[v]:indptr[v + 1]]``. Not
        mutated.

    Returns
    -------
    ndarray of shape (n_nodes,), dtype int64
        ``core[v]`` is the largest ``k`` such that ``v`` belongs to a
        subgraph whose nodes all have degree >= k inside it.

    Notes
    -----
    Preconditions (``CSRGraph`` guarantees them): every undirected edge is
    stored in both directions; no self-loops; no duplicate neighbours;
    degrees and ``n_nodes`` fit in ``indptr``'s dtype, node ids in
    ``indices``' dtype. Neighbour lists need not be sorted.

    Nodes leave level by level: at level ``k``, every remaining node of
    remaining degree <= k leaves with core number ``k``, and removing a node
    lowers by one the degree of each neighbour whose degree is still above
    ``k`` (Batagelj and Zaversnik's rule, so that a degree never drops below
    the current level); a neighbour that reaches ``k`` joins the queue of the
    level. An empty level jumps to the smallest remaining degree. Each node
    is scanned at most ``2 (core + 1)`` times and each stored edge is read
    once: O(n + m) time. Work memory: n entries of ``indptr``'s dtype, 2 n
    of ``indices``' dtype and n bits.
    """
    n_nodes = indptr.shape[0] - 1
    degree, remaining = _start_peeling(indptr, indices)
    queue = np.empty(n_nodes, dtype=indices.dtype)
    bits = np.zeros((n_nodes + 63) // 64, dtype=np.uint64)
    large_round = max(1, n_nodes >> _SORT_SHIFT)
    n_remaining = n_nodes
    k = 0
    while n_remaining > 0:
        # A node that leaves at level k keeps -1 - k in degree: the sign marks
        # it as gone (never lowered again, dropped from remaining) and the
        # value is its core number, saved without a second scattered write.
        gone = -1 - k
        n_queued, n_remaining, lowest = _collect_level(
            degree, remaining, n_remaining, k, queue, gone
        )
        if n_queued == 0:
            k = lowest
            continue
        start = 0
        while start < n_queued:
            end = n_queued
            n_queued = _remove_round(indptr, indices, degree, queue, start, end, n_queued, k, gone)
            if n_queued - end >= large_round:
                _sort_nodes(queue, end, n_queued, bits)
            start = end
        k += 1
    core = np.empty(n_nodes, dtype=np.int64)
    for v in range(n_nodes):
        core[v] = -1 - degree[v]
    return core


@numba.njit(**NJIT)
def onion_layers_peel(indptr, indices):
    """Return the onion layer of every node: the round in which peeling removes it.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        Row pointers. Not mutated.
    indices : ndarray of shape (indptr[-1],), dtype int32 or int64
        Neighbours of each node: ``indices[indptr[v]:indptr[v + 1]]``. Not
        mutated.

    Returns
    -------
    ndarray of shape (n_nodes,), dtype int64
        Layers numbered 1, 2, ... without gaps; the same values as
        ``networkx.onion_layers``.

    Notes
    -----
    Preconditions as for :func:`core_numbers_peel` (symmetric storage, no
    self-loops, no duplicate neighbours; sorting not needed).

    Round ``r`` removes, all at once, every remaining node whose remaining
    degree is at most the current core ``k``; when no node qualifies, ``k``
    rises to the smallest remaining degree (Hebert-Dufresne, Grochow and
    Allard's algorithm; isolated nodes form layer 1 when there are any). The
    nodes of round ``r`` sit in a FIFO queue; the neighbours whose degree
    falls to ``k`` while round ``r`` is removed are appended behind them and
    form round ``r + 1``. Only a change of ``k`` scans the remaining nodes,
    as in :func:`core_numbers_peel`: O(n + m) time, no O(n) scan per round.
    """
    n_nodes = indptr.shape[0] - 1
    degree, remaining = _start_peeling(indptr, indices)
    queue = np.empty(n_nodes, dtype=indices.dtype)
    bits = np.zeros((n_nodes + 63) // 64, dtype=np.uint64)
    large_round = max(1, n_nodes >> _SORT_SHIFT)
    n_remaining = n_nodes
    k = 0
    layer = 0
    while n_remaining > 0:
        # A node removed in round r keeps -1 - r in degree (as in core_numbers_peel).
        n_queued, n_remaining, lowest = _collect_level(
            degree, remaining, n_remaining, k, queue, -2 - layer
        )
        if n_queued == 0:
            k = lowest
            continue
        layer += 1
        start = 0
        while start < n_queued:
            end = n_queued
            n_queued = _remove_round(
                indptr, indices, degree, queue, start, end, n_queued, k, -2 - layer
            )
            if n_queued > end:
                layer += 1
                if n_queued - end >= large_round:
                    _sort_nodes(queue, end, n_queued, bits)
            start = end
        k += 1
    layers = np.empty(n_nodes, dtype=np.int64)
    for v in range(n_nodes):
        layers[v] = -1 - degree[v]
    return layers
