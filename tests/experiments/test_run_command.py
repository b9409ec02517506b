"""`netsim run`, `validate` and `new-seed`, and the results folder they write."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from netsim.cli import main
from netsim.experiments import ExperimentConfig

EXPERIMENTS = Path(__file__).parents[2] / "experiments"

KILLABLE = """\
name = "killable"
seed = 11
replicates = 3

[network]
kind = "game"
n = 1500
lion_fraction = [0.1, 0.2, 0.3, 0.4]
rounds = 20

[spread]
beta_factor = [1.0, 2.0]
n_runs = 300

[report]
figures = ["strategy_comparison"]
"""


def _default_interrupt() -> None:
    """Let Ctrl-C through in the child even when this test runs where SIGINT is ignored.

    A shell ignores SIGINT in the jobs it starts in the background, and an
    ignored signal stays ignored across exec: Python would then never raise
    KeyboardInterrupt, and the interrupted run would finish.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_cli(*args):
    return subprocess.Popen(
        [sys.executable, "-m", "netsim", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_default_interrupt,
    )


def wait_for_tasks(folder, count, process, timeout=300):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        done = list((folder / "tasks").glob("*.pkl")) if (folder / "tasks").exists() else []
        if len(done) >= count:
            return len(done)
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    raise AssertionError("no task finished in time")


def tables(folder):
    nodes = pd.read_csv(folder / "tables" / "nodes.csv")
    networks = pd.read_csv(folder / "tables" / "networks.csv").drop(columns="seconds")
    return nodes, networks


@pytest.mark.slow
@pytest.mark.parametrize(("how", "jobs"), [(signal.SIGKILL, "1"), (signal.SIGINT, "2")])
def test_a_killed_run_resumes_and_equals_an_uninterrupted_one(tmp_path, how, jobs):
    config = tmp_path / "killable.toml"
    config.write_text(KILLABLE)
    interrupted, whole = tmp_path / "interrupted", tmp_path / "whole"
    process = run_cli("run", str(config), "--out", str(interrupted), "--jobs", jobs)
    wait_for_tasks(interrupted, 2, process)
    os.killpg(process.pid, how)
    _, stderr = process.communicate(timeout=120)
    if how == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert stderr.strip().splitlines()[-1] == "netsim: interrupted"
    else:
        assert process.returncode == -signal.SIGKILL
    finished = len(list((interrupted / "tasks").glob("*.pkl")))
    assert 2 <= finished < 24
    assert not list((interrupted / "tasks").glob(".*"))  # no half-written file is left
    assert not (interrupted / "summary.md").exists()

    resumed = run_cli("run", str(config), "--out", str(interrupted), "--jobs", jobs)
    _, stderr = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, stderr
    assert f"24 tasks, {finished} already done" in stderr
    uninterrupted = run_cli("run", str(config), "--out", str(whole), "--jobs", "1")
    _, stderr = uninterrupted.communicate(timeout=600)
    assert uninterrupted.returncode == 0, stderr
    for a, b in zip(tables(interrupted), tables(whole), strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert (interrupted / "tables" / "nodes.csv").read_bytes() == (
        whole / "tables" / "nodes.csv"
    ).read_bytes()
    provenance = json.loads((interrupted / "provenance.json").read_text())
    assert provenance["tasks_resumed"] == finished


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(EXPERIMENTS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_experiment_runs_quick_through_the_cli(tmp_path, capsys, path):
    out = tmp_path / path.stem
    assert main(["run", str(path), "--quick", "--out", str(out), "--jobs", "1"]) == 0
    assert f"read {out / 'summary.md'}" in capsys.readouterr().out
    config = ExperimentConfig.from_toml(path)
    summary = (out / "summary.md").read_text()
    assert summary.startswith(f"# {config.title}\n")
    for name in config.report.figures:
        assert f"](figures/{name}.png)" in summary
        for suffix in ("png", "svg"):
            assert (out / "figures" / f"{name}.{suffix}").stat().st_size > 1000
        table = pd.read_csv(out / "tables" / f"{name}.csv")
        assert len(table) > 0
    assert pd.read_csv(out / "tables" / "nodes.csv")["M"].notna().all()
    provenance = json.loads((out / "provenance.json").read_text())
    assert provenance["seed"] == config.seed
    assert provenance["quick"] is True
    assert {"netsim", "numpy", "numba", "networkx", "python"} <= set(provenance["versions"])
    assert provenance["started_utc"] <= provenance["finished_utc"]
    as_run = ExperimentConfig.from_toml(out / "config.toml")
    assert as_run.to_dict() == config.quick_version().to_dict()


def test_run_resolves_shipped_names_and_refuses_unknown_ones(capsys):
    assert main(["validate", "quickstart"]) == 0
    assert "quickstart: ok. 3 tasks (1 network conditions x 3 replicates" in capsys.readouterr().out
    assert main(["run", "quickstar"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("netsim: config must be a TOML file or a shipped experiment")


def test_a_bad_config_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(
        'seed = 1\n[network]\nkind = "game"\nn = 100\nlion_fraction = 0.3\n'
        "[spread]\nbeta_factr = 1.5\n"
    )
    for args in (["run", str(path), "--out", str(tmp_path / "out")], ["validate", str(path)]):
        assert main(args) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err == [
            "netsim: bad.toml: [spread] (model 'sir'): unknown key 'beta_factr'; "
            "did you mean 'beta_factor'?"
        ]
    assert not (tmp_path / "out").exists()


def test_an_impossible_task_is_refused_with_its_memory_estimate(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    path.write_text(
        'seed = 1\n[network]\nkind = "game"\nn = 1000000000\nlion_fraction = 0.3\n'
        "[spread]\nbeta_factor = 1.5\n"
    )
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "GiB" in err[0]
    assert "available" in err[0]


def test_new_seed_prints_a_fresh_128_bit_seed(capsys):
    assert main(["new-seed"]) == 0
    first = int(capsys.readouterr().out)
    assert main(["new-seed"]) == 0
    assert first != int(capsys.readouterr().out)
    assert first.bit_length() > 64


def test_every_command_has_an_example_in_its_help(capsys):
    for command in ("run", "validate", "new-seed"):
        assert main([command, "--help"]) == 0
        assert "Example" in capsys.readouterr().out


@pytest.mark.slow
def test_run_on_a_dask_cluster_equals_a_local_run(tmp_path, capsys):
    import distributed  # in the test extra

    config = tmp_path / "small.toml"
    config.write_text(KILLABLE.replace("replicates = 3", "replicates = 1").replace("1500", "300"))
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["run", str(config), "--out", str(local), "--jobs", "1"]) == 0
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        args = ["run", str(config), "--out", str(remote), "--scheduler", cluster.scheduler_address]
        assert main(args) == 0
    assert (local / "tables" / "nodes.csv").read_bytes() == (
        remote / "tables" / "nodes.csv"
    ).read_bytes()
    provenance = json.loads((remote / "provenance.json").read_text())
    assert provenance["workers"] == f"Dask scheduler {cluster.scheduler_address}"
    capsys.readouterr()


def test_validate_explain_lists_every_parameter_with_its_value_or_default(capsys):
    assert main(["validate", "lion_vs_organic", "--explain"]) == 0
    out = capsys.readouterr().out
    assert "  lion_fraction = (0.1, 0.3, 0.5)\n" in out
    assert "  dunbar = 150 (default)\n" in out
    assert "  mu = 1.0 (default)\n" in out
    assert "  beta = (not set)\n" in out
    assert "  strategy_sweep: " in out
