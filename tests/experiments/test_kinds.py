"""The network kinds: one record each; a new kind, and a new spreading model, is one record."""

import inspect

import networkx as nx
import numpy as np
import pytest

import netsim
from netsim.experiments import ConfigError, ExperimentConfig, run_experiment
from netsim.experiments._kinds import KINDS, NetworkKind, registered, signature_defaults
from netsim.experiments._memory import estimate_bytes
from netsim.experiments._tasks import build_network, expand
from netsim.report import findings, summary_text
from netsim.spread import _model_kernels
from netsim.spread._models import Dynamics, Parameter, SpreadingModel
from netsim.spread._models import registered as registered_model

SHIPPED = (
    "game",
    "lion",
    "organic",
    "barabasi_albert",
    "holme_kim",
    "jackson_rogers",
    "dunbar_capped",
    "configuration",
    "dataset",
    "edgelist",
    "rewired",
)


def test_the_shipped_kinds_are_registered_in_order():
    assert tuple(KINDS) == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_every_kind_has_every_part(name):
    kind = KINDS[name]
    assert isinstance(kind, NetworkKind)
    assert kind.name == name
    for part in (kind.build, kind.network_bytes, kind.check, kind.weighted):
        assert callable(part)
    assert isinstance(kind.parameters, dict)
    assert kind.parameters
    assert "seed" not in kind.parameters
    assert isinstance(kind.description, str)
    assert kind.description
    assert kind.noun is None or (isinstance(kind.noun, str) and kind.noun)
    assert set(kind.optional) <= set(kind.parameters)
    assert set(kind.paths) <= set(kind.parameters)
    required = [p for p, default in kind.parameters.items() if default is None]
    assert required, "every kind has a required parameter"


@pytest.mark.parametrize("name", [n for n in SHIPPED if KINDS[n].generator is not None])
def test_generator_kinds_take_their_generators_parameters(name):
    kind = KINDS[name]
    expected = {
        p.name: None if p.default is inspect.Parameter.empty else p.default
        for p in inspect.signature(kind.generator).parameters.values()
        if p.name not in ("seed", "rules")  # a config gives the game's rules field by field
    }
    assert kind.parameters == expected


def test_signature_defaults_reads_required_and_default_parameters():
    def build(n, m=3, *, trust=0.5, seed=None):
        return n, m, trust, seed

    assert signature_defaults(build) == {"n": None, "m": 3, "trust": 0.5}


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("holme_kim", {"n": 60, "m": 2, "p_triad": 0.5}),
        ("configuration", {"n": 80, "distribution": "regular", "mean_degree": 4}),
        ("organic", {"n": 60, "rounds": 2}),
    ],
)
def test_a_kind_builds_the_same_graph_from_the_same_seed(name, params):
    kind = KINDS[name]
    full = {**kind.parameters, **params}
    one = kind.build(dict(full), np.random.SeedSequence(5))
    two = kind.build(dict(full), np.random.SeedSequence(5))
    assert one.n_nodes == params["n"]
    np.testing.assert_array_equal(one.indptr, two.indptr)
    np.testing.assert_array_equal(one.indices, two.indices)


def test_the_estimate_reads_the_kinds_defaults():
    # the game's rounds default (50) bounds its ties: fewer rounds, fewer bytes
    game = {"n": 5000, "lion_fraction": 0.2}
    full = estimate_bytes("game", game, model="sir", n_runs=10, measures=[])
    short = estimate_bytes("game", {**game, "rounds": 5}, model="sir", n_runs=10, measures=[])
    assert short < full


# --- a new kind is one record ------------------------------------------------------------------


def _ring(params, seed):
    rng = np.random.default_rng(seed)
    G = nx.cycle_graph(int(params["n"]))
    for u, v in G.edges:
        G.edges[u, v]["trust"] = float(rng.uniform(params["low"], 1.0))
    return netsim.CSRGraph.from_networkx(G, weight="trust")


def _ring_bytes(kind, params):
    n = float(params["n"])
    return n, n, 1000.0 * n


def _check_ring(parser, where, full):
    if full["n"] < 3:
        raise parser.error(f"{where} n", f"a ring needs n >= 3; got {full['n']!r}")


RING = NetworkKind(
    "ring",
    _ring,
    {"n": None, "low": 0.2},
    "a ring of trusted ties",
    _ring_bytes,
    noun="ring",
    check=_check_ring,
)


def ring_config(**network):
    return ExperimentConfig.from_dict(
        {
            "name": "rings",
            "seed": 3,
            "replicates": 2,
            "network": {"kind": "ring", "n": 40, **network},
            "spread": {"model": "sir", "beta": 0.5, "n_runs": 20},
            "report": {"figures": ["top_spreaders"]},
        },
        source="rings.toml",
    )


def test_a_new_kind_needs_one_record_to_run_a_config():
    with registered(RING):
        config = ring_config(low=[0.2, 0.6])
        results = run_experiment(config)
        assert estimate_bytes("ring", {"n": 40}, model="sir", n_runs=20, measures=[]) > 0
        summary = summary_text(results, findings(results), _provenance())
        assert len(expand(config)) == 4
    assert "ring" not in KINDS
    assert set(results.networks["n_nodes"]) == {40}
    assert set(results.nodes["degree"]) == {2}
    # the low end of the trust draw is a parameter of the record's builder
    by_low = results.nodes.groupby("low")["strength"].mean()
    assert by_low[0.6] > by_low[0.2]
    assert "a ring of trusted ties" in summary


def test_a_new_kinds_checks_and_parameters_are_the_configs():
    with registered(RING):
        with pytest.raises(ConfigError, match=r"\[network\] n: a ring needs n >= 3; got 2"):
            ring_config(n=2)
        with pytest.raises(ConfigError, match="unknown key 'hgih'"):
            ring_config(hgih=1.0)
    with pytest.raises(ConfigError, match="kind must be one of"):
        ring_config()


def _stubborn(G, params, caller):
    """Resolve the dummy model: a node adopts once ``m`` of its neighbours have."""
    csr = G if isinstance(G, netsim.CSRGraph) else netsim.CSRGraph.from_networkx(G)
    m = float(params["m"] if params["m"] is not None else 2.0)
    totals = np.ascontiguousarray(csr.degrees, dtype=np.float64)
    empty = np.empty(0, dtype=np.float64)
    attrs = {"model": "stubborn", "m": m}
    return Dynamics("stubborn", csr, empty, threshold=m, fraction=False, totals=totals, attrs=attrs)


STUBBORN = SpreadingModel(
    name="stubborn",
    parameters=(Parameter("m", 2.0, "a number >= 1 (neighbours that must have adopted)"),),
    resolve=_stubborn,
    final_values=_model_kernels.threshold_final_values,
    curves=_model_kernels.threshold_curves,
    purpose=netsim._seeding.Purpose.COMPLEX_CONTAGION,
    returns="cascade size",
    value_name="size",
    noun="stubborn contagion",
    noun_phrase="stubborn contagion",
    description="stubborn contagion (m neighbours needed)",
    efficiency_methods=("direct",),
    direct_sums=_model_kernels.threshold_direct_sums,
    deterministic=True,
)


def test_a_new_kind_and_a_new_model_run_a_config_with_one_record_each():
    with registered(RING), registered_model(STUBBORN):
        config = ExperimentConfig.from_dict(
            {
                "name": "stubborn rings",
                "seed": 3,
                "network": {"kind": "ring", "n": 12},
                "spread": {"model": "stubborn", "m": [1, 2], "n_runs": 3},
                "report": {"figures": ["top_spreaders"]},
            },
            source="stubborn.toml",
        )
        assert estimate_bytes("ring", {"n": 12}, model="stubborn", n_runs=3, measures=[]) > 0
        results = run_experiment(config)
        summary = summary_text(results, findings(results), _provenance())
        with pytest.raises(ConfigError, match="unknown key 'theta'"):
            ExperimentConfig.from_dict(
                {
                    "name": "x",
                    "seed": 1,
                    "network": {"kind": "ring", "n": 12},
                    "spread": {"model": "stubborn", "theta": 0.5},
                }
            )
    # on a ring, one neighbour is enough to take everyone (m = 1); two never spread (m = 2)
    sizes = results.nodes.groupby("m")["M"].agg(["min", "max"])
    assert sizes.loc[1].tolist() == [12.0, 12.0]
    assert sizes.loc[2].tolist() == [1.0, 1.0]
    assert "stubborn contagion (m neighbours needed)" in summary
    assert "a ring of trusted ties" in summary
    assert "ring" not in KINDS


def _provenance():
    return {"started_utc": "2026-01-01T00:00:00+00:00", "seconds": 1.0, "workers": "1 process"}


# --- the rewired null model -------------------------------------------------------------------


def _rewired_config(network, replicates=3):
    return ExperimentConfig.from_dict(
        {
            "name": "null model",
            "seed": 4,
            "replicates": replicates,
            "network": network,
            "spread": {"model": "sir", "beta": 0.1, "n_runs": 2},
        },
        source="null.toml",
    )


def _edges(csr):
    rows = csr.rows
    upper = rows < csr.indices
    return set(zip(csr.nodes[rows[upper]], csr.nodes[csr.indices[upper]], strict=True))


def test_a_rewired_condition_keeps_the_degrees_and_differs_between_replicates():
    config = _rewired_config({"kind": "rewired", "name": "jazz", "swaps_per_edge": [1, 10]})
    tasks = expand(config)
    assert len(tasks) == 6
    original = netsim.datasets.load_csr("jazz")
    built = {}
    for task in tasks:
        csr = build_network(task)
        assert list(csr.nodes) == list(original.nodes)
        np.testing.assert_array_equal(csr.degrees, original.degrees)
        assert csr.graph_attrs["n_swaps"] == task.network["swaps_per_edge"] * original.n_edges
        built[(task.network["swaps_per_edge"], task.replicate)] = _edges(csr)
    assert tasks[0].network_label.startswith("jazz rewired")
    for swaps in (1, 10):
        replicates = [built[(swaps, r)] for r in range(3)]
        assert all(edges != _edges(original) for edges in replicates)
        assert len({frozenset(edges) for edges in replicates}) == 3  # a new rewiring each time
    # the same replicate of the same condition gets the same graph
    assert _edges(build_network(tasks[0])) == built[(1, 0)]


def test_a_rewired_edge_list_stays_connected_when_asked(tmp_path):
    G = nx.connected_watts_strogatz_graph(60, 4, 0.1, seed=2)
    nx.write_edgelist(G, tmp_path / "ring.txt", data=False)
    config = ExperimentConfig.from_dict(
        {
            "name": "null model",
            "seed": 4,
            "replicates": 2,
            "network": {"kind": "rewired", "path": "ring.txt", "connected": True},
            "spread": {"model": "sir", "beta": 0.1, "n_runs": 2},
        },
        source="null.toml",
        base=str(tmp_path),
    )
    for task in expand(config):
        H = build_network(task).to_networkx()
        assert nx.is_connected(H)
        assert sorted(d for _, d in H.degree) == sorted(d for _, d in G.degree)


@pytest.mark.parametrize(
    ("network", "match"),
    [
        ({"kind": "rewired"}, r"needs one of 'name' \(a data set\) or 'path'; got neither"),
        (
            {"kind": "rewired", "name": "jazz", "path": "x.txt"},
            r"needs one of 'name' \(a data set\) or 'path'; got 'name' and 'path'",
        ),
        ({"kind": "rewired", "name": "jaz"}, r"Did you mean 'jazz'"),
        ({"kind": "rewired", "name": "jazz", "swaps_per_edge": -1}, r"swaps_per_edge must be"),
        ({"kind": "rewired", "name": "jazz", "connected": 1}, r"connected must be true or false"),
    ],
)
def test_a_rewired_condition_is_checked(network, match):
    with pytest.raises(ConfigError, match=match):
        _rewired_config(network)
