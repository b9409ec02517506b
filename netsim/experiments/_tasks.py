"""An experiment's tasks: the grid expanded, keyed by content, and one task run.

A task is one (network condition, replicate, spread condition). Its random
streams and its key in the results store are functions of what it computes,
never of its position in the grid (STYLE.md S5):

* a condition's hash is a stable 64-bit hash of its canonical JSON, so adding
  a value to a sweep never changes the streams of the other conditions;
* the network is built from the stream ``(GRAPH, network_hash, replicate)``,
  so, with common random numbers (``crn = true``, the default), every spread
  condition of a network condition runs on the same graphs; ``crn = false``
  keys the graph by the whole condition instead;
* the spreading draws from ``(SIR, condition_hash, replicate)`` (a
  ``target_outbreak`` or a measured threshold from its child ``REGIME``)
  and the choice of several sources from ``(SOURCES, condition_hash,
  replicate)``;
* the measured threshold of a network (``beta_c_measured``) draws from
  ``(REGIME, graph_hash, replicate)``, once per network.

A task's key (its file name in the store) hashes all of that plus the root
seed, the measures and the key scheme, so two configs that share a task share
its result, and a changed task is never mistaken for a finished one.
"""

import hashlib
import json
import math
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._seeding import KEY_SCHEME, Purpose, child, seed_sequence
from ..graphs._csr import CSRGraph
from ..measures import centrality, core_like_groups, core_number
from ..measures._structure import average_clustering, strength
from ..spread import compare_sources, epidemic_threshold, persistence, spreading_efficiency
from ..spread._efficiency import BATCH_PREFIX
from ..spread._persistence import PERSISTENCE_MODELS
from ..spread._threshold import susceptibility_threshold
from ._config import ExperimentConfig
from ._kinds import KINDS

__all__ = ["MEASURED_RUNS", "Task", "efficiency_batches", "expand", "run_task", "stable_hash"]

#: Percolation samples behind each network's measured threshold (``beta_c_measured``).
MEASURED_RUNS = 50
#: Batches of runs a task splits its spreading efficiency into, with enough runs (below).
EFFICIENCY_BATCHES = 10
_MIN_RUNS_FOR_BATCHES = 20


def efficiency_batches(n_runs: int) -> int:
    """Return the batches of runs of a task's efficiency: 10 from 20 runs up, else 1 (none).

    The batch means (node columns ``M_batch_0``, ...) let the report put
    intervals on every score of a single replicate; ``M`` does not depend on them.
    """
    return EFFICIENCY_BATCHES if n_runs >= _MIN_RUNS_FOR_BATCHES else 1


def stable_hash(value: Any) -> int:
    """Return a 64-bit hash of ``value``'s canonical JSON, the same in every process and run."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class Task:
    """One network condition, replicate and spread condition of an experiment.

    Attributes
    ----------
    index : int
        Position in the config's declared order (networks, replicates,
        spreads): the order of the result tables.
    key : str
        Hex content key, the task's file name in the store.
    network, spread : dict
        The conditions, with ``kind`` and ``model``.
    replicate : int
        Replicate number, from 0.
    entropy : int
        Root seed entropy.
    crn : bool
        Common random numbers (graph stream keyed by the network alone).
    measures : dict
        Measure name to parameters.
    sources : dict or None
        ``compare_sources`` arguments.
    base : str
        Folder of relative paths.
    """

    index: int
    key: str
    network: dict[str, Any]
    spread: dict[str, Any]
    replicate: int
    entropy: int
    crn: bool
    measures: dict[str, dict[str, Any]]
    sources: dict[str, Any] | None
    base: str = "."
    network_label: str = ""
    spread_label: str = field(default="")

    def graph_hash(self) -> int:
        """Hash keying the network's stream: the network alone with crn, else the condition."""
        if self.crn:
            return stable_hash(self.network)
        return stable_hash({"network": self.network, "spread": self.spread})

    def condition_hash(self) -> int:
        """Hash of the whole condition, keying the spreading streams."""
        return stable_hash({"network": self.network, "spread": self.spread})

    def stream(self, purpose: Purpose, condition: int, *extra: int) -> np.random.SeedSequence:
        """Return the SeedSequence of ``(purpose, condition, replicate, *extra)``."""
        key = (int(purpose), condition, self.replicate, *extra)
        return child(seed_sequence(self.entropy), *key)


def _label(head: str, condition: dict[str, Any], varying: tuple[str, ...]) -> str:
    shown = [f"{k}={_short(condition[k])}" for k in varying if k in condition]
    return " ".join([head, *shown])


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return ",".join(f"{k}:{_short(v)}" for k, v in value.items())
    return str(value)


#: Spread parameters that tell conditions apart even where only some conditions give them:
#: the ways of setting the transmission rate (MODEL.md section 3, regimes).
REGIME_KEYS = ("beta", "beta_factor", "target_outbreak", "threshold")


def varying(
    conditions: list[dict[str, Any]], skip: tuple[str, ...], *, partial: tuple[str, ...] = ()
) -> tuple[str, ...]:
    """Return the parameters whose value differs between the conditions that have them.

    In first-seen order; a parameter that only some conditions have (another
    kind's) varies only if those conditions disagree on it, or, for the
    names in ``partial``, also if some conditions lack it (so that spread
    conditions set by ``target_outbreak`` and by ``beta_factor`` are told
    apart).
    """
    names: dict[str, None] = {}
    for condition in conditions:
        names.update(dict.fromkeys(condition))
    out = []
    for name in names:
        if name in skip:
            continue
        values = {json.dumps(c[name], sort_keys=True, default=str) for c in conditions if name in c}
        lacking = name in partial and any(name not in c for c in conditions)
        if len(values) > 1 or (lacking and values):
            out.append(name)
    return tuple(out)


def network_conditions(config: ExperimentConfig) -> list[dict[str, Any]]:
    """Return the network conditions of ``config`` in declared order."""
    return [c for spec in config.networks for c in spec.conditions()]


def spread_conditions(config: ExperimentConfig) -> list[dict[str, Any]]:
    """Return the spread conditions of ``config`` in declared order."""
    return [c for spec in config.spreads for c in spec.conditions()]


def expand(config: ExperimentConfig) -> list[Task]:
    """Return the tasks of ``config``: networks x replicates x spreads, in declared order."""
    networks = network_conditions(config)
    spreads = spread_conditions(config)
    network_vary = varying(networks, ("kind", "name", "path"))
    spread_vary = varying(spreads, ("model", "n_runs", "method"), partial=REGIME_KEYS)
    entropy = int(seed_sequence(config.seed).entropy)
    measures = {name: dict(config.measures.params.get(name, {})) for name in config.measures.names}
    sources = None
    if config.sources is not None:
        sources = {
            "k": config.sources.k,
            "strategies": list(config.sources.strategies),
            "n_runs": config.sources.n_runs,
            "min_distance": config.sources.min_distance,
        }
    tasks = []
    for network in networks:
        kind = KINDS[network["kind"]]
        resolved = dict(network)
        for name in kind.paths:
            if network.get(name) is None:
                continue  # an optional path left out (a rewired data set)
            resolved[name] = str((Path(config.base) / str(network[name])).resolve())
        replicates = config.replicates
        for replicate in range(replicates):
            for spread in spreads:
                content = {
                    "scheme": KEY_SCHEME,
                    "entropy": entropy,
                    "crn": config.crn,
                    "network": resolved,
                    "spread": spread,
                    "replicate": replicate,
                    "measures": measures,
                    "sources": sources,
                }
                tasks.append(
                    Task(
                        index=len(tasks),
                        key=f"{stable_hash(content):016x}",
                        network=resolved,
                        spread=dict(spread),
                        replicate=replicate,
                        entropy=entropy,
                        crn=config.crn,
                        measures=measures,
                        sources=sources,
                        base=config.base,
                        network_label=_label(kind.label_head(network), network, network_vary),
                        spread_label=_label(spread["model"], spread, spread_vary),
                    )
                )
    return tasks


# ---------------------------------------------------------------------------------------------
# Running one task


def build_network(task: Task) -> CSRGraph:
    """Build the task's network from its GRAPH stream (the same graph for the same stream)."""
    kind = KINDS[task.network["kind"]]
    params = {k: v for k, v in task.network.items() if k != "kind"}
    seed = task.stream(Purpose.GRAPH, task.graph_hash())
    return kind.build({**kind.parameters, **params}, seed)


#: Networks (and their per-node measures) of recent tasks in this process, by stream key.
_CACHE: "OrderedDict[tuple, tuple[CSRGraph, pd.DataFrame, dict[str, Any]]]" = OrderedDict()
_CACHE_SIZE = 2


def _network_and_measures(task: Task) -> tuple[CSRGraph, pd.DataFrame, dict[str, Any]]:
    """Return the task's network, its per-node table and its statistics, cached per process."""
    cache_key = (task.entropy, task.graph_hash(), task.replicate, stable_hash(task.measures))
    if cache_key in _CACHE:
        _CACHE.move_to_end(cache_key)
        return _CACHE[cache_key]
    csr = build_network(task)
    shells = core_number(csr).to_numpy()
    attrs = csr.node_attrs
    n = csr.n_nodes
    table = pd.DataFrame(
        {
            "node": csr.nodes,
            "strategy": attrs["strategy"]
            if "strategy" in attrs
            else np.full(n, None, dtype=object),
            "active": attrs["active"] if "active" in attrs else np.full(n, None, dtype=object),
            "degree": csr.degrees.astype(np.int64),
            "k_shell": shells.astype(np.int64),
            "strength": strength(csr),
        }
    )
    for name, params in task.measures.items():
        if name in ("degree", "k_shell"):
            continue
        params = dict(params)
        if "seed" in _accepts(name) and "seed" not in params:
            measure_hash = stable_hash([task.graph_hash(), name])
            params["seed"] = task.stream(Purpose.GRAPH, measure_hash)
        table[name] = centrality(csr, name, **params).to_numpy()
    k_max = int(shells.max()) if n else 0
    stats = {
        "n_nodes": n,
        "n_edges": csr.n_edges,
        "mean_degree": 2 * csr.n_edges / n if n else math.nan,
        "k_max": k_max,
        "inner_core_size": int((shells == k_max).sum()) if n else 0,
        "clustering": average_clustering(csr),
        "mean_trust": float(csr.weights.mean())
        if csr.weights is not None and csr.n_edges
        else (math.nan),
        "n_lion": int((table["strategy"] == "lion").sum()),
        "beta_c": float(epidemic_threshold(csr)) if csr.n_edges else math.nan,
        **_core_like_stats(csr),
        "beta_c_measured": _measured_threshold(task, csr),
    }
    _CACHE[cache_key] = (csr, table, stats)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return csr, table, stats


def _core_like_stats(csr: CSRGraph) -> dict[str, Any]:
    """Return the core-like shells of Liu et al., space-separated, and if the innermost is one."""
    if csr.n_edges == 0:
        return {"core_like_shells": "", "inner_core_like": False}
    groups = core_like_groups(csr)
    flagged = [int(shell) for shell in groups.index[groups["core_like"].to_numpy(dtype=bool)]]
    return {
        "core_like_shells": " ".join(str(shell) for shell in flagged),
        "inner_core_like": bool(flagged) and flagged[-1] == int(groups.index.max()),
    }


def _measured_threshold(task: Task, csr: CSRGraph) -> float:
    """Return the network's measured threshold (contact transmission), NaN without edges."""
    if not csr.n_edges:
        return math.nan
    seed = task.stream(Purpose.REGIME, task.graph_hash())
    return susceptibility_threshold(csr, np.empty(0), MEASURED_RUNS, seed)


def _accepts(measure: str) -> tuple[str, ...]:
    import inspect

    from ..measures._registry import resolve

    return tuple(inspect.signature(resolve(measure)).parameters)


def run_task(task: Task) -> dict[str, pd.DataFrame]:
    """Run one task and return its raw tables ``nodes``, ``network`` and ``sources``.

    The node table holds ``M``, ``M_se`` and, with 20 runs or more, the
    means of 10 batches of runs (:func:`efficiency_batches`). The tables
    carry no condition columns; :func:`assemble` adds them.
    """
    start = time.perf_counter()
    csr, base, stats = _network_and_measures(task)
    condition = task.condition_hash()
    params = {k: v for k, v in task.spread.items() if k != "model"}
    seed = task.stream(Purpose.SIR, condition)
    nodes = base.copy()
    if task.spread["model"] in PERSISTENCE_MODELS:  # SIS: the node's persistence is its M
        efficiency = persistence(csr, **params, seed=seed)
        nodes["M"] = efficiency["persistence"].to_numpy()
        nodes["M_se"] = efficiency["persistence_se"].to_numpy()
    else:
        batches = efficiency_batches(int(params.get("n_runs", 1000)))
        efficiency = spreading_efficiency(
            csr, task.spread["model"], **params, batches=batches, seed=seed
        )
        nodes["M"] = efficiency["M"].to_numpy()
        nodes["M_se"] = efficiency["M_se"].to_numpy()
        for column in efficiency.columns:  # the batch means M_batch_0, ..., if any
            if column.startswith(BATCH_PREFIX):
                nodes[column] = efficiency[column].to_numpy()
    sources = pd.DataFrame(columns=["strategy", "sources", "size", "size_se", "overlap", "n_runs"])
    beta = efficiency.attrs.get("beta")
    if task.sources is not None:
        sources = _sources(task, csr, condition, beta)
    row = {
        **stats,
        # A condition set by the measured threshold records the estimate it used.
        "beta_c_measured": efficiency.attrs.get("beta_c_measured", stats["beta_c_measured"]),
        "beta": math.nan if beta is None else float(beta),
        "outbreak_fraction": float(efficiency.attrs.get("outbreak_fraction", math.nan)),
    }
    network = pd.DataFrame([row])
    network["seconds"] = time.perf_counter() - start
    return {"nodes": nodes, "network": network, "sources": sources}


def _sources(task: Task, csr: CSRGraph, condition: int, beta: float) -> pd.DataFrame:
    spread = task.spread
    # The efficiency's beta, so that a target outbreak or a measured threshold is found once.
    keywords = {k: spread[k] for k in ("transmission", "w_ref") if k in spread}
    assert task.sources is not None
    table = compare_sources(
        csr,
        task.sources["k"],
        strategies=task.sources["strategies"],
        min_distance=task.sources["min_distance"],
        n_runs=task.sources["n_runs"],
        seed=task.stream(Purpose.SOURCES, condition),
        beta=beta,
        **keywords,
    )
    table = table.reset_index()
    table["sources"] = [" ".join(str(s) for s in chosen) for chosen in table["sources"]]
    return table[["strategy", "sources", "size", "size_se", "overlap", "n_runs"]]
