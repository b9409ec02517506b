"""Time to grow a network by the networking game, against its targets and version 1.

The game is netsim's own model, so no library has it: each row compares the
time of ``networking_game_csr(n, lion_fraction, rounds=50, seed=...)`` (the
defaults of MODEL.md section 2, version 2) with its target, n = 10,000 in
under 5 s and n = 100,000 in under 60 s on 2 cores (ratio target / netsim;
> 1: the target is met), and with the same game by version 1's rules
(``GameRules.version1()``; ratio version 1 / version 2). Each size runs at
lion_fraction 0.1 and 0.5, on 1 thread and on all threads; "same" (and
``agrees``) checks that both thread counts grow the identical network, and
gives its size.
"""

import numba
import numpy as np

import netsim

from ._harness import Row, timed

# (n agents, target seconds); every size plays 50 rounds.
PROBLEMS = {
    "quick": [(10_000, 5.0)],
    "default": [(10_000, 5.0), (100_000, 60.0)],
    "large": [(10_000, 5.0), (100_000, 60.0), (300_000, 180.0)],
}
LION_FRACTIONS = (0.1, 0.5)
ROUNDS = 50
SEED = 2026


def _same(a: netsim.CSRGraph, b: netsim.CSRGraph) -> bool:
    return (
        np.array_equal(a.indptr, b.indptr)
        and np.array_equal(a.indices, b.indices)
        and np.array_equal(a.weights, b.weights)
        and np.array_equal(a.edge_attrs["created"], b.edge_attrs["created"])
    )


def _grow(n: int, lion_fraction: float, rules: netsim.GameRules) -> netsim.CSRGraph:
    return netsim.networking_game_csr(n, lion_fraction, rules, rounds=ROUNDS, seed=SEED)


def _by_threads(n: int, lion_fraction: float, size: str, repeats: int) -> list[Row]:
    """Version 2 on 1 thread and on all, against the target; identical networks checked."""
    rows, graphs = [], {}
    target = dict(PROBLEMS[size])[n]
    for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}):
        numba.set_num_threads(threads)
        median, fastest, graphs[threads] = timed(
            lambda: _grow(n, lion_fraction, netsim.GameRules()), repeats
        )
        task = f"game n={n:,} lion_fraction={lion_fraction} {threads}t"
        print(f"  {task}: median {median:.2f} s, fastest {fastest:.2f} s")
        rows.append(Row(task, size, median, "target", target, ""))
    first, *others = graphs.values()
    same = all(_same(first, other) for other in others)
    verdict = f"{'identical' if same else 'DIFFERENT'} on 1/N threads; {first.n_edges:,} ties"
    return [Row(r.task, r.size, r.netsim_s, r.peer, r.peer_s, verdict, same) for r in rows]


def _against_version1(n: int, lion_fraction: float, size: str, repeats: int) -> Row:
    """Version 2 against version 1's rules, on all threads."""
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    v2, _, new = timed(lambda: _grow(n, lion_fraction, netsim.GameRules()), repeats)
    v1, _, old = timed(lambda: _grow(n, lion_fraction, netsim.GameRules.version1()), repeats)
    task = f"game n={n:,} lion_fraction={lion_fraction} version 2"
    print(f"  {task}: {v2:.2f} s; version 1 {v1:.2f} s")
    return Row(task, size, v2, "version 1 rules", v1, f"{new.n_edges:,} ties; v1 {old.n_edges:,}")


def run(size: str, repeats: int, options: object = None) -> list[Row]:
    netsim.networking_game_csr(300, 0.5, rounds=3, seed=0)  # compile outside the timing
    netsim.networking_game_csr(300, 0.5, netsim.GameRules.version1(), rounds=3, seed=0)
    rows = []
    before = numba.get_num_threads()
    try:
        for n, _ in PROBLEMS[size]:
            for lion_fraction in LION_FRACTIONS:
                rows += _by_threads(n, lion_fraction, size, repeats)
                rows.append(_against_version1(n, lion_fraction, size, repeats))
    finally:
        numba.set_num_threads(before)
    return rows
