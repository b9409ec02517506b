"""Discrete-time SIS on CSR arrays: one run, and drivers over many runs.

Model (MODEL.md section 3; the SIS runs of Kitsak et al. 2010), synchronous
and discrete in time, with re-infection within a step (the discrete-time SIS
of Gomez et al. 2010, doi:10.1209/0295-5075/89/38009). Given the set ``I`` of
nodes infectious at the start of a step:

* every node of ``I`` recovers, that is becomes susceptible, independently
  with probability ``mu``;
* every node of ``I`` (recovering or not: it was infectious during the step)
  contacts each neighbour independently (probability ``beta`` for
  "contact", ``p[k]`` of the stored direction ``k`` otherwise);
* a node is infectious after the step if it was in ``I`` and did not recover,
  or if it was contacted, whatever its state at the start of the step. So a
  node that recovers can be re-infected in the same step, and a contacted
  node is infectious from the next step.

Given ``I``, the nodes are independent after the step: node ``v`` is
infectious with probability ``1 - (1 - (1 - mu) [v in I]) prod_{u in I} (1 -
p_uv)``. With ``mu = 1`` a node is infectious after a step exactly when an
infectious neighbour contacted it, so a state with every node infectious does
not die out in one step (with the other order, infection then recovery with
no re-infection, it does: nobody is susceptible when the infectious nodes
transmit). The prevalence at step ``t`` is the fraction of nodes infectious
after step ``t``; ``t = 0`` is the initial state.

Layering (STYLE K6), as in :mod:`netsim._kernels.sir`: :func:`sis_discrete_one`
runs one trajectory serially on work arrays it is handed; the parallel
drivers loop over runs with ``prange`` in at most ``sir._MAX_CHUNKS``
chunks, each with its own O(n_nodes) work arrays, and only slice; the
transmission step is this module's own (see ``_transmit``). Runs are told
apart by stamping: ``mark[v] == tag`` means that ``v`` is infectious after
the current step as far as the step has gone, in the run with stamp ``tag``;
a recovery writes ``_SUSCEPTIBLE`` back. Nothing is reset between runs, so a
step costs O(infectious nodes + their contacts), never O(n_nodes). Neither
the chunking nor the thread count changes a number: every run draws from its
own stream.

Draw order of one run (STYLE S7; ``tests/reference/sis.py`` replays it)
-----------------------------------------------------------------------
At ``t = 0`` the sources are infectious, in the order given (the public API
passes them in ascending position; :func:`sis_discrete_persistence` passes
every node, in position order). Then, each step, while any node is
infectious, with the infectious list of the start of the step:

1. *Recovery.* With ``mu = 1`` every node of the list recovers, without a
   draw. With ``mu < 1`` each of them, in list order, draws once and
   recovers if ``U < mu``. (The kernel tests ``next_u64 >> 11 < ceil(mu *
   2**53)``: for the integer ``k = next_u64 >> 11``, ``U = k / 2**53 < mu``
   exactly when ``k < ceil(mu * 2**53)``, and the comparison skips a float
   conversion.) The nodes that do not recover start the next list, in
   their order.
2. *Transmission.* Every node of the list (recovered in 1 or not) is
   visited in list order, with its neighbours in CSR order; the draws of
   step 1 of :mod:`netsim._kernels.sir`:

   * contact, ``0 < beta < 1``: geometric skips by inversion of ``T[r] = 1
     - (1 - beta) ** r`` (``sir.contact_table`` and ``sir._skip``). While
     ``r >= 1`` neighbours are left, one uniform ``U``: if ``U >= T[r]``
     the row is done; else the skip is ``g = min{j >= 1 : T[j] > U} - 1``,
     the neighbour ``g`` places further on is contacted and the row goes on
     after it. So one draw per contacted neighbour plus one that ends the
     row (none when the last neighbour was contacted or the row is empty);
   * contact, ``beta = 0``: no draw, nobody contacted; ``beta = 1``: no
     draw, every neighbour contacted;
   * ``p`` given: one draw ``U < p[k]`` per neighbour that is not yet
     infectious after the step when it is reached (not kept in 1 nor
     contacted before in this step), none for the others.

   A contacted node that is not yet infectious after the step becomes so
   and is appended to the next list, in order of infection.

``U`` is ``prng.next_double`` (53-bit uniform in [0, 1)). Once no node is
infectious the run is over (prevalence 0 from then on) and draws no more.

Streams: :func:`sis_discrete_prevalence` and :func:`sis_discrete_curves`
give run ``r`` the xoshiro256** state ``prng.task_state(key0, key1, purpose,
stream, r)``; :func:`sis_discrete_persistence` gives it ``task_state(key0,
key1, purpose, r, 0)``.
"""

import math

import numba
import numpy as np

from . import prng
from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds
from .sir import _n_chunks, _skip, contact_table

__all__ = [
    "sis_discrete_curves",
    "sis_discrete_one",
    "sis_discrete_persistence",
    "sis_discrete_prevalence",
]

# sis_discrete_prevalence, sis_discrete_curves and sis_discrete_persistence are
# plain Python around the parallel drivers: a cached compiled function that calls a
# parallel one segfaults when loaded from the cache in a fresh process (numba issue
# #8578). Only parallel functions and plain Python call parallel functions here.

# The stamp a recovered node gets back: run stamps are run indices, >= 0.
_SUSCEPTIBLE = -1
_S11 = np.uint64(11)
_TWO_53 = 9007199254740992.0  # 2**53: U = (next_u64 >> 11) / 2**53


@numba.njit(inline="always", **NJIT)
def _transmit(indptr, indices, p, beta, table, s, mark, tag, active, n_active, out, tail):
    """Let ``active[:n_active]`` contact their neighbours; new cases go to ``out[tail:]``.

    A contacted node with ``mark[v] != tag`` gets ``mark[v] = tag`` and is
    written at ``out[tail]``; returns the new ``tail``. Step 2 of the draw
    order in the module docstring: the draws of ``sir._transmit``. Without a
    draw per neighbour (contact), a contacted neighbour is stamped and
    written at ``tail`` whether it was new or not, and ``tail`` advances only
    if it was: no branch that half the contacts take in an endemic state, so
    ``out`` needs one spare entry past the last node (``n_nodes + 1``).
    """
    if p.size > 0:  # one draw per neighbour not yet infectious after the step
        for a in range(n_active):
            u = active[a]
            for k in range(indptr[u], indptr[u + 1]):
                v = indices[k]
                if mark[v] != tag and prng.next_double(s) < p[k]:
                    mark[v] = tag
                    out[tail] = v
                    tail += 1
    elif beta >= 1.0:  # every neighbour, no draw
        for a in range(n_active):
            u = active[a]
            for k in range(indptr[u], indptr[u + 1]):
                v = indices[k]
                fresh = mark[v] != tag
                mark[v] = tag
                out[tail] = v
                tail += fresh
    elif beta > 0.0:  # geometric skips to the contacted neighbours
        for a in range(n_active):
            u = active[a]
            k = indptr[u]
            end = indptr[u + 1]
            while k < end:
                x = prng.next_double(s)
                if x >= table[end - k]:
                    break
                k += _skip(table, x, end - k)
                v = indices[k]
                fresh = mark[v] != tag
                mark[v] = tag
                out[tail] = v
                tail += fresh
                k += 1
    return tail


@numba.njit(inline="always", **NJIT)
def sis_discrete_one(
    indptr,
    indices,
    p,
    beta,
    table,
    mu,
    sources,
    n_steps,
    window_start,
    s,
    mark,
    tag,
    active,
    following,
    curve_i,
    counts,
):
    """Run one discrete-time SIS trajectory for ``n_steps`` steps.

    Parameters
    ----------
    indptr : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        CSR row pointers. Not mutated.
    indices : ndarray of shape (n_entries,), dtype int32 or int64
        CSR neighbours, each row sorted, both directions of every edge
        present, no self-loops. Not mutated.
    p : ndarray of shape (n_entries,) or (0,), dtype float64
        Probability that the row's node contacts ``indices[k]`` in one step,
        per stored direction ``k``, in [0, 1]; empty means contact
        transmission with ``beta`` on every edge. Not mutated.
    beta : float
        Contact transmission probability in [0, 1] (used when ``p`` is empty).
    table : ndarray of shape (max_degree + 1,) or (0,), dtype float64
        ``sir.contact_table(indptr, beta)``: needed when ``p`` is empty and
        ``0 < beta < 1``, unused otherwise. Not mutated.
    mu : float
        Recovery probability per step, in (0, 1].
    sources : ndarray of shape (n_sources,), dtype int64
        Distinct node positions in ``[0, n_nodes)``, infectious at ``t = 0``,
        in draw order. Not mutated.
    n_steps : int
        Number of steps to run, >= 0 (fewer are simulated once no node is
        infectious).
    window_start : int
        First step counted in the window, >= 1: the window is the steps
        ``t = window_start .. n_steps`` (empty if ``window_start > n_steps``).
    s : ndarray of shape (4,), dtype uint64
        The run's xoshiro256** state; advanced (mutated).
    mark : ndarray of shape (n_nodes,), dtype int64
        Work array of stamps (see the module docstring). On entry no entry
        may equal ``tag``; on exit the nodes infectious at the end hold
        ``tag`` and the others hold what they held or ``_SUSCEPTIBLE``
        (mutated).
    tag : int
        This run's stamp, >= 0.
    active, following : ndarray of shape (n_nodes + 1,), dtype int32 or int64
        Work arrays for the infectious lists of this step and the next;
        overwritten.
    curve_i : ndarray of shape (n_steps + 1,) or (0,), dtype int64
        If not empty, overwritten with the number of infectious nodes after
        each step ``t = 0 .. n_steps`` (0 after extinction).
    counts : ndarray of shape (n_nodes,) or (0,), dtype int64
        If not empty, ``counts[v]`` is increased by the number of window
        steps after which ``v`` is infectious (mutated, not reset).

    Returns
    -------
    total : int
        The sum over the window steps ``t`` of the number of nodes
        infectious after step ``t``.
    n_infectious : int
        The number of nodes infectious after the last step (0 when the run
        died out).

    Notes
    -----
    The draw order is in the module docstring. Time O(n_sources + number of
    steps simulated + sum over steps of the infectious nodes and the
    contacts they make) for "contact" (a geometric skip costs at most
    O(log max degree)); with ``p`` given, the degrees of the infectious
    nodes replace the contacts. Memory: the work arrays only.
    """
    n_active = sources.size
    for i in range(n_active):
        mark[sources[i]] = tag
        active[i] = sources[i]
    record = curve_i.size > 0
    count = counts.size > 0
    if record:
        curve_i[0] = n_active
    total = 0
    t = 0
    while t < n_steps and n_active > 0:
        # 1. recovery: the nodes that stay infectious start the next list
        kept = 0
        if mu >= 1.0:
            for a in range(n_active):
                mark[active[a]] = _SUSCEPTIBLE
        else:
            # U < mu exactly, on the 53 integer bits of U (no float conversion)
            threshold = np.uint64(math.ceil(mu * _TWO_53))
            for a in range(n_active):
                u = active[a]
                if (prng.next_u64(s) >> _S11) < threshold:
                    mark[u] = _SUSCEPTIBLE
                else:
                    following[kept] = u
                    kept += 1
        # 2. transmission by every node infectious at the start of the step
        tail = _transmit(
            indptr, indices, p, beta, table, s, mark, tag, active, n_active, following, kept
        )
        for a in range(tail):
            active[a] = following[a]
        n_active = tail
        t += 1
        if record:
            curve_i[t] = n_active
        if t >= window_start:
            total += n_active
            if count:
                for a in range(n_active):
                    counts[active[a]] += 1
    if record:
        for rest in range(t + 1, n_steps + 1):
            curve_i[rest] = 0
    return total, n_active


@numba.njit(**NJIT_PARALLEL)
def _runs_from_sources(
    indptr,
    indices,
    p,
    beta,
    mu,
    sources,
    n_runs,
    n_steps,
    window_start,
    key0,
    key1,
    purpose,
    stream,
    curve_i,
):
    """Run ``n_runs`` trajectories from ``sources``; return their window totals.

    Run ``r`` draws from ``task_state(key0, key1, purpose, stream, r)``. When
    ``curve_i`` (flat, ``n_runs * (n_steps + 1)``) is not empty, run ``r``
    writes its infectious counts into ``curve_i[r * (n_steps + 1):(r + 1) *
    (n_steps + 1)]``.
    """
    totals = np.empty(n_runs, dtype=np.int64)
    table = contact_table(indptr, beta)
    prefix_a = prng.task_prefix(prng.SALT_A, key0, key1, purpose, stream)
    prefix_b = prng.task_prefix(prng.SALT_B, key0, key1, purpose, stream)
    n_nodes = indptr.size - 1
    record = curve_i.size > 0
    width = n_steps + 1
    empty = np.empty(0, dtype=np.int64)
    n_chunks = _n_chunks(n_runs)
    for c in numba.prange(n_chunks):
        # a chunk of runs shares its work arrays (see the module docstring)
        lo, hi = chunk_bounds(c, n_chunks, n_runs)
        mark = np.full(n_nodes, _SUSCEPTIBLE, dtype=np.int64)
        active = np.empty(n_nodes + 1, dtype=indices.dtype)
        following = np.empty(n_nodes + 1, dtype=indices.dtype)
        s = np.empty(4, dtype=np.uint64)
        for r in range(lo, hi):
            prng.seed_task_state(s, prefix_a, prefix_b, r)
            out_i = curve_i[r * width : (r + 1) * width] if record else curve_i[:0]
            totals[r], _ = sis_discrete_one(
                indptr,
                indices,
                p,
                beta,
                table,
                mu,
                sources,
                n_steps,
                window_start,
                s,
                mark,
                r,
                active,
                following,
                out_i,
                empty,
            )
    return totals


def sis_discrete_prevalence(
    indptr, indices, p, beta, mu, sources, n_runs, burn_in, window, key0, key1, purpose, stream
):
    """Return the mean prevalence of each of ``n_runs`` runs over a window after a burn-in.

    Parameters
    ----------
    indptr, indices, p, beta, mu
        As for :func:`sis_discrete_one`.
    sources : ndarray of shape (n_sources,), dtype int64
        Distinct node positions, ``n_sources >= 1``, infectious at ``t = 0``,
        in draw order (the public API passes them ascending). Not mutated.
    n_runs : int
        Number of runs, >= 1.
    burn_in : int
        Steps discarded before the window, >= 0.
    window : int
        Steps averaged, >= 1.
    key0, key1 : uint64
        Root key (``netsim._seeding.kernel_key``).
    purpose : int
        Stream purpose (``Purpose.SIS``).
    stream : int
        First task coordinate, >= 0 (for example the smallest source
        position); run ``r`` draws from ``task_state(key0, key1, purpose,
        stream, r)``.

    Returns
    -------
    ndarray of shape (n_runs,), dtype float64
        ``total_r / (window * n_nodes)`` in float64, where ``total_r`` is the
        exact sum over ``t = burn_in + 1 .. burn_in + window`` of the number
        of nodes infectious after step ``t`` in run ``r`` (0 once no node is
        infectious). The same runs as :func:`sis_discrete_curves`, so the
        window sum of its ``I`` divided the same way gives the same floats.

    Notes
    -----
    Plain Python around the parallel driver (numba issue #8578, see the top
    of the module). Runs go over threads with ``prange`` in chunks; the
    values do not depend on it. Time O(n_runs * (burn_in + window) * the
    work of a step), memory O(n_nodes) per chunk.
    """
    totals = _runs_from_sources(
        indptr,
        indices,
        p,
        beta,
        mu,
        sources,
        n_runs,
        burn_in + window,
        burn_in + 1,
        key0,
        key1,
        purpose,
        stream,
        np.empty(0, dtype=np.int64),
    )
    return totals / float(window * (indptr.size - 1))


def sis_discrete_curves(
    indptr, indices, p, beta, mu, sources, n_runs, n_steps, key0, key1, purpose, stream
):
    """Return the S and I counts after every step of ``n_runs`` runs.

    Same arguments, and the same runs (same streams), as
    :func:`sis_discrete_prevalence`, with ``n_steps >= 0`` steps.

    Returns
    -------
    S, I : ndarray of shape (n_runs, n_steps + 1), dtype int64
        Susceptible and infectious counts after each step ``t = 0 ..
        n_steps`` (row ``t = 0``: the sources infectious), ``S + I =
        n_nodes``; ``I`` is 0 from extinction on. Runs with more steps
        extend runs with fewer: the first columns agree.

    Notes
    -----
    Plain Python around the parallel driver, like
    :func:`sis_discrete_prevalence`. Memory O(n_runs * n_steps) for the
    output plus O(n_nodes) per chunk.
    """
    width = n_steps + 1
    curve_i = np.empty(n_runs * width, dtype=np.int64)
    _runs_from_sources(
        indptr,
        indices,
        p,
        beta,
        mu,
        sources,
        n_runs,
        n_steps,
        n_steps + 1,
        key0,
        key1,
        purpose,
        stream,
        curve_i,
    )
    curve_i = curve_i.reshape(n_runs, width)
    return (indptr.size - 1) - curve_i, curve_i


@numba.njit(**NJIT_PARALLEL)
def _persistence_runs(indptr, indices, p, beta, mu, n_runs, burn_in, window, key0, key1, purpose):
    """Return per-chunk sums over runs of each node's window count and its square.

    Run ``r`` starts with every node infectious and draws from
    ``task_state(key0, key1, purpose, r, 0)``. Also returns, per chunk, the
    number of runs with no infectious node after the last step.
    """
    n_nodes = indptr.size - 1
    table = contact_table(indptr, beta)
    everyone = np.arange(n_nodes, dtype=np.int64)
    empty = np.empty(0, dtype=np.int64)
    n_chunks = _n_chunks(n_runs)
    chunk_sums = np.zeros((n_chunks, n_nodes), dtype=np.int64)
    chunk_sums_sq = np.zeros((n_chunks, n_nodes), dtype=np.int64)
    chunk_extinct = np.zeros(n_chunks, dtype=np.int64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_runs)
        mark = np.full(n_nodes, _SUSCEPTIBLE, dtype=np.int64)
        active = np.empty(n_nodes + 1, dtype=indices.dtype)
        following = np.empty(n_nodes + 1, dtype=indices.dtype)
        counts = np.empty(n_nodes, dtype=np.int64)
        s = np.empty(4, dtype=np.uint64)
        for r in range(lo, hi):
            prefix_a = prng.task_prefix(prng.SALT_A, key0, key1, purpose, r)
            prefix_b = prng.task_prefix(prng.SALT_B, key0, key1, purpose, r)
            prng.seed_task_state(s, prefix_a, prefix_b, 0)
            counts[:] = 0
            _, left = sis_discrete_one(
                indptr,
                indices,
                p,
                beta,
                table,
                mu,
                everyone,
                burn_in + window,
                burn_in + 1,
                s,
                mark,
                r,
                active,
                following,
                empty,
                counts,
            )
            if left == 0:
                chunk_extinct[c] += 1
            for v in range(n_nodes):
                chunk_sums[c, v] += counts[v]
                chunk_sums_sq[c, v] += counts[v] * counts[v]
    return chunk_sums, chunk_sums_sq, chunk_extinct


def sis_discrete_persistence(
    indptr, indices, p, beta, mu, n_runs, burn_in, window, key0, key1, purpose
):
    """Return, per node, the sums over runs of its number of infectious window steps and its square.

    Parameters
    ----------
    indptr, indices, p, beta, mu
        As for :func:`sis_discrete_one`.
    n_runs : int
        Number of runs, >= 1. Every run starts with every node infectious.
    burn_in : int
        Steps discarded before the window, >= 0.
    window : int
        Steps counted, >= 1 (with ``n_runs * window**2 < 2**63``).
    key0, key1 : uint64
        Root key (``netsim._seeding.kernel_key``).
    purpose : int
        Stream purpose (``Purpose.PERSISTENCE``); run ``r`` draws from
        ``task_state(key0, key1, purpose, r, 0)``.

    Returns
    -------
    sums, sums_sq : ndarray of shape (n_nodes,), dtype int64
        With ``count_r[v]`` the number of steps ``t = burn_in + 1 .. burn_in
        + window`` after which node ``v`` is infectious in run ``r``:
        ``sums[v] = sum_r count_r[v]`` and ``sums_sq[v] = sum_r
        count_r[v] ** 2``, exact. A node's mean share of time infectious is
        ``sums / (n_runs * window)``; the sample variance of its count is
        ``(sums_sq - sums**2 / n_runs) / (n_runs - 1)``.
    n_extinct : int
        The number of runs with no infectious node after step ``burn_in +
        window`` (runs that died out).

    Notes
    -----
    Plain Python around the parallel driver (numba issue #8578). Each chunk
    of runs accumulates its own sums; they are added in chunk order. Time
    O(n_runs * (n_nodes + (burn_in + window) * the work of a step)), memory
    O(n_nodes) per chunk.
    """
    chunk_sums, chunk_sums_sq, chunk_extinct = _persistence_runs(
        indptr, indices, p, beta, mu, n_runs, burn_in, window, key0, key1, purpose
    )
    sums = np.zeros(indptr.size - 1, dtype=np.int64)
    sums_sq = np.zeros(indptr.size - 1, dtype=np.int64)
    for c in range(chunk_sums.shape[0]):  # chunk order
        sums += chunk_sums[c]
        sums_sq += chunk_sums_sq[c]
    return sums, sums_sq, int(chunk_extinct.sum())
