"""Experiments: configs read from TOML, a resumable runner, and the report they produce.

``netsim run CONFIG`` is the command-line door; from Python::

    from netsim.experiments import load_config, run_experiment
    config = load_config("quickstart")  # a shipped experiment, or a TOML file's path
    results = run_experiment(config)  # tables: results.nodes, .networks, .sources
"""

from ._catalog import load_config
from ._config import (
    ConfigError,
    ExperimentConfig,
    MeasuresSpec,
    NetworkSpec,
    ReportSpec,
    SourcesSpec,
    SpreadSpec,
)
from ._report import ANALYSES
from ._results import ExperimentResults, Finding
from ._runner import TaskError, executor_for, run_experiment
from ._store import ResultStore

__all__ = [
    "ANALYSES",
    "ConfigError",
    "ExperimentConfig",
    "ExperimentResults",
    "Finding",
    "MeasuresSpec",
    "NetworkSpec",
    "ReportSpec",
    "ResultStore",
    "SourcesSpec",
    "SpreadSpec",
    "TaskError",
    "executor_for",
    "load_config",
    "run_experiment",
]
