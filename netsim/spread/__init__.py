"""Spreading on networks: SIR outbreaks, spreading efficiency and thresholds."""

from ._curve import spreading_efficiency_curve
from ._efficiency import spreading_efficiency
from ._persistence import persistence
from ._simulate import epidemic_curves, simulate
from ._threshold import epidemic_threshold

__all__ = [
    "epidemic_curves",
    "epidemic_threshold",
    "persistence",
    "simulate",
    "spreading_efficiency",
    "spreading_efficiency_curve",
]
