"""Slow, obvious twins of netsim/_kernels/percolation.py.

* :func:`cluster_sizes_lockstep` replays a percolation sample draw for draw
  with the pure-Python PRNG port (tests/reference/prng.py) and finds clusters
  by breadth-first search: the kernel must match it exactly.
* :func:`exact_mean_outbreak_sizes` enumerates all 2**E bond configurations
  of a tiny graph, each weighted by prod(p_e) * prod(1 - p_e): the exact mean
  outbreak size from every node for discrete SIR with mu = 1 (Newman 2002,
  doi:10.1103/PhysRevE.66.016128).

Nothing here is shared with the kernels.
"""

import math
from collections import deque
from itertools import product

import networkx as nx

from .prng import Xoshiro256StarStar

MAX_ENUMERATED_EDGES = 16


def _kept_edges_lockstep(indptr, indices, p, beta, key0, key1, purpose, r):
    """Return the kept edges of sample r, drawn in the kernels' documented order."""
    indptr = [int(x) for x in indptr]
    indices = [int(x) for x in indices]
    edges = []  # (i, j, position of i -> j) for i < j, in CSR order
    for i in range(len(indptr) - 1):
        for k in range(indptr[i], indptr[i + 1]):
            if indices[k] > i:
                edges.append((i, indices[k], k))
    kept = []
    if len(p) > 0:
        rng = Xoshiro256StarStar.for_task(key0, key1, purpose, r, 0)
        for i, j, k in edges:
            if rng.next_double() < float(p[k]):
                kept.append((i, j))
    elif beta >= 1.0:
        kept = [(i, j) for i, j, _ in edges]
    elif beta > 0.0:
        rng = Xoshiro256StarStar.for_task(key0, key1, purpose, r, 0)
        log_q = math.log1p(-beta)
        e = -1
        while True:
            skip = math.log(1.0 - rng.next_double()) / log_q
            if skip >= len(edges) - 1 - e:
                break
            e += 1 + int(skip)
            kept.append(edges[e][:2])
    return kept


def cluster_sizes_lockstep(indptr, indices, p, beta, key0, key1, purpose, r):
    """Return each node's cluster size in sample r (a list), replaying the kernel's draws."""
    n = len(indptr) - 1
    neighbours = [[] for _ in range(n)]
    for i, j in _kept_edges_lockstep(indptr, indices, p, beta, key0, key1, purpose, r):
        neighbours[i].append(j)
        neighbours[j].append(i)
    sizes = [0] * n
    for start in range(n):
        if sizes[start]:
            continue
        seen = {start}
        queue = deque([start])
        while queue:
            v = queue.popleft()
            for w in neighbours[v]:
                if w not in seen:
                    seen.add(w)
                    queue.append(w)
        for v in seen:
            sizes[v] = len(seen)
    return sizes


def exact_mean_outbreak_sizes(G, probability):
    """Return {node: exact mean outbreak size} for discrete SIR with mu = 1 on a tiny graph.

    ``probability(u, v, data)`` gives the transmission probability of edge
    uv. Every subset of edges is a percolation configuration; the outbreak
    from node i is i's connected component in it.
    """
    edges = list(G.edges(data=True))
    if len(edges) > MAX_ENUMERATED_EDGES:
        message = f"enumeration needs <= {MAX_ENUMERATED_EDGES} edges; got {len(edges)}."
        raise ValueError(message)
    p = [probability(u, v, data) for u, v, data in edges]
    mean = dict.fromkeys(G, 0.0)
    for keep in product((False, True), repeat=len(edges)):
        weight = math.prod(pe if k else 1.0 - pe for pe, k in zip(p, keep, strict=True))
        if weight == 0.0:
            continue
        H = nx.Graph()
        H.add_nodes_from(G)
        H.add_edges_from((u, v) for (u, v, _), k in zip(edges, keep, strict=True) if k)
        for component in nx.connected_components(H):
            for node in component:
                mean[node] += weight * len(component)
    return mean
