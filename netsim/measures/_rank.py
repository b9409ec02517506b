"""Kitsak's protocol in one call: every measure against simulated spreading.

:func:`rank_spreaders` computes the measures and every node's spreading
efficiency ``M`` (discrete SIR with ``mu = 1``, by bond percolation) and
ranks the nodes by each; :func:`summary` scores each measure against ``M``
(imprecision, Kendall's tau-b with a Monte Carlo interval, monotonicity).

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Bae and Kim 2014,
doi:10.1016/j.physa.2013.10.047.
"""

import numbers
from collections.abc import Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._seeding import Purpose, child, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_int, invalid
from ..graphs import CSRGraph
from ..graphs._csr import as_csr
from ..spread import spreading_efficiency
from ._batches import (
    batch_columns,
    batches_of,
    check_level,
    check_n_boot,
    draw_counts,
    rank_interval,
)
from ._registry import centrality, centrality_names, check_params, resolve
from ._scores import imprecision, kendall_tau, monotonicity
from ._uncertainty import measure_columns as _measure_columns
from ._uncertainty import top_k_reproducibility

__all__ = ["DEFAULT_MEASURES", "rank_spreaders", "summary"]

#: The measures :func:`rank_spreaders` computes by default, when installed.
#: All are near-linear in the graph's size, except exact betweenness and
#: closeness (O(n m)), included only up to ``_PATH_LIMIT`` node-edge products.
DEFAULT_MEASURES = (
    "degree",
    "k_shell",
    "h_index",
    "collective_influence",
    "semi_local",
    "voterank",
    "eigenvector",
    "pagerank",
    "closeness",
    "betweenness",
)
_PATH_LIMIT = 5 * 10**8
_PATH_MEASURES = ("closeness", "betweenness")
#: Measures for which a lower value is better (VoteRank's election round,
#: with 0 for nodes never elected, which rank last).
_LOWER_FIRST = ("voterank",)


def _measure_specs(G: Any, measures: Any) -> dict[str, dict[str, Any]]:
    """Return ``{name: params}`` for the measures asked for, all checked."""
    if measures is None:
        available = centrality_names()
        n_nodes, n_edges = _size(G)
        return {
            name: {}
            for name in DEFAULT_MEASURES
            if name in available
            and (name not in _PATH_MEASURES or n_nodes * n_edges <= _PATH_LIMIT)
        }
    if isinstance(measures, str):
        measures = [measures]
    if isinstance(measures, Mapping):
        items = list(measures.items())
    elif np.iterable(measures):
        items = [(name, {}) for name in measures]
    else:
        message = (
            "measures must be None, a measure name, a sequence of names or a mapping "
            f"of names to parameters; got {type(measures).__name__}."
        )
        raise TypeError(message)
    if not items:
        raise invalid("measures", "a non-empty sequence of measure names", list(measures))
    specs: dict[str, dict[str, Any]] = {}
    for name, params in items:
        function = resolve(name)
        if name in specs:
            raise invalid("measures", "distinct measure names", name)
        if not isinstance(params, Mapping):
            message = (
                f"the parameters of measure {name!r} must be a dict; got {type(params).__name__}."
            )
            raise TypeError(message)
        check_params(name, function, dict(params))
        specs[name] = dict(params)
    return specs


def _size(G: Any) -> tuple[int, int]:
    if isinstance(G, CSRGraph):
        return G.n_nodes, G.n_edges
    if isinstance(G, nx.Graph):
        return G.number_of_nodes(), G.number_of_edges()
    return as_csr(G, caller="rank_spreaders").n_nodes, 0  # raises the TypeError


def _score(name: str, values: pd.Series) -> pd.Series:
    """Return a score that orders nodes like ``values``, higher meaning more influential."""
    if name in _LOWER_FIRST:
        never = values <= 0
        return (-values.astype(np.float64)).where(~never, -(float(values.max()) + 1.0))
    return values


def rank_spreaders(
    G: nx.Graph | CSRGraph,
    *,
    beta: float | None = None,
    beta_factor: float | None = None,
    target_outbreak: float | None = None,
    threshold: str = "configuration",
    measures: Any = None,
    n_runs: int = 1000,
    batches: int | None = None,
    level: float = 0.95,
    n_boot: int = 1000,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return every node's centralities, spreading efficiency and ranks, in one table.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph with at least one node.
    beta : float, optional
        Transmission probability per contact, in [0, 1]. Give exactly one of
        ``beta`` and ``beta_factor``.
    beta_factor : float, optional
        ``beta`` as a multiple of the epidemic threshold,
        ``beta = beta_factor * epidemic_threshold(G)``, as Kitsak et al.
        [1]_ state it.
    target_outbreak : float, optional
        Choose ``beta`` so that the mean over nodes of ``M_i / n`` is this
        share of the nodes, in (0, 1) (see
        :func:`netsim.spreading_efficiency`).
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        The threshold that ``beta_factor`` multiplies (see
        :func:`netsim.epidemic_threshold`).
    measures : str, sequence of str or dict, optional
        The measures, by name (:func:`centrality_names`), or a dict from
        names to their parameters (``{"collective_influence": {"l": 3}}``).
        A measure that draws random numbers (betweenness with ``k`` pivots)
        takes its own ``seed`` among its parameters; ``seed`` below keys the
        spreading only.
        Default: those of ``DEFAULT_MEASURES`` that are installed (degree,
        k-shell, H-index, collective influence, semi-local, VoteRank,
        eigenvector, PageRank, and closeness and exact betweenness when
        ``n_nodes * n_edges <= 5e8``, as on ego-Facebook).
    n_runs : int, default=1000
        Percolation samples, so outbreaks per node, >= 1.
    batches : int, optional
        Consecutive batches the runs are split into, from 1 to ``n_runs``,
        for the rank intervals and the later scores' intervals; default 10,
        or ``n_runs`` when fewer. ``M`` does not depend on it.
    level : float, default=0.95
        Confidence level of the rank intervals, in (0, 1).
    n_boot : int, default=1000
        Bootstrap draws of the rank intervals, >= 1.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by node
        In the order of ``list(G)``, columns: one per measure (its values,
        as :func:`centrality` returns them); ``M``, ``M_se`` and ``n_runs``
        and, with more than one batch, the batch means ``M_batch_0``, ...
        (as :func:`netsim.spreading_efficiency` returns them); then
        ``rank_M``, its interval ``rank_M_low`` and ``rank_M_high`` (NaN
        with one batch), and ``rank_<measure>`` for each measure (float64, 1
        for the best node, tied nodes sharing their average rank). ``attrs``
        holds the efficiency's provenance (``beta``, ``method``,
        ``batches``, seed), ``level``, ``n_boot`` and ``measures``, the
        parameters used.

    Raises
    ------
    InvalidParameterError
        If a measure name is unknown (with a did-you-mean hint), repeated, or
        given a parameter it does not take; if ``beta`` or ``beta_factor`` is
        out of range, or both or neither are given; if ``n_runs < 1``,
        ``batches`` is not in [1, ``n_runs``], ``level`` not in (0, 1),
        ``n_boot < 1`` or ``G`` has no node; and whatever a measure raises
        for ``G``.
    TypeError
        If an argument has the wrong type.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    summary : the scores of each measure from this table.
    top_k_reproducibility : whether the top k by ``M`` is more than noise.
    compare_measures : which of two measures is better, beyond the noise.
    spreading_efficiency : ``M`` alone, for any spreading model.
    centrality : one measure by name.

    Notes
    -----
    The spreading efficiency :math:`M_i` is the mean final outbreak size of
    discrete SIR with recovery probability 1 started at node :math:`i`,
    estimated for all nodes at once from ``n_runs`` bond-percolation samples
    (exact in distribution; see :func:`netsim.spreading_efficiency`):
    :math:`O(R\,m\,\alpha(n))` time for :math:`R` runs. The measures cost
    what their functions cost; all defaults are near-linear except
    closeness and exact betweenness, :math:`O(n\,m)`, which is why they are
    left out on large graphs (ask for them by name, or for betweenness with
    ``k`` sampled pivots).

    Ranks are by decreasing value (VoteRank: by increasing election round,
    with never-elected nodes last), ties taking the average of the ranks
    they span (``pandas.Series.rank(method="average")``), the convention of
    Kendall's tau-b; so rank columns can hold halves.

    **Rank intervals.** The runs are split into :math:`B` batches whose
    means are independent estimates of the whole vector :math:`M` (see
    :func:`netsim.spreading_efficiency`). ``n_boot`` times, :math:`B`
    batches are drawn with replacement and their run-weighted mean
    :math:`M^*` is stretched about :math:`\hat M` by :math:`\sqrt{B/(B-1)}`
    (so that its variance is the usual :math:`s^2/B`); the nodes are ranked
    by :math:`M^*`. ``rank_M_low`` is the :math:`(1 - \mathrm{level})/2`
    quantile of a node's ranks (rounded down to a rank drawn) and
    ``rank_M_high`` the :math:`(1 + \mathrm{level})/2` quantile (rounded
    up). Resampling whole batches keeps the correlation of nodes within a
    percolation sample. Limits: the interval is that of Monte Carlo noise
    on this graph, not of the graph's own randomness; it is a percentile
    interval around the noisy ranking, and with :math:`B = 10` batches it
    covered the exact ranks of a 40-node tree 94 % of the time at level
    0.95 (with 4 batches, 88 %: few batches give normal rather than
    Student tails, so intervals that are too narrow); the intervals of
    different nodes hold jointly less often than each alone. Nodes whose
    exact :math:`M` are equal share their average exact rank (a half when
    two tie). :math:`O(n_{boot}\,n\,(B + \log n))` time (the draws are
    ranked again for every block of nodes whose ranks fill 64 MiB, so
    large graphs take several passes).

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nat. Phys. 6, 888-893 (2010),
       doi:10.1038/nphys1746.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import rank_spreaders
    >>> G = nx.karate_club_graph()
    >>> table = rank_spreaders(G, beta_factor=1.5, measures=["degree", "k_shell"], seed=7)
    >>> [c for c in table.columns if not c.startswith("M_batch_")]  # doctest: +NORMALIZE_WHITESPACE
    ['degree', 'k_shell', 'M', 'M_se', 'n_runs', 'rank_M', 'rank_M_low', 'rank_M_high',
     'rank_degree', 'rank_k_shell']
    >>> table.attrs["batches"]
    10
    >>> columns = ["degree", "k_shell", "M", "M_se", "rank_M", "rank_M_low", "rank_M_high"]
    >>> table.sort_values("rank_M")[columns].head(4).round(2)
          degree  k_shell      M  M_se  rank_M  rank_M_low  rank_M_high
    node
    33        17        4  10.70  0.18     1.0         1.0          2.0
    0         16        4  10.46  0.18     2.0         1.0          2.0
    2         10        4   9.80  0.20     3.0         3.0          4.0
    32        12        4   9.79  0.20     4.0         3.0          4.0
    """
    specs = _measure_specs(G, measures)  # 1. validate (the rest in spreading_efficiency)
    level = check_level(level)
    n_boot = check_n_boot(n_boot)
    if batches is None:
        batches = min(10, check_int("n_runs", n_runs, minimum=1))
    root = seed_sequence(seed)
    efficiency = spreading_efficiency(
        G, "sir", beta=beta, beta_factor=beta_factor, target_outbreak=target_outbreak,
        threshold=threshold, n_runs=n_runs, method="percolation", batches=batches, seed=root,
    )  # fmt: skip
    columns = {name: centrality(G, name, **params) for name, params in specs.items()}
    frame = pd.DataFrame(columns, index=efficiency.index)
    frame = pd.concat([frame, efficiency], axis=1)
    ranks = {"rank_M": efficiency["M"].rank(ascending=False, method="average")}
    low = high = np.full(len(frame), np.nan)
    if batch_columns(efficiency):
        draws = np.random.default_rng(child(root, int(Purpose.BOOTSTRAP)))
        found = batches_of(efficiency, "efficiency")
        low, high = rank_interval(found, draw_counts(draws, n_boot, found.n_batches), level)
    ranks["rank_M_low"] = pd.Series(low, index=frame.index)
    ranks["rank_M_high"] = pd.Series(high, index=frame.index)
    for name in specs:
        ranks[f"rank_{name}"] = _score(name, frame[name]).rank(ascending=False, method="average")
    frame = pd.concat([frame, pd.DataFrame(ranks, index=frame.index)], axis=1)
    frame.attrs.update(efficiency.attrs)
    frame.attrs.update(level=level, n_boot=n_boot, measures=specs)
    return frame


def summary(
    ranking: pd.DataFrame,
    *,
    p: Any = (0.01, 0.05, 0.1, 0.2),
    level: float = 0.95,
    n_boot: int = 200,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return the scores of every measure of a ranking against the spreading efficiency.

    Parameters
    ----------
    ranking : pandas.DataFrame
        The table of :func:`rank_spreaders` (columns ``M``, ``M_se`` and
        ``rank_<measure>``).
    p : sequence of float, default=(0.01, 0.05, 0.1, 0.2)
        The top fractions at which to give the imprecision, each in (0, 1].
    level : float, default=0.95
        Confidence level of the intervals on tau and on the imprecision, in
        (0, 1).
    n_boot : int, default=200
        Bootstrap draws for each interval, >= 1.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame
        Indexed by measure (index named ``"measure"``, in the ranking's
        order), columns ``imprecision_<p>``, ``imprecision_<p>_low`` and
        ``imprecision_<p>_high`` (its band) for each ``p`` (e.g.
        ``imprecision_0.05``), ``kendall_tau``, ``kendall_tau_low``,
        ``kendall_tau_high`` (the interval) and ``monotonicity``. The bands
        are NaN when the ranking has no batch columns (one run). ``attrs``
        records ``level``, ``n_boot``, ``ties`` (the rule for ties at the
        cut: "expected"), ``top_k_reproducibility`` (that of
        :func:`top_k_reproducibility` for the top 10 nodes, or all if fewer;
        None without batches) and the seed provenance.

    Raises
    ------
    TypeError
        If ``ranking`` is not a DataFrame, or an argument has the wrong type.
    InvalidParameterError
        If ``ranking`` lacks the columns above; if a ``p`` is outside
        (0, 1], ``level`` outside (0, 1) or ``n_boot < 1``.

    See Also
    --------
    rank_spreaders : the table this summarises.
    imprecision, kendall_tau, monotonicity : the scores, one at a time.

    Notes
    -----
    Each measure is scored through its rank column (the order it puts the
    nodes in, ties included), so that measures where lower is better
    (VoteRank) are scored the right way round: the imprecision
    :math:`\varepsilon(p)` of Kitsak et al. [1]_ (ties at the cut as in
    :func:`imprecision`), Kendall's tau-b with ``M`` and Bae and Kim's
    monotonicity [2]_.

    **Bands on the imprecision.** From the batches of runs, as in
    :func:`imprecision` given the table: percentile intervals of the
    bootstrap over batches, the same resampled batches for every measure
    (draws from ``numpy.random.default_rng`` seeded by the child
    ``(BOOTSTRAP,)`` of ``seed``). Whether one measure beats another is the
    paired question of :func:`compare_measures`: overlapping bands do not
    mean "no difference".

    **Interval on tau.** ``M`` is a Monte Carlo estimate, so tau is too. A
    parametric bootstrap redraws every node's efficiency as
    :math:`M_i^* = M_i + \mathrm{SE}_i Z_i` with independent standard normal
    :math:`Z_i` (``n_boot`` times, the same draws for every measure), and
    recomputes :math:`\tau^*`. Noise in ``M`` biases tau towards 0, and the
    redrawn values carry that noise twice, so the interval is the *basic*
    (reverse percentile) bootstrap interval
    :math:`[2\hat\tau - q_{1-\alpha/2}, 2\hat\tau - q_{\alpha/2}]` of the
    :math:`\tau^*` quantiles :math:`q`, which corrects that shift to first
    order, clipped to [-1, 1]: linear extrapolation from noise levels 1 and
    2 back to 0, as in SIMEX (Cook and Stefanski [3]_), so it is reliable
    when the correction is small, that is when ``n_runs`` is large enough
    that the ranks by ``M`` are stable. The interval estimates the tau of the
    exact ``M``; it need not contain the noisy ``kendall_tau``, which is
    biased low. It covers the Monte Carlo error only, not the choice of
    graph. NaN when ``M_se`` is NaN (one run) or tau is undefined. The
    draws come from ``numpy.random.default_rng`` seeded by ``seed``.
    :math:`O(B\,K\,n \log n)` time for :math:`B` draws and :math:`K`
    measures.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nat. Phys. 6, 888-893 (2010),
       doi:10.1038/nphys1746.
    .. [2] J. Bae and S. Kim, "Identifying and ranking influential spreaders
       in complex networks by neighborhood coreness", Physica A 395, 549-559
       (2014), doi:10.1016/j.physa.2013.10.047.
    .. [3] J. R. Cook and L. A. Stefanski, "Simulation-extrapolation
       estimation in parametric measurement error models", J. Am. Stat.
       Assoc. 89, 1314-1328 (1994), doi:10.1080/01621459.1994.10476871.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import rank_spreaders, summary
    >>> G = nx.karate_club_graph()
    >>> table = rank_spreaders(G, beta_factor=1.5, measures=["degree", "k_shell"], seed=7)
    >>> scores = summary(table, p=[0.1, 0.2], seed=1)
    >>> scores.T.round(3)
    measure               degree  k_shell
    imprecision_0.1        0.000    0.152
    imprecision_0.1_low    0.000    0.139
    imprecision_0.1_high   0.012    0.169
    imprecision_0.2        0.014    0.068
    imprecision_0.2_low    0.007    0.061
    imprecision_0.2_high   0.027    0.080
    kendall_tau            0.676    0.610
    kendall_tau_low        0.634    0.571
    kendall_tau_high       0.700    0.640
    monotonicity           0.708    0.496
    >>> scores.attrs["top_k_reproducibility"]["overlap"]  # of the top 10, by two halves of the runs
    9.0
    """
    names = _measure_columns(ranking)
    level = check_level(level)
    n_boot = check_n_boot(n_boot)
    fractions = [p] if isinstance(p, numbers.Real) else p
    efficiency = ranking["M"]
    se = ranking["M_se"].to_numpy(dtype=np.float64)
    root = seed_sequence(seed)
    noise = np.random.default_rng(root).standard_normal((n_boot, len(ranking)))
    redrawn = [
        pd.Series(efficiency.to_numpy(dtype=np.float64) + se * z, index=ranking.index)
        for z in noise
    ]
    alpha = 1.0 - level
    with_batches = len(batch_columns(ranking)) >= 2
    bands = child(root, int(Purpose.BOOTSTRAP))
    rows = {}
    for name in names:
        score = -ranking[f"rank_{name}"]
        if with_batches:  # the same seed for every measure: the same resampled batches
            band = imprecision(score, ranking, fractions, level=level, n_boot=n_boot, seed=bands)
        else:
            band = (
                imprecision(score, efficiency, fractions).to_frame().assign(low=np.nan, high=np.nan)
            )
        row = pd.Series(
            {
                f"imprecision_{value:g}{suffix}": band.loc[value, column]
                for value in band.index
                for suffix, column in (("", "imprecision"), ("_low", "low"), ("_high", "high"))
            }
        )
        tau = kendall_tau(score, efficiency)
        low = high = np.nan
        if np.isfinite(tau) and np.all(np.isfinite(se)):
            taus = np.array([kendall_tau(score, values) for values in redrawn])
            q_low, q_high = np.nanquantile(taus, [alpha / 2, 1 - alpha / 2])
            low = float(np.clip(2 * tau - q_high, -1.0, 1.0))
            high = float(np.clip(2 * tau - q_low, -1.0, 1.0))
        extra = pd.Series(
            {
                "kendall_tau": tau,
                "kendall_tau_low": low,
                "kendall_tau_high": high,
                "monotonicity": monotonicity(score),
            }
        )
        rows[name] = pd.concat([row, extra])
    table = pd.DataFrame(rows).T.astype(np.float64)
    table.index.name = "measure"
    reproducibility = None
    if with_batches:
        reproducibility = top_k_reproducibility(ranking, min(10, len(ranking)))
    table.attrs.update(
        provenance(
            root, level=level, n_boot=n_boot, interval="basic bootstrap", ties="expected",
            top_k_reproducibility=reproducibility,
        )
    )  # fmt: skip
    return table
