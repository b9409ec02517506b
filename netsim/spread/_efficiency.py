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

from .._kernels import percolation as _percolation
from .._kernels import sir as _sir
from .._seeding import Purpose, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_choice, check_int, invalid
from ..graphs._csr import CSRGraph
from ._threshold import resolve_beta
from ._transmission import check_mu, edge_probabilities, graph_for, reference_trust

__all__ = ["METHODS", "spreading_efficiency"]

METHODS = ("auto", "direct", "percolation")

#: At most this many bytes of per-chunk accumulators and union-find workspace.
_CHUNK_MEMORY = 256 * 2**20
#: At most this many parallel sample chunks (enough to balance many threads).
_MAX_CHUNKS = 32


def _validate(mu: Any, n_runs: Any, method: Any) -> tuple[float, int, str]:
    mu = check_mu(mu)
    n_runs = check_int("n_runs", n_runs, minimum=1)
    method = check_choice("method", method, METHODS)
    if method == "percolation" and mu < 1.0:
        hint = (
            "The percolation mapping is exact only for mu = 1: with mu < 1 an infectious "
            "node's transmissions to its neighbours are correlated through its shared "
            'infectious period (Kenah and Robins 2007). Use method="direct" (or "auto").'
        )
        raise invalid("mu", '1.0 when method="percolation"', mu, hint)
    if method == "auto":
        method = "percolation" if mu == 1.0 else "direct"
    return mu, n_runs, method


def _n_chunks(n_nodes: int, n_runs: int, itemsize: int) -> int:
    """Return the number of parallel sample chunks: a memory bound, never the thread count."""
    per_chunk = max(1, n_nodes) * (16 + itemsize)
    return max(1, min(n_runs, _MAX_CHUNKS, _CHUNK_MEMORY // per_chunk))


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


def _percolation_sums(
    csr: CSRGraph, p: np.ndarray, beta: float, n_runs: int, key: tuple[np.uint64, np.uint64]
) -> tuple[np.ndarray, np.ndarray]:
    n_chunks = _n_chunks(csr.n_nodes, n_runs, csr.indices.itemsize)
    return _percolation.cluster_size_sums_bond_percolation(
        csr.indptr, csr.indices, p, beta, 0, n_runs, n_chunks, *key, int(Purpose.PERCOLATION)
    )


def _direct_sums(
    csr: CSRGraph,
    p: np.ndarray,
    beta: float,
    mu: float,
    positions: np.ndarray,
    n_runs: int,
    key: tuple[np.uint64, np.uint64],
) -> tuple[np.ndarray, np.ndarray]:
    sizes = _sir.sir_discrete_sizes_each_source(
        csr.indptr, csr.indices, p, beta, mu, positions, n_runs, *key, int(Purpose.SIR)
    )
    return sizes.sum(axis=1), (sizes * sizes).sum(axis=1)


def spreading_efficiency(
    G: Any,
    *,
    beta: float | None = None,
    beta_factor: float | None = None,
    mu: float = 1.0,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    n_runs: int = 1000,
    nodes: Any = None,
    method: str = "auto",
    seed: SeedLike = None,
) -> pd.DataFrame:
    r"""Return every node's spreading efficiency: its mean outbreak size, with standard error.

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
        ``beta`` as a multiple of the epidemic threshold:
        ``beta = beta_factor * epidemic_threshold(G)``, as Kitsak et al. [1]_
        state it.
    mu : float, default=1.0
        Recovery probability per step, in (0, 1]; 1 means infectious for one
        step.
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
        Outbreaks per node (percolation samples or direct runs), >= 1.
    nodes : sequence of node labels, optional
        The nodes to report, distinct, in the order wanted; default all
        nodes, in ``G``'s order. A node gets the same numbers whichever other
        nodes are asked for.
    method : {"auto", "percolation", "direct"}, default="auto"
        "percolation": one bond-percolation sample gives every node's outbreak
        size at once; exact only for ``mu = 1``, and refused otherwise.
        "direct": ``n_runs`` SIR simulations from each node. "auto":
        percolation when ``mu == 1``, else direct.
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
        ``n_runs`` (int64). Rows follow ``G``'s node order, or ``nodes``.
        ``attrs`` records ``method`` (the one used), ``beta``, ``mu``,
        ``transmission``, ``w_ref`` and the seed provenance
        (``seed_entropy``, ``seed_spawn_key``, ``key_scheme``).

    Raises
    ------
    InvalidParameterError
        If ``beta``, ``mu``, ``n_runs``, ``method``, ``transmission`` or
        ``w_ref`` is out of range; if both or neither of ``beta`` and
        ``beta_factor`` are given; if ``method="percolation"`` with ``mu < 1``;
        if a label of ``nodes`` is unknown or repeated; if ``G`` has no node.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    epidemic_threshold : the ``beta_c`` that ``beta_factor`` multiplies.

    Notes
    -----
    **Model.** Discrete-time SIR (MODEL.md): each step, every infectious node
    infects each susceptible neighbour independently with probability
    :math:`\beta` (or :math:`p_{ij}` with trust), then recovers with
    probability :math:`\mu`. The spreading efficiency of node :math:`i` is

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
    netsim simulates directly.

    **Draw order.** Percolation sample :math:`r` (:math:`0 \le r < R`) draws
    from the stream keyed ``(PERCOLATION, r, 0)``: the undirected edges
    :math:`i < j` are visited in CSR order, with geometric skips over edges
    for "contact" and one uniform per edge for "trust". Direct run
    :math:`r` from node :math:`i` draws from ``(SIR, i, r)`` (the order of
    ``netsim._kernels.sir``). So the first :math:`k` runs of an
    :math:`R`-run call are those of a :math:`k`-run call, a node's numbers
    do not depend on ``nodes``, and changing the thread count changes
    nothing.

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
    """
    mu, n_runs, method = _validate(mu, n_runs, method)  # 1. validate
    csr = graph_for(G, transmission, weight, caller="spreading_efficiency")  # 2. convert
    if csr.n_nodes == 0:
        raise invalid("G", "a graph with at least one node", csr)
    beta = resolve_beta(csr, beta, beta_factor)
    w_ref = reference_trust(csr, transmission, w_ref)
    p = edge_probabilities(csr, beta, w_ref)
    positions = np.arange(csr.n_nodes, dtype=np.int64) if nodes is None else csr.positions(nodes)
    root = seed_sequence(seed)  # 3. key
    key = kernel_key(root)
    if method == "percolation":  # 4. compute
        sums, sums_sq = _percolation_sums(csr, p, beta, n_runs, key)
        sums, sums_sq = sums[positions], sums_sq[positions]
    else:
        sums, sums_sq = _direct_sums(csr, p, beta, mu, positions, n_runs, key)
    mean, se = _moments(sums, sums_sq, n_runs)
    frame = pd.DataFrame(  # 5. wrap
        {"M": mean, "M_se": se, "n_runs": np.full(positions.size, n_runs, dtype=np.int64)},
        index=csr.nodes[positions],
    )
    frame.attrs.update(
        provenance(
            root,
            method=method,
            beta=beta,
            beta_factor=None if beta_factor is None else float(beta_factor),
            mu=mu,
            transmission=transmission,
            w_ref=w_ref,
        )
    )
    return frame
