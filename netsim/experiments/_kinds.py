"""The network kinds an experiment can run on: one record each, read by every layer.

A config's ``[network] kind`` names a :class:`NetworkKind`. Its record says
everything the config, the tasks, the memory check and the report need:
how to build the network from the kind's parameters and a seed, the
parameters with their defaults (read from the builder's signature), the
checks beyond each parameter's own, the memory that building it takes, and
how a report names it. Adding a kind is its builder and one record here
(:func:`register_kind` for a kind of one's own).

Examples
--------
>>> from netsim.experiments._kinds import KINDS
>>> KINDS["holme_kim"].parameters
{'n': None, 'm': None, 'p_triad': None, 'lion_fraction': 0.0, 'trust': 0.5}
>>> KINDS["organic"].noun, KINDS["dataset"].same_graph
('organic network', True)
"""

import contextlib
import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import datasets
from .._validation import check_choice, check_int, check_real
from ..graphs import _baselines, _game
from ..graphs._csr import CSRGraph
from ..graphs._degrees import DISTRIBUTIONS, configuration_csr
from ..graphs._rewire import SWAPS_PER_EDGE, rewire
from ._network_memory import (
    NetworkBytes,
    attachment_bytes,
    configuration_bytes,
    dataset_bytes,
    edgelist_bytes,
    game_bytes,
)

__all__ = [
    "KINDS",
    "NetworkKind",
    "register_kind",
    "registered",
    "same_graph_kinds",
    "signature_defaults",
]


def signature_defaults(function: Callable[..., Any]) -> dict[str, Any]:
    """Return ``function``'s parameters but ``seed`` with their defaults (None: required).

    Examples
    --------
    >>> def build(n, *, m=2, seed=None): ...
    >>> signature_defaults(build)
    {'n': None, 'm': 2}
    """
    parameters = inspect.signature(function).parameters.values()
    return {
        p.name: (None if p.default is inspect.Parameter.empty else p.default)
        for p in parameters
        if p.name != "seed"
    }


def _always_weighted(condition: Mapping[str, Any]) -> bool:
    return True


def _no_check(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    return None


@dataclass(frozen=True)
class NetworkKind:
    """One network kind: how it is built, checked, sized in memory and named.

    Attributes
    ----------
    name : str
        The ``kind`` of a config's ``[network]`` table.
    build : callable
        ``build(params, seed) -> CSRGraph``: the network from every parameter
        (the condition's, defaults filled in) and a ``SeedSequence``.
    parameters : dict
        Every parameter with its default (None: required or computed).
    description : str
        What the kind is, for a report's setup section.
    network_bytes : callable
        ``network_bytes(kind, full) -> (n, m, peak)``: upper bounds on nodes,
        edges and the bytes of building it, from the full parameters.
    noun : str or None
        How a sentence names a network of this kind ("organic network"); None
        keeps its label (a data set's or a file's name).
    check : callable
        ``check(parser, where, full)``: checks across parameters, with the
        config parser's ``check`` and ``error`` (each parameter's own value is
        checked by the config).
    optional : tuple of str
        Parameters that may stay None (the builder computes them).
    paths : tuple of str
        Parameters that are file paths, relative to the config's folder.
    generator : callable or None
        The public generator that returns a networkx Graph with the same
        keywords (``netsim generate --kind``), if any.
    same_graph : bool
        Whether every replicate reads the same graph (a data set, a file).
    has_strategies : bool
        Whether the agents carry a strategy (LION or organic).
    weighted : callable
        ``weighted(condition) -> bool``: whether its ties carry trust.
    label : callable or None
        ``label(condition) -> str``: the head of a condition's label; None
        uses the kind's name.
    """

    name: str
    build: Callable[[dict[str, Any], np.random.SeedSequence], CSRGraph]
    parameters: dict[str, Any]
    description: str
    network_bytes: NetworkBytes
    noun: str | None = None
    check: Callable[[Any, str, Mapping[str, Any]], None] = _no_check
    optional: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    generator: Callable[..., Any] | None = None
    same_graph: bool = False
    has_strategies: bool = False
    weighted: Callable[[Mapping[str, Any]], bool] = _always_weighted
    label: Callable[[Mapping[str, Any]], str] | None = None

    def label_head(self, condition: Mapping[str, Any]) -> str:
        """Return the head of a condition's label: the kind, or what :attr:`label` says."""
        return self.name if self.label is None else self.label(condition)


# --- the networking game ---------------------------------------------------------------------


def _game_builder(share: float | None) -> Callable[[dict[str, Any], Any], CSRGraph]:
    def build(params: dict[str, Any], seed: Any) -> CSRGraph:
        params = dict(params)
        fraction = share if share is not None else params.pop("lion_fraction", None)
        n = params.pop("n")
        return _game.networking_game_csr(n, fraction, **params, seed=seed)

    return build


def _check_game(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    game = {**KINDS["game"].parameters, **full, "lion_fraction": full.get("lion_fraction", 0.0)}
    parser.check(where, _game._resolve, game)


def _game_kind(
    name: str, generator: Callable[..., Any], share: float | None, words: str, noun: str
) -> NetworkKind:
    # The rules come field by field from a config, not as one GameRules object.
    parameters = {k: v for k, v in signature_defaults(generator).items() if k != "rules"}
    return NetworkKind(
        name,
        _game_builder(share),
        parameters,
        words,
        game_bytes,
        noun=noun,
        check=_check_game,
        optional=("n_groups", "lion_list_size", "job_attention"),
        generator=generator,
        has_strategies=True,
    )


# --- generators that return a networkx Graph ---------------------------------------------------


def _from_generator(generator: Callable[..., Any]) -> Callable[[dict[str, Any], Any], CSRGraph]:
    def build(params: dict[str, Any], seed: Any) -> CSRGraph:
        return CSRGraph.from_networkx(generator(**params, seed=seed), weight="trust")

    return build


def _check_attachment(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    parser.check(where, _baselines._check_n_m, full["n"], full.get("m", full.get("m_random")))


def _baseline_kind(
    name: str, generator: Callable[..., Any], edges: tuple[str, ...], words: str, noun: str
) -> NetworkKind:
    return NetworkKind(
        name,
        _from_generator(generator),
        signature_defaults(generator),
        words,
        attachment_bytes(*edges),
        noun=noun,
        check=_check_attachment,
        generator=generator,
    )


# --- configuration networks, data sets and files --------------------------------------------


def _build_configuration(params: dict[str, Any], seed: Any) -> CSRGraph:
    return configuration_csr(**params, seed=seed)


def _check_configuration(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    distribution = parser.check(
        f"{where} distribution", check_choice, "distribution", full["distribution"], DISTRIBUTIONS
    )
    n = full["n"]
    mean = parser.check(
        f"{where} mean_degree", check_real, "mean_degree", full["mean_degree"], low=0.0
    )
    if mean >= n:
        raise parser.error(f"{where} mean_degree", f"mean_degree must be < n = {n}; got {mean!r}")
    if distribution == "regular" and float(mean) != int(mean):
        message = f"mean_degree must be an int for a regular graph; got {mean!r}"
        raise parser.error(f"{where} mean_degree", message)
    parser.check(f"{where} k_min", check_int, "k_min", full["k_min"], minimum=0)
    exponent = parser.check(f"{where} exponent", check_real, "exponent", full["exponent"], low=1.0)
    if exponent <= 2.0 and distribution == "powerlaw":
        message = f"exponent must be > 2 for a finite mean degree; got {exponent!r}"
        raise parser.error(f"{where} exponent", message)


def _build_dataset(params: dict[str, Any], seed: Any) -> CSRGraph:
    return datasets.load_csr(params["name"])


def _check_dataset(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    parser.check(f"{where} name", check_choice, "name", full["name"], datasets.names())


def _build_edgelist(params: dict[str, Any], seed: Any) -> CSRGraph:
    return CSRGraph.read_edgelist(
        params["path"], header_lines=params["header_lines"], weight=params["weight"]
    )


def _check_edgelist(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    path = Path(parser.base) / str(full["path"])
    if not path.is_file():
        raise parser.error(
            f"{where} path", f"path must be an existing file; got {str(full['path'])!r}"
        )


# --- a data set or a file, rewired (the degree-preserving null model) -------------------------

#: Rewiring's own arrays, per edge: the two ends (16 bytes), the edge hash set (at least 32)
#: and, for connected rewiring, each edge's two row places and the rows (32).
_REWIRE_BYTES_PER_EDGE = 80


def _build_rewired(params: dict[str, Any], seed: Any) -> CSRGraph:
    if params.get("name") is not None:
        csr = datasets.load_csr(params["name"])
    else:
        csr = CSRGraph.read_edgelist(params["path"])
    n_swaps = int(params["swaps_per_edge"]) * csr.n_edges
    return rewire(csr, n_swaps, connected=bool(params["connected"]), seed=seed)


def _check_rewired(parser: Any, where: str, full: Mapping[str, Any]) -> None:
    given = [key for key in ("name", "path") if full.get(key) is not None]
    if len(given) != 1:
        shown = " and ".join(repr(key) for key in given) or "neither"
        message = f"kind 'rewired' needs one of 'name' (a data set) or 'path'; got {shown}"
        raise parser.error(f"{where} name", message)
    if given == ["name"]:
        _check_dataset(parser, where, full)
    else:
        _check_edgelist(parser, where, full)


def _rewired_bytes(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    read = dataset_bytes if params.get("name") is not None else edgelist_bytes
    n, m, peak = read(kind, params)
    return n, m, peak + _REWIRE_BYTES_PER_EDGE * m


def _rewired_label(condition: Mapping[str, Any]) -> str:
    if condition.get("name") is not None:
        return f"{condition['name']} rewired"
    return f"{Path(str(condition['path'])).name} rewired"


# --- the table -------------------------------------------------------------------------------

#: Every network kind, by name, in the order the documentation presents them.
KINDS: dict[str, NetworkKind] = {}


def register_kind(kind: NetworkKind) -> NetworkKind:
    """Add ``kind`` to :data:`KINDS` (replacing one of the same name) and return it."""
    KINDS[kind.name] = kind
    return kind


@contextlib.contextmanager
def registered(kind: NetworkKind) -> Iterator[NetworkKind]:
    """Register ``kind`` for the duration of a ``with`` block (a test's own kind)."""
    previous = KINDS.get(kind.name)
    register_kind(kind)
    try:
        yield kind
    finally:
        if previous is None:
            del KINDS[kind.name]
        else:
            KINDS[kind.name] = previous


def same_graph_kinds() -> tuple[str, ...]:
    """Return the kinds whose replicates all read the same graph."""
    return tuple(name for name, kind in KINDS.items() if kind.same_graph)


for _kind in (
    _game_kind(
        "game", _game.networking_game, None, "networking game (MODEL.md section 2)",
        "networking game",
    ),
    _game_kind("lion", _game.lion_network, 1.0, "networking game, LIONs only", "LION network"),
    _game_kind(
        "organic", _game.organic_network, 0.0, "networking game, organic networkers only",
        "organic network",
    ),
    _baseline_kind(
        "barabasi_albert", _baselines.barabasi_albert_network, ("m",),
        "Barabasi-Albert preferential attachment", "Barabási-Albert network",
    ),
    _baseline_kind(
        "holme_kim", _baselines.holme_kim_network, ("m",),
        "Holme-Kim attachment with triadic closure", "Holme-Kim network",
    ),
    _baseline_kind(
        "jackson_rogers", _baselines.jackson_rogers_network, ("m_random", "m_network"),
        "Jackson-Rogers: strangers and friends of friends", "Jackson-Rogers network",
    ),
    _baseline_kind(
        "dunbar_capped", _baselines.dunbar_capped_network, ("m",),
        "preferential attachment capped at dunbar ties", "Dunbar-capped network",
    ),
    NetworkKind(
        "configuration",
        _build_configuration,
        signature_defaults(configuration_csr),
        "configuration model",
        configuration_bytes,
        noun="configuration model",
        check=_check_configuration,
    ),
    NetworkKind(
        "dataset",
        _build_dataset,
        {"name": None},
        "shipped dataset",
        dataset_bytes,
        check=_check_dataset,
        same_graph=True,
        weighted=lambda condition: bool(datasets.info(condition["name"])["weighted"]),
        label=lambda condition: str(condition["name"]),
    ),
    NetworkKind(
        "edgelist",
        _build_edgelist,
        {"path": None, "header_lines": 0, "weight": None},
        "edge list",
        edgelist_bytes,
        check=_check_edgelist,
        optional=("weight",),
        paths=("path",),
        same_graph=True,
        weighted=lambda condition: condition.get("weight") is not None,
        label=lambda condition: Path(str(condition["path"])).name,
    ),
    NetworkKind(
        "rewired",
        _build_rewired,
        {"name": None, "path": None, "swaps_per_edge": SWAPS_PER_EDGE, "connected": False},
        "shipped dataset or edge list, rewired by degree-preserving double-edge swaps",
        _rewired_bytes,
        check=_check_rewired,
        optional=("name", "path"),
        paths=("path",),
        weighted=lambda condition: False,
        label=_rewired_label,
    ),
):  # fmt: skip
    register_kind(_kind)
del _kind
