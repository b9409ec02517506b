"""A slow, obvious discrete-time SIR on the networkx API, replaying the kernel's draws.

Written from the model's definition (MODEL.md section 3) and the draw order
documented in ``netsim/_kernels/sir.py``, on a networkx graph with its own
node labels: sets of labels, ``G[u]`` for neighbours and ``G[u][v][weight]``
for trust. It shares no code with netsim; the only things it takes from the
kernel's contract are the stream key of each run and the order of the draws,
which it replays through ``tests/reference/prng.py``.
"""

import bisect
import math

from .prng import Xoshiro256StarStar

SIR_PURPOSE = 3  # netsim._seeding.Purpose.SIR


def node_positions(G):
    """Return {label: position}: netsim numbers nodes in ``list(G)`` order."""
    return {node: i for i, node in enumerate(G)}


def transmission_probability(G, u, v, beta, transmission, weight, w_ref):
    """Return the probability that infectious u infects susceptible v in one step."""
    if transmission == "contact":
        return beta
    return 1.0 - (1.0 - beta) ** (G[u][v][weight] / w_ref)


def mean_trust(G, weight):
    """Return the mean of ``weight`` over the edges of G (1.0 without edges)."""
    values = [w for _, _, w in G.edges(data=weight)]
    return math.fsum(values) / len(values) if values else 1.0


def sir_run(
    G,
    sources,
    *,
    beta,
    mu=1.0,
    transmission="contact",
    weight="trust",
    w_ref=None,
    key0,
    key1,
    stream,
    run,
):
    """Simulate run ``run`` of the stream ``(SIR, stream, run)``; return size and curve.

    Returns
    -------
    size : int
        Number of recovered nodes at the end.
    curve : list of (S, I, R) tuples
        The counts at t = 0, 1, ..., until no node is infectious.
    """
    if transmission == "trust" and w_ref is None:
        w_ref = mean_trust(G, weight)
    position = node_positions(G)
    rng = Xoshiro256StarStar.for_task(key0, key1, SIR_PURPOSE, stream, run)
    n = G.number_of_nodes()
    # the infectious nodes, in order of infection; the sources by position
    infectious = sorted(sources, key=position.__getitem__)
    susceptible = set(G) - set(infectious)
    recovered = set()
    curve = [(len(susceptible), len(infectious), 0)]
    while infectious:
        newly_infected = []
        for u in infectious:
            neighbours = sorted(G[u], key=position.__getitem__)  # CSR order
            if transmission == "contact":
                contacted = _contacts_by_geometric_skips(rng, neighbours, beta)
                for v in contacted:
                    if v in susceptible:
                        susceptible.discard(v)
                        newly_infected.append(v)
            else:
                for v in neighbours:
                    if v in susceptible:
                        p = transmission_probability(G, u, v, beta, transmission, weight, w_ref)
                        if rng.next_double() < p:
                            susceptible.discard(v)
                            newly_infected.append(v)
        still_infectious = []
        for u in infectious:
            if mu >= 1.0 or rng.next_double() < mu:
                recovered.add(u)
            else:
                still_infectious.append(u)
        infectious = still_infectious + newly_infected
        curve.append((len(susceptible), len(infectious), len(recovered)))
        assert sum(curve[-1]) == n
    return len(recovered), curve


def _contacts_by_geometric_skips(rng, neighbours, beta):
    """Return the neighbours a node contacts: each with probability beta, independently.

    The gaps between contacted neighbours are geometric, P(gap >= j) = (1 - beta) ** j,
    drawn by inverting the table T[j] = 1 - (1 - beta) ** j with one uniform U: with r
    neighbours left, none is contacted if U >= T[r]; else the gap is the smallest j >= 1
    with T[j] > U, minus one.
    """
    if beta <= 0.0:
        return []
    if beta >= 1.0:
        return list(neighbours)
    log_q = math.log1p(-beta)
    table = [-math.expm1(j * log_q) for j in range(len(neighbours) + 1)]
    contacted = []
    k = 0
    while k < len(neighbours):
        left = len(neighbours) - k
        u = rng.next_double()
        if u >= table[left]:
            break
        k += bisect.bisect_right(table, u, 1, left + 1) - 1
        contacted.append(neighbours[k])
        k += 1
    return contacted


def sir_runs(G, sources, *, n_runs, key0, key1, stream, **model):
    """Return the sizes and curves of runs 0 .. n_runs - 1 of one stream."""
    results = [
        sir_run(G, sources, key0=key0, key1=key1, stream=stream, run=r, **model)
        for r in range(n_runs)
    ]
    return [size for size, _ in results], [curve for _, curve in results]
