"""The "spreaders" analyses of an experiment report, checked against the API they summarise.

The results are built here with the public API, in the table formats of an
experiment (two replicates of a networking-game network, whose graphs
differ, and two of the jazz data set, the same graph each time; two values
of beta_factor; degree, k-shell and the H-index). Oracles: every number of a
table equals an independent recomputation from the node table (another
groupby, the API function on the slice, a sort by hand); every number a
sentence quotes is one of its table's; the figures have one panel per
condition, labelled axes; results lacking an input raise a clear error.
"""

import dataclasses
import math
import re
import types

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netsim
from netsim.exceptions import InvalidParameterError
from netsim.experiments import ExperimentResults
from netsim.report import Finding
from netsim.report._analyses_nodes import ANALYSES as _NODES
from netsim.report._analyses_rankings import ANALYSES as _RANKINGS
from netsim.report._analyses_sources import ANALYSES as _SOURCES
from netsim.report._words import fmt, headline_spread

BETA_FACTORS = (1.0, 2.0)
N_RUNS = 200
SOURCE_STRATEGIES = ["degree", "k_shell", "k_shell_apart"]
GAME = "game lion_fraction=0.3"

#: The analyses under test, in the order a report lists them.
ANALYSES = {**_NODES, **_RANKINGS, **_SOURCES}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _graph(network, replicate):
    if network == GAME:
        return netsim.networking_game(300, 0.3, rounds=10, seed=11 + replicate)
    return netsim.datasets.load("jazz")


def _condition(network, replicate, beta_factor):
    """The condition columns of one task, as an experiment writes them."""
    game = network == GAME
    return {
        "network": network,
        "kind": "game" if game else "dataset",
        "n": 300 if game else None,
        "lion_fraction": 0.3 if game else None,
        "name": None if game else "jazz",
        "replicate": replicate,
        "spread": f"sir beta_factor={beta_factor:g}",
        "model": "sir",
        "beta_factor": beta_factor,
        "n_runs": N_RUNS,
    }


def _task(G, condition, seed, clustering):
    """The node, network and source rows of one task."""
    nodes = pd.DataFrame({"node": list(G)})
    strategies = nx.get_node_attributes(G, "strategy")
    nodes["strategy"] = [strategies.get(node) for node in G] if strategies else None
    active = nx.get_node_attributes(G, "active")
    nodes["active"] = [active.get(node) for node in G] if active else None
    nodes["degree"] = netsim.degree(G).to_numpy()
    nodes["k_shell"] = netsim.core_number(G).to_numpy()
    trust = nx.get_edge_attributes(G, "trust")
    nodes["strength"] = (
        [sum(G.edges[node, other]["trust"] for other in G[node]) for node in G] if trust else np.nan
    )
    nodes["h_index"] = netsim.centrality(G, "h_index").to_numpy()
    beta_factor = condition["beta_factor"]
    spread = netsim.spreading_efficiency(
        G, beta_factor=beta_factor, n_runs=N_RUNS, batches=10, seed=seed
    )
    for column in ["M", "M_se", *(f"M_batch_{j}" for j in range(10))]:
        nodes[column] = spread[column].to_numpy()
    core = netsim.core_number(G)
    network = {
        "n_nodes": G.number_of_nodes(),
        "n_edges": G.number_of_edges(),
        "mean_degree": 2 * G.number_of_edges() / G.number_of_nodes(),
        "k_max": int(core.max()),
        "inner_core_size": int((core == core.max()).sum()),
        "clustering": clustering,
        "mean_trust": float(np.mean(list(trust.values()))) if trust else np.nan,
        "n_lion": sum(value == "lion" for value in strategies.values()),
        "beta": beta_factor * netsim.epidemic_threshold(G),
        "beta_c": netsim.epidemic_threshold(G),
        "seconds": 0.0,
    }
    sources = netsim.compare_sources(
        G, 3, strategies=SOURCE_STRATEGIES, beta_factor=beta_factor, n_runs=N_RUNS, seed=seed
    ).reset_index()
    sources["sources"] = [" ".join(map(str, chosen)) for chosen in sources["sources"]]
    head = pd.DataFrame([condition])
    return (
        pd.concat([pd.concat([head] * len(nodes), ignore_index=True), nodes], axis=1),
        pd.concat([head, pd.DataFrame([network])], axis=1),
        pd.concat([pd.concat([head] * len(sources), ignore_index=True), sources], axis=1),
    )


def build_results(networks=(GAME, "jazz"), beta_factors=BETA_FACTORS, replicates=2):
    """Run every task and assemble the tables, in declared order."""
    parts = []
    seed = 0
    for network in networks:
        for replicate in range(replicates):
            G = _graph(network, replicate)
            clustering = nx.average_clustering(G)
            for beta_factor in beta_factors:
                seed += 1
                condition = _condition(network, replicate, beta_factor)
                parts.append(_task(G, condition, seed, clustering))
    nodes, tasks, sources = (
        pd.concat(column, ignore_index=True) for column in zip(*parts, strict=True)
    )
    config = types.SimpleNamespace(
        name="spreaders", title="Spreaders", description="", seed=5, replicates=replicates
    )
    return ExperimentResults(
        config=config,
        nodes=nodes,
        networks=tasks,
        sources=sources,
        network_columns=("kind", "name") if len(networks) > 1 else (),
        spread_columns=("beta_factor",) if len(beta_factors) > 1 else (),
    )


@pytest.fixture(scope="module")
def results():
    return build_results()


@pytest.fixture(scope="module")
def findings(results):
    return {name: analysis(results) for name, analysis in ANALYSES.items()}


def numbers_in(sentence):
    """Return the numbers a sentence quotes (thousands separators removed)."""
    return [float(text.replace(",", "")) for text in re.findall(r"-?\d[\d,]*\.?\d*", sentence)]


def quoted(value, sentence, rel=5e-3):
    """Return whether the sentence quotes ``value`` to its three significant digits."""
    return any(
        math.isclose(value, number, rel_tol=rel, abs_tol=5e-4) for number in numbers_in(sentence)
    )


def panels(figure, xlabel):
    """Return the axes of a figure drawn with the given x label (colour bars excluded)."""
    return [ax for ax in figure.axes if ax.get_xlabel() == xlabel]


def slice_of(frame, network, spread, replicate=None):
    rows = (frame["network"] == network) & (frame["spread"] == spread)
    if replicate is not None:
        rows &= frame["replicate"] == replicate
    return frame[rows]


# --- common to all -------------------------------------------------------------------------


def test_the_registry_names_the_six_analyses():
    assert list(ANALYSES) == [
        "top_spreaders",
        "strategy_comparison",
        "efficiency_grid",
        "imprecision",
        "kendall_vs_beta",
        "sources",
    ]


@pytest.mark.parametrize("name", list(ANALYSES))
def test_every_analysis_returns_a_finding_named_after_it(findings, name):
    finding = findings[name]
    assert isinstance(finding, Finding)
    assert finding.name == name
    assert 0 < len(finding.title) <= 60
    assert finding.sentence.endswith(".")
    assert isinstance(finding.table, pd.DataFrame)
    assert not finding.table.empty
    assert finding.table.index.equals(pd.RangeIndex(len(finding.table)))
    assert finding.figure.axes


# --- top_spreaders -------------------------------------------------------------------------


def test_top_spreaders_are_the_ten_highest_m(results, findings):
    table = findings["top_spreaders"].table
    nodes = results.nodes
    for spread in nodes["spread"].unique():
        # the game: replicate 0 only, since its graphs differ between replicates
        rows = slice_of(table, GAME, spread)
        assert (rows["replicates"] == "replicate 0 (graphs differ)").all()
        first = slice_of(nodes, GAME, spread, 0)
        expected = first.sort_values("M", ascending=False, kind="stable").head(10)
        assert rows["rank"].tolist() == list(range(1, 11))
        assert rows["node"].tolist() == expected["node"].tolist()
        np.testing.assert_allclose(rows["M"], expected["M"])
        assert rows["strategy"].tolist() == expected["strategy"].tolist()
        # jazz: the same graph in both replicates, so M is averaged over them
        rows = slice_of(table, "jazz", spread)
        both = slice_of(nodes, "jazz", spread).pivot(index="node", columns="replicate")
        mean = both["M"].mean(axis=1)
        se = np.sqrt((both["M_se"] ** 2).sum(axis=1)) / 2
        best = mean.sort_values(ascending=False, kind="stable").head(10)
        assert rows["node"].tolist() == best.index.tolist()
        np.testing.assert_allclose(rows["M"], best.to_numpy())
        np.testing.assert_allclose(rows["M_se"], se[best.index].to_numpy())
        degree = both["degree"][0]
        np.testing.assert_array_equal(rows["degree"], degree[best.index].to_numpy())
        k_max = both["k_shell"][0].max()
        np.testing.assert_array_equal(rows["inner_core"], both["k_shell"][0][best.index] == k_max)
        tenth = np.sort(degree.to_numpy())[::-1][9]
        np.testing.assert_array_equal(rows["top_degree"], degree[best.index] >= tenth)


def test_top_spreaders_count_the_nodes_level_with_the_tenth(results, findings):
    """level_with_10th: nodes outside the ten whose M is within 2 combined SEs of the tenth's."""
    table = findings["top_spreaders"].table
    for spread in results.nodes["spread"].unique():
        first = slice_of(results.nodes, GAME, spread, 0)
        ranked = first.sort_values("M", ascending=False, kind="stable")
        tenth, rest = ranked.iloc[9], ranked.iloc[10:]
        brute = sum(
            m + 2 * math.hypot(se, tenth["M_se"]) >= tenth["M"]
            for m, se in zip(rest["M"], rest["M_se"], strict=True)
        )
        rows = slice_of(table, GAME, spread)
        assert (rows["level_with_10th"] == brute).all()


def test_level_with_the_tenth_on_hand_made_values():
    """Within 2 combined standard errors of the tenth, counted on values made by hand."""
    from netsim.report._analyses_nodes import _level_with_last

    top = pd.DataFrame({"M": [10.0] * 10, "M_se": [1.0] * 10})
    level = pd.DataFrame({"M": [9.0, 7.5, 1.0], "M_se": [1.0, 0.1, 0.1]})
    # 9 + 2 * sqrt(2) >= 10; 7.5 + 2 * sqrt(1.01) < 10; 1 far below
    assert _level_with_last(top, level) == 1
    assert _level_with_last(top, level.iloc[1:]) == 0


def test_top_spreaders_sentence_counts_come_from_the_table(findings):
    finding = findings["top_spreaders"]
    # beta_factor 1 and 2 are equally close to 1.5: the first is the headline
    assert finding.sentence.startswith("At the epidemic threshold, ")
    for network, name in ((GAME, "the networking game with 30 % LIONs"), ("jazz", "jazz")):
        rows = finding.table[finding.table["network"] == network]
        counts = rows.groupby("spread")[["inner_core", "top_degree"]].sum()
        assert f"best spreaders of {name} sit in" in finding.sentence
        for column in counts:
            assert quoted(counts.loc["sir beta_factor=1", column], finding.sentence)
        level = rows.loc[rows["spread"] == "sir beta_factor=1", "level_with_10th"].iloc[0]
        if level:
            assert f"but {level:,} more nodes reach an M within 2" in finding.sentence


def test_top_spreaders_figure_has_a_panel_per_network_and_spread(findings):
    figure = findings["top_spreaders"].figure
    axes = panels(figure, "degree k")
    assert len(axes) == 4
    assert all(ax.get_ylabel().startswith("spreading efficiency M") for ax in axes)
    # the game panels are coloured by strategy, with a legend
    labels = [text.get_text() for ax in axes for text in ax.get_legend().get_texts()]
    assert "LION" in labels
    assert "10 highest M" in labels


# --- strategy_comparison -------------------------------------------------------------------


def test_strategy_means_equal_a_pivot_over_replicates(results, findings):
    table = findings["strategy_comparison"].table
    assert set(table["network"]) == {GAME}  # jazz has no strategies
    game = results.nodes[results.nodes["network"] == GAME]
    t_one = 12.706204736174698  # Student's t, 95 %, one degree of freedom
    for quantity in ("degree", "k_shell", "M"):
        per_replicate = game.pivot_table(
            index=["spread", "strategy"], columns="replicate", values=quantity, aggfunc="mean"
        )
        for spread in game["spread"].unique():
            expected = {s: per_replicate.loc[(spread, s)] for s in ("lion", "organic")}
            expected["lion - organic"] = expected["lion"] - expected["organic"]
            for strategy, values in expected.items():
                row = table[
                    (table["spread"] == spread)
                    & (table["strategy"] == strategy)
                    & (table["quantity"] == quantity)
                ]
                assert len(row) == 1
                se = values.std(ddof=1) / math.sqrt(2)
                assert row["mean"].item() == pytest.approx(values.mean())
                assert row["se"].item() == pytest.approx(se)
                assert row["ci_low"].item() == pytest.approx(values.mean() - t_one * se)
                assert row["ci_high"].item() == pytest.approx(values.mean() + t_one * se)
                assert row["ci_over"].item() == "replicates"


def test_strategy_comparison_over_one_replicate_uses_the_runs(results):
    one = dataclasses.replace(results, nodes=results.nodes[results.nodes["replicate"] == 0])
    table = ANALYSES["strategy_comparison"](one).table
    game = one.nodes[(one.nodes["network"] == GAME) & (one.nodes["strategy"] == "lion")]
    game = game[game["spread"] == "sir beta_factor=2"]
    row = table[
        (table["spread"] == "sir beta_factor=2")
        & (table["strategy"] == "lion")
        & (table["quantity"] == "M")
    ]
    assert row["se"].item() == pytest.approx(game["M_se"].mean())
    assert row["ci_over"].item() == "runs"


def test_strategy_comparison_sentence_and_figure(findings):
    finding = findings["strategy_comparison"]
    table = finding.table.set_index(["spread", "strategy", "quantity"])
    for quantity, ranked in (
        ("k_shell", "LIONs sit in higher k-shells than organic networkers (difference"),
        ("M", "LIONs reach further than organic networkers (difference"),
    ):
        difference = table.loc[("sir beta_factor=1", "lion - organic", quantity)]
        for value in difference[["mean", "ci_low", "ci_high"]]:
            assert quoted(value, finding.sentence)
        assert (ranked in finding.sentence) == (difference["ci_low"] > 0)
    assert finding.sentence.endswith("(95 % CIs are t-intervals over 2 independent networks).")
    axes = finding.figure.axes
    assert len(axes) == 3
    assert [ax.get_ylabel() for ax in axes] == [
        "degree k",
        "k-shell index k_S",
        "spreading efficiency M (nodes)",
    ]
    for ax in axes:
        drawn = [p for p in ax.patches if str(p.get_gid()).startswith("box ")]
        assert len(drawn) == 2  # one network, two strategies
        assert sum(str(c.get_gid()).startswith("points ") for c in ax.collections) == 2


def test_strategy_comparison_needs_strategies():
    jazz = build_results(networks=("jazz",), beta_factors=(1.5,), replicates=1)
    with pytest.raises(InvalidParameterError, match="strategy_comparison needs networks"):
        ANALYSES["strategy_comparison"](jazz)


# --- efficiency_grid -----------------------------------------------------------------------


def test_efficiency_grid_is_the_api_grid_of_replicate_0(results, findings):
    table = findings["efficiency_grid"].table
    for network in (GAME, "jazz"):
        for spread in ("sir beta_factor=1", "sir beta_factor=2"):
            rows = slice_of(table, network, spread)
            assert (rows["replicate"] == 0).all()
            first = slice_of(results.nodes, network, spread, 0).set_index("node")
            # by hand: mean M of each occupied (k_shell, degree) cell
            cells = {}
            for k_shell, degree, m in zip(
                first["k_shell"], first["degree"], first["M"], strict=True
            ):
                cells.setdefault((k_shell, degree), []).append(m)
            assert len(rows) == len(cells)
            for row in rows.itertuples():
                efficiency = row.M
                assert efficiency == pytest.approx(np.mean(cells[row.k_shell, row.degree]))
                assert row.n_nodes == len(cells[row.k_shell, row.degree])


def test_efficiency_grid_sentence_quotes_the_best_cell(findings):
    finding = findings["efficiency_grid"]
    first = finding.table[finding.table["spread"] == "sir beta_factor=1"]
    for network in (GAME, "jazz"):
        rows = first[first["network"] == network]
        best = rows.loc[rows["M"].idxmax()]
        assert quoted(best["M"], finding.sentence)
        assert f"k_S = {best['k_shell']}, k = {best['degree']}" in finding.sentence
        inner = rows[rows["k_shell"] == rows["k_shell"].max()]
        assert quoted(np.average(inner["M"], weights=inner["n_nodes"]), finding.sentence)
    axes = panels(finding.figure, "degree k")
    assert len(axes) == 4
    assert all(ax.get_ylabel() == "k-shell index k_S" for ax in axes)


# --- imprecision ---------------------------------------------------------------------------


def test_imprecision_equals_the_api_on_each_replicate(results, findings):
    table = findings["imprecision"].table
    assert set(table["measure"]) == {"degree", "k_shell", "h_index"}
    assert sorted(set(table["p"])) == [0.01, 0.02, 0.05, 0.1, 0.2]
    for network in (GAME, "jazz"):
        for spread in ("sir beta_factor=1", "sir beta_factor=2"):
            rows = slice_of(table, network, spread)
            for measure in ("degree", "k_shell", "h_index"):
                scores = []
                for replicate in (0, 1):
                    task = slice_of(results.nodes, network, spread, replicate).set_index("node")
                    scores.append(
                        netsim.imprecision(task[measure], task["M"], [0.01, 0.02, 0.05, 0.1, 0.2])
                    )
                scores = pd.concat(scores, axis=1)
                mine = rows[rows["measure"] == measure].set_index("p")
                np.testing.assert_allclose(mine["imprecision"], scores.mean(axis=1))
                np.testing.assert_allclose(mine["imprecision_se"], scores.sem(axis=1))


def test_condition_columns_after_the_node_columns_are_not_measures(results, findings):
    # a spread parameter only some conditions have may land after M_se
    extra = dataclasses.replace(results, nodes=results.nodes.assign(theta=np.nan, mu=1.0))
    table = ANALYSES["imprecision"](extra).table
    pd.testing.assert_frame_equal(table, findings["imprecision"].table)


def test_imprecision_sentence_names_best_and_worst_at_5_percent(findings):
    finding = findings["imprecision"]
    table = finding.table
    at5 = table[(table["p"] == 0.05) & (table["spread"] == "sir beta_factor=1")]
    for network in (GAME, "jazz"):
        rows = at5[at5["network"] == network].set_index("measure")["imprecision"]
        assert quoted(rows.min(), finding.sentence)
        assert quoted(rows.max(), finding.sentence)
    axes = panels(finding.figure, "top fraction p of nodes (%)")
    assert len(axes) == 4
    assert all(ax.get_ylabel() == "imprecision ε(p)" for ax in axes)
    assert [t.get_text() for t in finding.figure.legends[0].get_texts()] == [
        "degree",
        "k_shell",
        "h_index",
    ]


# --- kendall_vs_beta -----------------------------------------------------------------------


def test_kendall_tau_equals_scipy_per_replicate(results, findings):
    table = findings["kendall_vs_beta"].table
    for network in (GAME, "jazz"):
        for beta_factor in BETA_FACTORS:
            spread = f"sir beta_factor={beta_factor:g}"
            for measure in ("degree", "k_shell", "h_index"):
                taus = []
                for replicate in (0, 1):
                    task = slice_of(results.nodes, network, spread, replicate)
                    taus.append(stats_tau(task[measure], task["M"]))
                row = table[
                    (table["network"] == network)
                    & (table["beta_factor"] == beta_factor)
                    & (table["measure"] == measure)
                ]
                assert row["tau"].item() == pytest.approx(np.mean(taus))
                assert row["tau_se"].item() == pytest.approx(np.std(taus, ddof=1) / math.sqrt(2))


def stats_tau(x, y):
    from scipy.stats import kendalltau

    return kendalltau(x.to_numpy(), y.to_numpy(), variant="b").statistic


def test_kendall_sentence_and_figure(findings):
    finding = findings["kendall_vs_beta"]
    table = finding.table
    for network in (GAME, "jazz"):
        for beta_factor in BETA_FACTORS:
            rows = table[(table["network"] == network) & (table["beta_factor"] == beta_factor)]
            assert quoted(rows["tau"].max(), finding.sentence)
    axes = panels(finding.figure, "β as a multiple of the epidemic threshold β_c")
    assert len(axes) == 2
    assert all(ax.get_ylabel() == "Kendall's τ_b of measure against M" for ax in axes)
    assert len(finding.figure.legends[0].get_texts()) == 3


def test_kendall_needs_a_beta_sweep():
    one = build_results(networks=("jazz",), beta_factors=(1.5,), replicates=1)
    with pytest.raises(InvalidParameterError, match="beta, beta_factor or target_outbreak"):
        ANALYSES["kendall_vs_beta"](one)


# --- sources -------------------------------------------------------------------------------


def test_sources_average_the_replicates(results, findings):
    table = findings["sources"].table
    for network in (GAME, "jazz"):
        for spread in ("sir beta_factor=1", "sir beta_factor=2"):
            given = slice_of(results.sources, network, spread)
            rows = slice_of(table, network, spread).set_index("strategy")
            assert rows.index.tolist() == SOURCE_STRATEGIES
            for strategy in SOURCE_STRATEGIES:
                mine = given[given["strategy"] == strategy]
                assert rows.loc[strategy, "size"] == pytest.approx(mine["size"].mean())
                assert rows.loc[strategy, "overlap"] == pytest.approx(mine["overlap"].mean())
                if network == "jazz":  # same graph: the runs' errors pooled
                    se = math.sqrt((mine["size_se"] ** 2).sum()) / 2
                else:  # graphs differ: the spread between replicates
                    se = mine["size"].std(ddof=1) / math.sqrt(2)
                assert rows.loc[strategy, "size_se"] == pytest.approx(se)


def test_sources_sentence_and_figure(findings):
    finding = findings["sources"]
    first = finding.table[finding.table["spread"] == "sir beta_factor=1"]
    for network in (GAME, "jazz"):
        rows = first[first["network"] == network].set_index("strategy")
        for strategy in SOURCE_STRATEGIES:
            assert quoted(rows.loc[strategy, "size"], finding.sentence)
            assert quoted(rows.loc[strategy, "overlap"], finding.sentence)
    axes = panels(finding.figure, "strategy")
    assert len(axes) == 4
    assert all(ax.get_ylabel() == "joint outbreak size (nodes)" for ax in axes)
    assert [t.get_text() for t in axes[0].get_xticklabels()] == SOURCE_STRATEGIES


def test_sources_need_a_sources_table(results):
    empty = dataclasses.replace(results, sources=results.sources.iloc[:0])
    with pytest.raises(InvalidParameterError, match=r"needs a \[sources\] table in the config"):
        ANALYSES["sources"](empty)


def test_missing_node_columns_are_named(results):
    bare = dataclasses.replace(results, nodes=results.nodes.drop(columns="M"))
    with pytest.raises(InvalidParameterError, match="'M'"):
        ANALYSES["top_spreaders"](bare)


# --- sentences: the headline condition, and many networks summarised ---------------------------


def test_the_headline_spread_condition():
    rows = pd.DataFrame(
        {
            "spread": ["a", "b", "c", "d", "e", "f"],
            "model": ["threshold", "sir", "sir", "sir", "sir", "sir"],
            "transmission": ["contact", "trust", "trust", "contact", "contact", "contact"],
            "beta_factor": [1.5, 1.5, 1.4, 1.0, 1.75, 3.0],
        }
    )
    # SIR, then contact, then the beta_factor closest to 1.5 (1.75 against 1.0)
    assert headline_spread(rows) == "e"
    betas = pd.DataFrame({"spread": list("abcd"), "beta": [0.4, 0.1, 0.3, 0.2]})
    assert headline_spread(betas) == "d"  # the median of 0.1, 0.2, 0.3 and 0.4: the lower
    assert headline_spread(pd.DataFrame({"spread": ["x", "y"], "n_runs": [1, 2]})) == "x"


def _many(results, copies):
    """The results with jazz repeated under other names: several data sets."""
    jazz = results.nodes[results.nodes["network"] == "jazz"]
    nodes = pd.concat(
        [results.nodes, *(jazz.assign(network=f"jazz{i}") for i in range(copies))],
        ignore_index=True,
    )
    return dataclasses.replace(results, nodes=nodes)


def test_many_networks_are_summarised(results):
    many = _many(results, 3)  # five networks
    finding = ANALYSES["imprecision"](many)
    sentence = finding.sentence
    at = finding.table[np.isclose(finding.table["p"], 0.05)]
    at = at[at["spread"] == "sir beta_factor=1"]
    medians = at.groupby("measure")["imprecision"].median()
    assert "median ε over the 5 networks" in sentence
    assert "jazz1" not in sentence
    assert "jazz2" not in sentence
    for measure, name in (("degree", "degree"), ("k_shell", "k-shell")):
        assert f"{name} {fmt(medians[measure], 2)}" in sentence
    assert len(sentence.split()) <= 80
    for name in ("top_spreaders", "efficiency_grid", "kendall_vs_beta", "imprecision"):
        text = ANALYSES[name](many).sentence
        assert len(text.split()) <= 80, (name, text)
        assert "beta_factor=" not in text
        assert "n_runs" not in text
