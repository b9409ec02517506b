"""The imprecision analysis names a better measure only beyond the Monte Carlo noise.

Two hand-made experiments of one task each, with the batch means an
experiment keeps. Oracles are exact facts about the graphs, not the
sentence's own numbers:

* a star: two measures that are the same up to a relabelling of the leaves,
  which are exactly alike (equal exact M), so every difference between them
  is noise; degree scores as they do in expectation. No winner may be named
  among them, and the table's paired intervals against the best hold 0.
* a broom (a path with leaves on one end): the exact M, in closed form
  (M_i = sum_j beta^d(i, j) on a tree), against degree, which picks a tied
  path node next to the hub, and the k-shell, constant on a tree. With 2,000
  runs the exact ranking wins by about 0.1 at p = 5 % against a noise of
  about 0.005, so it must be named best beyond the noise.
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
from netsim.report._analyses_rankings import ANALYSES


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _results(G, name, measures, *, beta, n_runs, seed):
    """One task's node table, as an experiment writes it (10 batches of runs)."""
    efficiency = netsim.spreading_efficiency(G, beta=beta, n_runs=n_runs, batches=10, seed=seed)
    nodes = pd.DataFrame(
        {
            "network": name,
            "kind": "edgelist",
            "replicate": 0,
            "spread": f"sir beta={beta:g}",
            "model": "sir",
            "beta": beta,
            "n_runs": n_runs,
            "node": list(G),
            "strategy": None,
            "active": None,
            "degree": netsim.degree(G).to_numpy(),
            "k_shell": netsim.core_number(G).to_numpy(),
            "strength": np.nan,
        }
    )
    for column, values in measures.items():
        nodes[column] = np.asarray(values, dtype=np.float64)
    for column in efficiency.columns:
        if column != "n_runs":
            nodes[column] = efficiency[column].to_numpy()
    config = types.SimpleNamespace(name="t", title="t", description="", seed=1, replicates=1)
    empty = pd.DataFrame()
    return ExperimentResults(config, nodes, empty, empty, (), ())


def test_relabelled_ties_are_within_the_noise():
    star = nx.star_graph(40)  # centre 0, leaves 1..40: the leaves' exact M are equal
    leaves = np.arange(1, 41)
    first = np.concatenate([[100.0], leaves[::-1]])  # leaf 1 ranked just below the centre
    last = np.concatenate([[100.0], leaves])  # leaf 40 ranked just below the centre
    results = _results(star, "star", {"first": first, "last": last}, beta=0.3, n_runs=100, seed=3)
    finding = ANALYSES["imprecision"](results)
    at = finding.table[np.isclose(finding.table["p"], 0.05)].set_index("measure")
    assert at.loc["first", "imprecision"] != at.loc["last", "imprecision"]  # noise differs
    for name in ("first", "last", "degree"):
        assert at.loc[name, "vs_best_low"] <= 0.0 <= at.loc[name, "vs_best_high"]
    sentence = finding.sentence
    assert "beyond the noise" not in sentence
    assert "within the noise of each other" in sentence
    assert "k-shell most" in sentence  # constant on a star: a random pick, far worse


def test_the_exact_ranking_wins_beyond_the_noise():
    broom = nx.path_graph(30)
    broom.add_edges_from((29, 30 + j) for j in range(8))
    beta = 0.8
    distance = dict(nx.all_pairs_shortest_path_length(broom))
    exact = [sum(beta ** distance[i][j] for j in broom) for i in broom]
    results = _results(broom, "broom", {"exact": exact}, beta=beta, n_runs=2000, seed=5)
    finding = ANALYSES["imprecision"](results)
    at = finding.table[np.isclose(finding.table["p"], 0.05)].set_index("measure")
    assert at["imprecision"].idxmin() == "exact"
    assert at.loc["degree", "vs_best_low"] > 0.0
    assert at.loc["k_shell", "vs_best_low"] > 0.0
    assert "exact (ε = " in finding.sentence
    assert "falls least short, beyond the noise" in finding.sentence
    assert at.loc["exact", "imprecision_low"] <= at.loc["exact", "imprecision_high"]
    ax = finding.figure.axes[0]
    assert len(ax.collections) == 3  # a band per measure
    top = max(float(np.max(c.get_paths()[0].vertices[:, 1])) for c in ax.collections)
    assert ax.get_ylim()[1] >= top  # the axis shows the bands
