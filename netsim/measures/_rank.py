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

from .._seeding import provenance, seed_sequence
from .._typing import SeedLike
from .._validation import Described, check_int, check_real, invalid
from ..graphs import CSRGraph
from ..graphs._csr import as_csr
from ..spread import spreading_efficiency
from ._registry import centrality, centrality_names, check_params, resolve
from ._scores import imprecision, kendall_tau, monotonicity

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
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by node
        In the order of ``list(G)``, columns: one per measure (its values,
        as :func:`centrality` returns them); ``M``, ``M_se`` and ``n_runs``
        (as :func:`netsim.spreading_efficiency` returns them); then
        ``rank_M`` and ``rank_<measure>`` for each measure (float64, 1 for
        the best node, tied nodes sharing their average rank). ``attrs``
        holds the efficiency's provenance (``beta``, ``method``, seed) and
        ``measures``, the parameters used.

    Raises
    ------
    InvalidParameterError
        If a measure name is unknown (with a did-you-mean hint), repeated, or
        given a parameter it does not take; if ``beta`` or ``beta_factor`` is
        out of range, or both or neither are given; if ``n_runs < 1`` or
        ``G`` has no node; and whatever a measure raises for ``G``.
    TypeError
        If an argument has the wrong type.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    summary : the scores of each measure from this table.
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
    >>> table.columns.tolist()
    ['degree', 'k_shell', 'M', 'M_se', 'n_runs', 'rank_M', 'rank_degree', 'rank_k_shell']
    >>> table.sort_values("rank_M").head(3).round(2)
          degree  k_shell      M  M_se  n_runs  rank_M  rank_degree  rank_k_shell
    node
    33        17        4  10.70  0.18    1000     1.0          1.0           5.5
    0         16        4  10.46  0.18    1000     2.0          2.0           5.5
    2         10        4   9.80  0.20    1000     3.0          4.0           5.5
    """
    specs = _measure_specs(G, measures)  # 1. validate (the rest in spreading_efficiency)
    efficiency = spreading_efficiency(
        G, "sir", beta=beta, beta_factor=beta_factor, target_outbreak=target_outbreak,
        threshold=threshold, n_runs=n_runs, method="percolation", seed=seed,
    )  # fmt: skip
    columns = {name: centrality(G, name, **params) for name, params in specs.items()}
    frame = pd.DataFrame(columns, index=efficiency.index)
    frame = pd.concat([frame, efficiency], axis=1)
    ranks = {"rank_M": efficiency["M"].rank(ascending=False, method="average")}
    for name in specs:
        ranks[f"rank_{name}"] = _score(name, frame[name]).rank(ascending=False, method="average")
    frame = pd.concat([frame, pd.DataFrame(ranks, index=frame.index)], axis=1)
    frame.attrs.update(efficiency.attrs)
    frame.attrs["measures"] = specs
    return frame


def _measure_columns(ranking: Any) -> list[str]:
    if not isinstance(ranking, pd.DataFrame):
        message = (
            f"ranking must be a pandas.DataFrame from rank_spreaders; got {type(ranking).__name__}."
        )
        raise TypeError(message)
    names = [
        column[len("rank_") :]
        for column in ranking.columns
        if isinstance(column, str) and column.startswith("rank_") and column != "rank_M"
    ]
    if not {"M", "M_se"} <= set(ranking.columns) or not names:
        shown = Described(f"columns {list(ranking.columns)!r}")
        constraint = "a table from rank_spreaders, with columns 'M', 'M_se' and 'rank_<measure>'"
        raise invalid("ranking", constraint, shown)
    return names


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
        Confidence level of the interval on tau, in (0, 1).
    n_boot : int, default=200
        Bootstrap draws for the interval, >= 1.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame
        Indexed by measure (index named ``"measure"``, in the ranking's
        order), columns ``imprecision_<p>`` for each ``p`` (e.g.
        ``imprecision_0.05``), ``kendall_tau``, ``kendall_tau_low``,
        ``kendall_tau_high`` (the interval) and ``monotonicity``. ``attrs``
        records ``level``, ``n_boot`` and the seed provenance.

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
    measure           degree  k_shell
    imprecision_0.1    0.000    0.152
    imprecision_0.2    0.014    0.068
    kendall_tau        0.676    0.610
    kendall_tau_low    0.634    0.571
    kendall_tau_high   0.700    0.640
    monotonicity       0.708    0.496
    """
    names = _measure_columns(ranking)
    level = check_real("level", level, low=0.0, high=1.0)
    if level in (0.0, 1.0):
        raise invalid("level", "a float in (0, 1)", level)
    n_boot = check_int("n_boot", n_boot, minimum=1)
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
    rows = {}
    for name in names:
        score = -ranking[f"rank_{name}"]
        row = imprecision(score, efficiency, fractions)
        row.index = [f"imprecision_{value:g}" for value in row.index]
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
    table.attrs.update(provenance(root, level=level, n_boot=n_boot, interval="basic bootstrap"))
    return table
