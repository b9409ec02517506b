"""The netsim command line: help, version, the main job, and one-line errors."""

import gzip
import json
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import netsim
from netsim.cli import cli, main


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


def test_rank_at_a_target_outbreak_states_the_regime_three_ways(capsys):
    args = ["rank", "jazz", "--top", "3", "--n-runs", "50", "--seed", "3"]
    assert main([*args, "--target-outbreak", "0.1"]) == 0
    out = capsys.readouterr().out
    G = netsim.datasets.load("jazz")
    efficiency = netsim.spreading_efficiency(G, target_outbreak=0.1, n_runs=50, seed=3)
    beta, factor = efficiency.attrs["beta"], efficiency.attrs["beta_factor"]
    share = 100 * efficiency.attrs["outbreak_fraction"]
    assert out.startswith(
        f"jazz: 198 nodes, 2,742 edges; SIR with beta = {beta:.4g} ({factor:.3g} x the "
        f"configuration threshold, chosen for a mean outbreak of 10 %; measured mean outbreak "
        f"{share:.3g} % of the nodes), 50 runs per node, seed 3.\n"
    )
    rows = out.splitlines()[4:]
    best = efficiency["M"].sort_values(ascending=False, kind="stable")
    assert [int(row.split()[0]) for row in rows] == best.index[:3].tolist()


def test_rank_threshold_chooses_what_beta_factor_multiplies(capsys):
    args = ["rank", "jazz", "--top", "2", "--n-runs", "20", "--seed", "1"]
    assert main([*args, "--beta-factor", "1.2", "--threshold", "susceptibility"]) == 0
    out = capsys.readouterr().out
    G = netsim.datasets.load("jazz")
    attrs = netsim.spreading_efficiency(
        G, beta_factor=1.2, threshold="susceptibility", n_runs=20, seed=1
    ).attrs
    assert f"SIR with beta = {attrs['beta']:.4g} (" in out
    assert "1.2 x the measured threshold" in out


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
        (
            ["rank", "jazz", "--beta-factor", "1", "--target-outbreak", "0.1"],
            "give one of --beta-factor and --target-outbreak, not both.",
        ),
        (["rank", "jazz", "--target-outbreak", "1.5"], "--target-outbreak"),
        (["rank", "jazz", "--target-outbreak", "0"], "--target-outbreak"),
        (["rank", "jazz", "--threshold", "measured"], "--threshold"),
        (
            ["rank", "jazz", "--target-outbreak", "0.1", "--threshold", "susceptibility"],
            "threshold must be 'configuration' unless beta_factor is given",
        ),
        (["frobnicate"], "No such command"),
        (["generate"], "Missing argument 'OUT'"),
        (["generate", "g.txt", "--lion-fraction", "0.3"], "Missing option '--n'"),
        (["generate", "g.txt", "--n", "100"], "--kind game needs --lion-fraction"),
        (["generate", "g.txt", "--n", "1", "--lion-fraction", "0.3"], "--n"),
        (["generate", "g.txt", "--n", "100", "--lion-fraction", "1.5"], "lion_fraction must be"),
        (["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--kind", "gaem"], "--kind"),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--param", "rouns=3"],
            "--param must be a parameter of networking_game (n, lion_fraction, rounds, ",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--param", "rouns=3"],
            "got 'rouns'. Did you mean 'rounds'?",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--param", "dunbar"],
            "must be NAME=VALUE",
        ),
        (
            [
                "generate",
                "g.txt",
                "--n",
                "99",
                "--lion-fraction",
                "0.3",
                "--param",
                "k0=1",
                "--param",
                "k0=2",
            ],
            "got 'k0' twice",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--param", "n=5"],
            "Give it as --n.",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--param", "dunbar=0"],
            "dunbar must be an int >= 1; got 0.",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--kind", "lion"],
            "--lion-fraction must be left out for --kind lion",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--kind", "barabasi_albert", "--rounds", "5"],
            "--rounds must be left out for --kind barabasi_albert",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--kind", "barabasi_albert"],
            "--kind barabasi_albert needs m: give --param m=VALUE.",
        ),
        (
            ["generate", "g.dat", "--n", "100", "--lion-fraction", "0.3"],
            "OUT must be a file name ending in .graphml, .txt, .edges, .csv or .gz",
        ),
        (
            ["generate", "g.txt", "--n", "100", "--lion-fraction", "0.3", "--format", "gml"],
            "--format",
        ),
        (["rank", "jazz", "--out"], "--out"),
    ],
)
def test_bad_arguments_exit_with_code_2(args, expected, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert captured.err.startswith("netsim: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_other_failures_exit_with_code_1_and_one_line(monkeypatch, capsys):
    def fail(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(netsim.cli._main, "_rank_table", fail)
    assert main(["rank", "jazz"]) == 1
    err = capsys.readouterr().err
    assert err == "netsim: RuntimeError: disk on fire (rerun with --debug for the traceback)\n"
    assert main(["--debug", "rank", "jazz"]) == 1
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["", *sorted(cli.commands)])
def test_every_command_has_examples_in_its_help(command, capsys):
    assert main([command, "--help"] if command else ["--help"]) == 0
    out = capsys.readouterr().out
    assert "Example" in out
    examples = out.split("Example", 1)[1].splitlines()[1:]
    assert examples
    assert all(line.startswith(f"    netsim {command}".rstrip()) for line in examples)


# --- netsim generate ----------------------------------------------------------------------------


def read_header(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as handle:
        return [line for line in handle if line.startswith("#")]


def test_generate_an_edge_list_that_reads_back(tmp_path, capsys):
    path = tmp_path / "game.txt.gz"
    args = ["--n", "400", "--lion-fraction", "0.3", "--rounds", "8", "--seed", "5"]
    assert main(["generate", str(path), *args, "--param", "dunbar=20"]) == 0
    expected = netsim.networking_game(400, 0.3, rounds=8, dunbar=20, seed=5)
    m = expected.number_of_edges()
    assert capsys.readouterr().out == (
        f"Wrote 400 nodes and {m:,} edges (game) to {path} (edge list).\n"
    )
    header = read_header(path)
    assert header[0] == (
        f"# netsim {netsim.__version__} edge list: --kind game (networking_game), seed 5\n"
    )
    parameters = json.loads(header[2].removeprefix("# parameters: "))
    assert parameters == json.loads(json.dumps(expected.graph["parameters"]))
    assert parameters["dunbar"] == 20
    assert parameters["n_groups"] == 8
    back = netsim.CSRGraph.read_edgelist(path, weight="trust").to_networkx()
    expected.remove_nodes_from([v for v, d in dict(expected.degree()).items() if d == 0])
    assert sorted(back.nodes) == sorted(expected.nodes)
    assert nx.utils.edges_equal(back.edges(data="trust"), expected.edges(data="trust"))


def test_generate_the_same_seed_gives_the_same_bytes(tmp_path, capsys):
    first, second = tmp_path / "a.txt.gz", tmp_path / "b.txt.gz"
    for path in (first, second):
        assert main(["generate", str(path), "--n", "200", "--lion-fraction", "0.5"]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_generate_a_csv_baseline(tmp_path, capsys):
    path = tmp_path / "ba.csv"
    kind = ["--kind", "barabasi_albert", "--param", "m=2", "--param", "trust=0.25"]
    assert main(["generate", str(path), "--n", "300", "--seed", "3", *kind]) == 0
    assert "Wrote 300 nodes and " in capsys.readouterr().out
    first_edge = next(line for line in path.read_text().splitlines() if line[0] != "#")
    assert first_edge.count(",") == 2
    expected = netsim.barabasi_albert_network(300, 2, trust=0.25, seed=3)
    back = netsim.CSRGraph.read_edgelist(path, weight="trust").to_networkx()
    assert nx.utils.edges_equal(back.edges(data="trust"), expected.edges(data="trust"))
    assert '"m": 2' in read_header(path)[2]


@pytest.mark.parametrize("name", ["lions.graphml", "lions.xml"])
def test_generate_graphml_keeps_the_attributes(tmp_path, capsys, name):
    path = tmp_path / name
    fmt = [] if name.endswith(".graphml") else ["--format", "graphml"]
    assert main(["generate", str(path), "--kind", "lion", "--n", "150", "--rounds", "4", *fmt]) == 0
    assert capsys.readouterr().out.endswith(f"to {path} (GraphML).\n")
    expected = netsim.lion_network(150, rounds=4, seed=0)
    back = nx.read_graphml(path, node_type=int)
    assert nx.utils.nodes_equal(back.nodes(data=True), expected.nodes(data=True))
    assert nx.utils.edges_equal(back.edges(data=True), expected.edges(data=True))
    assert json.loads(back.graph["parameters"]) == json.loads(
        json.dumps(expected.graph["parameters"])
    )
    assert back.graph["kind"] == "lion"
    assert back.graph["netsim_version"] == netsim.__version__
    assert "history" not in back.graph
    assert "requests" not in back.graph


def test_generate_replaces_a_file_atomically(tmp_path, capsys, monkeypatch):
    path = tmp_path / "net.edges"
    path.write_text("old\n")

    def broken(*args, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken)
    assert main(["generate", str(path), "--n", "50", "--lion-fraction", "0.2"]) == 1
    assert "no space left on device" in capsys.readouterr().err
    assert path.read_text() == "old\n"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind
    monkeypatch.undo()
    assert main(["generate", str(path), "--n", "50", "--lion-fraction", "0.2"]) == 0
    assert path.read_text().startswith("# netsim ")


def test_generate_through_python_m(tmp_path):
    path = tmp_path / "organic.txt"
    result = run("generate", str(path), "--kind", "organic", "--n", "300", "--rounds", "5")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Wrote 300 nodes and ")
    back = netsim.CSRGraph.read_edgelist(path, weight="trust")
    assert f"and {back.n_edges:,} edges (organic)" in result.stdout
    strategies = {"organic"}
    expected = netsim.organic_network(300, rounds=5, seed=0)
    assert set(nx.get_node_attributes(expected, "strategy").values()) == strategies
    assert back.n_edges == expected.number_of_edges()


# --- netsim rank --out --------------------------------------------------------------------------


def test_rank_out_writes_the_table_and_the_figures(tmp_path, capsys):
    import matplotlib.pyplot as plt

    open_before = plt.get_fignums()
    folder = tmp_path / "jazz"
    args = ["rank", "jazz", "--top", "3", "--n-runs", "20", "--seed", "2"]
    assert main(args) == 0
    plain = capsys.readouterr().out
    assert main([*args, "--out", str(folder)]) == 0
    out = capsys.readouterr().out
    names = [
        "ranking.csv",
        "efficiency_against_degree.png",
        "efficiency_against_degree.svg",
        "efficiency_grid.png",
        "efficiency_grid.svg",
    ]
    assert out == plain + "".join(f"Wrote {folder / name}\n" for name in names)
    assert sorted(path.name for path in folder.iterdir()) == sorted(names)
    table = pd.read_csv(folder / "ranking.csv", index_col="node")
    G = netsim.datasets.load("jazz")
    efficiency = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=20, seed=2)
    assert len(table) == G.number_of_nodes()
    np.testing.assert_allclose(table["M"], efficiency.loc[table.index, "M"])
    assert (table["degree"] == pd.Series(dict(G.degree()))[table.index]).all()
    for name in names[1:]:
        assert (folder / name).stat().st_size > 1000
    assert plt.get_fignums() == open_before  # every figure closed


def test_rank_gives_every_rank_its_interval_and_the_top_k_reproducibility(capsys):
    assert main(["rank", "jazz", "--top", "4", "--n-runs", "100", "--seed", "5"]) == 0
    out = capsys.readouterr().out
    G = netsim.datasets.load("jazz")
    ranking = netsim.rank_spreaders(G, beta_factor=1.5, measures=["degree"], n_runs=100, seed=5)
    found = netsim.measures.top_k_reproducibility(ranking, 4)
    assert (
        f"Two independent halves of the runs agree on {found['overlap']:.3g} of their 4 best "
        f"spreaders ({found['random']:.2g} by chance)"
    ) in out
    for row in out.splitlines()[4:]:
        node, *_, low, high = row.split()
        assert float(low) == ranking.loc[int(node), "rank_M_low"]
        assert float(high) == ranking.loc[int(node), "rank_M_high"]
        assert float(low) <= ranking.loc[int(node), "rank_M"] <= float(high)
