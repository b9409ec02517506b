"""seeding="neighbourhood": complex contagion started from nodes and all their neighbours.

Oracles: the slow twin tests/reference/threshold.py run from the sources and
their neighbours (exact equality, on the graph zoo and on random weighted
graphs), the ring lattice where the answer is known in closed form, the
default "single" unchanged, and the E3 errors for the models that do not
take it.
"""

import networkx as nx
import pytest
from graph_zoo import ZOO
from hypothesis import given, settings
from hypothesis import strategies as st
from reference.threshold import threshold_cascade

import netsim
from netsim.exceptions import InvalidParameterError
from netsim.experiments import ConfigError, ExperimentConfig

NONEMPTY = [name for name in ZOO if name != "empty"]


def hood(G, sources):
    """The sources and every neighbour of one, as a set."""
    return set(sources).union(*(set(G[s]) for s in sources))


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize(("theta", "m"), [(0.0, None), (0.3, None), (0.5, None), (None, 2)])
def test_curves_equal_the_reference_from_the_neighbourhood(name, theta, m):
    G = ZOO[name]()
    sources = list(G)[:1]
    curves = netsim.epidemic_curves(
        G, "threshold", sources=sources, theta=theta, m=m, n_runs=1, seeding="neighbourhood"
    )
    expected_i, expected_r = threshold_cascade(G, hood(G, sources), theta=theta, m=m)
    assert curves.loc[0]["I"].tolist() == expected_i
    assert curves.loc[0]["R"].tolist() == expected_r
    sizes = netsim.simulate(
        G, "threshold", sources=sources, theta=theta, m=m, n_runs=2, seeding="neighbourhood"
    )
    assert sizes.tolist() == [expected_i[-1] + expected_r[-1]] * 2
    assert sizes.attrs["n_seeded"] == len(hood(G, sources))
    assert sizes.attrs["sources"] == sources
    assert sizes.attrs["seeding"] == "neighbourhood"


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize(("theta", "m"), [(0.3, None), (0.6, None), (None, 2)])
def test_efficiency_is_the_cascade_from_each_node_and_its_neighbours(name, theta, m):
    G = ZOO[name]()
    df = netsim.spreading_efficiency(
        G, "threshold", theta=theta, m=m, n_runs=3, seeding="neighbourhood"
    )
    expected = {}
    for v in G:
        curve_i, curve_r = threshold_cascade(G, hood(G, [v]), theta=theta, m=m)
        expected[v] = float(curve_i[-1] + curve_r[-1])
    assert df["M"].to_dict() == expected
    assert (df["M_se"] == 0).all()
    assert df.attrs["seeding"] == "neighbourhood"
    some = list(G)[::-2]
    subset = netsim.spreading_efficiency(
        G, "threshold", theta=theta, m=m, n_runs=3, seeding="neighbourhood", nodes=some
    )
    assert subset["M"].tolist() == [expected[v] for v in some]


@settings(max_examples=30, deadline=None)
@given(
    edges=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), min_size=1, max_size=30),
    eighths=st.lists(st.integers(1, 8), min_size=30, max_size=30),
    theta=st.sampled_from([None, 0.25, 0.5, 2 / 3]),
    m=st.sampled_from([1.5, 2.0, 3.0]),
)
def test_trust_weighted_neighbourhood_efficiency_equals_the_reference(edges, eighths, theta, m):
    """Dyadic trust (multiples of 1/8) and w_ref = 1 keep every sum exact."""
    G = nx.Graph()
    G.add_edges_from((u, v) for u, v in edges if u != v)
    if G.number_of_edges() == 0:
        return
    for k, (_, _, data) in enumerate(G.edges(data=True)):
        data["trust"] = eighths[k] / 8
    count = None if theta is not None else m
    df = netsim.spreading_efficiency(
        G, "threshold", theta=theta, m=count, transmission="trust", w_ref=1.0, n_runs=1,
        seeding="neighbourhood",
    )  # fmt: skip
    for v in G:
        curve_i, curve_r = threshold_cascade(G, hood(G, [v]), theta=theta, m=count, weight="trust")
        assert df.loc[v, "M"] == curve_i[-1] + curve_r[-1]


def test_a_ring_lattice_needs_the_neighbourhood_at_one_half():
    """Each node has 4 neighbours (2 a side). From one adopter, no neighbour reaches 2 of 4;
    from a node and its 4 neighbours (5 in a row), the next node has 2 of 4: all adopt."""
    G = nx.watts_strogatz_graph(40, 4, 0.0)
    single = netsim.spreading_efficiency(G, "threshold", theta=0.5, n_runs=1)
    both = netsim.spreading_efficiency(G, "threshold", theta=0.5, n_runs=1, seeding="neighbourhood")
    assert (single["M"] == 1).all()
    assert (both["M"] == 40).all()
    explicit = netsim.spreading_efficiency(G, "threshold", theta=0.5, n_runs=1, seeding="single")
    assert explicit.equals(single)


@pytest.mark.parametrize(
    ("model", "params"),
    [
        ("sir", {"beta": 0.2}),
        ("independent_cascade", {"p": 0.2}),
        ("continuous_sir", {"tau": 0.5}),
        ("sis", {"beta": 0.2}),
    ],
)
def test_other_models_refuse_the_neighbourhood(model, params):
    G = nx.karate_club_graph()
    match = (
        rf"^seeding must be 'single' for model '{model}'; got 'neighbourhood'\. "
        r"Model .* takes .*\. Model 'threshold' takes seeding\.$"
    )
    with pytest.raises(InvalidParameterError, match=match):
        netsim.simulate(G, model, sources=0, seeding="neighbourhood", **params, seed=1)
    if model != "sis":
        with pytest.raises(InvalidParameterError, match=match):
            netsim.spreading_efficiency(G, model, seeding="neighbourhood", **params, seed=1)


@pytest.mark.parametrize(
    ("value", "match"),
    [
        ("neighborhood", r"^seeding must be one of \{'neighbourhood', 'single'\}; got "
         r"'neighborhood'\. Did you mean 'neighbourhood'\?$"),
        (5, r"^seeding must be one of \{'neighbourhood', 'single'\}; got 5\.$"),
    ],
)  # fmt: skip
def test_bad_seeding_values(value, match):
    with pytest.raises(InvalidParameterError, match=match):
        netsim.simulate(nx.path_graph(3), "threshold", sources=0, theta=0.5, seeding=value)


def config(spread):
    return {"name": "demo", "seed": 1, "network": {"kind": "dataset", "name": "jazz"},
            "spread": spread}  # fmt: skip


def test_configs_take_seeding_for_the_threshold_model_only():
    spread = {"model": "threshold", "theta": 0.3, "seeding": "neighbourhood", "n_runs": 1}
    parsed = ExperimentConfig.from_dict(config(spread))
    assert parsed.spreads[0].conditions()[0]["seeding"] == "neighbourhood"
    with pytest.raises(
        ConfigError,
        match=r"^config: \[spread\]: seeding must be 'single' for model 'sir'; got "
        r"'neighbourhood'\. .*Model 'threshold' takes seeding\.$",
    ):
        ExperimentConfig.from_dict(config({"beta": 0.1, "seeding": "neighbourhood"}))
    with pytest.raises(ConfigError, match=r"\[spread\]: seeding must be one of"):
        ExperimentConfig.from_dict(config({**spread, "seeding": "all"}))
    with pytest.raises(ConfigError, match=r"\(model 'sis'\): unknown key 'seeding'"):
        ExperimentConfig.from_dict(config({"model": "sis", "beta": 0.1, "seeding": "single"}))
