"""``netsim run``, ``netsim validate`` and ``netsim new-seed``: the runner, then the report."""

import os
from pathlib import Path

import click

from .._seeding import seed_sequence
from ..experiments._catalog import load_config
from ..experiments._config import _SPREAD_EXTRAS, FIGURES, ExperimentConfig
from ..experiments._kinds import KINDS
from ..experiments._memory import available_bytes, check_fits, estimate_bytes
from ..experiments._runner import executor_for, run_experiment
from ..experiments._store import ResultStore, now, provenance_record, toml_text
from ..experiments._tasks import Task, expand, network_conditions, spread_conditions
from ..report import findings, save_figures, summary_text
from ..spread._models import SPREADING_MODELS

__all__ = ["new_seed_command", "run_command", "run_into_folder", "validate_command"]

_EPILOG_RUN = """\b
Examples:
  netsim run quickstart
  netsim run experiments/kitsak.toml --quick
  netsim run experiments/lion_vs_organic.toml --out results/lvo --jobs 2
  netsim run experiments/dunbar.toml --scheduler tcp://10.0.0.5:8786
"""

_EPILOG_VALIDATE = """\b
Examples:
  netsim validate experiments/threshold.toml
  netsim validate my_experiment.toml --quick
  netsim validate kitsak --explain
"""


def check_memory(tasks: list[Task], workers: int) -> None:
    """Refuse, before anything runs, tasks that cannot fit in memory ``workers`` at a time."""
    available = available_bytes()
    if available is None:
        return
    seen = set()
    for task in tasks:
        key = (repr(task.network), repr(task.spread))
        if key in seen:
            continue
        seen.add(key)
        params = {k: v for k, v in task.network.items() if k != "kind"}
        estimate = estimate_bytes(
            task.network["kind"],
            params,
            model=task.spread["model"],
            n_runs=int(task.spread.get("n_runs", 1000)),
            measures=list(task.measures),
            spread=task.spread,
        )
        check_fits(estimate, available, task.network_label, workers=workers)


def run_into_folder(
    config: ExperimentConfig,
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    quick: bool = False,
    progress: bool = True,
) -> Path:
    """Run ``config`` into the results folder ``out``, resuming what is there; return summary.md.

    Every finished task is written at once, so an interrupted run loses at
    most the tasks in flight, and a rerun into the same folder runs only
    the others; the tables then equal those of an uninterrupted run.
    """
    import matplotlib

    matplotlib.use("Agg")
    tasks = expand(config)
    store = ResultStore(out)
    done = store.done(task.key for task in tasks)
    started = now()
    cpus = os.cpu_count() or 1
    workers = min(jobs or cpus, max(1, len(tasks) - len(done)))
    if scheduler is None:
        check_memory([task for task in tasks if task.key not in done], workers)
    if progress:
        click.echo(
            f"{config.name}: {len(tasks)} tasks, {len(done)} already done; "
            f"results in {store.folder}",
            err=True,
        )
    previous = store.folder / "config.toml"
    if progress and previous.is_file() and previous.read_text() != toml_text(config.to_dict()):
        click.echo(
            f"{store.folder} holds the results of another config: its finished tasks are "
            "kept, and its summary, tables and figures are replaced by this config's.",
            err=True,
        )
    store.write_config(config)
    with executor_for(workers, scheduler=scheduler) as executor:
        results = run_experiment(
            config, executor=executor, done=done, on_result=store.save, progress=progress
        )
    found = findings(results)
    if scheduler is not None:
        described, threads = f"Dask scheduler {scheduler}", 0
    elif workers <= 1:
        described, threads = "1 process", cpus
    else:
        described, threads = f"{workers} worker processes", max(1, cpus // workers)
    record = provenance_record(
        config,
        started=started,
        finished=now(),
        workers=described,
        threads=threads,
        n_tasks=len(tasks),
        n_resumed=len(done),
        quick=quick,
    )
    store.write_tables(results, found)
    save_figures(found, store.folder)
    store.write_provenance(record)
    return store.write_summary(summary_text(results, found, record))


@click.command("run", epilog=_EPILOG_RUN)
@click.argument("config")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    help="Results folder [default: results/NAME, or results/NAME-quick with --quick].",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes of the local pool [default: the number of CPUs].",
)
@click.option("--scheduler", metavar="ADDR", help="Run on a Dask distributed cluster.")
@click.option("--quick", is_flag=True, help="Run the config's small [quick] size.")
def run_command(
    config: str, out: str | None, jobs: int | None, scheduler: str | None, quick: bool
) -> None:
    """Run the experiment CONFIG (a TOML file or a shipped experiment's name).

    Writes the results folder: summary.md (read it first), figures/,
    tables/, config.toml and provenance.json. Each finished task is saved
    at once: run the same command again after an interruption and only
    the missing tasks run. The same seed gives the same tables on any
    number of workers.
    """
    loaded = load_config(config, quick=quick)
    folder = out or os.path.join("results", f"{loaded.name}{'-quick' if quick else ''}")
    summary = run_into_folder(loaded, folder, jobs=jobs, scheduler=scheduler, quick=quick)
    click.echo(f"{loaded.name}: done; read {summary}")


@click.command("validate", epilog=_EPILOG_VALIDATE)
@click.argument("config")
@click.option("--quick", is_flag=True, help="Count the tasks of the [quick] size.")
@click.option(
    "--explain", is_flag=True, help="Also list every parameter, with its value or default."
)
def validate_command(config: str, quick: bool, explain: bool) -> None:
    """Check CONFIG without running it: keys, types, ranges, files and memory.

    The [quick] overrides are checked as well, with or without --quick.
    """
    loaded = load_config(config, quick=quick)
    tasks = expand(loaded)
    check_memory(tasks, 1)
    if explain:
        click.echo(explanation(loaded))
    n_networks = len(network_conditions(loaded))
    n_spreads = len(spread_conditions(loaded))
    figures = ", ".join(loaded.report.figures) or "none"
    click.echo(
        f"{loaded.name}: ok. {len(tasks)} tasks ({n_networks} network conditions x "
        f"{loaded.replicates} replicates x {n_spreads} spreading conditions); figures: {figures}."
    )


def explanation(config: ExperimentConfig) -> str:
    """Return every parameter of ``config``'s tables, with its value or its default."""
    lines = [f"seed = {config.seed}; replicates = {config.replicates}; crn = {config.crn}"]
    for number, spec in enumerate(config.networks, start=1):
        lines.append(f"[network #{number}] kind = {spec.kind!r}")
        for name, default in KINDS[spec.kind].parameters.items():
            given = spec.params.get(name, _UNSET)
            shown = f"{given!r}" if given is not _UNSET else f"{default!r} (default)"
            lines.append(f"  {name} = {shown}")
    for number, spec in enumerate(config.spreads, start=1):
        lines.append(f"[spread #{number}] model = {spec.model!r}")
        record = SPREADING_MODELS[spec.model]
        defaults = {**record.defaults, **_COMPUTED, **_SPREAD_EXTRAS}
        for name in (*record.parameter_names, *_SPREAD_EXTRAS):
            given = spec.params.get(name, _UNSET)
            if given is not _UNSET:
                shown = f"{given!r}"
            elif name in defaults:
                shown = f"{defaults[name]!r} (default)"
            else:
                shown = "(not set)"
            lines.append(f"  {name} = {shown}")
    measures = ", ".join(config.measures.names) or "none besides degree and k-shell"
    lines.append(f"[measures] {measures}")
    lines.append("[report]")
    for name in config.report.figures:
        lines.append(f"  {name}: {FIGURES[name]}")
    return "\n".join(lines)


_UNSET = object()

#: Parameters computed from the network when not given, as ``--explain`` shows them.
_COMPUTED = {"w_ref": "the mean trust"}

_EPILOG_NEW_SEED = """\b
Examples:
  netsim new-seed
"""


@click.command("new-seed", epilog=_EPILOG_NEW_SEED)
def new_seed_command() -> None:
    """Print a fresh 128-bit root seed for a config's ``seed = ...`` line."""
    click.echo(str(seed_sequence(None).entropy))
