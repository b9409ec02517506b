"""Hypothesis strategies for small graphs, shared by the property tests."""

from collections.abc import Sequence

import networkx as nx
from hypothesis import strategies as st

TRUST_LEVELS = (0.0, 0.1, 0.5, 1.0, 2.0)


@st.composite
def small_graphs(
    draw,
    *,
    min_nodes: int = 0,
    max_nodes: int = 25,
    max_edges: int = 90,
    distinct_pairs: bool = False,
    weight: str | None = None,
    weight_levels: Sequence[float] = TRUST_LEVELS,
) -> nx.Graph:
    """Draw a simple undirected graph on the nodes ``0..n-1``, inserted in a drawn order.

    ``n`` is drawn from ``[min_nodes, max_nodes]``. The edges come one of two ways:

    * ``distinct_pairs=False``: a list of at most ``max_edges`` endpoint pairs,
      each endpoint any node, so that self-loops (dropped) and repeated pairs
      (merged) thin the list: the graphs run from empty to dense, many of them
      disconnected. The node order is drawn before the edges.
    * ``distinct_pairs=True``: at most ``max_edges`` distinct pairs ``i < j``,
      each one an edge. The node order is drawn after the edges.

    With ``weight``, every edge gets that attribute, drawn from ``weight_levels``
    in the order the edges were drawn. Each variant draws in the same order as
    the strategy it replaces, so tests keep their graphs, derandomized ones
    included.
    """
    n = draw(st.integers(min_nodes, max_nodes))
    if distinct_pairs:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        edges = []
        if pairs:
            edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=max_edges))
        order = draw(st.permutations(range(n)))
    else:
        order = draw(st.permutations(range(n)))
        ends = st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0)))
        drawn = draw(st.lists(ends, max_size=max_edges)) if n else []
        edges = [(u, v) for u, v in drawn if u != v]
    G = nx.Graph()
    G.add_nodes_from(order)
    if weight is None:
        G.add_edges_from(edges)
    else:
        for u, v in edges:
            G.add_edge(u, v, **{weight: draw(st.sampled_from(weight_levels))})
    return G
