"""Discrete-time SIS by the definition: a lockstep replay and exact Markov chains.

The model (MODEL.md section 3), synchronous: at each step every infectious
node infects each neighbour that was susceptible at the start of the step
independently with probability ``p(u, v)`` (``beta`` for contact); then
every node that was infectious at the start of the step becomes susceptible
again independently with probability ``mu``. Newly infected nodes are
infectious from the next step.

* :func:`sis_trajectory` replays one run of the kernel on the networkx API,
  draw for draw, through ``tests/reference/prng.py``, following the draw
  order documented in ``netsim/_kernels/sis.py``; :func:`prevalence_runs`,
  :func:`curve_runs` and :func:`persistence_sums` derive the kernels'
  outputs from it.
* :func:`chain_marginals` is the exact Markov chain on the ``2**n`` infectious
  sets of a graph of at most 8 nodes: given the set ``I`` at the start of a
  step, the nodes move independently (a node of ``I`` stays infectious with
  probability ``1 - mu``; a node ``v`` outside it becomes infectious with
  probability ``1 - prod_{u in I} (1 - p(u, v))``). It gives each node's
  exact probability of being infectious after every step, hence the exact
  expected prevalence.
* :func:`complete_graph_prevalence` is the exact chain of the complete graph
  ``K_n``, lumped to the number ``I`` of infectious nodes (all nodes are
  alike): ``I' = Binomial(I, 1 - mu) + Binomial(n - I, 1 - (1 - beta)**I)``,
  the two independent. :func:`mean_field_fixed_point` is the endemic fixed
  point of its mean-field map.

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
        not_susceptible = set(infectious)
        newly_infected = []
        for u in infectious:
            neighbours = sorted(G[u], key=position.__getitem__)  # CSR order
            if probability is None:
                for v in _contacts_by_geometric_skips(rng, neighbours, beta):
                    if v not in not_susceptible:
                        not_susceptible.add(v)
                        newly_infected.append(v)
            else:
                for v in neighbours:
                    if v not in not_susceptible and rng.next_double() < probability(u, v):
                        not_susceptible.add(v)
                        newly_infected.append(v)
        survivors = [u for u in infectious if not (mu >= 1.0 or rng.next_double() < mu)]
        infectious = survivors + newly_infected
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
            if state[k]:
                stays.append(1.0 - mu)
            else:
                escape = 1.0
                for m, u in enumerate(nodes):
                    if state[m] and G.has_edge(u, v):
                        escape *= 1.0 - probability(u, v)
                stays.append(1.0 - escape)
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
        stay = scipy.stats.binom.pmf(np.arange(infectious + 1), infectious, 1.0 - mu)
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
    """Return the endemic fixed point i* of ``i' = (1 - mu) i + (1 - i)(1 - (1 - beta)**(n i))``.

    The mean-field map of SIS on ``K_n``: a susceptible node has all ``I =
    n i`` infectious nodes as neighbours. Requires ``n * beta > mu`` (above
    the threshold, where the nonzero fixed point exists).
    """

    def excess(i):
        return (1.0 - i) * -math.expm1(n * i * math.log1p(-beta)) - mu * i

    return scipy.optimize.brentq(excess, 1e-9, 1.0, xtol=1e-15)
