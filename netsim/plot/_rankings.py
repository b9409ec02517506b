"""Plots of a ranking of spreaders and of the outbreaks that chosen sources start.

The inputs are the tables of :func:`netsim.rank_spreaders` and
:func:`netsim.compare_sources`; the scores are those of Kitsak et al.,
doi:10.1038/nphys1746 (imprecision) and the overlap of the top k.
"""

import numbers
from typing import Any

import numpy as np
import pandas as pd

from .._validation import Described, check_choice, check_int, invalid
from ..measures._rank import _measure_columns
from ..measures._scores import _check_fraction, imprecision, top_k_overlap

__all__ = ["plot_efficiency_against", "plot_imprecision", "plot_sources", "plot_top_k_overlap"]

#: The default grid of top fractions of :func:`plot_imprecision`.
_DEFAULT_P = np.round(np.linspace(0.01, 0.5, 50), 4)
#: The most values of k :func:`plot_top_k_overlap` evaluates by default.
_DEFAULT_K_POINTS = 50


def _axes(ax: Any) -> Any:
    """Return ``ax``, or the axes of a new figure when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    return ax


def _measures(ranking: Any, measures: Any) -> list[str]:
    """Return the measures to draw: all of the ranking's, or those asked for, checked."""
    names = _measure_columns(ranking)
    if measures is None:
        return names
    if isinstance(measures, str):
        measures = [measures]
    chosen = [check_choice("measures", name, names) for name in measures]
    if not chosen:
        raise invalid("measures", "a non-empty sequence of measure names", list(measures))
    if len(set(chosen)) != len(chosen):
        raise invalid("measures", "distinct measure names", chosen)
    return chosen


def _score(ranking: pd.DataFrame, name: str) -> pd.Series:
    """Return a score ordering the nodes as the measure's rank column (higher is better)."""
    return -ranking[f"rank_{name}"]


def plot_imprecision(
    ranking: pd.DataFrame,
    *,
    measures: Any = None,
    p: Any = None,
    ax: Any = None,
    **artist_kwargs: Any,
) -> Any:
    r"""Plot Kitsak's imprecision of each measure against the top fraction p.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`netsim.rank_spreaders` (columns ``M`` and
        ``rank_<measure>``).
    measures : str or sequence of str, optional
        The measures to draw, among those of ``ranking``; default all, in
        the ranking's order.
    p : sequence of float, optional
        The top fractions, each in (0, 1]; default 50 values from 0.01 to 0.5.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.plot`` for every line (``marker``, ``linewidth``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one line per measure, labelled with its name, and
        a legend.

    Raises
    ------
    TypeError
        If ``ranking`` is not a DataFrame.
    InvalidParameterError
        If ``ranking`` lacks the columns above, a measure is not in it, or a
        ``p`` is outside (0, 1].

    See Also
    --------
    netsim.imprecision : the score drawn.
    netsim.measures.summary : the score at a few fractions, in a table.

    Notes
    -----
    Each line is :math:`\varepsilon(p) = 1 - M_c(p) / M_{\mathrm{eff}}(p)`,
    computed by :func:`netsim.imprecision` from the measure's rank column
    (so measures where lower is better, such as VoteRank, are scored the
    right way round). 0 means the measure's top nodes spread as well as the
    best possible ones.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.plot import plot_imprecision
    >>> G = nx.karate_club_graph()
    >>> table = netsim.rank_spreaders(
    ...     G, beta_factor=1.5, measures=["degree", "k_shell"], n_runs=200, seed=7
    ... )
    >>> ax = plot_imprecision(table)
    >>> [line.get_label() for line in ax.get_lines()]
    ['degree', 'k_shell']
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('fraction p of top nodes', 'imprecision ε(p)')
    >>> plt.close(ax.figure)
    """
    names = _measures(ranking, measures)
    fractions = _DEFAULT_P if p is None else np.atleast_1d(p)
    fractions = [_check_fraction(value) for value in fractions]
    if not fractions:
        raise invalid("p", "a non-empty sequence of fractions in (0, 1]", p)
    ax = _axes(ax)
    for name in names:
        values = imprecision(_score(ranking, name), ranking["M"], fractions)
        ax.plot(fractions, values.to_numpy(), label=name, **artist_kwargs)
    ax.set_xlabel("fraction p of top nodes")
    ax.set_ylabel("imprecision ε(p)")
    ax.legend(title="measure")
    return ax


def plot_efficiency_against(
    ranking: pd.DataFrame, measure: str, *, ax: Any = None, **artist_kwargs: Any
) -> Any:
    r"""Plot every node's spreading efficiency M, with its standard error, against a measure.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`netsim.rank_spreaders` (columns ``M``, ``M_se``
        and the measure's values).
    measure : str
        The measure on the x axis, one of the ranking's.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.errorbar`` (``color``, ``alpha``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one point per node, at (measure, ``M``), with a
        vertical bar of one standard error ``M_se`` either side.

    Raises
    ------
    TypeError
        If ``ranking`` is not a DataFrame.
    InvalidParameterError
        If ``ranking`` lacks the columns above or ``measure`` is not one of
        its measures (with a did-you-mean hint).

    See Also
    --------
    plot_efficiency_grid : the mean M on the (k_S, k) grid.
    netsim.kendall_tau : how well the measure orders M.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.plot import plot_efficiency_against
    >>> G = nx.karate_club_graph()
    >>> table = netsim.rank_spreaders(
    ...     G, beta_factor=1.5, measures=["degree", "k_shell"], n_runs=200, seed=7
    ... )
    >>> ax = plot_efficiency_against(table, "degree")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('degree', 'spreading efficiency M')
    >>> plt.close(ax.figure)
    """
    names = _measure_columns(ranking)
    measure = check_choice("measure", measure, [name for name in names if name in ranking])
    ax = _axes(ax)
    options = {"fmt": "o", "markersize": 4, "capsize": 2, **artist_kwargs}
    ax.errorbar(
        ranking[measure].to_numpy(dtype=np.float64),
        ranking["M"].to_numpy(dtype=np.float64),
        yerr=ranking["M_se"].to_numpy(dtype=np.float64),
        **options,
    )
    ax.set_xlabel(measure)
    ax.set_ylabel("spreading efficiency M")
    return ax


def _k_values(k: Any, n_nodes: int) -> list[int]:
    if k is None:
        top = max(1, n_nodes // 2)
        grid = np.linspace(1, top, min(top, _DEFAULT_K_POINTS))
        return sorted({int(value) for value in np.round(grid)})
    values = [k] if isinstance(k, numbers.Integral) else list(k)
    checked = [check_int("k", value, minimum=1) for value in values]
    if not checked:
        raise invalid("k", "a non-empty sequence of ints", values)
    for value in checked:
        if value > n_nodes:
            raise invalid("k", f"an int in [1, {n_nodes}] (the number of nodes)", value)
    return checked


def plot_top_k_overlap(
    ranking: pd.DataFrame,
    *,
    measures: Any = None,
    k: Any = None,
    ax: Any = None,
    **artist_kwargs: Any,
) -> Any:
    r"""Plot the overlap of each measure's top k nodes with the k most efficient, against k.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`netsim.rank_spreaders` (columns ``M`` and
        ``rank_<measure>``).
    measures : str or sequence of str, optional
        The measures to draw, among those of ``ranking``; default all, in
        the ranking's order.
    k : int or sequence of int, optional
        The sizes of the top sets, each from 1 to the number of nodes;
        default at most 50 values from 1 to half the number of nodes.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.plot`` for every line.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one line per measure, labelled with its name, and
        a legend; y limits [0, 1.05].

    Raises
    ------
    TypeError
        If ``ranking`` is not a DataFrame or a ``k`` is not an int.
    InvalidParameterError
        If ``ranking`` lacks the columns above, a measure is not in it, or a
        ``k`` is outside [1, number of nodes].

    See Also
    --------
    netsim.top_k_overlap : the score drawn (ties at the cut broken at
        random, in expectation).
    plot_imprecision : how much less the measure's top nodes spread.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.plot import plot_top_k_overlap
    >>> G = nx.karate_club_graph()
    >>> table = netsim.rank_spreaders(
    ...     G, beta_factor=1.5, measures=["degree", "k_shell"], n_runs=200, seed=7
    ... )
    >>> ax = plot_top_k_overlap(table, k=range(1, 11))
    >>> [len(line.get_xdata()) for line in ax.get_lines()]
    [10, 10]
    >>> plt.close(ax.figure)
    """
    names = _measures(ranking, measures)
    ks = _k_values(k, len(ranking))
    ax = _axes(ax)
    for name in names:
        score = _score(ranking, name)
        overlaps = [top_k_overlap(score, ranking["M"], value) for value in ks]
        ax.plot(ks, overlaps, label=name, **artist_kwargs)
    ax.set_xlabel("k (number of top nodes)")
    ax.set_ylabel("overlap of the top k")
    ax.set_ylim(0.0, 1.05)
    ax.legend(title="measure")
    return ax


def plot_sources(comparison: pd.DataFrame, *, ax: Any = None, **artist_kwargs: Any) -> Any:
    r"""Plot the mean outbreak size that each strategy's sources start, as bars.

    Parameters
    ----------
    comparison : pandas.DataFrame
        The table of :func:`netsim.compare_sources` (indexed by strategy,
        columns ``size`` and ``size_se``).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.bar`` (``color``, ``width``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one bar per strategy, in the table's order,
        labelled with the strategy, with an error bar of one standard error
        ``size_se``.

    Raises
    ------
    TypeError
        If ``comparison`` is not a DataFrame.
    InvalidParameterError
        If ``comparison`` lacks the columns ``size`` and ``size_se`` or has
        no row.

    See Also
    --------
    netsim.compare_sources : the table drawn.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.plot import plot_sources
    >>> G = nx.karate_club_graph()
    >>> table = netsim.compare_sources(
    ...     G, 3, strategies=["degree", "k_shell_apart"], beta_factor=1.5, n_runs=200, seed=7
    ... )
    >>> ax = plot_sources(table)
    >>> [label.get_text() for label in ax.get_xticklabels()]
    ['degree', 'k_shell_apart']
    >>> ax.get_ylabel()
    'outbreak size'
    >>> plt.close(ax.figure)
    """
    if not isinstance(comparison, pd.DataFrame):
        message = (
            "comparison must be a pandas.DataFrame from compare_sources; "
            f"got {type(comparison).__name__}."
        )
        raise TypeError(message)
    if not {"size", "size_se"} <= set(comparison.columns) or comparison.empty:
        shown = Described(f"columns {list(comparison.columns)!r} and {len(comparison)} rows")
        constraint = "a table from compare_sources, with columns 'size' and 'size_se'"
        raise invalid("comparison", constraint, shown)
    ax = _axes(ax)
    labels = [str(label) for label in comparison.index]
    options = {"capsize": 3, **artist_kwargs}
    ax.bar(
        np.arange(len(labels)),
        comparison["size"].to_numpy(dtype=np.float64),
        yerr=comparison["size_se"].to_numpy(dtype=np.float64),
        **options,
    )
    rotation = 30 if len(labels) > 3 else 0  # long strategy names overlap when many
    ax.set_xticks(
        np.arange(len(labels)), labels, rotation=rotation, ha="right" if rotation else "center"
    )
    ax.set_xlabel("strategy")
    ax.set_ylabel("outbreak size")
    return ax
