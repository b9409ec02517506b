"""Local spreader measures: netsim's kernels against the slow twins and networkx.

h_index, collective_influence (l = 2), semi_local and voterank on seeded
random graphs (bench_kshell's power-law and uniform families). Three kinds of
row, each saying whether the results agree:

* against the slow twins of tests/reference/local_centrality.py, pure Python
  from the papers, on a small graph of the same family (the twins refuse
  large graphs);
* on the large graph, the parallel kernels on 2 threads against themselves
  on 1 thread (scaling; ratio > 1 means the second thread helps), and the
  H-index limit against netsim's core numbers (it must equal them);
* voterank against networkx.voterank for a few rounds (networkx recounts
  every vote every round, O(k m) in Python), and netsim's full election.

Public functions are timed on a CSRGraph, so conversion is not included.
"agrees" is True when the results are identical (None for the full
election, whose networkx time is an estimate).
"""

import sys
import time
from argparse import Namespace
from pathlib import Path

import networkx as nx
import numba
import numpy as np

import netsim
from netsim.measures import collective_influence, core_number, h_index, semi_local, voterank

from ._harness import Row, timed, verdict
from .bench_kshell import FAMILIES, random_graph

# n_edges of the large graph, n_edges of the graph the slow twins run on, and
# the rounds networkx.voterank runs on the large graph.
PROBLEMS = {
    "quick": {"n_edges": 100_000, "twin_edges": 3_000, "nx_rounds": 3},
    "default": {"n_edges": 1_000_000, "twin_edges": 6_000, "nx_rounds": 5},
    "large": {"n_edges": 5_000_000, "twin_edges": 6_000, "nx_rounds": 3},
}


def _reference():
    """Import the slow twins from the tests folder (not part of the package)."""
    tests = str(Path(__file__).resolve().parent.parent / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    from reference import local_centrality

    return local_centrality


def _graph(family: str, n_edges: int) -> netsim.CSRGraph:
    n_nodes, u, v = random_graph(family, n_edges)
    return netsim.CSRGraph.from_edges(u, v, nodes=np.arange(n_nodes))


def _same(a: object, b: object) -> bool:
    return bool(np.array_equal(np.asarray(a), np.asarray(b)))


def _elected(rounds) -> list:
    return list(rounds[rounds > 0].sort_values().index)


def run(size: str, repeats: int, options: Namespace | None = None) -> list[Row]:
    problem = PROBLEMS[size]
    reference = _reference()
    tiny = netsim.CSRGraph.from_edges([0, 1], [1, 2])
    start = time.perf_counter()
    for function in (h_index, collective_influence, semi_local, voterank):
        function(tiny)
    print(
        f"  first calls (compile, or load from numba's cache): {time.perf_counter() - start:.2f} s"
    )
    rows = []
    for family in FAMILIES:
        rows.extend(_twin_rows(family, size, problem, repeats, reference))
        rows.extend(_large_rows(family, size, problem, repeats))
    return rows


def _twin_rows(family: str, size: str, problem: dict, repeats: int, reference) -> list[Row]:
    csr = _graph(family, problem["twin_edges"])
    G = csr.to_networkx()
    label = f"{family} {csr.n_edges / 1e3:.0f}k"
    rows = []
    cases = [
        ("h_index", lambda: h_index(csr), lambda: reference.h_index(G, 1)),
        ("h_index limit", lambda: h_index(csr, order=None), lambda: reference.h_index(G, None)),
        ("CI l=2", lambda: collective_influence(csr), lambda: reference.collective_influence(G)),
        ("semi_local", lambda: semi_local(csr), lambda: reference.semi_local(G)),
        ("voterank", lambda: voterank(csr), lambda: reference.voterank(G)),
    ]
    for name, ours, twin in cases:
        t_ours, _, values = timed(ours, repeats)
        t_twin, _, expected = timed(twin, 1)
        ok = _same(values.to_numpy(), [expected[v] for v in values.index])
        task = f"{name}, {label}"
        rows.append(Row(task, size, t_ours, "slow twin (Python)", t_twin, verdict(ok), ok))
    return rows


def _large_rows(family: str, size: str, problem: dict, repeats: int) -> list[Row]:
    csr = _graph(family, problem["n_edges"])
    label = f"{family} {csr.n_edges / 1e6:.1f}M"
    print(f"  {family}: {csr.n_nodes:,} nodes, {csr.n_edges:,} edges")
    rows = []
    threads_before = numba.get_num_threads()
    cases = [
        ("h_index", lambda: h_index(csr)),
        ("h_index limit", lambda: h_index(csr, order=None)),
        ("CI l=2", lambda: collective_influence(csr)),
        ("semi_local", lambda: semi_local(csr)),
    ]
    try:
        for name, function in cases:
            numba.set_num_threads(1)
            t_one, _, one = timed(function, repeats)
            numba.set_num_threads(min(2, threads_before))
            t_two, _, two = timed(function, repeats)
            peer = "netsim, 1 thread"
            task = f"{name}, {label}, {numba.get_num_threads()} thr"
            ok = _same(one, two)
            rows.append(Row(task, size, t_two, peer, t_one, verdict(ok), ok))
    finally:
        numba.set_num_threads(threads_before)
    t_limit, _, limit = timed(lambda: h_index(csr, order=None), 1)
    t_core, _, core = timed(lambda: core_number(csr), repeats)
    ok = _same(limit.to_numpy(), core.to_numpy())
    task = f"h_index limit, {label}"
    rows.append(
        Row(task, size, t_limit, "netsim core_number", t_core, f"= core: {verdict(ok)}", ok)
    )
    k = problem["nx_rounds"]
    G = csr.to_networkx()
    t_ours, _, rounds = timed(lambda: voterank(csr, k), repeats)
    t_peer, _, expected = timed(lambda: nx.voterank(G, k), 1)
    ok = _elected(rounds) == expected
    task = f"voterank k={k}, {label}"
    rows.append(Row(task, size, t_ours, "networkx.voterank", t_peer, verdict(ok), ok))
    t_all, _, rounds = timed(lambda: voterank(csr), 1)
    rows.append(
        Row(f"voterank all ({int((rounds > 0).sum())}), {label}", size, t_all,
            f"networkx (est. {k} rounds)", t_peer / k * int((rounds > 0).sum()), "-", None)
    )  # fmt: skip
    return rows
