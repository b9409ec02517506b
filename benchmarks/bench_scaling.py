"""How time and peak memory of the core kernels grow with the number of edges, 10^4 to 10^7.

Kernels, each called through the public function on a ``CSRGraph``:

* core numbers: ``core_number(csr)``;
* all-node spreading efficiency by bond percolation:
  ``spreading_efficiency(csr, beta_factor=1.5, n_runs=R, method="percolation")``;
* single-source discrete SIR: ``simulate(csr, "sir", sources=[s], beta=0.2,
  n_runs=R)`` from a few sources, one call per source, the sources being
  endpoints of seeded random edges (degree-biased, so almost surely in the
  giant component). beta is fixed rather than 1.5 epidemic thresholds: on the
  power-law graphs the threshold falls with size and outbreaks at 1.5x it
  stay a few nodes large, which would time the call overhead; at beta = 0.2
  (twice the uniform graphs' threshold) outbreaks reach a fixed share of
  every graph, so the time measures the kernel on the whole graph.

Graphs: seeded synthetic graphs with mean degree about 10 drawn with numpy
and built by ``CSRGraph.from_edges`` (networkx generators take minutes at
10^7 edges): "power-law", a Chung-Lu graph with degree exponent 2.5, and
"uniform", endpoints drawn uniformly (G(n, m) up to duplicates), both drawn by
``random_graph`` below (duplicate edges merge, so the power-law graphs hold a
few per cent fewer edges than drawn; the plots use the edges kept). With
``--edgelist PATH`` the graph read by ``CSRGraph.read_edgelist(PATH)`` (a real
network, say the IMDB actor graph) is one more point; its row compares its
time with what the power-law fit predicts at its number of edges (ratio > 1: faster than predicted).

Every point runs on 1 and on 2 threads (``numba.set_num_threads``, in the
subprocess: the parent's thread count is untouched). The synthetic graphs run
in one fresh subprocess (so that nothing the parent loaded counts against
them, and the edge list in another) which first calls every kernel on a small
graph with the same array types, so that loading or compiling kernels is not
timed, then for each graph and size builds the graph and times each kernel
(median of ``repeats`` calls; a single call once one takes more than 5 s).

Peak memory is the resident set size: before each kernel the subprocess
collects garbage, resets the kernel's high-water mark (writing 5 to
``/proc/self/clear_refs``, Linux) and reads ``VmRSS`` as the baseline (the
interpreter, the loaded kernels and the graph); after the calls, ``VmHWM``
minus that baseline is the kernel's peak extra memory, numba's
allocations and the pandas result included. glibc's malloc runs with a fixed
mmap threshold (``MALLOC_MMAP_THRESHOLD_``) so that large freed arrays go back
to the system and never hide a later kernel's peak. RSS is used rather than
tracemalloc so that the timed calls run untraced; where ``clear_refs`` is not
available the memory columns are NaN.

Outputs in ``options.out`` (a fresh temporary folder when it is not given;
``python -m benchmarks --update-results`` copies the CSV and PNG into the
benchmarks folder): ``scaling.csv`` (every point), ``scaling.png`` and
``scaling.svg`` (log-log time and peak memory against edges, one line per
kernel and thread count, the least-squares slope of log(time) on log(edges)
in the legend). Rows: one per family, kernel and thread count at the largest
size, with the fitted slope as the "peer" (1.00 is linear in edges; fixed
per-call costs pull the slope below 1 at the smallest sizes).
"""

import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import textwrap
from argparse import Namespace
from collections.abc import Sequence
from pathlib import Path

import numba
import numpy as np

from ._harness import NAN, Row

# n_edges: edges drawn per point; efficiency_runs: percolation samples; sir: (sources,
# runs per source). Runs are fewer at "large", where a 10^7-edge call takes seconds.
PROBLEMS = {
    "quick": {"n_edges": (10_000, 30_000, 100_000), "efficiency_runs": 20, "sir": (2, 20)},
    "default": {
        "n_edges": (10_000, 30_000, 100_000, 300_000, 1_000_000),
        "efficiency_runs": 20,
        "sir": (3, 30),
    },
    "large": {
        "n_edges": (10_000, 100_000, 1_000_000, 3_000_000, 10_000_000),
        "efficiency_runs": 10,
        "sir": (3, 20),
    },
}
FAMILIES = ("power-law", "uniform")
KERNELS = ("core numbers", "efficiency", "SIR")
THREADS = (1, 2)
BETA_FACTOR = 1.5  # efficiency: beta = 1.5 epidemic thresholds
SIR_BETA = 0.2  # SIR: a fixed transmission probability per contact and step
SEED = 20261127
SINGLE_CALL_S = 5.0  # once a call takes longer, a point is timed once
CSV_FIELDS = (
    "graph",
    "target",
    "n_nodes",
    "n_edges",
    "kernel",
    "threads",
    "calls",
    "median_s",
    "min_s",
    "peak_mib",
    "graph_mib",
    "result",
)
MIB = 1024 * 1024

# Runs in a fresh interpreter. argv[1] is a JSON job: {"points": [[graph, n_edges or
# path], ...], "threads": [...], "repeats": r, ...}, graph a family or "edgelist";
# prints one JSON line per (point, kernel, threads).
_SCRIPT = textwrap.dedent(
    """
    import gc, json, math, statistics, sys, time, warnings
    import numba
    import numpy as np
    import netsim
    from benchmarks.bench_scaling import random_graph

    job = json.loads(sys.argv[1])
    KB = 1024

    def status(field):
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * KB
        return None

    def reset_peak():
        gc.collect()
        try:
            with open("/proc/self/clear_refs", "w") as handle:
                handle.write("5")
        except OSError:
            return None
        return status("VmRSS")

    def build(family, n_edges, seed):
        n_nodes, u, v = random_graph(family, n_edges, seed)
        with warnings.catch_warnings():  # duplicate edges are merged
            warnings.simplefilter("ignore", netsim.exceptions.NetsimWarning)
            return netsim.CSRGraph.from_edges(u, v, nodes=np.arange(n_nodes))

    def sources(csr, count, seed):
        rng = np.random.default_rng(seed)
        picks = rng.integers(0, csr.indices.size, count)  # endpoints of random edges
        return [csr.nodes[i] for i in np.unique(csr.indices[picks])]

    def kernels(csr):
        runs = job["efficiency_runs"]
        n_sources, sir_runs = job["sir"]
        chosen = sources(csr, n_sources, job["seed"])

        def core():
            return int(netsim.core_number(csr).max())

        def efficiency():
            frame = netsim.spreading_efficiency(
                csr, beta_factor=job["beta_factor"], n_runs=runs, method="percolation",
                seed=job["seed"])
            return float(frame["M"].mean())

        def sir():
            sizes = [netsim.simulate(csr, "sir", sources=[s], beta=job["sir_beta"],
                                     n_runs=sir_runs, seed=job["seed"]).mean() for s in chosen]
            return float(np.mean(sizes))

        return {"core numbers": core, "efficiency": efficiency, "SIR": sir}

    def measure(function):
        baseline = reset_peak()
        times, result = [], None
        while len(times) < job["repeats"]:
            start = time.perf_counter()
            result = function()
            times.append(time.perf_counter() - start)
            if times[-1] > job["single_call_s"]:
                break
        peak = status("VmHWM") if baseline is not None else None
        extra = (peak - baseline) / (1024 * KB) if peak is not None else math.nan
        return statistics.median(times), min(times), len(times), extra, result

    # load (or compile) every kernel on a small graph with the same array types
    if any(graph != "edgelist" for graph, _ in job["points"]):
        small = build("power-law", 2_000, job["seed"])
        for threads in job["threads"]:
            numba.set_num_threads(threads)
            for function in kernels(small).values():
                function()
        del small

    for graph, point in job["points"]:
        if graph == "edgelist":
            csr = netsim.CSRGraph.read_edgelist(point)
            for threads in job["threads"]:  # load the kernels outside the timing
                numba.set_num_threads(threads)
                netsim.core_number(csr)
                netsim.spreading_efficiency(csr, beta_factor=job["beta_factor"], n_runs=1,
                                            seed=job["seed"])
                netsim.simulate(csr, "sir", sources=sources(csr, 1, job["seed"]),
                                beta=job["sir_beta"], n_runs=1, seed=job["seed"])
        else:
            csr = build(graph, point, job["seed"] + point)
        target = point if graph != "edgelist" else csr.n_edges
        graph_mib = (csr.indptr.nbytes + csr.indices.nbytes) / (1024 * KB)
        for name, function in kernels(csr).items():
            for threads in job["threads"]:
                numba.set_num_threads(threads)
                median, fastest, calls, extra, result = measure(function)
                print(json.dumps({
                    "graph": graph, "target": target, "n_nodes": csr.n_nodes,
                    "n_edges": csr.n_edges, "kernel": name, "threads": threads, "calls": calls,
                    "median_s": median,
                    "min_s": fastest, "peak_mib": extra, "graph_mib": graph_mib,
                    "result": result}), flush=True)
        del csr
    """
)


def random_graph(family: str, n_edges: int, seed: int) -> tuple[int, np.ndarray, np.ndarray]:
    """Return ``(n_nodes, u, v)``: endpoints of a seeded random graph, mean degree about 10.

    ``n_nodes = n_edges // 5``. "power-law": Chung-Lu, both endpoints drawn
    with probability proportional to ``(i + 1) ** (-1 / (gamma - 1))``, gamma =
    2.5, so degrees follow a power law of exponent 2.5. "uniform": endpoints
    drawn uniformly (Erdos-Renyi G(n, m) up to duplicates). Self-loops are
    dropped; duplicates are left for ``CSRGraph.from_edges`` to merge.
    """
    rng = np.random.default_rng(seed)
    n_nodes = max(2, n_edges // 5)
    if family == "power-law":
        weights = np.arange(1, n_nodes + 1, dtype=np.float64) ** (-1.0 / 1.5)
        p = weights / weights.sum()
        u = rng.choice(n_nodes, size=n_edges, p=p)
        v = rng.choice(n_nodes, size=n_edges, p=p)
    elif family == "uniform":
        u = rng.integers(0, n_nodes, n_edges)
        v = rng.integers(0, n_nodes, n_edges)
    else:
        raise ValueError(f"family must be one of {FAMILIES}; got {family!r}.")
    keep = u != v
    return n_nodes, u[keep], v[keep]


def fit_slope(n_edges: Sequence[float], seconds: Sequence[float]) -> tuple[float, float]:
    """Return ``(slope, intercept)`` of the least-squares line log10(seconds) ~ log10(n_edges).

    Time growing as ``c * n_edges ** a`` gives ``slope = a`` and
    ``intercept = log10(c)``. Points with a non-positive or non-finite value
    are left out; fewer than two distinct edge counts give NaN.
    """
    x = np.asarray(n_edges, dtype=np.float64)
    y = np.asarray(seconds, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(
            f"n_edges and seconds must have the same length; got {x.size} and {y.size}."
        )
    keep = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    x, y = np.log10(x[keep]), np.log10(y[keep])
    if np.unique(x).size < 2:
        return NAN, NAN
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)


def _threads() -> list[int]:
    return [t for t in THREADS if t <= numba.config.NUMBA_NUM_THREADS]


def _measure(job: dict) -> list[dict]:
    """Run one job in a fresh interpreter and return its points."""
    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "MALLOC_MMAP_THRESHOLD_": str(128 * 1024),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, json.dumps(job)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"scaling subprocess failed:\n{done.stderr[-3000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def _write_csv(points: list[dict], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
        writer.writeheader()
        for point in points:
            writer.writerow({field: point[field] for field in CSV_FIELDS})


def _plot(points: list[dict], slopes: dict, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colors = dict(zip(KERNELS, ("tab:blue", "tab:orange", "tab:green"), strict=True))
    styles = {1: "-", 2: "--"}
    real = [p for p in points if p["graph"] == "edgelist"]
    fig, axes = plt.subplots(2, len(FAMILIES), figsize=(6 * len(FAMILIES), 9), squeeze=False)
    for column, family in enumerate(FAMILIES):
        time_ax, memory_ax = axes[0, column], axes[1, column]
        for kernel in KERNELS:
            for threads in sorted({p["threads"] for p in points}):
                mine = [
                    p
                    for p in points
                    if p["graph"] == family and p["kernel"] == kernel and p["threads"] == threads
                ]
                if not mine:
                    continue
                x = [p["n_edges"] for p in mine]
                slope = slopes[(family, kernel, threads)][0]
                style = {"color": colors[kernel], "linestyle": styles.get(threads, ":")}
                label = f"{kernel}, {threads} thr (slope {slope:.2f})"
                time_ax.plot(x, [p["median_s"] for p in mine], marker="o", label=label, **style)
                memory_ax.plot(
                    x,
                    [max(p["peak_mib"], 1e-2) for p in mine],
                    marker="o",
                    label=f"{kernel}, {threads} thr",
                    **style,
                )
                for p in real:
                    if p["kernel"] == kernel and p["threads"] == threads:
                        time_ax.plot(p["n_edges"], p["median_s"], marker="*", ms=12, **style)
                        memory_ax.plot(
                            p["n_edges"], max(p["peak_mib"], 1e-2), marker="*", ms=12, **style
                        )
        graph_mib = sorted({(p["n_edges"], p["graph_mib"]) for p in points if p["graph"] == family})
        memory_ax.plot(*zip(*graph_mib, strict=True), color="grey", lw=1, label="CSR arrays")
        time_ax.set(title=f"{family} graphs (stars: edge list)", ylabel="seconds (median)")
        memory_ax.set(xlabel="edges", ylabel="peak memory above baseline (MiB, floor 0.01)")
        for ax in (time_ax, memory_ax):
            ax.set(xscale="log", yscale="log")
            ax.grid(True, which="both", alpha=0.3)
            ax.legend(fontsize=7)
    fig.tight_layout()
    paths = [out / "scaling.png", out / "scaling.svg"]
    for path in paths:
        fig.savefig(path, dpi=120)
    plt.close(fig)
    return paths


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    edgelist = getattr(options, "edgelist", None)
    out = getattr(options, "out", None)
    out = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="netsim-scaling-"))
    threads = _threads()
    job = {
        "threads": threads,
        "repeats": repeats,
        "efficiency_runs": problem["efficiency_runs"],
        "sir": problem["sir"],
        "beta_factor": BETA_FACTOR,
        "sir_beta": SIR_BETA,
        "seed": SEED,
        "single_call_s": SINGLE_CALL_S,
    }
    jobs = [[[family, n_edges] for family in FAMILIES for n_edges in problem["n_edges"]]]
    if edgelist is not None:
        jobs.append([["edgelist", str(Path(edgelist))]])
    points = [point for chosen in jobs for point in _measure({**job, "points": chosen})]
    for point in points:
        if point["peak_mib"] is None:
            point["peak_mib"] = NAN

    slopes = {}
    for family in FAMILIES:
        for kernel in KERNELS:
            for t in threads:
                mine = [
                    p
                    for p in points
                    if p["graph"] == family and p["kernel"] == kernel and p["threads"] == t
                ]
                slopes[(family, kernel, t)] = fit_slope(
                    [p["n_edges"] for p in mine], [p["median_s"] for p in mine]
                )
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(points, out / "scaling.csv")
    written = _plot(points, slopes, out)
    print(f"  wrote {out / 'scaling.csv'}, " + ", ".join(str(p) for p in written))

    rows = []
    largest = max(problem["n_edges"])
    for family in FAMILIES:
        for kernel in KERNELS:
            for t in threads:
                (point,) = [
                    p
                    for p in points
                    if p["graph"] == family
                    and p["kernel"] == kernel
                    and p["threads"] == t
                    and p["target"] == largest
                ]
                slope = slopes[(family, kernel, t)][0]
                task = f"{kernel} {family} {point['n_edges'] / 1e6:.2g}M {t}thr"
                same = _same(point)
                rows.append(
                    Row(task, size, point["median_s"], f"slope {slope:.2f}", NAN, same, None)
                )
    for point in (p for p in points if p["graph"] == "edgelist"):
        kernel, t = point["kernel"], point["threads"]
        slope, intercept = slopes[("power-law", kernel, t)]
        predicted = 10 ** (intercept + slope * math.log10(point["n_edges"]))
        task = f"{kernel} edgelist {point['n_edges'] / 1e6:.2g}M {t}thr"
        rows.append(
            Row(
                task,
                size,
                point["median_s"],
                "power-law fit predicts",
                predicted,
                _same(point),
                None,
            )
        )
    return rows


def _same(point: dict) -> str:
    """Describe a point's result and memory for the report's "same" column."""
    what = {"core numbers": "max core", "efficiency": "mean M", "SIR": "mean size"}[point["kernel"]]
    return (
        f"{what} {point['result']:.4g}; peak +{point['peak_mib']:.1f} MiB "
        f"(CSR {point['graph_mib']:.1f} MiB); {point['calls']} call(s)"
    )
