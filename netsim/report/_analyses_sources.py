r"""Report figure on several spreaders at once: the joint outbreaks of each source strategy.

``sources`` reads the sources table of an :class:`ExperimentResults` (the
rows of :func:`netsim.compare_sources`, one per task and source strategy)
and returns a :class:`Finding`: a tidy table, a figure and a sentence with
the numbers.

Examples
--------
>>> from netsim.report._analyses_sources import ANALYSES
>>> list(ANALYSES)
['sources']
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .._validation import Described, invalid
from ..experiments import ExperimentResults
from ._finding import Finding
from ._layout import PALETTE, panel_grid, panel_title
from ._tables import check_table, labels, replicate_se, same_graph, sem
from ._words import fmt, headline_spread, join, measure_name, network_name, pm, span, where_words

__all__ = ["ANALYSES"]

#: The source strategies the sentence of :func:`sources` names first.
_SOURCE_ORDER = ("k_shell", "k_shell_apart", "degree")


def sources(results: ExperimentResults) -> Finding:
    r"""Compare the joint outbreaks of several spreaders chosen by each source strategy.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment with a ``[sources]`` table; reads
        ``sources`` (the rows of :func:`netsim.compare_sources`).

    Returns
    -------
    Finding
        Table: one row per (network, spread, strategy) with ``k`` (sources
        per strategy), ``size`` (mean joint outbreak size, sources
        included), ``size_se``, ``overlap``, ``overlap_se``,
        ``n_replicates`` and ``se_over`` (``"runs"`` or ``"replicates"``).
        Figure: the bars of :func:`netsim.plot.plot_sources`, labelled with
        their overlap, a panel per network and spread condition.

    Raises
    ------
    InvalidParameterError
        If the sources table is empty (the config has no ``[sources]``
        table) or lacks a column above.

    Notes
    -----
    The overlap of a set :math:`S` of sources is
    :math:`1 - \mathrm{size}(S) / \sum_{i \in S} M_i`: the share of what the
    sources would reach one by one that is lost because their outbreaks
    meet. Over :math:`R` replicates the table holds the means; the error of
    the size is :math:`\sqrt{\sum_r \mathrm{se}_r^2} / R` on a data set
    (the same graph: only the runs vary) and :math:`s(\mathrm{size}_r) /
    \sqrt R` on generated networks (the graphs vary too); the overlap's is
    :math:`s(\mathrm{overlap}_r) / \sqrt R`.
    """
    given = getattr(results, "sources", None)
    if isinstance(given, pd.DataFrame) and given.empty:
        raise invalid(
            "results.sources",
            "a table with at least one row",
            Described("an empty table"),
            "The sources analysis needs a [sources] table in the config.",
        )
    given = check_table(
        results, "sources", ("strategy", "sources", "size", "size_se", "overlap"), "sources"
    )
    rows = []
    for (network, spread, strategy), frame in given.groupby(
        ["network", "spread", "strategy"], sort=False
    ):
        n_replicates = len(frame)
        size = frame["size"].astype(np.float64)
        size_se, over = replicate_se(size, frame["size_se"], same_graph=same_graph(frame))
        rows.append(
            {
                "network": network,
                "spread": spread,
                "strategy": strategy,
                "k": len(str(frame["sources"].iloc[0]).split()),
                "size": float(size.mean()),
                "size_se": size_se,
                "overlap": float(frame["overlap"].astype(np.float64).mean()),
                "overlap_se": sem(frame["overlap"]),
                "n_replicates": n_replicates,
                "se_over": over,
            }
        )
    table = pd.DataFrame(rows)

    from ..plot import plot_sources

    networks, spreads = labels(table, "network"), labels(table, "spread")
    strategies = labels(table, "strategy")
    colours = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(strategies)}
    figure, panels = panel_grid(
        table,
        networks,
        spreads,
        headline=headline_spread(results.nodes),
        width=max(3.6, 1.0 * len(strategies) + 1),
    )
    for ax, network, spread, mine in panels:
        bars = mine.set_index("strategy")
        plot_sources(bars, ax=ax, color=[colours[s] for s in bars.index])
        tops = (bars["size"] + bars["size_se"].fillna(0.0)).to_numpy(dtype=np.float64)
        for x, (top, overlap) in enumerate(zip(tops, bars["overlap"], strict=True)):
            ax.text(x, top, f"overlap\n{overlap:.2f}", ha="center", va="bottom", fontsize=7)
        ax.set_ylim(0.0, 1.25 * float(tops.max()))
        ax.set_ylabel("joint outbreak size (nodes)")
        panel_title(ax, network, spread, len(spreads) > 1)

    sentence = _sources_sentence(results, given, table, networks)
    return Finding(
        name="sources",
        title="Several spreaders: together or apart",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _sources_sentence(
    results: ExperimentResults, given: pd.DataFrame, table: pd.DataFrame, networks: list[Any]
) -> str:
    """Compare the strategies' joint outbreaks at the headline spread condition."""
    spread = headline_spread(given)
    at = where_words(results, given, spread)
    here = table[table["spread"] == spread]
    order = [s for s in _SOURCE_ORDER if s in set(here["strategy"])]
    order += [s for s in labels(here, "strategy") if s not in order]
    k = span(here["k"])
    lead = f"{at[0].upper()}{at[1:]}, {k}" if at else k
    mine = [n for n in networks if (here["network"] == n).any()]
    meaning = "overlap: the share of their separate reach lost because their outbreaks meet"
    if len(mine) <= 3:
        clauses = []
        for network in mine:
            rows = here[here["network"] == network].set_index("strategy")
            parts = [
                f"{pm(rows.loc[s, 'size'], rows.loc[s, 'size_se'])} by {measure_name(s)} "
                f"({fmt(rows.loc[s, 'overlap'])})"
                for s in order
                if s in rows.index
            ]
            clauses.append(f"on {network_name(given, network)} {join(parts)}")
        return (
            f"{lead} sources chosen together reach, in nodes (with their overlap): "
            f"{'; '.join(clauses)} ({meaning})."
        )
    sizes = here.pivot_table(index="network", columns="strategy", values="size", sort=False)
    overlaps = here.pivot_table(index="network", columns="strategy", values="overlap", sort=False)
    errors = here.pivot_table(index="network", columns="strategy", values="size_se", sort=False)
    winners = _clear_winners(sizes, errors).value_counts()
    medians = [f"{measure_name(s)} {fmt(sizes[s].median())}" for s in order if s in sizes]
    named = join([f"{measure_name(s)} on {n}" for s, n in winners.items()]) or "none"
    text = (
        f"{lead} sources: one strategy's reach exceeds every other's beyond the noise "
        f"(95 % interval of the difference) on {int(winners.sum())} of the {len(sizes)} "
        f"networks ({named}), and the best are within the noise of each other on the rest; "
        f"median joint outbreak (nodes): {join(medians)}"
    )
    if {"k_shell", "k_shell_apart"} <= set(overlaps.columns):
        apart = overlaps["k_shell_apart"].median()
        text += (
            f"; spreading the k-shell picks apart cuts the median overlap from "
            f"{fmt(overlaps['k_shell'].median(), 2)} to {fmt(apart, 2)} ({meaning})"
        )
    return text + ". The table gives every network."


def _clear_winners(sizes: pd.DataFrame, errors: pd.DataFrame) -> pd.Series:
    """Return, per network whose best strategy beats the runner-up beyond the noise, that strategy.

    Beyond the noise: the difference of the two largest mean sizes exceeds
    1.96 times the square root of the sum of their squared standard errors.
    """
    found = {}
    for network, row in sizes.iterrows():
        row = row.dropna().sort_values(ascending=False)
        if len(row) < 2:
            continue
        first, second = row.index[:2]
        spread = float(np.hypot(errors.loc[network, first], errors.loc[network, second]))
        if np.isfinite(spread) and row[first] - row[second] > 1.96 * spread:
            found[network] = first
    return pd.Series(found, dtype=object)


#: The analyses of this module by name, in the order a report shows them.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "sources": sources,
}
