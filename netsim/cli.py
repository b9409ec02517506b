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
import networkx as nx
import pandas as pd

from . import __version__, datasets
from .exceptions import NetsimError
from .graphs import CSRGraph

__all__ = ["main"]

_EPILOG_RANK = """\b
Examples:
  netsim rank facebook
  netsim rank my_network.txt.gz --top 20 --sort-by degree
"""


def _rank_table(G: nx.Graph, *, sort_by: str = "core_number") -> pd.DataFrame:
    """Rank every node of ``G`` as a candidate spreader by k-shell and degree.

    Returns a DataFrame indexed by node with columns ``degree``,
    ``core_number`` and ``degree_rank`` (1 = highest degree; ties share the
    best rank), sorted by ``sort_by``, the other measure breaking ties.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.cli import _rank_table
    >>> _rank_table(nx.karate_club_graph()).head(3)
          degree  core_number  degree_rank
    node
    33        17            4            1
    0         16            4            2
    32        12            4            3
    """
    other = "degree" if sort_by == "core_number" else "core_number"
    table = pd.DataFrame(
        {"degree": dict(G.degree()), "core_number": nx.core_number(G)}, index=list(G)
    ).rename_axis("node")
    table["degree_rank"] = table["degree"].rank(ascending=False, method="min").astype(int)
    return table.sort_values([sort_by, other], ascending=False, kind="stable")


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
    type=click.Choice(["core_number", "degree"]),
    default="core_number",
    show_default=True,
    help="Primary ranking measure.",
)
@click.option(
    "--header-lines",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Non-edge lines at the top of an edge-list file.",
)
def rank_command(network: str, top: int, sort_by: str, header_lines: int) -> None:
    """Rank the candidate spreaders of NETWORK by k-shell and degree.

    NETWORK is the name of a shipped dataset (see `netsim list`) or the path
    of an edge-list file (`u v` a line; `#`/`%` comments; plain or gzip).
    """
    if network in datasets.names():
        graph = datasets.load(network)
        label = network
    elif os.path.exists(network):
        graph = CSRGraph.read_edgelist(network, header_lines=header_lines).to_networkx()
        label = os.path.basename(network)
    else:
        known = ", ".join(datasets.names())
        message = f"network must be a dataset name ({known}) or an existing file; got {network!r}."
        raise click.UsageError(message)
    table = _rank_table(graph, sort_by=sort_by)
    k_max = int(table["core_number"].max()) if len(table) else 0
    inner = table.index[table["core_number"] == k_max]
    hubs = table.nlargest(top, "degree").index
    click.echo(
        f"{label}: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
        f"the innermost k-shell (k_S = {k_max}) holds {len(inner):,} nodes, and "
        f"{len(hubs.intersection(inner))} of the {len(hubs)} highest-degree nodes are in it."
    )
    click.echo(table.head(top).to_string())


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
