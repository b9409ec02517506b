"""Tests of netsim.datasets: every packaged file loads as networkx reads it.

The reference reading of each file is written here from the file formats
(``nx.parse_edgelist`` on the decompressed lines, into an undirected
``nx.Graph``, self-loops removed) and shares no code with netsim's reader.
Only the packaged copies inside netsim are read.
"""

import dataclasses
import functools
import gzip
import importlib.resources
import re

import networkx as nx
import numpy as np
import pytest

import netsim
from netsim.datasets import _load, _registry
from netsim.exceptions import FileFormatError, InvalidParameterError

DATA = importlib.resources.files("netsim.datasets") / "data"

# name: (file, directed source, weight attribute, node attributes)
EXPECTED = {
    "advogato": ("advogato.edges.gz", True, "trust", ()),
    "ca-grqc": ("ca-GrQc.txt.gz", False, None, ()),
    "ca-hepth": ("ca-HepTh.txt.gz", False, None, ()),
    "email-eu-core": ("email-Eu-core.txt.gz", True, None, ("department",)),
    "email-univ": ("ia-email-univ.mtx.gz", False, None, ()),
    "facebook": ("facebook_combined.txt.gz", False, None, ()),
    "github": ("musae_git_edges.csv.gz", False, None, ()),
    "hamsterster": ("hamsterster.edges.gz", False, None, ()),
    "jazz": ("jazz.edges.gz", False, None, ()),
    "physicians": ("physicians.edges.gz", True, None, ()),
}
NAMES = sorted(EXPECTED)
LABELS_FILE = "email-Eu-core-department-labels.txt.gz"
TRUST_LEVELS = {0.6, 0.8, 1.0}


def _lines(filename):
    """Return the decompressed lines of a packaged file."""
    with (DATA / filename).open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return text.read().splitlines()


def _edge_lines(name):
    """Return the edge rows of a data set's file and their delimiter."""
    lines = _lines(EXPECTED[name][0])
    if name == "email-univ":  # MatrixMarket: '%' banner, then the size line
        assert lines[0].startswith("%")
        assert lines[1].split() == ["1133", "1133", "5451"]
        return lines[2:], None
    if name == "github":  # CSV header
        assert lines[0] == "id_1,id_2"
        return lines[1:], ","
    return lines, None


@functools.cache
def reference_graph(name):
    """Read a data set with networkx alone: undirected, self-loops removed.

    Cached; callers must not modify the graph.
    """
    lines, delimiter = _edge_lines(name)
    G = nx.parse_edgelist(lines, comments="#", delimiter=delimiter, nodetype=int, data=False)
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    if name == "advogato":
        for (u, v), trust in reference_advogato_trust().items():
            G.edges[u, v]["trust"] = trust
    return G


@functools.cache
def reference_advogato_trust():
    """Return {(u, v): trust} with the higher level of the two directions."""
    D = nx.parse_edgelist(
        _lines("advogato.edges.gz"), nodetype=int, data=[("trust", float)], create_using=nx.DiGraph
    )
    trust = {}
    for u, v, level in D.edges(data="trust"):
        if u == v:
            continue
        back = D.edges[v, u]["trust"] if D.has_edge(v, u) else -1.0
        trust[min(u, v), max(u, v)] = max(level, back)
    return trust


def _edge_pairs(G):
    """Return the edges of G as sorted (min, max) rows, lexicographically ordered."""
    pairs = np.array(list(G.edges()), dtype=np.int64).reshape(-1, 2)
    pairs.sort(axis=1)
    return pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]


@functools.cache
def reference_edge_pairs(name):
    pairs = _edge_pairs(reference_graph(name))
    pairs.flags.writeable = False
    return pairs


def test_names_lists_every_dataset_sorted():
    assert netsim.datasets.names() == NAMES
    assert netsim.datasets.names() is not netsim.datasets.names()


def test_public_api_is_explicit():
    assert sorted(netsim.datasets.__all__) == ["info", "load", "load_csr", "names"]


@pytest.mark.parametrize("name", NAMES)
def test_info_describes_the_dataset(name):
    record = netsim.datasets.info(name)
    file, directed, weight, node_attributes = EXPECTED[name]
    G = reference_graph(name)
    assert record["name"] == name
    assert record["file"] == file
    assert record["n_nodes"] == G.number_of_nodes()
    assert record["n_edges"] == G.number_of_edges()
    assert record["directed_source"] is directed
    assert record["weighted"] is (weight is not None)
    assert record["weight"] == weight
    assert record["node_attributes"] == node_attributes
    assert record["node_attribute_file"] == (LABELS_FILE if node_attributes else None)
    for key in ("title", "description", "citation", "licence", "source"):
        assert isinstance(record[key], str)
        assert record[key].strip()
    assert (DATA / file).is_file()


def test_info_returns_a_fresh_dict():
    record = netsim.datasets.info("jazz")
    record["n_nodes"] = -1
    assert netsim.datasets.info("jazz")["n_nodes"] == 198


def test_known_counts_from_the_publishers():
    # Published counts, where the published graph is the one netsim loads.
    facebook = netsim.datasets.info("facebook")
    assert (facebook["n_nodes"], facebook["n_edges"]) == (4039, 88234)
    assert netsim.datasets.info("email-univ")["n_edges"] == 5451
    assert netsim.datasets.info("github")["n_edges"] == 289003
    # SNAP counts self-loops as edges: 16,706 undirected, 642 of them loops.
    assert netsim.datasets.info("email-eu-core")["n_edges"] == 16706 - 642
    assert netsim.datasets.info("ca-grqc")["n_edges"] == 14496 - 12
    assert netsim.datasets.info("ca-hepth")["n_edges"] == 25998 - 25


def test_every_packaged_file_is_used_and_documented():
    files = {entry.name for entry in DATA.iterdir() if entry.name.endswith(".gz")}
    used = {record[0] for record in EXPECTED.values()} | {LABELS_FILE}
    assert files == used
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for file in files:
        assert f"`{file}`" in readme
    for name in NAMES:
        assert f"`{name}`" in readme


@pytest.mark.parametrize("name", NAMES)
def test_load_matches_networkx_reading(name):
    G = netsim.datasets.load(name)
    expected = reference_graph(name)
    assert type(G) is nx.Graph
    assert list(G) == list(expected)  # order of first appearance
    assert G.number_of_edges() == expected.number_of_edges()
    np.testing.assert_array_equal(_edge_pairs(G), reference_edge_pairs(name))
    assert nx.number_of_selfloops(G) == 0


@pytest.mark.parametrize("name", ["jazz", "advogato", "email-eu-core", "physicians"])
@pytest.mark.parametrize("largest_component", [False, True])
def test_load_equals_load_csr_to_networkx(name, largest_component):
    csr = netsim.datasets.load_csr(name, largest_component=largest_component)
    G = netsim.datasets.load(name, largest_component=largest_component)
    assert isinstance(csr, netsim.CSRGraph)
    H = csr.to_networkx()
    assert list(G) == list(H) == list(csr.nodes)
    assert nx.utils.graphs_equal(G, H)
    assert csr.weight == EXPECTED[name][2]
    assert (csr.weights is None) is (EXPECTED[name][2] is None)
    assert sorted(csr.node_attrs) == sorted(EXPECTED[name][3])


@pytest.mark.parametrize("name", [name for name in NAMES if EXPECTED[name][2] is None])
def test_unweighted_datasets_have_no_edge_attributes(name):
    csr = netsim.datasets.load_csr(name)
    assert csr.weights is None
    assert csr.weight is None


def test_advogato_trust_is_the_higher_of_the_two_directions():
    G = netsim.datasets.load("advogato")
    expected = reference_advogato_trust()
    got = {(min(u, v), max(u, v)): trust for u, v, trust in G.edges(data="trust")}
    assert got == expected
    assert set(got.values()) == TRUST_LEVELS
    # The rule matters: some pairs certify each other at different levels,
    # and there the lower level (whichever row comes last) is not kept.
    D = nx.parse_edgelist(
        _lines("advogato.edges.gz"), nodetype=int, data=[("trust", float)], create_using=nx.DiGraph
    )
    differing = [
        (u, v)
        for u, v, t in D.edges(data="trust")
        if u != v and D.has_edge(v, u) and D.edges[v, u]["trust"] != t
    ]
    assert len(differing) > 0
    for u, v in differing:
        assert G.edges[u, v]["trust"] == max(D.edges[u, v]["trust"], D.edges[v, u]["trust"])


def test_email_eu_core_departments_match_the_labels_file():
    labels = {}
    for line in _lines(LABELS_FILE):
        node, department = line.split()
        labels[int(node)] = int(department)
    G = netsim.datasets.load("email-eu-core")
    got = nx.get_node_attributes(G, "department")
    assert got == labels
    assert all(type(value) is int for value in got.values())
    assert len(set(got.values())) == 42
    csr = netsim.datasets.load_csr("email-eu-core")
    departments = csr.node_attrs["department"]
    assert departments.dtype == np.int64
    assert departments.tolist() == [labels[node] for node in csr.nodes]


@pytest.mark.parametrize("name", NAMES)
def test_largest_component_matches_networkx(name):
    G = netsim.datasets.load(name, largest_component=True)
    reference = reference_graph(name)
    largest = max(nx.connected_components(reference), key=len)
    assert nx.is_connected(G)
    assert G.number_of_nodes() == len(largest)
    assert list(G) == [node for node in reference if node in largest]  # order kept
    pairs = reference_edge_pairs(name)
    inside = np.isin(pairs[:, 0], np.fromiter(largest, dtype=np.int64))
    np.testing.assert_array_equal(_edge_pairs(G), pairs[inside])


def test_largest_component_keeps_attributes():
    G = netsim.datasets.load("advogato", largest_component=True)
    expected = reference_advogato_trust()
    assert all(expected[min(u, v), max(u, v)] == trust for u, v, trust in G.edges(data="trust"))
    H = netsim.datasets.load("email-eu-core", largest_component=True)
    full = netsim.datasets.load("email-eu-core")
    assert all(H.nodes[node]["department"] == full.nodes[node]["department"] for node in H)


def _patch_dataset(monkeypatch, tmp_path, text, **changes):
    """Point the 'jazz' entry at a gzip file in tmp_path holding ``text``."""
    path = tmp_path / "patched.edges.gz"
    with gzip.open(path, "wt") as handle:
        handle.write(text)
    entry = dataclasses.replace(_registry.DATASETS["jazz"], file=path.name, **changes)
    monkeypatch.setitem(_registry.DATASETS, "jazz", entry)
    monkeypatch.setattr(_load, "_data_file", lambda filename: tmp_path / filename)
    return path


def test_largest_component_tie_goes_to_the_earliest_node(monkeypatch, tmp_path):
    # Three components of two nodes each; the one holding the first node wins.
    _patch_dataset(monkeypatch, tmp_path, "7 8\n1 2\n3 4\n", n_nodes=6, n_edges=3)
    G = netsim.datasets.load("jazz", largest_component=True)
    assert list(G) == [7, 8]
    assert list(G.edges()) == [(7, 8)]


def test_unknown_name_suggests_the_closest(monkeypatch):
    with pytest.raises(
        InvalidParameterError,
        match=r"name must be one of .*; got 'facebok'\. Did you mean 'facebook'\?",
    ):
        netsim.datasets.load("facebok")
    with pytest.raises(InvalidParameterError, match=r"Did you mean 'email-eu-core'\?"):
        netsim.datasets.info("email-Eu-core")
    with pytest.raises(InvalidParameterError, match=r"name must be one of .*; got 'karate'\.$"):
        netsim.datasets.load_csr("karate")
    with pytest.raises(InvalidParameterError, match=r"name must be one of .*; got 3\."):
        netsim.datasets.load(3)


def test_largest_component_must_be_a_bool():
    with pytest.raises(TypeError, match=r"largest_component must be a bool; got int\."):
        netsim.datasets.load("jazz", largest_component=1)


def test_changed_counts_are_reported_as_damage(monkeypatch):
    entry = dataclasses.replace(_registry.DATASETS["jazz"], n_edges=2743)
    monkeypatch.setitem(_registry.DATASETS, "jazz", entry)
    message = (
        r"dataset 'jazz': file 'jazz\.edges\.gz' must give 198 nodes and 2743 edges; "
        r"got 198 nodes and 2742 edges\. The packaged file looks damaged; reinstall netsim\."
    )
    with pytest.raises(FileFormatError, match=message):
        netsim.datasets.load("jazz")


def test_truncated_file_is_reported_as_damage(monkeypatch, tmp_path):
    rows = _lines("jazz.edges.gz")[:1000]
    expected = nx.parse_edgelist(rows, nodetype=int, data=False)
    _patch_dataset(monkeypatch, tmp_path, "\n".join(rows) + "\n")
    message = (
        rf"dataset 'jazz': file 'patched\.edges\.gz' must give 198 nodes and 2742 edges; "
        rf"got {expected.number_of_nodes()} nodes and 1000 edges\. .*reinstall netsim"
    )
    with pytest.raises(FileFormatError, match=message):
        netsim.datasets.load_csr("jazz")


def test_unreadable_file_is_reported_as_damage(monkeypatch, tmp_path):
    path = _patch_dataset(monkeypatch, tmp_path, "\n".join(_lines("jazz.edges.gz")) + "\n")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut inside the gzip stream
    with pytest.raises(
        FileFormatError, match=r"dataset 'jazz': .*unreadable file.*reinstall netsim"
    ) as caught:
        netsim.datasets.load("jazz")
    assert re.search(r"198 nodes and 2742 edges", str(caught.value))


def test_missing_file_is_reported_as_damage(monkeypatch, tmp_path):
    path = _patch_dataset(monkeypatch, tmp_path, "1 2\n")
    path.unlink()
    with pytest.raises(
        FileFormatError, match=r"dataset 'jazz': file 'patched\.edges\.gz'.*reinstall netsim"
    ):
        netsim.datasets.load("jazz")


def test_missing_department_is_reported_as_damage(monkeypatch, tmp_path):
    path = tmp_path / "labels.txt.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("\n".join(_lines(LABELS_FILE)[:-3]) + "\n")
    entry = dataclasses.replace(_registry.DATASETS["email-eu-core"], node_attribute_file=path.name)
    monkeypatch.setitem(_registry.DATASETS, "email-eu-core", entry)
    real = _load._data_file
    monkeypatch.setattr(
        _load,
        "_data_file",
        lambda filename: tmp_path / filename if filename == path.name else real(filename),
    )
    message = r"dataset 'email-eu-core': file 'labels\.txt\.gz'.*no 'department' for 3 of them"
    with pytest.raises(FileFormatError, match=message):
        netsim.datasets.load("email-eu-core")
