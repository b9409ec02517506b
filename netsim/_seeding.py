"""From a user's ``seed`` to the random streams of every task.

The only module that handles ``numpy.random.SeedSequence``. A result is a pure
function of ``(inputs, seed)``: each task (a run, a source node, a percolation
sample) draws from its own stream, keyed by ``(root, purpose, i, j)``, so the
number of threads or processes, the chunking and the subset of nodes asked for
never change a number.

``seed`` may be (SPEC 7):

* an int or a ``SeedSequence``: a reproducible root;
* a ``numpy.random.Generator``: 128 bits are drawn from it to make the root,
  so the generator advances and passing it twice gives different results;
* None: fresh entropy from the operating system, recorded in the result's
  provenance (``DataFrame.attrs["seed_entropy"]``) so the run can be replayed.

Kernels receive the root as two uint64 words (:func:`kernel_key`) and a
purpose constant, and derive each task's stream inside the kernel
(``netsim._kernels.prng.task_state``). Python-level code draws from
:func:`task_generator`.
"""

import numbers
from enum import IntEnum
from typing import Any

import numpy as np

from ._typing import SeedLike
from ._validation import invalid

__all__ = [
    "KEY_SCHEME",
    "Purpose",
    "child",
    "kernel_key",
    "provenance",
    "seed_sequence",
    "task_generator",
]

#: Version of the mapping from seed to streams; bumped when a draw order changes.
KEY_SCHEME = 1


class Purpose(IntEnum):
    """What a random stream is for; part of every task's key."""

    GRAPH = 1
    SOURCES = 2
    SIR = 3
    PERCOLATION = 4
    CONTINUOUS_SIR = 5
    CASCADE = 6
    COMPLEX_CONTAGION = 7
    GAME = 8
    SIS = 9
    BETA_CURVE = 10
    PERSISTENCE = 11
    #: Resampling batches of runs for intervals (netsim.measures); a high value, so that
    #: purposes added in order elsewhere do not collide with it.
    BOOTSTRAP = 16
    # Spreading regimes (measured thresholds, beta for a target outbreak); numbered apart
    # from the purposes above so that new ones can be added there without a clash.
    REGIME = 21


def seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """Return the root ``SeedSequence`` of ``seed`` (see the module docstring).

    Raises
    ------
    TypeError
        If ``seed`` is not None, an int, a SeedSequence or a Generator.
    InvalidParameterError
        If ``seed`` is a negative int.
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, np.random.Generator):
        return np.random.SeedSequence(int.from_bytes(seed.bytes(16), "little"))
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, numbers.Integral) and not isinstance(seed, bool):
        if seed < 0:
            raise invalid("seed", "an int >= 0", int(seed))
        return np.random.SeedSequence(int(seed))
    message = (
        "seed must be None, an int, a numpy.random.SeedSequence or a "
        f"numpy.random.Generator; got {type(seed).__name__}."
    )
    raise TypeError(message)


def kernel_key(root: np.random.SeedSequence) -> tuple[np.uint64, np.uint64]:
    """Return the two uint64 words that key every kernel stream under ``root``."""
    words = root.generate_state(2, dtype=np.uint64)
    return np.uint64(words[0]), np.uint64(words[1])


def child(root: np.random.SeedSequence, *indices: int) -> np.random.SeedSequence:
    """Return the child ``indices`` of ``root``: the tree ``root.spawn`` builds, by address.

    ``child(root, i)`` equals ``root.spawn(n)[i]`` for any ``n > i``, and
    ``child(child(root, i), j)`` equals ``child(root, i, j)``.

    Examples
    --------
    >>> root = np.random.SeedSequence(7)
    >>> child(root, 2).generate_state(1) == root.spawn(3)[2].generate_state(1)
    array([ True])
    >>> child(child(root, 2), 0).spawn_key
    (2, 0)
    """
    key = (*root.spawn_key, *(int(i) for i in indices))
    return np.random.SeedSequence(root.entropy, spawn_key=key, pool_size=root.pool_size)


def task_generator(
    root: np.random.SeedSequence, purpose: Purpose, *indices: int
) -> np.random.Generator:
    """Return the NumPy Generator of task ``(purpose, *indices)`` under ``root``.

    ``SeedSequence(entropy, spawn_key=(..., purpose, *indices))`` is the same
    tree ``root.spawn`` builds, addressed by meaning rather than by position.
    """
    return np.random.default_rng(child(root, int(purpose), *indices))


def provenance(root: np.random.SeedSequence, **extra: Any) -> dict[str, Any]:
    """Return what a result records to be replayed: root entropy, spawn key, key scheme."""
    return {
        "seed_entropy": root.entropy,
        "seed_spawn_key": tuple(root.spawn_key),
        "key_scheme": KEY_SCHEME,
        **extra,
    }
