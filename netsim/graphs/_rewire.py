"""A degree-preserving null model: the network rewired by double-edge swaps.

Rewiring keeps every node's degree and randomises everything else, so that a
quantity measured on a network and on its rewired versions separates what
the degree sequence explains from what the rest of the structure does
(Maslov and Sneppen [1]_; MODEL.md section 4).

References
----------
.. [1] S. Maslov and K. Sneppen, "Specificity and stability in topology of
   protein networks", Science 296, 910-913 (2002),
   doi:10.1126/science.1065103.
"""

import networkx as nx
import numpy as np
import scipy as sp

from .._kernels import rewire as _kernel
from .._seeding import Purpose, kernel_key, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import Described, check_int, invalid
from ._csr import CSRGraph, _assemble, as_csr

__all__ = ["SWAPS_PER_EDGE", "rewire"]

#: Attempted swaps per edge when ``n_swaps`` is not given.
SWAPS_PER_EDGE = 10


def _n_components(csr: CSRGraph) -> int:
    """Return the number of connected components, counting only nodes with an edge."""
    degrees = csr.degrees
    if not np.any(degrees):
        return 0
    matrix = sp.sparse.csr_array(
        (np.ones(csr.indices.size, dtype=np.int8), csr.indices, csr.indptr),
        shape=(csr.n_nodes, csr.n_nodes),
    )
    _, labels = sp.sparse.csgraph.connected_components(matrix, directed=False)
    return int(np.unique(labels[degrees > 0]).size)


def rewire(
    G: nx.Graph | CSRGraph,
    n_swaps: int | None = None,
    *,
    connected: bool = False,
    seed: SeedLike = None,
) -> nx.Graph | CSRGraph:
    """Return ``G`` rewired by degree-preserving double-edge swaps.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    n_swaps : int, optional
        Number of *attempted* swaps, an int >= 0; rejected attempts count
        (see Notes). Default: 10 times the number of edges.
    connected : bool, default=False
        Refuse every swap that would disconnect the graph, which must then
        be connected (isolated nodes aside).
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    networkx.Graph or CSRGraph
        The type of ``G``: the same nodes in the same order with their
        attributes, every node with its degree, and the rewired edges,
        without edge attributes (a rewired edge is a new tie; weights are
        dropped too). The graph attributes of ``G`` are kept and joined by
        ``"n_swaps"`` (attempts), ``"n_swaps_accepted"``, ``"connected"``
        and the seed provenance (``"seed_entropy"``, ``"seed_spawn_key"``,
        ``"key_scheme"``): in ``G.graph``, or in ``graph_attrs`` of a
        CSRGraph.

    Raises
    ------
    TypeError
        If ``G`` is not a graph, ``n_swaps`` is not an int or ``connected``
        is not a bool.
    InvalidParameterError
        If ``n_swaps`` is negative, or ``connected=True`` and ``G`` is not
        connected.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    networkx.double_edge_swap : the same swaps, counted when they succeed.
    networkx.connected_double_edge_swap : the connected variant, by windows.

    Notes
    -----
    One step of the Markov chain picks two edges uniformly and independently
    and one of the two ways to swap their ends uniformly: edges ``(a, b)``
    and ``(c, d)`` become ``(a, d)`` and ``(c, b)``. The step is rejected,
    leaving the graph as it is, when it picks the same edge twice or would
    create a self-loop or a multi-edge, and, with ``connected=True``, when
    it would disconnect the graph. ``n_swaps`` counts these steps, accepted
    or not: counting rejected attempts as steps is what makes the chain
    uniform. Each swap is undone by exactly one swap of the new graph, so
    the proposal is symmetric and the chain's stationary law is the uniform
    distribution over the simple graphs with the degree sequence of ``G``
    (the connected ones with ``connected=True``), all of which it reaches
    [1]_. ``networkx.double_edge_swap(G, nswap)`` instead repeats until
    ``nswap`` swaps *succeed*; the accepted count here is
    ``graph["n_swaps_accepted"]``, to compare the two.

    The default of 10 attempts per edge picks every edge 20 times on
    average. Chains of a small multiple of m steps are common practice
    [2]_ [3]_; Ray, Pinar and Seshadhri [4]_ measure how fast such chains
    forget their start on real networks, and how many swaps a given study
    needs is best checked there, e.g. by comparing two multiples.

    With ``connected=True`` each swap that passes the simplicity checks is
    made tentatively and kept only if its two first ends, ``a`` and ``b``,
    are still joined; that alone decides whether the graph stays connected,
    since every node reaches one of ``a, b, c, d`` without the two removed
    edges. The search runs from both ends and grows the smaller frontier,
    so a swap that would cut off a small piece costs the size of that
    piece. This is an exact per-swap check, not the windows of Gkantsidis,
    Mihail and Zegura [3]_ (a window of swaps, one search, roll back if
    disconnected) that ``networkx.connected_double_edge_swap`` uses with an
    adaptive window, which makes its chain's law depend on its history.

    Cost: O(1) expected per attempt for ``connected=False`` (edges in an
    open-addressing hash set), in compiled code; with ``connected=True``
    each attempt that passes the simplicity checks also pays the search.
    The edges fill slots in CSR order (by the position of their first end
    in ``list(G)``, then of the second), and one stream draws, per attempt,
    the two slots and the bit (draw order: the kernel module
    ``netsim._kernels.rewire``); one chain is serial, so the thread count
    cannot change it.

    References
    ----------
    .. [1] R. Taylor, "Constrained switchings in graphs", Combinatorial
       Mathematics VIII, Lecture Notes in Mathematics 884, 314-336 (1981),
       doi:10.1007/BFb0091828.
    .. [2] R. Milo, N. Kashtan, S. Itzkovitz, M. E. J. Newman and U. Alon,
       "On the uniform generation of random graphs with prescribed degree
       sequences", arXiv:cond-mat/0312028 (2003).
    .. [3] C. Gkantsidis, M. Mihail and E. Zegura, "The Markov chain
       simulation method for generating connected power law random
       graphs", Proc. ALENEX 2003, 16-25.
    .. [4] J. Ray, A. Pinar and C. Seshadhri, "Are we there yet? When to
       stop a Markov chain while generating random graphs", WAW 2012,
       Lecture Notes in Computer Science 7323, 153-164,
       doi:10.1007/978-3-642-30541-2_12.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> H = netsim.rewire(G, seed=1)
    >>> dict(H.degree) == dict(G.degree)
    True
    >>> H.graph["n_swaps"], H.graph["n_swaps_accepted"] > 0
    (780, True)
    >>> nx.is_connected(netsim.rewire(G, connected=True, seed=1))
    True
    >>> csr = netsim.rewire(netsim.CSRGraph.from_networkx(G), 100, seed=1)
    >>> csr.n_edges, csr.graph_attrs["n_swaps"]
    (78, 100)
    """
    if n_swaps is not None:
        n_swaps = check_int("n_swaps", n_swaps, minimum=0)
    if not isinstance(connected, bool | np.bool_):
        message = f"connected must be a bool; got {type(connected).__name__}."
        raise TypeError(message)
    csr = as_csr(G, caller="rewire")
    if connected and _n_components(csr) > 1:
        raise invalid(
            "G",
            "connected when connected=True",
            Described(f"a graph with {_n_components(csr)} components"),
            "Rewire each component apart, or pass connected=False.",
        )
    root = seed_sequence(seed)
    rows = csr.rows
    upper = rows < csr.indices
    eu = np.ascontiguousarray(rows[upper], dtype=np.int64)
    ev = np.ascontiguousarray(csr.indices[upper], dtype=np.int64)
    if n_swaps is None:
        n_swaps = SWAPS_PER_EDGE * eu.size
    key0, key1 = kernel_key(root)
    purpose = int(Purpose.GRAPH)
    if connected:
        indptr = np.ascontiguousarray(csr.indptr, dtype=np.int64)
        accepted = _kernel.double_edge_swaps_connected(eu, ev, indptr, n_swaps, key0, key1, purpose)
    else:
        accepted = _kernel.double_edge_swaps(eu, ev, csr.n_nodes, n_swaps, key0, key1, purpose)
    attrs = {
        **csr.graph_attrs,
        "n_swaps": int(n_swaps),
        "n_swaps_accepted": int(accepted),
        "connected": bool(connected),
        **provenance(root),
    }
    if isinstance(G, CSRGraph):
        return _assemble(eu, ev, None, csr.nodes, None, dict(csr.node_attrs), graph_attrs=attrs)
    H = nx.Graph()
    H.graph.update(attrs)
    H.add_nodes_from(G.nodes(data=True))
    labels = np.asarray(csr.nodes, dtype=object)
    H.add_edges_from(zip(labels[eu].tolist(), labels[ev].tolist(), strict=True))
    return H
