"""Discrete-time SIR on CSR arrays: one outbreak, and drivers over many runs.

Model (MODEL.md section 3): at each step every infectious node infects each
susceptible neighbour independently (probability ``beta`` for "contact",
``p[k]`` of the stored direction ``k`` for "trust"), then recovers with
probability ``mu``. Nodes infected during a step become infectious at the
next one. An outbreak ends when no node is infectious; its size is the
number of recovered nodes, sources included.

Layering (STYLE K6): :func:`sir_discrete_one` runs one outbreak serially on
work arrays it is handed; the parallel drivers (``_runs_from_sources``, behind
:func:`sir_discrete_sizes` and :func:`sir_discrete_curves`, and
:func:`sir_discrete_sizes_each_source`) loop over independent tasks with
``prange`` and only slice. Tasks are grouped in
chunks that share one set of work arrays; runs are told apart by stamping
(``mark[v] == tag``) so that no array is reset between runs and the work of
a run is proportional to the edges its outbreak touches. Neither the
chunking nor the thread count changes a number, because every task draws
from its own stream ``prng.task_state(key0, key1, purpose, i, j)``.

Draw order of one outbreak (STYLE S7; ``tests/reference/sir.py`` replays it)
---------------------------------------------------------------------------
At ``t = 0`` the sources are infectious, in the order given (the public API
passes them in ascending position). Then, each step:

1. *Transmission.* The infectious nodes are visited in the order they were
   infected (sources first, then by step of infection, and within a step in
   the order of infection). For each, its neighbours ``indices[indptr[u]:
   indptr[u + 1]]`` are visited in CSR order:

   * contact (``p`` empty), ``0 < beta < 1``: geometric skips by inversion
     of the table ``T[r] = 1 - (1 - beta) ** r`` (computed as
     ``-expm1(r * log1p(-beta))``, ``r = 0 .. max degree``). A position
     ``k`` starts at the first neighbour; while ``k`` is inside the row,
     with ``r = end - k`` neighbours left, one uniform ``U`` is drawn: if
     ``U >= T[r]`` none of them is contacted and the node is done; else the
     skip is ``g = min{j >= 1 : T[j] > U} - 1`` (so ``P(g >= j) = (1 -
     beta) ** j``, ``0 <= g < r``), neighbour ``k + g`` is contacted
     (infected if susceptible) and ``k`` moves to ``k + g + 1``. A node
     makes one draw per contact plus one that ends its row (none when its
     last neighbour was contacted, none for an isolated node);
   * contact, ``beta = 0``: no draw, no transmission; ``beta = 1``: no
     draw, every susceptible neighbour is infected;
   * trust (``p`` given): one draw ``U < p[k]`` per neighbour that is
     susceptible when it is reached (a node infected earlier in the same
     step is not), none for the others.

2. *Recovery.* With ``mu = 1`` every node that was infectious during the
   step recovers, without a draw. With ``mu < 1`` each of them, in the same
   order, draws once and recovers if ``U < mu``.

3. The nodes infected in step 1 join the infectious list, after those that
   did not recover.

``U`` is ``prng.next_double`` (53-bit uniform in [0, 1)).

Streams: task ``(i, j)`` gets the xoshiro256** state
``prng.task_state(key0, key1, purpose, i, j)``. The drivers compute it in
place (``prng.task_prefix``, ``prng.seed_task_state``): the same four words, without
allocating an array per run and with the part of the digest that depends on
``(key0, key1, purpose, i)`` computed once per source.
"""

import math

import numba
import numpy as np

from . import prng
from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds

__all__ = [
    "sir_discrete_curves",
    "sir_discrete_one",
    "sir_discrete_sizes",
    "sir_discrete_sizes_each_source",
]

# sir_discrete_sizes and sir_discrete_curves are plain Python around the parallel
# driver _runs_from_sources: a cached compiled function that calls a parallel one
# segfaults when loaded from the cache in a fresh process, because numba's threading
# layer is not started (numba issue #8578). Only parallel functions and plain Python
# call parallel functions here.
# Tasks are cut into at most this many chunks, each with its own O(n_nodes) work
# arrays: enough to balance the load over up to about 8 threads, few enough that
# allocating the work arrays stays cheap next to the runs. A constant rather than
# a function of the thread count, so that compiled kernels can be cached.
_MAX_CHUNKS = 32
# The one-run kernel and its transmission step are inlined into the drivers'
# prange bodies (inline="always"), where numba's parallel passes also remove the
# reference counting of their array arguments: otherwise calls with a dozen
# arrays cost more than a whole small outbreak near the epidemic threshold.
# A geometric skip is found by a linear scan of the table up to this length (the
# usual case near the epidemic threshold), then by bisection: same result.
_LINEAR_SCAN = 16


@numba.njit(**NJIT)
def _n_chunks(n_tasks):
    """Return how many chunks of tasks share work arrays (a speed choice, not a result)."""
    return max(1, min(n_tasks, _MAX_CHUNKS))


@numba.njit(**NJIT)
def contact_table(indptr, beta):
    """Return ``T[r] = 1 - (1 - beta) ** r``, ``r = 0 .. max degree``; empty unless 0 < beta < 1.

    ``T[r]`` is the probability that at least one of ``r`` neighbours is
    contacted; computed as ``-expm1(r * log1p(-beta))``, non-decreasing.
    """
    if not 0.0 < beta < 1.0:
        return np.empty(0, dtype=np.float64)
    max_degree = 0
    for u in range(indptr.size - 1):
        max_degree = max(max_degree, indptr[u + 1] - indptr[u])
    log_q = math.log1p(-beta)
    table = np.empty(max_degree + 1, dtype=np.float64)
    for r in range(max_degree + 1):
        table[r] = -math.expm1(r * log_q)
    return table


@numba.njit(**NJIT)
def _skip(table, x, r):
    """Return ``min{j >= 1 : table[j] > x} - 1``, given ``table[r] > x`` (so the result is < r)."""
    j = 1
    stop = min(r, _LINEAR_SCAN)
    while j < stop and table[j] <= x:
        j += 1
    if j < stop or table[j] > x:
        return j - 1
    lo, hi = j, r  # table[lo] <= x < table[hi]
    while hi - lo > 1:
        mid = (lo + hi) >> 1
        if table[mid] <= x:
            lo = mid
        else:
            hi = mid
    return hi - 1


@numba.njit(inline="always", **NJIT)
def _transmit(indptr, indices, p, beta, table, s, mark, tag, active, lo, hi, tail):
    """Let ``active[lo:hi]`` infect their neighbours; append the new cases at ``tail``.

    Returns the new ``tail``. Step 1 of the draw order in the module docstring.
    """
    if p.size > 0:  # trust: one draw per susceptible neighbour
        for a in range(lo, hi):
            u = active[a]
            for k in range(indptr[u], indptr[u + 1]):
                v = indices[k]
                if mark[v] != tag and prng.next_double(s) < p[k]:
                    mark[v] = tag
                    active[tail] = v
                    tail += 1
    elif beta >= 1.0:  # every neighbour, no draw
        for a in range(lo, hi):
            u = active[a]
            for k in range(indptr[u], indptr[u + 1]):
                v = indices[k]
                if mark[v] != tag:
                    mark[v] = tag
                    active[tail] = v
                    tail += 1
    elif beta > 0.0:  # geometric skips to the contacted neighbours
        for a in range(lo, hi):
            u = active[a]
            k = indptr[u]
            end = indptr[u + 1]
            while k < end:
                x = prng.next_double(s)
                if x >= table[end - k]:
                    break
                k += _skip(table, x, end - k)
                v = indices[k]
                if mark[v] != tag:
                    mark[v] = tag
                    active[tail] = v
                    tail += 1
                k += 1
    return tail


@numba.njit(inline="always", **NJIT)
def sir_discrete_one(
    indptr, indices, p, beta, table, mu, sources, s, mark, tag, active, curve_i, curve_r
):
    """Run one discrete-time SIR outbreak; return ``(size, n_steps)``.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        CSR row pointers. Not mutated.
    indices : ndarray of shape (n_entries,), dtype int32 or int64
        CSR neighbours, each row sorted, both directions of every edge
        present, no self-loops. Not mutated.
    p : ndarray of shape (n_entries,) or (0,), dtype float64
        Transmission probability of each stored direction, in [0, 1]; empty
        means contact transmission with ``beta`` on every edge. Not mutated.
    beta : float
        Contact transmission probability in [0, 1] (used when ``p`` is empty).
    table : ndarray of shape (max_degree + 1,) or (0,), dtype float64
        ``contact_table(indptr, beta)``: needed when ``p`` is empty and
        ``0 < beta < 1``, unused otherwise. Not mutated.
    mu : float
        Recovery probability per step, in (0, 1].
    sources : ndarray of shape (n_sources,), dtype int64
        Distinct node positions in ``[0, n_nodes)``, ``n_sources >= 1``,
        infectious at ``t = 0``. Not mutated.
    s : ndarray of shape (4,), dtype uint64
        The task's xoshiro256** state; advanced (mutated).
    mark : ndarray of shape (n_nodes,), dtype int64
        Work array: ``mark[v] == tag`` means ``v`` is no longer susceptible in
        this run. On entry no entry may equal ``tag``; on exit the infected
        nodes hold ``tag`` (mutated).
    tag : int
        This run's stamp, distinct from every stamp already in ``mark``.
    active : ndarray of shape (n_nodes,), dtype int32 or int64
        Work array for the infectious list; overwritten.
    curve_i, curve_r : ndarray of shape (n_steps + 1,) or (0,), dtype int64
        If not empty, overwritten with the number of infectious and recovered
        nodes after each step (entry 0: the initial state). Their length must
        be the ``n_steps`` this run returns plus one (a first call with empty
        arrays tells it: the run is a pure function of its inputs).

    Returns
    -------
    size : int
        Number of nodes recovered at the end (sources included).
    n_steps : int
        Number of steps until no node was infectious.

    Notes
    -----
    The draw order is in the module docstring. Time O(number of steps +
    infected nodes + contacts made) for "contact" (each skip costs at most
    O(log max degree)), O(number of steps + sum of the degrees of the
    infected nodes) for "trust"; no O(n_nodes) work per run. With ``mu = 1``
    the infectious list is a queue in ``active`` (each node enters once);
    with ``mu < 1`` it is compacted after each step's recoveries.
    """
    record = curve_i.size > 0
    n_sources = sources.size
    for i in range(n_sources):
        mark[sources[i]] = tag
        active[i] = sources[i]
    if record:
        curve_i[0] = n_sources
        curve_r[0] = 0
    n_steps = 0
    if mu >= 1.0:
        # active[head:step_end] is infectious this step; new cases go to tail
        head = 0
        tail = n_sources
        while head < tail:
            step_end = tail
            tail = _transmit(
                indptr, indices, p, beta, table, s, mark, tag, active, head, step_end, tail
            )
            head = step_end
            n_steps += 1
            if record:
                curve_i[n_steps] = tail - head
                curve_r[n_steps] = head
        return tail, n_steps
    # mu < 1: active[:n_active] is infectious, in order of infection
    n_active = n_sources
    n_recovered = 0
    while n_active > 0:
        tail = _transmit(
            indptr, indices, p, beta, table, s, mark, tag, active, 0, n_active, n_active
        )
        kept = 0
        for a in range(n_active):
            if prng.next_double(s) < mu:
                n_recovered += 1
            else:
                active[kept] = active[a]
                kept += 1
        if kept < n_active:  # the new cases follow the survivors
            for b in range(n_active, tail):
                active[kept + b - n_active] = active[b]
        n_active = kept + tail - n_active
        n_steps += 1
        if record:
            curve_i[n_steps] = n_active
            curve_r[n_steps] = n_recovered
    return n_recovered, n_steps


@numba.njit(**NJIT_PARALLEL)
def _runs_from_sources(
    indptr,
    indices,
    p,
    beta,
    mu,
    sources,
    n_runs,
    key0,
    key1,
    purpose,
    stream,
    offsets,
    curve_i,
    curve_r,
):
    """Run ``n_runs`` outbreaks from ``sources``; return sizes and step counts.

    Task ``r`` draws from ``task_state(key0, key1, purpose, stream, r)``. When
    ``offsets`` is not empty, run ``r`` writes its curve into
    ``curve_i[offsets[r]:offsets[r + 1]]`` and ``curve_r`` likewise.
    """
    sizes = np.empty(n_runs, dtype=np.int64)
    steps = np.empty(n_runs, dtype=np.int64)
    table = contact_table(indptr, beta)
    prefix_a = prng.task_prefix(prng.SALT_A, key0, key1, purpose, stream)
    prefix_b = prng.task_prefix(prng.SALT_B, key0, key1, purpose, stream)
    n_nodes = indptr.size - 1
    record = offsets.size > 0
    n_chunks = _n_chunks(n_runs)
    for c in numba.prange(n_chunks):
        # a chunk of runs shares its work arrays (see the module docstring)
        lo, hi = chunk_bounds(c, n_chunks, n_runs)
        mark = np.full(n_nodes, -1, dtype=np.int64)
        active = np.empty(n_nodes, dtype=indices.dtype)
        s = np.empty(4, dtype=np.uint64)
        for r in range(lo, hi):
            prng.seed_task_state(s, prefix_a, prefix_b, r)
            if record:
                out_i = curve_i[offsets[r] : offsets[r + 1]]
                out_r = curve_r[offsets[r] : offsets[r + 1]]
            else:
                out_i = curve_i[:0]
                out_r = curve_r[:0]
            size, n_steps = sir_discrete_one(
                indptr, indices, p, beta, table, mu, sources, s, mark, r, active, out_i, out_r
            )
            sizes[r] = size
            steps[r] = n_steps
    return sizes, steps


def sir_discrete_sizes(indptr, indices, p, beta, mu, sources, n_runs, key0, key1, purpose, stream):
    """Return the final sizes of ``n_runs`` outbreaks from the source set.

    Parameters
    ----------
    indptr, indices, p, beta, mu, sources
        As for :func:`sir_discrete_one`.
    n_runs : int
        Number of runs, >= 1.
    key0, key1 : uint64
        Root key (``netsim._seeding.kernel_key``).
    purpose : int
        Stream purpose (``Purpose.SIR``).
    stream : int
        First task coordinate, >= 0 (``simulate`` passes the smallest source
        position); run ``r`` draws from ``task_state(key0, key1, purpose,
        stream, r)``.

    Returns
    -------
    ndarray of shape (n_runs,), dtype int64
        Outbreak size of each run, in run order. The runs are spread over
        threads with ``prange`` (in chunks); the values do not depend on it.

    Notes
    -----
    Plain Python around the parallel driver (see the comment on numba issue
    #8578 at the top of this module).
    """
    empty = np.empty(0, dtype=np.int64)
    sizes, _ = _runs_from_sources(
        indptr,
        indices,
        p,
        beta,
        mu,
        sources,
        n_runs,
        key0,
        key1,
        purpose,
        stream,
        empty,
        empty,
        empty,
    )
    return sizes


@numba.njit(**NJIT_PARALLEL)
def sir_discrete_sizes_each_source(
    indptr, indices, p, beta, mu, nodes, n_runs, key0, key1, purpose
):
    """Return the sizes of ``n_runs`` outbreaks started from each node alone.

    Parameters
    ----------
    indptr, indices, p, beta, mu
        As for :func:`sir_discrete_one`.
    nodes : ndarray of shape (n_sources,), dtype int64
        Node positions in ``[0, n_nodes)``; each is a source on its own. Not
        mutated.
    n_runs : int
        Runs per node, >= 1.
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose (``Purpose.SIR``).

    Returns
    -------
    ndarray of shape (n_sources, n_runs), dtype int64
        ``out[a, r]`` is the size of run ``r`` from ``nodes[a]``, drawn from
        ``task_state(key0, key1, purpose, nodes[a], r)``: a node's numbers do
        not depend on which other nodes are asked for, and equal
        ``sir_discrete_sizes`` with ``sources=[nodes[a]]`` and
        ``stream=nodes[a]``. ``prange`` runs over the flattened (node, run)
        tasks, in chunks.
    """
    n_sources = nodes.size
    n_tasks = n_sources * n_runs
    out = np.empty((n_sources, n_runs), dtype=np.int64)
    table = contact_table(indptr, beta)
    n_nodes = indptr.size - 1
    empty = np.empty(0, dtype=np.int64)
    n_chunks = _n_chunks(n_tasks)
    for c in numba.prange(n_chunks):
        # a chunk of tasks shares its work arrays; task q = a * n_runs + r is run r of
        # nodes[a], and writes out[a, r] only
        lo, hi = chunk_bounds(c, n_chunks, n_tasks)
        mark = np.full(n_nodes, -1, dtype=np.int64)
        active = np.empty(n_nodes, dtype=indices.dtype)
        s = np.empty(4, dtype=np.uint64)
        source = np.empty(1, dtype=np.int64)
        a = lo // n_runs
        r = lo - a * n_runs
        prefix_a = prefix_b = np.uint64(0)
        for q in range(lo, hi):
            if q == lo or r == 0:  # a new source: its part of the task digest
                source[0] = nodes[a]
                prefix_a = prng.task_prefix(prng.SALT_A, key0, key1, purpose, nodes[a])
                prefix_b = prng.task_prefix(prng.SALT_B, key0, key1, purpose, nodes[a])
            prng.seed_task_state(s, prefix_a, prefix_b, r)
            size, _ = sir_discrete_one(
                indptr, indices, p, beta, table, mu, source, s, mark, q, active, empty, empty
            )
            out[a, r] = size
            r += 1
            if r == n_runs:
                r = 0
                a += 1
    return out


def sir_discrete_curves(indptr, indices, p, beta, mu, sources, n_runs, key0, key1, purpose, stream):
    """Return the S, I, R counts after every step of ``n_runs`` outbreaks.

    Same arguments and same runs (same streams, same sizes) as
    :func:`sir_discrete_sizes`. Each run is simulated twice: once to count
    its steps, once to write its curve into a slice of the flat output.
    Plain Python around the parallel driver, like :func:`sir_discrete_sizes`.

    Returns
    -------
    offsets : ndarray of shape (n_runs + 1,), dtype int64
        Run ``r`` occupies rows ``offsets[r]:offsets[r + 1]`` of the flat
        arrays, one per step ``t = 0 .. n_steps`` (``t = 0``: sources
        infectious, nobody recovered).
    S, I, R : ndarray of shape (offsets[-1],), dtype int64
        Susceptible, infectious and recovered counts; ``S + I + R = n_nodes``.
    """
    empty = np.empty(0, dtype=np.int64)
    _, steps = _runs_from_sources(
        indptr,
        indices,
        p,
        beta,
        mu,
        sources,
        n_runs,
        key0,
        key1,
        purpose,
        stream,
        empty,
        empty,
        empty,
    )
    offsets = np.zeros(n_runs + 1, dtype=np.int64)
    np.cumsum(steps + 1, out=offsets[1:])
    n_rows = int(offsets[n_runs])
    curve_i = np.empty(n_rows, dtype=np.int64)
    curve_r = np.empty(n_rows, dtype=np.int64)
    _runs_from_sources(
        indptr,
        indices,
        p,
        beta,
        mu,
        sources,
        n_runs,
        key0,
        key1,
        purpose,
        stream,
        offsets,
        curve_i,
        curve_r,
    )
    curve_s = (indptr.size - 1) - curve_i - curve_r
    return offsets, curve_s, curve_i, curve_r
