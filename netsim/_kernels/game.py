"""The networking game's inner loops (MODEL.md section 2) on flat arrays.

State. Agents are ``0 .. n - 1``; ``is_lion`` and ``active`` are boolean
masks. Each agent's ties are a row of parallel arrays: row ``i`` occupies
``[start[i], start[i] + length[i])`` of ``nbr`` (the other end, int32),
``w`` (trust), ``tid`` (the tie's number, in order of creation, int64),
``org`` (:data:`OFFLINE`, :data:`INTRO`, :data:`MESSAGE`, :data:`COLD`) and
``born`` (round, int32); room runs to ``start[i + 1]``. Every tie is stored in both rows with
the same values, and both copies are updated by the same arithmetic, so they
stay equal. Rows list ties in ascending ``tid`` (older ties first): the
compaction after pruning and the relayouts keep that order. Reading a row is
sequential, which is what makes a round fast.

Before the first round, :func:`lion_lists` draws each LION's list. A round
is, in the driver's order: :func:`send_requests` (requests and acceptance,
on the network of the start of the round), :func:`append_ties` (after the
driver made room with :func:`relayout`), :func:`give_attention`,
:func:`update_trust` (trust update and pruning), :func:`drop_over_dunbar`
(with ``dunbar_rule="drop_weakest"``), :func:`find_jobs`.

Draw order (the lockstep contract, STYLE S7). Streams are
``task_state(key0, key1, purpose, 4 * r + phase, agent)`` for round ``r``:

* phase 0, requests: active agents in ascending order, each from its own
  stream. A LION, for each of its ``lion_requests`` requests, draws ``u``
  (``u < lion_list_bias`` picks its LION list when the list is not empty,
  otherwise everyone), then up to :data:`MAX_TRIES` candidates
  ``pool[floor(U * len(pool))]`` until one is neither itself nor a contact
  (none found: the request is not sent); an organic target then costs one
  acceptance draw, a LION target none. An organic agent, for each of its
  ``organic_requests`` requests, draws ``u``; when ``u < p_intro`` and it has
  contacts, one draw picks the introducer ``j`` (proportional to trust),
  then up to :data:`MAX_TRIES` draws pick ``k`` among all of ``j``'s ties
  (proportional to ``j``'s trust) until one is neither the agent nor its
  contact; after that many misses, when ``j`` has such contacts, one more
  draw picks among them directly. With no ``k`` the target is a stranger
  drawn like a LION's "everyone" candidates. Then one acceptance draw for an
  organic target. Trust sums run in row order; a draw ``U * total`` picks
  the first tie whose partial sum exceeds it (the last tie if rounding
  leaves none).
* phase 1, jobs: active agents in ascending order, one draw each.
* LION lists: LION ``i`` draws from ``task_state(..., 3, i)`` (round 0,
  phase 3) its list by Floyd's algorithm (:func:`lion_lists`).
* offline ties: group ``g`` draws from ``task_state(..., 2, g)`` the
  geometric skips of networkx's ``fast_gnp_random_graph`` over the pairs of
  its members (listed in ascending order), each from
  ``prng.next_geometric`` with ``log_q = log1p(-p)`` (draws are made even
  when ``p = 1``).

The network a request sees is the one at the start of the round, except that
"a contact" includes ties made earlier in the same round, so no pair is tied
twice (a refused request leaves the target eligible again). "Share a
trusted contact" uses the start-of-round network and trust only. Whether a
candidate is a contact of the requester is read from stamps that the
requester writes on its turn for every current contact, so each check is
O(1).
"""

import math

import numba
import numpy as np

from . import prng
from ._options import NJIT, NJIT_PARALLEL
from .chunks import chunk_bounds

__all__ = [
    "COLD",
    "COLD_KNOWN",
    "INTRO",
    "MAX_TRIES",
    "MESSAGE",
    "OFFLINE",
    "append_ties",
    "drop_over_dunbar",
    "find_jobs",
    "give_attention",
    "lion_lists",
    "offline_ties",
    "relayout",
    "row_cumsum",
    "rows_to_csr",
    "send_requests",
    "update_trust",
]

OFFLINE = 0
INTRO = 1
MESSAGE = 2
COLD = 3
#: Request kinds in the request counts: INTRO, MESSAGE, COLD and this one.
COLD_KNOWN = 4

MAX_TRIES = 32

_CHUNKS = 64
_TINY = 2.2250738585072014e-308  # smallest normal float64: trust stays above 0


@numba.njit(inline="always", **NJIT)
def _side(is_lion, i):
    """Row of agent ``i`` in the per-strategy tallies: 0 for LIONs, 1 for organic agents."""
    return 0 if is_lion[i] else 1


@numba.njit(**NJIT)
def offline_ties(key0, key1, purpose, group_ptr, members, k0):
    """Return the ends ``(eu, ev)`` of the offline ties, ``eu < ev``.

    Group ``g`` holds ``members[group_ptr[g]:group_ptr[g + 1]]`` (ascending);
    each of its pairs is tied with ``p = min(1, k0 / (size - 1))``, so that an
    agent's expected number of offline ties is ``k0`` in any group larger
    than ``k0``.
    """
    capacity = 16
    eu = np.empty(capacity, dtype=np.int64)
    ev = np.empty(capacity, dtype=np.int64)
    m = 0
    for g in range(group_ptr.shape[0] - 1):
        lo = group_ptr[g]
        size = group_ptr[g + 1] - lo
        if size < 2 or k0 <= 0.0:
            continue
        p = min(1.0, k0 / (size - 1))
        log_q = math.log1p(-p) if p < 1.0 else -math.inf
        s = prng.task_state(key0, key1, purpose, 2, g)
        v = 1
        w = -1
        while v < size:
            w += 1 + prng.next_geometric(s, log_q)
            while w >= v and v < size:
                w -= v
                v += 1
            if v < size:
                if m == capacity:
                    capacity *= 2
                    eu = np.concatenate((eu, np.empty(capacity - m, dtype=np.int64)))
                    ev = np.concatenate((ev, np.empty(capacity - m, dtype=np.int64)))
                a = members[lo + w]
                b = members[lo + v]
                eu[m] = min(a, b)
                ev[m] = max(a, b)
                m += 1
    return eu[:m].copy(), ev[:m].copy()


@numba.njit(**NJIT_PARALLEL)
def lion_lists(key0, key1, purpose, n, lion_ids, size):
    """Return each LION's list: ``size`` other LIONs drawn at random, as ``(list_ptr, items)``.

    LION ``lion_ids[p]`` draws from ``task_state(key0, key1, purpose, 3, lion_ids[p])``
    a uniform subset of the ``m = len(lion_ids) - 1`` other LIONs by Floyd's
    algorithm: for ``j`` in ``m - size .. m - 1`` it draws ``x =
    floor(U * (j + 1))`` and takes the ``x``-th other LION (in ascending
    order) unless already taken, else the ``j``-th; the list keeps that
    order. ``list_ptr`` has ``n + 1`` entries, one row per agent (organic
    agents' rows are empty). Fewer than ``size`` other LIONs: all of them.
    """
    n_lion = lion_ids.shape[0]
    size = min(size, max(n_lion - 1, 0))
    list_ptr = np.zeros(n + 1, dtype=np.int64)
    for p in range(n_lion):
        list_ptr[lion_ids[p] + 1] = size
    for i in range(n):
        list_ptr[i + 1] += list_ptr[i]
    items = np.empty(n_lion * size, dtype=np.int64)
    n_chunks = min(_CHUNKS, max(n_lion, 1))
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n_lion)
        taken = np.full(max(n_lion - 1, 1), -1, dtype=np.int64)
        for p in range(lo, hi):
            s = prng.task_state(key0, key1, purpose, 3, lion_ids[p])
            out = list_ptr[lion_ids[p]]
            m = n_lion - 1
            for q, j in enumerate(range(m - size, m)):
                x = int(prng.next_double(s) * (j + 1))
                if taken[x] == p:
                    x = j
                taken[x] = p
                # The x-th other LION skips the LION itself.
                items[out + q] = lion_ids[x if x < p else x + 1]
    return list_ptr, items


@numba.njit(**NJIT_PARALLEL)
def relayout(start, length, extra, nbr, tid, born, w, org, slack_share, min_slack):
    """Return new rows with room for ``extra[i]`` more ties in row ``i`` plus slack.

    Returns ``(start, nbr, tid, born, w, org)`` with row ``i`` given
    ``need = length[i] + extra[i]`` places and a slack of
    ``max(min_slack, need * slack_share, 4 * extra[i])``, its ties copied in
    order. Rows that grow linearly are thus laid out O(log rounds) times.
    """
    n = length.shape[0]
    new_start = np.zeros(n + 1, dtype=np.int64)
    for i in range(n):
        need = length[i] + extra[i]
        slack = max(min_slack, int(need * slack_share), 4 * extra[i])
        new_start[i + 1] = new_start[i] + need + slack
    size = new_start[n]
    new_nbr = np.empty(size, dtype=nbr.dtype)
    new_tid = np.empty(size, dtype=tid.dtype)
    new_born = np.empty(size, dtype=born.dtype)
    new_w = np.empty(size, dtype=w.dtype)
    new_org = np.empty(size, dtype=org.dtype)
    n_chunks = min(_CHUNKS, max(n, 1))
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n)
        for i in range(lo, hi):
            src = start[i]
            dst = new_start[i]
            k = length[i]
            new_nbr[dst : dst + k] = nbr[src : src + k]
            new_tid[dst : dst + k] = tid[src : src + k]
            new_born[dst : dst + k] = born[src : src + k]
            new_w[dst : dst + k] = w[src : src + k]
            new_org[dst : dst + k] = org[src : src + k]
    return new_start, new_nbr, new_tid, new_born, new_w, new_org


@numba.njit(**NJIT)
def append_ties(
    start, length, nbr, tid, born, w, org, new_u, new_v, new_org, k, first_tid, r, initial_trust
):
    """Append ties ``new_u[q] -- new_v[q]`` (``q < k``) to both rows, numbered from ``first_tid``.

    The driver has made room (:func:`relayout`).
    """
    for q in range(k):
        for a, b in ((new_u[q], new_v[q]), (new_v[q], new_u[q])):
            pos = start[a] + length[a]
            nbr[pos] = b
            tid[pos] = first_tid + q
            born[pos] = r
            w[pos] = initial_trust[new_org[q]]
            org[pos] = new_org[q]
            length[a] += 1


@numba.njit(**NJIT)
def _draw_candidate(s, i, pool, use_pool, n, mark, tag):
    """Return a uniform candidate that is neither ``i`` nor a contact, or -1 after MAX_TRIES.

    Contacts of ``i`` are the agents with ``mark >= tag`` (see :func:`send_requests`).
    """
    size = pool.shape[0] if use_pool else n
    for _ in range(MAX_TRIES):
        c = int(prng.next_double(s) * size)
        if use_pool:
            c = pool[c]
        if c != i and mark[c] < tag:
            return c
    return -1


@numba.njit(**NJIT)
def _shares_trusted_contact(t, i, start, length, nbr, w, trusted, known_trust):
    """Return whether ``t`` and ``i`` share a contact whom both trust at least ``known_trust``.

    ``trusted[c] == i`` marks the contacts ``c`` that ``i`` had at the start
    of the round with trust at least ``known_trust`` (see :func:`send_requests`).
    """
    q = start[t]
    end = q + length[t]
    while q < end and not (w[q] >= known_trust and trusted[nbr[q]] == i):
        q += 1
    return q < end


@numba.njit(**NJIT)
def _pick_by_trust(s, lo, hi, cum, nbr):
    """Return the neighbour in row ``[lo, hi)`` drawn with probability proportional to trust.

    ``cum`` holds the row's partial sums of trust, added in row order. One
    draw ``x = U * cum[hi - 1]`` picks the first tie whose partial sum
    exceeds ``x`` (a binary search), or the last tie if rounding leaves none.
    """
    x = prng.next_double(s) * cum[hi - 1]
    a = lo
    b = hi - 1
    while a < b:
        mid = (a + b) // 2
        if x < cum[mid]:
            b = mid
        else:
            a = mid + 1
    return nbr[a]


@numba.njit(**NJIT)
def _introduction(s, i, start, length, nbr, w, cum, mark, tag):
    """Return the agent that a contact of ``i`` introduces it to, or -1 if none.

    ``k`` is drawn among the introducer's ties in proportion to trust, again
    until one is neither ``i`` nor a contact of ``i``: at most
    :data:`MAX_TRIES` draws, then one draw among the eligible ties directly.
    Either way ``k`` has the law "proportional to trust among the eligible".
    """
    if length[i] == 0:
        return -1
    j = _pick_by_trust(s, start[i], start[i] + length[i], cum, nbr)
    lo = start[j]
    hi = lo + length[j]
    for _ in range(MAX_TRIES):
        k = _pick_by_trust(s, lo, hi, cum, nbr)
        if k != i and mark[k] < tag:
            return k
    total = 0.0
    for q in range(lo, hi):
        k = nbr[q]
        if k != i and mark[k] < tag:
            total += w[q]
    if total <= 0.0:
        return -1
    x = prng.next_double(s) * total
    acc = 0.0
    chosen = -1
    for q in range(lo, hi):
        k = nbr[q]
        if k != i and mark[k] < tag:
            acc += w[q]
            chosen = k
            if x < acc:
                break
    return chosen


@numba.njit(**NJIT)
def row_cumsum(start, length, w, cum):
    """Write into ``cum`` each row's partial sums of trust, added in row order."""
    for i in range(length.shape[0]):
        acc = 0.0
        for q in range(start[i], start[i] + length[i]):
            acc += w[q]
            cum[q] = acc


@numba.njit(**NJIT)
def send_requests(
    key0,
    key1,
    purpose,
    r,
    is_lion,
    active,
    lion_ids,
    list_ptr,
    list_items,
    start,
    length,
    nbr,
    w,
    cum,
    lion_requests,
    lion_list_bias,
    organic_requests,
    p_intro,
    accept,
    known_trust,
    new_u,
    new_v,
    new_org,
    requests,
    new_ties,
):
    """Run the requests of round ``r``; write the accepted ties and return their number.

    The rows are the network of the start of the round and are not changed;
    ``cum`` holds their partial sums of trust (:func:`row_cumsum`).
    Accepted tie ``q`` is ``new_u[q] -- new_v[q]`` (requester first) with
    origin ``new_org[q]``; the arrays have room for every request.
    ``accept[kind]`` is the acceptance probability of an organic target for
    kinds INTRO, MESSAGE, COLD, COLD_KNOWN (index 0 unused); a request
    without a message is COLD_KNOWN when the two share a contact whom both
    trust at least ``known_trust``. LION ``i``'s list is
    ``list_items[list_ptr[i]:list_ptr[i + 1]]`` (:func:`lion_lists`); with
    ``list_ptr`` of length 0 every LION's list is ``lion_ids``, the LION
    included (version 1).
    ``requests[kind - 1, target, 0|1]`` (target 0 LION, 1 organic) counts
    sent and accepted requests; ``new_ties[strategy, origin]`` counts new ties
    once per end. Both are added to.
    """
    n = is_lion.shape[0]
    n_lion = lion_ids.shape[0]
    # Stamps: on agent i's turn, mark[x] == 2 * i + 1 for its contacts of the start of
    # the round and 2 * i + 2 for this round's; earlier turns left smaller values.
    mark = np.full(n, -1, dtype=np.int32)
    # trusted[x] == i: on agent i's turn, x is a contact of the start of the round whom i
    # trusts at least known_trust.
    trusted = np.full(n, -1, dtype=np.int32)
    shared_list = list_ptr.shape[0] == 0
    # This round's new ties of each agent, as linked lists through their numbers.
    head = np.full(n, -1, dtype=np.int64)
    next_u = np.empty(new_u.shape[0], dtype=np.int64)
    next_v = np.empty(new_u.shape[0], dtype=np.int64)
    k = 0
    for i in range(n):
        if not active[i]:
            continue
        old_tag = 2 * i + 1
        for q in range(start[i], start[i] + length[i]):
            mark[nbr[q]] = old_tag
            if w[q] >= known_trust:
                trusted[nbr[q]] = i
        e = head[i]
        while e >= 0:
            if new_u[e] == i:
                mark[new_v[e]] = old_tag + 1
                e = next_u[e]
            else:
                mark[new_u[e]] = old_tag + 1
                e = next_v[e]
        s = prng.task_state(key0, key1, purpose, 4 * r, i)
        n_requests = lion_requests if is_lion[i] else organic_requests
        for _ in range(n_requests):
            if is_lion[i]:
                if shared_list:
                    pool = lion_ids
                    has_list = n_lion > 1
                else:
                    pool = list_items[list_ptr[i] : list_ptr[i + 1]]
                    has_list = pool.shape[0] > 0
                use_list = prng.next_double(s) < lion_list_bias and has_list
                t = _draw_candidate(s, i, pool, use_list, n, mark, old_tag)
                kind = COLD
                if (
                    t >= 0
                    and not is_lion[t]
                    and _shares_trusted_contact(t, i, start, length, nbr, w, trusted, known_trust)
                ):
                    kind = COLD_KNOWN
            else:
                t = -1
                kind = MESSAGE
                if prng.next_double(s) < p_intro:
                    t = _introduction(s, i, start, length, nbr, w, cum, mark, old_tag)
                    if t >= 0:
                        kind = INTRO
                if t < 0:
                    t = _draw_candidate(s, i, lion_ids, False, n, mark, old_tag)
            if t < 0:
                continue
            target = _side(is_lion, t)
            requests[kind - 1, target, 0] += 1
            if not is_lion[t] and prng.next_double(s) >= accept[kind]:
                continue
            requests[kind - 1, target, 1] += 1
            tie_origin = COLD if kind == COLD_KNOWN else kind
            new_u[k] = i
            new_v[k] = t
            new_org[k] = tie_origin
            next_u[k] = head[i]
            head[i] = k
            next_v[k] = head[t]
            head[t] = k
            mark[t] = old_tag + 1
            new_ties[_side(is_lion, i), tie_origin] += 1
            new_ties[target, tie_origin] += 1
            k += 1
    return k


@numba.njit(**NJIT)
def _attend(i, is_lion, active, start, length, w, tid, dunbar, job_attention, rule):
    """Write agent ``i``'s attention rule into ``rule[i]``; return how many ties get some.

    ``rule[i] = (even, share, cut_trust, cut_tid)``: agent ``i`` gives a tie of
    trust ``w`` and number ``t`` the amount ``even + share * w`` when
    ``(w, -t) >= (cut_trust, -cut_tid)``, else nothing. A LION has
    ``share = 0`` and no cut; an organic agent ``even = 0`` and
    ``share = budget / total``, ``total`` the trust of its attended ties
    added in row order when it attends all of them, in rank order (most
    trusted first) when ``dunbar`` cuts.
    """
    lo = start[i]
    deg = length[i]
    budget = 1.0 if active[i] else job_attention[_side(is_lion, i)]
    rule[i, 0] = 0.0
    rule[i, 1] = 0.0
    rule[i, 2] = -math.inf
    rule[i, 3] = 0.0
    if deg == 0 or budget <= 0.0:
        return 0
    if is_lion[i]:
        rule[i, 0] = budget / deg
        return deg
    if deg <= dunbar:
        total = 0.0
        for q in range(lo, lo + deg):
            total += w[q]
        rule[i, 1] = budget / total
        return deg
    order = np.argsort(-w[lo : lo + deg], kind="mergesort")
    total = 0.0
    for q in range(dunbar):
        total += w[lo + order[q]]
    last = lo + order[dunbar - 1]
    rule[i, 1] = budget / total
    rule[i, 2] = w[last]
    rule[i, 3] = tid[last]
    return dunbar


@numba.njit(**NJIT)
def give_attention(is_lion, active, start, length, w, tid, dunbar, job_attention):
    """Return ``(rule, maintained)``: each agent's attention rule and how many ties it attends.

    An active agent has one unit of attention, an inactive one
    ``job_attention[strategy]``. A LION splits it evenly over its ties; an
    organic agent over its ``dunbar`` most trusted ties (equal trust: the
    older tie first), in proportion to trust. See :func:`update_trust` for
    how ``rule`` is read.
    """
    n = is_lion.shape[0]
    rule = np.empty((n, 4), dtype=np.float64)
    maintained = np.zeros(n, dtype=np.int64)
    # Serial: the work is small next to a parallel launch on a loaded machine.
    for i in range(n):
        maintained[i] = _attend(
            i, is_lion, active, start, length, w, tid, dunbar, job_attention, rule
        )
    return rule, maintained


@numba.njit(inline="always", **NJIT)
def _given(i, t, w, rule):
    """Return the attention agent ``i`` gives its tie number ``t`` of trust ``w``."""
    if w > rule[i, 2] or (w == rule[i, 2] and t <= rule[i, 3]):
        return rule[i, 0] + rule[i, 1] * w
    return 0.0


@numba.njit(inline="always", **NJIT)
def _move_tie(dst, src, nbr, tid, born, org):
    """Move the tie at place ``src`` of a row to place ``dst``, all but its trust."""
    nbr[dst] = nbr[src]
    tid[dst] = tid[src]
    born[dst] = born[src]
    org[dst] = org[src]


@numba.njit(**NJIT)
def _sum_chunks(partial):
    """Return the per-chunk tallies ``partial[c]`` added up in chunk order."""
    out = np.zeros(partial.shape[1:], dtype=np.float64)
    for c in range(partial.shape[0]):
        out += partial[c]
    return out


@numba.njit(**NJIT_PARALLEL)
def update_trust(
    is_lion, start, length, nbr, tid, born, w, org, cum, rule, eta, exchange_min, decay, w_min
):
    """Update the trust of every tie, drop pruned ties from the rows; return tallies.

    ``w <- w + eta * x * (1 - w) - decay * w`` with the attention ``a_ij``,
    ``a_ji`` each end gives the tie by ``rule`` (from :func:`give_attention`):
    ``x = 2 * min(a_ij, a_ji)`` when ``exchange_min``, else ``a_ij + a_ji``;
    capped at 1 and kept above 0. A tie below ``w_min`` with an organic end is
    dropped. Both copies of a tie get the same value. ``cum`` receives the
    rows' partial sums of the new trust, as :func:`row_cumsum` writes them.

    Returns
    -------
    ndarray of shape (2, 3), float64
        Per strategy (rows LION, organic), once per end of that strategy:
        ties pruned, live ties and their summed trust after the update.
    """
    n = is_lion.shape[0]
    n_chunks = min(_CHUNKS, max(n, 1))
    partial = np.zeros((n_chunks, 2, 3), dtype=np.float64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n)
        for i in range(lo, hi):
            lion_i = is_lion[i]
            n_pruned = 0
            n_live = 0
            summed = 0.0
            kept = start[i]
            for q in range(start[i], start[i] + length[i]):
                x = nbr[q]
                old = w[q]
                t = tid[q]
                # The same value in both copies: min and + are commutative in IEEE arithmetic.
                a_i = _given(i, t, old, rule)
                a_x = _given(x, t, old, rule)
                a = 2.0 * min(a_i, a_x) if exchange_min else a_i + a_x
                new = old + eta * a * (1.0 - old) - decay * old
                new = max(min(new, 1.0), _TINY)
                if new < w_min and not (lion_i and is_lion[x]):
                    n_pruned += 1
                    continue
                n_live += 1
                summed += new
                if kept != q:
                    _move_tie(kept, q, nbr, tid, born, org)
                w[kept] = new
                cum[kept] = summed
                kept += 1
            length[i] = kept - start[i]
            side = _side(is_lion, i)
            partial[c, side, 0] += n_pruned
            partial[c, side, 1] += n_live
            partial[c, side, 2] += summed
    return _sum_chunks(partial)


@numba.njit(**NJIT_PARALLEL)
def drop_over_dunbar(is_lion, start, length, nbr, tid, born, w, org, cum, dunbar, dropped, r):
    """Cut every organic agent's row down to its ``dunbar`` most trusted ties; return tallies.

    Each organic agent with more than ``dunbar`` ties keeps the ``dunbar``
    of highest trust (equal trust: the older tie) and drops the rest, all
    agents deciding at once on the rows as they stand; a tie dropped by
    either end leaves both rows, so an agent may end below ``dunbar``.
    ``dropped`` holds one stamp per tie number: the kernel writes ``r`` for
    the ties it drops (earlier stamps are smaller). ``cum`` receives the new
    rows' partial sums of trust.

    Returns
    -------
    ndarray of shape (2, 3), float64
        Per strategy (rows LION, organic), once per end of that strategy:
        ties dropped, live ties and their summed trust after the cut.
    """
    n = is_lion.shape[0]
    n_chunks = min(_CHUNKS, max(n, 1))
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n)
        for i in range(lo, hi):
            deg = length[i]
            if is_lion[i] or deg <= dunbar:
                continue
            first = start[i]
            # Rows are in ascending tie number: a stable sort on -w ranks by (-w, tid).
            ranked = np.argsort(-w[first : first + deg], kind="mergesort")
            for q in range(dunbar, deg):
                dropped[tid[first + ranked[q]]] = r
    partial = np.zeros((n_chunks, 2, 3), dtype=np.float64)
    for c in numba.prange(n_chunks):
        lo, hi = chunk_bounds(c, n_chunks, n)
        for i in range(lo, hi):
            n_dropped = 0
            n_live = 0
            summed = 0.0
            kept = start[i]
            for q in range(start[i], start[i] + length[i]):
                if dropped[tid[q]] == r:
                    n_dropped += 1
                    continue
                n_live += 1
                summed += w[q]
                if kept != q:
                    _move_tie(kept, q, nbr, tid, born, org)
                    w[kept] = w[q]
                cum[kept] = summed
                kept += 1
            length[i] = kept - start[i]
            side = _side(is_lion, i)
            partial[c, side, 0] += n_dropped
            partial[c, side, 1] += n_live
            partial[c, side, 2] += summed
    return _sum_chunks(partial)


@numba.njit(**NJIT_PARALLEL)
def rows_to_csr(start, length, nbr, w, org, born):
    """Return the rows as CSR arrays sorted by neighbour: ``(indptr, indices, w, org, born)``."""
    n = length.shape[0]
    indptr = np.zeros(n + 1, dtype=np.int64)
    for i in range(n):
        indptr[i + 1] = indptr[i] + length[i]
    size = indptr[n]
    indices = np.empty(size, dtype=np.int64)
    out_w = np.empty(size, dtype=np.float64)
    out_org = np.empty(size, dtype=np.int8)
    out_born = np.empty(size, dtype=born.dtype)
    n_chunks = min(_CHUNKS, max(n, 1))
    for c in numba.prange(n_chunks):
        first, last = chunk_bounds(c, n_chunks, n)
        for i in range(first, last):
            lo = start[i]
            order = np.argsort(nbr[lo : lo + length[i]])
            for q in range(length[i]):
                src = lo + order[q]
                dst = indptr[i] + q
                indices[dst] = nbr[src]
                out_w[dst] = w[src]
                out_org[dst] = org[src]
                out_born[dst] = born[src]
    return indptr, indices, out_w, out_org, out_born


@numba.njit(**NJIT)
def find_jobs(key0, key1, purpose, r, active, p_job):
    """Each active agent finds a job (becomes inactive) with probability ``p_job``."""
    for i in range(active.shape[0]):
        if active[i]:
            s = prng.task_state(key0, key1, purpose, 4 * r + 1, i)
            if prng.next_double(s) < p_job:
                active[i] = False
