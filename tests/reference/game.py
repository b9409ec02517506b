"""A slow, obvious networking game that replays the kernel's draws.

Written from the model (MODEL.md section 2), the choices the driver's Notes
fix (``netsim/graphs/_game.py``) and the draw order documented in
``netsim/_kernels/game.py``, with plain Python data: a dict of ties by number
and, per agent, a dict ``{contact: tie number}``. It shares no code with
netsim; what it takes from the kernel's contract is the stream key of each
task and the order of the draws, replayed through ``tests/reference/prng.py``.

State. Ties are numbered in order of creation (offline ties first, group by
group in the order they are generated, then round by round in the order the
requests were accepted); an agent's "row" is its ties in that order, and
every "in row order" below means ascending tie number.
"""

import math
import sys
from collections import Counter

from .prng import Xoshiro256StarStar

GAME_PURPOSE = 8  # netsim._seeding.Purpose.GAME
MAX_TRIES = 32
STRATEGIES = ("lion", "organic")
KINDS = ("intro", "message", "cold", "cold_known")
SMALLEST_TRUST = sys.float_info.min  # trust never reaches 0


def offline_start(n, lion_fraction, n_groups, generator):
    """Return ``(is_lion, group)`` drawn from ``generator`` as the driver does.

    A random permutation of the agents, whose first ``round(lion_fraction *
    n)`` are LIONs, then each agent's group, uniform in ``range(n_groups)``.
    """
    n_lion = round(lion_fraction * n)
    order = [int(x) for x in generator.permutation(n)]
    lions = set(order[:n_lion])
    is_lion = [i in lions for i in range(n)]
    group = [int(g) for g in generator.integers(n_groups, size=n)]
    return is_lion, group


def offline_pairs(group, n_groups, k0, key0, key1, events=None):
    """Return the offline ties ``(a, b)`` in order of generation.

    Group by group, the pairs of its members (ascending) are visited as
    networkx's ``fast_gnp_random_graph`` visits them (pair ``(w, v)``, ``w <
    v``, by ``v`` then ``w``), skipping a geometric number of pairs between
    ties, with ``p = min(1, k0 / (size - 1))``.
    """
    pairs = []
    for g in range(n_groups):
        members = sorted(i for i, gi in enumerate(group) if gi == g)
        size = len(members)
        if size < 2 or k0 <= 0:
            continue
        p = min(1.0, k0 / (size - 1))
        if events is not None:
            events["complete_group" if p == 1.0 else "random_group"] += 1
        # log(1 - p); log1p is the kernel's (and the accurate) way to write it
        log_q = math.log1p(-p) if p < 1.0 else -math.inf
        rng = Xoshiro256StarStar.for_task(key0, key1, GAME_PURPOSE, 2, g)
        v, w = 1, -1
        while v < size:
            w += 1 + rng.next_geometric(log_q)
            while w >= v and v < size:
                w -= v
                v += 1
            if v < size:
                pairs.append((members[w], members[v]))
    return pairs


def draw_stranger(rng, i, pool, now, at_start, events):
    """Return a uniform member of ``pool`` that is neither ``i`` nor in ``now``, or None.

    Up to ``MAX_TRIES`` candidates ``pool[floor(U * len(pool))]``.
    """
    for _ in range(MAX_TRIES):
        c = pool[int(rng.next_double() * len(pool))]
        if c != i and c not in now:
            return c
        events["redraw"] += 1
        if c in now and c not in at_start:
            events["redraw_new_contact"] += 1
    events["not_sent"] += 1
    return None


def introduce(rng, i, at_start, now, tie, events):
    """Return the agent a contact of ``i`` introduces it to, or None.

    The introducer ``j`` is drawn among ``i``'s contacts of the start of the
    round in proportion to trust; then ``k`` among ``j``'s ties of the start
    of the round in proportion to ``j``'s trust, drawn again while it is
    ``i`` or in ``now`` (``i``'s contacts, with this round's), up to
    ``MAX_TRIES`` times; after that many misses, one draw among the eligible
    ties directly, if there are any.
    """

    def trust_row(agent):
        return [(x, tie[number]["trust"]) for x, number in row_of(at_start[agent])]

    j = pick_by_trust(rng, trust_row(i))
    ties_j = trust_row(j)
    for _ in range(MAX_TRIES):
        k = pick_by_trust(rng, ties_j)
        if k != i and k not in now:
            events["introduction"] += 1
            return k
        events["introduction_redraw"] += 1
    eligible = [(x, w) for x, w in ties_j if x != i and x not in now]
    if not eligible:
        events["no_one_to_introduce"] += 1
        return None
    events["introduction_among_eligible"] += 1
    return pick_by_trust(rng, eligible)


def lion_lists(lions, size, key0, key1):
    """Return each LION's list, ``{lion: [other LIONs]}``, or None for version 1's shared list.

    ``size="all"``: None. Otherwise each LION draws ``size`` of the other
    LIONs (ascending) from its own stream by Floyd's algorithm: for ``j`` in
    ``m - size .. m - 1`` (``m`` other LIONs) an index ``x = floor(U * (j +
    1))``, replaced by ``j`` when already taken; the list keeps draw order.
    """
    if size == "all":
        return None
    lists = {}
    for i in lions:
        others = [x for x in lions if x != i]
        m = len(others)
        rng = Xoshiro256StarStar.for_task(key0, key1, GAME_PURPOSE, 3, i)
        taken = []
        for j in range(m - size, m):
            x = int(rng.next_double() * (j + 1))
            taken.append(j if x in taken else x)
        lists[i] = [others[x] for x in taken]
    return lists


def trusted_shared_contact(i, t, at_start, tie, known_trust):
    """Whether ``i`` and ``t`` share a contact whom both trust at least ``known_trust``."""
    for c in set(at_start[i]) & set(at_start[t]):
        if (
            tie[at_start[i][c]]["trust"] >= known_trust
            and tie[at_start[t][c]]["trust"] >= known_trust
        ):
            return True
    return False


def row_of(contacts):
    """The ``(contact, tie number)`` pairs of ``{contact: tie number}`` in row order."""
    return sorted(contacts.items(), key=lambda item: item[1])


def pick_by_trust(rng, items):
    """Draw one of ``items`` = [(agent, trust), ...] in proportion to trust.

    One draw ``x = U * total``; the first item whose cumulative trust (summed
    in the order given, left to right) exceeds ``x``.
    """
    total = 0.0
    for _, w in items:  # left to right (not sum(): Python >= 3.12 compensates)
        total += w
    x = rng.next_double() * total
    running = 0.0
    for agent, w in items:
        running += w
        if x < running:
            return agent
    return items[-1][0]  # unreachable: x < total


def play(
    *,
    n,
    lion_fraction,
    rounds,
    n_groups,
    k0,
    lion_requests,
    lion_list_bias,
    lion_list_size,
    organic_requests,
    p_intro,
    accept_intro,
    accept_message,
    accept_cold,
    accept_known,
    known_trust,
    trust_offline,
    trust_intro,
    trust_message,
    trust_cold,
    dunbar,
    dunbar_rule,
    eta,
    exchange,
    decay,
    w_min,
    p_job,
    job_attention,
    key0,
    key1,
    generator,
):
    """Play the game; return a dict with the final network, history and requests.

    ``job_attention`` is ``{"lion": a, "organic": b}``; ``generator`` is the
    NumPy Generator of the task ``(GAME, 0)`` (strategies and groups);
    ``key0, key1`` the kernel key of the root.

    Returns
    -------
    dict
        ``is_lion``, ``group``, ``active`` (lists by agent); ``ties``:
        ``{(u, v): (trust, origin, created)}`` with ``u < v``; ``history``:
        ``{(round, strategy): {column: value}}``; ``requests``:
        ``{(round, kind, target): (sent, accepted)}``; ``events``: a Counter
        of the branches taken (for tests that check their configurations
        reach every rule).
    """
    events = Counter()
    is_lion, group = offline_start(n, lion_fraction, n_groups, generator)
    strategy = ["lion" if x else "organic" for x in is_lion]
    lions = [i for i in range(n) if is_lion[i]]
    lists = lion_lists(lions, lion_list_size, key0, key1)
    everyone = list(range(n))
    active = [True] * n
    trust_of_origin = {
        "offline": trust_offline,
        "intro": trust_intro,
        "message": trust_message,
        "cold": trust_cold,
    }
    acceptance = {
        "intro": accept_intro,
        "message": accept_message,
        "cold": accept_cold,
        "cold_known": accept_known,
    }

    tie = {}  # number -> {"ends", "trust", "origin", "created"}
    contacts = {i: {} for i in range(n)}  # agent -> {contact: tie number}
    made = [0]  # ties made so far: the next tie's number (numbers are never reused)

    def make_tie(a, b, origin, r):
        number = made[0]
        made[0] += 1
        tie[number] = {
            "ends": (a, b),
            "trust": trust_of_origin[origin],
            "origin": origin,
            "created": r,
        }
        contacts[a][b] = number
        contacts[b][a] = number

    history = {}
    requests = {}

    for a, b in offline_pairs(group, n_groups, k0, key0, key1, events):
        make_tie(a, b, "offline", 0)
    for side in STRATEGIES:
        members = [i for i in range(n) if strategy[i] == side]
        if not members:
            continue
        ends = sum(len(contacts[i]) for i in members)
        trust_sum = sum(tie[t]["trust"] for i in members for t in contacts[i].values())
        history[0, side] = {
            "n_agents": len(members),
            "n_active": len(members),
            "mean_degree": ends / len(members),
            "mean_trust": trust_sum / ends if ends else math.nan,
            "new_offline": ends,
            "new_intro": 0,
            "new_message": 0,
            "new_cold": 0,
            "pruned": 0,
            "dropped": 0,
            "maintained": 0.0,
        }

    for r in range(1, rounds + 1):
        for kind in KINDS:
            for side in STRATEGIES:
                requests[r, kind, side] = [0, 0]
        new_ends = {(side, origin): 0 for side in STRATEGIES for origin in trust_of_origin}

        # 1-3. Requests, acceptance, new ties.
        at_start = {i: dict(contacts[i]) for i in range(n)}  # the network of the start of the round
        accepted = []  # (requester, target, origin) in order of acceptance
        now = {i: set(at_start[i]) for i in range(n)}  # contacts, with this round's new ties

        for i in range(n):
            if not active[i]:
                continue
            rng = Xoshiro256StarStar.for_task(key0, key1, GAME_PURPOSE, 4 * r, i)
            for _ in range(lion_requests if is_lion[i] else organic_requests):
                if is_lion[i]:
                    own_list = lions if lists is None else lists[i]
                    has_list = len(lions) > 1 if lists is None else len(own_list) > 0
                    on_list = rng.next_double() < lion_list_bias
                    pool = own_list if on_list and has_list else everyone
                    events["lion_list" if pool is own_list else "lion_everyone"] += 1
                    t = draw_stranger(rng, i, pool, now[i], at_start[i], events)
                    kind = "cold"
                    if t is not None and not is_lion[t]:
                        if trusted_shared_contact(i, t, at_start, tie, known_trust):
                            kind = "cold_known"
                            events["cold_known"] += 1
                        elif set(at_start[i]) & set(at_start[t]):
                            events["shared_contact_not_trusted"] += 1
                else:
                    t = None
                    kind = "message"
                    if rng.next_double() < p_intro and at_start[i]:
                        t = introduce(rng, i, at_start, now[i], tie, events)
                        if t is not None:
                            kind = "intro"
                    if t is None:
                        t = draw_stranger(rng, i, everyone, now[i], at_start[i], events)
                if t is None:
                    continue
                requests[r, kind, strategy[t]][0] += 1
                if not is_lion[t] and not rng.next_double() < acceptance[kind]:
                    events["refused"] += 1
                    continue
                requests[r, kind, strategy[t]][1] += 1
                origin = "cold" if kind == "cold_known" else kind
                accepted.append((i, t, origin))
                now[i].add(t)
                now[t].add(i)
        for a, b, origin in accepted:
            make_tie(a, b, origin, r)
            new_ends[strategy[a], origin] += 1
            new_ends[strategy[b], origin] += 1

        # 4. Attention: given[i][tie number] = a_ij.
        given = {}
        maintained = [0] * n
        for i in range(n):
            given[i] = {}
            budget = 1.0 if active[i] else job_attention[strategy[i]]
            ties_i = [number for _, number in row_of(contacts[i])]
            if not ties_i or budget <= 0.0:
                continue
            if not active[i]:
                events["attention_after_job"] += 1
            if is_lion[i]:
                for number in ties_i:
                    given[i][number] = budget / len(ties_i)
                maintained[i] = len(ties_i)
                continue
            ranked = sorted(ties_i, key=lambda number: (-tie[number]["trust"], number))
            attended = set(ranked[:dunbar])
            if len(ranked) > dunbar:
                events["dunbar_cut"] += 1
                if tie[ranked[dunbar - 1]]["trust"] == tie[ranked[dunbar]]["trust"]:
                    events["equal_trust_at_cut"] += 1
            # The normalising total, in the kernel's order (its _attend): row order when
            # every tie is attended, rank order when the limit cuts. Another order changes
            # trust in the last bits, and with ties of equal trust at the cut those bits
            # decide which tie is attended in later rounds.
            total = 0.0
            for number in ties_i if len(ranked) <= dunbar else ranked[:dunbar]:
                if number in attended:
                    total += tie[number]["trust"]
            for number in attended:
                given[i][number] = budget / total * tie[number]["trust"]
            maintained[i] = len(attended)

        # 5-6. Trust update, pruning.
        pruned = dict.fromkeys(STRATEGIES, 0)
        for number in sorted(tie):
            a, b = tie[number]["ends"]
            old = tie[number]["trust"]
            given_a = given[a].get(number, 0.0)
            given_b = given[b].get(number, 0.0)
            attention = 2.0 * min(given_a, given_b) if exchange == "min" else given_a + given_b
            new = old + eta * attention * (1.0 - old) - decay * old
            if new > 1.0:
                events["capped"] += 1
            new = max(min(new, 1.0), SMALLEST_TRUST)
            if new < w_min and is_lion[a] and is_lion[b]:
                events["lion_tie_kept"] += 1
            if new < w_min and not (is_lion[a] and is_lion[b]):
                events["pruned"] += 1
                del tie[number]
                del contacts[a][b]
                del contacts[b][a]
                pruned[strategy[a]] += 1
                pruned[strategy[b]] += 1
            else:
                tie[number]["trust"] = new

        # 7. Dunbar's limit binds on ties: every organic agent over it cuts at once.
        dropped = dict.fromkeys(STRATEGIES, 0)
        if dunbar_rule == "drop_weakest":
            cut = set()
            for i in range(n):
                if not is_lion[i] and len(contacts[i]) > dunbar:
                    ranked = sorted(contacts[i].values(), key=lambda t: (-tie[t]["trust"], t))
                    cut.update(ranked[dunbar:])
                    events["dunbar_drop"] += 1
            for number in sorted(cut):
                a, b = tie.pop(number)["ends"]
                del contacts[a][b]
                del contacts[b][a]
                dropped[strategy[a]] += 1
                dropped[strategy[b]] += 1

        # 8. Job found.
        if p_job > 0.0:
            for i in range(n):
                if active[i]:
                    rng = Xoshiro256StarStar.for_task(key0, key1, GAME_PURPOSE, 4 * r + 1, i)
                    if rng.next_double() < p_job:
                        active[i] = False
                        events["job_found"] += 1

        for side in STRATEGIES:
            members = [i for i in range(n) if strategy[i] == side]
            if not members:
                continue
            ends = sum(len(contacts[i]) for i in members)
            trust_sum = math.fsum(tie[t]["trust"] for i in members for t in contacts[i].values())
            history[r, side] = {
                "n_agents": len(members),
                "n_active": sum(active[i] for i in members),
                "mean_degree": ends / len(members),
                "mean_trust": trust_sum / ends if ends else math.nan,
                "new_offline": 0,
                "new_intro": new_ends[side, "intro"],
                "new_message": new_ends[side, "message"],
                "new_cold": new_ends[side, "cold"],
                "pruned": pruned[side],
                "dropped": dropped[side],
                "maintained": sum(maintained[i] for i in members) / len(members),
            }

    ties = {}
    for record in tie.values():
        a, b = record["ends"]
        ties[min(a, b), max(a, b)] = (record["trust"], record["origin"], record["created"])
    return {
        "is_lion": is_lion,
        "group": group,
        "active": active,
        "ties": ties,
        "history": history,
        "requests": {key: tuple(value) for key, value in requests.items()},
        "events": events,
    }
