"""The plots of the networking game: what each draws, checked through its artists.

Oracles: degrees and trusts counted by hand from the networkx graph (each tie
once per end of a strategy), ``numpy.histogram`` densities, the history
table's own columns, and the positions and trust of every drawn tie. Labels,
legends, colours and line styles are read back from the axes; no pixel is
compared. Plus: CSRGraph input gives the same drawing as networkx input, a
given ``ax`` is drawn on without a new figure, invalid inputs raise before any
figure is made, and no figure is left open.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.colors import to_rgba

import netsim
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.plot import (
    plot_degree_distribution,
    plot_growth,
    plot_growth_panels,
    plot_network,
    plot_trust_distribution,
)

LION, ORGANIC = to_rgba("#E69F00"), to_rgba("#0072B2")
COLUMNS = [
    "n_agents",
    "n_active",
    "mean_degree",
    "mean_trust",
    "new_offline",
    "new_intro",
    "new_message",
    "new_cold",
    "pruned",
    "dropped",
    "maintained",
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def game():
    return netsim.networking_game(300, 0.3, rounds=5, seed=1)


@pytest.fixture(scope="module")
def game_csr(game):
    return netsim.CSRGraph.from_networkx(game, weight="trust")


def _tie_ends(G, name):
    """Return the trust of every tie end of strategy ``name`` (a tie counts once per such end)."""
    ends = [(t, end) for u, v, t in G.edges(data="trust") for end in (u, v)]
    return np.array([t for t, end in ends if G.nodes[end]["strategy"] == name])


def _strategies(G):
    return [s for s in ("lion", "organic") if any(d == s for _, d in G.nodes(data="strategy"))]


def _legend(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


# --- degree distribution -------------------------------------------------------------------


def test_degree_distribution_is_the_ccdf_of_each_strategy(game):
    ax = plot_degree_distribution(game)
    lines = ax.get_lines()
    assert [line.get_label().split(" ")[0] for line in lines] == _strategies(game)
    for line, name in zip(lines, _strategies(game), strict=True):
        degrees = np.array([k for node, k in game.degree() if game.nodes[node]["strategy"] == name])
        support = sorted({k for k in degrees.tolist() if k > 0})
        np.testing.assert_array_equal(line.get_xdata(), support)
        expected = [np.mean(degrees >= k) for k in support]
        np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-12)
        label = f"{name} (n={degrees.size}, {int(np.sum(degrees == 0))} isolated)"
        assert line.get_label() == label
        assert line.get_color() == ("#E69F00" if name == "lion" else "#0072B2")
    assert ax.get_xscale() == ax.get_yscale() == "log"
    assert ax.get_xlabel() == "degree k (number of ties)"
    assert ax.get_ylabel() == "fraction of agents with degree ≥ k"
    assert ax.get_legend().get_title().get_text() == "strategy"


def test_degree_distribution_counts_isolated_agents_in_the_denominator():
    G = nx.Graph()
    G.add_nodes_from(range(6), strategy="organic")
    G.nodes[5]["strategy"] = "lion"
    G.add_edges_from([(0, 1), (1, 2), (1, 3)])  # degrees 1, 3, 1, 1, 0 and a lone LION
    ax = plot_degree_distribution(G, linewidth=2.5)
    lion, organic = ax.get_lines()
    assert _legend(ax) == ["lion (n=1, 1 isolated)", "organic (n=5, 1 isolated)"]
    assert lion.get_xdata().size == 0  # nothing to draw on a log axis
    np.testing.assert_array_equal(organic.get_xdata(), [1, 3])
    np.testing.assert_allclose(organic.get_ydata(), [4 / 5, 1 / 5])
    assert organic.get_linewidth() == 2.5
    ax.figure.canvas.draw()  # an empty line on log axes draws without warnings


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (60, 90, ["60", "70", "80", "90"]),
        (60, 900, ["100", "200", "500", "1000"]),
        (1, 5000, ["1", "10", "100", "1000"]),
    ],
)
def test_degree_axis_labels_are_plain_numbers_without_minor_labels(low, high, expected):
    # Complete bipartite: `high` organic agents of degree `low`, `low` LIONs of degree `high`.
    G = nx.complete_bipartite_graph(high, low)
    strategy = {v: "organic" if v < high else "lion" for v in G}
    nx.set_node_attributes(G, strategy, "strategy")
    nx.set_edge_attributes(G, 0.5, "trust")
    ax = plot_degree_distribution(G)
    ax.figure.canvas.draw()
    left, right = ax.get_xlim()
    shown = [
        label.get_text()
        for tick, label in zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)
        if left <= tick <= right
    ]
    assert shown == expected
    assert all(label.get_text() == "" for label in ax.get_xticklabels(minor=True))


def test_degree_distribution_of_a_csr_graph_equals_the_networkx_one(game, game_csr):
    ax = plot_degree_distribution(game)
    other = plot_degree_distribution(game_csr)
    for a, b in zip(ax.get_lines(), other.get_lines(), strict=True):
        np.testing.assert_array_equal(a.get_xydata(), b.get_xydata())
        assert a.get_label() == b.get_label()


# --- trust distribution --------------------------------------------------------------------


def test_trust_distribution_is_the_density_of_tie_ends(game):
    ax = plot_trust_distribution(game, bins=10)
    steps = ax.patches
    assert len(steps) == len(_strategies(game))
    for step, name in zip(steps, _strategies(game), strict=True):
        trust = _tie_ends(game, name)
        heights, edges = np.histogram(trust, bins=10, range=(0.0, 1.0), density=True)
        data = step.get_data()
        np.testing.assert_allclose(data.values, heights, rtol=1e-12)
        np.testing.assert_allclose(data.edges, edges, rtol=1e-12)
        assert np.sum(data.values * np.diff(data.edges)) == pytest.approx(1.0)
        assert step.get_label() == f"{name} ({trust.size} tie ends, mean {trust.mean():.2f})"
        assert step.get_edgecolor() == (LION if name == "lion" else ORGANIC)
        history = game.graph["history"]["mean_trust"].xs(name, level="strategy")
        assert trust.mean() == pytest.approx(history.iloc[-1], rel=1e-9)  # the same tie ends
    (threshold,) = ax.get_lines()
    w_min = game.graph["parameters"]["w_min"]
    np.testing.assert_array_equal(threshold.get_xdata(), [w_min, w_min])
    assert threshold.get_label() == f"w_min = {w_min:g}"
    assert ax.get_xlim() == (0.0, 1.0)
    assert ax.get_xlabel() == "trust w of a tie"
    assert ax.get_ylabel() == "density of tie ends"


def test_trust_distribution_counts_a_tie_once_per_end_and_marks_no_w_min_without_parameters():
    G = nx.Graph()
    G.add_nodes_from([0, 1], strategy="lion")
    G.add_nodes_from([2, 3], strategy="organic")
    G.add_edge(0, 1, trust=0.1)  # two LION ends
    G.add_edge(1, 2, trust=1.0)  # one end each; trust 1 falls in the last bin
    ax = plot_trust_distribution(G, bins=2, fill=True)
    lion, organic = ax.patches
    np.testing.assert_allclose(lion.get_data().values, [2 * 2 / 3, 2 * 1 / 3])
    np.testing.assert_allclose(organic.get_data().values, [0.0, 2.0])
    assert lion.get_fill()
    assert ax.get_lines() == []


def test_trust_distribution_of_a_strategy_without_ties_is_an_empty_entry():
    G = nx.Graph()
    G.add_nodes_from([0, 1], strategy="organic")
    G.add_node(2, strategy="lion")
    G.add_edge(0, 1, trust=0.5)
    ax = plot_trust_distribution(G)
    assert _legend(ax) == ["lion (no ties)", "organic (2 tie ends, mean 0.50)"]
    assert len(ax.patches) == 1


def test_trust_distribution_of_a_csr_graph_equals_the_networkx_one(game, game_csr):
    ax = plot_trust_distribution(game)
    other = plot_trust_distribution(game_csr)
    for a, b in zip(ax.patches, other.patches, strict=True):
        np.testing.assert_array_equal(a.get_data().values, b.get_data().values)
        assert a.get_label() == b.get_label()
    assert _legend(other) == _legend(ax)  # w_min too, from the CSRGraph's graph_attrs


# --- growth --------------------------------------------------------------------------------


@pytest.mark.parametrize("quantity", COLUMNS)
def test_growth_lines_equal_the_history_columns(game, quantity):
    history = game.graph["history"]
    ax = plot_growth(history, quantity)
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == _strategies(game)
    for line, name in zip(lines, _strategies(game), strict=True):
        rows = history.xs(name, level="strategy")
        np.testing.assert_array_equal(line.get_xdata(), rows.index.to_numpy())
        np.testing.assert_array_equal(line.get_ydata(), rows[quantity].to_numpy(dtype=float))
        assert to_rgba(line.get_color()) == (LION if name == "lion" else ORGANIC)
    assert ax.get_xlabel() == "round"
    assert ax.get_ylabel()
    assert ax.get_legend().get_title().get_text() == "strategy"


def test_growth_default_is_the_mean_degree_in_rounds_order(game):
    history = game.graph["history"]
    shuffled = history.sample(frac=1.0, random_state=np.random.default_rng(0))
    ax = plot_growth(shuffled)
    assert ax.get_ylabel() == "mean degree (ties per agent)"
    organic = ax.get_lines()[-1]
    expected = history.xs("organic", level="strategy")["mean_degree"]
    np.testing.assert_array_equal(organic.get_xdata(), np.arange(len(expected)))
    np.testing.assert_array_equal(organic.get_ydata(), expected.to_numpy())


def test_growth_new_ties_are_per_agent_by_origin_from_round_one(game):
    history = game.graph["history"]
    ax = plot_growth(history, "new_ties", marker="o")
    lines = ax.get_lines()
    expected_labels = [f"{s}, {o}" for s in _strategies(game) for o in ("intro", "message", "cold")]
    assert [line.get_label() for line in lines] == expected_labels
    styles = {"intro": "-", "message": "--", "cold": ":"}
    for line in lines:
        name, origin = line.get_label().split(", ")
        rows = history.xs(name, level="strategy").loc[1:]
        np.testing.assert_array_equal(line.get_xdata(), rows.index.to_numpy())
        expected = rows[f"new_{origin}"].to_numpy() / rows["n_agents"].to_numpy()
        np.testing.assert_allclose(line.get_ydata(), expected, rtol=1e-12)
        assert to_rgba(line.get_color()) == (LION if name == "lion" else ORGANIC)
        assert line.get_linestyle() == styles[origin]
        assert line.get_marker() == "o"
    assert ax.get_ylabel() == "new ties per agent"
    assert ax.get_legend().get_title().get_text() == "strategy, origin"


def test_growth_panels_draw_each_quantity_on_its_axes(game):
    history = game.graph["history"]
    axes = plot_growth_panels(history, ["mean_degree", "pruned", "new_ties"])
    assert isinstance(axes, np.ndarray)
    assert axes.shape == (3,)
    assert [ax.get_ylabel() for ax in axes] == [
        "mean degree (ties per agent)",
        "ties pruned (tie ends)",
        "new ties per agent",
    ]
    figure = axes[0].figure
    assert len(figure.axes) == 3  # the fourth grid cell is removed
    assert plt.get_fignums() == [figure.number]
    np.testing.assert_array_equal(
        axes[1].get_lines()[0].get_ydata(),
        history.xs(_strategies(game)[0], level="strategy")["pruned"].to_numpy(dtype=float),
    )
    fig = plt.figure()
    default = plot_growth_panels(history, fig=fig)
    assert default.shape == (4,)
    assert {ax.figure for ax in default} == {fig}
    assert len(plt.get_fignums()) == 2


# --- network -------------------------------------------------------------------------------


def _small_game():
    return netsim.networking_game(60, 0.3, rounds=3, seed=5)


def _segment_nodes(pos, segments):
    """Return the two nodes each drawn segment joins, found from its end positions."""
    where = {tuple(np.round(np.asarray(xy, dtype=float), 12)): node for node, xy in pos.items()}
    return [tuple(where[tuple(np.round(point, 12))] for point in segment) for segment in segments]


def test_network_draws_every_tie_with_width_growing_with_trust():
    G = _small_game()
    pos = {node: (float(node), float(node * node % 17)) for node in G}
    ax = plot_network(G, pos=pos, node_size=5)
    edges = ax.collections[0]
    segments = edges.get_segments()
    assert len(segments) == G.number_of_edges()
    ends = _segment_nodes(pos, segments)
    trust = np.array([G.edges[u, v]["trust"] for u, v in ends])
    np.testing.assert_allclose(edges.get_linewidths(), 0.2 + 3.0 * trust, rtol=1e-12)
    assert np.all(np.diff(trust) >= 0)  # most trusted drawn last
    assert {frozenset(pair) for pair in ends} == {frozenset(edge) for edge in G.edges()}
    assert not ax.axison


def test_network_colours_agents_by_strategy():
    G = _small_game()
    pos = nx.circular_layout(G)
    ax = plot_network(G, pos=pos)
    nodes = ax.collections[1:]
    assert _legend(ax) == ["lion", "organic"]
    assert ax.get_legend().get_title().get_text() == "strategy"
    for collection, name, colour in zip(nodes, ["lion", "organic"], [LION, ORGANIC], strict=True):
        members = [node for node in G if G.nodes[node]["strategy"] == name]
        np.testing.assert_allclose(collection.get_offsets(), [pos[node] for node in members])
        assert {tuple(c) for c in collection.get_facecolors()} == {colour}
    assert sum(len(c.get_offsets()) for c in nodes) == G.number_of_nodes()  # isolated too


def test_network_layout_is_reproducible_from_seed():
    G = _small_game()
    first = plot_network(G, seed=3).collections[1].get_offsets()
    again = plot_network(G, seed=3).collections[1].get_offsets()
    other = plot_network(G, seed=4).collections[1].get_offsets()
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first, other)


def test_network_of_a_csr_graph_equals_the_networkx_one():
    G = _small_game()
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    pos = nx.circular_layout(G)
    ax = plot_network(G, pos=pos)
    other = plot_network(csr, pos=pos)
    for a, b in zip(ax.collections, other.collections, strict=True):
        np.testing.assert_allclose(np.asarray(a.get_offsets()), np.asarray(b.get_offsets()))
    np.testing.assert_allclose(
        ax.collections[0].get_linewidths(), other.collections[0].get_linewidths()
    )
    np.testing.assert_array_equal(
        plot_network(G, seed=2).collections[1].get_offsets(),
        plot_network(csr, seed=2).collections[1].get_offsets(),
    )


def test_network_without_ties_draws_only_agents():
    G = nx.empty_graph(3)
    nx.set_node_attributes(G, "organic", "strategy")
    ax = plot_network(G, seed=0)
    assert len(ax.collections) == 1
    assert len(ax.collections[0].get_offsets()) == 3


# --- shared behaviour and errors -----------------------------------------------------------


def test_given_axes_are_drawn_on_without_a_new_figure_nor_settings_changed(game):
    settings = dict(matplotlib.rcParams)
    fig, axes = plt.subplots(1, 4)
    small = _small_game()
    assert plot_degree_distribution(game, ax=axes[0]) is axes[0]
    assert plot_trust_distribution(game, ax=axes[1]) is axes[1]
    assert plot_growth(game.graph["history"], ax=axes[2]) is axes[2]
    assert plot_network(small, ax=axes[3], seed=0) is axes[3]
    assert plt.get_fignums() == [fig.number]
    assert plot_degree_distribution(game).figure is not fig
    assert dict(matplotlib.rcParams) == settings


def _no_strategy():
    G = nx.path_graph(3)
    nx.set_edge_attributes(G, 0.5, "trust")
    return G


def _partial_strategy():
    G = _no_strategy()
    G.nodes[0]["strategy"] = "lion"
    return G


def _bad_trust():
    G = _no_strategy()
    nx.set_node_attributes(G, "lion", "strategy")
    G.edges[0, 1]["trust"] = 1.5
    return G


def _tie_without_trust():
    G = _bad_trust()
    del G.edges[0, 1]["trust"]
    return G


def _no_trust_csr():
    G = _bad_trust()
    return netsim.CSRGraph.from_networkx(G)


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda g: plot_degree_distribution([1, 2]), TypeError, "G must be a networkx graph"),
        (
            lambda g: plot_degree_distribution(nx.DiGraph(g)),
            UnsupportedGraphError,
            "undirected",
        ),
        (
            lambda g: plot_degree_distribution(_no_strategy()),
            InvalidParameterError,
            "G must be a graph whose nodes carry a 'strategy' attribute",
        ),
        (
            lambda g: plot_trust_distribution(_partial_strategy()),
            InvalidParameterError,
            r"every node has a 'strategy'; got 2 node\(s\) without one, such as 1",
        ),
        (
            lambda g: plot_trust_distribution(_bad_trust()),
            InvalidParameterError,
            r"the trust of every tie must be a float in \[0, 1\]; got 1.5",
        ),
        (
            lambda g: plot_network(_tie_without_trust()),
            InvalidParameterError,
            r"edge \(0, 1\) has no 'trust' attribute",
        ),
        (
            lambda g: plot_trust_distribution(_no_trust_csr()),
            InvalidParameterError,
            "weight='trust'",
        ),
        (lambda g: plot_trust_distribution(g, bins=0), InvalidParameterError, "bins must be"),
        (
            lambda g: plot_growth(g.graph["history"], "mean_degre"),
            InvalidParameterError,
            "quantity must be one of .*Did you mean 'mean_degree'",
        ),
        (lambda g: plot_growth(g.graph["history"].to_numpy()), TypeError, "history must be a"),
        (
            lambda g: plot_growth(g.graph["history"].reset_index()),
            InvalidParameterError,
            r"indexed by \(round, strategy\)",
        ),
        (
            lambda g: plot_growth(g.graph["history"][["n_agents"]], "new_ties"),
            InvalidParameterError,
            "history must be a table with the columns",
        ),
        (
            lambda g: plot_growth_panels(g.graph["history"], ["pruned", "pruned"]),
            InvalidParameterError,
            "quantities must be distinct",
        ),
        (
            lambda g: plot_growth_panels(g.graph["history"], []),
            InvalidParameterError,
            "quantities must be a non-empty",
        ),
        (
            lambda g: plot_network(g, max_nodes=100),
            InvalidParameterError,
            "G must be a graph of at most max_nodes=100 nodes; got a graph of 300 nodes. "
            r"Draw a subgraph",
        ),
        (
            lambda g: plot_network(netsim.CSRGraph.from_networkx(g), max_nodes=10),
            InvalidParameterError,
            "at most max_nodes=10 nodes; got a graph of 300 nodes",
        ),
        (lambda g: plot_network(g, max_nodes=0), InvalidParameterError, "max_nodes must be"),
        (
            lambda g: plot_network(g, pos={0: (0.0, 0.0)}),
            InvalidParameterError,
            r"pos must be a mapping from every node .* without 299 node\(s\), such as 1",
        ),
        (lambda g: plot_network(g, pos=[(0.0, 0.0)]), TypeError, "pos must be a mapping"),
        (lambda g: plot_network(g, seed=-1), InvalidParameterError, "seed must be"),
        (lambda g: plot_network(g, seed=1.5), TypeError, "seed must be"),
    ],
)
def test_invalid_inputs(game, call, error, match):
    before = plt.get_fignums()
    with pytest.raises(error, match=match):
        call(game)
    assert plt.get_fignums() == before  # checked before any figure is made
