"""The results folder: finished tasks written atomically, provenance, tables, figures, summary.

Layout of a results folder::

    config.toml        the config as run (after --quick)
    provenance.json    versions, seed, start and end, machine, threads and workers
    summary.md         the page to read first: every figure with a sentence
    tables/            tidy tables: nodes, networks, sources, one per figure (CSV; Parquet too
                       when pyarrow is installed)
    figures/           one PNG and one SVG per figure
    tasks/             one file per finished task, named by its content key

Every file is written to a temporary name in its folder and then renamed
(``os.replace``), so a file is either complete or absent. A rerun into the
same folder reads the tasks already there and runs only the others.
"""

import json
import os
import pickle
import platform
import sys
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .._files import atomic_write
from .._seeding import KEY_SCHEME, seed_sequence
from ._config import ExperimentConfig
from ._results import ExperimentResults
from ._tasks import Task

__all__ = ["ResultStore", "provenance_record", "toml_text"]

_VERSIONS = ("netsim", "numpy", "scipy", "numba", "networkx", "pandas", "matplotlib", "dask")


def _write_text(path: Path, text: str) -> None:
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


class ResultStore:
    """A results folder: read the finished tasks, write each new one, write the tables.

    Parameters
    ----------
    folder : str or os.PathLike
        Created if absent.
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.tasks = self.folder / "tasks"

    def done(self, keys: Iterable[str]) -> dict[str, dict[str, pd.DataFrame]]:
        """Return the stored outputs of the tasks among ``keys`` that have finished."""
        out = {}
        for key in keys:
            path = self.tasks / f"{key}.pkl"
            if path.is_file():
                with path.open("rb") as handle:
                    out[key] = pickle.load(handle)
        return out

    def save(self, task: Task, output: dict[str, pd.DataFrame]) -> None:
        """Write one task's output atomically."""

        def write(path: Path) -> None:
            with path.open("wb") as handle:
                pickle.dump(output, handle, protocol=pickle.HIGHEST_PROTOCOL)

        atomic_write(self.tasks / f"{task.key}.pkl", write)

    def write_config(self, config: ExperimentConfig) -> None:
        """Write the config as run."""
        _write_text(self.folder / "config.toml", toml_text(config.to_dict()))

    def write_provenance(self, record: dict[str, Any]) -> None:
        """Write ``provenance.json``."""
        text = json.dumps(record, indent=2, default=str) + "\n"
        _write_text(self.folder / "provenance.json", text)

    def write_tables(self, results: ExperimentResults, findings: Sequence[Any]) -> list[Path]:
        """Write the tidy tables (CSV, and Parquet when pyarrow is installed).

        ``findings`` are the report's findings: each has a ``name`` and a ``table``.
        """
        tables = {
            "nodes": results.nodes,
            "networks": results.networks,
            "sources": results.sources,
            **{finding.name: finding.table for finding in findings},
        }
        try:
            import pyarrow  # noqa: F401

            parquet = True
        except ImportError:
            parquet = False
        written = []
        for name, table in tables.items():
            if name == "sources" and table.empty:
                continue
            path = self.folder / "tables" / f"{name}.csv"
            atomic_write(path, lambda p, t=table: t.to_csv(p, index=False))
            written.append(path)
            if parquet:
                parquet_path = path.with_suffix(".parquet")
                atomic_write(parquet_path, lambda p, t=table: _to_parquet(t, p))
        return written

    def write_summary(self, text: str) -> Path:
        """Write ``summary.md``."""
        path = self.folder / "summary.md"
        _write_text(path, text)
        return path


def _to_parquet(table: pd.DataFrame, path: Path) -> None:
    frame = table.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(lambda v: None if v is None else str(v))
    frame.to_parquet(path, index=False)


def provenance_record(
    config: ExperimentConfig,
    *,
    started: datetime,
    finished: datetime,
    workers: str,
    threads: int,
    n_tasks: int,
    n_resumed: int,
    quick: bool,
) -> dict[str, Any]:
    """Return what ``provenance.json`` records (STYLE.md S8)."""
    versions = {}
    for package in _VERSIONS:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    versions["python"] = platform.python_version()
    return {
        "experiment": config.name,
        "quick": quick,
        "seed": config.seed,
        "seed_entropy": int(seed_sequence(config.seed).entropy),
        "key_scheme": KEY_SCHEME,
        "common_random_numbers": config.crn,
        "started_utc": started.astimezone(UTC).isoformat(timespec="seconds"),
        "finished_utc": finished.astimezone(UTC).isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 1),
        "tasks": n_tasks,
        "tasks_resumed": n_resumed,
        "workers": workers,
        "threads_per_worker": threads,
        "machine": {
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cpus": os.cpu_count(),
        },
        "versions": versions,
        "command": " ".join(["netsim", *sys.argv[1:]]),
    }


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    message = f"cannot write {value!r} to TOML."
    raise TypeError(message)


def toml_text(data: dict[str, Any]) -> str:
    """Write TOML-shaped config data as TOML text (what :func:`tomllib.loads` reads back)."""
    lines = []
    tables = []
    for key, value in data.items():
        is_tables = isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        if isinstance(value, dict) or is_tables:
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_toml_value(value)}")
    for key, value in tables:
        for table in value if isinstance(value, list) else [value]:
            header = f"[[{key}]]" if isinstance(value, list) else f"[{key}]"
            lines += ["", header]
            lines += [f"{k} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def now() -> datetime:
    """Return the current UTC time."""
    return datetime.now(UTC)
