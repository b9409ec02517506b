"""Whole-network and per-node structure an experiment records: clustering and trust strength."""

import math

import numpy as np

from .._kernels.clustering import triangle_counts
from ..graphs._csr import CSRGraph

__all__ = ["CLUSTERING_MAX_WORK", "average_clustering", "strength"]

#: Sum of squared degrees above which average clustering is not computed (NaN): its cost.
CLUSTERING_MAX_WORK = 2e10


def strength(csr: CSRGraph) -> np.ndarray:
    """Return each node's summed trust (its weights), NaN everywhere on an unweighted graph.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1, {"trust": 0.5}), (1, 2, {"trust": 0.25})])
    >>> strength(CSRGraph.from_networkx(G, weight="trust")).tolist()
    [0.5, 0.75, 0.25]
    """
    if csr.weights is None:
        return np.full(csr.n_nodes, np.nan)
    return np.bincount(csr.rows, weights=csr.weights, minlength=csr.n_nodes)


def average_clustering(csr: CSRGraph) -> float:
    """Return the average clustering coefficient (nodes of degree < 2 count 0, as networkx).

    NaN when the sum of squared degrees exceeds :data:`CLUSTERING_MAX_WORK`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.karate_club_graph()
    >>> round(average_clustering(CSRGraph.from_networkx(G)), 6) == round(
    ...     nx.average_clustering(G), 6)
    True
    """
    degrees = csr.degrees.astype(np.float64)
    if csr.n_nodes == 0 or float(np.sum(degrees**2)) > CLUSTERING_MAX_WORK:
        return math.nan
    triangles = triangle_counts(csr.indptr, csr.indices).astype(np.float64)
    pairs = degrees * (degrees - 1.0)
    local = np.divide(2.0 * triangles, pairs, out=np.zeros_like(pairs), where=pairs > 0)
    return float(local.mean())
