"""First-call (compile) time of every kernel family with an empty numba cache, apart from runs.

netsim's kernels are compiled with ``cache=True`` (``netsim/_kernels/_options.py``),
so only the first call on a machine pays numba's compile time; later
processes load the compiled code from the cache. This area measures both, in
fresh subprocesses whose environment sets ``NUMBA_CACHE_DIR`` to a new
temporary folder (and ``NETSIM_NUMBA_CACHE=1``), so that neither the
in-tree ``__pycache__`` nor an earlier run can serve a kernel:

1. cold: import netsim, build a tiny graph (Zachary's karate club, 34 nodes,
   78 edges, with ``CSRGraph.from_edges``), then call each public function
   twice and time both calls. The first call compiles, the second is a run;
   the row's "netsim s" is the first call and "peer s" the second.
2. warm: a second fresh subprocess reuses the cache the first one filled and
   times the same calls: its first call loads the compiled kernels from disk
   ("first call, warm cache"), which is what ``cache=True`` saves a user in
   every process after the first.

The calls run in a fixed order in one process, so a kernel that several
functions share is compiled once, by the first of them (independent cascade,
for one, reuses the discrete SIR kernels): each row is the compile time that
function adds to those listed above it, as a user calling them in that order
would feel it. Graph construction comes first because every other call needs a
graph. The last row ("all first calls") checks that the cache really was
redirected, from numba's own statistics on every netsim kernel the
subprocesses dispatched: each one's cache path lies under ``NUMBA_CACHE_DIR``,
the cold run had no cache hit and the warm run no cache miss (its "agrees" is
False otherwise). ``quick`` times a subset (build, core numbers,
percolation efficiency, discrete SIR: about a minute on 2 cores); ``default``
and ``large`` time every family (about 4-5 minutes, most of it
``continuous_sir``).
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
from argparse import Namespace
from pathlib import Path

from ._harness import Row

# The calls in the order they run; each name is a key of _CALLS in the subprocess script.
ALL_CALLS = (
    "CSRGraph.from_edges",
    "core_number",
    "spreading_efficiency percolation",
    "spreading_efficiency direct",
    "simulate sir",
    "simulate continuous_sir",
    "simulate sis",
    "simulate threshold",
    "simulate independent_cascade",
    "betweenness",
    "networking_game_csr",
)
PROBLEMS = {
    # quick is the CI smoke test of this area: the two cheapest families to compile
    "quick": {"calls": ("CSRGraph.from_edges", "core_number")},
    "default": {"calls": ALL_CALLS},
    "large": {"calls": ALL_CALLS},
}

# Runs in a fresh interpreter: argv[1:] are call names; prints one JSON line
# {"import_s": ..., "calls": {name: [first_s, second_s]}}.
_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    start = time.perf_counter()
    import networkx as nx
    import numpy as np
    import netsim
    import_s = time.perf_counter() - start
    edges = np.array(sorted(nx.karate_club_graph().edges()), dtype=np.int64)
    u, v = edges[:, 0], edges[:, 1]
    graph = {}

    def build():
        graph["csr"] = netsim.CSRGraph.from_edges(u, v)

    if "CSRGraph.from_edges" not in sys.argv[1:]:
        build()  # every call needs the graph; otherwise its build is the first timed call
    calls = {
        "CSRGraph.from_edges": build,
        "core_number": lambda g: netsim.core_number(g),
        "spreading_efficiency percolation": lambda g: netsim.spreading_efficiency(
            g, beta=0.2, n_runs=10, method="percolation", seed=1),
        "spreading_efficiency direct": lambda g: netsim.spreading_efficiency(
            g, beta=0.2, n_runs=10, method="direct", seed=1),
        "simulate sir": lambda g: netsim.simulate(
            g, "sir", sources=[0], beta=0.2, n_runs=10, seed=1),
        "simulate continuous_sir": lambda g: netsim.simulate(
            g, "continuous_sir", sources=[0], tau=0.3, n_runs=10, seed=1),
        "simulate sis": lambda g: netsim.simulate(
            g, "sis", sources=[0], beta=0.3, burn_in=5, window=5, n_runs=10, seed=1),
        "simulate threshold": lambda g: netsim.simulate(
            g, "threshold", sources=[0, 1], theta=0.3, n_runs=10, seed=1),
        "simulate independent_cascade": lambda g: netsim.simulate(
            g, "independent_cascade", sources=[0], p=0.2, n_runs=10, seed=1),
        "betweenness": lambda g: netsim.betweenness(g),
        "networking_game_csr": lambda g: netsim.networking_game_csr(100, 0.5, rounds=3, seed=0),
    }
    out = {"import_s": import_s, "calls": {}}
    for name in sys.argv[1:]:
        function = calls[name]
        times = []
        for _ in range(2):
            start = time.perf_counter()
            function() if name == "CSRGraph.from_edges" else function(graph["csr"])
            times.append(time.perf_counter() - start)
        out["calls"][name] = times
    # Where numba put each netsim kernel, and whether it compiled or loaded it.
    import os
    from numba.core.registry import CPUDispatcher
    folder = os.path.realpath(os.environ["NUMBA_CACHE_DIR"])
    kernels = {id(obj): obj for module in list(sys.modules.values())
               if getattr(module, "__name__", "").startswith("netsim._kernels")
               for obj in vars(module).values() if isinstance(obj, CPUDispatcher)}
    used = [k for k in kernels.values() if k.stats.cache_hits or k.stats.cache_misses]
    out["kernels"] = len(used)
    out["in_cache_dir"] = sum(
        os.path.realpath(k.stats.cache_path).startswith(folder) for k in used)
    out["hits"] = sum(sum(k.stats.cache_hits.values()) for k in used)
    out["misses"] = sum(sum(k.stats.cache_misses.values()) for k in used)
    print(json.dumps(out))
    """
)


def _first_calls(names: tuple[str, ...], cache: Path) -> dict:
    """Run the script in a fresh interpreter whose numba cache is ``cache``."""
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache), "NETSIM_NUMBA_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *names],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"compile benchmark subprocess failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    """Time first and second calls with an empty, then a warm, numba cache.

    ``repeats`` is not used: a first call happens once per cache, and one
    cold and one warm subprocess already take minutes at ``default``.
    """
    names = PROBLEMS[size]["calls"]
    with tempfile.TemporaryDirectory(prefix="netsim-numba-cache-") as folder:
        cache = Path(folder)
        cold = _first_calls(names, cache)
        n_index = len(list(cache.rglob("*.nbi")))  # one index file per cached kernel
        warm = _first_calls(names, cache)
    # The check that NUMBA_CACHE_DIR redirected netsim's cache=True kernels: every kernel
    # used caches there, the cold run compiled (no hit) and the warm run only loaded (no
    # miss). The warm run dispatches fewer kernels: a kernel loaded from the cache carries
    # the kernels it calls, which the cold run compiled one by one.
    redirected = (
        n_index > 0
        and cold["in_cache_dir"] == cold["kernels"] > 0
        and warm["in_cache_dir"] == warm["kernels"] > 0
        and cold["hits"] == 0
        and warm["misses"] == 0
    )
    check = (
        f"all kernels cached in NUMBA_CACHE_DIR; cold run compiled {cold['misses']} "
        f"({n_index} cache index files), warm run loaded {warm['hits']} without compiling"
        if redirected
        else f"CACHE NOT REDIRECTED: cold {cold}, warm {warm}"
    )
    total_cold = sum(first for first, _ in cold["calls"].values())
    total_warm = sum(first for first, _ in warm["calls"].values())
    print(
        f"  import netsim {cold['import_s']:.1f} s; first calls {total_cold:.1f} s with an empty "
        f"cache, {total_warm:.1f} s with a warm one; {check}"
    )
    rows = []
    for name in names:
        first, second = cold["calls"][name]
        warm_first, _ = warm["calls"][name]
        task = f"compile {name}"
        rows.append(Row(task, size, first, "second call", second, "compile only", None))
        same = f"cold first call {first:.2f} s; warm saves {first - warm_first:.2f} s"
        rows.append(Row(task, size, first, "first call, warm cache", warm_first, same, None))
    rows.append(
        Row(
            "compile: all first calls",
            size,
            total_cold,
            "first calls, warm cache",
            total_warm,
            f"import netsim {cold['import_s']:.2f} s (not included); {check}",
            redirected,
        )
    )
    return rows
