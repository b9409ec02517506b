"""spreading_efficiency(batches=...): batch means that add up exactly to one call's M.

Oracles: the call without batches (M and M_se must be identical, bit for bit);
the prefix property (batch j's runs are runs [b_j, b_{j+1}) of the unbatched
call, so the first j batches together are exactly an n_runs = b_j call); and
integer arithmetic (each batch mean times its run count is an integer sum of
outbreak sizes). Every model and both methods are covered, on small graphs
with few runs.
"""

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netsim.exceptions import InvalidParameterError
from netsim.spread import spreading_efficiency
from netsim.spread._efficiency import batch_bounds

CASES = {
    "percolation": {"beta": 0.4, "method": "percolation"},
    "direct_sir": {"beta": 0.4, "mu": 0.6, "method": "direct"},
    "cascade": {"model": "independent_cascade", "p": 0.3, "method": "direct"},
    "continuous": {"model": "continuous_sir", "tau": 0.5},
    "threshold": {"model": "threshold", "theta": 0.3},
}


@pytest.fixture(scope="module")
def graph():
    return nx.relabel_nodes(
        nx.les_miserables_graph(), {n: n.lower() for n in nx.les_miserables_graph()}
    )


def _call(G, case, **kwargs):
    params = dict(CASES[case])
    model = params.pop("model", "sir")
    return spreading_efficiency(G, model, **params, **kwargs)


@pytest.mark.parametrize("case", list(CASES))
def test_batches_leave_m_and_its_error_unchanged(graph, case):
    plain = _call(graph, case, n_runs=23, seed=11)
    batched = _call(graph, case, n_runs=23, batches=4, seed=11)
    pd.testing.assert_frame_equal(batched[["M", "M_se", "n_runs"]], plain)
    assert batched.columns.tolist()[3:] == ["M_batch_0", "M_batch_1", "M_batch_2", "M_batch_3"]
    assert batched.attrs["batches"] == 4
    assert plain.attrs["batches"] == 1
    sizes = np.diff(batch_bounds(23, 4))
    sums = batched[[f"M_batch_{j}" for j in range(4)]].to_numpy() * sizes
    np.testing.assert_allclose(sums, np.round(sums), atol=1e-9)  # integer sums of sizes
    np.testing.assert_array_equal(np.round(sums).sum(axis=1) / 23, plain["M"].to_numpy())


@pytest.mark.parametrize("case", ["percolation", "direct_sir", "continuous"])
def test_batches_are_the_consecutive_runs(graph, case):
    bounds = batch_bounds(23, 4)
    batched = _call(graph, case, n_runs=23, batches=4, seed=11)
    total = np.zeros(len(batched))
    for j, stop in enumerate(bounds[1:].tolist()):
        total += batched[f"M_batch_{j}"].to_numpy() * (stop - bounds[j])
        prefix = _call(graph, case, n_runs=stop, seed=11)  # runs 0 .. stop - 1
        np.testing.assert_allclose(total / stop, prefix["M"].to_numpy(), rtol=0, atol=1e-12)


def test_subset_of_nodes_gets_the_same_batches(graph):
    nodes = ["valjean", "myriel", "javert"]
    every = _call(graph, "direct_sir", n_runs=12, batches=3, seed=2)
    some = _call(graph, "direct_sir", n_runs=12, batches=3, nodes=nodes, seed=2)
    pd.testing.assert_frame_equal(some, every.loc[nodes])


def test_batch_sizes_are_as_equal_as_possible():
    for n_runs in (1, 7, 10, 23, 1000):
        for batches in range(1, min(n_runs, 12) + 1):
            sizes = np.diff(batch_bounds(n_runs, batches))
            assert sizes.sum() == n_runs
            assert sizes.min() >= 1
            assert sizes.max() - sizes.min() <= 1


@pytest.mark.parametrize(
    ("batches", "error", "match"),
    [
        (0, InvalidParameterError, r"^batches must be an int >= 1; got 0\.$"),
        (
            6,
            InvalidParameterError,
            r"^batches must be an int in \[1, n_runs\] = \[1, 5\]; got 6\.$",
        ),
        (2.0, TypeError, r"^batches must be an int; got float\.$"),
        (True, TypeError, r"^batches must be an int; got bool\.$"),
    ],
)
def test_bad_batches_are_refused(batches, error, match):
    with pytest.raises(error, match=match):
        spreading_efficiency(nx.path_graph(3), beta=0.5, n_runs=5, batches=batches, seed=1)
