"""Run the benchmarks: ``python -m benchmarks [--quick | --size SIZE] [area ...]``."""

import argparse
import importlib

from ._harness import SIZES, environment, report

AREAS = (
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
)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "areas", nargs="*", metavar="area", help=f"any of {', '.join(AREAS)} (default: all)"
    )
    parser.add_argument("--quick", action="store_true", help="small problems, under 2 minutes")
    parser.add_argument("--size", choices=SIZES, default="default", help="problem size table")
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats per task")
    args = parser.parse_args()
    unknown = set(args.areas) - set(AREAS)
    if unknown:
        parser.error(f"unknown area(s) {sorted(unknown)}; choose from {list(AREAS)}")
    size = "quick" if args.quick else args.size
    print(environment())
    rows = []
    for area in args.areas or AREAS:
        print(f"[{area}] size={size}")
        module = importlib.import_module(f"benchmarks.bench_{area}")
        rows.extend(module.run(size, args.repeats))
    print(report(rows))
    print("ratio = peer seconds / netsim seconds (median of repeats); > 1 means netsim is faster.")


if __name__ == "__main__":
    main()
