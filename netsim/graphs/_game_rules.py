"""The networking game's rules: every parameter of MODEL.md section 2, in one place.

:class:`GameRules` holds the parameters, their defaults and their checks.
Each door of the game (:func:`netsim.networking_game` and the others) takes a
``rules`` object and keyword overrides of its fields, and shows the fields in
its signature, so a new parameter is added here once.
"""

import dataclasses
import inspect
from collections.abc import Mapping
from typing import Any

from .._validation import (
    Described,
    check_choice,
    check_int,
    check_open_unit,
    check_probability,
    check_real,
    invalid,
)

__all__ = ["GameRules"]

STRATEGIES = ("lion", "organic")
ORIGINS = ("offline", "intro", "message", "cold")
EXCHANGES = ("min", "sum")
DUNBAR_RULES = ("drop_weakest", "attention")
#: The LION list's size when ``lion_list_size`` is left at None.
LION_LIST_SIZE = 100
_DEFAULT_JOB_ATTENTION = {"lion": 0.0, "organic": 0.5}

PARAMETERS_DOC = """\
    rounds : int, default=50
        Number of rounds played after the offline start (>= 0); think of a
        round as a month.
    n_groups : int, optional
        Number of offline groups (workplaces, schools), in ``[1, n]``;
        default ``max(1, n // 50)``. Each agent joins one uniformly at random,
        so group sizes are random.
    k0 : float, default=4.0
        Mean number of offline ties per agent: inside a group of ``s``
        members each pair is tied with probability ``min(1, k0 / (s - 1))``.
    lion_requests : int, default=10
        Requests each active LION sends per round, without a message.
    lion_list_bias : float, default=0.5
        Probability that a LION's request goes to a LION of its list rather
        than to anyone.
    lion_list_size : int or "all", optional
        How many other LIONs each LION's list holds, drawn once at random:
        a LION list is a directory far larger than anyone's contact list,
        and each LION works through its own part of it. Default
        ``min(100, other LIONs)``; an int must be in ``[1, other LIONs]``.
        ``"all"``: every LION's list is every LION (version 1), so the LIONs
        end up pairwise tied at a few hundred LIONs.
    organic_requests : int, default=1
        Requests each active organic agent sends per round, each with a
        personal message.
    p_intro : float, default=0.8
        Probability that an organic request goes through an introduction;
        otherwise (or when no introduction is possible) it goes to a stranger.
    accept_intro, accept_message, accept_cold, accept_known : float
        Probability that an organic agent accepts an introduced request
        (default 0.8), a personal message from a stranger (0.3), a request
        without a message (0.05), and one without a message from someone
        with whom it shares a trusted contact (0.5). LIONs accept every
        request.
    known_trust : float, default=0.3
        A request without a message counts as "known" when target and
        requester share a contact ``c`` with trust(target, c) and
        trust(c, requester) both at least ``known_trust``, in [0, 1]. ``0``:
        any shared contact (version 1).
    trust_offline, trust_intro, trust_message, trust_cold : float
        Trust, in (0, 1], a new tie starts with, by origin: 0.5, 0.3, 0.15
        and 0.05.
    dunbar : int, default=150
        Dunbar's limit: most ties an organic agent gives attention to, and
        (with ``dunbar_rule="drop_weakest"``) most ties it keeps (>= 1).
    dunbar_rule : {"drop_weakest", "attention"}, default="drop_weakest"
        ``"drop_weakest"``: an organic agent with more than ``dunbar`` ties
        after pruning drops its least trusted ones. ``"attention"``: the
        limit caps attention only (version 1).
    eta : float, default=0.5
        Rate at which exchanged attention raises trust (>= 0).
    exchange : {"min", "sum"}, default="min"
        How the attention of the two ends builds trust: ``"min"``, by
        ``2 * min(a_ij, a_ji)``, exchange takes two; ``"sum"``, by
        ``a_ij + a_ji`` (version 1).
    decay : float, default=0.1
        Share of trust lost each round, in [0, 1).
    w_min : float, default=0.05
        A tie whose trust falls below ``w_min`` is dropped unless both ends
        are LIONs; in [0, 1].
    p_job : float, default=0.0
        Probability per round that an active agent finds a job and stops
        networking (no more requests, less attention).
    job_attention : float or mapping, optional
        Attention per round left to an agent that found a job: one value for
        both strategies, or a mapping with keys ``"lion"`` and/or
        ``"organic"``. Default ``{"lion": 0.0, "organic": 0.5}``: mass
        networkers are observed to drop their network once the job is found."""

#: Version 1's values of the parameters that version 2 changed (MODEL.md section 2).
_VERSION_1 = {
    "lion_list_size": "all",
    "known_trust": 0.0,
    "dunbar_rule": "attention",
    "exchange": "sum",
    "eta": 1.0,
    "decay": 0.02,
    "w_min": 0.01,
}


def _job_attention(value: Any) -> dict[str, float]:
    if value is None:
        return dict(_DEFAULT_JOB_ATTENTION)
    if not isinstance(value, Mapping):
        share = check_real("job_attention", value, low=0.0, high=1.0)
        return dict.fromkeys(STRATEGIES, share)
    unknown = sorted(set(value) - set(STRATEGIES), key=str)
    if unknown:
        raise invalid(
            "job_attention",
            "a float or a mapping with keys 'lion' and/or 'organic'",
            Described(f"a mapping with key {unknown[0]!r}"),
        )
    resolved = {**_DEFAULT_JOB_ATTENTION, **value}
    return {
        strategy: check_real(f"job_attention[{strategy!r}]", share, low=0.0, high=1.0)
        for strategy, share in resolved.items()
    }


def _lion_list_size(value: Any) -> int | str | None:
    if value is None or value == "all":
        return value
    if isinstance(value, str):
        raise invalid("lion_list_size", "an int >= 1, 'all' or None", value)
    return check_int("lion_list_size", value, minimum=1)


@dataclasses.dataclass(frozen=True, kw_only=True)
class GameRules:
    """The rules of the networking game (MODEL.md section 2, version 2), checked.

    Every field is a keyword of :func:`netsim.networking_game` and its other
    doors, with the same default; a door takes a ``GameRules`` as ``rules``
    and keyword overrides of its fields. Values are checked when the rules
    are made; the checks that need the population (``n_groups <= n``, a
    ``lion_list_size`` that the LIONs can meet) when the game is played.

    Parameters
    ----------
    {parameters}

    See Also
    --------
    netsim.networking_game : the game these rules play.

    Examples
    --------
    >>> import netsim
    >>> rules = netsim.GameRules(dunbar=50)
    >>> rules.dunbar, rules.replace(eta=2.0).eta, rules.to_dict()["exchange"]
    (50, 2.0, 'min')
    >>> netsim.GameRules.version1().exchange
    'sum'
    >>> G = netsim.networking_game(300, 0.2, rules=rules, rounds=5, seed=1)
    >>> G.graph["parameters"]["dunbar"]
    50
    """

    rounds: int = 50
    n_groups: int | None = None
    k0: float = 4.0
    lion_requests: int = 10
    lion_list_bias: float = 0.5
    lion_list_size: int | str | None = None
    organic_requests: int = 1
    p_intro: float = 0.8
    accept_intro: float = 0.8
    accept_message: float = 0.3
    accept_cold: float = 0.05
    accept_known: float = 0.5
    known_trust: float = 0.3
    trust_offline: float = 0.5
    trust_intro: float = 0.3
    trust_message: float = 0.15
    trust_cold: float = 0.05
    dunbar: int = 150
    dunbar_rule: str = "drop_weakest"
    eta: float = 0.5
    exchange: str = "min"
    decay: float = 0.1
    w_min: float = 0.05
    p_job: float = 0.0
    job_attention: float | Mapping[str, float] | None = None

    def __post_init__(self) -> None:
        checked = {
            "rounds": check_int("rounds", self.rounds, minimum=0),
            "n_groups": None
            if self.n_groups is None
            else check_int("n_groups", self.n_groups, minimum=1),
            "k0": check_real("k0", self.k0, low=0.0),
            "lion_list_size": _lion_list_size(self.lion_list_size),
            "dunbar": check_int("dunbar", self.dunbar, minimum=1),
            "dunbar_rule": check_choice("dunbar_rule", self.dunbar_rule, DUNBAR_RULES),
            "eta": check_real("eta", self.eta, low=0.0),
            "exchange": check_choice("exchange", self.exchange, EXCHANGES),
            "decay": check_real("decay", self.decay, low=0.0, high=1.0),
        }
        for name in ("lion_requests", "organic_requests"):
            checked[name] = check_int(name, getattr(self, name), minimum=0)
        for name in ("lion_list_bias", "p_intro", "known_trust", "p_job", "w_min"):
            checked[name] = check_probability(name, getattr(self, name))
        for kind in ("intro", "message", "cold", "known"):
            name = f"accept_{kind}"
            checked[name] = check_probability(name, getattr(self, name))
        for origin in ORIGINS:
            name = f"trust_{origin}"
            checked[name] = check_open_unit(name, getattr(self, name))
        if checked["decay"] == 1.0:
            raise invalid("decay", "a float in [0, 1)", 1.0, "With decay 1 all trust is lost.")
        _job_attention(self.job_attention)
        for name, value in checked.items():
            object.__setattr__(self, name, value)

    @classmethod
    def version1(cls, **overrides: Any) -> "GameRules":
        """Return the rules of the first release (MODEL.md section 2, version 1).

        The same seed gives the same network as version 1 did: every LION
        lists every LION, any shared contact makes a cold request known,
        trust grows with the sum of the two ends' attention, the Dunbar
        limit caps attention only, and ``eta=1``, ``decay=0.02``,
        ``w_min=0.01``.

        Examples
        --------
        >>> import netsim
        >>> netsim.GameRules.version1(rounds=10).to_dict()["decay"]
        0.02
        """
        return cls(**{**_VERSION_1, **overrides})

    def replace(self, **overrides: Any) -> "GameRules":
        """Return a copy with the given fields changed (and checked).

        Examples
        --------
        >>> import netsim
        >>> netsim.GameRules().replace(dunbar=20).dunbar
        20
        """
        unknown = sorted(set(overrides) - {field.name for field in dataclasses.fields(self)})
        if unknown:
            raise TypeError(f"GameRules got an unexpected keyword argument {unknown[0]!r}")
        return dataclasses.replace(self, **overrides)

    def to_dict(self) -> dict[str, Any]:
        """Return every field by name, as the doors take them.

        Examples
        --------
        >>> import netsim
        >>> list(netsim.GameRules().to_dict())[:3]
        ['rounds', 'n_groups', 'k0']
        """
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}

    def resolve(self, n: int, lion_fraction: float) -> dict[str, Any]:
        """Return the fields with the defaults that depend on the population resolved.

        ``n_groups``, ``lion_list_size`` (an int, or ``"all"``) and
        ``job_attention`` (a dict by strategy) take their values for ``n``
        agents of whom ``round(lion_fraction * n)`` are LIONs; ``n`` and
        ``lion_fraction`` are added.

        Examples
        --------
        >>> import netsim
        >>> resolved = netsim.GameRules().resolve(1_000, 0.05)
        >>> resolved["n_groups"], resolved["lion_list_size"]
        (20, 49)
        """
        n = check_int("n", n, minimum=2)
        lion_fraction = check_probability("lion_fraction", lion_fraction)
        p = {"n": n, "lion_fraction": lion_fraction, **self.to_dict()}
        if p["n_groups"] is None:
            p["n_groups"] = max(1, n // 50)
        if p["n_groups"] > n:
            raise invalid("n_groups", f"an int in [1, n] = [1, {n}]", p["n_groups"])
        n_lion = round(lion_fraction * n)
        others = max(n_lion - 1, 0)
        if p["lion_list_size"] is None:
            p["lion_list_size"] = min(LION_LIST_SIZE, others)
        elif p["lion_list_size"] != "all" and n_lion > 0 and p["lion_list_size"] > others:
            raise invalid(
                "lion_list_size",
                f"an int in [1, {others}] (the other LIONs), 'all' or None",
                p["lion_list_size"],
                f"{n} agents at lion_fraction {lion_fraction} have {n_lion} LIONs.",
            )
        p["job_attention"] = _job_attention(p["job_attention"])
        return p


GameRules.__doc__ = GameRules.__doc__.format(parameters=PARAMETERS_DOC.lstrip())

#: The fields of GameRules as keyword-only parameters, for the doors' signatures.
RULE_PARAMETERS = tuple(
    inspect.Parameter(
        field.name, inspect.Parameter.KEYWORD_ONLY, default=field.default, annotation=field.type
    )
    for field in dataclasses.fields(GameRules)
)
