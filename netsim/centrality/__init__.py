"""Centralities: who is influential, measured on the graph alone.

:func:`core_number`, :func:`k_shell` and :func:`onion_layers` have
networkx's names and values and return pandas objects indexed by node.
"""

from ._kshell import core_number, k_shell, onion_layers
from ._weighted_kshell import weighted_k_shell

__all__ = ["core_number", "k_shell", "onion_layers", "weighted_k_shell"]
