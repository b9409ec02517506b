"""The public surface: what netsim exports and how it is documented."""

import inspect

import pytest

import netsim

EXPECTED_ALL = [
    "CSRGraph",
    "GameRules",
    "OutbreakRegime",
    "__version__",
    "barabasi_albert_network",
    "beta_for_outbreak",
    "betweenness",
    "centrality",
    "choose_sources",
    "closeness",
    "collective_influence",
    "compare_measures",
    "compare_sources",
    "configuration_network",
    "core_like_groups",
    "core_number",
    "datasets",
    "degree",
    "dunbar_capped_network",
    "efficiency_grid",
    "eigenvector",
    "epidemic_curves",
    "epidemic_threshold",
    "exceptions",
    "experiments",
    "filtered_k_shell",
    "h_index",
    "holme_kim_network",
    "imprecision",
    "jackson_rogers_network",
    "joint_spread",
    "k_shell",
    "kendall_tau",
    "lion_network",
    "measures",
    "monotonicity",
    "networking_game",
    "networking_game_csr",
    "onion_layers",
    "organic_network",
    "pagerank",
    "persistence",
    "plot",
    "rank_spreaders",
    "report",
    "rewire",
    "semi_local",
    "simulate",
    "spread",
    "spreading_efficiency",
    "spreading_efficiency_curve",
    "top_k_overlap",
    "top_k_reproducibility",
    "voterank",
    "weighted_k_shell",
]


def public_callables():
    for name in netsim.__all__:
        obj = getattr(netsim, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            yield f"netsim.{name}", obj
    for name in netsim.datasets.__all__:
        yield f"netsim.datasets.{name}", getattr(netsim.datasets, name)
    for name in ("ExperimentConfig", "run_experiment", "executor_for", "load_config"):
        yield f"netsim.experiments.{name}", getattr(netsim.experiments, name)
    for name in ("from_networkx", "from_edges", "read_edgelist", "to_networkx"):
        yield f"netsim.CSRGraph.{name}", getattr(netsim.CSRGraph, name)


def test_all_snapshot():
    assert sorted(netsim.__all__) == sorted(EXPECTED_ALL)


def test_version_is_a_string():
    assert isinstance(netsim.__version__, str)
    assert netsim.__version__[0].isdigit()


@pytest.mark.parametrize(("name", "obj"), list(public_callables()), ids=lambda x: str(x))
def test_public_callables_have_numpydoc_sections(name, obj):
    doc = inspect.getdoc(obj) or ""
    for section in ("Returns", "Examples") if not inspect.isclass(obj) else ("Examples",):
        # A generator (a context manager such as executor_for) documents what it yields.
        present = f"{section}\n---" in doc or (section == "Returns" and "Yields\n---" in doc)
        assert present, f"{name} lacks a {section} section"
    if inspect.signature(obj).parameters.keys() - {"self", "cls"}:
        assert "Parameters\n---" in doc, f"{name} lacks a Parameters section"


def test_no_public_function_takes_seed_as_anything_but_the_random_seed():
    for name, obj in public_callables():
        parameters = inspect.signature(obj).parameters
        if "seed" in parameters:
            assert parameters["seed"].kind is inspect.Parameter.KEYWORD_ONLY, name
