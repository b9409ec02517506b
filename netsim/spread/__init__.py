"""Spreading on networks: SIR outbreaks, spreading efficiency and thresholds."""

from ._efficiency import spreading_efficiency
from ._sir import epidemic_curves, simulate
from ._threshold import epidemic_threshold

__all__ = ["epidemic_curves", "epidemic_threshold", "simulate", "spreading_efficiency"]
