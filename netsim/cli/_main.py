"""The ``netsim`` command group, its error handling, and ``list``, ``rank`` and ``generate``."""

import contextlib
import difflib
import gzip
import inspect
import io
import json
import os
import sys
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import click
import networkx as nx
import numpy as np
import pandas as pd

from .. import __version__, datasets
from .._files import atomic_path
from .._validation import invalid
from ..exceptions import InvalidParameterError, NetsimError
from ..experiments._kinds import KINDS
from ..experiments._runner import TaskError
from ..graphs import (
    CSRGraph,
    networking_game_csr,
)
from ..measures import core_number, efficiency_grid, rank_spreaders, top_k_reproducibility
from ..spread._threshold import THRESHOLDS
from ._experiments import new_seed_command, run_command, validate_command

__all__ = ["cli", "main"]

#: The kinds ``netsim generate`` draws, by their networkx generators.
GENERATORS = {name: kind.generator for name, kind in KINDS.items() if kind.generator is not None}

_EPILOG_NETSIM = """\b
Examples:
  netsim list
  netsim rank facebook --top 10
  netsim generate game.txt.gz --n 2000 --lion-fraction 0.3
"""

_EPILOG_RANK = """\b
Examples:
  netsim rank facebook
  netsim rank jazz --top 20 --beta-factor 2 --n-runs 5000 --seed 7
  netsim rank my_network.txt.gz --sort-by core_number
  netsim rank facebook --n-runs 500 --out results/facebook
"""

_EPILOG_GENERATE = """\b
Examples:
  netsim generate game.txt.gz --n 2000 --lion-fraction 0.3 --seed 1
  netsim generate lions.graphml --kind lion --n 500 --rounds 20
  netsim generate mix.csv --n 5000 --lion-fraction 0.1 --param dunbar=50 --param p_job=0.02
  netsim generate ba.edges --kind barabasi_albert --n 10000 --param m=3
"""

_EPILOG_LIST = """\b
Example:
  netsim list
"""

_MEASURES = ("M", "core_number", "degree")

#: The share of LIONs of the networking game's three doors.
_GAME_LIONS = {"game": None, "lion": 1.0, "organic": 0.0}
_FORMATS = ("edgelist", "graphml")
_EDGELIST_SUFFIXES = (".txt", ".edges", ".csv")
#: Parameters that have their own option.
_OWN_OPTIONS = {
    "n": "--n",
    "lion_fraction": "--lion-fraction",
    "rounds": "--rounds",
    "seed": "--seed",
}


def _rank_table(
    csr: CSRGraph,
    *,
    beta_factor: float | None = None,
    target_outbreak: float | None = None,
    threshold: str = "configuration",
    n_runs: int,
    seed: int,
    sort_by: str = "M",
    top: int = 10,
) -> pd.DataFrame:
    """Rank every node of ``csr`` by spreading efficiency, k-shell and degree.

    Returns a DataFrame indexed by node with columns ``M`` and ``M_se`` (the
    mean SIR outbreak size from the node and its standard error, at
    ``beta = beta_factor * epidemic_threshold(csr, threshold)``, or at the
    ``beta`` whose mean outbreak is ``target_outbreak`` of the nodes),
    ``core_number``, ``degree`` and the rank of each measure (1 = best; ties
    share the best rank), sorted by ``sort_by`` (ties broken by the other
    measures). ``attrs`` are the efficiency's (``beta``, ``beta_factor``,
    ``outbreak_fraction``, ...).

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.cli._main import _rank_table
    >>> csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    >>> table = _rank_table(csr, beta_factor=1.5, n_runs=2000, seed=1)
    >>> table.index[:3].tolist(), table.columns.tolist()[:4]
    ([33, 0, 2], ['M', 'M_se', 'core_number', 'degree'])
    """
    ranking = rank_spreaders(
        csr, beta_factor=beta_factor, target_outbreak=target_outbreak, threshold=threshold,
        measures=["degree"], n_runs=n_runs, seed=seed,
    )  # fmt: skip
    table = pd.DataFrame(
        {
            "M": ranking["M"],
            "M_se": ranking["M_se"],
            "core_number": core_number(csr),
            "degree": pd.Series(csr.degrees, index=csr.nodes),
        }
    )
    for measure in _MEASURES:
        ranks = table[measure].rank(ascending=False, method="min")
        table[f"{measure}_rank"] = ranks.astype(np.int64)
    # The 95 % interval of each node's rank by M, from the batches of runs (rank_spreaders).
    table["M_rank_low"] = ranking["rank_M_low"]
    table["M_rank_high"] = ranking["rank_M_high"]
    keys = [sort_by, *(measure for measure in _MEASURES if measure != sort_by)]
    batches = [column for column in ranking.columns if column.startswith("M_batch_")]
    table.attrs.update(ranking.attrs)
    table.attrs.pop("measures", None)
    if len(batches) >= 2:
        table.attrs["top_k_reproducibility"] = top_k_reproducibility(ranking, min(top, len(table)))
    return table.sort_values(keys, ascending=False, kind="stable")


def _reproducibility_text(attrs: Mapping[str, Any]) -> str:
    """Return how far two independent halves of the runs agree on the top spreaders."""
    found = attrs.get("top_k_reproducibility")
    if not found:
        return " With under 2 runs per node the ranks carry no interval."
    k = found["k"]
    return (
        f" Two independent halves of the runs agree on {found['overlap']:.3g} of their {k} best "
        f"spreaders ({found['random']:.2g} by chance); M_rank_low and M_rank_high give each "
        "node's 95 % rank interval."
    )


def _regime_text(attrs: Mapping[str, Any]) -> str:
    """Return the regime of a ranking in words: beta three ways (MODEL.md section 3)."""
    parts = [f"{attrs['beta_factor']:.3g} x the configuration threshold"]
    if attrs.get("beta_c_measured") is not None:
        parts.append(f"{attrs['beta'] / attrs['beta_c_measured']:.3g} x the measured threshold")
    if attrs.get("beta_c_weighted") is not None:
        parts.append(f"{attrs['beta'] / attrs['beta_c_weighted']:.3g} x the weighted threshold")
    if attrs.get("target_outbreak") is not None:
        parts.append(f"chosen for a mean outbreak of {100 * attrs['target_outbreak']:.3g} %")
    fraction = 100 * attrs["outbreak_fraction"]
    return f"{', '.join(parts)}; measured mean outbreak {fraction:.3g} % of the nodes"


def _load_network(network: str, header_lines: int) -> tuple[CSRGraph, str]:
    if network in datasets.names():
        return datasets.load_csr(network), network
    if os.path.exists(network):
        return CSRGraph.read_edgelist(network, header_lines=header_lines), os.path.basename(network)
    known = ", ".join(datasets.names())
    message = f"network must be a dataset name ({known}) or an existing file; got {network!r}."
    raise click.UsageError(message)


def _parse_value(text: str) -> Any:
    """Return ``text`` as an int, float or bool if it reads as one, else the string."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _parse_params(
    _ctx: click.Context, _param: click.Parameter, values: Sequence[str]
) -> dict[str, Any]:
    """Turn the ``--param NAME=VALUE`` options into a dict, refusing malformed or repeated ones."""
    params: dict[str, Any] = {}
    for item in values:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier():
            message = f"must be NAME=VALUE, such as dunbar=50; got {item!r}."
            raise click.BadParameter(message)
        if name in params:
            message = f"must name each parameter once; got {name!r} twice."
            raise click.BadParameter(message)
        params[name] = _parse_value(text.strip())
    return params


def _generator_kwargs(
    kind: str, n: int, lion_fraction: float | None, rounds: int | None, params: dict[str, Any]
) -> dict[str, Any]:
    """Return the keyword arguments of ``kind``'s generator, checked against its signature."""
    function = GENERATORS[kind]
    signature = inspect.signature(function)
    names = [name for name in signature.parameters if name not in ("seed", "rules")]
    for name in params:
        if name in _OWN_OPTIONS:
            hint = f"Give it as {_OWN_OPTIONS[name]}."
            raise invalid("--param", "a parameter without its own option", name, hint)
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"Did you mean {close[0]!r}?" if close else ""
            constraint = f"a parameter of {function.__name__} ({', '.join(names)})"
            raise invalid("--param", constraint, name, hint)
    kwargs: dict[str, Any] = {"n": n}
    if lion_fraction is not None:
        if "lion_fraction" not in names:
            share = "all" if _GAME_LIONS[kind] else "none"
            hint = f"In a {kind} network {share} of the agents are LIONs; --kind game mixes them."
            raise invalid("--lion-fraction", f"left out for --kind {kind}", lion_fraction, hint)
        kwargs["lion_fraction"] = lion_fraction
    if rounds is not None:
        if "rounds" not in names:
            hint = "Only the networking game (--kind game, lion or organic) plays rounds."
            raise invalid("--rounds", f"left out for --kind {kind}", rounds, hint)
        kwargs["rounds"] = rounds
    kwargs.update(params)
    missing = [
        name
        for name, parameter in signature.parameters.items()
        if parameter.default is inspect.Parameter.empty and name not in kwargs
    ]
    if missing:
        own = [_OWN_OPTIONS.get(name, f"--param {name}=VALUE") for name in missing]
        message = f"--kind {kind} needs {', '.join(missing)}: give {', '.join(own)}."
        raise InvalidParameterError(message)
    return kwargs


def _output_format(out: Path, fmt: str | None) -> str:
    """Return the format of ``out``: ``fmt`` if given, else read from the file name's suffix."""
    if fmt is not None:
        return fmt
    suffixes = [suffix.lower() for suffix in out.suffixes]
    if suffixes[-1:] == [".gz"]:
        suffixes = suffixes[:-1]
        if not suffixes or suffixes[-1] != ".graphml":
            return "edgelist"
    if suffixes[-1:] == [".graphml"]:
        return "graphml"
    if suffixes[-1:] and suffixes[-1] in _EDGELIST_SUFFIXES:
        return "edgelist"
    constraint = "a file name ending in .graphml, .txt, .edges, .csv or .gz, or --format given"
    raise invalid("OUT", constraint, str(out))


@contextlib.contextmanager
def _atomic_binary(path: Path) -> Iterator[IO[bytes]]:
    """Open a file for writing that replaces ``path`` only once written whole (``atomic_path``).

    A ``.gz`` path is compressed with no file name or time stamp in its
    header: the same network, the same bytes.
    """
    with atomic_path(path) as temporary, temporary.open("wb") as raw:
        if path.suffix.lower() == ".gz":
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed:
                yield packed
        else:
            yield raw


def _json(value: Any) -> str:
    """Return ``value`` as one line of JSON (tuples as lists, anything else as its text)."""
    return json.dumps(value, default=str, sort_keys=False)


def _write_edgelist(path: Path, csr: CSRGraph, header: Sequence[str]) -> None:
    """Write ``csr``'s edges as ``u v trust`` lines (commas in a .csv file) under a ``#`` header."""
    suffixes = [suffix.lower() for suffix in path.suffixes if suffix.lower() != ".gz"]
    separator = "," if suffixes[-1:] == [".csv"] else " "
    rows = csr.rows
    upper = rows < csr.indices
    labels = np.asarray(csr.nodes)
    table = pd.DataFrame(
        {"u": labels[rows[upper]], "v": labels[csr.indices[upper]], "trust": csr.weights[upper]}
    )
    with _atomic_binary(path) as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
        text.writelines(f"# {line}\n" for line in header)
        table.to_csv(text, sep=separator, header=False, index=False, lineterminator="\n")
        text.flush()
        text.detach()


def _graphml_value(value: Any) -> Any:
    """Return a graph attribute as GraphML can hold it: a scalar, or its JSON text."""
    if isinstance(value, bool | float | str):
        return value
    if isinstance(value, int) and -(2**63) <= value < 2**63:
        return value
    return _json(value)


def _write_graphml(path: Path, G: nx.Graph, extra: dict[str, Any]) -> None:
    """Write ``G`` with its node and edge attributes; graph-level tables are left out."""
    graph = {**G.graph, **extra}
    G.graph = {
        name: _graphml_value(value)
        for name, value in graph.items()
        if not isinstance(value, pd.DataFrame | pd.Series)
    }
    with _atomic_binary(path) as binary:
        nx.write_graphml(G, binary)


def _generate(kind: str, kwargs: dict[str, Any], seed: int, fmt: str) -> CSRGraph | nx.Graph:
    """Grow the network: a CSRGraph when an edge list is wanted, else a networkx Graph."""
    if kind in _GAME_LIONS:
        share = _GAME_LIONS[kind]
        game = {**kwargs, "lion_fraction": share} if share is not None else kwargs
        csr = networking_game_csr(**game, seed=seed)
        return csr if fmt == "edgelist" else csr.to_networkx()
    G = GENERATORS[kind](**kwargs, seed=seed)
    return CSRGraph.from_networkx(G, weight="trust") if fmt == "edgelist" else G


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_EPILOG_NETSIM)
@click.version_option(__version__, "-V", "--version", prog_name="netsim")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Who really spreads in a social network: degree or k-shell."""
    ctx.obj = {"debug": debug}


@cli.command("list", epilog=_EPILOG_LIST)
def list_command() -> None:
    """List the experiments and the networks shipped with netsim."""
    from ..experiments._catalog import experiment_configs, experiment_title

    configs = experiment_configs()
    lines = ["Experiments"]
    if configs:
        width = max(map(len, configs))
        lines += [f"  {name:<{width}}  {experiment_title(path)}" for name, path in configs.items()]
    else:
        lines.append("  (none found)")
    click.echo("\n".join(lines))
    rows = [datasets.info(name) for name in datasets.names()]
    table = pd.DataFrame(
        {
            "nodes": [row["n_nodes"] for row in rows],
            "edges": [row["n_edges"] for row in rows],
            "weighted": [row["weighted"] for row in rows],
            "title": [row["title"] for row in rows],
        },
        index=pd.Index([row["name"] for row in rows], name="dataset"),
    )
    click.echo(f"\nDatasets\n{table.to_string()}")


@cli.command("generate", epilog=_EPILOG_GENERATE)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--n", "n", required=True, type=click.IntRange(min=2), help="Number of agents.")
@click.option(
    "--lion-fraction",
    type=float,
    default=None,
    help="Share of LIONs, in [0, 1]; required for --kind game.",
)
@click.option(
    "--rounds",
    type=click.IntRange(min=0),
    default=None,
    help="Rounds of the networking game  [default: 50].",
)
@click.option(
    "--seed", default=0, show_default=True, type=click.IntRange(min=0), help="Random seed."
)
@click.option(
    "--kind",
    type=click.Choice(tuple(GENERATORS)),
    default="game",
    show_default=True,
    help="The networking game, one of its one-strategy doors, or a baseline model.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    callback=_parse_params,
    metavar="NAME=VALUE",
    help="Any other parameter of the generator (repeatable); VALUE reads as int, float, "
    "true/false or text.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    default=None,
    help="File format  [default: from OUT's suffix: .graphml, else an edge list].",
)
def generate_command(
    out: Path,
    n: int,
    lion_fraction: float | None,
    rounds: int | None,
    seed: int,
    kind: str,
    params: dict[str, Any],
    fmt: str | None,
) -> None:
    """Grow a network by the networking game (or a baseline model) and write it to OUT.

    An edge list has one tie a line, `u v trust` (commas in a .csv file;
    gzip when OUT ends in .gz), under `#` lines stating the netsim version,
    the kind, every parameter and the seed; agents without ties are not
    listed. Read it back with netsim.CSRGraph.read_edgelist(OUT,
    weight="trust"), or rank it with `netsim rank OUT`. GraphML keeps every
    agent (strategy, group, active) and tie (trust, origin, created) and the
    parameters as JSON text; the game's history and request tables are
    left out.
    """
    if kind == "game" and lion_fraction is None:
        message = "--kind game needs --lion-fraction (the share of LIONs, in [0, 1])."
        raise InvalidParameterError(message)
    fmt = _output_format(out, fmt)
    kwargs = _generator_kwargs(kind, n, lion_fraction, rounds, params)
    network = _generate(kind, kwargs, seed, fmt)
    attrs = network.graph_attrs if isinstance(network, CSRGraph) else network.graph
    parameters = attrs.get("parameters", kwargs)
    if isinstance(network, CSRGraph):
        n_nodes, n_edges = network.n_nodes, network.n_edges
        isolated = int(np.count_nonzero(network.degrees == 0))
        header = [
            f"netsim {__version__} edge list: --kind {kind} ({GENERATORS[kind].__name__}), "
            f"seed {seed}",
            f"{n_nodes} nodes ({isolated} without ties, not listed), {n_edges} edges; "
            "one edge a line: u v trust",
            f"parameters: {_json(parameters)}",
            'read with: netsim.CSRGraph.read_edgelist(path, weight="trust")',
        ]
        _write_edgelist(out, network, header)
        written = "edge list"
    else:
        n_nodes, n_edges = network.number_of_nodes(), network.number_of_edges()
        extra = {"netsim_version": __version__, "kind": kind, "seed": seed}
        _write_graphml(out, network, extra)
        written = "GraphML"
    click.echo(f"Wrote {n_nodes:,} nodes and {n_edges:,} edges ({kind}) to {out} ({written}).")


@cli.command("rank", epilog=_EPILOG_RANK)
@click.argument("network")
@click.option(
    "--top", default=10, show_default=True, type=click.IntRange(min=1), help="Rows to show."
)
@click.option(
    "--sort-by",
    type=click.Choice(_MEASURES),
    default="M",
    show_default=True,
    help="Rank by spreading efficiency M, k-shell or degree.",
)
@click.option(
    "--beta-factor",
    default=None,
    type=click.FloatRange(min=0, min_open=True),
    help="SIR transmission probability as a multiple of the epidemic threshold "
    "(default 1.5 unless --target-outbreak is given).",
)
@click.option(
    "--target-outbreak",
    default=None,
    type=click.FloatRange(min=0, max=1, min_open=True, max_open=True),
    help="Instead of --beta-factor: choose beta so that the mean outbreak is this share "
    "of the nodes (e.g. 0.05), a regime comparable across networks.",
)
@click.option(
    "--threshold",
    type=click.Choice(THRESHOLDS),
    default="configuration",
    show_default=True,
    help="The epidemic threshold that --beta-factor multiplies: the configuration-model "
    "formula, or the measured one (susceptibility peak).",
)
@click.option(
    "--n-runs", default=1000, show_default=True, type=click.IntRange(min=1), help="Runs per node."
)
@click.option(
    "--seed", default=0, show_default=True, type=click.IntRange(min=0), help="Random seed."
)
@click.option(
    "--header-lines",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Non-edge lines at the top of an edge-list file.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the full table (ranking.csv) and figures (PNG and SVG) to this folder.",
)
def rank_command(
    network: str,
    top: int,
    sort_by: str,
    beta_factor: float | None,
    target_outbreak: float | None,
    threshold: str,
    n_runs: int,
    seed: int,
    header_lines: int,
    out: Path | None,
) -> None:
    """Rank who really spreads in NETWORK: simulated SIR reach against k-shell and degree.

    NETWORK is the name of a shipped dataset (see `netsim list`) or the path
    of an edge-list file (`u v` a line; `#`/`%` comments; plain or gzip).
    M is the mean number of people an SIR outbreak started by the node
    reaches (discrete time, recovery after one step), with its standard
    error M_se. With --out, the full table and two figures (M against
    degree; mean M on the k-shell by degree grid) are written to a folder.
    """
    if beta_factor is not None and target_outbreak is not None:
        message = "give one of --beta-factor and --target-outbreak, not both."
        raise click.UsageError(message)
    if beta_factor is None and target_outbreak is None:
        beta_factor = 1.5
    csr, label = _load_network(network, header_lines)
    table = _rank_table(
        csr, beta_factor=beta_factor, target_outbreak=target_outbreak, threshold=threshold,
        n_runs=n_runs, seed=seed, sort_by=sort_by, top=top,
    )  # fmt: skip
    beta = table.attrs["beta"]
    k_max = int(table["core_number"].max())
    best = table.nsmallest(top, "M_rank", keep="first").index
    inner = table.index[table["core_number"] == k_max]
    hubs = table.nsmallest(top, "degree_rank", keep="first").index
    click.echo(
        f"{label}: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges; SIR with beta = {beta:.4g} "
        f"({_regime_text(table.attrs)}), {n_runs:,} runs per node, seed {seed}.\n"
        f"Of the {len(best)} best spreaders (highest M), {len(best.intersection(inner))} sit in "
        f"the innermost k-shell (k_S = {k_max}) and {len(best.intersection(hubs))} are among "
        f"the {len(hubs)} best-connected nodes.{_reproducibility_text(table.attrs)}"
    )
    shown = table.head(top).copy()
    shown["M"] = shown["M"].round(2)
    shown["M_se"] = shown["M_se"].round(2)
    click.echo(shown.to_string())
    if out is not None:
        for path in _write_rank_outputs(table, out):
            click.echo(f"Wrote {path}")


def _write_rank_outputs(table: pd.DataFrame, out: Path) -> list[Path]:
    """Write the ranking table and its figures into ``out``; return the paths written."""
    if "matplotlib.pyplot" not in sys.modules:
        import matplotlib

        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..plot import plot_efficiency_against, plot_efficiency_grid

    out.mkdir(parents=True, exist_ok=True)
    written = [out / "ranking.csv"]
    with _atomic_binary(written[0]) as binary:
        binary.write(table.rename_axis("node").to_csv(lineterminator="\n").encode("utf-8"))
    # plot_efficiency_against reads rank_spreaders' column names: rank_<measure>.
    ranking = table.rename(columns={f"{name}_rank": f"rank_{name}" for name in _MEASURES})
    grid = efficiency_grid(table["M"], table["core_number"], table["degree"])
    drawings = {
        "efficiency_against_degree": lambda ax: plot_efficiency_against(ranking, "degree", ax=ax),
        "efficiency_grid": lambda ax: plot_efficiency_grid(grid, ax=ax),
    }
    for name, draw in drawings.items():
        figure, ax = plt.subplots(figsize=(6.4, 4.8))
        try:
            draw(ax)
            for suffix in (".png", ".svg"):
                path = out / f"{name}{suffix}"
                figure.savefig(path, dpi=150, metadata={"Date": None} if suffix == ".svg" else None)
                written.append(path)
        finally:
            plt.close(figure)
    return written


cli.add_command(run_command)
cli.add_command(validate_command)
cli.add_command(new_seed_command)


def _exit_code(error: BaseException) -> int:
    if isinstance(error, TaskError):  # a task failed while running: not the input's fault
        return 1
    if isinstance(error, NetsimError | ValueError | TypeError | FileNotFoundError):
        return 2
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        result = cli.main(args=args, prog_name="netsim", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("netsim: interrupted", err=True)
        return 130
    except click.ClickException as error:
        message = error.format_message()
        context = getattr(error, "ctx", None)
        if isinstance(error, click.UsageError) and context is not None:
            message = f"{message} See '{context.command_path} --help'."
        click.echo(f"netsim: {message}", err=True)
        return error.exit_code
    except (NetsimError, ValueError, TypeError, OSError) as error:
        if debug:
            traceback.print_exc()
        click.echo(f"netsim: {error}", err=True)
        return _exit_code(error)
    except Exception as error:  # a failure, not bad input: name it, in one line
        if debug:
            traceback.print_exc()
            click.echo(f"netsim: {type(error).__name__}: {error}", err=True)
        else:
            message = f"{type(error).__name__}: {error} (rerun with --debug for the traceback)"
            click.echo(f"netsim: {message}", err=True)
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
