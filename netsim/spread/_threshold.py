"""The epidemic threshold of a graph: the configuration-model formula, with trust, or measured.

Three answers to "from which ``beta`` on can an outbreak reach a finite
share of the graph?" (MODEL.md section 3): the configuration-model formula
``<k> / (<k^2> - <k>)`` (Newman 2002), its branching-process version with
one transmissibility per edge (trust), and the measured threshold: the
``beta`` at which the mean size of the finite bond-percolation clusters
peaks (Stauffer and Aharony 1994), from coupled samples on a grid of
``beta`` (Newman and Ziff 2000).

References: Newman 2002, doi:10.1103/PhysRevE.66.016128; Newman and Ziff
2000, doi:10.1103/PhysRevLett.85.4104; Kitsak et al. 2010,
doi:10.1038/nphys1746.
"""

import math
from typing import Any, NamedTuple

import numpy as np

from .._kernels import percolation_moments as _kernel
from .._kernels import sources as _sources
from .._seeding import Purpose, kernel_key, seed_sequence
from .._typing import SeedLike
from .._validation import check_choice, check_int, invalid
from ..graphs._csr import CSRGraph, as_csr
from ._transmission import reference_trust

__all__ = [
    "THRESHOLDS",
    "configuration_threshold",
    "epidemic_threshold",
    "percolation_moments",
    "susceptibility_threshold",
    "weighted_threshold",
]

#: The methods of :func:`epidemic_threshold`: the ``threshold`` that ``beta_factor`` multiplies.
THRESHOLDS = ("configuration", "weighted", "susceptibility")

#: The measured threshold's grid: log-spaced from _LOWEST to 1, then a linear refinement
#: around the coarse peak (relative resolution about 2.3 % / 256, i.e. 1e-4).
_LOWEST = 1e-6
_N_COARSE = 601
_N_FINE = 513
#: Samples of the moments kernel are cut into chunks of at most this many bytes of workspace.
_CHUNK_MEMORY = 64 * 2**20
_MAX_CHUNKS = 32


def _check_edges(csr: CSRGraph) -> None:
    if csr.n_edges == 0:
        raise invalid("G", "a graph with at least one edge", csr)


def configuration_threshold(csr: CSRGraph) -> float:
    """Return ``<k> / (<k^2> - <k>)`` of ``csr``, ``inf`` when no node has two neighbours."""
    _check_edges(csr)
    degrees = csr.degrees.astype(np.float64)
    mean_k = degrees.mean()
    excess = (degrees**2).mean() - mean_k
    return math.inf if excess <= 0 else float(mean_k / excess)


def _transmissibilities(exponents: np.ndarray, beta: float) -> np.ndarray:
    """Return ``1 - (1 - beta) ** a`` for every exponent ``a`` (0 where ``a == 0``)."""
    if beta >= 1.0:
        return (exponents > 0).astype(np.float64)
    return -np.expm1(exponents * math.log1p(-beta))


def weighted_threshold(csr: CSRGraph, exponents: np.ndarray) -> float:
    r"""Return the ``beta`` at which the branching factor with per-edge trust reaches 1.

    ``exponents`` holds ``w / w_ref`` of every stored direction. The
    expected number of onward infections from a node reached along a random
    edge of a configuration-model graph with these ties is
    :math:`R(\beta) = \sum_j (k_j - 1) S_j(\beta) / (2m)`,
    :math:`S_j = \sum_l T_{jl}(\beta)`; it grows with ``beta``, and the root
    of :math:`R = 1` is found by bisection until the bracket stops
    shrinking (a few ulps). ``inf`` when :math:`R(1) \le 1`.
    """
    _check_edges(csr)
    excess = (csr.degrees - 1).astype(np.float64)[csr.rows]
    twice_m = float(csr.indices.size)

    def branching(beta: float) -> float:
        return float(np.dot(excess, _transmissibilities(exponents, beta))) / twice_m

    if branching(1.0) <= 1.0:
        return math.inf
    lo, hi = 0.0, 1.0
    while True:
        mid = 0.5 * (lo + hi)
        if not lo < mid < hi:
            return hi
        if branching(mid) >= 1.0:
            hi = mid
        else:
            lo = mid


def percolation_moments(
    csr: Any, exponents: np.ndarray, grid: np.ndarray, n_runs: int, key: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Return ``sum s**2`` and ``S_max`` per sample and grid point (``percolation_moments``).

    ``csr`` is a CSRGraph or anything with its ``indptr`` and ``indices``.
    The samples are keyed ``(REGIME, r, 0)`` under ``key``: calls with the
    same key on different grids see the same samples.
    """
    words = csr.indices.size + csr.indptr.size + 2 * grid.size
    n_chunks = max(1, min(n_runs, _MAX_CHUNKS, _CHUNK_MEMORY // (8 * words + 1)))
    grid = np.ascontiguousarray(grid, dtype=np.float64)
    return _kernel.cluster_moments_beta_grid(
        csr.indptr, csr.indices, exponents, grid, n_runs, n_chunks, *key, int(Purpose.REGIME)
    )


class _Arrays(NamedTuple):
    indptr: np.ndarray
    indices: np.ndarray


def _largest_component(csr: CSRGraph, exponents: np.ndarray) -> tuple[_Arrays, np.ndarray]:
    """Return the CSR arrays and exponents of the largest component of ties that transmit."""
    p = np.empty(0) if exponents.size == 0 else (exponents > 0).astype(np.float64)
    labels, sizes = _sources.cluster_labels_bond_percolation(
        csr.indptr, csr.indices, p, 1.0, 1, np.uint64(0), np.uint64(0), int(Purpose.REGIME)
    )  # p is 0 or 1: nothing is random
    keep = labels[0] == int(np.argmax(sizes[0]))
    rows = csr.rows
    entries = keep[rows]
    if exponents.size:
        entries &= exponents > 0
    new = np.cumsum(keep) - 1
    indices = np.ascontiguousarray(new[csr.indices[entries]], dtype=csr.indices.dtype)
    counts = np.bincount(new[rows[entries]], minlength=int(keep.sum()))
    indptr = np.zeros(counts.size + 1, dtype=csr.indptr.dtype)
    np.cumsum(counts, out=indptr[1:])
    kept = exponents[entries] if exponents.size else exponents
    return _Arrays(indptr, indices), np.ascontiguousarray(kept, dtype=np.float64)


def _susceptibility(graph: Any, exponents: np.ndarray, grid: np.ndarray, n_runs: int, key: Any):
    """Return the mean over samples of the finite clusters' mean size at each grid point."""
    sum_sq, s_max = percolation_moments(graph, exponents, grid, n_runs, key)
    n = float(graph.indptr.size - 1)
    outside = n - s_max
    finite = (sum_sq - s_max.astype(np.float64) ** 2) / np.where(outside > 0, outside, 1.0)
    return np.where(outside > 0, finite, 0.0).mean(axis=0)


def susceptibility_threshold(
    csr: CSRGraph, exponents: np.ndarray, n_runs: int, root: np.random.SeedSequence
) -> float:
    """Return the ``beta`` at which the mean size of the finite clusters peaks.

    Measured on the largest component of ties that can transmit (the other
    components' clusters would grow up to ``beta = 1`` and hide the peak). A
    coarse log-spaced grid locates the peak; a linear grid over the coarse
    cell on either side of it places it to a relative resolution of about
    1e-4. ``inf`` when the peak is at ``beta = 1`` (nothing like a
    transition below it).
    """
    _check_edges(csr)
    key = kernel_key(root)
    graph, exponents = _largest_component(csr, exponents)
    coarse = np.geomspace(_LOWEST, 1.0, _N_COARSE)
    peak = int(np.argmax(_susceptibility(graph, exponents, coarse, n_runs, key)))
    if peak == coarse.size - 1:
        return math.inf
    lo = coarse[peak - 1] if peak > 0 else 0.0
    fine = np.linspace(lo, coarse[peak + 1], _N_FINE)
    return float(fine[int(np.argmax(_susceptibility(graph, exponents, fine, n_runs, key)))])


def epidemic_threshold(
    G: Any,
    method: str = "configuration",
    *,
    weight: str | None = None,
    w_ref: float | None = None,
    n_runs: int = 100,
    seed: SeedLike = None,
) -> float:
    r"""Return the transmissibility threshold of ``G``: by formula, with trust, or measured.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph with at least one edge. With ``weight``, a
        networkx graph needs that edge attribute and a CSRGraph needs
        weights.
    method : {"configuration", "weighted", "susceptibility"}, default="configuration"
        "configuration": the configuration-model formula
        ``<k> / (<k^2> - <k>)``. "weighted": the same branching argument
        with each edge's transmissibility ``1 - (1 - beta) ** (w / w_ref)``
        (needs ``weight``). "susceptibility": measured, the ``beta`` at
        which the mean size of the finite bond-percolation clusters peaks,
        over ``n_runs`` samples (with ``weight``: trust-weighted edges).
    weight : str, optional
        Edge attribute holding the trust of a networkx graph: required for
        "weighted", optional for "susceptibility", refused for
        "configuration".
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``weight``.
    n_runs : int, default=100
        Percolation samples of "susceptibility", >= 1 (not used otherwise).
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    float
        The threshold ``beta_c``, a probability; ``inf`` when no ``beta``
        makes a transition: no node has two neighbours ("configuration"),
        the branching factor at ``beta = 1`` is at most 1 ("weighted"), or
        the susceptibility peaks at ``beta = 1`` ("susceptibility").

    Raises
    ------
    InvalidParameterError
        If ``G`` has no edges; if ``method`` is unknown; if ``weight`` is
        missing for "weighted" or given to "configuration"; if ``w_ref`` is
        given without ``weight`` or is not > 0; if ``n_runs < 1``.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    beta_for_outbreak : the ``beta`` at which the mean outbreak is a given share of the nodes.

    Notes
    -----
    **Configuration.** For a configuration-model graph, an outbreak with
    transmissibility ``T`` (the probability that an infection crosses an
    edge) reaches a finite fraction of the graph only if
    :math:`T > \langle k\rangle / (\langle k^2\rangle - \langle k\rangle)`
    (Newman [1]_). For discrete-time SIR with ``mu = 1`` the
    transmissibility is ``beta``; netsim states ``beta`` as
    ``beta_factor * beta_c`` as Kitsak et al. [2]_ did.

    **Weighted.** A node reached along a random edge is node :math:`j` with
    probability :math:`k_j / 2m` and passes the infection on along each of
    its other :math:`k_j - 1` edges; averaging its transmissibilities
    gives the branching factor
    :math:`R(\beta) = \sum_j (k_j - 1) S_j(\beta) / (2m)` with
    :math:`S_j = \sum_l T_{jl}(\beta)`, :math:`T_{jl} = 1 - (1 -
    \beta)^{w_{jl}/w_\text{ref}}`. The threshold solves :math:`R = 1`
    (bisection to a few ulps); with equal weights it is the configuration
    formula. It uses the degree sequence and the weights, not who is tied
    to whom.

    **Susceptibility.** On real graphs with clustering and communities both
    formulas underestimate the threshold, so "1.5 x beta_c" is a different
    regime on each graph. The measured threshold is the ``beta`` at which
    :math:`\chi = (\sum_c s_c^2 - S_\max^2) / (n - S_\max)` peaks: the mean
    size of the cluster of a random node outside the largest cluster, averaged
    over ``n_runs`` bond-percolation samples (0 when one cluster holds every
    node), on the largest connected component of ``G`` (of the ties of trust >
    0 with ``weight``): on the others, clusters grow up to ``beta = 1``
    whatever the threshold, and would hide the peak. Each sample draws one
    uniform per edge; an edge appears at the ``beta`` at which it transmits,
    and one union-find pass per grid (Newman and Ziff [3]_) gives :math:`\chi`
    at every grid point. The grid is 601 points log-spaced from 1e-6 to 1,
    then 513 points spaced linearly across the two coarse cells around the
    coarse peak, on the same samples: a relative resolution of about 1e-4,
    well below the spread of the peak over samples. Cost: two passes of
    :math:`O(R\,m \log K)`. On a finite graph the peak lies somewhat above the
    infinite-size threshold (finite-size shift, of order :math:`n^{-1/3}` on
    random graphs).

    **Draw order.** Sample :math:`r` draws from the stream keyed ``(REGIME,
    r, 0)`` under ``seed``: one uniform per undirected edge, in CSR order
    (``netsim._kernels.percolation_moments``).

    References
    ----------
    .. [1] M. E. J. Newman, "Spread of epidemic disease on networks",
       Phys. Rev. E 66, 016128 (2002). doi:10.1103/PhysRevE.66.016128
    .. [2] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [3] M. E. J. Newman and R. M. Ziff, "Efficient Monte Carlo algorithm
       and high-precision results for percolation", Phys. Rev. Lett. 85,
       4104 (2000). doi:10.1103/PhysRevLett.85.4104

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> round(netsim.epidemic_threshold(G), 4)
    0.1477
    >>> round(netsim.epidemic_threshold(G, "weighted", weight="weight"), 4)
    0.1491
    >>> round(netsim.epidemic_threshold(G, "susceptibility", n_runs=200, seed=1), 3)
    0.274
    """
    method = check_choice("method", method, THRESHOLDS)
    n_runs = check_int("n_runs", n_runs, minimum=1)
    if method == "configuration" and weight is not None:
        hint = 'The configuration formula uses degrees only; use method="weighted" for trust.'
        raise invalid("weight", 'None when method="configuration"', weight, hint)
    if method == "weighted" and weight is None:
        hint = "Name the edge attribute holding each tie's trust."
        raise invalid("weight", 'the name of an edge attribute when method="weighted"', None, hint)
    if weight is not None and not isinstance(weight, str):
        message = f"weight must be a str; got {type(weight).__name__}."
        raise TypeError(message)
    if weight is None and w_ref is not None:
        raise invalid("w_ref", "None when weight is None", w_ref)
    csr = as_csr(G, weight=weight, caller="epidemic_threshold")
    if weight is not None and csr.weights is None:
        hint = f"Build it with CSRGraph.from_networkx(G, weight={weight!r})."
        raise invalid("G", "a weighted CSRGraph when weight is given", csr, hint)
    if method == "configuration":
        return configuration_threshold(csr)
    exponents = np.empty(0, dtype=np.float64)
    if weight is not None:
        reference = reference_trust(csr, "trust", w_ref)
        exponents = np.ascontiguousarray(csr.weights / reference, dtype=np.float64)
    if method == "weighted":
        return weighted_threshold(csr, exponents)
    return susceptibility_threshold(csr, exponents, n_runs, seed_sequence(seed))
