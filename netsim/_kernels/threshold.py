"""Complex contagion by thresholds on CSR arrays: one cascade, and a driver over sources.

Model (MODEL.md section 3; Centola and Macy 2007, doi:10.1086/521848): a node
adopts once the adopters among its neighbours reach a threshold, and never
abandons. Each neighbour ``u`` of ``v`` counts with the weight of the stored
direction ``v -> u`` (``w[k]``, or 1 when ``w`` is empty). With
``fraction=True`` node ``v`` adopts when ``acc_v / totals[v] >= threshold``,
``acc_v`` the summed weight of its adopted neighbours and ``totals[v]`` the
summed weight of all its neighbours (its degree, or its strength); with
``fraction=False`` when ``acc_v >= threshold`` (a count). In both cases ``v``
needs at least one adopted neighbour, so ``threshold = 0`` spreads to the
sources' components and a node with no neighbour never adopts unless it is a
source.

Updates are synchronous: the nodes that adopt at step ``t + 1`` are those
that meet the threshold with the adopters of steps ``0 .. t``. The model is
deterministic, so there is no random stream and no draw order; the order of
adoption within a step is the order in which the candidates were first
reached (adopters of the previous step in their adoption order, neighbours
in CSR order), which fixes the output exactly.

Layering (STYLE K6): :func:`threshold_one` runs one cascade on work arrays it
is handed (stamped with a run tag and a step clock, so nothing of size
``n_nodes`` is reset between cascades); :func:`threshold_sizes_each_source`
runs one cascade per source node in parallel chunks, and
:func:`threshold_sizes_each_neighbourhood` one cascade per node started from
the node and all its neighbours (Centola's seeding of a neighbourhood).
"""

import numba
import numpy as np

from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds

__all__ = [
    "threshold_curve",
    "threshold_one",
    "threshold_sizes_each_neighbourhood",
    "threshold_sizes_each_source",
]

_MAX_CHUNKS = 32


@numba.njit(inline="always", **NJIT)
def _adopts(acc, total, threshold, fraction):
    """Return whether summed adopter weight ``acc`` out of ``total`` meets the threshold."""
    if fraction:
        return total > 0.0 and acc / total >= threshold
    return acc >= threshold


@numba.njit(inline="always", **NJIT)
def threshold_one(
    indptr,
    indices,
    w,
    totals,
    threshold,
    fraction,
    sources,
    mark,
    tag,
    acc,
    acc_tag,
    step_mark,
    clock,
    active,
    cand,
    curve_i,
    curve_r,
):
    """Run one threshold cascade; return ``(size, n_steps, clock)``.

    Parameters
    ----------
    indptr, indices : ndarray, dtype int32 or int64
        CSR arrays, rows sorted, both directions of every edge, no
        self-loops. Not mutated.
    w : ndarray of shape (n_entries,) or (0,), dtype float64
        Weight >= 0 of each stored direction; empty means 1 for every
        neighbour. Not mutated.
    totals : ndarray of shape (n_nodes,), dtype float64
        Summed weight of each node's neighbours (read when ``fraction``).
        Not mutated.
    threshold : float
        Fraction in [0, 1] when ``fraction``, else a count > 0.
    fraction : bool
        Compare ``acc / totals[v]`` (True) or ``acc`` (False) with
        ``threshold``.
    sources : ndarray of shape (n_sources,), dtype int64
        Distinct node positions, the adopters at ``t = 0``. Not mutated.
    mark : ndarray of shape (n_nodes,), dtype int64
        ``mark[v] == tag``: ``v`` adopted in this cascade. On entry no
        entry equals ``tag`` (mutated).
    tag : int
        This cascade's stamp.
    acc : ndarray of shape (n_nodes,), dtype float64
        Work array: adopter weight around each reached node (overwritten).
    acc_tag : ndarray of shape (n_nodes,), dtype int64
        ``acc_tag[v] == tag``: ``acc[v]`` belongs to this cascade. No entry
        equals ``tag`` on entry (mutated).
    step_mark : ndarray of shape (n_nodes,), dtype int64
        Holds step clocks; every entry is smaller than ``clock`` on entry
        (mutated).
    clock : int
        First unused step clock; the returned clock is the next unused one.
    active : ndarray of shape (n_nodes,), dtype int32 or int64
        Work array for the adopters in order of adoption (overwritten).
    cand : ndarray of shape (n_nodes,), dtype int64
        Work array for a step's candidates (overwritten).
    curve_i, curve_r : ndarray of shape (n_steps + 1,) or (0,), dtype int64
        If not empty, overwritten with the number of nodes that adopted at
        the last step (``I``) and before it (``R``), after each step.

    Returns
    -------
    size : int
        Number of adopters at the end, sources included.
    n_steps : int
        Number of steps until a step added no adopter.
    clock : int
        The next unused step clock.
    """
    record = curve_i.size > 0
    weighted = w.size > 0
    n_sources = sources.size
    for a in range(n_sources):
        mark[sources[a]] = tag
        active[a] = sources[a]
    if record:
        curve_i[0] = n_sources
        curve_r[0] = 0
    head = 0
    tail = n_sources
    n_steps = 0
    while head < tail:
        step_end = tail
        n_cand = 0
        for a in range(head, step_end):
            u = active[a]
            for k in range(indptr[u], indptr[u + 1]):
                v = indices[k]
                if mark[v] == tag:
                    continue
                # v's weight for neighbour u is that of the direction v -> u; the
                # weights are symmetric, so the direction u -> v stored at k has it too
                weight = w[k] if weighted else 1.0
                if acc_tag[v] != tag:
                    acc_tag[v] = tag
                    acc[v] = weight
                else:
                    acc[v] += weight
                if step_mark[v] != clock:
                    step_mark[v] = clock
                    cand[n_cand] = v
                    n_cand += 1
        clock += 1
        for c in range(n_cand):
            v = cand[c]
            if _adopts(acc[v], totals[v], threshold, fraction):
                mark[v] = tag
                active[tail] = v
                tail += 1
        head = step_end
        n_steps += 1
        if record:
            curve_i[n_steps] = tail - head
            curve_r[n_steps] = head
    return tail, n_steps, clock


@numba.njit(**NJIT)
def _work_arrays(n_nodes, index_dtype_like):
    mark = np.full(n_nodes, -1, dtype=np.int64)
    acc = np.zeros(n_nodes, dtype=np.float64)
    acc_tag = np.full(n_nodes, -1, dtype=np.int64)
    step_mark = np.full(n_nodes, -1, dtype=np.int64)
    active = np.empty(n_nodes, dtype=index_dtype_like.dtype)
    cand = np.empty(n_nodes, dtype=np.int64)
    return mark, acc, acc_tag, step_mark, active, cand


@numba.njit(**NJIT)
def threshold_curve(indptr, indices, w, totals, threshold, fraction, sources):
    """Return the adopters' curve of one cascade from ``sources``.

    Arguments as for :func:`threshold_one`. Returns ``(I, R)``, int64 arrays
    of shape ``(n_steps + 1,)``: the nodes that adopted at the last step and
    before it, after each step ``t = 0 .. n_steps`` (``t = 0``: the sources).
    The final size is ``I[-1] + R[-1]`` (``I[-1]`` is 0).
    """
    n_nodes = indptr.size - 1
    mark, acc, acc_tag, step_mark, active, cand = _work_arrays(n_nodes, indices)
    empty = np.empty(0, dtype=np.int64)
    _, n_steps, _ = threshold_one(
        indptr, indices, w, totals, threshold, fraction, sources,
        mark, 0, acc, acc_tag, step_mark, 0, active, cand, empty, empty,
    )  # fmt: skip
    curve_i = np.empty(n_steps + 1, dtype=np.int64)
    curve_r = np.empty(n_steps + 1, dtype=np.int64)
    threshold_one(
        indptr, indices, w, totals, threshold, fraction, sources,
        mark, 1, acc, acc_tag, step_mark, n_steps + 1, active, cand, curve_i, curve_r,
    )  # fmt: skip
    return curve_i, curve_r


@numba.njit(**NJIT_PARALLEL)
def threshold_sizes_each_source(indptr, indices, w, totals, threshold, fraction, nodes):
    """Return the final size of the cascade started from each of ``nodes`` alone.

    Arguments as for :func:`threshold_one`; ``nodes`` is an int64 array of
    node positions. Returns an int64 array of shape ``(nodes.size,)``.
    ``prange`` runs over chunks of sources, each with its own work arrays.
    """
    n_tasks = nodes.size
    out = np.empty(n_tasks, dtype=np.int64)
    n_nodes = indptr.size - 1
    empty = np.empty(0, dtype=np.int64)
    n_chunks = max(1, min(n_tasks, _MAX_CHUNKS))
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_tasks)
        mark, acc, acc_tag, step_mark, active, cand = _work_arrays(n_nodes, indices)
        source = np.empty(1, dtype=np.int64)
        clock = 0
        for q in range(lo, hi):
            source[0] = nodes[q]
            size, _, clock = threshold_one(
                indptr, indices, w, totals, threshold, fraction, source,
                mark, q, acc, acc_tag, step_mark, clock, active, cand, empty, empty,
            )  # fmt: skip
            out[q] = size
    return out


@numba.njit(**NJIT_PARALLEL)
def threshold_sizes_each_neighbourhood(indptr, indices, w, totals, threshold, fraction, nodes):
    """Return the final size of the cascade started from each of ``nodes`` and its neighbours.

    Arguments as for :func:`threshold_one`; ``nodes`` is an int64 array of
    node positions. The cascade of ``nodes[q]`` starts with ``nodes[q]``
    and every neighbour of it adopted (``1 + degree`` distinct sources: the
    node, then its neighbours in CSR order); its size counts them. Returns
    an int64 array of shape ``(nodes.size,)``. ``prange`` runs over chunks
    of nodes, each with its own work arrays.
    """
    n_tasks = nodes.size
    out = np.empty(n_tasks, dtype=np.int64)
    n_nodes = indptr.size - 1
    empty = np.empty(0, dtype=np.int64)
    n_chunks = max(1, min(n_tasks, _MAX_CHUNKS))
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_tasks)
        mark, acc, acc_tag, step_mark, active, cand = _work_arrays(n_nodes, indices)
        sources = np.empty(n_nodes, dtype=np.int64)
        clock = 0
        for q in range(lo, hi):
            u = nodes[q]
            sources[0] = u
            n_sources = 1
            for k in range(indptr[u], indptr[u + 1]):
                sources[n_sources] = indices[k]
                n_sources += 1
            size, _, clock = threshold_one(
                indptr, indices, w, totals, threshold, fraction, sources[:n_sources],
                mark, q, acc, acc_tag, step_mark, clock, active, cand, empty, empty,
            )  # fmt: skip
            out[q] = size
    return out
