"""Scores of a centrality against simulated spreading efficiency.

A centrality is a guess at who spreads furthest; the spreading efficiency
``M`` (:func:`netsim.spreading_efficiency`) is what simulation says. These
functions compare the two, as Kitsak et al. [1]_ did: the imprecision
function ``eps(p)`` of the top fraction ``p``, Kendall's tau-b, the overlap of
the top k, the share of ties in a ranking (Bae and Kim's monotonicity [2]_)
and the mean ``M`` on the (k_S, k) grid.

**Ties at the cut.** Whenever a "top m" set is cut out of a ranking with
ties, netsim uses the expected value over a uniformly random order of the
tied nodes: a node ranked above the cut is in with probability 1, and each of
the ``t`` nodes tied at the cut value, of which ``r`` still fit, is in with
probability ``r / t``. The scores are then the expected scores of a random
tie-break, and do not depend on the order of the nodes.

References
----------
.. [1] M. Kitsak, L. K. Gallos, S. Havlin, F. Liljeros, L. Muchnik,
   H. E. Stanley and H. A. Makse, "Identification of influential spreaders
   in complex networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.
.. [2] J. Bae and S. Kim, "Identifying and ranking influential spreaders in
   complex networks by neighborhood coreness", Physica A 395, 549-559
   (2014), doi:10.1016/j.physa.2013.10.047.
"""

import math
import numbers
from typing import Any

import numpy as np
import pandas as pd
import scipy as sp

from .._validation import Described, check_int, invalid
from ..graphs._csr import _python_scalar

__all__ = [
    "efficiency_grid",
    "imprecision",
    "kendall_tau",
    "monotonicity",
    "top_k_overlap",
]


def _values(name: str, series: Any) -> np.ndarray:
    """Return a Series' values as finite float64, refusing other containers and NaN."""
    if not isinstance(series, pd.Series):
        message = f"{name} must be a pandas.Series indexed by node; got {type(series).__name__}."
        raise TypeError(message)
    if not series.index.is_unique:
        duplicated = _python_scalar(series.index[series.index.duplicated()][0])
        raise invalid(f"the index of {name}", "unique node labels", duplicated)
    if series.dtype == bool or not (
        pd.api.types.is_numeric_dtype(series.dtype) and series.dtype.kind != "c"
    ):
        raise invalid(name, "a Series of real numbers", Described(f"dtype {series.dtype}"))
    values = series.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(values)
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        shown = Described(f"{values[first]} at node {_python_scalar(series.index[first])!r}")
        raise invalid(name, "finite at every node", shown)
    return values


def _aligned(
    measure: Any, efficiency: Any, names: tuple[str, str] = ("measure", "efficiency")
) -> tuple[np.ndarray, np.ndarray]:
    """Return the values of both Series, the second reordered to the first's index."""
    x = _values(names[0], measure)
    y = _values(names[1], efficiency)
    if not measure.index.equals(efficiency.index):
        positions = measure.index.get_indexer(efficiency.index)
        if len(measure) != len(efficiency) or np.any(positions < 0):
            missing = efficiency.index[positions < 0]
            extra = measure.index.difference(efficiency.index, sort=False)
            if len(missing):
                shown = Described(f"node {_python_scalar(missing[0])!r}, not in {names[0]}")
            else:
                shown = Described(f"no value at node {_python_scalar(extra[0])!r}")
            hint = "Both must be indexed by the same nodes (e.g. both from the same graph)."
            raise invalid(names[1], f"indexed by the nodes of {names[0]}", shown, hint)
        y = y[np.argsort(positions)]
    if x.size == 0:
        raise invalid(names[0], "a Series of at least one node", Described("an empty Series"))
    return x, y


def _top_count(p: float, n_nodes: int) -> int:
    """Return round(p * n_nodes), halves up, at least 1 (tolerant of float error)."""
    return max(1, math.floor(p * n_nodes + 0.5 + 1e-9))


def _standing(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return, for each node, how many nodes have a strictly higher value, and how many tie."""
    ordered = np.sort(values)  # ascending
    right = np.searchsorted(ordered, values, side="right")
    above = values.size - right  # strictly greater
    tied = right - np.searchsorted(ordered, values, side="left")
    return above, tied


def _inclusion(standing: tuple[np.ndarray, np.ndarray], m: int) -> np.ndarray:
    """Return each node's probability of being among the m highest, ties broken at random."""
    above, tied = standing
    return np.clip((m - above) / tied, 0.0, 1.0)


def _check_fraction(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        message = f"p must be a float in (0, 1] or a sequence of them; got {type(value).__name__}."
        raise TypeError(message)
    value = float(value)
    if not 0.0 < value <= 1.0:  # NaN fails too
        raise invalid("p", "a float in (0, 1]", value)
    return value


def imprecision(measure: pd.Series, efficiency: pd.Series, p: Any) -> Any:
    r"""Return Kitsak's imprecision of a measure at the top fraction ``p``.

    Parameters
    ----------
    measure : pandas.Series indexed by node
        The centrality to score; higher means "more influential". Finite
        real values.
    efficiency : pandas.Series indexed by node
        The spreading efficiency of every node (the ``M`` column of
        :func:`netsim.spreading_efficiency`), finite and >= 0, indexed by the
        same nodes as ``measure`` (in any order).
    p : float or sequence of float
        The top fraction of nodes, in (0, 1], or several such fractions.

    Returns
    -------
    float or pandas.Series
        :math:`\varepsilon(p)`, a float in [0, 1] for a scalar ``p``; for a
        sequence, a Series named ``"imprecision"`` indexed by ``p`` (index
        named ``"p"``, in the order given). 0 means the measure's top nodes
        spread as far as the truly best ones.

    Raises
    ------
    TypeError
        If ``measure`` or ``efficiency`` is not a Series, or ``p`` is not a
        real number or a sequence of them.
    InvalidParameterError
        If a ``p`` is outside (0, 1] or no ``p`` is given; if the Series are
        empty, hold NaN or infinite values, have repeated labels or different
        nodes; if ``efficiency`` is negative somewhere or 0 on all top nodes.

    See Also
    --------
    top_k_overlap : how many of the top k nodes the measure finds.
    kendall_tau : agreement of the whole rankings.
    rank_spreaders : the measures, the efficiency and these scores in one call.

    Notes
    -----
    Kitsak et al. [1]_ define, for the :math:`m` nodes with the highest
    measure :math:`c` and the :math:`m` nodes with the highest efficiency,

    .. math:: \varepsilon(p) = 1 - \frac{M_c(p)}{M_{\mathrm{eff}}(p)},

    with :math:`M_c(p)` the mean efficiency of the former and
    :math:`M_{\mathrm{eff}}(p)` that of the latter. The top fraction holds
    exactly :math:`m = \max(1, \operatorname{round}(p\,n))` nodes (halves
    rounded up). **Ties at the cut**: when :math:`t` nodes share the
    measure's value at the cut and :math:`r` of them still fit,
    each contributes its efficiency with weight :math:`r / t`: the expected
    :math:`M_c(p)` over a uniformly random order of the tied nodes. Ties in
    the efficiency need no rule (tied nodes have the same efficiency). So a
    constant measure scores the mean efficiency of all nodes, as a random
    choice would.

    :math:`O(n \log n)` time per ``p`` (a sort).

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nat. Phys. 6, 888-893 (2010),
       doi:10.1038/nphys1746.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.measures import imprecision
    >>> G = nx.karate_club_graph()
    >>> M = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=500, seed=1)["M"]
    >>> core = netsim.core_number(G)
    >>> round(imprecision(core, M, 0.1), 3)
    0.142
    >>> imprecision(core, M, [0.05, 0.2]).round(3)
    p
    0.05    0.160
    0.20    0.063
    Name: imprecision, dtype: float64
    """
    x, y = _aligned(measure, efficiency)
    if np.any(y < 0):
        first = int(np.flatnonzero(efficiency.to_numpy() < 0)[0])
        shown = Described(
            f"{efficiency.iloc[first]} at node {_python_scalar(efficiency.index[first])!r}"
        )
        raise invalid("efficiency", ">= 0 at every node", shown)
    scalar = isinstance(p, numbers.Real) and not isinstance(p, bool)
    if scalar:
        fractions = [_check_fraction(p)]
    else:
        if isinstance(p, str | bytes) or not np.iterable(p):
            message = f"p must be a float in (0, 1] or a sequence of them; got {type(p).__name__}."
            raise TypeError(message)
        fractions = [_check_fraction(value) for value in p]
        if not fractions:
            raise invalid("p", "a float in (0, 1] or a non-empty sequence of them", list(p))
    scores = []
    x_standing, y_standing = _standing(x), _standing(y)
    for fraction in fractions:
        m = _top_count(fraction, x.size)
        best = float(_inclusion(y_standing, m) @ y)
        if best <= 0.0:
            raise invalid("efficiency", "> 0 on its top nodes", Described(f"0 at p = {fraction}"))
        # M_c <= M_eff exactly; max() only removes rounding below 0.
        scores.append(max(0.0, 1.0 - float(_inclusion(x_standing, m) @ y) / best))
    if scalar:
        return scores[0]
    return pd.Series(scores, index=pd.Index(fractions, name="p"), name="imprecision")


def kendall_tau(measure: pd.Series, efficiency: pd.Series) -> float:
    r"""Return Kendall's tau-b between a measure and the spreading efficiency.

    Parameters
    ----------
    measure : pandas.Series indexed by node
        The centrality, finite real values.
    efficiency : pandas.Series indexed by node
        The spreading efficiency (or any score), finite, indexed by the same
        nodes as ``measure`` (in any order).

    Returns
    -------
    float
        Tau-b in [-1, 1]; NaN when either Series is constant or has fewer
        than two nodes (tau-b is then 0 / 0).

    Raises
    ------
    TypeError
        If an argument is not a Series.
    InvalidParameterError
        If the Series are empty, hold NaN or infinite values, have repeated
        labels or different nodes.

    See Also
    --------
    imprecision : the score of the top nodes only.
    scipy.stats.kendalltau : the same value (``variant="b"``).

    Notes
    -----
    Over the :math:`n_0 = n(n-1)/2` pairs of nodes, with :math:`n_c`
    concordant and :math:`n_d` discordant pairs, and :math:`n_1`
    (:math:`n_2`) pairs tied in the measure (in the efficiency),

    .. math:: \tau_b = \frac{n_c - n_d}{\sqrt{(n_0 - n_1)(n_0 - n_2)}}.

    Tau-b counts ties in both variables, which matter here: degree and
    k-shell tie many nodes. Same value as ``scipy.stats.kendalltau(x, y,
    variant="b")``, which computes it in :math:`O(n \log n)` time (Knight
    [1]_).

    References
    ----------
    .. [1] W. R. Knight, "A computer method for calculating Kendall's tau
       with ungrouped data", J. Am. Stat. Assoc. 61, 436-439 (1966),
       doi:10.1080/01621459.1966.10480879.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.measures import kendall_tau
    >>> G = nx.karate_club_graph()
    >>> M = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=500, seed=1)["M"]
    >>> round(kendall_tau(netsim.core_number(G), M), 3)
    0.648
    """
    x, y = _aligned(measure, efficiency)
    if x.size < 2 or np.all(x == x[0]) or np.all(y == y[0]):
        return math.nan
    return float(sp.stats.kendalltau(x, y, variant="b").statistic)


def top_k_overlap(measure: pd.Series, efficiency: pd.Series, k: int) -> float:
    r"""Return the share of the k most efficient spreaders among the measure's top k.

    Parameters
    ----------
    measure : pandas.Series indexed by node
        The centrality, finite real values; higher is better.
    efficiency : pandas.Series indexed by node
        The spreading efficiency, finite, indexed by the same nodes.
    k : int
        The size of both top sets, from 1 to the number of nodes.

    Returns
    -------
    float
        :math:`|T_c \cap T_M| / k` in [0, 1], the expected value over random
        tie-breaking (see Notes).

    Raises
    ------
    TypeError
        If ``k`` is not an int or a Series argument is not a Series.
    InvalidParameterError
        If ``k`` is < 1 or larger than the number of nodes; if the Series
        are empty, hold NaN or infinite values, have repeated labels or
        different nodes.

    See Also
    --------
    imprecision : how much less the measure's top nodes spread.

    Notes
    -----
    :math:`T_c` holds the :math:`k` nodes with the highest measure and
    :math:`T_M` the :math:`k` with the highest efficiency. **Ties at the
    cut** are broken uniformly at random, independently in the two
    rankings, and the overlap returned is the expectation
    :math:`\sum_i \pi_i^c \pi_i^M / k`, where :math:`\pi_i` is node
    :math:`i`'s probability of being in the top set: 1 above the cut,
    :math:`r / t` for each of the :math:`t` nodes tied at the cut when
    :math:`r` of them fit, 0 below. :math:`O(n \log n)` time.

    Examples
    --------
    >>> import networkx as nx
    >>> import pandas as pd
    >>> import netsim
    >>> from netsim.measures import top_k_overlap
    >>> G = nx.karate_club_graph()
    >>> M = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=500, seed=1)["M"]
    >>> degree = pd.Series(dict(G.degree()), name="degree")
    >>> top_k_overlap(degree, M, 3)
    1.0

    The five nodes of highest core number are drawn at random among the
    ten nodes of shell 4, so only half of the top five are found on average:

    >>> round(top_k_overlap(netsim.core_number(G), M, 5), 3)
    0.5
    """
    x, y = _aligned(measure, efficiency)
    k = check_int("k", k, minimum=1)
    if k > x.size:
        raise invalid("k", f"an int in [1, {x.size}] (the number of nodes)", k)
    return float(_inclusion(_standing(x), k) @ _inclusion(_standing(y), k)) / k


def monotonicity(measure: pd.Series) -> float:
    r"""Return Bae and Kim's monotonicity of a ranking: 1 without ties, 0 if all tie.

    Parameters
    ----------
    measure : pandas.Series indexed by node
        The centrality, finite real values.

    Returns
    -------
    float
        :math:`M(R)` in [0, 1]; NaN for fewer than two nodes.

    Raises
    ------
    TypeError
        If ``measure`` is not a Series.
    InvalidParameterError
        If ``measure`` holds NaN or infinite values or has repeated labels.

    See Also
    --------
    kendall_tau : ties also lower tau-b's denominator.

    Notes
    -----
    With :math:`n` nodes and :math:`n_r` nodes sharing the value of rank
    :math:`r`, Bae and Kim [1]_ define

    .. math:: M(R) = \left(1 - \frac{\sum_r n_r (n_r - 1)}{n (n - 1)}\right)^2,

    one minus the share of ordered node pairs that tie, squared. A measure
    that separates every node scores 1; a constant one scores 0.
    :math:`O(n \log n)` time.

    References
    ----------
    .. [1] J. Bae and S. Kim, "Identifying and ranking influential spreaders
       in complex networks by neighborhood coreness", Physica A 395, 549-559
       (2014), doi:10.1016/j.physa.2013.10.047.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.measures import monotonicity
    >>> G = nx.karate_club_graph()
    >>> round(monotonicity(netsim.core_number(G)), 3)
    0.496
    """
    values = _values("measure", measure)
    n = values.size
    if n < 2:
        return math.nan
    _, counts = np.unique(values, return_counts=True)
    tied = float(np.sum(counts * (counts - 1.0)))
    return (1.0 - tied / (n * (n - 1.0))) ** 2


def efficiency_grid(efficiency: pd.Series, k_shell: pd.Series, degree: pd.Series) -> pd.DataFrame:
    r"""Return the mean spreading efficiency on the (k-shell, degree) grid.

    Parameters
    ----------
    efficiency : pandas.Series indexed by node
        The spreading efficiency ``M`` of every node, finite.
    k_shell : pandas.Series indexed by node
        Every node's shell (:func:`netsim.core_number`), indexed by the same
        nodes.
    degree : pandas.Series indexed by node
        Every node's degree, indexed by the same nodes.

    Returns
    -------
    pandas.DataFrame
        One row per occupied cell, indexed by ``(k_shell, degree)`` (a
        sorted MultiIndex), with columns ``M`` (mean efficiency of the cell's
        nodes) and ``n_nodes`` (how many). For a heat map,
        ``grid["M"].unstack("degree")`` gives the k_shell-by-degree matrix
        with NaN in empty cells.

    Raises
    ------
    TypeError
        If an argument is not a Series.
    InvalidParameterError
        If the Series are empty, hold NaN or infinite values, have repeated
        labels or different nodes.

    See Also
    --------
    imprecision : the score this picture explains.

    Notes
    -----
    Kitsak et al. [1]_ (Fig. 1) show :math:`M(k_S, k)`, the mean efficiency
    of the nodes of shell :math:`k_S` and degree :math:`k`: along a row of
    fixed degree it changes a lot with the shell, along a column of fixed
    shell little with the degree. The tidy form keeps the cell counts,
    which tell how far a mean can be trusted. :math:`O(n \log n)` time.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nat. Phys. 6, 888-893 (2010),
       doi:10.1038/nphys1746.

    Examples
    --------
    >>> import networkx as nx
    >>> import pandas as pd
    >>> import netsim
    >>> from netsim.measures import efficiency_grid
    >>> G = nx.karate_club_graph()
    >>> M = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=500, seed=1)["M"]
    >>> degree = pd.Series(dict(G.degree()), name="degree")
    >>> grid = efficiency_grid(M, netsim.core_number(G), degree)
    >>> grid.head(3).round(2).reset_index()
       k_shell  degree     M  n_nodes
    0        1       1  3.20        1
    1        2       2  4.53       11
    2        3       3  4.98        6
    >>> grid["M"].unstack("degree").shape
    (4, 11)
    """
    shells, values = _aligned(k_shell, efficiency, ("k_shell", "efficiency"))
    _, degrees = _aligned(k_shell, degree, ("k_shell", "degree"))
    frame = pd.DataFrame(
        {
            "k_shell": _restore(k_shell, shells),
            "degree": _restore(degree, degrees),
            "M": values,
        }
    )
    grid = frame.groupby(["k_shell", "degree"], sort=True)["M"].agg(["mean", "size"])
    grid.columns = ["M", "n_nodes"]
    grid["n_nodes"] = grid["n_nodes"].astype(np.int64)
    return grid


def _restore(series: pd.Series, values: np.ndarray) -> np.ndarray:
    """Return float values in the Series' own dtype when it is an integer one."""
    if pd.api.types.is_integer_dtype(series.dtype):
        return values.astype(np.int64)
    return values
