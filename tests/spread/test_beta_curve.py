"""spreading_efficiency_curve: lockstep kernel, coupling, exact laws, determinism, errors.

Statistical tests, all at fixed seeds (so their outcome is deterministic):

* each node's curve value is compared with an exact mean (bond enumeration)
  using its own standard error, or with ``spreading_efficiency`` at the same
  beta using the combined standard error of the two independent estimates.
  Tolerance: 4 SE per comparison (STYLE T3; about 6e-5 two-sided per
  comparison under normality);
* the joint law of one node's outbreak sizes at two grid points (the
  coupling) is checked with a chi-square goodness-of-fit test, p > 0.01.
"""

import math

import networkx as nx
import numba
import numpy as np
import pandas as pd
import pytest
import strategies
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from reference.beta_curve import cluster_sizes_lockstep
from reference.percolation import exact_mean_outbreak_sizes
from scipy import stats

import netsim
from netsim._kernels import beta_curve as curve_kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.spread import (
    epidemic_threshold,
    spreading_efficiency,
    spreading_efficiency_curve,
)

TOLERANCE_SE = 4.0
EMPTY = np.empty(0, dtype=np.float64)
PURPOSE = int(Purpose.BETA_CURVE)
TINY = ["path", "star", "cycle", "two_components", "isolated_nodes", "string_labels"]
TINY += ["tuple_labels", "weighted_trust", "single_node"]


def with_trust(G):
    """G with a deterministic 'trust' in (0, 1] on every edge (kept where present)."""
    G = G.copy()
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data.setdefault("trust", 0.05 + 0.9 * ((7 * k + 3) % 11) / 10)
    return G


def key_of(seed):
    return kernel_key(seed_sequence(seed))


def arrays(G, transmission, dtype=np.int64):
    """CSR arrays and the per-direction exponent w / w_ref (w_ref = 0.5) of G."""
    if transmission == "trust":
        csr = netsim.CSRGraph.from_networkx(with_trust(G), weight="trust")
        a = np.ascontiguousarray(csr.weights / 0.5)
    else:
        csr = netsim.CSRGraph.from_networkx(G)
        a = EMPTY
    return csr.indptr.astype(dtype), csr.indices.astype(dtype), a


def samples(G, betas, transmission, seed, n_samples):
    """Kernel matrices of samples 0 .. n_samples - 1: shape (n_samples, K, n_nodes)."""
    indptr, indices, a = arrays(G, transmission)
    key0, key1 = key_of(seed)
    grid = np.asarray(betas, dtype=np.float64)
    return np.array(
        [
            curve_kernel.cluster_sizes_beta_curve(indptr, indices, a, grid, key0, key1, PURPOSE, r)
            for r in range(n_samples)
        ]
    )


def edge_probability(G, beta, transmission):
    """The probability(u, v, data) of MODEL.md section 3, written from the definition."""
    if transmission == "contact":
        return lambda u, v, data=None: beta
    trusts = [w for _, _, w in G.edges(data="trust")]
    w_ref = math.fsum(trusts) / len(trusts) if trusts else 1.0  # unused without edges
    return lambda u, v, data=None: 1.0 - (1.0 - beta) ** (G[u][v]["trust"] / w_ref)


# --- lockstep: the kernel replays tests/reference/beta_curve.py exactly ----------------------

GRIDS = [
    [0.0, 0.1, 0.35, 0.6, 1.0],  # both ends: no draw at 0, every edge kept at 1
    [0.2, 0.5],  # geometric skips below 1
    [0.45],
    [1.0],
    [0.0],
    [0.01 * k for k in range(1, 41)],  # many grid points, fine spacing
    [1e-300, 1e-200],  # skips beyond any edge index
]


@pytest.mark.parametrize("name", sorted(ZOO))
@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_kernel_replays_the_reference_on_the_zoo(name, transmission):
    indptr, indices, a = arrays(ZOO[name](), transmission)
    for g, grid in enumerate(GRIDS):
        betas = np.asarray(grid, dtype=np.float64)
        for seed in (0, 1):
            key0, key1 = key_of(seed)
            for r in (0, 7):
                ours = curve_kernel.cluster_sizes_beta_curve(
                    indptr, indices, a, betas, key0, key1, PURPOSE, r
                )
                assert ours.dtype == np.int64
                assert ours.shape == (betas.size, indptr.size - 1)
                expected = cluster_sizes_lockstep(indptr, indices, a, betas, key0, key1, PURPOSE, r)
                assert ours.tolist() == expected, (g, seed, r)


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_kernel_replays_the_reference_on_larger_graphs(dtype, transmission):
    """Karate and a seeded random graph, where clusters merge many times per sample."""
    betas = np.array([0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.55])
    graphs = [nx.karate_club_graph(), nx.gnm_random_graph(60, 150, seed=3)]
    for G in graphs:
        indptr, indices, a = arrays(G, transmission, dtype)
        key0, key1 = key_of(5)
        for r in range(12):
            ours = curve_kernel.cluster_sizes_beta_curve(
                indptr, indices, a, betas, key0, key1, PURPOSE, r
            )
            expected = cluster_sizes_lockstep(indptr, indices, a, betas, key0, key1, PURPOSE, r)
            assert ours.tolist() == expected


def small_graphs():
    """Graphs on 1-12 nodes with at most 25 edges; trust from a few levels, zero included."""
    # A function, so the derandomized test below keeps its decorator's text, which seeds it.
    return strategies.small_graphs(
        min_nodes=1, max_nodes=12, max_edges=25, distinct_pairs=True, weight="trust"
    )


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    G=small_graphs(),
    grid=st.lists(st.sampled_from([0.0, 0.05, 0.2, 0.5, 0.9, 1.0]), min_size=1, max_size=5),
    transmission=st.sampled_from(["contact", "trust"]),
    r=st.integers(0, 50),
)
def test_hypothesis_graphs_replay_the_reference(G, grid, transmission, r):
    """Random small graphs and grids: exact replay, and sizes never decrease along the grid."""
    betas = np.array(sorted(set(grid)))
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    a = np.ascontiguousarray(csr.weights / 0.5) if transmission == "trust" else EMPTY
    key0, key1 = key_of(r)
    ours = curve_kernel.cluster_sizes_beta_curve(
        csr.indptr, csr.indices, a, betas, key0, key1, PURPOSE, r
    )
    assert ours.tolist() == cluster_sizes_lockstep(
        csr.indptr, csr.indices, a, betas, key0, key1, PURPOSE, r
    )
    assert (np.diff(ours, axis=0) >= 0).all()


@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_driver_sums_the_one_sample_matrices(transmission):
    """Sums and sums of squares over samples 3 .. 42 equal those of the serial kernel."""
    G = nx.karate_club_graph()
    indptr, indices, a = arrays(G, transmission, np.int32)
    betas = np.array([0.0, 0.1, 0.2, 0.3, 1.0])
    key0, key1 = key_of(11)
    matrices = np.array(
        [
            curve_kernel.cluster_sizes_beta_curve(indptr, indices, a, betas, key0, key1, 10, r)
            for r in range(3, 43)
        ]
    )
    for n_chunks in (1, 6):
        sums, sums_sq = curve_kernel.cluster_size_sums_beta_curve(
            indptr, indices, a, betas, 3, 40, n_chunks, key0, key1, 10
        )
        assert sums.dtype == sums_sq.dtype == np.int64
        np.testing.assert_array_equal(sums, matrices.sum(axis=0))
        np.testing.assert_array_equal(sums_sq, (matrices**2).sum(axis=0))


# --- coupling ---------------------------------------------------------------------------------


@pytest.mark.parametrize("transmission", ["contact", "trust"])
@pytest.mark.parametrize("name", ["karate", "batagelj_zaversnik", "two_components"])
def test_sizes_never_decrease_along_the_grid(name, transmission):
    """Within a sample, every node's outbreak size is non-decreasing in beta."""
    betas = [0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 1.0]
    matrices = samples(ZOO[name](), betas, transmission, seed=2, n_samples=60)
    assert (np.diff(matrices, axis=1) >= 0).all()
    assert (matrices[:, 0, :] == 1).all()  # beta = 0: nobody else is infected


def test_joint_law_of_two_grid_points_on_a_path():
    """Chi-square (p > 0.01) of an end node's sizes (s1, s2) at beta1 < beta2 on a path.

    From the end of a path of 6 nodes, s - 1 is the number of leading edges
    kept. Each edge is kept at beta1 with probability beta1, first at beta2
    with probability beta2 - beta1, and not at beta2 otherwise, independently.
    """
    beta1, beta2, n = 0.4, 0.7, 6
    n_samples = 4000
    matrices = samples(nx.path_graph(n), [beta1, beta2], "contact", seed=1983, n_samples=n_samples)
    pairs = matrices[:, :, 0]

    def probability(a, b):
        p = beta1 ** (a - 1)
        if b > a:
            p *= (beta2 - beta1) * beta2 ** (b - a - 1)
        return p * ((1.0 - beta2) if b < n else 1.0)

    cells = [(a, b) for a in range(1, n + 1) for b in range(a, n + 1)]
    expected = np.array([probability(a, b) for a, b in cells]) * n_samples
    assert expected.sum() == pytest.approx(n_samples)
    observed = np.array([np.sum((pairs[:, 0] == a) & (pairs[:, 1] == b)) for a, b in cells])
    assert observed.sum() == n_samples  # no impossible pair (s2 < s1) occurred
    small = expected < 5  # lumped into one cell
    if small.any():
        observed = np.append(observed[~small], observed[small].sum())
        expected = np.append(expected[~small], expected[small].sum())
    assert stats.chisquare(observed, expected).pvalue > 0.01


# --- exact laws ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TINY)
@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_every_column_matches_bond_enumeration(name, transmission):
    """Every node at every beta within 4 SE of the exact mean outbreak size (2**E configs)."""
    G = ZOO[name]()
    if transmission == "trust":
        G = with_trust(G)
    betas = [0.15, 0.45, 0.8]
    frame = spreading_efficiency_curve(
        G, betas=betas, transmission=transmission, n_runs=20_000, seed=2010
    )
    for beta in betas:
        exact = exact_mean_outbreak_sizes(G, edge_probability(G, beta, transmission))
        expected = np.array([exact[node] for node in frame.index])
        deviation = np.abs(frame["M"][beta].to_numpy() - expected)
        slack = TOLERANCE_SE * frame["M_se"][beta].to_numpy() + 1e-9
        assert np.all(deviation <= slack), (beta, frame["M"][beta], expected)


@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_every_column_agrees_with_spreading_efficiency(transmission):
    """Curve and single-beta percolation on karate: within 4 combined SE, node by node."""
    G = with_trust(nx.karate_club_graph())
    betas = [0.05, 0.1, 0.15, 0.22, 0.3]
    kwargs = {"transmission": transmission, "n_runs": 3000}
    frame = spreading_efficiency_curve(G, betas=betas, seed=1, **kwargs)
    for beta in betas:
        single = spreading_efficiency(G, beta=beta, method="percolation", seed=2, **kwargs)
        difference = np.abs(frame["M"][beta] - single["M"]).to_numpy()
        combined = np.hypot(frame["M_se"][beta], single["M_se"]).to_numpy()
        assert np.all(difference <= TOLERANCE_SE * combined), beta


def test_beta_zero_gives_one_and_beta_one_the_component_size():
    G = ZOO["two_components"]()
    G.add_nodes_from(["x", "y"])
    frame = spreading_efficiency_curve(G, betas=[1.0, 0.0, 0.5], n_runs=30, seed=3)
    component = {node: len(c) for c in nx.connected_components(G) for node in c}
    assert frame["M"][0.0].tolist() == [1.0] * len(G)
    assert frame["M"][1.0].tolist() == [float(component[node]) for node in G]
    assert frame["M_se"][0.0].tolist() == frame["M_se"][1.0].tolist() == [0.0] * len(G)
    isolated = frame.loc[["x", "y"]]
    assert (isolated["M"] == 1.0).all(axis=None)


def test_trust_with_every_weight_at_the_reference_is_contact():
    """w_ij = w_ref makes trust the contact model: within 4 combined SE at every beta."""
    G = nx.karate_club_graph()
    nx.set_edge_attributes(G, 0.3, "trust")
    betas = [0.1, 0.2, 0.35]
    trust = spreading_efficiency_curve(G, betas=betas, transmission="trust", n_runs=1500, seed=8)
    contact = spreading_efficiency_curve(G, betas=betas, n_runs=1500, seed=9)
    difference = np.abs(trust["M"] - contact["M"]).to_numpy()
    combined = np.hypot(trust["M_se"], contact["M_se"]).to_numpy()
    assert np.all(difference <= TOLERANCE_SE * combined)


# --- the result's contract -------------------------------------------------------------------


def test_frame_layout_and_attrs():
    G = with_trust(nx.karate_club_graph())
    frame = spreading_efficiency_curve(
        G, betas=[0.3, 0.1, 0.2], transmission="trust", w_ref=0.4, n_runs=50, seed=99
    )
    assert frame.index.name == "node"
    assert frame.index.tolist() == list(G)
    assert frame.columns.names == ["quantity", "beta"]
    assert frame.columns.tolist() == [(q, b) for q in ("M", "M_se") for b in (0.1, 0.2, 0.3)]
    assert frame["M"].columns.name == "beta"
    assert frame["M"].columns.tolist() == [0.1, 0.2, 0.3]
    assert (frame.dtypes == np.float64).all()
    assert ((frame["M"] >= 1.0) & (frame["M"] <= 34.0)).all(axis=None)
    attrs = frame.attrs
    assert attrs["method"] == "percolation"
    assert attrs["betas"] == (0.1, 0.2, 0.3)
    beta_c = netsim.epidemic_threshold(G)
    assert attrs["beta_factors"] == pytest.approx((0.1 / beta_c, 0.2 / beta_c, 0.3 / beta_c))
    assert attrs["beta_c"] == beta_c
    assert attrs["threshold"] == "configuration"
    assert attrs["target_outbreaks"] is None
    means = frame["M"].mean().to_numpy() / G.number_of_nodes()
    assert attrs["outbreak_fractions"] == pytest.approx(tuple(means), rel=1e-12)
    assert (attrs["transmission"], attrs["w_ref"], attrs["n_runs"]) == ("trust", 0.4, 50)
    assert attrs["seed_entropy"] == 99
    assert attrs["key_scheme"] >= 1


def test_beta_factors_multiply_the_epidemic_threshold():
    G = nx.karate_club_graph()
    factors = [1.5, 0.5, 1.0]
    frame = spreading_efficiency_curve(G, beta_factors=factors, n_runs=20, seed=4)
    threshold = epidemic_threshold(G)
    assert frame.attrs["beta_factors"] == (0.5, 1.0, 1.5)
    assert frame.attrs["betas"] == tuple(f * threshold for f in (0.5, 1.0, 1.5))
    single = spreading_efficiency(G, beta_factor=1.5, n_runs=5, seed=1)
    assert frame.attrs["betas"][-1] == single.attrs["beta"]
    same = spreading_efficiency_curve(G, betas=[f * threshold for f in factors], n_runs=20, seed=4)
    pd.testing.assert_frame_equal(frame, same)


def test_default_reference_trust_is_the_mean_trust():
    G = with_trust(nx.karate_club_graph())
    frame = spreading_efficiency_curve(G, betas=[0.2], transmission="trust", n_runs=5, seed=1)
    trusts = [w for _, _, w in G.edges(data="trust")]
    assert frame.attrs["w_ref"] == pytest.approx(sum(trusts) / len(trusts))


def test_one_run_has_undefined_standard_error():
    frame = spreading_efficiency_curve(nx.path_graph(4), betas=[0.2, 0.7], n_runs=1, seed=1)
    assert frame["M_se"].isna().all(axis=None)
    assert frame["M"].isin([1.0, 2.0, 3.0, 4.0]).all(axis=None)


# --- determinism (STYLE S3, T6) -------------------------------------------------------------


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_one_and_two_threads_give_identical_frames(transmission, restore_threads):
    G = with_trust(netsim.datasets.load("jazz"))
    frames = []
    for threads in (1, numba.config.NUMBA_NUM_THREADS):
        numba.set_num_threads(threads)
        frames.append(
            spreading_efficiency_curve(
                G, betas=[0.02, 0.05, 0.1], transmission=transmission, n_runs=300, seed=21
            )
        )
    pd.testing.assert_frame_equal(*frames)


def test_sums_do_not_depend_on_chunks_or_threads(restore_threads):
    csr = netsim.datasets.load_csr("jazz")
    betas = np.array([0.01, 0.03, 0.05, 0.08])
    key0, key1 = key_of(3)
    results = []
    for threads, n_chunks in ((1, 1), (1, 5), (numba.config.NUMBA_NUM_THREADS, 7)):
        numba.set_num_threads(threads)
        results.append(
            curve_kernel.cluster_size_sums_beta_curve(
                csr.indptr, csr.indices, EMPTY, betas, 0, 40, n_chunks, key0, key1, PURPOSE
            )
        )
    for sums, sums_sq in results[1:]:
        np.testing.assert_array_equal(sums, results[0][0])
        np.testing.assert_array_equal(sums_sq, results[0][1])


def test_prefix_property():
    """The first k runs of an n-run call are a k-run call; sample ranges add up exactly."""
    G = nx.karate_club_graph()
    betas = [0.1, 0.2, 0.3]
    matrices = samples(G, betas, "contact", seed=31, n_samples=40)
    for k in (1, 7, 40):
        frame = spreading_efficiency_curve(G, betas=betas, n_runs=k, seed=31)
        np.testing.assert_array_equal(frame["M"].to_numpy(), matrices[:k].sum(axis=0).T / k)
    indptr, indices, a = arrays(G, "contact")
    key0, key1 = key_of(31)

    def sums(start, count):
        return curve_kernel.cluster_size_sums_beta_curve(
            indptr, indices, a, np.array(betas), start, count, 3, key0, key1, PURPOSE
        )

    whole, head, tail = sums(0, 40), sums(0, 15), sums(15, 25)
    for w, h, t in zip(whole, head, tail, strict=True):
        np.testing.assert_array_equal(w, h + t)


@pytest.mark.parametrize("name", ["karate", "string_labels", "tuple_labels"])
def test_a_subset_of_nodes_gets_the_all_node_numbers(name):
    G = ZOO[name]()
    everyone = spreading_efficiency_curve(G, betas=[0.2, 0.6], n_runs=200, seed=17)
    chosen = list(G)[::-2][:4]
    some = spreading_efficiency_curve(G, betas=[0.2, 0.6], n_runs=200, seed=17, nodes=chosen)
    assert some.index.tolist() == chosen
    pd.testing.assert_frame_equal(some, everyone.loc[chosen])


def test_grid_order_and_the_points_below_the_largest_change_no_number():
    """Draws depend on the largest beta only: the grid's order and lower points do not matter."""
    G = nx.karate_club_graph()
    frame = spreading_efficiency_curve(G, betas=[0.3, 0.1], n_runs=100, seed=6)
    shuffled = spreading_efficiency_curve(G, betas=[0.1, 0.3], n_runs=100, seed=6)
    pd.testing.assert_frame_equal(frame, shuffled)
    other = spreading_efficiency_curve(G, betas=[0.3, 0.2, 0.05], n_runs=100, seed=6)
    pd.testing.assert_series_equal(other["M"][0.3], frame["M"][0.3])
    lower = spreading_efficiency_curve(G, betas=[0.1, 0.2], n_runs=100, seed=6)
    assert not lower["M"][0.1].equals(frame["M"][0.1])  # u_e = V * max(betas)


def test_same_seed_same_frame_and_generator_seeds_advance():
    G = nx.karate_club_graph()
    first = spreading_efficiency_curve(G, betas=[0.2], n_runs=100, seed=12)
    again = spreading_efficiency_curve(G, betas=[0.2], n_runs=100, seed=12)
    pd.testing.assert_frame_equal(first, again)
    assert first.attrs == again.attrs
    rng = np.random.default_rng(5)
    one = spreading_efficiency_curve(G, betas=[0.2], n_runs=50, seed=rng)
    two = spreading_efficiency_curve(G, betas=[0.2], n_runs=50, seed=rng)
    assert not one["M"].equals(two["M"])
    fresh = spreading_efficiency_curve(G, betas=[0.2], n_runs=50)
    replayed = spreading_efficiency_curve(
        G, betas=[0.2], n_runs=50, seed=np.random.SeedSequence(fresh.attrs["seed_entropy"])
    )
    pd.testing.assert_frame_equal(fresh, replayed)


# --- errors (STYLE E3, E8) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"betas": None},
            InvalidParameterError,
            r"give exactly one of betas \(probabilities\), beta_factors \(multiples of the "
            r"epidemic threshold\) and target_outbreaks \(mean outbreaks as shares of the "
            r"nodes\); got betas=None and beta_factors=None\.",
        ),
        (
            {"beta_factors": [1.0]},
            InvalidParameterError,
            r"give exactly one of betas .*; got betas=\[0.2\] and beta_factors=\[1.0\]\.",
        ),
        (
            {"betas": []},
            InvalidParameterError,
            r"betas must be a non-empty sequence of floats in \[0, 1\]; got \[\]\.",
        ),
        (
            {"betas": None, "beta_factors": ()},
            InvalidParameterError,
            r"beta_factors must be a non-empty sequence of floats >= 0; got \[\]\.",
        ),
        (
            {"betas": [0.1, 0.3, 0.1]},
            InvalidParameterError,
            r"betas must be distinct values; got 0.1\. It appears more than once\.",
        ),
        (
            {"betas": None, "beta_factors": [2.0, 1.0, 2.0]},
            InvalidParameterError,
            r"beta_factors must be distinct values; got 2.0\. It appears more than once\.",
        ),
        (
            {"betas": [0.1, 1.5]},
            InvalidParameterError,
            r"every value in betas must be a float in \[0, 1\]; got 1.5\.",
        ),
        (
            {"betas": [-0.1]},
            InvalidParameterError,
            r"every value in betas must be a float in \[0, 1\]; got -0.1\.",
        ),
        (
            {"betas": [float("nan")]},
            InvalidParameterError,
            r"every value in betas must be a float in \[0, 1\]; got nan\.",
        ),
        (
            {"betas": None, "beta_factors": [-1.0]},
            InvalidParameterError,
            r"every value in beta_factors must be a finite float in \[0, inf\]; got -1.0\.",
        ),
        (
            {"betas": None, "beta_factors": [1.0, 8.0]},
            InvalidParameterError,
            r"every value in beta_factors must be at most 6.769 on this graph; got 8.0\. "
            r"8 \* epidemic_threshold\(G\) = 1.182 is not a probability\.",
        ),
        ({"betas": 0.2}, TypeError, r"betas must be a sequence of floats; got float\."),
        ({"betas": "0.2"}, TypeError, r"betas must be a sequence of floats; got str\."),
        ({"betas": ["0.2"]}, TypeError, r"every value in betas must be a float in \[0, 1\]"),
        ({"n_runs": 0}, InvalidParameterError, r"n_runs must be an int >= 1; got 0\."),
        ({"n_runs": 2.5}, TypeError, r"n_runs must be an int; got float\."),
        (
            {"nodes": [0, 99]},
            InvalidParameterError,
            r"every label in nodes must be a node of G; got 99\.",
        ),
        ({"nodes": [3, 1, 3]}, InvalidParameterError, r"nodes must be distinct nodes; got 3\."),
        (
            {"transmission": "trusted"},
            InvalidParameterError,
            r"transmission must be one of \{'contact', 'trust'\}; got 'trusted'\. "
            r"Did you mean 'trust'\?",
        ),
        (
            {"w_ref": 0.5},
            InvalidParameterError,
            r'w_ref must be None when transmission="contact"; got 0.5\.',
        ),
        ({"seed": -1}, InvalidParameterError, r"seed must be an int >= 0; got -1\."),
    ],
)
def test_invalid_arguments_are_refused_with_the_documented_message(kwargs, error, match):
    arguments = {"betas": [0.2], "n_runs": 10, "seed": 1, **kwargs}
    with pytest.raises(error, match=match):
        spreading_efficiency_curve(nx.karate_club_graph(), **arguments)


def test_graphs_that_cannot_be_used_are_refused():
    with pytest.raises(InvalidParameterError, match=r"G must be a graph with at least one node"):
        spreading_efficiency_curve(nx.Graph(), betas=[0.5], seed=1)
    with pytest.raises(InvalidParameterError, match=r"G must be a graph with at least one edge"):
        spreading_efficiency_curve(nx.empty_graph(3), beta_factors=[1.0], seed=1)
    with pytest.raises(UnsupportedGraphError, match=r"spreading_efficiency_curve needs an undi"):
        spreading_efficiency_curve(nx.DiGraph([(0, 1)]), betas=[0.2], seed=1)
    with pytest.raises(UnsupportedGraphError, match=r"spreading_efficiency_curve needs a simple"):
        spreading_efficiency_curve(nx.MultiGraph([(0, 1)]), betas=[0.2], seed=1)
    with pytest.raises(InvalidParameterError, match=r"edge \(0, 1\) has no 'trust' attribute"):
        spreading_efficiency_curve(nx.path_graph(3), betas=[0.2], transmission="trust", seed=1)
