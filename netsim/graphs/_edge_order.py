"""The order in which a networkx graph lists each node's neighbours as it yields its edges."""

from itertools import chain

import networkx as nx
import numpy as np

__all__ = ["edge_order"]


def edge_order(G: nx.Graph) -> np.ndarray:
    """Return each node's neighbours (positions) in the order ``G.edges()`` gives its votes.

    ``G.edges()`` visits the nodes in order and yields each node's
    not-yet-visited neighbours in adjacency order, so node ``x`` hears
    first from its neighbours before it in ``list(G)`` (in that order),
    then from those after it (in ``G.adj[x]`` order). Self-loops are left
    out, as in the CSR rows.
    """
    position = {node: i for i, node in enumerate(G)}
    adjacency = G._adj
    degrees = np.fromiter(map(len, adjacency.values()), dtype=np.int64, count=len(position))
    rows = np.repeat(np.arange(len(position), dtype=np.int64), degrees)
    columns = np.fromiter(
        chain.from_iterable(map(position.__getitem__, nbrs) for nbrs in adjacency.values()),
        dtype=np.int64,
        count=int(degrees.sum()),
    )
    keep = rows != columns
    rows, columns = rows[keep], columns[keep]
    n = len(position)
    # earlier neighbours by position, then later ones in adjacency order
    rank = np.where(columns < rows, columns, n + np.arange(columns.size))
    order = columns[np.lexsort((rank, rows))]
    return np.ascontiguousarray(order)
