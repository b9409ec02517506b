"""The results folder: atomic files, the config as run, tables and provenance."""

import json
import tomllib

import numpy as np
import pandas as pd
import pytest

from netsim._files import atomic_write
from netsim.experiments import ExperimentConfig, ResultStore, run_experiment
from netsim.experiments._store import now, provenance_record, toml_text
from netsim.experiments._tasks import expand, run_task


def small_config():
    return ExperimentConfig.from_dict(
        {
            "name": "small",
            "seed": 9,
            "description": 'Quotes " and \\ backslashes,\nnew lines and ünïcode survive.',
            "network": {
                "kind": "game",
                "n": 120,
                "lion_fraction": 0.3,
                "rounds": 4,
                "job_attention": {"lion": 0.0, "organic": 0.25},
            },
            "spread": [
                {"beta_factor": [1.0, 2.0], "n_runs": 30},
                {"model": "threshold", "theta": 0.2},
            ],
            "sources": None,
            "quick": {"network": {"n": 60}},
        }
    )


def test_atomic_write_leaves_the_old_file_or_the_new_one(tmp_path):
    path = tmp_path / "a.txt"
    atomic_write(path, lambda p: p.write_text("first"))

    def broken(p):
        p.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        atomic_write(path, broken)
    assert path.read_text() == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_toml_text_reads_back_as_the_same_data():
    data = small_config().to_dict()
    assert tomllib.loads(toml_text(data)) == data


def test_saved_tasks_load_back_equal(tmp_path):
    store = ResultStore(tmp_path)
    tasks = expand(small_config())
    output = run_task(tasks[0])
    store.save(tasks[0], output)
    loaded = store.done([t.key for t in tasks])
    assert list(loaded) == [tasks[0].key]
    for name, frame in output.items():
        pd.testing.assert_frame_equal(loaded[tasks[0].key][name], frame)


def test_tables_are_written_as_csv_and_parquet(tmp_path):
    results = run_experiment(small_config())
    store = ResultStore(tmp_path)
    written = store.write_tables(results, [])
    assert sorted(p.name for p in written) == ["networks.csv", "nodes.csv"]
    nodes = pd.read_csv(tmp_path / "tables" / "nodes.csv")
    np.testing.assert_array_equal(nodes["M"].to_numpy(), results.nodes["M"].to_numpy())
    assert nodes["job_attention"].iloc[0] == "lion:0.0,organic:0.25"
    parquet = pd.read_parquet(tmp_path / "tables" / "nodes.parquet")
    np.testing.assert_array_equal(parquet["M"].to_numpy(), results.nodes["M"].to_numpy())
    assert parquet["strategy"].tolist() == results.nodes["strategy"].tolist()
    batches = [f"M_batch_{j}" for j in range(10)]  # 30 runs and 1000: 10 batches each
    np.testing.assert_array_equal(parquet[batches].to_numpy(), results.nodes[batches].to_numpy())


def test_provenance_records_versions_seed_and_times(tmp_path):
    config = small_config()
    started = now()
    record = provenance_record(
        config,
        started=started,
        finished=now(),
        workers="1 process",
        threads=2,
        n_tasks=3,
        n_resumed=1,
        quick=False,
    )
    ResultStore(tmp_path).write_provenance(record)
    read = json.loads((tmp_path / "provenance.json").read_text())
    assert read["seed"] == 9
    assert read["seed_entropy"] == 9
    assert read["tasks_resumed"] == 1
    assert read["versions"]["netsim"]
    assert read["started_utc"].endswith("+00:00")
