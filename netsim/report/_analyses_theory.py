"""Report figure checking the simulation against theory on configuration-model networks.

``threshold_theory`` compares the simulated outbreak sizes of an
:class:`ExperimentResults` with Newman's generating functions
(:func:`netsim.spread._final_size.final_size_theory`) and returns a
:class:`Finding`: a table, a figure and a sentence with the numbers.

Examples
--------
>>> from netsim.report._analyses_theory import ANALYSES
>>> list(ANALYSES)
['threshold_theory']
"""

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from .._validation import Described, invalid
from ..experiments import ExperimentResults
from ..spread._final_size import final_size_theory
from ._finding import Finding
from ._layout import new_figure
from ._tables import TASK, check_table, mean_se
from ._words import fmt, join, network_name, pm

__all__ = ["ANALYSES"]


def _check_theory_inputs(results: ExperimentResults) -> None:
    networks = results.networks
    kinds = sorted({str(k) for k in networks["kind"].unique()})
    if kinds != ["configuration"]:
        raise invalid(
            "threshold_theory results", "from configuration-model networks only", Described(
                f"network kinds {kinds!r}"
            ),
        )  # fmt: skip
    models = sorted({str(m) for m in networks["model"].unique()})
    if models != ["sir"]:
        hint = "The generating-function theory maps discrete SIR with mu = 1 onto percolation."
        raise invalid("model", "'sir' for threshold_theory", Described(f"{models!r}"), hint)
    if "mu" in networks:
        mu = networks["mu"].dropna().unique().tolist()
        if any(float(m) != 1.0 for m in mu):
            hint = "With mu < 1 transmissions are correlated and T is not beta."
            raise invalid("mu", "1 (the default) for threshold_theory", mu, hint)
    if "transmission" in networks:
        transmission = sorted({str(t) for t in networks["transmission"].dropna().unique()})
        if transmission not in ([], ["contact"]):
            raise invalid("transmission", "'contact' for threshold_theory", transmission)
    spreads = networks.groupby(["network", "replicate"], sort=False)["beta"].nunique()
    if spreads.min() < 2:
        beta = sorted(networks["beta"].dropna().unique().tolist())
        raise invalid("beta", "swept (beta or beta_factor) for threshold_theory", beta)


def threshold_theory(results: ExperimentResults) -> Finding:
    """Compare simulated outbreak sizes on configuration-model networks with theory.

    For every task, the simulated mean outbreak fraction is the mean of
    ``M`` over all nodes divided by the number of nodes, and the theory is
    :func:`netsim.spread._final_size.final_size_theory` on that graph's
    realised degrees (the ``degree`` column) at ``T = beta`` (discrete SIR
    with ``mu = 1``, contact transmission: each edge transmits once, with
    probability ``beta``). Both are averaged over replicates.

    Parameters
    ----------
    results : ExperimentResults
        Results of ``configuration`` networks and model ``"sir"`` with
        ``mu = 1`` and contact transmission, with ``beta`` (or
        ``beta_factor``) swept.

    Returns
    -------
    Finding
        ``table``: one row per network and spread condition, with ``beta``
        (mean over replicates), ``simulated`` and ``simulated_se``,
        ``se_over`` ("replicates" when there are several; with one, "nodes":
        the mean of the nodes' ``M_se`` over ``n``, an upper bound on the
        standard error of the mean over nodes whatever the correlation
        between nodes of the same percolation samples), ``theory``,
        ``theory_large_n`` (``S**2``, the limit without small outbreaks),
        ``S``, ``T_c``, ``n_nodes``, ``deviation_se`` ((simulated - theory)
        / SE), ``critical`` (beta in the critical window
        ``|beta / T_c - 1| < n**(-1/3)``, the width over which the
        percolation transition of a random graph of n nodes is smeared: there
        the large-n theory, whose mean small outbreak diverges at ``T_c``,
        does not describe a finite graph) and ``n_replicates``. ``figure``:
        one panel per network condition, simulation as points with error
        bars, theory as lines (the finite-n line left out in the critical
        window, which is shaded), ``T_c`` as a dotted vertical line.
        ``sentence``: the largest deviation in SE outside the critical
        window, and inside it.

    Raises
    ------
    InvalidParameterError
        If the networks are not all configuration models, the model is not
        SIR with ``mu = 1`` and contact transmission, or beta does not vary.
    """
    check_table(results, "nodes", ["degree", "M", "M_se"], "threshold_theory")
    check_table(results, "networks", ["model", "n_nodes", "beta"], "threshold_theory")
    _check_theory_inputs(results)
    networks = results.networks.set_index(TASK)
    tasks = []
    degrees_of: dict[tuple, np.ndarray] = {}
    for key, task in results.nodes.groupby(TASK, sort=False):
        n = int(networks.loc[key, "n_nodes"])
        beta = float(networks.loc[key, "beta"])
        degrees = task["degree"].to_numpy(dtype=np.int64)
        degrees_of.setdefault(key[:2], degrees)
        theory = final_size_theory(degrees, beta).iloc[0]
        tasks.append(
            {
                **dict(zip(TASK, key, strict=True)),
                "beta": beta,
                "simulated": float(task["M"].mean()) / n,
                "bound_se": float(task["M_se"].mean()) / n,
                "theory": float(theory["mean_outbreak_fraction"]),
                "theory_large_n": float(theory["S"]) ** 2,
                "S": float(theory["S"]),
                "T_c": float(theory["T_c"]),
                "n_nodes": n,
            }
        )
    per_task = pd.DataFrame(tasks)
    rows = []
    for (network, spread), group in per_task.groupby(["network", "spread"], sort=False):
        replicates = len(group)
        simulated, se = mean_se(group["simulated"])
        over = "replicates"
        if replicates == 1:
            se, over = float(group["bound_se"].iloc[0]), "nodes"
        row = {"network": network, "spread": spread, "beta": float(group["beta"].mean())}
        row |= {"simulated": simulated, "simulated_se": se, "se_over": over}
        for column in ("theory", "theory_large_n", "S", "T_c", "n_nodes"):
            row[column] = float(group[column].mean())
        row["deviation_se"] = (simulated - row["theory"]) / se if se > 0 else math.nan
        row["critical"] = bool(abs(row["beta"] / row["T_c"] - 1) < row["n_nodes"] ** (-1 / 3))
        row["n_replicates"] = replicates
        rows.append(row)
    table = pd.DataFrame(rows)

    labels = list(dict.fromkeys(table["network"]))
    n_cols = min(3, len(labels))
    n_rows = math.ceil(len(labels) / n_cols)
    fig, axes = new_figure(n_rows, n_cols, figsize=(4.6 * n_cols + 0.4, 3.6 * n_rows + 0.5))
    for ax, network in zip(axes.flat, labels, strict=False):
        part = table[table["network"] == network].sort_values("beta")
        grid = np.linspace(0.0, min(1.0, 1.1 * part["beta"].max()), 201)
        curves = [
            final_size_theory(degrees, grid)
            for (label, _), degrees in degrees_of.items()
            if label == network
        ]
        S2 = np.mean([(c["S"] ** 2).to_numpy() for c in curves], axis=0)
        finite = np.mean([c["mean_outbreak_fraction"].to_numpy() for c in curves], axis=0)
        T_c = float(part["T_c"].mean())
        width = float(part["n_nodes"].mean()) ** (-1 / 3)
        window = (T_c * (1 - width), T_c * (1 + width))
        finite = np.where((grid > window[0]) & (grid < window[1]), np.nan, finite)
        if math.isfinite(T_c):
            ax.axvspan(
                *window, color="#DDDDDD", lw=0, label="critical window, |T/T_c - 1| < n^(-1/3)"
            )
            ax.axvline(T_c, color="#777777", linestyle=":", label=f"T_c = {T_c:.3g}")
        ax.plot(grid, finite, color="#0072B2", lw=1.5, label="theory, n nodes: S² + (1 - S)⟨s⟩/n")
        ax.plot(grid, S2, color="#0072B2", lw=1.0, linestyle="--", label="theory, n → ∞: S²")
        ax.errorbar(
            part["beta"], part["simulated"], yerr=part["simulated_se"].fillna(0.0), fmt="o",
            color="#D55E00", capsize=2, markersize=4, label="simulation, mean M / n ± SE",
        )  # fmt: skip
        ax.set_title(network, fontsize="medium")
        ax.set_xlabel("transmission probability beta (= transmissibility T)")
        ax.set_ylabel("mean outbreak fraction, mean M / n")
        ax.legend(fontsize="small", frameon=False)
    for ax in list(axes.flat)[len(labels) :]:
        ax.set_visible(False)
    fig.suptitle("Simulated outbreaks against generating-function theory")
    return Finding(
        name="threshold_theory",
        title="Does the simulation match the theory on configuration-model networks?",
        sentence=_theory_sentence(table, labels, results.networks),
        table=table,
        figure=fig,
    )


def _se(deviation: float) -> str:
    """Return a deviation in standard errors: 3.6, 229."""
    deviation = abs(float(deviation))
    return f"{deviation:.1f}" if deviation < 10 else f"{deviation:.0f}"


def _theory_sentence(table: pd.DataFrame, labels: list[str], networks: pd.DataFrame) -> str:
    """Report the largest deviation outside the critical window, and the one inside it."""
    parts = []
    inside_worst: tuple[float, str] | None = None
    for network in labels:
        part = table[table["network"] == network]
        T_c = float(part["T_c"].mean())
        outside, inside = part[~part["critical"]], part[part["critical"]]
        text = f"on {network_name(networks, network, short=True)} (T_c = {T_c:.3g}"
        if outside["deviation_se"].notna().any():
            worst = outside.loc[outside["deviation_se"].abs().idxmax()]
            text += (
                f"; worst at "
                f"beta = {worst['beta']:.3g}: {pm(worst['simulated'], worst['simulated_se'])} "
                f"simulated against {fmt(worst['theory'])} predicted)"
            )
            text = f"within {_se(worst['deviation_se'])} SE {text}"
        else:
            text += "; no standard error to compare with)"
        parts.append(text)
        if inside["deviation_se"].notna().any():
            deviation = float(inside["deviation_se"].abs().max())
            if inside_worst is None or deviation > inside_worst[0]:
                inside_worst = (deviation, network_name(networks, network, short=True))
    text = "Away from the epidemic threshold, simulation and theory agree " + join(parts) + "."
    if inside_worst is not None:
        text += (
            f" In the critical window |beta / T_c - 1| < n^(-1/3), where the large-n theory "
            f"does not hold, they differ by up to {_se(inside_worst[0])} SE"
            + (f" (on {inside_worst[1]})." if len(labels) > 1 else ".")
        )
    return text


#: The analyses of this module, by the name a config's ``[report] figures`` uses.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {
    "threshold_theory": threshold_theory,
}
