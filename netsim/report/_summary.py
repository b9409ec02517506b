"""``summary.md``: an experiment's setup in words, then each figure with its sentence."""

from datetime import datetime
from typing import Any

from ..experiments import ExperimentResults
from ..experiments._kinds import KINDS
from ..experiments._tasks import network_conditions, spread_conditions
from ..spread._models import SPREADING_MODELS
from ..spread._persistence import PERSISTENCE_MODELS
from ._finding import Finding

__all__ = ["summary_text"]


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    return f"{seconds / 60:.1f} min"


def _parameters(condition: dict[str, Any], skip: str) -> str:
    shown = [f"{k} = {_value(v)}" for k, v in condition.items() if k != skip]
    return ", ".join(shown)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' * (count != 1)}"


def _setup(results: ExperimentResults) -> list[str]:
    config = results.config
    networks = network_conditions(config)
    spreads = spread_conditions(config)
    table = results.networks
    sizes = table.groupby("network", sort=False)[["n_nodes", "n_edges"]].mean()
    labels = list(dict.fromkeys(table["network"]))
    lines = ["## Setup", ""]
    lines.append(
        f"* **Networks**: {_plural(len(networks), 'condition')}, "
        f"{_plural(config.replicates, 'replicate')} each:"
    )
    for label, condition in zip(labels, networks, strict=False):
        n, m = sizes.loc[label]
        lines.append(
            f"  * `{label}`: {KINDS[condition['kind']].description}, "
            f"{_parameters(condition, 'kind')}; {n:,.0f} nodes and {m:,.0f} edges on average"
        )
    lines.append(f"* **Spreading**: {_plural(len(spreads), 'condition')}:")
    beta = table.groupby("spread", sort=False)["beta"].mean()
    for label, condition in zip(dict.fromkeys(table["spread"]), spreads, strict=False):
        derived = "beta" not in condition and beta[label] == beta[label]
        shown = f" (beta = {beta[label]:.4g} on average)" if derived else ""
        lines.append(
            f"  * `{label}`: {SPREADING_MODELS[condition['model']].description}, "
            f"{_parameters(condition, 'model')}{shown}"
        )
    persists = {c["model"] for c in spreads} & set(PERSISTENCE_MODELS)
    if len(persists) < len({c["model"] for c in spreads}):
        lines.append(
            "* **M** is a node's spreading efficiency: the mean number of nodes an outbreak "
            "started at that node alone reaches (the node included), over `n_runs` runs per "
            "node, with its standard error."
        )
    if persists:
        lines.append(
            "* **Persistence** (the node table's M under SIS) is the share of time a node is "
            "infected in the endemic state, every node infected at the start, over `n_runs` "
            "runs, with its standard error (`netsim.persistence`)."
        )
    crn = (
        "the same graphs for every spreading condition (common random numbers)"
        if config.crn
        else "independent graphs for every condition (crn = false)"
    )
    lines.append(f"* **Randomness**: root seed {config.seed}; {crn}.")
    return lines


def summary_text(
    results: ExperimentResults,
    found: list[Finding],
    provenance: dict[str, Any],
) -> str:
    """Return ``summary.md``: title, description, setup, then each figure with its sentence."""
    config = results.config
    version = provenance.get("versions", {}).get("netsim", "")
    started = datetime.fromisoformat(provenance["started_utc"])
    header = [f"# {config.title or config.name}", ""]
    if config.description:
        header += [config.description, ""]
    header.append(
        f"*netsim {version}, experiment `{config.name}`"
        f"{' at its quick size (smaller than described above)' if provenance.get('quick') else ''}"
        f", {_plural(len(results.networks), 'task')}, "
        f"run on {started:%Y-%m-%d %H:%M} UTC in {_duration(provenance['seconds'])} "
        f"({provenance['workers']}). The config as run is in [config.toml](config.toml), "
        "versions and machine in [provenance.json](provenance.json), every number in "
        "[tables/](tables/).*"
    )
    lines = [*header, "", *_setup(results)]
    for number, finding in enumerate(found, start=1):
        lines += [
            "",
            f"## {number}. {finding.title}",
            "",
            f"![{finding.title}](figures/{finding.name}.png)",
            "",
            f"{finding.sentence} (Numbers: [tables/{finding.name}.csv](tables/{finding.name}.csv);"
            f" vector figure: [figures/{finding.name}.svg](figures/{finding.name}.svg).)",
        ]
    lines += [
        "",
        "## Tables",
        "",
        "* [tables/nodes.csv](tables/nodes.csv): one row per network, spreading condition and "
        "node: degree, k-shell, trust strength, the measures, M and its standard error.",
        "* [tables/networks.csv](tables/networks.csv): one row per network and spreading "
        "condition: size, mean degree, largest k-shell and its size, clustering, mean trust, "
        "beta and the epidemic threshold beta_c.",
    ]
    if not results.sources.empty:
        lines.append(
            "* [tables/sources.csv](tables/sources.csv): several spreaders chosen by each "
            "strategy, the mean size of the outbreak they start together and their overlap."
        )
    return "\n".join(lines) + "\n"
