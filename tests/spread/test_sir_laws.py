"""Outbreaks follow the exact laws of discrete-time SIR on tiny graphs.

Oracles (tests/reference/markov.py): for mu = 1 the law of the final size
from enumerating all 2**E bond-percolation configurations; for any mu the
exact Markov chain on the (S, I, R) partition. Each comparison is a
chi-square goodness-of-fit test of many runs at a fixed seed, with bins
pooled so that every expected count is at least 5, passing at pvalue > 0.01
(numba-stats' pattern: the outcome is deterministic, about a 1% false-alarm
rate at design time).
"""

import networkx as nx
import numpy as np
import pytest
import scipy.stats
from graph_zoo import kite
from reference.markov import final_size_law, percolation_size_law, state_law
from reference.sir import mean_trust, transmission_probability

from netsim.spread import epidemic_curves, simulate

N_RUNS = 20_000


def trust_graph():
    """Five string-labelled nodes, 7 edges of unequal trust."""
    G = nx.Graph()
    G.add_weighted_edges_from(
        [
            ("ann", "ben", 0.5),
            ("ben", "cy", 0.05),
            ("cy", "ann", 0.3),
            ("cy", "dee", 1.0),
            ("dee", "eve", 0.2),
            ("eve", "ann", 0.8),
            ("ben", "eve", 0.4),
        ],
        weight="trust",
    )
    return G


CASES = {
    "kite-contact": (kite, [0], 0.5, "contact"),
    "kite-two-sources": (kite, [4, 0], 0.3, "contact"),
    "k5-contact": (lambda: nx.complete_graph(5), [2], 0.25, "contact"),
    "house-x-contact": (nx.house_x_graph, [0], 0.4, "contact"),
    "two-components": (lambda: nx.Graph([(0, 1), (1, 2), (5, 6)]), [1, 6], 0.6, "contact"),
    "trust": (trust_graph, ["ben"], 0.5, "trust"),
    "trust-two-sources": (trust_graph, ["dee", "ann"], 0.35, "trust"),
}


def probability_of(G, beta, transmission):
    w_ref = mean_trust(G, "trust") if transmission == "trust" else None
    return lambda u, v: transmission_probability(G, u, v, beta, transmission, "trust", w_ref)


def chi_square_pvalue(observed, law, n):
    """Chi-square pvalue of ``observed`` values against {value: probability}, pooling small bins."""
    values = sorted(law)
    counts = dict.fromkeys(values, 0)
    for value, count in zip(*np.unique(observed, return_counts=True), strict=True):
        assert value in counts, f"{value} is impossible under the exact law"
        counts[value] += int(count)
    bins_observed, bins_expected = [], []
    pending_o = pending_e = 0.0
    for value in values:
        pending_o += counts[value]
        pending_e += n * law[value]
        if pending_e >= 5:
            bins_observed.append(pending_o)
            bins_expected.append(pending_e)
            pending_o = pending_e = 0.0
    if pending_e or pending_o:
        bins_observed[-1] += pending_o
        bins_expected[-1] += pending_e
    if len(bins_observed) < 2:
        return 1.0 if bins_observed[0] == n else 0.0
    return scipy.stats.chisquare(bins_observed, bins_expected).pvalue


@pytest.mark.parametrize("case", sorted(CASES))
def test_final_size_with_mu_one_has_the_bond_percolation_law(case):
    """20,000 runs against the 2**E enumeration, chi-square pvalue > 0.01."""
    make, sources, beta, transmission = CASES[case]
    G = make()
    law = percolation_size_law(G, sources, probability_of(G, beta, transmission))
    sizes = simulate(
        G, "sir", sources=sources, n_runs=N_RUNS, beta=beta, transmission=transmission, seed=17
    )
    assert chi_square_pvalue(sizes.to_numpy(), law, N_RUNS) > 0.01


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("mu", [0.5, 0.8])
def test_final_size_with_mu_below_one_has_the_markov_chain_law(case, mu):
    """20,000 runs against the exact Markov chain, chi-square pvalue > 0.01."""
    make, sources, beta, transmission = CASES[case]
    G = make()
    law = final_size_law(G, sources, probability_of(G, beta, transmission), mu)
    assert sum(law.values()) == pytest.approx(1.0, abs=1e-12)
    sizes = simulate(
        G,
        "sir",
        sources=sources,
        n_runs=N_RUNS,
        beta=beta,
        mu=mu,
        transmission=transmission,
        seed=23,
    )
    assert chi_square_pvalue(sizes.to_numpy(), law, N_RUNS) > 0.01


@pytest.mark.parametrize("case", ["kite-two-sources", "trust", "house-x-contact"])
@pytest.mark.parametrize("t", [1, 2, 4])
def test_curves_have_the_markov_chain_law_at_each_step(case, t):
    """Joint law of (S, I, R) after t steps, 20,000 runs, chi-square pvalue > 0.01.

    A run that ended before step t keeps its final counts.
    """
    make, sources, beta, transmission = CASES[case]
    G = make()
    mu = 0.6
    law = state_law(G, sources, probability_of(G, beta, transmission), mu, t)
    curves = epidemic_curves(
        G,
        "sir",
        sources=sources,
        n_runs=N_RUNS,
        beta=beta,
        mu=mu,
        transmission=transmission,
        seed=29,
    )
    at_t = curves[curves.index.get_level_values("t") <= t].groupby(level="run").last()
    codes = {state: code for code, state in enumerate(sorted(law))}
    observed = [codes[tuple(row)] for row in at_t[["S", "I", "R"]].to_numpy().tolist()]
    coded_law = {codes[state]: p for state, p in law.items()}
    assert chi_square_pvalue(np.array(observed), coded_law, N_RUNS) > 0.01


def test_the_two_oracles_agree_for_mu_one():
    G = trust_graph()
    probability = probability_of(G, 0.4, "trust")
    by_bonds = percolation_size_law(G, ["ann"], probability)
    by_chain = final_size_law(G, ["ann"], probability, 1.0)
    assert by_bonds.keys() == by_chain.keys()
    for size, p in by_bonds.items():
        assert by_chain[size] == pytest.approx(p, abs=1e-12)


def test_the_chi_square_check_can_fail():
    """Power check: outbreaks at beta = 0.35 are rejected against the law at beta = 0.3."""
    G = kite()
    law = percolation_size_law(G, [0], probability_of(G, 0.3, "contact"))
    sizes = simulate(G, "sir", sources=[0], n_runs=N_RUNS, beta=0.35, seed=17)
    assert chi_square_pvalue(sizes.to_numpy(), law, N_RUNS) < 0.01
