"""Plots of the networking game: degrees, trust, growth by round, and the network itself.

The inputs are a graph of :func:`netsim.networking_game` (or of one of its
baselines) and its history table ``G.graph["history"]``; the model is that of
MODEL.md section 2. Every plot draws one colour per strategy, the same in all
of them (orange for LIONs, blue for organic agents, from the Okabe-Ito
palette that readers with a colour-vision deficiency can tell apart).
"""

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._seeding import Purpose, seed_sequence, task_generator
from .._validation import Described, check_choice, check_int, invalid
from ..graphs._csr import CSRGraph, as_csr
from ._rankings import _axes

__all__ = [
    "plot_degree_distribution",
    "plot_growth",
    "plot_growth_panels",
    "plot_network",
    "plot_trust_distribution",
]

#: The colour of each strategy of the game (Okabe-Ito orange and blue).
STRATEGY_COLOURS = MappingProxyType({"lion": "#E69F00", "organic": "#0072B2"})
#: Colours of strategy labels other than the game's, in their sorted order.
_OTHER_COLOURS = ("#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")

#: The axis label of each column of the history table.
_HISTORY_LABELS = {
    "n_agents": "number of agents",
    "n_active": "number of active agents",
    "mean_degree": "mean degree (ties per agent)",
    "mean_trust": "mean trust of the ties",
    "new_offline": "new offline ties (tie ends)",
    "new_intro": "new ties by introduction (tie ends)",
    "new_message": "new ties by personal message (tie ends)",
    "new_cold": "new ties by request with no message (tie ends)",
    "pruned": "ties pruned (tie ends)",
    "dropped": "ties cut at Dunbar's limit (tie ends)",
    "maintained": "ties given attention per agent",
}
#: The origins of the ties made during the rounds, with their line styles.
_ROUND_ORIGINS = {"intro": "-", "message": "--", "cold": ":"}
_DEFAULT_PANELS = ("mean_degree", "mean_trust", "new_ties", "pruned")


def _strategy_order(values: Iterable[Any]) -> list[Any]:
    """Return the distinct strategies: the game's in its order, then any other, sorted."""
    present = set(values)
    known = [name for name in STRATEGY_COLOURS if name in present]
    return known + sorted(present - set(known), key=str)


def _colours(strategies: list[Any]) -> dict[Any, str]:
    """Return the colour of each strategy; labels outside the game take the spare colours."""
    others = sorted((s for s in strategies if s not in STRATEGY_COLOURS), key=str)
    spare = {s: _OTHER_COLOURS[i % len(_OTHER_COLOURS)] for i, s in enumerate(others)}
    return {s: STRATEGY_COLOURS.get(s, spare.get(s)) for s in strategies}


def _game_graph(G: Any, *, trust: bool, caller: str) -> tuple[CSRGraph, np.ndarray, Mapping]:
    """Return ``G`` as a CSRGraph (weights = trust if asked), its strategies and graph attributes.

    Checks that every node has a strategy and, if ``trust``, that every tie
    has a trust in [0, 1].
    """
    if isinstance(G, CSRGraph):
        csr, attrs = G, getattr(G, "graph_attrs", None) or {}
    else:
        csr = as_csr(G, weight="trust" if trust else None, caller=caller)
        attrs = G.graph
    strategy = csr.node_attrs.get("strategy")
    if strategy is None:
        shown = Described(f"a graph whose node attributes are {sorted(csr.node_attrs)!r}")
        constraint = "a graph whose nodes carry a 'strategy' attribute, as networking_game's"
        raise invalid("G", constraint, shown)
    missing = [label for label, value in zip(csr.nodes, strategy, strict=True) if value is None]
    if missing:
        shown = Described(f"{len(missing)} node(s) without one, such as {missing[0]!r}")
        raise invalid("G", "a graph where every node has a 'strategy'", shown)
    if trust:
        if csr.weights is None or csr.weight != "trust":
            shown = Described(f"a CSRGraph with weight={csr.weight!r}")
            constraint = "a graph whose ties carry trust (a CSRGraph with weight='trust')"
            raise invalid("G", constraint, shown)
        bad = (csr.weights < 0) | (csr.weights > 1)
        if bad.any():
            value = float(csr.weights[np.flatnonzero(bad)[0]])
            raise invalid("the trust of every tie", "a float in [0, 1]", value)
    return csr, strategy, attrs


def plot_degree_distribution(G: Any, *, ax: Any = None, **artist_kwargs: Any) -> Any:
    r"""Plot the complementary cumulative degree distribution of each strategy, log-log.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        A graph of :func:`netsim.networking_game` or a baseline: every node
        carries a ``strategy`` attribute.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.plot`` for every line (``marker``, ``linewidth``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, both axes logarithmic: one line per strategy, at
        each degree :math:`k \geq 1` that occurs, of the fraction
        :math:`P(K \geq k)` of the strategy's agents with at least ``k``
        ties; and a legend giving each strategy's number of agents and of
        isolated agents.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.
    InvalidParameterError
        If a node has no ``strategy``.

    See Also
    --------
    plot_growth : the mean degree of each strategy, round by round.

    Notes
    -----
    Isolated agents (degree 0) cannot be drawn on a log axis, but they
    count: each line is divided by all the agents of its strategy, isolated
    ones included, so it starts at the fraction of agents with at least one
    tie, and the legend gives how many are isolated (``lion (n=90, 3
    isolated)``). A strategy whose agents are all isolated has an empty line
    and its legend entry. Each agent counts its ties once; a self-loop is
    dropped with a warning.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> from netsim.plot import plot_degree_distribution
    >>> G = nx.star_graph(4)
    >>> G.add_node(5)
    >>> nx.set_node_attributes(G, "organic", "strategy")
    >>> G.nodes[0]["strategy"] = "lion"
    >>> ax = plot_degree_distribution(G)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['lion (n=1, 0 isolated)', 'organic (n=5, 1 isolated)']
    >>> ax.get_lines()[1].get_xydata().tolist()
    [[1.0, 0.8]]
    >>> plt.close(ax.figure)
    """
    csr, strategy, _ = _game_graph(G, trust=False, caller="plot_degree_distribution")
    degrees = np.asarray(csr.degrees, dtype=np.int64)
    strategies = _strategy_order(strategy.tolist())
    colours = _colours(strategies)
    ax = _axes(ax)
    for name in strategies:
        k = degrees[strategy == name]
        values, counts = np.unique(k[k > 0], return_counts=True)
        # P(K >= k) at each degree that occurs: the agents at or above it, over all agents.
        at_least = np.cumsum(counts[::-1])[::-1] / k.size
        label = f"{name} (n={k.size}, {int(np.sum(k == 0))} isolated)"
        options = {"marker": ".", "color": colours[name], **artist_kwargs}
        ax.plot(values.astype(np.float64), at_least, label=label, **options)
    ax.set_xscale("log")
    _label_log_degrees(ax.xaxis, degrees)
    ax.set_yscale("log")
    ax.set_xlabel("degree k (number of ties)")
    ax.set_ylabel("fraction of agents with degree ≥ k")
    ax.legend(title="strategy")
    return ax


def _label_log_degrees(axis: Any, degrees: np.ndarray) -> None:
    """Label a log degree axis with plain numbers that never overlap.

    Within a factor 3 of degrees every integer multiple of a power of ten is
    labelled (60, 70, 80, ...), within 3 decades the 1-2-5 steps (50, 100,
    200, 500, ...), beyond that the powers of ten; minor ticks stay unlabelled.
    matplotlib's default labels minor ticks in scientific notation on short
    spans, where they run into each other.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    positive = degrees[degrees > 0]
    if positive.size == 0:
        return
    span = positive.max() / positive.min()
    subs = tuple(range(1, 10)) if span < 3 else (1, 2, 5) if span < 1e3 else (1,)
    axis.set_major_locator(LogLocator(base=10, subs=subs))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_formatter(NullFormatter())


def plot_trust_distribution(G: Any, *, bins: int = 20, ax: Any = None, **artist_kwargs: Any) -> Any:
    r"""Plot the distribution of tie trust for each strategy, as step histograms.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        A graph of :func:`netsim.networking_game` or a baseline: every node
        carries a ``strategy`` and every tie a ``trust`` in [0, 1] (for a
        CSRGraph, its weights with ``weight="trust"``).
    bins : int, default=20
        The number of equal bins on [0, 1], >= 1.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.stairs`` for every histogram (``linewidth``, ``fill``,
        ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one step histogram per strategy on [0, 1],
        normalised to a density (its area is 1), labelled with the number of
        tie ends and their mean trust; a dotted vertical line at the pruning
        threshold ``w_min`` when ``G.graph["parameters"]`` gives it; and a
        legend.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.
    InvalidParameterError
        If a node has no ``strategy``, a tie has no trust or one outside
        [0, 1], or ``bins < 1``.

    See Also
    --------
    plot_growth : ``quantity="mean_trust"`` draws the mean trust by round.

    Notes
    -----
    A strategy's histogram counts each tie once per end of that strategy,
    as the history's ``mean_trust`` does: a LION-organic tie counts once for
    each strategy, a LION-LION tie twice for the LIONs. So the mean in the
    legend is the history's ``mean_trust`` of the last round. A strategy
    without ties has an empty line and its legend entry.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> from netsim.plot import plot_trust_distribution
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: "lion", 1: "lion", 2: "organic"}, "strategy")
    >>> nx.set_edge_attributes(G, {(0, 1): 0.2, (1, 2): 0.8}, "trust")
    >>> G.graph["parameters"] = {"w_min": 0.01}
    >>> ax = plot_trust_distribution(G, bins=4)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['lion (3 tie ends, mean 0.40)', 'organic (1 tie ends, mean 0.80)', 'w_min = 0.01']
    >>> ax.patches[1].get_data().values.tolist()
    [0.0, 0.0, 0.0, 4.0]
    >>> plt.close(ax.figure)
    """
    csr, strategy, attrs = _game_graph(G, trust=True, caller="plot_trust_distribution")
    bins = check_int("bins", bins, minimum=1)
    parameters = attrs.get("parameters") or {}
    w_min = parameters.get("w_min")
    end_strategy = strategy[csr.rows]  # each stored direction is a tie end at its row
    strategies = _strategy_order(strategy.tolist())
    colours = _colours(strategies)
    edges = np.linspace(0.0, 1.0, bins + 1)
    ax = _axes(ax)
    for name in strategies:
        trust = csr.weights[end_strategy == name]
        if trust.size == 0:
            ax.plot([], [], color=colours[name], label=f"{name} (no ties)")
            continue
        counts, _ = np.histogram(trust, bins=edges)
        density = counts / (trust.size * np.diff(edges))
        label = f"{name} ({trust.size} tie ends, mean {trust.mean():.2f})"
        options = {"color": colours[name], "linewidth": 1.5, **artist_kwargs}
        ax.stairs(density, edges, label=label, **options)
    if w_min is not None:
        ax.axvline(float(w_min), color="0.3", linestyle=":", label=f"w_min = {float(w_min):g}")
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("trust w of a tie")
    ax.set_ylabel("density of tie ends")
    ax.legend(title="strategy")
    return ax


def _check_history(history: Any) -> pd.DataFrame:
    if not isinstance(history, pd.DataFrame):
        kind = type(history).__name__
        message = f"history must be a pandas.DataFrame from networking_game; got {kind}."
        raise TypeError(message)
    levels = list(history.index.names)
    if levels != ["round", "strategy"] or history.empty:
        shown = Described(f"index levels {levels!r} and {len(history)} rows")
        constraint = "a non-empty table G.graph['history'], indexed by (round, strategy)"
        raise invalid("history", constraint, shown)
    return history


def _check_quantity(history: pd.DataFrame, quantity: Any) -> str:
    """Return ``quantity`` once checked against the known columns and the table's own."""
    quantity = check_choice("quantity", quantity, [*_HISTORY_LABELS, "new_ties"])
    if quantity == "new_ties":
        needed = ["n_agents", *(f"new_{origin}" for origin in _ROUND_ORIGINS)]
    else:
        needed = [quantity]
    absent = [column for column in needed if column not in history.columns]
    if absent:
        shown = Described(f"columns {list(history.columns)!r}")
        raise invalid("history", f"a table with the columns {needed!r}", shown)
    return quantity


def plot_growth(
    history: pd.DataFrame, quantity: str = "mean_degree", *, ax: Any = None, **artist_kwargs: Any
) -> Any:
    r"""Plot a quantity of the game's history against the round, one curve per strategy.

    Parameters
    ----------
    history : pandas.DataFrame
        The table ``G.graph["history"]`` of :func:`netsim.networking_game`,
        indexed by ``(round, strategy)``.
    quantity : str, default="mean_degree"
        A column of the history (``"n_agents"``, ``"n_active"``,
        ``"mean_degree"``, ``"mean_trust"``, ``"new_offline"``,
        ``"new_intro"``, ``"new_message"``, ``"new_cold"``, ``"pruned"``,
        ``"dropped"``, ``"maintained"``), drawn as it is, or ``"new_ties"``: the ties each
        agent made in the round, by origin (see Notes).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    **artist_kwargs
        Passed to ``ax.plot`` for every line (``marker``, ``linewidth``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: x the round (0 is the offline start), one line per
        strategy in the strategy's colour (three for ``"new_ties"``), and a
        legend.

    Raises
    ------
    TypeError
        If ``history`` is not a DataFrame.
    InvalidParameterError
        If ``history`` is empty, not indexed by ``(round, strategy)`` or lacks
        the columns drawn, or ``quantity`` is unknown (with a did-you-mean
        hint).

    See Also
    --------
    plot_growth_panels : several quantities, one axes each.
    plot_degree_distribution : the degrees at the end of the game.

    Notes
    -----
    ``quantity="new_ties"`` draws, for each strategy (colour) and each origin
    of the rounds (line style: solid ``intro``, dashed ``message``, dotted
    ``cold``), the new ties per agent of the strategy, ``new_<origin> /
    n_agents``, from round 1: the history counts a tie once per end of the
    strategy, so this is the mean number of ties an agent made that round
    and strategies of different sizes compare. Offline ties exist only at
    round 0, the starting network, and are left out (draw them with
    ``quantity="new_offline"``).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from netsim.plot import plot_growth
    >>> index = pd.MultiIndex.from_product([[0, 1, 2], ["lion", "organic"]],
    ...                                    names=["round", "strategy"])
    >>> history = pd.DataFrame({"mean_degree": [4.0, 4.0, 9.0, 4.5, 14.0, 5.0]}, index=index)
    >>> ax = plot_growth(history)
    >>> [line.get_ydata().tolist() for line in ax.get_lines()]
    [[4.0, 9.0, 14.0], [4.0, 4.5, 5.0]]
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('round', 'mean degree (ties per agent)')
    >>> plt.close(ax.figure)
    """
    history = _check_history(history)
    quantity = _check_quantity(history, quantity)
    strategies = _strategy_order(history.index.get_level_values("strategy"))
    colours = _colours(strategies)
    ax = _axes(ax)
    for name in strategies:
        rows = history.xs(name, level="strategy").sort_index()
        rounds = rows.index.to_numpy(dtype=np.float64)
        if quantity != "new_ties":
            values = rows[quantity].to_numpy(dtype=np.float64)
            ax.plot(rounds, values, label=name, **{"color": colours[name], **artist_kwargs})
            continue
        later = rounds >= 1
        agents = rows["n_agents"].to_numpy(dtype=np.float64)[later]
        for origin, style in _ROUND_ORIGINS.items():
            made = rows[f"new_{origin}"].to_numpy(dtype=np.float64)[later]
            with np.errstate(invalid="ignore", divide="ignore"):
                per_agent = made / agents
            options = {"color": colours[name], "linestyle": style, **artist_kwargs}
            ax.plot(rounds[later], per_agent, label=f"{name}, {origin}", **options)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("round")
    if quantity == "new_ties":
        ax.set_ylabel("new ties per agent")
        ax.legend(title="strategy, origin")
    else:
        ax.set_ylabel(_HISTORY_LABELS[quantity])
        ax.legend(title="strategy")
    return ax


def plot_growth_panels(
    history: pd.DataFrame,
    quantities: Any = _DEFAULT_PANELS,
    *,
    fig: Any = None,
    **artist_kwargs: Any,
) -> np.ndarray:
    r"""Plot several quantities of the game's history, one axes each, in a grid.

    Parameters
    ----------
    history : pandas.DataFrame
        The table ``G.graph["history"]`` of :func:`netsim.networking_game`.
    quantities : str or sequence of str, default=("mean_degree", "mean_trust", "new_ties", "pruned")
        The quantities, as ``quantity`` of :func:`plot_growth`, distinct.
    fig : matplotlib.figure.Figure, optional
        The figure to add the axes to; default a new figure.
    **artist_kwargs
        Passed to :func:`plot_growth` for every panel.

    Returns
    -------
    ndarray of matplotlib.axes.Axes of shape (len(quantities),)
        The axes, in the order of ``quantities``, laid out two a row with a
        shared round axis; a grid cell left over is removed.

    Raises
    ------
    TypeError
        If ``history`` is not a DataFrame.
    InvalidParameterError
        As :func:`plot_growth`, or if ``quantities`` is empty or repeats one.

    See Also
    --------
    plot_growth : one quantity on one axes.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from netsim.plot import plot_growth_panels
    >>> index = pd.MultiIndex.from_product([[0, 1], ["organic"]], names=["round", "strategy"])
    >>> history = pd.DataFrame({"mean_degree": [4.0, 4.2], "pruned": [0, 3]}, index=index)
    >>> axes = plot_growth_panels(history, ["mean_degree", "pruned"])
    >>> [ax.get_ylabel() for ax in axes]
    ['mean degree (ties per agent)', 'ties pruned (tie ends)']
    >>> plt.close(axes[0].figure)
    """
    history = _check_history(history)
    names = [quantities] if isinstance(quantities, str) else list(quantities)
    if not names:
        raise invalid("quantities", "a non-empty sequence of quantities", quantities)
    names = [_check_quantity(history, name) for name in names]
    if len(set(names)) != len(names):
        raise invalid("quantities", "distinct quantities", names)
    n_cols = min(2, len(names))
    n_rows = math.ceil(len(names) / n_cols)
    if fig is None:
        import matplotlib.pyplot as plt

        fig = plt.figure(figsize=(5.0 * n_cols, 3.5 * n_rows), layout="constrained")
    grid = np.asarray(fig.subplots(n_rows, n_cols, sharex=True, squeeze=False)).ravel()
    for extra in grid[len(names) :]:
        fig.delaxes(extra)
    axes = grid[: len(names)]
    for ax, name in zip(axes, names, strict=True):
        plot_growth(history, name, ax=ax, **artist_kwargs)
    return axes


def _check_pos(pos: Any, nodes: list[Any]) -> Mapping:
    if not isinstance(pos, Mapping):
        message = f"pos must be a mapping from node to (x, y); got {type(pos).__name__}."
        raise TypeError(message)
    missing = [node for node in nodes if node not in pos]
    if missing:
        shown = Described(f"a mapping without {len(missing)} node(s), such as {missing[0]!r}")
        raise invalid("pos", "a mapping from every node to its (x, y) position", shown)
    return pos


def plot_network(
    G: Any,
    *,
    ax: Any = None,
    pos: Any = None,
    max_nodes: int = 2000,
    seed: Any = None,
    **artist_kwargs: Any,
) -> Any:
    r"""Draw a small network of the game, agents coloured by strategy, ties as wide as trusted.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        A graph of :func:`netsim.networking_game` or a baseline: every node
        carries a ``strategy`` and every tie a ``trust`` in [0, 1] (for a
        CSRGraph, its weights with ``weight="trust"``).
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    pos : mapping of node to (x, y), optional
        The position of every node; default a spring layout (see Notes).
    max_nodes : int, default=2000
        The most nodes drawn, >= 1; a larger graph is refused, since its
        drawing would be unreadable and slow.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.
    **artist_kwargs
        Passed to ``networkx.draw_networkx_nodes`` for every strategy
        (``node_size``, default 20; ``alpha``; ``edgecolors``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on, without axis lines: the ties as half-transparent
        grey lines of width ``0.2 + 3 * trust`` points, the most trusted drawn
        last; the agents of each strategy as dots of its colour (isolated
        agents included); and a legend of the strategies.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph, ``pos`` not a
        mapping or ``max_nodes`` not an int.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.
    InvalidParameterError
        If ``G`` has more than ``max_nodes`` nodes (draw a subgraph), a node
        has no ``strategy``, a tie no trust in [0, 1], or ``pos`` misses a
        node.

    See Also
    --------
    networkx.draw_networkx : the drawing functions used.

    Notes
    -----
    Without ``pos``, the layout is ``networkx.spring_layout`` weighted by
    trust (trusted ties pull their ends closer). The layout draws from the
    stream ``(seed, GRAPH, 0)``: one int is drawn from it and given to
    networkx as its seed. The seed entropy is not recorded: pass an int to
    draw the same picture again. Below 500 nodes each of the layout's
    iterations takes :math:`O(n^2)` time; above, networkx uses a sparse
    method.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> from netsim.plot import plot_network
    >>> G = nx.cycle_graph(4)
    >>> nx.set_node_attributes(G, {0: "lion", 1: "lion", 2: "organic", 3: "organic"}, "strategy")
    >>> nx.set_edge_attributes(G, {(0, 1): 1.0, (1, 2): 0.5, (2, 3): 0.1, (0, 3): 0.0}, "trust")
    >>> ax = plot_network(G, seed=1)
    >>> [round(float(w), 2) for w in ax.collections[0].get_linewidths()]
    [0.2, 0.5, 1.7, 3.2]
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ['lion', 'organic']
    >>> plt.close(ax.figure)
    """
    max_nodes = check_int("max_nodes", max_nodes, minimum=1)
    n_nodes = G.n_nodes if isinstance(G, CSRGraph) else len(G) if isinstance(G, nx.Graph) else 0
    if n_nodes > max_nodes:  # refused before the graph is converted or laid out
        hint = "Draw a subgraph, such as G.subgraph(nodes) of a few hundred nodes."
        shown = Described(f"a graph of {n_nodes} nodes")
        raise invalid("G", f"a graph of at most max_nodes={max_nodes} nodes", shown, hint)
    csr, strategy, _ = _game_graph(G, trust=True, caller="plot_network")
    drawn = csr.to_networkx() if isinstance(G, CSRGraph) else G
    labels = csr.nodes.tolist()
    if pos is None:
        generator = task_generator(seed_sequence(seed), Purpose.GRAPH, 0)
        # networkx 3.6 layouts call the legacy .rand() of their seed, so
        # they get an int drawn from netsim's stream rather than the Generator.
        layout_seed = int(generator.integers(2**32 - 1))
        pos = nx.spring_layout(drawn, weight="trust", seed=layout_seed)
    else:
        pos = _check_pos(pos, labels)

    rows = csr.rows
    upper = rows < csr.indices
    trust = csr.weights[upper]
    order = np.argsort(trust, kind="stable")  # the most trusted ties on top
    ends = np.asarray(csr.nodes, dtype=object)
    first, second = ends[rows[upper][order]].tolist(), ends[csr.indices[upper][order]].tolist()
    edgelist = list(zip(first, second, strict=True))
    ax = _axes(ax)
    if edgelist:
        nx.draw_networkx_edges(
            drawn,
            pos,
            edgelist=edgelist,
            width=0.2 + 3.0 * trust[order],
            edge_color="0.6",
            alpha=0.5,
            ax=ax,
        )
    strategies = _strategy_order(strategy.tolist())
    colours = _colours(strategies)
    for name in strategies:
        members = [labels[i] for i in np.flatnonzero(strategy == name)]
        options = {"node_size": 20, "node_color": colours[name], "label": name, **artist_kwargs}
        nx.draw_networkx_nodes(drawn, pos, nodelist=members, ax=ax, **options)
    ax.set_axis_off()
    ax.legend(title="strategy")
    return ax
