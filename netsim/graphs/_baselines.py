"""Classic network generators to compare with the networking game.

Five models from the literature, each returning a networkx Graph with the
node and edge attributes of the networking game so that the same analyses
run on both: preferential attachment (Barabási and Albert 1999), with triad
formation (Holme and Kim 2002) or with a cap on ties (Amaral et al. 2000;
Dunbar 1992), meeting strangers and friends of friends (Jackson and Rogers
2007) and the erased configuration model (Molloy and Reed 1995; Britton et
al. 2006); each function's docstring gives the references. Every baseline has:

* nodes ``0..n-1`` with ``strategy`` (exactly ``round(lion_fraction * n)``
  random nodes are ``"lion"``, the rest ``"organic"``: a label only),
  ``group`` (0) and ``active`` (True);
* edges with ``trust`` (constant), ``origin`` (the mechanism that made the
  tie) and ``created`` (the step that made it; 0 for the initial graph);
* ``G.graph["name"]`` (the function's name), ``G.graph["parameters"]``
  (every parameter value used) and the seed provenance (``seed_entropy``,
  ``seed_spawn_key``, ``key_scheme``), as the networking game records them.

The structure comes from the stream ``(seed, GRAPH, 0)`` and the labels from
``(seed, GRAPH, 1)``: the graph does not depend on ``lion_fraction``, and with
one ``seed`` the lions of a smaller fraction are among those of a larger one.
"""

import numbers
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import networkx as nx
import numpy as np

from .._seeding import Purpose, provenance, seed_sequence, task_generator
from .._typing import SeedLike
from .._validation import Described, check_int, check_open_unit, check_probability, invalid

__all__ = [
    "barabasi_albert_network",
    "configuration_network",
    "dunbar_capped_network",
    "holme_kim_network",
    "jackson_rogers_network",
]

_STRUCTURE, _LABELS = 0, 1  # task indices of the two GRAPH streams
_MAX_BLOCK = 4096  # most uniforms drawn from the Generator at a time

_Edges = tuple[list[tuple[int, int]], list[str], list[int]]


# --- shared: validation, uniforms, attributes --------------------------------------------


def _check_n_m(n: Any, m: Any) -> tuple[int, int]:
    n = check_int("n", n, minimum=2)
    m = check_int("m", m)
    if not 1 <= m < n:
        raise invalid("m", f"an int in [1, n - 1] = [1, {n - 1}]", m)
    return n, m


def _uniforms(rng: np.random.Generator) -> Iterator[float]:
    """Yield the uniforms of ``rng.random`` in order, in blocks of growing size.

    The sequence does not depend on the block sizes: ``Generator.random``
    turns one 64-bit draw into one double.
    """
    block = 64
    while True:
        yield from rng.random(block).tolist()
        block = min(2 * block, _MAX_BLOCK)


def _network(
    name: str,
    grow: Callable[[np.random.Generator], _Edges],
    parameters: dict[str, Any],
    lion_fraction: Any,
    trust: Any,
    seed: SeedLike,
) -> nx.Graph:
    """Validate the shared options, grow the edges and return the Graph every baseline returns."""
    lion_fraction = check_probability("lion_fraction", lion_fraction)
    trust = check_open_unit("trust", trust)
    n = parameters["n"]
    root = seed_sequence(seed)
    pairs, origins, created = grow(task_generator(root, Purpose.GRAPH, _STRUCTURE))
    rng = task_generator(root, Purpose.GRAPH, _LABELS)
    lions = set(rng.permutation(n)[: round(lion_fraction * n)].tolist())
    G = nx.Graph()
    G.add_nodes_from(
        (v, {"strategy": "lion" if v in lions else "organic", "group": 0, "active": True})
        for v in range(n)
    )
    G.add_edges_from(
        (u, v, {"trust": trust, "origin": origin, "created": step})
        for (u, v), origin, step in zip(pairs, origins, created, strict=True)
    )
    G.graph["name"] = name
    G.graph["parameters"] = {**parameters, "lion_fraction": lion_fraction, "trust": trust}
    G.graph.update(provenance(root))
    return G


# --- preferential attachment: one engine for three models --------------------------------


def _preferential_attachment(
    n: int, m: int, rng: np.random.Generator, *, p_triad: float | None, dunbar: int | None
) -> _Edges:
    """Grow ``n`` nodes from a star on ``0..m``; node ``m + t`` arrives at step ``t``.

    The urn lists each node once per tie, as at the start of the step. With
    ``p_triad`` None there are no triad steps; with ``dunbar`` None no cap.
    """
    draw = _uniforms(rng)
    pairs = [(0, j) for j in range(1, m + 1)]
    origins = ["attach"] * m
    created = [0] * m
    neighbours: list[list[int]] = [list(range(1, m + 1))] + [[0] for _ in range(m)]
    neighbours += [[] for _ in range(n - m - 1)]
    urn = [0] * m + list(range(1, m + 1))
    cap = n if dunbar is None else dunbar  # no node reaches n ties: never binding
    open_nodes = {v for v in range(m + 1) if len(neighbours[v]) < cap}
    dead = sum(len(neighbours[v]) for v in range(m + 1) if v not in open_nodes)

    for v in range(m + 1, n):
        step = v - m
        linked: list[int] = []
        kinds: list[str] = []
        if len(open_nodes) <= m:
            linked = sorted(open_nodes)
            kinds = ["attach"] * len(linked)
        else:
            target = -1
            while len(linked) < m:
                if target >= 0 and p_triad is not None and next(draw) < p_triad:
                    friends = [x for x in neighbours[target] if x not in linked]
                    if friends:
                        linked.append(friends[int(next(draw) * len(friends))])
                        kinds.append("triad")
                        continue
                while True:  # a PA step (also when a triad step finds no friend)
                    target = urn[int(next(draw) * len(urn))]
                    if target not in linked and len(neighbours[target]) < cap:
                        break
                linked.append(target)
                kinds.append("attach")
        for u, kind in zip(linked, kinds, strict=True):
            pairs.append((u, v))
            origins.append(kind)
            created.append(step)
            neighbours[u].append(v)
            neighbours[v].append(u)
            urn.append(u)
            if len(neighbours[u]) >= cap:
                open_nodes.discard(u)
                dead += cap
        urn.extend([v] * len(linked))
        if 0 < len(linked) < cap:
            open_nodes.add(v)
        elif linked:
            dead += len(linked)
        if 2 * dead > len(urn):  # closed nodes fill half the urn: drop them
            urn = [u for u in urn if len(neighbours[u]) < cap]
            dead = 0
    return pairs, origins, created


def barabasi_albert_network(
    n: int, m: int, *, lion_fraction: float = 0.0, trust: float = 0.5, seed: SeedLike = None
) -> nx.Graph:
    """Return a Barabási-Albert preferential-attachment network ("mass attachment").

    Parameters
    ----------
    n : int
        Number of nodes, an int >= 2.
    m : int
        Ties each newcomer makes, an int in ``[1, n - 1]``.
    lion_fraction : float, default=0.0
        Fraction of nodes labelled ``"lion"``, in [0, 1] (a label only).
    trust : float, default=0.5
        Trust of every tie, in (0, 1].
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    networkx.Graph
        The baseline attributes (module docstring); ``origin`` is
        ``"attach"``, ``created`` the step at which the newer end arrived.

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    InvalidParameterError
        If an argument is outside its range.

    See Also
    --------
    networkx.barabasi_albert_graph : the same model.
    holme_kim_network : with triad formation.
    dunbar_capped_network : with a cap on ties.

    Notes
    -----
    The model of Barabási and Albert [1]_ from networkx's start, a star on
    nodes ``0..m`` (centre 0). At step ``t = 1, ..., n - m - 1`` node
    ``m + t`` links to ``m`` distinct older nodes, drawn with probability
    proportional to their degree at the start of the step, again until ``m``
    are distinct. So there are exactly ``m (n - m)`` edges, and the
    distribution of ``networkx.barabasi_albert_graph(n, m)``. O(n m) time.

    *Draw order.* Uniforms ``U`` of ``Generator.random`` on the stream
    ``(seed, GRAPH, 0)``; a draw is ``urn[floor(U * len(urn))]``, the urn
    listing each node once per tie.

    References
    ----------
    .. [1] A.-L. Barabási and R. Albert, "Emergence of scaling in random
       networks", Science 286, 509-512 (1999),
       doi:10.1126/science.286.5439.509.

    Examples
    --------
    >>> import netsim
    >>> G = netsim.barabasi_albert_network(100, 2, lion_fraction=0.2, seed=1)
    >>> G.number_of_nodes(), G.number_of_edges()
    (100, 196)
    >>> sum(s == "lion" for s in dict(G.nodes(data="strategy")).values())
    20
    >>> G.edges[0, 1]
    {'trust': 0.5, 'origin': 'attach', 'created': 0}
    """
    n, m = _check_n_m(n, m)
    parameters = {"n": n, "m": m}
    grow = partial(_preferential_attachment, n, m, p_triad=None, dunbar=None)
    return _network("barabasi_albert_network", grow, parameters, lion_fraction, trust, seed)


def holme_kim_network(
    n: int,
    m: int,
    p_triad: float,
    *,
    lion_fraction: float = 0.0,
    trust: float = 0.5,
    seed: SeedLike = None,
) -> nx.Graph:
    """Return a Holme-Kim network: preferential attachment with triad formation.

    Parameters
    ----------
    n : int
        Number of nodes, an int >= 2.
    m : int
        Ties each newcomer makes, an int in ``[1, n - 1]``.
    p_triad : float
        Probability that a tie after the first closes a triangle, in [0, 1].
    lion_fraction : float, default=0.0
        Fraction of nodes labelled ``"lion"``, in [0, 1] (a label only).
    trust : float, default=0.5
        Trust of every tie, in (0, 1].
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    networkx.Graph
        As :func:`barabasi_albert_network`, with ``origin`` ``"attach"``
        (preferential attachment) or ``"triad"`` (triad formation).

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    InvalidParameterError
        If an argument is outside its range.

    See Also
    --------
    networkx.powerlaw_cluster_graph : the same model.
    barabasi_albert_network : ``p_triad = 0`` gives the same distribution.

    Notes
    -----
    The model of Holme and Kim [1]_, from the start of
    :func:`barabasi_albert_network`. Node ``m + t`` arrives at step ``t``
    and makes ``m`` ties: a preferential-attachment (PA) step to ``w``
    (probability proportional to degree at the start of the step); then for
    each further tie, with probability ``p_triad``, a triad step to a
    neighbour of ``w`` (the latest PA target) drawn uniformly among those not
    yet linked, else (or when there is none) a PA step. Exactly ``m (n - m)``
    edges. ``networkx.powerlaw_cluster_graph`` differs in details (it starts
    from ``m`` isolated nodes, draws a step's PA targets in advance and
    loses a tie when a triad step takes one), which make its graphs slightly
    more clustered. O(n m k) time, k the degree of the PA targets.

    *Draw order.* As :func:`barabasi_albert_network`; each tie after the
    first takes one uniform to choose the step, a triad step one more.

    References
    ----------
    .. [1] P. Holme and B. J. Kim, "Growing scale-free networks with tunable
       clustering", Phys. Rev. E 65, 026107 (2002),
       doi:10.1103/PhysRevE.65.026107.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = netsim.holme_kim_network(200, 3, 0.8, seed=7)
    >>> G.number_of_edges()
    591
    >>> origins = nx.get_edge_attributes(G, "origin").values()
    >>> sorted(set(origins))
    ['attach', 'triad']
    >>> bool(nx.average_clustering(G) > 0.2)
    True
    """
    n, m = _check_n_m(n, m)
    p_triad = check_probability("p_triad", p_triad)
    parameters = {"n": n, "m": m, "p_triad": p_triad}
    grow = partial(_preferential_attachment, n, m, p_triad=p_triad, dunbar=None)
    return _network("holme_kim_network", grow, parameters, lion_fraction, trust, seed)


def dunbar_capped_network(
    n: int,
    m: int,
    *,
    dunbar: int = 150,
    lion_fraction: float = 0.0,
    trust: float = 0.5,
    seed: SeedLike = None,
) -> nx.Graph:
    """Return a preferential-attachment network in which no node has more than ``dunbar`` ties.

    Parameters
    ----------
    n : int
        Number of nodes, an int >= 2.
    m : int
        Ties each newcomer seeks, an int in ``[1, n - 1]``.
    dunbar : int, default=150
        Most ties a node can hold, an int >= ``m`` (the star's centre and
        every newcomer start with up to ``m``).
    lion_fraction : float, default=0.0
        Fraction of nodes labelled ``"lion"``, in [0, 1] (a label only).
    trust : float, default=0.5
        Trust of every tie, in (0, 1].
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    networkx.Graph
        As :func:`barabasi_albert_network`; every degree is at most
        ``dunbar``.

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    InvalidParameterError
        If an argument is outside its range, or ``dunbar < m``.

    See Also
    --------
    barabasi_albert_network : the model without the cap.

    Notes
    -----
    :func:`barabasi_albert_network` with a capacity, as in Amaral et al.
    [1]_: a node with ``dunbar`` ties (Dunbar's number [2]_) accepts no more
    and leaves the attachment pool. A newcomer links to ``m`` distinct open
    nodes drawn with probability proportional to degree. *Too few open
    nodes:* when at most ``m`` open nodes have a tie, it links to all of
    them, drawing nothing (so to fewer than ``m``, maybe none; a node without
    ties has weight 0 and is never chosen). At most ``m (n - m)`` edges;
    until a node is full the graph is the :func:`barabasi_albert_network`
    of the same ``seed``. (The networking game caps the ties an organic
    agent *maintains*; here the cap is on ties held.) O(n m) expected time.

    *Draw order.* As :func:`barabasi_albert_network`; draws that hit a full
    node are drawn again.

    References
    ----------
    .. [1] L. A. N. Amaral, A. Scala, M. Barthélémy and H. E. Stanley,
       "Classes of small-world networks", Proc. Natl. Acad. Sci. USA 97,
       11149-11152 (2000), doi:10.1073/pnas.200327197.
    .. [2] R. I. M. Dunbar, "Neocortex size as a constraint on group size
       in primates", J. Hum. Evol. 22, 469-493 (1992),
       doi:10.1016/0047-2484(92)90081-J.

    Examples
    --------
    >>> import netsim
    >>> G = netsim.dunbar_capped_network(500, 3, dunbar=20, seed=3)
    >>> max(d for _, d in G.degree())
    20
    >>> G.number_of_edges() <= 3 * (500 - 3)
    True
    """
    n, m = _check_n_m(n, m)
    dunbar = check_int("dunbar", dunbar, minimum=1)
    if dunbar < m:
        hint = "The initial star's centre and every newcomer have m ties."
        raise invalid("dunbar", f"an int >= m = {m}", dunbar, hint)
    parameters = {"n": n, "m": m, "dunbar": dunbar}
    grow = partial(_preferential_attachment, n, m, p_triad=None, dunbar=dunbar)
    return _network("dunbar_capped_network", grow, parameters, lion_fraction, trust, seed)


# --- Jackson and Rogers ------------------------------------------------------------------


def _meet_strangers_and_friends(
    n: int,
    m_random: int,
    m_network: int,
    p_random: float,
    p_network: float,
    rng: np.random.Generator,
) -> _Edges:
    draw = _uniforms(rng)
    n0 = m_random + m_network + 1
    pairs = [(u, v) for v in range(n0) for u in range(v)]
    origins = ["random"] * len(pairs)
    created = [0] * len(pairs)
    neighbours = [set(range(n0)) - {v} for v in range(n0)] + [set() for _ in range(n - n0)]
    for v in range(n0, n):
        step = v - n0 + 1
        parents: list[int] = []
        while len(parents) < m_random:
            u = int(next(draw) * v)
            if u not in parents:
                parents.append(u)
        pool = sorted(set().union(*(neighbours[u] for u in parents)).difference(parents))
        friends = []
        for i in range(min(m_network, len(pool))):  # partial Fisher-Yates shuffle
            j = i + int(next(draw) * (len(pool) - i))
            pool[i], pool[j] = pool[j], pool[i]
            friends.append(pool[i])
        met = [(u, p_random, "random") for u in parents]
        for u, p, kind in met + [(u, p_network, "network") for u in friends]:
            if next(draw) < p:
                pairs.append((u, v))
                origins.append(kind)
                created.append(step)
                neighbours[u].add(v)
                neighbours[v].add(u)
    return pairs, origins, created


def jackson_rogers_network(
    n: int,
    m_random: int,
    m_network: int,
    *,
    p_random: float = 1.0,
    p_network: float = 1.0,
    lion_fraction: float = 0.0,
    trust: float = 0.5,
    seed: SeedLike = None,
) -> nx.Graph:
    """Return a Jackson-Rogers network: newcomers meet strangers and friends of friends.

    Parameters
    ----------
    n : int
        Number of nodes, an int >= ``m_random + m_network + 1``.
    m_random : int
        Strangers ("parents") each newcomer meets, an int >= 1.
    m_network : int
        Friends of friends each newcomer meets, an int >= 0.
    p_random : float, default=1.0
        Probability of a tie with each parent, in [0, 1].
    p_network : float, default=1.0
        Probability of a tie with each friend of friend met, in [0, 1].
    lion_fraction : float, default=0.0
        Fraction of nodes labelled ``"lion"``, in [0, 1] (a label only).
    trust : float, default=0.5
        Trust of every tie, in (0, 1].
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    networkx.Graph
        The baseline attributes; ``origin`` is ``"random"`` (a parent, and
        the initial clique) or ``"network"`` (a friend of a friend).

    Raises
    ------
    TypeError
        If an argument is of the wrong type.
    InvalidParameterError
        If an argument is outside its range.

    Notes
    -----
    The undirected variant of the model of Jackson and Rogers [1]_.
    *Start:* a complete graph on ``n0 = m_random + m_network + 1`` nodes, so
    that the first newcomer finds its parents and ``m_network`` of their
    neighbours. At step ``t = 1, ..., n - n0`` node ``v = n0 - 1 + t``
    meets ``m_random`` distinct parents drawn uniformly from the ``v`` older
    nodes, then ``m_network`` distinct nodes drawn uniformly from the pool:
    the parents' neighbours (at the start of the step) who are not parents.
    It ties to each parent with probability ``p_random`` and to each friend
    of a friend met with ``p_network``, independently; parents are met and
    searched whether or not a tie forms. *Too few candidates:* when the pool
    holds fewer than ``m_network`` nodes, the newcomer meets all of them.
    With a large enough pool a newcomer makes ``p_random m_random +
    p_network m_network`` ties on average. O(n (m_random + m_network) k)
    time, k the parents' degree.

    *Draw order.* Uniforms ``U`` of ``Generator.random`` on the stream
    ``(seed, GRAPH, 0)``: parents ``floor(U v)``, drawn again if repeated;
    a partial Fisher-Yates shuffle of the sorted pool, one uniform a friend;
    one uniform per node met (parents first), a tie when below ``p``.

    References
    ----------
    .. [1] M. O. Jackson and B. W. Rogers, "Meeting strangers and friends
       of friends: how random are social networks?", Am. Econ. Rev. 97,
       890-915 (2007), doi:10.1257/aer.97.3.890.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = netsim.jackson_rogers_network(300, 2, 2, p_network=0.5, seed=5)
    >>> G.number_of_nodes()
    300
    >>> round(2 * G.number_of_edges() / 300, 1)
    6.0
    >>> sorted(set(nx.get_edge_attributes(G, "origin").values()))
    ['network', 'random']
    """
    m_random = check_int("m_random", m_random, minimum=1)
    m_network = check_int("m_network", m_network, minimum=0)
    n = check_int("n", n)
    n0 = m_random + m_network + 1
    if n < n0:
        raise invalid("n", f"an int >= m_random + m_network + 1 = {n0}", n)
    p_random = check_probability("p_random", p_random)
    p_network = check_probability("p_network", p_network)
    parameters: dict[str, Any] = {"n": n, "m_random": m_random, "m_network": m_network}
    parameters.update(p_random=p_random, p_network=p_network)
    grow = partial(_meet_strangers_and_friends, n, m_random, m_network, p_random, p_network)
    return _network("jackson_rogers_network", grow, parameters, lion_fraction, trust, seed)


# --- configuration model -----------------------------------------------------------------


def _pair_stubs(degrees: list[int], rng: np.random.Generator) -> _Edges:
    stubs = np.repeat(np.arange(len(degrees), dtype=np.int64), degrees)
    pairs = rng.permutation(stubs).reshape(-1, 2)
    pairs = np.unique(np.sort(pairs[pairs[:, 0] != pairs[:, 1]], axis=1), axis=0)
    edges = [(u, v) for u, v in pairs.tolist()]
    return edges, ["configuration"] * len(edges), [0] * len(edges)


def _check_degree_sequence(degree_sequence: Any) -> list[int]:
    name, kind = "degree_sequence", "a sequence of ints"
    if not isinstance(degree_sequence, Iterable) or isinstance(degree_sequence, str | bytes):
        message = f"{name} must be {kind}; got {type(degree_sequence).__name__}."
        raise TypeError(message)
    degrees = list(degree_sequence)
    for i, d in enumerate(degrees):
        if isinstance(d, bool) or not isinstance(d, numbers.Integral):
            message = f"{name} must be {kind}; got {type(d).__name__} at position {i}."
            raise TypeError(message)
        if d < 0:
            raise invalid(name, f"{kind} >= 0", Described(f"{d} at position {i}"))
    degrees = [int(d) for d in degrees]
    if sum(degrees) % 2:
        hint = "Every tie uses two stubs: add or remove one."
        raise invalid(name, "a sequence with an even sum", Described(f"sum {sum(degrees)}"), hint)
    return degrees


def configuration_network(
    degree_sequence: Iterable[int],
    *,
    lion_fraction: float = 0.0,
    trust: float = 0.5,
    seed: SeedLike = None,
) -> nx.Graph:
    """Return an erased configuration-model network with (about) the given degrees.

    Parameters
    ----------
    degree_sequence : sequence of int
        Degree of each node ``0..n-1``, ints >= 0 with an even sum; it may
        be empty.
    lion_fraction : float, default=0.0
        Fraction of nodes labelled ``"lion"``, in [0, 1] (a label only).
    trust : float, default=0.5
        Trust of every tie, in (0, 1].
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    networkx.Graph
        The baseline attributes; ``origin`` is ``"configuration"`` and
        ``created`` 0. Node ``i`` has at most ``degree_sequence[i]`` ties.

    Raises
    ------
    TypeError
        If an argument (or a degree) is of the wrong type.
    InvalidParameterError
        If a degree is negative, their sum is odd, or an argument is out of range.

    See Also
    --------
    networkx.configuration_model : the multigraph before erasure.

    Notes
    -----
    The configuration model [1]_: node ``i`` gets ``k_i =
    degree_sequence[i]`` stubs, paired by a uniformly random matching (the
    multigraph of ``networkx.configuration_model``). The result is then
    *erased* [2]_: self-loops are removed and parallel edges collapsed into
    one, so nodes where these occur lose degree. A matching of ``2M`` stubs
    has ``sum_i k_i (k_i - 1) / (2 (2M - 1))`` self-loops on average; the
    losses vanish as ``n`` grows for a bounded second moment of the degrees,
    but hubs of degree near ``sqrt(2M)`` lose ties. O(M) time.

    *Draw order.* One ``Generator.permutation`` of the stub list (node
    ``i`` repeated ``k_i`` times) on the stream ``(seed, GRAPH, 0)``;
    consecutive stubs are paired.

    References
    ----------
    .. [1] M. Molloy and B. Reed, "A critical point for random graphs with
       a given degree sequence", Random Struct. Algorithms 6, 161-180
       (1995), doi:10.1002/rsa.3240060204.
    .. [2] T. Britton, M. Deijfen and A. Martin-Löf, "Generating simple
       random graphs with prescribed degree distribution", J. Stat. Phys.
       124, 1377-1397 (2006), doi:10.1007/s10955-006-9168-x.

    Examples
    --------
    >>> import netsim
    >>> G = netsim.configuration_network([1] * 10, lion_fraction=0.5, seed=2)
    >>> G.number_of_edges(), max(d for _, d in G.degree())
    (5, 1)
    >>> G = netsim.configuration_network([3] * 100, seed=2)
    >>> all(d <= 3 for _, d in G.degree())
    True
    """
    degrees = _check_degree_sequence(degree_sequence)
    parameters = {"n": len(degrees), "degree_sequence": degrees}
    grow = partial(_pair_stubs, degrees)
    return _network("configuration_network", grow, parameters, lion_fraction, trust, seed)
