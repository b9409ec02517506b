"""Strategy figures and sentences on synthetic results whose truth is known.

The node tables below are drawn here, with fixed seeds, in the format of an
experiment: LIONs and organic networkers with a chosen true difference in
M, networks (replicates) that shift every agent's M by a chosen amount, and
a chosen Monte Carlo error per agent. The checks: a large true difference is
stated with an interval that excludes 0; equal distributions give "no
difference beyond the uncertainty"; the interval grows with the spread
between replicates (and, with one replicate, with the Monte Carlo error,
which the sentence then says is all it holds); the figures draw one box per
strategy and condition, with the agents as points and the mean with its
interval on top.
"""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from netsim.experiments import ExperimentResults
from netsim.report._analyses_jobs import ANALYSES as _JOBS
from netsim.report._analyses_nodes import ANALYSES as _NODES
from netsim.report._analyses_sweeps import ANALYSES as _SWEEPS
from netsim.report._layout import MAX_POINTS
from netsim.report._words import fmt

SEED = 20261207
N_LIONS, N_ORGANIC = 60, 140
#: The analyses that compare LIONs with organic networkers on M in their sentence.
COMPARING = {"strategy_sweep": _SWEEPS["strategy_sweep"], **_NODES}
del COMPARING["top_spreaders"]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def synthetic(
    lion_mean,
    organic_mean,
    shifts,
    *,
    M_se=0.5,
    agent_sd=5.0,
    fractions=(0.3,),
    n_organic=N_ORGANIC,
    p_job=None,
    seed=SEED,
):
    """Return results of ``len(shifts)`` replicates of one network per lion_fraction.

    In replicate ``r`` every LION's M is ``lion_mean + shifts[r]`` plus
    agent noise, and every organic networker's ``organic_mean`` plus the
    same noise distribution (the network shift applies to LIONs only, so
    that it moves the difference too). The agents' noise is drawn once and
    reused in every replicate, so the replicate means differ by the shifts
    alone.
    """
    rng = np.random.default_rng(seed)
    n = N_LIONS + n_organic
    strategy = np.array(["lion"] * N_LIONS + ["organic"] * n_organic, dtype=object)
    noise = rng.normal(0.0, agent_sd, n)
    degree = np.where(strategy == "lion", 100, 30) + rng.integers(0, 10, n)
    rows = []
    for fraction in fractions:
        for p in [None] if p_job is None else p_job:
            network = f"game lion_fraction={fraction:g}" + ("" if p is None else f" p_job={p:g}")
            for replicate, shift in enumerate(shifts):
                M = np.where(strategy == "lion", lion_mean + shift, organic_mean) + noise
                frame = pd.DataFrame(
                    {
                        "network": network,
                        "kind": "game",
                        "lion_fraction": fraction,
                        "p_job": p,
                        "replicate": replicate,
                        "spread": "sir",
                        "model": "sir",
                        "node": np.arange(n),
                        "strategy": strategy,
                        "active": np.arange(n) % 3 > 0 if p else True,
                        "degree": degree,
                        "k_shell": np.where(strategy == "lion", 40, 20),
                        "strength": degree / 4,
                        "M": M,
                        "M_se": M_se,
                    }
                )
                rows.append(frame)
    nodes = pd.concat(rows, ignore_index=True)
    swept = ("lion_fraction",) if len(fractions) > 1 else ()
    if p_job is not None:
        swept = (*swept, "p_job")
    else:
        nodes = nodes.drop(columns="p_job")
    return ExperimentResults(None, nodes, pd.DataFrame(), pd.DataFrame(), swept, ())


def difference_row(table, quantity="M"):
    rows = table[(table["strategy"] == "lion - organic") & (table["quantity"] == quantity)]
    if "group" in rows:
        rows = rows[rows["group"] == "all"]
    return rows.iloc[-1]


def interval_words(row, unit=" nodes"):
    """The words a sentence uses for a difference and its interval."""
    low, high = fmt(row["ci_low"]), fmt(row["ci_high"])
    return f"(difference {fmt(row['mean'])}{unit}, 95 % CI [{low}, {high}])"


def half_width(row):
    return row["ci_high"] - row["mean"]


# --- (a) a large true difference is stated, with an interval that excludes 0 ----------------


@pytest.mark.parametrize("name", list(COMPARING))
def test_a_large_difference_is_stated_with_its_interval(name):
    results = synthetic(50.0, 20.0, shifts=[-1.0, 0.5, 1.5])
    finding = COMPARING[name](results)
    row = difference_row(finding.table)
    per_replicate = results.nodes.pivot_table(
        index="replicate", columns="strategy", values="M", aggfunc="mean"
    )
    expected = per_replicate["lion"] - per_replicate["organic"]
    assert row["mean"] == pytest.approx(expected.mean())
    assert row["ci_low"] > 0
    claim = "LIONs reach further than organic networkers " + interval_words(row)
    assert claim in finding.sentence
    assert "no difference" not in finding.sentence.split("per tie")[0]


@pytest.mark.parametrize("name", list(COMPARING))
def test_a_large_negative_difference_is_stated_the_other_way(name):
    finding = COMPARING[name](synthetic(20.0, 50.0, shifts=[-1.0, 0.5, 1.5]))
    row = difference_row(finding.table)
    assert row["ci_high"] < 0
    assert "LIONs reach less far than organic networkers " + interval_words(row) in (
        finding.sentence
    )


def test_reach_survival_states_a_large_difference():
    results = synthetic(50.0, 20.0, shifts=[-1.0, 0.5, 1.5], p_job=(0.0, 0.05))
    finding = _JOBS["reach_survival"](results)
    row = difference_row(finding.table)
    assert row["ci_low"] > 0
    assert "LIONs reach further than organic networkers " + interval_words(row) in (
        finding.sentence
    )


# --- (b) equal distributions: no difference beyond the uncertainty ---------------------------


@pytest.mark.parametrize("sign", [1.0, -1.0])
@pytest.mark.parametrize("name", list(COMPARING))
def test_equal_distributions_are_not_ranked(name, sign):
    """The same true M; the networks happen to put one strategy ahead, within the noise."""
    results = synthetic(30.0, 30.0, shifts=sign * np.array([1.5, -1.0, 2.0]))
    finding = COMPARING[name](results)
    row = difference_row(finding.table)
    assert np.sign(row["mean"]) == sign  # a point estimate that would rank them
    assert row["ci_low"] < 0 < row["ci_high"]
    claim = "no difference in reach M between LIONs and organic networkers beyond the uncertainty"
    assert f"{claim} {interval_words(row)}" in finding.sentence
    assert "reach further than" not in finding.sentence
    assert "reach less far than" not in finding.sentence


def test_the_sweep_counts_conditions_by_their_intervals():
    """Two conditions: one true difference, one none; the count follows the intervals."""
    far = synthetic(50.0, 20.0, shifts=[-1.0, 0.5, 1.5], fractions=(0.2,))
    near = synthetic(30.0, 30.0, shifts=[-1.0, 0.5, 1.5], fractions=(0.5,))
    nodes = pd.concat([far.nodes, near.nodes], ignore_index=True)
    results = ExperimentResults(None, nodes, pd.DataFrame(), pd.DataFrame(), ("lion_fraction",), ())
    sentence = _SWEEPS["strategy_sweep"](results).sentence
    assert (
        "Over the 2 conditions, LIONs reach further than organic networkers beyond the "
        "uncertainty in 1, less far in 0, and within the uncertainty in 1."
    ) in sentence


# --- (c) what the interval holds -------------------------------------------------------------


@pytest.mark.parametrize("name", list(COMPARING))
def test_the_interval_is_a_t_interval_over_replicates(name):
    shifts = np.array([-2.0, 0.0, 3.0, 1.0])
    narrow = COMPARING[name](synthetic(50.0, 20.0, shifts)).table
    wide = COMPARING[name](synthetic(50.0, 20.0, 2 * shifts)).table
    t = stats.t.ppf(0.975, len(shifts) - 1)
    expected = t * shifts.std(ddof=1) / np.sqrt(len(shifts))
    for table in (narrow, wide):
        assert set(table["ci_over"]) == {"replicates"}
    for strategy in ("lion", "lion - organic"):
        rows = [
            t[(t["strategy"] == strategy) & (t["quantity"] == "M")].iloc[0] for t in (narrow, wide)
        ]
        assert half_width(rows[0]) == pytest.approx(expected)
        assert half_width(rows[1]) == pytest.approx(2 * expected)  # twice the spread
    # over replicates, the agents' Monte Carlo errors are already in the spread of the means
    noisier = COMPARING[name](synthetic(50.0, 20.0, shifts, M_se=5.0)).table
    assert half_width(difference_row(noisier)) == pytest.approx(expected)


@pytest.mark.parametrize("name", list(COMPARING))
def test_one_replicate_falls_back_to_the_monte_carlo_error(name):
    finding = COMPARING[name](synthetic(50.0, 20.0, shifts=[0.0], M_se=0.5))
    doubled = COMPARING[name](synthetic(50.0, 20.0, shifts=[0.0], M_se=1.0))
    z = stats.norm.ppf(0.975)
    lion = finding.table[
        (finding.table["strategy"] == "lion") & (finding.table["quantity"] == "M")
    ].iloc[0]
    assert lion["ci_over"] == "runs"
    assert half_width(lion) == pytest.approx(z * 0.5)  # the mean of the agents' errors
    difference = difference_row(finding.table)
    assert half_width(difference) == pytest.approx(z * np.hypot(0.5, 0.5))
    assert half_width(difference_row(doubled.table)) == pytest.approx(2 * half_width(difference))
    sentence = finding.sentence.lower()
    assert "only one network was grown per condition" in sentence
    assert "not the variation from network to network" in sentence


# --- (d) the figures: a box per strategy and condition, points, the mean's interval ----------


def drawn(ax, kind):
    """The artists of ``kind`` ("box", "points", "mean") on ``ax``, by gid."""
    artists = [*ax.patches, *ax.collections, *ax.lines]
    return [a for a in artists if str(a.get_gid()).startswith(f"{kind} ")]


def interval_bars(ax):
    """The (low, high) of each mean's interval bar, by the gid of its mean marker."""
    bars = {}
    for container in ax.containers:
        marker, _, (segments, *_) = container.lines[0], None, container.lines[2]
        if str(marker.get_gid()).startswith("mean "):
            (_, low), (_, high) = segments.get_segments()[0]
            bars[marker.get_gid()] = (low, high)
    return bars


def test_the_sweep_draws_a_box_per_strategy_and_condition():
    results = synthetic(
        50.0, 20.0, shifts=[-1.0, 0.5, 1.5], fractions=(0.2, 0.5), n_organic=MAX_POINTS + 200
    )
    finding = _SWEEPS["strategy_sweep"](results)
    table = finding.table.set_index(["network", "strategy", "quantity"])
    for ax, quantity in zip(finding.figure.axes, ["M", "M_per_tie", "degree"], strict=True):
        boxes, points, means = (drawn(ax, kind) for kind in ("box", "points", "mean"))
        assert len(boxes) == len(points) == len(means) == 2 * 2  # conditions x strategies
        labels = {str(box.get_gid()).removeprefix("box ") for box in boxes}
        assert labels == {
            f"{strategy} | game lion_fraction={f:g} | sir"
            for strategy in ("lion", "organic")
            for f in (0.2, 0.5)
        }
        bars = interval_bars(ax)
        for collection in points:
            label = str(collection.get_gid()).removeprefix("points ")
            strategy, network, _ = label.split(" | ")
            agents = results.nodes[
                (results.nodes["network"] == network) & (results.nodes["strategy"] == strategy)
            ]
            per_tie = agents["M"] / agents["degree"]
            values = per_tie if quantity == "M_per_tie" else agents[quantity]
            shown = collection.get_offsets()[:, 1]
            assert len(shown) == min(len(values), MAX_POINTS)  # thinned beyond MAX_POINTS
            assert np.isin(np.round(shown, 9), np.round(values.to_numpy(), 9)).all()
            row = table.loc[(network, strategy, quantity)]
            assert bars[f"mean {label}"] == pytest.approx((row["ci_low"], row["ci_high"]))
    # the points are the same on every draw (a fixed seed)
    again = _SWEEPS["strategy_sweep"](results).figure.axes[0]
    first = [c.get_offsets().tolist() for c in drawn(finding.figure.axes[0], "points")]
    assert [c.get_offsets().tolist() for c in drawn(again, "points")] == first


@pytest.mark.parametrize(
    ("analysis", "n_boxes"),
    [
        (_NODES["strategy_comparison"], [2, 2, 2]),
        (_SWEEPS["network_structure"], None),
        (_JOBS["reach_survival"], [4, 4, 6]),
    ],
)
def test_every_strategy_figure_draws_boxes_with_points(analysis, n_boxes):
    p_job = (0.0, 0.05) if analysis is _JOBS["reach_survival"] else None
    results = synthetic(50.0, 20.0, shifts=[-1.0, 0.5, 1.5], p_job=p_job)
    if analysis is _SWEEPS["network_structure"]:
        stats_columns = {
            "n_nodes": 200, "n_edges": 4000, "k_max": 40, "inner_core_size": 60,
            "clustering": 0.3, "mean_trust": 0.4,
        }  # fmt: skip
        networks = results.nodes.drop_duplicates(["network", "replicate", "spread"])
        networks = networks[["network", "kind", "lion_fraction", "replicate", "spread"]]
        results = ExperimentResults(
            None, results.nodes, networks.assign(**stats_columns), pd.DataFrame(), (), ()
        )
        n_boxes = [0, 0, 0, 0, 2, 2]
    figure = analysis(results).figure
    assert [len(drawn(ax, "box")) for ax in figure.axes] == n_boxes
    for ax in figure.axes:
        assert len(drawn(ax, "points")) == len(drawn(ax, "mean")) == len(drawn(ax, "box"))


def test_the_numbers_of_the_sentence_are_in_the_table():
    """Every number the sweep's sentence quotes is a mean or an interval bound of its table."""
    finding = _SWEEPS["strategy_sweep"](synthetic(50.0, 20.0, shifts=[-1.0, 0.5, 1.5]))
    table = finding.table
    shown = {fmt(v) for v in table[["mean", "ci_low", "ci_high"]].to_numpy().ravel()}
    shown |= {f"{100 * v:.0f}" for v in table["mean"]}  # shares in per cent
    shown |= {str(n) for n in table["n_replicates"]}
    quoted = re.findall(r"-?\d[\d,]*\.?\d*", finding.sentence.split(" Over the")[0])
    assert set(quoted) - {"95"} <= shown
