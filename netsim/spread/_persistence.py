"""Persistence under SIS: each node's share of time infected in the steady state.

The SIS counterpart of the spreading efficiency ``M_i``: under an endemic
SIS process the nodes that stay infected longest are the ones that keep it
alive, and Kitsak et al. (2010) found them in the inner k-shells too.

References: Kitsak et al. 2010, doi:10.1038/nphys1746; Pastor-Satorras et al.
2015, doi:10.1103/RevModPhys.87.925.
"""

from typing import Any

import numpy as np
import pandas as pd

from .._kernels import sis as _sis
from .._seeding import Purpose, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_int, invalid
from ._efficiency import _moments
from ._models import model_params, resolve

__all__ = ["persistence"]


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
        Transmission probability per contact and step, in [0, 1]. Give
        exactly one of ``beta`` and ``beta_factor``.
    beta_factor : float, optional
        ``beta`` as a multiple of ``epidemic_threshold(G)`` (the SIR
        threshold, so that SIR and SIS experiments share one scale).
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
        parameters used (``beta``, ``mu``, ``burn_in``, ``window``, ...) and
        the seed provenance.

    Raises
    ------
    InvalidParameterError
        If a parameter is out of range; if both or neither of ``beta`` and
        ``beta_factor`` are given; if a label of ``nodes`` is unknown or
        repeated; if ``G`` has no node.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    simulate : ``model="sis"`` gives the mean prevalence of runs from chosen
        sources.
    spreading_efficiency : the SIR counterpart.

    Notes
    -----
    **Model.** Discrete-time SIS, as ``simulate(G, "sis", ...)``: each step
    every infectious node infects each susceptible neighbour with
    probability :math:`\beta` (or :math:`p_{ij}` with trust), then each node
    that was infectious recovers, and is susceptible again, with probability
    :math:`\mu`. Every run starts with every node infectious, so a run on a
    graph with an endemic state reaches it fast; it then runs ``burn_in``
    steps and counts, for each node, the steps ``burn_in + 1 .. burn_in +
    window`` in which it is infectious. A run that dies out counts 0 from
    then on; below the epidemic threshold every node's persistence tends
    to 0.

    **Estimate.** Node :math:`i`'s persistence is the mean over runs of
    :math:`c_{i,r} / W` (:math:`c_{i,r}` infectious steps in the window of
    run :math:`r`, :math:`W` the window), with standard error
    :math:`s / \sqrt{R}` over runs. Runs are independent; the steps of one
    run are not, which is why the standard error is taken over runs.

    **Cost.** Each step costs the infectious nodes and their edges: time
    O(R (burn_in + window) (I + E_I)), with I infectious nodes and E_I their
    edges per step; memory O(n) per parallel chunk of runs.

    **Draw order.** Run :math:`r` draws from the stream keyed
    ``(PERSISTENCE, r, 0)``, in the order of ``netsim._kernels.sis``.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746
    .. [2] R. Pastor-Satorras, C. Castellano, P. Van Mieghem and
       A. Vespignani, "Epidemic processes in complex networks", Rev. Mod.
       Phys. 87, 925 (2015). doi:10.1103/RevModPhys.87.925

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> df = netsim.persistence(G, beta=0.3, mu=0.5, n_runs=200, seed=42)
    >>> df.shape, list(df.columns)
    ((34, 3), ['persistence', 'persistence_se', 'n_runs'])
    >>> df["persistence"].round(2).nlargest(3)
    node
    0     0.65
    33    0.65
    32    0.64
    Name: persistence, dtype: float64
    """
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
    positions = np.arange(csr.n_nodes, dtype=np.int64) if nodes is None else csr.positions(nodes)
    sums, sums_sq = _sis.sis_discrete_persistence(  # 4. compute
        csr.indptr, csr.indices, d.edge_values, d.beta, d.mu, n_runs, d.burn_in, d.window,
        *kernel_key(root), int(Purpose.PERSISTENCE),
    )  # fmt: skip
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
    frame.attrs.update(provenance(root, **attrs, n_runs=n_runs))
    return frame
