"""The "persistence" analysis, and SIS conditions in experiments.

An experiment on the jazz data set with one SIS and one SIR condition, run
with the public runner. Oracles: a task's node table holds exactly what
netsim.persistence gives for the task's stream; every number of the
analysis's table equals a recomputation from the node table; the sentence
states a difference between shells only where it exceeds the standard
errors (checked on results where it does and where it does not); results
without an SIS condition raise a clear error.
"""

import dataclasses

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import netsim
from netsim._seeding import Purpose
from netsim.exceptions import InvalidParameterError
from netsim.experiments import ExperimentConfig, run_experiment
from netsim.experiments._tasks import build_network, expand, run_task
from netsim.report._analyses_persistence import persistence

SIS = {"model": "sis", "beta_factor": 1.5, "burn_in": 15, "window": 15, "n_runs": 12}
CONFIG = {
    "name": "sis_demo",
    "seed": 5,
    "network": {"kind": "dataset", "name": "jazz"},
    "spread": [SIS, {"model": "sir", "beta_factor": 1.5, "n_runs": 20}],
    "report": {"figures": ["persistence"]},
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def results():
    return run_experiment(ExperimentConfig.from_dict(CONFIG))


def test_an_sis_task_stores_the_persistence_of_its_stream():
    task = next(t for t in expand(ExperimentConfig.from_dict(CONFIG)) if t.spread["model"] == "sis")
    nodes = run_task(task)["nodes"]
    params = {k: v for k, v in task.spread.items() if k != "model"}
    seed = task.stream(Purpose.SIR, task.condition_hash())
    expected = netsim.persistence(build_network(task), **params, seed=seed)
    assert nodes["M"].tolist() == expected["persistence"].tolist()
    assert nodes["M_se"].tolist() == expected["persistence_se"].tolist()
    assert nodes["M"].max() > 0


def test_the_table_is_the_node_table_grouped(results):
    finding = persistence(results)
    nodes = results.nodes[results.nodes["model"] == "sis"]
    table = finding.table
    assert set(table["spread"]) == {"sis"}  # the SIR condition is left out
    shells = table[table["by"] == "k_shell"].set_index("value")
    by_shell = nodes.groupby("k_shell")
    assert np.allclose(shells["persistence"], by_shell["M"].mean().to_numpy())
    assert np.allclose(shells["persistence_se"], by_shell["M_se"].mean().to_numpy())
    assert shells["n_nodes"].tolist() == by_shell.size().tolist()
    degrees = table[table["by"] == "degree"]
    assert degrees["n_nodes"].sum() == len(nodes)
    assert np.isclose((degrees["persistence"] * degrees["n_nodes"]).sum(), nodes["M"].sum())
    axes = finding.figure.axes
    assert len(axes) == 4  # k-shell, degree, map and its colour bar
    assert axes[0].get_xlabel() == "k-shell index k_S"
    assert axes[-1].get_ylabel() == "mean persistence"
    assert len(axes[0].lines) >= 1


def test_the_sentence_states_a_difference_only_beyond_the_standard_errors(results):
    sentence = persistence(results).sentence
    nodes = results.nodes[results.nodes["model"] == "sis"]
    k_max = int(nodes["k_shell"].max())
    inner = nodes[nodes["k_shell"] == k_max]["M"].mean()
    assert f"innermost shell (k_S = {k_max}" in sentence
    assert f"infected {netsim.report._words.fmt(inner)} ±" in sentence
    assert "more than the outer shells" in sentence
    flat = results.nodes.copy()
    flat["M"], flat["M_se"] = 0.5, 0.01
    flat.loc[flat["k_shell"] == k_max, "M"] = 0.505  # within sqrt(2) * 0.01
    sentence = persistence(dataclasses.replace(results, nodes=flat)).sentence
    assert "no different within the standard errors from the outer shells" in sentence
    assert "more than" not in sentence


def test_results_without_sis_are_refused(results):
    sir_only = dataclasses.replace(results, nodes=results.nodes[results.nodes["model"] == "sir"])
    with pytest.raises(
        InvalidParameterError,
        match=r"^results must be an experiment with an SIS spread condition; got only spread "
        r"conditions of models \['sir'\]\. Add a \[\[spread\]\] table",
    ):
        persistence(sir_only)


def test_the_sentence_compares_the_inner_shell_with_peripheral_hubs(results):
    """Give 30 outer-shell nodes the largest degrees: they become the hubs the sentence names."""
    nodes = results.nodes.copy()
    sis = nodes["model"] == "sis"
    k_max = int(nodes.loc[sis, "k_shell"].max())
    outer = nodes.index[sis & (nodes["k_shell"] <= k_max // 2)][:30]
    nodes.loc[outer, "degree"] = 1000
    sentence = persistence(dataclasses.replace(results, nodes=nodes)).sentence
    assert "and above the hubs among them (degree >= 1000, 30 nodes:" in sentence
    nodes.loc[outer, "M"] = nodes.loc[sis & (nodes["k_shell"] == k_max), "M"].mean()
    sentence = persistence(dataclasses.replace(results, nodes=nodes)).sentence
    assert "no different within the standard errors from the hubs among them" in sentence
