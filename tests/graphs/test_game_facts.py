"""The stylized facts F1-F7 of MODEL.md section 2 hold at the game's defaults.

Each fact is a property of the model stated before any simulation (MODEL.md
section 2's table), checked on networks of the calibration's size: n =
10,000 agents, 10 % LIONs, 50 rounds, the other parameters at their
defaults, one fixed seed (``benchmarks/bench_game.py`` measures them over
several seeds). The thresholds are the table's; each test also checks the
fact's mechanism where a smaller game shows it (Dunbar's cut, the fading of
unattended ties) so that a fact cannot hold by accident.
"""

import math

import numpy as np
import pytest

import netsim
from netsim.graphs._game_facts import job_loss, rounds_to_fade, stylized_facts

N, LION_FRACTION, ROUNDS, SEED = 10_000, 0.1, 50, 20_260


@pytest.fixture(scope="module")
def default_game():
    return netsim.networking_game(N, LION_FRACTION, rounds=ROUNDS, seed=SEED)


@pytest.fixture(scope="module")
def facts(default_game):
    return stylized_facts(default_game)


def test_f1_no_organic_agent_above_dunbar(facts, default_game):
    assert facts["max_organic_degree"] <= default_game.graph["parameters"]["dunbar"]


@pytest.mark.parametrize("rounds", [1, 3, 8, 20])
def test_f1_dunbar_binds_every_round(rounds):
    """With a limit that binds, no organic agent ends any round above it, and ties are cut."""
    G = netsim.networking_game(2_000, 0.2, rounds=rounds, dunbar=6, k0=8.0, seed=3)
    organic = [d for i, d in G.degree() if G.nodes[i]["strategy"] == "organic"]
    assert max(organic) <= 6
    assert G.graph["history"]["dropped"].sum() > 0
    # The attention rule alone (version 1) leaves agents above the limit.
    H = netsim.networking_game(
        2_000, 0.2, rounds=rounds, dunbar=6, k0=8.0, dunbar_rule="attention", seed=3
    )
    assert max(d for i, d in H.degree() if H.nodes[i]["strategy"] == "organic") > 6


def test_f2_organic_agents_are_selective(facts):
    assert facts["organic_accept_lion"] <= 0.2


def test_f2_any_shared_contact_would_not_be(facts):
    """Version 1's "known" (any shared contact) accepts LIONs far more often than 20 %."""
    G = netsim.networking_game_csr(3_000, LION_FRACTION, known_trust=0.0, seed=SEED)
    requests = G.graph_attrs["requests"].xs("organic", level="target")
    cold = requests.loc[(slice(None), ["cold", "cold_known"]), :].sum()
    assert cold["accepted"] / cold["sent"] > facts["organic_accept_lion"] + 0.05


def test_f3_an_unattended_tie_fades_within_30_rounds(default_game):
    p = default_game.graph["parameters"]
    assert rounds_to_fade(p["decay"], p["w_min"]) <= 30


def test_f3_a_lion_that_stops_attending_loses_every_organic_tie_within_30_rounds():
    """A LION whose job took all its attention by round 10 keeps none of its organic ties by 40.

    It still accepts requests, so it may hold organic ties made after round 10, with
    the same agents too.
    """
    kw = {"p_job": 0.05, "job_attention": {"lion": 0.0}, "seed": 4}
    early = netsim.networking_game(3_000, LION_FRACTION, rounds=10, **kw)
    late = netsim.networking_game(3_000, LION_FRACTION, rounds=40, **kw)
    strategy = dict(early.nodes(data="strategy"))
    jobless = [i for i, s in strategy.items() if s == "lion" and not early.nodes[i]["active"]]
    assert len(jobless) > 20
    held = [(i, j) for i in jobless for j in early[i] if strategy[j] == "organic"]
    assert len(held) > 20
    kept = [(i, j) for i, j in held if late.has_edge(i, j) and late.edges[i, j]["created"] <= 10]
    assert not kept


def test_f3_lion_organic_ties_are_pruned(facts):
    assert facts["lion_organic_pruned"] >= 1 / 3


def test_f4_organic_ties_are_stronger(facts):
    assert facts["trust_ratio"] >= 3


def test_f5_lions_have_more_ties(facts):
    assert facts["degree_ratio"] >= 3


def test_f6_no_finite_size_clique(facts):
    assert facts["lion_density"] <= 0.5


def test_f7_a_lion_that_found_its_job_loses_its_organic_ties():
    """LIONs that found their job in round 25 have lost at least half their organic ties by 45."""
    games = {
        r: netsim.networking_game(N, LION_FRACTION, rounds=r, p_job=0.05, seed=SEED)
        for r in (24, 25, 45)
    }
    lost = job_loss(games[25], games[45], games[24])
    assert lost.size >= 5
    assert np.median(lost) >= 0.5
    assert math.isclose(lost.min(), 1.0) or np.mean(lost >= 0.5) > 0.9
