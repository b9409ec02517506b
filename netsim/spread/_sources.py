"""Several spreaders: choosing k sources, and comparing the outbreaks they start together.

Strategies: the top nodes by degree or by k-shell; Kitsak et al.'s [1]_
multiple-spreader rule (highest k-shell first, no two sources close); the
adaptive collective-influence removal of Morone and Makse [2]_; VoteRank
(Zhang et al. [3]_, as ``networkx.voterank``); and the greedy influence
maximisation of Kempe, Kleinberg and Tardos [4]_ on fixed bond-percolation
samples, with lazy evaluation (CELF, Leskovec et al. [5]_).

References
----------
.. [1] M. Kitsak et al., "Identification of influential spreaders in complex
   networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.
.. [2] F. Morone and H. A. Makse, "Influence maximization in complex networks
   through optimal percolation", Nature 524, 65-68 (2015),
   doi:10.1038/nature14604.
.. [3] J.-X. Zhang et al., "Identifying a set of influential spreaders in
   complex networks", Sci. Rep. 6, 27823 (2016), doi:10.1038/srep27823.
.. [4] D. Kempe, J. Kleinberg and E. Tardos, "Maximizing the spread of
   influence through a social network", Proc. KDD 2003, 137-146,
   doi:10.1145/956750.956769.
.. [5] J. Leskovec et al., "Cost-effective outbreak detection in networks",
   Proc. KDD 2007, 420-429, doi:10.1145/1281192.1281239.
"""

from collections import deque
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._kernels import kshell as _kshell
from .._kernels import local_centrality as _local
from .._kernels import sources as _kernel
from .._seeding import Purpose, child, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_choice, check_int, invalid
from ..graphs._csr import CSRGraph, _python_scalar, as_csr
from ..graphs._edge_order import edge_order
from ._joint import JOINT_KEYWORDS, joint_spread
from ._models import model_params, resolve
from ._regime import regime_beta

__all__ = ["STRATEGIES", "choose_sources", "compare_sources"]

#: The strategies of :func:`choose_sources`, in the order tables show them.
STRATEGIES = (
    "degree",
    "k_shell",
    "k_shell_apart",
    "collective_influence",
    "voterank",
    "greedy",
)

#: Defaults of the options whose signature default is None.
MIN_DISTANCE, RADIUS, N_RUNS = 2, 2, 1000

#: The options each strategy takes (besides G, k and strategy).
_OPTIONS = {
    "degree": (),
    "k_shell": (),
    "k_shell_apart": ("min_distance",),
    "collective_influence": ("l",),
    "voterank": (),
    "greedy": (*JOINT_KEYWORDS, "n_runs", "seed"),
}
_OPTION_DEFAULTS = {"transmission": "contact", "weight": "trust", "threshold": "configuration"}

#: At most this many parallel chunks for the all-node collective influence.
_MAX_CHUNKS = 16
#: Parallel chunks of the recomputations after each removal (any value gives the same result).
_REMOVAL_CHUNKS = 8


def _check_options(strategy: str, options: dict[str, Any]) -> None:
    """Refuse an option given to a strategy that does not use it."""
    takes = _OPTIONS[strategy]
    for name, value in options.items():
        default = _OPTION_DEFAULTS.get(name)
        if value is not None and value != default and name not in takes:
            if takes:
                hint = f"Strategy {strategy!r} takes {', '.join(takes)}."
            else:
                hint = f"Strategy {strategy!r} is deterministic and takes no option."
            shown = "None" if default is None else repr(default)
            raise invalid(name, f"{shown} for strategy {strategy!r}", value, hint)


def _order_degree(csr: CSRGraph) -> np.ndarray:
    return np.argsort(-csr.degrees, kind="stable")


def _order_k_shell(csr: CSRGraph) -> np.ndarray:
    core = np.asarray(_kshell.core_numbers_peel(csr.indptr, csr.indices), dtype=np.int64)
    degree = np.asarray(csr.degrees, dtype=np.int64)
    # np.lexsort sorts by the last key first; positions break the remaining ties.
    return np.lexsort((np.arange(csr.n_nodes), -degree, -core))


def _k_shell_apart(csr: CSRGraph, k: int, min_distance: int) -> np.ndarray:
    """Take nodes in k-shell order, skipping those closer than min_distance to a chosen one."""
    indptr, indices = csr.indptr, csr.indices
    blocked = np.zeros(csr.n_nodes, dtype=bool)
    chosen: list[int] = []
    for v in _order_k_shell(csr).tolist():
        if blocked[v]:
            continue
        chosen.append(v)
        if len(chosen) == k:
            break
        # Block the ball of radius min_distance - 1 around v (v itself included).
        blocked[v] = True
        frontier = deque([(v, 0)])
        while frontier:
            u, d = frontier.popleft()
            if d + 1 >= min_distance:
                continue
            for w in indices[indptr[u] : indptr[u + 1]].tolist():
                if not blocked[w]:
                    blocked[w] = True
                    frontier.append((w, d + 1))
    if len(chosen) < k:
        hint = (
            f"Only {len(chosen)} node{'s' * (len(chosen) != 1)} can be taken in k-shell "
            "order at pairwise distance "
            f">= {min_distance}; lower k or min_distance."
        )
        raise invalid("k", f"an int <= {len(chosen)} for this graph", k, hint)
    return np.asarray(chosen, dtype=np.int64)


def _collective_influence(csr: CSRGraph, k: int, radius: int) -> np.ndarray:
    n_chunks = max(1, min(csr.n_nodes, _MAX_CHUNKS))
    ci = _kernel.collective_influence_all(csr.indptr, csr.indices, radius, n_chunks)
    return _kernel.collective_influence_removal(
        csr.indptr, csr.indices, radius, k, ci, min(n_chunks, _REMOVAL_CHUNKS)
    )


def _voterank(G: Any, csr: CSRGraph, k: int) -> np.ndarray:
    """Return the first ``k`` nodes VoteRank elects, as ``netsim.voterank`` orders the votes."""
    if isinstance(G, nx.Graph) and nx.number_of_selfloops(G) == 0:
        order = edge_order(G)  # a networkx graph keeps its edge order
    else:
        order = np.ascontiguousarray(csr.indices, dtype=np.int64)
    indptr = np.ascontiguousarray(csr.indptr, dtype=np.int64)
    elected = _local.voterank_elect(indptr, order, k)
    if elected.size < k:
        hint = (
            f"VoteRank elects only {elected.size} node{'s' * (elected.size != 1)} on this "
            "graph before every vote is 0; lower k."
        )
        raise invalid("k", f"an int <= {elected.size} for this graph", k, hint)
    return elected


def _greedy(
    G: Any, k: int, options: dict[str, Any], caller: str
) -> tuple[CSRGraph, np.ndarray, dict[str, Any]]:
    params = model_params(options)
    root = seed_sequence(options["seed"])
    dynamics = resolve(G, "sir", params, caller=caller, root=root)
    csr = dynamics.csr
    _check_k(k, csr)
    n_runs = check_int(
        "n_runs", N_RUNS if options["n_runs"] is None else options["n_runs"], minimum=1
    )
    key0, key1 = kernel_key(root)
    labels, sizes = _kernel.cluster_labels_bond_percolation(
        csr.indptr, csr.indices, dynamics.edge_values, dynamics.beta, n_runs, key0, key1,
        int(Purpose.PERCOLATION),
    )  # fmt: skip
    chosen, gains = _kernel.greedy_sources_sample_average(labels, sizes, k)
    attrs = provenance(root, **dynamics.attrs, n_runs=n_runs)
    attrs["gains"] = [float(g) / n_runs for g in gains.tolist()]
    attrs["objective"] = float(gains.sum()) / n_runs
    return csr, chosen, attrs


def _check_k(k: int, csr: CSRGraph) -> None:
    if k > csr.n_nodes:
        hint = f"G has {csr.n_nodes} nodes."
        raise invalid("k", f"an int <= the number of nodes ({csr.n_nodes})", k, hint)


def choose_sources(
    G: Any,
    k: int,
    *,
    strategy: str,
    min_distance: int | None = None,
    l: int | None = None,  # noqa: E741 - Morone and Makse's name for the radius
    beta: float | None = None,
    beta_factor: float | None = None,
    target_outbreak: float | None = None,
    threshold: str = "configuration",
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    n_runs: int | None = None,
    seed: SeedLike = None,
) -> pd.Series:
    r"""Choose ``k`` sources to start an outbreak together, by a named strategy.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``strategy="greedy"`` and
        ``transmission="trust"``, a networkx graph needs the edge attribute
        ``weight`` and a CSRGraph needs weights.
    k : int
        Number of sources, 1 <= k <= number of nodes.
    strategy : {"degree", "k_shell", "k_shell_apart", "collective_influence", "voterank", "greedy"}
        How to choose (see Notes). Each strategy takes only its own options
        below; giving another strategy's option is an error.
    min_distance : int, optional
        "k_shell_apart": the smallest distance allowed between two sources,
        >= 1; default 2 (no two sources adjacent).
    l : int, optional
        "collective_influence": radius of the ball, >= 1; default 2.
    beta : float, optional
        "greedy": transmission probability per contact, in [0, 1], of
        discrete SIR with ``mu = 1``. Give exactly one of ``beta``,
        ``beta_factor`` and ``target_outbreak``.
    beta_factor : float, optional
        "greedy": ``beta`` as a multiple of the epidemic threshold:
        ``beta = beta_factor * epidemic_threshold(G, threshold)``.
    target_outbreak : float, optional
        "greedy": choose ``beta`` so that the mean over nodes of ``M_i / n``
        is this share of the nodes, in (0, 1) (:func:`beta_for_outbreak`,
        drawn from the child ``REGIME`` of ``seed``).
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        "greedy": the threshold that ``beta_factor`` multiplies (see
        :func:`epidemic_threshold`).
    transmission : {"contact", "trust"}, default="contact"
        "greedy": "contact": every edge transmits with ``beta``. "trust":
        edge ij transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
    weight : str, default="trust"
        "greedy": edge attribute holding the trust of a networkx graph; used
        only with ``transmission="trust"``.
    w_ref : float, optional
        "greedy": trust that transmits like an unweighted edge, > 0; default
        the mean trust over edges. Only with ``transmission="trust"``.
    n_runs : int, optional
        "greedy": the number ``R`` of bond-percolation samples, >= 1; default
        1000.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.Series indexed by rank
        The chosen nodes (their labels), named ``"source"``, in order of
        choice, with a ``RangeIndex`` named ``"rank"`` (0 is the first
        choice). A Series rather than an Index so that it carries
        ``attrs``: ``strategy`` and the options used; for "greedy" also the
        model's parameters (``beta``, ``beta_factor``, ``mu = 1``,
        ``transmission``, ``w_ref``), ``n_runs``, ``gains`` (the marginal
        gain of each choice in the sample-average objective, in nodes),
        ``objective`` (their sum: the mean over the samples of the joint
        outbreak size, an optimistic estimate since the samples chose the
        sources; :func:`compare_sources` measures it on fresh runs) and the
        seed provenance. Pass it on as ``simulate(G, "sir", sources=...)``.

    Raises
    ------
    InvalidParameterError
        If ``k`` is < 1 or larger than the number of nodes; if ``strategy``
        is unknown (with a did-you-mean hint); if an option is out of range
        or belongs to another strategy (``seed`` and the model's parameters
        belong to "greedy" alone, which needs them); if "k_shell_apart"
        cannot find ``k`` nodes far enough apart, or VoteRank elects fewer
        than ``k`` nodes.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    compare_sources : the outbreak each strategy's sources start together.
    simulate : outbreaks from given sources.
    spreading_efficiency : every node's outbreak as the only source.

    Notes
    -----
    Ties are broken by ``G``'s node order (the order of ``list(G)``)
    unless said otherwise.

    * "degree": the ``k`` nodes of highest degree.
    * "k_shell": the ``k`` nodes of highest core number :math:`k_S`, ties by
      higher degree, then node order.
    * "k_shell_apart": Kitsak et al.'s [1]_ rule for several spreaders: the
      nodes in "k_shell" order, skipping every candidate at distance
      < ``min_distance`` of a source already chosen (so with the default 2,
      no two sources are adjacent; nodes of other components are at
      distance infinity). Sources in the same core overlap in what they
      infect; spreading them apart avoids that.
    * "collective_influence": Morone and Makse's [2]_ adaptive removal. With
      :math:`k_i` the degree in the remaining graph and
      :math:`\partial B(i, l)` the nodes at distance exactly :math:`l`
      from :math:`i`,

      .. math:: \mathrm{CI}_l(i) = (k_i - 1) \sum_{j \in \partial B(i, l)} (k_j - 1);

      take the node of highest CI (ties: higher remaining degree, then node
      order), remove it, recompute the CI of the nodes within distance
      :math:`l + 1` of it (no other CI changes), and repeat ``k`` times.
      Nodes of degree <= 1 have CI 0. Time
      :math:`O(n \bar{e}_l + k (n + b_{l+1} \bar{e}_l))` in compiled code,
      parallel over the nodes recomputed, with :math:`\bar{e}_l` the mean
      number of edges in a ball of radius :math:`l` and :math:`b_{l+1}` the
      size of the ball around a removed node: near a hub a step rescans much
      of the graph (on a 289,000-edge graph with hubs of degree 9,000, about
      a second per step with ``l = 2``). The paper's later reinsertion
      phase serves dismantling, not the choice of spreaders, and is not
      used.
    * "voterank": the first ``k`` nodes elected by VoteRank [3]_; the same
      nodes, in the same order, as ``networkx.voterank(G, k)``, computed by
      :func:`netsim.voterank` (on a CSRGraph, those of
      ``networkx.voterank(G.to_networkx(), k)``).
    * "greedy": influence maximisation for discrete SIR with ``mu = 1``
      (MODEL.md section 3), whose outbreak from a set :math:`S` is the union
      of the clusters of :math:`S` in bond percolation. On ``R = n_runs``
      fixed samples :math:`r` (the percolation samples of
      :func:`spreading_efficiency` with the same ``seed``, ``beta`` and
      ``n_runs``), the sample-average objective

      .. math:: \hat\sigma_R(S) = \frac{1}{R} \sum_{r=1}^{R}
                \Big|\bigcup_{v \in S} C_r(v)\Big|

      (:math:`C_r(v)` the cluster of :math:`v` in sample :math:`r`) is
      monotone and submodular, so the greedy choice (Kempe et al. [4]_),
      which adds ``k`` times the node of largest marginal gain (ties: node
      order), satisfies :math:`\hat\sigma_R(S_{greedy}) \ge (1 - 1/e)
      \max_{|S| = k} \hat\sigma_R(S)`. This guarantee is exact for the
      sample-average objective; :math:`\hat\sigma_R` converges to the
      expected outbreak size :math:`\sigma(S)` as :math:`R \to \infty`
      (uniformly over the finitely many sets of size ``k``), so the
      guarantee holds for :math:`\sigma` up to the sampling error. Each
      sample's clusters are labelled once (union-find, :math:`O(R\,m\,
      \alpha(n))` time, in parallel over samples); the marginal gain of
      :math:`v` is the mean over samples of :math:`|C_r(v)|` where
      :math:`C_r(v)` is not yet covered, evaluated lazily (CELF [5]_), which
      gives the same choice as evaluating every gain each time. Memory: 9
      bytes per node per sample (labels, cluster sizes, coverage).

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.spread import choose_sources
    >>> G = nx.karate_club_graph()
    >>> choose_sources(G, 3, strategy="degree").tolist()
    [33, 0, 32]
    >>> choose_sources(G, 3, strategy="k_shell").tolist()
    [33, 0, 32]
    >>> choose_sources(G, 3, strategy="k_shell_apart").tolist()
    [33, 0, 24]
    >>> choose_sources(G, 3, strategy="collective_influence").tolist()
    [33, 32, 2]
    >>> choose_sources(G, 3, strategy="voterank").tolist()
    [33, 0, 32]
    >>> chosen = choose_sources(
    ...     G, 2, strategy="greedy", beta_factor=1.5, n_runs=500, seed=42
    ... )
    >>> chosen.tolist(), round(chosen.attrs["objective"], 2)
    ([33, 0], 14.79)
    """
    strategy = check_choice("strategy", strategy, STRATEGIES)
    options = {
        "min_distance": min_distance, "l": l, "beta": beta, "beta_factor": beta_factor,
        "target_outbreak": target_outbreak, "threshold": threshold,
        "transmission": transmission, "weight": weight, "w_ref": w_ref, "n_runs": n_runs,
        "seed": seed,
    }  # fmt: skip
    _check_options(strategy, options)
    k = check_int("k", k, minimum=1)
    caller = "choose_sources"
    attrs: dict[str, Any] = {"strategy": strategy}
    if strategy == "greedy":
        csr, chosen, extra = _greedy(G, k, options, caller)
        attrs.update(extra)
    else:
        csr = as_csr(G, caller=caller)
        _check_k(k, csr)
        if strategy == "degree":
            chosen = _order_degree(csr)[:k]
        elif strategy == "k_shell":
            chosen = _order_k_shell(csr)[:k]
        elif strategy == "k_shell_apart":
            distance = MIN_DISTANCE if min_distance is None else min_distance
            attrs["min_distance"] = check_int("min_distance", distance, minimum=1)
            chosen = _k_shell_apart(csr, k, attrs["min_distance"])
        elif strategy == "collective_influence":
            attrs["l"] = check_int("l", RADIUS if l is None else l, minimum=1)
            chosen = _collective_influence(csr, k, attrs["l"])
        else:
            chosen = _voterank(G, csr, k)
    labels = [_python_scalar(v) for v in csr.nodes[np.asarray(chosen, dtype=np.int64)]]
    series = pd.Series(
        pd.Index(labels, dtype=csr.nodes.dtype, tupleize_cols=False),
        index=pd.RangeIndex(k, name="rank"),
        name="source",
    )
    series.attrs.update(attrs)
    return series


def compare_sources(
    G: Any,
    k: int,
    *,
    strategies: Any = STRATEGIES,
    beta: float | None = None,
    beta_factor: float | None = None,
    target_outbreak: float | None = None,
    threshold: str = "configuration",
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    min_distance: int | None = None,
    l: int | None = None,  # noqa: E741 - Morone and Makse's name for the radius
    n_runs: int = 1000,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Compare the outbreaks that ``k`` sources chosen by each strategy start together.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``transmission="trust"``, a networkx graph
        needs the edge attribute ``weight`` and a CSRGraph needs weights.
    k : int
        Number of sources per strategy, 1 <= k <= number of nodes.
    strategies : sequence of str, default=all of STRATEGIES
        Distinct strategies of :func:`choose_sources`, in the order wanted.
    beta : float, optional
        Transmission probability per contact and step of discrete SIR with
        ``mu = 1``, in [0, 1]. Give exactly one of ``beta``,
        ``beta_factor`` and ``target_outbreak``.
    beta_factor : float, optional
        ``beta`` as a multiple of the epidemic threshold.
    target_outbreak : float, optional
        Choose ``beta`` so that the mean over nodes of ``M_i / n`` is this
        share of the nodes, in (0, 1) (:func:`beta_for_outbreak`, drawn from
        the child ``REGIME`` of ``seed``).
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        The threshold that ``beta_factor`` multiplies (see
        :func:`epidemic_threshold`).
    transmission : {"contact", "trust"}, default="contact"
        As in :func:`simulate`.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        As in :func:`simulate`; only with ``transmission="trust"``.
    min_distance : int, optional
        Passed to "k_shell_apart"; default 2.
    l : int, optional
        Passed to "collective_influence"; default 2.
    n_runs : int, default=1000
        Outbreaks simulated from each strategy's sources, together and each
        alone, >= 2; also the number of percolation samples of "greedy".
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by strategy
        One row per strategy (index named ``"strategy"``), with columns
        ``sources`` (tuple of the chosen labels, in order of choice),
        ``size`` (float64, mean joint outbreak size, sources included),
        ``size_se`` (float64, its standard error), ``overlap`` (float64,
        ``1 - size / sum of the sources' M alone``, see :func:`joint_spread`)
        and ``n_runs`` (int64). ``attrs`` records the model's parameters and
        the seed provenance.

    Raises
    ------
    InvalidParameterError
        As :func:`choose_sources` and :func:`simulate`; also if
        ``strategies`` is empty or repeats a strategy.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    choose_sources : the choice alone.
    joint_spread : the row of one set of sources.
    simulate : outbreaks from any sources, for any model.

    Notes
    -----
    Each strategy chooses with :func:`choose_sources`; then
    :func:`joint_spread` runs discrete SIR with ``mu = 1`` ``n_runs`` times
    from the chosen sources together, and from each alone. The root ``seed`` is split in two
    independent children, ``SeedSequence(entropy, spawn_key=(..., 0))`` for
    the greedy choice and ``(..., 1)`` for the simulations, so the greedy
    sources are judged on runs they were not chosen on (judging them on
    their own samples would flatter them). Every strategy is run with the
    same simulation seed, so two strategies that choose the same set get
    the same row. For another model or ``mu < 1``, pass the chosen sources
    to :func:`simulate`.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.spread import compare_sources
    >>> G = nx.karate_club_graph()
    >>> table = compare_sources(
    ...     G, 3, strategies=["degree", "k_shell_apart", "collective_influence", "greedy"],
    ...     beta_factor=1.5, n_runs=500, seed=7,
    ... )
    >>> table["sources"].tolist()
    [(33, 0, 32), (33, 0, 24), (33, 32, 2), (33, 0, 24)]
    >>> table[["size", "overlap"]].round(2)
                           size  overlap
    strategy
    degree                15.88     0.47
    k_shell_apart         16.00     0.37
    collective_influence  14.76     0.49
    greedy                16.00     0.37
    """
    k = check_int("k", k, minimum=1)
    if isinstance(strategies, str):
        strategies = [strategies]
    names = [check_choice("strategies", name, STRATEGIES) for name in strategies]
    if not names or len(set(names)) != len(names):
        raise invalid("strategies", "a non-empty sequence of distinct strategies", strategies)
    n_runs = check_int("n_runs", n_runs, minimum=2)
    root = seed_sequence(seed)
    choice_seed, run_seed = child(root, 0), child(root, 1)
    given = model_params(locals(), JOINT_KEYWORDS)
    # One beta for every strategy, whatever the seeds (a target outbreak draws from root).
    csr, model, regime = regime_beta(G, given, root, caller="compare_sources")
    rows = []
    attrs: dict[str, Any] = {}
    for name in names:
        options: dict[str, Any] = {}
        if name == "greedy":
            options = {**model, "n_runs": n_runs, "seed": choice_seed}
        elif name == "k_shell_apart":
            options = {"min_distance": min_distance}
        elif name == "collective_influence":
            options = {"l": l}
        chosen = choose_sources(G, k, strategy=name, **options)
        joint = joint_spread(csr, chosen, n_runs=n_runs, **model, seed=run_seed)
        attrs = {
            **regime,
            "transmission": joint.attrs["transmission"],
            "w_ref": joint.attrs["w_ref"],
        }
        row = (joint["size"], joint["size_se"], joint["overlap"])
        rows.append((tuple(chosen.tolist()), *(float(value) for value in row), n_runs))
    frame = pd.DataFrame(
        rows,
        columns=["sources", "size", "size_se", "overlap", "n_runs"],
        index=pd.Index(names, name="strategy"),
    )
    frame["n_runs"] = frame["n_runs"].astype(np.int64)
    frame.attrs.update(provenance(root, **attrs, k=k))
    return frame
