"""The spreading models' records and registry: one record per model, nothing else names one.

A dummy model registered with one record runs through simulate and
epidemic_curves; the records hold what the parameter table and the reports held.
"""

import ast
import dataclasses
import pathlib
from dataclasses import replace

import networkx as nx
import numpy as np
import pytest
from graph_zoo import ZOO

import netsim
from netsim._seeding import Purpose
from netsim.exceptions import InvalidParameterError
from netsim.spread import _model_kernels, _models
from netsim.spread._models import (
    EFFICIENCY_METHODS,
    MODEL_KEYWORDS,
    SPREADING_MODELS,
    Dynamics,
    Parameter,
    SpreadingModel,
    efficiency_models,
    model_params,
    register_model,
    registered,
    resolve,
    unregister_model,
)

SPREAD = pathlib.Path(netsim.__file__).parent / "spread"

#: The models and their parameters as they were before the records.
EXPECTED_PARAMETERS = {
    "sir": (
        "beta",
        "beta_factor",
        "target_outbreak",
        "threshold",
        "mu",
        "transmission",
        "weight",
        "w_ref",
    ),
    "independent_cascade": ("p",),
    "continuous_sir": ("tau", "gamma", "transmission", "weight", "w_ref"),
    "sis": (
        "beta",
        "beta_factor",
        "threshold",
        "mu",
        "transmission",
        "weight",
        "w_ref",
        "burn_in",
        "window",
    ),
    "threshold": ("theta", "m", "transmission", "weight", "w_ref", "seeding"),
}

#: The words of the experiments' reports (setup section, sentences).
EXPECTED_WORDS = {
    "sir": ("discrete-time SIR", "SIR"),
    "independent_cascade": ("independent cascade", "independent cascade"),
    "continuous_sir": ("continuous-time SIR", "continuous-time SIR"),
    "threshold": ("threshold model (complex contagion)", "complex contagion"),
}


def _sources_only(G, params, caller):
    """Resolve the dummy model: nobody ever adopts besides the sources."""
    csr = netsim.CSRGraph.from_networkx(G) if isinstance(G, nx.Graph) else G
    totals = np.ascontiguousarray(csr.degrees, dtype=np.float64)
    attrs = {"model": "sources_only"}
    empty = np.empty(0, dtype=np.float64)
    return Dynamics(
        "sources_only", csr, empty, threshold=np.inf, fraction=False, totals=totals, attrs=attrs
    )


DUMMY = SpreadingModel(
    name="sources_only",
    parameters=(),
    resolve=_sources_only,
    final_values=_model_kernels.threshold_final_values,
    curves=_model_kernels.threshold_curves,
    purpose=Purpose.COMPLEX_CONTAGION,
    returns="number of sources",
    value_name="size",
    noun="sources alone",
    noun_phrase="sources alone",
    description="the sources, and nobody else",
    deterministic=True,
)


# -- the records ---------------------------------------------------------------------------


def test_models_keep_their_order():
    assert tuple(SPREADING_MODELS) == tuple(EXPECTED_PARAMETERS)
    assert len(SPREADING_MODELS) == 5
    assert "sis" in SPREADING_MODELS
    assert "nope" not in SPREADING_MODELS


@pytest.mark.parametrize("name", list(EXPECTED_PARAMETERS))
def test_every_record_has_every_field(name):
    record = SPREADING_MODELS[name]
    assert record.name == name
    for item in dataclasses.fields(SpreadingModel):
        assert hasattr(record, item.name)
    assert all(isinstance(p, Parameter) for p in record.parameters)
    for parameter in record.parameters:
        assert parameter.name in MODEL_KEYWORDS
        assert isinstance(parameter.constraint, str)
        assert parameter.constraint
    for call in (record.resolve, record.final_values, record.curves):
        assert callable(call)
    assert isinstance(record.purpose, Purpose)
    for words in (record.returns, record.value_name, record.noun, record.noun_phrase):
        assert isinstance(words, str)
        assert words
    assert record.description
    assert set(record.efficiency_methods) <= set(EFFICIENCY_METHODS)
    assert callable(record.direct_sums) == ("direct" in record.efficiency_methods)
    assert callable(record.percolation_sums) == ("percolation" in record.efficiency_methods)
    assert bool(record.efficiency_refusal) == (not record.efficiency_methods)
    for parameter, _ in record.percolation_exact_when:
        assert parameter in record.parameter_names


@pytest.mark.parametrize("name", list(EXPECTED_PARAMETERS))
def test_parameter_names_are_those_of_before(name):
    assert SPREADING_MODELS[name].parameter_names == EXPECTED_PARAMETERS[name]
    table = {model: record.parameter_names for model, record in SPREADING_MODELS.items()}
    assert table == EXPECTED_PARAMETERS


def test_defaults_are_those_the_api_applies():
    assert SPREADING_MODELS["sir"].defaults == {
        "threshold": "configuration",
        "mu": 1.0,
        "transmission": "contact",
        "weight": "trust",
    }
    assert SPREADING_MODELS["continuous_sir"].defaults["gamma"] == _models.GAMMA
    sis = SPREADING_MODELS["sis"].defaults
    assert (sis["burn_in"], sis["window"]) == (_models.BURN_IN, _models.WINDOW)
    assert _models._DEFAULTS == {
        "threshold": "configuration",
        "transmission": "contact",
        "weight": "trust",
        "seeding": "single",
    }
    assert SPREADING_MODELS["threshold"].defaults["seeding"] == "single"


def test_words_and_what_each_model_allows():
    for name, (description, noun) in EXPECTED_WORDS.items():
        assert SPREADING_MODELS[name].description == description
        assert SPREADING_MODELS[name].noun == noun
    assert efficiency_models() == ("sir", "independent_cascade", "continuous_sir", "threshold")
    assert SPREADING_MODELS["sir"].efficiency_methods == ("direct", "percolation")
    assert SPREADING_MODELS["sis"].efficiency_methods == ()
    assert SPREADING_MODELS["sis"].returns == "mean prevalence"
    assert SPREADING_MODELS["sis"].value_name == "prevalence"
    assert [n for n, r in SPREADING_MODELS.items() if r.deterministic] == ["threshold"]
    assert SPREADING_MODELS["independent_cascade"].purpose == Purpose.SIR  # the runs of sir


def test_model_params_picks_every_keyword_with_its_default():
    def function(beta=None, transmission="contact", n_runs=5):
        return model_params(locals())

    params = function(beta=0.2)
    assert list(params) == list(MODEL_KEYWORDS)
    assert params["beta"] == 0.2
    assert params["transmission"] == "contact"
    assert params["weight"] == "trust"
    assert params["tau"] is None
    assert "n_runs" not in params
    assert model_params({"beta": 0.1, "mu": 0.5}, ("beta",)) == {"beta": 0.1}


# -- a model registered with one record ------------------------------------------------------


def test_a_dummy_model_runs_through_simulate_and_curves():
    G = nx.karate_club_graph()
    with registered(DUMMY):
        assert list(SPREADING_MODELS)[-1] == "sources_only"
        assert SPREADING_MODELS["sources_only"].parameter_names == ()
        sizes = netsim.simulate(G, "sources_only", sources=[0, 5, 33], n_runs=4, seed=1)
        assert sizes.tolist() == [3, 3, 3, 3]
        assert sizes.name == "size"
        assert sizes.attrs["model"] == "sources_only"
        curves = netsim.epidemic_curves(G, "sources_only", sources=[0, 5], n_runs=2)
        assert curves.groupby("run")["R"].last().tolist() == [2, 2]
        assert ((curves["S"] + curves["I"] + curves["R"]) == G.number_of_nodes()).all()
        with pytest.raises(InvalidParameterError, match="takes no parameter"):
            netsim.simulate(G, "sources_only", sources=0, beta=0.1)
        with pytest.raises(InvalidParameterError, match="no final outbreak size"):
            netsim.spreading_efficiency(G, "sources_only")
    assert "sources_only" not in SPREADING_MODELS
    with pytest.raises(InvalidParameterError, match="model must be one of"):
        netsim.simulate(G, "sources_only", sources=0)


def test_unknown_model_names_the_registered_ones():
    G = nx.path_graph(3)
    with registered(DUMMY), pytest.raises(InvalidParameterError) as error:
        resolve(G, "no_such_model", model_params({}), caller="test")
    message = str(error.value)
    assert message.startswith("model must be one of {")
    for name in (*EXPECTED_PARAMETERS, "sources_only"):
        assert repr(name) in message
    with pytest.raises(InvalidParameterError, match=r"Did you mean 'threshold'\?"):
        resolve(G, "treshold", model_params({}), caller="test")


def test_register_refuses_bad_records_and_unregister_restores():
    with pytest.raises(InvalidParameterError, match="not registered yet"):
        register_model(replace(DUMMY, name="sir"))
    unknown = (Parameter("alpha", None, "a float"),)
    with pytest.raises(InvalidParameterError, match="MODEL_KEYWORDS"):
        register_model(replace(DUMMY, parameters=unknown))
    with pytest.raises(InvalidParameterError, match="direct_sums"):
        register_model(replace(DUMMY, efficiency_methods=("direct",)))
    with pytest.raises(TypeError, match="SpreadingModel"):
        register_model({"name": "x"})
    assert "sources_only" not in SPREADING_MODELS
    register_model(DUMMY)
    try:
        assert "sources_only" in SPREADING_MODELS
    finally:
        assert unregister_model("sources_only") is DUMMY
    assert tuple(SPREADING_MODELS) == tuple(EXPECTED_PARAMETERS)


# -- nothing else names a model ---------------------------------------------------------------


def _modules():
    return sorted(SPREAD.glob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda path: path.name)
def test_spread_compares_no_model_name(path):
    """No ``model == "sis"`` (or ``in ("sir", ...)``): the records hold what differs."""
    names = set(EXPECTED_PARAMETERS)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                constants = [operand, *getattr(operand, "elts", [])]
                named = [c.value for c in constants if isinstance(c, ast.Constant)]
                assert not names & set(named), f"{path.name}:{node.lineno} compares a model name"


@pytest.mark.parametrize("path", _modules(), ids=lambda path: path.name)
def test_spread_does_not_import_measures(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            assert "measures" not in (node.module or ""), f"{path.name}:{node.lineno}"
        elif isinstance(node, ast.Import):
            assert all("measures" not in alias.name for alias in node.names)


@pytest.mark.parametrize("name", list(ZOO))
def test_vote_order_is_that_of_netsim_voterank(name):
    """choose_sources elects as netsim.voterank does (spread imports no measure)."""
    G = ZOO[name]()
    k = min(3, G.number_of_nodes())
    rounds = netsim.voterank(G, k)
    elected = rounds[rounds > 0].sort_values(kind="stable")
    if len(elected) == k and k:
        chosen = netsim.choose_sources(G, k, strategy="voterank")
        assert chosen.tolist() == list(elected.index)


def test_percolation_exact_where_auto_takes_it():
    sir = SPREADING_MODELS["sir"]
    assert sir.percolation_exact({})
    assert sir.percolation_exact({"mu": None, "beta": 0.2})
    assert sir.percolation_exact({"mu": 1})
    assert not sir.percolation_exact({"mu": 0.5})
    assert SPREADING_MODELS["independent_cascade"].percolation_exact({"p": 0.3})
    for name in ("continuous_sir", "threshold", "sis"):
        assert not SPREADING_MODELS[name].percolation_exact({})
    G = nx.karate_club_graph()
    for mu, method in ((1.0, "percolation"), (0.5, "direct")):
        frame = netsim.spreading_efficiency(G, beta=0.2, mu=mu, n_runs=2, seed=1)
        assert frame.attrs["method"] == method
