"""Experiment configs: every field checked before any work, with one clear line."""

import tomllib
from pathlib import Path

import pytest

from netsim.experiments import ConfigError, ExperimentConfig
from netsim.experiments._kinds import KINDS as NETWORK_KINDS
from netsim.experiments._store import toml_text

EXPERIMENTS = Path(__file__).parents[2] / "experiments"
KINDS = {name: kind.parameters for name, kind in NETWORK_KINDS.items()}


def minimal(**changes):
    data = {
        "name": "demo",
        "seed": 1,
        "network": {"kind": "game", "n": 200, "lion_fraction": [0.1, 0.5], "rounds": 5},
        "spread": {"model": "sir", "beta_factor": [1.0, 2.0], "n_runs": 50},
    }
    data.update(changes)
    return data


def error_of(data):
    with pytest.raises(ConfigError) as info:
        ExperimentConfig.from_dict(data, source="x.toml")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("x.toml: ")
    return message


def test_sweeps_expand_in_declared_order():
    config = ExperimentConfig.from_dict(minimal())
    assert [c["lion_fraction"] for c in config.networks[0].conditions()] == [0.1, 0.5]
    spreads = config.spreads[0].conditions()
    assert [c["beta_factor"] for c in spreads] == [1.0, 2.0]
    assert all(c["model"] == "sir" for c in spreads)


def test_to_dict_round_trips_through_dict_and_toml(tmp_path):
    for path in sorted(EXPERIMENTS.glob("*.toml")):
        config = ExperimentConfig.from_toml(path)
        assert ExperimentConfig.from_dict(config.to_dict(), base=config.base) == config
        written = tmp_path / path.name
        written.write_text(toml_text(config.to_dict()))
        again = ExperimentConfig.from_toml(written)
        assert again.to_dict() == config.to_dict()
        quick = config.quick_version()
        assert ExperimentConfig.from_dict(quick.to_dict(), base=quick.base) == quick


def test_quick_overrides_merge_key_by_key():
    data = minimal(quick={"network": {"n": 50}, "spread": {"n_runs": 5}, "replicates": 1})
    quick = ExperimentConfig.from_dict(data).quick_version()
    assert quick.networks[0].params == {"n": 50, "lion_fraction": (0.1, 0.5), "rounds": 5}
    assert quick.spreads[0].params["n_runs"] == 5
    assert quick.quick == {}


def test_quick_list_of_tables_merges_table_by_table():
    data = minimal(
        spread=[{"beta_factor": 1.0, "n_runs": 50}, {"model": "threshold", "theta": 0.2}],
        quick={"spread": [{"n_runs": 5}, {"theta": [0.1, 0.3]}]},
    )
    quick = ExperimentConfig.from_dict(data).quick_version()
    assert quick.spreads[0].params == {"beta_factor": 1.0, "n_runs": 5}
    assert quick.spreads[1].params == {"theta": (0.1, 0.3)}


def test_a_quick_table_sets_in_each_table_of_a_list_only_the_keys_that_table_gives(tmp_path):
    (tmp_path / "mine.txt").write_text("0 1\n1 2\n2 0\n", encoding="utf-8")
    data = minimal(
        network=[
            {"kind": "dataset", "name": ["jazz", "physicians"]},
            {"kind": "edgelist", "path": "mine.txt"},
        ],
        quick={"network": {"name": ["jazz"]}},
    )
    quick = ExperimentConfig.from_dict(data, base=str(tmp_path)).quick_version()
    assert quick.networks[0].params == {"name": ("jazz",)}
    assert quick.networks[1].params["path"] == "mine.txt"
    assert "name" not in quick.networks[1].params


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"sede": 1}, "top level: unknown key 'sede'; did you mean 'seed'?"),
        (
            {"network": {"kind": "game", "n": 100, "lion_fraction": 0.1, "rounds_": 3}},
            "[network] (kind 'game'): unknown key 'rounds_'; did you mean 'rounds'?",
        ),
        (
            {"spread": {"model": "sir", "beta_factr": 1.0}},
            "[spread] (model 'sir'): unknown key 'beta_factr'; did you mean 'beta_factor'?",
        ),
        (
            {"spread": {"model": "continuous_sir", "tau": 0.1, "gama": 1.0}},
            "unknown key 'gama'; did you mean 'gamma'?",
        ),
        ({"measures": {"names": ["betweenes"]}}, "unknown measure 'betweenes'; did you mean"),
        ({"report": {"figures": ["imprecison"]}}, "unknown figure 'imprecison'; did you mean"),
        ({"network": {"kind": "gmae", "n": 10}}, "kind must be one of"),
        ({"network": {"kind": "dataset", "name": "facebok"}}, "name must be one of"),
    ],
)
def test_unknown_keys_and_names_get_a_hint(change, expected):
    assert expected in error_of(minimal(**change))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"seed": -1}, "seed: seed must be an int >= 0; got -1."),
        ({"seed": "one"}, "seed: seed must be"),
        ({"replicates": 0}, "replicates: replicates must be an int >= 1; got 0."),
        ({"crn": "yes"}, "crn: crn must be true or false; got 'yes'"),
        (
            {"network": {"kind": "game", "n": 100, "lion_fraction": [0.1, 1.5]}},
            "[network] lion_fraction: lion_fraction must be a float in [0, 1]; got 1.5.",
        ),
        ({"network": {"kind": "game", "n": 1, "lion_fraction": 0.1}}, "n must be an int >= 2"),
        ({"network": {"kind": "game", "n": 100, "lion_fraction": []}}, "at least one value"),
        ({"network": {"kind": "barabasi_albert", "n": 10, "m": 10}}, "m must be an int in"),
        ({"network": {"kind": "game", "lion_fraction": 0.1}}, "kind 'game' needs 'n'"),
        ({"spread": {"model": "sir", "beta": 1.5}}, "[spread]: beta must be"),
        ({"spread": {"model": "sir", "beta_factor": -1.0}}, "beta_factor must be"),
        ({"spread": {"model": "sir"}}, "[spread]:"),
        ({"spread": {"model": "sir", "beta": 0.1, "n_runs": 0}}, "n_runs must be an int >= 1"),
        ({"spread": {"model": "siss", "beta": 0.1}}, "[spread] model: model must be one of"),
        (
            {"spread": {"model": "sis", "beta": 0.1, "method": "direct"}},
            "[spread] (model 'sis'): unknown key 'method'",
        ),
        ({"spread": {"model": "threshold", "theta": 2.0}}, "theta must be"),
        (
            {
                "network": {
                    "kind": "configuration",
                    "n": 100,
                    "distribution": "powerlaw",
                    "exponent": 2.0,
                }
            },
            "exponent must be > 2",
        ),
        ({"network": {"kind": "edgelist", "path": "nowhere.txt"}}, "path must be an existing"),
        (
            {
                "network": {"kind": "dataset", "name": "jazz"},
                "spread": {"beta": 0.1, "transmission": "trust"},
            },
            "transmission \"trust\" needs weighted networks; 'jazz' has no trust",
        ),
        (
            {"spread": {"model": "threshold", "theta": 0.2}, "sources": {"k": 2}},
            "[sources]: several sources are compared under discrete SIR with mu = 1",
        ),
        ({"sources": {"k": 0}}, "[sources] k: k must be an int >= 1; got 0."),
        ({"measures": {"names": ["betweenness"], "betweenness": {"kk": 3}}}, "kk"),
        ({"quick": {"network": {"n": 1}}}, "n must be an int >= 2"),
        ({"network": 3}, "[network]: must be a table or a list of tables"),
        (
            {"spread": {"target_outbreak": [0.05, 1.0]}},
            "[spread] target_outbreak: target_outbreak must be a float in (0, 1); got 1.0.",
        ),
        (
            {"spread": {"target_outbreak": 0.1, "beta_factor": 1.0}},
            "[spread]: give exactly one of beta (a probability), beta_factor",
        ),
        (
            {"spread": {"target_outbreak": 0.1, "mu": 0.5}},
            "[spread] target_outbreak: target_outbreak needs mu = 1",
        ),
        (
            {"spread": {"beta_factor": 1.0, "threshold": "measured"}},
            "[spread] threshold: threshold must be one of {'configuration', 'susceptibility', "
            "'weighted'}; got 'measured'.",
        ),
        (
            {"spread": {"beta": 0.1, "threshold": "susceptibility"}},
            "[spread] threshold: threshold must be 'configuration' unless beta_factor is given",
        ),
        (
            {"spread": {"beta_factor": 1.0, "threshold": "weighted"}},
            "when transmission='contact'",
        ),
        ({"spread": {"model": "threshold", "theta": 0.2, "target_outbreak": 0.1}}, "target_out"),
    ],
)
def test_bad_values_name_the_key_and_what_is_valid(change, expected):
    assert expected in error_of(minimal(**change))


def test_target_outbreak_and_threshold_are_spread_keys_that_sweep():
    data = minimal(spread={"target_outbreak": [0.05, 0.2], "n_runs": 50})
    config = ExperimentConfig.from_dict(data)
    assert [c["target_outbreak"] for c in config.spreads[0].conditions()] == [0.05, 0.2]
    measured = minimal(spread={"beta_factor": [0.8, 1.2], "threshold": "susceptibility"})
    conditions = ExperimentConfig.from_dict(measured).spreads[0].conditions()
    assert [c["threshold"] for c in conditions] == ["susceptibility"] * 2
    assert ExperimentConfig.from_dict(config.to_dict()) == config


def test_a_config_needs_a_seed():
    data = minimal()
    del data["seed"]
    assert "seed: a config needs the root seed" in error_of(data)


def test_every_kind_is_known_with_its_generator_parameters():
    assert set(KINDS["game"]) >= {"n", "lion_fraction", "rounds", "dunbar", "p_job"}
    assert "lion_fraction" not in KINDS["lion"]
    assert set(KINDS["holme_kim"]) == {"n", "m", "p_triad", "lion_fraction", "trust"}


def test_from_toml_reads_relative_paths_from_its_folder(tmp_path):
    (tmp_path / "edges.txt").write_text("0 1\n1 2\n2 0\n")
    path = tmp_path / "mine.toml"
    path.write_text(
        'seed = 3\n[network]\nkind = "edgelist"\npath = "edges.txt"\n'
        "[spread]\nbeta = 0.5\nn_runs = 10\n"
    )
    config = ExperimentConfig.from_toml(path)
    assert config.name == "mine"
    assert Path(config.base) == tmp_path.resolve()


def test_from_toml_reports_bad_toml_and_missing_files(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("seed = \n")
    with pytest.raises(ConfigError, match=r"^bad.toml: not valid TOML"):
        ExperimentConfig.from_toml(path)
    with pytest.raises(ConfigError, match="config must be an existing TOML file"):
        ExperimentConfig.from_toml(tmp_path / "absent.toml")


def test_shipped_experiments_are_valid_with_a_quick_size():
    paths = sorted(EXPERIMENTS.glob("*.toml"))
    names = {p.stem for p in paths}
    assert names == {
        "quickstart",
        "kitsak",
        "lion_vs_organic",
        "dunbar",
        "job_found",
        "threshold",
        "persistence",
    }
    for path in paths:
        data = tomllib.loads(path.read_text())
        assert "quick" in data, path.name
        config = ExperimentConfig.from_toml(path)
        assert config.title
        assert config.description
        assert config.report.figures
