"""Spreading efficiency over a grid of 20 betas in one pass, against 20 single-beta calls.

Each row times ``spreading_efficiency_curve`` (every node, 20 values of
beta, coupled percolation samples) and, on the same graph with the same
number of runs, ``spreading_efficiency`` (method "percolation") called once
per grid point. The ratio column is (20 single calls) / (one curve); the
"same" column gives the cost of the curve in single calls, against their mean
over the grid and against the call at the largest beta, and the share of
(node, beta) pairs where the two estimates agree within 4 combined standard
errors; "agrees" is True when at least 99% of the pairs do (at 4 SE a few
of tens of thousands of pairs may fall outside by chance, more where
outbreak sizes are far from normal).

Graphs: ego-Facebook (4,039 nodes, 88,234 edges; "contact") and a seeded
Barabasi-Albert graph (m = 3) in every size; Advogato with its trust levels
("trust") outside ``quick``; GitHub (37,700 nodes) in ``large``. The grid is
``beta_factors = 0.2, 0.4, ..., 4.0`` (multiples of the epidemic threshold),
and ``1.0, ..., 2.0`` (near the threshold) on Facebook outside ``quick``.
Rows are timed on all threads, and Facebook also on 1 thread. Outside
``quick``, a first row gives the first call's time with an empty numba
cache (compilation).
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from argparse import Namespace

import networkx as nx
import numba
import numpy as np

import netsim
from netsim.spread import spreading_efficiency, spreading_efficiency_curve

from ._harness import Row, timed

WIDE = tuple(np.round(np.linspace(0.2, 4.0, 20), 10))
NEAR = tuple(np.round(np.linspace(1.0, 2.0, 20), 10))
PROBLEMS = {
    "quick": {
        "compile": False,
        "cases": [
            ("facebook", "contact", WIDE, 200, True),
            ("ba-5000", "contact", WIDE, 200, False),
        ],
    },
    "default": {
        "compile": True,
        "cases": [
            ("facebook", "contact", WIDE, 1000, True),
            ("facebook", "contact", NEAR, 1000, False),
            ("ba-10000", "contact", WIDE, 1000, False),
            ("advogato", "trust", WIDE, 1000, False),
        ],
    },
    "large": {
        "compile": True,
        "cases": [
            ("facebook", "contact", WIDE, 1000, True),
            ("facebook", "contact", NEAR, 1000, False),
            ("ba-10000", "contact", WIDE, 1000, False),
            ("advogato", "trust", WIDE, 1000, False),
            ("github", "contact", WIDE, 1000, False),
        ],
    },
}
SEED = 20001023
M_EDGES = 3


def load(name: str) -> netsim.CSRGraph:
    """Return a packaged dataset, or a seeded Barabasi-Albert graph 'ba-<n>', as a CSRGraph."""
    if name.startswith("ba-"):
        n_nodes = int(name.removeprefix("ba-"))
        G = nx.barabasi_albert_graph(n_nodes, M_EDGES, seed=np.random.default_rng(SEED))
        return netsim.CSRGraph.from_networkx(G)
    return netsim.datasets.load_csr(name)


PAIR_SHARE = 0.99  # curve and single calls agree when this share of pairs is within 4 SE


def agreement(curve, singles: list) -> tuple[str, bool]:
    """Share of (node, beta) pairs where curve and single calls agree within 4 combined SE."""
    ok = []
    for beta, single in zip(curve["M"].columns, singles, strict=True):
        combined = np.hypot(curve["M_se"][beta], single["M_se"]).to_numpy()
        ok.append(np.abs(curve["M"][beta] - single["M"]).to_numpy() <= 4 * combined + 1e-12)
    share = float(np.mean(ok))
    return f"{share:.1%} of (node, beta) within 4 SE", share >= PAIR_SHARE


def case_rows(size: str, repeats: int, case: tuple, threads: int) -> list[Row]:
    name, transmission, factors, n_runs, _ = case
    csr = load(name)
    kwargs = {"transmission": transmission, "n_runs": n_runs}
    grid = "0.2..4" if factors == WIDE else "1..2"
    spreading_efficiency_curve(csr, beta_factors=factors, transmission=transmission, n_runs=2)
    spreading_efficiency(csr, beta_factor=1.0, transmission=transmission, n_runs=2)
    curve_s, _, curve = timed(
        lambda: spreading_efficiency_curve(csr, beta_factors=factors, seed=1, **kwargs), repeats
    )
    single_s, singles = [], []
    for factor in factors:
        seconds, _, frame = timed(
            lambda factor=factor: spreading_efficiency(
                csr, beta_factor=factor, method="percolation", seed=2, **kwargs
            ),
            repeats,
        )
        single_s.append(seconds)
        singles.append(frame)
    mean, top = float(np.mean(single_s)), single_s[-1]
    print(
        f"  {name} ({transmission}, beta_factors {grid}, {n_runs} runs, {threads} thr): "
        f"curve {curve_s:.3f} s = {curve_s / mean:.2f} single calls (mean over the grid), "
        f"{curve_s / top:.2f} x the call at the largest beta"
    )
    task = f"{name} {transmission} {grid} {n_runs}r {threads}thr"
    same = f"curve = {curve_s / mean:.2f} x mean single, {curve_s / top:.2f} x top single; "
    text, ok = agreement(curve, singles)
    return [Row(task, size, curve_s, "20 single-beta calls", sum(single_s), same + text, ok)]


# --- compile time ---------------------------------------------------------------------------

_COMPILE_SCRIPT = textwrap.dedent(
    """
    import json, time
    import networkx as nx
    import netsim
    G = nx.karate_club_graph()
    csr = netsim.CSRGraph.from_networkx(G)  # CSR kernels compile here
    times = []
    for _ in range(2):
        start = time.perf_counter()
        netsim.spreading_efficiency_curve(csr, betas=[0.1, 0.2], n_runs=10, seed=1)
        times.append(time.perf_counter() - start)
    print(json.dumps(times))
    """
)


def compile_rows(size: str) -> list[Row]:
    if not PROBLEMS[size]["compile"]:
        return []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        done = subprocess.run(
            [sys.executable, "-c", _COMPILE_SCRIPT],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    first, second = json.loads(done.stdout.strip().splitlines()[-1])
    task = "first curve call, empty cache"
    return [Row(task, size, first, "second call", second, "compile", None)]


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    rows = compile_rows(size)
    before = numba.get_num_threads()
    try:
        for case in PROBLEMS[size]["cases"]:
            counts = sorted({1, numba.config.NUMBA_NUM_THREADS}) if case[4] else [before]
            for threads in counts:
                numba.set_num_threads(threads)
                rows.extend(case_rows(size, repeats, case, threads))
            numba.set_num_threads(before)
    finally:
        numba.set_num_threads(before)
    return rows
