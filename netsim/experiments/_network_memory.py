"""How much memory building a network of each kind needs, from its parameters alone.

Each network kind's record (:mod:`netsim.experiments._kinds`) names one of
the functions below; each takes the kind and its full parameters (defaults
filled in) and returns ``(n, m, peak)``: upper bounds on the nodes and edges
and the peak bytes of building the network. The per-item costs were measured
on netsim's own data structures and rounded up (see
:mod:`netsim.experiments._memory`).
"""

import gzip
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from .. import datasets
from .._validation import invalid
from ..exceptions import InvalidParameterError

__all__ = [
    "CSR_BYTES_PER_EDGE",
    "CSR_BYTES_PER_NODE",
    "NetworkBytes",
    "attachment_bytes",
    "configuration_bytes",
    "dataset_bytes",
    "edgelist_bytes",
    "game_bytes",
]

#: ``(kind, full parameters) -> (n, m, peak bytes)``.
NetworkBytes = Callable[[str, Mapping[str, Any]], tuple[float, float, float]]

#: The game's rows of ties, per tie: two ends of 33 bytes (neighbour, tie id, round, trust,
#: origin, partial sum of trust), room for growth, and old and new rows side by side while
#: the rows are laid out again, and the Dunbar cut's stamp per tie number (up to 8 bytes).
_GAME_BYTES_PER_TIE = 208
#: The game's rows, per agent: at least 16 free places a row (twice while laid out again).
_GAME_BYTES_PER_AGENT = 1_100
#: A networkx Graph with ``strategy``, ``group``, ``active`` and ``trust``, ``origin``,
#: ``created`` attributes: about 400 bytes an edge and 700 a node measured.
_NX_BYTES_PER_EDGE = 600
_NX_BYTES_PER_NODE = 1_000
#: A baseline generator's own lists of ends and stubs, per edge.
_GENERATOR_BYTES_PER_EDGE = 200
#: A CSRGraph with trust, ``origin`` and ``created``: 2 entries an edge of index, weight,
#: origin (an object reference) and round; per node the row pointer, degree and attributes.
CSR_BYTES_PER_EDGE = 64
CSR_BYTES_PER_NODE = 48
#: Reading an edge-list file (pandas' parser, then sorting the ends), per edge.
_READ_BYTES_PER_EDGE = 150


def _number(params: Mapping[str, Any], name: str, kind: str) -> float:
    value = params.get(name)
    if value is None:
        message = f"network kind {kind!r} needs {name} to estimate its memory; got none."
        raise InvalidParameterError(message)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise invalid(name, "a number", value)
    return float(value)


def _lion_list_places(n_lion: int, size: Any) -> float:
    """Return how many places the LIONs' lists take (``size`` None: the default 100)."""
    if size == "all":
        return 0.0
    size = 100 if size is None else size
    return float(n_lion * min(size, max(n_lion - 1, 0)))


def _game_ties(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return ``(n, ties, list places)``: agents, a bound on the ties ever held, LION lists."""
    n = _number(params, "n", kind)
    share = {"lion": 1.0, "organic": 0.0}.get(kind)
    if share is None:
        share = _number(params, "lion_fraction", kind)
    p = {name: _number(params, name, kind) for name in _GAME_SIZE_PARAMETERS}
    n_lion = round(share * n)
    requests = n_lion * p["lion_requests"] + (n - n_lion) * p["organic_requests"]
    # Offline ties have mean n * k0 / 2; 10 % and a few standard deviations cover the draw.
    offline = 1.1 * n * p["k0"] / 2 + 6 * math.sqrt(n * p["k0"] / 2 + 1)
    lists = _lion_list_places(n_lion, params.get("lion_list_size"))
    return n, min(offline + p["rounds"] * requests, n * (n - 1) / 2), lists


def _powerlaw_mean(n: float, exponent: float, k_min: float) -> float:
    """Return an upper bound on the mean degree of a power-law sequence on k_min .. n - 1."""
    low, high = max(1, math.ceil(k_min)), max(1, math.floor(n - 1))
    if exponent <= 1 or high <= low:
        return float(high)
    # The first 10,000 degrees exactly; past them, sum_{k=a}^{b} k**-s of a decreasing term
    # lies between the integral from a to b plus b**-s and the integral plus a**-s.
    head_end = min(high, low + 10_000)
    k = np.arange(low, head_end + 1, dtype=np.float64)
    numerator, denominator = float((k ** (1 - exponent)).sum()), float((k**-exponent).sum())
    if head_end < high:
        a = head_end + 1.0

        def integral(power: float) -> float:  # of x ** -power from a to high
            if abs(power - 1) < 1e-12:
                return math.log(high / a)
            return (high ** (1 - power) - a ** (1 - power)) / (1 - power)

        numerator += integral(exponent - 1) + a ** (1 - exponent)
        denominator += integral(exponent) + float(high) ** -exponent
    return min(float(high), numerator / denominator)


def _gzip_size(path: Path, size: int) -> int:
    """Return the size of the text inside a gzip file (its trailer, unless it may have wrapped)."""
    with path.open("rb") as raw:
        raw.seek(-4, os.SEEK_END)
        stored = int.from_bytes(raw.read(4), "little")
    # The trailer holds the size modulo 2**32; text rarely shrinks more than 16-fold.
    return stored if size < 2**28 else max(stored, 20 * size)


def _edgelist_edges(params: Mapping[str, Any]) -> tuple[float, float]:
    """Return upper bounds ``(n, m)`` of an edge-list file, from its size and first lines."""
    path = Path(str(params.get("path", "")))
    if not path.is_file():
        raise invalid("path", "an existing edge-list file", str(path))
    size = path.stat().st_size
    with path.open("rb") as raw:
        packed = raw.read(2) == b"\x1f\x8b"
    opener = gzip.open if packed else open
    text_size = _gzip_size(path, size) if packed else size
    with opener(path, "rb") as handle:
        sample = handle.read(1 << 16)
    lines = [line for line in sample.splitlines() if line.strip()[:1] not in (b"#", b"%", b"")]
    # Half the mean length of the first lines, and never under 4 bytes ("1 2\n").
    shortest = 4.0
    if len(lines) > 10:
        shortest = max(shortest, 0.5 * sum(len(line) + 1 for line in lines) / len(lines))
    m = text_size / shortest + 1
    return 2 * m, m


#: The game's parameters that bound how many ties it ever holds.
_GAME_SIZE_PARAMETERS = ("rounds", "k0", "lion_requests", "organic_requests", "p_job")


def _generated(n: float, m: float) -> tuple[float, float, float]:
    """Return the bounds of a generator that builds a networkx Graph, then its CSRGraph."""
    graph = _NX_BYTES_PER_EDGE * m + _NX_BYTES_PER_NODE * n + _GENERATOR_BYTES_PER_EDGE * m
    return n, m, graph + CSR_BYTES_PER_EDGE * m + CSR_BYTES_PER_NODE * n


def _read(n: float, m: float) -> tuple[float, float, float]:
    """Return the bounds of a network read from a file into a CSRGraph."""
    read = _READ_BYTES_PER_EDGE * m
    return n, m, read + CSR_BYTES_PER_EDGE * m + CSR_BYTES_PER_NODE * n


def game_bytes(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return the bounds of the networking game: its rows of ties, then the CSRGraph."""
    n, ties, lists = _game_ties(kind, params)
    build = _GAME_BYTES_PER_TIE * ties + _GAME_BYTES_PER_AGENT * n + 8 * lists
    return n, ties, build + CSR_BYTES_PER_EDGE * ties + CSR_BYTES_PER_NODE * n


def attachment_bytes(*edges_per_node: str) -> NetworkBytes:
    """Return the estimator of a generator that adds the sum of ``edges_per_node`` ties a node."""

    def estimate(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
        n = _number(params, "n", kind)
        m = n * sum(_number(params, name, kind) for name in edges_per_node)
        return _generated(n, min(m, n * (n - 1) / 2))

    return estimate


def configuration_bytes(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return the bounds of a configuration network with degrees drawn from a distribution."""
    n = _number(params, "n", kind)
    if params["distribution"] == "powerlaw":
        exponent = _number(params, "exponent", kind)
        mean = _powerlaw_mean(n, exponent, _number(params, "k_min", kind))
    else:
        mean = _number(params, "mean_degree", kind)
        if params["distribution"] == "poisson":
            mean += 6 * math.sqrt(mean / max(n, 1)) + 1  # the drawn sum, and one for parity
    return _generated(n, n * mean / 2)


def dataset_bytes(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return the bounds of a shipped data set, from its recorded size."""
    entry = datasets.info(str(params.get("name")))
    return _read(float(entry["n_nodes"]), float(entry["n_edges"]))


def edgelist_bytes(kind: str, params: Mapping[str, Any]) -> tuple[float, float, float]:
    """Return the bounds of an edge-list file, from its size and first lines."""
    return _read(*_edgelist_edges(params))
