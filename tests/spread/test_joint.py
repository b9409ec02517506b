"""joint_spread: the joint outbreak against simulate, exact cases and the disjoint case.

Statistical test: sources in two disjoint copies of a graph start independent
outbreaks, so the joint mean equals the sum of the means alone; tolerance 5
combined standard errors at a fixed seed (>= 4 SE, STYLE T3).
"""

import networkx as nx
import numpy as np
import pytest

import netsim
from netsim.exceptions import InvalidParameterError


def test_size_is_the_mean_of_simulate_with_the_first_child_seed():
    G = nx.karate_club_graph()
    result = netsim.joint_spread(G, [5, 0], beta=0.2, n_runs=300, seed=4)
    root = np.random.SeedSequence(4)
    child = np.random.SeedSequence(root.entropy, spawn_key=(0,))
    sizes = netsim.simulate(G, "sir", sources=[0, 5], beta=0.2, n_runs=300, seed=child)
    assert result["size"] == pytest.approx(sizes.mean(), rel=1e-12)
    assert result["size_se"] == pytest.approx(sizes.std(ddof=1) / np.sqrt(300), rel=1e-9)
    assert result.attrs["sources"] == [0, 5]
    assert list(result.index) == ["size", "size_se", "sum_alone", "sum_alone_se", "overlap"]


def test_two_leaves_of_a_star_with_certain_transmission_overlap_by_half():
    G = nx.star_graph(6)
    result = netsim.joint_spread(G, [1, 2], beta=1.0, n_runs=5, seed=0)
    assert result["size"] == 7
    assert result["sum_alone"] == 14
    assert result["overlap"] == 0.5
    assert result["size_se"] == 0


def test_sources_in_disjoint_components_do_not_overlap():
    G = nx.disjoint_union(nx.karate_club_graph(), nx.karate_club_graph())
    result = netsim.joint_spread(G, [0, 34], beta_factor=1.5, n_runs=4000, seed=1)
    se = np.hypot(result["size_se"], result["sum_alone_se"])
    assert abs(result["size"] - result["sum_alone"]) <= 5 * se


def test_bad_input():
    G = nx.karate_club_graph()
    with pytest.raises(InvalidParameterError, match=r"^n_runs must be an int >= 2; got 1\.$"):
        netsim.joint_spread(G, [0, 1], beta=0.1, n_runs=1)
    with pytest.raises(InvalidParameterError, match=r"^sources must be distinct nodes; got 1\.$"):
        netsim.joint_spread(G, [1, 1], beta=0.1)
    with pytest.raises(InvalidParameterError, match=r"^give exactly one of beta"):
        netsim.joint_spread(G, [0, 1])
