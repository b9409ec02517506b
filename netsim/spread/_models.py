"""The spreading models: one record per model, a registry, and their parameters' validation.

Every spreading model is one :class:`SpreadingModel` record in the registry
:data:`SPREADING_MODELS`: its parameters, the resolver that validates them and
converts the graph into a :class:`Dynamics`, the kernels' calls for final
values, curves and spreading efficiency, its random-stream purpose and the
words that results and reports use. :func:`~netsim.spread.simulate`,
:func:`~netsim.spread.epidemic_curves` and
:func:`~netsim.spread.spreading_efficiency` read the record and name no
model, so a new model is one record passed to :func:`register_model`.

Every public spreading function takes the parameters of every model as
keywords (:data:`MODEL_KEYWORDS`, gathered by :func:`model_params`);
:func:`resolve` checks that only the chosen model's parameters are given,
validates them, converts the graph and returns the :class:`Dynamics` that the
kernels' calls read. Model definitions: MODEL.md section 3.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from .._seeding import Purpose
from .._validation import check_choice, check_int, check_probability, check_real, invalid
from ..exceptions import InvalidParameterError
from ..graphs._csr import CSRGraph, _edge_labels, as_csr
from . import _model_kernels as _calls
from ._dynamics import BURN_IN, GAMMA, WINDOW, Dynamics
from ._regime import resolve_beta
from ._transmission import check_mu, edge_probabilities, graph_for, reference_trust

__all__ = [
    "EFFICIENCY_METHODS",
    "MODEL_KEYWORDS",
    "SEEDINGS",
    "SPREADING_MODELS",
    "Dynamics",
    "Parameter",
    "SpreadingModel",
    "efficiency_models",
    "model_params",
    "register_model",
    "registered",
    "resolve",
    "unregister_model",
]

#: Every model keyword of the public spreading functions, with its signature default.
MODEL_KEYWORDS: dict[str, Any] = {
    "beta": None,
    "beta_factor": None,
    "target_outbreak": None,
    "threshold": "configuration",
    "mu": None,
    "p": None,
    "tau": None,
    "gamma": None,
    "theta": None,
    "m": None,
    "burn_in": None,
    "window": None,
    "transmission": "contact",
    "weight": "trust",
    "w_ref": None,
    "seeding": "single",
}

#: The values of ``seeding``: the sources alone, or the sources and all their neighbours.
SEEDINGS = ("single", "neighbourhood")

#: Parameters whose default is not None, with that default.
_DEFAULTS = {name: value for name, value in MODEL_KEYWORDS.items() if value is not None}


#: The methods of ``spreading_efficiency`` that a model may allow (besides "auto").
EFFICIENCY_METHODS = ("direct", "percolation")


def model_params(
    values: Mapping[str, Any], names: Iterable[str] = MODEL_KEYWORDS
) -> dict[str, Any]:
    """Return the model keywords ``names`` picked out of ``values``, e.g. a function's ``locals()``.

    A keyword missing from ``values`` (one the function does not take) gets
    its signature default from :data:`MODEL_KEYWORDS`, so :func:`resolve`
    always sees every keyword.
    """
    return {name: values.get(name, MODEL_KEYWORDS[name]) for name in names}


@dataclass(frozen=True)
class Parameter:
    """One keyword parameter of a spreading model.

    Attributes
    ----------
    name : str
        The keyword, one of :data:`MODEL_KEYWORDS`.
    default : object
        The value the model uses when the keyword is not given; None when it
        has none (the parameter is required, or one of a pair, or computed
        from the graph, as the constraint says).
    constraint : str
        What a valid value is, in words ("a float in [0, 1]").
    """

    name: str
    default: Any
    constraint: str


#: ``final_values(d, positions, n_runs, key, purpose)``: one value per run.
FinalValues = Callable[[Dynamics, np.ndarray, int, Any, int], np.ndarray]
#: ``curves(d, positions, n_runs, key, purpose)``: run, t and the columns of every row.
Curves = Callable[
    [Dynamics, np.ndarray, int, Any, int], tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]
]
#: ``direct_sums(d, positions, n_runs, key, purpose, bounds=None)``: per node (and batch of
#: runs, with ``bounds``), sums of sizes and squares.
DirectSums = Callable[..., tuple[np.ndarray, np.ndarray]]
#: ``percolation_sums(d, n_runs, key, bounds=None)``: for every node, sums of sizes and squares.
PercolationSums = Callable[..., tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class SpreadingModel:
    """Everything netsim knows about one spreading model, in one record.

    Attributes
    ----------
    name : str
        The ``model`` argument of the public functions ("sir").
    parameters : tuple of Parameter
        The keyword parameters the model takes, in the order messages list
        them (besides ``sources``, ``n_runs``, ``nodes`` and ``seed``).
    resolve : callable
        ``resolve(G, params, caller) -> Dynamics``: validates the model's
        parameters (``params`` maps every keyword of :data:`MODEL_KEYWORDS`),
        converts ``G`` and records the parameters used in ``Dynamics.attrs``.
    final_values : callable
        ``final_values(d, positions, n_runs, key, purpose) -> ndarray``: one
        value per run from the sources at ``positions``, what
        :func:`~netsim.spread.simulate` returns (see
        ``netsim.spread._model_kernels``).
    curves : callable
        ``curves(d, positions, n_runs, key, purpose) -> (run, t, columns)``:
        the rows of :func:`~netsim.spread.epidemic_curves`.
    purpose : Purpose
        The random-stream purpose of the model's runs (the stream of run
        ``r`` is keyed ``(purpose, min(source positions), r)``). A
        deterministic model draws nothing from it.
    returns : str
        What :func:`~netsim.spread.simulate` returns per run, in words
        ("final size").
    value_name : str
        The name of :func:`~netsim.spread.simulate`'s Series ("size").
    noun : str
        Short name of the model in a sentence ("SIR").
    noun_phrase : str
        How a sentence names the model's runs after "in" ("SIR outbreaks").
    description : str
        One phrase describing the model, for an experiment's setup section
        ("discrete-time SIR").
    efficiency_methods : tuple of str, default=()
        The methods of :func:`~netsim.spread.spreading_efficiency` that
        apply, among :data:`EFFICIENCY_METHODS`; empty when the model has no
        final outbreak size, so no spreading efficiency (and no use in an
        experiment).
    direct_sums : callable, optional
        ``direct_sums(d, positions, n_runs, key, purpose, bounds=None) ->
        (sums, sums_sq)``: each node's sum of outbreak sizes over ``n_runs``
        runs from it alone, and of their squares; needed for "direct". With
        run boundaries ``bounds``, one row per batch of runs.
    percolation_sums : callable, optional
        ``percolation_sums(d, n_runs, key, bounds=None) -> (sums,
        sums_sq)``: the same for every node from bond-percolation samples;
        needed for "percolation".
    percolation_exact_when : tuple of (str, object) pairs, default=()
        The parameter values (as used, in ``Dynamics.attrs``) under which
        the percolation mapping is exact; "auto" takes percolation only
        then, and "percolation" is refused otherwise.
    percolation_hint : str, default=""
        The hint of the error that refuses "percolation" when a value of
        ``percolation_exact_when`` does not hold.
    efficiency_refusal : str, default=""
        The hint of the error that refuses the model in
        :func:`~netsim.spread.spreading_efficiency` when
        ``efficiency_methods`` is empty.
    deterministic : bool, default=False
        True when every run is the same and nothing is drawn (so direct
        spreading efficiency keeps one size per node, not one per run).
    """

    name: str
    parameters: tuple[Parameter, ...]
    resolve: Callable[[Any, dict[str, Any], str], Dynamics]
    final_values: FinalValues
    curves: Curves
    purpose: Purpose
    returns: str
    value_name: str
    noun: str
    noun_phrase: str
    description: str
    efficiency_methods: tuple[str, ...] = ()
    direct_sums: DirectSums | None = None
    percolation_sums: PercolationSums | None = None
    percolation_exact_when: tuple[tuple[str, Any], ...] = ()
    percolation_hint: str = ""
    efficiency_refusal: str = ""
    deterministic: bool = False

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """The names of the model's parameters, in order."""
        return tuple(parameter.name for parameter in self.parameters)

    @property
    def defaults(self) -> dict[str, Any]:
        """The default of every parameter that has one (not None)."""
        return {p.name: p.default for p in self.parameters if p.default is not None}

    def percolation_exact(self, values: Mapping[str, Any]) -> bool:
        """Return whether bond percolation is exact for the parameter ``values``.

        ``values`` maps parameter names to values, such as ``Dynamics.attrs``
        or an experiment's condition; a missing or None value counts as the
        parameter's default. What ``method="auto"`` chooses:
        "percolation" when this is True, else "direct".
        """
        if "percolation" not in self.efficiency_methods:
            return False
        defaults = self.defaults
        for name, exact in self.percolation_exact_when:
            value = values.get(name)
            if (defaults.get(name) if value is None else value) != exact:
                return False
        return True


# -- the registry ----------------------------------------------------------------------------

_REGISTRY: dict[str, SpreadingModel] = {}

#: The registered models by name, in registration order (read-only; see register_model).
SPREADING_MODELS: Mapping[str, SpreadingModel] = MappingProxyType(_REGISTRY)


def efficiency_models() -> tuple[str, ...]:
    """Return the models with a spreading efficiency (some ``efficiency_methods``), in order."""
    return tuple(name for name, record in _REGISTRY.items() if record.efficiency_methods)


def register_model(record: SpreadingModel) -> SpreadingModel:
    """Add ``record`` to the registry, after its name; return it.

    Raises
    ------
    TypeError
        If ``record`` is not a :class:`SpreadingModel`.
    InvalidParameterError
        If a model of that name is registered already; if a parameter is not
        a keyword of :data:`MODEL_KEYWORDS` (a new keyword goes there and in
        the public signatures); if an efficiency method is unknown or lacks
        its kernel call.
    """
    if not isinstance(record, SpreadingModel):
        message = f"record must be a SpreadingModel; got {type(record).__name__}."
        raise TypeError(message)
    if record.name in _REGISTRY:
        hint = "Unregister it first (unregister_model), or choose another name."
        raise invalid("the model's name", "a name not registered yet", record.name, hint)
    for name in record.parameter_names:
        if name not in MODEL_KEYWORDS:
            hint = "A new keyword goes into MODEL_KEYWORDS and the public signatures."
            raise invalid("every parameter", "a keyword of MODEL_KEYWORDS", name, hint)
    for method in record.efficiency_methods:
        check_choice("every efficiency method", method, EFFICIENCY_METHODS)
        if getattr(record, f"{method}_sums") is None:
            raise invalid(f"{method}_sums", f"a kernel call when {method!r} applies", None)
    _REGISTRY[record.name] = record
    return record


def unregister_model(name: str) -> SpreadingModel:
    """Remove the model ``name`` from the registry; return its record."""
    name = check_choice("model", name, SPREADING_MODELS)
    return _REGISTRY.pop(name)


@contextmanager
def registered(record: SpreadingModel) -> Iterator[SpreadingModel]:
    """Register ``record`` for the duration of a ``with`` block (tests, experiments).

    Examples
    --------
    >>> from dataclasses import replace
    >>> copy = replace(SPREADING_MODELS["sir"], name="sir_copy")
    >>> with registered(copy):
    ...     "sir_copy" in SPREADING_MODELS
    True
    >>> "sir_copy" in SPREADING_MODELS
    False
    """
    register_model(record)
    try:
        yield record
    finally:
        if _REGISTRY.get(record.name) is record:
            del _REGISTRY[record.name]


# -- validation ------------------------------------------------------------------------------


def _check_model_parameters(record: SpreadingModel, params: dict[str, Any]) -> None:
    """Refuse a parameter given to a model that does not take it."""
    model, takes = record.name, record.parameter_names
    for name, value in params.items():
        given = value is not None and value != _DEFAULTS.get(name)
        if given and name not in takes:
            listed = ", ".join(takes) if takes else "no parameter"
            hint = f"Model {model!r} takes {listed}."
            others = [r.name for r in _REGISTRY.values() if name in r.parameter_names]
            if others:
                shown = ", ".join(repr(other) for other in others)
                verb = f"Models {shown} take" if len(others) > 1 else f"Model {shown} takes"
                hint += f" {verb} {name}."
            if name == "target_outbreak" and record.efficiency_refusal:
                hint = f"{hint} {record.efficiency_refusal}"
            default = _DEFAULTS.get(name)
            constraint = f"{'None' if default is None else repr(default)} for model {model!r}"
            raise invalid(name, constraint, value, hint)


def resolve(
    G: Any,
    model: Any,
    params: dict[str, Any],
    *,
    caller: str,
    root: np.random.SeedSequence | None = None,
) -> Dynamics:
    """Validate ``model`` and its ``params``, convert ``G``, and return the :class:`Dynamics`.

    ``params`` maps every model keyword of the public signature to its value
    (None when not given): see :func:`model_params`. ``root`` is the call's
    root seed: a measured threshold or a ``target_outbreak`` draws from its
    child ``REGIME`` (the resolvers read it as ``params["root"]``).
    """
    model = check_choice("model", model, SPREADING_MODELS)
    record = _REGISTRY[model]
    _check_model_parameters(record, params)
    return record.resolve(G, {**params, "root": root}, caller)


# -- the resolvers ---------------------------------------------------------------------------


def _value(params: dict[str, Any], name: str, default: Any) -> Any:
    """Return ``params[name]``, or ``default`` when it was not given."""
    return default if params[name] is None else params[name]


def _trust_graph(G: Any, params: dict[str, Any], caller: str) -> tuple[CSRGraph, float | None]:
    transmission = params["transmission"]
    csr = graph_for(G, transmission, params["weight"], caller=caller)
    return csr, reference_trust(csr, transmission, params["w_ref"])


def _beta(
    csr: CSRGraph, params: dict[str, Any], w_ref: float | None, refusal: str = ""
) -> tuple[float, dict[str, Any]]:
    """Return ``beta`` and the attributes describing it (``netsim.spread._regime``)."""
    beta, regime = resolve_beta(csr, params, w_ref, params.get("root"), target_refusal=refusal)
    return beta, {**regime, "transmission": params["transmission"], "w_ref": w_ref}


_TARGET_MU_HINT = (
    "A target outbreak is found on bond percolation, which is discrete SIR with mu = 1; "
    "give beta or beta_factor with mu < 1."
)


def _sir(G: Any, params: dict[str, Any], caller: str) -> Dynamics:
    mu = check_mu(_value(params, "mu", 1.0))
    csr, w_ref = _trust_graph(G, params, caller)
    beta, described = _beta(csr, params, w_ref, "" if mu == 1.0 else _TARGET_MU_HINT)
    attrs = {"model": "sir", **described, "mu": mu}
    return Dynamics("sir", csr, edge_probabilities(csr, beta, w_ref), beta=beta, mu=mu, attrs=attrs)


def _sis(G: Any, params: dict[str, Any], caller: str) -> Dynamics:
    mu = check_mu(_value(params, "mu", 1.0))
    burn_in = check_int(
        "burn_in", BURN_IN if params["burn_in"] is None else params["burn_in"], minimum=0
    )
    window = check_int(
        "window", WINDOW if params["window"] is None else params["window"], minimum=1
    )
    csr, w_ref = _trust_graph(G, params, caller)
    beta, described = _beta(csr, params, w_ref)
    attrs = {
        "model": "sis",
        **described,
        "mu": mu,
        "burn_in": burn_in,
        "window": window,
    }
    p = edge_probabilities(csr, beta, w_ref)
    return Dynamics("sis", csr, p, beta=beta, mu=mu, burn_in=burn_in, window=window, attrs=attrs)


def _independent_cascade(G: Any, params: dict[str, Any], caller: str) -> Dynamics:
    p = params["p"]
    if p is None:
        hint = "Give one probability for every edge, or the name of an edge attribute."
        raise invalid("p", "a float in [0, 1] or the name of an edge attribute", p, hint)
    if isinstance(p, str):
        try:
            csr = as_csr(G, weight=p, caller=caller)
        except InvalidParameterError as err:  # name the argument the user gave
            raise InvalidParameterError(str(err).replace(f"weight={p!r}", f"p={p!r}")) from err
        if csr.weights is None:
            hint = f"Build it with CSRGraph.from_networkx(G, weight={p!r})."
            raise invalid("G", "a weighted CSRGraph when p names an edge attribute", csr, hint)
        above = np.flatnonzero(csr.weights > 1.0)
        if above.size:
            edge = _edge_labels(csr, int(above[0]))
            hint = f"Edge {edge!r} has {p}={float(csr.weights[above[0]])!r}."
            raise invalid("p", "the name of an edge attribute with values in [0, 1]", p, hint)
        attrs = {"model": "independent_cascade", "p": p}
        return Dynamics("independent_cascade", csr, np.array(csr.weights), attrs=attrs)
    p = check_probability("p", p)
    csr = as_csr(G, caller=caller)
    attrs = {"model": "independent_cascade", "p": p}
    return Dynamics("independent_cascade", csr, np.empty(0, dtype=np.float64), beta=p, attrs=attrs)


def _continuous_sir(G: Any, params: dict[str, Any], caller: str) -> Dynamics:
    tau = params["tau"]
    if tau is None:
        hint = "continuous_sir needs the transmission rate tau per infectious-susceptible edge."
        raise invalid("tau", "a float >= 0", tau, hint)
    tau = check_real("tau", tau, low=0.0)
    gamma = check_real("gamma", _value(params, "gamma", GAMMA), low=0.0)
    if gamma == 0.0:
        hint = "With gamma = 0 nobody recovers and an outbreak never ends."
        raise invalid("gamma", "a float > 0", gamma, hint)
    csr, w_ref = _trust_graph(G, params, caller)
    rates = np.empty(0, dtype=np.float64) if w_ref is None else tau * (csr.weights / w_ref)
    attrs = {
        "model": "continuous_sir",
        "tau": tau,
        "gamma": gamma,
        "transmission": params["transmission"],
        "w_ref": w_ref,
    }
    return Dynamics("continuous_sir", csr, rates, tau=tau, gamma=gamma, attrs=attrs)


def _threshold_model(G: Any, params: dict[str, Any], caller: str) -> Dynamics:
    theta, m = params["theta"], params["m"]
    if (theta is None) == (m is None):
        message = (
            "give exactly one of theta (a fraction of neighbours) and m (a number of "
            f"neighbours); got theta={theta!r} and m={m!r}."
        )
        raise InvalidParameterError(message)
    if theta is not None:
        threshold, fraction = check_probability("theta", theta), True
    else:
        threshold, fraction = check_real("m", m), False
        if threshold < 1.0:
            raise invalid("m", "a number >= 1", m)
    csr, w_ref = _trust_graph(G, params, caller)
    if w_ref is None:
        weights = np.empty(0, dtype=np.float64)
        totals = csr.degrees.astype(np.float64)
    else:
        weights = csr.weights / w_ref
        totals = np.bincount(csr.rows, weights=weights, minlength=csr.n_nodes)
    seeding = check_choice("seeding", params["seeding"], SEEDINGS)
    attrs = {
        "model": "threshold",
        "theta": None if theta is None else threshold,
        "m": None if m is None else threshold,
        "transmission": params["transmission"],
        "w_ref": w_ref,
        "seeding": seeding,
    }
    return Dynamics(
        "threshold",
        csr,
        np.ascontiguousarray(weights, dtype=np.float64),
        threshold=threshold,
        fraction=fraction,
        totals=np.ascontiguousarray(totals, dtype=np.float64),
        seeding=seeding,
        attrs=attrs,
    )


# -- the records -----------------------------------------------------------------------------

_BETA = Parameter(
    "beta",
    None,
    "a float in [0, 1] (per contact and step); one of beta, beta_factor and target_outbreak",
)
_BETA_FACTOR = Parameter(
    "beta_factor", None, "a float >= 0 (a multiple of the epidemic threshold); or give beta"
)
_TARGET_OUTBREAK = Parameter(
    "target_outbreak",
    None,
    "a float in (0, 1) (the mean outbreak as a share of the nodes); or give beta or beta_factor",
)
_THRESHOLD = Parameter(
    "threshold",
    "configuration",
    "one of 'configuration', 'weighted', 'susceptibility' (the threshold beta_factor multiplies)",
)
_MU = Parameter("mu", 1.0, "a float in (0, 1] (recovery probability per step)")
_TRANSMISSION = Parameter("transmission", "contact", "one of 'contact', 'trust'")
_WEIGHT = Parameter("weight", "trust", "the name of the edge attribute holding the trust")
_W_REF = Parameter("w_ref", None, "a float > 0 (trust of a plain edge); default the mean trust")
_TRUST = (_TRANSMISSION, _WEIGHT, _W_REF)

_PERCOLATION_MU_HINT = (
    "The percolation mapping is exact only for mu = 1: with mu < 1 an infectious "
    "node's transmissions to its neighbours are correlated through its shared "
    'infectious period (Kenah and Robins 2007). Use method="direct" (or "auto").'
)

register_model(
    SpreadingModel(
        name="sir",
        parameters=(_BETA, _BETA_FACTOR, _TARGET_OUTBREAK, _THRESHOLD, _MU, *_TRUST),
        resolve=_sir,
        final_values=_calls.sir_final_values,
        curves=_calls.sir_curves,
        purpose=Purpose.SIR,
        returns="final size",
        value_name="size",
        noun="SIR",
        noun_phrase="SIR outbreaks",
        description="discrete-time SIR",
        efficiency_methods=("direct", "percolation"),
        direct_sums=_calls.sir_direct_sums,
        percolation_sums=_calls.percolation_sums,
        percolation_exact_when=(("mu", 1.0),),
        percolation_hint=_PERCOLATION_MU_HINT,
    )
)
register_model(
    SpreadingModel(
        name="independent_cascade",
        parameters=(Parameter("p", None, "a float in [0, 1] or the name of an edge attribute"),),
        resolve=_independent_cascade,
        final_values=_calls.sir_final_values,
        curves=_calls.sir_curves,
        purpose=Purpose.SIR,  # run for run, discrete SIR with beta = p and mu = 1
        returns="final size",
        value_name="size",
        noun="independent cascade",
        noun_phrase="independent cascade outbreaks",
        description="independent cascade",
        efficiency_methods=("direct", "percolation"),
        direct_sums=_calls.sir_direct_sums,
        percolation_sums=_calls.percolation_sums,
    )
)
register_model(
    SpreadingModel(
        name="continuous_sir",
        parameters=(
            Parameter("tau", None, "a float >= 0 (transmission rate per edge)"),
            Parameter("gamma", GAMMA, "a float > 0 (recovery rate)"),
            *_TRUST,
        ),
        resolve=_continuous_sir,
        final_values=_calls.continuous_sir_final_values,
        curves=_calls.continuous_sir_curves,
        purpose=Purpose.CONTINUOUS_SIR,
        returns="final size",
        value_name="size",
        noun="continuous-time SIR",
        noun_phrase="continuous-time SIR outbreaks",
        description="continuous-time SIR",
        efficiency_methods=("direct",),
        direct_sums=_calls.continuous_sir_direct_sums,
    )
)
register_model(
    SpreadingModel(
        name="sis",
        parameters=(
            _BETA,
            _BETA_FACTOR,
            _THRESHOLD,
            _MU,
            *_TRUST,
            Parameter("burn_in", BURN_IN, "an int >= 0 (steps before the window)"),
            Parameter("window", WINDOW, "an int >= 1 (steps averaged)"),
        ),
        resolve=_sis,
        final_values=_calls.sis_final_values,
        curves=_calls.sis_curves,
        purpose=Purpose.SIS,
        returns="mean prevalence",
        value_name="prevalence",
        noun="SIS",
        noun_phrase="SIS outbreaks",
        description="discrete-time SIS",
        efficiency_refusal=(
            "SIS outbreaks have no final size; netsim.persistence measures SIS spreaders."
        ),
    )
)
register_model(
    SpreadingModel(
        name="threshold",
        parameters=(
            Parameter(
                "theta",
                None,
                "a float in [0, 1] (fraction of neighbours); exactly one of theta and m",
            ),
            Parameter("m", None, "a number >= 1 (of neighbours); or give theta"),
            *_TRUST,
            Parameter(
                "seeding",
                "single",
                "one of 'single', 'neighbourhood' (the sources alone, or with their neighbours)",
            ),
        ),
        resolve=_threshold_model,
        final_values=_calls.threshold_final_values,
        curves=_calls.threshold_curves,
        purpose=Purpose.COMPLEX_CONTAGION,  # deterministic: nothing is drawn
        returns="final size",
        value_name="size",
        noun="complex contagion",
        noun_phrase="complex contagion",
        description="threshold model (complex contagion)",
        efficiency_methods=("direct",),
        direct_sums=_calls.threshold_direct_sums,
        deterministic=True,
    )
)
