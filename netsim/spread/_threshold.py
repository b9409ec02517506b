"""The epidemic threshold of a graph and ``beta`` given as a multiple of it."""

import math
from typing import Any

import numpy as np

from .._validation import check_probability, check_real, invalid
from ..exceptions import InvalidParameterError
from ..graphs._csr import CSRGraph, as_csr

__all__ = ["epidemic_threshold", "resolve_beta"]


def _threshold(csr: CSRGraph) -> float:
    if csr.n_edges == 0:
        raise invalid("G", "a graph with at least one edge", csr)
    degrees = csr.degrees.astype(np.float64)
    mean_k = degrees.mean()
    excess = (degrees**2).mean() - mean_k
    return math.inf if excess <= 0 else float(mean_k / excess)


def epidemic_threshold(G: Any) -> float:
    """Return the transmissibility threshold of ``G`` in the configuration-model approximation.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph with at least one edge.

    Returns
    -------
    float
        ``beta_c = <k> / (<k^2> - <k>)``, with ``<k>`` and ``<k^2>`` the first
        two moments of the degree distribution; ``inf`` when no node has two
        neighbours (nothing can spread past one step).

    Raises
    ------
    InvalidParameterError
        If ``G`` has no edges.

    Notes
    -----
    For a configuration-model graph, an outbreak with transmissibility ``T``
    (the probability that an infection crosses an edge) can reach a finite
    fraction of the graph only if ``T > <k> / (<k^2> - <k>)`` (Newman 2002
    [1]_). For discrete-time SIR with ``mu = 1`` the transmissibility is
    ``beta``; netsim states ``beta`` as ``beta_factor * beta_c`` as Kitsak et
    al. [2]_ did. On real graphs with clustering and communities the value
    is an approximation.

    References
    ----------
    .. [1] M. E. J. Newman, "Spread of epidemic disease on networks",
       Phys. Rev. E 66, 016128 (2002). doi:10.1103/PhysRevE.66.016128
    .. [2] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> round(netsim.epidemic_threshold(nx.karate_club_graph()), 4)
    0.1477
    """
    return _threshold(as_csr(G, caller="epidemic_threshold"))


def resolve_beta(csr: CSRGraph, beta: Any, beta_factor: Any) -> float:
    """Return ``beta``, or ``beta_factor * epidemic_threshold(csr)``; exactly one must be given."""
    if (beta is None) == (beta_factor is None):
        message = (
            "give exactly one of beta (a probability) and beta_factor (a multiple of the "
            f"epidemic threshold); got beta={beta!r} and beta_factor={beta_factor!r}."
        )
        raise InvalidParameterError(message)
    if beta is not None:
        return check_probability("beta", beta)
    factor = check_real("beta_factor", beta_factor, low=0.0)
    value = factor * _threshold(csr)
    if not 0.0 <= value <= 1.0:
        hint = f"beta_factor * epidemic_threshold(G) = {value:.4g} is not a probability."
        limit = f"at most {1 / _threshold(csr):.4g} on this graph"
        raise invalid("beta_factor", limit, factor, hint)
    return value
