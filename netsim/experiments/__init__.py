"""Experiments: configs read from TOML, a resumable runner, and the report they produce.

``netsim run CONFIG`` is the command-line door; from Python::

    from netsim.experiments import ExperimentConfig, run_experiment
    config = ExperimentConfig.from_toml("experiments/quickstart.toml")
    results = run_experiment(config)  # tables: results.nodes, .networks, .sources
"""

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
    "run_experiment",
]
