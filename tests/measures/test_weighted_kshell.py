"""weighted_k_shell against the slow reference, networkx and hand-checked cases.

Oracles (STYLE T2): the level-by-level peeling of
tests/reference/weighted_kshell.py, written from Garas, Schweitzer and Havlin
(2012), exactly, on the graph zoo (seeded random weights; the trust graph's
own "trust") and on hypothesis graphs; networkx's core_number, exactly, in the
unweighted cases (weight=None, beta=0, equal weights); a small graph checked
by hand.
"""

import itertools

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import weighted_kshell as reference

import netsim
from netsim._kernels import weighted_kshell as kernel
from netsim.exceptions import InvalidParameterError, NetsimWarning, UnsupportedGraphError
from netsim.measures import weighted_k_shell

EXPONENTS = [(1.0, 1.0), (1.0, 0.0), (0.0, 1.0), (2.0, 1.0), (0.5, 1.5), (1.0, 3.0)]
WEIGHTS = ["uniform", "integer"]


def weighted(G, kind, seed):
    """Return a copy of G with seeded random "weight"s: uniform in [0.05, 5) or integers 1..7.

    Integer weights make exact halves in w / min(w) (e.g. 5 / 2), where the
    rounding rule matters.
    """
    H = G.copy()
    rng = np.random.default_rng(seed)
    for u, v in H.edges():
        value = rng.uniform(0.05, 5.0) if kind == "uniform" else float(rng.integers(1, 8))
        H.edges[u, v]["weight"] = value
    return H


def zoo_with_weights(name, kind):
    """A zoo graph and its weight attribute: the trust graph keeps its "trust"."""
    G = ZOO[name]()
    if name == "weighted_trust":
        return G, "trust"
    return weighted(G, kind, seed=20250611 + sorted(ZOO).index(name)), "weight"


def check_result(shells, G):
    assert isinstance(shells, pd.Series)
    assert shells.name == "weighted_k_shell"
    assert shells.dtype == np.int64
    assert shells.index.name == "node"
    assert list(shells.index) == list(G)


@pytest.mark.parametrize("kind", WEIGHTS)
@pytest.mark.parametrize(("alpha", "beta"), EXPONENTS)
@pytest.mark.parametrize("name", sorted(ZOO))
def test_zoo_equals_the_reference(name, alpha, beta, kind):
    G, attribute = zoo_with_weights(name, kind)
    shells = weighted_k_shell(G, weight=attribute, alpha=alpha, beta=beta)
    check_result(shells, G)
    assert shells.to_dict() == reference.weighted_k_shell(G, attribute, alpha, beta)
    csr = netsim.CSRGraph.from_networkx(G, weight=attribute)
    pd.testing.assert_series_equal(weighted_k_shell(csr, alpha=alpha, beta=beta), shells)


@pytest.mark.parametrize("name", sorted(ZOO))
def test_zoo_unweighted_cases_equal_core_number(name):
    G, attribute = zoo_with_weights(name, "uniform")
    expected = nx.core_number(G)
    assert weighted_k_shell(G, weight=None).to_dict() == expected
    for alpha in (0.5, 1.0, 3.0):  # beta = 0 ignores the weights, whatever alpha
        assert weighted_k_shell(G, weight=attribute, alpha=alpha, beta=0.0).to_dict() == expected
    equal = G.copy()
    nx.set_edge_attributes(equal, 0.37, "w")  # any common weight is the unit
    for alpha, beta in EXPONENTS:
        assert weighted_k_shell(equal, weight="w", alpha=alpha, beta=beta).to_dict() == expected


def test_hand_checked_square_with_a_diagonal():
    # Weights in units of the smallest (0.5): ab 1, bc 1, cd 2, da 2.5 -> 3
    # (halves round up), ac 4. Degrees a3 b2 c3 d2, strengths a8 b2 c7 d5, so
    # round(sqrt(k s)) = a5 b2 c5 d3. Level 2 takes b; then a (k 2, s 7) is
    # round(sqrt 14) = 4 and c (2, 6) is round(sqrt 12) = 3. Level 3 takes c
    # and d, which leaves a alone: a, c, d in shell 3.
    G = nx.Graph()
    G.add_weighted_edges_from(
        [("a", "b", 0.5), ("b", "c", 0.5), ("c", "d", 1.0), ("d", "a", 1.25), ("a", "c", 2.0)]
    )
    assert weighted_k_shell(G).to_dict() == {"a": 3, "b": 2, "c": 3, "d": 3}
    assert nx.core_number(G) == {"a": 2, "b": 2, "c": 2, "d": 2}
    # alpha = 0 peels by strength: b (2) first, then a 7, c 6, d 5 -> level 5
    # takes d, leaving a and c at strength 4.
    assert weighted_k_shell(G, alpha=0.0).to_dict() == {"a": 5, "b": 2, "c": 5, "d": 5}
    assert weighted_k_shell(G, beta=0.0).to_dict() == nx.core_number(G)


def test_a_heavy_pendant_edge_lifts_its_node():
    # Triangle with unit weights and a pendant d tied to c with weight 4:
    # round(sqrt(k s)) = a2 b2 c round(sqrt 18) = 4 d2, so d leaves with a and
    # b at level 2 instead of forming shell 1.
    G = nx.Graph()
    G.add_weighted_edges_from([(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 4.0)])
    assert weighted_k_shell(G).to_dict() == {0: 2, 1: 2, 2: 2, 3: 2}
    assert nx.core_number(G)[3] == 1


def test_karate_club_with_its_interaction_weights():
    G = nx.karate_club_graph()
    shells = weighted_k_shell(G)
    assert shells.to_dict() == reference.weighted_k_shell(G)
    assert shells.value_counts().sort_index().to_dict() == {2: 4, 3: 7, 4: 3, 5: 10, 7: 10}


def test_weight_units_round_halves_up_and_the_smallest_is_one():
    weights = np.array([0.25, 0.625, 0.375, 0.25, 1.375, 0.3615])
    units = kernel.weight_units(weights)
    # ratios 1, 2.5, 1.5, 1, 5.5, 1.446 (binary fractions: exact halves)
    np.testing.assert_array_equal(units, [1.0, 3.0, 2.0, 1.0, 6.0, 1.0])
    np.testing.assert_array_equal(weights, [0.25, 0.625, 0.375, 0.25, 1.375, 0.3615])
    assert kernel.weight_units(np.empty(0)).shape == (0,)
    # Halves are judged on the floating-point quotient: 0.6 / 0.4 is 1.4999999999999998.
    np.testing.assert_array_equal(kernel.weight_units(np.array([0.4, 0.6])), [1.0, 1.0])


def test_rounded_weighted_degree():
    assert kernel.rounded_weighted_degree(0, 0.0, 0.5, 0.5) == 0.0
    assert kernel.rounded_weighted_degree(2, 2.0, 0.5, 0.5) == 2.0
    assert kernel.rounded_weighted_degree(3, 6.0, 0.5, 0.5) == 4.0  # sqrt 18 = 4.24
    assert kernel.rounded_weighted_degree(2, 7.0, 0.5, 0.5) == 4.0  # sqrt 14 = 3.74
    assert kernel.rounded_weighted_degree(5, 99.0, 1.0, 0.0) == 5.0
    assert kernel.rounded_weighted_degree(5, 99.0, 0.0, 1.0) == 99.0


@pytest.mark.parametrize("name", ["karate", "batagelj_zaversnik", "isolated_nodes", "empty"])
def test_kernel_takes_int32_and_int64_arrays(name):
    G, _ = zoo_with_weights(name, "integer")
    csr = netsim.CSRGraph.from_networkx(G, weight="weight")
    expected = kernel.weighted_shells_peel(csr.indptr, csr.indices, csr.weights, 1.0, 1.0)
    weights = np.array(csr.weights)
    for indptr_dtype, indices_dtype in itertools.product((np.int32, np.int64), repeat=2):
        indptr = csr.indptr.astype(indptr_dtype)
        indices = csr.indices.astype(indices_dtype)
        shells = kernel.weighted_shells_peel(indptr, indices, weights, 1.0, 1.0)
        assert shells.dtype == np.int64
        np.testing.assert_array_equal(shells, expected)
        np.testing.assert_array_equal(indptr, csr.indptr)  # inputs not mutated
        np.testing.assert_array_equal(indices, csr.indices)
        np.testing.assert_array_equal(weights, csr.weights)


@pytest.mark.parametrize("factor", [0.125, 8.0])
def test_scaling_every_weight_changes_nothing(factor):
    # Powers of two scale exactly, so w / min(w) is the same float.
    G = weighted(nx.karate_club_graph(), "uniform", seed=7)
    H = G.copy()
    for u, v in H.edges():
        H.edges[u, v]["weight"] *= factor
    pd.testing.assert_series_equal(weighted_k_shell(H), weighted_k_shell(G))


def test_self_loops_are_dropped_with_a_warning():
    G = weighted(nx.karate_club_graph(), "integer", seed=3)
    expected = weighted_k_shell(G)
    G.add_edge(0, 0, weight=100.0)
    with pytest.warns(NetsimWarning, match=r"G has 1 self-loop\(s\).*dropped"):
        result = weighted_k_shell(G)
    pd.testing.assert_series_equal(result, expected)


@st.composite
def weighted_graphs(draw):
    """An undirected graph on <= 20 nodes, nodes inserted in a drawn order, weights > 0."""
    n = draw(st.integers(0, 20))
    order = draw(st.permutations(range(n)))
    node = st.integers(0, max(n - 1, 0))
    value = st.one_of(
        st.integers(1, 7).map(float),
        st.floats(0.01, 100.0, allow_nan=False, allow_infinity=False),
    )
    edges = draw(st.lists(st.tuples(node, node, value), max_size=70)) if n else []
    G = nx.Graph()
    G.add_nodes_from(order)
    G.add_weighted_edges_from((u, v, w) for u, v, w in edges if u != v)
    return G


exponents = st.one_of(
    st.sampled_from(EXPONENTS),
    st.tuples(st.floats(0.0, 4.0), st.floats(0.0, 4.0)).filter(lambda ab: ab[0] + ab[1] > 0),
)


@settings(deadline=None, max_examples=150)
@given(G=weighted_graphs(), ab=exponents)
def test_small_graphs_equal_the_reference(G, ab):
    alpha, beta = ab
    shells = weighted_k_shell(G, alpha=alpha, beta=beta)
    check_result(shells, G)
    assert shells.to_dict() == reference.weighted_k_shell(G, "weight", alpha, beta)
    assert (shells >= 0).all()


@settings(deadline=None, max_examples=100)
@given(G=weighted_graphs(), alpha=st.floats(0.1, 4.0))
def test_small_graphs_unweighted_cases_equal_core_number(G, alpha):
    expected = nx.core_number(G)
    assert weighted_k_shell(G, weight=None, alpha=alpha).to_dict() == expected
    assert weighted_k_shell(G, alpha=alpha, beta=0.0).to_dict() == expected
    nx.set_edge_attributes(G, 2.75, "weight")
    assert weighted_k_shell(G, alpha=alpha).to_dict() == expected


@settings(deadline=None, max_examples=100)
@given(G=weighted_graphs(), ab=exponents, data=st.data())
def test_invariant_under_relabelling_and_permutation(G, ab, data):
    alpha, beta = ab
    nodes = list(G)
    new_names = data.draw(st.permutations(range(len(nodes))))
    mapping = {v: f"n{new_names[i]}" for i, v in enumerate(nodes)}
    order = data.draw(st.permutations(nodes))
    H = nx.Graph()
    H.add_nodes_from(mapping[v] for v in order)
    edges = list(G.edges(data="weight"))
    edges = [edges[i] for i in data.draw(st.permutations(range(len(edges))))]
    H.add_weighted_edges_from((mapping[v], mapping[u], w) for u, v, w in edges)
    shells = weighted_k_shell(G, alpha=alpha, beta=beta)
    shells_h = weighted_k_shell(H, alpha=alpha, beta=beta)
    assert list(shells_h.index) == [mapping[v] for v in order]
    for v in nodes:
        assert shells_h[mapping[v]] == shells[v]


# --- bad inputs -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["alpha", "beta"])
@pytest.mark.parametrize(("value", "shown"), [(-1.0, r"-1\.0"), (float("nan"), "nan")])
def test_negative_or_nan_exponents_are_refused(name, value, shown):
    message = rf"^{name} must be a finite float in \[0, inf\]; got {shown}\.$"
    with pytest.raises(InvalidParameterError, match=message):
        weighted_k_shell(nx.karate_club_graph(), **{name: value})


@pytest.mark.parametrize("name", ["alpha", "beta"])
def test_infinite_exponents_are_refused(name):
    with pytest.raises(InvalidParameterError, match=rf"^{name} must be a finite float"):
        weighted_k_shell(nx.karate_club_graph(), **{name: float("inf")})


@pytest.mark.parametrize("name", ["alpha", "beta"])
@pytest.mark.parametrize(("value", "kind"), [("1", "str"), (True, "bool"), (None, "NoneType")])
def test_exponents_of_the_wrong_type_are_refused(name, value, kind):
    with pytest.raises(TypeError, match=rf"^{name} must be a real number; got {kind}\.$"):
        weighted_k_shell(nx.karate_club_graph(), **{name: value})


def test_both_exponents_zero_is_refused():
    message = (
        r"^alpha \+ beta must be > 0; got 0\.0\. The weighted degree .* needs a positive sum\.$"
    )
    with pytest.raises(InvalidParameterError, match=message):
        weighted_k_shell(nx.karate_club_graph(), alpha=0.0, beta=0)


def test_exponents_accept_ints_and_numpy_scalars():
    G = nx.karate_club_graph()
    expected = weighted_k_shell(G, alpha=2.0, beta=1.0)
    pd.testing.assert_series_equal(weighted_k_shell(G, alpha=2, beta=np.float32(1)), expected)


def test_negative_weight_is_refused_naming_the_edge():
    G = nx.path_graph(3)
    nx.set_edge_attributes(G, 1.0, "weight")
    G.edges[1, 2]["weight"] = -0.5
    message = r"^the weight of edge \(1, 2\) must be a finite number >= 0; got -0\.5\.$"
    with pytest.raises(InvalidParameterError, match=message):
        weighted_k_shell(G)


def test_zero_weight_is_refused_naming_the_edge():
    G = ZOO["weighted_trust"]()
    G.edges["cy", "dee"]["trust"] = 0.0
    message = (
        r"^the weight of edge \('cy', 'dee'\) must be > 0 in weighted_k_shell; got 0\.0\. "
        r"Weights are measured in units of the smallest one; remove zero-weight edges, "
        r"or pass weight=None to ignore the weights\.$"
    )
    for graph in (G, netsim.CSRGraph.from_networkx(G, weight="trust")):
        with pytest.raises(InvalidParameterError, match=message):
            weighted_k_shell(graph, weight="trust")
    assert weighted_k_shell(G, weight=None).to_dict() == nx.core_number(G)


def test_missing_weight_is_refused_naming_the_edge():
    G = ZOO["weighted_trust"]()
    message = (
        r"^edge \('ann', 'ben'\) has no 'weight' attribute; "
        r"every edge needs one when weight='weight'\.$"
    )
    with pytest.raises(InvalidParameterError, match=message):
        weighted_k_shell(G)  # its weights are under "trust"
    del G.edges["cy", "dee"]["trust"]
    with pytest.raises(InvalidParameterError, match=r"^edge \('cy', 'dee'\) has no 'trust'"):
        weighted_k_shell(G, weight="trust")


def test_unweighted_csr_graph_needs_weight_none():
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    message = (
        r"^G must be a weighted CSRGraph when weight='weight'; got CSRGraph\(n_nodes=34, "
        r"n_edges=78, weighted=False\)\. Build it with CSRGraph\.from_networkx\(G, "
        r"weight='weight'\), or pass weight=None\.$"
    )
    with pytest.raises(InvalidParameterError, match=message):
        weighted_k_shell(csr)
    assert weighted_k_shell(csr, weight=None).to_dict() == nx.core_number(nx.karate_club_graph())


def test_weight_must_be_a_string_or_none():
    message = r"^weight must be None or the name of an edge attribute \(str\); got 5\.$"
    with pytest.raises(InvalidParameterError, match=message):
        weighted_k_shell(nx.karate_club_graph(), weight=5)


def test_directed_graphs_are_refused():
    message = (
        r"^weighted_k_shell needs an undirected graph; got a directed DiGraph\. "
        r"Convert it with G\.to_undirected\(\) \(or nx\.Graph\(G\)\)\.$"
    )
    with pytest.raises(UnsupportedGraphError, match=message):
        weighted_k_shell(nx.DiGraph([(0, 1, {"weight": 1.0})]))


def test_multigraphs_are_refused():
    message = (
        r"^weighted_k_shell needs a simple graph; got a MultiGraph \(parallel edges\)\. "
        r"Collapse parallel edges with nx\.Graph\(G\)\.$"
    )
    G = nx.MultiGraph()
    G.add_weighted_edges_from([(0, 1, 1.0), (0, 1, 2.0)])
    with pytest.raises(UnsupportedGraphError, match=message):
        weighted_k_shell(G)


def test_non_graphs_are_refused():
    message = r"^G must be a networkx graph or a netsim\.CSRGraph; got list\.$"
    with pytest.raises(TypeError, match=message):
        weighted_k_shell([(0, 1)])
