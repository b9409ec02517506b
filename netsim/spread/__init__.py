"""Spreading on networks: outbreaks of every model, spreading efficiency, choosing sources."""

from ._curve import spreading_efficiency_curve
from ._efficiency import spreading_efficiency
from ._joint import joint_spread
from ._persistence import persistence
from ._regime import OutbreakRegime, beta_for_outbreak
from ._simulate import epidemic_curves, simulate
from ._sources import STRATEGIES, choose_sources, compare_sources
from ._threshold import epidemic_threshold

__all__ = [
    "STRATEGIES",
    "OutbreakRegime",
    "beta_for_outbreak",
    "choose_sources",
    "compare_sources",
    "epidemic_curves",
    "epidemic_threshold",
    "joint_spread",
    "persistence",
    "simulate",
    "spreading_efficiency",
    "spreading_efficiency_curve",
]
