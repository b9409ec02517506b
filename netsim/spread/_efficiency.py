"""Spreading efficiency ``M_i``: the mean outbreak size from each node, with its standard error.

Two methods: bond percolation, which gives every node's outbreak size from one
sample and is exact for discrete SIR with ``mu = 1`` (Grassberger 1983;
Newman 2002), and direct Monte Carlo from each node, for any ``mu``.

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Newman 2002,
doi:10.1103/PhysRevE.66.016128; Grassberger 1983,
doi:10.1016/0025-5564(83)90033-7; Kenah and Robins 2007,
doi:10.1103/PhysRevE.76.036113.
"""

from typing import Any

import numpy as np
import pandas as pd

from .._seeding import kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_choice, check_int, invalid
from ._models import (
    SPREADING_MODELS,
    Dynamics,
    SpreadingModel,
    efficiency_models,
    model_params,
    resolve,
)

__all__ = ["BATCH_PREFIX", "METHODS", "batch_bounds", "spreading_efficiency"]

METHODS = ("auto", "direct", "percolation")
#: The columns of batch means are ``M_batch_0``, ``M_batch_1``, ...
BATCH_PREFIX = "M_batch_"


def batch_bounds(n_runs: int, batches: int) -> np.ndarray:
    """Return the run boundaries of ``batches`` consecutive batches, as equal as possible.

    Batch ``j`` holds the runs ``[b_j, b_{j+1})`` with ``b_j = floor(j * n_runs /
    batches)``: sizes differ by at most one.

    Examples
    --------
    >>> batch_bounds(25, 10).tolist()
    [0, 2, 5, 7, 10, 12, 15, 17, 20, 22, 25]
    """
    return (np.arange(batches + 1, dtype=np.int64) * n_runs) // batches


def _check_model(model: Any) -> SpreadingModel:
    """Return the record of ``model``, refusing models without a final outbreak size."""
    names = efficiency_models()
    record = SPREADING_MODELS.get(model) if isinstance(model, str) else None
    if record is not None and not record.efficiency_methods:
        hint = record.efficiency_refusal or f"Model {model!r} has no final outbreak size."
        shown = "{" + ", ".join(repr(name) for name in sorted(names)) + "}"
        raise invalid("model", f"one of {shown}", model, hint)
    return SPREADING_MODELS[check_choice("model", model, names)]


def _percolation_refusal(record: SpreadingModel, dynamics: Dynamics) -> Exception | None:
    """Return the error refusing percolation for these parameters, or None where it is exact."""
    if record.percolation_exact(dynamics.attrs):
        return None
    if "percolation" not in record.efficiency_methods:
        model = record.name
        hint = (
            f"Model {model!r} does not map exactly onto bond percolation: its transmissions "
            'are not independent. Use method="direct" (or "auto").'
        )
        return invalid("method", f"'auto' or 'direct' for model {model!r}", "percolation", hint)
    name, exact = next(
        (name, exact)
        for name, exact in record.percolation_exact_when
        if dynamics.attrs[name] != exact
    )
    constraint = f'{exact!r} when method="percolation"'
    return invalid(name, constraint, dynamics.attrs[name], record.percolation_hint)


def _check_method(record: SpreadingModel, dynamics: Dynamics, method: Any) -> str:
    """Return the method to use: percolation only where the mapping is exact."""
    method = check_choice("method", method, METHODS)
    refusal = _percolation_refusal(record, dynamics)
    if method == "auto":
        return "percolation" if refusal is None else "direct"
    if method == "percolation" and refusal is not None:
        raise refusal
    return method


def _moments(sums: np.ndarray, sums_sq: np.ndarray, n_runs: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the mean and its standard error from exact integer sums of sizes and squares."""
    mean = sums / n_runs
    if n_runs == 1:
        return mean, np.full(sums.shape, np.nan)
    # n * sum(x^2) - (sum x)^2 is an exact integer; use Python ints if int64 could overflow.
    if sums_sq.size and n_runs * int(sums_sq.max()) >= 2**62:
        sums, sums_sq = sums.astype(object), sums_sq.astype(object)
    spread = (n_runs * sums_sq - sums * sums).astype(np.float64)
    se = np.sqrt(spread / (float(n_runs) * n_runs * (n_runs - 1)))
    return mean, se


def spreading_efficiency(
    G: Any,
    model: str = "sir",
    *,
    beta: float | None = None,
    beta_factor: float | None = None,
    target_outbreak: float | None = None,
    threshold: str = "configuration",
    mu: float | None = None,
    p: float | str | None = None,
    tau: float | None = None,
    gamma: float | None = None,
    theta: float | None = None,
    m: float | None = None,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    seeding: str = "single",
    n_runs: int = 1000,
    nodes: Any = None,
    method: str = "auto",
    batches: int = 1,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return every node's spreading efficiency: its mean outbreak size, with standard error.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph with at least one node. With
        ``transmission="trust"``, a networkx graph needs the edge attribute
        ``weight`` and a CSRGraph needs weights.
    model : {"sir", "independent_cascade", "continuous_sir", "threshold"}, default="sir"
        Spreading model, as in :func:`simulate`, which documents each model
        and its parameters. SIS outbreaks have no final size: see
        :func:`persistence`.
    beta : float, optional
        "sir": transmission probability per contact and step, in [0, 1].
        Give exactly one of ``beta``, ``beta_factor`` and
        ``target_outbreak``.
    beta_factor : float, optional
        "sir": ``beta`` as a multiple of the epidemic threshold:
        ``beta = beta_factor * epidemic_threshold(G, threshold)``, as Kitsak
        et al. [1]_ state it.
        The configuration threshold is that of the unweighted graph, also
        with ``transmission="trust"`` (where a tie of trust ``w_ref``
        transmits with ``beta``): when the best-connected nodes have weaker
        ties than average, as LIONs do, trust-weighted outbreaks can stay
        small at a ``beta_factor`` above 1.
    target_outbreak : float, optional
        "sir" with ``mu = 1``: choose ``beta`` so that the mean over nodes of
        ``M_i / n`` is this share of the nodes, in (0, 1)
        (:func:`beta_for_outbreak` with 200 samples, drawn from the child
        ``REGIME`` of ``seed``), a regime comparable across graphs.
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        "sir": the threshold that ``beta_factor`` multiplies, a method of
        :func:`epidemic_threshold` ("weighted" needs
        ``transmission="trust"``; "susceptibility" is measured on 100
        samples drawn from the child ``REGIME`` of ``seed``).
    mu : float, optional
        "sir": recovery probability per step, in (0, 1]; default 1,
        infectious for one step.
    p : float or str, optional
        "independent_cascade": the activation probability of every edge, or
        the edge attribute holding each edge's.
    tau, gamma : float, optional
        "continuous_sir": transmission rate per edge (required) and recovery
        rate (default 1).
    theta, m : float, optional
        "threshold": the fraction, or number, of adopted neighbours a node
        needs to adopt; exactly one.
    transmission : {"contact", "trust"}, default="contact"
        "contact": every edge transmits with ``beta``. "trust": edge ij
        transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``transmission="trust"``.
    seeding : {"single", "neighbourhood"}, default="single"
        "single": each outbreak starts from node i alone. "neighbourhood"
        ("threshold" only): from node i and all its neighbours, as Centola
        seeds a complex contagion; ``M_i`` then counts them. The other
        models refuse "neighbourhood" (see :func:`simulate`).
    n_runs : int, default=1000
        Outbreaks per node (percolation samples or direct runs), >= 1.
    nodes : sequence of node labels, optional
        The nodes to report, distinct, in the order wanted; default all
        nodes, in ``G``'s order. A node gets the same numbers whichever other
        nodes are asked for.
    method : {"auto", "percolation", "direct"}, default="auto"
        "percolation": one bond-percolation sample gives every node's outbreak
        size at once; exact for "independent_cascade" and for "sir" with
        ``mu = 1``, and refused otherwise. "direct": ``n_runs`` simulations
        from each node. "auto": percolation where it is exact, else direct.
    batches : int, default=1
        Split the runs into this many consecutive batches, of sizes as equal
        as possible, from 1 to ``n_runs``; with more than one, every batch's
        mean is returned too, as independent replicates of the whole vector
        ``M`` (for the intervals of :func:`rank_spreaders`,
        :func:`imprecision` and :func:`compare_measures`).
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by node
        Columns ``M`` (float64, mean outbreak size from the node alone,
        itself included), ``M_se`` (float64, its standard error: sample
        standard deviation / sqrt(n_runs); NaN when ``n_runs = 1``) and
        ``n_runs`` (int64); with ``batches > 1``, then ``M_batch_0``, ...,
        ``M_batch_<batches-1>`` (float64, the mean outbreak size of each
        batch of runs). Rows follow ``G``'s node order, or ``nodes``.
        ``attrs`` records ``method`` (the one used), ``batches``, ``model``, the model's
        parameters as used (``beta``, ``mu``, ``transmission``, ``w_ref``,
        ...), ``outbreak_fraction`` (the mean of ``M / n`` over the rows)
        and the seed provenance (``seed_entropy``, ``seed_spawn_key``,
        ``key_scheme``). For "sir" the regime is described three ways:
        ``beta`` (absolute), ``beta_factor`` (``beta / beta_c``) with
        ``beta_c`` (the configuration threshold), and ``threshold`` and
        ``target_outbreak`` as given (with ``beta_c_weighted`` or
        ``beta_c_measured``, the threshold multiplied, when it is not the
        configuration one). The threshold model is deterministic: its ``M`` is
        the one cascade's size and ``M_se`` is 0.

    Raises
    ------
    InvalidParameterError
        If ``model`` is unknown or "sis"; if a parameter is out of range,
        missing for the model, or belongs to another model; if not exactly
        one of ``beta``, ``beta_factor`` and ``target_outbreak`` is given, or
        ``target_outbreak`` is not reachable on ``G``; if
        ``method="percolation"`` where the mapping is not exact; if a label of
        ``nodes`` is unknown or repeated; if ``G`` has no node.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    simulate : the models, and outbreaks from chosen sources.
    spreading_efficiency_curve : ``M`` at every beta of a grid at once.
    persistence : the SIS counterpart of ``M``.
    epidemic_threshold : the ``beta_c`` that ``beta_factor`` multiplies.
    beta_for_outbreak : the ``beta`` that ``target_outbreak`` chooses, with its interval.

    Notes
    -----
    **Model.** Discrete-time SIR (MODEL.md) by default: each step, every
    infectious node infects each susceptible neighbour independently with
    probability :math:`\beta` (or :math:`p_{ij}` with trust), then recovers
    with probability :math:`\mu`; the other models are those of
    :func:`simulate`. The spreading efficiency of node :math:`i` is

    .. math:: M_i = \mathbb{E}[\text{number of recovered nodes at the end}
              \mid \text{only } i \text{ infected at } t = 0],

    estimated by the mean of ``n_runs`` outbreaks, with standard error
    :math:`s / \sqrt{R}` (:math:`s` the sample standard deviation).

    **Percolation mapping.** With :math:`\mu = 1` each edge transmits at most
    once, independently, with its probability, so the set of infected nodes
    is the source's cluster in bond percolation with those probabilities:
    exact in distribution (Grassberger [3]_, Newman [2]_). One sample gives
    every node's outbreak size, so all-node efficiency costs
    :math:`O(R\,m\,\alpha(n))` time (union-find, Newman and Ziff [5]_)
    instead of :math:`O(R\,n\,m)` for direct simulation, and
    :math:`O(n + m)` memory (a few words per node per parallel chunk). The
    outbreaks of different nodes in the same sample are correlated; each
    node's own runs are independent. With :math:`\mu < 1` an infectious
    node's transmissions share its infectious period and are correlated; the
    mapping is then to directed percolation (Kenah and Robins [4]_), and
    netsim simulates directly; so too for continuous-time SIR (transmissions
    share an exponential infectious period) and the threshold model (whose
    single cascade per node is deterministic).

    **Draw order.** Percolation sample :math:`r` (:math:`0 \le r < R`) draws
    from the stream keyed ``(PERCOLATION, r, 0)``: the undirected edges
    :math:`i < j` are visited in CSR order, with geometric skips over edges
    for "contact" and one uniform per edge for "trust" or per-edge ``p``.
    Direct run :math:`r` from node :math:`i` draws from ``(SIR, i, r)`` (the
    order of ``netsim._kernels.sir``), or ``(CONTINUOUS_SIR, i, r)``. So
    the first :math:`k` runs of an :math:`R`-run call are those of a
    :math:`k`-run call, a node's numbers do not depend on ``nodes``, and
    changing the thread count changes nothing.

    **Batches.** Batch :math:`j` holds the runs
    :math:`[\lfloor jR/B \rfloor, \lfloor (j+1)R/B \rfloor)`. Its integer
    sums are computed apart (percolation samples of a range of indices; the
    direct runs of a node summed by range) and add up exactly to the sums of
    one call, so ``M`` and ``M_se`` do not depend on ``batches``. Runs are
    independent, so the batch means are independent estimates of the whole
    vector :math:`M`; within a batch, the outbreaks of different nodes share
    their percolation samples and are correlated, which a bootstrap that
    resamples whole batches keeps.

    **Relation to EoN.** One direct run is EoN's ``basic_discrete_SIR(G, p,
    initial_infecteds=[i])`` with ``p = beta`` and ``mu = 1`` (EoN has no
    recovery probability); ``M_i`` is the mean of its final ``R`` count.

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
    .. [4] E. Kenah and J. M. Robins, "Second look at the spread of epidemics
       on networks", Phys. Rev. E 76, 036113 (2007).
       doi:10.1103/PhysRevE.76.036113
    .. [5] M. E. J. Newman and R. M. Ziff, "Efficient Monte Carlo algorithm
       and high-precision results for percolation", Phys. Rev. Lett. 85,
       4104 (2000). doi:10.1103/PhysRevLett.85.4104

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> df = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=2000, seed=42)
    >>> df.shape, df.attrs["method"]
    ((34, 3), 'percolation')
    >>> df.loc[[0, 33, 11]].round(2)
              M  M_se  n_runs
    node
    0     10.38  0.13    2000
    33    10.57  0.13    2000
    11     3.13  0.11    2000

    Only some nodes, with the same numbers as above:

    >>> one = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=2000, nodes=[11], seed=42)
    >>> one["M"].item()
    3.1275

    Other models: a complex contagion that needs 34% of a node's
    neighbours (deterministic: one cascade per node), and continuous-time
    SIR, simulated from every node:

    >>> cc = netsim.spreading_efficiency(G, "threshold", theta=0.34, n_runs=10)
    >>> cc["M"].value_counts().sort_index().to_dict()
    {1.0: 25, 2.0: 3, 3.0: 3, 5.0: 1, 20.0: 2}

    The same complex contagion started from each node and its neighbours:

    >>> hood = netsim.spreading_efficiency(
    ...     G, "threshold", theta=0.34, n_runs=10, seeding="neighbourhood"
    ... )
    >>> hood["M"].value_counts().sort_index().to_dict()  # M_i counts i and its neighbours
    {3.0: 1, 5.0: 3, 10.0: 4, 14.0: 6, 20.0: 12, 29.0: 7, 34.0: 1}
    >>> fast = netsim.spreading_efficiency(G, "continuous_sir", tau=0.2, n_runs=200, seed=1)
    >>> fast.attrs["method"], round(float(fast["M"].mean()), 1)
    ('direct', 3.4)

    Four batches of 500 runs: their means average to ``M``, which is the
    same as above:

    >>> four = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=2000, batches=4, seed=42)
    >>> four.columns.tolist()[3:]
    ['M_batch_0', 'M_batch_1', 'M_batch_2', 'M_batch_3']
    >>> four.loc[11, "M"].item(), round(four.loc[11, "M_batch_0":].mean().item(), 4)
    (3.1275, 3.1275)
    """
    params = model_params(locals())
    record = _check_model(model)  # 1. validate, 2. convert
    root = seed_sequence(seed)  # 3. key (a target outbreak draws from it while resolving)
    dynamics = resolve(G, record.name, params, caller="spreading_efficiency", root=root)
    n_runs = check_int("n_runs", n_runs, minimum=1)
    batches = check_int("batches", batches, minimum=1)
    if batches > n_runs:
        raise invalid("batches", f"an int in [1, n_runs] = [1, {n_runs}]", batches)
    method = _check_method(record, dynamics, method)
    csr = dynamics.csr
    if csr.n_nodes == 0:
        raise invalid("G", "a graph with at least one node", csr)
    positions = np.arange(csr.n_nodes, dtype=np.int64) if nodes is None else csr.positions(nodes)
    key = kernel_key(root)
    bounds = batch_bounds(n_runs, batches) if batches > 1 else None
    if method == "percolation":  # 4. compute
        sums, sums_sq = record.percolation_sums(dynamics, n_runs, key, bounds=bounds)
        sums, sums_sq = sums[..., positions], sums_sq[..., positions]
    else:
        purpose = int(record.purpose)
        sums, sums_sq = record.direct_sums(dynamics, positions, n_runs, key, purpose, bounds=bounds)
    columns = {}
    if bounds is not None:  # one row per batch: their exact integer sums add up to one call's
        runs = np.diff(bounds)
        columns = {f"{BATCH_PREFIX}{j}": sums[j] / runs[j] for j in range(batches)}
        sums, sums_sq = sums.sum(axis=0), sums_sq.sum(axis=0)
    mean, se = _moments(sums, sums_sq, n_runs)
    rows = float(n_runs) * positions.size * csr.n_nodes
    fraction = float(sums.sum()) / rows if rows else float("nan")
    frame = pd.DataFrame(  # 5. wrap
        {
            "M": mean,
            "M_se": se,
            "n_runs": np.full(positions.size, n_runs, dtype=np.int64),
            **columns,
        },
        index=csr.nodes[positions],
    )
    frame.attrs.update(
        provenance(
            root, method=method, batches=batches, **dynamics.attrs, outbreak_fraction=fraction
        )
    )
    return frame
