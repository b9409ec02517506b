r"""Report figure on SIS: where an endemic infection persists, by k-shell and by degree.

Kitsak et al. [1]_ (their third result) ran SIS, where recovered nodes can be
infected again, and measured each node's persistence: the probability that it
is infected in the steady state (:func:`netsim.persistence`). They found it
highest in the inner k-shells, whatever the degree. An experiment whose
``[spread]`` has ``model = "sis"`` stores each node's persistence, with its
standard error over runs, in the node table's ``M`` and ``M_se`` columns.

* ``persistence``: mean persistence by k-shell and by degree, and on the
  (k-shell, degree) map.

References
----------
.. [1] M. Kitsak, L. K. Gallos, S. Havlin, F. Liljeros, L. Muchnik,
   H. E. Stanley and H. A. Makse, "Identification of influential spreaders
   in complex networks", Nat. Phys. 6, 888-893 (2010), doi:10.1038/nphys1746.

Examples
--------
>>> from netsim.report._analyses_persistence import ANALYSES
>>> list(ANALYSES)
['persistence']
"""

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from .. import measures as _measures
from .._validation import Described, invalid
from ..experiments import ExperimentResults
from ..spread._persistence import PERSISTENCE_MODELS
from ._finding import Finding
from ._layout import PALETTE, new_figure
from ._tables import check_table, labels
from ._words import headline_spread, network_name, pm, where_words

__all__ = ["ANALYSES"]

#: Most degree bins of the persistence-against-degree panel (logarithmic beyond this).
_DEGREE_BINS = 12
#: Panel size in inches.
_WIDTH, _HEIGHT = 4.2, 3.2


def _group(values: pd.DataFrame) -> dict[str, float]:
    """Return the mean persistence of a group of nodes, an upper bound on its SE, and its size.

    Every node's persistence comes from the same runs, so the nodes' errors
    are correlated; the standard deviation of a sum is at most the sum of the
    standard deviations, so the mean of the nodes' standard errors bounds the
    standard error of their mean.
    """
    return {
        "persistence": float(values["M"].mean()),
        "persistence_se": float(values["M_se"].mean()),
        "n_nodes": len(values),
    }


def _degree_edges(degrees: np.ndarray) -> np.ndarray:
    """Return integer bin edges of the degrees: one per degree, or logarithmic bins."""
    low, high = int(degrees.min()), int(degrees.max())
    if high - low + 1 <= _DEGREE_BINS:
        return np.arange(low, high + 2)
    edges = np.geomspace(max(low, 1), high + 1, _DEGREE_BINS + 1)
    edges = np.unique(np.round(edges).astype(np.int64))
    return np.concatenate([[0], edges]) if low == 0 else edges


def _profiles(task: pd.DataFrame) -> pd.DataFrame:
    """Return the mean persistence of each k-shell and of each degree bin of one task."""
    rows = []
    for shell, values in task.groupby("k_shell", sort=True):
        rows.append({"by": "k_shell", "value": float(shell), **_group(values)})
    degrees = task["degree"].to_numpy(dtype=np.int64)
    edges = _degree_edges(degrees)
    which = np.searchsorted(edges, degrees, side="right") - 1
    for b in np.unique(which):
        values = task[which == b]
        # the bin's point sits at its nodes' mean degree
        rows.append({"by": "degree", "value": float(values["degree"].mean()), **_group(values)})
    return pd.DataFrame(rows)


def _groups(task: pd.DataFrame) -> dict[str, dict[str, float] | None]:
    """Return the innermost shell, the outer half of the shells, and the hubs among the latter."""
    k_max = int(task["k_shell"].max())
    inner = task[task["k_shell"] == k_max]
    outer = task[task["k_shell"] <= k_max // 2]
    hub = int(np.quantile(task["degree"], 0.9, method="higher"))
    hubs = outer[outer["degree"] >= hub]
    return {
        "k_max": {"value": k_max},
        "inner": _group(inner),
        "outer": _group(outer) if len(outer) else None,
        "hubs": _group(hubs) if len(hubs) else None,
        "hub_degree": {"value": hub},
    }


def _differs(first: dict[str, float], second: dict[str, float]) -> bool:
    """Return whether two group means differ by more than the combined standard error."""
    se = math.hypot(first["persistence_se"], second["persistence_se"])
    return abs(first["persistence"] - second["persistence"]) > (se if math.isfinite(se) else 0.0)


def _clause(name: str, got: dict[str, Any]) -> str:
    """Say where the infection persists on one network, stating only differences beyond the SE."""
    k_max, inner = got["k_max"]["value"], got["inner"]
    text = (
        f"on {name} the innermost shell (k_S = {k_max}, {inner['n_nodes']} nodes) is infected "
        f"{pm(inner['persistence'], inner['persistence_se'])} of the time"
    )
    outer, hubs = got["outer"], got["hubs"]
    if outer is None:
        return text + " (no shell has k_S at most half the largest)"
    shown = pm(outer["persistence"], outer["persistence_se"])
    if _differs(inner, outer):
        relation = "more than" if inner["persistence"] > outer["persistence"] else "less than"
        text += f", {relation} the outer shells (k_S <= {k_max // 2}: {shown})"
    else:
        text += (
            f", no different within the standard errors from the outer shells "
            f"(k_S <= {k_max // 2}: {shown})"
        )
    if hubs is None:
        text += ", and every hub (top 10 % by degree) lies in the inner half of the shells"
    else:
        shown = pm(hubs["persistence"], hubs["persistence_se"])
        degree = got["hub_degree"]["value"]
        if _differs(inner, hubs):
            relation = "above" if inner["persistence"] > hubs["persistence"] else "below"
            text += (
                f" and {relation} the hubs among them (degree >= {degree}, "
                f"{hubs['n_nodes']} nodes: {shown})"
            )
        else:
            text += (
                f", and no different within the standard errors from the hubs among them "
                f"(degree >= {degree}, {hubs['n_nodes']} nodes: {shown})"
            )
    return text


def persistence(results: ExperimentResults) -> Finding:
    r"""Show where SIS persists: mean persistence by k-shell, by degree and on the (k_S, k) map.

    Parameters
    ----------
    results : ExperimentResults
        The results of an experiment with a ``[spread]`` of model "sis";
        reads ``nodes`` (``M`` and ``M_se`` hold each node's persistence and
        its standard error).

    Returns
    -------
    Finding
        Table: one row per (network, spread, by, value) with ``replicate``,
        ``persistence`` (the mean over the nodes of the k-shell, ``by =
        "k_shell"``, or of the degree bin, ``by = "degree"``, whose nodes'
        mean degree is ``value``), ``persistence_se`` (an upper bound on its
        standard error over runs) and ``n_nodes``. Figure: a row per network
        (the headline SIS condition): persistence against k-shell, against
        degree, and the (k-shell, degree) map.

    Raises
    ------
    InvalidParameterError
        If the node table is empty, lacks a column above, or has no SIS
        condition.

    Notes
    -----
    A group's persistence is the mean of its nodes' persistences
    :math:`\rho_i`, the share of the window's steps in which node
    :math:`i` is infected, averaged over runs. The nodes' estimates come
    from the same runs and are correlated, so the standard error of a
    group mean is bounded by the mean of the nodes' standard errors
    (:math:`\mathrm{sd}(\sum_i X_i) \le \sum_i \mathrm{sd}(X_i)`); that bound is
    what the table and the error bars give. The sentence compares the
    innermost shell (:math:`k_S = k_{max}`) with the outer shells
    (:math:`k_S \le \lfloor k_{max} / 2 \rfloor`) and with the hubs among
    them (the top 10 % by degree), and states a difference only where it
    exceeds the two groups' standard errors combined in quadrature. Only
    replicate 0 is drawn: a map pools the nodes of one graph.
    """
    nodes = check_table(
        results, "nodes", ("node", "degree", "k_shell", "M", "M_se", "model"), "persistence"
    )
    nodes = nodes[nodes["model"].isin(PERSISTENCE_MODELS)]
    if nodes.empty:
        models = sorted({str(m) for m in check_table(results, "nodes", (), "persistence")["model"]})
        shown = Described(f"only spread conditions of models {models!r}")
        hint = 'Add a [[spread]] table with model = "sis" (and beta or beta_factor).'
        raise invalid("results", "an experiment with an SIS spread condition", shown, hint)
    spread = headline_spread(nodes)
    profiles, maps, numbers = [], {}, {}
    for (network, condition), frame in nodes.groupby(["network", "spread"], sort=False):
        replicate = frame["replicate"].min()
        task = frame[frame["replicate"] == replicate]
        table = _profiles(task)
        for column, value in (
            ("replicate", replicate),
            ("spread", condition),
            ("network", network),
        ):
            table.insert(0, column, value)
        profiles.append(table)
        if condition == spread:
            indexed = task.set_index("node")
            maps[network] = _measures.efficiency_grid(
                indexed["M"].astype(np.float64), indexed["k_shell"], indexed["degree"]
            )
            numbers[network] = _groups(task)
    table = pd.concat(profiles, ignore_index=True)
    networks = labels(table, "network")
    figure = _draw(table[table["spread"] == spread], maps, networks)

    clauses = [_clause(network_name(nodes, n), numbers[n]) for n in networks if n in numbers]
    at = where_words(results, nodes, spread)
    text = "; ".join(clauses)
    text = f"{at[0].upper()}{at[1:]}, {text}" if at else text[0].upper() + text[1:]
    sentence = (
        f"{text}. Persistence is the share of time a node is infected in the endemic state "
        "(SIS, every node infected at the start), ± an upper bound on its standard error over "
        "runs; a difference is stated only where it exceeds the standard errors."
    )
    if nodes["replicate"].nunique() > 1:
        sentence += " Each network is its replicate 0."
    return Finding(
        name="persistence",
        title="Where SIS persists: by k-shell and by degree",
        sentence=sentence,
        table=table,
        figure=figure,
    )


def _scale(ax: Any, values: np.ndarray, axis: str) -> None:
    """Put an axis on a log scale when its positive values span decades; symlog with zeros.

    A linear axis would squeeze the small values (the outer shells' persistence,
    the low degrees) against zero; with zeros present (isolated nodes, shells the
    infection never reaches in the window), the scale is linear up to the
    decade below the smallest positive value and logarithmic above.
    """
    values = values[np.isfinite(values)]
    positive = values[values > 0]
    if positive.size < 2 or positive.max() <= 30 * positive.min():
        return
    setter = ax.set_yscale if axis == "y" else ax.set_xscale
    if (values <= 0).any():
        # linear from 0 to the decade below the smallest positive value, log above
        setter("symlog", linthresh=float(10 ** math.floor(math.log10(positive.min()))))
    else:
        setter("log")


def _draw(table: pd.DataFrame, maps: dict[Any, pd.DataFrame], networks: list[Any]) -> Any:
    """Draw a row per network: persistence against k-shell, against degree, and the map."""
    from ..plot import plot_efficiency_grid

    figure, axes = new_figure(len(networks), 3, figsize=(3 * _WIDTH, _HEIGHT * len(networks)))
    for row, network in zip(axes, networks, strict=True):
        rows = table[table["network"] == network]
        for ax, by, xlabel in (
            (row[0], "k_shell", "k-shell index k_S"),
            (row[1], "degree", "degree k (mean of a bin)"),
        ):
            line = rows[rows["by"] == by]
            x = line["value"].to_numpy(dtype=np.float64)
            y = line["persistence"].to_numpy(dtype=np.float64)
            se = np.nan_to_num(line["persistence_se"].to_numpy(dtype=np.float64))
            ax.errorbar(x, y, yerr=se, color=PALETTE[0 if by == "k_shell" else 1], marker="o",
                        markersize=3, capsize=2, linewidth=1)  # fmt: skip
            ax.set_xlabel(xlabel)
            ax.set_ylabel("mean persistence")
            _scale(ax, y, "y")
            if by == "degree":
                _scale(ax, x, "x")
            ax.set_title(str(network), fontsize=10)
        plot_efficiency_grid(maps[network], ax=row[2], label="mean persistence")
        row[2].set_title(str(network), fontsize=10)
    return figure


ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {"persistence": persistence}
