"""netsim: who really spreads information, trust and influence in a social network."""

from importlib.metadata import PackageNotFoundError, version

from . import centrality, datasets, exceptions, spread
from .centrality import core_number, k_shell, onion_layers, weighted_k_shell
from .graphs import CSRGraph
from .spread import (
    epidemic_curves,
    epidemic_threshold,
    persistence,
    simulate,
    spreading_efficiency,
    spreading_efficiency_curve,
)

try:
    __version__ = version("netsim")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = [
    "CSRGraph",
    "__version__",
    "centrality",
    "core_number",
    "datasets",
    "epidemic_curves",
    "epidemic_threshold",
    "exceptions",
    "k_shell",
    "onion_layers",
    "persistence",
    "simulate",
    "spread",
    "spreading_efficiency",
    "spreading_efficiency_curve",
    "weighted_k_shell",
]
