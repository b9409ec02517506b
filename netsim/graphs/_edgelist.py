"""Reading SNAP-style edge-list files into endpoint arrays.

One edge a line, ``u v`` or ``u v weight``, separated by whitespace, tabs or
commas; comment lines start with ``#`` or ``%``; plain text or gzip. A fast
path parses with pandas' C reader; when it fails, a line-by-line pass finds the
first line that does not parse (or parses the file where only the slow path
can, such as comment lines between edges) so that errors name the line.
"""

import gzip
import os
from collections.abc import Iterator, Sequence
from typing import IO, Any

import numpy as np
import pandas as pd

from .._validation import check_int, invalid
from ..exceptions import FileFormatError

__all__ = ["read_edge_table"]


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as raw:
        return raw.read(2) == b"\x1f\x8b"


def _open_text(path: str) -> IO[str]:
    if _is_gzip(path):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def _leading_lines(path: str, comments: Sequence[str], header_lines: int) -> tuple[int, str | None]:
    """Count the lines before the first edge and return that edge line."""
    skipped = 0
    headers = header_lines
    with _open_text(path) as handle:
        for line in handle:
            stripped = line.strip()
            if not stripped or stripped.startswith(tuple(comments)):
                skipped += 1
                continue
            if headers > 0:
                headers -= 1
                skipped += 1
                continue
            return skipped, stripped
    return skipped, None


def _sniff_delimiter(line: str) -> str | None:
    return "," if "," in line else None


def _numbered_fields(
    path: str, delimiter: str | None, comments: Sequence[str], header_lines: int
) -> Iterator[tuple[int, str, list[str]]]:
    headers = header_lines
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith(tuple(comments)):
                continue
            if headers > 0:
                headers -= 1
                continue
            if delimiter is None:
                fields = stripped.split()
            else:
                fields = [field.strip() for field in stripped.split(delimiter)]
            yield number, stripped, fields


def _parse_slowly(
    path: str,
    delimiter: str | None,
    comments: Sequence[str],
    header_lines: int,
    weighted: bool,
    nodetype: type,
) -> tuple[list[Any], list[Any], list[float]]:
    n_fields = 3 if weighted else 2
    shape = "'u v weight'" if weighted else "'u v'"
    separator = "whitespace" if delimiter is None else repr(delimiter)
    sources: list[Any] = []
    targets: list[Any] = []
    weights: list[float] = []
    for number, line, fields in _numbered_fields(path, delimiter, comments, header_lines):
        try:
            if len(fields) < n_fields:
                raise ValueError
            u = nodetype(fields[0])
            v = nodetype(fields[1])
            w = float(fields[2]) if weighted else 1.0
        except ValueError as err:
            kind = "int node ids" if nodetype is int else "node ids"
            message = (
                f"line {number} of {path} must be an edge {shape} with {kind}, "
                f"separated by {separator}; got {line!r}."
            )
            raise FileFormatError(message) from err
        sources.append(u)
        targets.append(v)
        weights.append(w)
    return sources, targets, weights


def read_edge_table(
    path: str | os.PathLike[str],
    *,
    delimiter: str | None = None,
    comments: Sequence[str] = ("#", "%"),
    header_lines: int = 0,
    weighted: bool = False,
    nodetype: type = int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Read the edges of an edge-list file, in file order.

    Returns the two endpoint arrays (int64 for ``nodetype=int``, object for
    ``str``) and the float64 weights of the third column, or None when
    ``weighted`` is False. Columns beyond those read are ignored.
    """
    name = os.fspath(path)
    if not isinstance(name, str):
        message = f"path must be a str or os.PathLike; got {type(path).__name__}."
        raise TypeError(message)
    header_lines = check_int("header_lines", header_lines, minimum=0)
    if isinstance(comments, str):
        comments = (comments,)
    if nodetype is not int and nodetype is not str:
        raise invalid("nodetype", "int or str", nodetype)
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise invalid("delimiter", "None (any whitespace) or a single character", delimiter)

    n_skip, first = _leading_lines(name, comments, header_lines)
    label_dtype = np.int64 if nodetype is int else object
    if first is None:
        empty = np.empty(0, dtype=label_dtype)
        return empty, empty.copy(), (np.empty(0) if weighted else None)
    if delimiter is None:
        delimiter = _sniff_delimiter(first)

    columns = [0, 1, 2] if weighted else [0, 1]
    dtypes: dict[int, Any] = {0: label_dtype, 1: label_dtype}
    if weighted:
        dtypes[2] = np.float64
    if nodetype is str:
        dtypes[0] = dtypes[1] = str
    try:
        frame = pd.read_csv(
            name,
            sep=r"\s+" if delimiter is None else delimiter,
            header=None,
            skiprows=n_skip,
            usecols=columns,
            dtype=dtypes,
            compression="gzip" if _is_gzip(name) else None,
            engine="c",
            skipinitialspace=True,
            na_filter=nodetype is int or weighted,
        )
        if frame.shape[1] != len(columns) or (weighted and frame[2].isna().any()):
            raise ValueError
        sources = frame[0].to_numpy(dtype=label_dtype)
        targets = frame[1].to_numpy(dtype=label_dtype)
        weights = frame[2].to_numpy(dtype=np.float64) if weighted else None
    except (ValueError, OverflowError, IndexError):
        slow = _parse_slowly(name, delimiter, comments, header_lines, weighted, nodetype)
        sources = np.asarray(slow[0], dtype=label_dtype)
        targets = np.asarray(slow[1], dtype=label_dtype)
        weights = np.asarray(slow[2], dtype=np.float64) if weighted else None
    return sources, targets, weights
