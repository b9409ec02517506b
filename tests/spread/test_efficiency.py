"""spreading_efficiency: exact laws on tiny graphs, lockstep kernel, determinism, errors.

Statistical tests compare each node's estimate with an exact value (bond
enumeration, or the exact Markov chain for mu < 1) and use the estimate's own
standard error ``M_se``. Tolerance: 5 SE per node (>= 4 SE, STYLE T3); with a
few hundred node comparisons over the file the chance of a false alarm under
normality is below 1e-3, and the seeds are fixed, so the outcome is
deterministic.
"""

import math

import networkx as nx
import numba
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from reference.markov import final_size_law
from reference.percolation import cluster_sizes_lockstep, exact_mean_outbreak_sizes

import netsim
from netsim._kernels import percolation as percolation_kernel
from netsim._kernels import sir as sir_kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.spread import spreading_efficiency

TOLERANCE_SE = 5.0
TINY = ["isolated_nodes", "path", "single_node", "star", "string_labels", "tuple_labels"]
TINY += ["cycle", "two_components", "weighted_trust"]
EMPTY = np.empty(0, dtype=np.float64)


def with_trust(G):
    """G with a deterministic 'trust' in (0, 1] on every edge (kept where present)."""
    G = G.copy()
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data.setdefault("trust", 0.05 + 0.9 * ((7 * k + 3) % 11) / 10)
    return G


def edge_probability(G, beta, transmission):
    """The probability(u, v, data) of MODEL.md section 3, written from the definition."""
    if transmission == "contact":
        return lambda u, v, data=None: beta
    trusts = [w for _, _, w in G.edges(data="trust")]
    w_ref = math.fsum(trusts) / len(trusts) if trusts else 1.0  # unused without edges
    return lambda u, v, data=None: 1.0 - (1.0 - beta) ** (G[u][v]["trust"] / w_ref)


def key_of(seed):
    return kernel_key(seed_sequence(seed))


def assert_within_se(frame, exact):
    """Every node's M is within TOLERANCE_SE of its own standard errors of the exact value."""
    expected = np.array([exact[node] for node in frame.index])
    slack = TOLERANCE_SE * frame["M_se"].to_numpy() + 1e-9
    deviation = np.abs(frame["M"].to_numpy() - expected)
    assert np.all(deviation <= slack), pd.DataFrame(
        {"M": frame["M"], "exact": expected, "M_se": frame["M_se"]}
    )


# --- exact laws on tiny graphs ------------------------------------------------------------


@pytest.mark.parametrize("name", TINY)
@pytest.mark.parametrize("transmission", ["contact", "trust"])
@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_mu_one_matches_bond_enumeration(name, transmission, method):
    """Both methods within 5 SE of the exact mean outbreak size from every node (2**E configs)."""
    G = ZOO[name]()
    if transmission == "trust":
        G = with_trust(G)
    beta = 0.45
    exact = exact_mean_outbreak_sizes(G, edge_probability(G, beta, transmission))
    n_runs = 20_000 if method == "percolation" else 3_000
    frame = spreading_efficiency(
        G, beta=beta, transmission=transmission, n_runs=n_runs, method=method, seed=2010
    )
    assert frame.attrs["method"] == method
    assert_within_se(frame, exact)


@pytest.mark.parametrize(
    ("name", "transmission"),
    [
        ("path", "contact"),
        ("star", "contact"),
        ("two_components", "contact"),
        ("string_labels", "contact"),
        ("weighted_trust", "trust"),
        ("cycle", "trust"),
    ],
)
def test_direct_with_mu_below_one_matches_the_exact_markov_chain(name, transmission):
    """The direct method within 5 SE of the exact mean final size (Markov chain, mu = 0.4)."""
    G = ZOO[name]()
    if transmission == "trust":
        G = with_trust(G)
    beta, mu = 0.5, 0.4
    probability = edge_probability(G, beta, transmission)
    exact = {
        node: sum(size * p for size, p in final_size_law(G, [node], probability, mu).items())
        for node in G
    }
    frame = spreading_efficiency(
        G, beta=beta, mu=mu, transmission=transmission, n_runs=4_000, seed=1983
    )
    assert frame.attrs["method"] == "direct"
    assert_within_se(frame, exact)


@pytest.mark.parametrize("name", ["path", "star", "string_labels", "weighted_trust"])
def test_the_two_exact_oracles_agree_for_mu_one(name):
    """Bond enumeration and the Markov chain with mu = 1 are the same law (Newman 2002)."""
    G = with_trust(ZOO[name]())
    probability = edge_probability(G, 0.3, "trust")
    enumerated = exact_mean_outbreak_sizes(G, probability)
    for node in G:
        law = final_size_law(G, [node], probability, 1.0)
        assert sum(size * p for size, p in law.items()) == pytest.approx(enumerated[node])


@st.composite
def tiny_graphs(draw):
    """Graphs on 1-7 nodes with at most 10 edges, trust drawn from a few levels."""
    n = draw(st.integers(1, 7))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=10)) if pairs else []
    G = nx.Graph()
    G.add_nodes_from(draw(st.permutations(range(n))))
    for u, v in edges:
        G.add_edge(u, v, trust=draw(st.sampled_from([0.1, 0.5, 1.0])))
    return G


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    G=tiny_graphs(),
    beta=st.sampled_from([0.15, 0.5, 0.85]),
    transmission=st.sampled_from(["contact", "trust"]),
)
def test_hypothesis_graphs_match_bond_enumeration(G, beta, transmission):
    """Percolation and direct within 5 SE of enumeration on hypothesis-drawn graphs."""
    exact = exact_mean_outbreak_sizes(G, edge_probability(G, beta, transmission))
    for method, n_runs in (("percolation", 10_000), ("direct", 2_000)):
        frame = spreading_efficiency(
            G, beta=beta, transmission=transmission, n_runs=n_runs, method=method, seed=7
        )
        assert_within_se(frame, exact)


# --- lockstep: the kernel replays tests/reference/percolation.py exactly ------------------


def karate_arrays(dtype):
    csr = netsim.CSRGraph.from_networkx(with_trust(nx.karate_club_graph()), weight="trust")
    p = 1.0 - (1.0 - 0.2) ** (csr.weights / csr.weights.mean())
    return csr.indptr.astype(dtype), csr.indices.astype(dtype), p


@pytest.mark.parametrize("dtype", [np.int32, np.int64])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    ("beta", "trust"), [(0.0, False), (0.07, False), (0.3, False), (1.0, False), (0.2, True)]
)
def test_percolation_kernel_replays_the_reference(dtype, seed, beta, trust):
    indptr, indices, p = karate_arrays(dtype)
    p = p if trust else EMPTY
    key0, key1 = key_of(seed)
    purpose = int(Purpose.PERCOLATION)
    for r in (0, 1, 17):
        ours = percolation_kernel.cluster_sizes_bond_percolation(
            indptr, indices, p, beta, key0, key1, purpose, r
        )
        assert ours.dtype == np.int64
        assert ours.tolist() == cluster_sizes_lockstep(
            indptr, indices, p, beta, key0, key1, purpose, r
        )


@pytest.mark.parametrize("trust", [False, True])
def test_percolation_driver_sums_the_reference_samples(trust):
    indptr, indices, p = karate_arrays(np.int32)
    p = p if trust else EMPTY
    key0, key1 = key_of(11)
    samples = np.array(
        [cluster_sizes_lockstep(indptr, indices, p, 0.25, key0, key1, 4, r) for r in range(3, 23)]
    )
    sums, sums_sq = percolation_kernel.cluster_size_sums_bond_percolation(
        indptr, indices, p, 0.25, 3, 20, 6, key0, key1, 4
    )
    np.testing.assert_array_equal(sums, samples.sum(axis=0))
    np.testing.assert_array_equal(sums_sq, (samples**2).sum(axis=0))


def test_percolation_draws_stay_in_range_for_tiny_beta():
    """A skip longer than int64 must end the sample, not wrap around to a kept edge."""
    indptr, indices, _ = karate_arrays(np.int32)
    for beta in (1e-300, 5e-324):
        sizes = percolation_kernel.cluster_sizes_bond_percolation(
            indptr, indices, EMPTY, beta, *key_of(0), 4, 0
        )
        assert sizes.tolist() == [1] * 34


# --- edge cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_beta_zero_gives_one_with_zero_error(method):
    frame = spreading_efficiency(nx.karate_club_graph(), beta=0.0, n_runs=20, method=method)
    assert frame["M"].tolist() == [1.0] * 34
    assert frame["M_se"].tolist() == [0.0] * 34


@pytest.mark.parametrize("name", ["two_components", "isolated_nodes", "karate", "tuple_labels"])
@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_beta_one_gives_each_nodes_component_size(name, method):
    G = ZOO[name]()
    frame = spreading_efficiency(G, beta=1.0, n_runs=5, method=method, seed=1)
    component = {node: len(c) for c in nx.connected_components(G) for node in c}
    assert frame["M"].tolist() == [float(component[node]) for node in G]
    assert frame["M_se"].tolist() == [0.0] * len(G)


@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_isolated_nodes_have_efficiency_one(method):
    G = ZOO["isolated_nodes"]()
    frame = spreading_efficiency(G, beta=0.7, n_runs=200, method=method, seed=5)
    assert frame.loc[[7, 5, 9], "M"].tolist() == [1.0, 1.0, 1.0]
    assert frame.loc[[7, 5, 9], "M_se"].tolist() == [0.0, 0.0, 0.0]
    assert (frame.loc[[0, 1, 2], "M"] > 1.0).all()


@pytest.mark.parametrize("G", [nx.Graph(), netsim.CSRGraph([0], [])], ids=["networkx", "csr"])
def test_empty_graph_is_refused(G):
    with pytest.raises(InvalidParameterError, match=r"G must be a graph with at least one node"):
        spreading_efficiency(G, beta=0.5, seed=1)


@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_one_run_has_undefined_standard_error(method):
    frame = spreading_efficiency(nx.path_graph(4), beta=0.5, n_runs=1, method=method, seed=1)
    assert frame["M_se"].isna().all()
    assert frame["M"].isin([1.0, 2.0, 3.0, 4.0]).all()


# --- the result's contract ----------------------------------------------------------------


def test_frame_is_indexed_by_node_with_documented_columns(zoo_graph):
    if zoo_graph.number_of_nodes() == 0:
        return  # refused: test_empty_graph_is_refused
    frame = spreading_efficiency(zoo_graph, beta=0.3, n_runs=30, seed=4)
    assert list(frame.columns) == ["M", "M_se", "n_runs"]
    assert frame.index.name == "node"
    assert frame.index.tolist() == list(zoo_graph)
    assert frame.dtypes.tolist() == [np.float64, np.float64, np.int64]
    assert (frame["n_runs"] == 30).all()
    assert (frame["M"] >= 1.0).all()
    assert (frame["M"] <= zoo_graph.number_of_nodes()).all()


def test_attrs_record_method_parameters_and_provenance():
    G = with_trust(nx.karate_club_graph())
    frame = spreading_efficiency(
        G, beta=0.2, mu=0.5, transmission="trust", w_ref=0.4, n_runs=10, seed=99
    )
    attrs = frame.attrs
    assert attrs["method"] == "direct"
    assert (attrs["beta"], attrs["mu"], attrs["transmission"], attrs["w_ref"]) == (
        0.2,
        0.5,
        "trust",
        0.4,
    )
    assert attrs["seed_entropy"] == 99
    assert attrs["key_scheme"] >= 1
    default = spreading_efficiency(G, beta=0.2, transmission="trust", n_runs=10, seed=1)
    trusts = [w for _, _, w in G.edges(data="trust")]
    assert default.attrs["w_ref"] == pytest.approx(sum(trusts) / len(trusts))


def test_trust_with_a_reference_equal_to_every_weight_is_contact():
    """w_ij = w_ref on every edge makes trust transmission the contact model."""
    G = nx.karate_club_graph()
    nx.set_edge_attributes(G, 0.3, "trust")
    trust = spreading_efficiency(G, beta=0.2, transmission="trust", n_runs=400, seed=8)
    contact = spreading_efficiency(G, beta=0.2, n_runs=400, seed=8)
    difference = np.abs(trust["M"] - contact["M"]).to_numpy()
    combined = np.hypot(trust["M_se"], contact["M_se"]).to_numpy()
    assert np.all(difference <= TOLERANCE_SE * combined)


# --- determinism (STYLE S3, T6) -------------------------------------------------------------


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_same_seed_same_frame_and_other_seed_other_frame(method):
    G = nx.karate_club_graph()
    first = spreading_efficiency(G, beta=0.2, n_runs=100, method=method, seed=12)
    again = spreading_efficiency(G, beta=0.2, n_runs=100, method=method, seed=12)
    pd.testing.assert_frame_equal(first, again)
    assert first.attrs == again.attrs
    other = spreading_efficiency(G, beta=0.2, n_runs=100, method=method, seed=13)
    assert not first["M"].equals(other["M"])


def test_generator_seed_advances_and_none_records_replayable_entropy():
    G = nx.karate_club_graph()
    rng = np.random.default_rng(5)
    first = spreading_efficiency(G, beta=0.2, n_runs=50, seed=rng)
    second = spreading_efficiency(G, beta=0.2, n_runs=50, seed=rng)
    assert not first["M"].equals(second["M"])
    fresh = spreading_efficiency(G, beta=0.2, n_runs=50)
    replayed = spreading_efficiency(
        G, beta=0.2, n_runs=50, seed=np.random.SeedSequence(fresh.attrs["seed_entropy"])
    )
    pd.testing.assert_frame_equal(fresh, replayed)


@pytest.mark.parametrize(
    ("method", "transmission"),
    [("percolation", "contact"), ("percolation", "trust"), ("direct", "contact")],
)
def test_one_and_two_threads_give_identical_frames(method, transmission, restore_threads):
    G = with_trust(nx.karate_club_graph())
    frames = []
    for threads in (1, numba.config.NUMBA_NUM_THREADS):
        numba.set_num_threads(threads)
        frames.append(
            spreading_efficiency(
                G, beta=0.25, transmission=transmission, n_runs=300, method=method, seed=21
            )
        )
    pd.testing.assert_frame_equal(*frames)


def test_percolation_sums_do_not_depend_on_chunks_or_threads(restore_threads):
    csr = netsim.datasets.load_csr("jazz")
    key0, key1 = key_of(3)
    results = []
    for threads, n_chunks in ((1, 1), (1, 5), (numba.config.NUMBA_NUM_THREADS, 7)):
        numba.set_num_threads(threads)
        results.append(
            percolation_kernel.cluster_size_sums_bond_percolation(
                csr.indptr, csr.indices, EMPTY, 0.05, 0, 40, n_chunks, key0, key1, 4
            )
        )
    for sums, sums_sq in results[1:]:
        np.testing.assert_array_equal(sums, results[0][0])
        np.testing.assert_array_equal(sums_sq, results[0][1])


def test_percolation_prefix_property():
    """The first k samples of an n-sample call are a k-sample call; ranges add up exactly."""
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    key0, key1 = key_of(31)
    samples = np.array(
        [
            percolation_kernel.cluster_sizes_bond_percolation(
                csr.indptr, csr.indices, EMPTY, 0.2, key0, key1, int(Purpose.PERCOLATION), r
            )
            for r in range(40)
        ]
    )
    for k in (1, 7, 40):
        frame = spreading_efficiency(csr, beta=0.2, n_runs=k, seed=31)
        np.testing.assert_array_equal(frame["M"].to_numpy(), samples[:k].sum(axis=0) / k)

    def sums(start, count):
        return percolation_kernel.cluster_size_sums_bond_percolation(
            csr.indptr, csr.indices, EMPTY, 0.2, start, count, 3, key0, key1, 4
        )

    whole, head, tail = sums(0, 40), sums(0, 15), sums(15, 25)
    for a, b, c in zip(whole, head, tail, strict=True):
        np.testing.assert_array_equal(a, b + c)


def test_direct_prefix_property():
    """A k-run call averages the first k runs of the n-run driver, for every node."""
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    key0, key1 = key_of(32)
    runs = sir_kernel.sir_discrete_sizes_each_source(
        csr.indptr, csr.indices, EMPTY, 0.2, 0.5, np.arange(34), 60, key0, key1, int(Purpose.SIR)
    )
    for k in (1, 13, 60):
        frame = spreading_efficiency(csr, beta=0.2, mu=0.5, n_runs=k, seed=32)
        np.testing.assert_array_equal(frame["M"].to_numpy(), runs[:, :k].sum(axis=1) / k)


@pytest.mark.parametrize("method", ["percolation", "direct"])
@pytest.mark.parametrize("name", ["karate", "string_labels", "tuple_labels"])
def test_a_subset_of_nodes_gets_the_all_node_numbers(method, name):
    G = ZOO[name]()
    everyone = spreading_efficiency(G, beta=0.3, n_runs=200, method=method, seed=17)
    chosen = list(G)[::-2][:4]
    some = spreading_efficiency(G, beta=0.3, n_runs=200, method=method, seed=17, nodes=chosen)
    assert some.index.tolist() == chosen
    pd.testing.assert_frame_equal(some, everyone.loc[chosen])


def test_auto_chooses_percolation_for_mu_one_and_direct_otherwise():
    G = nx.karate_club_graph()
    auto = spreading_efficiency(G, beta=0.2, n_runs=50, seed=2)
    forced = spreading_efficiency(G, beta=0.2, n_runs=50, method="percolation", seed=2)
    assert auto.attrs["method"] == forced.attrs["method"] == "percolation"
    pd.testing.assert_frame_equal(auto, forced)
    auto = spreading_efficiency(G, beta=0.2, mu=0.7, n_runs=50, seed=2)
    forced = spreading_efficiency(G, beta=0.2, mu=0.7, n_runs=50, method="direct", seed=2)
    assert auto.attrs["method"] == forced.attrs["method"] == "direct"
    pd.testing.assert_frame_equal(auto, forced)
    direct = spreading_efficiency(G, beta=0.2, n_runs=50, method="direct", seed=2)
    assert direct.attrs["method"] == "direct"


def test_direct_and_percolation_agree_on_karate():
    """Two independent estimators of the same M_i: within 4 combined SE for every node."""
    G = nx.karate_club_graph()
    kwargs = {"beta_factor": 1.5, "n_runs": 3000}
    percolation = spreading_efficiency(G, method="percolation", seed=1, **kwargs)
    direct = spreading_efficiency(G, method="direct", seed=2, **kwargs)
    difference = np.abs(percolation["M"] - direct["M"]).to_numpy()
    combined = np.hypot(percolation["M_se"], direct["M_se"]).to_numpy()
    assert np.all(difference <= 4.0 * combined)


# --- errors (STYLE E3, E8) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"beta": 1.5}, InvalidParameterError, r"beta must be a float in \[0, 1\]; got 1.5\."),
        ({"beta": -0.1}, InvalidParameterError, r"beta must be a float in \[0, 1\]; got -0.1\."),
        ({"beta": "0.1"}, TypeError, r"beta must be a float in \[0, 1\]; got str\."),
        ({"mu": 1.5}, InvalidParameterError, r"mu must be a float in \[0, 1\]; got 1.5\."),
        ({"mu": 0.0}, InvalidParameterError, r"mu must be a float in \(0, 1\]; got 0.0\. With"),
        ({"n_runs": 0}, InvalidParameterError, r"n_runs must be an int >= 1; got 0\."),
        ({"n_runs": 2.5}, TypeError, r"n_runs must be an int; got float\."),
        (
            {"method": "percolate"},
            InvalidParameterError,
            r"method must be one of \{'auto', 'direct', 'percolation'\}; got 'percolate'\. "
            r"Did you mean 'percolation'\?",
        ),
        (
            {"transmission": "trusted"},
            InvalidParameterError,
            r"transmission must be one of \{'contact', 'trust'\}; got 'trusted'\. "
            r"Did you mean 'trust'\?",
        ),
        (
            {"mu": 0.5, "method": "percolation"},
            InvalidParameterError,
            r'mu must be 1.0 when method="percolation"; got 0.5\. .*method="direct"',
        ),
        (
            {"nodes": [0, 99]},
            InvalidParameterError,
            r"every label in nodes must be a node of G; got 99\.",
        ),
        ({"nodes": [3, 1, 3]}, InvalidParameterError, r"nodes must be distinct nodes; got 3\."),
        (
            {"w_ref": 0.5},
            InvalidParameterError,
            r'w_ref must be None when transmission="contact"; got 0.5\.',
        ),
        ({"seed": -1}, InvalidParameterError, r"seed must be an int >= 0; got -1\."),
        ({"seed": "x"}, TypeError, r"seed must be None, an int"),
    ],
)
def test_invalid_arguments_are_refused_with_the_documented_message(kwargs, error, match):
    arguments = {"beta": 0.2, "n_runs": 10, "seed": 1, **kwargs}
    with pytest.raises(error, match=match):
        spreading_efficiency(nx.karate_club_graph(), **arguments)


def test_trust_needs_weights():
    with pytest.raises(InvalidParameterError, match=r"edge \(0, 1\) has no 'trust' attribute"):
        spreading_efficiency(nx.path_graph(3), beta=0.2, transmission="trust", seed=1)
    csr = netsim.CSRGraph.from_networkx(nx.path_graph(3))
    with pytest.raises(InvalidParameterError, match=r"G must be a weighted CSRGraph when trans"):
        spreading_efficiency(csr, beta=0.2, transmission="trust", seed=1)
    G = with_trust(nx.path_graph(3))
    with pytest.raises(InvalidParameterError, match=r"w_ref must be a float > 0; got -1.0\."):
        spreading_efficiency(G, beta=0.2, transmission="trust", w_ref=-1.0, seed=1)


def test_unsupported_graphs_are_refused():
    with pytest.raises(UnsupportedGraphError, match=r"spreading_efficiency needs an undirected"):
        spreading_efficiency(nx.DiGraph([(0, 1)]), beta=0.2, seed=1)
    with pytest.raises(UnsupportedGraphError, match=r"spreading_efficiency needs a simple graph"):
        spreading_efficiency(nx.MultiGraph([(0, 1)]), beta=0.2, seed=1)
    with pytest.raises(TypeError, match=r"G must be a networkx graph or a netsim.CSRGraph"):
        spreading_efficiency([(0, 1)], beta=0.2, seed=1)
