"""Triangle counts and average clustering against networkx."""

import networkx as nx
import numpy as np
import pytest
from graph_zoo import ZOO

import netsim
from netsim._kernels.clustering import triangle_counts
from netsim.measures._structure import average_clustering as _clustering


def graphs():
    for name, factory in ZOO.items():
        yield name, factory()
    yield "gnp", nx.gnp_random_graph(300, 0.05, seed=1)
    yield "powerlaw_cluster", nx.powerlaw_cluster_graph(500, 4, 0.6, seed=2)
    yield "complete", nx.complete_graph(12)
    yield "game", netsim.networking_game(300, 0.3, rounds=10, seed=3)


@pytest.mark.parametrize(
    ("name", "G"), list(graphs()), ids=lambda x: x if isinstance(x, str) else ""
)
def test_triangles_and_clustering_match_networkx(name, G):
    G = nx.Graph(G)
    G.remove_edges_from(nx.selfloop_edges(G))
    csr = netsim.CSRGraph.from_networkx(G)
    triangles = triangle_counts(csr.indptr, csr.indices)
    expected = nx.triangles(G)
    assert triangles.tolist() == [expected[v] for v in csr.nodes]
    if G.number_of_nodes():
        np.testing.assert_allclose(_clustering(csr), nx.average_clustering(G), rtol=1e-12)
