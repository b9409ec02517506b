"""Slow, obvious twins of netsim/_kernels/local_centrality.py, written from the papers.

* :func:`h_index`: Lu, Zhou, Zhang and Stanley 2016 (doi:10.1038/ncomms10168):
  h^(0) = degree, h^(n)(i) = H(h^(n-1)(j) for j in neighbours(i)), H(x) the
  largest y with at least y of the x's >= y. Order None iterates until
  nothing changes.
* :func:`collective_influence`: Morone and Makse 2015 (doi:10.1038/nature14604):
  CI_l(i) = (k_i - 1) * sum of (k_j - 1) over the nodes j at shortest-path
  distance exactly l from i (networkx's single_source_shortest_path_length).
* :func:`semi_local`: Chen, Lu, Shang, Zhang and Zhou 2012
  (doi:10.1016/j.physa.2011.09.017): N(w) = number of nodes other than w at
  distance 1 or 2; Q(u) = sum of N over u's neighbours; C_L(v) = sum of Q
  over v's neighbours.
* :func:`voterank`: the election of Zhang et al. 2016 (doi:10.1038/srep27823)
  recounting every vote every round, as networkx does, returning
  {node: round elected or 0}.

All work on the networkx graph by node label (self-loops ignored) and share
nothing with the kernels. They refuse graphs above MAX_SIZE nodes plus edges.
"""

import networkx as nx

MAX_SIZE = 20_000


def _neighbours(G):
    size = G.number_of_nodes() + G.number_of_edges()
    if size > MAX_SIZE:
        message = f"the reference is too slow for {size} nodes plus edges (limit {MAX_SIZE})"
        raise ValueError(message)
    return {v: [u for u in G[v] if u != v] for v in G}


def _h_operator(values):
    """Largest y such that at least y of the values are >= y (0 for none)."""
    y = 0
    while sum(1 for x in values if x >= y + 1) >= y + 1:
        y += 1
    return y


def h_index(G, order=1):
    """Return {node: H-index of the given order}; order None gives the limit."""
    neighbours = _neighbours(G)
    h = {v: len(nbrs) for v, nbrs in neighbours.items()}
    step = 0
    while order is None or step < order:
        new = {v: _h_operator([h[u] for u in nbrs]) for v, nbrs in neighbours.items()}
        step += 1
        if new == h:
            break
        h = new
    return h


def collective_influence(G, l=2):  # noqa: E741
    """Return {node: CI_l}."""
    neighbours = _neighbours(G)
    H = nx.Graph()
    H.add_nodes_from(neighbours)
    H.add_edges_from((u, v) for u in neighbours for v in neighbours[u])
    degree = {v: len(nbrs) for v, nbrs in neighbours.items()}
    result = {}
    for i in H:
        distance = nx.single_source_shortest_path_length(H, i, cutoff=l)
        frontier = [j for j, d in distance.items() if d == l]
        result[i] = (degree[i] - 1) * sum(degree[j] - 1 for j in frontier)
    return result


def semi_local(G):
    """Return {node: C_L}."""
    neighbours = _neighbours(G)
    n_reach = {}
    for w, nbrs in neighbours.items():
        reach = set(nbrs)
        for u in nbrs:
            reach.update(neighbours[u])
        reach.discard(w)
        n_reach[w] = len(reach)
    q = {u: sum(n_reach[w] for w in nbrs) for u, nbrs in neighbours.items()}
    return {v: sum(q[u] for u in nbrs) for v, nbrs in neighbours.items()}


def voterank(G, k=None):
    """Return {node: round in which it is elected, 0 if never}.

    Every round recounts all votes from scratch over ``G.edges()``, in its
    order, and elects the first node of most votes in ``list(G)``.
    """
    neighbours = _neighbours(G)
    nodes = list(G)
    rounds = dict.fromkeys(nodes, 0)
    if not nodes:
        return rounds
    k = len(nodes) if k is None else k
    mean_degree = sum(len(nbrs) for nbrs in neighbours.values()) / len(nodes)
    ability = dict.fromkeys(nodes, 1.0)
    edges = [(u, v) for u, v in G.edges() if u != v]
    for r in range(1, k + 1):
        votes = dict.fromkeys(nodes, 0.0)
        for u, v in edges:
            votes[u] += ability[v]
            votes[v] += ability[u]
        for v in nodes:
            if rounds[v]:
                votes[v] = 0.0
        best = nodes[0]
        for v in nodes:
            if votes[v] > votes[best]:
                best = v
        if votes[best] == 0:
            break
        rounds[best] = r
        ability[best] = 0.0
        for u in neighbours[best]:
            ability[u] = max(ability[u] - 1 / mean_degree, 0.0)
    return rounds
