"""Configuration-model networks drawn from a named degree distribution.

:func:`configuration_network` takes a degree sequence; an experiment names a
distribution instead. :func:`degree_sequence` draws one (an even sum), and
:func:`configuration_csr` builds the network from it as a CSRGraph.
"""

import numpy as np

from .._seeding import child, seed_sequence
from .._typing import SeedLike
from ._baselines import configuration_network
from ._csr import CSRGraph

__all__ = ["DISTRIBUTIONS", "configuration_csr", "degree_sequence"]

#: The degree distributions :func:`degree_sequence` draws from.
DISTRIBUTIONS = ("poisson", "regular", "powerlaw")


def degree_sequence(
    n: int,
    distribution: str,
    mean_degree: float,
    *,
    exponent: float,
    k_min: int,
    rng: np.random.Generator,
) -> np.ndarray:
    r"""Draw ``n`` degrees from ``distribution``, made even in sum by adding one to the smallest.

    ``"regular"``: every degree ``int(mean_degree)``; ``"poisson"``: Poisson
    with mean ``mean_degree``; ``"powerlaw"``: :math:`p_k \propto k^{-\gamma}`
    with ``exponent`` :math:`\gamma` on ``max(1, k_min) .. n - 1``.

    Examples
    --------
    >>> degrees = degree_sequence(5, "regular", 3, exponent=2.5, k_min=1,
    ...                           rng=np.random.default_rng(0))
    >>> degrees.tolist()
    [4, 3, 3, 3, 3]
    """
    n, mean = int(n), float(mean_degree)
    if distribution == "regular":
        degrees = np.full(n, int(mean), dtype=np.int64)
    elif distribution == "poisson":
        degrees = rng.poisson(mean, size=n).astype(np.int64)
    else:
        low = max(1, int(k_min))
        support = np.arange(low, n, dtype=np.float64)
        weights = support ** -float(exponent)
        cdf = np.cumsum(weights) / weights.sum()
        degrees = (low + np.searchsorted(cdf, rng.random(n), side="right")).astype(np.int64)
        degrees = np.minimum(degrees, n - 1)
    if degrees.sum() % 2:
        degrees[int(np.argmin(degrees))] += 1
    return degrees


def configuration_csr(
    n: int,
    *,
    distribution: str = "poisson",
    mean_degree: float = 4.0,
    exponent: float = 2.5,
    k_min: int = 1,
    lion_fraction: float = 0.0,
    trust: float = 0.5,
    seed: SeedLike = None,
) -> CSRGraph:
    """Return an erased configuration-model network whose degrees are drawn from a distribution.

    The degrees come from :func:`degree_sequence` with the stream
    ``child(root, 0)`` and the network from :func:`configuration_network`
    with ``child(root, 1)``. Trust is the weight.

    Examples
    --------
    >>> csr = configuration_csr(1000, distribution="regular", mean_degree=4, seed=1)
    >>> csr.n_nodes, csr.weight
    (1000, 'trust')
    """
    root = seed_sequence(seed)
    rng = np.random.default_rng(child(root, 0))
    degrees = degree_sequence(n, distribution, mean_degree, exponent=exponent, k_min=k_min, rng=rng)
    graph = configuration_network(
        degrees.tolist(), lion_fraction=lion_fraction, trust=trust, seed=child(root, 1)
    )
    return CSRGraph.from_networkx(graph, weight="trust")
