"""netsim: who really spreads information, trust and influence in a social network."""

from importlib.metadata import PackageNotFoundError, version

from . import datasets, exceptions, measures, plot, spread
from .graphs import CSRGraph
from .measures import (
    betweenness,
    centrality,
    closeness,
    collective_influence,
    core_number,
    degree,
    efficiency_grid,
    eigenvector,
    h_index,
    imprecision,
    k_shell,
    kendall_tau,
    monotonicity,
    onion_layers,
    pagerank,
    rank_spreaders,
    semi_local,
    top_k_overlap,
    voterank,
    weighted_k_shell,
)
from .spread import (
    choose_sources,
    compare_sources,
    epidemic_curves,
    epidemic_threshold,
    joint_spread,
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
    "betweenness",
    "centrality",
    "choose_sources",
    "closeness",
    "collective_influence",
    "compare_sources",
    "core_number",
    "datasets",
    "degree",
    "efficiency_grid",
    "eigenvector",
    "epidemic_curves",
    "epidemic_threshold",
    "exceptions",
    "h_index",
    "imprecision",
    "joint_spread",
    "k_shell",
    "kendall_tau",
    "measures",
    "monotonicity",
    "onion_layers",
    "pagerank",
    "persistence",
    "plot",
    "rank_spreaders",
    "semi_local",
    "simulate",
    "spread",
    "spreading_efficiency",
    "spreading_efficiency_curve",
    "top_k_overlap",
    "voterank",
    "weighted_k_shell",
]
