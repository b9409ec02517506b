"""GameRules, the doors' keyword forms, version 1 reproduced, and the new parameters' checks.

Oracle for version 1: ``data/game_version1.json`` holds, for six games, the
SHA-256 of the network (every node's strategy, group and active flag; every
tie's ends, trust as a hexadecimal float, origin and round) that the first
release's ``networking_game`` grew with those arguments and seeds.
"""

import dataclasses
import hashlib
import inspect
import json
import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import netsim
from netsim._kernels import game as game_kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError

VERSION_1_GAMES = json.loads((Path(__file__).parent / "data" / "game_version1.json").read_text())
DOORS = (
    netsim.networking_game,
    netsim.networking_game_csr,
    netsim.lion_network,
    netsim.organic_network,
)


def network_digest(G):
    h = hashlib.sha256()
    for i, d in sorted(G.nodes(data=True)):
        h.update(f"{i} {d['strategy']} {d['group']} {d['active']}\n".encode())
    for u, v, d in sorted((min(a, b), max(a, b), d) for a, b, d in G.edges(data=True)):
        h.update(f"{u} {v} {float(d['trust']).hex()} {d['origin']} {d['created']}\n".encode())
    return h.hexdigest()


@pytest.mark.parametrize("case", VERSION_1_GAMES, ids=lambda case: f"seed{case['seed']}")
def test_version1_rules_grow_version1_networks(case):
    kw = {k: v for k, v in case.items() if k not in ("edges", "sha256")}
    n, lion_fraction, seed = kw.pop("n"), kw.pop("lion_fraction"), kw.pop("seed")
    G = netsim.networking_game(n, lion_fraction, netsim.GameRules.version1(**kw), seed=seed)
    assert G.number_of_edges() == case["edges"]
    assert network_digest(G) == case["sha256"]


def test_version2_is_not_version1():
    case = VERSION_1_GAMES[0]
    G = netsim.networking_game(case["n"], case["lion_fraction"], rounds=20, seed=case["seed"])
    assert network_digest(G) != case["sha256"]


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__)
def test_doors_show_every_rule_with_its_default(door):
    parameters = inspect.signature(door).parameters
    rules = netsim.GameRules()
    for field in dataclasses.fields(netsim.GameRules):
        assert parameters[field.name].kind is inspect.Parameter.KEYWORD_ONLY
        assert parameters[field.name].default == getattr(rules, field.name)
        documented = rf"^    (\w+, )*{field.name}(, \w+)* :"
        assert re.search(documented, door.__doc__, re.MULTILINE), field.name
    assert list(parameters)[-1] == "seed"


def test_rules_object_and_keywords_grow_the_same_network():
    rules = netsim.GameRules(dunbar=20, eta=0.8, rounds=8)
    a = netsim.networking_game(400, 0.2, rules, lion_list_size=30, seed=3)
    b = netsim.networking_game(400, 0.2, seed=3, **{**rules.to_dict(), "lion_list_size": 30})
    assert network_digest(a) == network_digest(b)
    assert a.graph["parameters"] == b.graph["parameters"]
    assert a.graph["parameters"]["lion_list_size"] == 30


def test_rules_are_frozen_and_replace_checks():
    rules = netsim.GameRules()
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.dunbar = 10
    assert rules.replace(dunbar=10).dunbar == 10
    assert rules.dunbar == 150
    with pytest.raises(InvalidParameterError, match="dunbar must be"):
        rules.replace(dunbar=0)
    with pytest.raises(TypeError, match="unexpected keyword argument 'dunbar_limit'"):
        rules.replace(dunbar_limit=10)


def test_version1_differs_only_in_the_named_rules():
    v1, v2 = netsim.GameRules.version1().to_dict(), netsim.GameRules().to_dict()
    changed = {k for k in v1 if v1[k] != v2[k]}
    assert changed == {
        "lion_list_size",
        "known_trust",
        "dunbar_rule",
        "exchange",
        "eta",
        "decay",
        "w_min",
    }


def test_rules_must_be_game_rules():
    with pytest.raises(TypeError, match="rules must be a GameRules; got dict"):
        netsim.networking_game(50, 0.2, {"dunbar": 10})


@pytest.mark.parametrize(
    ("name", "value", "error", "shown"),
    [
        ("exchange", "max", InvalidParameterError, "'max'"),
        ("exchange", 1, InvalidParameterError, "1"),
        ("dunbar_rule", "drop", InvalidParameterError, "'drop'"),
        ("known_trust", 1.5, InvalidParameterError, "1.5"),
        ("known_trust", -0.1, InvalidParameterError, "-0.1"),
        ("lion_list_size", 0, InvalidParameterError, "0"),
        ("lion_list_size", "some", InvalidParameterError, "'some'"),
        ("lion_list_size", 2.5, TypeError, "float"),
    ],
)
@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__)
def test_bad_rules_name_parameter_and_value(door, name, value, error, shown):
    args = (50,) if door in (netsim.lion_network, netsim.organic_network) else (50, 0.3)
    with pytest.raises(error) as info:
        door(*args, rounds=1, seed=0, **{name: value})
    message = str(info.value)
    assert message.startswith(f"{name} must be "), message
    assert f"; got {shown}." in message, message
    with pytest.raises(error):
        netsim.GameRules(**{name: value})


def test_choices_are_listed_with_a_suggestion():
    with pytest.raises(InvalidParameterError) as info:
        netsim.networking_game(50, 0.3, exchange="minimum")
    assert "one of {'min', 'sum'}" in str(info.value)
    assert "Did you mean 'min'?" in str(info.value)


def test_lion_list_size_that_cannot_be_met():
    # 15 LIONs: each has 14 others to list.
    netsim.networking_game(50, 0.3, rounds=1, lion_list_size=14, seed=0)
    with pytest.raises(InvalidParameterError) as info:
        netsim.networking_game(50, 0.3, rounds=1, lion_list_size=15, seed=0)
    message = str(info.value)
    assert re.match(r"lion_list_size must be an int in \[1, 14\] .*; got 15\.", message), message
    assert "15 LIONs" in message
    # Without LIONs there is no list to fill; the default fits any number of LIONs.
    netsim.organic_network(50, rounds=1, lion_list_size=500, seed=0)
    G = netsim.networking_game(50, 0.1, rounds=1, seed=0)
    assert G.graph["parameters"]["lion_list_size"] == 4


# --- the LION lists --------------------------------------------------------------------------


def lists_of(lion_ids, size, seed, n):
    key = kernel_key(seed_sequence(seed))
    ptr, items = game_kernel.lion_lists(key[0], key[1], int(Purpose.GAME), n, lion_ids, size)
    return {int(i): items[ptr[i] : ptr[i + 1]].tolist() for i in lion_ids}


def test_lion_lists_are_distinct_other_lions():
    lion_ids = np.array([1, 4, 5, 9, 12, 13, 20], dtype=np.int64)
    for size in (1, 3, 6, 9):
        lists = lists_of(lion_ids, size, 0, 25)
        for i, listed in lists.items():
            assert len(listed) == min(size, 6)
            assert len(set(listed)) == len(listed)
            assert i not in listed
            assert set(listed) <= set(lion_ids.tolist())


def test_lion_lists_are_uniform_subsets():
    """Every other LION is listed equally often, and pairs too: chi-square within 4 SEs."""
    lion_ids = np.arange(6, dtype=np.int64)  # each LION lists 2 of its 5 others
    pairs = {}
    n_draws = 0
    for seed in range(400):
        for i, listed in lists_of(lion_ids, 2, seed, 6).items():
            pair = tuple(sorted(listed))
            pairs[i, pair] = pairs.get((i, pair), 0) + 1
            n_draws += 1
    per_lion = n_draws // 6
    for i in range(6):
        counts = [pairs.get((i, pair), 0) for pair in _pairs_without(i)]
        expected = per_lion / len(counts)
        chi2 = sum((c - expected) ** 2 / expected for c in counts)
        dof = len(counts) - 1
        assert abs(chi2 - dof) < 4 * np.sqrt(2 * dof), (i, counts)


def _pairs_without(i):
    others = [x for x in range(6) if x != i]
    return [(a, b) for k, a in enumerate(others) for b in others[k + 1 :]]


def test_with_only_list_requests_every_tie_is_on_a_list():
    """All LIONs, bias 1, no offline ties: ties join list members, each LION ties its whole list."""
    size = 6
    G = netsim.lion_network(
        120, rounds=30, k0=0.0, lion_list_bias=1.0, lion_list_size=size, lion_requests=3, seed=5
    )
    key_lists = lists_of(np.arange(120, dtype=np.int64), size, 5, 120)
    for u, v in G.edges():
        assert v in key_lists[u] or u in key_lists[v]
    for i, listed in key_lists.items():
        assert set(listed) <= set(G[i])
    assert nx.density(G) < 2 * size / 119


def test_version1_list_is_every_lion():
    """'all': LION-LION ties close into a clique that a list of 10 keeps far from."""
    kw = {"rounds": 40, "k0": 0.0, "lion_list_bias": 1.0, "seed": 2}
    everyone = netsim.lion_network(60, lion_list_size="all", **kw)
    listed = netsim.lion_network(60, lion_list_size=10, **kw)
    assert nx.density(everyone) == 1.0
    assert nx.density(listed) < 0.4
