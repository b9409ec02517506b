r"""Report figure: where Kitsak's result holds, network by network, beyond the noise.

Kitsak et al. [1]_ found that the nodes of the innermost k-shell spread
further than the best-connected nodes. :func:`kitsak_verdict` puts that
claim to each network of an experiment: at each spreading regime and top
fraction p it compares the imprecision of k-shell and degree, with the
paired 95 % interval of their difference, names the measure that falls
least short (and those within the noise of it), and sets beside it the
core-like-group diagnostic of Liu et al. [2]_ and, for networks that an
experiment also ran rewired (degree-preserving swaps), the same comparison
on the rewired versions.

References
----------
.. [1] M. Kitsak et al., "Identification of influential spreaders in complex
   networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.
.. [2] Y. Liu, M. Tang, T. Zhou and Y. Do, "Core-like groups result in
   invalidation of identifying super-spreader by k-shell decomposition",
   Sci. Rep. 5, 9602 (2015), doi:10.1038/srep09602.

Examples
--------
>>> from netsim.report._analyses_verdict import ANALYSES
>>> list(ANALYSES)
['kitsak_verdict']
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..experiments import ExperimentResults
from ._analyses_rankings import _measure_names
from ._finding import Finding
from ._layout import PALETTE, hatch_patch, new_figure
from ._noise import FRACTIONS, imprecision_scores, noise_group
from ._tables import CONFIDENCE, check_table, labels
from ._words import _TIMES, headline_spread, join, measure_name, where_words

__all__ = ["ANALYSES", "VERDICT_FRACTIONS"]

#: The top fractions of the verdict: Kitsak's 1 %, and 5 % and 20 %.
VERDICT_FRACTIONS = (0.01, 0.05, 0.2)
#: The verdicts, and their colours in the figure.
_VERDICTS = {
    "k-shell": PALETTE[0],
    "degree": PALETTE[1],
    "within noise": "#d9d9d9",
    "not measured": "#ffffff",
}
_REWIRED = "rewired"


def _verdict(low: float, high: float) -> str:
    """Return which of k-shell and degree falls less short, from eps_k_shell - eps_degree."""
    if not (np.isfinite(low) and np.isfinite(high)):
        return "not measured"
    if high < 0:
        return "k-shell"
    if low > 0:
        return "degree"
    return "within noise"


#: What the verdict table says of a network the network table does not describe.
_NO_FACTS = {"kind": "", "rewired_from": None, "core_like_shells": "", "inner_core_like": False}


def _network_facts(results: ExperimentResults) -> dict[Any, dict[str, Any]]:
    """Return, per network label, its kind, what it was rewired from and its core-like shells."""
    facts = {}
    for label, frame in results.networks.groupby("network", sort=False):
        row = frame.iloc[0]
        kind = str(row.get("kind", ""))
        facts[label] = {
            "kind": kind,
            "rewired_from": _origin(row) if kind == _REWIRED else None,
            "core_like_shells": str(row.get("core_like_shells", "") or ""),
            "inner_core_like": bool(row.get("inner_core_like", False)),
        }
    return facts


def _origin(row: pd.Series) -> str | None:
    """Return the label of the network a row's graph was read from: a dataset or a file name."""
    for column, label in (("name", str), ("path", lambda path: Path(str(path)).name)):
        value = row.get(column)
        if value is not None and value == value and value != "":
            return label(value)
    return None


def _verdict_table(nodes: pd.DataFrame, facts: dict[Any, dict[str, Any]]) -> pd.DataFrame:
    """Return one row per (network, spread, p) of the verdict, read from the imprecision scores."""
    names = _measure_names(nodes)
    scores, pairs = imprecision_scores(nodes, names)
    rows = []
    for (network, spread), frame in scores.groupby(["network", "spread"], sort=False):
        condition = pairs.get((network, spread), {})
        for p in VERDICT_FRACTIONS:
            k = FRACTIONS.index(p)
            here = frame[np.isclose(frame["p"], p)].set_index("measure")
            if not {"k_shell", "degree"} <= set(here.index):
                continue
            low, high = condition.get(("k_shell", "degree"), (None, None))
            low = float(low[k]) if low is not None else np.nan
            high = float(high[k]) if high is not None else np.nan
            scored = here["imprecision"]
            at_p = {key: (lo[k], hi[k]) for key, (lo, hi) in condition.items()}
            best = scored.idxmin()
            top = noise_group(scored, at_p, best)
            rows.append(
                {
                    "network": network,
                    "spread": spread,
                    "p": p,
                    "imprecision_k_shell": float(here.loc["k_shell", "imprecision"]),
                    "k_shell_low": float(here.loc["k_shell", "imprecision_low"]),
                    "k_shell_high": float(here.loc["k_shell", "imprecision_high"]),
                    "imprecision_degree": float(here.loc["degree", "imprecision"]),
                    "degree_low": float(here.loc["degree", "imprecision_low"]),
                    "degree_high": float(here.loc["degree", "imprecision_high"]),
                    "difference": float(
                        here.loc["k_shell", "imprecision"] - here.loc["degree", "imprecision"]
                    ),
                    "difference_low": low,
                    "difference_high": high,
                    "verdict": _verdict(low, high),
                    "best": best,
                    "level_with_best": " ".join(m for m in top if m != best),
                    **facts.get(network, _NO_FACTS),
                }
            )
    return pd.DataFrame(rows)


def _row_order(table: pd.DataFrame) -> list[Any]:
    """Return the networks in the table's order, each rewired version right after its original."""
    networks = labels(table, "network")
    kinds = table.drop_duplicates("network").set_index("network")
    originals = [n for n in networks if kinds.loc[n, "kind"] != _REWIRED]
    rewired = {n: kinds.loc[n, "rewired_from"] for n in networks if n not in originals}
    order = []
    for network in originals:
        order.append(network)
        order += [n for n, origin in rewired.items() if origin == str(network)]
    order += [n for n in rewired if n not in order]
    return order


def _draw(table: pd.DataFrame, spreads: list[Any], names: dict[Any, str]) -> Any:
    """Draw the verdict grid: a row per network, a column per (spread, p), coloured by verdict."""
    order = _row_order(table)
    columns = [(spread, p) for spread in spreads for p in VERDICT_FRACTIONS]
    width = max(6.0, 0.75 * len(columns) + 3.0)
    figure, axes = new_figure(1, 1, figsize=(width, 0.42 * len(order) + 2.2))
    ax = axes.ravel()[0]
    cells = table.set_index(["network", "spread", "p"])
    colours = list(_VERDICTS)
    for i, network in enumerate(order):
        for j, (spread, p) in enumerate(columns):
            key = (network, spread, p)
            verdict = cells.loc[key, "verdict"] if key in cells.index else "not measured"
            ax.add_patch(
                _rectangle(
                    j, i, _VERDICTS[verdict], hatch="//" if verdict == "not measured" else ""
                )
            )
            if key in cells.index and np.isfinite(cells.loc[key, "difference"]):
                ax.text(
                    j + 0.5, i + 0.5, _signed(cells.loc[key, "difference"]),
                    ha="center", va="center", fontsize=7,
                    color="white" if verdict in ("k-shell", "degree") else "black",
                )  # fmt: skip
    ax.set_xlim(0, len(columns))
    ax.set_ylim(len(order), 0)
    ax.set_yticks(np.arange(len(order)) + 0.5, [str(n) for n in order], fontsize=8)
    ax.set_xticks(
        np.arange(len(columns)) + 0.5, [f"p = {100 * p:g} %" for _, p in columns], fontsize=7
    )
    ax.tick_params(length=0)
    group = len(VERDICT_FRACTIONS)
    for g, spread in enumerate(spreads):  # the regime, once under its three columns
        ax.annotate(
            names.get(spread, str(spread)), xy=(g * group + group / 2, 1.0),
            xycoords=("data", "axes fraction"), xytext=(0, 4), textcoords="offset points",
            ha="center", va="bottom", fontsize=8, fontweight="bold",
        )  # fmt: skip
    for j in range(len(VERDICT_FRACTIONS), len(columns), len(VERDICT_FRACTIONS)):
        ax.axvline(j, color="black", linewidth=1.2)
    ax.set_title(
        "ε(k-shell) - ε(degree) at each regime (above) and top fraction p (below); "
        "negative: k-shell's top nodes reach further",
        fontsize=9,
        pad=22,
    )
    handles = [hatch_patch("", label) for label in colours]
    for handle, label in zip(handles, colours, strict=True):
        handle.set_facecolor(_VERDICTS[label])
        handle.set_edgecolor("black")
        if label == "not measured":
            handle.set_hatch("//")
    labels_text = [
        "k-shell better, beyond the noise",
        "degree better, beyond the noise",
        f"within the noise ({100 * CONFIDENCE:g} % paired interval holds 0)",
        "noise not measured",
    ]
    figure.legend(handles, labels_text, loc="outside lower center", ncols=2, fontsize=8)
    return figure


def _signed(value: float) -> str:
    """Return a difference with two decimals, or three when it would read as 0.00."""
    return f"{value:+.2f}" if abs(value) >= 0.005 or value == 0 else f"{value:+.3f}"


def _rectangle(x: float, y: float, colour: str, *, hatch: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, facecolor=colour, edgecolor="white", hatch=hatch, linewidth=1)


def _spread_names(nodes: pd.DataFrame) -> dict[Any, str]:
    """Return a short name per spread condition for the figure's columns: "5 % outbreak"."""
    names = {}
    for _, row in nodes.drop_duplicates("spread").iterrows():
        target = row.get("target_outbreak")
        factor = row.get("beta_factor")
        if target is not None and target == target:
            names[row["spread"]] = f"{100 * float(target):g} % outbreak"
        elif factor is not None and factor == factor:
            which = "measured β_c" if row.get("threshold") == "susceptibility" else "β_c"
            names[row["spread"]] = f"{float(factor):g} {_TIMES} {which}"
        else:
            names[row["spread"]] = str(row["spread"])
    return names


def _networks_words(networks: list[Any]) -> str:
    return join([str(n) for n in networks]) if networks else "none"


def _verdict_sentence(table: pd.DataFrame, headline: Any, at: str) -> str:
    """Say where k-shell beats degree beyond the noise, where degree wins, and where neither."""
    original = table[table["kind"] != _REWIRED]
    rewired = table[table["kind"] == _REWIRED]
    here = original[original["spread"] == headline]
    n_networks = here["network"].nunique()
    parts = []
    for p in VERDICT_FRACTIONS:
        cut = here[np.isclose(here["p"], p)]
        groups = {v: list(cut.loc[cut["verdict"] == v, "network"]) for v in _VERDICTS}
        parts.append(
            f"at p = {100 * p:g} %, k-shell's top nodes reach further beyond the noise on "
            f"{len(groups['k-shell'])} ({_networks_words(groups['k-shell'])}), degree's on "
            f"{len(groups['degree'])} ({_networks_words(groups['degree'])}), and the two are "
            f"within the noise on {len(groups['within noise'])}"
            + (
                f" (noise not measured on {len(groups['not measured'])})"
                if groups["not measured"]
                else ""
            )
        )
    text = (
        f"Kitsak's claim put to {n_networks} network{'s' if n_networks != 1 else ''}"
        f"{', ' + at if at else ''}: {'; '.join(parts)}."
    )
    every = original.groupby("network", sort=False)["verdict"]
    holds = [n for n, v in every if (v == "k-shell").any() and not (v == "degree").any()]
    fails = [n for n, v in every if (v == "degree").any() and not (v == "k-shell").any()]
    mixed = [n for n, v in every if (v == "degree").any() and (v == "k-shell").any()]
    text += (
        f" Over every regime and p, Kitsak's result holds (k-shell better somewhere, never "
        f"worse) on {_networks_words(holds)}; it fails (degree better somewhere, never worse) on "
        f"{_networks_words(fails)}"
    )
    if mixed:
        text += f"; the answer depends on the regime or p on {_networks_words(mixed)}"
    text += "."
    flagged = original.drop_duplicates("network")
    flagged = flagged[flagged["core_like_shells"].astype(str) != ""]
    core = set(flagged["network"])
    text += (
        " Core-like groups (Liu et al. 2015: high shells tied mostly among themselves) are "
        f"found on {_networks_words(sorted(core, key=str))}"
    )
    if fails:
        text += f"; of the networks where degree wins, {_count(fails, core)} have them"
    if holds:
        text += f"; of those where k-shell wins, {_count(holds, core)}"
    inner = list(flagged.loc[flagged["inner_core_like"].astype(bool), "network"])
    if inner:
        text += f"; the innermost shell itself is core-like on {_networks_words(inner)}"
    text += "."
    if not rewired.empty:
        text += " " + _rewired_words(original, rewired, headline)
    text += " " + _best_words(original, headline)
    return text


def _rewired_words(original: pd.DataFrame, rewired: pd.DataFrame, headline: Any) -> str:
    """Compare each network's verdict at p = 1 % with its rewired versions' (same degrees)."""
    p = VERDICT_FRACTIONS[0]
    mine = original[(original["spread"] == headline) & np.isclose(original["p"], p)]
    theirs = rewired[(rewired["spread"] == headline) & np.isclose(rewired["p"], p)]
    kept, changed = [], []
    for _, row in mine.iterrows():
        versions = theirs[theirs["rewired_from"] == str(row["network"])]
        if versions.empty:
            continue
        verdicts = set(versions["verdict"])
        if verdicts == {row["verdict"]}:
            kept.append(str(row["network"]))
        else:
            after = join(sorted(verdicts))
            changed.append(f"{row['network']} ({row['verdict']} becomes {after})")
    text = (
        f"Rewired with the same degrees (p = {100 * p:g} %), the verdict stays on "
        f"{_networks_words(kept)}, where the degrees alone explain it"
    )
    if changed:
        text += (
            f", and changes on {join(changed)}, where the structure beyond the degrees decides it"
        )
    return text + "."


def _best_words(original: pd.DataFrame, headline: Any) -> str:
    """Count which measure has the lowest imprecision at p = 1 %, and how often it is alone."""
    p = VERDICT_FRACTIONS[0]
    rows = original[(original["spread"] == headline) & np.isclose(original["p"], p)]
    if rows.empty:
        return ""
    counts = rows["best"].value_counts()
    alone = int((rows["level_with_best"].astype(str) == "").sum())
    named = join([f"{measure_name(m)} on {n}" for m, n in counts.items()])
    text = f"Among all the measures, the lowest imprecision at p = {100 * p:g} % goes to {named}"
    if alone == 0:
        return f"{text}, but on every network other measures are within the noise of it."
    return f"{text}; it is alone, beyond the noise, on {alone} of the {len(rows)} networks."


def _count(networks: list[Any], having: set[Any]) -> str:
    """Return "2 of the 3" for the networks among ``networks`` in ``having``."""
    count = sum(n in having for n in networks)
    return f"{count} of the {len(networks)}" if len(networks) > 1 else ("it" if count else "not it")


def kitsak_verdict(results: ExperimentResults) -> Finding:
    r"""Say, network by network, whether k-shell or degree finds the better spreaders, beyond noise.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment with degree and k-shell among its
        measures; reads ``nodes`` (with its batches of runs, which measure
        the noise) and ``network`` (its kind and, where recorded, the
        core-like shells).

    Returns
    -------
    Finding
        Table: one row per (network, spread, p) for p = 1, 5 and 20 %, with
        the imprecision of k-shell and degree and their 95 % intervals
        (``k_shell_low`` ...), ``difference`` (eps of k-shell minus eps of
        degree) with its paired interval, ``verdict`` ("k-shell",
        "degree", "within noise" or "not measured"), ``best`` (the measure
        of lowest imprecision) and ``level_with_best`` (the measures within
        the noise of it), ``kind`` and ``rewired_from`` (for a rewired
        network, the network it was rewired from), ``core_like_shells``
        and ``inner_core_like``. Figure: a cell per network and (spread, p),
        coloured by the verdict and labelled with the difference.

    Raises
    ------
    InvalidParameterError
        If the node table is empty or lacks degree, k-shell or M.

    Notes
    -----
    The imprecision and its intervals are those of the ``imprecision``
    figure (expected share for ties at the cut; intervals from bootstrap
    draws over the batches of runs, paired across measures). A verdict
    names k-shell or degree only where the 95 % interval of the difference
    excludes 0. Kitsak et al. reported that the innermost shell's nodes
    spread further than the hubs; Liu et al. [2]_ (module docstring)
    showed that densely tied groups with few links out (core-like groups)
    make the k-shell fail on some networks, which the ``core_like_shells``
    column lists (from :func:`netsim.core_like_groups`).
    """
    nodes = check_table(results, "nodes", ("node", "degree", "k_shell", "M"), "kitsak_verdict")
    facts = _network_facts(results)
    table = _verdict_table(nodes, facts)
    spreads = labels(table, "spread")
    figure = _draw(table, spreads, _spread_names(nodes))
    headline = headline_spread(nodes)
    sentence = _verdict_sentence(table, headline, where_words(results, nodes, headline))
    return Finding(
        name="kitsak_verdict",
        title="Where Kitsak's result holds: k-shell against degree, beyond the noise",
        sentence=sentence,
        table=table,
        figure=figure,
    )


ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {"kitsak_verdict": kitsak_verdict}
