"""Run the benchmarks: netsim against every installed peer, on the same seeded inputs.

Each area times netsim and each peer library that is installed (networkx,
igraph, networkit, EoN, NDlib, cynetdiff where the area has one) in the same
run, reports the median seconds and their ratio, and checks that the results
agree (exact equality for core numbers, a tolerance for centralities, 4
combined standard errors for outbreak sizes). A peer that is not installed
gets a row saying "(not installed)".

A run leaves the checkout as it was: the files the areas write (the scaling
area's CSV and plots) go to ``--out DIR``, or to a fresh temporary folder
whose path is printed. Only ``--update-results`` writes into the benchmarks
folder: ``RESULTS.md`` and the data files it shows.
"""

import argparse
import ast
import importlib
import inspect
import os
import shlex
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from ._harness import SIZES, environment, markdown, report

HERE = Path(__file__).resolve().parent
# The files of the benchmarks folder that --update-results rewrites: the results
# table, and the data files it shows, each copied from --out when its area ran.
RESULTS_FOLDER = HERE
RESULTS = "RESULTS.md"
COMMITTED = {"scaling.csv": "scaling", "scaling.png": "scaling"}
# The areas in the order they run; bench_<area>.py files not listed here run after them.
ORDER = (
    "csr",
    "kshell",
    "sir",
    "efficiency",
    "continuous_sir",
    "models",
    "beta_curve",
    "centrality",
    "local_centrality",
    "game",
    "game_facts",
    "scaling",
    "compile",
)


def _areas() -> tuple[str, ...]:
    found = {path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py")}
    return tuple(a for a in ORDER if a in found) + tuple(sorted(found - set(ORDER)))


AREAS = _areas()


def _summary(area: str) -> str:
    """Return the first line of an area module's docstring, read without importing it."""
    text = (HERE / f"bench_{area}.py").read_text(encoding="utf-8")
    docstring = ast.get_docstring(ast.parse(text)) or ""
    return docstring.strip().splitlines()[0] if docstring.strip() else ""


def _parser() -> argparse.ArgumentParser:
    areas = "\n".join(f"  {area:<17} {_summary(area)}" for area in AREAS)
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        epilog=f"areas:\n{areas}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "areas", nargs="*", metavar="area", help=f"any of {', '.join(AREAS)} (default: all)"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small problems (same as --size quick): the whole run in under 3 minutes on 2 cores",
    )
    parser.add_argument(
        "--size", choices=SIZES, default="default", help="problem size table (default: default)"
    )
    parser.add_argument(
        "--repeats", type=int, default=3, help="timed repeats per task; medians are reported"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="after the report, exit with status 1 if any row's results disagree with its peer",
    )
    written = parser.add_mutually_exclusive_group()
    written.add_argument(
        "--results",
        metavar="PATH",
        type=Path,
        help="also write the results as Markdown (environment, command, UTC date, table)",
    )
    written.add_argument(
        "--update-results",
        action="store_true",
        help=(
            f"rewrite benchmarks/{RESULTS} with this run's results and copy the data files "
            f"it shows ({', '.join(COMMITTED)}) from --out into the benchmarks folder; "
            "without it a run never writes there"
        ),
    )
    parser.add_argument(
        "--edgelist",
        metavar="PATH",
        type=Path,
        help="an edge list file for the areas that accept a user graph",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="folder for files the areas write (default: a fresh temporary folder, printed)",
    )
    return parser


def run_area(area: str, size: str, args: argparse.Namespace) -> list:
    """Run one area: ``run(size, repeats, options)``, or ``run(size, repeats)`` if it takes 2."""
    module = importlib.import_module(f"benchmarks.bench_{area}")
    if len(inspect.signature(module.run).parameters) >= 3:
        return module.run(size, args.repeats, args)
    return module.run(size, args.repeats)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    unknown = set(args.areas) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s) {sorted(unknown)}; choose from {list(AREAS)}")
    if args.repeats < 1:
        parser.error(f"--repeats must be >= 1; got {args.repeats!r}")
    size = "quick" if args.quick else args.size
    command = shlex.join(["python", "-m", "benchmarks", *(sys.argv[1:] if argv is None else argv)])
    date = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    temporary = args.out is None
    if temporary:
        args.out = Path(tempfile.mkdtemp(prefix="netsim-benchmarks-"))
    args.out.mkdir(parents=True, exist_ok=True)
    env = environment()
    print(env)
    print(f"files go to {args.out}")
    rows = []
    for area in args.areas or AREAS:
        print(f"[{area}] size={size}", flush=True)
        start = time.perf_counter()
        rows.extend(run_area(area, size, args))
        print(f"[{area}] done in {time.perf_counter() - start:.1f} s", flush=True)
    if temporary and not any(args.out.iterdir()):
        args.out.rmdir()  # no area wrote a file: leave no empty folder behind
    print(report(rows))
    print("ratio = peer seconds / netsim seconds (median of repeats); > 1 means netsim is faster.")
    if args.update_results:
        args.results = RESULTS_FOLDER / RESULTS
        for name, area in COMMITTED.items():
            if area in (args.areas or AREAS) and (args.out / name).exists():
                shutil.copyfile(args.out / name, RESULTS_FOLDER / name)
                print(f"copied {name} to {RESULTS_FOLDER}")
    if args.results is not None:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        folder = RESULTS_FOLDER if args.update_results else args.out
        plots = [folder / "scaling.png"] if "scaling" in (args.areas or AREAS) else []
        figures = tuple(
            Path(os.path.relpath(plot, args.results.parent)).as_posix()
            for plot in plots
            if plot.exists()
        )
        args.results.write_text(markdown(rows, env, command, date, figures), encoding="utf-8")
        print(f"results written to {args.results}")
    if args.check:
        failed = [row for row in rows if row.agrees is False]
        if failed:
            print(f"check: {len(failed)} row(s) disagree with their peer:")
            for row in failed:
                print(f"  {row.task} vs {row.peer}: {row.same_result}")
            return 1
        checked = sum(row.agrees is True for row in rows)
        print(f"check: all {checked} compared row(s) agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
