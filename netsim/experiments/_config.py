"""Experiment configs: typed, frozen, read from TOML and checked before any work.

A config names the networks, the spreading model, the measures, the figures
and the root ``seed``; in its ``[network]`` and ``[spread]`` tables a list
is a sweep (every combination is run). Each field is checked with the
validators of the API it feeds, and an error names the file, the key and
what would be valid: ``quickstart.toml: [spread] beta: beta must be a float
in [0, 1]; got 2.0.``
"""

import difflib
import itertools
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx

from .._validation import check_choice, check_int, check_open_unit, check_probability, check_real
from ..exceptions import InvalidParameterError
from ..measures._registry import centrality_names, check_params
from ..measures._registry import resolve as resolve_measure
from ..spread._efficiency import METHODS
from ..spread._models import MODEL_KEYWORDS, SPREADING_MODELS, efficiency_models, resolve
from ..spread._persistence import PERSISTENCE_MODELS
from ..spread._regime import check_target, check_threshold
from ..spread._sources import STRATEGIES
from ._kinds import KINDS

__all__ = [
    "FIGURES",
    "ConfigError",
    "ExperimentConfig",
    "MeasuresSpec",
    "NetworkSpec",
    "ReportSpec",
    "SourcesSpec",
    "SpreadSpec",
]


class ConfigError(InvalidParameterError):
    """A config that cannot be run: the message names the file and the key."""


#: The figures a config's ``[report] figures`` may name, with what each shows in one line.
#: The report (:mod:`netsim.report`) registers its analyses here when netsim is imported, so
#: a config is checked against them without the experiments importing the report.
FIGURES: dict[str, str] = {}

#: Parameters of a spread table besides the model's own.
_SPREAD_EXTRAS = {"n_runs": 1000, "method": "auto"}

_TOP_KEYS = (
    "name",
    "title",
    "description",
    "seed",
    "replicates",
    "crn",
    "network",
    "spread",
    "measures",
    "sources",
    "report",
    "quick",
)


def _hint(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else f"; expected one of {', '.join(known)}."


def _is_sweep(value: Any) -> bool:
    return isinstance(value, list | tuple)


@dataclass(frozen=True)
class NetworkSpec:
    """One ``[network]`` table: a kind and its parameters; a tuple value is a sweep.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    params : dict
        Parameter name to value, or to a tuple of values to sweep.
    """

    kind: str
    params: dict[str, Any] = field(default_factory=dict)

    def conditions(self) -> list[dict[str, Any]]:
        """Return every combination of the swept values, in declared order, with ``kind``."""
        return _product({"kind": self.kind, **self.params})


@dataclass(frozen=True)
class SpreadSpec:
    """One ``[spread]`` table: a model, its parameters and the runs per node.

    Attributes
    ----------
    model : str
        A netsim spreading model with all-node efficiency (sir,
        independent_cascade, continuous_sir, threshold), or "sis", whose
        per-node measure is the persistence (:func:`netsim.persistence`).
    params : dict
        The model's keywords and ``n_runs``, ``method``; a tuple is a sweep.
    """

    model: str = "sir"
    params: dict[str, Any] = field(default_factory=dict)

    def conditions(self) -> list[dict[str, Any]]:
        """Return every combination of the swept values, in declared order, with ``model``."""
        return _product({"model": self.model, **self.params})


@dataclass(frozen=True)
class MeasuresSpec:
    """The ``[measures]`` table: centralities computed for every node, with parameters.

    Attributes
    ----------
    names : tuple of str
        :func:`netsim.centrality` names, besides degree and k-shell, which
        every node table holds.
    params : dict
        Measure name to its keyword parameters.
    """

    names: tuple[str, ...] = ()
    params: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class SourcesSpec:
    """The ``[sources]`` table: ``k`` spreaders chosen by each strategy (compare_sources).

    Attributes
    ----------
    k : int
        Sources per strategy.
    strategies : tuple of str
        :func:`netsim.choose_sources` strategies.
    n_runs : int
        Outbreaks simulated from each set.
    min_distance : int or None
        For ``k_shell_apart``.
    """

    k: int = 5
    strategies: tuple[str, ...] = ("degree", "k_shell", "k_shell_apart")
    n_runs: int = 1000
    min_distance: int | None = None


@dataclass(frozen=True)
class ReportSpec:
    """The ``[report]`` table: the figures of ``summary.md``, in order.

    Attributes
    ----------
    figures : tuple of str
        Figure names, among :data:`FIGURES` (the analyses of ``netsim.report.ANALYSES``).
    """

    figures: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ExperimentConfig:
    """An experiment: networks, spreading, measures, figures and the root seed.

    Build it with :meth:`from_toml` or :meth:`from_dict`; both check every
    field before anything runs. ``to_dict`` gives back what ``from_dict``
    takes.

    Parameters
    ----------
    name : str
        Short name; the results folder is named after it.
    seed : int
        Root seed: with the same seed an experiment gives the same tables,
        on any number of workers, interrupted or not.
    networks : tuple of NetworkSpec
        The ``[network]`` tables.
    spreads : tuple of SpreadSpec
        The ``[spread]`` tables.
    title, description : str
        What a reader of ``summary.md`` sees first.
    replicates : int
        Independent networks per network condition (a dataset is the same
        graph every time).
    crn : bool
        Common random numbers: conditions that share a network spec run on
        the same graphs (graph streams keyed by the network spec and the
        replicate). False keys them by the whole condition.
    measures, sources, report
        The ``[measures]``, ``[sources]`` and ``[report]`` tables.
    quick : dict
        Overrides applied by :meth:`quick_version` (``netsim run --quick``).
    base : str
        Folder that relative paths are read from (the config file's).

    Examples
    --------
    >>> from netsim.experiments import ExperimentConfig
    >>> config = ExperimentConfig.from_dict({
    ...     "name": "demo", "seed": 1,
    ...     "network": {"kind": "dataset", "name": "jazz"},
    ...     "spread": {"beta_factor": [1.0, 2.0], "n_runs": 100},
    ... })
    >>> [c["beta_factor"] for c in config.spreads[0].conditions()]
    [1.0, 2.0]
    >>> ExperimentConfig.from_dict(config.to_dict()) == config
    True
    """

    name: str
    seed: int
    networks: tuple[NetworkSpec, ...]
    spreads: tuple[SpreadSpec, ...]
    title: str = ""
    description: str = ""
    replicates: int = 1
    crn: bool = True
    measures: MeasuresSpec = field(default_factory=MeasuresSpec)
    sources: SourcesSpec | None = None
    report: ReportSpec = field(default_factory=ReportSpec)
    quick: dict[str, Any] = field(default_factory=dict)
    base: str = "."

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str]) -> "ExperimentConfig":
        """Read and check a TOML config; relative paths in it are read from its folder."""
        path = Path(path)
        label = path.name
        if not path.is_file():
            message = f"config must be an existing TOML file; got {str(path)!r}."
            raise ConfigError(message)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as error:
            message = f"{label}: not valid TOML: {error}."
            raise ConfigError(message) from None
        data.setdefault("name", path.stem)
        return cls.from_dict(data, source=label, base=str(path.resolve().parent))

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, source: str = "config", base: str = "."
    ) -> "ExperimentConfig":
        """Build and check a config from a dict of TOML's shape (see the module docstring)."""
        config = _Parser(source, base).config(data)
        if config.quick:
            _Parser(source, base).config(_merge(config.to_dict(), config.quick), quick=True)
        return config

    def to_dict(self) -> dict[str, Any]:
        """Return the config as TOML-shaped data, the inverse of :meth:`from_dict`."""
        data: dict[str, Any] = {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "seed": self.seed,
            "replicates": self.replicates,
            "crn": self.crn,
            "network": [
                {"kind": n.kind, **{k: _plain(v) for k, v in n.params.items()}}
                for n in self.networks
            ],
            "spread": [
                {"model": s.model, **{k: _plain(v) for k, v in s.params.items()}}
                for s in self.spreads
            ],
            "measures": {"names": list(self.measures.names), **self.measures.params},
            "report": {"figures": list(self.report.figures)},
        }
        if self.sources is not None:
            sources = {
                "k": self.sources.k,
                "strategies": list(self.sources.strategies),
                "n_runs": self.sources.n_runs,
            }
            if self.sources.min_distance is not None:
                sources["min_distance"] = self.sources.min_distance
            data["sources"] = sources
        if self.quick:
            data["quick"] = self.quick
        return data

    def quick_version(self) -> "ExperimentConfig":
        """Return the config with its ``[quick]`` overrides applied (``--quick``)."""
        if not self.quick:
            return self
        merged = _merge(self.to_dict(), self.quick)
        merged.pop("quick")
        config = _Parser(self.name, self.base).config(merged)
        return replace(config, base=self.base)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _product(params: dict[str, Any]) -> list[dict[str, Any]]:
    names = list(params)
    axes = [params[n] if _is_sweep(params[n]) else (params[n],) for n in names]
    return [dict(zip(names, values, strict=True)) for values in itertools.product(*axes)]


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge ``override`` into ``base`` key by key.

    A table merges into a table, or into each table of a list of tables
    (there setting only the keys that table gives, so that a ``[quick]``
    ``network = { name = [...] }`` leaves an edge-list table alone); a list
    of tables merges into a list of as many tables, one by one.
    """
    merged = dict(base)
    for key, value in override.items():
        current = merged.get(key)
        if _tables(value) and _tables(current) and len(value) == len(current):
            merged[key] = [_merge(dict(t), v) for t, v in zip(current, value, strict=True)]
        elif isinstance(value, Mapping) and isinstance(current, Mapping):
            merged[key] = _merge(dict(current), value)
        elif isinstance(value, Mapping) and isinstance(current, list):
            merged[key] = [
                _merge(dict(table), {k: v for k, v in value.items() if k in table})
                for table in current
            ]
        else:
            merged[key] = value
    return merged


def _tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


class _Parser:
    """Check TOML-shaped data field by field, naming the file and key of any error."""

    def __init__(self, source: str, base: str) -> None:
        self.source = source
        self.base = base

    def error(self, where: str, message: str) -> ConfigError:
        return ConfigError(f"{self.source}: {where}: {message}")

    def check(self, where: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (InvalidParameterError, TypeError, ValueError) as error:
            raise self.error(where, str(error)) from None

    def unknown(self, table: str, keys: Any, known: Any) -> None:
        for key in keys:
            if key not in known:
                raise self.error(table, f"unknown key {key!r}{_hint(key, known)}")

    def tables(self, data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = data.get(key)
        if value is None:
            raise self.error(f"[{key}]", f"a [{key}] table is required")
        tables = [value] if isinstance(value, Mapping) else value
        if (
            not isinstance(tables, list)
            or not tables
            or not all(isinstance(t, Mapping) for t in tables)
        ):
            raise self.error(f"[{key}]", f"must be a table or a list of tables; got {value!r}")
        return tables

    def config(self, data: Mapping[str, Any], *, quick: bool = False) -> ExperimentConfig:
        where = "[quick]" if quick else ""
        if not isinstance(data, Mapping):
            raise self.error("config", f"must be a table; got {type(data).__name__}")
        self.unknown(f"{where}top level", data, _TOP_KEYS)
        if "seed" not in data:
            hint = "the root seed, e.g. seed = 1 (`netsim new-seed` prints a fresh one)"
            raise self.error("seed", f"a config needs {hint}")
        seed = self.check("seed", check_int, "seed", data["seed"], minimum=0)
        name = self.text(data, "name", "")
        if not name:
            raise self.error("name", "name must be a non-empty string")
        replicates = self.check(
            "replicates", check_int, "replicates", data.get("replicates", 1), minimum=1
        )
        crn = data.get("crn", True)
        if not isinstance(crn, bool):
            raise self.error("crn", f"crn must be true or false; got {crn!r}")
        measures = self.measures(data.get("measures", {}))
        sources = None if data.get("sources") is None else self.sources(data["sources"])
        spreads = tuple(self.spread(t, i) for i, t in enumerate(self.tables(data, "spread")))
        if sources is not None:
            for spread in spreads:
                for condition in spread.conditions():
                    if condition["model"] != "sir" or condition.get("mu", 1.0) != 1.0:
                        message = (
                            "several sources are compared under discrete SIR with mu = 1; "
                            f"got model {condition['model']!r} with mu {condition.get('mu', 1.0)!r}"
                        )
                        raise self.error("[sources]", message)
        networks = tuple(self.network(t, i) for i, t in enumerate(self.tables(data, "network")))
        _check_trust(self, networks, spreads)
        return ExperimentConfig(
            name=name,
            seed=seed,
            networks=networks,
            spreads=spreads,
            title=self.text(data, "title", ""),
            description=self.text(data, "description", ""),
            replicates=replicates,
            crn=crn,
            measures=measures,
            sources=sources,
            report=self.report(data.get("report", {})),
            quick=dict(data.get("quick", {})) if not quick else {},
            base=self.base,
        )

    def text(self, data: Mapping[str, Any], key: str, default: str) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            raise self.error(key, f"{key} must be a string; got {value!r}")
        return value.strip()

    def values(self, where: str, key: str, value: Any) -> Any:
        """Return a scalar, or a tuple for a sweep; refuse an empty sweep."""
        if _is_sweep(value):
            if not value:
                raise self.error(f"{where} {key}", "a sweep must list at least one value")
            return tuple(value)
        return value

    def network(self, table: Mapping[str, Any], index: int) -> NetworkSpec:
        where = "[network]" if index == 0 else f"[network #{index + 1}]"
        kind = table.get("kind")
        if kind is None:
            raise self.error(f"{where} kind", f"a kind is required: one of {', '.join(KINDS)}")
        kind = self.check(f"{where} kind", check_choice, "kind", kind, KINDS)
        known = KINDS[kind].parameters
        params = {k: v for k, v in table.items() if k != "kind"}
        self.unknown(f"{where} (kind {kind!r})", params, known)
        params = {k: self.values(where, k, v) for k, v in params.items()}
        spec = NetworkSpec(kind, params)
        for condition in spec.conditions():
            _check_network(self, where, condition)
        return spec

    def spread(self, table: Mapping[str, Any], index: int) -> SpreadSpec:
        where = "[spread]" if index == 0 else f"[spread #{index + 1}]"
        models = (*efficiency_models(), *PERSISTENCE_MODELS)
        model = self.check(
            f"{where} model", check_choice, "model", table.get("model", "sir"), models
        )
        # an SIS condition measures persistence (netsim.persistence): no method to choose
        extras = ("n_runs",) if model in PERSISTENCE_MODELS else (*_SPREAD_EXTRAS, "seeding")
        known = (*SPREADING_MODELS[model].parameter_names, *extras)
        params = {k: v for k, v in table.items() if k != "model"}
        self.unknown(f"{where} (model {model!r})", params, known)
        params = {k: self.values(where, k, v) for k, v in params.items()}
        spec = SpreadSpec(model, params)
        for condition in spec.conditions():
            _check_spread(self, where, condition)
        return spec

    def measures(self, table: Any) -> MeasuresSpec:
        if not isinstance(table, Mapping):
            raise self.error("[measures]", f"must be a table; got {table!r}")
        names = table.get("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise self.error("[measures] names", f"must be a list of measure names; got {names!r}")
        known = centrality_names()
        for name in names:
            if name not in known:
                raise self.error(
                    "[measures] names", f"unknown measure {name!r}{_hint(name, known)}"
                )
        if len(set(names)) != len(names):
            raise self.error("[measures] names", f"names must not repeat; got {names!r}")
        params: dict[str, dict[str, Any]] = {}
        for key, value in table.items():
            if key == "names":
                continue
            if key not in names:
                hint = _hint(key, ["names", *names])
                raise self.error("[measures]", f"unknown key {key!r}{hint}")
            if not isinstance(value, Mapping):
                raise self.error(f"[measures] {key}", f"must be a table; got {value!r}")
            where = f"[measures] {key}"
            self.check(where, check_params, key, resolve_measure(key), dict(value))
            params[key] = dict(value)
        return MeasuresSpec(tuple(names), params)

    def sources(self, table: Any) -> SourcesSpec:
        if not isinstance(table, Mapping):
            raise self.error("[sources]", f"must be a table; got {table!r}")
        self.unknown("[sources]", table, ("k", "strategies", "n_runs", "min_distance"))
        k = self.check("[sources] k", check_int, "k", table.get("k", 5), minimum=1)
        strategies = table.get("strategies", list(SourcesSpec.strategies))
        if not isinstance(strategies, list) or not strategies:
            raise self.error("[sources] strategies", f"must be a list; got {strategies!r}")
        for s in strategies:
            self.check("[sources] strategies", check_choice, "strategies", s, STRATEGIES)
        n_runs = self.check(
            "[sources] n_runs", check_int, "n_runs", table.get("n_runs", 1000), minimum=2
        )
        distance = table.get("min_distance")
        if distance is not None:
            distance = self.check(
                "[sources] min_distance", check_int, "min_distance", distance, minimum=1
            )
        return SourcesSpec(k, tuple(strategies), n_runs, distance)

    def report(self, table: Any) -> ReportSpec:
        if not isinstance(table, Mapping):
            raise self.error("[report]", f"must be a table; got {table!r}")
        self.unknown("[report]", table, ("figures",))
        figures = table.get("figures", [])
        if not isinstance(figures, list):
            raise self.error("[report] figures", f"must be a list of names; got {figures!r}")
        for name in figures:
            if name not in FIGURES:
                hint = _hint(str(name), FIGURES)
                raise self.error("[report] figures", f"unknown figure {name!r}{hint}")
        return ReportSpec(tuple(figures))


def _check_trust(
    parser: _Parser, networks: tuple[NetworkSpec, ...], spreads: tuple[SpreadSpec, ...]
) -> None:
    """Refuse trust transmission on a shipped network without trust."""
    trust = any(c.get("transmission") == "trust" for spread in spreads for c in spread.conditions())
    if not trust:
        return
    for spec in networks:
        for condition in spec.conditions():
            if not KINDS[condition["kind"]].weighted(condition):
                shown = condition.get("name", condition.get("path"))
                message = (
                    f'transmission "trust" needs weighted networks; {shown!r} has no trust '
                    '(use transmission = "contact", or a weighted network such as advogato)'
                )
                raise parser.error("[spread] transmission", message)


def _check_network(parser: _Parser, where: str, condition: dict[str, Any]) -> None:
    """Check one network condition with the validators of the function that builds it."""
    kind = KINDS[condition["kind"]]
    params = {k: v for k, v in condition.items() if k != "kind"}
    full = {**kind.parameters, **params}
    missing = [k for k, v in full.items() if v is None and k not in kind.optional]
    if missing:
        raise parser.error(f"{where} {missing[0]}", f"kind {kind.name!r} needs {missing[0]!r}")
    for key, value in params.items():
        parser.check(f"{where} {key}", _CHECKS.get(key, _check_generic), key, value, full)
    kind.check(parser, where, full)


def _check_generic(name: str, value: Any, full: Mapping[str, Any]) -> Any:
    """Check a value's type against the default's: ints, floats, strings and booleans."""
    if isinstance(value, Mapping):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        message = f"{name} must be a number or a string; got {value!r}."
        raise TypeError(message)
    return value


def _check_unit(name: str, value: Any, full: Mapping[str, Any]) -> Any:
    return check_probability(name, value)


def _check_count(name: str, value: Any, full: Mapping[str, Any]) -> Any:
    return check_int(name, value, minimum=1)


_CHECKS: dict[str, Callable[..., Any]] = {
    "n": _check_count,
    "m": _check_count,
    "lion_fraction": _check_unit,
    "p_triad": _check_unit,
    "p_random": _check_unit,
    "p_network": _check_unit,
    "trust": lambda name, value, full: check_open_unit(name, value),
    "dunbar": _check_count,
    "header_lines": lambda name, value, full: check_int(name, value, minimum=0),
    "swaps_per_edge": lambda name, value, full: check_int(name, value, minimum=0),
    "connected": lambda name, value, full: _check_bool(name, value),
}


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        message = f"{name} must be true or false; got {value!r}."
        raise TypeError(message)
    return value


#: A tiny weighted graph on which a spread condition's parameters are checked.
_PROBE = nx.Graph()
_PROBE.add_weighted_edges_from([(0, 1, 0.5), (1, 2, 0.4), (2, 3, 0.3)], weight="trust")


def _check_spread(parser: _Parser, where: str, condition: dict[str, Any]) -> None:
    """Check one spread condition with the spreading API's own validators."""
    model = condition["model"]
    params = {k: v for k, v in condition.items() if k != "model"}
    parser.check(f"{where} n_runs", check_int, "n_runs", params.get("n_runs", 1000), minimum=1)
    parser.check(f"{where} method", check_choice, "method", params.get("method", "auto"), METHODS)
    probe = dict(MODEL_KEYWORDS)
    probe.update({k: v for k, v in params.items() if k not in _SPREAD_EXTRAS})
    if probe["beta_factor"] is not None and probe["beta"] is None:
        # The threshold of the probe is not the network's: check the factor alone.
        parser.check(
            f"{where} beta_factor", check_real, "beta_factor", probe["beta_factor"], low=0.0
        )
        probe["beta_factor"], probe["beta"] = None, 0.5
    if "threshold" in params:
        # Which threshold beta_factor multiplies; its value is the network's, not the probe's.
        parser.check(
            f"{where} threshold",
            check_threshold,
            probe["threshold"],
            params.get("beta_factor") is not None,
            probe["transmission"] == "trust",
        )
        probe["threshold"] = "configuration"
    if probe["target_outbreak"] is not None and probe["beta"] is None:
        # Reachable or not on the network, not on the probe: check the share alone.
        parser.check(f"{where} target_outbreak", check_target, probe["target_outbreak"])
        if probe["mu"] not in (None, 1.0):
            message = (
                f"target_outbreak needs mu = 1 (it is found on bond percolation); got mu "
                f"{probe['mu']!r}"
            )
            raise parser.error(f"{where} target_outbreak", message)
        probe["target_outbreak"], probe["beta"] = None, 0.5
    if isinstance(probe["p"], str):
        probe["p"] = 0.5
    parser.check(where, resolve, _PROBE, model, probe, caller="config")
