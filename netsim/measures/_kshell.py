"""k-shell decomposition: core numbers, k-shells and onion layers.

The k-core of a graph (Seidman [1]_) is its largest subgraph in which every
node has degree >= k; a node's core number is the largest k whose k-core
holds it, and the k-shell is the set of nodes of core number exactly k.
Kitsak et al. [2]_ found that the k-shell, more than the degree, identifies
the nodes that spread an epidemic furthest. The onion decomposition of
Hebert-Dufresne, Grochow and Allard [3]_ refines each shell by the round in
which peeling removes a node.

The functions have networkx's names and return networkx's values, as pandas
objects indexed by node; they run in compiled code in O(n + m) time
(Batagelj and Zaversnik [4]_).

References
----------
.. [1] S. B. Seidman, "Network structure and minimum degree", Social
   Networks 5, 269-287 (1983), doi:10.1016/0378-8733(83)90028-X.
.. [2] M. Kitsak, L. K. Gallos, S. Havlin, F. Liljeros, L. Muchnik,
   H. E. Stanley and H. A. Makse, "Identification of influential spreaders
   in complex networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.
.. [3] L. Hebert-Dufresne, J. A. Grochow and A. Allard, "Multi-scale
   structure and topological anomaly detection via a new network statistic:
   the onion decomposition", Sci. Rep. 6, 31708 (2016),
   doi:10.1038/srep31708.
.. [4] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores
   decomposition of networks", arXiv:cs/0310049 (2003),
   doi:10.48550/arXiv.cs/0310049.
"""

import networkx as nx
import pandas as pd

from .._kernels import kshell as _kernel
from .._validation import check_int
from ..graphs import CSRGraph
from ..graphs._csr import as_csr

__all__ = ["core_number", "k_shell", "onion_layers"]


def core_number(G: nx.Graph | CSRGraph) -> pd.Series:
    """Return the core number of every node.

    The core number of a node is the largest ``k`` such that the node belongs
    to the k-core: the largest subgraph in which every node has degree >= k.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph. Pass a :class:`~netsim.CSRGraph` to
        convert a large graph once for many calls.

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"core_number"``, in the order of ``list(G)`` (or
        ``G.nodes`` for a CSRGraph). Isolated nodes have core number 0.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph (the message says how to convert
        it).

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped (their count is given).

    See Also
    --------
    k_shell : the nodes of one shell.
    onion_layers : the removal round of each node, which refines the shells.
    networkx.core_number : the same values as a dict.

    Notes
    -----
    Same values as ``networkx.core_number(G)``, returned as a Series. Where
    networkx accepts a directed graph (using in- plus out-degree) netsim
    refuses it, and where networkx raises on self-loops netsim drops them
    with a warning, since a self-loop says nothing about a node's place in
    the shells.

    The graph is peeled in order of remaining degree, as in Batagelj and
    Zaversnik's algorithm [1]_: at level ``k = 0, 1, ...`` every remaining
    node of remaining degree <= k is removed with core number ``k``, and its
    removal lowers the degree of its neighbours, which may then leave at the
    same level. O(n + m) time and O(n) memory beyond the graph, in compiled
    code (well under a second for 5 million edges on one core); converting a
    networkx graph costs more than the computation, so convert large graphs
    once with :meth:`CSRGraph.from_networkx <netsim.CSRGraph.from_networkx>`.

    References
    ----------
    .. [1] V. Batagelj and M. Zaversnik, "An O(m) algorithm for cores
       decomposition of networks", arXiv:cs/0310049 (2003),
       doi:10.48550/arXiv.cs/0310049; published as "Fast algorithms for
       determining (generalized) core groups in social networks", Adv. Data
       Anal. Classif. 5, 129-145 (2011), doi:10.1007/s11634-010-0079-y.
    .. [2] S. B. Seidman, "Network structure and minimum degree", Social
       Networks 5, 269-287 (1983), doi:10.1016/0378-8733(83)90028-X.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import core_number
    >>> G = nx.karate_club_graph()
    >>> core = core_number(G)
    >>> core.head()
    node
    0    4
    1    4
    2    4
    3    4
    4    3
    Name: core_number, dtype: int64
    >>> int(core.max())
    4
    >>> core.to_dict() == nx.core_number(G)
    True
    """
    csr = as_csr(G, caller="core_number")
    values = _kernel.core_numbers_peel(csr.indptr, csr.indices)
    return pd.Series(values, index=csr.nodes, name="core_number")


def k_shell(G: nx.Graph | CSRGraph, k: int | None = None) -> pd.Index:
    """Return the nodes of the k-shell: the nodes of core number exactly ``k``.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    k : int, optional
        The shell, an int >= 0. Default: the innermost shell, the largest
        core number of ``G``.

    Returns
    -------
    pandas.Index
        Named ``"node"``: the nodes of core number ``k``, in the order of
        ``list(G)``. Empty if no node has core number ``k`` (or ``G`` has no
        nodes).

    Raises
    ------
    TypeError
        If ``k`` is not an int, or ``G`` is neither a networkx graph nor a
        CSRGraph.
    InvalidParameterError
        If ``k`` is negative.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    core_number : the core number of every node.
    networkx.k_shell : the same nodes, as an induced subgraph.

    Notes
    -----
    The same node set as ``networkx.k_shell(G, k)``, which returns the
    subgraph they induce; netsim returns the node labels whatever the type of
    ``G``, so the result can index a Series or select sources. Build
    networkx's subgraph with ``G.subgraph(netsim.k_shell(G, k))``. networkx's
    ``core_number=`` argument has no counterpart: with core numbers already
    computed, ``core.index[core == k]`` gives the shell directly.

    With ``k=None`` both return the innermost shell (networkx's docstring
    says "outer", but its code takes the largest core number); on a graph
    without nodes networkx raises and netsim returns an empty Index.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.measures import k_shell
    >>> G = nx.karate_club_graph()
    >>> k_shell(G).tolist()
    [0, 1, 2, 3, 7, 8, 13, 30, 32, 33]
    >>> k_shell(G, 1).tolist()
    [11]
    >>> csr = netsim.CSRGraph.from_networkx(G)  # convert once, query many shells
    >>> [len(k_shell(csr, k)) for k in range(5)]
    [0, 1, 11, 12, 10]
    >>> set(k_shell(G, 2)) == set(nx.k_shell(G, 2))
    True
    """
    if k is not None:
        k = check_int("k", k, minimum=0)
    csr = as_csr(G, caller="k_shell")
    core = _kernel.core_numbers_peel(csr.indptr, csr.indices)
    if k is None:
        k = int(core.max()) if core.size else 0
    return csr.nodes[core == k]


def onion_layers(G: nx.Graph | CSRGraph) -> pd.Series:
    """Return the onion layer of every node: the round of peeling that removes it.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"onion_layer"``, in the order of ``list(G)``; layers are
        numbered 1, 2, ... without gaps.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    core_number : the shell of each node; layers refine shells.
    networkx.onion_layers : the same values as a dict.

    Notes
    -----
    Same values as ``networkx.onion_layers(G)``, returned as a Series; where
    networkx raises on self-loops, netsim drops them with a warning.

    The onion decomposition [1]_ peels the graph in rounds: the current core
    ``k`` starts at 1 (isolated nodes, if any, form layer 1); each round
    removes at once every remaining node of remaining degree <= k; when no
    node qualifies, ``k`` rises to the smallest remaining degree. A node's
    layer is its round, so layers increase with the core number and order
    the nodes inside each shell from its periphery to its centre. The rounds
    are found with queues of the nodes whose degree falls, not by scanning
    all nodes each round: O(n + m) time, in compiled code.

    References
    ----------
    .. [1] L. Hebert-Dufresne, J. A. Grochow and A. Allard, "Multi-scale
       structure and topological anomaly detection via a new network
       statistic: the onion decomposition", Sci. Rep. 6, 31708 (2016),
       doi:10.1038/srep31708.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import onion_layers
    >>> G = nx.karate_club_graph()
    >>> layers = onion_layers(G)
    >>> layers.head()
    node
    0    7
    1    6
    2    7
    3    6
    4    3
    Name: onion_layer, dtype: int64
    >>> int(layers.max())
    7
    >>> layers.to_dict() == nx.onion_layers(G)
    True
    """
    csr = as_csr(G, caller="onion_layers")
    values = _kernel.onion_layers_peel(csr.indptr, csr.indices)
    return pd.Series(values, index=csr.nodes, name="onion_layer")
