"""Slow, obvious twin of netsim/_kernels/beta_curve.py.

:func:`cluster_sizes_lockstep` replays one coupled sample draw for draw with
the pure-Python PRNG port (tests/reference/prng.py), gives every edge its
level by scanning the grid, and then, separately at every grid point,
builds the networkx graph of the edges kept there and takes its connected
components. The kernel must match it exactly.

Nothing here is shared with the kernels.
"""

import math

import networkx as nx

from .prng import Xoshiro256StarStar


def _edges(indptr, indices):
    """Return the undirected edges (i, j, position of i -> j), i < j, in CSR order."""
    indptr = [int(x) for x in indptr]
    indices = [int(x) for x in indices]
    return [
        (i, indices[k], k)
        for i in range(len(indptr) - 1)
        for k in range(indptr[i], indptr[i + 1])
        if indices[k] > i
    ]


def _first(levels, keep):
    """Return the first k with keep(levels[k]), or the last index if none."""
    for k, value in enumerate(levels):
        if keep(value):
            return k
    return len(levels) - 1


def edge_levels_lockstep(indptr, indices, a, betas, key0, key1, purpose, r):
    """Return {(i, j): level} for the edges of sample r kept at some grid point."""
    edges = _edges(indptr, indices)
    betas = [float(b) for b in betas]
    b = betas[-1]
    rng = Xoshiro256StarStar.for_task(key0, key1, purpose, r, 0)
    levels = {}
    if len(a) > 0:  # trust: one uniform per edge
        # log1p(-1) is -inf (math.log1p refuses it)
        log_q = [math.log1p(-beta) if beta < 1.0 else -math.inf for beta in betas]
        for i, j, k in edges:
            exponent = float(a[k])
            u = rng.next_double()
            if exponent > 0.0 and u < -math.expm1(exponent * log_q[-1]):
                t = math.log1p(-u)
                levels[i, j] = _first(log_q, lambda lq, x=exponent, t=t: x * lq < t)
        return levels
    if b <= 0.0:
        return levels
    if b >= 1.0:
        kept = range(len(edges))
        draws = (rng.next_double() for _ in kept)
        for e, v in zip(kept, draws, strict=True):
            u = v * b
            levels[edges[e][:2]] = _first(betas, lambda beta, u=u: u < beta)
        return levels
    log_b = math.log1p(-b)
    e = -1
    while True:
        skip = math.log(1.0 - rng.next_double()) / log_b
        if skip >= len(edges) - 1 - e:
            break
        e += 1 + int(skip)
        u = rng.next_double() * b
        levels[edges[e][:2]] = _first(betas, lambda beta, u=u: u < beta)
    return levels


def cluster_sizes_lockstep(indptr, indices, a, betas, key0, key1, purpose, r):
    """Return sizes[k][v]: node v's cluster size at betas[k] in sample r (lists of ints)."""
    levels = edge_levels_lockstep(indptr, indices, a, betas, key0, key1, purpose, r)
    n = len(indptr) - 1
    sizes = []
    for k in range(len(betas)):
        H = nx.Graph()
        H.add_nodes_from(range(n))
        H.add_edges_from(edge for edge, level in levels.items() if level <= k)
        row = [0] * n
        for component in nx.connected_components(H):
            for v in component:
                row[v] = len(component)
        sizes.append(row)
    return sizes
