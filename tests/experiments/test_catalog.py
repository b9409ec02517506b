"""The shipped experiments: found in the package first, else in the source tree, with titles."""

import pytest

from netsim.cli import main
from netsim.experiments import ConfigError, ExperimentConfig, _catalog, load_config
from netsim.experiments._catalog import experiment_configs, experiment_title


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """Point the look-up at two empty folders: (package configs, source experiments)."""
    package, source = tmp_path / "configs", tmp_path / "experiments"
    package.mkdir()
    source.mkdir()
    monkeypatch.setattr(_catalog, "_PACKAGE_DIR", package)
    monkeypatch.setattr(_catalog, "_SOURCE_DIR", source)
    return package, source


def write(folder, name, title=None):
    lines = [f'name = "{name}"', "seed = 1"]
    if title is not None:
        lines.insert(1, f'title = "{title}"')
    path = folder / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_the_source_tree_is_used_when_the_package_has_none(folders):
    _, source = folders
    second = write(source, "zeta_study", "Second study")
    first = write(source, "alpha_study", "First study")
    (source / "notes.txt").write_text("not a config")
    (source / ".alpha_study.toml.123.tmp.toml").write_text("hidden")
    configs = experiment_configs()
    assert configs == {"alpha_study": first, "zeta_study": second}
    assert list(configs) == ["alpha_study", "zeta_study"]


def test_the_package_folder_comes_first(folders):
    package, source = folders
    write(source, "from_source", "In the source tree")
    shipped = write(package, "from_package", "In the wheel")
    assert experiment_configs() == {"from_package": shipped}


def test_nothing_found_gives_an_empty_catalog(folders, monkeypatch):
    assert experiment_configs() == {}
    monkeypatch.setattr(_catalog, "_PACKAGE_DIR", None)
    monkeypatch.setattr(_catalog, "_SOURCE_DIR", None)
    assert experiment_configs() == {}


def test_title_falls_back_to_the_name(tmp_path):
    assert experiment_title(write(tmp_path, "titled", "  LIONs against organic networkers ")) == (
        "LIONs against organic networkers"
    )
    assert experiment_title(write(tmp_path, "untitled")) == "untitled"
    assert experiment_title(write(tmp_path, "blank", "")) == "blank"
    broken = tmp_path / "broken.toml"
    broken.write_text("title = \n")
    assert experiment_title(broken).startswith("broken (unreadable: ")


def test_list_shows_experiments_then_datasets(folders, capsys):
    _, source = folders
    write(source, "lion_vs_organic", "LIONs against organic networkers")
    write(source, "kshell_check")
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[:3] == [
        "Experiments",
        "  kshell_check     kshell_check",
        "  lion_vs_organic  LIONs against organic networkers",
    ]
    assert lines[4] == "Datasets"
    assert lines[5].split() == ["nodes", "edges", "weighted", "title"]


def test_list_says_when_no_experiment_is_found(folders, capsys):
    assert main(["list"]) == 0
    assert capsys.readouterr().out.startswith("Experiments\n  (none found)\n\nDatasets\n")


def test_load_config_reads_a_shipped_experiment_by_name():
    path = experiment_configs()["quickstart"]
    assert load_config("quickstart") == ExperimentConfig.from_toml(path)
    assert load_config("quickstart", quick=True) == ExperimentConfig.from_toml(path).quick_version()
    assert load_config(path) == ExperimentConfig.from_toml(path)


def test_load_config_prefers_an_existing_file_to_a_shipped_name(tmp_path, monkeypatch):
    text = experiment_configs()["quickstart"].read_text()
    seed = ExperimentConfig.from_toml(experiment_configs()["quickstart"]).seed
    (tmp_path / "quickstart").write_text(text.replace(f"seed = {seed}", f"seed = {seed + 1}"))
    monkeypatch.chdir(tmp_path)
    assert load_config("quickstart").seed == seed + 1


def test_load_config_names_the_shipped_experiments_when_the_name_is_unknown():
    with pytest.raises(ConfigError, match=r"shipped experiment \(.*kitsak.*\); got 'kitsk'"):
        load_config("kitsk")
    with pytest.raises(ConfigError, match=r"missing\.toml"):
        load_config("missing.toml")
