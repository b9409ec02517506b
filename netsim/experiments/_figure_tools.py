"""What the analyses of an experiment report share: checks, numbers in words, styles, figures.

The analyses (``_analyses_*.py``) read the tables of an
:class:`ExperimentResults` and write a :class:`Finding`; this module holds
the small pieces they all use, once: checking that a table has the columns an
analysis reads, means and standard errors, numbers and values as a sentence
quotes them, the headline spread condition a sentence describes among several
(:func:`headline_spread`), conditions, networks and measures in words, the
names and colours of the game's strategies, the Okabe-Ito palette with marker
and line-style cycles, and new figures that pyplot does not track (the store
saves and closes them).

Examples
--------
>>> from netsim.experiments._figure_tools import fmt, pm, pm_by_se, span, join
>>> fmt(0.86), fmt(1234.5), pm(412.345, 5.1), pm_by_se(412.345, 5.1)
('0.860', '1,230', '412 ± 5.1', '412.3 ± 5.1')
>>> span([3, 1, 2]), join(["a", "b", "c"])
('1 to 3', 'a, b and c')
>>> measure_name("k_shell"), measure_name("collective_influence")
('k-shell', 'collective influence')
"""

import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._validation import Described, invalid
from ..plot._game import _colours, _strategy_order
from ._results import ExperimentResults

__all__ = [
    "AXIS_LABELS",
    "BLACK",
    "CONDITION",
    "HEADLINE_BETA_FACTOR",
    "LINESTYLES",
    "MARKERS",
    "MAX_PANEL_SPREADS",
    "PALETTE",
    "PANEL_COLUMNS",
    "TASK",
    "check_table",
    "errorbar",
    "fmt",
    "headline_spread",
    "join",
    "labels",
    "legend_line",
    "mean_se",
    "measure_name",
    "missing",
    "need_strategies",
    "network_name",
    "network_words",
    "new_figure",
    "panel_figure",
    "panel_grid",
    "panel_title",
    "percent",
    "pm",
    "pm_by_se",
    "same",
    "same_graph",
    "sem",
    "span",
    "spread_words",
    "strategy_colours",
    "strategy_name",
    "strategy_order",
    "sweeps",
    "value_text",
    "varies",
    "where_words",
]

#: The columns that identify one task.
TASK = ["network", "replicate", "spread"]
#: The condition columns every table of the results starts with (and an analysis reads).
CONDITION = ("network", "kind", "replicate", "spread")
#: Network kinds that read the same graph in every replicate.
_SAME_GRAPH_KINDS = ("dataset", "edgelist")
#: The Okabe-Ito palette, for measures and source strategies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Okabe-Ito black, for lines that belong to no strategy.
BLACK = PALETTE[-1]
#: Markers and line styles, cycled for lines that share a colour or a panel.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", ":", "-.")
#: How sentences and legends name the strategies (plural).
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


# --- checks ----------------------------------------------------------------------------------


def check_table(
    results: Any, attribute: str, columns: Iterable[str], analysis: str
) -> pd.DataFrame:
    """Return ``results.<attribute>``, checked to be a non-empty table with the columns read.

    The condition columns (:data:`CONDITION`) are always read.
    """
    if not isinstance(results, ExperimentResults):
        message = f"results must be an ExperimentResults; got {type(results).__name__}."
        raise TypeError(message)
    frame = getattr(results, attribute, None)
    if not isinstance(frame, pd.DataFrame):
        message = f"results.{attribute} must be a pandas.DataFrame; got {type(frame).__name__}."
        raise TypeError(message)
    needed = list(dict.fromkeys([*CONDITION, *columns]))
    absent = [column for column in needed if column not in frame.columns]
    if absent:
        shown = f"no column {absent[0]!r}" if len(absent) == 1 else f"no columns {absent!r}"
        constraint = f"a table with the columns {needed!r} ({analysis} reads them)"
        raise invalid(f"results.{attribute}", constraint, Described(shown))
    if frame.empty:
        constraint = f"a table with at least one row ({analysis} reads it)"
        raise invalid(f"results.{attribute}", constraint, Described("an empty table"))
    return frame


def need_strategies(nodes: pd.DataFrame, analysis: str) -> None:
    """Raise unless some node has a strategy (a network of the game or its baselines)."""
    if nodes["strategy"].notna().any():
        return
    kinds = sorted({str(k) for k in nodes["kind"].dropna()}) if "kind" in nodes else []
    shown = Described(f"only networks without strategies (kinds {kinds!r})")
    hint = (
        f"{analysis} needs networks with strategies (kinds game, lion or organic) "
        "to compare LIONs with organic networkers."
    )
    raise invalid("results", "an experiment whose nodes have strategies", shown, hint)


# --- tables ----------------------------------------------------------------------------------


def labels(frame: pd.DataFrame, column: str) -> list[Any]:
    """Return the distinct values of a column, in the order they first appear."""
    return list(pd.unique(frame[column]))


def same_graph(frame: pd.DataFrame) -> bool:
    """Return whether the rows come from networks that are the same graph in every replicate."""
    return bool(frame["kind"].isin(_SAME_GRAPH_KINDS).all())


def varies(frame: pd.DataFrame, column: str) -> bool:
    """Return whether ``frame`` has ``column`` and it takes more than one value."""
    return column in frame.columns and frame[column].nunique(dropna=False) > 1


def sweeps(results: ExperimentResults, frame: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Return the swept network and spread columns present in ``frame``.

    The model counts as a spread sweep when it varies even if the results do
    not list it (a config with several ``[[spread]]`` tables).
    """
    network = [c for c in results.network_columns if c in frame.columns]
    spread = [c for c in results.spread_columns if c in frame.columns]
    if "model" not in spread and varies(frame, "model"):
        spread.insert(0, "model")
    return network, spread


def missing(value: Any) -> bool:
    """Return whether ``value`` is a parameter a condition lacks (None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def same(column: pd.Series, value: Any) -> np.ndarray:
    """Return where ``column`` equals ``value``, a missing value matching NaN and None."""
    if missing(value):
        return column.isna().to_numpy()
    return (column == value).to_numpy()


def mean_se(values: Iterable[Any]) -> tuple[float, float]:
    """Return the mean of the finite values and its standard error (NaN for fewer than two)."""
    array = np.asarray(list(values), dtype=np.float64)
    array = array[np.isfinite(array)]
    if array.size == 0:
        return math.nan, math.nan
    if array.size == 1:
        return float(array[0]), math.nan
    return float(array.mean()), float(array.std(ddof=1) / math.sqrt(array.size))


def sem(values: Iterable[Any]) -> float:
    """Return the standard error of the mean of the finite values; NaN for fewer than two."""
    return mean_se(values)[1]


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
#: How sentences name the centrality measures.
_MEASURE_NAMES = {
    "degree": "degree",
    "k_shell": "k-shell",
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
_MODEL_NAMES = {
    "sir": "SIR",
    "continuous_sir": "continuous-time SIR",
    "independent_cascade": "independent cascade",
    "threshold": "complex contagion",
}
#: Spread parameters that are never a condition worth naming.
_QUIET = ("n_runs", "method", "seed")


def measure_name(name: Any) -> str:
    """Return how a sentence names a centrality measure: k-shell, PageRank, H-index."""
    return _MEASURE_NAMES.get(str(name), str(name).replace("_", " "))


def headline_spread(frame: pd.DataFrame) -> Any:
    """Return the spread condition (a ``spread`` label) a sentence describes among several.

    Among the spread conditions of ``frame`` (rows with a ``spread`` column
    and, where present, ``model``, ``transmission``, ``beta_factor`` and
    ``beta``): the SIR model and contact transmission are preferred when
    those vary; then, if ``beta_factor`` varies, the value closest to
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
    for column in ("beta_factor", "beta"):
        if not varies(rows, column):
            continue
        values = pd.to_numeric(rows[column], errors="coerce").to_numpy(dtype=np.float64)
        finite = np.isfinite(values)
        if not finite.any():
            continue
        if column == "beta_factor":
            distance = np.where(finite, np.abs(values - HEADLINE_BETA_FACTOR), np.inf)
            rows = rows[distance == distance.min()]
        else:
            ordered = np.sort(values[finite])
            rows = rows[values == ordered[(ordered.size - 1) // 2]]
        break
    return rows["spread"].iloc[0]


def _times_threshold(value: float) -> str:
    if math.isclose(value, 1.0):
        return "at the epidemic threshold"
    return f"at {value:g} times the epidemic threshold"


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
        text = "in " + _MODEL_NAMES.get(model, model.replace("_", " "))
        text += " outbreaks" if model != "threshold" else ""
        if "theta" in value:
            text += f" with theta = {percent(float(value.pop('theta')))}"
        elif "spread_m" in value:
            text += f" with m = {value_text(value.pop('spread_m'))} neighbours"
        parts.append(text)
    for column, given in value.items():
        if column == "beta_factor":
            parts.append(_times_threshold(float(given)))
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
_KIND_NAMES = {
    "game": "networking game",
    "lion": "LION network",
    "organic": "organic network",
    "configuration": "configuration model",
    "barabasi_albert": "Barabási-Albert network",
    "holme_kim": "Holme-Kim network",
    "jackson_rogers": "Jackson-Rogers network",
    "dunbar_capped": "Dunbar-capped network",
}


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
    if kind not in _KIND_NAMES or "network" not in frame:
        return label
    if not rest:
        return f"the {_KIND_NAMES[kind]}"
    if not params:
        return label
    rows = frame[frame["network"] == network]
    if rows.empty:
        return label
    words = network_words(rows.iloc[0], params)
    if short and words:
        return words
    return f"the {_KIND_NAMES[kind]} with {words}" if words else label


def where_words(
    results: ExperimentResults, frame: pd.DataFrame, spread: Any, *, network: Any = None
) -> str:
    """Return the headline spread condition ``spread`` (and a network condition) in words.

    Only the parameters that vary across ``frame`` (rows with the condition
    columns) are named; ``""`` when nothing varies.
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
    return ", ".join(p for p in parts if p)


# --- strategies ------------------------------------------------------------------------------


def strategy_name(strategy: Any) -> str:
    """Return how a sentence or legend names the agents of a strategy: LIONs, organic networkers."""
    return _STRATEGY_NAMES.get(strategy, str(strategy))


def strategy_order(values: Iterable[Any]) -> list[str]:
    """Return the distinct strategies present: LIONs, organic networkers, then others sorted."""
    return _strategy_order(value for value in values if isinstance(value, str))


def strategy_colours(strategies: list[Any]) -> dict[Any, str]:
    """Return the colour of each strategy: the game's own, then spare Okabe-Ito colours."""
    return _colours(strategies)


# --- figures ---------------------------------------------------------------------------------


def new_figure(n_rows: int, n_cols: int, *, figsize: tuple[float, float], **kwargs: Any) -> Any:
    """Return a new figure (not tracked by pyplot) and its 2-d grid of axes.

    ``kwargs`` go to :meth:`matplotlib.figure.Figure.subplots` (``sharex``,
    ``gridspec_kw``, ...).
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, layout="constrained")
    axes = figure.subplots(n_rows, n_cols, squeeze=False, **kwargs)
    return figure, axes


def panel_figure(n_rows: int, n_cols: int, *, width: float = 4.2, height: float = 3.4) -> Any:
    """Return :func:`new_figure` with panels of ``width`` by ``height`` inches."""
    return new_figure(n_rows, n_cols, figsize=(width * n_cols, height * n_rows))


def panel_title(ax: Any, network: str, spread: str, several: bool) -> None:
    """Title a panel with its network condition, and its spread condition when there are many."""
    ax.set_title(f"{network}\n{spread}" if several else network, fontsize=10)


#: Spread conditions that get a row of panels each; with more, only the headline one is drawn
#: (the tables keep every condition).
MAX_PANEL_SPREADS = 2

#: Panels per row when a single spread condition is drawn for many networks.
PANEL_COLUMNS = 4


def panel_grid(
    table: pd.DataFrame,
    networks: list[Any],
    spreads: list[Any],
    *,
    headline: Any,
    width: float = 4.2,
    height: float = 3.4,
) -> tuple[Any, Iterator[tuple[Any, Any, Any, pd.DataFrame]]]:
    """Return a figure and its panels ``(ax, network, spread, rows)``, one per network and spread.

    With at most :data:`MAX_PANEL_SPREADS` spread conditions, each has a row
    of panels, a column per network. With more, only the ``headline``
    condition is drawn, and the networks wrap into rows of
    :data:`PANEL_COLUMNS`. ``rows`` are the rows of ``table`` for the panel;
    a panel without rows, and a spare cell of the grid, is switched off.
    """
    drawn = spreads if len(spreads) <= MAX_PANEL_SPREADS else [headline]
    if len(drawn) == 1:
        n_cols = max(1, min(len(networks), PANEL_COLUMNS))
        n_rows = -(-len(networks) // n_cols)
    else:
        n_rows, n_cols = len(drawn), len(networks)
    figure, axes = new_figure(n_rows, n_cols, figsize=(width * n_cols, height * n_rows))
    cells = list(axes.ravel())
    pairs = [(network, spread) for spread in drawn for network in networks]
    groups = dict(iter(table.groupby(["network", "spread"], sort=False)))  # one pass

    def panels() -> Iterator[tuple[Any, Any, Any, pd.DataFrame]]:
        for ax in cells[len(pairs) :]:
            ax.set_axis_off()
        for ax, (network, spread) in zip(cells, pairs, strict=False):
            rows = groups.get((network, spread))
            if rows is None or rows.empty:
                ax.set_axis_off()
                continue
            yield ax, network, spread, rows

    return figure, panels()


def legend_line(**kwargs: Any) -> Any:
    """Return a legend entry: a line drawn nowhere."""
    from matplotlib.lines import Line2D

    return Line2D([], [], **kwargs)


def errorbar(ax: Any, x: np.ndarray, y: np.ndarray, se: np.ndarray, **kwargs: Any) -> None:
    """Draw ``y ± se`` against ``x``, sorted by x (a missing error drawn as none)."""
    order = np.argsort(x, kind="stable")
    se = np.where(np.isfinite(se), se, 0.0)
    ax.errorbar(x[order], y[order], yerr=se[order], capsize=2, markersize=4, **kwargs)
