"""Properties of SIR outbreaks on any small graph (hypothesis, STYLE T5)."""

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from netsim.spread import epidemic_curves, simulate

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


@st.composite
def outbreaks(draw):
    """A graph on <= 25 nodes with optional trust, distinct sources and model options."""
    n = draw(st.integers(1, 25))
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1])
    edges = draw(st.lists(pairs, max_size=60))
    G = nx.Graph()
    G.add_nodes_from(draw(st.permutations(range(n))))  # node order is not label order
    trust = st.floats(0.0, 1.0, allow_nan=False)
    G.add_edges_from(edges)
    weighted = draw(st.booleans()) and G.number_of_edges() > 0
    for u, v in G.edges():
        G[u][v]["trust"] = draw(trust) if weighted else 1.0
    weighted = weighted and any(w > 0 for _, _, w in G.edges(data="trust"))
    sources = draw(st.lists(st.sampled_from(list(G)), min_size=1, max_size=4, unique=True))
    options = {
        "beta": draw(st.floats(0.0, 1.0, allow_nan=False)),
        "mu": draw(st.sampled_from([1.0, 0.9, 0.5, 0.25])),
        "transmission": "trust" if weighted else "contact",
        "seed": draw(st.integers(0, 2**32)),
    }
    return G, sources, options


@SETTINGS
@given(outbreaks())
def test_curves_conserve_nodes_and_recovered_never_decrease(case):
    G, sources, options = case
    curves = epidemic_curves(G, "sir", sources=sources, n_runs=5, **options)
    n = G.number_of_nodes()
    assert (curves.sum(axis=1) == n).all()
    for _, run in curves.groupby(level="run"):
        assert run.iloc[0].tolist() == [n - len(sources), len(sources), 0]
        assert (np.diff(run["R"]) >= 0).all()
        assert (np.diff(run["S"]) <= 0).all()
        assert run["I"].iloc[-1] == 0
        assert (run["I"].iloc[:-1] > 0).all()
        assert run.index.get_level_values("t").tolist() == list(range(len(run)))
    sizes = simulate(G, "sir", sources=sources, n_runs=5, **options)
    assert curves.groupby(level="run")["R"].last().tolist() == sizes.tolist()
    assert sizes.between(len(sources), n).all()


@SETTINGS
@given(outbreaks())
def test_nothing_spreads_at_beta_zero(case):
    G, sources, options = case
    options["beta"] = 0.0
    sizes = simulate(G, "sir", sources=sources, n_runs=5, **options)
    assert (sizes == len(sources)).all()


@SETTINGS
@given(outbreaks())
def test_beta_one_reaches_the_sources_whole_components(case):
    G, sources, options = case
    options.update(beta=1.0, transmission="contact")
    reached = set().union(*(nx.node_connected_component(G, s) for s in sources))
    sizes = simulate(G, "sir", sources=sources, n_runs=3, **options)
    assert (sizes == len(reached)).all()


@SETTINGS
@given(outbreaks())
def test_same_seed_same_runs_and_prefix(case):
    G, sources, options = case
    long = simulate(G, "sir", sources=sources, n_runs=6, **options)
    again = simulate(G, "sir", sources=sources, n_runs=6, **options)
    short = simulate(G, "sir", sources=sources[::-1], n_runs=2, **options)
    assert long.tolist() == again.tolist()
    assert long.iloc[:2].tolist() == short.tolist()
