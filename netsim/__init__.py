"""netsim: who really spreads information, trust and influence in a social network."""

from importlib.metadata import PackageNotFoundError, version

from . import datasets, exceptions
from .graphs import CSRGraph

try:
    __version__ = version("netsim")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

__all__ = ["CSRGraph", "__version__", "datasets", "exceptions"]
