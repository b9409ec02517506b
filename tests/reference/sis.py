"""Discrete-time SIS by the definition: a lockstep replay and exact Markov chains.

The model (MODEL.md section 3), synchronous, with re-infection within a step
(Gomez et al. 2010): at each step every node that is infectious at the start
of the step recovers (becomes susceptible) independently with probability
``mu``, and contacts each neighbour independently with probability ``p(u,
v)`` (``beta`` for contact); a node is infectious after the step if it was
infectious and did not recover, or if it was contacted.

* :func:`sis_trajectory` replays one run of the kernel on the networkx API,
  draw for draw, through ``tests/reference/prng.py``, following the draw
  order documented in ``netsim/_kernels/sis.py``; :func:`prevalence_runs`,
  :func:`curve_runs` and :func:`persistence_sums` derive the kernels'
  outputs from it.
* :func:`chain_marginals` is the exact Markov chain on the ``2**n`` infectious
  sets of a graph of at most 8 nodes: given the set ``I`` at the start of a
  step, the nodes move independently (node ``v`` is infectious after the
  step with probability ``1 - (1 - (1 - mu) [v in I]) prod_{u in I} (1 -
  p(u, v))``). It gives each node's exact probability of being infectious
  after every step, hence the exact expected prevalence.
* :func:`complete_graph_prevalence` is the exact chain of the complete graph
  ``K_n``, lumped to the number ``I`` of infectious nodes (all nodes are
  alike): ``I' = Binomial(I, 1 - mu (1 - beta)**(I - 1)) + Binomial(n - I, 1
  - (1 - beta)**I)``, the two independent (an infectious node is not its own
  neighbour). :func:`mean_field_fixed_point` is the endemic fixed point of
  the map of its conditional mean.

Shares no code with netsim.
"""

import math
from itertools import product

import numpy as np
import scipy.optimize
import scipy.stats

from .prng import Xoshiro256StarStar
from .sir import _contacts_by_geometric_skips, node_positions

SIS_PURPOSE = 9  # netsim._seeding.Purpose.SIS
MAX_CHAIN_NODES = 8


def sis_trajectory(
    G, sources, *, beta, mu, n_steps, key0, key1, i, j, probability=None, purpose=SIS_PURPOSE
):
    """Replay the run drawn from task ``(purpose, i, j)``; return the infectious sets.

    Parameters
    ----------
    G : networkx.Graph
    sources : iterable of nodes
        Infectious at t = 0 (replayed in ascending position, as the kernels
        receive them).
    beta, mu : float
        Contact probability (used when ``probability`` is None) and recovery
        probability per step.
    n_steps : int
    key0, key1 : int
        The root key.
    i, j : int
        The run's task coordinates.
    probability : callable or None
        ``probability(u, v)``: the probability that infectious ``u`` infects
        susceptible ``v`` in one step; None means ``beta`` on every edge.
    purpose : int
        The stream purpose (``Purpose.SIS`` by default).

    Returns
    -------
    list of set
        The infectious nodes after steps ``t = 0 .. n_steps``.
    """
    position = node_positions(G)
    rng = Xoshiro256StarStar.for_task(key0, key1, purpose, i, j)
    infectious = sorted(sources, key=position.__getitem__)  # in list order
    history = [set(infectious)]
    for _ in range(n_steps):
        if not infectious:
            history.append(set())
            continue
        # 1. recovery, in list order: the nodes that stay start the next list
        following = [u for u in infectious if not (mu >= 1.0 or rng.next_double() < mu)]
        infectious_after = set(following)
        # 2. every node infectious at the start of the step transmits, in list order
        for u in infectious:
            neighbours = sorted(G[u], key=position.__getitem__)  # CSR order
            if probability is None:
                contacted = _contacts_by_geometric_skips(rng, neighbours, beta)
            else:
                contacted = [
                    v
                    for v in neighbours
                    if v not in infectious_after and rng.next_double() < probability(u, v)
                ]
            for v in contacted:
                if v not in infectious_after:
                    infectious_after.add(v)
                    following.append(v)
        infectious = following
        history.append(set(infectious))
    return history


def prevalence_runs(
    G, sources, *, n_runs, burn_in, window, key0, key1, stream, beta, mu, probability=None
):
    """Return each run's mean fraction infectious over steps burn_in + 1 .. burn_in + window."""
    n = G.number_of_nodes()
    values = []
    for r in range(n_runs):
        history = sis_trajectory(
            G,
            sources,
            beta=beta,
            mu=mu,
            n_steps=burn_in + window,
            key0=key0,
            key1=key1,
            i=stream,
            j=r,
            probability=probability,
        )
        total = sum(len(infectious) for infectious in history[burn_in + 1 :])
        values.append(total / (window * n))
    return values


def curve_runs(G, sources, *, n_runs, n_steps, key0, key1, stream, beta, mu, probability=None):
    """Return per run the lists of (S, I) counts after steps 0 .. n_steps."""
    curves = []
    for r in range(n_runs):
        history = sis_trajectory(
            G,
            sources,
            beta=beta,
            mu=mu,
            n_steps=n_steps,
            key0=key0,
            key1=key1,
            i=stream,
            j=r,
            probability=probability,
        )
        curves.append([(len(set(G) - infectious), len(infectious)) for infectious in history])
    return curves


def persistence_sums(
    G, *, n_runs, burn_in, window, key0, key1, beta, mu, probability=None, purpose=SIS_PURPOSE
):
    """Return, in ``list(G)`` order, the sums over runs of each node's window count and square.

    Every run starts with every node infectious and replays task ``(purpose, r, 0)``.
    """
    sums = dict.fromkeys(G, 0)
    sums_sq = dict.fromkeys(G, 0)
    for r in range(n_runs):
        history = sis_trajectory(
            G,
            list(G),
            beta=beta,
            mu=mu,
            n_steps=burn_in + window,
            key0=key0,
            key1=key1,
            i=r,
            j=0,
            probability=probability,
            purpose=purpose,
        )
        for node in G:
            count = sum(node in infectious for infectious in history[burn_in + 1 :])
            sums[node] += count
            sums_sq[node] += count * count
    return [sums[node] for node in G], [sums_sq[node] for node in G]


def chain_marginals(G, sources, *, mu, probability, n_steps):
    """Return the exact probability that each node is infectious after each step.

    Parameters
    ----------
    G : networkx.Graph
        At most 8 nodes.
    sources : iterable of nodes
        Infectious at t = 0.
    mu : float
        Recovery probability per step, in (0, 1].
    probability : callable
        ``probability(u, v)`` that infectious ``u`` infects susceptible ``v``.
    n_steps : int

    Returns
    -------
    ndarray of shape (n_steps + 1, n_nodes), dtype float64
        Row ``t``, column ``k``: P(node ``list(G)[k]`` infectious after step
        ``t``). The expected prevalence at step ``t`` is the row's mean.
    """
    nodes = list(G)
    n = len(nodes)
    if n > MAX_CHAIN_NODES:
        message = f"the exact SIS chain refuses graphs with more than {MAX_CHAIN_NODES} nodes"
        raise ValueError(message)
    states = list(product((False, True), repeat=n))  # state[k]: node k infectious
    index = {state: s for s, state in enumerate(states)}
    transition = np.zeros((len(states), len(states)))
    for s, state in enumerate(states):
        stays = []  # P(node k is infectious after the step | state)
        for k, v in enumerate(nodes):
            escape = 1.0  # P(no infectious neighbour contacts v)
            for m, u in enumerate(nodes):
                if state[m] and G.has_edge(u, v):
                    escape *= 1.0 - probability(u, v)
            stays.append(1.0 - (mu if state[k] else 1.0) * escape)
        for following in states:
            weight = 1.0
            for k in range(n):
                weight *= stays[k] if following[k] else 1.0 - stays[k]
            transition[s, index[following]] += weight
    law = np.zeros(len(states))
    source_set = set(sources)
    law[index[tuple(v in source_set for v in nodes)]] = 1.0
    indicator = np.array(states, dtype=np.float64)  # (n_states, n)
    marginals = [law @ indicator]
    for _ in range(n_steps):
        law = law @ transition
        marginals.append(law @ indicator)
    return np.array(marginals)


def complete_graph_prevalence(n, *, beta, mu, n_sources, n_steps):
    """Return the exact expected prevalence of SIS on ``K_n`` after steps 0 .. n_steps.

    The lumped chain of the module docstring, started from ``n_sources``
    infectious nodes; O(n**3) to build, fine for n up to a few thousand.
    """
    transition = np.empty((n + 1, n + 1))
    for infectious in range(n + 1):
        # 1 - mu (1 - beta) ** (I - 1): not recovered, or contacted by another infectious node
        kept = 1.0 - mu * math.exp(max(infectious - 1, 0) * math.log1p(-beta))
        stay = scipy.stats.binom.pmf(np.arange(infectious + 1), infectious, kept)
        q = -math.expm1(infectious * math.log1p(-beta))  # 1 - (1 - beta) ** I
        new = scipy.stats.binom.pmf(np.arange(n - infectious + 1), n - infectious, q)
        transition[infectious] = np.convolve(stay, new)
    law = np.zeros(n + 1)
    law[n_sources] = 1.0
    counts = np.arange(n + 1) / n
    expected = [law @ counts]
    for _ in range(n_steps):
        law = law @ transition
        expected.append(law @ counts)
    return np.array(expected)


def mean_field_fixed_point(n, *, beta, mu):
    """Return the endemic fixed point i* of the conditional-mean map of SIS on ``K_n``.

    The map ``i' = i (1 - mu (1 - beta)**(n i - 1)) + (1 - i)(1 - (1 -
    beta)**(n i))`` is ``E[I' / n | I = n i]``: an infectious node stays so
    unless it recovers and none of the other ``n i - 1`` infectious nodes
    contacts it; a susceptible node has all ``n i`` as neighbours. Requires
    ``n * beta > mu`` (above the threshold, where the nonzero fixed point
    exists).
    """
    log_q = math.log1p(-beta)

    def excess(i):
        kept = 1.0 - mu * math.exp((n * i - 1.0) * log_q)
        return i * kept + (1.0 - i) * -math.expm1(n * i * log_q) - i

    return scipy.optimize.brentq(excess, 1e-3, 1.0, xtol=1e-15)
