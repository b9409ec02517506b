"""Classic centralities: degree, betweenness, closeness, eigenvector and PageRank.

Each function has networkx's meaning and returns networkx's values as a
pandas Series indexed by node, computed in compiled code (betweenness and
closeness: breadth-first searches in numba, parallel over sources) or with
scipy.sparse (eigenvector and PageRank: power iteration), so that they run
on graphs of millions of edges. Kitsak et al. [1]_ compare degree,
betweenness and the k-shell as predictors of spreading; Freeman [2]_,
Bonacich [3]_ and Page et al. [4]_ define the measures.

References
----------
.. [1] M. Kitsak, L. K. Gallos, S. Havlin, F. Liljeros, L. Muchnik,
   H. E. Stanley and H. A. Makse, "Identification of influential spreaders
   in complex networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.
.. [2] L. C. Freeman, "Centrality in social networks conceptual
   clarification", Social Networks 1, 215-239 (1978),
   doi:10.1016/0378-8733(78)90021-7.
.. [3] P. Bonacich, "Power and centrality: a family of measures", Am. J.
   Sociol. 92, 1170-1182 (1987), doi:10.1086/228631.
.. [4] S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web
   search engine", Comput. Netw. ISDN Syst. 30, 107-117 (1998),
   doi:10.1016/S0169-7552(98)00110-X.
"""

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy as sp

from .._kernels import betweenness as _kernel
from .._seeding import Purpose, provenance, seed_sequence, task_generator
from .._typing import SeedLike
from .._validation import Described, check_int, check_probability, check_real, invalid
from ..graphs import CSRGraph
from ..graphs._csr import as_csr

__all__ = ["betweenness", "closeness", "degree", "eigenvector", "pagerank"]


def _check_bool(name: str, value: Any) -> bool:
    if not isinstance(value, bool | np.bool_):
        message = f"{name} must be a bool; got {type(value).__name__}."
        raise TypeError(message)
    return bool(value)


def _check_tol(tol: Any) -> float:
    tol = check_real("tol", tol)
    if tol <= 0:
        raise invalid("tol", "a float > 0", tol)
    return tol


def _adjacency(csr: CSRGraph, weights: np.ndarray | None = None) -> sp.sparse.csr_array:
    """Return the adjacency matrix of ``csr`` (unit entries unless ``weights``)."""
    n = csr.n_nodes
    data = np.ones(csr.indices.size) if weights is None else np.asarray(weights, dtype=float)
    return sp.sparse.csr_array(
        (data, csr.indices.astype(np.int64), csr.indptr.astype(np.int64)), shape=(n, n)
    )


def _not_converged(max_iter: int, tol: float, caller: str) -> Exception:
    hint = (
        f"The power iteration of {caller} did not reach tol={tol!r} in {max_iter} "
        "iterations; raise max_iter or tol."
    )
    return invalid("max_iter", f"large enough for {caller} to converge", max_iter, hint)


def degree(G: nx.Graph | CSRGraph) -> pd.Series:
    r"""Return the degree of every node.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.

    Returns
    -------
    pandas.Series indexed by node, dtype int64
        Named ``"degree"``, in the order of ``list(G)`` (or ``G.nodes`` for a
        CSRGraph).

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
    networkx.Graph.degree : the same values.
    networkx.degree_centrality : the degree divided by ``n - 1``.

    Notes
    -----
    The degree :math:`k_i = \sum_j A_{ij}` is the number of neighbours of
    node :math:`i`. Same values as ``dict(G.degree())`` on a graph without
    self-loops (networkx counts a self-loop twice; netsim drops it). Divide
    by ``n - 1`` for ``networkx.degree_centrality``. O(n) time on a
    CSRGraph.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import degree
    >>> G = nx.karate_club_graph()
    >>> k = degree(G)
    >>> k.head(3)
    node
    0    16
    1     9
    2    10
    Name: degree, dtype: int64
    >>> k.to_dict() == dict(G.degree())
    True
    """
    csr = as_csr(G, caller="degree")
    return pd.Series(csr.degrees, index=csr.nodes, name="degree")


def _check_k(k: Any, n_nodes: int) -> int:
    k = check_int("k", k)
    low = min(n_nodes, 1 if n_nodes <= 2 else 2)
    if not low <= k <= n_nodes:
        hint = (
            "With one pivot the pivot's own betweenness is undefined (0/0)."
            if k == 1 and n_nodes > 2
            else ""
        )
        raise invalid("k", f"an int in [{low}, {n_nodes}] (the number of nodes)", k, hint)
    return k


def betweenness(
    G: nx.Graph | CSRGraph,
    *,
    k: int | None = None,
    normalized: bool = True,
    seed: SeedLike = None,
) -> pd.Series:
    r"""Return the shortest-path betweenness of every node, exact or estimated from pivots.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph; edge weights are ignored (hop distances).
    k : int, optional
        Number of pivots (sources) for the estimate, an int in ``[2, n]``
        (``[1, n]`` for graphs of at most 2 nodes), drawn from ``seed``.
        None (default): every node is a source, the result is exact and
        ``seed`` is not used; ``k = n`` is exact too.
    normalized : bool, default=True
        Divide by the number of ordered pairs of other nodes,
        ``(n - 1)(n - 2)``, as networkx does; else count unordered pairs.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.Series indexed by node, dtype float64
        Named ``"betweenness"``, in the order of ``list(G)``. With ``k < n``,
        ``attrs`` records ``k``, the pivots (node labels, in node order) and
        the seed provenance (``seed_entropy``, ``seed_spawn_key``,
        ``key_scheme``).

    Raises
    ------
    TypeError
        If ``k`` is not an int, ``normalized`` not a bool, ``seed`` of another
        type, or ``G`` neither a networkx graph nor a CSRGraph.
    InvalidParameterError
        If ``k`` is outside its range.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    networkx.betweenness_centrality : the same values as a dict.
    closeness : the other classic shortest-path centrality.

    Notes
    -----
    The betweenness of :math:`v` (Freeman [1]_) is

    .. math:: b(v) = \sum_{s \ne v \ne t} \frac{\sigma_{st}(v)}{\sigma_{st}},

    with :math:`\sigma_{st}` the number of shortest paths between :math:`s`
    and :math:`t` and :math:`\sigma_{st}(v)` the number of them through
    :math:`v`, over unordered pairs :math:`\{s, t\}`; ``normalized=True``
    returns :math:`2 b(v) / ((n - 1)(n - 2))`. Same values as
    ``networkx.betweenness_centrality(G, k, normalized)`` with
    ``weight=None`` and ``endpoints=False`` (to about 1e-12: sums are added
    in another order).

    *Algorithm.* Brandes' [2]_: one breadth-first search per source and a
    backward pass that accumulates the dependencies, O(k (n + m)) time for
    ``k`` sources (``k = n`` when exact) and O(n) memory per chunk of
    sources. The sources are split into a fixed number of chunks run in
    parallel; each chunk sums into its own accumulator and the chunks are
    added in order, so the result is the same bit for bit on any number of
    threads.

    *Sampling.* With ``k`` pivots, the sum runs over the pairs whose source
    is a pivot and is rescaled as networkx does (Brandes and Pich [3]_): by
    :math:`(n - 1) / k` for a node that is not a pivot and by
    :math:`(n - 1) / (k - 1)` for a pivot, whose own source term is always
    0. Both make the estimate unbiased. The pivots are a uniform sample of
    ``k`` distinct nodes: the first ``k`` of a random permutation of the
    node positions, NumPy's ``Generator.permutation(n)`` on the stream
    ``(seed, SOURCES)`` of ``netsim._seeding``, so with the same ``seed``
    the pivots for ``k`` are among those for ``k + 1`` (a larger sample
    refines a smaller one). For the same int ``seed`` they differ from the
    pivots networkx draws (it samples with Python's ``random``), so the two
    estimates differ, though the estimator is the same: given the same
    pivots the values agree.

    References
    ----------
    .. [1] L. C. Freeman, "A set of measures of centrality based on
       betweenness", Sociometry 40, 35-41 (1977), doi:10.2307/3033543.
    .. [2] U. Brandes, "A faster algorithm for betweenness centrality",
       J. Math. Sociol. 25, 163-177 (2001),
       doi:10.1080/0022250X.2001.9990249.
    .. [3] U. Brandes and C. Pich, "Centrality estimation in large networks",
       Int. J. Bifurc. Chaos 17, 2303-2318 (2007),
       doi:10.1142/S0218127407018403.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import betweenness
    >>> G = nx.karate_club_graph()
    >>> b = betweenness(G)
    >>> b.round(3).head(3)
    node
    0    0.438
    1    0.054
    2    0.144
    Name: betweenness, dtype: float64
    >>> expected = nx.betweenness_centrality(G)
    >>> bool(max(abs(b[v] - expected[v]) for v in G) < 1e-12)
    True
    >>> estimate = betweenness(G, k=20, seed=42)
    >>> len(estimate.attrs["pivots"])
    20
    >>> bool(estimate.equals(betweenness(G, k=20, seed=42)))
    True
    """
    normalized = _check_bool("normalized", normalized)
    csr = as_csr(G, caller="betweenness")
    n = csr.n_nodes
    attrs: dict[str, Any] = {}
    if k is not None:
        k = _check_k(k, n)
        root = seed_sequence(seed)
        if k == n:
            k = None  # every node is a pivot: the exact sum, as networkx does
    if k is None:
        sources = np.arange(n, dtype=np.int64)
        is_pivot = None
    else:
        rng = task_generator(root, Purpose.SOURCES)
        sources = np.sort(rng.permutation(n)[:k]).astype(np.int64)
        is_pivot = np.zeros(n, dtype=bool)
        is_pivot[sources] = True
        attrs = provenance(root, k=k, pivots=csr.nodes[sources].tolist())
    raw = _kernel.dependency_sums_brandes(csr.indptr, csr.indices, sources)
    values = raw * _scale(n, k, normalized)
    if is_pivot is not None and n > 2:
        values[is_pivot] = raw[is_pivot] * _scale(n, k - 1, normalized)
    series = pd.Series(values, index=csr.nodes, name="betweenness")
    series.attrs.update(attrs)
    return series


def _scale(n: int, n_sources: int | None, normalized: bool) -> float:
    """Return the factor from summed dependencies to betweenness (networkx's ``_rescale``)."""
    if n <= 2:
        return 1.0  # every value is 0
    sources = n - 1 if n_sources is None else n_sources  # networkx counts n - 1 when exact
    if normalized:
        return 1.0 / (sources * (n - 2))
    return (n - 1) / (sources * 2.0)


def closeness(G: nx.Graph | CSRGraph, *, wf_improved: bool = True) -> pd.Series:
    r"""Return the closeness centrality of every node.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph; edge weights are ignored (hop distances).
    wf_improved : bool, default=True
        Scale by the share of the other nodes that a node reaches (Wasserman
        and Faust), which makes values comparable across components. With
        False, ``G`` must be connected.

    Returns
    -------
    pandas.Series indexed by node, dtype float64
        Named ``"closeness"``, in the order of ``list(G)``. Isolated nodes
        have closeness 0.

    Raises
    ------
    TypeError
        If ``wf_improved`` is not a bool, or ``G`` neither a networkx graph
        nor a CSRGraph.
    InvalidParameterError
        If ``wf_improved`` is False and ``G`` is not connected (the message
        gives the number of components).
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    networkx.closeness_centrality : the same values as a dict.
    betweenness : the other classic shortest-path centrality.

    Notes
    -----
    For a node :math:`u` that reaches :math:`r_u` nodes (itself included)
    at hop distances :math:`d(u, v)`, Freeman's closeness [1]_ is

    .. math:: C(u) = \frac{r_u - 1}{\sum_v d(u, v)}
              \cdot \frac{r_u - 1}{n - 1},

    where the second factor is Wasserman and Faust's scaling [2]_
    (``wf_improved=True``), and :math:`C(u) = 0` when :math:`u` reaches no
    other node. Same values as ``networkx.closeness_centrality(G,
    wf_improved=wf_improved)``.

    *Disconnected graphs.* With the scaling the measure is defined on any
    graph, and netsim returns networkx's values. Without it the classic
    closeness :math:`(n - 1) / \sum_v d(u, v)` is undefined on a
    disconnected graph (infinite distances); networkx then computes each
    component on its own, which ranks a node of a two-node component
    first. netsim refuses that case rather than return values that are not
    comparable across components: use ``wf_improved=True``, or compute
    each component's subgraph separately.

    *Algorithm.* One breadth-first search per node, in parallel over nodes:
    O(n (n + m)) time, O(n) memory per chunk of sources.

    References
    ----------
    .. [1] L. C. Freeman, "Centrality in social networks conceptual
       clarification", Social Networks 1, 215-239 (1978),
       doi:10.1016/0378-8733(78)90021-7.
    .. [2] S. Wasserman and K. Faust, "Social Network Analysis: Methods and
       Applications", Cambridge University Press (1994), p. 201,
       doi:10.1017/CBO9780511815478.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import closeness
    >>> G = nx.karate_club_graph()
    >>> c = closeness(G)
    >>> c.round(3).head(3)
    node
    0    0.569
    1    0.485
    2    0.559
    Name: closeness, dtype: float64
    >>> c.to_dict() == nx.closeness_centrality(G)
    True
    >>> H = nx.union(G, nx.path_graph([100, 101]))  # two components
    >>> round(float(closeness(H)[100]), 4)  # reaches 1 of the 35 other nodes
    0.0286
    """
    wf_improved = _check_bool("wf_improved", wf_improved)
    csr = as_csr(G, caller="closeness")
    n = csr.n_nodes
    if not wf_improved and n > 1:
        n_components, _ = sp.sparse.csgraph.connected_components(_adjacency(csr), directed=False)
        if n_components > 1:
            hint = (
                "Without the scaling, distances to unreached nodes are infinite; pass "
                "wf_improved=True, or compute each component's subgraph on its own."
            )
            raise invalid(
                "G",
                "connected when wf_improved=False",
                Described(f"a graph with {n_components} connected components"),
                hint,
            )
    totals, reached = _kernel.distance_sums_bfs(csr.indptr, csr.indices)
    others = reached - 1.0
    values = np.zeros(n, dtype=np.float64)
    defined = totals > 0
    # networkx's order of operations, so that values agree to the last bit
    values[defined] = others[defined] / totals[defined]
    if wf_improved and n > 1:
        values[defined] *= others[defined] / (n - 1)
    return pd.Series(values, index=csr.nodes, name="closeness")


def eigenvector(G: nx.Graph | CSRGraph, *, max_iter: int = 100, tol: float = 1e-6) -> pd.Series:
    r"""Return the eigenvector centrality of every node.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph; edge weights are ignored.
    max_iter : int, default=100
        Maximum number of power iterations, >= 1.
    tol : float, default=1e-6
        Convergence threshold, > 0: the iteration stops when the L1 change
        of the vector is below ``n * tol``.

    Returns
    -------
    pandas.Series indexed by node, dtype float64
        Named ``"eigenvector"``, in the order of ``list(G)``, with unit
        Euclidean norm. Empty for a graph without nodes.

    Raises
    ------
    TypeError
        If ``max_iter`` or ``tol`` is not a number of the right type, or
        ``G`` neither a networkx graph nor a CSRGraph.
    InvalidParameterError
        If ``max_iter`` or ``tol`` is out of range, or the iteration does not
        converge within ``max_iter`` iterations (the message says so).
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    networkx.eigenvector_centrality : the same values as a dict.
    pagerank : a damped random-walk variant.

    Notes
    -----
    The eigenvector centrality (Bonacich [1]_) is the Perron eigenvector of
    the adjacency matrix, :math:`A x = \lambda_{\max} x`, scaled to
    :math:`\|x\|_2 = 1`. It is computed as networkx does: power iteration
    with :math:`A + I` (the shift keeps bipartite graphs from oscillating)
    from the uniform vector, normalised after every step, until
    :math:`\|x_{t+1} - x_t\|_1 < n \cdot tol`. Same values as
    ``networkx.eigenvector_centrality(G, max_iter, tol)`` up to rounding,
    because the same iterates are computed (with scipy.sparse, O(m) per
    iteration).

    On a disconnected graph the eigenvector is not unique; the iteration
    then converges to the vector networkx returns, which concentrates on
    the component(s) of largest eigenvalue (nodes elsewhere tend to 0).
    networkx raises for a graph without nodes; netsim returns an empty
    Series.

    References
    ----------
    .. [1] P. Bonacich, "Power and centrality: a family of measures", Am. J.
       Sociol. 92, 1170-1182 (1987), doi:10.1086/228631.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import eigenvector
    >>> G = nx.karate_club_graph()
    >>> x = eigenvector(G)
    >>> x.round(3).head(3)
    node
    0    0.355
    1    0.266
    2    0.317
    Name: eigenvector, dtype: float64
    >>> expected = nx.eigenvector_centrality(G)
    >>> bool(max(abs(x[v] - expected[v]) for v in G) < 1e-12)
    True
    """
    max_iter = check_int("max_iter", max_iter, minimum=1)
    tol = _check_tol(tol)
    csr = as_csr(G, caller="eigenvector")
    n = csr.n_nodes
    if n == 0:
        return pd.Series(np.empty(0), index=csr.nodes, name="eigenvector")
    A = _adjacency(csr)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + A @ last  # (A + I) x; A is symmetric
        norm = float(np.linalg.norm(x)) or 1.0
        x = x / norm
        if float(np.abs(x - last).sum()) < n * tol:
            return pd.Series(x, index=csr.nodes, name="eigenvector")
    raise _not_converged(max_iter, tol, "eigenvector")


def pagerank(
    G: nx.Graph | CSRGraph,
    *,
    alpha: float = 0.85,
    weight: str | None = None,
    max_iter: int = 100,
    tol: float = 1e-6,
) -> pd.Series:
    r"""Return the PageRank of every node.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    alpha : float, default=0.85
        Damping factor in [0, 1]: the probability that the walker follows an
        edge rather than jumping to a uniformly chosen node.
    weight : str or None, default=None
        Edge attribute holding the weights (finite, >= 0, on every edge); the
        walker follows an edge with probability proportional to its weight.
        None ignores weights. A CSRGraph's own weights are used, whatever
        ``weight`` names.
    max_iter : int, default=100
        Maximum number of power iterations, >= 1.
    tol : float, default=1e-6
        Convergence threshold, > 0: the iteration stops when the L1 change
        of the vector is below ``n * tol``.

    Returns
    -------
    pandas.Series indexed by node, dtype float64
        Named ``"pagerank"``, in the order of ``list(G)``, summing to 1.
        Empty for a graph without nodes.

    Raises
    ------
    TypeError
        If a parameter has the wrong type, or ``G`` is neither a networkx
        graph nor a CSRGraph.
    InvalidParameterError
        If a parameter is out of range, an edge lacks ``weight`` or has a bad
        one, a CSRGraph without weights is passed with ``weight``, or the
        iteration does not converge within ``max_iter`` iterations.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    Warns
    -----
    NetsimWarning
        If ``G`` has self-loops, which are dropped.

    See Also
    --------
    networkx.pagerank : the same values as a dict.
    eigenvector : the undamped relative.

    Notes
    -----
    PageRank (Brin and Page [1]_) is the stationary distribution of a walk
    that, at each step, follows an edge of its node with probability
    :math:`\alpha` (chosen with probability :math:`w_{ij} / s_i`,
    :math:`s_i = \sum_j w_{ij}`) and jumps to a uniform node otherwise; a
    node without edges (or only zero-weight ones) jumps uniformly:

    .. math:: x_j = \alpha \Big(\sum_i x_i \frac{w_{ij}}{s_i}
              + \sum_{i: s_i = 0} \frac{x_i}{n}\Big) + \frac{1 - \alpha}{n}.

    It is computed as networkx does, by power iteration from the uniform
    vector until :math:`\|x_{t+1} - x_t\|_1 < n \cdot tol`, with
    scipy.sparse (O(m) per iteration), so the values equal
    ``networkx.pagerank(G, alpha, max_iter=max_iter, tol=tol,
    weight=weight)`` up to rounding. Note that networkx's default is
    ``weight="weight"`` (use the attribute where an edge has it, 1
    elsewhere) while netsim's is unweighted; pass ``weight="weight"`` for
    networkx's default on a graph whose edges all carry the attribute.

    References
    ----------
    .. [1] S. Brin and L. Page, "The anatomy of a large-scale hypertextual
       Web search engine", Comput. Netw. ISDN Syst. 30, 107-117 (1998),
       doi:10.1016/S0169-7552(98)00110-X.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import pagerank
    >>> G = nx.karate_club_graph()  # edge attribute "weight": 1 to 7
    >>> pr = pagerank(G)
    >>> pr.round(3).head(3)
    node
    0    0.097
    1    0.053
    2    0.057
    Name: pagerank, dtype: float64
    >>> round(float(pr.sum()), 6)
    1.0
    >>> expected = nx.pagerank(G, weight=None)
    >>> bool(max(abs(pr[v] - expected[v]) for v in G) < 1e-12)
    True
    >>> weighted = pagerank(G, weight="weight")  # networkx's default
    >>> expected = nx.pagerank(G)
    >>> bool(max(abs(weighted[v] - expected[v]) for v in G) < 1e-12)
    True
    """
    alpha = check_probability("alpha", alpha)
    if weight is not None and not isinstance(weight, str):
        raise invalid("weight", "None or the name of an edge attribute (str)", weight)
    max_iter = check_int("max_iter", max_iter, minimum=1)
    tol = _check_tol(tol)
    csr = as_csr(G, weight=weight, caller="pagerank")
    weights = None
    if weight is not None:
        if csr.weights is None:
            hint = (
                f"Build it with CSRGraph.from_networkx(G, weight={weight!r}), or pass weight=None."
            )
            raise invalid("G", f"a weighted CSRGraph when weight={weight!r}", csr, hint)
        weights = csr.weights
    n = csr.n_nodes
    if n == 0:
        return pd.Series(np.empty(0), index=csr.nodes, name="pagerank")
    A = _adjacency(csr, weights)
    strength = A.sum(axis=1)
    dangling = strength == 0
    inverse = np.zeros(n)
    inverse[~dangling] = 1.0 / strength[~dangling]
    P = sp.sparse.dia_array((inverse[np.newaxis, :], 0), shape=(n, n)).tocsr() @ A
    p = np.full(n, 1.0 / n)
    x = p.copy()
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ P + x[dangling].sum() * p) + (1 - alpha) * p
        if float(np.abs(x - last).sum()) < n * tol:
            return pd.Series(x, index=csr.nodes, name="pagerank")
    raise _not_converged(max_iter, tol, "pagerank")
