"""A slow, obvious continuous-time Markovian SIR on the networkx API, and its exact law.

:func:`continuous_sir_run` is the event-driven algorithm of ``EoN.fast_SIR``
(Kiss, Miller and Simon 2017, appendix A.1.2) written from the model's
definition with a plain ``heapq`` of events and lazy deletion, on a networkx
graph with its own labels: ``G[u]`` for neighbours, ``G[u][v][rate]`` for
per-edge rates. It shares no code with netsim; what it takes from the
kernel's contract (``netsim/_kernels/continuous_sir.py``) is the stream key
of each run and the order of the draws, replayed through
``tests/reference/prng.py``, so that sizes and event times agree exactly.

:func:`final_size_law` is a theory oracle: the exact law of the final size
from the embedded jump chain of the Markov process on (infectious,
recovered) sets, for graphs small enough to enumerate.
"""

import heapq
import math
from functools import cache

from .prng import Xoshiro256StarStar

CONTINUOUS_SIR_PURPOSE = 5  # netsim._seeding.Purpose.CONTINUOUS_SIR
MAX_NODES = 9


def continuous_sir_run(G, sources, *, tau, gamma, rate=None, key0, key1, stream, run):
    """Simulate run ``run`` of the stream ``(CONTINUOUS_SIR, stream, run)``.

    Parameters
    ----------
    G : networkx.Graph
    sources : list of node labels
        Infected at t = 0, processed in ascending position (``list(G)`` order).
    tau, gamma : float
        Contact transmission rate (ignored when ``rate`` is given) and recovery rate.
    rate : str or None
        Edge attribute holding each edge's transmission rate.

    Returns
    -------
    size : int
        Number of nodes ever infected.
    events : list of (t, S, I, R) tuples
        t = 0 with the sources infectious, then one row per later infection
        or recovery, in time order.
    """
    position = {node: i for i, node in enumerate(G)}
    rng = Xoshiro256StarStar.for_task(key0, key1, CONTINUOUS_SIR_PURPOSE, stream, run)
    n = G.number_of_nodes()
    infected = set(sources)
    pending = {}  # susceptible node -> its earliest transmission time so far
    queue = []  # (time, position, kind, node); stale infection entries are skipped

    def process(u, t):
        """u is infected at t: draw its infectious period and its transmissions."""
        D = -math.log(1.0 - rng.next_double()) / gamma
        heapq.heappush(queue, (t + D, position[u], "recovery", u))
        neighbours = sorted(G[u], key=position.__getitem__)  # CSR order
        if rate is None:
            offers = _contact_transmissions(rng, neighbours, infected, t, D, tau)
        else:
            rates = [G[u][v][rate] for v in neighbours]
            offers = _rate_transmissions(rng, neighbours, rates, infected, t, D)
        for v, time in offers:
            if v not in pending or time < pending[v]:
                pending[v] = time
                heapq.heappush(queue, (time, position[v], "infection", v))

    for u in sorted(sources, key=position.__getitem__):
        process(u, 0.0)
    n_infectious, n_recovered = len(infected), 0
    events = [(0.0, n - n_infectious, n_infectious, 0)]
    while queue:
        time, _, kind, v = heapq.heappop(queue)
        if kind == "recovery":
            n_infectious -= 1
            n_recovered += 1
        elif v in infected or pending[v] != time:
            continue  # superseded by an earlier transmission, or already infected
        else:
            del pending[v]
            infected.add(v)
            n_infectious += 1
            process(v, time)
        events.append((time, n - len(infected), n_infectious, n_recovered))
        assert sum(events[-1][1:]) == n
    return len(infected), events


def _contact_transmissions(rng, neighbours, infected, t, D, tau):
    """Return [(v, time)]: each neighbour receives a transmission before t + D independently.

    Put the neighbours end to end on a line, each an interval of length D, and
    run a Poisson process of rate tau along it: a neighbour receives a
    transmission at the first point in its interval, if there is one, and
    the process starts afresh at the next interval. Measured in units of D,
    the distance to the next point is exponential with rate x = tau D: one
    draw per point. Its integer part counts the intervals passed over, its
    fractional part is the delay within the interval.
    """
    x = tau * D
    if not x > 0.0:
        return []
    offers = []
    k = 0
    while True:
        y = -math.log(1.0 - rng.next_double()) / x
        if y >= len(neighbours) - k:
            return offers
        g = math.floor(y)
        k += g
        if neighbours[k] not in infected:
            offers.append((neighbours[k], t + (y - g) * D))
        k += 1


def _rate_transmissions(rng, neighbours, rates, infected, t, D):
    """Return [(v, time)]: neighbour i receives a transmission before t + D at rate rates[i].

    With R the largest rate and x = R D: if x > 1, each neighbour that is
    not infected draws its exponential time and keeps it if it is below D.
    If 0 < x <= 1, the Poisson process of _contact_transmissions at rate R,
    thinned: a point in the interval of a neighbour that is not infected is
    kept with probability rates[i] / R (no draw when that is 1); the first
    kept point of an interval is the transmission; after a point that is
    not kept the process goes on inside the same interval.
    """
    R = max(rates, default=0.0)
    x = R * D
    offers = []
    if x > 1.0:
        for v, r in zip(neighbours, rates, strict=True):
            if v not in infected:
                e = -math.log(1.0 - rng.next_double())
                if e < r * D:
                    offers.append((v, t + e / r))
        return offers
    if not x > 0.0:
        return offers
    k = 0
    f = 0.0  # where the last point fell inside interval k, in units of D
    while True:
        y = f - math.log(1.0 - rng.next_double()) / x
        if y >= len(neighbours) - k:
            return offers
        g = math.floor(y)
        k += g
        f = y - g
        if neighbours[k] in infected:
            k += 1
            f = 0.0
        elif rates[k] >= R or rng.next_double() < rates[k] / R:
            offers.append((neighbours[k], t + f * D))
            k += 1
            f = 0.0


def continuous_sir_runs(G, sources, *, n_runs, key0, key1, stream, **model):
    """Return the sizes and event lists of runs 0 .. n_runs - 1 of one stream."""
    results = [
        continuous_sir_run(G, sources, key0=key0, key1=key1, stream=stream, run=r, **model)
        for r in range(n_runs)
    ]
    return [size for size, _ in results], [events for _, events in results]


def final_size_law(G, sources, rate, gamma):
    """Return {size: probability} of the number of nodes ever infected.

    The jump chain of the Markov process: from a state (I, R) each
    susceptible v with infectious neighbours is infected at rate
    ``sum(rate(u, v) for u in I adjacent to v)`` and each infectious node
    recovers at rate ``gamma``; the next event is one of them with
    probability proportional to its rate. ``rate(u, v)`` is the rate from u
    to v (a callable).
    """
    if G.number_of_nodes() > MAX_NODES:
        message = f"the jump chain refuses graphs with more than {MAX_NODES} nodes"
        raise ValueError(message)
    neighbours = {u: list(G[u]) for u in G}

    @cache
    def law(infectious, recovered):
        if not infectious:
            return {len(recovered): 1.0}
        moves = [(gamma, infectious - {u}, recovered | {u}) for u in infectious]
        for v in G:
            if v in infectious or v in recovered:
                continue
            total = sum(rate(u, v) for u in neighbours[v] if u in infectious)
            if total > 0:
                moves.append((total, infectious | {v}, recovered))
        out = {}
        weight_sum = math.fsum(weight for weight, _, _ in moves)
        for weight, next_infectious, next_recovered in moves:
            for size, prob in law(next_infectious, next_recovered).items():
                out[size] = out.get(size, 0.0) + weight / weight_sum * prob
        return out

    return law(frozenset(sources), frozenset())


def large_outbreak_probability(degrees, tau, gamma, n_points=200):
    """Return the probability that an outbreak from a random node is large (configuration model).

    Each node transmits along each of its edges independently given its own
    infectious period D ~ Exp(gamma), with probability T(D) = 1 - exp(-tau D):
    transmissions from one node are correlated, so the outbreak is a
    directed percolation cluster (Kenah and Robins 2007,
    doi:10.1103/PhysRevE.76.036113; Miller 2007, doi:10.1103/PhysRevE.76.010101).
    With psi the probability that the outbreak entering a node along an edge
    stays finite, the smallest root of ``psi = E_D[G1(1 - T(D) + T(D) psi)]``,
    the answer is ``1 - E_D[G0(1 - T(D) + T(D) psi)]``. The expectations over D
    are integrals over y = exp(-gamma D), uniform on (0, 1), where
    T = 1 - y ** (tau / gamma): Gauss-Legendre with ``n_points`` nodes.

    (The attack rate of a large outbreak, by contrast, depends only on the
    mean transmissibility tau / (tau + gamma); see ``theory.py``.)
    """
    import numpy as np

    degrees = np.asarray(degrees, dtype=np.int64)
    k, counts = np.unique(degrees, return_counts=True)
    p = counts / degrees.size
    mean = float(np.sum(k * p))
    nodes, weights = np.polynomial.legendre.leggauss(n_points)
    y = (nodes + 1.0) / 2.0
    w = weights / 2.0
    T = 1.0 - y ** (tau / gamma)

    def G0(x):  # x: array over quadrature nodes
        return np.sum(p[:, None] * x[None, :] ** k[:, None].astype(float), axis=0)

    def G1(x):
        kk = k[k > 0]
        pp = p[k > 0]
        return (
            np.sum((kk * pp)[:, None] * x[None, :] ** (kk - 1)[:, None].astype(float), axis=0)
            / mean
        )

    psi = 0.0
    for _ in range(1_000_000):
        new = float(np.sum(w * G1(1.0 - T + T * psi)))
        if abs(new - psi) < 1e-14:
            break
        psi = new
    else:
        message = "no convergence (too close to the threshold?)"
        raise RuntimeError(message)
    return 1.0 - float(np.sum(w * G0(1.0 - T + T * psi)))


def count_law_at(G, sources, rate, gamma, times):
    """Return, for each time in ``times``, {(S, I, R): probability} of the counts at that time.

    The forward (master) equation of the Markov process on the 3**n states
    of the nodes, solved with a matrix exponential: p(t) = p(0) expm(Q t).
    Transitions: susceptible v becomes infectious at rate
    ``sum(rate(u, v) for infectious neighbours u)``; an infectious node
    recovers at rate ``gamma``.
    """
    from itertools import product

    import numpy as np
    import scipy.linalg

    nodes = list(G)
    if len(nodes) > 6:
        message = "the master equation refuses graphs with more than 6 nodes"
        raise ValueError(message)
    states = list(product("SIR", repeat=len(nodes)))
    index = {state: i for i, state in enumerate(states)}
    Q = np.zeros((len(states), len(states)))
    for state in states:
        i = index[state]
        for a, node in enumerate(nodes):
            if state[a] == "I":
                target = (*state[:a], "R", *state[a + 1 :])
                Q[i, index[target]] += gamma
            elif state[a] == "S":
                total = sum(rate(u, node) for u in G[node] if state[nodes.index(u)] == "I")
                if total > 0:
                    target = (*state[:a], "I", *state[a + 1 :])
                    Q[i, index[target]] += total
        Q[i, i] = -Q[i].sum()
    start = tuple("I" if node in sources else "S" for node in nodes)
    p0 = np.zeros(len(states))
    p0[index[start]] = 1.0
    laws = []
    for t in times:
        pt = p0 @ scipy.linalg.expm(Q * t)
        law = {}
        for state, prob in zip(states, pt, strict=True):
            key = (state.count("S"), state.count("I"), state.count("R"))
            law[key] = law.get(key, 0.0) + max(prob, 0.0)
        laws.append(law)
    return laws
