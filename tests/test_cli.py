"""The netsim command line: help, version, the main job, and one-line errors."""

import subprocess
import sys

import networkx as nx
import pytest

import netsim
from netsim.cli import main


def run(*args):
    """Run ``python -m netsim ARGS`` in a fresh process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "netsim", *args], capture_output=True, text=True, check=False
    )


def test_version_and_help_through_python_m():
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.strip() == f"netsim, version {netsim.__version__}"
    helped = run("--help")
    assert helped.returncode == 0
    assert "rank" in helped.stdout
    assert "list" in helped.stdout


def test_rank_a_dataset_prints_the_table(capsys):
    assert main(["rank", "jazz", "--top", "3", "--n-runs", "50", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    G = netsim.datasets.load("jazz")
    k_max = max(nx.core_number(G).values())
    beta = 1.5 * netsim.epidemic_threshold(G)
    assert out.startswith(f"jazz: 198 nodes, 2,742 edges; SIR with beta = {beta:.4g}")
    assert f"innermost k-shell (k_S = {k_max})" in out
    lines = out.splitlines()
    assert lines[2].split()[:4] == ["M", "M_se", "core_number", "degree"]
    assert len(lines) == 4 + 3


def test_rank_table_agrees_with_the_public_functions(capsys):
    assert main(["rank", "jazz", "--top", "5", "--n-runs", "50", "--seed", "3"]) == 0
    rows = capsys.readouterr().out.splitlines()[4:]
    G = netsim.datasets.load("jazz")
    efficiency = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=50, seed=3)
    best = efficiency["M"].sort_values(ascending=False, kind="stable")
    assert [int(row.split()[0]) for row in rows] == best.index[:5].tolist()
    for row in rows:
        node, m, _, core, degree = row.split()[:5]
        assert float(m) == round(efficiency.loc[int(node), "M"], 2)
        assert int(core) == nx.core_number(G)[int(node)]
        assert int(degree) == G.degree(int(node))


def test_rank_sort_by_degree_lists_the_hubs_first(capsys):
    assert main(["rank", "jazz", "--top", "2", "--sort-by", "degree", "--n-runs", "10"]) == 0
    rows = capsys.readouterr().out.splitlines()[4:]
    G = netsim.datasets.load("jazz")
    hubs = sorted(G.degree(), key=lambda item: -item[1])[:2]
    assert [int(row.split()[4]) for row in rows] == [d for _, d in hubs]


def test_rank_an_edge_list_file(tmp_path, capsys):
    path = tmp_path / "ring.txt"
    path.write_text("# ring with a chord\n1 2\n2 3\n3 4\n4 1\n1 3\n")
    assert main(["rank", str(path), "--top", "2", "--n-runs", "10"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ring.txt: 4 nodes, 5 edges")


def test_list_names_every_dataset(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in netsim.datasets.names():
        assert name in out


def test_bad_file_gives_one_line_and_exit_code_2(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text("1 2\n2 three\n")
    result = run("rank", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("netsim: line 2 of ")
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text("1 2\n2 three\n")
    result = run("--debug", "rank", str(path))
    assert result.returncode == 2
    assert "Traceback" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["rank", "no-such-network"], "network must be a dataset name"),
        (["rank", "jazz", "--top", "0"], "--top"),
        (["rank", "jazz", "--sort-by", "fame"], "--sort-by"),
        (["rank", "jazz", "--beta-factor", "0"], "--beta-factor"),
        (["rank", "jazz", "--beta-factor", "100"], "beta_factor must be at most"),
        (["frobnicate"], "No such command"),
    ],
)
def test_bad_arguments_exit_with_code_2(args, expected, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert expected in err
    assert "Traceback" not in err
