"""Run an experiment's tasks, here or on a pool of workers, and assemble its tables.

:func:`run_experiment` touches no file: the tasks already done come in as
``done``, each finished task goes out through ``on_result`` (the store
writes it), and the tables are assembled in the config's declared order, so
the order in which workers finish never shows in a result.
"""

import concurrent.futures
import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pandas as pd
from tqdm.auto import tqdm

from .._kernels._options import set_threads
from ..exceptions import NetsimError
from ._config import ExperimentConfig
from ._results import ExperimentResults
from ._tasks import (
    REGIME_KEYS,
    Task,
    expand,
    network_conditions,
    run_task,
    spread_conditions,
    varying,
)

__all__ = ["TaskError", "executor_for", "run_experiment"]

TaskOutput = dict[str, pd.DataFrame]


class TaskError(NetsimError):
    """A task of an experiment failed; the message names its condition."""


@contextlib.contextmanager
def executor_for(
    jobs: int | None = None, *, scheduler: str | None = None
) -> Iterator[concurrent.futures.Executor | None]:
    """Yield the executor that runs an experiment's tasks, and shut it down after.

    Parameters
    ----------
    jobs : int, optional
        Worker processes of a local pool; default: the number of CPUs. With
        1, tasks run in this process (yields None). Each worker gets
        ``cpus // jobs`` numba threads.
    scheduler : str, optional
        Address of a running Dask distributed scheduler
        (``"tcp://host:8786"``); tasks then run on its workers, and
        ``jobs`` is ignored. Needs ``pip install "netsim[distributed]"``.

    Yields
    ------
    concurrent.futures.Executor or None
        None when tasks run in this process.

    Raises
    ------
    NetsimError
        If ``scheduler`` is given and dask.distributed is not installed.
    OSError
        If the scheduler cannot be reached.

    Examples
    --------
    >>> from netsim.experiments import ExperimentConfig, executor_for, run_experiment
    >>> config = ExperimentConfig.from_dict({
    ...     "name": "demo", "seed": 1,
    ...     "network": {"kind": "dataset", "name": "physicians"},
    ...     "spread": {"beta_factor": [1.0, 2.0], "n_runs": 50},
    ... })
    >>> with executor_for(1) as executor:  # or executor_for(scheduler="tcp://host:8786")
    ...     results = run_experiment(config, executor=executor)
    >>> len(results.networks)
    2
    """
    if scheduler is not None:
        try:
            from distributed import Client
        except ImportError:
            message = "--scheduler needs dask.distributed: pip install 'netsim[distributed]'."
            raise NetsimError(message) from None
        try:
            client = Client(scheduler)
        except OSError as error:
            message = f"cannot reach the Dask scheduler at {scheduler!r}: {error}"
            raise OSError(message) from None
        with client:
            yield client.get_executor()
        return
    cpus = os.cpu_count() or 1
    jobs = cpus if jobs is None else jobs
    if jobs <= 1:
        yield None
        return
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(max(1, cpus // jobs),),
    )
    try:
        yield pool
    except BaseException:
        # Interrupted or failed: the tasks not started are cancelled, the finished ones are
        # stored, and the workers (which ignore Ctrl-C) end with the task they are running.
        # Terminating them instead could leave the pool's manager thread waiting forever.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _start_worker(threads: int) -> None:
    """Set a worker's numba threads; leave Ctrl-C to the parent, which stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_threads(threads)


def run_experiment(
    config: ExperimentConfig,
    *,
    executor: concurrent.futures.Executor | None = None,
    done: Mapping[str, TaskOutput] | None = None,
    on_result: Callable[[Task, TaskOutput], None] | None = None,
    progress: bool = False,
) -> ExperimentResults:
    """Run every task of ``config`` and return the experiment's tables.

    Parameters
    ----------
    config : ExperimentConfig
        The experiment.
    executor : concurrent.futures.Executor, optional
        Where the tasks run: a ``ProcessPoolExecutor``, a Dask client's
        ``get_executor()`` (see :func:`executor_for`), or None to run them
        one after the other in this process.
    done : mapping of str to dict, optional
        Outputs of tasks already run, by task key; they are not run again.
    on_result : callable, optional
        Called as ``on_result(task, output)`` in this process as each task
        finishes (the store writes it there).
    progress : bool, default=False
        Show a progress bar (tqdm, on stderr) with the time left and the
        condition last finished.

    Returns
    -------
    ExperimentResults
        The tables, in the config's declared order.

    Raises
    ------
    TaskError
        If a task fails: the message names its condition and the error.

    Notes
    -----
    A task's random streams are keyed by its content (see
    ``netsim.experiments._tasks``), so the tables do not depend on the
    executor, the number of workers, the order of completion, or on which
    tasks were already done: a resumed run equals an uninterrupted one.

    Examples
    --------
    >>> from netsim.experiments import ExperimentConfig, run_experiment
    >>> config = ExperimentConfig.from_dict({
    ...     "name": "demo", "seed": 1,
    ...     "network": {"kind": "dataset", "name": "jazz"},
    ...     "spread": {"beta_factor": [1.0, 2.0], "n_runs": 100},
    ... })
    >>> results = run_experiment(config)
    >>> results.networks[["network", "spread", "n_nodes"]]
      network                spread  n_nodes
    0    jazz  sir beta_factor=1    198
    1    jazz  sir beta_factor=2    198
    """
    tasks = expand(config)
    outputs: dict[str, TaskOutput] = {t.key: done[t.key] for t in tasks if done and t.key in done}
    pending = [t for t in tasks if t.key not in outputs]
    bar = tqdm(
        total=len(tasks),
        initial=len(tasks) - len(pending),
        desc=config.name,
        unit="task",
        disable=not progress,
        file=sys.stderr,
        dynamic_ncols=True,
    )

    def finished(task: Task, output: TaskOutput) -> None:
        outputs[task.key] = output
        if on_result is not None:
            on_result(task, output)
        bar.set_postfix_str(f"{task.network_label} | {task.spread_label}", refresh=False)
        bar.update(1)

    try:
        if executor is None:
            for task in pending:
                bar.set_postfix_str(f"{task.network_label} | {task.spread_label}")
                finished(task, _run(task))
        else:
            _run_on(executor, pending, finished)
    finally:
        bar.close()
    return assemble(config, tasks, outputs)


def _run(task: Task) -> TaskOutput:
    try:
        return run_task(task)
    except Exception as error:
        raise _failed(task, error) from error


def _failed(task: Task, error: Exception) -> TaskError:
    """Return the error that names the condition of a task that raised ``error``."""
    return TaskError(f"task {task.network_label} | {task.spread_label} failed: {error}")


def _run_on(
    executor: concurrent.futures.Executor,
    tasks: list[Task],
    finished: Callable[[Task, TaskOutput], None],
) -> None:
    futures = {executor.submit(run_task, task): task for task in tasks}
    try:
        for future in concurrent.futures.as_completed(futures):
            task = futures[future]
            try:
                output = future.result()
            except Exception as error:
                raise _failed(task, error) from error
            finished(task, output)
    finally:
        # A process pool cancels its own pending work on shutdown (executor_for).
        if not isinstance(executor, concurrent.futures.ProcessPoolExecutor):
            for future in futures:
                future.cancel()


def assemble(
    config: ExperimentConfig, tasks: list[Task], outputs: Mapping[str, TaskOutput]
) -> ExperimentResults:
    """Join the tasks' outputs into the experiment's tables, with the condition columns."""
    network_params = [k for c in network_conditions(config) for k in c if k != "kind"]
    clash = set(network_params)
    frames: dict[str, list[pd.DataFrame]] = {"nodes": [], "network": [], "sources": []}
    leading: dict[str, None] = {}
    for task in tasks:
        output = outputs[task.key]
        columns: dict[str, Any] = {"network": task.network_label, "kind": task.network["kind"]}
        columns.update({k: v for k, v in task.network.items() if k != "kind"})
        columns["replicate"] = task.replicate
        columns["spread"] = task.spread_label
        columns["model"] = task.spread["model"]
        for key, value in task.spread.items():
            if key != "model":
                columns[f"spread_{key}" if key in clash else key] = value
        leading.update(dict.fromkeys(columns))
        for name, frame in output.items():
            # A column of the task's own table (sources' n_runs, networks' beta) wins.
            condition = pd.DataFrame(
                {k: [_cell(v)] * len(frame) for k, v in columns.items() if k not in frame},
                index=frame.index,
            )
            frames[name].append(pd.concat([condition, frame], axis=1))
    tables = {}
    for name, parts in frames.items():
        table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        # The condition columns first, in first-seen order, then the task's own.
        first = [c for c in leading if c in table.columns]
        tables[name] = table[first + [c for c in table.columns if c not in leading]]
    # How many runs is a matter of precision, not a condition to compare.
    spread_vary = varying(spread_conditions(config), ("n_runs", "method"), partial=REGIME_KEYS)
    return ExperimentResults(
        config=config,
        nodes=tables["nodes"],
        networks=tables["network"],
        sources=tables["sources"],
        network_columns=varying(network_conditions(config), ("kind", "name", "path")),
        spread_columns=tuple(f"spread_{k}" if k in clash else k for k in spread_vary),
    )


def _cell(value: Any) -> Any:
    """Return a parameter value as a table cell: a mapping as ``key:value`` text."""
    if isinstance(value, dict):
        return ",".join(f"{k}:{v}" for k, v in value.items())
    return value
