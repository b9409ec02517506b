"""The spreading models and their parameters: validation and conversion, once for all.

Every public spreading function takes the parameters of every model as
keywords; :func:`resolve` checks that only the chosen model's parameters are
given, validates them, converts the graph and returns a :class:`Dynamics`
record that the kernels' calls read. Model definitions: MODEL.md section 3.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._validation import check_choice, check_int, check_probability, check_real, invalid
from ..exceptions import InvalidParameterError
from ..graphs._csr import CSRGraph, _edge_labels, as_csr
from ._threshold import resolve_beta
from ._transmission import check_mu, edge_probabilities, graph_for, reference_trust

__all__ = ["MODELS", "Dynamics", "resolve"]

#: Spreading models, in the order the documentation presents them.
MODELS = ("sir", "independent_cascade", "continuous_sir", "sis", "threshold")

#: The keyword parameters each model takes (besides sources, n_runs, nodes, seed).
PARAMETERS = {
    "sir": ("beta", "beta_factor", "mu", "transmission", "weight", "w_ref"),
    "independent_cascade": ("p",),
    "continuous_sir": ("tau", "gamma", "transmission", "weight", "w_ref"),
    "sis": ("beta", "beta_factor", "mu", "transmission", "weight", "w_ref", "burn_in", "window"),
    "threshold": ("theta", "m", "transmission", "weight", "w_ref"),
}

#: Parameters whose default is not None, with that default.
_DEFAULTS = {"transmission": "contact", "weight": "trust"}

#: Defaults of the parameters whose signature default is None.
GAMMA, BURN_IN, WINDOW = 1.0, 100, 100


@dataclass(frozen=True)
class Dynamics:
    """A model with validated parameters on a converted graph: what the kernels need.

    ``edge_values`` holds one float64 per stored direction, or is empty when
    every edge is alike: the transmission probability (``sir``,
    ``independent_cascade``, ``sis``), the transmission rate
    (``continuous_sir``) or the neighbour's weight (``threshold``).
    """

    model: str
    csr: CSRGraph
    edge_values: np.ndarray
    beta: float = 0.0
    mu: float = 1.0
    tau: float = 0.0
    gamma: float = GAMMA
    threshold: float = 0.0
    fraction: bool = True
    totals: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.float64))
    burn_in: int = BURN_IN
    window: int = WINDOW
    attrs: dict[str, Any] = field(default_factory=dict)


def _check_model_parameters(model: str, params: dict[str, Any]) -> None:
    """Refuse a parameter given to a model that does not take it."""
    takes = PARAMETERS[model]
    for name, value in params.items():
        given = value is not None and value != _DEFAULTS.get(name)
        if given and name not in takes:
            hint = f"Model {model!r} takes {', '.join(takes)}."
            default = _DEFAULTS.get(name)
            constraint = f"{'None' if default is None else repr(default)} for model {model!r}"
            raise invalid(name, constraint, value, hint)


def resolve(G: Any, model: Any, params: dict[str, Any], *, caller: str) -> Dynamics:
    """Validate ``model`` and its ``params``, convert ``G``, and return the :class:`Dynamics`.

    ``params`` maps every model keyword of the public signature to its value
    (None when not given).
    """
    model = check_choice("model", model, MODELS)
    _check_model_parameters(model, params)
    return _RESOLVERS[model](G, params, caller)


def _value(params: dict[str, Any], name: str, default: Any) -> Any:
    """Return ``params[name]``, or ``default`` when it was not given."""
    return default if params[name] is None else params[name]


def _trust_graph(G: Any, params: dict[str, Any], caller: str) -> tuple[CSRGraph, float | None]:
    transmission = params["transmission"]
    csr = graph_for(G, transmission, params["weight"], caller=caller)
    return csr, reference_trust(csr, transmission, params["w_ref"])


def _beta_attrs(params: dict[str, Any], beta: float, w_ref: float | None) -> dict[str, Any]:
    factor = params["beta_factor"]
    return {
        "beta": beta,
        "beta_factor": None if factor is None else float(factor),
        "transmission": params["transmission"],
        "w_ref": w_ref,
    }


def _sir(G: Any, params: dict[str, Any], caller: str) -> Dynamics:
    mu = check_mu(_value(params, "mu", 1.0))
    csr, w_ref = _trust_graph(G, params, caller)
    beta = resolve_beta(csr, params["beta"], params["beta_factor"])
    attrs = {"model": "sir", **_beta_attrs(params, beta, w_ref), "mu": mu}
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
    beta = resolve_beta(csr, params["beta"], params["beta_factor"])
    attrs = {
        "model": "sis",
        **_beta_attrs(params, beta, w_ref),
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
    attrs = {
        "model": "threshold",
        "theta": None if theta is None else threshold,
        "m": None if m is None else threshold,
        "transmission": params["transmission"],
        "w_ref": w_ref,
    }
    return Dynamics(
        "threshold",
        csr,
        np.ascontiguousarray(weights, dtype=np.float64),
        threshold=threshold,
        fraction=fraction,
        totals=np.ascontiguousarray(totals, dtype=np.float64),
        attrs=attrs,
    )


_RESOLVERS = {
    "sir": _sir,
    "independent_cascade": _independent_cascade,
    "continuous_sir": _continuous_sir,
    "sis": _sis,
    "threshold": _threshold_model,
}
