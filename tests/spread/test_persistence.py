"""netsim.persistence: SIS persistence through the public API.

Oracles: the lockstep replay of tests/reference/sis.py (exact equality, so
the wrapper passes the right stream, parameters and node order), the exact
lumped chain of the complete graph (statistical, 4 standard errors), and the
refusals where SIS dies out with certainty.
"""

import networkx as nx
import numpy as np
import pytest
from reference.sis import complete_graph_prevalence, persistence_sums

import netsim
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError, NetsimWarning


@pytest.mark.parametrize("mu", [1.0, 0.4])
def test_persistence_equals_the_lockstep_reference(mu):
    """Sums of window counts from the public function equal the replay, draw for draw."""
    G = nx.relabel_nodes(nx.les_miserables_graph(), {"Valjean": "zz"})  # string labels
    G = nx.Graph(G.edges())  # no weights
    n_runs, burn_in, window = 5, 4, 6
    df = netsim.persistence(
        G, beta=0.3, mu=mu, burn_in=burn_in, window=window, n_runs=n_runs, seed=8
    )
    key0, key1 = kernel_key(seed_sequence(8))
    sums, _ = persistence_sums(
        G, n_runs=n_runs, burn_in=burn_in, window=window, key0=int(key0), key1=int(key1),
        beta=0.3, mu=mu, purpose=int(Purpose.PERSISTENCE),
    )  # fmt: skip
    assert list(df.index) == list(G)
    counts = df["persistence"].to_numpy() * (n_runs * window)
    assert np.allclose(counts, np.rint(counts), rtol=0, atol=1e-9)
    assert np.rint(counts).astype(np.int64).tolist() == sums
    assert df["persistence"].max() > 0


def test_default_regime_is_one_and_a_half_times_the_threshold():
    G = nx.karate_club_graph()
    df = netsim.persistence(G, n_runs=30, seed=2)
    same = netsim.persistence(G, beta_factor=1.5, n_runs=30, seed=2)
    assert df.attrs["beta"] == pytest.approx(1.5 * netsim.epidemic_threshold(G))
    assert df.attrs["mu"] == 1.0
    assert df.equals(same)
    assert 0 <= df.attrs["n_extinct"] < 30
    assert df["persistence"].mean() > 0.1


def test_complete_graph_persistence_matches_the_exact_lumped_chain():
    """Mean persistence over the nodes of K_200 within 4 SE of the exact chain's prevalence.

    Every node starts infectious, so the node average is the expected
    prevalence over the window, which the lumped chain gives exactly. Its SE
    is not returned, but the standard deviation of a sum is at most the sum
    of the standard deviations, so the mean of the nodes' SEs bounds it:
    4 times that is a tolerance of at least 4 SE.
    """
    n, beta, mu = 200, 1.5 / 200, 0.5
    burn_in, window = 10, 30
    G = nx.complete_graph(n)
    df = netsim.persistence(G, beta=beta, mu=mu, burn_in=burn_in, window=window, n_runs=200, seed=3)
    exact = complete_graph_prevalence(n, beta=beta, mu=mu, n_sources=n, n_steps=burn_in + window)
    expected = exact[burn_in + 1 :].mean()
    bound = df["persistence_se"].mean()
    assert 0 < bound < 0.01
    assert abs(df["persistence"].mean() - expected) <= 4 * bound
    assert 0.5 < expected < 0.95


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"beta": 0.0}, r"^beta must be > 0 for persistence; got 0\.0\. With beta = 0 nobody"),
        ({"beta_factor": 0}, r"^beta_factor must be > 0 for persistence; got 0\. With beta = 0"),
        ({"beta": 1.5}, r"^beta must be a float in \[0, 1\]; got 1\.5\."),
        ({"beta": 0.1, "beta_factor": 1.0}, r"^give exactly one of beta"),
        ({"beta": 0.1, "mu": 0.0}, r"^mu must be"),
        ({"beta": 0.1, "n_runs": 0}, r"^n_runs must be an int >= 1; got 0\."),
    ],
)
def test_bad_parameters(kwargs, match):
    with pytest.raises(InvalidParameterError, match=match):
        netsim.persistence(nx.karate_club_graph(), **kwargs, seed=1)


def test_a_graph_without_edges_is_refused():
    with pytest.raises(InvalidParameterError, match=r"^G must be a graph with at least one edge"):
        netsim.persistence(nx.empty_graph(4), beta=0.5, seed=1)


def test_warns_when_every_run_dies_out():
    """Far below the threshold on a path every run dies out: warned, and counted in attrs."""
    G = nx.path_graph(6)
    with pytest.warns(NetsimWarning, match=r"^every one of the 20 SIS runs died out by step 40"):
        df = netsim.persistence(G, beta=0.05, burn_in=20, window=20, n_runs=20, seed=1)
    assert df.attrs["n_extinct"] == 20
    assert (df["persistence"] == 0).all()
