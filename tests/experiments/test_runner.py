"""The runner: content keys, common random numbers, and the same tables everywhere."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import netsim
from netsim.experiments import ExperimentConfig, TaskError, executor_for, run_experiment
from netsim.experiments._tasks import build_network, expand, stable_hash


def config(**changes):
    data = {
        "name": "demo",
        "seed": 5,
        "replicates": 2,
        "network": [
            {"kind": "game", "n": 150, "lion_fraction": [0.2, 0.5], "rounds": 5},
            {"kind": "dataset", "name": "physicians"},
        ],
        "spread": {"model": "sir", "beta_factor": [1.0, 2.0], "n_runs": 40},
        "measures": {"names": ["h_index"]},
    }
    data.update(changes)
    return ExperimentConfig.from_dict(data)


@pytest.fixture(scope="module")
def serial():
    return run_experiment(config())


def test_tables_follow_the_declared_order(serial):
    networks = serial.networks
    assert len(networks) == 3 * 2 * 2
    assert networks["network"].tolist()[:4] == ["game lion_fraction=0.2"] * 4
    assert networks["replicate"].tolist()[:4] == [0, 0, 1, 1]
    assert networks["beta_factor"].tolist()[:4] == [1.0, 2.0, 1.0, 2.0]
    assert networks["network"].iloc[-1] == "physicians"
    assert serial.network_columns == ("lion_fraction",)
    assert serial.spread_columns == ("beta_factor",)


def test_node_table_matches_the_api_on_the_same_streams(serial):
    task = expand(config())[5]  # game lion_fraction=0.5, replicate 0, beta_factor 2
    csr = build_network(task)
    nodes = serial.nodes[
        (serial.nodes["network"] == task.network_label)
        & (serial.nodes["replicate"] == task.replicate)
        & (serial.nodes["beta_factor"] == 2.0)
    ]
    assert nodes["node"].tolist() == csr.nodes.tolist()
    assert nodes["degree"].tolist() == csr.degrees.tolist()
    assert nodes["k_shell"].tolist() == netsim.core_number(csr).tolist()
    assert nodes["h_index"].tolist() == netsim.h_index(csr).tolist()
    assert nodes["strategy"].tolist() == list(csr.node_attrs["strategy"])
    seed = task.stream(netsim._seeding.Purpose.SIR, task.condition_hash())
    efficiency = netsim.spreading_efficiency(csr, beta_factor=2.0, n_runs=40, seed=seed)
    np.testing.assert_array_equal(nodes["M"].to_numpy(), efficiency["M"].to_numpy())
    # 40 runs: the task keeps the means of 10 batches of 4 runs, which average to M
    batched = netsim.spreading_efficiency(csr, beta_factor=2.0, n_runs=40, batches=10, seed=seed)
    columns = [f"M_batch_{j}" for j in range(10)]
    pd.testing.assert_frame_equal(
        nodes[columns].reset_index(drop=True), batched[columns].reset_index(drop=True)
    )
    np.testing.assert_allclose(nodes[columns].mean(axis=1), nodes["M"], rtol=0, atol=1e-12)
    strength = [sum(w for *_, w in csr.to_networkx().edges(v, data="trust")) for v in csr.nodes]
    np.testing.assert_allclose(nodes["strength"].to_numpy(), strength)


def test_common_random_numbers_share_graphs_across_spread_conditions(serial):
    games = serial.nodes[serial.nodes["kind"] == "game"]
    for (_, _), group in games.groupby(["network", "replicate"]):
        low, high = (g["degree"].to_numpy() for _, g in group.groupby("beta_factor"))
        np.testing.assert_array_equal(low, high)
    replicates = [g["degree"].to_numpy() for _, g in games.groupby("replicate")]
    assert not np.array_equal(replicates[0], replicates[1])
    unshared = run_experiment(
        config(crn=False, replicates=1, network=config().to_dict()["network"][:1])
    )
    low, high = (
        g["degree"].to_numpy()
        for _, g in unshared.nodes[unshared.nodes["lion_fraction"] == 0.2].groupby("beta_factor")
    )
    assert not np.array_equal(low, high)


def test_adding_a_sweep_value_keeps_the_other_conditions_results(serial):
    wider = config(spread={"model": "sir", "beta_factor": [1.0, 1.5, 2.0], "n_runs": 40})
    keys = {t.key for t in expand(config())}
    assert keys <= {t.key for t in expand(wider)}
    results = run_experiment(wider)
    kept = results.nodes[results.nodes["beta_factor"] != 1.5].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, serial.nodes)


def test_tasks_keep_batches_of_runs_from_20_runs_up():
    from netsim.experiments._tasks import efficiency_batches

    assert [efficiency_batches(n) for n in (1, 19, 20, 1000)] == [1, 1, 10, 10]
    few = run_experiment(
        config(
            replicates=1,
            network=config().to_dict()["network"][1:],
            spread={"beta": 0.1, "n_runs": 19},
        )
    )
    assert not [c for c in few.nodes.columns if c.startswith("M_batch_")]


def test_a_target_outbreak_config_records_the_regime_three_ways():
    """Each network row: beta, both thresholds and the mean outbreak measured at that beta.

    The outbreak measured on the task's own 400 samples is the target within 25 % of it: the
    beta found on 200 samples moves the mean outbreak by a few percent (its interval), and
    the measurement adds about 1 %.
    """
    results = run_experiment(
        ExperimentConfig.from_dict(
            {
                "name": "regimes",
                "seed": 3,
                "network": {"kind": "dataset", "name": ["jazz", "physicians"]},
                "spread": {"target_outbreak": [0.05, 0.2], "n_runs": 400},
                "sources": {"k": 2, "strategies": ["degree"], "n_runs": 50},
            }
        )
    )
    networks = results.networks
    assert results.spread_columns == ("target_outbreak",)
    assert networks["target_outbreak"].tolist() == [0.05, 0.2, 0.05, 0.2]
    for name, rows in networks.groupby("network", sort=False):
        csr = netsim.datasets.load_csr(name)
        assert (rows["beta_c"] == netsim.epidemic_threshold(csr)).all()
        assert rows["beta_c_measured"].nunique() == 1  # once per network, not per condition
        assert rows["beta_c_measured"].iloc[0] > rows["beta_c"].iloc[0]
        assert rows["beta"].is_monotonic_increasing
        np.testing.assert_allclose(rows["outbreak_fraction"], rows["target_outbreak"], rtol=0.25)
    task = expand(results.config)[1]
    seed = task.stream(netsim._seeding.Purpose.SIR, task.condition_hash())
    efficiency = netsim.spreading_efficiency(
        build_network(task), target_outbreak=0.2, n_runs=400, seed=seed
    )
    assert networks["beta"].iloc[1] == efficiency.attrs["beta"]
    assert len(results.sources) == 4


def test_keys_depend_on_seed_and_content_not_position():
    tasks = expand(config())
    assert len({t.key for t in tasks}) == len(tasks)
    reseeded = expand(config(seed=6))
    assert not {t.key for t in tasks} & {t.key for t in reseeded}
    assert [t.key for t in expand(config())] == [t.key for t in tasks]


def test_stable_hash_is_the_same_in_another_process():
    value = {"kind": "game", "n": 150, "lion_fraction": 0.2, "job_attention": {"lion": 0.0}}
    code = f"from netsim.experiments._tasks import stable_hash; print(stable_hash({value!r}))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(other.stdout) == stable_hash(value)


def test_resuming_from_any_subset_gives_the_same_tables(serial):
    from netsim.experiments._tasks import run_task

    tasks = expand(config())
    done = {t.key: run_task(t) for t in tasks[::3]}
    seen = []
    resumed = run_experiment(config(), done=done, on_result=lambda t, o: seen.append(t.key))
    assert sorted(seen) == sorted(t.key for t in tasks if t.key not in done)
    pd.testing.assert_frame_equal(resumed.nodes, serial.nodes)
    pd.testing.assert_frame_equal(
        resumed.networks.drop(columns="seconds"), serial.networks.drop(columns="seconds")
    )


@pytest.mark.slow
def test_a_process_pool_gives_the_same_tables(serial):
    with executor_for(2) as executor:
        pooled = run_experiment(config(), executor=executor)
    pd.testing.assert_frame_equal(pooled.nodes, serial.nodes)


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_tables(serial):
    import distributed  # in the test extra

    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        executor_for(scheduler=cluster.scheduler_address) as executor,
    ):
        remote = run_experiment(config(), executor=executor)
    pd.testing.assert_frame_equal(remote.nodes, serial.nodes)


def test_a_failing_task_names_its_condition(tmp_path):
    edges = tmp_path / "edges.txt"
    edges.write_text("0 1\n1 2\n")
    bad = ExperimentConfig.from_dict(
        {
            "name": "bad",
            "seed": 1,
            "network": {"kind": "edgelist", "path": "edges.txt"},
            "spread": {"beta": 0.5, "n_runs": 5},
        },
        base=str(tmp_path),
    )
    edges.write_text("0 x\n")
    with pytest.raises(TaskError, match=r"^task edges.txt \| sir failed: .*line 1"):
        run_experiment(bad)


def test_configuration_networks_have_the_drawn_degree_distribution():
    poisson = ExperimentConfig.from_dict(
        {
            "name": "c",
            "seed": 2,
            "network": {"kind": "configuration", "n": 20_000, "mean_degree": 3.0},
            "spread": {"beta": 0.1, "n_runs": 2},
        }
    )
    csr = build_network(expand(poisson)[0])
    degrees = csr.degrees
    # Erasing self-loops and multi-edges removes O(1) edges; the mean stays within 4 SE.
    se = np.sqrt(3.0 / degrees.size)
    assert abs(degrees.mean() - 3.0) < 4 * se + 10 / degrees.size
    assert abs(degrees.var() - 3.0) < 0.1
