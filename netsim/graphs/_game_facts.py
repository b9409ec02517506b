"""The networking game's stylized facts F1-F7 (MODEL.md section 2), measured on its networks.

Each fact is a property of the model stated before any simulation; these
functions measure them on a graph of :func:`netsim.networking_game`, for the
property tests, the calibration benchmark and the calibration table.
"""

import math
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["job_loss", "rounds_to_fade", "stylized_facts"]


def rounds_to_fade(decay: float, w_min: float, trust: float = 1.0) -> float:
    """Return how many rounds a tie of ``trust`` that nobody attends takes to fall below ``w_min``.

    Unattended, trust falls by the share ``decay`` a round: after ``r``
    rounds it is ``trust * (1 - decay) ** r``.

    Examples
    --------
    >>> from netsim.graphs._game_facts import rounds_to_fade
    >>> rounds_to_fade(0.1, 0.05)
    29
    """
    if trust < w_min:
        return 0
    if decay <= 0.0 or w_min <= 0.0:
        return math.inf
    r = math.floor(math.log(w_min / trust) / math.log1p(-decay)) + 1
    while trust * (1.0 - decay) ** (r - 1) < w_min:  # guard against rounding in the logs
        r -= 1
    return r


def _pair_counts(G: nx.Graph) -> dict[str, Any]:
    lion = {i for i, s in G.nodes(data="strategy") if s == "lion"}
    trust: dict[str, list[float]] = {"lion-lion": [], "lion-organic": [], "organic-organic": []}
    for u, v, w in G.edges(data="trust"):
        kind = {0: "organic-organic", 1: "lion-organic", 2: "lion-lion"}[(u in lion) + (v in lion)]
        trust[kind].append(w)
    return {"lion": lion, "trust": trust}


def stylized_facts(G: nx.Graph) -> dict[str, float]:
    """Return the measured value of facts F1, F2 and F3-F6 on one game's network.

    Returns
    -------
    dict
        ``max_organic_degree`` (F1: at most ``dunbar``),
        ``organic_accept_lion`` (F2: share of the LIONs' requests to organic
        agents that were accepted), ``rounds_to_fade`` (F3: rounds an
        unattended tie of trust 1 takes to fall below ``w_min``),
        ``lion_organic_pruned`` (F3: share of the LION-organic ties ever made
        that are gone), ``trust_ratio`` (F4: mean trust of organic-organic
        ties over that of LION-LION ties), ``degree_ratio`` (F5: median LION
        degree over median organic degree), ``lion_density`` (F6: density of
        the LION-LION ties); NaN where the network has no such agents or ties.

    Examples
    --------
    >>> import netsim
    >>> from netsim.graphs._game_facts import stylized_facts
    >>> facts = stylized_facts(netsim.networking_game(1_000, 0.1, rounds=20, seed=1))
    >>> facts["max_organic_degree"] <= 150
    True
    """
    p = G.graph["parameters"]
    counts = _pair_counts(G)
    lion, trust = counts["lion"], counts["trust"]
    n_lion = len(lion)
    degree = dict(G.degree())
    lion_deg = [degree[i] for i in lion]
    organic_deg = [d for i, d in degree.items() if i not in lion]
    requests = G.graph["requests"].xs("organic", level="target")
    cold = requests.loc[(slice(None), ["cold", "cold_known"]), :].sum()
    history = G.graph["history"]
    lion_ends = 0
    if n_lion:
        made = history.xs("lion", level="strategy")
        lion_ends = made[["new_offline", "new_intro", "new_message", "new_cold"]].to_numpy().sum()
    lion_organic_made = lion_ends - 2 * len(trust["lion-lion"])

    def ratio(a: float, b: float) -> float:
        return a / b if b else math.nan

    return {
        "max_organic_degree": max(organic_deg, default=math.nan),
        "organic_accept_lion": ratio(cold["accepted"], cold["sent"]),
        "rounds_to_fade": rounds_to_fade(p["decay"], p["w_min"]),
        "lion_organic_pruned": 1.0 - ratio(len(trust["lion-organic"]), lion_organic_made),
        "trust_ratio": ratio(
            np.mean(trust["organic-organic"]) if trust["organic-organic"] else math.nan,
            np.mean(trust["lion-lion"]) if trust["lion-lion"] else math.nan,
        ),
        "degree_ratio": ratio(
            np.median(lion_deg) if lion_deg else math.nan,
            np.median(organic_deg) if organic_deg else math.nan,
        ),
        "lion_density": ratio(len(trust["lion-lion"]), n_lion * (n_lion - 1) / 2),
    }


def job_loss(before: nx.Graph, after: nx.Graph, found_by: nx.Graph) -> np.ndarray:
    """Return the share of its organic ties each LION that just found its job has lost later.

    ``found_by``, ``before`` and ``after`` are the same game (same seed and
    rules) stopped one round before ``before``, at ``before`` and later. A
    LION counts when it was active in ``found_by`` and not in ``before`` and
    had organic ties in ``before``.

    Examples
    --------
    >>> import netsim
    >>> from netsim.graphs._game_facts import job_loss
    >>> def game(rounds):
    ...     return netsim.networking_game(500, 0.2, rounds=rounds, p_job=0.05, seed=2)
    >>> lost = job_loss(game(10), game(30), game(9))
    >>> bool(((lost >= 0) & (lost <= 1)).all())
    True
    """
    shares = []
    for i, s in before.nodes(data="strategy"):
        if s != "lion" or not found_by.nodes[i]["active"] or before.nodes[i]["active"]:
            continue
        held = {j for j in before[i] if before.nodes[j]["strategy"] == "organic"}
        if held:
            kept = sum(1 for j in after[i] if j in held)
            shares.append(1.0 - kept / len(held))
    return np.array(shares)
