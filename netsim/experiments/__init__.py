"""Experiments: configs read from TOML and a resumable runner (:mod:`netsim.report` reports).

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
from ._results import ExperimentResults
from ._runner import TaskError, executor_for, run_experiment
from ._store import ResultStore

__all__ = [
    "ConfigError",
    "ExperimentConfig",
    "ExperimentResults",
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
