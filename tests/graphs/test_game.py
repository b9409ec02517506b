"""The networking game: the properties MODEL.md section 2 states, and input validation.

Oracles (STYLE T2):

* exact: the LION count ``round(lion_fraction * n)``, the three doors being one
  model, the offline start (groups, trust, origin), prefix replays (a game of
  ``r`` rounds is the first ``r`` rounds of a longer one), the history's
  bookkeeping against the graph, and a slow Python replay of one round's
  attention, trust update and pruning from the networks before and after it;
* brute force: each agent's attention, written from the model's words
  (``dunbar`` most trusted ties, the older first among equals, in proportion
  to trust; LIONs evenly; ``job_attention`` once inactive) against
  ``netsim._kernels.game.give_attention`` on hand-made and random rows;
* theory: acceptance frequencies (binomial), the share of agents still
  active after ``r`` rounds, ``(1 - p_job) ** r`` (binomial), and the exact
  expected offline degree given the drawn group sizes (a sum of Bernoulli
  ties).

Statistical tolerances are 4 standard errors at fixed seeds (STYLE T3).
"""

import math
import re

import numba
import numpy as np
import pandas as pd
import pytest

import netsim
from netsim._kernels import game as game_kernel
from netsim.exceptions import InvalidParameterError

STRATEGIES = ("lion", "organic")


def edge_map(G):
    """Return ``{(u, v): data}`` with ``u < v``."""
    return {(min(u, v), max(u, v)): data for u, v, data in G.edges(data=True)}


def lions(G):
    return {v for v, s in G.nodes(data="strategy") if s == "lion"}


def assert_same_graph(G, H):
    """Assert equal nodes, edges (with attributes) and graph attributes."""
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert edge_map(G) == edge_map(H)
    assert set(G.graph) == set(H.graph)
    for key, value in G.graph.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, H.graph[key])
        else:
            assert value == H.graph[key], key


def request_totals(G):
    """Return the requests summed over rounds, indexed by (kind, target)."""
    return G.graph["requests"].groupby(level=["kind", "target"]).sum()


# A mixed game where pruning happens: trust decays fast, the bar is high and
# agents that found a job stop attending their ties.
PRUNING = {
    "rounds": 6,
    "decay": 0.3,
    "w_min": 0.2,
    "p_job": 0.3,
    "job_attention": 0.0,
    "lion_requests": 4,
    "dunbar": 4,
}


@pytest.fixture(scope="module")
def pruning_games():
    """Games of 5, 6 and 12 rounds on the same seed and PRUNING parameters."""
    kw = {**PRUNING}
    del kw["rounds"]
    return {r: netsim.networking_game(600, 0.4, rounds=r, seed=21, **kw) for r in (5, 6, 12)}


# --- 1. how many LIONs, and the three doors -------------------------------------------------


@pytest.mark.parametrize(
    ("n", "fraction"),
    [
        (10, 0.25),  # 2.5 rounds to 2
        (6, 0.25),  # 1.5 rounds to 2
        (2, 0.25),  # 0.5 rounds to 0
        (14, 0.25),  # 3.5 rounds to 4
        (10, 0.3),  # 3.0000000000000004
        (101, 0.5),  # 50.5 rounds to 50
        (333, 0.1),
        (500, 0.0),
        (500, 1.0),
        (7, 0.99),
    ],
)
def test_exactly_round_lion_fraction_n_lions(n, fraction):
    G = netsim.networking_game(n, fraction, rounds=1, seed=3)
    expected = round(fraction * n)
    strategies = dict(G.nodes(data="strategy"))
    assert sorted(strategies) == list(range(n))
    assert sum(s == "lion" for s in strategies.values()) == expected
    assert sum(s == "organic" for s in strategies.values()) == n - expected
    history = G.graph["history"]
    counts = history.loc[0, "n_agents"].to_dict()
    assert counts == {s: c for s, c in (("lion", expected), ("organic", n - expected)) if c}


def test_lions_are_drawn_at_random():
    """Different seeds choose different LIONs, and they are not the first agents."""
    chosen = [lions(netsim.networking_game(200, 0.3, rounds=0, seed=s)) for s in range(3)]
    assert len({frozenset(c) for c in chosen}) == 3
    assert all(c != set(range(60)) for c in chosen)


def test_lion_network_is_the_game_with_only_lions():
    kw = {"rounds": 4, "lion_requests": 3, "seed": 5}
    G = netsim.lion_network(300, **kw)
    assert lions(G) == set(range(300))
    assert_same_graph(G, netsim.networking_game(300, 1.0, **kw))


def test_organic_network_is_the_game_without_lions():
    kw = {"rounds": 4, "seed": 5}
    G = netsim.organic_network(300, **kw)
    assert lions(G) == set()
    assert_same_graph(G, netsim.networking_game(300, 0.0, **kw))


# --- 2. attention: at most dunbar ties, in proportion to trust ------------------------------


def attention_brute_force(is_lion, active, rows, dunbar, job_attention):
    """Return each agent's attention per tie, in row order, from the model's words."""
    out = []
    for i, row in enumerate(rows):
        budget = 1.0 if active[i] else job_attention[0 if is_lion[i] else 1]
        given = [0.0] * len(row)
        if row and budget > 0:
            if is_lion[i]:
                given = [budget / len(row)] * len(row)
            else:
                # Most trusted first; among equal trust the older (smaller tid) first.
                order = sorted(range(len(row)), key=lambda q: (-row[q][0], row[q][1]))[:dunbar]
                total = sum(row[q][0] for q in order)
                for q in order:
                    given[q] = budget * row[q][0] / total
        out.append(given)
    return out


def run_give_attention(is_lion, active, rows, dunbar, job_attention, room=2):
    """Return each agent's attention per tie as the kernels give it, and ``maintained``.

    ``rows`` are lists of ``(trust, tid)`` with ascending tids (the kernel's
    row order), laid out with junk-filled room after each row.
    ``give_attention`` writes the rule; ``update_trust`` (eta 1, no decay, no
    pruning) then applies it to ties whose other ends are extra agents
    without ties, which give nothing, so that each tie's new trust
    ``w + a (1 - w)`` reveals the attention ``a`` its agent gives it.
    """
    n = len(rows)
    sinks = sum(len(row) for row in rows)
    start = np.zeros(n + sinks + 1, dtype=np.int64)
    for i, row in enumerate(rows):
        start[i + 1] = start[i] + len(row) + room
    start[n + 1 :] = start[n]
    length = np.zeros(n + sinks, dtype=np.int64)
    length[:n] = [len(row) for row in rows]
    w = np.full(start[-1], 0.77)  # the room holds junk that must not be read
    tid = np.full(start[-1], -5, dtype=np.int64)
    nbr = np.full(start[-1], -1, dtype=np.int64)
    sink = n
    for i, row in enumerate(rows):
        for q, (x, t) in enumerate(row):
            w[start[i] + q] = x
            tid[start[i] + q] = t
            nbr[start[i] + q] = sink
            sink += 1
    all_lion = np.zeros(n + sinks, dtype=np.bool_)
    all_lion[:n] = is_lion
    all_active = np.ones(n + sinks, dtype=np.bool_)
    all_active[:n] = active
    rule, maintained = game_kernel.give_attention(
        all_lion,
        all_active,
        start,
        length,
        w,
        tid,
        dunbar,
        np.asarray(job_attention, dtype=np.float64),
    )
    assert (maintained[n:] == 0).all()
    old = w.copy()
    born = np.zeros_like(tid)
    org = np.zeros(w.size, dtype=np.int8)
    cum = np.empty_like(w)
    game_kernel.update_trust(
        all_lion, start, length, nbr, tid, born, w, org, cum, rule, 1.0, False, 0.0, 0.0
    )
    assert (length[:n] == [len(row) for row in rows]).all()
    given = [
        (
            (w[start[i] : start[i] + len(row)] - old[start[i] : start[i] + len(row)])
            / (1 - old[start[i] : start[i] + len(row)])
        ).tolist()
        for i, row in enumerate(rows)
    ]
    return given, maintained[:n]


def check_attention(is_lion, active, rows, dunbar, job_attention):
    got, maintained = run_give_attention(is_lion, active, rows, dunbar, job_attention)
    expected = attention_brute_force(is_lion, active, rows, dunbar, job_attention)
    for i in range(len(rows)):
        np.testing.assert_allclose(got[i], expected[i], rtol=1e-9, atol=0, err_msg=f"agent {i}")
        attended = [q for q, a in enumerate(expected[i]) if a > 0]
        assert [q for q, a in enumerate(got[i]) if a > 0] == attended, i
        assert maintained[i] == len(attended), i
        budget = 1.0 if active[i] else job_attention[0 if is_lion[i] else 1]
        if attended:
            assert math.isclose(sum(got[i]), budget, rel_tol=1e-9), i


def test_give_attention_on_hand_made_rows():
    """Cuts that fall among ties of equal trust go to the older ties."""
    rows = [
        [(0.5, 0), (0.3, 1), (0.3, 2), (0.3, 3), (0.1, 4)],  # organic, cut inside the 0.3s
        [(0.2, 0), (0.9, 5)],  # organic, below dunbar: all ties
        [(0.2, 1), (0.9, 7), (0.4, 9)],  # LION: evenly
        [(0.6, 2), (0.6, 3), (0.6, 8)],  # organic inactive: job_attention 0.5, two oldest
        [(0.5, 4), (0.5, 5)],  # LION inactive, job_attention 0: nothing
        [],  # organic without ties
        [(0.4, 5), (0.4, 7), (0.4, 9), (0.4, 10)],  # organic, all equal
        [(0.1, 3), (0.8, 6), (0.8, 8), (0.2, 10)],  # organic, cut exactly at the end of the 0.8s
    ]
    is_lion = [False, False, True, False, True, False, False, False]
    active = [True, True, True, False, False, True, True, True]
    got, maintained = run_give_attention(is_lion, active, rows, 2, [0.0, 0.5])
    np.testing.assert_allclose(got[0], [0.5 / 0.8, 0.3 / 0.8, 0, 0, 0], rtol=1e-9)
    np.testing.assert_allclose(got[1], [0.2 / 1.1, 0.9 / 1.1], rtol=1e-9)
    np.testing.assert_allclose(got[2], [1 / 3] * 3, rtol=1e-9)
    np.testing.assert_allclose(got[3], [0.25, 0.25, 0], rtol=1e-9)
    np.testing.assert_allclose(got[4], [0, 0], rtol=1e-9)
    np.testing.assert_allclose(got[6], [0.5, 0.5, 0, 0], rtol=1e-9)
    np.testing.assert_allclose(got[7], [0, 0.5, 0.5, 0], rtol=1e-9)
    assert maintained.tolist() == [2, 2, 3, 2, 0, 0, 2, 2]
    check_attention(is_lion, active, rows, 2, [0.0, 0.5])
    check_attention(is_lion, active, rows, 1, [0.3, 1.0])
    check_attention(is_lion, active, rows, 3, [1.0, 0.0])


@pytest.mark.parametrize("seed", range(6))
def test_give_attention_matches_brute_force_on_random_rows(seed):
    """Trust from a few values, so that cuts often fall among equals."""
    rng = np.random.default_rng(seed)
    n = 60
    rows = []
    for _ in range(n):
        degree = int(rng.integers(0, 12))
        tids = np.sort(rng.choice(1000, size=degree, replace=False))
        trust = rng.choice([0.05, 0.2, 0.2, 0.5, 0.9], size=degree)
        rows.append([(float(x), int(t)) for x, t in zip(trust, tids, strict=True)])
    is_lion = rng.random(n) < 0.3
    active = rng.random(n) < 0.7
    job_attention = [float(rng.choice([0.0, 0.4])), float(rng.choice([0.0, 0.5, 1.0]))]
    for dunbar in (1, 3, int(rng.integers(2, 8)), 20):
        check_attention(is_lion, active, rows, dunbar, job_attention)


def pre_prune_degree(before, after, r):
    """Return each agent's degree when round ``r`` pays attention (before its pruning).

    That is its ties in ``before`` plus those ``after`` shows made in round ``r``.

    Valid only when no tie made in round ``r`` was pruned in it, which the
    callers assert from the history.
    """
    degree = np.array([d for _, d in sorted(before.degree())], dtype=float)
    for u, v, created in after.edges(data="created"):
        if created == r:
            degree[u] += 1
            degree[v] += 1
    return degree


def assert_no_new_tie_pruned_at_once(after, r):
    """The round's new ties (history, once per end) all survive in ``after``."""
    made = after.graph["history"].loc[r, ["new_intro", "new_message", "new_cold"]].to_numpy().sum()
    seen = sum(1 for *_, c in after.edges(data="created") if c == r)
    assert made == 2 * seen


@pytest.mark.parametrize("dunbar", [2, 5])
def test_maintained_is_min_of_degree_and_dunbar(dunbar):
    """History "maintained": organic agents attend min(degree, dunbar) ties, LIONs all of theirs.

    Degrees are those of the round's attention step (before pruning), rebuilt
    from the game of one round less and the ties the round made.
    """
    kw = {
        "n_groups": 10,
        "k0": 8.0,
        "dunbar": dunbar,
        "dunbar_rule": "attention",  # the limit caps attention, not ties
        "w_min": 0.0,
        "lion_requests": 6,
        "seed": 8,
    }
    r = 4
    before = netsim.networking_game(400, 0.3, rounds=r - 1, **kw)
    after = netsim.networking_game(400, 0.3, rounds=r, **kw)
    assert_no_new_tie_pruned_at_once(after, r)
    degree = pre_prune_degree(before, after, r)
    lion = np.array([after.nodes[v]["strategy"] == "lion" for v in range(400)])
    maintained = after.graph["history"].loc[r, "maintained"]
    assert degree[~lion].mean() > dunbar + 1  # dense enough for the cap to bind
    assert math.isclose(maintained["organic"], np.minimum(degree[~lion], dunbar).mean())
    assert math.isclose(maintained["lion"], degree[lion].mean())
    history = after.graph["history"]
    assert (history.xs("organic", level="strategy")["maintained"] <= dunbar).all()


# --- a round replayed in Python: attention, trust update, pruning ---------------------------


def replay_round(before, after, r, p):
    """Return ``{tie: trust}`` after round ``r`` and the pruned ties, by the model's formulas.

    ``before`` is the game after round ``r - 1``, ``after`` after round ``r``.
    ``dunbar`` must exceed every degree (no cut, so no tie numbers are
    needed). Trust grows by the exchange rule ``p["exchange"]``. Attention
    is paid before jobs are found, so an agent's budget in round ``r`` is 1
    if it was active after round ``r - 1``, else its strategy's
    ``job_attention``.
    """
    ties = {e: d["trust"] for e, d in edge_map(before).items()}
    for e, d in edge_map(after).items():
        if d["created"] == r:
            assert e not in ties
            ties[e] = p[f"trust_{d['origin']}"]
    strategy = dict(after.nodes(data="strategy"))
    budget = {
        v: 1.0 if active else p["job_attention"][strategy[v]]
        for v, active in before.nodes(data="active")
    }
    total = dict.fromkeys(strategy, 0.0)
    degree = dict.fromkeys(strategy, 0)
    for (u, v), w in ties.items():
        for x in (u, v):
            total[x] += w
            degree[x] += 1
    assert max(degree.values()) <= p["dunbar"]

    def given(x, w):
        if strategy[x] == "lion":
            return budget[x] / degree[x]
        return budget[x] * w / total[x]

    def exchanged(u, v, w):
        if p["exchange"] == "min":
            return 2 * min(given(u, w), given(v, w))
        return given(u, w) + given(v, w)

    kept, pruned = {}, set()
    for (u, v), w in ties.items():
        new = w + p["eta"] * exchanged(u, v, w) * (1 - w) - p["decay"] * w
        new = min(new, 1.0)
        if new < p["w_min"] and "organic" in (strategy[u], strategy[v]):
            pruned.add((u, v))
        else:
            kept[(u, v)] = new
    return kept, pruned


@pytest.mark.parametrize(
    "params",
    [
        {
            "decay": 0.3,
            "w_min": 0.08,
            "eta": 0.5,
            "trust_cold": 0.2,
            "trust_message": 0.2,
            "p_job": 0.4,
            "job_attention": 0.0,
            "exchange": "sum",
        },
        {
            "decay": 0.3,
            "w_min": 0.3,
            "eta": 2.0,
            "trust_intro": 0.5,
            "trust_cold": 0.5,
            "trust_message": 0.5,
            "p_job": 0.4,
            "job_attention": 0.3,
        },
        {"decay": 0.05, "w_min": 0.01, "eta": 5.0, "exchange": "sum"},  # the cap at 1 binds
    ],
    ids=["pruning", "exchange-min", "capped"],
)
def test_round_replayed_in_python(params):
    """Trust after round r follows the update formula; exactly the predicted ties are pruned.

    The game of ``r - 1`` rounds and the ties made in round ``r`` (those of
    the game of ``r`` rounds created in ``r``) give the network that round
    ``r`` attends; its new ties all survive the round (asserted), so they are
    all seen.
    """
    kw = dict(n_groups=8, dunbar=10_000, lion_requests=4, seed=13, **params)
    r = 5
    before = netsim.networking_game(300, 0.4, rounds=r - 1, **kw)
    after = netsim.networking_game(300, 0.4, rounds=r, **kw)
    assert_no_new_tie_pruned_at_once(after, r)
    kept, pruned = replay_round(before, after, r, after.graph["parameters"])
    got = {e: d["trust"] for e, d in edge_map(after).items()}
    assert set(got) == set(kept)
    for e, w in kept.items():
        assert math.isclose(got[e], w, rel_tol=1e-12), e
    is_lion = {v: s == "lion" for v, s in after.nodes(data="strategy")}
    ends = [0, 0]
    for u, v in pruned:
        for x in (u, v):
            ends[0 if is_lion[x] else 1] += 1
    history = after.graph["history"].loc[r, "pruned"]
    assert [history.get(s, 0) for s in STRATEGIES] == ends
    if params["eta"] == 5.0:
        assert sum(w == 1.0 for w in got.values()) > 5
    else:
        assert len(pruned) > 20


# --- 3. trust stays in (0, 1] ---------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"eta": 5.0},
        {"eta": 5.0, "decay": 0.0, "trust_offline": 1.0, "trust_intro": 1.0},
        {"eta": 0.0, "decay": 0.999999, "w_min": 0.0, "rounds": 60},  # trust would underflow to 0
        {"eta": 2.0, "decay": 0.95, "w_min": 0.0},
        {"eta": 0.3, "decay": 0.9, "w_min": 0.0, "p_job": 0.5, "job_attention": 0.0},
    ],
    ids=["eta5", "eta5-no-decay", "decay-near-1", "eta2-decay-95", "jobs"],
)
def test_trust_stays_in_unit_interval(params):
    kw = {"rounds": 8, "n_groups": 6, "lion_requests": 4, "seed": 4, **params}
    G = netsim.networking_game(300, 0.5, **kw)
    trust = np.array([w for *_, w in G.edges(data="trust")])
    assert trust.size > 500
    assert np.all(trust > 0), trust.min()
    assert np.all(trust <= 1), trust.max()
    history = G.graph["history"]
    assert ((history["mean_trust"] > 0) & (history["mean_trust"] <= 1)).all()
    if params.get("decay", 0) > 0.99:
        # LION-LION ties, never pruned, have decayed down to the floor yet stay positive.
        assert trust.min() < 1e-300


# --- 4. only ties with an organic end are pruned ---------------------------------------------


def test_lion_ties_are_never_pruned():
    kw = {**PRUNING, "n_groups": 5, "k0": 6.0, "seed": 2}
    del kw["rounds"]
    edges = set(edge_map(netsim.lion_network(300, rounds=0, **kw)))
    for r in (1, 2, 3, 4):
        G = netsim.lion_network(300, rounds=r, **kw)
        now = set(edge_map(G))
        assert edges <= now
        assert len(now) > len(edges)
        edges = now
        assert (G.graph["history"]["pruned"] == 0).all()


def test_shorter_game_is_a_prefix_of_longer(pruning_games):
    short, long = pruning_games[6], pruning_games[12]
    pd.testing.assert_frame_equal(short.graph["history"], long.graph["history"].loc[:6])
    pd.testing.assert_frame_equal(short.graph["requests"], long.graph["requests"].loc[:6])
    history = long.graph["history"]
    assert history["pruned"].sum() > 100  # the parameters do prune
    assert history.loc[(slice(1, None), "lion"), "pruned"].sum() > 0  # LION-organic ties too


def test_lion_lion_ties_survive_a_round(pruning_games):
    five, six = pruning_games[5], pruning_games[6]
    lion = lions(five)
    e5, e6 = set(edge_map(five)), set(edge_map(six))
    lion_lion = {(u, v) for u, v in e5 if u in lion and v in lion}
    assert len(lion_lion) > 100
    assert lion_lion <= e6
    lost = e5 - e6
    assert lost
    assert all(u not in lion or v not in lion for u, v in lost)
    # The ties that stay keep their origin and round.
    m5, m6 = edge_map(five), edge_map(six)
    for e in e5 & e6:
        assert (m5[e]["origin"], m5[e]["created"]) == (m6[e]["origin"], m6[e]["created"])


# --- 5. no cold ties without LIONs -----------------------------------------------------------


def test_no_cold_ties_or_requests_without_lions():
    G = netsim.networking_game(500, 0.0, rounds=10, p_intro=0.5, accept_cold=1.0, seed=6)
    origins = {o for *_, o in G.edges(data="origin")}
    assert origins == {"offline", "intro", "message"}
    totals = request_totals(G)
    assert totals.loc[["cold", "cold_known"], "sent"].sum() == 0
    assert totals.loc[(slice(None), "lion"), "sent"].sum() == 0
    history = G.graph["history"]
    assert (history["new_cold"] == 0).all()


# --- 6. acceptance ----------------------------------------------------------------------------


def test_acceptance_frequencies():
    """LIONs accept everything; organic agents each kind at its rate, within 4 binomial SEs."""
    accept = {
        "accept_intro": 0.37,
        "accept_message": 0.61,
        "accept_cold": 0.23,
        "accept_known": 0.71,
    }
    G = netsim.networking_game_csr(
        1500,
        0.3,
        rounds=12,
        organic_requests=3,
        lion_requests=6,
        known_trust=0.0,
        seed=17,
        **accept,
    )
    totals = G.graph_attrs["requests"].groupby(level=["kind", "target"]).sum()
    lion = totals.xs("lion", level="target")
    assert (lion["accepted"] == lion["sent"]).all()
    assert lion["sent"].sum() > 10_000
    rates = {"intro": 0.37, "message": 0.61, "cold": 0.23, "cold_known": 0.71}
    for kind, p in rates.items():
        sent, accepted = totals.loc[(kind, "organic")]
        assert sent > 2_000, kind
        se = math.sqrt(p * (1 - p) / sent)
        assert abs(accepted / sent - p) < 4 * se, (kind, accepted / sent, p, se)
    # The accepted requests are the new ties.
    history = G.graph_attrs["history"]
    made = history.loc[1:, ["new_intro", "new_message", "new_cold"]].to_numpy().sum()
    assert made == 2 * totals["accepted"].sum()


# --- 7. finding a job -----------------------------------------------------------------------


def test_without_jobs_everyone_stays_active():
    G = netsim.networking_game(400, 0.5, rounds=5, seed=1)
    assert all(dict(G.nodes(data="active")).values())
    history = G.graph["history"]
    assert (history["n_active"] == history["n_agents"]).all()


@pytest.mark.parametrize(("p_job", "rounds"), [(0.1, 5), (0.3, 3)])
def test_share_still_active(p_job, rounds):
    """(1 - p_job) ** r of the agents are active after r rounds, within 4 binomial SEs."""
    n = 4000
    G = netsim.networking_game_csr(n, 0.3, rounds=rounds, p_job=p_job, lion_requests=2, seed=9)
    history = G.graph_attrs["history"]
    for r in range(rounds + 1):
        p = (1 - p_job) ** r
        share = history.loc[r, "n_active"].sum() / n
        assert abs(share - p) < 4 * math.sqrt(p * (1 - p) / n) + 1e-12, (r, share, p)
    assert history.loc[rounds, "n_active"].sum() == int(G.node_attrs["active"].sum())


def test_inactive_agents_send_no_requests():
    G = netsim.networking_game(300, 0.5, rounds=4, p_job=1.0, seed=2)
    sent = G.graph["requests"]["sent"].groupby(level="round").sum()
    assert sent.loc[1] > 0
    assert (sent.loc[2:] == 0).all()
    assert not any(dict(G.nodes(data="active")).values())
    assert {c for *_, c in G.edges(data="created")} == {0, 1}


def test_new_ties_have_an_end_that_was_active():
    """A tie made in round r was requested by an agent active at the start of round r."""
    kw = {"p_job": 0.4, "lion_requests": 4, "seed": 12}
    before = netsim.networking_game(500, 0.4, rounds=2, **kw)
    after = netsim.networking_game(500, 0.4, rounds=3, **kw)
    active = dict(before.nodes(data="active"))
    made = [(u, v) for u, v, c in after.edges(data="created") if c == 3]
    assert len(made) > 50
    assert all(active[u] or active[v] for u, v in made)
    assert sum(not a for a in active.values()) > 200


# --- 8. seeds and threads -------------------------------------------------------------------


def test_same_seed_same_graph_different_seed_different():
    kw = {"rounds": 5, "lion_requests": 4, "p_job": 0.1}
    G = netsim.networking_game(400, 0.3, seed=42, **kw)
    assert_same_graph(G, netsim.networking_game(400, 0.3, seed=42, **kw))
    H = netsim.networking_game(400, 0.3, seed=43, **kw)
    assert edge_map(G) != edge_map(H)
    assert not G.graph["history"].equals(H.graph["history"])
    assert G.graph["seed_entropy"] != H.graph["seed_entropy"]


def test_seed_may_be_a_seed_sequence_or_generator():
    kw = {"rounds": 3, "lion_requests": 3}
    G = netsim.networking_game(200, 0.3, seed=np.random.SeedSequence(5), **kw)
    assert_same_graph(G, netsim.networking_game(200, 0.3, seed=np.random.SeedSequence(5), **kw))
    rng = np.random.default_rng(5)
    first = netsim.networking_game(200, 0.3, seed=rng, **kw)
    second = netsim.networking_game(200, 0.3, seed=rng, **kw)
    assert edge_map(first) != edge_map(second)  # a Generator is consumed


def test_fresh_entropy_is_recorded_and_replays():
    kw = {"rounds": 3, "lion_requests": 3}
    G = netsim.networking_game(200, 0.3, seed=None, **kw)
    root = np.random.SeedSequence(G.graph["seed_entropy"], spawn_key=G.graph["seed_spawn_key"])
    assert_same_graph(G, netsim.networking_game(200, 0.3, seed=root, **kw))


def test_isolated_agents_stay():
    G = netsim.networking_game(100, 0.5, rounds=0, k0=0.0, seed=1)
    assert sorted(G) == list(range(100))
    assert G.number_of_edges() == 0


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


@pytest.mark.usefixtures("restore_threads")
def test_identical_on_one_and_more_threads():
    kw = {"rounds": 6, "lion_requests": 5, "dunbar": 6, "p_job": 0.1, "seed": 31}
    graphs = []
    for threads in (1, min(2, numba.config.NUMBA_NUM_THREADS), numba.config.NUMBA_NUM_THREADS):
        numba.set_num_threads(threads)
        graphs.append(netsim.networking_game(700, 0.3, **kw))
    for G in graphs[1:]:
        assert_same_graph(graphs[0], G)


# --- 9. the CSR door ------------------------------------------------------------------------


def test_csr_door_carries_the_same_data():
    kw = {"rounds": 5, "lion_requests": 4, "p_job": 0.1, "seed": 19}
    csr = netsim.networking_game_csr(400, 0.3, **kw)
    G = netsim.networking_game(400, 0.3, **kw)
    assert isinstance(csr, netsim.CSRGraph)
    assert csr.weight == "trust"
    assert_same_graph(csr.to_networkx(), G)
    assert csr.graph_attrs["parameters"] == G.graph["parameters"]


# --- 10. model facts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "n_groups", "k0"),
    [(6000, None, 4.0), (3000, 1000, 4.0), (3000, 300, 2.5), (2000, 2000, 4.0)],
    ids=["default-groups", "small-groups", "k0-2.5", "singletons"],
)
def test_offline_mean_degree(n, n_groups, k0):
    """Mean offline degree is its exact expectation given the group sizes, within 4 SEs.

    A group of s members ties each pair with p = min(1, k0 / (s - 1)), so the
    expected number of ties is sum C(s, 2) p, with variance
    sum C(s, 2) p (1 - p); groups of s <= k0 + 1 are cliques.
    """
    G = netsim.networking_game(n, 0.3, rounds=0, n_groups=n_groups, k0=k0, seed=23)
    group = np.array([G.nodes[v]["group"] for v in range(n)])
    groups = n_groups or max(1, n // 50)
    assert group.min() >= 0
    assert group.max() < groups
    sizes = np.bincount(group, minlength=groups).astype(float)
    pairs = sizes * (sizes - 1) / 2
    p = np.where(sizes > 1, np.minimum(1.0, k0 / np.maximum(sizes - 1, 1)), 0.0)
    mean_ties, var_ties = (pairs * p).sum(), (pairs * p * (1 - p)).sum()
    m = G.number_of_edges()
    assert abs(m - mean_ties) <= 4 * math.sqrt(var_ties) + 1e-9, (m, mean_ties, var_ties)
    mean_degree = G.graph["history"].loc[0, "mean_degree"]
    n_agents = G.graph["history"].loc[0, "n_agents"]
    assert math.isclose((mean_degree * n_agents).sum(), 2 * m)
    assert all(group[u] == group[v] for u, v in G.edges())
    for g in np.flatnonzero((sizes >= 2) & (sizes <= k0 + 1))[:50]:
        members = np.flatnonzero(group == g)
        assert G.subgraph(members).number_of_edges() == len(members) * (len(members) - 1) // 2
    if n_groups is None:
        # Large groups: the mean degree is k0 itself, up to the sampling error.
        se = 2 * math.sqrt(var_ties) / n
        assert abs(2 * m / n - k0) < 4 * se + 2 * abs(mean_ties - k0 * n / 2) / n


def test_offline_network_at_round_zero():
    G = netsim.networking_game(800, 0.4, rounds=0, trust_offline=0.7, seed=3)
    assert G.number_of_edges() > 1000
    for *_, d in G.edges(data=True):
        assert d == {"origin": "offline", "trust": 0.7, "created": 0}
    history = G.graph["history"]
    assert list(history.index.get_level_values("round").unique()) == [0]
    assert (history["mean_trust"] == 0.7).all()
    assert len(G.graph["requests"]) == 0
    default = netsim.networking_game(800, 0.4, rounds=0, seed=3)
    assert {t for *_, t in default.edges(data="trust")} == {0.5}


def test_new_ties_start_at_their_origins_trust():
    trust = {"trust_offline": 0.55, "trust_intro": 0.35, "trust_message": 0.2, "trust_cold": 0.07}
    G = netsim.networking_game(600, 0.3, rounds=1, eta=0.0, decay=0.0, seed=10, **trust)
    seen = set()
    for *_, d in G.edges(data=True):
        assert d["trust"] == trust[f"trust_{d['origin']}"], d
        assert d["created"] == (0 if d["origin"] == "offline" else 1)
        seen.add(d["origin"])
    assert seen == {"offline", "intro", "message", "cold"}
    assert (G.graph["history"]["pruned"] == 0).all()


def test_lion_degree_grows_with_lion_requests():
    def mean_lion_degree(lion_requests):
        G = netsim.networking_game(600, 0.3, rounds=8, lion_requests=lion_requests, seed=4)
        return G.graph["history"].loc[(8, "lion"), "mean_degree"]

    few, many = mean_lion_degree(2), mean_lion_degree(10)
    assert many > 2 * few


# --- 11. history bookkeeping ----------------------------------------------------------------


def test_history_agrees_with_the_graph(pruning_games):
    G = pruning_games[12]
    history = G.graph["history"]
    assert list(history.columns) == [
        "n_agents",
        "n_active",
        "mean_degree",
        "mean_trust",
        "new_offline",
        "new_intro",
        "new_message",
        "new_cold",
        "pruned",
        "dropped",
        "maintained",
    ]
    new = history[["new_offline", "new_intro", "new_message", "new_cold"]]
    by_round = new.groupby(level="round").sum()
    assert (by_round.sum(axis=1) % 2 == 0).all()  # once per end of each tie
    # Round 0: the offline ties, all alive when no round was played.
    start = netsim.networking_game(600, 0.4, seed=21, **{**PRUNING, "rounds": 0})
    assert by_round.loc[0].sum() == 2 * start.number_of_edges()
    assert by_round.loc[0, "new_offline"] == by_round.loc[0].sum()
    # Ties made minus ties pruned or dropped (once per end) is twice the edges left.
    made = by_round.to_numpy().sum()
    lost = history["pruned"] + history["dropped"]
    assert history["dropped"].sum() > 0  # the parameters do cut ties at the limit
    assert made - lost.sum() == 2 * G.number_of_edges()
    # Round by round: ends gained (new ties) minus ends lost moves the degree sum.
    ends = (history["mean_degree"] * history["n_agents"]).groupby(level="round").sum()
    change = by_round.sum(axis=1) - lost.groupby(level="round").sum()
    np.testing.assert_allclose(ends.diff().iloc[1:], change.iloc[1:], atol=1e-6)
    assert math.isclose(ends.loc[6], 2 * pruning_games[6].number_of_edges())
    # Degree and trust of the last round.
    last = history.loc[12]
    assert math.isclose((last["mean_degree"] * last["n_agents"]).sum(), 2 * G.number_of_edges())
    strategy = dict(G.nodes(data="strategy"))
    for s in STRATEGIES:
        trust = [w for u, v, w in G.edges(data="trust") for x in (u, v) if strategy[x] == s]
        assert math.isclose(last.loc[s, "mean_trust"], np.mean(trust), rel_tol=1e-12)
        assert last.loc[s, "n_agents"] == sum(t == s for t in strategy.values())
        members = [v for v, t in strategy.items() if t == s]
        assert math.isclose(last.loc[s, "mean_degree"], np.mean([G.degree(v) for v in members]))
        assert last.loc[s, "n_active"] == sum(G.nodes[v]["active"] for v in members)


def test_history_new_ties_by_strategy():
    """new_* per strategy counts the ends of that strategy of the ties made in the round."""
    G = netsim.networking_game(500, 0.3, rounds=3, w_min=0.0, seed=14)
    strategy = dict(G.nodes(data="strategy"))
    history = G.graph["history"]
    for r in range(4):
        for s in STRATEGIES:
            for origin in ("offline", "intro", "message", "cold"):
                ends = sum(
                    (strategy[u] == s) + (strategy[v] == s)
                    for u, v, d in G.edges(data=True)
                    if d["created"] == r and d["origin"] == origin
                )
                assert history.loc[(r, s), f"new_{origin}"] == ends, (r, s, origin)


# --- 12. bad input ----------------------------------------------------------------------------

# (parameter, bad value, error, what the message shows as the value)
BAD = [
    ("n", 1, InvalidParameterError, "1"),
    ("n", -5, InvalidParameterError, "-5"),
    ("n", 2.0, TypeError, "float"),
    ("lion_fraction", -0.1, InvalidParameterError, "-0.1"),
    ("lion_fraction", 1.5, InvalidParameterError, "1.5"),
    ("lion_fraction", math.nan, InvalidParameterError, "nan"),
    ("lion_fraction", "0.5", TypeError, "str"),
    ("rounds", -1, InvalidParameterError, "-1"),
    ("rounds", 2.5, TypeError, "float"),
    ("n_groups", 0, InvalidParameterError, "0"),
    ("n_groups", 51, InvalidParameterError, "51"),
    ("k0", -1.0, InvalidParameterError, "-1.0"),
    ("k0", math.inf, InvalidParameterError, "inf"),
    ("lion_requests", -1, InvalidParameterError, "-1"),
    ("organic_requests", -2, InvalidParameterError, "-2"),
    ("organic_requests", True, TypeError, "bool"),
    ("lion_list_bias", 1.01, InvalidParameterError, "1.01"),
    ("p_intro", -0.2, InvalidParameterError, "-0.2"),
    ("p_job", 1.5, InvalidParameterError, "1.5"),
    ("w_min", -0.01, InvalidParameterError, "-0.01"),
    ("w_min", 2.0, InvalidParameterError, "2.0"),
    ("accept_intro", 1.2, InvalidParameterError, "1.2"),
    ("accept_message", -0.3, InvalidParameterError, "-0.3"),
    ("accept_cold", 7.0, InvalidParameterError, "7.0"),
    ("accept_known", -1e-9, InvalidParameterError, "-1e-09"),
    ("trust_offline", 0.0, InvalidParameterError, "0.0"),
    ("trust_intro", 1.5, InvalidParameterError, "1.5"),
    ("trust_message", 0, InvalidParameterError, "0.0"),
    ("trust_cold", -0.05, InvalidParameterError, "-0.05"),
    ("dunbar", 0, InvalidParameterError, "0"),
    ("dunbar", 150.0, TypeError, "float"),
    ("eta", -0.5, InvalidParameterError, "-0.5"),
    ("decay", 1.0, InvalidParameterError, "1.0"),
    ("decay", 1, InvalidParameterError, "1.0"),
    ("decay", -0.1, InvalidParameterError, "-0.1"),
    ("job_attention", -0.1, InvalidParameterError, "-0.1"),
    ("job_attention", 1.5, InvalidParameterError, "1.5"),
    ("job_attention", {"lions": 0.1}, InvalidParameterError, "a mapping with key 'lions'"),
    ("job_attention", {"organic": -0.5}, InvalidParameterError, "-0.5"),
    ("job_attention", "half", TypeError, "str"),
    ("seed", -1, InvalidParameterError, "-1"),
    ("seed", 1.5, TypeError, "float"),
]
DOORS = {
    "networking_game": lambda **kw: netsim.networking_game(**{"lion_fraction": 0.3, **kw}),
    "networking_game_csr": lambda **kw: netsim.networking_game_csr(**{"lion_fraction": 0.3, **kw}),
    "lion_network": netsim.lion_network,
    "organic_network": netsim.organic_network,
}


def bad_cases():
    for door in DOORS:
        for name, value, error, shown in BAD:
            if name == "lion_fraction" and door in ("lion_network", "organic_network"):
                continue
            yield pytest.param(door, name, value, error, shown, id=f"{door}-{name}-{value!r}")


@pytest.mark.parametrize(("door", "name", "value", "error", "shown"), list(bad_cases()))
def test_bad_input_names_parameter_and_value(door, name, value, error, shown):
    kw = {"n": 50, "rounds": 1, "seed": 0, name: value}
    with pytest.raises(error) as info:
        DOORS[door](**kw)
    message = str(info.value)
    assert re.match(rf"{re.escape(name)}(\['(lion|organic)'\])? must be ", message), message
    assert re.search(rf"; got {re.escape(shown)}\.", message), message


@pytest.mark.parametrize("door", sorted(DOORS))
def test_unknown_keyword_is_named(door):
    with pytest.raises(TypeError, match="unexpected keyword argument 'dunbar_limit'"):
        DOORS[door](n=50, rounds=1, dunbar_limit=10)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("n", 2),
        ("lion_fraction", 0),
        ("lion_fraction", 1),
        ("rounds", 0),
        ("n_groups", 1),
        ("n_groups", 40),
        ("k0", 0.0),
        ("k0", 100),
        ("lion_requests", 0),
        ("organic_requests", 0),
        ("p_job", 1.0),
        ("w_min", 0.0),
        ("w_min", 1.0),
        ("trust_cold", 1.0),
        ("dunbar", 1),
        ("eta", 0.0),
        ("decay", 0.0),
        ("decay", 0.999),
        ("job_attention", 1.0),
        ("job_attention", {"lion": 0.2}),
        ("job_attention", {}),
        ("n", np.int64(40)),
        ("accept_cold", np.float32(0.5)),
    ],
)
def test_boundary_values_are_accepted(name, value):
    kw = {"n": 40, "lion_fraction": 0.3, "rounds": 2, "seed": 0, name: value}
    if name == "n" and value == 2:
        kw["n_groups"] = 1
    G = netsim.networking_game(**kw)
    parameters = G.graph["parameters"]
    if name == "job_attention":
        expected = {"lion": 0.0, "organic": 0.5}
        expected.update(value if isinstance(value, dict) else dict.fromkeys(STRATEGIES, value))
        assert parameters["job_attention"] == expected
    else:
        assert parameters[name] == value
    assert G.number_of_nodes() == kw["n"]
