"""The numba options every kernel is compiled with, in one place.

Environment switches, read once at import:

``NETSIM_NUMBA_CACHE=0``
    Do not cache compiled kernels on disk (``cache=True`` by default, so that
    only the first run on a machine pays the compile time).
"""

import os

__all__ = ["NJIT", "NJIT_PARALLEL"]

_CACHE = os.environ.get("NETSIM_NUMBA_CACHE", "1") != "0"

NJIT = {"cache": _CACHE, "error_model": "numpy", "nogil": True, "fastmath": False}
NJIT_PARALLEL = {**NJIT, "parallel": True}
