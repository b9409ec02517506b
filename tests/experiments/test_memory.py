"""Memory estimates of experiment tasks, against the peak memory of real tasks."""

import gzip
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from netsim.exceptions import InvalidParameterError
from netsim.experiments import _memory, _network_memory
from netsim.experiments._memory import (
    WORKER_BYTES,
    available_bytes,
    check_fits,
    estimate_bytes,
)

MiB = 2**20
GiB = 2**30

# One task in a fresh process: a small task of the same kind first compiles every kernel it
# uses, then the peak resident set is reset (/proc/self/clear_refs), and the real task's peak
# (VmHWM) is measured above the resident set it started from.
PROBE = """
import gc, json, sys
from netsim.experiments import _tasks

def status(field):
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise LookupError(field)

def task(network, spread, measures):
    return _tasks.Task(index=0, key="probe", network=network, spread=spread, replicate=0,
                       entropy=20261127, crn=True, measures=measures, sources=None)

warm, real, spread, measures = json.loads(sys.argv[1])
_tasks.run_task(task(warm, spread, measures))
_tasks._CACHE.clear()
gc.collect()
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")
base = status("VmRSS")
out = _tasks.run_task(task(real, spread, measures))
print(json.dumps({"increase": status("VmHWM") - base,
                  "n_edges": int(out["network"]["n_edges"].iloc[0])}))
"""

SIR = {"model": "sir", "beta_factor": 1.5, "n_runs": 100}
MEASURES = {"degree": {}, "k_shell": {}, "betweenness": {"k": 64}}
SMALL_GAME = {"kind": "game", "n": 300, "lion_fraction": 0.3, "rounds": 3}
CASES = {
    "game n=2000": (SMALL_GAME, {"kind": "game", "n": 2000, "lion_fraction": 0.3}, SIR, MEASURES),
    "game n=20000": (
        SMALL_GAME,
        {"kind": "game", "n": 20_000, "lion_fraction": 0.3, "rounds": 10},
        SIR,
        MEASURES,
    ),
    "facebook": (
        {"kind": "dataset", "name": "jazz"},
        {"kind": "dataset", "name": "facebook"},
        SIR,
        MEASURES,
    ),
    # SIR with mu < 1 simulates every run: a size per node and run (direct method).
    "configuration": (
        {"kind": "configuration", "n": 300, "mean_degree": 6},
        {"kind": "configuration", "n": 20_000, "mean_degree": 6},
        {"model": "sir", "beta": 0.05, "mu": 0.5, "n_runs": 50},
        {"degree": {}, "k_shell": {}},
    ),
}


@pytest.fixture(scope="module")
def measured():
    """Run the four tasks, two at a time, each in its own process; return their peaks."""
    results = {}
    names = list(CASES)
    for pair in (names[:2], names[2:]):
        running = {
            name: subprocess.Popen(
                [sys.executable, "-c", PROBE, json.dumps(CASES[name])],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in pair
        }
        for name, process in running.items():
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err
            results[name] = json.loads(out)
    return results


@pytest.mark.parametrize("name", list(CASES))
def test_estimate_bounds_the_measured_peak(measured, name):
    _, real, spread, measures = CASES[name]
    params = {key: value for key, value in real.items() if key != "kind"}
    estimate = estimate_bytes(
        real["kind"],
        params,
        model=spread["model"],
        n_runs=spread["n_runs"],
        measures=list(measures),
        spread=spread,
    )
    increase = measured[name]["increase"]
    assert increase > 4 * MiB  # the task did measurable work
    # The stated bound: conservative, yet not absurdly so.
    assert increase <= estimate <= 6 * increase + 200 * MiB, (name, increase / MiB, estimate / MiB)


def test_an_absurd_network_is_refused_with_one_line():
    estimate = estimate_bytes(
        "game", {"n": 10**9, "lion_fraction": 0.3}, model="sir", n_runs=500, measures=["degree"]
    )
    assert estimate > 1000 * GiB
    pattern = (
        r"^network 'game n=1000000000': a task needs about [\d,]+ GiB of memory; "
        r"this machine has 21\.3 GiB available\. Reduce n [^\n]*$"
    )
    with pytest.raises(InvalidParameterError, match=pattern):
        check_fits(estimate, int(21.3 * GiB), "game n=1000000000")
    with pytest.raises(InvalidParameterError, match="a task needs about"):
        check_fits(estimate, available_bytes(), "game n=1000000000")


def test_check_fits_counts_the_workers():
    check_fits(GiB, 8 * GiB, "small")
    check_fits(GiB, None, "unknown memory")  # nothing to check against
    needed = GiB + WORKER_BYTES
    with pytest.raises(
        InvalidParameterError, match=r"4 workers need about .* Use at most 2 workers"
    ):
        check_fits(GiB, int(2.5 * needed), "small", workers=4)


def test_available_memory_is_at_most_the_physical_memory():
    available = available_bytes()
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert available is not None
    assert 0 < available <= total


def test_available_memory_without_proc_falls_back_to_sysconf(monkeypatch):
    def no_file(*args, **kwargs):
        raise FileNotFoundError(args[0])

    monkeypatch.setattr(_memory, "open", no_file, raising=False)
    pages = {"SC_AVPHYS_PAGES": 1000, "SC_PAGE_SIZE": 4096}
    monkeypatch.setattr(os, "sysconf", pages.__getitem__)
    assert available_bytes() == 4096 * 1000

    def unknown(name):
        raise ValueError(name)

    monkeypatch.setattr(os, "sysconf", unknown)
    assert available_bytes() is None


def test_estimates_grow_with_what_the_task_holds():
    def game(n, **spread):
        return estimate_bytes(
            "game",
            {"n": n, "lion_fraction": 0.3},
            model="sir",
            n_runs=1000,
            measures=["degree"],
            spread=spread,
        )

    assert game(20_000) > 5 * game(2_000)
    # Direct simulation keeps a size per node and run: 16 bytes each, at least.
    assert game(20_000, mu=0.5) - game(20_000) >= 16 * 20_000 * 1000 - 256 * MiB
    lions = estimate_bytes("lion", {"n": 2000}, model="sir", n_runs=100, measures=[])
    organic = estimate_bytes("organic", {"n": 2000}, model="sir", n_runs=100, measures=[])
    assert lions > organic  # LIONs send ten requests a round, organic agents one


def test_a_powerlaw_configuration_bounds_the_mean_degree():
    cases = [(2.5, 2, 1000), (2.1, 1, 5000), (3.0, 3, 200), (1.8, 1, 3000), (2.5, 1, 200_000)]
    for exponent, k_min, n in cases:
        k = np.arange(k_min, n, dtype=np.float64)
        weights = k**-exponent
        exact = float((k * weights).sum() / weights.sum())
        bound = _network_memory._powerlaw_mean(n, exponent, k_min)
        assert exact <= bound <= 1.01 * exact


def test_an_edge_list_is_sized_from_its_file(tmp_path):
    rng = np.random.default_rng(3)
    edges = rng.integers(0, 50_000, size=(20_000, 2))
    lines = "".join(f"{u} {v}\n" for u, v in edges)
    plain = tmp_path / "edges.txt"
    plain.write_text("# comment\n" + lines)
    packed = tmp_path / "edges.txt.gz"
    with gzip.open(packed, "wt") as handle:
        handle.write(lines)
    for path in (plain, packed):
        _, m = _network_memory._edgelist_edges({"path": str(path)})
        assert 20_000 <= m <= 2.5 * 20_000
        assert (
            estimate_bytes("edgelist", {"path": str(path)}, model="sir", n_runs=10, measures=[]) > 0
        )


@pytest.mark.parametrize(
    ("kind", "params", "message"),
    [
        ("gaem", {"n": 10}, r"kind must be one of \{'game'"),
        ("barabasi_albert", {"n": 10}, "network kind 'barabasi_albert' needs m"),
        ("game", {"n": 10}, "needs lion_fraction"),
        ("game", {"n": "many", "lion_fraction": 0.1}, "n must be a number; got 'many'."),
        ("edgelist", {"path": "no/such/file.txt"}, "path must be an existing edge-list file"),
    ],
)
def test_bad_network_parameters(kind, params, message):
    with pytest.raises(InvalidParameterError, match=message):
        estimate_bytes(kind, params, model="sir", n_runs=10, measures=[])
