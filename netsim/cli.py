"""The ``netsim`` command line.

A thin shell over the public API: parse the arguments, call netsim, print the
result. Bad input ends with one line on stderr and exit code 2; any other
failure with exit code 1; the traceback is shown only with ``--debug``.
"""

import os
import sys
import traceback
from collections.abc import Sequence

import click
import numpy as np
import pandas as pd

from . import __version__, datasets
from .exceptions import NetsimError
from .graphs import CSRGraph
from .measures import core_number
from .spread import epidemic_threshold, spreading_efficiency

__all__ = ["main"]

_EPILOG_RANK = """\b
Examples:
  netsim rank facebook
  netsim rank jazz --top 20 --beta-factor 2 --n-runs 5000 --seed 7
  netsim rank my_network.txt.gz --sort-by core_number
"""

_MEASURES = ("M", "core_number", "degree")


def _rank_table(
    csr: CSRGraph, *, beta_factor: float, n_runs: int, seed: int, sort_by: str = "M"
) -> pd.DataFrame:
    """Rank every node of ``csr`` by spreading efficiency, k-shell and degree.

    Returns a DataFrame indexed by node with columns ``M`` and ``M_se`` (the
    mean SIR outbreak size from the node and its standard error, at
    ``beta = beta_factor * epidemic_threshold``), ``core_number``,
    ``degree`` and the rank of each measure (1 = best; ties share the best
    rank), sorted by ``sort_by`` (ties broken by the other measures).

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.cli import _rank_table
    >>> csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    >>> table = _rank_table(csr, beta_factor=1.5, n_runs=2000, seed=1)
    >>> table.index[:3].tolist(), table.columns.tolist()[:4]
    ([33, 0, 2], ['M', 'M_se', 'core_number', 'degree'])
    """
    efficiency = spreading_efficiency(csr, beta_factor=beta_factor, n_runs=n_runs, seed=seed)
    table = pd.DataFrame(
        {
            "M": efficiency["M"],
            "M_se": efficiency["M_se"],
            "core_number": core_number(csr),
            "degree": pd.Series(csr.degrees, index=csr.nodes),
        }
    )
    for measure in _MEASURES:
        ranks = table[measure].rank(ascending=False, method="min")
        table[f"{measure}_rank"] = ranks.astype(np.int64)
    keys = [sort_by, *(measure for measure in _MEASURES if measure != sort_by)]
    return table.sort_values(keys, ascending=False, kind="stable")


def _load_network(network: str, header_lines: int) -> tuple[CSRGraph, str]:
    if network in datasets.names():
        return datasets.load_csr(network), network
    if os.path.exists(network):
        return CSRGraph.read_edgelist(network, header_lines=header_lines), os.path.basename(network)
    known = ", ".join(datasets.names())
    message = f"network must be a dataset name ({known}) or an existing file; got {network!r}."
    raise click.UsageError(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="netsim")
@click.option("--debug", is_flag=True, help="Show the full traceback on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    r"""Who really spreads in a social network: degree or k-shell.

    \b
    Examples:
      netsim list
      netsim rank facebook --top 10
    """
    ctx.obj = {"debug": debug}


@cli.command("list")
def list_command() -> None:
    r"""List the networks shipped with netsim.

    \b
    Example:
      netsim list
    """
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
    click.echo(table.to_string())


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
    default=1.5,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="SIR transmission probability as a multiple of the epidemic threshold.",
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
def rank_command(
    network: str,
    top: int,
    sort_by: str,
    beta_factor: float,
    n_runs: int,
    seed: int,
    header_lines: int,
) -> None:
    """Rank who really spreads in NETWORK: simulated SIR reach against k-shell and degree.

    NETWORK is the name of a shipped dataset (see `netsim list`) or the path
    of an edge-list file (`u v` a line; `#`/`%` comments; plain or gzip).
    M is the mean number of people an SIR outbreak started by the node
    reaches (discrete time, recovery after one step), with its standard
    error M_se.
    """
    csr, label = _load_network(network, header_lines)
    table = _rank_table(csr, beta_factor=beta_factor, n_runs=n_runs, seed=seed, sort_by=sort_by)
    beta = table.attrs.get("beta", beta_factor * epidemic_threshold(csr))
    k_max = int(table["core_number"].max())
    best = table.nsmallest(top, "M_rank", keep="first").index
    inner = table.index[table["core_number"] == k_max]
    hubs = table.nsmallest(top, "degree_rank", keep="first").index
    click.echo(
        f"{label}: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges; SIR with beta = {beta:.4g} "
        f"({beta_factor:g} x threshold), {n_runs:,} runs per node, seed {seed}.\n"
        f"Of the {len(best)} best spreaders (highest M), {len(best.intersection(inner))} sit in "
        f"the innermost k-shell (k_S = {k_max}) and {len(best.intersection(hubs))} are among "
        f"the {len(hubs)} best-connected nodes."
    )
    shown = table.head(top).copy()
    shown["M"] = shown["M"].round(2)
    shown["M_se"] = shown["M_se"].round(2)
    click.echo(shown.to_string())


def _exit_code(error: BaseException) -> int:
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
        error.show()
        return error.exit_code
    except (NetsimError, ValueError, TypeError, OSError) as error:
        if debug:
            traceback.print_exc()
        click.echo(f"netsim: {error}", err=True)
        return _exit_code(error)
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
