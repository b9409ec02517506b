"""Comparable spreading regimes: the ``beta`` at which the mean outbreak is a given share.

"1.5 times the epidemic threshold" is a different regime on different
graphs, because the configuration-model threshold underestimates the real
one on clustered networks (MODEL.md section 3). :func:`beta_for_outbreak`
states the regime by its effect instead: the ``beta`` at which the mean over
nodes of ``M_i / n`` equals a target. :func:`resolve_beta` turns the
spreading functions' ``beta``, ``beta_factor`` (times the ``threshold`` of
choice) or ``target_outbreak`` into one ``beta`` and records all three
descriptions.

References: Newman 2002, doi:10.1103/PhysRevE.66.016128; Newman and Ziff
2000, doi:10.1103/PhysRevLett.85.4104; Efron and Tibshirani 1993,
doi:10.1007/978-1-4899-4541-9.
"""

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._kernels import percolation as _percolation
from .._seeding import Purpose, child, kernel_key, seed_sequence, task_generator
from .._typing import SeedLike
from .._validation import check_choice, check_int, check_probability, check_real, invalid
from ..exceptions import InvalidParameterError
from ..graphs._csr import CSRGraph
from ._threshold import (
    THRESHOLDS,
    configuration_threshold,
    percolation_moments,
    susceptibility_threshold,
    weighted_threshold,
)
from ._transmission import graph_for, reference_trust

__all__ = [
    "OutbreakRegime",
    "beta_for_outbreak",
    "check_target",
    "check_threshold",
    "named_threshold",
    "regime_beta",
    "regime_root",
    "resolve_beta",
    "target_beta",
    "threshold_value",
]

#: Bootstrap resamples of the samples behind beta_for_outbreak's interval.
N_BOOTSTRAP = 1000
#: Samples behind a measured threshold or a target outbreak chosen inside a spreading call.
REGIME_RUNS = 100
#: beta_for_outbreak's grids: 0 and a log-spaced grid to 1; a linear grid over every
#: bootstrap crossing's cell; a linear grid over the estimate's cell.
_LOWEST = 1e-6
_N_COARSE = 601
_N_MIDDLE = 1025
_N_FINE = 257


@dataclass(frozen=True)
class OutbreakRegime:
    """The ``beta`` at which the mean outbreak is a given share of the nodes, with its interval.

    Made by :func:`beta_for_outbreak`; every parameter is an attribute of the
    same name.

    Parameters
    ----------
    beta : float
        Transmission probability per contact at which the mean over nodes of
        ``M_i / n`` equals ``fraction``.
    beta_low, beta_high : float
        Bootstrap percentile interval of ``beta`` at ``level``.
    fraction : float
        The target mean outbreak, as a share of the nodes.
    n_runs : int
        Percolation samples behind the estimate.
    level : float
        Confidence level of the interval.
    transmission : str
        "contact" or "trust".
    w_ref : float or None
        Trust that transmits like an unweighted edge ("trust" only).
    beta_c : float
        The configuration-model threshold of the graph, ``<k> / (<k^2> - <k>)``.

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> regime = netsim.beta_for_outbreak(nx.karate_club_graph(), 0.1, n_runs=100, seed=2)
    >>> regime.beta_low < regime.beta < regime.beta_high, regime.fraction
    (True, 0.1)
    """

    beta: float
    beta_low: float
    beta_high: float
    fraction: float
    n_runs: int
    level: float
    transmission: str
    w_ref: float | None
    beta_c: float

    @property
    def beta_factor(self) -> float:
        """``beta`` as a multiple of the configuration-model threshold ``beta_c``."""
        return self.beta / self.beta_c


def _check_open_unit(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        message = f"{name} must be a float in (0, 1); got {type(value).__name__}."
        raise TypeError(message)
    value = float(value)
    if not 0.0 < value < 1.0:  # NaN fails too
        raise invalid(name, "a float in (0, 1)", value)
    return value


def check_target(value: Any) -> float:
    """Return ``target_outbreak`` if it is a float in (0, 1)."""
    return _check_open_unit("target_outbreak", value)


def _exponents(csr: CSRGraph, w_ref: float | None) -> np.ndarray:
    if w_ref is None:
        return np.empty(0, dtype=np.float64)
    return np.ascontiguousarray(csr.weights / w_ref, dtype=np.float64)


def _reachable(csr: CSRGraph, exponents: np.ndarray) -> tuple[int, int]:
    """Return ``sum s**2`` at ``beta = 0`` (n) and at ``beta = 1`` (squared component sizes)."""
    p = np.empty(0) if exponents.size == 0 else (exponents > 0).astype(np.float64)
    sizes = _percolation.cluster_sizes_bond_percolation(
        csr.indptr, csr.indices, p, 1.0, np.uint64(0), np.uint64(0), int(Purpose.REGIME), 0
    )  # p is 0 or 1: nothing random
    return csr.n_nodes, int(sizes.sum())


def _crossings(curves: np.ndarray, grid: np.ndarray, target: float) -> np.ndarray:
    """Return where each row of non-decreasing ``curves`` first reaches ``target``, interpolated.

    Every row is below ``target`` at ``grid[0]`` and reaches it at
    ``grid[-1]``.
    """
    j = np.argmax(curves >= target, axis=1)
    rows = np.arange(curves.shape[0])
    below, above = curves[rows, j - 1], curves[rows, j]
    share = (target - below) / (above - below)
    return grid[j - 1] + share * (grid[j] - grid[j - 1])


def _find_regime(
    csr: CSRGraph,
    exponents: np.ndarray,
    fraction: float,
    n_runs: int,
    level: float,
    root: np.random.SeedSequence,
    name: str,
) -> tuple[float, float, float]:
    """Return ``beta`` and its interval for the mean ``M / n`` of ``fraction`` (see the docs)."""
    n = csr.n_nodes
    low, high = _reachable(csr, exponents)
    n_sq = float(n) * n
    if not (n > 0 and low / n_sq < fraction <= high / n_sq):
        shown = f"a float in ({low / max(n_sq, 1):.4g}, {high / max(n_sq, 1):.4g}] on this graph"
        hint = (
            "The mean outbreak share runs from 1/n at beta = 0 to the sum of the squared "
            "component sizes over n^2 at beta = 1."
        )
        raise invalid(name, shown, fraction, hint)
    key = kernel_key(root)
    # Per sample, sum s^2 reaches fraction * n^2 (capped: at beta = 1 every sample has high).
    target = min(fraction * n_sq, float(high)) * n_runs
    coarse = np.concatenate(([0.0], np.geomspace(_LOWEST, 1.0, _N_COARSE)))
    sums = percolation_moments(csr, exponents, coarse, n_runs, key)[0].astype(np.float64)
    picks = task_generator(root, Purpose.REGIME).integers(0, n_runs, size=(N_BOOTSTRAP, n_runs))
    offsets = picks + n_runs * np.arange(N_BOOTSTRAP)[:, None]
    counts = np.bincount(offsets.ravel(), minlength=N_BOOTSTRAP * n_runs).astype(np.float64)
    weights = np.vstack([np.ones(n_runs), counts.reshape(N_BOOTSTRAP, n_runs)])
    j = np.argmax(weights @ sums >= target, axis=1)
    middle = np.linspace(coarse[j.min() - 1], coarse[j.max()], _N_MIDDLE)
    sums = percolation_moments(csr, exponents, middle, n_runs, key)[0].astype(np.float64)
    curves = weights @ sums
    found = _crossings(curves, middle, target)
    k = int(np.argmax(curves[0] >= target))
    fine = np.linspace(middle[k - 1], middle[k], _N_FINE)
    sums = percolation_moments(csr, exponents, fine, n_runs, key)[0].astype(np.float64)
    beta = float(_crossings(sums.sum(axis=0)[None, :], fine, target)[0])
    tails = np.quantile(found[1:], [(1.0 - level) / 2.0, (1.0 + level) / 2.0])
    return beta, float(tails[0]), float(tails[1])


def beta_for_outbreak(
    G: Any,
    fraction: float,
    *,
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    n_runs: int = 200,
    level: float = 0.95,
    seed: SeedLike = None,
) -> OutbreakRegime:
    r"""Return the ``beta`` at which the mean outbreak reaches ``fraction`` of the nodes.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph with at least one node. With
        ``transmission="trust"``, a networkx graph needs the edge attribute
        ``weight`` and a CSRGraph needs weights.
    fraction : float
        The target: the mean over nodes of ``M_i / n``, in (0, 1) and
        reachable on ``G`` (see Raises).
    transmission : {"contact", "trust"}, default="contact"
        "contact": every edge transmits with ``beta``. "trust": edge ij
        transmits with ``1 - (1 - beta) ** (w_ij / w_ref)``.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        Trust that transmits like an unweighted edge, > 0; default the mean
        trust over edges. Only with ``transmission="trust"``.
    n_runs : int, default=200
        Bond-percolation samples, >= 2.
    level : float, default=0.95
        Confidence level of the interval ``[beta_low, beta_high]``, in (0, 1).
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    OutbreakRegime
        ``beta``, its interval ``beta_low`` and ``beta_high``, and what it
        was computed from (``fraction``, ``n_runs``, ``level``,
        ``transmission``, ``w_ref``) with the configuration threshold
        ``beta_c`` (so ``beta_factor`` is ``beta / beta_c``).

    Raises
    ------
    InvalidParameterError
        If ``fraction`` is not in (0, 1), or not reachable on ``G``: the
        mean share runs from ``1/n`` at ``beta = 0`` (each source alone) to
        ``sum_c size_c**2 / n**2`` at ``beta = 1`` (each source's whole
        component; components joined by ties of trust > 0 with "trust"),
        and the message gives that range; if ``n_runs < 2``; if ``level``
        is not in (0, 1); if ``transmission``, ``weight`` or ``w_ref`` are
        invalid.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    epidemic_threshold : the threshold that ``beta_factor`` multiplies.
    spreading_efficiency : takes ``target_outbreak``, which calls this function.

    Notes
    -----
    With ``mu = 1`` the outbreak from node :math:`i` in a bond-percolation
    sample is :math:`i`'s cluster, so the mean over nodes of :math:`M_i / n`
    is :math:`\mathbb{E}[\sum_c s_c^2] / n^2`, the sum over clusters of
    their squared sizes. Each sample draws one uniform per edge; an edge
    appears at the ``beta`` at which it transmits, so every sample's
    :math:`\sum_c s_c^2` is a non-decreasing step function of ``beta``, and
    so is their mean over ``n_runs`` samples: ``beta`` is where that mean
    first reaches ``fraction * n**2``.

    It is located on three grids over the same samples (coupled, so each
    refines the last): 0 and 601 points log-spaced from 1e-6 to 1; 1025
    points spaced linearly over the coarse cells in which the estimate and
    every bootstrap replicate cross; 257 points over the estimate's cell of
    that grid, with linear interpolation in the last cell. The estimate's
    grid spacing is then below 1e-6 of the coarse cell, far below the
    interval. The interval resamples the samples with replacement
    (:data:`N_BOOTSTRAP` = 1000 times) and takes the percentiles of the
    replicates' crossings, located on the 1025-point grid (Efron and
    Tibshirani [2]_). Cost: three passes of :math:`O(R\,m \log K)` for
    :math:`R` samples, :math:`m` edges and :math:`K` grid points (Newman and
    Ziff [1]_); memory :math:`O(R\,K)` for the sample curves.

    **Draw order.** Sample :math:`r` draws from the stream keyed ``(REGIME,
    r, 0)`` under ``seed`` (one uniform per undirected edge, in CSR order;
    ``netsim._kernels.percolation_moments``); the bootstrap draws from the
    NumPy generator of task ``(REGIME,)``.

    References
    ----------
    .. [1] M. E. J. Newman and R. M. Ziff, "Efficient Monte Carlo algorithm
       and high-precision results for percolation", Phys. Rev. Lett. 85,
       4104 (2000). doi:10.1103/PhysRevLett.85.4104
    .. [2] B. Efron and R. J. Tibshirani, "An Introduction to the
       Bootstrap", Chapman and Hall (1993). doi:10.1007/978-1-4899-4541-9

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> regime = netsim.beta_for_outbreak(G, 0.2, seed=1)
    >>> round(regime.beta, 3), round(regime.beta_low, 3), round(regime.beta_high, 3)
    (0.235, 0.228, 0.243)
    >>> round(regime.beta_factor, 2)
    1.59
    """
    fraction = _check_open_unit("fraction", fraction)
    n_runs = check_int("n_runs", n_runs, minimum=2)
    level = _check_open_unit("level", level)
    csr = graph_for(G, transmission, weight, caller="beta_for_outbreak")
    w_ref = reference_trust(csr, transmission, w_ref)
    exponents = _exponents(csr, w_ref)
    root = seed_sequence(seed)
    beta, beta_low, beta_high = _find_regime(
        csr, exponents, fraction, n_runs, level, root, "fraction"
    )
    beta_c = configuration_threshold(csr) if csr.n_edges else math.nan
    return OutbreakRegime(
        beta=beta,
        beta_low=beta_low,
        beta_high=beta_high,
        fraction=fraction,
        n_runs=n_runs,
        level=level,
        transmission=transmission,
        w_ref=w_ref,
        beta_c=beta_c,
    )


def check_threshold(threshold: Any, factor: bool, trust: bool, name: str = "beta_factor") -> str:
    """Return ``threshold`` if it is a method of :func:`epidemic_threshold` that applies.

    Not "configuration" only when a ``factor`` (``beta_factor``, or the
    argument ``name``) is given; "weighted" only with ``trust``.
    """
    threshold = check_choice("threshold", threshold, THRESHOLDS)
    if threshold != "configuration" and not factor:
        hint = f"threshold names the epidemic threshold that {name} multiplies."
        raise invalid("threshold", f"'configuration' unless {name} is given", threshold, hint)
    if threshold == "weighted" and not trust:
        hint = 'The weighted threshold reads the trust of each tie: use transmission="trust".'
        constraint = "'configuration' or 'susceptibility' when transmission='contact'"
        raise invalid("threshold", constraint, threshold, hint)
    return threshold


def named_threshold(threshold: str) -> str:
    """Return how a message names the threshold: ``epidemic_threshold(G, "weighted")``."""
    if threshold == "configuration":
        return "epidemic_threshold(G)"
    return f'epidemic_threshold(G, "{threshold}")'


def threshold_value(
    csr: CSRGraph, threshold: str, exponents: np.ndarray, regime_root: np.random.SeedSequence
) -> tuple[float, dict[str, Any]]:
    """Return the ``threshold`` of ``csr`` that ``beta_factor`` multiplies, and its attribute.

    The attribute records a threshold other than the configuration one:
    ``beta_c_weighted`` or ``beta_c_measured`` (from :data:`REGIME_RUNS`
    samples under ``regime_root``).
    """
    if threshold == "configuration":
        return configuration_threshold(csr), {}
    if threshold == "weighted":
        value = weighted_threshold(csr, exponents)
        return value, {"beta_c_weighted": value}
    value = susceptibility_threshold(csr, exponents, REGIME_RUNS, regime_root)
    return value, {"beta_c_measured": value}


def regime_root(root: np.random.SeedSequence | None) -> np.random.SeedSequence:
    """Return the seed of a call's regime: the child ``REGIME`` of its root."""
    return child(seed_sequence(root), int(Purpose.REGIME))


def target_beta(
    csr: CSRGraph, w_ref: float | None, target: float, root: np.random.SeedSequence, name: str
) -> float:
    """Return the ``beta`` of a target outbreak inside a spreading call (200 samples)."""
    if csr.n_nodes == 0:
        raise invalid("G", "a graph with at least one node", csr)
    exponents = _exponents(csr, w_ref)
    return _find_regime(csr, exponents, target, 2 * REGIME_RUNS, 0.95, root, name)[0]


def resolve_beta(
    csr: CSRGraph,
    params: dict[str, Any],
    w_ref: float | None,
    root: np.random.SeedSequence | None,
    *,
    target_refusal: str = "",
) -> tuple[float, dict[str, Any]]:
    """Return ``beta`` from exactly one of ``beta``, ``beta_factor`` and ``target_outbreak``.

    ``params`` holds the model keywords (``beta``, ``beta_factor``,
    ``target_outbreak``, ``threshold``, ``transmission``); ``w_ref`` is None
    for "contact". The random parts (a measured threshold, a target
    outbreak) draw from ``child(root, REGIME)``. ``target_refusal``, when
    not empty, refuses ``target_outbreak`` with that hint (a model without a
    final outbreak size of discrete SIR with ``mu = 1``).

    Returns ``beta`` and the attributes that describe it three ways:
    ``beta``, ``beta_c`` (configuration threshold; None without edges),
    ``beta_factor`` (``beta / beta_c``), ``threshold`` (what ``beta_factor``
    multiplied), ``target_outbreak``, and the threshold multiplied when it
    is not the configuration one (``beta_c_weighted`` or
    ``beta_c_measured``).
    """
    beta, factor = params["beta"], params["beta_factor"]
    target = params.get("target_outbreak")
    threshold = params.get("threshold", "configuration")
    if sum(value is not None for value in (beta, factor, target)) != 1:
        got = f"beta={beta!r} and beta_factor={factor!r}"
        if target is not None:
            got = f"beta={beta!r}, beta_factor={factor!r} and target_outbreak={target!r}"
        message = (
            "give exactly one of beta (a probability), beta_factor (a multiple of the epidemic "
            "threshold) and target_outbreak (the mean outbreak as a share of the nodes); "
            f"got {got}."
        )
        raise InvalidParameterError(message)
    check_threshold(threshold, factor is not None, w_ref is not None)
    if target is not None:
        target = check_target(target)
        if target_refusal:
            raise invalid("target_outbreak", "None for this model", target, target_refusal)
    exponents = _exponents(csr, w_ref)
    seeds = regime_root(root)
    beta_c = configuration_threshold(csr) if csr.n_edges else None
    extra: dict[str, Any] = {}
    if beta is not None:
        beta = check_probability("beta", beta)
    elif factor is not None:
        factor = check_real("beta_factor", factor, low=0.0)
        value, extra = threshold_value(csr, threshold, exponents, seeds)
        beta = factor * value
        if not 0.0 <= beta <= 1.0:
            hint = f"beta_factor * {named_threshold(threshold)} = {beta:.4g} is not a probability."
            raise invalid("beta_factor", f"at most {1 / value:.4g} on this graph", factor, hint)
    else:
        beta = target_beta(csr, w_ref, target, seeds, "target_outbreak")
    stated = None if beta_c is None else beta / beta_c
    if factor is not None and threshold == "configuration":
        stated = factor  # exactly as given, not beta / beta_c rounded
    attrs = {
        "beta": beta,
        "beta_c": beta_c,
        "beta_factor": stated,
        "threshold": threshold,
        "target_outbreak": target,
        **extra,
    }
    return beta, attrs


def regime_beta(
    G: Any, params: dict[str, Any], root: np.random.SeedSequence, *, caller: str
) -> tuple[CSRGraph, dict[str, Any], dict[str, Any]]:
    """Resolve discrete SIR's ``beta`` once, for a function that runs several spreading calls.

    Returns the graph (converted once), ``params`` with ``beta`` absolute
    (and ``beta_factor``, ``target_outbreak`` and ``threshold`` at their
    defaults), and the attributes of :func:`resolve_beta`, so that every
    call sees the same ``beta`` whatever its own seed.
    """
    transmission = params["transmission"]
    csr = graph_for(G, transmission, params["weight"], caller=caller)
    w_ref = reference_trust(csr, transmission, params["w_ref"])
    beta, attrs = resolve_beta(csr, params, w_ref, root)
    fixed = {
        **params,
        "beta": beta,
        "beta_factor": None,
        "target_outbreak": None,
        "threshold": "configuration",
    }
    return csr, fixed, attrs
