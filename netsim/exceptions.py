"""Exceptions and warnings raised by netsim.

Every error netsim raises derives from :class:`NetsimError` and also from the
built-in class a user would expect (``ValueError`` for bad values,
``TypeError`` for unsupported kinds of input), so ``except ValueError`` keeps
working.
"""

__all__ = [
    "FileFormatError",
    "InvalidParameterError",
    "NetsimError",
    "NetsimWarning",
    "UnsupportedGraphError",
]


class NetsimError(Exception):
    """Base class of every error raised by netsim."""


class InvalidParameterError(NetsimError, ValueError):
    """An argument has a value outside what the function accepts."""


class UnsupportedGraphError(NetsimError, TypeError):
    """A graph is of a kind netsim refuses (directed, multigraph)."""


class FileFormatError(NetsimError, ValueError):
    """A file's content cannot be read as what it is meant to hold."""


class NetsimWarning(UserWarning):
    """Base class of every warning emitted by netsim."""
