"""Slow, obvious twins of netsim/_kernels/sources.py.

* :func:`collective_influence_removal` recomputes every node's collective
  influence from the definition (Morone and Makse 2015,
  doi:10.1038/nature14604) with networkx shortest paths after every removal:
  no local update.
* :func:`cluster_labels_lockstep` replays a percolation sample with the
  pure-Python PRNG port and labels its clusters by breadth-first search.
* :func:`objective`, :func:`greedy` and :func:`best_subset` work on those
  labels: the sample-average outbreak size of a set of sources, the plain
  greedy choice (every gain re-evaluated every step; Kempe, Kleinberg and
  Tardos 2003, doi:10.1145/956750.956769), and the optimum by brute force.

Nothing here is shared with the kernels.
"""

from collections import deque
from itertools import combinations
from math import comb

import networkx as nx

from .percolation import _kept_edges_lockstep

MAX_SUBSETS = 20_000


def collective_influence(H, node, radius):
    """Return CI_l(node) = (k_node - 1) * sum over nodes j at distance exactly l of (k_j - 1)."""
    if H.degree(node) <= 1:
        return 0
    distances = nx.single_source_shortest_path_length(H, node, cutoff=radius)
    frontier = [j for j, d in distances.items() if d == radius]
    return (H.degree(node) - 1) * sum(H.degree(j) - 1 for j in frontier)


def collective_influence_removal(G, k, radius):
    """Return the first k removed nodes (labels): highest CI, then degree, then node order."""
    H = nx.Graph(G)
    order = {node: position for position, node in enumerate(G)}
    chosen = []
    for _ in range(k):
        best = max(H, key=lambda v: (collective_influence(H, v, radius), H.degree(v), -order[v]))
        chosen.append(best)
        H.remove_node(best)
    return chosen


def cluster_labels_lockstep(indptr, indices, p, beta, key0, key1, purpose, r):
    """Return (labels, sizes) of sample r: clusters numbered by their lowest node position."""
    n = len(indptr) - 1
    neighbours = [[] for _ in range(n)]
    for i, j in _kept_edges_lockstep(indptr, indices, p, beta, key0, key1, purpose, r):
        neighbours[i].append(j)
        neighbours[j].append(i)
    labels = [-1] * n
    sizes = []
    for start in range(n):
        if labels[start] >= 0:
            continue
        labels[start] = len(sizes)
        queue = deque([start])
        count = 0
        while queue:
            v = queue.popleft()
            count += 1
            for w in neighbours[v]:
                if labels[w] < 0:
                    labels[w] = len(sizes)
                    queue.append(w)
        sizes.append(count)
    return labels, sizes


def total_spread(samples, sources):
    """Return the sum over samples of the number of nodes in the union of the sources' clusters.

    ``samples`` is a list of (labels, sizes) pairs; ``sources`` positions.
    """
    total = 0
    for labels, sizes in samples:
        total += sum(sizes[c] for c in {labels[v] for v in sources})
    return total


def objective(samples, sources):
    """Return the sample-average outbreak size of ``sources``: total_spread / number of samples."""
    return total_spread(samples, sources) / len(samples)


def greedy(samples, k):
    """Return the plain greedy choice (positions): largest gain each step, ties lowest position."""
    n = len(samples[0][0])
    chosen = []
    for _ in range(k):
        base = total_spread(samples, chosen)
        best, best_gain = None, None
        for v in range(n):
            if v in chosen:
                continue
            gain = total_spread(samples, [*chosen, v]) - base
            if best_gain is None or gain > best_gain:
                best, best_gain = v, gain
        chosen.append(best)
    return chosen


def best_subset(samples, k):
    """Return the largest objective over all k-subsets, by enumeration."""
    n = len(samples[0][0])
    if comb(n, k) > MAX_SUBSETS:
        message = f"brute force needs comb(n, k) <= {MAX_SUBSETS}; got {comb(n, k)}."
        raise ValueError(message)
    return max(objective(samples, subset) for subset in combinations(range(n), k))
