"""The ``netsim`` command line: run, validate, list, rank, generate and new-seed.

A thin shell over the public API: parse the arguments, call netsim, print the
result. Bad input ends with one line on stderr and exit code 2; any other
failure with exit code 1; the traceback is shown only with ``--debug``.
"""

from ._main import cli, main

__all__ = ["cli", "main"]
