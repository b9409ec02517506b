"""Per-edge transmission probabilities: "contact" (all ties alike) or "trust" (MODEL.md 3)."""

from typing import Any

import numpy as np

from .._validation import check_choice, check_probability, check_real, invalid
from ..graphs._csr import CSRGraph, as_csr

__all__ = ["TRANSMISSIONS", "check_mu", "edge_probabilities", "graph_for", "reference_trust"]

TRANSMISSIONS = ("contact", "trust")


def graph_for(G: Any, transmission: str, weight: str, *, caller: str) -> CSRGraph:
    """Return ``G`` as a CSRGraph, with its weights when ``transmission="trust"``."""
    check_choice("transmission", transmission, TRANSMISSIONS)
    csr = as_csr(G, weight=weight if transmission == "trust" else None, caller=caller)
    if transmission == "trust" and csr.weights is None:
        hint = f"Build it with CSRGraph.from_networkx(G, weight={weight!r})."
        raise invalid("G", 'a weighted CSRGraph when transmission="trust"', csr, hint)
    return csr


def check_mu(mu: Any) -> float:
    """Return the recovery probability ``mu`` if it is in (0, 1]."""
    mu = check_probability("mu", mu)
    if mu == 0.0:
        hint = "With mu = 0 nobody recovers and an outbreak never ends."
        raise invalid("mu", "a float in (0, 1]", mu, hint)
    return mu


def reference_trust(csr: CSRGraph, transmission: str, w_ref: Any) -> float | None:
    """Return the trust ``w_ref`` that transmits like an unweighted edge (None for "contact").

    The default is the mean trust over the edges of ``csr``.
    """
    if transmission == "contact":
        if w_ref is not None:
            raise invalid("w_ref", 'None when transmission="contact"', w_ref)
        return None
    if w_ref is None:
        w_ref = float(csr.weights.mean()) if csr.weights.size else 1.0
        if w_ref <= 0:
            raise invalid("w_ref", "> 0 (the mean trust of G is 0)", w_ref)
        return w_ref
    w_ref = check_real("w_ref", w_ref)
    if w_ref <= 0:
        raise invalid("w_ref", "a float > 0", w_ref)
    return w_ref


def edge_probabilities(csr: CSRGraph, beta: float, w_ref: float | None) -> np.ndarray:
    """Return the transmission probability of every stored direction, or an empty array.

    ``w_ref`` is None for ``transmission="contact"``: every edge transmits
    with ``beta`` and the empty float64 array tells the kernels so (they
    then skip geometrically). For ``"trust"`` (``w_ref`` from
    :func:`reference_trust`), edge ij transmits with
    ``1 - (1 - beta) ** (w_ij / w_ref)``: a tie of trust ``w_ref`` transmits
    like an unweighted edge, weaker ties less, stronger ties more.
    """
    if w_ref is None:
        return np.empty(0, dtype=np.float64)
    return 1.0 - (1.0 - beta) ** (csr.weights / w_ref)
