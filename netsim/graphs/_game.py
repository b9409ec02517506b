"""The networking game: networks grown by LIONs and organic networkers (MODEL.md section 2).

One model, four doors: :func:`networking_game` (the mix, a networkx Graph),
:func:`networking_game_csr` (the same data as a :class:`CSRGraph`, for large
``n``), :func:`lion_network` and :func:`organic_network` (all agents of one
strategy). The round loop runs in compiled code (``netsim._kernels.game``);
this module validates, seeds, makes room in the rows of ties and records the
history.
"""

import inspect
import math
import textwrap
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._kernels import game as _kernel
from .._seeding import Purpose, kernel_key, provenance, seed_sequence, task_generator
from .._typing import SeedLike
from ._csr import CSRGraph, _node_index
from ._game_rules import ORIGINS, PARAMETERS_DOC, RULE_PARAMETERS, STRATEGIES, GameRules

__all__ = ["lion_network", "networking_game", "networking_game_csr", "organic_network"]

REQUEST_KINDS = ("intro", "message", "cold", "cold_known")
HISTORY_COLUMNS = (
    "n_agents",
    "n_active",
    "mean_degree",
    "mean_trust",
    "new_offline",
    "new_intro",
    "new_message",
    "new_cold",
    "pruned",
    "dropped",
    "maintained",
)
# Room left in each row when the rows are laid out again: a share of its ties, at least a few.
_SLACK = 0.5
_MIN_SLACK = 16

_RULES_DOC = """\
    rules : GameRules, optional
        The rules to play by (default ``GameRules()``); the keywords below
        override its fields."""

_SEED_DOC = """\
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator
        Seed of the random streams; the same seed gives the same network on
        any number of threads. A Generator is consumed (drawn from); None
        uses fresh entropy, recorded in the graph attribute ``seed_entropy``."""

_RETURNS_DOC = """\
    Node attributes: ``strategy`` (``"lion"`` or ``"organic"``), ``group``
    (int) and ``active`` (False once the agent found a job). Edge attributes:
    ``trust`` in (0, 1], ``origin`` (``"offline"``, ``"intro"``,
    ``"message"`` or ``"cold"``) and ``created`` (the round; 0 for offline
    ties). Isolated agents stay in the graph. Graph attributes:

    * ``"history"``: a DataFrame indexed by (``round``, ``strategy``), round 0
      being the offline start and only strategies that have agents listed,
      with ``n_agents``, ``n_active``, ``mean_degree`` and ``mean_trust``
      (over the ties of the strategy's agents at the end of the round,
      counted once per such end; NaN without ties), ``new_offline``,
      ``new_intro``, ``new_message``, ``new_cold`` and ``pruned`` (ties made
      or dropped in the round, counted once per end of the strategy) and
      ``maintained`` (mean number of ties an agent gave attention to, counted
      before the round's pruning);
    * ``"requests"``: a DataFrame indexed by (``round``, ``kind``,
      ``target``) with the requests ``sent`` and ``accepted``; ``kind`` is
      ``"intro"``, ``"message"``, ``"cold"`` or ``"cold_known"`` (a request
      without a message to an organic agent with whom the sender shares a
      contact), ``target`` the target's strategy;
    * ``"parameters"``: every parameter's value, defaults resolved;
    * ``"seed_entropy"``, ``"seed_spawn_key"``, ``"key_scheme"``: what
      replays the network."""

_NOTES_DOC = """\
    Each round runs MODEL.md section 2's steps in order: requests, acceptance,
    new ties, attention, trust update, pruning, Dunbar's limit, job found.
    Choices the model leaves open:

    * Agents move in ascending order. A request never goes to oneself or to
      a contact, including a tie made earlier in the same round: a target is
      drawn again, up to 32 times, after which the request is not sent (so a
      LION whose list holds only contacts sends its list requests nowhere).
    * Each LION draws its list once, before the first round: a uniform
      subset of ``lion_list_size`` other LIONs.
    * Introductions and shared contacts read the network as it stood at the
      start of the round. An introducer ``j`` is drawn among the agent's
      contacts in proportion to trust, then ``k`` among ``j``'s contacts that
      are not yet the agent's, in proportion to ``j``'s trust; when there is
      no such ``k`` the request goes to a stranger.
    * Among ties of equal trust, an organic agent at its ``dunbar`` limit
      attends to, and keeps, the older one. Organic agents above the limit
      all cut their ties at once, on the ties left after pruning; a tie cut
      by one end leaves both, so an agent may end the round below the limit.
    * The trust update is capped at 1 (when both ends give a tie most of
      their attention, the gain can exceed 1) and trust never reaches 0.
    * An agent that found a job still answers requests, by its strategy."""


class _Rows:
    """Every agent's ties as rows of parallel arrays, as the kernels read them."""

    def __init__(self, n: int) -> None:
        self.start = np.zeros(n + 1, dtype=np.int64)
        self.length = np.zeros(n, dtype=np.int64)
        self.nbr = np.zeros(0, dtype=np.int32)
        self.tid = np.zeros(0, dtype=np.int64)
        self.born = np.zeros(0, dtype=np.int32)
        self.w = np.zeros(0, dtype=np.float64)
        self.org = np.zeros(0, dtype=np.int8)
        self.cum = np.zeros(0, dtype=np.float64)  # partial sums of trust, by update_trust
        self.n_ties = 0

    def append(
        self, new_u: np.ndarray, new_v: np.ndarray, new_org: np.ndarray, r: int, trust: np.ndarray
    ) -> None:
        """Add the ties ``new_u[q] -- new_v[q]`` made in round ``r``, making room first."""
        n = self.length.size
        extra = np.bincount(new_u, minlength=n) + np.bincount(new_v, minlength=n)
        if np.any(self.length + extra > np.diff(self.start)):
            self.start, self.nbr, self.tid, self.born, self.w, self.org = _kernel.relayout(
                self.start,
                self.length,
                extra,
                self.nbr,
                self.tid,
                self.born,
                self.w,
                self.org,
                _SLACK,
                _MIN_SLACK,
            )
            self.cum = np.empty_like(self.w)
        _kernel.append_ties(
            self.start,
            self.length,
            self.nbr,
            self.tid,
            self.born,
            self.w,
            self.org,
            new_u,
            new_v,
            new_org,
            new_u.size,
            self.n_ties,
            r,
            trust,
        )
        self.n_ties += new_u.size

    @property
    def arrays(self) -> tuple[np.ndarray, ...]:
        """The rows as update_trust and drop_over_dunbar take them, start to cum."""
        return (self.start, self.length, self.nbr, self.tid, self.born, self.w, self.org, self.cum)

    def to_csr(self) -> tuple[np.ndarray, ...]:
        """Return ``(indptr, indices, trust, origin code, created)``, rows sorted by neighbour."""
        return _kernel.rows_to_csr(self.start, self.length, self.nbr, self.w, self.org, self.born)


def _offline_start(root: np.random.SeedSequence, p: dict[str, Any], key: tuple) -> tuple:
    """Return strategies (LION mask), groups, and the offline ties' ends."""
    n = p["n"]
    rng = task_generator(root, Purpose.GAME, 0)
    n_lion = round(p["lion_fraction"] * n)
    is_lion = np.zeros(n, dtype=np.bool_)
    is_lion[rng.permutation(n)[:n_lion]] = True
    group = rng.integers(p["n_groups"], size=n)
    members = np.argsort(group, kind="stable").astype(np.int64)
    group_ptr = np.zeros(p["n_groups"] + 1, dtype=np.int64)
    np.cumsum(np.bincount(group, minlength=p["n_groups"]), out=group_ptr[1:])
    eu, ev = _kernel.offline_ties(key[0], key[1], int(Purpose.GAME), group_ptr, members, p["k0"])
    return is_lion, group.astype(np.int64), eu, ev


def _history_rows(
    r: int,
    is_lion: np.ndarray,
    active: np.ndarray,
    ties: np.ndarray,
    new: np.ndarray,
    maintained: np.ndarray,
) -> list:
    """Return the history rows of round ``r``.

    ``ties[side]`` is ``(pruned, live ties, their summed trust, dropped)``
    once per end of the strategy.
    """
    rows = []
    for side, members in enumerate((is_lion, ~is_lion)):
        n_agents = int(members.sum())
        if n_agents == 0:
            continue
        pruned, degree, trust, dropped = ties[side]
        rows.append(
            (
                r,
                STRATEGIES[side],
                n_agents,
                int(active[members].sum()),
                degree / n_agents,
                trust / degree if degree else math.nan,
                *(int(x) for x in new[side]),
                int(pruned),
                int(dropped),
                float(maintained[members].sum()) / n_agents,
            )
        )
    return rows


def _lion_lists(p: dict[str, Any], key: tuple, lion_ids: np.ndarray) -> tuple:
    """Return ``(list_ptr, items)`` for the kernel; empty for version 1's shared list."""
    if p["lion_list_size"] == "all":
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return _kernel.lion_lists(
        key[0], key[1], int(Purpose.GAME), p["n"], lion_ids, p["lion_list_size"]
    )


def _play(p: dict[str, Any], root: np.random.SeedSequence) -> tuple:
    """Play the game; return the final state, the history rows and the request counts."""
    n = p["n"]
    key = kernel_key(root)
    purpose = int(Purpose.GAME)
    is_lion, group, eu, ev = _offline_start(root, p, key)
    initial_trust = np.array([p[f"trust_{origin}"] for origin in ORIGINS])
    rows = _Rows(n)
    rows.append(eu, ev, np.zeros(eu.size, dtype=np.int8), 0, initial_trust)
    active = np.ones(n, dtype=np.bool_)
    lion_ids = np.flatnonzero(is_lion).astype(np.int64)
    list_ptr, list_items = _lion_lists(p, key, lion_ids)
    accept = np.array(
        [0.0, p["accept_intro"], p["accept_message"], p["accept_cold"], p["accept_known"]]
    )
    job_attention = np.array([p["job_attention"][strategy] for strategy in STRATEGIES])
    exchange_min = p["exchange"] == "min"
    cut_ties = p["dunbar_rule"] == "drop_weakest"
    dropped = np.zeros(0, dtype=np.int32)
    max_new = lion_ids.size * p["lion_requests"] + (n - lion_ids.size) * p["organic_requests"]
    new_u = np.empty(max_new, dtype=np.int64)
    new_v = np.empty(max_new, dtype=np.int64)
    new_org = np.empty(max_new, dtype=np.int8)

    ends = np.where(is_lion[np.concatenate((eu, ev))], 0, 1)
    offline = np.zeros((2, 4), dtype=np.int64)
    offline[:, 0] = np.bincount(ends, minlength=2)
    ties = np.zeros((2, 4))
    ties[:, 1] = offline[:, 0]
    ties[:, 2] = offline[:, 0] * p["trust_offline"]
    history = _history_rows(0, is_lion, active, ties, offline, np.zeros(n))
    requests = np.zeros((p["rounds"], 4, 2, 2), dtype=np.int64)
    _kernel.row_cumsum(rows.start, rows.length, rows.w, rows.cum)
    for r in range(1, p["rounds"] + 1):
        new = np.zeros((2, 4), dtype=np.int64)
        k = _kernel.send_requests(
            key[0],
            key[1],
            purpose,
            r,
            is_lion,
            active,
            lion_ids,
            list_ptr,
            list_items,
            rows.start,
            rows.length,
            rows.nbr,
            rows.w,
            rows.cum,
            p["lion_requests"],
            p["lion_list_bias"],
            p["organic_requests"],
            p["p_intro"],
            accept,
            p["known_trust"],
            new_u,
            new_v,
            new_org,
            requests[r - 1],
            new,
        )
        rows.append(new_u[:k], new_v[:k], new_org[:k], r, initial_trust)
        rule, maintained = _kernel.give_attention(
            is_lion,
            active,
            rows.start,
            rows.length,
            rows.w,
            rows.tid,
            p["dunbar"],
            job_attention,
        )
        ties = np.zeros((2, 4))
        ties[:, :3] = _kernel.update_trust(
            is_lion, *rows.arrays, rule, p["eta"], exchange_min, p["decay"], p["w_min"]
        )
        if cut_ties:
            if dropped.size < rows.n_ties:
                dropped = np.concatenate((dropped, np.zeros(rows.n_ties, dtype=np.int32)))
            cut = _kernel.drop_over_dunbar(is_lion, *rows.arrays, p["dunbar"], dropped, r)
            ties[:, 1:3] = cut[:, 1:]
            ties[:, 3] = cut[:, 0]
        if p["p_job"] > 0.0:
            _kernel.find_jobs(key[0], key[1], purpose, r, active, p["p_job"])
        history.extend(_history_rows(r, is_lion, active, ties, new, maintained))
    return is_lion, group, active, rows, history, requests


def _history_frame(rows: list) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["round", "strategy", *HISTORY_COLUMNS])
    return frame.set_index(["round", "strategy"])


def _requests_frame(requests: np.ndarray) -> pd.DataFrame:
    index = pd.MultiIndex.from_product(
        [range(1, requests.shape[0] + 1), REQUEST_KINDS, STRATEGIES],
        names=["round", "kind", "target"],
    )
    return pd.DataFrame(requests.reshape(-1, 2), index=index, columns=["sent", "accepted"])


def _rules(rules: GameRules | None, overrides: dict[str, Any], door: str) -> GameRules:
    """Return ``rules`` (default ``GameRules()``) with the door's keyword overrides."""
    if rules is None:
        rules = GameRules()
    elif not isinstance(rules, GameRules):
        raise TypeError(f"rules must be a GameRules; got {type(rules).__name__}.")
    unknown = sorted(set(overrides) - set(rules.to_dict()))
    if unknown:
        raise TypeError(f"{door}() got an unexpected keyword argument {unknown[0]!r}")
    return rules.replace(**overrides) if overrides else rules


def _resolve(params: dict[str, Any]) -> dict[str, Any]:
    """Check the parameters of one game (``n``, ``lion_fraction`` and fields); resolve defaults."""
    params = dict(params)
    n = params.pop("n")
    lion_fraction = params.pop("lion_fraction")
    return _rules(None, params, "networking_game").resolve(n, lion_fraction)


def _game_csr(p: dict[str, Any], seed: SeedLike) -> CSRGraph:
    root = seed_sequence(seed)
    is_lion, group, active, rows, history, requests = _play(p, root)
    indptr, indices, trust, origin_code, created = rows.to_csr()
    graph_attrs = {
        "name": "networking_game",
        "parameters": p,
        "history": _history_frame(history),
        "requests": _requests_frame(requests),
        **provenance(root),
    }
    return CSRGraph._trusted(
        indptr,
        indices,
        trust,
        _node_index(range(p["n"])),
        "trust",
        {
            "strategy": np.array(STRATEGIES, dtype=object)[np.where(is_lion, 0, 1)],
            "group": group,
            "active": active.copy(),
        },
        {"origin": np.array(ORIGINS, dtype=object)[origin_code], "created": created},
        graph_attrs,
    )


def networking_game_csr(
    n: int,
    lion_fraction: float,
    rules: GameRules | None = None,
    *,
    seed: SeedLike = None,
    **overrides: Any,
) -> CSRGraph:
    """Grow a network by the networking game and return it as a CSRGraph.

    The same network as :func:`networking_game`, without building networkx
    objects: use it for large ``n``. Trust is the weight
    (``csr.weight == "trust"``), so ``transmission="trust"`` reads it.

    Parameters
    ----------
    n : int
        Number of agents (>= 2).
    lion_fraction : float
        Share of LIONs in [0, 1]: exactly ``round(lion_fraction * n)`` agents,
        chosen at random (Python's ``round``: halves go to the even number).
    {parameters}

    Returns
    -------
    CSRGraph
        Nodes ``0 .. n - 1``. ``node_attrs`` holds ``strategy``, ``group`` and
        ``active``; :attr:`CSRGraph.edge_attrs` holds ``origin`` and
        ``created``; :attr:`CSRGraph.graph_attrs` what :func:`networking_game`
        puts in ``G.graph``.

    See Also
    --------
    networking_game : the same network as a networkx Graph, with details.

    Examples
    --------
    >>> import netsim
    >>> csr = netsim.networking_game_csr(2_000, 0.2, rounds=10, seed=1)
    >>> csr.weight, sorted(csr.edge_attrs)
    ('trust', ['created', 'origin'])
    >>> int((csr.node_attrs["strategy"] == "lion").sum())
    400
    """
    rules = _rules(rules, overrides, "networking_game_csr")
    return _game_csr(rules.resolve(n, lion_fraction), seed)


def networking_game(
    n: int,
    lion_fraction: float,
    rules: GameRules | None = None,
    *,
    seed: SeedLike = None,
    **overrides: Any,
) -> nx.Graph:
    """Grow a network of LIONs and organic networkers by the networking game.

    ``n`` agents start with offline ties inside random groups, then play
    ``rounds`` rounds: LIONs send many requests without a message, to anyone
    or to the LIONs of their list, and accept everything; organic agents send
    few personal requests, mostly through introductions, accept cold
    requests rarely (more often through a trusted shared contact), and give
    their attention to at most ``dunbar`` trusted ties. Trust grows with the
    attention both ends exchange and decays without it; ties that fall below
    ``w_min`` are dropped unless both ends are LIONs, and an organic agent
    keeps at most ``dunbar`` ties (MODEL.md section 2, version 2;
    :meth:`GameRules.version1` plays version 1).

    Parameters
    ----------
    n : int
        Number of agents (>= 2).
    lion_fraction : float
        Share of LIONs in [0, 1]: exactly ``round(lion_fraction * n)`` agents,
        chosen at random (Python's ``round``: halves go to the even number).
    {parameters}

    Returns
    -------
    networkx.Graph
        {returns}

    See Also
    --------
    GameRules : the parameters, as one object.
    lion_network, organic_network : the game with one strategy.
    networking_game_csr : the same network as a CSRGraph, for large ``n``.

    Notes
    -----
    {notes}

    Examples
    --------
    >>> import netsim
    >>> G = netsim.networking_game(500, 0.3, rounds=20, seed=7)
    >>> G.number_of_nodes(), G.nodes[0]["strategy"] in ("lion", "organic")
    (500, True)
    >>> history = G.graph["history"]
    >>> bool((history.loc[20, "mean_degree"] > history.loc[0, "mean_degree"]).all())
    True
    >>> G1 = netsim.networking_game(500, 0.3, netsim.GameRules.version1(), rounds=20, seed=7)
    >>> G1.graph["parameters"]["exchange"]
    'sum'
    """
    rules = _rules(rules, overrides, "networking_game")
    return _game_csr(rules.resolve(n, lion_fraction), seed).to_networkx()


def lion_network(
    n: int, rules: GameRules | None = None, *, seed: SeedLike = None, **overrides: Any
) -> nx.Graph:
    """Grow a network of LIONs only: :func:`networking_game` with ``lion_fraction=1``.

    Every agent sends requests without a message and accepts every request,
    and no tie is ever dropped. The organic agents' parameters are accepted
    so that the three doors take the same arguments, and have no effect.

    Parameters
    ----------
    n : int
        Number of agents (>= 2).
    {parameters}

    Returns
    -------
    networkx.Graph
        As :func:`networking_game` returns it.

    See Also
    --------
    networking_game, organic_network

    Examples
    --------
    >>> import netsim
    >>> G = netsim.lion_network(300, rounds=5, seed=1)
    >>> sorted(set(dict(G.nodes(data="strategy")).values()))
    ['lion']
    """
    rules = _rules(rules, overrides, "lion_network")
    return _game_csr(rules.resolve(n, 1.0), seed).to_networkx()


def organic_network(
    n: int, rules: GameRules | None = None, *, seed: SeedLike = None, **overrides: Any
) -> nx.Graph:
    """Grow a network of organic networkers only: :func:`networking_game` with ``lion_fraction=0``.

    No request goes without a message, so there are no ``cold`` ties. The
    LIONs' parameters are accepted so that the three doors take the same
    arguments, and have no effect.

    Parameters
    ----------
    n : int
        Number of agents (>= 2).
    {parameters}

    Returns
    -------
    networkx.Graph
        As :func:`networking_game` returns it.

    See Also
    --------
    networking_game, lion_network

    Examples
    --------
    >>> import netsim
    >>> import networkx as nx
    >>> G = netsim.organic_network(300, rounds=5, seed=1)
    >>> sorted(set(nx.get_edge_attributes(G, "origin").values()))
    ['intro', 'message', 'offline']
    """
    rules = _rules(rules, overrides, "organic_network")
    return _game_csr(rules.resolve(n, 0.0), seed).to_networkx()


def _door_signature(door: Any) -> inspect.Signature:
    """Return the door's signature with the fields of GameRules in place of ``**overrides``."""
    signature = inspect.signature(door)
    head = [p for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
    seed = head.pop()
    return signature.replace(parameters=[*head, *RULE_PARAMETERS, seed])


for _door in (networking_game_csr, networking_game, lion_network, organic_network):
    _door.__doc__ = _door.__doc__.format(
        parameters="\n".join((_RULES_DOC, PARAMETERS_DOC, _SEED_DOC)).lstrip(),
        returns=textwrap.indent(_RETURNS_DOC, "    ").lstrip(),
        notes=_NOTES_DOC.lstrip(),
    )
    _door.__signature__ = _door_signature(_door)
