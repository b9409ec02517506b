"""Slow, obvious twins of netsim/measures/_classic.py, written from the definitions.

* :func:`betweenness`: Freeman's definition, pair by pair. Hop distances
  and shortest-path counts come from a plain breadth-first search per
  source; a node ``v`` lies on a shortest ``s``-``t`` path when
  ``d(s, v) + d(v, t) == d(s, t)``, and then ``sigma_st(v) = sigma_sv *
  sigma_vt``. The fractions are summed exactly (``fractions.Fraction``)
  and converted to float at the end. With ``pivots``, only pairs whose
  source is a pivot are summed, and the sum is extrapolated with
  Brandes and Pich's unbiased scaling, (n - 1) / k for a node that is not
  a pivot and (n - 1) / (k - 1) for a pivot.
* :func:`closeness`: Freeman's closeness with Wasserman and Faust's scaling,
  from the same distances.

They share no code with the kernels (no dependency accumulation) and take
O(n^3) time, so they refuse graphs above MAX_NODES nodes.
"""

from collections import deque
from fractions import Fraction

MAX_NODES = 60


def _check_size(G):
    if G.number_of_nodes() > MAX_NODES:
        message = f"the reference is too slow for {G.number_of_nodes()} nodes (limit {MAX_NODES})"
        raise ValueError(message)


def _bfs(G, s):
    """Return ({node: hop distance from s}, {node: number of shortest s-paths})."""
    dist = {s: 0}
    count = {s: 1}
    queue = deque([s])
    while queue:
        v = queue.popleft()
        for w in G[v]:
            if w == v:
                continue
            if w not in dist:
                dist[w] = dist[v] + 1
                count[w] = 0
                queue.append(w)
            if dist[w] == dist[v] + 1:
                count[w] += count[v]
    return dist, count


def betweenness(G, *, normalized=True, pivots=None):
    """Return {node: betweenness}, exact, or estimated from the sources ``pivots``."""
    _check_size(G)
    nodes = list(G)
    n = len(nodes)
    searches = {s: _bfs(G, s) for s in nodes}
    sources = nodes if pivots is None else list(pivots)
    ordered = {v: Fraction(0) for v in nodes}  # sum over ordered pairs (s, t), s in sources
    for s in sources:
        dist_s, count_s = searches[s]
        for t in nodes:
            if t == s or t not in dist_s:
                continue
            for v in nodes:
                if v in (s, t) or v not in dist_s:
                    continue
                dist_v, count_v = searches[v]
                if t in dist_v and dist_s[v] + dist_v[t] == dist_s[t]:
                    ordered[v] += Fraction(count_s[v] * count_v[t], count_s[t])
    result = {}
    for v in nodes:
        if n <= 2:
            result[v] = 0.0
            continue
        if pivots is None:
            total = ordered[v]
        else:
            k = len(sources)
            k_other = k - 1 if v in set(sources) else k
            total = ordered[v] * Fraction(n - 1, k_other)
        if normalized:
            result[v] = float(total / ((n - 1) * (n - 2)))
        else:
            result[v] = float(total / 2)
    return result


def closeness(G, *, wf_improved=True):
    """Return {node: closeness}: (r - 1) / sum of distances, times (r - 1) / (n - 1)."""
    _check_size(G)
    n = G.number_of_nodes()
    result = {}
    for u in G:
        dist, _ = _bfs(G, u)
        total = sum(dist.values())
        if total == 0:
            result[u] = 0.0
            continue
        others = len(dist) - 1
        value = others / total
        if wf_improved:
            value *= others / (n - 1)
        result[u] = value
    return result
