"""Spreading efficiency ``M_i`` over a whole grid of ``beta``, from coupled percolation samples.

One bond-percolation sample per run serves every ``beta`` of the grid: each
edge draws one uniform and appears at every ``beta`` above its threshold, so
adding the edges in threshold order with a union-find (Newman and Ziff 2000)
gives every node's outbreak size at every ``beta`` in one pass.

References: Newman and Ziff 2000, doi:10.1103/PhysRevLett.85.4104; Newman
2002, doi:10.1103/PhysRevE.66.016128; Grassberger 1983,
doi:10.1016/0025-5564(83)90033-7; Kitsak et al. 2010, doi:10.1038/nphys1746.
"""

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .._kernels import beta_curve as _kernel
from .._seeding import Purpose, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_choice, check_int, check_probability, check_real, invalid
from ..exceptions import InvalidParameterError
from ..graphs._csr import CSRGraph
from ._efficiency import _moments
from ._model_kernels import _MAX_CHUNKS
from ._regime import (
    check_target,
    check_threshold,
    named_threshold,
    regime_root,
    target_beta,
    threshold_value,
)
from ._threshold import THRESHOLDS, configuration_threshold
from ._transmission import graph_for, reference_trust

__all__ = ["spreading_efficiency_curve"]

#: The quantities of the result's first column level.
QUANTITIES = ("M", "M_se")

#: Chunks of runs whose rows and workspace fit in this many bytes keep them in cache.
_CACHE_MEMORY = 16 * 2**20
#: At least this many chunks (parallel tasks), as long as they fit in _TOTAL_MEMORY.
_MIN_CHUNKS = 4
_TOTAL_MEMORY = 2**30


def _values(name: str, values: Any) -> list[Any]:
    """Return the grid argument as a non-empty list, refusing strings and scalars."""
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        message = f"{name} must be a sequence of floats; got {type(values).__name__}."
        raise TypeError(message)
    values = list(values)
    if not values:
        constraint = "floats in [0, 1]" if name == "betas" else "floats >= 0"
        raise invalid(name, f"a non-empty sequence of {constraint}", values)
    return values


def _grid(
    csr: CSRGraph, grids: dict[str, Any], threshold: str, w_ref: float | None, root: Any
) -> tuple[np.ndarray, dict[str, Any]]:
    """Return the grid of beta in ascending order, and the attributes of its regime.

    ``grids`` maps "betas", "beta_factors" and "target_outbreaks" to the
    arguments; exactly one is not None.
    """
    name = next(key for key, value in grids.items() if value is not None)
    values = _values(name, grids[name])
    extra: dict[str, Any] = {}
    targets = None
    if name == "betas":
        grid = [check_probability("every value in betas", value) for value in values]
        shown = values
    elif name == "beta_factors":
        factors = [check_real("every value in beta_factors", value, low=0.0) for value in values]
        exponents = np.empty(0) if w_ref is None else np.ascontiguousarray(csr.weights / w_ref)
        threshold_at, extra = threshold_value(csr, threshold, exponents, regime_root(root))
        grid = [factor * threshold_at for factor in factors]
        for factor, value in zip(factors, grid, strict=True):
            if not 0.0 <= value <= 1.0:
                hint = (
                    f"{factor:g} * {named_threshold(threshold)} = {value:.4g} is not a probability."
                )
                limit = f"at most {1 / threshold_at:.4g} on this graph"
                raise invalid("every value in beta_factors", limit, factor, hint)
        shown = factors
    else:
        targets = []
        for value in values:
            try:
                targets.append(check_target(value))
            except InvalidParameterError as err:
                message = str(err).replace("target_outbreak", "every value in target_outbreaks")
                raise InvalidParameterError(message) from None
        seeds = regime_root(root)
        where = "every value in target_outbreaks"
        grid = [target_beta(csr, w_ref, target, seeds, where) for target in targets]
        shown = targets
    seen = set()
    for value, original in zip(grid, shown, strict=True):
        if value in seen:
            raise invalid(name, "distinct values", original, "It appears more than once.")
        seen.add(value)
    order = np.argsort(grid, kind="stable")
    ascending = np.asarray(grid, dtype=np.float64)[order]
    beta_c = configuration_threshold(csr) if csr.n_edges else None
    attrs = {
        "betas": tuple(ascending.tolist()),
        "beta_c": beta_c,
        "beta_factors": None if beta_c is None else tuple((ascending / beta_c).tolist()),
        "threshold": threshold,
        "target_outbreaks": None if targets is None else tuple(np.asarray(targets)[order].tolist()),
        **extra,
    }
    return ascending, attrs


def _n_chunks(csr: CSRGraph, n_betas: int, n_runs: int, expected_kept: float) -> int:
    """Return the number of parallel run chunks: a memory bound, never the thread count.

    Each chunk owns difference rows (16 bytes per node and beta) and a
    workspace (index words per node and beta, and per kept edge). Few chunks
    keep them in cache; a few more keep threads busy when memory allows. Any
    number gives the same result.
    """
    words = csr.n_nodes * (2 * n_betas + 9) + 3 * expected_kept
    per_chunk = max(1, int(16 * n_betas * csr.n_nodes + csr.indices.itemsize * words))
    cached = _CACHE_MEMORY // per_chunk
    fitting = _TOTAL_MEMORY // per_chunk
    return max(1, min(n_runs, _MAX_CHUNKS, max(cached, min(_MIN_CHUNKS, fitting))))


def spreading_efficiency_curve(
    G: Any,
    *,
    betas: Any = None,
    beta_factors: Any = None,
    target_outbreaks: Any = None,
    threshold: str = "configuration",
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    n_runs: int = 1000,
    nodes: Any = None,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return every node's spreading efficiency at every ``beta`` of a grid, in one pass.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph with at least one node. With
        ``transmission="trust"``, a networkx graph needs the edge attribute
        ``weight`` and a CSRGraph needs weights.
    betas : sequence of float, optional
        The grid: transmission probabilities per contact and step, each in
        [0, 1], distinct, in any order. Give exactly one of ``betas``,
        ``beta_factors`` and ``target_outbreaks``.
    beta_factors : sequence of float, optional
        The grid as multiples of the epidemic threshold, each >= 0, distinct:
        ``beta = factor * epidemic_threshold(G, threshold)``, as Kitsak et
        al. [1]_ state it.
    target_outbreaks : sequence of float, optional
        The grid as mean outbreaks, shares of the nodes in (0, 1), distinct:
        each ``beta`` is that of :func:`beta_for_outbreak` (200 samples from
        the child ``REGIME`` of ``seed``, the same for every target).
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        The threshold that ``beta_factors`` multiply, a method of
        :func:`epidemic_threshold` ("weighted" needs
        ``transmission="trust"``; "susceptibility" is measured on 100
        samples from the child ``REGIME`` of ``seed``).
    transmission : {"contact", "trust"}, default="contact"
        "contact": every edge transmits with ``beta``. "trust": edge ij
        transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``transmission="trust"``.
    n_runs : int, default=1000
        Percolation samples, >= 1: each gives one outbreak size per node and
        per ``beta``.
    nodes : sequence of node labels, optional
        The nodes to report, distinct, in the order wanted; default all
        nodes, in ``G``'s order. A node gets the same numbers whichever other
        nodes are asked for.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by node
        Columns are a MultiIndex ``(quantity, beta)``: quantity ``"M"``
        (float64, mean outbreak size from the node alone, itself included)
        and ``"M_se"`` (float64, its standard error; NaN when
        ``n_runs = 1``), and the level ``"beta"`` holds the grid in
        ascending order, so ``frame["M"]`` has one column per ``beta``. Rows
        follow ``G``'s node order, or ``nodes``. ``attrs`` records
        ``method="percolation"``, ``betas``, ``beta_factors`` (each
        ``beta / beta_c``) and ``outbreak_fractions`` (the mean of ``M / n``
        over the rows at each ``beta``), tuples in ascending order of
        ``beta``; ``beta_c`` (the configuration threshold; None without
        edges), ``threshold``, ``target_outbreaks`` (None unless given; else
        in the order of ``betas``), with ``beta_c_weighted`` or
        ``beta_c_measured`` when ``beta_factors`` multiplied that threshold;
        ``transmission``, ``w_ref``, ``n_runs`` and the seed provenance
        (``seed_entropy``, ``seed_spawn_key``, ``key_scheme``).

    Raises
    ------
    InvalidParameterError
        If not exactly one of ``betas``, ``beta_factors`` and
        ``target_outbreaks`` is given, or a target is not reachable on
        ``G``; if ``threshold`` is unknown, not "configuration" without
        ``beta_factors``, or "weighted" without trust; if
        the grid is empty, has a repeated value, or a value outside [0, 1]
        (for ``beta_factors``: a negative factor, or one that makes ``beta``
        exceed 1); if ``n_runs``, ``transmission`` or ``w_ref`` is out of
        range; if a label of ``nodes`` is unknown or repeated; if ``G`` has
        no node, or (with ``beta_factors``) no edge.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    spreading_efficiency : ``M_i`` at one ``beta``, by percolation or direct
        simulation (any ``mu``).
    epidemic_threshold : the ``beta_c`` that ``beta_factors`` multiply.

    Notes
    -----
    **Model.** Discrete-time SIR with :math:`\mu = 1` (MODEL.md): each
    infectious node infects each susceptible neighbour once, independently,
    with probability :math:`p_{ij}(\beta)` (:math:`\beta`, or
    :math:`1 - (1 - \beta)^{w_{ij}/w_{ref}}` with trust), then recovers. The
    outbreak from node :math:`i` is its cluster in bond percolation with
    those probabilities (Grassberger [3]_, Newman [2]_), and
    :math:`M_i(\beta)` is its mean size. Each column equals, in
    distribution, ``spreading_efficiency(G, beta=...)`` at that ``beta``.

    **Coupling.** Run :math:`r` draws one uniform :math:`u_e` per edge and
    keeps edge :math:`e` at every :math:`\beta` with
    :math:`u_e < p_e(\beta)`. As :math:`p_e` grows with :math:`\beta`, the
    kept edges at a smaller :math:`\beta` are a subset of those at a larger
    one, so within a run every node's outbreak size is non-decreasing along
    the grid, and the columns are strongly positively correlated: differences
    between neighbouring columns are far more precise than their standard
    errors suggest. Different runs are independent.

    **Algorithm** (Newman and Ziff [4]_). Each kept edge's *level*, the first
    grid point at which it is kept, is found from its uniform; the kept edges
    are listed per level as they are drawn (no sort) and merged level by
    level in a union-find with union by size. Every cluster records the
    levels at which it grew, and every node's sizes along the grid are read
    from these records once the run is over: only their *changes* are added
    to per-node difference arrays, prefix-summed over the grid once after all
    runs. Nodes isolated at every grid point cost nothing, and a giant cluster
    that grows at every level keeps one record instead of updating all its
    members at each level. Time :math:`O(R\,(m_{\max} + n + C))` for
    :math:`R` runs, :math:`m_{\max}` the edges kept at the largest
    :math:`\beta` ("contact"; with "trust" every edge draws) and
    :math:`C \le K n` the number of size changes along a grid of :math:`K`
    points; memory :math:`O(K n)` per parallel chunk of runs. A whole curve
    so costs a few single-``beta`` calls rather than :math:`K` of them
    (``python -m benchmarks beta_curve``). Sums and sums of squares are exact
    int64 integers, so the result does not depend on the chunking or the
    thread count.

    **Draw order.** Run :math:`r` draws from the stream keyed
    ``(BETA_CURVE, r, 0)``; the undirected edges :math:`i < j` are visited in
    CSR order. "contact": the edges kept at :math:`b = \max\beta` are found
    by geometric skips, each followed by one uniform :math:`V` that sets
    :math:`u_e = V b`; the edge's level is the first :math:`k` with
    :math:`u_e < \beta_k`. "trust": one uniform :math:`U` per edge; the edge
    is kept at some grid point when :math:`U < p_e(b)`, and its level is the
    first :math:`k` with :math:`a_e \log(1 - \beta_k) < \log(1 - U)`,
    :math:`a_e = w_e / w_{ref}` (the same event as
    :math:`U < p_e(\beta_k)`). So the first :math:`k` runs of an
    :math:`R`-run call are those of a :math:`k`-run call, and a node's
    numbers do not depend on ``nodes`` or on the grid's input order. The
    streams are not those of ``spreading_efficiency``, so its numbers agree
    with a column in distribution, not run by run.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [2] M. E. J. Newman, "Spread of epidemic disease on networks",
       Phys. Rev. E 66, 016128 (2002). doi:10.1103/PhysRevE.66.016128
    .. [3] P. Grassberger, "On the critical behavior of the general epidemic
       process and dynamical percolation", Math. Biosci. 63, 157-172 (1983).
       doi:10.1016/0025-5564(83)90033-7
    .. [4] M. E. J. Newman and R. M. Ziff, "Efficient Monte Carlo algorithm
       and high-precision results for percolation", Phys. Rev. Lett. 85,
       4104 (2000). doi:10.1103/PhysRevLett.85.4104

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> curve = netsim.spreading_efficiency_curve(
    ...     G, beta_factors=[0.5, 1.0, 1.5, 2.0], n_runs=2000, seed=42
    ... )
    >>> curve.shape
    (34, 8)
    >>> curve.attrs["beta_factors"]
    (0.5, 1.0, 1.5, 2.0)
    >>> curve["M"].loc[[0, 33, 11]].round(2)
    beta  0.073864  0.147727  0.221591  0.295455
    node
    0         2.61      5.51     10.28     16.34
    33        2.69      5.73     10.65     16.74
    11        1.18      1.73      3.22      5.42

    The grid may be given in any order; columns come out ascending, and a
    node gets the same numbers whichever other nodes are asked for:

    >>> some = netsim.spreading_efficiency_curve(
    ...     G, beta_factors=[2.0, 0.5, 1.5, 1.0], n_runs=2000, nodes=[11], seed=42
    ... )
    >>> some["M"].round(2)
    beta  0.073864  0.147727  0.221591  0.295455
    node
    11        1.18      1.73      3.22      5.42
    """
    n_runs = check_int("n_runs", n_runs, minimum=1)  # 1. validate
    grids = {"betas": betas, "beta_factors": beta_factors, "target_outbreaks": target_outbreaks}
    if sum(value is not None for value in grids.values()) != 1:
        got = f"betas={betas!r} and beta_factors={beta_factors!r}"
        if target_outbreaks is not None:
            got = (
                f"betas={betas!r}, beta_factors={beta_factors!r} and "
                f"target_outbreaks={target_outbreaks!r}"
            )
        message = (
            "give exactly one of betas (probabilities), beta_factors (multiples of the "
            "epidemic threshold) and target_outbreaks (mean outbreaks as shares of the "
            f"nodes); got {got}."
        )
        raise InvalidParameterError(message)
    threshold = check_choice("threshold", threshold, THRESHOLDS)
    csr = graph_for(G, transmission, weight, caller="spreading_efficiency_curve")  # 2. convert
    if csr.n_nodes == 0:
        raise invalid("G", "a graph with at least one node", csr)
    w_ref = reference_trust(csr, transmission, w_ref)
    check_threshold(threshold, beta_factors is not None, w_ref is not None, "beta_factors")
    root = seed_sequence(seed)  # 3. key (a measured threshold or a target draws from it)
    grid, regime = _grid(csr, grids, threshold, w_ref, root)
    exponents = np.empty(0) if w_ref is None else np.ascontiguousarray(csr.weights / w_ref)
    positions = np.arange(csr.n_nodes, dtype=np.int64) if nodes is None else csr.positions(nodes)
    key = kernel_key(root)
    n_chunks = _n_chunks(csr, grid.size, n_runs, grid[-1] * csr.n_edges)  # 4. compute
    arrays = (csr.indptr, csr.indices, exponents, grid)
    purpose = int(Purpose.BETA_CURVE)
    sums, sums_sq = _kernel.cluster_size_sums_beta_curve(
        *arrays, 0, n_runs, n_chunks, *key, purpose
    )
    mean, se = _moments(sums[:, positions], sums_sq[:, positions], n_runs)
    rows = float(n_runs) * positions.size * csr.n_nodes
    fractions = sums[:, positions].sum(axis=1) / rows if rows else np.full(grid.size, np.nan)
    columns = pd.MultiIndex.from_product(  # 5. wrap
        [list(QUANTITIES), grid.tolist()], names=["quantity", "beta"]
    )
    values = np.empty((positions.size, 2 * grid.size))
    values[:, : grid.size] = mean.T
    values[:, grid.size :] = se.T
    frame = pd.DataFrame(values, index=csr.nodes[positions], columns=columns, copy=False)
    frame.attrs.update(
        provenance(
            root,
            method="percolation",
            **regime,
            outbreak_fractions=tuple(float(f) for f in fractions),
            transmission=transmission,
            w_ref=w_ref,
            n_runs=n_runs,
        )
    )
    return frame
