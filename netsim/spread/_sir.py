"""Discrete-time SIR outbreaks: final sizes (:func:`simulate`) and epidemic curves.

The model is the discrete-time SIR of Kitsak et al. 2010 (MODEL.md section
3), as in EoN's ``basic_discrete_SIR`` (Kiss, Miller and Simon 2017) and
NDlib's ``SIRModel``.

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Kiss, Miller and
Simon 2017, doi:10.1007/978-3-319-50806-1; Rossetti et al. 2018,
doi:10.1007/s41060-017-0086-6.
"""

from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from .._kernels import sir as _kernel
from .._seeding import Purpose, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_choice, check_int, invalid
from ..graphs._csr import CSRGraph, _python_scalar
from ._threshold import resolve_beta
from ._transmission import check_mu, edge_probabilities, graph_for, reference_trust

__all__ = ["MODELS", "epidemic_curves", "simulate"]

#: Spreading models ``simulate`` and ``epidemic_curves`` accept.
MODELS = ("sir",)


class _Problem(NamedTuple):
    """Everything a kernel call needs, validated and converted."""

    csr: CSRGraph
    p: np.ndarray
    beta: float
    mu: float
    positions: np.ndarray
    n_runs: int
    attrs: dict[str, Any]


def _validate_options(model: Any, n_runs: Any, mu: Any) -> tuple[str, int, float]:
    model = check_choice("model", model, MODELS)
    n_runs = check_int("n_runs", n_runs, minimum=1)
    return model, n_runs, check_mu(mu)


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
    beta: Any,
    beta_factor: Any,
    mu: Any,
    transmission: Any,
    weight: Any,
    w_ref: Any,
    caller: str,
) -> _Problem:
    """Validate the arguments and convert the graph (steps 1 and 2 of STYLE C2)."""
    model, n_runs, mu = _validate_options(model, n_runs, mu)
    csr = graph_for(G, transmission, weight, caller=caller)
    positions = _source_positions(csr, sources)
    beta = resolve_beta(csr, beta, beta_factor)
    w_ref = reference_trust(csr, transmission, w_ref)
    p = edge_probabilities(csr, beta, w_ref)
    attrs = {
        "model": model,
        "beta": beta,
        "beta_factor": None if beta_factor is None else float(beta_factor),
        "mu": mu,
        "transmission": transmission,
        "w_ref": w_ref,
        "sources": [_python_scalar(label) for label in csr.nodes[positions]],
        "n_runs": n_runs,
    }
    return _Problem(csr, p, beta, mu, positions, n_runs, attrs)


def _kernel_args(problem: _Problem, key: tuple[np.uint64, np.uint64]) -> tuple[Any, ...]:
    """Return the arguments shared by the SIR drivers, stream = smallest source position."""
    csr = problem.csr
    return (
        csr.indptr,
        csr.indices,
        problem.p,
        problem.beta,
        problem.mu,
        problem.positions,
        problem.n_runs,
        key[0],
        key[1],
        int(Purpose.SIR),
        int(problem.positions[0]),
    )


def simulate(
    G: Any,
    model: str,
    *,
    sources: Any,
    n_runs: int = 100,
    beta: float | None = None,
    beta_factor: float | None = None,
    mu: float = 1.0,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    seed: SeedLike = None,
) -> pd.Series:
    r"""Simulate outbreaks from a set of sources and return their final sizes.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``transmission="trust"``, a networkx graph
        needs the edge attribute ``weight`` and a CSRGraph needs weights.
    model : {"sir"}
        Spreading model: "sir" is discrete-time SIR (MODEL.md section 3).
    sources : node label or list-like of node labels
        The nodes infectious at ``t = 0``: one node of ``G``, or a non-empty
        list of distinct nodes. Their order does not matter.
    n_runs : int, default=100
        Number of independent outbreaks, >= 1.
    beta : float, optional
        Transmission probability per contact and step, in [0, 1]. Give
        exactly one of ``beta`` and ``beta_factor``.
    beta_factor : float, optional
        ``beta`` as a multiple of the epidemic threshold:
        ``beta = beta_factor * epidemic_threshold(G)``, as Kitsak et al. [1]_
        state it.
    mu : float, default=1.0
        Recovery probability per step, in (0, 1]; 1 means infectious for
        exactly one step.
    transmission : {"contact", "trust"}, default="contact"
        "contact": every edge transmits with ``beta``. "trust": edge ij
        transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
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
    pandas.Series indexed by run
        Final outbreak size of each run (int64, number of recovered nodes at
        the end, sources included), named ``"size"``, with a
        ``RangeIndex`` named ``"run"``. ``attrs`` records ``model``,
        ``beta`` (the value used), ``beta_factor``, ``mu``,
        ``transmission``, ``w_ref`` (the value used, None for contact),
        ``sources``, ``n_runs`` and the seed provenance (``seed_entropy``,
        ``seed_spawn_key``, ``key_scheme``).

    Raises
    ------
    InvalidParameterError
        If ``model``, ``n_runs``, ``beta``, ``beta_factor``, ``mu``,
        ``transmission`` or ``w_ref`` is out of range; if both or neither of
        ``beta`` and ``beta_factor`` are given; if ``sources`` is empty, or
        has a label that is not a node of ``G`` or appears twice.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    epidemic_curves : the same runs, step by step.
    spreading_efficiency : the mean outbreak size from every node.
    epidemic_threshold : the ``beta_c`` that ``beta_factor`` multiplies.

    Notes
    -----
    **Model.** Discrete-time SIR [1]_: each node is susceptible (S),
    infectious (I) or recovered (R). At ``t = 0`` the sources are
    infectious and every other node susceptible. At each step every
    infectious node :math:`u` infects each susceptible neighbour :math:`v`
    independently with probability

    .. math:: p_{uv} = \beta \quad\text{(contact)}, \qquad
              p_{uv} = 1 - (1 - \beta)^{w_{uv} / w_\mathrm{ref}}
              \quad\text{(trust)},

    so a susceptible node with infectious neighbours :math:`I_v` is infected
    with probability :math:`1 - \prod_{u \in I_v} (1 - p_{uv})`; then every
    node that was infectious recovers with probability :math:`\mu`. Nodes
    infected at a step become infectious at the next. ``beta`` and ``mu``
    are probabilities per step (no time unit). The outbreak ends when no
    node is infectious; its size is the number of recovered nodes. With
    :math:`\mu = 1` the infected set has the law of the sources' cluster in
    bond percolation with edge probabilities :math:`p_{uv}` [2]_.

    **Algorithm.** A queue of infectious nodes per run. Time per run:
    O(number of steps + sum of the degrees of the infected nodes) for
    "trust"; for "contact", geometric skips jump from one contacted
    neighbour to the next, O(number of steps + infected nodes + contacts).
    Memory: O(n) work arrays per parallel chunk of runs (at most 32 chunks),
    reused by the chunk's runs, so nothing of size n is reset or allocated
    per run or per step; plus the output. Runs are spread over numba
    threads.

    **Draw order.** Run :math:`r` draws from the stream keyed ``(SIR,
    min(source positions), r)``. Within a run: the sources in ascending
    position are infectious first; each step visits the infectious nodes in
    the order they were infected and their neighbours in ``G``'s node order;
    "contact" draws one uniform per geometric skip to the next contacted
    neighbour (:math:`P(\text{skip} \ge j) = (1-\beta)^j`, by inversion of
    a table of :math:`1 - (1-\beta)^j`), plus one that ends the row, and no
    draw when :math:`\beta \in \{0, 1\}`; "trust" draws one uniform per
    susceptible neighbour; then, when :math:`\mu < 1`, one uniform per
    infectious node decides its recovery (``netsim._kernels.sir`` states
    the order exactly). So the first :math:`k` runs of an :math:`R`-run
    call are those of a :math:`k`-run call, the thread count changes
    nothing, and a single source's runs are those that
    ``spreading_efficiency(..., method="direct")`` simulates from it.

    **Relation to EoN and NDlib.** With ``mu=1`` and "contact" this is the
    model of EoN's ``basic_discrete_SIR(G, p=beta,
    initial_infecteds=sources)`` (Kiss, Miller and Simon [3]_, fig. 6.8);
    the size here is EoN's final ``R``. With ``mu < 1`` it is NDlib's
    ``SIRModel`` with ``beta`` and ``gamma=mu`` [4]_ (both draw per
    susceptible neighbour, then per recovery), run until no node is
    infectious.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [2] M. E. J. Newman, "Spread of epidemic disease on networks",
       Phys. Rev. E 66, 016128 (2002). doi:10.1103/PhysRevE.66.016128
    .. [3] I. Z. Kiss, J. C. Miller and P. L. Simon, "Mathematics of Epidemics
       on Networks", Springer (2017). doi:10.1007/978-3-319-50806-1
    .. [4] G. Rossetti et al., "NDlib: a python library to model and analyze
       diffusion processes over complex networks", Int. J. Data Sci. Anal. 5,
       61-79 (2018). doi:10.1007/s41060-017-0086-6

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
    """
    problem = _prepare(  # 1. validate, 2. convert
        G, model, sources, n_runs, beta, beta_factor, mu, transmission, weight, w_ref, "simulate"
    )
    root = seed_sequence(seed)  # 3. key
    sizes = _kernel.sir_discrete_sizes(*_kernel_args(problem, kernel_key(root)))  # 4. compute
    result = pd.Series(  # 5. wrap
        sizes, index=pd.RangeIndex(problem.n_runs, name="run"), name="size", dtype=np.int64
    )
    result.attrs.update(provenance(root, **problem.attrs))
    return result


def epidemic_curves(
    G: Any,
    model: str,
    *,
    sources: Any,
    n_runs: int = 10,
    beta: float | None = None,
    beta_factor: float | None = None,
    mu: float = 1.0,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Simulate outbreaks from a set of sources and return S, I and R after every step.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``transmission="trust"``, a networkx graph
        needs the edge attribute ``weight`` and a CSRGraph needs weights.
    model : {"sir"}
        Spreading model: "sir" is discrete-time SIR (MODEL.md section 3).
    sources : node label or list-like of node labels
        The nodes infectious at ``t = 0``: one node of ``G``, or a non-empty
        list of distinct nodes. Their order does not matter.
    n_runs : int, default=10
        Number of independent outbreaks, >= 1.
    beta : float, optional
        Transmission probability per contact and step, in [0, 1]. Give
        exactly one of ``beta`` and ``beta_factor``.
    beta_factor : float, optional
        ``beta`` as a multiple of the epidemic threshold:
        ``beta = beta_factor * epidemic_threshold(G)``.
    mu : float, default=1.0
        Recovery probability per step, in (0, 1]; 1 means infectious for
        exactly one step.
    transmission : {"contact", "trust"}, default="contact"
        "contact": every edge transmits with ``beta``. "trust": edge ij
        transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
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
        One row per run and step ``t = 0, 1, ..., T_run`` (``t = 0``: the
        sources infectious, nobody recovered; ``T_run``: the first step with
        no infectious node), columns ``S``, ``I`` and ``R`` (int64, numbers
        of susceptible, infectious and recovered nodes, ``S + I + R =
        n_nodes``). The runs are those of :func:`simulate` with the same
        arguments: the last ``R`` of each run is its size. ``attrs`` as in
        :func:`simulate`.

    Raises
    ------
    InvalidParameterError
        If ``model``, ``n_runs``, ``beta``, ``beta_factor``, ``mu``,
        ``transmission`` or ``w_ref`` is out of range; if both or neither of
        ``beta`` and ``beta_factor`` are given; if ``sources`` is empty, or
        has a label that is not a node of ``G`` or appears twice.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    simulate : only the final sizes, with less memory and time.

    Notes
    -----
    The model, the draw order and the relation to EoN and NDlib are those of
    :func:`simulate`: run :math:`r` here is run :math:`r` there. EoN's
    ``basic_discrete_SIR`` returns the same ``t, S, I, R`` arrays for one
    run (``mu = 1``). Each run is simulated twice, first to count its steps
    and then to fill its rows, so the result takes twice the time of
    :func:`simulate` plus O(total number of steps) memory.

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
    """
    problem = _prepare(  # 1. validate, 2. convert
        G,
        model,
        sources,
        n_runs,
        beta,
        beta_factor,
        mu,
        transmission,
        weight,
        w_ref,
        "epidemic_curves",
    )
    root = seed_sequence(seed)  # 3. key
    offsets, susceptible, infectious, recovered = _kernel.sir_discrete_curves(  # 4. compute
        *_kernel_args(problem, kernel_key(root))
    )
    lengths = np.diff(offsets)  # 5. wrap
    run = np.repeat(np.arange(problem.n_runs, dtype=np.int64), lengths)
    t = np.arange(offsets[-1], dtype=np.int64) - np.repeat(offsets[:-1], lengths)
    index = pd.MultiIndex.from_arrays([run, t], names=["run", "t"])
    frame = pd.DataFrame({"S": susceptible, "I": infectious, "R": recovered}, index=index)
    frame.attrs.update(provenance(root, **problem.attrs))
    return frame
