r"""How sure a ranking is: reproducibility of the top nodes and paired comparisons of measures.

The spreading efficiency ``M`` is a Monte Carlo estimate, so the ranking it
gives, and every score of a measure against it, carries noise. With the
batches of runs of :func:`rank_spreaders` (columns ``M_batch_0``, ...), which
are independent replicates of the whole vector ``M``:

* :func:`top_k_reproducibility` splits the batches into two independent
  halves and counts how many of one half's top k are in the other's;
* :func:`compare_measures` gives, for two measures, the difference of their
  imprecisions with a paired bootstrap interval over batches, and names a
  winner only where the interval excludes 0.

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Efron and Tibshirani,
"An Introduction to the Bootstrap" (1993), doi:10.1201/9780429246593.
"""

from typing import Any

import numpy as np
import pandas as pd

from .._seeding import provenance
from .._typing import SeedLike
from .._validation import Described, check_choice, check_int, invalid
from ._batches import Batches, batches_of, check_level, check_n_boot
from ._scores import (
    TIES,
    _batched_scores,
    _fractions,
    _inclusion,
    _point_imprecision,
    _Scorer,
    _standing,
    _values,
)

__all__ = ["compare_measures", "measure_columns", "top_k_reproducibility"]

#: Columns of rank_spreaders that start with ``rank_`` but rank no measure.
_NOT_MEASURES = ("rank_M", "rank_M_low", "rank_M_high")


def measure_columns(ranking: Any) -> list[str]:
    """Return the measures of a ``rank_spreaders`` table (from its ``rank_<measure>`` columns)."""
    if not isinstance(ranking, pd.DataFrame):
        message = (
            f"ranking must be a pandas.DataFrame from rank_spreaders; got {type(ranking).__name__}."
        )
        raise TypeError(message)
    names = [
        column[len("rank_") :]
        for column in ranking.columns
        if isinstance(column, str) and column.startswith("rank_") and column not in _NOT_MEASURES
    ]
    if not {"M", "M_se"} <= set(ranking.columns) or not names:
        shown = Described(f"columns {list(ranking.columns)!r}")
        constraint = "a table from rank_spreaders, with columns 'M', 'M_se' and 'rank_<measure>'"
        raise invalid("ranking", constraint, shown)
    return names


def _half(batches: Batches, chosen: slice) -> np.ndarray:
    """Return the run-weighted mean of some batches."""
    weights = batches.weights[chosen]
    return (weights @ batches.means[chosen]) / weights.sum()


def top_k_reproducibility(ranking: pd.DataFrame, k: int) -> dict[str, Any]:
    r"""Return how many of the top k spreaders two independent halves of the runs agree on.

    Parameters
    ----------
    ranking : pandas.DataFrame
        A table with batch columns ``M_batch_0``, ``M_batch_1``, ... (at
        least two): that of :func:`rank_spreaders`, or of
        :func:`netsim.spreading_efficiency` with ``batches > 1``.
    k : int
        The size of the top set, from 1 to the number of nodes.

    Returns
    -------
    dict
        ``k`` (int), ``n_nodes`` (int), ``overlap`` (float: the number of
        nodes in both halves' top k, expected over random tie-breaking),
        ``random`` (float: :math:`k^2/n`, the expected overlap of two random
        rankings) and ``share`` (float: ``overlap / k``).

    Raises
    ------
    TypeError
        If ``ranking`` is not a DataFrame or ``k`` not an int.
    InvalidParameterError
        If ``ranking`` has fewer than two batch columns, or ``k`` is not in
        [1, n].

    See Also
    --------
    rank_spreaders : the table, with a rank interval for every node.
    top_k_overlap : the overlap of a measure's top k with that of ``M``.

    Notes
    -----
    The :math:`B` batches are split into the first :math:`\lfloor B/2
    \rfloor` and the rest; each half's run-weighted mean of its batch means
    is an estimate of :math:`M` independent of the other's. With
    :math:`T_1` and :math:`T_2` the two halves' top :math:`k`,
    ``overlap`` is :math:`|T_1 \cap T_2|`; ties at the cut are broken
    uniformly at random, independently in the two halves, and the
    expectation is returned (:func:`top_k_overlap`'s rule): so a ranking
    without noise and without ties at the cut scores exactly :math:`k`. Two
    independent uniformly random top-:math:`k` sets of :math:`n` nodes share
    a hypergeometric number of nodes, of mean :math:`k \cdot k / n`.

    **Reading it.** An overlap near :math:`k` means the top :math:`k` is
    reproducible: more runs would not change it much. An overlap near
    :math:`k^2/n` means it is noise: the nodes differ by less than their
    standard errors, and a list of "the" top :math:`k` says nothing. Each half
    has only half the runs, so its noise is :math:`\sqrt 2` times that of
    the full ``M``: the full ranking's top :math:`k` is somewhat more
    reproducible than this overlap says. :math:`O(n \log n)` time.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import rank_spreaders, top_k_reproducibility
    >>> G = nx.karate_club_graph()
    >>> table = rank_spreaders(G, beta_factor=1.5, measures=["degree"], seed=7)
    >>> got = top_k_reproducibility(table, 5)
    >>> got["overlap"], round(got["random"], 3)
    (5.0, 0.735)

    The third place is a toss-up between nodes 2 and 32 (M = 9.80 and 9.79):

    >>> top_k_reproducibility(table, 3)["overlap"]
    2.0
    """
    batches = batches_of(ranking, "ranking")
    n_nodes = batches.means.shape[1]
    k = check_int("k", k, minimum=1)
    if k > n_nodes:
        raise invalid("k", f"an int in [1, {n_nodes}] (the number of nodes)", k)
    middle = batches.n_batches // 2
    first = _half(batches, slice(0, middle))
    second = _half(batches, slice(middle, None))
    overlap = float(_inclusion(_standing(first), k) @ _inclusion(_standing(second), k))
    return {
        "k": k,
        "n_nodes": n_nodes,
        "overlap": overlap,
        "random": k * k / n_nodes,
        "share": overlap / k,
    }


def _measure_score(ranking: pd.DataFrame, name: str) -> pd.Series:
    """Return a score ordering the nodes as the measure's rank column (higher is better)."""
    return -ranking[f"rank_{name}"].astype(np.float64)


def compare_measures(
    ranking: pd.DataFrame,
    a: str,
    b: str,
    p: Any = (0.01, 0.05, 0.1, 0.2),
    *,
    ties: str = "expected",
    level: float = 0.95,
    n_boot: int = 1000,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return which of two measures picks better spreaders, beyond the Monte Carlo noise.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`rank_spreaders`, with ``rank_<measure>`` columns
        and batch columns ``M_batch_0``, ``M_batch_1``, ... (at least two).
    a, b : str
        Two different measures of the table.
    p : float or sequence of float, default=(0.01, 0.05, 0.1, 0.2)
        The top fractions, each in (0, 1].
    ties : {"expected", "optimistic", "pessimistic", "all"}, default="expected"
        The rule for nodes tied at the cut, as in :func:`imprecision`.
    level : float, default=0.95
        Confidence level of the interval, in (0, 1).
    n_boot : int, default=1000
        Bootstrap draws, >= 1.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``p`` (index named ``"p"``, in the order given), columns
        ``imprecision_<a>`` and ``imprecision_<b>`` (each measure's
        :math:`\varepsilon(p)` from ``M``), ``difference`` (the first minus
        the second: negative when ``a`` is better), ``low`` and ``high`` (the
        interval on the difference) and ``winner``: ``a`` when the whole
        interval is below 0, ``b`` when it is above, else ``"neither"``
        (the difference is within the noise). ``attrs`` records ``a``,
        ``b``, ``ties``, ``level``, ``n_boot``, ``batches`` and the seed
        provenance.

    Raises
    ------
    TypeError
        If ``ranking`` is not a DataFrame or an argument has the wrong type.
    InvalidParameterError
        If ``a`` or ``b`` is not a measure of the table, or they are the
        same; if the table has fewer than two batch columns; if a ``p`` is
        outside (0, 1], ``ties`` unknown, ``level`` not in (0, 1) or
        ``n_boot < 1``.

    See Also
    --------
    imprecision : one measure's score, with its own band.
    summary : every measure's scores.

    Notes
    -----
    **Paired bootstrap over batches.** ``n_boot`` times, :math:`B` batches
    are drawn with replacement, their run-weighted mean :math:`M^*` stretched
    about :math:`\hat M` by :math:`\sqrt{B/(B-1)}` (so that its variance is
    the usual :math:`s^2/B`), and both imprecisions are computed against the
    *same* :math:`M^*`; ``low`` and ``high`` are the
    :math:`(1 \mp \mathrm{level})/2` quantiles of the differences
    :math:`\varepsilon_a^* - \varepsilon_b^*` (percentile interval). Pairing
    cancels what the two scores share: the noise of
    :math:`M_{\mathrm{eff}}(p)` and of every node both measures pick, so a
    small but sure difference is found where the two separate bands
    overlap. The interval covers the Monte Carlo error of ``M`` on this
    graph, not the choice of graph; with fewer than about 10 batches it is
    too narrow. A "winner" at one ``p`` out of several may be chance: at
    level 0.95, one ``p`` in 20 on average names a winner between equally
    good measures.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import compare_measures, rank_spreaders
    >>> G = nx.karate_club_graph()
    >>> table = rank_spreaders(G, beta_factor=1.5, measures=["degree", "k_shell"], seed=7)
    >>> got = compare_measures(table, "degree", "k_shell", [0.1, 0.2], seed=1)
    >>> got.round(3)
         imprecision_degree  imprecision_k_shell  difference    low   high  winner
    p
    0.1               0.000                0.152      -0.151 -0.169 -0.133  degree
    0.2               0.014                0.068      -0.054 -0.068 -0.039  degree
    """
    names = measure_columns(ranking)
    a = check_choice("a", a, names)
    b = check_choice("b", b, names)
    if a == b:
        raise invalid("b", f"a measure other than a ({a!r})", b)
    ties = check_choice("ties", ties, TIES)
    level = check_level(level)
    n_boot = check_n_boot(n_boot)
    fractions, _ = _fractions(p)
    batches = batches_of(ranking, "ranking")
    efficiency = _values("ranking['M']", ranking["M"])
    scores = [_values(f"ranking['rank_{name}']", _measure_score(ranking, name)) for name in (a, b)]
    points = [_point_imprecision(x, efficiency, fractions, ties) for x in scores]
    scorers = [_Scorer(x, fractions, ties) for x in scores]
    (draws_a, draws_b), root = _batched_scores(scorers, batches, n_boot, seed)
    alpha = 1.0 - level
    low, high = np.quantile(draws_a - draws_b, [alpha / 2, 1 - alpha / 2], axis=0)
    winner = np.where(high < 0, a, np.where(low > 0, b, "neither"))
    result = pd.DataFrame(
        {
            f"imprecision_{a}": points[0],
            f"imprecision_{b}": points[1],
            "difference": points[0] - points[1],
            "low": low,
            "high": high,
            "winner": winner.astype(object),
        },
        index=pd.Index(fractions, name="p"),
    )
    result.attrs.update(
        provenance(
            root, a=a, b=b, ties=ties, level=level, n_boot=n_boot, batches=batches.n_batches,
            interval="paired percentile bootstrap over batches",
        )
    )  # fmt: skip
    return result
