"""The networking game's stylized facts F1-F7 at its defaults, measured over several seeds.

MODEL.md section 2 states seven facts the game must show with its defaults at
n = 10,000 agents, 10 % LIONs, 50 rounds (docs/calibration.md gives the
table). Each row is one fact on one seed: the time column is the time to
grow that seed's network(s), the "same result" column the measured value
against the fact's target, and ``agrees`` whether the fact holds. F7 grows
the game with ``p_job = 0.05`` stopped at rounds 24, 25 and 45 and follows
the LIONs that found their job in round 25. ``--quick`` measures one seed.
"""

import time

import numpy as np

import netsim
from netsim.graphs._game_facts import job_loss, stylized_facts

from ._harness import NAN, Row

N, LION_FRACTION, ROUNDS = 10_000, 0.1, 50
SEEDS = {"quick": (1,), "default": (1, 2, 3), "large": (1, 2, 3, 4, 5)}
# fact: (measured key, target, holds)
FACTS = {
    "F1 Dunbar": ("max_organic_degree", "<= dunbar = 150", lambda x: x <= 150),
    "F2 selective": ("organic_accept_lion", "<= 0.20 of LION requests", lambda x: x <= 0.2),
    "F3 fade (rounds)": ("rounds_to_fade", "<= 30 rounds from trust 1", lambda x: x <= 30),
    "F3 fade (pruned)": ("lion_organic_pruned", ">= 1/3 of LION-organic", lambda x: x >= 1 / 3),
    "F4 quality": ("trust_ratio", ">= 3x (organic-organic / LION-LION trust)", lambda x: x >= 3),
    "F5 quantity": ("degree_ratio", ">= 3x (median LION / organic degree)", lambda x: x >= 3),
    "F6 no clique": ("lion_density", "<= 0.5 (LION-LION density)", lambda x: x <= 0.5),
}


def _facts(seed: int, size: str) -> list[Row]:
    start = time.perf_counter()
    G = netsim.networking_game(N, LION_FRACTION, rounds=ROUNDS, seed=seed)
    seconds = time.perf_counter() - start
    measured = stylized_facts(G)
    rows = []
    for fact, (key, target, holds) in FACTS.items():
        value = measured[key]
        ok = bool(holds(value))
        print(f"  {fact} seed {seed}: {value:.4g} ({target}) {'holds' if ok else 'FAILS'}")
        rows.append(Row(f"{fact} seed={seed}", size, seconds, target, NAN, f"{value:.4g}", ok))
    return rows


def _job_found(seed: int, size: str) -> Row:
    start = time.perf_counter()
    games = {
        r: netsim.networking_game(N, LION_FRACTION, rounds=r, p_job=0.05, seed=seed)
        for r in (24, 25, 45)
    }
    seconds = time.perf_counter() - start
    lost = job_loss(games[25], games[45], games[24])
    median = float(np.median(lost)) if lost.size else NAN
    text = f"median {median:.3g} lost, {np.mean(lost >= 0.5):.0%} of {lost.size} LIONs >= half"
    print(f"  F7 job found seed {seed}: {text}")
    target = ">= half of organic ties lost in 20 rounds"
    return Row(f"F7 job found seed={seed}", size, seconds, target, NAN, text, median >= 0.5)


def run(size: str, repeats: int, options: object = None) -> list[Row]:
    netsim.networking_game_csr(300, 0.5, rounds=3, seed=0)  # compile outside the timing
    rows = []
    for seed in SEEDS[size]:
        rows += _facts(seed, size)
        rows.append(_job_found(seed, size))
    return rows
