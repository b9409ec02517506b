"""Load the packaged real networks as networkx graphs or CSRGraphs.

Every data set is read the same way: the edge list in file order, self-loops
dropped, reciprocal and duplicate rows merged into one undirected edge, the
nodes in order of first appearance in the file (the order
``networkx.read_edgelist`` gives). The papers to cite for each data set, its
source and its licence are given by :func:`info` and in
``netsim/datasets/data/README.md``.
"""

import importlib.resources
import zlib
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import scipy as sp

from .._validation import check_choice
from ..exceptions import FileFormatError, NetsimError
from ..graphs._csr import CSRGraph, build_graph
from ..graphs._edgelist import read_edge_table
from ._registry import DATASETS, Dataset

__all__ = ["info", "load", "load_csr", "names"]


def names() -> list[str]:
    """Return the names of the packaged data sets, sorted.

    Returns
    -------
    list of str
        The names accepted by :func:`info`, :func:`load` and :func:`load_csr`.

    See Also
    --------
    info : Description, source, citation and size of one data set.

    Examples
    --------
    >>> import netsim
    >>> netsim.datasets.names()[:4]
    ['advogato', 'ca-grqc', 'ca-hepth', 'email-eu-core']
    >>> len(netsim.datasets.names())
    10
    """
    return sorted(DATASETS)


def _entry(name: Any) -> Dataset:
    return DATASETS[check_choice("name", name, names())]


def info(name: str) -> dict[str, Any]:
    """Describe a packaged data set: what it is, its source, citation and size.

    Parameters
    ----------
    name : str
        One of :func:`names`.

    Returns
    -------
    dict
        A new dict (changing it changes nothing in netsim) with the keys

        - ``name``, ``title``, ``description`` : str;
        - ``n_nodes``, ``n_edges`` : int, the size of the graph :func:`load`
          returns (simple, undirected, self-loops removed);
        - ``directed_source`` : bool, whether the original file is directed
          (its reciprocal rows are merged into one undirected edge);
        - ``weighted`` : bool, and ``weight`` : str or None, the edge attribute
          holding the weights;
        - ``node_attributes`` : tuple of str, the node attributes set;
        - ``citation``, ``licence``, ``source`` : str, what to cite, the
          licence as the publisher states it, and the publisher and the copy
          the file was taken from;
        - ``file`` : str, the packaged file in ``netsim/datasets/data``, and
          ``node_attribute_file`` : str or None, the file of node attributes.

    Raises
    ------
    InvalidParameterError
        If ``name`` is not one of :func:`names`.

    See Also
    --------
    load : The data set as a networkx graph.

    Examples
    --------
    >>> import netsim
    >>> record = netsim.datasets.info("advogato")
    >>> record["n_nodes"], record["n_edges"], record["weight"]
    (6539, 39285, 'trust')
    >>> record["directed_source"]
    True
    """
    return _entry(name).to_dict()


def _data_file(filename: str) -> Any:
    """Return the packaged file ``filename`` as an importlib resource."""
    return importlib.resources.files("netsim.datasets") / "data" / filename


# What reading a damaged or missing file can raise: gzip and I/O errors, and
# the FileFormatError of the edge-list reader for a line that does not parse.
_READ_ERRORS = (OSError, EOFError, zlib.error, NetsimError)


def _damaged(entry: Dataset, filename: str | None, found: str) -> FileFormatError:
    """Return the error for a packaged file that does not give the recorded graph."""
    message = (
        f"dataset {entry.name!r}: file {filename!r} must give {entry.n_nodes} nodes and "
        f"{entry.n_edges} edges; got {found}. The packaged file looks damaged; "
        "reinstall netsim."
    )
    return FileFormatError(message)


def _read_edges(entry: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    with importlib.resources.as_file(_data_file(entry.file)) as path:
        return read_edge_table(
            path,
            delimiter=entry.delimiter,
            header_lines=entry.header_lines,
            weighted=entry.weighted,
        )


def _read_node_attributes(entry: Dataset) -> dict[str, pd.Series]:
    if entry.node_attribute_file is None:
        return {}
    # The attribute file has the same two-column shape as an edge list:
    # ``node value`` per line.
    with importlib.resources.as_file(_data_file(entry.node_attribute_file)) as path:
        nodes, values, _ = read_edge_table(path)
    (attribute,) = entry.node_attributes
    return {attribute: pd.Series(values, index=pd.Index(nodes, name="node"), name=attribute)}


def _merge_max(
    sources: np.ndarray, targets: np.ndarray, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Merge the rows of each unordered pair into one edge with the highest weight."""
    low = np.minimum(sources, targets)
    high = np.maximum(sources, targets)
    frame = pd.DataFrame({"u": low, "v": high, "w": weights})
    merged = frame.groupby(["u", "v"], sort=False)["w"].max()
    return (
        merged.index.get_level_values("u").to_numpy(),
        merged.index.get_level_values("v").to_numpy(),
        merged.to_numpy(dtype=np.float64),
    )


def _largest_component(csr: CSRGraph) -> CSRGraph:
    """Return the largest connected component of ``csr``, keeping node order.

    Among components of equal size, the one holding the earliest node in node
    order wins (the component ``max(nx.connected_components(G), key=len)``
    gives).
    """
    n = csr.n_nodes
    if n == 0:
        return csr
    adjacency = sp.sparse.csr_array(
        (np.ones(csr.indices.shape[0], dtype=np.int8), csr.indices, csr.indptr), shape=(n, n)
    )
    _, labels = sp.sparse.csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(labels)
    _, first = np.unique(labels, return_index=True)
    candidates = np.flatnonzero(sizes == sizes.max())
    chosen = candidates[np.argmin(first[candidates])]
    keep = labels == chosen

    rows = csr.rows
    upper = (rows < csr.indices) & keep[rows]
    labels_in_order = csr.nodes.to_numpy()
    weights = None if csr.weights is None else csr.weights[upper]
    kept_nodes = csr.nodes[keep]
    node_attrs = {
        key: pd.Series(np.asarray(values)[keep], index=kept_nodes, name=key)
        for key, values in csr.node_attrs.items()
    }
    return build_graph(
        labels_in_order[rows[upper]],
        labels_in_order[csr.indices[upper]],
        weights,
        nodes=kept_nodes,
        weight=csr.weight if csr.weight is not None else "weight",
        node_attrs=node_attrs,
        self_loops="drop",
    )


def load_csr(name: str, *, largest_component: bool = False) -> CSRGraph:
    """Load a packaged data set as a CSRGraph.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    largest_component : bool, default=False
        Keep only the largest connected component. Among components of equal
        size, the one whose first node comes earliest in node order is kept.

    Returns
    -------
    CSRGraph
        The simple undirected graph of the data set. Its nodes are the integer
        ids of the file, in order of first appearance. ``weight`` and
        ``node_attrs`` are as :func:`info` lists them.

    Raises
    ------
    InvalidParameterError
        If ``name`` is not one of :func:`names`.
    TypeError
        If ``largest_component`` is not a bool.
    FileFormatError
        If the packaged file cannot be read or does not give the node and
        edge counts recorded for it (a damaged installation).

    See Also
    --------
    load : The same graph as a networkx graph.
    info : Description, source and citation of a data set.

    Notes
    -----
    The file is read in order. Self-loops are dropped without a warning, as
    documented here (a node whose only edge is a self-loop stays, isolated).
    Rows that repeat an edge, in either direction, become one undirected
    edge; for the weighted ``advogato``, its weight is the higher trust level
    of the two directions. The node and edge counts are then checked against
    those :func:`info` gives.

    Examples
    --------
    >>> import netsim
    >>> csr = netsim.datasets.load_csr("jazz")
    >>> csr.n_nodes, csr.n_edges
    (198, 2742)
    >>> csr = netsim.datasets.load_csr("physicians", largest_component=True)
    >>> csr.n_nodes, csr.n_edges
    (117, 465)
    """
    entry = _entry(name)
    if not isinstance(largest_component, bool | np.bool_):
        message = f"largest_component must be a bool; got {type(largest_component).__name__}."
        raise TypeError(message)

    try:
        sources, targets, weights = _read_edges(entry)
    except _READ_ERRORS as err:
        raise _damaged(entry, entry.file, f"an unreadable file ({err})") from err
    try:
        node_attrs = _read_node_attributes(entry)
    except _READ_ERRORS as err:
        raise _damaged(entry, entry.node_attribute_file, f"an unreadable file ({err})") from err

    # Interleave the endpoints row by row, so that the nodes come in order of
    # first appearance, exactly as networkx.read_edgelist adds them; a node
    # whose only edge is a self-loop is kept.
    nodes = pd.unique(np.column_stack([sources, targets]).ravel())
    if weights is not None:
        loops = sources == targets
        sources, targets, weights = _merge_max(sources[~loops], targets[~loops], weights[~loops])
    csr = build_graph(
        sources,
        targets,
        weights,
        nodes=nodes,
        weight=entry.weight if entry.weight is not None else "weight",
        node_attrs=node_attrs,
        self_loops="drop",
    )
    if (csr.n_nodes, csr.n_edges) != (entry.n_nodes, entry.n_edges):
        raise _damaged(entry, entry.file, f"{csr.n_nodes} nodes and {csr.n_edges} edges")
    for attribute, values in csr.node_attrs.items():
        if values.dtype == object:  # a node without a value (None)
            missing = sum(value is None for value in values)
            found = f"no {attribute!r} for {missing} of them"
            raise _damaged(entry, entry.node_attribute_file, found)
    if largest_component:
        csr = _largest_component(csr)
    return csr


def load(name: str, *, largest_component: bool = False) -> nx.Graph:
    """Load a packaged data set as a networkx graph.

    Parameters
    ----------
    name : str
        One of :func:`names`.
    largest_component : bool, default=False
        Keep only the largest connected component. Among components of equal
        size, the one whose first node comes earliest in node order is kept.

    Returns
    -------
    networkx.Graph
        The simple undirected graph of the data set, equal to
        ``load_csr(name, largest_component=largest_component).to_networkx()``.
        Nodes are the integer ids of the file, in order of first appearance
        (the order ``networkx.read_edgelist`` gives). ``advogato`` has the
        edge attribute ``"trust"``; ``email-eu-core`` has the node attribute
        ``"department"``.

    Raises
    ------
    InvalidParameterError
        If ``name`` is not one of :func:`names`.
    TypeError
        If ``largest_component`` is not a bool.
    FileFormatError
        If the packaged file cannot be read or does not give the node and
        edge counts recorded for it (a damaged installation).

    See Also
    --------
    load_csr : The same graph as a CSRGraph, for repeated use with netsim.
    info : Description, source and citation of a data set.

    Notes
    -----
    Self-loops are dropped and reciprocal rows of directed files merged, as
    described in :func:`load_csr`.

    Examples
    --------
    >>> import netsim
    >>> G = netsim.datasets.load("facebook")
    >>> G.number_of_nodes(), G.number_of_edges()
    (4039, 88234)
    >>> G = netsim.datasets.load("email-eu-core")
    >>> G.number_of_nodes(), G.number_of_edges(), G.nodes[0]["department"]
    (1005, 16064, 1)
    >>> G = netsim.datasets.load("advogato", largest_component=True)
    >>> G.number_of_nodes(), G.edges[1, 2]["trust"]
    (5042, 1.0)
    """
    return load_csr(name, largest_component=largest_component).to_networkx()
