"""CSRGraph: an immutable undirected graph in compressed sparse row form.

netsim converts a networkx graph once into flat arrays that its numba kernels
read directly; users who call many functions on one graph convert it once
themselves and pass the :class:`CSRGraph`.
"""

import math
import os
import sys
import warnings
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from types import MappingProxyType
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._kernels import csr as _kernel
from .._validation import Described, check_choice, invalid
from ..exceptions import InvalidParameterError, NetsimWarning, UnsupportedGraphError
from ._edgelist import read_edge_table

__all__ = ["CSRGraph", "as_csr", "build_graph"]

_INT32_MAX = np.iinfo(np.int32).max


def _node_index(labels: Iterable[Any]) -> pd.Index:
    """Return labels as a pandas Index named "node", keeping tuples as labels."""
    if isinstance(labels, np.ndarray) and labels.dtype != object:
        return pd.Index(labels, name="node")
    values = list(labels)
    if values and all(type(value) is int for value in values):
        return pd.Index(values, dtype=np.int64, name="node")
    return pd.Index(values, dtype=object, name="node", tupleize_cols=False)


def _label_array(name: str, values: Any) -> np.ndarray:
    """Return a 1-D array of node labels, with tuples kept as single labels."""
    array = np.asarray(values)
    if array.ndim != 1:
        items = list(values)
        array = np.empty(len(items), dtype=object)
        array[:] = items
    return array


def _attribute_array(values: list[Any]) -> np.ndarray:
    """Return node attribute values as the narrowest faithful numpy array.

    bool, int and float columns become numeric arrays; anything else, or a
    column with missing values (None), stays an object array so that values
    come back unchanged from :meth:`CSRGraph.to_networkx`.
    """
    kinds = {type(value) for value in values}
    if kinds <= {bool}:
        return np.array(values, dtype=bool)
    if kinds <= {int}:
        try:
            return np.array(values, dtype=np.int64)
        except OverflowError:
            pass
    elif kinds <= {float}:
        return np.array(values, dtype=np.float64)
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def _index_dtype(n_nodes: int, n_entries: int) -> type:
    return np.int32 if max(n_nodes, n_entries) <= _INT32_MAX else np.int64


class CSRGraph:
    """An immutable undirected graph stored as compressed sparse row arrays.

    Node ``i`` (position ``i`` in :attr:`nodes`) has the neighbours
    ``indices[indptr[i]:indptr[i + 1]]``, in strictly increasing order; every
    edge is stored in both directions; there are no self-loops and no
    duplicate edges. Build one with :meth:`from_networkx`, :meth:`from_edges`
    or :meth:`read_edgelist`; the constructor checks arrays given directly.

    Parameters
    ----------
    indptr : array_like of shape (n_nodes + 1,), int
        Row pointers.
    indices : array_like of shape (2 * n_edges,), int
        Column indices: the neighbours of each node, sorted.
    weights : array_like of shape (2 * n_edges,), float, optional
        Weight of each stored direction (finite, >= 0, equal both ways), or
        None for an unweighted graph.
    nodes : sequence, optional
        Node labels, one per row; default ``range(n_nodes)``.
    weight : str, optional
        Name of the edge attribute the weights stand for (used by
        :meth:`to_networkx`); default ``"weight"`` when weights are given.
    node_attrs : mapping of str to array_like, optional
        Node attributes, each an array aligned with ``nodes``.
    edge_attrs : mapping of str to array_like, optional
        Edge attributes besides the weight, each an array aligned with
        ``indices`` (one value per stored direction, equal both ways).
    graph_attrs : mapping, optional
        Graph attributes, as networkx's ``G.graph``.

    Attributes
    ----------
    indptr, indices : ndarray, int32 (int64 when a count exceeds 2**31 - 1)
        Read-only CSR arrays.
    weights : ndarray of float64 or None
        Read-only edge weights aligned with ``indices``.
    nodes : pandas.Index
        Node labels named ``"node"``, in networkx's ``list(G)`` order; every
        per-node result of netsim is indexed by it.
    weight : str or None
        Edge attribute name of the weights.
    node_attrs : mapping of str to ndarray
        Read-only node attribute arrays aligned with ``nodes``.
    edge_attrs : mapping of str to ndarray
        Read-only edge attribute arrays aligned with ``indices``.
    graph_attrs : mapping
        Read-only view of the graph attributes.

    Raises
    ------
    InvalidParameterError
        If the arrays break one of the invariants above.

    See Also
    --------
    networkx.to_scipy_sparse_array : the same arrays for a networkx graph.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = netsim.CSRGraph.from_networkx(nx.path_graph(["a", "b", "c"]))
    >>> G
    CSRGraph(n_nodes=3, n_edges=2, weighted=False)
    >>> G.indptr.tolist(), G.indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    >>> list(G.nodes)
    ['a', 'b', 'c']
    """

    __slots__ = (
        "_edge_attrs",
        "_graph_attrs",
        "_indices",
        "_indptr",
        "_node_attrs",
        "_nodes",
        "_weight",
        "_weights",
    )

    def __init__(
        self,
        indptr: Any,
        indices: Any,
        weights: Any = None,
        *,
        nodes: Sequence[Any] | None = None,
        weight: str | None = None,
        node_attrs: Mapping[str, Any] | None = None,
        edge_attrs: Mapping[str, Any] | None = None,
        graph_attrs: Mapping[str, Any] | None = None,
    ) -> None:
        indptr = np.asarray(indptr)
        indices = np.asarray(indices)
        for name, array in (("indptr", indptr), ("indices", indices)):
            if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
                raise invalid(
                    name,
                    "a 1-D integer array",
                    Described(f"array of shape {array.shape}, dtype {array.dtype}"),
                )
        n_nodes = indptr.size - 1
        if (
            n_nodes < 0
            or indptr[0] != 0
            or indptr[-1] != indices.size
            or np.any(np.diff(indptr) < 0)
        ):
            raise invalid(
                "indptr",
                "non-decreasing, starting at 0 and ending at len(indices)",
                Described(f"an array of length {indptr.size} for {indices.size} indices"),
            )
        indptr = indptr.astype(np.int64)
        indices = indices.astype(np.int64)
        if indices.size and (indices.min() < 0 or indices.max() >= n_nodes):
            raise invalid(
                "indices",
                f"node positions in [0, {n_nodes})",
                Described(f"values in [{indices.min()}, {indices.max()}]"),
            )
        rows = np.repeat(np.arange(n_nodes, dtype=np.int64), np.diff(indptr))
        if np.any(rows == indices):
            raise invalid(
                "indices",
                "free of self-loops",
                Described(f"{int(np.sum(rows == indices))} self-loops"),
            )
        same_row = rows[1:] == rows[:-1]
        if np.any(same_row & (indices[1:] <= indices[:-1])):
            raise invalid(
                "indices",
                "strictly increasing within each row (sorted, no duplicates)",
                Described("unsorted rows"),
            )
        mirror = np.lexsort((rows, indices))
        if not (np.array_equal(indices[mirror], rows) and np.array_equal(rows[mirror], indices)):
            raise invalid(
                "indices",
                "symmetric (each edge stored in both directions)",
                Described("an asymmetric pattern"),
            )
        if weights is not None:
            weights = np.asarray(weights, dtype=np.float64)
            if weights.shape != indices.shape:
                raise invalid(
                    "weights",
                    f"an array of shape {indices.shape}",
                    Described(f"shape {weights.shape}"),
                )
            bad = ~np.isfinite(weights) | (weights < 0)
            if np.any(bad):
                k = int(np.flatnonzero(bad)[0])
                raise invalid("weights", "finite and >= 0", float(weights[k]))
            if not np.array_equal(weights[mirror], weights):
                raise invalid(
                    "weights",
                    "equal in both directions of each edge",
                    Described("asymmetric weights"),
                )
        labels = _node_index(range(n_nodes) if nodes is None else nodes)
        if len(labels) != n_nodes:
            raise invalid(
                "nodes", f"a sequence of {n_nodes} labels", Described(f"{len(labels)} labels")
            )
        if not labels.is_unique:
            raise invalid("nodes", "unique", _python_scalar(labels[labels.duplicated()][0]))
        dtype = _index_dtype(n_nodes, indices.size)
        self._set(
            indptr.astype(dtype),
            indices.astype(dtype),
            weights,
            labels,
            (weight or "weight") if weights is not None else None,
            _aligned_attrs(node_attrs, n_nodes),
            _symmetric_edge_attrs(edge_attrs, mirror),
            graph_attrs,
        )

    def _set(
        self,
        indptr: np.ndarray,
        indices: np.ndarray,
        weights: np.ndarray | None,
        nodes: pd.Index,
        weight: str | None,
        node_attrs: dict[str, np.ndarray],
        edge_attrs: dict[str, np.ndarray] | None = None,
        graph_attrs: Mapping[str, Any] | None = None,
    ) -> None:
        self._indptr = _read_only(indptr)
        self._indices = _read_only(indices)
        self._weights = None if weights is None else _read_only(weights)
        self._nodes = nodes
        self._weight = weight
        self._node_attrs = MappingProxyType({k: _read_only(v) for k, v in node_attrs.items()})
        edges = edge_attrs or {}
        self._edge_attrs = MappingProxyType({k: _read_only(v) for k, v in edges.items()})
        self._graph_attrs = MappingProxyType(dict(graph_attrs or {}))

    @classmethod
    def _trusted(
        cls,
        indptr: np.ndarray,
        indices: np.ndarray,
        weights: np.ndarray | None,
        nodes: pd.Index,
        weight: str | None,
        node_attrs: dict[str, np.ndarray],
        edge_attrs: dict[str, np.ndarray] | None = None,
        graph_attrs: Mapping[str, Any] | None = None,
    ) -> "CSRGraph":
        """Wrap arrays that already meet the invariants (no checks)."""
        graph = cls.__new__(cls)
        dtype = _index_dtype(len(nodes), indices.size)
        graph._set(
            indptr.astype(dtype),
            indices.astype(dtype),
            weights,
            nodes,
            weight,
            node_attrs,
            edge_attrs,
            graph_attrs,
        )
        return graph

    def __setattr__(self, name: str, value: Any) -> None:
        if not name.startswith("_") or hasattr(self, name):
            message = f"CSRGraph is immutable; cannot set {name!r}."
            raise AttributeError(message)
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        weighted = self.weights is not None
        return f"CSRGraph(n_nodes={self.n_nodes}, n_edges={self.n_edges}, weighted={weighted})"

    @property
    def indptr(self) -> np.ndarray:
        """Row pointers, shape (n_nodes + 1,)."""
        return self._indptr

    @property
    def indices(self) -> np.ndarray:
        """Sorted neighbours of every node, shape (2 * n_edges,)."""
        return self._indices

    @property
    def weights(self) -> np.ndarray | None:
        """Edge weights aligned with :attr:`indices`, or None."""
        return self._weights

    @property
    def nodes(self) -> pd.Index:
        """Node labels, in networkx's ``list(G)`` order."""
        return self._nodes

    @property
    def weight(self) -> str | None:
        """Name of the edge attribute the weights stand for, or None."""
        return self._weight

    @property
    def node_attrs(self) -> Mapping[str, np.ndarray]:
        """Node attributes, each an array aligned with :attr:`nodes`."""
        return self._node_attrs

    @property
    def edge_attrs(self) -> Mapping[str, np.ndarray]:
        """Edge attributes besides the weight, each an array aligned with :attr:`indices`."""
        return self._edge_attrs

    @property
    def graph_attrs(self) -> Mapping[str, Any]:
        """Graph attributes (a read-only view), as networkx's ``G.graph``."""
        return self._graph_attrs

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self._nodes)

    @property
    def n_edges(self) -> int:
        """Number of undirected edges."""
        return self._indices.size // 2

    @property
    def degrees(self) -> np.ndarray:
        """Degree of every node, aligned with :attr:`nodes` (int64)."""
        return np.diff(self._indptr).astype(np.int64)

    @property
    def rows(self) -> np.ndarray:
        """Row (node position) of every stored entry, aligned with :attr:`indices` (int64).

        Entry ``j`` is the tie end ``(rows[j], indices[j])``: each undirected
        edge is stored twice, and ``rows < indices`` selects it once. Computed
        on each access, in O(edges).

        Examples
        --------
        >>> import netsim
        >>> csr = netsim.CSRGraph.from_edges([0, 1], [1, 2])
        >>> csr.rows.tolist(), csr.indices.tolist()
        ([0, 1, 1, 2], [1, 0, 2, 1])
        """
        return np.repeat(np.arange(self.n_nodes, dtype=np.int64), self.degrees)

    @property
    def nbytes(self) -> int:
        """Memory held by the CSR arrays, in bytes (labels and attributes excluded)."""
        arrays = (self._indptr, self._indices, self._weights)
        return sum(array.nbytes for array in arrays if array is not None)

    @classmethod
    def from_networkx(cls, G: nx.Graph, weight: str | None = None) -> "CSRGraph":
        """Convert an undirected networkx graph.

        Parameters
        ----------
        G : networkx.Graph
            Undirected, not a multigraph. Self-loops are dropped with a
            :class:`~netsim.exceptions.NetsimWarning` giving their count.
        weight : str, optional
            Edge attribute holding the weights; every edge must have it, with
            a finite value >= 0. None (default) makes an unweighted graph.

        Returns
        -------
        CSRGraph
            Nodes in ``list(G)`` order, with every node attribute as an array
            and a copy of ``G.graph``; edge attributes other than ``weight``
            are not read.

        Raises
        ------
        TypeError
            If ``G`` is not a networkx graph.
        UnsupportedGraphError
            If ``G`` is directed or a multigraph.
        InvalidParameterError
            If an edge lacks ``weight`` or has a negative, NaN or infinite one.

        Notes
        -----
        Same adjacency as ``networkx.to_scipy_sparse_array(G, weight=weight)``
        with the diagonal removed. Takes O(n + m) Python operations; convert
        once and reuse the result.

        Examples
        --------
        >>> import networkx as nx
        >>> import netsim
        >>> G = nx.karate_club_graph()
        >>> csr = netsim.CSRGraph.from_networkx(G, weight="weight")
        >>> csr.n_nodes, csr.n_edges, csr.weight
        (34, 78, 'weight')
        >>> csr.node_attrs["club"][:3].tolist()
        ['Mr. Hi', 'Mr. Hi', 'Mr. Hi']
        """
        check_undirected(G, caller="CSRGraph.from_networkx")
        if weight is not None and not isinstance(weight, str):
            raise invalid("weight", "None or the name of an edge attribute (str)", weight)
        labels = list(G)
        adjacency = G._adj
        degrees = np.fromiter(map(len, adjacency.values()), dtype=np.int64, count=len(labels))
        rows = np.repeat(np.arange(len(labels), dtype=np.int64), degrees)
        nodes = _node_index(labels)
        n_entries = int(degrees.sum())
        if nodes.dtype == np.int64:  # integer labels: look them all up at once
            neighbours = chain.from_iterable(adjacency.values())
            raw = np.fromiter(neighbours, dtype=np.int64, count=n_entries)
            columns = nodes.get_indexer(raw).astype(np.int64)
        else:
            position = {node: i for i, node in enumerate(labels)}
            columns = np.fromiter(
                chain.from_iterable(map(position.__getitem__, nbrs) for nbrs in adjacency.values()),
                dtype=np.int64,
                count=n_entries,
            )
        upper = rows < columns
        weights = None
        if weight is not None:
            weights = _networkx_weights(G, weight, rows.size, upper)
        n_loops = int(np.count_nonzero(rows == columns))
        _warn_self_loops(n_loops, "G")
        node_attrs = _networkx_node_attrs(G)
        return _assemble(
            rows[upper], columns[upper], weights, nodes, weight, node_attrs, graph_attrs=G.graph
        )

    @classmethod
    def from_edges(
        cls,
        sources: Any,
        targets: Any,
        weights: Any = None,
        *,
        nodes: Sequence[Any] | None = None,
        weight: str = "weight",
    ) -> "CSRGraph":
        """Build a graph from arrays of edge endpoints (vectorised).

        Parameters
        ----------
        sources, targets : array_like of shape (n_edges,)
            Node labels of the two ends of each edge (``sources[e]`` --
            ``targets[e]``; the graph is undirected, so the order within a
            pair does not matter).
        weights : array_like of shape (n_edges,), optional
            Weight of each edge: finite and >= 0.
        nodes : sequence, optional
            All node labels, in the order the graph keeps; labels listed here
            but on no edge become isolated nodes. Default: the labels in order
            of first appearance (``sources[0], targets[0], sources[1], ...``),
            as ``networkx.Graph(edges)`` orders them.
        weight : str, default="weight"
            Name of the edge attribute the weights stand for.

        Returns
        -------
        CSRGraph

        Raises
        ------
        InvalidParameterError
            If the arrays differ in length, a label is not in ``nodes``,
            ``nodes`` has duplicates, or a weight is negative, NaN or infinite.

        Warns
        -----
        NetsimWarning
            If there are self-loops, which are dropped (their count is given).

        Notes
        -----
        Duplicate edges, in either direction, are merged and the weight of the
        last one is kept, as ``networkx.Graph`` does. A counting sort builds
        the arrays in O(m log d_max) time in compiled code: millions of edges
        take a few seconds, and the graph holds little more than its arrays.

        Examples
        --------
        >>> import netsim
        >>> G = netsim.CSRGraph.from_edges([0, 1, 2], [1, 2, 0], [0.5, 1.0, 0.2])
        >>> G.n_nodes, G.n_edges
        (3, 3)
        >>> G.weights.tolist()
        [0.5, 0.2, 0.5, 1.0, 0.2, 1.0]
        """
        return build_graph(sources, targets, weights, nodes=nodes, weight=weight)

    @classmethod
    def read_edgelist(
        cls,
        path: str | os.PathLike[str],
        *,
        delimiter: str | None = None,
        comments: Sequence[str] = ("#", "%"),
        header_lines: int = 0,
        weight: str | None = None,
        nodetype: type = int,
    ) -> "CSRGraph":
        r"""Read an edge-list file such as SNAP, KONECT or Network Repository publish.

        Parameters
        ----------
        path : str or os.PathLike
            File with one edge a line: ``u v`` or, with ``weight``,
            ``u v w``. Plain text or gzip (detected from the content).
            Further columns are ignored.
        delimiter : str, optional
            Column separator; default: a comma if the first edge line has one,
            otherwise any run of spaces and tabs.
        comments : sequence of str, default=("#", "%")
            Lines starting with one of these are skipped, as are blank lines.
        header_lines : int, default=0
            Non-comment lines at the top that are not edges (a column header,
            a MatrixMarket size line).
        weight : str, optional
            Read the third column as edge weights under this attribute name.
        nodetype : {int, str}, default=int
            Type of the node labels.

        Returns
        -------
        CSRGraph
            Undirected: ``u v`` and ``v u`` are one edge (the last weight
            read wins). Nodes in order of first appearance, as
            ``networkx.read_edgelist`` gives them.

        Raises
        ------
        FileFormatError
            If a line does not parse; the message gives the file and line.
        InvalidParameterError
            If a weight is negative, NaN or infinite (the edge is named).

        Warns
        -----
        NetsimWarning
            If the file has self-loops, which are dropped.

        Examples
        --------
        >>> import gzip, os, tempfile
        >>> import netsim
        >>> path = os.path.join(tempfile.mkdtemp(), "ties.txt.gz")
        >>> with gzip.open(path, "wt") as f:
        ...     _ = f.write("# a comment\n1 2 0.5\n2 3 1.0\n3 1 0.25\n")
        >>> G = netsim.CSRGraph.read_edgelist(path, weight="trust")
        >>> G, list(G.nodes)
        (CSRGraph(n_nodes=3, n_edges=3, weighted=True), [1, 2, 3])
        """
        if weight is not None and not isinstance(weight, str):
            raise invalid("weight", "None or the name of an edge attribute (str)", weight)
        sources, targets, weights = read_edge_table(
            path,
            delimiter=delimiter,
            comments=comments,
            header_lines=header_lines,
            weighted=weight is not None,
            nodetype=nodetype,
        )
        return build_graph(sources, targets, weights, weight=weight or "weight")

    def positions(self, nodes: Any, *, name: str = "nodes") -> np.ndarray:
        """Return the row positions of node labels, refusing unknown or repeated ones.

        Parameters
        ----------
        nodes : node label or sequence of node labels
            One label of the graph, or a list-like of distinct labels.
        name : str, default="nodes"
            The argument name used in error messages (``"sources"``, ...).

        Returns
        -------
        ndarray of shape (len(nodes),), dtype int64
            ``self.nodes[positions]`` gives the labels back.

        Raises
        ------
        InvalidParameterError
            If a label is not a node of the graph, or appears twice.

        Examples
        --------
        >>> import networkx as nx
        >>> import netsim
        >>> csr = netsim.CSRGraph.from_networkx(nx.path_graph(["a", "b", "c"]))
        >>> csr.positions(["c", "a"]).tolist(), csr.positions("b").tolist()
        ([2, 0], [1])
        """
        single = isinstance(nodes, str | tuple) or not isinstance(nodes, Iterable)
        if isinstance(nodes, tuple) and nodes not in self._nodes:
            single = False
        labels = _node_index([nodes] if single else _label_array(name, nodes))
        found = self._nodes.get_indexer(labels) if len(labels) else np.empty(0, np.int64)
        if np.any(found < 0):
            missing = _python_scalar(labels[int(np.flatnonzero(found < 0)[0])])
            raise invalid(f"every label in {name}", "a node of G", missing)
        if not labels.is_unique:
            raise invalid(name, "distinct nodes", _python_scalar(labels[labels.duplicated()][0]))
        return found.astype(np.int64)

    def to_networkx(self) -> nx.Graph:
        """Return the graph as a networkx Graph.

        Returns
        -------
        networkx.Graph
            Nodes in :attr:`nodes` order with their attributes (missing values
            are left out), edges with :attr:`edge_attrs` and the weights under
            the attribute :attr:`weight`, and :attr:`graph_attrs` in ``G.graph``
            (a shallow copy).

        Examples
        --------
        >>> import networkx as nx
        >>> import netsim
        >>> G = nx.les_miserables_graph()
        >>> H = netsim.CSRGraph.from_networkx(G, weight="weight").to_networkx()
        >>> nx.utils.nodes_equal(G.nodes(data=True), H.nodes(data=True))
        True
        >>> nx.utils.edges_equal(G.edges(data=True), H.edges(data=True))
        True
        """
        G = nx.Graph()
        G.graph.update(self._graph_attrs)
        labels = self._nodes.tolist()
        columns = {name: values.tolist() for name, values in self._node_attrs.items()}
        G.add_nodes_from(
            (label, {name: values[i] for name, values in columns.items() if values[i] is not None})
            for i, label in enumerate(labels)
        )
        rows = self.rows
        upper = rows < self._indices
        ends = np.asarray(self._nodes, dtype=object)
        u = ends[rows[upper]].tolist()
        v = ends[self._indices[upper]].tolist()
        data = {name: values[upper].tolist() for name, values in self._edge_attrs.items()}
        if self._weights is not None:
            data[self._weight] = self._weights[upper].tolist()
        if not data:
            G.add_edges_from(zip(u, v, strict=True))
        else:
            names = list(data)
            G.add_edges_from(
                (a, b, dict(zip(names, values, strict=True)))
                for a, b, *values in zip(u, v, *data.values(), strict=True)
            )
        return G


def check_undirected(G: Any, *, caller: str) -> None:
    """Raise unless ``G`` is an undirected, simple networkx graph."""
    if not isinstance(G, nx.Graph):
        message = f"G must be a networkx graph or a netsim.CSRGraph; got {type(G).__name__}."
        raise TypeError(message)
    kind = type(G).__name__
    if G.is_directed():
        message = (
            f"{caller} needs an undirected graph; got a directed {kind}. "
            "Convert it with G.to_undirected() (or nx.Graph(G))."
        )
        raise UnsupportedGraphError(message)
    if G.is_multigraph():
        message = (
            f"{caller} needs a simple graph; got a {kind} (parallel edges). "
            "Collapse parallel edges with nx.Graph(G)."
        )
        raise UnsupportedGraphError(message)


def as_csr(G: Any, *, weight: str | None = None, caller: str) -> CSRGraph:
    """Return ``G`` as a CSRGraph, converting a networkx graph once."""
    if isinstance(G, CSRGraph):
        return G
    check_undirected(G, caller=caller)
    return CSRGraph.from_networkx(G, weight=weight)


def _caller_stacklevel() -> int:
    """Return the ``stacklevel`` that points a warning at the first frame outside netsim."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    frame = sys._getframe(1)
    level = 1
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(package):
        frame = frame.f_back
        level += 1
    return level


def _warn_self_loops(n_loops: int, where: str) -> None:
    """Warn that ``n_loops`` self-loops were dropped, pointing at the user's call."""
    if n_loops:
        message = (
            f"{where} has {n_loops} self-loop(s); they carry no meaning for spreading "
            "or shells and were dropped."
        )
        warnings.warn(message, NetsimWarning, stacklevel=_caller_stacklevel())


def _networkx_weights(G: nx.Graph, weight: str, n_entries: int, upper: np.ndarray) -> np.ndarray:
    """Return the weight of each upper-triangle entry, refusing bad ones by edge."""
    missing = float("nan")
    raw = chain.from_iterable(
        (data.get(weight, missing) for data in nbrs.values()) for nbrs in G._adj.values()
    )
    try:
        values = np.fromiter(raw, dtype=np.float64, count=n_entries)[upper]
    except (TypeError, ValueError):
        values = None
    if values is None or not np.all(np.isfinite(values) & (values >= 0)):
        for a, b, data in G.edges(data=True):
            if a == b:
                continue
            value = data.get(weight)
            if value is None:
                message = (
                    f"edge ({a!r}, {b!r}) has no {weight!r} attribute; "
                    f"every edge needs one when weight={weight!r}."
                )
                raise InvalidParameterError(message)
            _check_weight(value, a, b)
    return values


def _python_scalar(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _edge_labels(csr: CSRGraph, k: int) -> tuple[Any, Any]:
    """Return the node labels ``(u, v)`` of the stored direction ``k`` of ``csr``."""
    u = int(np.searchsorted(csr.indptr, k, side="right")) - 1
    return _python_scalar(csr.nodes[u]), _python_scalar(csr.nodes[int(csr.indices[k])])


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_weight(value: Any, a: Any, b: Any) -> None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not (np.isfinite(number) and number >= 0):
        raise invalid(f"the weight of edge ({a!r}, {b!r})", "a finite number >= 0", value)


def _networkx_node_attrs(G: nx.Graph) -> dict[str, np.ndarray]:
    names: dict[str, None] = {}
    for data in G._node.values():
        names.update(dict.fromkeys(data))
    return {name: _attribute_array([data.get(name) for data in G._node.values()]) for name in names}


def _aligned_attrs(node_attrs: Mapping[str, Any] | None, n_nodes: int) -> dict[str, np.ndarray]:
    arrays = {}
    for name, values in (node_attrs or {}).items():
        array = _attribute_array(list(values))
        if array.shape != (n_nodes,):
            raise invalid(
                f"node_attrs[{name!r}]",
                f"an array of {n_nodes} values",
                Described(f"{array.size} values"),
            )
        arrays[name] = array
    return arrays


def _assemble(
    u: np.ndarray,
    v: np.ndarray,
    weights: np.ndarray | None,
    nodes: pd.Index,
    weight: str | None,
    node_attrs: dict[str, np.ndarray],
    graph_attrs: Mapping[str, Any] | None = None,
) -> CSRGraph:
    """Run the CSR kernel on position arrays without self-loops and wrap the result."""
    w = np.empty(0) if weights is None else np.ascontiguousarray(weights, dtype=np.float64)
    indptr, indices, out_weights = _kernel.csr_from_edges(
        len(nodes),
        np.ascontiguousarray(u, dtype=np.int64),
        np.ascontiguousarray(v, dtype=np.int64),
        w,
    )
    return CSRGraph._trusted(
        indptr,
        indices,
        None if weights is None else out_weights,
        nodes,
        None if weights is None else weight,
        node_attrs,
        graph_attrs=graph_attrs,
    )


def _symmetric_edge_attrs(
    edge_attrs: Mapping[str, Any] | None, mirror: np.ndarray
) -> dict[str, np.ndarray]:
    """Return edge attribute arrays after checking their shape and symmetry."""
    arrays = {}
    for name, values in (edge_attrs or {}).items():
        array = np.asarray(values)
        if array.shape != mirror.shape:
            raise invalid(
                f"edge_attrs[{name!r}]",
                f"an array of {mirror.size} values, one per stored direction",
                Described(f"shape {array.shape}"),
            )
        if not np.array_equal(array[mirror], array):
            raise invalid(
                f"edge_attrs[{name!r}]",
                "equal in both directions of each edge",
                Described("asymmetric values"),
            )
        arrays[name] = array
    return arrays


def _first_appearance_codes(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return codes numbering labels in order of first appearance, as ``pd.factorize``.

    Integer labels in a compact range (the usual 0..n-1 ids) take a direct
    table in compiled code; anything else goes through pandas' hash table.
    """
    if labels.dtype.kind in "iu" and labels.size:
        low, high = int(labels.min()), int(labels.max())
        if high - low < max(4 * labels.size, 1 << 20) and high <= np.iinfo(np.int64).max:
            return _kernel.first_appearance_codes(labels.astype(np.int64), low, high - low + 1)
    return pd.factorize(labels)


def build_graph(
    sources: Any,
    targets: Any,
    weights: Any = None,
    *,
    nodes: Sequence[Any] | None = None,
    weight: str = "weight",
    node_attrs: Mapping[str, pd.Series | Mapping[Any, Any]] | None = None,
    self_loops: str = "warn",
) -> CSRGraph:
    """Build a CSRGraph from endpoint labels; see :meth:`CSRGraph.from_edges`.

    ``self_loops="drop"`` drops self-loops without a warning, for documented
    preprocessing (the packaged datasets); ``node_attrs`` maps an attribute
    name to values keyed by node label (nodes without one get None).
    """
    check_choice("self_loops", self_loops, ("warn", "drop"))
    if not isinstance(weight, str):
        raise invalid("weight", "the name of an edge attribute (str)", weight)
    ends = _label_array("sources", sources), _label_array("targets", targets)
    if ends[0].shape != ends[1].shape:
        raise invalid(
            "targets",
            f"as long as sources ({ends[0].size} labels)",
            Described(f"{ends[1].size} labels"),
        )
    n_edges = ends[0].size
    if nodes is None:
        same = ends[0].dtype == ends[1].dtype
        interleaved = np.empty(2 * n_edges, dtype=ends[0].dtype if same else object)
        interleaved[0::2] = ends[0]
        interleaved[1::2] = ends[1]
        codes, uniques = _first_appearance_codes(interleaved)
        labels = _node_index(uniques)
        u, v = codes[0::2], codes[1::2]
    else:
        labels = _node_index(_label_array("nodes", nodes))
        if not labels.is_unique:
            raise invalid("nodes", "unique labels", _python_scalar(labels[labels.duplicated()][0]))
        u, v = (labels.get_indexer(_node_index(end)) for end in ends)
    for name, end, code in (("sources", ends[0], u), ("targets", ends[1], v)):
        if np.any(code < 0):
            label = _python_scalar(end[int(np.flatnonzero(code < 0)[0])])
            constraint = "in nodes" if nodes is not None else "a node label (not missing)"
            raise invalid(f"every label in {name}", constraint, label)
    values = None
    if weights is not None:
        values = np.asarray(weights, dtype=np.float64)
        if values.shape != (n_edges,):
            raise invalid(
                "weights",
                f"an array of {n_edges} values, one per edge",
                Described(f"shape {values.shape}"),
            )
        bad = ~(np.isfinite(values) & (values >= 0))
        if np.any(bad):
            e = int(np.flatnonzero(bad)[0])
            _check_weight(values[e], _python_scalar(ends[0][e]), _python_scalar(ends[1][e]))
    loops = u == v
    n_loops = int(np.count_nonzero(loops))
    if n_loops:
        if self_loops == "warn":
            _warn_self_loops(n_loops, "the edge list")
        keep = ~loops
        u, v = u[keep], v[keep]
        values = None if values is None else values[keep]
    attrs = {}
    for name, mapping in (node_attrs or {}).items():
        series = mapping if isinstance(mapping, pd.Series) else pd.Series(mapping, dtype=object)
        aligned = series.astype(object).reindex(labels).tolist()
        attrs[name] = _attribute_array([None if _is_missing(x) else x for x in aligned])
    return _assemble(u, v, values, labels, weight, attrs)
