"""Slow, obvious twins of netsim/measures/_scores.py, written from the definitions.

* :func:`imprecision`: Kitsak et al. 2010 (doi:10.1038/nphys1746),
  eps(p) = 1 - M_c(p) / M_eff(p), with the top fraction holding
  max(1, round-half-up(p n)) nodes and ties broken by *enumerating every
  order of the nodes*: the top set of a ranking with ties is averaged over
  all permutations that sort the nodes by decreasing value.
* :func:`top_k_overlap`: |top k by measure & top k by efficiency| / k,
  averaged over every tie-breaking order of each ranking, independently.
* :func:`kendall_tau`: tau-b from a count of concordant, discordant and tied
  pairs, pair by pair.
* :func:`monotonicity`: Bae and Kim 2014 (doi:10.1016/j.physa.2013.10.047),
  (1 - tied ordered pairs / (n (n - 1)))^2, counting pairs one by one.
* :func:`efficiency_grid`: a dict of lists per (k_shell, degree) cell.

All take plain dicts {node: value} and share nothing with netsim. The
enumerations refuse more than MAX_ENUMERATED nodes.
"""

import math
from collections import defaultdict
from fractions import Fraction
from itertools import pairwise, permutations

MAX_ENUMERATED = 8


def _top_count(p, n):
    """round(p n), halves up, at least 1, computed exactly from p's decimal text."""
    return max(1, math.floor(Fraction(str(p)) * n + Fraction(1, 2)))


def _top_sets(values, m):
    """Return {frozenset: probability} of the top m nodes over all tie-breaking orders."""
    nodes = list(values)
    if len(nodes) > MAX_ENUMERATED:
        message = f"the enumeration is too slow for {len(nodes)} nodes (limit {MAX_ENUMERATED})"
        raise ValueError(message)
    counts = defaultdict(int)
    total = 0
    for order in permutations(nodes):
        if all(values[a] >= values[b] for a, b in pairwise(order)):
            counts[frozenset(order[:m])] += 1
            total += 1
    return {top: Fraction(count, total) for top, count in counts.items()}


def _expected_top_mean(values, efficiency, m):
    return sum(
        probability * sum(Fraction(efficiency[v]) for v in top) / m
        for top, probability in _top_sets(values, m).items()
    )


def imprecision(measure, efficiency, p):
    """Return eps(p) as a float, from exact expectations over all tie-breaking orders."""
    m = _top_count(p, len(measure))
    found = _expected_top_mean(measure, efficiency, m)
    best = _expected_top_mean(efficiency, efficiency, m)
    return float(1 - found / best)


def top_k_overlap(measure, efficiency, k):
    """Return the expected |top k by measure & top k by efficiency| / k."""
    first = _top_sets(measure, k)
    second = _top_sets(efficiency, k)
    expected = sum(pa * pb * len(a & b) for a, pa in first.items() for b, pb in second.items())
    return float(expected / k)


def kendall_tau(x, y):
    """Return tau-b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2)), NaN if undefined."""
    nodes = list(x)
    concordant = discordant = tied_x = tied_y = pairs = 0
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            pairs += 1
            dx = x[a] - x[b]
            dy = y[a] - y[b]
            if dx == 0:
                tied_x += 1
            if dy == 0:
                tied_y += 1
            if dx * dy > 0:
                concordant += 1
            elif dx * dy < 0:
                discordant += 1
    denominator = (pairs - tied_x) * (pairs - tied_y)
    if denominator == 0:
        return math.nan
    return (concordant - discordant) / math.sqrt(denominator)


def monotonicity(values):
    """Return (1 - tied ordered pairs / (n (n - 1)))^2, NaN below two nodes."""
    nodes = list(values)
    n = len(nodes)
    if n < 2:
        return math.nan
    tied = sum(1 for a in nodes for b in nodes if a != b and values[a] == values[b])
    return (1 - tied / (n * (n - 1))) ** 2


def efficiency_grid(efficiency, k_shell, degree):
    """Return {(k_shell, degree): (mean efficiency, number of nodes)}."""
    cells = defaultdict(list)
    for node, value in efficiency.items():
        cells[(k_shell[node], degree[node])].append(value)
    return {cell: (sum(values) / len(values), len(values)) for cell, values in cells.items()}
