"""Degree-preserving double-edge swaps on an edge list: the Markov chain of the null model.

One chain runs serially (a Markov chain has no independent tasks), from the
single stream ``prng.task_state(key0, key1, purpose, 0, 0)``, so its result
does not depend on the number of threads.

Step (an *attempt*): draw two edge slots ``e1``, ``e2`` uniformly and
independently from ``0 .. m - 1`` and one fair bit. With ``e1 = (a, b)`` and
``e2 = (c, d)`` as stored (``c`` and ``d`` exchanged when the bit is 1), the
proposal replaces them by ``(a, d)`` and ``(c, b)``. It is rejected (the
graph stays as it is, and the attempt still counts as a step) when
``e1 == e2``, when a new edge would be a self-loop, when a new edge is
already present (a multi-edge), and, in the connected variant, when the
swap would disconnect the graph. Each proposal is undone by exactly one
proposal from the new graph (the same two slots with the bit that restores
the old ends), so the proposal is symmetric and the chain's stationary law
is uniform over the simple graphs with the degree sequence (connected ones
in the connected variant) that the chain reaches, which is all of them
(Taylor 1981; Taylor's result covers the connected ones too).

Draw order per attempt: ``e1`` (bounded rejection sampling on ``next_u64``
masked to the bit length of ``m``, redrawn while ``>= m``), then ``e2`` the
same way, then the bit (the top bit of one ``next_u64``).

Edge membership is an open-addressing hash set of ``min * n + max`` keys
with linear probing and backward-shift deletion; its size is a power of two
at least four times the number of edges, so probes stay short.

The connected variant keeps the adjacency rows (degrees never change, so
the rows keep their places) and where each edge sits in its two rows. A
graph that was connected stays connected after the swap exactly when ``a``
and ``b`` are still joined: every other node reaches one of ``a, b, c, d``
without the removed edges, and the new edges join ``a`` to ``d`` and ``c``
to ``b``. The search runs from ``a`` and from ``b`` at once and always
grows the side with the smaller frontier, so it stops after exhausting the
smaller part when the swap would cut the graph, and after about the square
root of the graph's size when both ends sit in a random-like core.

References
----------
.. [1] R. Taylor, "Constrained switchings in graphs", Combinatorial
   Mathematics VIII, Lecture Notes in Mathematics 884, 314-336 (1981),
   doi:10.1007/BFb0091828.
"""

import numba
import numpy as np

from . import prng
from ._options import NJIT

_EMPTY = -1


@numba.njit(**NJIT)
def _table_size(n_edges):
    size = 8
    while size < 4 * n_edges:
        size *= 2
    return size


@numba.njit(inline="always", **NJIT)
def _key(u, v, n_nodes):
    return min(u, v) * n_nodes + max(u, v)


@numba.njit(inline="always", **NJIT)
def _slot(key, mask):
    return np.int64(prng.mix64(np.uint64(key)) & np.uint64(mask))


@numba.njit(**NJIT)
def _contains(table, key):
    mask = table.shape[0] - 1
    i = _slot(key, mask)
    while True:
        k = table[i]
        if k == key:
            return True
        if k == _EMPTY:
            return False
        i = (i + 1) & mask


@numba.njit(**NJIT)
def _insert(table, key):
    mask = table.shape[0] - 1
    i = _slot(key, mask)
    while table[i] != _EMPTY:
        i = (i + 1) & mask
    table[i] = key


@numba.njit(**NJIT)
def _remove(table, key):
    """Delete ``key`` (present) and shift the rest of its run back (Knuth's Algorithm R)."""
    mask = table.shape[0] - 1
    i = _slot(key, mask)
    while table[i] != key:
        i = (i + 1) & mask
    j = i
    while True:
        j = (j + 1) & mask
        k = table[j]
        if k == _EMPTY:
            break
        home = _slot(k, mask)
        # k may move to i unless its home lies cyclically in (i, j].
        if (j > i and (home <= i or home > j)) or (j < i and (home <= i and home > j)):
            table[i] = k
            i = j
    table[i] = _EMPTY


@numba.njit(**NJIT)
def _edge_table(eu, ev, n_nodes):
    table = np.full(_table_size(eu.shape[0]), _EMPTY, dtype=np.int64)
    for e in range(eu.shape[0]):
        _insert(table, _key(eu[e], ev[e], n_nodes))
    return table


@numba.njit(inline="always", **NJIT)
def _bit_mask(m):
    mask = np.uint64(1)
    while mask < np.uint64(m - 1):
        mask = (mask << np.uint64(1)) | np.uint64(1)
    return mask


@numba.njit(inline="always", **NJIT)
def _below(s, m, mask):
    """Return a uniform int in ``[0, m)``: ``next_u64 & mask`` redrawn while ``>= m``."""
    while True:
        x = prng.next_u64(s) & mask
        if x < np.uint64(m):
            return np.int64(x)


@numba.njit(inline="always", **NJIT)
def _propose(s, m, mask):
    """Draw a proposal: two edge indices below ``m`` and whether to flip the second's ends."""
    e1 = _below(s, m, mask)
    e2 = _below(s, m, mask)
    flip = (prng.next_u64(s) >> np.uint64(63)) == np.uint64(1)
    return e1, e2, flip


@numba.njit(inline="always", **NJIT)
def _stays_simple(table, a, b, c, d, n_nodes):
    """Return whether swapping ``a-b, c-d`` for ``a-d, c-b`` makes no self-loop or double edge."""
    if a == d or c == b:
        return False
    return not (_contains(table, _key(a, d, n_nodes)) or _contains(table, _key(c, b, n_nodes)))


@numba.njit(inline="always", **NJIT)
def _swap_keys(table, a, b, c, d, n_nodes):
    """Replace the keys of ``a-b`` and ``c-d`` by those of ``a-d`` and ``c-b`` in ``table``."""
    _remove(table, _key(a, b, n_nodes))
    _remove(table, _key(c, d, n_nodes))
    _insert(table, _key(a, d, n_nodes))
    _insert(table, _key(c, b, n_nodes))


@numba.njit(**NJIT)
def double_edge_swaps(eu, ev, n_nodes, n_swaps, key0, key1, purpose):
    """Run ``n_swaps`` attempted double-edge swaps on the edge list ``(eu, ev)``.

    Parameters
    ----------
    eu, ev : ndarray of shape (m,), dtype int64
        The two ends of each edge (node ids ``0 .. n_nodes - 1``), a simple
        graph: no self-loops, no edge twice (in either direction).
        Overwritten with the rewired edges, slot by slot.
    n_nodes : int
        Number of nodes; ``n_nodes ** 2`` must fit in int64.
    n_swaps : int
        Attempts, >= 0; rejected attempts count.
    key0, key1 : uint64
        Root key (``netsim._seeding.kernel_key``).
    purpose : int
        Stream purpose; the chain draws from ``task_state(key0, key1,
        purpose, 0, 0)``.

    Returns
    -------
    int
        The number of accepted swaps.

    Notes
    -----
    Draw order and rejection rules: see the module docstring. With fewer
    than two edges nothing can change and no number is drawn.
    """
    m = eu.shape[0]
    if m < 2 or n_swaps <= 0:
        return 0
    s = prng.task_state(key0, key1, purpose, 0, 0)
    mask = _bit_mask(m)
    table = _edge_table(eu, ev, n_nodes)
    accepted = 0
    for _ in range(n_swaps):
        e1, e2, flip = _propose(s, m, mask)
        if e1 == e2:
            continue
        a, b = eu[e1], ev[e1]
        c, d = eu[e2], ev[e2]
        if flip:
            c, d = d, c
        if not _stays_simple(table, a, b, c, d, n_nodes):
            continue
        _swap_keys(table, a, b, c, d, n_nodes)
        eu[e1], ev[e1] = a, d
        eu[e2], ev[e2] = c, b
        accepted += 1
    return accepted


@numba.njit(**NJIT)
def _positions(eu, ev, indptr, adj):
    """Fill ``adj`` (the rows) from the edge list; return where each edge sits in its rows."""
    m = eu.shape[0]
    n_nodes = indptr.shape[0] - 1
    fill = indptr[:n_nodes].copy()
    pu = np.empty(m, dtype=np.int64)
    pv = np.empty(m, dtype=np.int64)
    for e in range(m):
        u, v = eu[e], ev[e]
        pu[e] = fill[u]
        adj[fill[u]] = v
        fill[u] += 1
        pv[e] = fill[v]
        adj[fill[v]] = u
        fill[v] += 1
    return pu, pv


@numba.njit(**NJIT)
def _joined(indptr, adj, a, b, mark, stamp, queue_a, queue_b):
    """Return whether ``a`` and ``b`` are in one component: a search from both ends.

    ``mark[v] == 2 * stamp`` marks nodes reached from ``a``, ``2 * stamp + 1``
    from ``b``; ``stamp`` must exceed every stamp used before on ``mark``.
    Each round expands the whole frontier of the side whose frontier has the
    fewer stored neighbours.
    """
    side_a = 2 * stamp
    side_b = 2 * stamp + 1
    mark[a] = side_a
    mark[b] = side_b
    head_a, tail_a = 0, 1
    head_b, tail_b = 0, 1
    queue_a[0] = a
    queue_b[0] = b
    while head_a < tail_a and head_b < tail_b:
        work_a = 0
        for i in range(head_a, tail_a):
            v = queue_a[i]
            work_a += indptr[v + 1] - indptr[v]
        work_b = 0
        for i in range(head_b, tail_b):
            v = queue_b[i]
            work_b += indptr[v + 1] - indptr[v]
        if work_a <= work_b:
            queue, head, tail, mine, other = queue_a, head_a, tail_a, side_a, side_b
        else:
            queue, head, tail, mine, other = queue_b, head_b, tail_b, side_b, side_a
        end = tail
        for i in range(head, end):
            v = queue[i]
            for p in range(indptr[v], indptr[v + 1]):
                u = adj[p]
                if mark[u] == other:
                    return True
                if mark[u] != mine:
                    mark[u] = mine
                    queue[tail] = u
                    tail += 1
        if work_a <= work_b:
            head_a, tail_a = end, tail
        else:
            head_b, tail_b = end, tail
    return False


@numba.njit(**NJIT)
def double_edge_swaps_connected(eu, ev, indptr, n_swaps, key0, key1, purpose):
    """Run ``n_swaps`` attempted double-edge swaps that keep a connected graph connected.

    Parameters
    ----------
    eu, ev : ndarray of shape (m,), dtype int64
        The edges of a simple connected graph (as in :func:`double_edge_swaps`).
        Overwritten with the rewired edges, slot by slot.
    indptr : ndarray of shape (n_nodes + 1,), dtype int64
        Row pointers of the graph's CSR form (the degrees, which the swaps
        keep). Not mutated.
    n_swaps : int
        Attempts, >= 0; rejected attempts count.
    key0, key1 : uint64
        Root key (``netsim._seeding.kernel_key``).
    purpose : int
        Stream purpose; the chain draws from ``task_state(key0, key1,
        purpose, 0, 0)``.

    Returns
    -------
    int
        The number of accepted swaps.

    Notes
    -----
    The same draws as :func:`double_edge_swaps`, so the two kernels propose
    the same swaps while no swap is refused for disconnecting; a proposal
    that passes the simplicity checks is then refused if ``a`` and ``b``
    are no longer joined once it is made (module docstring). Precondition:
    the graph is connected, apart from isolated nodes, which no swap
    touches.
    """
    m = eu.shape[0]
    if m < 2 or n_swaps <= 0:
        return 0
    n_nodes = indptr.shape[0] - 1
    s = prng.task_state(key0, key1, purpose, 0, 0)
    mask = _bit_mask(m)
    table = _edge_table(eu, ev, n_nodes)
    adj = np.empty(2 * m, dtype=np.int64)
    pu, pv = _positions(eu, ev, indptr, adj)
    mark = np.full(n_nodes, -1, dtype=np.int64)
    queue_a = np.empty(n_nodes, dtype=np.int64)
    queue_b = np.empty(n_nodes, dtype=np.int64)
    accepted = 0
    for step in range(n_swaps):
        e1, e2, flip = _propose(s, m, mask)
        if e1 == e2:
            continue
        a, b, pa, pb = eu[e1], ev[e1], pu[e1], pv[e1]
        c, d, pc, pd = eu[e2], ev[e2], pu[e2], pv[e2]
        if flip:
            c, d, pc, pd = d, c, pd, pc
        if not _stays_simple(table, a, b, c, d, n_nodes):
            continue
        # Make the swap in the rows: a's entry for b becomes d, d's entry for
        # c becomes a, c's entry for d becomes b, b's entry for a becomes c.
        adj[pa], adj[pd], adj[pc], adj[pb] = d, a, b, c
        if not _joined(indptr, adj, a, b, mark, step, queue_a, queue_b):
            adj[pa], adj[pd], adj[pc], adj[pb] = b, c, d, a
            continue
        _swap_keys(table, a, b, c, d, n_nodes)
        eu[e1], ev[e1], pu[e1], pv[e1] = a, d, pa, pd
        eu[e2], ev[e2], pu[e2], pv[e2] = c, b, pc, pb
        accepted += 1
    return accepted
