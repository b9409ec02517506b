"""A spreading model's validated parameters on a converted graph: what its kernels read."""

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..graphs._csr import CSRGraph

__all__ = ["BURN_IN", "GAMMA", "WINDOW", "Dynamics"]

#: Defaults of the parameters whose signature default is None.
GAMMA, BURN_IN, WINDOW = 1.0, 100, 100


@dataclass(frozen=True)
class Dynamics:
    """A model with validated parameters on a converted graph: what the kernels need.

    ``edge_values`` holds one float64 per stored direction, or is empty when
    every edge is alike: the transmission probability (``sir``,
    ``independent_cascade``, ``sis``), the transmission rate
    (``continuous_sir``) or the neighbour's weight (``threshold``).
    ``seeding`` is "single" (a run starts from its sources) or
    "neighbourhood" (from its sources and all their neighbours).
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
    seeding: str = "single"
    attrs: dict[str, Any] = field(default_factory=dict)
