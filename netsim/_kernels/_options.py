"""The numba options every kernel is compiled with, in one place.

Environment switches, read once at import:

``NETSIM_NUMBA_CACHE=0``
    Do not cache compiled kernels on disk (``cache=True`` by default, so that
    only the first run on a machine pays the compile time).

``OMP_WAIT_POLICY``
    netsim sets it to ``PASSIVE`` unless it is already set. With numba's
    OpenMP threading layer, the default (active) policy keeps idle threads
    spinning between parallel regions; on a machine whose cores are busy
    with other work, those spinning threads take the cores from the ones
    that have work, and a kernel that launches many short parallel regions
    (a round of the networking game) ran 60-300 times slower on 2 threads
    than on 1. Passive threads sleep instead. It takes effect only if no
    OpenMP runtime was loaded before netsim.
"""

import os

__all__ = ["NJIT", "NJIT_PARALLEL", "set_threads"]

_CACHE = os.environ.get("NETSIM_NUMBA_CACHE", "1") != "0"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

NJIT = {"cache": _CACHE, "error_model": "numpy", "nogil": True, "fastmath": False}
NJIT_PARALLEL = {**NJIT, "parallel": True}


def set_threads(threads: int) -> None:
    """Run this process's parallel kernels on ``threads`` threads (at most numba's maximum)."""
    import numba

    numba.set_num_threads(max(1, min(int(threads), numba.config.NUMBA_NUM_THREADS)))
