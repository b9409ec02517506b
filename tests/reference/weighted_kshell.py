"""Slow, obvious twin of netsim/_kernels/weighted_kshell.py, written from the paper.

Garas, Schweitzer and Havlin (2012), doi:10.1088/1367-2630/14/8/083030:

1. the weights are expressed in units of the smallest weight and rounded to
   the nearest integer (halves up): w_ij / min(w) is the paper's
   (w_ij / <w>) / min(w / <w>) with the mean cancelled;
2. a node's weighted degree in a subgraph H is
   k'_i = (k_i^alpha * s_i^beta)^(1 / (alpha + beta)), with k_i its degree
   and s_i the sum of its (integer) weights inside H, computed as
   k_i^(alpha / (alpha + beta)) * s_i^(beta / (alpha + beta)); it is 0 for
   a node without neighbours in H, and it is rounded to the nearest integer
   (halves up) before any comparison;
3. the shells are peeled level by level as in the classic k-shell method: at
   level k, delete every node whose rounded k' in the remaining graph is <= k,
   recount k' of the rest from scratch, and repeat until none qualifies; the
   deleted nodes form shell k. When no node qualifies at a level, the next
   level is the smallest rounded k' left (the levels in between are empty).

Works on the networkx graph by node label and shares nothing with the kernel
(no heap, no incremental degrees). It recounts every degree and strength after
every deletion round, so it refuses graphs above MAX_SIZE nodes plus edges.
"""

import math

MAX_SIZE = 5_000


def _units(G, weight):
    """Return {frozenset({u, v}): weight in units of the smallest weight, rounded}."""
    size = G.number_of_nodes() + G.number_of_edges()
    if size > MAX_SIZE:
        message = f"the reference is too slow for {size} nodes plus edges (limit {MAX_SIZE})"
        raise ValueError(message)
    raw = {
        frozenset((u, v)): 1.0 if weight is None else float(data[weight])
        for u, v, data in G.edges(data=True)
        if u != v
    }
    if not raw:
        return {}
    smallest = min(raw.values())
    return {edge: math.floor(w / smallest + 0.5) for edge, w in raw.items()}


def _rounded_weighted_degree(node, remaining, G, units, alpha, beta):
    neighbours = [u for u in G[node] if u != node and u in remaining]
    k = len(neighbours)
    if k == 0:
        return 0
    s = sum(units[frozenset((node, u))] for u in neighbours)
    value = float(k) ** (alpha / (alpha + beta)) * float(s) ** (beta / (alpha + beta))
    return math.floor(value + 0.5)


def weighted_k_shell(G, weight="weight", alpha=1.0, beta=1.0):
    """Return {node: weighted k-shell} of an undirected graph (self-loops ignored).

    ``weight=None`` gives every edge weight 1.
    """
    units = _units(G, weight)
    remaining = set(G)
    shell = {}
    level = 0
    while remaining:
        rounded = {
            v: _rounded_weighted_degree(v, remaining, G, units, alpha, beta) for v in remaining
        }
        low = {v for v in remaining if rounded[v] <= level}
        if not low:  # shell `level` is complete: go to the next level holding a node
            level = min(rounded.values())
            continue
        for v in low:
            shell[v] = level
        remaining -= low
    return shell
