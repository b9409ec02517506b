"""The discrete-time SIS kernels (netsim/_kernels/sis.py).

Oracles: the lockstep replay of tests/reference/sis.py (exact equality on the
graph zoo), the exact Markov chain on graphs of at most 8 nodes and the
exact lumped chain of the complete graph (statistical, >= 4 standard
errors), the mean-field fixed point on a large complete graph, deterministic
special cases, and the determinism properties (threads, prefix, chunking).
"""

import math
import subprocess
import sys

import networkx as nx
import numba
import numpy as np
import pytest
from graph_zoo import ZOO
from reference.sis import (
    chain_marginals,
    complete_graph_prevalence,
    curve_runs,
    mean_field_fixed_point,
    persistence_sums,
    prevalence_runs,
)

import netsim
from netsim._kernels import sis
from netsim._seeding import Purpose, kernel_key, seed_sequence

PURPOSE = int(Purpose.SIS)
NONEMPTY = sorted(name for name in ZOO if name != "empty")
NO_P = np.empty(0, dtype=np.float64)


def directed_probability(G):
    """A probability per direction, different for u -> v and v -> u, in [0.05, 0.95]."""
    position = {node: i for i, node in enumerate(G)}

    def probability(u, v):
        return 0.05 + 0.9 * ((7 * position[u] + 3 * position[v]) % 11) / 10

    return probability


def kernel_graph(G, probability=None):
    """Return (indptr, indices, p) of G; p holds probability(u, v) per stored direction u -> v."""
    csr = netsim.CSRGraph.from_networkx(G)
    if probability is None:
        return csr.indptr, csr.indices, NO_P
    nodes = list(csr.nodes)
    p = np.empty(csr.indices.size, dtype=np.float64)
    for u in range(csr.n_nodes):
        for k in range(csr.indptr[u], csr.indptr[u + 1]):
            p[k] = probability(nodes[u], nodes[csr.indices[k]])
    return csr.indptr, csr.indices, p


def key_of(seed):
    return kernel_key(seed_sequence(seed))


def positions_of(G, sources):
    position = {node: i for i, node in enumerate(G)}
    return np.array(sorted(position[s] for s in sources), dtype=np.int64)


def read_only(array):
    array = array.copy()
    array.flags.writeable = False
    return array


def complete_csr(n):
    """indptr, indices of K_n built directly (rows sorted, no self-loops), read-only int64."""
    indptr = np.arange(n + 1, dtype=np.int64) * (n - 1)
    grid = np.tile(np.arange(n, dtype=np.int64), (n, 1))
    indices = grid[~np.eye(n, dtype=bool)]
    return read_only(indptr), read_only(indices)


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


@pytest.fixture(scope="module")
def ba_graph():
    return nx.barabasi_albert_graph(300, 3, seed=np.random.default_rng(7))


# --- lockstep: kernel == pure-Python replay on the networkx graph, draw for draw ----------


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize("per_edge", [False, True], ids=["contact", "per_edge_p"])
@pytest.mark.parametrize("mu", [1.0, 0.6])
@pytest.mark.parametrize("seed", [3, 2010])
def test_prevalence_and_curves_equal_the_lockstep_reference(name, per_edge, mu, seed):
    G = ZOO[name]()
    probability = directed_probability(G) if per_edge else None
    indptr, indices, p = kernel_graph(G, probability)
    sources = list(G)[: 1 if seed == 3 else min(2, G.number_of_nodes())][::-1]
    positions = positions_of(G, sources)
    stream = int(positions[0])
    key0, key1 = key_of(seed)
    model = {"beta": 0.45, "mu": mu, "probability": probability}
    n_runs, burn_in, window = 8, 4, 7
    common = (indptr, indices, p, 0.45, mu, positions, n_runs)
    tail = (key0, key1, PURPOSE, stream)
    prevalence = sis.sis_discrete_prevalence(*common, burn_in, window, *tail)
    susceptible, infectious = sis.sis_discrete_curves(*common, burn_in + window, *tail)
    replay = {"n_runs": n_runs, "key0": int(key0), "key1": int(key1), "stream": stream, **model}
    expected = prevalence_runs(G, sources, burn_in=burn_in, window=window, **replay)
    curves = curve_runs(G, sources, n_steps=burn_in + window, **replay)
    assert prevalence.tolist() == expected
    assert np.stack([susceptible, infectious], axis=-1).tolist() == [
        [list(row) for row in c] for c in curves
    ]


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize("per_edge", [False, True], ids=["contact", "per_edge_p"])
@pytest.mark.parametrize("mu", [1.0, 0.6])
def test_persistence_equals_the_lockstep_reference(name, per_edge, mu):
    G = ZOO[name]()
    probability = directed_probability(G) if per_edge else None
    indptr, indices, p = kernel_graph(G, probability)
    key0, key1 = key_of(11)
    n_runs, burn_in, window = 6, 3, 5
    sums, sums_sq, _ = sis.sis_discrete_persistence(
        indptr, indices, p, 0.45, mu, n_runs, burn_in, window, key0, key1, PURPOSE
    )
    expected_sums, expected_sq = persistence_sums(
        G,
        n_runs=n_runs,
        burn_in=burn_in,
        window=window,
        key0=int(key0),
        key1=int(key1),
        beta=0.45,
        mu=mu,
        probability=probability,
    )
    assert sums.dtype == sums_sq.dtype == np.int64
    assert sums.tolist() == expected_sums
    assert sums_sq.tolist() == expected_sq


def test_empty_graph_persistence_is_empty():
    indptr, indices, p = kernel_graph(nx.Graph())
    sums, sums_sq, n_extinct = sis.sis_discrete_persistence(
        indptr, indices, p, 0.5, 0.5, 3, 1, 2, *key_of(1), PURPOSE
    )
    assert n_extinct == 3
    assert sums.shape == sums_sq.shape == (0,)


@pytest.mark.parametrize("beta", [0.0, 1.0, 1e-300, 0.999999])
@pytest.mark.parametrize("mu", [1.0, 0.3])
def test_extreme_beta_equals_the_lockstep_reference(beta, mu):
    G = nx.karate_club_graph()
    indptr, indices, _ = kernel_graph(G)
    key0, key1 = key_of(8)
    positions = np.array([5, 20])
    susceptible, infectious = sis.sis_discrete_curves(
        indptr, indices, NO_P, beta, mu, positions, 10, 12, key0, key1, PURPOSE, 5
    )
    curves = curve_runs(
        G,
        [20, 5],
        n_runs=10,
        n_steps=12,
        key0=int(key0),
        key1=int(key1),
        stream=5,
        beta=beta,
        mu=mu,
    )
    assert np.stack([susceptible, infectious], axis=-1).tolist() == [
        [list(row) for row in c] for c in curves
    ]


def test_long_geometric_skips_equal_the_lockstep_reference():
    """A hub of degree 400 makes skips longer than the table's linear scan."""
    G = nx.star_graph(400)
    G.add_edges_from((i, i + 1) for i in range(1, 400, 2))
    indptr, indices, _ = kernel_graph(G)
    key0, key1 = key_of(6)
    args = (indptr, indices, NO_P, 0.02, 0.5, np.array([0]), 12, 3, 6, key0, key1, PURPOSE, 0)
    prevalence = sis.sis_discrete_prevalence(*args)
    common = {"key0": int(key0), "key1": int(key1), "stream": 0, "beta": 0.02, "mu": 0.5}
    expected = prevalence_runs(G, [0], n_runs=12, burn_in=3, window=6, **common)
    assert prevalence.tolist() == expected
    assert len(set(expected)) > 5


@pytest.mark.parametrize("mu", [2.0**-53, 1e-300, 0.1, 1 / 3, 0.5, 0.6, 1 - 2.0**-53])
def test_integer_recovery_test_is_the_uniform_test(mu):
    """The kernel's k < ceil(mu * 2**53) equals U = k / 2**53 < mu (checked near the edge)."""
    threshold = math.ceil(mu * 2.0**53)
    for k in range(max(0, threshold - 3), min(2**53, threshold + 3)):
        assert (k < threshold) == (k * 2.0**-53 < mu)


# --- exact laws -----------------------------------------------------------------------------


def test_complete_graph_with_beta_and_mu_one_fills_up():
    """beta = mu = 1 on K_n from one source is deterministic: 1, n - 1, then n for ever.

    Step 1: the source recovers and contacts the n - 1 others. Step 2: they
    recover and contact every node, themselves included (each has n - 2
    infectious neighbours), so every node is infectious: re-infection within
    a step.
    """
    indptr, indices = complete_csr(9)
    susceptible, infectious = sis.sis_discrete_curves(
        indptr, indices, NO_P, 1.0, 1.0, np.array([4]), 3, 6, *key_of(1), PURPOSE, 4
    )
    assert infectious.tolist() == [[1, 8, 9, 9, 9, 9, 9]] * 3
    assert np.array_equal(susceptible + infectious, np.full_like(infectious, 9))


def test_everyone_infectious_with_beta_and_mu_one_stays_so():
    """Every node has a neighbour that re-infects it: persistence 1 everywhere, no extinction.

    Under the other update order (recovery without re-infection in the step)
    this start died out in one step and gave persistence 0 at mu = 1.
    """
    indptr, indices, _ = kernel_graph(nx.karate_club_graph())
    sums, sums_sq, n_extinct = sis.sis_discrete_persistence(
        indptr, indices, NO_P, 1.0, 1.0, 5, 0, 3, *key_of(1), PURPOSE
    )
    assert sums.tolist() == [5 * 3] * 34
    assert sums_sq.tolist() == [5 * 3**2] * 34
    assert n_extinct == 0
    _, infectious = sis.sis_discrete_curves(
        indptr, indices, NO_P, 1.0, 1.0, np.arange(34), 5, 3, *key_of(1), PURPOSE, 0
    )
    assert infectious.tolist() == [[34, 34, 34, 34]] * 5


def test_persistence_counts_the_runs_that_die_out():
    """With beta = 0 every run dies out, and on a graph without edges whatever beta."""
    indptr, indices, _ = kernel_graph(nx.karate_club_graph())
    sums, _, n_extinct = sis.sis_discrete_persistence(
        indptr, indices, NO_P, 0.0, 1.0, 7, 0, 3, *key_of(1), PURPOSE
    )
    assert n_extinct == 7
    assert not sums.any()
    G = nx.empty_graph(5)
    indptr, indices, _ = kernel_graph(G)
    _, _, n_extinct = sis.sis_discrete_persistence(
        indptr, indices, NO_P, 0.5, 0.5, 9, 2, 40, *key_of(1), PURPOSE
    )
    assert n_extinct == 9


def test_beta_zero_dies_out_after_the_sources_recover():
    G = nx.karate_club_graph()
    indptr, indices, _ = kernel_graph(G)
    sources = np.array([0, 7, 33])
    key = key_of(5)
    _, infectious = sis.sis_discrete_curves(
        indptr, indices, NO_P, 0.0, 1.0, sources, 4, 5, *key, PURPOSE, 0
    )
    assert infectious[:, 0].tolist() == [3] * 4
    assert not infectious[:, 1:].any()
    zeros = np.zeros(indices.size)  # per-edge p of 0 behaves the same
    for p in (NO_P, zeros):
        _, infectious = sis.sis_discrete_curves(
            indptr, indices, p, 0.0, 0.3, sources, 20, 80, *key, PURPOSE, 0
        )
        assert (np.diff(infectious, axis=1) <= 0).all()
        assert infectious[:, 0].tolist() == [3] * 20
        assert infectious[:, 1].tolist() != [3] * 20
        assert not infectious[:, -1].any()


@pytest.mark.parametrize(
    ("name", "per_edge", "beta", "mu", "n_sources"),
    [
        ("cycle", False, 0.5, 0.3, 1),
        ("star", True, 0.0, 0.5, 1),
        ("complete", False, 0.3, 1.0, 1),
        ("two_components", False, 0.6, 0.4, 2),
        ("string_labels", True, 0.0, 0.7, 2),
    ],
)
def test_prevalence_and_curves_match_the_exact_chain(name, per_edge, beta, mu, n_sources):
    """Mean prevalence over the window, and mean I_t / n at every step, within 4 SE.

    SE is the sample standard deviation over 4000 independent runs divided by
    sqrt(4000); the exact values come from the 2**n-state Markov chain.
    """
    G = ZOO[name]()
    probability = directed_probability(G) if per_edge else (lambda u, v: beta)
    indptr, indices, p = kernel_graph(G, probability if per_edge else None)
    sources = list(G)[:n_sources]
    positions = positions_of(G, sources)
    n_runs, burn_in, window = 4000, 3, 6
    key = key_of(99)
    common = (indptr, indices, p, beta, mu, positions, n_runs)
    prevalence = sis.sis_discrete_prevalence(*common, burn_in, window, *key, PURPOSE, 0)
    _, infectious = sis.sis_discrete_curves(*common, burn_in + window, *key, PURPOSE, 0)
    exact = chain_marginals(G, sources, mu=mu, probability=probability, n_steps=burn_in + window)
    exact_prevalence = exact.mean(axis=1)  # E[I_t] / n
    se = prevalence.std(ddof=1) / np.sqrt(n_runs)
    assert se > 0
    assert abs(prevalence.mean() - exact_prevalence[burn_in + 1 :].mean()) <= 4 * se
    share = infectious / G.number_of_nodes()
    step_se = share.std(axis=0, ddof=1) / np.sqrt(n_runs)
    assert np.all(np.abs(share.mean(axis=0) - exact_prevalence) <= 4 * step_se + 1e-12)


@pytest.mark.parametrize(
    ("name", "per_edge", "beta", "mu"),
    [
        ("star", True, 0.0, 0.5),
        ("path", False, 0.7, 0.4),
        ("weighted_trust", False, 0.8, 0.2),
        ("cycle", False, 0.6, 1.0),
        ("two_components", True, 0.0, 1.0),
    ],
)
def test_persistence_matches_the_exact_chain(name, per_edge, beta, mu):
    """Each node's mean share of window steps infectious, within 4 SE of the exact value.

    SE per node: sqrt of the sample variance of its count (from sums and
    sums_sq) over 4000 runs, divided by sqrt(4000) and by the window. The
    mu = 1 cases are those where the start from every node infectious used to
    die out in one step: the exact chain keeps them far from 0.
    """
    G = ZOO[name]()
    probability = directed_probability(G) if per_edge else (lambda u, v: beta)
    indptr, indices, p = kernel_graph(G, probability if per_edge else None)
    n_runs, burn_in, window = 4000, 2, 5
    sums, sums_sq, _ = sis.sis_discrete_persistence(
        indptr, indices, p, beta, mu, n_runs, burn_in, window, *key_of(17), PURPOSE
    )
    exact = chain_marginals(G, list(G), mu=mu, probability=probability, n_steps=burn_in + window)
    exact_share = exact[burn_in + 1 :].mean(axis=0)
    share = sums / (n_runs * window)
    variance = (sums_sq - sums.astype(np.float64) ** 2 / n_runs) / (n_runs - 1)
    se = np.sqrt(variance / n_runs) / window
    assert se.max() > 0
    assert np.all(np.abs(share - exact_share) <= 4 * se + 1e-12)
    if mu == 1.0:
        assert exact_share.min() > 0.05


def complete_graph_runs(n, beta, mu, n_sources, n_runs, burn_in, window):
    indptr, indices = complete_csr(n)
    sources = np.arange(n_sources, dtype=np.int64)
    return sis.sis_discrete_prevalence(
        indptr, indices, NO_P, beta, mu, sources, n_runs, burn_in, window, *key_of(2010), PURPOSE, 0
    )


@pytest.fixture(scope="module")
def complete_graph_case(sized):
    """SIS on K_1000 at n * beta / mu = 3, from 10 sources: runs and the exact chain."""
    n, beta, mu, n_sources = 1000, 1.5 / 1000, 0.5, 10
    n_runs, burn_in, window = sized(100, 8), 30, 60
    prevalence = complete_graph_runs(n, beta, mu, n_sources, n_runs, burn_in, window)
    exact = complete_graph_prevalence(
        n, beta=beta, mu=mu, n_sources=n_sources, n_steps=burn_in + window
    )
    return {
        "n": n,
        "beta": beta,
        "mu": mu,
        "mean": prevalence.mean(),
        "se": prevalence.std(ddof=1) / np.sqrt(n_runs),
        "max_se": 1e-3 * np.sqrt(100 / n_runs),  # the precision 100 runs reach
        "exact": exact[burn_in + 1 :].mean(),
    }


def test_complete_graph_prevalence_matches_the_exact_lumped_chain(complete_graph_case):
    """Window mean over 100 runs within 4 SE of the exact chain on I (no approximation)."""
    case = complete_graph_case
    assert 0 < case["se"] < case["max_se"]
    assert abs(case["mean"] - case["exact"]) <= 4 * case["se"]


def test_complete_graph_prevalence_is_near_the_mean_field_fixed_point(complete_graph_case):
    """Steady-state prevalence on K_1000 against i* of the mean-field map, within 4 SE + 1/n.

    The map i' = i (1 - mu (1 - beta)**(n i - 1)) + (1 - i)(1 - (1 - beta)**(n i))
    is exactly the rule's conditional mean E[I'/n | I = n i]: a node infectious
    at the start of a step stays so unless it recovers and none of the other
    n i - 1 infectious nodes contacts it; a susceptible one has all n i
    infectious nodes as neighbours. Mean field replaces E[f(I)] by f(E[I]);
    f is concave, so fluctuations of I of order sqrt(n) lower the stationary
    mean by O(1/n) (finite-size bias). The exact lumped chain puts it at
    about 0.11 / n here, checked below against the allowance 1 / n, which
    the tolerance adds to 4 SE.
    """
    case = complete_graph_case
    n = case["n"]
    fixed_point = mean_field_fixed_point(n, beta=case["beta"], mu=case["mu"])
    assert abs(case["exact"] - fixed_point) <= 1 / n
    assert abs(case["mean"] - fixed_point) <= 4 * case["se"] + 1 / n
    assert 0.83 < fixed_point < 0.835


# --- consistency, determinism ---------------------------------------------------------------


@pytest.mark.parametrize("per_edge", [False, True], ids=["contact", "per_edge_p"])
def test_curves_give_the_prevalence_and_s_plus_i_is_n(ba_graph, per_edge):
    indptr, indices, p = kernel_graph(
        ba_graph, directed_probability(ba_graph) if per_edge else None
    )
    n = ba_graph.number_of_nodes()
    sources = np.array([3, 40, 41])
    common = (indptr, indices, p, 0.08, 0.4, sources, 30)
    key = key_of(4)
    susceptible, infectious = sis.sis_discrete_curves(*common, 40, *key, PURPOSE, 3)
    assert susceptible.shape == infectious.shape == (30, 41)
    assert susceptible.dtype == infectious.dtype == np.int64
    assert np.array_equal(susceptible + infectious, np.full_like(infectious, n))
    assert infectious.min() >= 0
    assert infectious[:, 0].tolist() == [3] * 30
    for burn_in, window in [(0, 1), (10, 30), (5, 35), (39, 1)]:
        prevalence = sis.sis_discrete_prevalence(*common, burn_in, window, *key, PURPOSE, 3)
        from_curves = infectious[:, burn_in + 1 : burn_in + window + 1].sum(axis=1) / (window * n)
        assert prevalence.tolist() == from_curves.tolist()
    shorter, _ = sis.sis_discrete_curves(*common, 12, *key, PURPOSE, 3)
    assert np.array_equal(shorter, susceptible[:, :13])
    assert len(set(infectious[:, -1].tolist())) > 3  # the runs differ


def test_extinction_is_absorbing(ba_graph):
    indptr, indices, _ = kernel_graph(ba_graph)
    _, infectious = sis.sis_discrete_curves(
        indptr, indices, NO_P, 0.15, 1.0, np.array([0]), 50, 30, *key_of(2), PURPOSE, 0
    )
    extinct = np.cumsum(infectious == 0, axis=1) > 0
    assert not infectious[extinct].any()
    assert 0 < extinct[:, -1].sum() < 50


@pytest.mark.parametrize("per_edge", [False, True], ids=["contact", "per_edge_p"])
def test_results_do_not_depend_on_the_thread_count(ba_graph, restore_threads, per_edge, sized):
    indptr, indices, p = kernel_graph(
        ba_graph, directed_probability(ba_graph) if per_edge else None
    )
    common = (indptr, indices, p, 0.1, 0.5)
    sources = np.array([1, 2])
    key = key_of(12)
    n_runs = sized(45, 9)
    results = []
    for threads in sorted({1, numba.config.NUMBA_NUM_THREADS}):
        numba.set_num_threads(threads)
        results.append(
            (
                sis.sis_discrete_prevalence(*common, sources, n_runs, 10, 20, *key, PURPOSE, 1),
                *sis.sis_discrete_curves(*common, sources, n_runs, 30, *key, PURPOSE, 1),
                *sis.sis_discrete_persistence(*common, n_runs, 10, 20, *key, PURPOSE),
            )
        )
    for other in results[1:]:
        for a, b in zip(results[0], other, strict=True):
            assert np.array_equal(a, b)


def test_prefix_property(ba_graph):
    """The first k runs of an n-run call equal a k-run call, whatever the chunking."""
    indptr, indices, p = kernel_graph(ba_graph)
    common = (indptr, indices, p, 0.1, 0.5, np.array([7]))
    key = key_of(21)
    many = sis.sis_discrete_prevalence(*common, 70, 5, 10, *key, PURPOSE, 7)
    few = sis.sis_discrete_prevalence(*common, 9, 5, 10, *key, PURPOSE, 7)
    assert np.array_equal(many[:9], few)
    _, many_i = sis.sis_discrete_curves(*common, 70, 15, *key, PURPOSE, 7)
    _, few_i = sis.sis_discrete_curves(*common, 9, 15, *key, PURPOSE, 7)
    assert np.array_equal(many_i[:9], few_i)


def test_persistence_adds_one_run_at_a_time(ba_graph):
    """40 runs minus 39 runs is one run's counts (sums_sq grows by their squares)."""
    indptr, indices, p = kernel_graph(ba_graph)
    common = (indptr, indices, p, 0.1, 0.5)
    key = key_of(30)
    sums_40, sq_40, _ = sis.sis_discrete_persistence(*common, 40, 5, 12, *key, PURPOSE)
    sums_39, sq_39, _ = sis.sis_discrete_persistence(*common, 39, 5, 12, *key, PURPOSE)
    last = sums_40 - sums_39
    assert np.array_equal(sq_40 - sq_39, last**2)
    assert last.min() >= 0
    assert last.max() <= 12
    assert last.any()


def test_kernels_accept_int32_and_int64_index_arrays():
    """CSRGraph holds read-only int32 arrays, int64 ones past 2**31 - 1 entries."""
    indptr, indices, _ = kernel_graph(nx.karate_club_graph())
    assert indices.dtype == np.int32
    assert not indices.flags.writeable
    key = key_of(3)
    narrow = (indptr, indices)
    wide = (read_only(indptr.astype(np.int64)), read_only(indices.astype(np.int64)))
    outputs = []
    for graph in (narrow, wide):
        common = (*graph, NO_P, 0.3, 0.6)
        outputs.append(
            (
                sis.sis_discrete_prevalence(*common, np.array([0, 33]), 9, 4, 6, *key, PURPOSE, 0),
                *sis.sis_discrete_curves(*common, np.array([0, 33]), 9, 10, *key, PURPOSE, 0),
                *sis.sis_discrete_persistence(*common, 9, 4, 6, *key, PURPOSE),
            )
        )
    for a, b in zip(*outputs, strict=True):
        assert np.array_equal(a, b)


FRESH_PROCESS = """
import networkx as nx
import numpy as np
import netsim
from netsim._kernels import sis
csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
args = (csr.indptr, csr.indices, np.empty(0), 0.3, 0.6)
key = (np.uint64(5), np.uint64(6))
prevalence = sis.sis_discrete_prevalence(*args, np.array([0, 5]), 7, 3, 4, *key, 9, 0)
_, curve_i = sis.sis_discrete_curves(*args, np.array([0, 5]), 7, 7, *key, 9, 0)
sums, _, _ = sis.sis_discrete_persistence(*args, 7, 3, 4, *key, 9)
print(prevalence.sum() * 4 * 34, curve_i[:, 4:].sum(), sums.sum())
"""


def test_a_fresh_process_runs_the_cached_kernels():
    """Regression: a cached compiled caller of a parallel kernel segfaulted (numba #8578).

    The second process loads the kernels from numba's cache (the first may
    compile them); each public kernel must run there alone.
    """
    outputs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    prevalence_total, curve_total, _ = (float(x) for x in outputs[1].split())
    assert round(prevalence_total) == curve_total
