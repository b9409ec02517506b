"""CSRGraph against networkx: conversions, round trips and the input rules."""

import gzip

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import netsim
from netsim.exceptions import (
    FileFormatError,
    InvalidParameterError,
    NetsimWarning,
    UnsupportedGraphError,
)


def reference_adjacency(G, weight=None):
    """Adjacency of G by networkx/scipy, diagonal removed, in list(G) order."""
    A = nx.to_scipy_sparse_array(G, nodelist=list(G), weight=weight, format="lil")
    A.setdiag(0)
    A = A.tocsr()
    A.eliminate_zeros() if weight is None else None
    A.sort_indices()
    return A


def assert_same_graph(csr, G, weight=None):
    """CSR arrays, labels and weights equal networkx's for G."""
    assert list(csr.nodes) == list(G)
    assert csr.n_nodes == G.number_of_nodes()
    assert csr.n_edges == G.number_of_edges() - nx.number_of_selfloops(G)
    rows = np.repeat(np.arange(csr.n_nodes), np.diff(csr.indptr))
    np.testing.assert_array_equal(csr.rows, rows)
    got = {(int(r), int(c)) for r, c in zip(rows, csr.indices, strict=True)}
    position = {node: i for i, node in enumerate(G)}
    expected = set()
    for u, v in G.edges():
        if u != v:
            expected |= {(position[u], position[v]), (position[v], position[u])}
    assert got == expected
    for i in range(csr.n_nodes):
        row = csr.indices[csr.indptr[i] : csr.indptr[i + 1]]
        assert np.all(np.diff(row) > 0)
    if weight is not None:
        labels = list(G)
        for k, (r, c) in enumerate(zip(rows, csr.indices, strict=True)):
            assert csr.weights[k] == G.edges[labels[r], labels[c]][weight]


def test_from_networkx_equals_networkx_on_the_zoo(zoo_graph):
    csr = netsim.CSRGraph.from_networkx(zoo_graph)
    assert_same_graph(csr, zoo_graph)
    assert csr.weights is None
    assert csr.weight is None
    np.testing.assert_array_equal(csr.degrees, [d for _, d in zoo_graph.degree()])


def test_from_networkx_matches_scipy_adjacency():
    G = nx.karate_club_graph()
    csr = netsim.CSRGraph.from_networkx(G, weight="weight")
    A = reference_adjacency(G, weight="weight")
    np.testing.assert_array_equal(csr.indptr, A.indptr)
    np.testing.assert_array_equal(csr.indices, A.indices)
    np.testing.assert_array_equal(csr.weights, A.data)


def test_weighted_trust_graph_keeps_trust():
    G = nx.Graph()
    G.add_edge("ann", "ben", trust=0.5)
    G.add_edge("ben", "cy", trust=0.05)
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    assert csr.weight == "trust"
    assert_same_graph(csr, G, weight="trust")
    H = csr.to_networkx()
    assert H.edges["ben", "cy"] == {"trust": 0.05}


def test_round_trip_keeps_zoo_graphs(zoo_graph):
    H = netsim.CSRGraph.from_networkx(zoo_graph).to_networkx()
    assert list(H) == list(zoo_graph)
    assert nx.utils.edges_equal(H.edges(), zoo_graph.edges())
    assert dict(H.nodes(data=True)) == dict(zoo_graph.nodes(data=True))


def test_string_and_tuple_labels_survive_in_order():
    G = nx.Graph([(("b", 2), ("a", 1)), (("a", 1), (0, 0)), ("x", 3)])
    G.add_node((9, 9, 9))
    csr = netsim.CSRGraph.from_networkx(G)
    assert list(csr.nodes) == list(G)
    assert csr.nodes.name == "node"
    assert not isinstance(csr.nodes, type(G) if False else tuple)
    assert csr.nodes.nlevels == 1
    H = csr.to_networkx()
    assert list(H) == list(G)
    assert nx.utils.edges_equal(H.edges(), G.edges())


def test_index_arrays_are_int32_and_read_only():
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    assert csr.indptr.dtype == np.int32
    assert csr.indices.dtype == np.int32
    with pytest.raises(ValueError, match="read-only"):
        csr.indices[0] = 5
    with pytest.raises(AttributeError, match="immutable"):
        csr.nodes = None
    assert csr.nbytes == csr.indptr.nbytes + csr.indices.nbytes


def test_node_attributes_become_arrays_and_come_back():
    G = nx.Graph([(0, 1), (1, 2)])
    G.nodes[0].update(strategy="lion", group=3, active=True, score=0.5)
    G.nodes[1].update(strategy="organic", group=1, active=False, score=1.5)
    G.nodes[2].update(strategy="organic", group=2, active=True)
    csr = netsim.CSRGraph.from_networkx(G)
    assert csr.node_attrs["group"].dtype == np.int64
    assert csr.node_attrs["active"].dtype == bool
    assert csr.node_attrs["strategy"].tolist() == ["lion", "organic", "organic"]
    assert csr.node_attrs["score"].tolist() == [0.5, 1.5, None]
    H = csr.to_networkx()
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))


labels = st.one_of(
    st.integers(-5, 30),
    st.text(alphabet="abcxyz", min_size=1, max_size=3),
    st.tuples(st.integers(0, 3), st.text(alphabet="pq", max_size=2)),
)


@st.composite
def networkx_graphs(draw):
    nodes = draw(st.lists(labels, max_size=15, unique=True))
    G = nx.Graph()
    for node in nodes:
        attrs = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "group": st.integers(-3, 3),
                    "strategy": st.sampled_from(["lion", "organic"]),
                    "trust": st.floats(0, 1),
                },
            )
        )
        G.add_node(node, **attrs)
    if len(nodes) >= 1:
        pairs = st.tuples(st.sampled_from(nodes), st.sampled_from(nodes))
        for u, v in draw(st.lists(pairs, max_size=40)):
            if u != v:
                G.add_edge(u, v, weight=draw(st.floats(0, 10, allow_nan=False)))
    return G


@settings(deadline=None, max_examples=150)
@given(networkx_graphs())
def test_round_trip_networkx_csr_networkx(G):
    csr = netsim.CSRGraph.from_networkx(G, weight="weight")
    assert_same_graph(csr, G, weight="weight")
    H = csr.to_networkx()
    assert list(H) == list(G)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert nx.utils.edges_equal(H.edges(data="weight"), G.edges(data="weight"))


@settings(deadline=None, max_examples=150)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 12), st.floats(0, 5)),
        max_size=60,
    )
)
def test_from_edges_equals_networkx_graph_built_in_the_same_order(edges):
    G = nx.Graph()
    G.add_weighted_edges_from(edges)
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    u, v, w = (np.array(column) for column in zip(*edges, strict=True)) if edges else ([], [], [])
    n_loops = sum(a == b for a, b, _ in edges)
    if n_loops:
        with pytest.warns(NetsimWarning, match=f"{n_loops} self-loop"):
            csr = netsim.CSRGraph.from_edges(u, v, w)
    else:
        csr = netsim.CSRGraph.from_edges(u, v, w)
    assert_same_graph(csr, G, weight="weight")


def test_from_edges_keeps_the_last_weight_of_duplicates_in_either_direction():
    csr = netsim.CSRGraph.from_edges([1, 2, 1], [2, 1, 3], [0.1, 0.7, 0.3])
    G = csr.to_networkx()
    assert G.edges[1, 2]["weight"] == 0.7
    assert csr.n_edges == 2


def test_from_edges_with_nodes_keeps_isolated_nodes_and_their_order():
    csr = netsim.CSRGraph.from_edges(["b", "c"], ["a", "a"], nodes=["c", "z", "a", "b"])
    assert list(csr.nodes) == ["c", "z", "a", "b"]
    assert csr.degrees.tolist() == [1, 0, 2, 1]


def test_from_edges_with_tuple_labels():
    sources = [(0, 0), (0, 1)]
    targets = [(0, 1), (1, 1)]
    csr = netsim.CSRGraph.from_edges(sources, targets)
    assert list(csr.nodes) == [(0, 0), (0, 1), (1, 1)]
    assert csr.n_edges == 2


def test_empty_graphs_are_kept():
    csr = netsim.CSRGraph.from_edges([], [])
    assert (csr.n_nodes, csr.n_edges) == (0, 0)
    assert csr.indptr.tolist() == [0]
    assert netsim.CSRGraph.from_networkx(nx.Graph()).to_networkx().number_of_nodes() == 0
    lonely = netsim.CSRGraph.from_edges([], [], nodes=[4, 2])
    assert lonely.degrees.tolist() == [0, 0]
    assert list(lonely.to_networkx()) == [4, 2]


def test_constructor_accepts_valid_arrays():
    csr = netsim.CSRGraph([0, 1, 3, 4], [1, 0, 2, 1], [2.0, 2.0, 0.5, 0.5], nodes="xyz")
    assert list(csr.nodes) == ["x", "y", "z"]
    assert csr.weight == "weight"
    assert nx.utils.edges_equal(
        csr.to_networkx().edges(data="weight"), [("x", "y", 2.0), ("y", "z", 0.5)]
    )


@pytest.mark.parametrize(
    ("indptr", "indices", "weights", "message"),
    [
        ([0, 1, 2], [1, 1], None, "free of self-loops"),
        ([0, 2, 3, 4], [2, 1, 0, 0], None, "strictly increasing"),
        ([0, 1, 1], [1], None, "symmetric"),
        ([0, 1, 4], [1, 0, 1], None, "ending at len"),
        ([0, 1, 2], [1, 5], None, r"node positions in \[0, 2\)"),
        ([0, 1, 2], [1, 0], [1.0, 2.0], "equal in both directions"),
        ([0, 1, 2], [1, 0], [-1.0, -1.0], "finite and >= 0"),
        ([0, 1, 2], [1, 0], [1.0], r"shape \(2,\)"),
    ],
)
def test_constructor_refuses_arrays_that_break_the_invariants(indptr, indices, weights, message):
    with pytest.raises(InvalidParameterError, match=message):
        netsim.CSRGraph(indptr, indices, weights)


def test_edge_and_graph_attributes_come_back_in_networkx():
    origin = ["intro", "intro", "cold", "cold"]
    csr = netsim.CSRGraph(
        [0, 1, 3, 4],
        [1, 0, 2, 1],
        [0.3, 0.3, 0.05, 0.05],
        weight="trust",
        edge_attrs={"origin": origin, "created": [1, 1, 4, 4]},
        graph_attrs={"name": "toy"},
    )
    assert csr.edge_attrs["origin"].tolist() == origin
    G = csr.to_networkx()
    assert G.graph == {"name": "toy"}
    assert sorted(G.edges(data=True)) == [
        (0, 1, {"origin": "intro", "created": 1, "trust": 0.3}),
        (1, 2, {"origin": "cold", "created": 4, "trust": 0.05}),
    ]
    with pytest.raises(TypeError):
        csr.graph_attrs["name"] = "changed"
    with pytest.raises(ValueError, match="read-only"):
        csr.edge_attrs["created"][0] = 7


def test_from_networkx_copies_graph_attributes_but_not_other_edge_attributes():
    G = nx.path_graph(3)
    G.graph["name"] = "path"
    G.edges[0, 1]["origin"] = "intro"
    csr = netsim.CSRGraph.from_networkx(G)
    assert dict(csr.graph_attrs) == {"name": "path"}
    assert dict(csr.edge_attrs) == {}
    G.graph["name"] = "changed"
    assert csr.graph_attrs["name"] == "path"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1, 2], r"edge_attrs\['created'\] must be an array of 4 values"),
        ([1, 1, 2, 3], "equal in both"),
    ],
)
def test_constructor_refuses_bad_edge_attributes(values, message):
    with pytest.raises(InvalidParameterError, match=message):
        netsim.CSRGraph([0, 1, 3, 4], [1, 0, 2, 1], edge_attrs={"created": values})


def test_constructor_refuses_duplicate_labels():
    with pytest.raises(InvalidParameterError, match="nodes must be unique; got 'a'"):
        netsim.CSRGraph([0, 1, 2], [1, 0], nodes=["a", "a"])


# --- the input rules -------------------------------------------------------


def test_directed_graph_is_refused_with_a_hint():
    with pytest.raises(UnsupportedGraphError, match=r"directed DiGraph.*G\.to_undirected\(\)"):
        netsim.CSRGraph.from_networkx(nx.DiGraph([(0, 1)]))


def test_multigraph_is_refused_with_a_hint():
    with pytest.raises(UnsupportedGraphError, match=r"MultiGraph.*nx\.Graph\(G\)"):
        netsim.CSRGraph.from_networkx(nx.MultiGraph([(0, 1), (0, 1)]))


def test_directed_and_multigraph_errors_are_type_errors():
    with pytest.raises(TypeError):
        netsim.CSRGraph.from_networkx(nx.MultiDiGraph([(0, 1)]))


def test_non_graph_is_refused():
    with pytest.raises(
        TypeError, match=r"G must be a networkx graph or a netsim\.CSRGraph; got list"
    ):
        netsim.CSRGraph.from_networkx([(0, 1)])


def test_self_loops_are_dropped_with_a_warning_giving_their_count():
    G = nx.Graph([(0, 0), (0, 1), (2, 2)])
    with pytest.warns(NetsimWarning, match="G has 2 self-loop"):
        csr = netsim.CSRGraph.from_networkx(G)
    assert csr.n_edges == 1
    assert csr.n_nodes == 3
    with pytest.warns(NetsimWarning, match="1 self-loop"):
        netsim.CSRGraph.from_edges([5, 5], [5, 6])


def test_self_loop_warning_points_at_the_callers_line():
    with pytest.warns(NetsimWarning) as record:
        netsim.CSRGraph.from_edges([1], [1])
    assert record[0].filename == __file__


@pytest.mark.parametrize("bad", [-0.5, float("nan"), float("inf")])
def test_bad_networkx_weights_are_refused_naming_the_edge(bad):
    G = nx.Graph()
    G.add_edge("a", "b", weight=1.0)
    G.add_edge("b", "c", weight=bad)
    with pytest.raises(
        InvalidParameterError, match=r"weight of edge \('b', 'c'\) must be a finite number >= 0"
    ):
        netsim.CSRGraph.from_networkx(G, weight="weight")


def test_missing_weight_attribute_is_refused_naming_the_edge():
    G = nx.Graph()
    G.add_edge(1, 2, trust=0.5)
    G.add_edge(2, 3)
    with pytest.raises(InvalidParameterError, match=r"edge \(2, 3\) has no 'trust' attribute"):
        netsim.CSRGraph.from_networkx(G, weight="trust")


def test_non_numeric_weight_is_refused_naming_the_edge():
    G = nx.Graph()
    G.add_edge(1, 2, weight="heavy")
    with pytest.raises(InvalidParameterError, match=r"edge \(1, 2\).*got 'heavy'"):
        netsim.CSRGraph.from_networkx(G, weight="weight")


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("-inf")])
def test_bad_edge_array_weights_are_refused_naming_the_edge(bad):
    with pytest.raises(
        InvalidParameterError, match=r"weight of edge \(7, 8\) must be a finite number >= 0"
    ):
        netsim.CSRGraph.from_edges([1, 7], [2, 8], [1.0, bad])


def test_from_edges_argument_errors():
    with pytest.raises(InvalidParameterError, match="targets must be as long as sources"):
        netsim.CSRGraph.from_edges([1, 2], [3])
    with pytest.raises(InvalidParameterError, match="weights must be an array of 2 values"):
        netsim.CSRGraph.from_edges([1, 2], [3, 4], [1.0])
    with pytest.raises(
        InvalidParameterError, match="every label in targets must be in nodes; got 9"
    ):
        netsim.CSRGraph.from_edges([1, 2], [3, 9], nodes=[1, 2, 3])
    with pytest.raises(InvalidParameterError, match="nodes must be unique labels; got 2"):
        netsim.CSRGraph.from_edges([1], [2], nodes=[1, 2, 2])
    with pytest.raises(InvalidParameterError, match="every label in sources must be a node label"):
        netsim.CSRGraph.from_edges([1.0, np.nan], [2.0, 3.0])


# --- edge-list files -------------------------------------------------------


def write(path, text, compress=False):
    opener = gzip.open if compress else open
    with opener(path, "wt") as handle:
        handle.write(text)
    return path


@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize(
    "separator", [" ", "\t", ",", "  "], ids=["space", "tab", "comma", "spaces"]
)
def test_read_edgelist_equals_networkx(tmp_path, separator, compress):
    rows = [(3, 1), (1, 2), (2, 3), (4, 2), (2, 1)]
    text = "# SNAP header\n% a MatrixMarket-style comment\n\n"
    text += "\n".join(separator.join(map(str, row)) for row in rows) + "\n"
    path = write(tmp_path / ("edges.txt.gz" if compress else "edges.txt"), text, compress)
    csr = netsim.CSRGraph.read_edgelist(path)
    G = nx.parse_edgelist(
        [line.replace(",", " ") for line in text.splitlines() if line[:1].isdigit()], nodetype=int
    )
    assert_same_graph(csr, G)


def test_read_edgelist_weights_header_and_comments_between_edges(tmp_path):
    text = "% sizes follow\n3 3 3\n1 2 0.5\n# comment in the middle\n2 3 1.0 extra\n3 1 0.25\n"
    path = write(tmp_path / "w.mtx", text)
    csr = netsim.CSRGraph.read_edgelist(path, header_lines=1, weight="trust")
    G = nx.Graph()
    G.add_weighted_edges_from([(1, 2, 0.5), (2, 3, 1.0), (3, 1, 0.25)], weight="trust")
    assert csr.weight == "trust"
    assert_same_graph(csr, G, weight="trust")


def test_read_edgelist_string_labels(tmp_path):
    path = write(tmp_path / "names.csv", "source,target\nann,ben\nben,cy\n")
    csr = netsim.CSRGraph.read_edgelist(path, header_lines=1, nodetype=str)
    assert list(csr.nodes) == ["ann", "ben", "cy"]


def test_read_edgelist_empty_file(tmp_path):
    path = write(tmp_path / "empty.txt", "# nothing here\n")
    assert netsim.CSRGraph.read_edgelist(path).n_nodes == 0


def test_read_edgelist_drops_self_loops_with_a_warning(tmp_path):
    path = write(tmp_path / "loops.txt", "1 1\n1 2\n")
    with pytest.warns(NetsimWarning, match="1 self-loop"):
        csr = netsim.CSRGraph.read_edgelist(path)
    assert csr.n_edges == 1


@pytest.mark.parametrize(
    ("text", "line", "kwargs"),
    [
        ("1 2\n2 x\n", 2, {}),
        ("# c\n1 2\n\n3\n", 4, {}),
        ("1 2 0.5\n2 3 heavy\n", 2, {"weight": "weight"}),
        ("1 2\n2 3\n", 1, {"weight": "weight"}),
        ("1 2\n2 3.5\n", 2, {}),
    ],
    ids=["label", "one-column", "weight", "missing-weight", "float-label"],
)
def test_read_edgelist_names_file_and_line_that_does_not_parse(tmp_path, text, line, kwargs):
    path = write(tmp_path / "bad.txt", text)
    with pytest.raises(FileFormatError, match=rf"line {line} of .*bad\.txt must be an edge"):
        netsim.CSRGraph.read_edgelist(path, **kwargs)


def test_read_edgelist_refuses_negative_weights_naming_the_edge(tmp_path):
    path = write(tmp_path / "neg.txt", "1 2 0.5\n2 3 -1\n")
    with pytest.raises(InvalidParameterError, match=r"weight of edge \(2, 3\)"):
        netsim.CSRGraph.read_edgelist(path, weight="weight")


def test_read_edgelist_argument_errors(tmp_path):
    path = write(tmp_path / "ok.txt", "1 2\n")
    with pytest.raises(
        InvalidParameterError, match="nodetype must be int or str; got <class 'float'>"
    ):
        netsim.CSRGraph.read_edgelist(path, nodetype=float)
    with pytest.raises(InvalidParameterError, match="delimiter must be None"):
        netsim.CSRGraph.read_edgelist(path, delimiter="::")
    with pytest.raises(InvalidParameterError, match="header_lines must be an int >= 0; got -1"):
        netsim.CSRGraph.read_edgelist(path, header_lines=-1)
    with pytest.raises(FileNotFoundError):
        netsim.CSRGraph.read_edgelist(tmp_path / "missing.txt")


def test_self_loop_warning_from_a_public_function_points_at_the_callers_line():
    G = nx.Graph([(0, 0), (0, 1)])
    with pytest.warns(NetsimWarning) as record:
        netsim.core_number(G)
    assert record[0].filename == __file__
    with pytest.warns(NetsimWarning) as record:
        netsim.CSRGraph.from_networkx(G)
    assert record[0].filename == __file__
