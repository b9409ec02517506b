"""Graph types and network generators."""

from ._csr import CSRGraph

__all__ = ["CSRGraph"]
