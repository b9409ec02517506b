"""Per-task random streams for the kernels: xoshiro256** keyed by task.

Algorithm
---------
Each task (a run, a source node, a percolation sample) owns a xoshiro256**
generator (Blackman and Vigna, "Scrambled linear pseudorandom number
generators", ACM TOMS 47, 2021, doi:10.1145/3460772): 256 bits of state,
period 2**256 - 1. The state is a pure function of the task's coordinates,
``task_state(key0, key1, purpose, i, j)``:

1. two 64-bit digests of ``(key0, key1, purpose, i, j)`` are absorbed word by
   word with SplitMix64's output function ``mix64`` (Steele, Lea and Flood,
   OOPSLA 2014, doi:10.1145/2660193.2660195), with different salts;
2. each digest seeds a SplitMix64 sequence whose next two outputs fill half
   of the xoshiro state, as the xoshiro authors recommend.

Each absorption step is a bijection of the absorbed word, so tasks that
differ in one coordinate never share a digest; two distinct tasks share a
whole state only if both 64-bit digests collide, which for N tasks happens
with probability about N**2 / 2**129 (about 1e-23 for 10**8 tasks, such as
every node of a million-node graph times 100 runs). Streams started from
distinct states of a 2**256 cycle overlap with probability about
N**2 L / 2**256 for L draws per task: negligible at any size netsim runs.

Draws: ``next_u64`` is xoshiro256**; ``next_double`` takes the top 53 bits,
a uniform in [0, 1) with spacing 2**-53.

All arithmetic is on uint64 with explicit casts: numba types a mix of
uint64 and int64 as float64, which would silently break the generator. Its
sums and products wrap modulo 2**64; run as plain Python
(``NUMBA_DISABLE_JIT=1``) the helpers that add or multiply do so with NumPy's
overflow warning off (``_wraps_silently``), giving the same values.
"""

import math

import numba
import numpy as np

from ._options import NJIT

__all__ = [
    "SALT_A",
    "SALT_B",
    "mix64",
    "next_double",
    "next_geometric",
    "next_u64",
    "seed_task_state",
    "splitmix64_next",
    "task_prefix",
    "task_state",
]

_C1 = np.uint64(0xBF58476D1CE4E5B9)
_C2 = np.uint64(0x94D049BB133111EB)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
SALT_A = np.uint64(0x243F6A8885A308D3)  # digits of pi
SALT_B = np.uint64(0x13198A2E03707344)
_S11 = np.uint64(11)
_S17 = np.uint64(17)
_S27 = np.uint64(27)
_S30 = np.uint64(30)
_S31 = np.uint64(31)
_R7 = np.uint64(7)
_R57 = np.uint64(57)
_R45 = np.uint64(45)
_R19 = np.uint64(19)
_FIVE = np.uint64(5)
_NINE = np.uint64(9)
_TO_UNIT = 1.0 / 9007199254740992.0  # 2**-53
_MAX_SKIP = 2**62


def _wraps_silently(function):
    """Return ``function``, or under ``NUMBA_DISABLE_JIT=1`` a twin with overflow warnings off.

    Compiled, uint64 sums and products wrap modulo 2**64 without a word, which
    the generator relies on. Run as plain Python (``NUMBA_DISABLE_JIT=1``,
    the coverage run) the same lines work on NumPy uint64 scalars, which wrap
    to the same values but warn "overflow encountered in scalar multiply":
    there the function runs inside ``np.errstate(over="ignore")``. The
    compiled kernels get ``function`` itself, so they neither change nor slow
    down.
    """
    if not numba.config.DISABLE_JIT:
        return function

    def silent(*args):
        with np.errstate(over="ignore"):
            return function(*args)

    silent.__name__ = function.__name__
    silent.__qualname__ = function.__qualname__
    silent.__doc__ = function.__doc__
    silent.__wrapped__ = function
    return silent


@numba.njit(inline="always", **NJIT)
@_wraps_silently
def mix64(z):
    """Return SplitMix64's output function of the uint64 ``z`` (a bijection)."""
    z = (z ^ (z >> _S30)) * _C1
    z = (z ^ (z >> _S27)) * _C2
    return z ^ (z >> _S31)


@numba.njit(inline="always", **NJIT)
@_wraps_silently
def splitmix64_next(state):
    """Advance the SplitMix64 state ``state[0]`` (uint64 array) and return its output."""
    state[0] += _GOLDEN
    return mix64(state[0])


@numba.njit(inline="always", **NJIT)
@_wraps_silently
def _absorb(h, word):
    return mix64((h + _GOLDEN) ^ word)


@numba.njit(**NJIT)
def task_prefix(salt, key0, key1, purpose, i):
    """Return the digest of ``(key0, key1, purpose, i)`` under ``salt``, before ``j``.

    A driver that runs many tasks ``(i, j)`` for one ``i`` computes this once
    per ``i`` (for both salts, :data:`SALT_A` and :data:`SALT_B`) and then
    :func:`seed_task_state` per ``j``.
    """
    h = mix64(np.uint64(key0) ^ salt)
    h = _absorb(h, np.uint64(key1))
    h = _absorb(h, np.uint64(purpose))
    return _absorb(h, np.uint64(i))


@numba.njit(**NJIT)
@_wraps_silently
def seed_task_state(s, prefix_a, prefix_b, j):
    """Write the xoshiro256** state of task ``(i, j)`` into ``s`` (uint64 array of 4).

    ``prefix_a`` and ``prefix_b`` are :func:`task_prefix` of the task's
    ``i`` under :data:`SALT_A` and :data:`SALT_B`. Each absorbed digest seeds
    a SplitMix64 sequence whose next two outputs fill half of the state; an
    all-zero state (never seen) is replaced.
    """
    a = _absorb(prefix_a, np.uint64(j))
    b = _absorb(prefix_b, np.uint64(j))
    a += _GOLDEN
    s[0] = mix64(a)
    a += _GOLDEN
    s[1] = mix64(a)
    b += _GOLDEN
    s[2] = mix64(b)
    b += _GOLDEN
    s[3] = mix64(b)
    if s[0] == 0 and s[1] == 0 and s[2] == 0 and s[3] == 0:
        s[0] = _GOLDEN


@numba.njit(**NJIT)
def task_state(key0, key1, purpose, i, j):
    """Return the xoshiro256** state of task ``(purpose, i, j)`` under root key ``(key0, key1)``.

    Parameters
    ----------
    key0, key1 : uint64
        The root key, from ``netsim._seeding``.
    purpose : int
        A stream purpose constant of ``netsim._seeding``.
    i, j : int
        The task's coordinates, >= 0 (for example source node and run).

    Returns
    -------
    ndarray of shape (4,), dtype uint64
        A fresh state, never all zero.
    """
    state = np.empty(4, dtype=np.uint64)
    prefix_a = task_prefix(SALT_A, key0, key1, purpose, i)
    prefix_b = task_prefix(SALT_B, key0, key1, purpose, i)
    seed_task_state(state, prefix_a, prefix_b, j)
    return state


@numba.njit(inline="always", **NJIT)
def _rotl(x, k):
    return (x << k) | (x >> (np.uint64(64) - k))


@numba.njit(inline="always", **NJIT)
@_wraps_silently
def next_u64(s):
    """Advance the xoshiro256** state ``s`` (uint64 array of 4, mutated) and return a uint64."""
    result = _rotl(s[1] * _FIVE, _R7) * _NINE
    t = s[1] << _S17
    s[2] ^= s[0]
    s[3] ^= s[1]
    s[1] ^= s[2]
    s[0] ^= s[3]
    s[2] ^= t
    s[3] = _rotl(s[3], _R45)
    return result


@numba.njit(inline="always", **NJIT)
def next_double(s):
    """Return a uniform float in [0, 1) from the top 53 bits of ``next_u64(s)``."""
    return float(next_u64(s) >> _S11) * _TO_UNIT


@numba.njit(inline="always", **NJIT)
def next_geometric(s, log_q):
    """Return the number of failures before the first success, success probability p.

    ``log_q`` is ``log(1 - p)``, with ``0 < p <= 1`` (``log_q = -inf`` for
    p = 1 gives 0). One draw: ``floor(log(1 - U) / log_q)`` with U uniform in
    [0, 1), so ``1 - U`` is in (0, 1] and the logarithm is finite. Compute
    ``log_q`` as ``math.log1p(-p)``; skips are capped at 2**62.
    """
    skip = math.log(1.0 - next_double(s)) / log_q
    # For tiny p the skip can exceed int64 (or be inf when log_q rounds to
    # 0): cap it far beyond any edge count, so converting it cannot overflow.
    return _MAX_SKIP if skip >= _MAX_SKIP else math.floor(skip)
