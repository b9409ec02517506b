"""Local spreader measures: H-index, collective influence, semi-local centrality, VoteRank.

Each measure scores a node from its neighbourhood within a few steps, so it
is cheap on large graphs, and each was proposed to find influential
spreaders: the H-index of Lu et al. [1]_ (whose iterates go from the degree
to the core number), the collective influence of Morone and Makse [2]_, the
semi-local centrality of Chen et al. [3]_ and the VoteRank of Zhang et al.
[4]_, which elects spreaders one by one and lowers the votes of their
neighbours. All return pandas Series indexed by node and run in compiled
code.

References
----------
.. [1] L. Lu, T. Zhou, Q.-M. Zhang and H. E. Stanley, "The H-index of a
   network node and its relation to degree and coreness", Nat. Commun. 7,
   10168 (2016), doi:10.1038/ncomms10168.
.. [2] F. Morone and H. A. Makse, "Influence maximization in complex
   networks through optimal percolation", Nature 524, 65-68 (2015),
   doi:10.1038/nature14604.
.. [3] D. Chen, L. Lu, M.-S. Shang, Y.-C. Zhang and T. Zhou, "Identifying
   influential nodes in complex networks", Physica A 391, 1777-1787 (2012),
   doi:10.1016/j.physa.2011.09.017.
.. [4] J.-X. Zhang, D.-B. Chen, Q. Dong and Z.-D. Zhao, "Identifying a set
   of influential spreaders in complex networks", Sci. Rep. 6, 27823
   (2016), doi:10.1038/srep27823.
"""

import networkx as nx
import numpy as np
import pandas as pd

from .._kernels import local_centrality as _kernel
from .._validation import check_int, invalid
from ..graphs import CSRGraph
from ..graphs._csr import as_csr
from ..graphs._edge_order import edge_order

__all__ = ["collective_influence", "h_index", "semi_local", "voterank"]

# Below this many nodes plus adjacency entries the serial kernels run:
# starting threads then costs more than the work (same values either way).
_SERIAL_BELOW = 20_000


def _serial(csr: CSRGraph) -> bool:
    return csr.n_nodes + csr.indices.size < _SERIAL_BELOW


def h_index(G: nx.Graph | CSRGraph, *, order: int | None = 1) -> pd.Series:
    r"""Return the H-index of every node, of order ``order`` or in the limit.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    order : int or None, default=1
        How many times the H operator is applied to the degrees, an int >= 0:
        0 gives the degree, 1 the H-index of [1]_. None applies it until
        nothing changes, which gives the core number.

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"h_index"``, in the order of ``list(G)``.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph, or ``order`` is
        not an int or None.
    InvalidParameterError
        If ``order`` is negative.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped (their count is given).

    See Also
    --------
    core_number : the limit of the H-indices.

    Notes
    -----
    The H operator maps numbers :math:`x_1, \dots, x_k` to the largest
    :math:`y` such that at least :math:`y` of them are :math:`\ge y`
    (:math:`0` for no numbers). With :math:`\Gamma(i)` the neighbours of
    :math:`i` and :math:`k_i` its degree [1]_,

    .. math::

        h^{(0)}(i) = k_i, \qquad
        h^{(n)}(i) = H\bigl(h^{(n-1)}(j) : j \in \Gamma(i)\bigr).

    The sequence never increases and reaches the core number of every node
    after finitely many steps, as [1]_ proves; ``order=None`` runs it
    until it stops changing. Each step costs O(n + m) time (a counting sort
    per node), in parallel over nodes; the limit takes as many steps as the
    slowest node needs, usually a few dozen.

    References
    ----------
    .. [1] L. Lu, T. Zhou, Q.-M. Zhang and H. E. Stanley, "The H-index of a
       network node and its relation to degree and coreness", Nat. Commun.
       7, 10168 (2016), doi:10.1038/ncomms10168.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import core_number
    >>> from netsim.measures import h_index
    >>> G = nx.karate_club_graph()
    >>> h = h_index(G)
    >>> h.head(3)
    node
    0    5
    1    4
    2    5
    Name: h_index, dtype: int64
    >>> (h_index(G, order=0) == [d for _, d in G.degree()]).all()
    np.True_
    >>> h_index(G, order=None).equals(core_number(G).rename("h_index"))
    True
    """
    if order is not None:
        order = check_int("order", order, minimum=0)
    csr = as_csr(G, caller="h_index")
    kernel = _kernel.h_indices_serial if _serial(csr) else _kernel.h_indices
    values = kernel(csr.indptr, csr.indices, -1 if order is None else order)
    return pd.Series(values, index=csr.nodes, name="h_index")


def collective_influence(G: nx.Graph | CSRGraph, *, l: int = 2) -> pd.Series:  # noqa: E741
    r"""Return the collective influence of every node at radius ``l``.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    l : int, default=2
        The radius of the ball, an int >= 0 (Morone and Makse's name).

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"collective_influence"``, in the order of ``list(G)``.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph, or ``l`` is not
        an int.
    InvalidParameterError
        If ``l`` is negative.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped (their count is given).

    Notes
    -----
    With :math:`k_i` the degree of :math:`i` and
    :math:`\partial\mathrm{Ball}(i, l)` the frontier of the ball of radius
    :math:`l` around :math:`i`, the nodes at shortest-path distance exactly
    :math:`l` from :math:`i` [1]_,

    .. math::

        \mathrm{CI}_l(i) = (k_i - 1) \sum_{j \in \partial\mathrm{Ball}(i, l)} (k_j - 1).

    The definition is applied as written for every ``l``: the frontier of
    radius 0 is the node itself, so :math:`\mathrm{CI}_0(i) = (k_i - 1)^2`;
    a node with no node at distance ``l`` has 0; leaves (degree 1) have 0
    and add 0; an isolated node has :math:`k_i - 1 = -1`, so 0 for
    ``l >= 1`` and 1 for ``l = 0``. This is the static score; the adaptive
    version, which removes the top node and recomputes, chooses sources and
    is not computed here.

    A breadth-first search to depth ``l`` from every node, in parallel over
    nodes: O(sum over i of the size of the ball of radius l) time, about
    :math:`n \langle k^2 \rangle` for ``l = 2``, and O(n) memory per chunk
    of nodes.

    References
    ----------
    .. [1] F. Morone and H. A. Makse, "Influence maximization in complex
       networks through optimal percolation", Nature 524, 65-68 (2015),
       doi:10.1038/nature14604.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import collective_influence
    >>> G = nx.karate_club_graph()
    >>> ci = collective_influence(G)
    >>> ci.head(3)
    node
    0    615
    1    424
    2    477
    Name: collective_influence, dtype: int64
    >>> int(ci.idxmax())
    33
    """
    l = check_int("l", l, minimum=0)  # noqa: E741
    csr = as_csr(G, caller="collective_influence")
    if _serial(csr):
        values = _kernel.collective_influence_ball_serial(csr.indptr, csr.indices, l)
    else:
        values = _kernel.collective_influence_ball(csr.indptr, csr.indices, l)
    return pd.Series(values, index=csr.nodes, name="collective_influence")


def semi_local(G: nx.Graph | CSRGraph) -> pd.Series:
    r"""Return the semi-local centrality of every node.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"semi_local"``, in the order of ``list(G)``.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped (their count is given).

    Notes
    -----
    With :math:`\Gamma(u)` the neighbours of :math:`u` and :math:`N(w)` the
    number of nearest and next-nearest neighbours of :math:`w` (the nodes at
    distance 1 or 2 from :math:`w`; :math:`w` itself is not counted, and a
    node reachable both ways counts once), [1]_ defines

    .. math::

        Q(u) = \sum_{w \in \Gamma(u)} N(w), \qquad
        C_L(v) = \sum_{u \in \Gamma(v)} Q(u).

    :math:`N` needs a breadth-first search to depth 2 from every node
    (about :math:`n \langle k^2 \rangle` time), :math:`Q` and :math:`C_L`
    one pass over the edges each; in parallel over nodes.

    References
    ----------
    .. [1] D. Chen, L. Lu, M.-S. Shang, Y.-C. Zhang and T. Zhou,
       "Identifying influential nodes in complex networks", Physica A 391,
       1777-1787 (2012), doi:10.1016/j.physa.2011.09.017.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import semi_local
    >>> G = nx.karate_club_graph()
    >>> c = semi_local(G)
    >>> c.head(3)
    node
    0    1547
    1    1223
    2    1546
    Name: semi_local, dtype: int64
    >>> int(c.idxmax())
    0
    """
    csr = as_csr(G, caller="semi_local")
    kernel = _kernel.semi_local_counts_serial if _serial(csr) else _kernel.semi_local_counts
    _, _, values = kernel(csr.indptr, csr.indices)
    return pd.Series(values, index=csr.nodes, name="semi_local")


def voterank(G: nx.Graph | CSRGraph, k: int | None = None) -> pd.Series:
    r"""Return the VoteRank round in which each node is elected (0: never).

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    k : int, optional
        The number of rounds (spreaders to elect), an int in
        ``[0, number of nodes]`` (networkx's ``number_of_nodes``). Default:
        as many as there are nodes; the election stops earlier when no
        node has votes left.

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"voterank"``, in the order of ``list(G)``: 1 for the first
        node elected, 2 for the second, and so on; 0 for the nodes never
        elected. The elected nodes in order are
        ``s[s > 0].sort_values().index``, the list ``networkx.voterank``
        returns.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a CSRGraph, or ``k`` is not
        an int or None.
    InvalidParameterError
        If ``k`` is negative or larger than the number of nodes.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped (their count is given).

    See Also
    --------
    networkx.voterank : the list of elected nodes.

    Notes
    -----
    Every node starts with voting ability 1. Each round, the votes of a node
    are the sum of its neighbours' abilities; the node with the most votes
    is elected (elected nodes have 0 votes) unless no node has votes left,
    in which case the election stops. The elected node's ability becomes 0
    and each of its neighbours loses :math:`1/\langle k \rangle` of
    ability, floored at 0, where :math:`\langle k \rangle` is the mean
    degree [1]_.

    Same elected nodes, in the same order, as ``networkx.voterank(G, k)``
    (without self-loops, which netsim drops): votes are added in the order
    of ``G.edges()``, so that the floating-point sums, and so ties and
    their breaking (the first node in ``list(G)``), are networkx's. For a
    CSRGraph the order is that of ``G.to_networkx()``: neighbours by
    position. Where networkx clamps a ``k`` larger than the graph, netsim
    refuses it.

    Only the nodes next to an ability that changed are recounted each
    round, and a segment tree finds the most voted node: each ability
    change costs O(k_j + log n) for each neighbour j of the changed node,
    and a node's ability changes at most about <k> + 1 times, where
    networkx recounts all O(m) votes every round.

    References
    ----------
    .. [1] J.-X. Zhang, D.-B. Chen, Q. Dong and Z.-D. Zhao, "Identifying a
       set of influential spreaders in complex networks", Sci. Rep. 6, 27823
       (2016), doi:10.1038/srep27823.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import voterank
    >>> G = nx.karate_club_graph()
    >>> rounds = voterank(G, 4)
    >>> rounds[rounds > 0].sort_values()
    node
    33    1
    0     2
    32    3
    2     4
    Name: voterank, dtype: int64
    >>> nx.voterank(G, 4)
    [33, 0, 32, 2]
    """
    csr = as_csr(G, caller="voterank")
    n = csr.n_nodes
    if k is None:
        k = n
    else:
        k = check_int("k", k, minimum=0)
        if k > n:
            raise invalid("k", f"an int in [0, {n}] (the number of nodes)", k)
    indptr = np.ascontiguousarray(csr.indptr, dtype=np.int64)
    if isinstance(G, CSRGraph):
        order = np.ascontiguousarray(csr.indices, dtype=np.int64)
    else:
        order = edge_order(G)
    elected = _kernel.voterank_elect(indptr, order, k)
    rounds = np.zeros(n, dtype=np.int64)
    rounds[elected] = np.arange(1, elected.size + 1)
    return pd.Series(rounds, index=csr.nodes, name="voterank")
