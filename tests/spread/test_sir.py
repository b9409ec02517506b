"""netsim.spread.simulate and epidemic_curves: lockstep reference, API contract, errors.

The exact laws on tiny graphs are in test_sir_laws.py and the hypothesis
properties in test_sir_properties.py.
"""

import subprocess
import sys
import textwrap

import networkx as nx
import numba
import numpy as np
import pandas as pd
import pytest
from graph_zoo import ZOO
from reference.sir import mean_trust, node_positions, sir_runs

import netsim
from netsim._kernels import sir as sir_kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence
from netsim.exceptions import InvalidParameterError, UnsupportedGraphError
from netsim.spread import epidemic_curves, epidemic_threshold, simulate

NONEMPTY = sorted(name for name in ZOO if name != "empty")
FUNCTIONS = [simulate, epidemic_curves]


def with_trust(G):
    """G with a deterministic 'trust' in (0, 1] on every edge (kept where present)."""
    G = G.copy()
    position = node_positions(G)
    for u, v, data in G.edges(data=True):
        i, j = sorted((position[u], position[v]))
        data.setdefault("trust", 0.05 + 0.9 * ((7 * i + 3 * j) % 11) / 10)
    return G


def sources_of(G, count):
    """The first ``count`` nodes of G, in an order that is not sorted by position."""
    return list(G)[:count][::-1]


def key_of(seed):
    return tuple(int(word) for word in kernel_key(seed_sequence(seed)))


def curves_as_lists(frame):
    return [
        [tuple(int(x) for x in row) for row in group[["S", "I", "R"]].to_numpy()]
        for _, group in frame.groupby(level="run", sort=True)
    ]


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


# --- lockstep: kernel == pure-Python reference on the networkx graph, draw for draw -------


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize("transmission", ["contact", "trust"])
@pytest.mark.parametrize("mu", [1.0, 0.6])
@pytest.mark.parametrize("seed", [3, 2010])
def test_sizes_and_curves_equal_the_lockstep_reference(name, transmission, mu, seed):
    G = with_trust(ZOO[name]())
    n_sources = 1 if seed == 3 else min(2, G.number_of_nodes())
    sources = sources_of(G, n_sources)
    beta = 0.45
    options = {"beta": beta, "mu": mu, "transmission": transmission}
    sizes = simulate(G, "sir", sources=sources, n_runs=25, seed=seed, **options)
    curves = epidemic_curves(G, "sir", sources=sources, n_runs=25, seed=seed, **options)
    key0, key1 = key_of(seed)
    stream = min(node_positions(G)[s] for s in sources)
    expected_sizes, expected_curves = sir_runs(
        G, sources, n_runs=25, key0=key0, key1=key1, stream=stream, **options
    )
    assert sizes.tolist() == expected_sizes
    assert curves_as_lists(curves) == expected_curves


@pytest.mark.parametrize("beta", [0.0, 1.0, 1e-300, 0.999999])
@pytest.mark.parametrize("mu", [1.0, 0.3])
def test_extreme_beta_equals_the_lockstep_reference(beta, mu):
    G = nx.karate_club_graph()
    sizes = simulate(G, "sir", sources=[5, 20], n_runs=20, beta=beta, mu=mu, seed=8)
    key0, key1 = key_of(8)
    expected, _ = sir_runs(G, [5, 20], n_runs=20, key0=key0, key1=key1, stream=5, beta=beta, mu=mu)
    assert sizes.tolist() == expected


@pytest.mark.parametrize("beta", [0.003, 0.02, 0.2])
def test_long_geometric_skips_equal_the_lockstep_reference(beta):
    """A hub of degree 400 makes skips longer than the table's linear scan."""
    G = nx.star_graph(400)
    G.add_edges_from((i, i + 1) for i in range(1, 400, 2))
    sizes = simulate(G, "sir", sources=[0], n_runs=40, beta=beta, mu=0.5, seed=6)
    key0, key1 = key_of(6)
    expected, _ = sir_runs(G, [0], n_runs=40, key0=key0, key1=key1, stream=0, beta=beta, mu=0.5)
    assert sizes.tolist() == expected
    assert len(set(expected)) > 5


def test_trust_with_explicit_w_ref_equals_the_lockstep_reference():
    G = with_trust(ZOO["batagelj_zaversnik"]())
    options = {"beta": 0.3, "mu": 0.8, "transmission": "trust", "w_ref": 0.2}
    sizes = simulate(G, "sir", sources=[9], n_runs=30, seed=4, **options)
    key0, key1 = key_of(4)
    stream = node_positions(G)[9]
    expected, _ = sir_runs(G, [9], n_runs=30, key0=key0, key1=key1, stream=stream, **options)
    assert sizes.tolist() == expected
    assert sizes.attrs["w_ref"] == 0.2


def test_beta_factor_runs_at_that_multiple_of_the_threshold():
    G = nx.karate_club_graph()
    by_factor = simulate(G, "sir", sources=0, n_runs=30, beta_factor=1.5, seed=1)
    beta = 1.5 * epidemic_threshold(G)
    assert by_factor.attrs["beta"] == pytest.approx(beta, rel=1e-15)
    assert by_factor.attrs["beta_factor"] == 1.5
    key0, key1 = key_of(1)
    expected, _ = sir_runs(G, [0], n_runs=30, key0=key0, key1=key1, stream=0, beta=beta)
    assert by_factor.tolist() == expected


# --- the returned objects ---------------------------------------------------------------


def test_simulate_returns_int64_sizes_indexed_by_run():
    G = nx.karate_club_graph()
    sizes = simulate(G, "sir", sources=0, n_runs=7, beta=0.3, seed=0)
    assert isinstance(sizes, pd.Series)
    assert sizes.name == "size"
    assert sizes.dtype == np.int64
    pd.testing.assert_index_equal(sizes.index, pd.RangeIndex(7, name="run"))
    assert sizes.between(1, G.number_of_nodes()).all()


def test_epidemic_curves_return_a_run_t_frame_of_int64_counts():
    G = nx.karate_club_graph()
    curves = epidemic_curves(G, "sir", sources=[0, 1], n_runs=4, beta=0.3, seed=0)
    assert isinstance(curves, pd.DataFrame)
    assert list(curves.columns) == ["S", "I", "R"]
    assert all(dtype == np.int64 for dtype in curves.dtypes)
    assert curves.index.names == ["run", "t"]
    assert sorted(set(curves.index.get_level_values("run"))) == [0, 1, 2, 3]
    for _, group in curves.groupby(level="run"):
        t = group.index.get_level_values("t")
        assert t.tolist() == list(range(len(group)))
        assert group.iloc[0].tolist() == [32, 2, 0]
        assert group["I"].iloc[-1] == 0


def test_final_recovered_counts_are_the_simulated_sizes():
    G = nx.les_miserables_graph()
    options = {"sources": "Valjean", "n_runs": 40, "beta": 0.2, "mu": 0.7, "seed": 12}
    curves = epidemic_curves(G, "sir", **options)
    sizes = simulate(G, "sir", **options)
    assert curves.groupby(level="run")["R"].last().tolist() == sizes.tolist()


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_attrs_record_the_model_and_the_seed_as_python_scalars(function):
    G = with_trust(nx.karate_club_graph())
    result = function(
        G, "sir", sources=[3, 0], n_runs=3, beta=0.25, mu=0.5, transmission="trust", seed=77
    )
    attrs = result.attrs
    assert attrs["model"] == "sir"
    assert attrs["beta"] == 0.25
    beta_c = netsim.epidemic_threshold(G)
    assert (attrs["beta_c"], attrs["beta_factor"]) == (beta_c, 0.25 / beta_c)
    assert (attrs["threshold"], attrs["target_outbreak"]) == ("configuration", None)
    assert attrs["mu"] == 0.5
    assert attrs["transmission"] == "trust"
    assert attrs["w_ref"] == pytest.approx(mean_trust(G, "trust"), rel=1e-12)
    assert attrs["sources"] == [0, 3]
    assert attrs["n_runs"] == 3
    assert attrs["seed_entropy"] == 77
    assert attrs["key_scheme"] == 1
    for name, value in attrs.items():
        assert not isinstance(value, np.generic), name
    assert type(attrs["w_ref"]) is float
    assert all(type(label) is int for label in attrs["sources"])


def test_contact_w_ref_is_none_in_attrs():
    sizes = simulate(nx.path_graph(3), "sir", sources=1, n_runs=1, beta=0.5, seed=0)
    assert sizes.attrs["w_ref"] is None


def test_a_csr_graph_gives_the_networkx_result():
    G = with_trust(ZOO["tuple_labels"]())
    csr = netsim.CSRGraph.from_networkx(G, weight="trust")
    options = {"sources": [(1, 1), (0, 0)], "n_runs": 30, "beta": 0.4, "seed": 5}
    for transmission in ("contact", "trust"):
        from_nx = simulate(G, "sir", transmission=transmission, **options)
        from_csr = simulate(csr, "sir", transmission=transmission, **options)
        pd.testing.assert_series_equal(from_nx, from_csr)
        assert from_nx.attrs == from_csr.attrs


def test_a_single_tuple_label_is_one_source():
    G = ZOO["tuple_labels"]()
    sizes = simulate(G, "sir", sources=(2, 1), n_runs=5, beta=0.0, seed=0)
    assert sizes.tolist() == [1] * 5
    assert sizes.attrs["sources"] == [(2, 1)]


def test_source_order_does_not_matter():
    G = nx.karate_club_graph()
    a = simulate(G, "sir", sources=[33, 0, 5], n_runs=50, beta=0.2, seed=3)
    b = simulate(G, "sir", sources=np.array([5, 33, 0]), n_runs=50, beta=0.2, seed=3)
    c = simulate(G, "sir", sources=pd.Index([0, 5, 33]), n_runs=50, beta=0.2, seed=3)
    pd.testing.assert_series_equal(a, b)
    pd.testing.assert_series_equal(a, c)


# --- determinism (STYLE S3) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ba_graph():
    return nx.barabasi_albert_graph(3000, 3, seed=np.random.default_rng(2010))


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_same_seed_gives_identical_results(function, ba_graph):
    options = {"sources": [0, 7], "n_runs": 40, "beta_factor": 1.5, "mu": 0.8, "seed": 31}
    first = function(ba_graph, "sir", **options)
    second = function(ba_graph, "sir", **options)
    if isinstance(first, pd.Series):
        pd.testing.assert_series_equal(first, second)
    else:
        pd.testing.assert_frame_equal(first, second)
    third = function(ba_graph, "sir", **{**options, "seed": 32})
    assert not third.equals(first)


@pytest.mark.parametrize("transmission", ["contact", "trust"])
def test_results_do_not_depend_on_the_thread_count(ba_graph, restore_threads, transmission):
    G = with_trust(ba_graph)
    options = {"sources": 11, "n_runs": 300, "beta_factor": 2.0, "mu": 0.9, "seed": 5}
    options["transmission"] = transmission
    numba.set_num_threads(1)
    one = simulate(G, "sir", **options)
    one_curves = epidemic_curves(G, "sir", **{**options, "n_runs": 40})
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    many = simulate(G, "sir", **options)
    many_curves = epidemic_curves(G, "sir", **{**options, "n_runs": 40})
    pd.testing.assert_series_equal(one, many)
    pd.testing.assert_frame_equal(one_curves, many_curves)


def test_each_source_kernel_does_not_depend_on_the_thread_count(ba_graph, restore_threads):
    csr = netsim.CSRGraph.from_networkx(ba_graph)
    key = (np.uint64(1), np.uint64(2))
    args = (csr.indptr, csr.indices, np.empty(0), 0.1, 1.0, np.arange(200), 7, *key, 3)
    numba.set_num_threads(1)
    one = sir_kernel.sir_discrete_sizes_each_source(*args)
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)
    assert np.array_equal(one, sir_kernel.sir_discrete_sizes_each_source(*args))


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_prefix_property(function, ba_graph):
    options = {"sources": [3], "beta_factor": 1.8, "mu": 0.7, "seed": 9}
    long = function(ba_graph, "sir", n_runs=60, **options)
    short = function(ba_graph, "sir", n_runs=17, **options)
    if isinstance(long, pd.Series):
        pd.testing.assert_series_equal(long.iloc[:17], short)
    else:
        pd.testing.assert_frame_equal(long.loc[:16], short)


def test_int_and_seed_sequence_seeds_agree():
    G = nx.karate_club_graph()
    by_int = simulate(G, "sir", sources=0, n_runs=30, beta=0.3, seed=123)
    by_sequence = simulate(
        G, "sir", sources=0, n_runs=30, beta=0.3, seed=np.random.SeedSequence(123)
    )
    pd.testing.assert_series_equal(by_int, by_sequence)


def test_a_generator_seed_is_advanced():
    G = nx.karate_club_graph()
    rng = np.random.default_rng(4)
    first = simulate(G, "sir", sources=0, n_runs=50, beta=0.3, seed=rng)
    second = simulate(G, "sir", sources=0, n_runs=50, beta=0.3, seed=rng)
    assert not first.equals(second)
    again = simulate(G, "sir", sources=0, n_runs=50, beta=0.3, seed=np.random.default_rng(4))
    pd.testing.assert_series_equal(first, again)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_unseeded_results_record_entropy_that_replays_them(function):
    G = nx.karate_club_graph()
    first = function(G, "sir", sources=0, n_runs=30, beta=0.3)
    replay = function(
        G,
        "sir",
        sources=0,
        n_runs=30,
        beta=0.3,
        seed=np.random.SeedSequence(first.attrs["seed_entropy"]),
    )
    assert first.equals(replay)
    assert isinstance(first.attrs["seed_entropy"], int)
    assert (
        first.attrs["seed_entropy"] != function(G, "sir", sources=0, beta=0.3).attrs["seed_entropy"]
    )


def test_a_single_source_run_is_the_direct_method_run_of_that_node():
    """simulate(sources=[a]) uses stream a, as the each-source driver does for node a."""
    G = nx.les_miserables_graph()
    csr = netsim.CSRGraph.from_networkx(G)
    key = kernel_key(seed_sequence(2))
    nodes = csr.positions(["Marius", "Valjean", "Javert"])
    table = sir_kernel.sir_discrete_sizes_each_source(
        csr.indptr, csr.indices, np.empty(0), 0.15, 0.6, nodes, 40, *key, int(Purpose.SIR)
    )
    for row, label in enumerate(["Marius", "Valjean", "Javert"]):
        sizes = simulate(G, "sir", sources=[label], n_runs=40, beta=0.15, mu=0.6, seed=2)
        assert sizes.tolist() == table[row].tolist()
    # a subset of nodes gets the same numbers (subset consistency)
    alone = sir_kernel.sir_discrete_sizes_each_source(
        csr.indptr, csr.indices, np.empty(0), 0.15, 0.6, nodes[1:2], 40, *key, int(Purpose.SIR)
    )
    assert np.array_equal(alone[0], table[1])


def read_only(array):
    array = array.copy()
    array.flags.writeable = False
    return array


def test_kernels_accept_int32_and_int64_index_arrays():
    """CSRGraph holds read-only int32 arrays, int64 ones past 2**31 - 1 entries."""
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    assert csr.indices.dtype == np.int32
    assert not csr.indices.flags.writeable
    wide_indptr = read_only(csr.indptr.astype(np.int64))
    wide_indices = read_only(csr.indices.astype(np.int64))
    args = (np.empty(0), 0.3, 0.8, np.array([0, 33]), 25, np.uint64(1), np.uint64(2), 3, 0)
    narrow = sir_kernel.sir_discrete_curves(csr.indptr, csr.indices, *args)
    wide = sir_kernel.sir_discrete_curves(wide_indptr, wide_indices, *args)
    for a, b in zip(narrow, wide, strict=True):
        assert np.array_equal(a, b)
    sizes = sir_kernel.sir_discrete_sizes(wide_indptr, wide_indices, *args)
    assert sizes.tolist() == narrow[3][narrow[0][1:] - 1].tolist()


def test_each_source_kernel_runs_one_outbreak_per_node_and_run():
    """Distinct tasks get distinct streams: outbreaks differ across runs and nodes."""
    csr = netsim.CSRGraph.from_networkx(nx.karate_club_graph())
    table = sir_kernel.sir_discrete_sizes_each_source(
        csr.indptr,
        csr.indices,
        np.empty(0),
        0.3,
        1.0,
        np.arange(34),
        50,
        np.uint64(1),
        np.uint64(2),
        3,
    )
    assert table.shape == (34, 50)
    assert len({tuple(row) for row in table.tolist()}) == 34
    assert table.min() >= 1


# --- errors (STYLE E3, E8) ---------------------------------------------------------------


def call(function, G=None, **changes):
    options = {"sources": 0, "n_runs": 5, "beta": 0.3, "seed": 1, **changes}
    model = options.pop("model", "sir")
    return function(nx.karate_club_graph() if G is None else G, model, **options)


BAD_VALUES = [
    (
        {"model": "sirr"},
        r"^model must be one of \{'continuous_sir', 'independent_cascade', 'sir', 'sis', "
        r"'threshold'\}; got 'sirr'\. Did you mean 'sir'\?$",
    ),
    ({"model": 3}, r"^model must be one of \{'continuous_sir', .*'threshold'\}; got 3\.$"),
    ({"n_runs": 0}, r"^n_runs must be an int >= 1; got 0\.$"),
    ({"beta": 1.5}, r"^beta must be a float in \[0, 1\]; got 1\.5\.$"),
    ({"beta": -0.1}, r"^beta must be a float in \[0, 1\]; got -0\.1\.$"),
    ({"beta": float("nan")}, r"^beta must be a float in \[0, 1\]; got nan\.$"),
    ({"mu": 1.5}, r"^mu must be a float in \[0, 1\]; got 1\.5\.$"),
    (
        {"mu": 0.0},
        r"^mu must be a float in \(0, 1\]; got 0\.0\. With mu = 0 nobody recovers and an "
        r"outbreak never ends\.$",
    ),
    ({"beta": None}, r"^give exactly one of beta .* got beta=None and beta_factor=None\.$"),
    ({"beta_factor": 1.0}, r"^give exactly one of beta .* got beta=0\.3 and beta_factor=1\.0\.$"),
    ({"beta": None, "beta_factor": -1.0}, r"^beta_factor must be a finite float in \[0, inf\]"),
    (
        {"beta": None, "beta_factor": 100.0},
        r"^beta_factor must be at most 6\.769 on this graph; got 100\.0\.",
    ),
    (
        {"sources": []},
        r"^sources must be a node of G or a non-empty list of distinct nodes; got \[\]\.$",
    ),
    ({"sources": 99}, r"^every label in sources must be a node of G; got 99\.$"),
    ({"sources": [1, 99]}, r"^every label in sources must be a node of G; got 99\.$"),
    ({"sources": [1, 2, 1]}, r"^sources must be distinct nodes; got 1\.$"),
    (
        {"transmission": "trusted"},
        r"^transmission must be one of \{'contact', 'trust'\}; got 'trusted'\. "
        r"Did you mean 'trust'\?$",
    ),
    ({"w_ref": 1.0}, r"^w_ref must be None when transmission=\"contact\"; got 1\.0\.$"),
    (
        {"transmission": "trust", "weight": "weight", "w_ref": 0.0},
        r"^w_ref must be a float > 0; got 0\.0\.$",
    ),
    ({"transmission": "trust"}, r"^edge \(0, 1\) has no 'trust' attribute; every edge needs one"),
    ({"seed": -1}, r"^seed must be an int >= 0; got -1\.$"),
]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("changes", "message"), BAD_VALUES, ids=lambda x: str(x)[:40])
def test_bad_values_raise_invalid_parameter_error(function, changes, message):
    with pytest.raises(InvalidParameterError, match=message):
        call(function, **changes)


BAD_TYPES = [
    ({"n_runs": 2.5}, r"^n_runs must be an int; got float\.$"),
    ({"n_runs": True}, r"^n_runs must be an int; got bool\.$"),
    ({"beta": "0.3"}, r"^beta must be a float in \[0, 1\]; got str\.$"),
    ({"mu": "0.5"}, r"^mu must be a float in \[0, 1\]; got str\.$"),
    (
        {"seed": 1.5},
        r"^seed must be None, an int, a numpy\.random\.SeedSequence or a "
        r"numpy\.random\.Generator; got float\.$",
    ),
    ({"seed": "42"}, r"^seed must be None, an int, .*; got str\.$"),
]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("changes", "message"), BAD_TYPES, ids=lambda x: str(x)[:40])
def test_bad_types_raise_type_error(function, changes, message):
    with pytest.raises(TypeError, match=message):
        call(function, **changes)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
def test_bad_graphs_are_refused(function):
    with pytest.raises(
        TypeError, match=r"^G must be a networkx graph or a netsim\.CSRGraph; got list\.$"
    ):
        call(function, G=[(0, 1)])
    with pytest.raises(
        UnsupportedGraphError, match=rf"^{function.__name__} needs an undirected graph"
    ):
        call(function, G=nx.DiGraph([(0, 1)]))
    with pytest.raises(UnsupportedGraphError, match=rf"^{function.__name__} needs a simple graph"):
        call(function, G=nx.MultiGraph([(0, 1)]))
    with pytest.raises(
        InvalidParameterError, match=r"every label in sources must be a node of G; got 0\."
    ):
        call(function, G=nx.Graph())
    csr = netsim.CSRGraph.from_networkx(nx.path_graph(3))
    with pytest.raises(
        InvalidParameterError, match=r'^G must be a weighted CSRGraph when transmission="trust"'
    ):
        call(function, G=csr, transmission="trust")


def test_beta_factor_needs_an_edge():
    with pytest.raises(InvalidParameterError, match=r"^G must be a graph with at least one edge"):
        simulate(nx.empty_graph(3), "sir", sources=0, beta_factor=1.0, seed=0)


def test_geometric_skip_search_equals_bisection():
    """The kernel's skip (linear scan, then bisection) inverts the contact table exactly."""
    rng = np.random.default_rng(44)
    for beta in (0.9, 0.3, 0.05, 0.001):
        indptr = np.array([0, 500], dtype=np.int64)
        table = sir_kernel.contact_table(indptr, beta)
        assert table.shape == (501,)
        assert table[0] == 0.0
        assert np.all(np.diff(table) >= 0)
        for r in (1, 2, 15, 16, 17, 40, 500):
            for x in rng.random(200) * table[r]:
                expected = int(np.searchsorted(table[1 : r + 1], x, side="right"))
                assert sir_kernel._skip(table, x, r) == expected
    assert sir_kernel.contact_table(np.array([0, 3]), 0.0).size == 0
    assert sir_kernel.contact_table(np.array([0, 3]), 1.0).size == 0


FRESH_PROCESS = textwrap.dedent(
    """
    import networkx as nx
    from netsim.spread import epidemic_curves, simulate
    G = nx.karate_club_graph()
    sizes = simulate(G, "sir", sources=[0, 5], n_runs=20, beta=0.3, mu=0.7, seed=3)
    curves = epidemic_curves(G, "sir", sources=[0, 5], n_runs=20, beta=0.3, mu=0.7, seed=3)
    assert curves.groupby(level="run")["R"].last().tolist() == sizes.tolist()
    print(sizes.sum())
    """
)


@pytest.mark.slow
def test_a_fresh_process_runs_the_cached_kernels():
    """Regression: a cached compiled caller of a parallel kernel segfaulted (numba #8578).

    The second process loads every kernel from numba's cache (the first one
    may compile them); simulate and epidemic_curves must run there alone.
    """
    outputs = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", FRESH_PROCESS], capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr[-2000:]
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    expected = simulate(
        nx.karate_club_graph(), "sir", sources=[0, 5], n_runs=20, beta=0.3, mu=0.7, seed=3
    )
    assert int(outputs[1]) == expected.sum()
