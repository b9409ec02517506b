"""Slow, obvious twins of netsim/_kernels/kshell.py, written from the definitions.

* :func:`core_number`: a node's core number is the largest k for which it
  belongs to the k-core, the largest subgraph of minimum degree >= k
  (Seidman 1983, doi:10.1016/0378-8733(83)90028-X). Each k-core is found
  from scratch by deleting nodes of degree < k until none is left.
* :func:`onion_layers`: the onion decomposition (Hebert-Dufresne, Grochow
  and Allard 2016, doi:10.1038/srep31708) removes, round after round, every
  node whose degree in the remaining graph is at most the current core k;
  k starts at 1 and rises to the smallest remaining degree when no node
  qualifies; isolated nodes form layer 1. Degrees are recounted from the
  remaining graph every round.

Both work on the networkx graph, by node label, and share nothing with the
kernels (no queues, no degree bookkeeping). They take O(k_max * n * m) and
O(rounds * m) time, so they refuse graphs above MAX_SIZE nodes plus edges.
"""

MAX_SIZE = 20_000


def _neighbours(G):
    """Return {node: set of neighbours}, self-loops left out."""
    size = G.number_of_nodes() + G.number_of_edges()
    if size > MAX_SIZE:
        message = f"the reference is too slow for {size} nodes plus edges (limit {MAX_SIZE})"
        raise ValueError(message)
    return {v: set(G[v]) - {v} for v in G}


def _k_core(neighbours, k):
    """Return the node set of the k-core: delete nodes of degree < k until none is left."""
    kept = set(neighbours)
    while True:
        low = {v for v in kept if len(neighbours[v] & kept) < k}
        if not low:
            return kept
        kept -= low


def core_number(G):
    """Return {node: core number} of an undirected graph (self-loops ignored)."""
    neighbours = _neighbours(G)
    core = dict.fromkeys(neighbours, 0)
    k = 1
    while True:
        members = _k_core(neighbours, k)
        if not members:
            return core
        for v in members:
            core[v] = k
        k += 1


def k_shell(G, k):
    """Return the set of nodes of core number exactly k."""
    return {v for v, c in core_number(G).items() if c == k}


def onion_layers(G):
    """Return {node: onion layer} of an undirected graph (self-loops ignored)."""
    neighbours = _neighbours(G)
    remaining = set(neighbours)
    layers = {}
    layer = 1
    isolated = {v for v in remaining if not neighbours[v]}
    if isolated:
        for v in isolated:
            layers[v] = layer
        remaining -= isolated
        layer += 1
    current_core = 1
    while remaining:
        degree = {v: len(neighbours[v] & remaining) for v in remaining}
        current_core = max(current_core, min(degree.values()))
        peeled = {v for v in remaining if degree[v] <= current_core}
        for v in peeled:
            layers[v] = layer
        remaining -= peeled
        layer += 1
    return layers
