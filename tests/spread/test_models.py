"""The models beyond discrete SIR through the public API: contracts, exact laws, errors.

Independent cascade: exact enumeration of bond configurations on tiny graphs
with unequal edge probabilities. Tolerance 5 SE per node (>= 4 SE, STYLE T3),
fixed seeds. Threshold model: hand-checked cascades and a slow reference
(tests/reference/threshold.py); it is deterministic, so those comparisons are
exact.
"""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from reference.percolation import exact_mean_outbreak_sizes
from reference.threshold import threshold_cascade

import netsim
from netsim.exceptions import InvalidParameterError

TOLERANCE_SE = 5.0

#: One valid parameter set per model, for the contract tests.
MODEL_PARAMS = {
    "sir": {"beta": 0.3},
    "independent_cascade": {"p": 0.3},
    "continuous_sir": {"tau": 0.4},
    "sis": {"beta": 0.3, "mu": 0.5, "burn_in": 5, "window": 10},
    "threshold": {"theta": 0.25},
}


def with_probabilities(G, name="prob"):
    """G with unequal, deterministic edge probabilities in (0, 1)."""
    G = G.copy()
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data[name] = 0.15 + 0.7 * ((k * 0.381966) % 1.0)
    return G


# -- contracts -------------------------------------------------------------------------


@pytest.mark.parametrize("model", list(MODEL_PARAMS))
def test_simulate_contract(model):
    G = nx.karate_club_graph()
    result = netsim.simulate(G, model, sources=[0, 33], n_runs=7, seed=3, **MODEL_PARAMS[model])
    assert isinstance(result, pd.Series)
    assert result.index.equals(pd.RangeIndex(7, name="run"))
    assert result.name == ("prevalence" if model == "sis" else "size")
    assert result.attrs["model"] == model
    assert result.attrs["sources"] == [0, 33]
    again = netsim.simulate(G, model, sources=[33, 0], n_runs=3, seed=3, **MODEL_PARAMS[model])
    assert again.tolist() == result.iloc[:3].tolist()  # same seed, prefix, source order free
    if model == "sis":
        assert ((result >= 0) & (result <= 1)).all()
    else:
        assert ((result >= 2) & (result <= 34)).all()


@pytest.mark.parametrize("model", list(MODEL_PARAMS))
def test_epidemic_curves_agree_with_simulate(model):
    G = nx.karate_club_graph()
    params = MODEL_PARAMS[model]
    curves = netsim.epidemic_curves(G, model, sources=[0, 5], n_runs=4, seed=11, **params)
    result = netsim.simulate(G, model, sources=[0, 5], n_runs=4, seed=11, **params)
    assert curves.index.names == ["run", "t"]
    assert (curves.sum(axis=1) == G.number_of_nodes()).all()
    assert curves.index.get_level_values("run").unique().tolist() == [0, 1, 2, 3]
    if model == "sis":
        assert list(curves.columns) == ["S", "I"]
        window = curves["I"].unstack("t").iloc[:, 1 + params["burn_in"] :]
        expected = window.mean(axis=1) / G.number_of_nodes()
        np.testing.assert_allclose(expected.to_numpy(), result.to_numpy(), rtol=1e-12)
    else:
        assert list(curves.columns) == ["S", "I", "R"]
        assert curves.groupby("run")["R"].last().tolist() == result.tolist()
        assert (curves.groupby("run")["R"].diff().dropna() >= 0).all()
        first = curves.xs(0, level="t")
        assert (first["I"] == 2).all()
        assert (first["R"] == 0).all()


# -- independent cascade ---------------------------------------------------------------


def test_cascade_with_one_probability_is_sir_run_for_run():
    G = nx.karate_club_graph()
    cascade = netsim.simulate(G, "independent_cascade", sources=4, p=0.25, n_runs=50, seed=5)
    sir = netsim.simulate(G, "sir", sources=4, beta=0.25, n_runs=50, seed=5)
    assert cascade.tolist() == sir.tolist()


@pytest.mark.parametrize("name", ["path", "star", "cycle", "two_components", "string_labels"])
@pytest.mark.parametrize("method", ["percolation", "direct"])
def test_cascade_efficiency_matches_exact_enumeration(name, method):
    G = with_probabilities(ZOO[name]())
    exact = exact_mean_outbreak_sizes(G, lambda u, v, data: data["prob"])
    df = netsim.spreading_efficiency(
        G, "independent_cascade", p="prob", n_runs=4000, method=method, seed=21
    )
    assert df.attrs["method"] == method
    for node, row in df.iterrows():
        assert abs(row["M"] - exact[node]) <= TOLERANCE_SE * max(row["M_se"], 1e-12), node


def test_cascade_from_sources_matches_exact_enumeration():
    """simulate's mean from one source equals the exact mean (probabilities per edge)."""
    G = with_probabilities(nx.cycle_graph(6))
    G.add_edge(0, 3, prob=0.9)
    exact = exact_mean_outbreak_sizes(G, lambda u, v, data: data["prob"])
    sizes = netsim.simulate(G, "independent_cascade", sources=2, p="prob", n_runs=6000, seed=8)
    se = sizes.std(ddof=1) / np.sqrt(sizes.size)
    assert abs(sizes.mean() - exact[2]) <= TOLERANCE_SE * se


def test_cascade_auto_uses_percolation_and_a_csr_graph_passes_its_weights():
    G = with_probabilities(nx.karate_club_graph())
    csr = netsim.CSRGraph.from_networkx(G, weight="prob")
    from_nx = netsim.spreading_efficiency(G, "independent_cascade", p="prob", n_runs=50, seed=2)
    from_csr = netsim.spreading_efficiency(csr, "independent_cascade", p="prob", n_runs=50, seed=2)
    assert from_nx.attrs["method"] == "percolation"
    pd.testing.assert_frame_equal(from_nx, from_csr)


# -- threshold model -------------------------------------------------------------------


def test_threshold_on_a_ring_lattice_advances_one_neighbour_a_step():
    """Each node has 4 neighbours; two adjacent adopters give the next node 2 of 4 = 0.5."""
    n = 20
    G = nx.circulant_graph(n, [1, 2])
    curves = netsim.epidemic_curves(G, "threshold", sources=[0, 1], theta=0.5, n_runs=1).loc[0]
    steps = n // 2 - 1
    assert curves["I"].tolist() == [2] * (steps + 1) + [0]
    assert curves["R"].tolist() == [2 * t for t in range(steps + 2)]
    alone = netsim.simulate(G, "threshold", sources=0, theta=0.5, n_runs=1)
    assert alone.tolist() == [1]


@pytest.mark.parametrize("G", [nx.balanced_tree(2, 4), nx.balanced_tree(3, 3)], ids=["r2", "r3"])
def test_threshold_half_never_passes_from_a_leaf_of_a_tree(G):
    """A leaf's parent has degree >= 3 here: one adopter out of >= 3 is below 0.5."""
    leaves = [v for v in G if G.degree(v) == 1]
    df = netsim.spreading_efficiency(G, "threshold", theta=0.5, n_runs=3, nodes=leaves)
    assert (df["M"] == 1).all()
    assert (df["M_se"] == 0).all()


def test_threshold_on_a_path_passes_at_one_half():
    """The boundary of 'at least theta': a node of degree 2 adopts with one adopter of 2."""
    sizes = netsim.simulate(nx.path_graph(7), "threshold", sources=0, theta=0.5, n_runs=1)
    assert sizes.tolist() == [7]


@pytest.mark.parametrize("name", [name for name in ZOO if name not in ("empty",)])
@pytest.mark.parametrize(("theta", "m"), [(0.0, None), (0.2, None), (0.5, None), (None, 2)])
def test_threshold_equals_the_reference_on_the_zoo(name, theta, m):
    G = ZOO[name]()
    sources = list(G)[:2]
    curves = netsim.epidemic_curves(G, "threshold", sources=sources, theta=theta, m=m, n_runs=1)
    expected_i, expected_r = threshold_cascade(G, sources, theta=theta, m=m)
    assert curves.loc[0]["I"].tolist() == expected_i
    assert curves.loc[0]["R"].tolist() == expected_r


@settings(max_examples=40, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), min_size=1, max_size=30),
    eighths=st.lists(st.integers(1, 8), min_size=30, max_size=30),
    theta=st.sampled_from([None, 0.25, 0.4, 0.5, 2 / 3]),
    m=st.sampled_from([1.0, 1.5, 2.0]),
)
def test_threshold_with_trust_equals_the_reference(edges, eighths, theta, m):
    """Dyadic trust (multiples of 1/8) and w_ref = 1 keep every sum exact."""
    G = nx.Graph()
    G.add_edges_from((u, v) for u, v in edges if u != v)
    if G.number_of_edges() == 0:
        return
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data["trust"] = eighths[k] / 8
    sources = list(G)[:1]
    count = None if theta is not None else m
    curves = netsim.epidemic_curves(
        G, "threshold", sources=sources, theta=theta, m=count, transmission="trust",
        w_ref=1.0, n_runs=1,
    )  # fmt: skip
    expected_i, expected_r = threshold_cascade(G, sources, theta=theta, m=count, weight="trust")
    assert curves.loc[0]["I"].tolist() == expected_i
    assert curves.loc[0]["R"].tolist() == expected_r


def test_threshold_efficiency_equals_one_cascade_per_node():
    G = nx.karate_club_graph()
    df = netsim.spreading_efficiency(G, "threshold", m=1, n_runs=4)
    components = {v: len(nx.node_connected_component(G, v)) for v in G}
    assert df["M"].to_dict() == components  # m = 1 is certain simple contagion
    assert df.attrs["method"] == "direct"
    sizes = [threshold_cascade(G, [v], theta=0.3)[1][-1] for v in G]
    df = netsim.spreading_efficiency(G, "threshold", theta=0.3, n_runs=2)
    assert df["M"].tolist() == sizes


# -- SIS through the public API --------------------------------------------------------


def test_persistence_contract_and_subset_consistency():
    G = nx.karate_club_graph()
    df = netsim.persistence(G, beta=0.3, mu=0.5, burn_in=20, window=30, n_runs=40, seed=4)
    assert list(df.columns) == ["persistence", "persistence_se", "n_runs"]
    assert df.index.equals(pd.Index(list(G), name="node"))
    assert ((df["persistence"] >= 0) & (df["persistence"] <= 1)).all()
    some = netsim.persistence(
        G, beta=0.3, mu=0.5, burn_in=20, window=30, n_runs=40, nodes=[33, 2], seed=4
    )
    pd.testing.assert_frame_equal(some, df.loc[[33, 2]])


# -- bad input -------------------------------------------------------------------------

BAD = [
    ("sir", {"beta": 0.3, "tau": 1.0}, r"^tau must be None for model 'sir'; got 1\.0\. "),
    ("sir", {"beta": 0.3, "theta": 0.5}, r"^theta must be None for model 'sir'; got 0\.5\."),
    ("continuous_sir", {"tau": -1.0}, r"^tau must be a finite float in \[0, inf\]; got -1\.0"),
    ("continuous_sir", {}, r"^tau must be a float >= 0; got None\. continuous_sir needs"),
    ("continuous_sir", {"tau": 1.0, "gamma": -0.5}, r"^gamma must be a finite float in \[0"),
    ("continuous_sir", {"tau": 1.0, "gamma": 0.0}, r"^gamma must be a float > 0; got 0\.0\."),
    ("continuous_sir", {"tau": 1.0, "beta": 0.2}, r"^beta must be None for model 'continu"),
    ("threshold", {"theta": 1.5}, r"^theta must be a float in \[0, 1\]; got 1\.5\.$"),
    ("threshold", {"theta": -0.1}, r"^theta must be a float in \[0, 1\]; got -0\.1\.$"),
    ("threshold", {"m": 0}, r"^m must be a number >= 1; got 0\.$"),
    ("threshold", {"m": 0.5}, r"^m must be a number >= 1; got 0\.5\.$"),
    ("threshold", {}, r"^give exactly one of theta .* got theta=None and m=None\.$"),
    ("threshold", {"theta": 0.2, "m": 2}, r"^give exactly one of theta .* m=2\.$"),
    ("independent_cascade", {}, r"^p must be a float in \[0, 1\] or the name of an edge"),
    ("independent_cascade", {"p": 1.2}, r"^p must be a float in \[0, 1\]; got 1\.2\.$"),
    (
        "independent_cascade",
        {"p": 0.2, "transmission": "trust"},
        r"^transmission must be 'contact' for model 'independent_cascade'; got 'trust'\.",
    ),
    ("sis", {"beta": 0.2, "window": 0}, r"^window must be an int >= 1; got 0\.$"),
    ("sis", {"beta": 0.2, "burn_in": -1}, r"^burn_in must be an int >= 0; got -1\.$"),
    ("sis", {"beta": 0.2, "mu": 0.0}, r"^mu must be a float in \(0, 1\]; got 0\.0\."),
]


@pytest.mark.parametrize(("model", "params", "message"), BAD, ids=lambda x: str(x)[:30])
@pytest.mark.parametrize("function", [netsim.simulate, netsim.epidemic_curves])
def test_bad_model_parameters(function, model, params, message):
    with pytest.raises(InvalidParameterError, match=message):
        function(nx.karate_club_graph(), model, sources=0, **params)


def test_cascade_attribute_errors_name_the_edge():
    G = nx.karate_club_graph()
    nx.set_edge_attributes(G, 0.3, "prob")
    del G[0][2]["prob"]
    with pytest.raises(
        InvalidParameterError, match=r"^edge \(0, 2\) has no 'prob' attribute; .*p='prob'"
    ):
        netsim.simulate(G, "independent_cascade", sources=0, p="prob")
    G[0][2]["prob"] = 1.5
    message = r"^p must be the name of an edge attribute with values in \[0, 1\]; got 'prob'\. "
    with pytest.raises(InvalidParameterError, match=message + r"Edge \(0, 2\) has prob=1\.5\.$"):
        netsim.spreading_efficiency(G, "independent_cascade", p="prob")


def test_efficiency_refuses_sis_and_inexact_percolation():
    G = nx.karate_club_graph()
    with pytest.raises(
        InvalidParameterError, match=r"^model must be one of .*got 'sis'\. .*persistence"
    ):
        netsim.spreading_efficiency(G, "sis", beta=0.1)
    for model, params in (("continuous_sir", {"tau": 0.5}), ("threshold", {"theta": 0.3})):
        message = rf"^method must be 'auto' or 'direct' for model '{model}'; got 'percolation'\."
        with pytest.raises(InvalidParameterError, match=message):
            netsim.spreading_efficiency(G, model, method="percolation", **params)


def test_continuous_efficiency_direct_runs_are_those_of_simulate():
    """Node i's direct runs are simulate's runs from i alone (stream keyed by i)."""
    G = nx.karate_club_graph()
    df = netsim.spreading_efficiency(G, "continuous_sir", tau=0.3, n_runs=30, nodes=[5, 0], seed=9)
    assert df.attrs["method"] == "direct"
    for node in (5, 0):
        sizes = netsim.simulate(G, "continuous_sir", sources=node, tau=0.3, n_runs=30, seed=9)
        assert df.loc[node, "M"] == pytest.approx(sizes.mean(), rel=1e-12)
        assert df.loc[node, "M_se"] == pytest.approx(sizes.std(ddof=1) / np.sqrt(30), rel=1e-9)


def test_continuous_trust_with_equal_trust_is_the_contact_model():
    """w_ij = w_ref on every edge gives rate tau on every edge: the same law of sizes.

    The per-edge-rate path draws differently from the contact path, so the
    two are compared in distribution: difference of means within 5 combined SE.
    """
    G = nx.karate_club_graph()
    nx.set_edge_attributes(G, 0.4, "trust")
    options = {"sources": 3, "tau": 0.5, "n_runs": 3000}
    trust = netsim.simulate(G, "continuous_sir", transmission="trust", seed=12, **options)
    contact = netsim.simulate(G, "continuous_sir", seed=13, **options)
    assert trust.attrs["w_ref"] == pytest.approx(0.4)
    se = np.hypot(trust.std(ddof=1), contact.std(ddof=1)) / np.sqrt(options["n_runs"])
    assert abs(trust.mean() - contact.mean()) <= TOLERANCE_SE * se
