"""Comparable regimes: epidemic_threshold's three methods, beta_for_outbreak, target_outbreak."""

import math

import networkx as nx
import numba
import numpy as np
import pytest
import scipy.optimize
from graph_zoo import ZOO
from reference.prng import Xoshiro256StarStar

import netsim
from netsim._kernels import beta_curve as _beta_curve
from netsim._kernels import percolation_moments as _kernel
from netsim._seeding import Purpose, child, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError
from netsim.spread import beta_for_outbreak, epidemic_threshold, spreading_efficiency

PURPOSE = int(Purpose.REGIME)
EMPTY = np.empty(0, dtype=np.float64)


def with_trust(G):
    """G with a deterministic 'trust' in (0, 1] on every edge, and one tie of zero trust."""
    G = G.copy()
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data["trust"] = 0.0 if k == 2 else 0.05 + 0.9 * ((7 * k + 3) % 11) / 10
    return G


# --- the kernel against networkx on the same kept edges --------------------------------------


def moments_from_networkx(G, csr, exponents, betas, key, r):
    """Replay sample r's uniforms (one per edge, CSR order); components of the kept edges."""
    rng = Xoshiro256StarStar.for_task(*key, PURPOSE, r, 0)
    nodes = list(csr.nodes)
    edges = []
    for i in range(csr.n_nodes):
        for k in range(csr.indptr[i], csr.indptr[i + 1]):
            j = int(csr.indices[k])
            if j > i:
                a = None if exponents.size == 0 else float(exponents[k])
                edges.append((nodes[i], nodes[j], a, rng.next_double()))
    rows = []
    for beta in betas:
        H = nx.Graph()
        H.add_nodes_from(G)
        for u, v, a, draw in edges:
            p = beta if a is None else 1.0 - (1.0 - beta) ** a
            if draw < p:
                H.add_edge(u, v)
        sizes = [len(c) for c in nx.connected_components(H)]
        rows.append((sum(s * s for s in sizes), max(sizes)))
    return rows


@pytest.mark.parametrize("name", ["path", "two_components", "karate", "weighted_trust"])
@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_kernel_moments_equal_networkx_components_of_the_same_kept_edges(name, transmission):
    G = ZOO[name]()
    if transmission == "trust":
        G = with_trust(G)
    csr = netsim.CSRGraph.from_networkx(G, weight="trust" if transmission == "trust" else None)
    exponents = EMPTY if transmission == "contact" else np.ascontiguousarray(csr.weights / 0.4)
    betas = np.array([0.0, 0.05, 0.2, 0.35, 0.6, 0.9, 1.0])
    key = kernel_key(seed_sequence(11))
    sum_sq, s_max = _kernel.cluster_moments_beta_grid(
        csr.indptr, csr.indices, exponents, betas, 4, 3, *key, PURPOSE
    )
    for r in range(4):
        expected = moments_from_networkx(G, csr, exponents, betas, key, r)
        assert list(zip(sum_sq[r].tolist(), s_max[r].tolist(), strict=True)) == expected


def test_kernel_draws_are_those_of_the_beta_curve_on_a_grid_up_to_one():
    """On a grid whose top is 1, sum s^2 is the sum over nodes of beta_curve's cluster sizes."""
    G = with_trust(nx.les_miserables_graph())
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    betas = np.array([0.02, 0.1, 0.3, 0.7, 1.0])
    key = kernel_key(seed_sequence(3))
    for exponents in (EMPTY, np.ascontiguousarray(csr.weights / 0.5)):
        sum_sq, s_max = _kernel.cluster_moments_beta_grid(
            csr.indptr, csr.indices, exponents, betas, 5, 2, *key, PURPOSE
        )
        for r in range(5):
            sizes = _beta_curve.cluster_sizes_beta_curve(
                csr.indptr, csr.indices, exponents, betas, *key, PURPOSE, r
            )
            assert sum_sq[r].tolist() == sizes.sum(axis=1).tolist()
            assert s_max[r].tolist() == sizes.max(axis=1).tolist()


def test_kernel_rows_do_not_depend_on_threads_or_chunks_and_keep_the_prefix():
    csr = netsim.datasets.load_csr("jazz")
    betas = np.geomspace(1e-3, 1.0, 50)
    key = kernel_key(seed_sequence(8))
    arguments = (csr.indptr, csr.indices, EMPTY, betas)
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = _kernel.cluster_moments_beta_grid(*arguments, 12, 1, *key, PURPOSE)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        many = _kernel.cluster_moments_beta_grid(*arguments, 12, 5, *key, PURPOSE)
    finally:
        numba.set_num_threads(before)
    prefix = _kernel.cluster_moments_beta_grid(*arguments, 7, 3, *key, PURPOSE)
    for a, b, c in zip(one, many, prefix, strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a[:7], c)
        assert (np.diff(a, axis=1) >= 0).all()  # non-decreasing in beta


# --- "weighted": the branching factor with per-edge trust --------------------------------


def test_weighted_equals_configuration_when_every_tie_has_the_same_trust():
    G = nx.karate_club_graph()
    nx.set_edge_attributes(G, 2.5, "trust")
    expected = epidemic_threshold(G)
    assert epidemic_threshold(G, "weighted", weight="trust") == pytest.approx(expected, rel=1e-12)
    # w_ref scales beta's exponent: trust 2.5 against w_ref 2.5 is a plain tie
    assert epidemic_threshold(G, "weighted", weight="trust", w_ref=2.5) == pytest.approx(
        expected, rel=1e-12
    )


def branching_factor(G, beta, w_ref):
    """R(beta) = sum_j (k_j - 1) S_j / 2m, written from the definition on networkx's API."""
    total = 0.0
    for j in G:
        strength = sum(1.0 - (1.0 - beta) ** (w / w_ref) for _, _, w in G.edges(j, data="trust"))
        total += (G.degree(j) - 1) * strength
    return total / (2 * G.number_of_edges())


def test_weighted_threshold_solves_the_branching_equation_with_two_trust_classes():
    G = nx.random_regular_graph(3, 60, seed=4)
    G.add_edges_from([(0, 60), (60, 61), (61, 62), (62, 0)])  # some degree variety
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data["trust"] = 0.2 if k % 3 else 1.0
    w_ref = float(np.mean([w for *_, w in G.edges(data="trust")]))
    root = scipy.optimize.brentq(
        lambda b: branching_factor(G, b, w_ref) - 1.0, 1e-9, 1.0, xtol=1e-15, rtol=1e-14
    )
    value = epidemic_threshold(G, "weighted", weight="trust")
    assert value == pytest.approx(root, rel=1e-10)
    # Weaker ties than average on most edges: the threshold is above the plain one.
    assert value > epidemic_threshold(G)


def test_weighted_threshold_is_infinite_when_branching_never_reaches_one():
    G = nx.path_graph(5)
    nx.set_edge_attributes(G, 1.0, "trust")
    assert epidemic_threshold(G, "weighted", weight="trust") == math.inf


# --- "susceptibility": the measured threshold ------------------------------------------------


def test_susceptibility_peaks_near_the_threshold_of_a_large_random_graph():
    """On an Erdos-Renyi graph, n = 20,000 and <k> = 4, the measured threshold is T_c = 1/<k>.

    The configuration formula is exact for such a locally tree-like graph, so the measured
    peak differs from it only by the finite-size shift of the critical window, of relative
    order n^(-1/3) (about 0.04 here), and by sampling noise over 40 samples. The tolerance,
    15 %, is about four times that shift; a wrong threshold (for example the mean-field
    1/<k^2>, 20 % lower) falls outside it.
    """
    G = nx.fast_gnp_random_graph(20_000, 4.0 / 19_999, seed=20)
    formula = epidemic_threshold(G)
    measured = epidemic_threshold(G, "susceptibility", n_runs=40, seed=5)
    assert measured == pytest.approx(formula, rel=0.15)


def test_susceptibility_is_reproducible_and_independent_of_threads():
    G = netsim.datasets.load_csr("jazz")
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = epidemic_threshold(G, "susceptibility", n_runs=30, seed=2)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = epidemic_threshold(G, "susceptibility", n_runs=30, seed=2)
    finally:
        numba.set_num_threads(before)
    assert one == two
    assert epidemic_threshold(G, "susceptibility", n_runs=30, seed=3) != one


def test_measured_threshold_is_above_the_formula_on_a_clustered_graph():
    """Clustering wastes transmissions on already-reached nodes: the formula is too low."""
    G = nx.connected_watts_strogatz_graph(2000, 8, 0.05, seed=1)
    assert epidemic_threshold(G, "susceptibility", n_runs=40, seed=1) > 1.2 * epidemic_threshold(G)


# --- beta_for_outbreak ----------------------------------------------------------------------


def test_beta_for_outbreak_agrees_with_a_brute_force_scan_of_beta():
    """The crossing of the mean M/n found by scanning spreading_efficiency over beta.

    The scan uses 20,000 percolation samples per beta on a 0.0025-spaced grid
    (interpolation error well below 1e-3 in beta); beta_for_outbreak uses 1,000 samples, and
    its 95 % bootstrap interval gives its standard error (half-width / 1.96). The tolerance is
    4 of those standard errors, and the interval must contain the scan's crossing.
    """
    G = nx.karate_club_graph()
    n = G.number_of_nodes()
    grid = np.arange(0.15, 0.3001, 0.0025)
    means = [
        spreading_efficiency(G, beta=float(b), n_runs=20_000, seed=9)["M"].mean() / n for b in grid
    ]
    for fraction in (0.1, 0.3):
        crossing = float(np.interp(fraction, means, grid))
        regime = beta_for_outbreak(G, fraction, n_runs=1000, seed=4)
        se = (regime.beta_high - regime.beta_low) / (2 * 1.96)
        assert regime.beta == pytest.approx(crossing, abs=4 * se)
        assert regime.beta_low <= crossing <= regime.beta_high
        assert regime.beta_low < regime.beta < regime.beta_high


def test_beta_for_outbreak_with_trust_agrees_with_the_outbreak_it_gives():
    """At the beta found, the trust-weighted mean M/n is the target, within 4 standard errors.

    The standard error of the scan's mean over nodes comes from 8 independent batches of
    1,000 samples; that of beta_for_outbreak's beta is carried through the slope of the
    mean curve (from its interval).
    """
    G = with_trust(nx.les_miserables_graph())
    n = G.number_of_nodes()
    regime = beta_for_outbreak(G, 0.2, transmission="trust", n_runs=500, seed=6)
    assert (regime.transmission, regime.fraction) == ("trust", 0.2)
    assert regime.w_ref == pytest.approx(np.mean([w for *_, w in G.edges(data="trust")]))
    batches = [
        spreading_efficiency(G, beta=regime.beta, transmission="trust", n_runs=1000, seed=s)
        for s in range(8)
    ]
    shares = [frame["M"].mean() / n for frame in batches]
    low, high = (
        spreading_efficiency(G, beta=b, transmission="trust", n_runs=8000, seed=99)["M"].mean() / n
        for b in (regime.beta_low, regime.beta_high)
    )
    spread = (high - low) / 2  # the target's uncertainty, seen through the interval of beta
    se = math.hypot(np.std(shares, ddof=1) / math.sqrt(8), spread / 1.96)
    assert np.mean(shares) == pytest.approx(0.2, abs=4 * se)


def test_beta_for_outbreak_is_reproducible_and_thread_independent():
    G = netsim.datasets.load_csr("jazz")
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        one = beta_for_outbreak(G, 0.1, n_runs=60, seed=12)
        numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
        two = beta_for_outbreak(G, 0.1, n_runs=60, seed=12)
    finally:
        numba.set_num_threads(before)
    assert one == two
    assert beta_for_outbreak(G, 0.1, n_runs=60, seed=13) != one
    assert one.beta_factor == one.beta / epidemic_threshold(G)
    with pytest.raises(AttributeError):
        one.beta = 0.5  # frozen


def test_beta_for_outbreak_grows_with_the_target():
    G = netsim.datasets.load_csr("jazz")
    betas = [beta_for_outbreak(G, f, n_runs=60, seed=1).beta for f in (0.02, 0.1, 0.4)]
    assert betas == sorted(betas)


# --- target_outbreak and threshold in the spreading functions ---------------------------------


def test_target_outbreak_uses_beta_for_outbreak_on_the_child_stream_of_the_seed():
    G = netsim.datasets.load_csr("jazz")
    frame = spreading_efficiency(G, target_outbreak=0.1, n_runs=300, seed=21)
    expected = beta_for_outbreak(G, 0.1, n_runs=200, seed=child(seed_sequence(21), PURPOSE))
    attrs = frame.attrs
    assert attrs["beta"] == expected.beta
    assert attrs["target_outbreak"] == 0.1
    assert attrs["beta_c"] == epidemic_threshold(G)
    assert attrs["beta_factor"] == attrs["beta"] / attrs["beta_c"]
    assert attrs["threshold"] == "configuration"
    assert attrs["outbreak_fraction"] == pytest.approx(frame["M"].mean() / G.n_nodes, rel=1e-12)
    again = spreading_efficiency(G, beta=attrs["beta"], n_runs=300, seed=21)
    np.testing.assert_array_equal(frame["M"].to_numpy(), again["M"].to_numpy())


def test_threshold_names_what_beta_factor_multiplies():
    G = with_trust(nx.les_miserables_graph())
    measured = epidemic_threshold(G, "susceptibility", n_runs=100, seed=child(seed_sequence(4), 21))
    frame = spreading_efficiency(G, beta_factor=0.8, threshold="susceptibility", n_runs=50, seed=4)
    assert frame.attrs["beta"] == 0.8 * measured
    assert frame.attrs["beta_c_measured"] == measured
    assert frame.attrs["beta_factor"] == frame.attrs["beta"] / epidemic_threshold(G)
    weighted = epidemic_threshold(G, "weighted", weight="trust")
    trust = spreading_efficiency(
        G, beta_factor=1.2, threshold="weighted", transmission="trust", n_runs=50, seed=4
    )
    assert trust.attrs["beta"] == 1.2 * weighted
    assert trust.attrs["beta_c_weighted"] == weighted


def test_the_regime_is_found_once_for_joint_spread_and_compare_sources():
    G = netsim.datasets.load_csr("jazz")
    joint = netsim.joint_spread(G, G.nodes[:2], target_outbreak=0.1, n_runs=50, seed=3)
    expected = beta_for_outbreak(G, 0.1, n_runs=200, seed=child(seed_sequence(3), PURPOSE))
    assert joint.attrs["beta"] == expected.beta
    table = netsim.compare_sources(
        G, 2, strategies=["degree", "greedy"], target_outbreak=0.1, n_runs=50, seed=3
    )
    assert table.attrs["beta"] == expected.beta
    assert table.attrs["target_outbreak"] == 0.1


def test_curve_takes_target_outbreaks_and_records_the_outbreak_at_each_beta():
    G = netsim.datasets.load_csr("jazz")
    curve = netsim.spreading_efficiency_curve(G, target_outbreaks=[0.3, 0.05], n_runs=400, seed=2)
    attrs = curve.attrs
    seeds = child(seed_sequence(2), PURPOSE)
    assert attrs["betas"] == tuple(
        beta_for_outbreak(G, f, n_runs=200, seed=seeds).beta for f in (0.05, 0.3)
    )
    assert attrs["target_outbreaks"] == (0.05, 0.3)
    means = curve["M"].mean().to_numpy() / G.n_nodes
    assert attrs["outbreak_fractions"] == pytest.approx(tuple(means), rel=1e-12)


# --- bad input (STYLE E3) ----------------------------------------------------------------------

KARATE = nx.karate_club_graph()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"method": "measured"},
            InvalidParameterError,
            r"^method must be one of \{'configuration'",
        ),
        ({"method": "suscept"}, InvalidParameterError, r"Did you mean 'susceptibility'\?"),
        ({"weight": "weight"}, InvalidParameterError, r'^weight must be None when method="config'),
        ({"method": "weighted"}, InvalidParameterError, r"^weight must be the name of an edge"),
        ({"method": "weighted", "weight": 3}, TypeError, r"^weight must be a str; got int\.$"),
        ({"w_ref": 1.0}, InvalidParameterError, r"^w_ref must be None when weight is None"),
        ({"method": "weighted", "weight": "weight", "w_ref": 0.0}, InvalidParameterError, "w_ref"),
        ({"method": "susceptibility", "n_runs": 0}, InvalidParameterError, r"^n_runs must be an"),
        ({"n_runs": 1.5}, TypeError, r"^n_runs must be an int; got float\.$"),
    ],
)
def test_epidemic_threshold_refuses_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        epidemic_threshold(KARATE, **kwargs)


def test_weighted_threshold_needs_a_weighted_graph():
    with pytest.raises(InvalidParameterError, match=r"^G must be a weighted CSRGraph"):
        epidemic_threshold(netsim.CSRGraph.from_networkx(KARATE), "weighted", weight="weight")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"fraction": 0.0}, InvalidParameterError, r"^fraction must be a float in \(0, 1\); got 0"),
        ({"fraction": 1.0}, InvalidParameterError, r"^fraction must be a float in \(0, 1\); got 1"),
        ({"fraction": "0.1"}, TypeError, r"^fraction must be a float in \(0, 1\); got str\.$"),
        ({"level": 1.0}, InvalidParameterError, r"^level must be a float in \(0, 1\); got 1\.0"),
        ({"n_runs": 1}, InvalidParameterError, r"^n_runs must be an int >= 2; got 1\.$"),
        ({"transmission": "trusted"}, InvalidParameterError, r"Did you mean 'trust'\?"),
        ({"w_ref": 1.0}, InvalidParameterError, r'^w_ref must be None when transmission="contact"'),
    ],
)
def test_beta_for_outbreak_refuses_bad_input(kwargs, error, match):
    arguments = {"fraction": 0.1, "n_runs": 20, "seed": 1, **kwargs}
    with pytest.raises(error, match=match):
        beta_for_outbreak(KARATE, **arguments)


def test_beta_for_outbreak_says_which_fractions_are_reachable():
    """Two triangles: 1/6 of the nodes alone at beta = 0, (9 + 9) / 36 = 0.5 at beta = 1."""
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)])
    match = (
        r"^fraction must be a float in \(0\.1667, 0\.5\] on this graph; got 0\.6\. The mean "
        r"outbreak share runs from 1/n at beta = 0 to the sum of the squared component sizes"
    )
    with pytest.raises(InvalidParameterError, match=match):
        beta_for_outbreak(G, 0.6, n_runs=20, seed=1)
    with pytest.raises(InvalidParameterError, match=r"got 0\.1\."):
        beta_for_outbreak(G, 0.1, n_runs=20, seed=1)
    assert beta_for_outbreak(G, 0.5, n_runs=20, seed=1).beta <= 1.0
    with pytest.raises(InvalidParameterError, match=r"^target_outbreak must be a float in \(0\.16"):
        spreading_efficiency(G, target_outbreak=0.6, n_runs=10, seed=1)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"target_outbreak": 1.2}, r"^target_outbreak must be a float in \(0, 1\); got 1\.2\.$"),
        (
            {"beta": 0.1, "target_outbreak": 0.1},
            r"^give exactly one of beta .* got beta=0\.1, beta_factor=None and target_outbreak=0",
        ),
        ({"beta_factor": 1.0, "threshold": "measured"}, r"^threshold must be one of \{'config"),
        (
            {"beta": 0.1, "threshold": "susceptibility"},
            r"^threshold must be 'configuration' unless beta_factor is given; got 'suscept",
        ),
        (
            {"beta_factor": 1.0, "threshold": "weighted"},
            r"^threshold must be 'configuration' or 'susceptibility' when transmission='contact'",
        ),
        (
            {"target_outbreak": 0.1, "mu": 0.5},
            r"^target_outbreak must be None for this model; got 0\.1\. A target outbreak is",
        ),
    ],
)
def test_spreading_functions_refuse_bad_regimes(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        spreading_efficiency(KARATE, n_runs=10, seed=1, **kwargs)


def test_models_without_a_final_size_refuse_target_outbreak():
    with pytest.raises(
        InvalidParameterError, match=r"^target_outbreak must be None for model 'sis'"
    ):
        netsim.simulate(KARATE, "sis", sources=0, target_outbreak=0.1, n_runs=2, seed=1)
    with pytest.raises(InvalidParameterError, match=r"SIS outbreaks have no final size"):
        netsim.simulate(KARATE, "sis", sources=0, target_outbreak=0.1, n_runs=2, seed=1)
    with pytest.raises(TypeError, match=r"target_outbreak"):
        netsim.persistence(KARATE, target_outbreak=0.1)
    with pytest.raises(
        InvalidParameterError, match=r"^target_outbreak must be None for model 'cont"
    ):
        spreading_efficiency(KARATE, "continuous_sir", tau=0.3, target_outbreak=0.1, n_runs=2)
    frame = netsim.persistence(
        KARATE, beta_factor=1.0, threshold="susceptibility", n_runs=2, seed=1
    )
    assert frame.attrs["threshold"] == "susceptibility"


def test_curve_refuses_bad_regimes():
    curve = netsim.spreading_efficiency_curve
    with pytest.raises(InvalidParameterError, match=r"^every value in target_outbreaks must be a"):
        curve(KARATE, target_outbreaks=[0.1, 0.0], n_runs=10)
    with pytest.raises(InvalidParameterError, match=r"unless beta_factors is given"):
        curve(KARATE, betas=[0.1], threshold="susceptibility", n_runs=10)
    with pytest.raises(InvalidParameterError, match=r"^give exactly one of betas"):
        curve(KARATE, betas=[0.1], target_outbreaks=[0.1], n_runs=10)


def test_susceptibility_is_measured_on_the_largest_component():
    """Smaller components' clusters grow up to beta = 1; only the largest one is measured."""
    G = nx.disjoint_union(nx.karate_club_graph(), nx.complete_graph(6))
    alone = epidemic_threshold(nx.karate_club_graph(), "susceptibility", n_runs=60, seed=7)
    assert epidemic_threshold(G, "susceptibility", n_runs=60, seed=7) == alone
