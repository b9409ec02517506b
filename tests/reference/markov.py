"""Exact laws of discrete-time SIR on tiny graphs: bond enumeration and the Markov chain.

Theory oracles, written from the model's definition (MODEL.md section 3) on
the networkx API and sharing no code with netsim:

* :func:`percolation_size_law`: for ``mu = 1`` every edge transmits at most
  once, independently, so the infected set is the union of the sources'
  clusters in bond percolation (Grassberger 1983; Newman 2002). Enumerating
  all ``2**E`` edge configurations gives the exact law of the final size.
* :func:`final_size_law` and :func:`state_law`: for any ``mu`` the process
  is a Markov chain on the (S, I, R) partition of the nodes. One step: each
  susceptible node with infectious neighbours ``J`` is infected with
  probability ``1 - prod_{u in J} (1 - p_uv)``, independently of the others,
  and each infectious node recovers with probability ``mu``, independently;
  the newly infected become infectious.

Probabilities per edge come from a callable ``probability(u, v)``. Each
function refuses graphs too big to enumerate.
"""

from functools import cache
from itertools import product

MAX_EDGES = 16
MAX_NODES = 9


def percolation_size_law(G, sources, probability):
    """Return {size: probability} of the union of the sources' bond-percolation clusters."""
    edges = list(G.edges())
    if len(edges) > MAX_EDGES:
        message = f"bond enumeration refuses graphs with more than {MAX_EDGES} edges"
        raise ValueError(message)
    keep = [probability(u, v) for u, v in edges]
    law = {}
    for config in product((False, True), repeat=len(edges)):
        weight = 1.0
        for kept, p in zip(config, keep, strict=True):
            weight *= p if kept else 1.0 - p
        if weight == 0.0:
            continue
        adjacency = {node: [] for node in G}
        for kept, (u, v) in zip(config, edges, strict=True):
            if kept:
                adjacency[u].append(v)
                adjacency[v].append(u)
        reached = set(sources)
        frontier = list(sources)
        while frontier:
            u = frontier.pop()
            for v in adjacency[u]:
                if v not in reached:
                    reached.add(v)
                    frontier.append(v)
        law[len(reached)] = law.get(len(reached), 0.0) + weight
    return law


def _check_size(G):
    if G.number_of_nodes() > MAX_NODES:
        message = f"the exact Markov chain refuses graphs with more than {MAX_NODES} nodes"
        raise ValueError(message)


def _transitions(G, probability, mu, susceptible, infectious):
    """Yield (next_susceptible, next_infectious, probability) of one step from (S, I)."""
    exposed = []
    for v in sorted(susceptible, key=repr):
        escape = 1.0
        for u in G[v]:
            if u in infectious:
                escape *= 1.0 - probability(u, v)
        if escape < 1.0:
            exposed.append((v, 1.0 - escape))
    ordered_infectious = sorted(infectious, key=repr)
    for infections in product((False, True), repeat=len(exposed)):
        p_infect = 1.0
        new = set()
        for infected, (v, p) in zip(infections, exposed, strict=True):
            p_infect *= p if infected else 1.0 - p
            if infected:
                new.add(v)
        if p_infect == 0.0:
            continue
        for recoveries in product((False, True), repeat=len(ordered_infectious)):
            p_step = p_infect
            staying = set()
            for recovers, u in zip(recoveries, ordered_infectious, strict=True):
                p_step *= mu if recovers else 1.0 - mu
                if not recovers:
                    staying.add(u)
            if p_step == 0.0:
                continue
            yield frozenset(susceptible - new), frozenset(staying | new), p_step


def final_size_law(G, sources, probability, mu):
    """Return {size: probability} of the final number of recovered nodes (0 < mu <= 1)."""
    _check_size(G)
    n = G.number_of_nodes()

    @cache
    def law_from(susceptible, infectious):
        if not infectious:
            return {n - len(susceptible): 1.0}
        stay = 0.0
        law = {}
        for next_s, next_i, p in _transitions(G, probability, mu, susceptible, infectious):
            if next_s == susceptible and next_i == infectious:
                stay += p  # nothing happened: condition on leaving the state
                continue
            for size, q in law_from(next_s, next_i).items():
                law[size] = law.get(size, 0.0) + p * q
        return {size: q / (1.0 - stay) for size, q in law.items()}

    sources = frozenset(sources)
    return law_from(frozenset(G) - sources, sources)


def state_law(G, sources, probability, mu, t):
    """Return {(S, I, R): probability} of the counts after ``t`` steps.

    An outbreak that ended before ``t`` keeps its final counts.
    """
    _check_size(G)
    n = G.number_of_nodes()
    sources = frozenset(sources)
    law = {(frozenset(G) - sources, sources): 1.0}
    for _ in range(t):
        following = {}
        for (susceptible, infectious), p in law.items():
            if not infectious:
                following[susceptible, infectious] = (
                    following.get((susceptible, infectious), 0.0) + p
                )
                continue
            for next_s, next_i, q in _transitions(G, probability, mu, susceptible, infectious):
                following[next_s, next_i] = following.get((next_s, next_i), 0.0) + p * q
        law = following
    counts = {}
    for (susceptible, infectious), p in law.items():
        key = (len(susceptible), len(infectious), n - len(susceptible) - len(infectious))
        counts[key] = counts.get(key, 0.0) + p
    return counts
