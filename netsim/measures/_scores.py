"""Scores of a centrality against simulated spreading efficiency.

A centrality is a guess at who spreads furthest; the spreading efficiency
``M`` (:func:`netsim.spreading_efficiency`) is what simulation says. These
functions compare the two, as Kitsak et al. [1]_ did: the imprecision
function ``eps(p)`` of the top fraction ``p``, Kendall's tau-b, the overlap of
the top k, the share of ties in a ranking (Bae and Kim's monotonicity [2]_)
and the mean ``M`` on the (k_S, k) grid.

**Ties at the cut.** Whenever a "top m" set is cut out of a ranking with
ties, netsim uses by default the expected value over a uniformly random order
of the tied nodes: a node ranked above the cut is in with probability 1, and
each of the ``t`` nodes tied at the cut value, of which ``r`` still fit, is in
with probability ``r / t``. The scores are then the expected scores of a
random tie-break, and do not depend on the order of the nodes.
:func:`imprecision` offers other rules (``ties``) and says which it used.

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
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
import scipy as sp

from .._seeding import provenance, seed_sequence
from .._typing import SeedLike
from .._validation import Described, check_choice, check_int, invalid
from ..graphs._csr import _python_scalar
from ._batches import Batches, batches_of, check_level, check_n_boot, draw_counts, resampled

__all__ = [
    "TIES",
    "efficiency_grid",
    "imprecision",
    "kendall_tau",
    "monotonicity",
    "top_k_overlap",
]

#: The rules for nodes tied at the cut of a measure's top set (see :func:`imprecision`).
TIES = ("expected", "optimistic", "pessimistic", "all")


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


def _fractions(p: Any) -> tuple[list[float], bool]:
    """Return the checked fractions of ``p`` and whether ``p`` was a scalar."""
    scalar = isinstance(p, numbers.Real) and not isinstance(p, bool)
    if scalar:
        return [_check_fraction(p)], True
    if isinstance(p, str | bytes) or not np.iterable(p):
        message = f"p must be a float in (0, 1] or a sequence of them; got {type(p).__name__}."
        raise TypeError(message)
    fractions = [_check_fraction(value) for value in p]
    if not fractions:
        raise invalid("p", "a float in (0, 1] or a non-empty sequence of them", list(p))
    return fractions, False


class _Top(NamedTuple):
    """A measure's top m nodes: those surely in, and those tied at the cut value."""

    m: int
    full: np.ndarray  # positions above the cut, every one in
    cut: np.ndarray  # positions tied at the cut value, of which ``m - full.size`` fit
    weights: np.ndarray  # each node's probability of being in, ties broken at random


def _top_set(standing: tuple[np.ndarray, np.ndarray], m: int) -> _Top:
    above, tied = standing
    full = np.flatnonzero(above + tied <= m)
    cut = np.flatnonzero((above < m) & (above + tied > m))
    return _Top(m, full, cut, _inclusion(standing, m))


def _measure_mean(top: _Top, y: np.ndarray, ties: str) -> float:
    """Return the mean efficiency of a measure's top set under a rule for ties at the cut."""
    if ties == "expected" or top.cut.size == 0:
        return float(top.weights @ y) / top.m
    base = float(y[top.full].sum())
    cut = y[top.cut]
    if ties == "all":
        return (base + float(cut.sum())) / (top.full.size + cut.size)
    fit = top.m - top.full.size
    if ties == "optimistic":  # the tied nodes that spread furthest go first
        chosen = np.partition(cut, cut.size - fit)[cut.size - fit :]
    else:  # pessimistic: the tied nodes that spread least go first
        chosen = np.partition(cut, fit - 1)[:fit]
    return (base + float(chosen.sum())) / top.m


class _Scorer:
    """Imprecision of one measure at several fractions, for any efficiency vector."""

    def __init__(self, x: np.ndarray, fractions: list[float], ties: str) -> None:
        standing = _standing(x)
        self.ties = ties
        self.tops = [_top_set(standing, _top_count(f, x.size)) for f in fractions]

    def point(self, y: np.ndarray, best: np.ndarray) -> np.ndarray:
        """Return eps(p) for efficiency ``y``, with ``best[k]`` the mean of its top m_k."""
        values = [
            1.0 - _measure_mean(top, y, self.ties) / best[k] for k, top in enumerate(self.tops)
        ]
        # M_c <= M_eff exactly under every rule; max() only removes rounding below 0.
        return np.maximum(0.0, np.array(values))

    def draws(self, block: np.ndarray, best: np.ndarray) -> np.ndarray:
        """Return eps(p) for each row of ``block`` (shape (rows, P)); ``best`` (rows, P)."""
        if self.ties == "expected":  # linear in the efficiency: one product for every row
            weights = np.stack([top.weights / top.m for top in self.tops])
            return np.maximum(0.0, 1.0 - (block @ weights.T) / best)
        return np.stack([self.point(y, b) for y, b in zip(block, best, strict=True)])


def _best_means(block: np.ndarray, ms: list[int]) -> np.ndarray:
    """Return the mean of the m highest values of each row, for each m (shape (rows, len(ms)))."""
    ordered = -np.sort(-block, axis=1)
    totals = np.cumsum(ordered, axis=1)
    return np.stack([totals[:, m - 1] / m for m in ms], axis=1)


def _batched_scores(
    scorers: list["_Scorer"],
    batches: Batches,
    n_boot: int,
    seed: SeedLike,
) -> tuple[list[np.ndarray], np.random.SeedSequence]:
    """Return each scorer's bootstrap draws of eps(p) (shape (n_boot, P)), the same draws for all.

    The draws resample the batches (``netsim.measures._batches``) from
    ``numpy.random.default_rng(seed)``, so measures scored together are
    paired.
    """
    root = seed_sequence(seed)
    counts = draw_counts(np.random.default_rng(root), n_boot, batches.n_batches)
    ms = [top.m for top in scorers[0].tops]
    out: list[list[np.ndarray]] = [[] for _ in scorers]
    for block in resampled(batches, counts):
        best = _best_means(block, ms)
        for k, scorer in enumerate(scorers):
            out[k].append(scorer.draws(block, best))
    return [np.concatenate(parts) for parts in out], root


def _efficiency_values(measure: Any, efficiency: Any) -> tuple[np.ndarray, np.ndarray]:
    """Return the measure's values and the efficiency's, in the measure's node order."""
    x, y = _aligned(measure, efficiency)
    if np.any(y < 0):
        first = int(np.flatnonzero(efficiency.to_numpy() < 0)[0])
        shown = Described(
            f"{efficiency.iloc[first]} at node {_python_scalar(efficiency.index[first])!r}"
        )
        raise invalid("efficiency", ">= 0 at every node", shown)
    return x, y


def _point_imprecision(
    x: np.ndarray, y: np.ndarray, fractions: list[float], ties: str
) -> np.ndarray:
    """Return eps(p) of measure values ``x`` against efficiency ``y`` at each fraction."""
    scorer = _Scorer(x, fractions, ties)
    y_standing = _standing(y)
    best = np.empty(len(fractions))
    for k, top in enumerate(scorer.tops):
        best[k] = float(_inclusion(y_standing, top.m) @ y) / top.m
        if best[k] <= 0.0:
            raise invalid(
                "efficiency", "> 0 on its top nodes", Described(f"0 at p = {fractions[k]}")
            )
    return scorer.point(y, best)


def imprecision(
    measure: pd.Series,
    efficiency: Any,
    p: Any,
    *,
    ties: str = "expected",
    level: float = 0.95,
    n_boot: int = 1000,
    seed: SeedLike = None,
) -> Any:
    r"""Return Kitsak's imprecision of a measure at the top fraction ``p``.

    Parameters
    ----------
    measure : pandas.Series indexed by node
        The centrality to score; higher means "more influential". Finite
        real values.
    efficiency : pandas.Series or pandas.DataFrame indexed by node
        The spreading efficiency of every node, finite and >= 0, indexed by
        the same nodes as ``measure`` (in any order): the ``M`` column of
        :func:`netsim.spreading_efficiency`, or the whole table of
        :func:`netsim.spreading_efficiency` (with ``batches > 1``) or of
        :func:`rank_spreaders`, whose batch columns ``M_batch_0``, ... give
        a confidence band.
    p : float or sequence of float
        The top fraction of nodes, in (0, 1], or several such fractions.
    ties : {"expected", "optimistic", "pessimistic", "all"}, default="expected"
        The rule for nodes tied in the measure at the cut of its top set;
        see Notes.
    level : float, default=0.95
        Confidence level of the band, in (0, 1); used with a table only.
    n_boot : int, default=1000
        Bootstrap draws of the band, >= 1; used with a table only.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    float, pandas.Series or pandas.DataFrame
        With a Series of efficiencies: :math:`\varepsilon(p)`, a float in
        [0, 1] for a scalar ``p``; for a sequence, a Series named
        ``"imprecision"`` indexed by ``p`` (index named ``"p"``, in the order
        given), whose ``attrs["ties"]`` names the rule. With a table: a
        DataFrame indexed by ``p`` (even for a scalar ``p``), columns
        ``imprecision`` (the value from ``M``), ``low`` and ``high`` (the
        band), ``attrs`` recording ``ties``, ``level``, ``n_boot``,
        ``batches`` and the seed provenance. 0 means the measure's top nodes
        spread as far as the truly best ones.

    Raises
    ------
    TypeError
        If ``measure`` is not a Series, ``efficiency`` neither a Series nor a
        DataFrame, or ``p`` is not a real number or a sequence of them.
    InvalidParameterError
        If a ``p`` is outside (0, 1] or no ``p`` is given; if ``ties`` is not
        a rule above, ``level`` not in (0, 1) or ``n_boot < 1``; if the
        Series are empty, hold NaN or infinite values, have repeated labels
        or different nodes; if ``efficiency`` is negative somewhere or 0 on
        all top nodes; if a table has no ``M`` column or fewer than two
        batch columns.

    See Also
    --------
    top_k_overlap : how many of the top k nodes the measure finds.
    kendall_tau : agreement of the whole rankings.
    rank_spreaders : the measures, the efficiency and these scores in one call.
    compare_measures : which of two measures is better, beyond the noise.

    Notes
    -----
    Kitsak et al. [1]_ define, for the :math:`m` nodes with the highest
    measure :math:`c` and the :math:`m` nodes with the highest efficiency,

    .. math:: \varepsilon(p) = 1 - \frac{M_c(p)}{M_{\mathrm{eff}}(p)},

    with :math:`M_c(p)` the mean efficiency of the former and
    :math:`M_{\mathrm{eff}}(p)` that of the latter. The top fraction holds
    exactly :math:`m = \max(1, \operatorname{round}(p\,n))` nodes (halves
    rounded up). Ties in the efficiency need no rule (tied nodes have the
    same efficiency).

    **Ties at the cut** of the measure: :math:`a` nodes rank above the cut
    value, :math:`t` share it and :math:`r = m - a` of those still fit.

    * ``"expected"`` (the default): each tied node contributes with weight
      :math:`r / t`, the expected :math:`M_c(p)` over a uniformly random
      order of the tied nodes. A constant measure scores the mean
      efficiency of all nodes, as a random choice would.
    * ``"optimistic"``: the :math:`r` tied nodes of highest efficiency are
      taken, the best tie-break there is; ``"pessimistic"``: the :math:`r`
      of lowest efficiency, the worst. The expected value lies between
      them, so the two bound what any tie-break can give.
    * ``"all"``: **every** tied node is taken, so the measure's set holds
      :math:`a + t \ge m` nodes, and :math:`M_c(p)` is their mean
      (:math:`M_{\mathrm{eff}}(p)` stays the mean of the :math:`m` most
      efficient). This is the rule of cutting at a value (``measure >=
      cut``); with a coarse measure it can differ a lot from the others: on
      ca-GrQc (``beta_factor=1.5``, 200 runs) at p = 20 % the k-shell
      scores 0.11 with ``"expected"`` and 0.34 with ``"all"``, as its cut
      shell is large and spreads less than the shells above it.

    :math:`O(n \log n)` time per ``p`` (a sort).

    **Band** (with a table of batches). The :math:`B` batch means are
    independent estimates of the whole vector :math:`M`. ``n_boot`` times,
    :math:`B` batches are drawn with replacement, their (run-weighted) mean
    :math:`M^*` is stretched about :math:`\hat M` by :math:`\sqrt{B/(B-1)}`
    (so its variance is the usual :math:`s^2/B`), and
    :math:`\varepsilon^*(p)` is computed from it; ``low`` and ``high`` are
    the :math:`(1 \mp \mathrm{level})/2` quantiles of the draws (a
    percentile interval). Resampling whole batches keeps the correlation
    between nodes of the same run. Limits: the band covers the Monte Carlo
    error of ``M`` only, not the choice of graph; with few batches (under
    about 10) it is too narrow, the draws' tails being normal rather than
    Student's; and noise in ``M`` biases :math:`\varepsilon` upwards (the
    best nodes by a noisy ``M`` look better than they are, raising
    :math:`M_{\mathrm{eff}}`), so with few runs the band can sit above the
    exact value. To compare two measures, use :func:`compare_measures`,
    whose paired difference cancels most of this. The draws come from
    ``numpy.random.default_rng(seed)``; :math:`O(B\,n\,(B + \log n))`
    time per draw.

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

    The rules for ties at the cut: 14 nodes make the top 40 %, the 10 of
    shell 4 and 4 of the 12 of shell 3:

    >>> rules = ("expected", "optimistic", "pessimistic", "all")
    >>> {rule: round(imprecision(core, M, 0.4, ties=rule), 3) for rule in rules}
    {'expected': 0.043, 'optimistic': 0.0, 'pessimistic': 0.081, 'all': 0.145}

    With batches of runs, a 95 % band from the bootstrap over batches:

    >>> table = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=500, batches=10, seed=1)
    >>> imprecision(core, table, [0.05, 0.2], seed=2).round(3)
          imprecision    low   high
    p
    0.05        0.160  0.142  0.177
    0.20        0.063  0.057  0.072
    """
    ties = check_choice("ties", ties, TIES)
    level = check_level(level)
    n_boot = check_n_boot(n_boot)
    fractions, scalar = _fractions(p)
    if isinstance(efficiency, pd.DataFrame):
        return _imprecision_band(measure, efficiency, fractions, ties, level, n_boot, seed)
    x, y = _efficiency_values(measure, efficiency)
    scores = [float(value) for value in _point_imprecision(x, y, fractions, ties)]
    if scalar:
        return scores[0]
    result = pd.Series(scores, index=pd.Index(fractions, name="p"), name="imprecision")
    result.attrs["ties"] = ties
    return result


def _imprecision_band(
    measure: Any,
    table: pd.DataFrame,
    fractions: list[float],
    ties: str,
    level: float,
    n_boot: int,
    seed: SeedLike,
) -> pd.DataFrame:
    """Return eps(p) from ``table["M"]`` with its band from the bootstrap over batches."""
    if "M" not in table.columns:
        shown = Described(f"columns {list(table.columns)!r}")
        raise invalid("efficiency", "a Series, or a table with a column 'M'", shown)
    x, y = _efficiency_values(measure, table["M"])
    batches = batches_of(table, "efficiency")
    if not measure.index.equals(table.index):  # the batches in the measure's node order
        order = table.index.get_indexer(measure.index)
        batches = batches._replace(means=batches.means[:, order], index=measure.index)
    point = _point_imprecision(x, y, fractions, ties)
    (draws,), root = _batched_scores([_Scorer(x, fractions, ties)], batches, n_boot, seed)
    alpha = 1.0 - level
    low, high = np.quantile(draws, [alpha / 2, 1 - alpha / 2], axis=0)
    result = pd.DataFrame(
        {"imprecision": point, "low": low, "high": high},
        index=pd.Index(fractions, name="p"),
    )
    result.attrs.update(
        provenance(
            root, ties=ties, level=level, n_boot=n_boot, batches=batches.n_batches,
            interval="percentile bootstrap over batches",
        )
    )  # fmt: skip
    return result


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
