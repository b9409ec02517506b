"""Outbreaks of every spreading model: final sizes (:func:`simulate`) and epidemic curves.

The models (MODEL.md section 3): discrete-time SIR (Kitsak et al. 2010), the
independent cascade (Kempe, Kleinberg and Tardos 2003), continuous-time
Markovian SIR (EoN's ``fast_SIR``, Kiss, Miller and Simon 2017), discrete-time
SIS, and the threshold model of complex contagion (Centola and Macy 2007).

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Kempe, Kleinberg and
Tardos 2003, doi:10.1145/956750.956769; Kiss, Miller and Simon 2017,
doi:10.1007/978-3-319-50806-1; Centola and Macy 2007, doi:10.1086/521848.
"""

from typing import Any

import numpy as np
import pandas as pd

from .._seeding import kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_int, invalid
from ..graphs._csr import CSRGraph, _python_scalar
from ._models import SPREADING_MODELS, Dynamics, model_params, resolve

__all__ = ["epidemic_curves", "simulate"]


def _source_positions(csr: CSRGraph, sources: Any) -> np.ndarray:
    """Return the sorted positions of ``sources``: the outbreak depends on the set only."""
    positions = csr.positions(sources, name="sources")
    if positions.size == 0:
        raise invalid("sources", "a node of G or a non-empty list of distinct nodes", sources)
    return np.sort(positions)


def _prepare(
    G: Any,
    model: Any,
    sources: Any,
    n_runs: Any,
    params: dict[str, Any],
    caller: str,
    root: np.random.SeedSequence,
) -> tuple[Dynamics, np.ndarray, int]:
    """Validate the arguments and convert the graph (steps 1 and 2 of STYLE C2)."""
    dynamics = resolve(G, model, params, caller=caller, root=root)
    n_runs = check_int("n_runs", n_runs, minimum=1)
    positions = _source_positions(dynamics.csr, sources)
    dynamics.attrs["sources"] = [_python_scalar(v) for v in dynamics.csr.nodes[positions]]
    dynamics.attrs["n_runs"] = n_runs
    if dynamics.seeding == "neighbourhood":  # the sources and all their neighbours start
        csr = dynamics.csr
        rows = [csr.indices[csr.indptr[u] : csr.indptr[u + 1]] for u in positions]
        positions = np.unique(np.concatenate([positions, *rows]).astype(np.int64))
        dynamics.attrs["n_seeded"] = int(positions.size)
    return dynamics, positions, n_runs


def simulate(
    G: Any,
    model: str,
    *,
    sources: Any,
    n_runs: int = 100,
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
    burn_in: int | None = None,
    window: int | None = None,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    seeding: str = "single",
    seed: SeedLike = None,
) -> pd.Series:
    r"""Simulate outbreaks from a set of sources and return one number per run.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``transmission="trust"``, a networkx graph
        needs the edge attribute ``weight`` and a CSRGraph needs weights.
    model : {"sir", "independent_cascade", "continuous_sir", "sis", "threshold"}
        Spreading model (MODEL.md section 3; see Notes). Each model takes
        only its own parameters below; giving another model's parameter is
        an error.
    sources : node label or list-like of node labels
        The nodes infectious (or adopting) at ``t = 0``: one node of ``G``,
        or a non-empty list of distinct nodes. Their order does not matter.
    n_runs : int, default=100
        Number of independent outbreaks, >= 1.
    beta : float, optional
        "sir", "sis": transmission probability per contact and step, in
        [0, 1]. Give exactly one of ``beta``, ``beta_factor`` and
        ``target_outbreak``.
    beta_factor : float, optional
        "sir", "sis": ``beta`` as a multiple of the epidemic threshold,
        ``beta = beta_factor * epidemic_threshold(G, threshold)``, as
        Kitsak et al. [1]_ state it.
        The configuration threshold is that of the unweighted graph, also
        with ``transmission="trust"`` (where a tie of trust ``w_ref``
        transmits with ``beta``): when the best-connected nodes have weaker
        ties than average, as LIONs do, trust-weighted outbreaks can stay
        small at a ``beta_factor`` above 1.
    target_outbreak : float, optional
        "sir" with ``mu = 1``: choose ``beta`` so that the mean over nodes of
        ``M_i / n`` is this share of the nodes, in (0, 1)
        (:func:`beta_for_outbreak` with 200 samples from the child
        ``REGIME`` of ``seed``). Refused for "sis", which has no final size.
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        "sir", "sis": the threshold that ``beta_factor`` multiplies, a
        method of :func:`epidemic_threshold` ("weighted" needs
        ``transmission="trust"``; "susceptibility" is measured on 100
        samples from the child ``REGIME`` of ``seed``).
    mu : float, optional
        "sir", "sis": recovery probability per step, in (0, 1]; default 1,
        infectious for exactly one step.
    p : float or str, optional
        "independent_cascade" (required): the activation probability of every
        edge, in [0, 1], or the name of the edge attribute that holds each
        edge's probability (a CSRGraph passes its weights).
    tau : float, optional
        "continuous_sir" (required): transmission rate per
        infectious-susceptible edge, >= 0 (per unit time).
    gamma : float, optional
        "continuous_sir": recovery rate, > 0; default 1 (time is then
        measured in mean infectious periods).
    theta : float, optional
        "threshold": a node adopts when at least this fraction of its
        neighbours (of its total trust, with ``transmission="trust"``) have
        adopted, in [0, 1]. Give exactly one of ``theta`` and ``m``.
    m : float, optional
        "threshold": a node adopts when at least ``m`` of its neighbours
        have adopted (their summed ``w_ij / w_ref`` with
        ``transmission="trust"``), >= 1.
    burn_in : int, optional
        "sis": steps before the prevalence is averaged, >= 0; default 100.
    window : int, optional
        "sis": number of steps averaged after the burn-in, >= 1; default 100.
    transmission : {"contact", "trust"}, default="contact"
        Not for "independent_cascade". "contact": every edge alike. "trust":
        edge ij transmits with probability ``1 - (1 - beta) ** (w_ij /
        w_ref)`` ("sir", "sis"), at rate ``tau * w_ij / w_ref``
        ("continuous_sir"), or counts ``w_ij / w_ref`` towards a threshold.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``transmission="trust"``.
    seeding : {"single", "neighbourhood"}, default="single"
        "single": the sources alone start. "neighbourhood" ("threshold"
        only): the sources and all their neighbours adopt at ``t = 0``, as
        Centola [6]_ seeds a complex contagion, and the size counts them.
        The other models refuse "neighbourhood".
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.Series indexed by run
        One value per run, with a ``RangeIndex`` named ``"run"``: the final
        outbreak size (int64, named ``"size"``: nodes ever infected, or
        adopters, sources included) for every model but "sis"; for "sis",
        the mean prevalence (float64, named ``"prevalence"``: the fraction of
        nodes infectious, averaged over steps ``burn_in + 1 .. burn_in +
        window``). ``attrs`` records ``model``, the parameters used (with
        their defaults filled in), ``sources``, ``n_runs`` (and, with
        ``seeding="neighbourhood"``, ``n_seeded``: the number of nodes that
        start) and the seed provenance (``seed_entropy``,
        ``seed_spawn_key``, ``key_scheme``).

    Raises
    ------
    InvalidParameterError
        If ``model`` is unknown; if a parameter is out of range, missing for
        the model, or belongs to another model; if both or neither of
        ``beta`` and ``beta_factor`` (or ``theta`` and ``m``) are given; if
        ``sources`` is empty, or has a label that is not a node of ``G`` or
        appears twice; if an edge lacks the weight attribute (the message
        names the edge).
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    epidemic_curves : the same runs, step by step.
    spreading_efficiency : the mean outbreak size from every node.
    persistence : every node's share of time infected under SIS.
    epidemic_threshold : the ``beta_c`` that ``beta_factor`` multiplies.

    Notes
    -----
    **Discrete-time SIR** ("sir", Kitsak et al. [1]_). Each node is
    susceptible (S), infectious (I) or recovered (R); at ``t = 0`` the
    sources are infectious. At each step every infectious node :math:`u`
    infects each susceptible neighbour :math:`v` independently with
    probability

    .. math:: p_{uv} = \beta \quad\text{(contact)}, \qquad
              p_{uv} = 1 - (1 - \beta)^{w_{uv} / w_\mathrm{ref}}
              \quad\text{(trust)},

    then every node that was infectious recovers with probability
    :math:`\mu`; nodes infected at a step are infectious from the next.
    ``beta`` and ``mu`` are probabilities per step. The size is the number
    of recovered nodes when no node is infectious. With :math:`\mu = 1` the
    infected set has the law of the sources' cluster in bond percolation
    with edge probabilities :math:`p_{uv}` [2]_. With ``mu=1`` and "contact"
    this is EoN's ``basic_discrete_SIR(G, p=beta)`` [3]_; with ``mu < 1``
    NDlib's ``SIRModel`` with ``gamma=mu``.

    **Independent cascade** ("independent_cascade", Kempe et al. [4]_):
    discrete SIR with :math:`\mu = 1` and probability :math:`p_{uv}` on each
    edge, so an active node has one chance to activate each neighbour. With
    one value ``p`` it is, run for run, "sir" with ``beta=p``.

    **Continuous-time Markovian SIR** ("continuous_sir", as EoN's
    ``fast_SIR(G, tau, gamma)`` [3]_): an infectious node transmits along
    each edge to a susceptible neighbour at rate :math:`\tau` (or
    :math:`\tau w_{uv} / w_\mathrm{ref}`) and recovers at rate
    :math:`\gamma`. Event driven with an indexed heap of pending infection
    and recovery times, O((n + m) log n) per run. Each edge transmits with
    probability :math:`T = \tau / (\tau + \gamma)`, but transmissions from
    one node are correlated through its infectious period.

    **Discrete-time SIS** ("sis"): each step every infectious node recovers
    with probability :math:`\mu` and contacts each neighbour with
    probability :math:`p_{uv}`; a node is infectious after the step if it
    did not recover or if it was contacted, so a node can be re-infected in
    the step it recovers (Gomez et al. 2010, doi:10.1209/0295-5075/89/38009).
    It runs ``burn_in + window`` steps from the sources; the result is the
    mean fraction of infectious nodes over the window, 0 after extinction.
    Kitsak et al. [1]_ ran SIS besides SIR.

    **Threshold model** ("threshold", complex contagion, Centola and Macy
    [5]_): a node adopts when the adopters among its neighbours reach a
    fraction ``theta`` (or a number ``m``) and at least one neighbour has
    adopted; adoption is permanent. Updates are synchronous. The model is
    deterministic: every run is the same, no random number is drawn, and
    the seed is only recorded. A source alone spreads only to neighbours
    whose threshold one adopter meets: complex contagions need several
    sources, and ``seeding="neighbourhood"`` starts from the sources and
    their neighbours, as Centola [6]_ does. Only the threshold model takes
    "neighbourhood": it is exact and costs one cascade; the stochastic
    models would lose their one-source streams and, for "sir" with
    ``mu = 1``, the percolation shortcut of spreading efficiency.

    **Draw order.** Run :math:`r` draws from the stream keyed ``(purpose,
    min(source positions), r)``, with the purpose ``SIR`` ("sir",
    "independent_cascade"), ``CONTINUOUS_SIR`` or ``SIS``; the order of the
    draws within a run is documented in ``netsim._kernels.sir``,
    ``netsim._kernels.continuous_sir`` and ``netsim._kernels.sis``. So the
    first :math:`k` runs of an :math:`R`-run call are those of a
    :math:`k`-run call, the thread count changes nothing, and a single
    source's runs are those that ``spreading_efficiency(...,
    method="direct")`` simulates from it.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [2] M. E. J. Newman, "Spread of epidemic disease on networks",
       Phys. Rev. E 66, 016128 (2002). doi:10.1103/PhysRevE.66.016128
    .. [3] I. Z. Kiss, J. C. Miller and P. L. Simon, "Mathematics of Epidemics
       on Networks", Springer (2017). doi:10.1007/978-3-319-50806-1
    .. [4] D. Kempe, J. Kleinberg and E. Tardos, "Maximizing the spread of
       influence through a social network", KDD (2003).
       doi:10.1145/956750.956769
    .. [5] D. Centola and M. Macy, "Complex contagions and the weakness of
       long ties", Am. J. Sociol. 113, 702-734 (2007). doi:10.1086/521848
    .. [6] D. Centola, "The spread of behavior in an online social network
       experiment", Science 329, 1194-1197 (2010).
       doi:10.1126/science.1185231

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.spread import simulate
    >>> G = nx.karate_club_graph()
    >>> sizes = simulate(G, "sir", sources=0, n_runs=1000, beta=0.2, seed=42)
    >>> sizes.shape, sizes.index.name, sizes.name, str(sizes.dtype)
    ((1000,), 'run', 'size', 'int64')
    >>> round(float(sizes.mean()), 2), int(sizes.min()), int(sizes.max())
    (8.66, 1, 26)

    The first runs of a longer call are the runs of a shorter one:

    >>> simulate(G, "sir", sources=0, n_runs=5, beta=0.2, seed=42).tolist()
    [6, 12, 2, 16, 4]
    >>> sizes.head().tolist()
    [6, 12, 2, 16, 4]

    Several sources, trust-weighted transmission and a longer infectious
    period:

    >>> sizes = simulate(
    ...     G, "sir", sources=[0, 33], n_runs=1000, beta=0.2, mu=0.5,
    ...     transmission="trust", weight="weight", seed=7,
    ... )
    >>> round(float(sizes.mean()), 2), round(sizes.attrs["w_ref"], 3)
    (20.07, 2.962)

    The other models:

    >>> cascade = simulate(G, "independent_cascade", sources=0, p=0.2, n_runs=5, seed=42)
    >>> cascade.tolist()  # the same runs as "sir" with beta=0.2
    [6, 12, 2, 16, 4]
    >>> fast = simulate(G, "continuous_sir", sources=0, tau=0.3, n_runs=1000, seed=42)
    >>> round(float(fast.mean()), 1)
    9.3
    >>> sis = simulate(G, "sis", sources=[0, 33], beta=0.3, mu=0.5, n_runs=100, seed=42)
    >>> sis.name, round(float(sis.mean()), 2)
    ('prevalence', 0.78)
    >>> simulate(G, "threshold", sources=[0, 1, 2], theta=0.4, n_runs=2).tolist()
    [14, 14]
    >>> simulate(G, "threshold", sources=26, theta=0.4, n_runs=1).tolist()  # alone: stuck
    [1]
    >>> one = simulate(G, "threshold", sources=26, theta=0.4, n_runs=1, seeding="neighbourhood")
    >>> one.tolist(), one.attrs["n_seeded"]  # node 26 and its two neighbours start
    ([20], 3)
    """
    params = model_params(locals())
    root = seed_sequence(seed)  # 3. key (a target outbreak draws from it while resolving)
    dynamics, positions, n_runs = _prepare(G, model, sources, n_runs, params, "simulate", root)
    record = SPREADING_MODELS[dynamics.model]
    key, purpose = kernel_key(root), int(record.purpose)
    values = record.final_values(dynamics, positions, n_runs, key, purpose)  # 4. compute
    index = pd.RangeIndex(n_runs, name="run")  # 5. wrap
    result = pd.Series(values, index=index, name=record.value_name)
    result.attrs.update(provenance(root, **dynamics.attrs))
    return result


def epidemic_curves(
    G: Any,
    model: str,
    *,
    sources: Any,
    n_runs: int = 10,
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
    burn_in: int | None = None,
    window: int | None = None,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    seeding: str = "single",
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Simulate outbreaks from a set of sources and return the compartments over time.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``transmission="trust"``, a networkx graph
        needs the edge attribute ``weight`` and a CSRGraph needs weights.
    model : {"sir", "independent_cascade", "continuous_sir", "sis", "threshold"}
        Spreading model, as in :func:`simulate`.
    sources : node label or list-like of node labels
        The nodes infectious (or adopting) at ``t = 0``: one node of ``G``,
        or a non-empty list of distinct nodes. Their order does not matter.
    n_runs : int, default=10
        Number of independent outbreaks, >= 1.
    beta, beta_factor, target_outbreak, threshold, mu, p, tau, gamma, theta, m, burn_in, window
        The model's parameters, as in :func:`simulate`.
    seeding : {"single", "neighbourhood"}, default="single"
        As in :func:`simulate` ("neighbourhood": "threshold" only).
    transmission : {"contact", "trust"}, default="contact"
        As in :func:`simulate`.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``transmission="trust"``.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by (run, t)
        One row per run and time, int64 counts of nodes per compartment, and
        ``attrs`` as in :func:`simulate`:

        * "sir", "independent_cascade": ``t = 0, 1, ..., T_run`` (int64; ``t
          = 0``: the sources infectious; ``T_run``: the first step with no
          infectious node), columns ``S``, ``I``, ``R``;
        * "continuous_sir": one row at ``t = 0`` and one after each event
          (an infection or a recovery), ``t`` its time (float64), columns
          ``S``, ``I``, ``R``;
        * "sis": ``t = 0 .. burn_in + window``, columns ``S`` and ``I``;
        * "threshold": ``t = 0 .. T``, columns ``S`` (not adopted), ``I``
          (adopted at step ``t``) and ``R`` (adopted before), the same in
          every run.

        ``S + I (+ R) = n_nodes``. The runs are those of :func:`simulate`
        with the same arguments: the last ``R`` of a run is its size, and
        the mean of ``I / n_nodes`` over the window is its SIS prevalence.

    Raises
    ------
    InvalidParameterError
        As :func:`simulate`.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    simulate : only the final sizes, with less memory and time.

    Notes
    -----
    The models, the draw order and the relation to EoN and NDlib are those of
    :func:`simulate`: run :math:`r` here is run :math:`r` there. EoN's
    ``basic_discrete_SIR`` and ``fast_SIR`` return the same ``t, S, I, R``
    arrays for one run. For "sir" and "continuous_sir" each run is simulated
    twice, first to count its rows and then to fill them, so the result
    takes twice the time of :func:`simulate` plus memory for the rows.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [2] I. Z. Kiss, J. C. Miller and P. L. Simon, "Mathematics of Epidemics
       on Networks", Springer (2017). doi:10.1007/978-3-319-50806-1

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.spread import epidemic_curves
    >>> G = nx.karate_club_graph()
    >>> curves = epidemic_curves(G, "sir", sources=0, n_runs=3, beta=0.3, seed=42)
    >>> curves.loc[1]
        S  I   R
    t
    0  33  1   0
    1  29  4   1
    2  25  4   5
    3  20  5   9
    4  19  1  14
    5  19  0  15
    >>> curves.groupby("run")["R"].last().tolist()
    [26, 15, 17]

    A complex contagion from a node and two neighbours:

    >>> epidemic_curves(G, "threshold", sources=[0, 1, 2], theta=0.4, n_runs=1).loc[0]
        S   I   R
    t
    0  31   3   0
    1  21  10   3
    2  20   1  13
    3  20   0  14
    """
    params = model_params(locals())
    root = seed_sequence(seed)  # 3. key (a target outbreak draws from it while resolving)
    caller = "epidemic_curves"
    dynamics, positions, n_runs = _prepare(G, model, sources, n_runs, params, caller, root)
    record = SPREADING_MODELS[dynamics.model]
    key, purpose = kernel_key(root), int(record.purpose)
    run, t, columns = record.curves(dynamics, positions, n_runs, key, purpose)  # 4. compute
    index = pd.MultiIndex.from_arrays([run, t], names=["run", "t"])  # 5. wrap
    frame = pd.DataFrame(columns, index=index)
    frame.attrs.update(provenance(root, **dynamics.attrs))
    return frame
