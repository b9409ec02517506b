"""The strategy analyses of the experiment report, on results built with the public API.

The builder below makes ``ExperimentResults`` in the table format of the
experiments design (condition columns, then the per-node and per-task
columns) from ``netsim.networking_game``, ``netsim.configuration_network``
and ``netsim.spreading_efficiency``, and keeps every graph and every
efficiency table it used. The tests recompute each analysis's numbers from
those raw objects with plain loops (networkx for cores, degrees and
strengths), check that the sentence quotes the table, read the figure's
panels and labels back, and check the errors. Fixed seeds throughout.
"""

import math
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import netsim
from netsim.exceptions import InvalidParameterError
from netsim.experiments import ExperimentResults
from netsim.report import Finding
from netsim.report._analyses_jobs import ANALYSES as _JOBS
from netsim.report._analyses_sweeps import ANALYSES as _SWEEPS
from netsim.report._analyses_theory import ANALYSES as _THEORY
from netsim.spread._final_size import final_size_theory

#: The analyses under test, in the order a report lists them.
ANALYSES = {**_SWEEPS, **_JOBS, **_THEORY}

SEED = 20261127


# ---------------------------------------------------------------------------------------------
# The builder


def _short(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def _label(head, condition, varying):
    return " ".join([head, *(f"{k}={_short(condition[k])}" for k in varying if k in condition)])


def _varying(conditions, skip):
    names = list(dict.fromkeys(k for c in conditions for k in c))
    return tuple(
        k for k in names if k not in skip and len({repr(c.get(k)) for c in conditions}) > 1
    )


def _graph(kind, params, seed):
    params = dict(params)
    if kind == "game":
        return netsim.networking_game(
            params.pop("n"), params.pop("lion_fraction"), **params, seed=seed
        )
    if kind == "configuration":
        rng = np.random.default_rng(seed)
        degrees = rng.poisson(params["mean_degree"], params["n"])
        degrees[0] += degrees.sum() % 2
        return netsim.configuration_network(degrees.tolist(), seed=seed)
    if kind == "dataset":  # graphs without strategies or trust
        return {"karate": nx.karate_club_graph, "florentine": nx.florentine_families_graph}[
            params["name"]
        ]()
    raise AssertionError(kind)


def build(kind, networks, spreads, replicates, *, seed=SEED):
    """Return (ExperimentResults, raw): raw[(i, r)] = graph, raw[(i, r, s)] = efficiency table."""
    network_vary = _varying(networks, ("kind", "name"))
    spread_vary = _varying(spreads, ("model",))
    network_names = list(dict.fromkeys(k for c in networks for k in c))
    spread_names = list(dict.fromkeys(k for c in spreads for k in c if k != "model"))
    node_rows, network_rows, raw = [], [], {}
    for i, network in enumerate(networks):
        for r in range(replicates):
            G = _graph(kind, network, np.random.SeedSequence([seed, i, r]))
            raw[(i, r)] = G
            shells = nx.core_number(G)
            k_max = max(shells.values())
            weighted = all("trust" in d for _, _, d in G.edges(data=True))
            clustering = nx.average_clustering(G)
            for s, spread in enumerate(spreads):
                params = {k: v for k, v in spread.items() if k != "model"}
                eff = netsim.spreading_efficiency(
                    G, spread["model"], **params, seed=np.random.SeedSequence([seed, i, r, s])
                )
                raw[(i, r, s)] = eff
                M, M_se = eff["M"].to_dict(), eff["M_se"].to_dict()
                head = network["name"] if kind == "dataset" else kind
                condition = {
                    "network": _label(head, network, network_vary),
                    "kind": kind,
                    **{k: network.get(k) for k in network_names},
                    "replicate": r,
                    "spread": _label(spread["model"], spread, spread_vary),
                    "model": spread["model"],
                    **{k: spread.get(k) for k in spread_names},
                }
                for node in G.nodes:
                    node_rows.append(
                        {
                            **condition,
                            "node": node,
                            "strategy": G.nodes[node].get("strategy"),
                            "active": G.nodes[node].get("active"),
                            "degree": G.degree(node),
                            "k_shell": shells[node],
                            "strength": G.degree(node, weight="trust") if weighted else math.nan,
                            "M": M[node],
                            "M_se": M_se[node],
                        }
                    )
                trust = [d["trust"] for _, _, d in G.edges(data=True)] if weighted else []
                beta = eff.attrs.get("beta")
                network_rows.append(
                    {
                        **condition,
                        "n_nodes": G.number_of_nodes(),
                        "n_edges": G.number_of_edges(),
                        "mean_degree": 2 * G.number_of_edges() / G.number_of_nodes(),
                        "k_max": k_max,
                        "inner_core_size": sum(v == k_max for v in shells.values()),
                        "clustering": clustering,
                        "mean_trust": float(np.mean(trust)) if trust else math.nan,
                        "n_lion": sum(d == "lion" for _, d in G.nodes(data="strategy")),
                        "beta": math.nan if beta is None else float(beta),
                        "beta_c": netsim.epidemic_threshold(G),
                        "seconds": 0.0,
                    }
                )
    sources = pd.DataFrame(columns=["strategy", "sources", "size", "size_se", "overlap", "n_runs"])
    results = ExperimentResults(
        config=None,
        nodes=pd.DataFrame(node_rows),
        networks=pd.DataFrame(network_rows),
        sources=sources,
        network_columns=network_vary,
        spread_columns=spread_vary,
    )
    return results, raw


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


FRACTIONS = [0.2, 0.5]
SPREADS = [
    {"model": "sir", "beta_factor": 1.5, "transmission": "contact", "n_runs": 200},
    {"model": "sir", "beta_factor": 1.5, "transmission": "trust", "n_runs": 200},
]


@pytest.fixture(scope="module")
def games():
    networks = [{"n": 300, "lion_fraction": f, "rounds": 10} for f in FRACTIONS]
    return build("game", networks, SPREADS, replicates=2)


@pytest.fixture(scope="module")
def one_replicate():
    networks = [{"n": 300, "lion_fraction": f, "rounds": 10} for f in FRACTIONS]
    return build("game", networks, SPREADS[:1], replicates=1)


@pytest.fixture(scope="module")
def jobs():
    networks = [{"n": 300, "lion_fraction": 0.3, "rounds": 10, "p_job": p} for p in (0.0, 0.05)]
    spreads = [{"model": "sir", "beta_factor": 1.5, "n_runs": 200}]
    return build("game", networks, spreads, replicates=2)


BETAS = [0.1, 0.2, 0.3, 0.4, 0.6]


@pytest.fixture(scope="module")
def configuration():
    networks = [{"n": 2000, "mean_degree": 4.0}]
    spreads = [{"model": "sir", "beta": b, "n_runs": 200} for b in BETAS]
    return build("configuration", networks, spreads, replicates=2)


def data_lines(ax):
    """The data line of each error-bar plot of ``ax`` (caps and bars are lines too)."""
    return [container.lines[0] for container in ax.containers]


def numbers(text):
    """The numbers quoted in a sentence, as floats (thousands separators and ± pairs split)."""
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text.replace(",", ""))]


def quoted(value, text, rel=0.0, digits=None):
    """Whether ``text`` quotes ``value`` (rounded as quoted: the closest quoted number)."""
    found = numbers(text)
    return any(
        math.isclose(x, value, rel_tol=rel, abs_tol=0.5 * 10 ** -(digits or 0)) for x in found
    )


# ---------------------------------------------------------------------------------------------
# The registry


def test_registry():
    assert list(ANALYSES) == [
        "strategy_sweep",
        "network_structure",
        "reach_survival",
        "threshold_theory",
    ]
    for name, analysis in ANALYSES.items():
        assert analysis.__name__ == name
        assert "Returns" in analysis.__doc__
        assert "Raises" in analysis.__doc__


# ---------------------------------------------------------------------------------------------
# strategy_sweep


def expected_sweep(raw, i, s, strategy, replicates):
    """Per replicate: mean M, M per tie, degree, share in the inner core, share of the core."""
    out = []
    for r in range(replicates):
        G, eff = raw[(i, r)], raw[(i, r, s)]
        shells = nx.core_number(G)
        k_max = max(shells.values())
        mine = [v for v, d in G.nodes(data="strategy") if d == strategy]
        core = [v for v in G if shells[v] == k_max]
        out.append(
            [
                np.mean([eff.loc[v, "M"] for v in mine]),
                np.mean([eff.loc[v, "M"] / G.degree(v) for v in mine if G.degree(v) > 0]),
                np.mean([G.degree(v) for v in mine]),
                np.mean([shells[v] == k_max for v in mine]),
                sum(G.nodes[v]["strategy"] == strategy for v in core) / len(core),
            ]
        )
    return np.array(out)


SWEEP_QUANTITIES = ["M", "M_per_tie", "degree", "inner_core_share", "share_of_inner_core"]
#: The 95 % quantile of Student's t with one degree of freedom (two replicates).
T_ONE = 12.706204736174698


def test_strategy_sweep_table(games):
    results, raw = games
    finding = ANALYSES["strategy_sweep"](results)
    assert isinstance(finding, Finding)
    assert finding.name == "strategy_sweep"
    table = finding.table
    assert len(table) == 2 * 2 * 3 * 5  # fractions x spreads x (2 strategies + difference) x 5
    assert set(table["ci_over"]) == {"replicates"}
    for i, fraction in enumerate(FRACTIONS):
        for s, spread in enumerate(SPREADS):
            values = {st: expected_sweep(raw, i, s, st, 2) for st in ("lion", "organic")}
            values["lion - organic"] = values["lion"] - values["organic"]  # paired by network
            for strategy, per_replicate in values.items():
                rows = table[
                    (table["lion_fraction"] == fraction)
                    & (table["transmission"] == spread["transmission"])
                    & (table["strategy"] == strategy)
                ].set_index("quantity")
                for q, quantity in enumerate(SWEEP_QUANTITIES):
                    mean = per_replicate[:, q].mean()
                    se = per_replicate[:, q].std(ddof=1) / math.sqrt(2)
                    row = rows.loc[quantity]
                    assert row["mean"] == pytest.approx(mean)
                    assert row["se"] == pytest.approx(se, abs=1e-12)
                    assert row["ci_low"] == pytest.approx(mean - T_ONE * se, abs=1e-9)
                    assert row["ci_high"] == pytest.approx(mean + T_ONE * se, abs=1e-9)
                assert rows["n_replicates"].eq(2).all()
    # the two strategies share the inner core between them
    share = table[
        (table["quantity"] == "share_of_inner_core") & table["strategy"].isin(["lion", "organic"])
    ]
    assert share.groupby(["network", "spread"])["mean"].sum().to_numpy() == pytest.approx(1.0)


def test_strategy_sweep_one_replicate_uses_the_runs(one_replicate):
    """One network: the interval is the Monte Carlo error of M, bounded by the mean agent SE."""
    results, raw = one_replicate
    table = ANALYSES["strategy_sweep"](results).table
    assert set(table["ci_over"]) == {"runs"}
    G, eff = raw[(1, 0)], raw[(1, 0, 0)]
    lions = [v for v, d in G.nodes(data="strategy") if d == "lion"]
    M, M_se = eff.loc[lions, "M"].to_numpy(), eff.loc[lions, "M_se"].to_numpy()
    row = table[
        (table["lion_fraction"] == 0.5) & (table["strategy"] == "lion") & (table["quantity"] == "M")
    ].iloc[0]
    assert row["mean"] == pytest.approx(M.mean())
    assert row["se"] == pytest.approx(M_se.mean())
    assert row["ci_high"] - row["mean"] == pytest.approx(1.959964 * M_se.mean())
    assert row["n_nodes"] == M.size == 150
    degree = table[
        (table["lion_fraction"] == 0.5)
        & (table["strategy"] == "lion")
        & (table["quantity"] == "degree")
    ].iloc[0]
    assert degree["ci_low"] == degree["mean"] == degree["ci_high"]  # exact on one network


def boxes(ax):
    """The boxes :func:`netsim.report._layout.distribution` drew on ``ax``."""
    return [p for p in ax.patches if str(p.get_gid()).startswith("box ")]


def points(ax):
    """The agents drawn as points on ``ax``, one collection per box."""
    return [c for c in ax.collections if str(c.get_gid()).startswith("points ")]


def means(ax):
    """The mean markers (one per box) drawn on ``ax``."""
    return [line for line in ax.lines if str(line.get_gid()).startswith("mean ")]


def test_strategy_sweep_sentence_and_figure(games):
    results, _ = games
    finding = ANALYSES["strategy_sweep"](results)
    table, sentence = finding.table, finding.sentence
    # The sentence describes lion_fraction 0.2 (the middle of two), transmission contact
    assert sentence.startswith("With 20 % LIONs, every tie transmitting alike (contact), ")
    assert "n_runs" not in sentence
    here = table[(table["lion_fraction"] == 0.2) & (table["transmission"] == "contact")]
    here = here.set_index(["strategy", "quantity"])
    for strategy in ("lion", "organic"):
        assert quoted(here.loc[(strategy, "M"), "mean"], sentence, rel=5e-3), sentence
    for quantity in ("M", "M_per_tie"):
        difference = here.loc[("lion - organic", quantity)]
        for value in difference[["mean", "ci_low", "ci_high"]]:
            assert quoted(value, sentence, rel=5e-3), (value, sentence)
    reach = here.loc[("lion - organic", "M")]
    ranked = "LIONs reach further than organic networkers (difference"
    assert (ranked in sentence) == (reach["ci_low"] > 0)
    core = here.loc[("lion", "share_of_inner_core"), "mean"]
    assert f"LIONs make up {100 * core:.0f} % of the inner core" in sentence
    rows = table[(table["strategy"] == "lion - organic") & (table["quantity"] == "M")]
    further, less = int((rows["ci_low"] > 0).sum()), int((rows["ci_high"] < 0).sum())
    assert (
        f"Over the 4 conditions, LIONs reach further than organic networkers beyond the "
        f"uncertainty in {further}, less far in {less}, and within the uncertainty in "
        f"{4 - further - less}."
    ) in sentence
    assert sentence.endswith("(95 % CIs are t-intervals over 2 independent networks.)")

    fig = finding.figure
    assert len(fig.axes) == 3 * 2  # three quantities x one column per transmission
    assert [ax.get_title() for ax in fig.axes[:2]] == [
        "transmission = contact",
        "transmission = trust",
    ]
    assert [ax.get_ylabel().split("\n")[0] for ax in fig.axes[::2]] == [
        "spreading efficiency M",
        "reach per tie M / k",
        "degree k",
    ]
    assert [ax.get_xlabel() for ax in fig.axes[-2:]] == ["lion_fraction (share of LIONs)"] * 2
    for ax in fig.axes:
        assert len(boxes(ax)) == len(points(ax)) == len(means(ax)) == 2 * 2  # x by strategy
        colours = {to_hex(box.get_edgecolor()) for box in boxes(ax)}
        assert colours == {"#e69f00", "#0072b2"}
        assert all(0 < len(p.get_offsets()) <= 300 for p in points(ax))
    assert [t.get_text() for t in fig.axes[-1].get_xticklabels()] == ["0.2", "0.5"]
    m = table[
        (table["strategy"] == "lion")
        & (table["quantity"] == "M")
        & (table["transmission"] == "contact")
    ]
    lion_means = [line for line in means(fig.axes[0]) if line.get_gid().startswith("mean lion |")]
    assert [line.get_ydata()[0] for line in lion_means] == pytest.approx(m["mean"].to_numpy())
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["LIONs", "organic networkers", "mean, 95 % CI over networks"]


def test_strategy_sweep_facets_and_styles():
    """Three sweeps: x = the first, a column per value of the second, hatches for the third."""
    networks = [
        {"n": 120, "lion_fraction": f, "rounds": 3, "dunbar": d}
        for d in (20, 150)
        for f in (0.2, 0.5)
    ]
    results, _ = build("game", networks, SPREADS, replicates=1)
    fig = ANALYSES["strategy_sweep"](results).figure
    assert len(fig.axes) == 3 * 2
    assert [ax.get_title() for ax in fig.axes[:2]] == ["dunbar = 20", "dunbar = 150"]
    assert all(len(boxes(ax)) == 2 * 2 * 2 for ax in fig.axes)
    assert {box.get_hatch() or "" for box in boxes(fig.axes[0])} == {"", "///"}
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[3:] == ["transmission = contact", "transmission = trust"]


def test_strategy_sweep_models_as_columns():
    """A simple and a complex contagion: one column each; the threshold model lacks beta_factor.

    Conditions lacking a parameter (NaN) form one column, not one per row; the
    label sweep (transmission) draws as hatches where it varies.
    """
    networks = [{"n": 120, "lion_fraction": f, "rounds": 3} for f in (0.2, 0.5)]
    spreads = [
        *({**spread, "n_runs": 20} for spread in SPREADS),
        {"model": "threshold", "theta": 0.1, "transmission": "trust", "n_runs": 1},
    ]
    results, _ = build("game", networks, spreads, replicates=1)
    results = ExperimentResults(
        None, results.nodes, results.networks, results.sources, results.network_columns,
        ("model", *results.spread_columns),
    )  # fmt: skip
    finding = ANALYSES["strategy_sweep"](results)
    fig = finding.figure
    assert [ax.get_title() for ax in fig.axes[:2]] == [
        "model = sir\nbeta_factor = 1.5\nn_runs = 20",
        "model = threshold\nn_runs = 1\ntheta = 0.1",
    ]
    assert len(fig.axes) == 3 * 2
    assert [len(boxes(ax)) for ax in fig.axes[:2]] == [8, 4]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[3:] == ["transmission = contact", "transmission = trust"]
    # The SIR model is the headline; its conditions are told in words
    assert finding.sentence.startswith(
        "With 20 % LIONs, in SIR outbreaks at 1.5 times the epidemic threshold, "
    )
    assert "theta" not in finding.sentence


def test_strategy_sweep_needs_strategies():
    results, _ = build("dataset", [{"name": "karate"}], SPREADS[:1], replicates=1)
    with pytest.raises(
        InvalidParameterError, match=r"only networks without strategies \(kinds \['dataset'\]\)"
    ):
        ANALYSES["strategy_sweep"](results)
    with pytest.raises(TypeError, match="results must be an ExperimentResults"):
        ANALYSES["strategy_sweep"](results.nodes)


# ---------------------------------------------------------------------------------------------
# network_structure


def test_network_structure(games):
    results, raw = games
    finding = ANALYSES["network_structure"](results)
    table = finding.table.set_index(["lion_fraction", "quantity", "strategy"])
    for i, fraction in enumerate(FRACTIONS):
        graphs = [raw[(i, r)] for r in range(2)]
        per_graph = {
            ("mean_trust", "all"): [
                np.mean([d for *_, d in G.edges(data="trust")]) for G in graphs
            ],
            ("k_max", "all"): [max(nx.core_number(G).values()) for G in graphs],
            ("clustering", "all"): [nx.average_clustering(G) for G in graphs],
        }
        for strategy in ("lion", "organic"):
            for quantity, weight in (("mean_degree", None), ("mean_strength", "trust")):
                per_graph[(quantity, strategy)] = [
                    np.mean(
                        [
                            G.degree(v, weight=weight)
                            for v, s in G.nodes(data="strategy")
                            if s == strategy
                        ]
                    )
                    for G in graphs
                ]
        per_graph[("mean_degree", "all")] = [2 * G.number_of_edges() / 300 for G in graphs]
        for (quantity, strategy), values in per_graph.items():
            row = table.loc[(fraction, quantity, strategy)]
            assert row["mean"] == pytest.approx(np.mean(values))
            se = np.std(values, ddof=1) / math.sqrt(2)
            assert row["se"] == pytest.approx(se, abs=1e-12)
            assert row["ci_high"] - row["mean"] == pytest.approx(T_ONE * se, abs=1e-9)
            assert row["n_graphs"] == 2  # two spread conditions share each graph
    sentence = finding.sentence
    assert sentence.startswith("From 20 % to 50 % LIONs, mean trust falls from ")
    for fraction in FRACTIONS:
        k_max = table.loc[(fraction, "k_max", "all")]
        assert quoted(k_max["mean"], sentence, rel=5e-3)  # three significant digits
    fig = finding.figure
    assert len(fig.axes) == 6
    assert [ax.get_ylabel() for ax in fig.axes] == [
        "mean trust of the ties",
        "largest core number k_max",
        "inner core size (agents)",
        "average clustering",
        "degree k (ties per agent)",
        "strength (sum of an agent's trust)",
    ]
    assert [len(data_lines(ax)) for ax in fig.axes[:4]] == [1, 1, 1, 1]
    assert [len(boxes(ax)) for ax in fig.axes[4:]] == [2 * 2, 2 * 2]  # fractions x strategies
    assert all(len(points(ax)) == len(means(ax)) == 4 for ax in fig.axes[4:])
    assert all(ax.get_xlabel() == "lion_fraction (share of LIONs)" for ax in fig.axes[3:])


def test_network_structure_states_a_change_only_beyond_its_uncertainty(games):
    """A quantity "rises" or "falls" only when the two ends differ by more than t * combined SE."""
    results, _ = games
    finding = ANALYSES["network_structure"](results)
    table = finding.table.set_index(["lion_fraction", "quantity", "strategy"])
    low, high = FRACTIONS[0], FRACTIONS[-1]
    for words, quantity in (("clustering", "clustering"), ("mean trust", "mean_trust")):
        a, b = table.loc[(low, quantity, "all")], table.loc[(high, quantity, "all")]
        beyond = abs(b["mean"] - a["mean"]) > T_ONE * math.hypot(a["se"], b["se"])
        said = re.search(rf"{words} (rises|falls|stays near)", finding.sentence).group(1)
        assert (said != "stays near") == beyond, (words, said, beyond)


def test_network_structure_says_when_a_change_is_within_its_uncertainty():
    """Two conditions that grow the same networks but for noise: nothing rises or falls."""
    networks = [{"n": 300, "lion_fraction": 0.3, "rounds": 10, "p_job": p} for p in (0.0, 1e-12)]
    results, _ = build("game", networks, SPREADS[:1], replicates=2)
    sentence = ANALYSES["network_structure"](results).sentence
    assert "mean trust stays near" in sentence
    assert "clustering stays near" in sentence
    assert "(within its uncertainty)" in sentence
    assert " rises " not in sentence
    assert " falls " not in sentence


def test_network_structure_without_strategies():
    """Datasets: no strategy, no trust, no sweep: one point per network on a categorical x."""
    networks = [{"name": "karate"}, {"name": "florentine"}]
    results, raw = build("dataset", networks, SPREADS[:1], replicates=1)
    finding = ANALYSES["network_structure"](results)
    table = finding.table
    assert set(table["strategy"]) == {"all"}
    clustering = table[table["quantity"] == "clustering"]["mean"].to_numpy()
    assert clustering == pytest.approx([nx.average_clustering(raw[(i, 0)]) for i in range(2)])
    assert table[table["quantity"] == "mean_trust"]["mean"].isna().all()
    assert table["se"].isna().all()  # one graph each
    assert "mean degree falls from 4.59 to 2.67" in finding.sentence
    assert "trust" not in finding.sentence
    assert "strength" not in finding.sentence
    ax = finding.figure.axes[-1]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["karate", "florentine"]


# ---------------------------------------------------------------------------------------------
# reach_survival


def test_reach_survival_table(jobs):
    results, raw = jobs
    finding = ANALYSES["reach_survival"](results)
    table = finding.table.set_index(["p_job", "strategy", "group", "quantity"])
    expected = {}
    for i, p_job in enumerate((0.0, 0.05)):
        for strategy in ("lion", "organic"):
            for group, keep in (("all", None), ("networking", True), ("job_found", False)):
                for quantity in ("M", "degree"):
                    values = []
                    for r in range(2):
                        G, eff = raw[(i, r)], raw[(i, r, 0)]
                        chosen = [
                            v
                            for v, d in G.nodes(data=True)
                            if d["strategy"] == strategy and (keep is None or d["active"] == keep)
                        ]
                        if chosen:
                            get = eff["M"].get if quantity == "M" else G.degree
                            values.append(np.mean([get(v) for v in chosen]))
                    expected[(p_job, strategy, group, quantity)] = values
    for key, values in expected.items():
        if not values:
            assert key not in table.index
            continue
        row = table.loc[key]
        assert row["mean"] == pytest.approx(np.mean(values))
        base = expected[(0.0, key[1], "all", key[3])]
        assert row["share"] == pytest.approx(np.mean(values) / np.mean(base))
    # nobody has found a job when p_job = 0, some have at 0.05
    assert (0.0, "lion", "job_found", "M") not in table.index
    assert (0.05, "lion", "job_found", "M") in table.index
    # delta method at p_job = 0.05, all agents
    row, base = table.loc[(0.05, "organic", "all", "M")], table.loc[(0.0, "organic", "all", "M")]
    relative = math.hypot(row["se"] / row["mean"], base["se"] / base["mean"])
    assert row["share_se"] == pytest.approx(row["share"] * relative)
    assert base["share"] == 1.0
    assert base["share_se"] == 0.0


def test_reach_survival_sentence_and_figure(jobs):
    results, _ = jobs
    finding = ANALYSES["reach_survival"](results)
    table, sentence = finding.table, finding.sentence
    assert sentence.startswith("At p_job = 0.05 a round, compared with p_job = 0, LIONs keep ")
    for strategy in ("lion", "organic"):
        for quantity in ("M", "degree"):
            row = table[
                (table["p_job"] == 0.05)
                & (table["strategy"] == strategy)
                & (table["group"] == "all")
                & (table["quantity"] == quantity)
            ].iloc[0]
            assert quoted(100 * row["share"], sentence, digits=0), (row["share"], sentence)
            low, high = (100 * row[f"share_ci_{end}"] for end in ("low", "high"))
            assert f"(95 % CI {low:.0f} to {high:.0f} %)" in sentence
    difference = table[
        (table["p_job"] == 0.05)
        & (table["strategy"] == "lion - organic")
        & (table["group"] == "all")
        & (table["quantity"] == "M")
    ].iloc[0]
    for value in difference[["mean", "ci_low", "ci_high"]]:
        assert quoted(value, sentence, rel=5e-3), (value, sentence)
    assert sentence.endswith("(95 % CIs are t-intervals over 2 independent networks.)")
    fig = finding.figure
    assert len(fig.axes) == 3
    assert [ax.get_title() for ax in fig.axes] == [
        "spreading efficiency M (nodes)",
        "degree k (ties)",
        "M by job status (nodes)",
    ]
    # p_job x strategy; by status, nobody has found a job at p_job = 0
    assert [len(boxes(ax)) for ax in fig.axes] == [4, 4, 2 + 4]
    assert all(len(points(ax)) == len(means(ax)) == len(boxes(ax)) for ax in fig.axes)
    assert {box.get_hatch() or "" for box in boxes(fig.axes[2])} == {"", "///"}
    assert fig.axes[0].get_xlabel().startswith("p_job")


def test_reach_survival_needs_a_p_job_sweep(games):
    results, _ = games
    with pytest.raises(InvalidParameterError, match="p_job must be swept over at least two"):
        ANALYSES["reach_survival"](results)


# ---------------------------------------------------------------------------------------------
# threshold_theory


def test_threshold_theory_table(configuration):
    results, raw = configuration
    finding = ANALYSES["threshold_theory"](results)
    table = finding.table
    assert len(table) == len(BETAS)
    assert table["beta"].tolist() == pytest.approx(BETAS)
    for s, beta in enumerate(BETAS):
        simulated, theory = [], []
        for r in range(2):
            G, eff = raw[(0, r)], raw[(0, r, s)]
            simulated.append(eff["M"].mean() / G.number_of_nodes())
            degrees = [d for _, d in G.degree()]
            theory.append(final_size_theory(degrees, beta)["mean_outbreak_fraction"].item())
        row = table.iloc[s]
        assert row["simulated"] == pytest.approx(np.mean(simulated))
        assert row["simulated_se"] == pytest.approx(np.std(simulated, ddof=1) / math.sqrt(2))
        assert row["theory"] == pytest.approx(np.mean(theory))
        assert row["deviation_se"] == pytest.approx(
            (row["simulated"] - row["theory"]) / row["simulated_se"]
        )
    degrees = np.array([d for _, d in raw[(0, 0)].degree()])
    T_c = degrees.mean() / ((degrees**2).mean() - degrees.mean())
    assert table["T_c"].iloc[0] == pytest.approx(
        np.mean([netsim.epidemic_threshold(raw[(0, r)]) for r in range(2)])
    )
    assert abs(table["T_c"].iloc[0] - T_c) < 0.02
    # far from the threshold the theory is close: within 0.03 of the fraction at beta = 0.6
    far = table[table["beta"] == 0.6].iloc[0]
    assert abs(far["simulated"] - far["theory"]) < 0.03


def test_threshold_theory_sentence_and_figure(configuration):
    results, _ = configuration
    finding = ANALYSES["threshold_theory"](results)
    table, sentence = finding.table, finding.sentence
    T_c = table["T_c"].mean()
    window = abs(table["beta"] / T_c - 1) < 2000 ** (-1 / 3)
    assert table["critical"].tolist() == window.tolist() == [False, False, False, False, False]
    worst = table.loc[table["deviation_se"].abs().idxmax()]
    assert sentence.startswith(
        "Away from the epidemic threshold, simulation and theory agree within "
        f"{abs(worst['deviation_se']):.1f} SE on the configuration model (T_c = {T_c:.3g}; "
    )
    assert f"worst at beta = {worst['beta']:.3g}: " in sentence
    assert quoted(worst["simulated"], sentence, rel=5e-3)
    assert f"against {worst['theory']:.3g} predicted" in sentence
    assert "critical window" not in sentence  # no beta in it
    fig = finding.figure
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_xlabel().startswith("transmission probability beta")
    assert ax.get_ylabel() == "mean outbreak fraction, mean M / n"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[-1] == "simulation, mean M / n ± SE"
    assert f"T_c = {T_c:.3g}" in labels
    vertical = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert len(vertical) == 1
    assert vertical[0].get_xdata()[0] == pytest.approx(T_c)
    simulated = data_lines(ax)[0]
    assert np.asarray(simulated.get_xdata(), float) == pytest.approx(BETAS)
    assert np.asarray(simulated.get_ydata(), float) == pytest.approx(table["simulated"].to_numpy())


def test_threshold_theory_critical_window():
    """A beta at T_c is reported apart: the large-n theory diverges there."""
    networks = [{"n": 500, "mean_degree": 4.0}]
    spreads = [{"model": "sir", "beta_factor": f, "n_runs": 50} for f in (1.0, 2.0)]
    results, _ = build("configuration", networks, spreads, replicates=1)
    finding = ANALYSES["threshold_theory"](results)
    assert finding.table["critical"].tolist() == [True, False]
    inside = abs(finding.table["deviation_se"].iloc[0])
    shown = f"{inside:.1f}" if inside < 10 else f"{inside:.0f}"
    assert "In the critical window |beta / T_c - 1| < n^(-1/3)" in finding.sentence
    assert f"they differ by up to {shown} SE." in finding.sentence


def test_threshold_theory_one_replicate_bound():
    networks = [{"n": 500, "mean_degree": 4.0}]
    spreads = [{"model": "sir", "beta": b, "n_runs": 50} for b in (0.2, 0.5)]
    results, raw = build("configuration", networks, spreads, replicates=1)
    table = ANALYSES["threshold_theory"](results).table
    assert set(table["se_over"]) == {"nodes"}
    assert table["simulated_se"].iloc[1] == pytest.approx(raw[(0, 0, 1)]["M_se"].mean() / 500)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"model": "independent_cascade"}, "model must be 'sir' for threshold_theory"),
        ({"mu": 0.5}, "mu must be 1"),
        ({"transmission": "trust"}, "transmission must be 'contact'"),
        ({"kind": "game"}, "from configuration-model networks only; got network kinds"),
    ],
)
def test_threshold_theory_refuses(configuration, change, match):
    results, _ = configuration
    tables = {}
    for name in ("nodes", "networks"):
        frame = getattr(results, name).copy()
        for column, value in change.items():
            frame[column] = value
        tables[name] = frame
    changed = ExperimentResults(
        None, tables["nodes"], tables["networks"], results.sources, results.network_columns,
        results.spread_columns,
    )  # fmt: skip
    with pytest.raises(InvalidParameterError, match=match):
        ANALYSES["threshold_theory"](changed)


def test_threshold_theory_needs_a_beta_sweep(configuration):
    results, _ = configuration
    keep = results.networks["spread"] == results.networks["spread"].iloc[0]
    nodes_keep = results.nodes["spread"] == results.networks["spread"].iloc[0]
    one = ExperimentResults(
        None, results.nodes[nodes_keep], results.networks[keep], results.sources, (), ()
    )
    with pytest.raises(InvalidParameterError, match="beta must be swept"):
        ANALYSES["threshold_theory"](one)


def test_missing_columns_are_named(games):
    results, _ = games
    broken = ExperimentResults(
        None, results.nodes.drop(columns=["k_shell"]), results.networks, results.sources,
        results.network_columns, results.spread_columns,
    )  # fmt: skip
    with pytest.raises(InvalidParameterError, match=r"results.nodes must be a table .*'k_shell'"):
        ANALYSES["strategy_sweep"](broken)
