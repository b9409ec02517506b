"""The experiments shipped with netsim: where their TOML files are, and their titles.

An installed netsim carries them in ``netsim/experiments/configs/``; a source
checkout keeps them in the top-level ``experiments/`` folder. The package
folder is searched first.
"""

import os
import tomllib
from pathlib import Path

from ._config import ConfigError, ExperimentConfig

__all__ = ["experiment_configs", "experiment_title", "load_config"]

#: The shipped configs inside the package (what a wheel carries).
_PACKAGE_DIR: Path | None = Path(__file__).parent / "configs"
#: The configs of a source checkout: ``experiments/`` beside ``pyproject.toml``.
_SOURCE_ROOT = Path(__file__).parents[2]
_SOURCE_DIR: Path | None = (
    _SOURCE_ROOT / "experiments" if (_SOURCE_ROOT / "pyproject.toml").is_file() else None
)


def _toml_files(folder: Path | None) -> dict[str, Path]:
    if folder is None or not folder.is_dir():
        return {}
    files = sorted(path for path in folder.glob("*.toml") if not path.name.startswith("."))
    return {path.stem: path for path in files}


def experiment_configs() -> dict[str, Path]:
    """Return the TOML files of the shipped experiments, by name.

    Returns
    -------
    dict of str to pathlib.Path
        The files ``*.toml`` of the first folder that has any, among the
        package's ``configs/`` folder and a source checkout's top-level
        ``experiments/`` folder, keyed by file name without ``.toml`` and
        sorted by it; empty if neither folder holds one.

    See Also
    --------
    experiment_title : the title stated in a file.

    Examples
    --------
    >>> from netsim.experiments._catalog import experiment_configs
    >>> configs = experiment_configs()
    >>> all(path.suffix == ".toml" for path in configs.values())
    True
    """
    for folder in (_PACKAGE_DIR, _SOURCE_DIR):
        found = _toml_files(folder)
        if found:
            return found
    return {}


def experiment_title(path: str | Path) -> str:
    r"""Return the ``title`` an experiment's TOML file states.

    Parameters
    ----------
    path : str or pathlib.Path
        The TOML file of an experiment.

    Returns
    -------
    str
        Its ``title``; the file name without ``.toml`` when the file has no
        title (or an empty one), and that name followed by the reason when
        the file cannot be read or is not valid TOML (``netsim validate``
        says more).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from netsim.experiments._catalog import experiment_title
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.toml"
    >>> _ = path.write_text('name = "demo"\ntitle = "A demonstration"\n')
    >>> experiment_title(path)
    'A demonstration'
    >>> _ = path.write_text('name = "demo"\n')
    >>> experiment_title(path)
    'demo'
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        return f"{path.stem} (unreadable: {error})"
    title = data.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return path.stem


def load_config(config: str | os.PathLike[str], *, quick: bool = False) -> ExperimentConfig:
    """Read an experiment: a TOML file, or the name of a shipped experiment.

    Parameters
    ----------
    config : str or os.PathLike
        The path of a TOML file, or the name of an experiment shipped with
        netsim (``netsim list`` prints them: ``"quickstart"``, ``"kitsak"``,
        ...). An existing file wins over a shipped name.
    quick : bool, default=False
        Apply the config's ``[quick]`` overrides (its small size), as
        ``netsim run --quick`` does.

    Returns
    -------
    ExperimentConfig
        The experiment, checked.

    Raises
    ------
    ConfigError
        If ``config`` is neither a file nor a shipped name (the message lists
        the shipped names), or the file is not a valid experiment (the
        message names the file and the key).

    See Also
    --------
    ExperimentConfig.from_toml : read a file given by its path only.
    run_experiment : run the experiment read.

    Examples
    --------
    >>> from netsim.experiments import load_config
    >>> config = load_config("quickstart", quick=True)
    >>> config.name
    'quickstart'
    """
    path = Path(config)
    if not path.is_file():
        shipped = experiment_configs()
        if str(config) in shipped:
            path = shipped[str(config)]
        elif path.suffix != ".toml" and shipped:
            message = (
                f"config must be a TOML file or a shipped experiment "
                f"({', '.join(shipped)}); got {str(config)!r}."
            )
            raise ConfigError(message)
    loaded = ExperimentConfig.from_toml(path)
    return loaded.quick_version() if quick else loaded
