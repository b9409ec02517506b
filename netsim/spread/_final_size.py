r"""Outbreak sizes on the configuration model from generating functions (Newman 2002).

For a process whose outbreaks are bond-percolation clusters with
transmissibility ``T`` (discrete SIR with ``mu = 1``: ``T = beta``; the
independent cascade with one probability ``p``: ``T = p``), Newman's
generating functions give, on a configuration-model graph with a given
degree distribution and as the number of nodes grows, the probability of a
large outbreak, its size, the mean size of the small outbreaks and the
epidemic threshold. Experiments evaluate them on each graph's realised
degree sequence and compare them with the simulated spreading efficiency.

References: M. E. J. Newman, "Spread of epidemic disease on networks",
Phys. Rev. E 66, 016128 (2002), doi:10.1103/PhysRevE.66.016128; M. E. J.
Newman, S. H. Strogatz and D. J. Watts, "Random graphs with arbitrary degree
distributions and their applications", Phys. Rev. E 64, 026118 (2001),
doi:10.1103/PhysRevE.64.026118.
"""

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .._validation import Described, invalid

__all__ = ["final_size_theory"]

#: Bisection steps for the root ``u``: the bracket [0, 1] halves to below 1e-18.
_BISECTION_STEPS = 64

_COLUMNS = [
    "T",
    "T_c",
    "u",
    "S",
    "mean_small_size",
    "mean_outbreak_size",
    "mean_outbreak_fraction",
    "n",
]


def _degree_distribution(degrees: Any) -> tuple[np.ndarray, np.ndarray, int]:
    """Return the distinct degrees, their shares and the number of nodes; check the input."""
    constraint = "a non-empty 1-d sequence of ints >= 0"
    try:
        values = np.asarray(degrees if isinstance(degrees, np.ndarray) else list(degrees))
    except (TypeError, ValueError) as error:  # not iterable, or ragged
        raise invalid("degrees", constraint, degrees) from error
    if values.ndim != 1 or values.size == 0:
        raise invalid("degrees", constraint, Described(f"an array of shape {values.shape}"))
    if values.dtype.kind == "f" and np.all(np.isfinite(values) & (values == np.round(values))):
        values = values.astype(np.int64)  # whole floats, as pandas stores ints next to NaN
    if values.dtype.kind not in "iu":
        raise invalid("degrees", constraint, Described(f"an array of dtype {values.dtype}"))
    if values.min() < 0:
        raise invalid("degrees", constraint, Described(f"a degree of {int(values.min())}"))
    k, counts = np.unique(values.astype(np.int64), return_counts=True)
    return k, counts / values.size, int(values.size)


def _transmissibilities(T: Any) -> np.ndarray:
    """Return ``T`` as a 1-d float array of probabilities."""
    constraint = "a float or 1-d array of floats in [0, 1]"
    try:
        values = np.atleast_1d(np.asarray(T, dtype=np.float64))
    except (TypeError, ValueError) as error:
        raise invalid("T", constraint, T) from error
    if isinstance(T, bool) or values.ndim != 1 or not np.all((values >= 0.0) & (values <= 1.0)):
        raise invalid("T", constraint, T)
    return values


def final_size_theory(degrees: Iterable[int], T: float | Iterable[float]) -> pd.DataFrame:
    r"""Return the generating-function outbreak sizes for a degree sequence, at each ``T``.

    Parameters
    ----------
    degrees : sequence of int
        Degree of every node (for example a graph's realised degrees), ints
        >= 0; at least one. Zeros count as isolated nodes.
    T : float or sequence of float
        Transmissibilities in [0, 1]: the probability that an infection
        crosses an edge (``beta`` for discrete SIR with ``mu = 1``).

    Returns
    -------
    pandas.DataFrame
        One row per ``T``, in the given order, with columns

        * ``T``;
        * ``T_c``: the threshold ``<k> / (<k^2> - <k>)`` (``inf`` when no
          node has two ties);
        * ``u``: the probability that an edge does not lead into the large
          outbreak, the smallest root in [0, 1] of ``u = 1 - T + T G1(u)``
          (1 at and below ``T_c``);
        * ``S = 1 - G0(u)``: both the probability that an outbreak from a
          random node is large and the fraction of nodes a large outbreak
          reaches (0 at and below ``T_c``);
        * ``mean_small_size``: the mean size of the outbreaks that stay
          small (below ``T_c``: of all outbreaks), source included; ``inf``
          at ``T_c``;
        * ``mean_outbreak_size``: the expected outbreak size from a random
          single source, ``n S**2 + (1 - S) mean_small_size``;
        * ``mean_outbreak_fraction``: the same divided by ``n`` (NaN at
          ``T_c``, where the approximation has no finite value);
        * ``n``: the number of nodes, ``len(degrees)``.

    Raises
    ------
    InvalidParameterError
        If ``degrees`` is empty, not 1-d, or holds a negative or non-integer
        value; if a ``T`` is outside [0, 1].

    See Also
    --------
    netsim.epidemic_threshold : ``T_c`` of a graph.
    netsim.spreading_efficiency : the simulated ``M_i``, whose mean over
        nodes ``mean_outbreak_size`` predicts.

    Notes
    -----
    With :math:`p_k` the share of nodes of degree :math:`k`,
    :math:`G_0(x) = \sum_k p_k x^k` and :math:`G_1(x) = G_0'(x) / G_0'(1)`
    (the excess degree of a node reached along an edge). Following Newman
    [1]_, an outbreak is the source's cluster in bond percolation with
    occupation probability :math:`T`. Its size has generating function
    :math:`H_0(x) = x\,G_0(1 + (H_1(x) - 1) T)`, with
    :math:`H_1(x) = x\,G_1(1 + (H_1(x) - 1) T)`.

    * Large outbreak: :math:`u = 1 - T + T\,G_1(u)`, the smallest root in
      [0, 1], found by bisection on the convex function
      :math:`f(u) = 1 - T + T G_1(u) - u`, positive below the root and
      negative between the root and 1; :math:`S = 1 - G_0(u) = 1 - H_0(1)`
      (Newman [1]_ writes it for :math:`v = H_1(1) = G_1(u)`, with
      :math:`u = 1 + (v - 1) T`).
      The root is below 1 exactly when :math:`T\,G_1'(1) > 1`, that is
      :math:`T > T_c = 1 / G_1'(1) = \langle k\rangle /
      (\langle k^2\rangle - \langle k\rangle)`.
    * Small outbreaks: :math:`H_0'(1) / H_0(1)`. Differentiating the two
      equations above at :math:`x = 1`, with :math:`v = G_1(u)`,

      .. math:: \langle s\rangle = 1 + \frac{T\,G_0'(u)\,v}
                {G_0(u)\,\bigl(1 - T\,G_1'(u)\bigr)},

      the mean size of the finite components above the transition of
      Newman, Strogatz and Watts [2]_ (there at :math:`T = 1`) for the
      thinned generating functions :math:`G_0(1 + (x - 1)T)` and
      :math:`G_1(1 + (x - 1)T)` that Newman [1]_ uses. Below the threshold
      (:math:`u = v = 1`) it is Newman's mean outbreak size
      :math:`\langle s\rangle = 1 + T G_0'(1) / (1 - T G_1'(1))`.
      For Poisson degrees of mean :math:`c` it reduces to
      :math:`1 / (1 - cT(1 - S))`.
    * From a random single source, a large outbreak (probability :math:`S`)
      reaches :math:`nS` nodes and a small one (probability :math:`1 - S`)
      :math:`\langle s\rangle` on average, so the expected outbreak size is
      :math:`n S^2 + (1 - S) \langle s\rangle`: the mean of :math:`M_i`
      over nodes. These are the large-:math:`n` limits for a tree-like
      (configuration-model) graph; near :math:`T_c` the finite-size
      corrections are large.

    Edge cases: at ``T = 0`` nothing crosses an edge (``u = 1``, size 1); an
    all-zero degree sequence has ``T_c = inf`` and outbreaks of size 1; a
    sequence with no degree above 1 has ``T_c = inf`` and outbreaks of
    ``1 + T <k>``.

    References
    ----------
    .. [1] M. E. J. Newman, "Spread of epidemic disease on networks",
       Phys. Rev. E 66, 016128 (2002). doi:10.1103/PhysRevE.66.016128
    .. [2] M. E. J. Newman, S. H. Strogatz and D. J. Watts, "Random graphs
       with arbitrary degree distributions and their applications", Phys.
       Rev. E 64, 026118 (2001). doi:10.1103/PhysRevE.64.026118

    Examples
    --------
    Every node of degree 3 (``T_c = 1/2``; above it ``u = (1 - T) / T``):

    >>> from netsim.spread._final_size import final_size_theory
    >>> table = final_size_theory([3] * 1000, [0.25, 0.5, 0.75])
    >>> table[["T", "T_c", "u", "S"]].round(3)
          T  T_c      u      S
    0  0.25  0.5  1.000  0.000
    1  0.50  0.5  1.000  0.000
    2  0.75  0.5  0.333  0.963
    >>> table["mean_small_size"].round(3).tolist()
    [2.5, inf, 2.5]
    """
    k, p, n = _degree_distribution(degrees)
    T = _transmissibilities(T)
    mean = float(np.sum(k * p))
    mean_sq = float(np.sum(k * k * p))
    g1_prime_1 = (mean_sq - mean) / mean if mean > 0 else 0.0
    T_c = 1.0 / g1_prime_1 if g1_prime_1 > 0 else np.inf

    positive = k > 0
    k1, w1 = k[positive], (k * p)[positive] / mean if mean > 0 else p[positive]
    second = k >= 2
    k2, w2 = k[second], (k * (k - 1) * p)[second] / mean if mean > 0 else p[second]

    def G0(x: np.ndarray) -> np.ndarray:
        return (p * x[:, None] ** k).sum(axis=1)

    def G1(x: np.ndarray) -> np.ndarray:
        return (w1 * x[:, None] ** (k1 - 1)).sum(axis=1)

    def G1_prime(x: np.ndarray) -> np.ndarray:
        return (w2 * x[:, None] ** (k2 - 2)).sum(axis=1)

    above = T * g1_prime_1 > 1.0  # strictly above threshold; S = 0 at T_c itself
    u = np.ones_like(T)
    if above.any():
        t = T[above]
        low, high = np.zeros_like(t), np.ones_like(t)
        for _ in range(_BISECTION_STEPS):
            middle = 0.5 * (low + high)
            positive_f = 1.0 - t + t * G1(middle) - middle > 0.0
            low = np.where(positive_f, middle, low)
            high = np.where(positive_f, high, middle)
        u[above] = high  # within 2**-64 of the root, on the side where f <= 0
    S = np.where(above, 1.0 - G0(u), 0.0)
    S = np.clip(S, 0.0, 1.0)

    mean_small = np.empty_like(T)
    v = G1(u) if mean > 0 else np.ones_like(u)
    G0_prime = mean * v
    denominator = 1.0 - T * G1_prime(u)
    with np.errstate(divide="ignore", invalid="ignore"):
        small = 1.0 + T * G0_prime * v / (G0(u) * denominator)
    at_threshold = ~(denominator > 0.0)
    mean_small = np.where(at_threshold, np.inf, small)
    if mean == 0:
        mean_small = np.ones_like(T)
        at_threshold = np.zeros_like(T, dtype=bool)
    size = n * S * S + (1.0 - S) * mean_small
    fraction = np.where(at_threshold, np.nan, size / n)
    return pd.DataFrame(
        {
            "T": T,
            "T_c": np.full(T.shape, T_c),
            "u": u,
            "S": S,
            "mean_small_size": mean_small,
            "mean_outbreak_size": size,
            "mean_outbreak_fraction": fraction,
            "n": np.full(T.shape, n, dtype=np.int64),
        },
        columns=_COLUMNS,
    )
