"""Argument validation shared by every public function.

Every message has one shape: ``"<name> must be <constraint>; got <value!r>."``,
optionally followed by a hint sentence, so that a user always sees which
argument is wrong, what would be valid and what was passed.
"""

import difflib
import math
import numbers
from collections.abc import Iterable
from typing import Any

from .exceptions import InvalidParameterError

__all__ = [
    "Described",
    "check_choice",
    "check_int",
    "check_open_unit",
    "check_probability",
    "check_real",
    "invalid",
]


class Described(str):
    """A description of a bad value, shown without quotes in messages."""

    def __repr__(self) -> str:
        return str(self)


def invalid(name: str, constraint: str, value: Any, hint: str = "") -> InvalidParameterError:
    """Return the error for ``name`` not meeting ``constraint`` (to be raised)."""
    message = f"{name} must be {constraint}; got {value!r}."
    if hint:
        message = f"{message} {hint}"
    return InvalidParameterError(message)


def _type_error(name: str, expected: str, value: Any) -> TypeError:
    message = f"{name} must be {expected}; got {type(value).__name__}."
    return TypeError(message)


def check_choice(name: str, value: Any, choices: Iterable[str]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise with a hint.

    The hint suggests the closest valid choice (``difflib``), so a typo such as
    ``'trusted'`` is answered with ``Did you mean 'trust'?``.
    """
    options = sorted(choices)
    if isinstance(value, str) and value in options:
        return value
    hint = ""
    if isinstance(value, str):
        close = difflib.get_close_matches(value, options, n=1)
        if close:
            hint = f"Did you mean {close[0]!r}?"
    shown = "{" + ", ".join(repr(option) for option in options) + "}"
    raise invalid(name, f"one of {shown}", value, hint)


def check_int(name: str, value: Any, *, minimum: int | None = None) -> int:
    """Return ``value`` as a Python int, refusing bools, floats and values below ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise _type_error(name, "an int", value)
    value = int(value)
    if minimum is not None and value < minimum:
        raise invalid(name, f"an int >= {minimum}", value)
    return value


def check_real(
    name: str,
    value: Any,
    *,
    low: float = -math.inf,
    high: float = math.inf,
) -> float:
    """Return ``value`` as a float if it is a finite real in ``[low, high]``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _type_error(name, "a real number", value)
    value = float(value)
    if not (math.isfinite(value) and low <= value <= high):
        raise invalid(name, f"a finite float in [{low:g}, {high:g}]", value)
    return value


def check_probability(name: str, value: Any) -> float:
    """Return ``value`` as a float if it is a probability in [0, 1]."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _type_error(name, "a float in [0, 1]", value)
    value = float(value)
    if not 0.0 <= value <= 1.0:  # NaN fails too
        raise invalid(name, "a float in [0, 1]", value)
    return value


def check_open_unit(name: str, value: Any) -> float:
    """Return ``value`` as a float if it is in (0, 1], as trust is."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise _type_error(name, "a float in (0, 1]", value)
    value = float(value)
    if not 0.0 < value <= 1.0:  # NaN fails too
        raise invalid(name, "a float in (0, 1]", value)
    return value
