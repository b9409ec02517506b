"""Numbers, conditions, measures and strategies as a report's sentences and legends say them.

Examples
--------
>>> from netsim.report._words import fmt, pm, pm_by_se, span, join, measure_name
>>> fmt(0.86), fmt(1234.5), pm(412.345, 5.1), pm_by_se(412.345, 5.1)
('0.860', '1,230', '412 ± 5.1', '412.3 ± 5.1')
>>> span([3, 1, 2]), join(["a", "b", "c"])
('1 to 3', 'a, b and c')
>>> measure_name("k_shell"), measure_name("collective_influence")
('k-shell', 'collective influence')
"""

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..experiments import ExperimentResults
from ..experiments._kinds import KINDS
from ..spread._models import SPREADING_MODELS
from ._tables import missing, sweeps, varies

__all__ = [
    "AXIS_LABELS",
    "HEADLINE_BETA_FACTOR",
    "HEADLINE_TARGET_OUTBREAK",
    "ci_text",
    "compare_words",
    "fmt",
    "headline_spread",
    "interval_basis",
    "interval_text",
    "join",
    "measure_name",
    "network_name",
    "network_words",
    "percent",
    "pm",
    "pm_by_se",
    "regime_words",
    "span",
    "spread_words",
    "strategy_name",
    "value_text",
    "where_words",
]

_STRATEGY_NAMES = {"lion": "LIONs", "organic": "organic networkers", "all": "all agents"}
#: Axis labels of the usual sweeps, in MODEL.md's words.
AXIS_LABELS = {
    "lion_fraction": "lion_fraction (share of LIONs)",
    "dunbar": "dunbar (most ties an organic agent maintains)",
    "p_job": "p_job (probability per round of finding a job)",
    "eta": "eta (trust gained per unit of attention)",
    "decay": "decay (trust lost per round)",
    "w_min": "w_min (trust below which a tie is pruned)",
    "rounds": "rounds of the networking game",
    "beta_factor": "beta_factor (beta as a multiple of beta_c)",
    "beta": "beta (transmission probability per contact)",
    "n": "n (agents)",
}


# --- numbers and values in words -------------------------------------------------------------


def fmt(value: Any, digits: int = 3) -> str:
    """Return a number for a sentence: integers whole, others to ``digits`` significant digits."""
    value = float(value)
    if not math.isfinite(value):
        return "n/a"
    if value.is_integer():
        return f"{int(value):,}"
    text = f"{value:#.{digits}g}"  # "#" keeps trailing zeros: 0.860, not 0.86
    if "e" in text and abs(value) < 1:  # 0.000063, not 6.3e-05
        return np.format_float_positional(value, precision=digits, fractional=False, trim="-")
    if "e" in text:  # 230, not 2.3e+02
        text = f"{float(text):.0f}"
    if abs(float(text)) >= 1000:
        return f"{round(float(text)):,}"
    return text.rstrip(".")


def pm(value: Any, se: Any) -> str:
    """Return ``value ± se`` to 3 and 2 significant digits (the value alone without an error)."""
    if se is None or not math.isfinite(float(se)):
        return fmt(value)
    return f"{fmt(value)} ± {fmt(se, 2)}"


def pm_by_se(mean: float, se: float, unit: str = "") -> str:
    """Return ``"412.3 ± 5.1"``: the mean to the decimals of the error's two significant digits."""
    if not math.isfinite(se) or se <= 0:
        return f"{mean:.4g}{unit}"
    digits = int(min(6, max(0, 1 - math.floor(math.log10(se)))))
    return f"{mean:.{digits}f} ± {se:.{digits}f}{unit}"


def percent(share: float, se: float = math.nan) -> str:
    """Return ``"62 %"`` or ``"62 ± 3 %"`` for a share in [0, 1]."""
    return pm_by_se(100 * share, 100 * se, " %") if math.isfinite(se) else f"{100 * share:.0f} %"


def span(values: Iterable[Any], digits: int = 3) -> str:
    """Return ``"a"`` when all values are a, else ``"a to b"`` (smallest to largest)."""
    values = sorted({float(v) for v in values})
    if len(values) == 1 or fmt(values[0], digits) == fmt(values[-1], digits):
        return fmt(values[0], digits)
    return f"{fmt(values[0], digits)} to {fmt(values[-1], digits)}"


def join(parts: Sequence[str]) -> str:
    """Return ``"a, b and c"``."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def value_text(value: Any) -> str:
    """Return a sweep value as a reader sees it: 0.3, 150, trust."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return "none"
        return f"{float(value):g}"
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value)


# --- conditions and measures in words --------------------------------------------------------

#: The beta_factor a report's sentences describe when it is swept (Kitsak et al.'s choice).
HEADLINE_BETA_FACTOR = 1.5
#: The target outbreak a sentence describes when several are run.
HEADLINE_TARGET_OUTBREAK = 0.05
_HEADLINE = {"target_outbreak": HEADLINE_TARGET_OUTBREAK, "beta_factor": HEADLINE_BETA_FACTOR}
#: How sentences name the centrality measures.
_MEASURE_NAMES = {
    "degree": "degree",
    "k_shell": "k-shell",
    "filtered_k_shell": "filtered k-shell",
    "weighted_k_shell": "weighted k-shell",
    "betweenness": "betweenness",
    "closeness": "closeness",
    "eigenvector": "eigenvector centrality",
    "pagerank": "PageRank",
    "h_index": "H-index",
    "collective_influence": "collective influence",
    "semi_local": "semi-local centrality",
    "voterank": "VoteRank",
    "strength": "strength",
    "k_shell_apart": "k-shell apart",
}
#: Spread parameters that are never a condition worth naming.
_QUIET = ("n_runs", "method", "seed")


def measure_name(name: Any) -> str:
    """Return how a sentence names a centrality measure: k-shell, PageRank, H-index."""
    return _MEASURE_NAMES.get(str(name), str(name).replace("_", " "))


def headline_spread(frame: pd.DataFrame) -> Any:
    """Return the spread condition (a ``spread`` label) a sentence describes among several.

    Among the spread conditions of ``frame`` (rows with a ``spread`` column
    and, where present, ``model``, ``transmission``, ``target_outbreak``,
    ``beta_factor`` and ``beta``): the SIR model and contact transmission
    are preferred when those vary; then, if ``target_outbreak`` varies, the
    value closest to :data:`HEADLINE_TARGET_OUTBREAK` (a mean outbreak of
    5 % of the nodes, within the range Kitsak et al. worked in); else, if
    ``beta_factor`` varies, the value closest to
    :data:`HEADLINE_BETA_FACTOR` (1.5 times the epidemic threshold); else,
    if ``beta`` varies, its median value (the lower of the middle two);
    otherwise the first condition.

    Examples
    --------
    >>> frame = pd.DataFrame({"spread": ["a", "b", "c"], "beta_factor": [0.5, 1.25, 2.0]})
    >>> headline_spread(frame)
    'b'
    """
    rows = frame.drop_duplicates("spread")
    for column, preferred in (("model", "sir"), ("transmission", "contact")):
        if varies(rows, column) and (rows[column] == preferred).any():
            rows = rows[(rows[column] == preferred).to_numpy()]
    for column in ("target_outbreak", "beta_factor", "beta"):
        if not varies(rows, column):
            continue
        values = pd.to_numeric(rows[column], errors="coerce").to_numpy(dtype=np.float64)
        finite = np.isfinite(values)
        if not finite.any():
            continue
        if column in _HEADLINE:
            distance = np.where(finite, np.abs(values - _HEADLINE[column]), np.inf)
            rows = rows[distance == distance.min()]
        else:
            ordered = np.sort(values[finite])
            rows = rows[values == ordered[(ordered.size - 1) // 2]]
        break
    return rows["spread"].iloc[0]


def _times_threshold(value: float, threshold: Any = "configuration") -> str:
    name = _THRESHOLD_NAMES.get(str(threshold), "epidemic threshold")
    if math.isclose(value, 1.0):
        return f"at the {name}"
    return f"at {value:g} times the {name}"


_THRESHOLD_NAMES = {
    "configuration": "epidemic threshold",
    "susceptibility": "measured epidemic threshold",
    "weighted": "trust-weighted epidemic threshold",
}


def spread_words(row: Any, columns: Iterable[str]) -> str:
    """Return a spread condition in words, naming the parameters ``columns`` (the swept ones).

    ``row`` maps a spread parameter to its value (a table row). The number
    of runs and the method are never named.

    Examples
    --------
    >>> row = {"model": "sir", "beta_factor": 1.5, "transmission": "contact", "n_runs": 500}
    >>> spread_words(row, ["beta_factor", "transmission", "n_runs"])
    'at 1.5 times the epidemic threshold, every tie transmitting alike (contact)'
    >>> spread_words({"model": "threshold", "theta": 0.02}, ["model", "theta"])
    'in complex contagion with theta = 2 %'
    """
    columns = [c for c in dict.fromkeys(columns) if c not in _QUIET]
    value = {c: row[c] for c in columns if c in row and not missing(row[c])}
    parts = []
    if "model" in value:
        model = str(value.pop("model"))
        record = SPREADING_MODELS.get(model)
        text = "in " + (record.noun_phrase if record else model.replace("_", " "))
        if "theta" in value:
            text += f" with theta = {percent(float(value.pop('theta')))}"
        elif "spread_m" in value:
            text += f" with m = {value_text(value.pop('spread_m'))} neighbours"
        parts.append(text)
    threshold = row["threshold"] if "threshold" in row and not missing(row["threshold"]) else None
    value.pop("threshold", None)
    for column, given in value.items():
        if column == "beta_factor":
            parts.append(_times_threshold(float(given), threshold))
        elif column == "target_outbreak":
            parts.append(f"at the β of a mean outbreak of {percent(float(given))} of the nodes")
        elif column == "beta":
            parts.append(f"at transmission probability {fmt(given)}")
        elif column == "transmission":
            parts.append(
                "every tie transmitting alike (contact)"
                if given == "contact"
                else "ties transmitting in proportion to their trust (trust)"
                if given == "trust"
                else f"with {given} transmission"
            )
        elif column == "theta":
            parts.append(f"with theta = {percent(float(given))}")
        else:
            parts.append(f"{column.removeprefix('spread_')} = {value_text(given)}")
    if len(parts) > 1 and parts[0].startswith("in ") and parts[1].startswith("at "):
        parts[:2] = [f"{parts[0]} {parts[1]}"]
    return ", ".join(parts)


_NETWORK_WORDS = {
    "lion_fraction": lambda v: f"{percent(float(v))} LIONs",
    "dunbar": lambda v: f"a Dunbar limit of {value_text(v)} ties",
    "eta": lambda v: f"trust gain eta = {value_text(v)}",
    "p_job": lambda v: f"p_job = {value_text(v)} a round",
    "distribution": lambda v: f"{_DISTRIBUTIONS.get(v, v)} degrees",
    "n": lambda v: f"{value_text(v)} agents",
    "rounds": lambda v: f"{value_text(v)} rounds",
}
_DISTRIBUTIONS = {"poisson": "Poisson", "powerlaw": "power-law", "regular": "equal"}


def network_words(row: Any, columns: Iterable[str]) -> str:
    """Return the network parameters ``columns`` of a condition in words.

    Examples
    --------
    >>> network_words({"lion_fraction": 0.3, "dunbar": 25}, ["lion_fraction", "dunbar"])
    '30 % LIONs and a Dunbar limit of 25 ties'
    """
    parts = []
    for column in dict.fromkeys(columns):
        if column not in row or missing(row[column]):
            continue
        words = _NETWORK_WORDS.get(column)
        parts.append(words(row[column]) if words else f"{column} = {value_text(row[column])}")
    return join(parts)


def network_name(frame: pd.DataFrame, network: Any, *, short: bool = False) -> str:
    """Return how a sentence names a network condition: jazz, the networking game with 30 % LIONs.

    With ``short``, only the parameters in words (30 % LIONs). A label
    ``"<kind> <parameter>=<value> ..."`` is told in words from the
    condition's row of ``frame``; any other label (a data set's name) is
    kept.
    """
    label = str(network)
    kind, *rest = label.split(" ")
    params = [token.split("=", 1)[0] for token in rest if "=" in token]
    record = KINDS.get(kind)
    if record is None or record.noun is None or "network" not in frame:
        return label
    if not rest:
        return f"the {record.noun}"
    if not params:
        return label
    rows = frame[frame["network"] == network]
    if rows.empty:
        return label
    words = network_words(rows.iloc[0], params)
    if short and words:
        return words
    return f"the {record.noun} with {words}" if words else label


#: The multiplication sign of "1.5 times beta_c" (spelled out: ruff takes it for an x).
_TIMES = "\u00d7"
#: Columns of an experiment's network table that describe a condition's regime.
_REGIME_COLUMNS = ("spread", "beta", "beta_c", "beta_c_measured", "outbreak_fraction")


def regime_words(results: Any, spread: Any, *, network: Any = None) -> str:
    """Return the regime of a spread condition three ways: beta, times thresholds, mean outbreak.

    Read from the network table of ``results`` (its ``beta``, ``beta_c``,
    ``beta_c_measured`` and ``outbreak_fraction``, averaged over replicates;
    a range over the network conditions unless ``network`` picks one).
    ``""`` when the table lacks those columns or the condition has no
    ``beta`` (a model without one).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> table = pd.DataFrame({
    ...     "network": ["a", "a"], "spread": ["sir", "sir"], "beta": [0.031, 0.031],
    ...     "beta_c": [0.0207, 0.0207], "beta_c_measured": [0.0344, 0.0344],
    ...     "outbreak_fraction": [0.021, 0.021],
    ... })
    >>> text = regime_words(SimpleNamespace(networks=table), "sir")
    >>> text[: text.index(";")]
    'β = 0.031 (1.5 \u00d7 β_c, 0.90 \u00d7 the measured threshold'
    >>> text[text.index(";") :]
    '; mean outbreak 2.1 % of the nodes)'
    """
    table = getattr(results, "networks", None)
    if not isinstance(table, pd.DataFrame) or any(c not in table for c in _REGIME_COLUMNS):
        return ""
    rows = table[table["spread"] == spread]
    if network is not None and "network" in rows:
        rows = rows[rows["network"] == network]
    rows = rows[np.isfinite(pd.to_numeric(rows["beta"], errors="coerce"))]
    if rows.empty:
        return ""
    beta = rows["beta"].astype(np.float64)
    values = pd.DataFrame(
        {
            "network": rows.get("network", ""),
            "beta": beta,
            "factor": beta / rows["beta_c"].astype(np.float64),
            "measured": beta / rows["beta_c_measured"].astype(np.float64),
            "share": 100 * rows["outbreak_fraction"].astype(np.float64),
        }
    )
    means = values.groupby("network", sort=False).mean()

    def shown(column: str) -> str:
        finite = means[column][np.isfinite(means[column])]
        return span(finite, 2) if len(finite) else ""

    parts = [f"{shown('factor')} {_TIMES} β_c"] if shown("factor") else []
    if shown("measured"):
        parts.append(f"{shown('measured')} {_TIMES} the measured threshold")
    text = f"β = {shown('beta')}"
    inner = ", ".join(parts)
    if shown("share"):
        inner = f"{inner}; " if inner else ""
        inner += f"mean outbreak {shown('share')} % of the nodes"
    return f"{text} ({inner})" if inner else text


def where_words(
    results: ExperimentResults, frame: pd.DataFrame, spread: Any, *, network: Any = None
) -> str:
    """Return the headline spread condition ``spread`` (and a network condition) in words.

    Only the parameters that vary across ``frame`` (rows with the condition
    columns) are named, then the condition's regime (:func:`regime_words`)
    where the results record it; ``""`` when there is nothing to say.
    """
    network_sweeps, spread_sweeps = sweeps(results, frame)
    parts = []
    if network is not None and network_sweeps:
        row = frame[frame["network"] == network].iloc[0]
        words = network_words(row, [c for c in network_sweeps if varies(frame, c)])
        parts.append(f"with {words}" if words else "")
    spreads = frame.drop_duplicates("spread")
    if len(spreads) > 1:
        row = spreads[spreads["spread"] == spread].iloc[0]
        parts.append(spread_words(row, [c for c in spread_sweeps if varies(spreads, c)]))
    regime = regime_words(results, spread, network=network)
    if regime and len(spreads) > 1 and parts[-1]:
        parts[-1] = f"{parts[-1]} ({regime})"
    elif regime:
        parts.append(f"at {regime}")
    return ", ".join(p for p in parts if p)


# --- strategies ------------------------------------------------------------------------------


def strategy_name(strategy: Any) -> str:
    """Return how a sentence or legend names the agents of a strategy: LIONs, organic networkers."""
    return _STRATEGY_NAMES.get(strategy, str(strategy))


# --- differences and their uncertainty -------------------------------------------------------


def ci_text(row: Any) -> str:
    """Return a mean with its interval: ``"74.1 (95 % CI [72.7, 75.5])"``.

    Examples
    --------
    >>> ci_text({"mean": 74.12, "ci_low": 72.71, "ci_high": 75.53})
    '74.1 (95 % CI [72.7, 75.5])'
    """
    return f"{fmt(row['mean'])} (95 % CI [{fmt(row['ci_low'])}, {fmt(row['ci_high'])}])"


def interval_text(row: Any, unit: str = "") -> str:
    """Return ``"difference 9.7 nodes, 95 % CI [9.3, 10.1]"`` for a row with ``mean`` and ``ci_*``.

    Examples
    --------
    >>> interval_text({"mean": 9.73, "ci_low": 9.31, "ci_high": 10.12}, " nodes")
    'difference 9.73 nodes, 95 % CI [9.31, 10.1]'
    """
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if not (math.isfinite(low) and math.isfinite(high)):
        return f"difference {fmt(row['mean'])}{unit}, no error estimate"
    return f"difference {fmt(row['mean'])}{unit}, 95 % CI [{fmt(low)}, {fmt(high)}]"


def compare_words(
    difference: Any, *, more: str, less: str, what: str, between: str, unit: str = ""
) -> str:
    """Say how two groups differ, as far as the interval of the difference allows.

    ``difference`` is a row of the first group minus the second (``mean``,
    ``ci_low``, ``ci_high``). Only when the interval excludes 0 does the
    sentence rank them (``more`` or ``less``); otherwise it says that the
    difference in ``what`` ``between`` them is not beyond its uncertainty.
    The difference and its interval are always quoted.

    Examples
    --------
    >>> row = {"mean": 9.7, "ci_low": 9.3, "ci_high": 10.1}
    >>> words = {
    ...     "more": "LIONs reach further than organic networkers",
    ...     "less": "LIONs reach less far than organic networkers",
    ...     "what": "reach M", "between": "LIONs and organic networkers", "unit": " nodes",
    ... }
    >>> compare_words(row, **words)
    'LIONs reach further than organic networkers (difference 9.70 nodes, 95 % CI [9.30, 10.1])'
    >>> compare_words({"mean": 0.4, "ci_low": -1.2, "ci_high": 2.0}, **words)
    'no difference in reach M between LIONs and organic networkers beyond the uncertainty \
(difference 0.400 nodes, 95 % CI [-1.20, 2])'
    """
    low, high = float(difference["ci_low"]), float(difference["ci_high"])
    numbers = interval_text(difference, unit)
    if low > 0:
        return f"{more} ({numbers})"
    if high < 0:
        return f"{less} ({numbers})"
    return f"no difference in {what} between {between} beyond the uncertainty ({numbers})"


def interval_basis(n_replicates: int, over: str) -> str:
    """Say what the 95 % intervals hold: networks, or the Monte Carlo error of one network alone.

    Examples
    --------
    >>> interval_basis(3, "replicates")
    '95 % CIs are t-intervals over 3 independent networks'
    >>> interval_basis(1, "runs")[:44]
    'only one network was grown per condition, so'
    """
    if over == "replicates":
        return f"95 % CIs are t-intervals over {n_replicates} independent networks"
    if n_replicates == 1:
        return (
            "only one network was grown per condition, so the 95 % CIs hold the Monte Carlo "
            "error of M alone, not the variation from network to network"
        )
    return (
        f"the {n_replicates} replicates are the same graph, so the 95 % CIs hold the Monte "
        "Carlo error of M alone"
    )
