"""Who is influential: centralities measured on the graph, and their scores as spreaders.

The centralities return pandas Series indexed by node; where networkx has the
measure they have its name's meaning and its values (:func:`core_number`,
:func:`k_shell`, :func:`onion_layers`, :func:`betweenness`, ...).
:func:`centrality` computes any of them by name. The scores compare a
measure with simulated spreading efficiency (Kitsak et al. 2010), and
:func:`rank_spreaders` runs the whole protocol in one call, with the
uncertainty of its ranking (:func:`top_k_reproducibility`,
:func:`compare_measures`).
"""

from ._classic import betweenness, closeness, degree, eigenvector, pagerank
from ._core_like import core_like_groups, filtered_k_shell
from ._kshell import core_number, k_shell, onion_layers
from ._local import collective_influence, h_index, semi_local, voterank
from ._rank import DEFAULT_MEASURES, rank_spreaders, summary
from ._registry import MEASURES, centrality, centrality_names
from ._scores import efficiency_grid, imprecision, kendall_tau, monotonicity, top_k_overlap
from ._uncertainty import compare_measures, top_k_reproducibility
from ._weighted_kshell import weighted_k_shell

__all__ = [
    "DEFAULT_MEASURES",
    "MEASURES",
    "betweenness",
    "centrality",
    "centrality_names",
    "closeness",
    "collective_influence",
    "compare_measures",
    "core_like_groups",
    "core_number",
    "degree",
    "efficiency_grid",
    "eigenvector",
    "filtered_k_shell",
    "h_index",
    "imprecision",
    "k_shell",
    "kendall_tau",
    "monotonicity",
    "onion_layers",
    "pagerank",
    "rank_spreaders",
    "semi_local",
    "summary",
    "top_k_overlap",
    "top_k_reproducibility",
    "voterank",
    "weighted_k_shell",
]
