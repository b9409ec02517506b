"""Slow twins of the rewiring chain, and the realizations of a degree sequence by enumeration.

:func:`double_edge_swaps` replays the kernel's chain on a networkx graph with
the pure-Python port of the kernel PRNG, written from the rule stated in
``netsim.rewire``'s docstring and the kernel module's draw order: edges in
slots (CSR order: by the position of the first end in ``list(G)``, then of
the second), two slots and a bit per attempt. Connectivity is checked with
``networkx.is_connected`` on the whole graph, not with the kernel's search.
"""

import itertools

import networkx as nx

from .prng import Xoshiro256StarStar


def _below(rng, m):
    """A uniform int in [0, m): the low bits of a draw, redrawn while too large."""
    bits = max(1, (m - 1).bit_length())
    mask = (1 << bits) - 1
    while True:
        x = rng.next_u64() & mask
        if x < m:
            return x


def _is_connected_ignoring_isolates(G):
    H = G.subgraph([v for v in G if G.degree(v) > 0])
    return H.number_of_nodes() == 0 or nx.is_connected(H)


def double_edge_swaps(G, n_swaps, key0, key1, purpose, *, connected=False):
    """Return ``(H, accepted)``: ``G`` after ``n_swaps`` attempted swaps, and how many succeeded."""
    position = {v: i for i, v in enumerate(G)}
    slots = sorted(
        ((u, v) if position[u] < position[v] else (v, u) for u, v in G.edges()),
        key=lambda e: (position[e[0]], position[e[1]]),
    )
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from(slots)
    m = len(slots)
    accepted = 0
    if m < 2 or n_swaps <= 0:
        return H, accepted
    rng = Xoshiro256StarStar.for_task(int(key0), int(key1), int(purpose), 0, 0)
    for _ in range(n_swaps):
        e1 = _below(rng, m)
        e2 = _below(rng, m)
        flip = rng.next_u64() >> 63 == 1
        if e1 == e2:
            continue
        a, b = slots[e1]
        c, d = slots[e2]
        if flip:
            c, d = d, c
        if a == d or c == b or H.has_edge(a, d) or H.has_edge(c, b):
            continue
        H.remove_edges_from([(a, b), (c, d)])
        H.add_edges_from([(a, d), (c, b)])
        if connected and not _is_connected_ignoring_isolates(H):
            H.remove_edges_from([(a, d), (c, b)])
            H.add_edges_from([(a, b), (c, d)])
            continue
        slots[e1] = (a, d)
        slots[e2] = (c, b)
        accepted += 1
    return H, accepted


def realizations(degrees, *, connected=False, max_nodes=7):
    """Return every simple graph on ``0..n-1`` with ``degrees``, as frozensets of edges.

    Brute force over all subsets of the possible edges; refuses more than
    ``max_nodes`` nodes.
    """
    n = len(degrees)
    if n > max_nodes:
        message = f"enumeration refuses {n} nodes (at most {max_nodes})"
        raise ValueError(message)
    pairs = list(itertools.combinations(range(n), 2))
    m = sum(degrees) // 2
    found = []
    for edges in itertools.combinations(pairs, m):
        count = [0] * n
        for u, v in edges:
            count[u] += 1
            count[v] += 1
        if count != list(degrees):
            continue
        if connected:
            G = nx.Graph(edges)
            G.add_nodes_from(range(n))
            if not _is_connected_ignoring_isolates(G):
                continue
        found.append(frozenset(edges))
    return found
