"""The networking game's kernels against a slow twin that replays their draws.

Oracle: tests/reference/game.py, a pure-Python game written from MODEL.md
section 2, the driver's Notes and the kernel's draw order, replaying the same
streams. The kernel and the twin must give the same network (ties, origin,
round of creation, node attributes; trust to 1e-12 relative), the same
history and the same request counts, on configurations chosen so that,
together, they take every branch of the rules (checked through the twin's
tally of branches), and on random small parameter sets; each configuration
is played by version 2's rules and by version 1's.
"""

import functools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reference.game import play

import netsim
from netsim._seeding import Purpose, kernel_key, seed_sequence, task_generator

RTOL = 1e-12

# MODEL.md section 2's defaults (version 2, with the calibrated eta, decay, w_min and LION
# list of docs/calibration.md); n_groups, lion_list_size, job_attention resolved in `parameters`.
DEFAULTS = {
    "rounds": 50,
    "n_groups": None,
    "k0": 4.0,
    "lion_requests": 10,
    "lion_list_bias": 0.5,
    "lion_list_size": None,
    "organic_requests": 1,
    "p_intro": 0.8,
    "accept_intro": 0.8,
    "accept_message": 0.3,
    "accept_cold": 0.05,
    "accept_known": 0.5,
    "known_trust": 0.3,
    "trust_offline": 0.5,
    "trust_intro": 0.3,
    "trust_message": 0.15,
    "trust_cold": 0.05,
    "dunbar": 150,
    "dunbar_rule": "drop_weakest",
    "eta": 0.5,
    "exchange": "min",
    "decay": 0.1,
    "w_min": 0.05,
    "p_job": 0.0,
    "job_attention": None,
}
# MODEL.md section 2: the values that give back version 1.
VERSION_1 = {
    "lion_list_size": "all",
    "known_trust": 0.0,
    "dunbar_rule": "attention",
    "exchange": "sum",
    "eta": 1.0,
    "decay": 0.02,
    "w_min": 0.01,
}
LION_LIST_SIZE = 100


def parameters(n, lion_fraction, **overrides):
    """Every parameter of the game, defaults resolved as MODEL.md section 2 states them."""
    p = {"n": n, "lion_fraction": lion_fraction, **DEFAULTS, **overrides}
    if p["n_groups"] is None:
        p["n_groups"] = max(1, n // 50)
    if p["lion_list_size"] is None:
        p["lion_list_size"] = min(LION_LIST_SIZE, max(round(lion_fraction * n) - 1, 0))
    job = p["job_attention"]
    if job is None:
        job = {"lion": 0.0, "organic": 0.5}
    elif isinstance(job, dict):
        job = {"lion": 0.0, "organic": 0.5, **job}
    else:
        job = {"lion": job, "organic": job}
    p["job_attention"] = job
    return p


def twin(p, seed):
    root = seed_sequence(seed)
    key0, key1 = kernel_key(root)
    generator = task_generator(root, Purpose.GAME, 0)
    return play(**p, key0=int(key0), key1=int(key1), generator=generator)


def twin_history(ref):
    rows = [{"round": r, "strategy": side, **row} for (r, side), row in ref["history"].items()]
    return pd.DataFrame(rows).set_index(["round", "strategy"])


def twin_requests(ref):
    rows = [
        {"round": r, "kind": kind, "target": target, "sent": sent, "accepted": accepted}
        for (r, kind, target), (sent, accepted) in ref["requests"].items()
    ]
    return pd.DataFrame(rows).set_index(["round", "kind", "target"])


def assert_same_game(G, ref, p):
    """G (from netsim) and the twin's result describe the same game."""
    n = p["n"]
    assert list(G) == list(range(n))
    assert G.graph["parameters"] == p
    strategy = ["lion" if x else "organic" for x in ref["is_lion"]]
    assert [G.nodes[i]["strategy"] for i in range(n)] == strategy
    assert [G.nodes[i]["group"] for i in range(n)] == ref["group"]
    assert [bool(G.nodes[i]["active"]) for i in range(n)] == ref["active"]

    got = {(min(u, v), max(u, v)): d for u, v, d in G.edges(data=True)}
    assert set(got) == set(ref["ties"])
    for edge, (trust, origin, created) in ref["ties"].items():
        d = got[edge]
        assert (d["origin"], d["created"]) == (origin, created), edge
        assert d["trust"] == pytest.approx(trust, rel=RTOL, abs=0.0), edge
        assert 0.0 < d["trust"] <= 1.0

    history = G.graph["history"]
    expected = twin_history(ref)
    assert list(history.index) == list(expected.index)
    assert list(history.columns) == list(expected.columns)
    for column in history.columns:
        a = history[column].to_numpy(dtype=float)
        b = expected[column].to_numpy(dtype=float)
        np.testing.assert_allclose(a, b, rtol=RTOL, atol=0.0, equal_nan=True, err_msg=column)

    requests = G.graph["requests"]
    if not ref["requests"]:  # no round played
        assert requests.empty
        return
    expected = twin_requests(ref)
    assert list(requests.index) == list(expected.index)
    assert list(requests.columns) == ["sent", "accepted"]
    np.testing.assert_array_equal(requests.to_numpy(), expected.to_numpy())


# (name, seed, n, lion_fraction, overrides): together they reach every branch in BRANCHES.
CASES = [
    ("mix", 1, 40, 0.3, {"rounds": 5, "n_groups": 2}),
    ("offline_only", 13, 25, 0.4, {"rounds": 0, "n_groups": 3}),
    (
        "dense_offline",
        14,
        30,
        0.2,
        {
            "rounds": 4,
            "n_groups": 1,
            "k0": 40.0,
            "p_intro": 1.0,
            "organic_requests": 2,
            "lion_requests": 3,
            "trust_offline": 1.0,
            "trust_cold": 1e-3,
            "eta": 0.0,
            "decay": 0.0,
            "w_min": 0.0,
        },
    ),
    (
        "prune_jobs",
        2,
        60,
        0.3,
        {"rounds": 8, "n_groups": 3, "dunbar": 2, "w_min": 0.2, "decay": 0.1, "p_job": 0.2},
    ),
    (
        "organic_cut",
        3,
        50,
        0.0,
        {"rounds": 8, "n_groups": 1, "dunbar": 3, "w_min": 0.05, "p_intro": 1.0},
    ),
    ("lions_no_offline", 4, 30, 1.0, {"rounds": 4, "n_groups": 30, "k0": 0.0, "lion_requests": 3}),
    (
        "lion_lists",
        5,
        20,
        0.3,
        {"rounds": 5, "n_groups": 20, "lion_list_bias": 1.0, "lion_requests": 6, "w_min": 0.3},
    ),
    (
        "one_lion_list",
        6,
        20,
        0.05,
        {"rounds": 3, "lion_list_bias": 1.0, "lion_requests": 4, "p_intro": 0.0},
    ),
    (
        "strangers_refused",
        7,
        40,
        0.3,
        {
            "rounds": 6,
            "lion_list_bias": 0.0,
            "p_intro": 0.0,
            "accept_message": 0.0,
            "accept_cold": 0.0,
            "accept_known": 1.0,
            "organic_requests": 2,
        },
    ),
    (
        "accept_all",
        8,
        40,
        0.3,
        {
            "rounds": 5,
            "n_groups": 4,
            "accept_intro": 1.0,
            "accept_message": 1.0,
            "accept_cold": 1.0,
            "accept_known": 0.0,
            "lion_requests": 3,
            "organic_requests": 3,
        },
    ),
    (
        "capped_jobs",
        9,
        30,
        0.5,
        {
            "rounds": 6,
            "eta": 3.0,
            "decay": 0.3,
            "w_min": 0.05,
            "dunbar": 2,
            "p_job": 0.3,
            "job_attention": {"lion": 1.0, "organic": 0.3},
            "lion_requests": 2,
        },
    ),
    (
        "lion_ties_kept",
        10,
        24,
        1.0,
        {"rounds": 5, "decay": 0.5, "w_min": 0.5, "p_job": 0.5, "job_attention": 0.0},
    ),
    (
        "trust_extremes",
        11,
        30,
        0.2,
        {
            "rounds": 4,
            "trust_offline": 1.0,
            "trust_intro": 1.0,
            "trust_message": 1.0,
            "trust_cold": 1e-3,
            "eta": 0.0,
            "decay": 0.0,
            "w_min": 0.0,
            "lion_requests": 2,
        },
    ),
]

BRANCHES = {
    "random_group",  # offline ties with p < 1
    "complete_group",  # offline group with p == 1 (log_q = -inf)
    "lion_list",
    "lion_everyone",
    "redraw",  # a candidate drawn again
    "redraw_new_contact",  # ... because of a tie made earlier in the round
    "not_sent",  # 32 draws without a candidate
    "introduction",
    "introduction_redraw",  # k drawn again: it was the agent or a contact
    "introduction_among_eligible",  # MAX_TRIES misses, then one draw among the eligible
    "no_one_to_introduce",  # introducer without a contact to offer: a stranger instead
    "cold_known",
    "refused",
    "dunbar_cut",
    "equal_trust_at_cut",
    "capped",
    "pruned",
    "lion_tie_kept",  # a LION-LION tie below w_min
    "job_found",
    "attention_after_job",
    "shared_contact_not_trusted",  # a shared contact, too little trusted to make a request known
    "dunbar_drop",  # an organic agent over its limit cuts ties
}
VERSIONS = {1: VERSION_1, 2: {}}


def case_overrides(index, version):
    """The case's overrides on top of the version's rules."""
    return {**VERSIONS[version], **CASES[index][4]}


@functools.cache
def twin_of_case(index, version):
    _, seed, n, lion_fraction, _ = CASES[index]
    return twin(parameters(n, lion_fraction, **case_overrides(index, version)), seed)


@pytest.mark.parametrize("version", sorted(VERSIONS))
@pytest.mark.parametrize("index", range(len(CASES)), ids=[case[0] for case in CASES])
def test_kernel_and_twin_play_the_same_game(index, version):
    _, seed, n, lion_fraction, _ = CASES[index]
    overrides = case_overrides(index, version)
    G = netsim.networking_game(n, lion_fraction, seed=seed, **overrides)
    assert_same_game(G, twin_of_case(index, version), parameters(n, lion_fraction, **overrides))
    assert G.number_of_edges() > 0


def test_cases_reach_every_branch():
    seen = set()
    for index in range(len(CASES)):
        for version in VERSIONS:
            events = twin_of_case(index, version)["events"]
            seen |= {branch for branch, count in events.items() if count}
    assert seen >= BRANCHES, sorted(BRANCHES - seen)


@pytest.mark.parametrize(
    ("door", "lion_fraction"),
    [(netsim.lion_network, 1.0), (netsim.organic_network, 0.0), (None, 0.3)],
    ids=["lion_network", "organic_network", "networking_game_csr"],
)
def test_other_doors_play_the_same_game(door, lion_fraction):
    overrides = {"rounds": 4, "n_groups": 2, "dunbar": 3, "lion_requests": 3, "w_min": 0.05}
    if door is None:
        G = netsim.networking_game_csr(30, lion_fraction, seed=12, **overrides).to_networkx()
    else:
        G = door(30, seed=12, **overrides)
    p = parameters(30, lion_fraction, **overrides)
    assert_same_game(G, twin(p, 12), p)


def unit(low=0.0):
    """A probability-like float in [low, 1], the ends included often."""
    ends = [1.0] if low > 0.0 else [0.0, 1.0]
    return st.one_of(st.sampled_from(ends), st.floats(low, 1.0, allow_subnormal=False))


@st.composite
def games(draw):
    """(n, lion_fraction, overrides, seed) of a small game."""
    n = draw(st.integers(20, 45))
    lion_fraction = draw(st.one_of(st.sampled_from([0.0, 0.3, 1.0]), st.floats(0.0, 1.0)))
    overrides = {
        "rounds": draw(st.integers(1, 6)),
        "n_groups": draw(st.integers(1, n)),
        "k0": draw(st.floats(0.0, 6.0)),
        "lion_requests": draw(st.integers(0, 5)),
        "lion_list_bias": draw(unit()),
        "organic_requests": draw(st.integers(0, 3)),
        "p_intro": draw(unit()),
        "dunbar": draw(st.integers(1, 6)),
        "eta": draw(st.floats(0.0, 3.0)),
        "decay": draw(st.floats(0.0, 0.5)),
        "w_min": draw(st.floats(0.0, 0.3)),
        "p_job": draw(st.sampled_from([0.0, 0.1, 0.3])),
        "job_attention": draw(unit()),
        "known_trust": draw(unit()),
        "exchange": draw(st.sampled_from(["min", "sum"])),
        "dunbar_rule": draw(st.sampled_from(["drop_weakest", "attention"])),
    }
    n_lion = round(lion_fraction * n)
    sizes = [None, "all"] + ([draw(st.integers(1, n_lion - 1))] if n_lion > 1 else [])
    overrides["lion_list_size"] = draw(st.sampled_from(sizes))
    for kind in ("intro", "message", "cold", "known"):
        overrides[f"accept_{kind}"] = draw(unit())
    for origin in ("offline", "intro", "message", "cold"):
        overrides[f"trust_{origin}"] = draw(unit(low=1e-3))
    return n, lion_fraction, overrides, draw(st.integers(0, 2**32))


@settings(max_examples=25, deadline=None, derandomize=True)
@given(games())
def test_kernel_and_twin_agree_on_random_games(game):
    n, lion_fraction, overrides, seed = game
    G = netsim.networking_game(n, lion_fraction, seed=seed, **overrides)
    p = parameters(n, lion_fraction, **overrides)
    assert_same_game(G, twin(p, seed), p)
