"""Persistence under SIS: each node's share of time infected in the steady state.

The SIS counterpart of the spreading efficiency ``M_i``: under an endemic
SIS process the nodes that stay infected longest are the ones that keep it
alive, and Kitsak et al. (2010) found them in the inner k-shells too.

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Pastor-Satorras et al.
2015, doi:10.1103/RevModPhys.87.925.
"""

import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._kernels import sis as _sis
from .._seeding import Purpose, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_int, invalid
from ..exceptions import NetsimWarning
from ._efficiency import _moments
from ._models import model_params, resolve

__all__ = ["DEFAULT_BETA_FACTOR", "PERSISTENCE_MODELS", "persistence"]

#: ``beta_factor`` when neither ``beta`` nor ``beta_factor`` is given: above the SIS
#: threshold on the shipped networks, where the endemic state is reached in a few steps.
DEFAULT_BETA_FACTOR = 1.5

#: The spreading models whose per-node measure is the persistence (experiments read it).
PERSISTENCE_MODELS = ("sis",)


def persistence(
    G: Any,
    *,
    beta: float | None = None,
    beta_factor: float | None = None,
    threshold: str = "configuration",
    mu: float | None = None,
    burn_in: int | None = None,
    window: int | None = None,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    n_runs: int = 100,
    nodes: Any = None,
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return every node's share of time infected under SIS in the steady state.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph with at least one node. With
        ``transmission="trust"``, a networkx graph needs the edge attribute
        ``weight`` and a CSRGraph needs weights.
    beta : float, optional
        Transmission probability per contact and step, in (0, 1]. Give at
        most one of ``beta`` and ``beta_factor``; with neither,
        ``beta_factor=1.5``.
    beta_factor : float, optional
        ``beta`` as a multiple of ``epidemic_threshold(G)`` (the SIR
        threshold, so that SIR and SIS experiments share one scale), > 0.
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        The SIR threshold that ``beta_factor`` multiplies (see
        :func:`epidemic_threshold`; "susceptibility" is measured on 100
        samples from the child ``REGIME`` of ``seed``). SIS has no final
        outbreak size, so there is no ``target_outbreak`` here.
    mu : float, optional
        Recovery probability per step, in (0, 1]; default 1.
    burn_in : int, optional
        Steps run before time is counted, >= 0; default 100.
    window : int, optional
        Steps counted after the burn-in, >= 1; default 100.
    transmission : {"contact", "trust"}, default="contact"
        "contact": every edge transmits with ``beta``. "trust": edge ij
        transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``transmission="trust"``.
    n_runs : int, default=100
        Independent SIS runs, >= 1.
    nodes : sequence of node labels, optional
        The nodes to report, distinct, in the order wanted; default all
        nodes, in ``G``'s order.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.DataFrame indexed by node
        Columns ``persistence`` (float64, the mean over runs of the share of
        the window's steps in which the node is infectious, in [0, 1]),
        ``persistence_se`` (float64, its standard error over runs; NaN when
        ``n_runs = 1``) and ``n_runs`` (int64). ``attrs`` records the
        parameters used (``beta``, ``mu``, ``burn_in``, ``window``, ...),
        ``n_extinct`` (the number of runs with no infectious node left at
        the end of the window) and the seed provenance.

    Raises
    ------
    InvalidParameterError
        If a parameter is out of range; if both ``beta`` and ``beta_factor``
        are given; if ``beta`` is 0 (given, or ``beta_factor=0``) or ``G``
        has no edge, where SIS dies out with certainty; if a label of
        ``nodes`` is unknown or repeated; if ``G`` has no node.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If every run died out before the end of the window: the process is
        below its epidemic threshold on ``G`` and every persistence tends to
        0; raise ``beta``.

    See Also
    --------
    simulate : ``model="sis"`` gives the mean prevalence of runs from chosen
        sources.
    spreading_efficiency : the SIR counterpart.

    Notes
    -----
    **Model.** Discrete-time SIS, as ``simulate(G, "sis", ...)``: each step
    every node infectious at its start recovers, and is susceptible again,
    with probability :math:`\mu`, and contacts each neighbour with
    probability :math:`\beta` (or :math:`p_{ij}` with trust); a node is
    infectious after the step if it did not recover or if it was contacted,
    so a node can be re-infected in the step it recovers (Gomez et al.
    [3]_). Given the infectious set :math:`I_t`,

    .. math:: P(i \in I_{t+1} \mid I_t) = 1 - \bigl(1 - (1 - \mu)
              [i \in I_t]\bigr) \prod_{j \in I_t} (1 - p_{ji}).

    **Start.** Every run starts with every node infectious: the state
    farthest from extinction, from which a process above its threshold
    reaches the endemic (quasi-stationary) state in a few steps. The update
    order is chosen so that this start does not die out by construction:
    with the other order (infection of susceptible nodes only, then
    recovery) and :math:`\mu = 1` every node would recover at the first
    step with nobody left to infect, and the persistence would be 0 at any
    :math:`\beta`. A run then runs ``burn_in`` steps and counts, for each
    node, the steps ``burn_in + 1 .. burn_in + window`` in which it is
    infectious. A run can still die out on a finite graph (below or near
    the threshold); it then counts 0 from then on, and ``attrs["n_extinct"]``
    says how many did. Kitsak et al. [1]_ measure the same quantity, the
    probability that node :math:`i` is infected in the steady state, and
    find it largest in the inner k-shells. Re-seeding dead runs from past
    states (the quasi-stationary method of de Oliveira and Dickman [4]_)
    is not used: it would hide extinction, which ``n_extinct`` reports, and
    above the threshold a start from everyone infectious survives the
    window.

    **Regime.** By default ``beta = 1.5 * epidemic_threshold(G)`` with
    :math:`\mu = 1`. ``epidemic_threshold`` is the SIR (bond percolation)
    threshold :math:`\langle k\rangle / (\langle k^2\rangle - \langle
    k\rangle)`; the SIS threshold of this update is another number,
    :math:`\mu / \Lambda_{max}` in quenched mean field
    (:math:`\Lambda_{max}` the largest adjacency eigenvalue, Pastor-Satorras
    et al. [2]_), below the SIR one on most networks but not on all: on the
    shipped ego-Facebook network the default gives a mean persistence of
    about 0.13 and no run dies out, while on the disassortative GitHub
    network (:math:`1 / \Lambda_{max} \approx 3 \beta_c`) every run dies
    out, which the warning reports.

    **Estimate.** Node :math:`i`'s persistence is the mean over runs of
    :math:`c_{i,r} / W` (:math:`c_{i,r}` infectious steps in the window of
    run :math:`r`, :math:`W` the window), with standard error
    :math:`s / \sqrt{R}` over runs. Runs are independent; the steps of one
    run are not, which is why the standard error is taken over runs.

    **Cost.** Each step costs the infectious nodes and their edges: time
    O(R (burn_in + window) (I + E_I)), with I infectious nodes and E_I their
    edges per step; memory O(n) per parallel chunk of runs.

    **Draw order.** Run :math:`r` draws from the stream keyed
    ``(PERSISTENCE, r, 0)``, in the order of ``netsim._kernels.sis``
    (recoveries first, then transmissions, each step).

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [2] R. Pastor-Satorras, C. Castellano, P. Van Mieghem and
       A. Vespignani, "Epidemic processes in complex networks", Rev. Mod.
       Phys. 87, 925 (2015). doi:10.1103/RevModPhys.87.925
    .. [3] S. Gomez, A. Arenas, J. Borge-Holthoefer, S. Meloni and
       Y. Moreno, "Discrete-time Markov chain approach to contact-based
       disease spreading in complex networks", EPL 89, 38009 (2010).
       doi:10.1209/0295-5075/89/38009
    .. [4] M. M. de Oliveira and R. Dickman, "How to simulate the
       quasistationary state", Phys. Rev. E 71, 016129 (2005).
       doi:10.1103/PhysRevE.71.016129

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> df = netsim.persistence(G, n_runs=200, seed=42)
    >>> df.shape, list(df.columns)
    ((34, 3), ['persistence', 'persistence_se', 'n_runs'])
    >>> round(df.attrs["beta"], 4), df.attrs["n_extinct"]  # 1.5 x the threshold
    (0.2216, 17)
    >>> df.loc[[0, 33, 11]].round(3)
          persistence  persistence_se  n_runs
    node
    0           0.725           0.013     200
    33          0.739           0.013     200
    11          0.160           0.004     200

    The infection persists longest in the inner k-shells:

    >>> shells = netsim.core_number(G)
    >>> df["persistence"].groupby(shells).mean().round(2).to_dict()
    {1: 0.16, 2: 0.26, 3: 0.33, 4: 0.59}
    """
    if beta is None and beta_factor is None:
        beta_factor = DEFAULT_BETA_FACTOR
    params = model_params(locals())
    root = seed_sequence(seed)  # 3. key (a measured threshold draws from it while resolving)
    d = resolve(G, "sis", params, caller="persistence", root=root)  # 1. validate, 2. convert
    n_runs = check_int("n_runs", n_runs, minimum=1)
    if n_runs * d.window**2 >= 2**62:
        raise invalid(
            "window", f"at most {int((2**62 / n_runs) ** 0.5)} with this n_runs", d.window
        )
    csr = d.csr
    if csr.n_nodes == 0:
        raise invalid("G", "a graph with at least one node", csr)
    dies = "SIS then dies out with certainty and every persistence is 0."
    if csr.n_edges == 0:
        raise invalid("G", "a graph with at least one edge", csr, f"Nobody is re-infected: {dies}")
    if d.beta == 0.0:
        name, value = ("beta", beta) if beta is not None else ("beta_factor", beta_factor)
        hint = f"With beta = 0 nobody is infected again: {dies}"
        raise invalid(name, "> 0 for persistence", value, hint)
    positions = np.arange(csr.n_nodes, dtype=np.int64) if nodes is None else csr.positions(nodes)
    sums, sums_sq, n_extinct = _sis.sis_discrete_persistence(  # 4. compute
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, n_runs, d.burn_in, d.window,
        *kernel_key(root), int(Purpose.PERSISTENCE),
    )  # fmt: skip
    if n_extinct == n_runs:
        message = (
            f"every one of the {n_runs} SIS runs died out by step {d.burn_in + d.window} "
            f"(beta={d.beta:.4g}, mu={d.mu:g}): the process is below its epidemic threshold "
            "on this graph and every persistence tends to 0; raise beta or beta_factor."
        )
        warnings.warn(message, NetsimWarning, stacklevel=2)
    mean, se = _moments(sums[positions], sums_sq[positions], n_runs)
    frame = pd.DataFrame(  # 5. wrap
        {
            "persistence": mean / d.window,
            "persistence_se": se / d.window,
            "n_runs": np.full(positions.size, n_runs, dtype=np.int64),
        },
        index=csr.nodes[positions],
    )
    attrs = {key: value for key, value in d.attrs.items() if key != "model"}
    frame.attrs.update(provenance(root, **attrs, n_runs=n_runs, n_extinct=n_extinct))
    return frame
