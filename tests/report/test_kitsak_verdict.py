"""The Kitsak verdict names k-shell or degree only beyond the Monte Carlo noise.

Hand-made experiments on a broom (a path with leaves on one end), whose
exact spreading efficiency is known in closed form (on a tree,
M_i = sum_j beta^d(i, j)). The k-shell and degree columns of the node table
are set to chosen scores, so that the oracle is a fact about the graph:

* the exact M as one measure against a constant as the other: the exact
  ranking must win beyond the noise, whichever column holds it;
* two scores that differ only by how they order nodes of equal exact M
  (the leaves): every difference between them is noise, so the verdict
  must be "within noise" and the sentence must name no winner.
"""

import types

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netsim
from netsim.experiments import ExperimentResults
from netsim.report import ANALYSES
from netsim.report._analyses_verdict import VERDICT_FRACTIONS

BETA = 0.4


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _broom(n_path: int = 30, n_leaves: int = 60) -> nx.Graph:
    G = nx.path_graph(n_path)
    G.add_edges_from((0, n_path + i) for i in range(n_leaves))
    return G


def _exact(G: nx.Graph) -> np.ndarray:
    lengths = dict(nx.all_pairs_shortest_path_length(G))
    return np.array([sum(BETA**d for d in lengths[v].values()) for v in G])


def _task(G, network, kind, k_shell, degree, seed):
    efficiency = netsim.spreading_efficiency(G, beta=BETA, n_runs=2000, batches=10, seed=seed)
    nodes = pd.DataFrame(
        {
            "network": network,
            "kind": kind,
            "replicate": 0,
            "spread": "sir",
            "model": "sir",
            "beta": BETA,
            "node": list(G),
            "strategy": None,
            "active": None,
            "degree": np.asarray(degree, dtype=np.float64),
            "k_shell": np.asarray(k_shell, dtype=np.float64),
            "strength": np.nan,
        }
    )
    for column in efficiency.columns:
        if column != "n_runs":
            nodes[column] = efficiency[column].to_numpy()
    network_row = {"network": network, "kind": kind, "replicate": 0, "spread": "sir"}
    return nodes, network_row


def _results(tasks):
    nodes = pd.concat([t[0] for t in tasks], ignore_index=True)
    networks = pd.DataFrame([t[1] for t in tasks])
    config = types.SimpleNamespace(name="t", title="t", description="", seed=1, replicates=1)
    return ExperimentResults(config, nodes, networks, pd.DataFrame(), (), ())


def test_the_exact_ranking_wins_beyond_the_noise_whichever_column_holds_it():
    G = _broom()
    exact = _exact(G)
    flat = np.ones(len(G))
    results = _results(
        [
            _task(G, "k-shell exact", "dataset", exact, flat, seed=1),
            _task(G, "degree exact", "dataset", flat, exact, seed=2),
        ]
    )
    finding = ANALYSES["kitsak_verdict"](results)
    table = finding.table.set_index(["network", "p"])
    for p in VERDICT_FRACTIONS:
        assert table.loc[("k-shell exact", p), "verdict"] == "k-shell"
        assert table.loc[("degree exact", p), "verdict"] == "degree"
        assert table.loc[("k-shell exact", p), "difference_high"] < 0
        assert table.loc[("degree exact", p), "difference_low"] > 0
    assert "holds (k-shell better somewhere, never worse) on k-shell exact" in finding.sentence
    assert "fails (degree better somewhere, never worse) on degree exact" in finding.sentence


def test_scores_that_differ_only_among_equal_nodes_are_within_the_noise():
    G = _broom()
    exact = _exact(G)
    leaves = np.arange(len(G)) >= 30  # the leaves: equal exact M, below the hub
    rank = np.arange(len(G), dtype=np.float64)
    # Both put the hub first and the leaves next (so the top 1, 5 and 20 % are leaves but
    # for the hub), in opposite orders; the rest by the exact M.
    one = np.where(leaves, 1000.0 + rank, exact)
    other = np.where(leaves, 2000.0 - rank, exact)
    one[0] = other[0] = 10**6
    results = _results([_task(G, "broom", "dataset", one, other, seed=3)])
    finding = ANALYSES["kitsak_verdict"](results)
    assert set(finding.table["verdict"]) == {"within noise"}
    lows, highs = finding.table["difference_low"], finding.table["difference_high"]
    assert ((lows <= 0) & (highs >= 0)).all()
    assert "k-shell's top nodes reach further beyond the noise on 0 (none)" in finding.sentence
    assert "degree's on 0 (none)" in finding.sentence
    assert "holds (k-shell better somewhere, never worse) on none" in finding.sentence


def test_a_rewired_version_is_set_beside_its_original():
    G = _broom()
    exact = _exact(G)
    flat = np.ones(len(G))
    original = _task(G, "broom", "dataset", exact, flat, seed=4)
    rewired = _task(G, "broom rewired", "rewired", flat, exact, seed=5)
    for nodes, row in (original, rewired):
        nodes["name"] = "broom"
        row["name"] = "broom"
    finding = ANALYSES["kitsak_verdict"](_results([rewired, original]))
    table = finding.table.drop_duplicates("network").set_index("network")
    assert table.loc["broom rewired", "rewired_from"] == "broom"
    assert "changes on broom (k-shell becomes degree)" in finding.sentence
    rows = [label.get_text() for label in finding.figure.axes[0].get_yticklabels()]
    assert rows == ["broom", "broom rewired"]  # the rewired version right after its original


def test_the_map_compares_the_inner_shell_with_the_hubs_only_beyond_the_noise():
    from netsim.report._analyses_rankings import _inner_vs_hubs

    # Twice the root sum of squares of the error bounds (here 2 * 5 = 10) decides.
    assert _inner_vs_hubs({"inner": 120.0, "inner_se": 3.0, "hubs": 109.0, "hubs_se": 4.0}) == 1
    assert _inner_vs_hubs({"inner": 109.0, "inner_se": 3.0, "hubs": 120.0, "hubs_se": 4.0}) == -1
    assert _inner_vs_hubs({"inner": 119.0, "inner_se": 3.0, "hubs": 110.0, "hubs_se": 4.0}) == 0
    assert _inner_vs_hubs({"inner": 200.0, "inner_se": np.nan, "hubs": 1.0, "hubs_se": 0.0}) == 0
