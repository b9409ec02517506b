"""Continuous-time Markovian SIR on CSR arrays: one outbreak, and drivers over many runs.

Model (MODEL.md section 3; the model of ``EoN.fast_SIR``): an infectious
node transmits to each susceptible neighbour at rate ``tau`` ("contact") or
``rates[k]`` (the stored direction ``k``), and recovers at rate ``gamma``.
An outbreak ends when no node is infectious; its size is the number of
nodes ever infected, sources included.

Algorithm (event driven, Kiss, Miller and Simon, "Mathematics of Epidemics
on Networks", Springer 2017, doi:10.1007/978-3-319-50806-1, appendix A.1.2;
the algorithm of ``EoN.fast_SIR``): when a node ``u`` is infected at time
``t`` it draws its infectious period ``D ~ Exp(gamma)``, recovers at
``t + D``, and draws, for each neighbour ``v`` that is not yet infected, the
time ``t + E`` with ``E ~ Exp(rate)`` at which it would transmit to ``v``. A
time is kept only if ``E < D`` and it is earlier than ``v``'s current
pending infection time; the earliest pending time of a node is when it is
infected. Given ``D`` the events ``E_v < D`` are independent with
probability ``p = 1 - exp(-tau D)``, and ``E_v`` given ``E_v < D`` is
exponential truncated to ``[0, D)``. "Contact" draws exactly that law with
one uniform per transmission plus one per infected node, instead of one per
susceptible neighbour: lay the node's neighbours end to end on a line, each
an interval of length ``D``; the first point of a rate-``tau`` Poisson
process in a neighbour's interval, if any, is its transmission. With
``Y ~ Exp(tau D)`` (``D`` as unit of length), ``floor(Y)`` is how many
neighbours are passed over (geometric, ``P(floor(Y) >= j) = (1 - p) ** j``)
and ``Y - floor(Y)``, independent of it by the memorylessness of the
exponential, has the truncated law of ``E_v / D``; the process restarts at
the next neighbour's interval. (``EoN`` draws the same law with a binomial
count and truncated exponentials.) Per-edge rates use the same scan at the
row's largest rate ``R`` and keep a point in neighbour ``k``'s interval with
probability ``rates[k] / R`` (thinning a Poisson process gives the Poisson
process of rate ``rates[k]``), continuing inside the interval after a point
that is not kept. That costs about one draw per point, ``R D`` or fewer
per neighbour, so it is used when ``R D <= 1``; otherwise each open
neighbour draws its exponential time.

Events wait in an indexed binary heap keyed by ``(time, node)``, one entry
per node: a susceptible node's earliest pending infection (lowered in place,
decrease-key) and, when curves are recorded, an infected node's recovery
(recoveries make no draws and change no decision, so the sizes do not need
them). The memory of a run is O(n_nodes) whatever the number of edges;
ties between equal times, of probability zero except through rounding, go
to the smaller node position.

Layering (STYLE K6): :func:`continuous_sir_one` runs one outbreak serially on
work arrays it is handed; the parallel drivers (``_runs_from_sources``,
behind :func:`continuous_sir_sizes` and :func:`continuous_sir_curves`, and
:func:`continuous_sir_sizes_each_source`) loop over independent tasks with
``prange`` in chunks that share one set of work arrays. Runs are told apart
by stamping (``stamp[v]`` is ``2 * tag`` while ``v`` waits in the heap,
``2 * tag + 1`` once infected), so no array is reset between runs and the
work of a run is proportional to the outbreak. Neither the chunking nor the
thread count changes a number: every task draws from its own stream.

Draw order of one outbreak (STYLE S7; ``tests/reference/continuous_sir.py`` replays it)
--------------------------------------------------------------------------------------
At ``t = 0`` all sources are infected; then they are *processed* in the order
given (the public API passes them in ascending position), and after them
every other node when it is infected, in increasing ``(time, position)``.
Processing node ``u`` infected at time ``t`` draws:

1. *Recovery.* One uniform ``U``: ``D = -log(1 - U) / gamma``; ``u``
   recovers at ``t + D``.
2. *Transmission*, over the neighbours ``indices[indptr[u]:indptr[u + 1]]``
   in CSR order. A neighbour is *open* if it is not infected yet (it may
   already have a pending infection time).

   * contact (``rates`` empty): with ``x = tau * D``, nothing more is drawn
     unless ``x > 0``. Then a position ``k`` starts at the row's first
     entry. Repeatedly, one uniform gives ``y = -log(1 - U) / x``; if
     ``y >= end - k`` (``end = indptr[u + 1]``) the node is done; else
     ``g = floor(y)``, ``k`` moves on by ``g`` and neighbour ``v =
     indices[k]`` receives a transmission: if ``v`` is open, at time
     ``t + (y - g) * D``; then ``k`` moves on by one. A node makes one draw
     per transmission plus one that ends its row.
   * per-edge rates: with ``R`` the largest rate in ``u``'s row and
     ``x = R * D``, nothing is drawn unless ``x > 0``.

     - ``x <= 1``: the contact scan at rate ``R``, thinned. The scan keeps a
       position ``f = y - g`` inside the current neighbour's interval,
       starting at 0, and draws ``y = f - log(1 - U) / x``. A point that
       falls on an open neighbour ``v`` whose rate is below ``R`` costs one
       more uniform: it transmits (at time ``t + f * D``) if
       ``U < rates[k] / R``; if not, the scan goes on from ``f`` inside the
       same interval. A point on an open neighbour with rate ``R`` transmits
       without a draw; after a transmission, or a point on an infected
       neighbour, the scan moves on to the next neighbour with ``f = 0``.
       With equal rates this is the contact scan, draw for draw.
     - ``x > 1``: one uniform per open neighbour ``v`` (stored direction
       ``k``): ``e = -log(1 - U)``; it transmits if ``e < rates[k] * D``,
       at time ``t + e / rates[k]``.

   A transmission time is kept if ``v`` has no pending time or it is
   strictly earlier than the pending one.

``U`` is ``prng.next_double`` (53-bit uniform in [0, 1)). Streams: task
``(i, j)`` gets the xoshiro256** state ``prng.task_state(key0, key1,
purpose, i, j)``, computed in place by the drivers (``prng.task_prefix``,
``prng.seed_task_state``).
"""

import math

import numba
import numpy as np

from . import prng
from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds

__all__ = [
    "continuous_sir_curves",
    "continuous_sir_one",
    "continuous_sir_sizes",
    "continuous_sir_sizes_each_source",
]

# continuous_sir_sizes and continuous_sir_curves are plain Python around the parallel
# driver _runs_from_sources: a cached compiled function that calls a parallel one
# segfaults when loaded from the cache in a fresh process (numba issue #8578).
# Tasks are cut into at most this many chunks, each with its own O(n_nodes) work
# arrays (24 bytes per node with int32 indices, 32 with int64): enough to balance the
# load over several threads, few enough to keep the memory bounded. Fewer chunks on
# big graphs, so that all work arrays together stay within _WORK_BYTES (4 chunks of
# 10 million nodes at least). Constants, so that compiled kernels can be cached.
_MAX_CHUNKS = 32
_WORK_BYTES = 2**30
# Per-edge rates: a node whose largest rate times infectious period is at most this
# thins a scan at that rate (fewer draws than neighbours); above it, it draws once per
# open neighbour (at most one draw each, whatever the spread of the rates).
_THINNING_MAX = 1.0


@numba.njit(**NJIT)
def _n_chunks(n_tasks, n_nodes, index_bytes):
    """Return how many chunks of tasks share work arrays (a speed choice, not a result)."""
    per_chunk = max(1, n_nodes) * (16 + 2 * index_bytes)
    return max(1, min(n_tasks, _MAX_CHUNKS, _WORK_BYTES // per_chunk))


@numba.njit(inline="always", **NJIT)
def _precedes(t1, v1, t2, v2):
    """Return whether the event ``(t1, v1)`` comes before ``(t2, v2)``."""
    return t1 < t2 or (t1 == t2 and v1 < v2)


@numba.njit(inline="always", **NJIT)
def _sift_up(heap_v, heap_t, pos, i, v, t):
    """Place the event ``(t, v)`` at the hole ``i`` or above it."""
    while i > 0:
        parent = (i - 1) >> 1
        pt = heap_t[parent]
        pv = heap_v[parent]
        if _precedes(pt, pv, t, v):
            break
        heap_t[i] = pt
        heap_v[i] = pv
        pos[pv] = i
        i = parent
    heap_t[i] = t
    heap_v[i] = v
    pos[v] = i


@numba.njit(inline="always", **NJIT)
def _sift_down(heap_v, heap_t, pos, n_heap, i, v, t):
    """Place the event ``(t, v)`` at the hole ``i`` or below it, in a heap of ``n_heap``."""
    while True:
        c = 2 * i + 1
        if c >= n_heap:
            break
        ct = heap_t[c]
        cv = heap_v[c]
        if c + 1 < n_heap:
            dt = heap_t[c + 1]
            dv = heap_v[c + 1]
            if _precedes(dt, dv, ct, cv):
                c += 1
                ct = dt
                cv = dv
        if not _precedes(ct, cv, t, v):
            break
        heap_t[i] = ct
        heap_v[i] = cv
        pos[cv] = i
        i = c
    heap_t[i] = t
    heap_v[i] = v
    pos[v] = i


@numba.njit(inline="always", **NJIT)
def _offer(v, time, stamp, pending, pos, heap_v, heap_t, n_heap):
    """Give the open node ``v`` the infection time ``time`` if it is its earliest; return n_heap."""
    if stamp[v] != pending:
        stamp[v] = pending
        _sift_up(heap_v, heap_t, pos, n_heap, v, time)
        return n_heap + 1
    i = pos[v]
    if time < heap_t[i]:
        _sift_up(heap_v, heap_t, pos, i, v, time)
    return n_heap


@numba.njit(inline="always", **NJIT)
def _transmit(indptr, indices, rates, tau, u, t, d, s, stamp, tag, pos, heap_v, heap_t, n_heap):
    """Draw the transmissions of ``u``, infected at ``t`` for a period ``d``; return n_heap.

    Step 2 of the draw order in the module docstring.
    """
    pending = 2 * tag
    infected = pending + 1
    if rates.size == 0:
        x = tau * d
        if x > 0.0:
            k = indptr[u]
            end = indptr[u + 1]
            while True:
                # y ~ Exp(x): its integer part is the skip, its fractional part (independent
                # of it) the delay in units of d
                y = -math.log(1.0 - prng.next_double(s)) / x
                if y >= end - k:
                    break
                g = math.floor(y)
                k += g
                v = indices[k]
                if stamp[v] != infected:
                    n_heap = _offer(v, t + (y - g) * d, stamp, pending, pos, heap_v, heap_t, n_heap)
                k += 1
    else:
        r_max = 0.0
        for k in range(indptr[u], indptr[u + 1]):
            r_max = max(r_max, rates[k])
        x = r_max * d
        if x > _THINNING_MAX:  # one draw per open neighbour
            for k in range(indptr[u], indptr[u + 1]):
                v = indices[k]
                if stamp[v] != infected:
                    e = -math.log(1.0 - prng.next_double(s))
                    if e < rates[k] * d:
                        n_heap = _offer(
                            v, t + e / rates[k], stamp, pending, pos, heap_v, heap_t, n_heap
                        )
        elif x > 0.0:  # thinning: points at rate r_max, each kept with probability rate / r_max
            k = indptr[u]
            end = indptr[u + 1]
            f = 0.0  # position of the last point inside neighbour k's interval, in units of d
            while True:
                y = f - math.log(1.0 - prng.next_double(s)) / x
                if y >= end - k:
                    break
                g = math.floor(y)
                k += g
                f = y - g
                v = indices[k]
                if stamp[v] == infected:
                    k += 1
                    f = 0.0
                elif rates[k] >= r_max or prng.next_double(s) < rates[k] / r_max:
                    n_heap = _offer(v, t + f * d, stamp, pending, pos, heap_v, heap_t, n_heap)
                    k += 1
                    f = 0.0
    return n_heap


@numba.njit(inline="always", **NJIT)
def continuous_sir_one(
    indptr,
    indices,
    rates,
    tau,
    gamma,
    sources,
    s,
    stamp,
    tag,
    pos,
    heap_v,
    heap_t,
    out_t,
    out_i,
    out_r,
):
    """Run one continuous-time SIR outbreak; return its size.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        CSR row pointers. Not mutated.
    indices : ndarray of shape (n_entries,), dtype int32 or int64
        CSR neighbours, each row sorted, both directions of every edge
        present, no self-loops. Not mutated.
    rates : ndarray of shape (n_entries,) or (0,), dtype float64
        Transmission rate of each stored direction, finite and >= 0; empty
        means contact transmission at rate ``tau`` on every edge. Not mutated.
    tau : float
        Contact transmission rate, finite and >= 0 (used when ``rates`` is
        empty; 0: nothing spreads).
    gamma : float
        Recovery rate, finite and > 0.
    sources : ndarray of shape (n_sources,), dtype int64
        Distinct node positions in ``[0, n_nodes)``, ``n_sources >= 1``,
        infected at ``t = 0``. Not mutated.
    s : ndarray of shape (4,), dtype uint64
        The task's xoshiro256** state; advanced (mutated).
    stamp : ndarray of shape (n_nodes,), dtype int64
        Work array: ``2 * tag`` marks a node waiting for its infection,
        ``2 * tag + 1`` an infected one. On entry no entry may equal either;
        on exit the infected nodes hold ``2 * tag + 1`` (mutated).
    tag : int
        This run's stamp, >= 0 and distinct from the tag of every earlier
        run on the same ``stamp``.
    pos, heap_v : ndarray of shape (n_nodes,), dtype int32 or int64
        Work arrays of the indexed heap (node of each heap slot, slot of each
        node in it); overwritten.
    heap_t : ndarray of shape (n_nodes,), dtype float64
        Work array: event time of each heap slot; overwritten.
    out_t : ndarray of shape (n_events + 1,) or (0,), dtype float64
        If not empty, the run is recorded: overwritten with the time of each
        event (entry 0: ``t = 0``, the sources infected), one per infection of
        a non-source and one per recovery, in time order (``n_events =
        2 * size - n_sources``: call once with empty arrays to learn
        ``size``, since a run is a pure function of its inputs).
    out_i, out_r : ndarray of shape (n_events + 1,) or (0,), dtype int64
        With ``out_t``: the number of infectious and of recovered nodes after
        each event (overwritten).

    Returns
    -------
    int
        Number of nodes ever infected, sources included.

    Notes
    -----
    The draw order is in the module docstring. Time O((size + heap updates)
    log size + transmissions) for "contact" (each skip is one draw, not a
    scan of the row) and O(sum of the degrees of the infected nodes + heap
    updates log size) with per-edge rates; no O(n_nodes) work per run.
    """
    record = out_t.size > 0
    pending = 2 * tag
    infected = pending + 1
    n_sources = sources.size
    for i in range(n_sources):
        stamp[sources[i]] = infected
    n_heap = 0
    for i in range(n_sources):
        u = sources[i]
        d = -math.log(1.0 - prng.next_double(s)) / gamma
        if record:
            _sift_up(heap_v, heap_t, pos, n_heap, u, d)
            n_heap += 1
        n_heap = _transmit(
            indptr, indices, rates, tau, u, 0.0, d, s, stamp, tag, pos, heap_v, heap_t, n_heap
        )
    size = n_sources
    n_infectious = n_sources
    n_recovered = 0
    row = 0
    if record:
        out_t[0] = 0.0
        out_i[0] = n_sources
        out_r[0] = 0
    while n_heap > 0:
        v = heap_v[0]
        t = heap_t[0]
        if stamp[v] == infected:  # a recovery (recorded runs only)
            n_heap -= 1
            if n_heap > 0:
                _sift_down(heap_v, heap_t, pos, n_heap, 0, heap_v[n_heap], heap_t[n_heap])
            n_infectious -= 1
            n_recovered += 1
            row += 1
            out_t[row] = t
            out_i[row] = n_infectious
            out_r[row] = n_recovered
            continue
        stamp[v] = infected
        size += 1
        d = -math.log(1.0 - prng.next_double(s)) / gamma
        if record:  # v's entry becomes its recovery
            _sift_down(heap_v, heap_t, pos, n_heap, 0, v, t + d)
            n_infectious += 1
            row += 1
            out_t[row] = t
            out_i[row] = n_infectious
            out_r[row] = n_recovered
        else:
            n_heap -= 1
            if n_heap > 0:
                _sift_down(heap_v, heap_t, pos, n_heap, 0, heap_v[n_heap], heap_t[n_heap])
        n_heap = _transmit(
            indptr, indices, rates, tau, v, t, d, s, stamp, tag, pos, heap_v, heap_t, n_heap
        )
    return size


@numba.njit(**NJIT_PARALLEL)
def _runs_from_sources(
    indptr,
    indices,
    rates,
    tau,
    gamma,
    sources,
    n_runs,
    key0,
    key1,
    purpose,
    stream,
    offsets,
    out_t,
    out_i,
    out_r,
):
    """Run ``n_runs`` outbreaks from ``sources``; return their sizes.

    Task ``r`` draws from ``task_state(key0, key1, purpose, stream, r)``. When
    ``offsets`` is not empty, run ``r`` records its events into
    ``out_t[offsets[r]:offsets[r + 1]]`` and ``out_i``, ``out_r`` likewise.
    """
    sizes = np.empty(n_runs, dtype=np.int64)
    prefix_a = prng.task_prefix(prng.SALT_A, key0, key1, purpose, stream)
    prefix_b = prng.task_prefix(prng.SALT_B, key0, key1, purpose, stream)
    n_nodes = indptr.size - 1
    record = offsets.size > 0
    n_chunks = _n_chunks(n_runs, n_nodes, indices.itemsize)
    for c in numba.prange(n_chunks):
        # a chunk of runs shares its work arrays (see the module docstring)
        lo, hi = chunk_bounds(c, n_chunks, n_runs)
        stamp = np.full(n_nodes, -1, dtype=np.int64)
        pos = np.empty(n_nodes, dtype=indices.dtype)
        heap_v = np.empty(n_nodes, dtype=indices.dtype)
        heap_t = np.empty(n_nodes, dtype=np.float64)
        s = np.empty(4, dtype=np.uint64)
        for r in range(lo, hi):
            prng.seed_task_state(s, prefix_a, prefix_b, r)
            if record:
                row_t = out_t[offsets[r] : offsets[r + 1]]
                row_i = out_i[offsets[r] : offsets[r + 1]]
                row_r = out_r[offsets[r] : offsets[r + 1]]
            else:
                row_t = out_t[:0]
                row_i = out_i[:0]
                row_r = out_r[:0]
            sizes[r] = continuous_sir_one(
                indptr,
                indices,
                rates,
                tau,
                gamma,
                sources,
                s,
                stamp,
                r,
                pos,
                heap_v,
                heap_t,
                row_t,
                row_i,
                row_r,
            )
    return sizes


def continuous_sir_sizes(
    indptr, indices, rates, tau, gamma, sources, n_runs, key0, key1, purpose, stream
):
    """Return the final sizes of ``n_runs`` outbreaks from the source set.

    Parameters
    ----------
    indptr, indices, rates, tau, gamma, sources
        As for :func:`continuous_sir_one`.
    n_runs : int
        Number of runs, >= 1.
    key0, key1 : uint64
        Root key (``netsim._seeding.kernel_key``).
    purpose : int
        Stream purpose (``Purpose.CONTINUOUS_SIR``).
    stream : int
        First task coordinate, >= 0 (for example the smallest source
        position); run ``r`` draws from ``task_state(key0, key1, purpose,
        stream, r)``.

    Returns
    -------
    ndarray of shape (n_runs,), dtype int64
        Number of nodes ever infected in each run (sources included), in run
        order. The runs are spread over threads with ``prange`` (in chunks);
        the values do not depend on it.

    Notes
    -----
    Plain Python around the parallel driver (see the comment on numba issue
    #8578 at the top of this module).
    """
    empty_t = np.empty(0, dtype=np.float64)
    empty = np.empty(0, dtype=np.int64)
    return _runs_from_sources(
        indptr,
        indices,
        rates,
        tau,
        gamma,
        sources,
        n_runs,
        key0,
        key1,
        purpose,
        stream,
        empty,
        empty_t,
        empty,
        empty,
    )


@numba.njit(**NJIT_PARALLEL)
def continuous_sir_sizes_each_source(
    indptr, indices, rates, tau, gamma, nodes, n_runs, key0, key1, purpose
):
    """Return the sizes of ``n_runs`` outbreaks started from each node alone.

    Parameters
    ----------
    indptr, indices, rates, tau, gamma
        As for :func:`continuous_sir_one`.
    nodes : ndarray of shape (n_sources,), dtype int64
        Node positions in ``[0, n_nodes)``; each is a source on its own. Not
        mutated.
    n_runs : int
        Runs per node, >= 1.
    key0, key1 : uint64
        Root key.
    purpose : int
        Stream purpose (``Purpose.CONTINUOUS_SIR``).

    Returns
    -------
    ndarray of shape (n_sources, n_runs), dtype int64
        ``out[a, r]`` is the size of run ``r`` from ``nodes[a]``, drawn from
        ``task_state(key0, key1, purpose, nodes[a], r)``: a node's numbers do
        not depend on which other nodes are asked for, and equal
        ``continuous_sir_sizes`` with ``sources=[nodes[a]]`` and
        ``stream=nodes[a]``. ``prange`` runs over the flattened (node, run)
        tasks, in chunks.
    """
    n_sources = nodes.size
    n_tasks = n_sources * n_runs
    out = np.empty((n_sources, n_runs), dtype=np.int64)
    n_nodes = indptr.size - 1
    empty_t = np.empty(0, dtype=np.float64)
    empty = np.empty(0, dtype=np.int64)
    n_chunks = _n_chunks(n_tasks, n_nodes, indices.itemsize)
    for c in numba.prange(n_chunks):
        # a chunk of tasks shares its work arrays; task q = a * n_runs + r is run r of
        # nodes[a], and writes out[a, r] only
        lo, hi = chunk_bounds(c, n_chunks, n_tasks)
        stamp = np.full(n_nodes, -1, dtype=np.int64)
        pos = np.empty(n_nodes, dtype=indices.dtype)
        heap_v = np.empty(n_nodes, dtype=indices.dtype)
        heap_t = np.empty(n_nodes, dtype=np.float64)
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
            out[a, r] = continuous_sir_one(
                indptr,
                indices,
                rates,
                tau,
                gamma,
                source,
                s,
                stamp,
                q,
                pos,
                heap_v,
                heap_t,
                empty_t,
                empty,
                empty,
            )
            r += 1
            if r == n_runs:
                r = 0
                a += 1
    return out


def continuous_sir_curves(
    indptr, indices, rates, tau, gamma, sources, n_runs, key0, key1, purpose, stream
):
    """Return the time and S, I, R counts of every event of ``n_runs`` outbreaks.

    Same arguments and same runs (same streams, same sizes) as
    :func:`continuous_sir_sizes`. The sizes are computed first (they fix the
    number of events of each run), then each run again, recording its events
    into a slice of the flat output. Plain Python around the parallel driver,
    like :func:`continuous_sir_sizes`.

    Returns
    -------
    offsets : ndarray of shape (n_runs + 1,), dtype int64
        Run ``r`` occupies rows ``offsets[r]:offsets[r + 1]`` of the flat
        arrays: ``2 * size - n_sources + 1`` rows, one at ``t = 0`` (sources
        infectious, nobody recovered) and one per later event (an infection
        or a recovery), in time order.
    times : ndarray of shape (offsets[-1],), dtype float64
        Time of each row's event, non-decreasing within a run.
    S, I, R : ndarray of shape (offsets[-1],), dtype int64
        Susceptible, infectious and recovered counts after the event;
        ``S + I + R = n_nodes``, and the last ``R`` of a run is its size.
    """
    sizes = continuous_sir_sizes(
        indptr, indices, rates, tau, gamma, sources, n_runs, key0, key1, purpose, stream
    )
    offsets = np.zeros(n_runs + 1, dtype=np.int64)
    np.cumsum(2 * sizes - sources.size + 1, out=offsets[1:])
    n_rows = int(offsets[n_runs])
    times = np.empty(n_rows, dtype=np.float64)
    curve_i = np.empty(n_rows, dtype=np.int64)
    curve_r = np.empty(n_rows, dtype=np.int64)
    _runs_from_sources(
        indptr,
        indices,
        rates,
        tau,
        gamma,
        sources,
        n_runs,
        key0,
        key1,
        purpose,
        stream,
        offsets,
        times,
        curve_i,
        curve_r,
    )
    curve_s = (indptr.size - 1) - curve_i - curve_r
    return offsets, times, curve_s, curve_i, curve_r
