"""Outbreak sizes on configuration-model graphs against Newman's generating functions.

Each graph is a configuration model drawn with a seeded numpy Generator
(stubs paired at random; self-loops removed, multi-edges collapsed), and the
theory is evaluated on the graph's OWN degree sequence after that cleanup
(tests/reference/theory.py), with T = beta (discrete SIR, mu = 1).

Each percolation sample comes from ``spreading_efficiency(..., n_runs=1)``
under its own seed: column ``M`` is then every node's outbreak size in that
sample, so per-sample statistics, and standard errors over independent
samples, are available through the public API.

Tolerance: 4 standard errors of the sample mean over R independent samples
plus an explicit allowance ``delta`` for the finite-size bias of a graph of n
nodes, stated in each test. The seeds are fixed, so the outcome is
deterministic.
"""

import numpy as np
import pytest
from graph_zoo import configuration_graph
from reference.theory import (
    DegreeGeneratingFunctions,
    giant_outbreak_fraction,
    mean_outbreak_size,
)

from netsim.spread import epidemic_threshold, spreading_efficiency


def poisson_graph(n, mean, seed):
    rng = np.random.default_rng(seed)
    return configuration_graph(rng.poisson(mean, n), rng)


def power_law_graph(n, exponent, k_min, k_max, seed):
    """p_k proportional to k**-exponent on [k_min, k_max] (k_max ~ sqrt(n) / 2: few multi-edges)."""
    rng = np.random.default_rng(seed)
    k = np.arange(k_min, k_max + 1)
    p = k.astype(np.float64) ** -exponent
    return configuration_graph(rng.choice(k, size=n, p=p / p.sum()), rng)


def samples(csr, T, n_samples, base_seed):
    """Return an (n_samples, n) array: each node's outbreak size in independent samples."""
    return np.array(
        [
            spreading_efficiency(
                csr, beta=T, n_runs=1, seed=np.random.SeedSequence([base_seed, r])
            )["M"].to_numpy()
            for r in range(n_samples)
        ]
    )


def check_below_threshold(csr, T, n_samples, seed):
    """Mean outbreak size from a random node, 1 + T G0'(1) / (1 - T G1'(1)).

    Per sample, X_r is the mean over nodes of their outbreak size; the X_r are
    independent, so their mean has standard error std(X) / sqrt(R). Allowance
    for finite size: delta = s**3 / n with s the theory value; a cluster of
    size s closes a cycle with probability O(s**2 / n) (cycles and collapsed
    multi-edges are what the tree-like theory ignores), and the correction
    to the mean is of that order times s.
    """
    theory = mean_outbreak_size(csr.degrees, T)
    X = samples(csr, T, n_samples, seed).mean(axis=1)
    se = X.std(ddof=1) / np.sqrt(X.size)
    delta = theory**3 / csr.n_nodes
    assert abs(X.mean() - theory) <= 4 * se + delta, (X.mean(), theory, se, delta)


def check_above_threshold(csr, T, n_samples, seed):
    """Giant outbreak fraction S = 1 - G0(u), u = 1 - T + T G1(u).

    Two predictions, each averaged over (node, sample) pairs: the fraction of
    outbreaks that are large (size > sqrt(n): small outbreaks have O(log n)
    nodes, large ones O(n)), and the mean size of the large ones divided by
    n. Both are ratios of per-sample sums over independent samples: their
    standard error is that of the per-sample ratio. Allowance for finite
    size: delta = 20 / n (the supercritical giant fraction has O(1/n)
    corrections; the constant is generous).
    """
    n = csr.n_nodes
    S = giant_outbreak_fraction(csr.degrees, T)
    sizes = samples(csr, T, n_samples, seed)
    large = sizes > np.sqrt(n)
    fraction = large.mean(axis=1)  # per sample: share of nodes whose outbreak is large
    delta = 20 / n
    se = fraction.std(ddof=1) / np.sqrt(n_samples)
    assert abs(fraction.mean() - S) <= 4 * se + delta, (fraction.mean(), S, se)
    size_sums = np.where(large, sizes, 0).sum(axis=1) / n
    counts = large.sum(axis=1)
    mean_large = size_sums.sum() / counts.sum()
    per_sample = size_sums / np.maximum(counts, 1)
    se = np.sqrt(np.sum((counts * (per_sample - mean_large)) ** 2)) / counts.sum()
    assert abs(mean_large - S) <= 4 * se + delta, (mean_large, S, se)


@pytest.fixture(scope="module")
def poisson():
    return poisson_graph(50_000, 5.0, seed=2002)


@pytest.fixture(scope="module")
def power_law():
    return power_law_graph(50_000, 2.5, 2, 100, seed=2010)


def test_reference_threshold_is_netsims(poisson, power_law):
    for csr in (poisson, power_law):
        g = DegreeGeneratingFunctions(csr.degrees)
        assert epidemic_threshold(csr) == pytest.approx(g.threshold(), rel=1e-12)


@pytest.mark.parametrize("factor", [0.5, 0.75])
def test_poisson_below_threshold(poisson, factor):
    """Poisson(5), n = 50,000, T = factor * T_c (T_c ~ 0.2): 4 SE + s**3 / n."""
    check_below_threshold(poisson, factor * epidemic_threshold(poisson), 200, seed=1)


@pytest.mark.parametrize("factor", [1.5, 2.0])
def test_poisson_above_threshold(poisson, factor):
    """Poisson(5), n = 50,000, T = factor * T_c: 4 SE + 20 / n."""
    check_above_threshold(poisson, factor * epidemic_threshold(poisson), 100, seed=2)


@pytest.mark.slow
@pytest.mark.parametrize("factor", [0.5])
def test_power_law_below_threshold(power_law, factor):
    """p_k ~ k**-2.5 on [2, 100], n = 50,000, T = factor * T_c (T_c ~ 0.08): 4 SE + s**3 / n.

    The cutoff k_max ~ sqrt(n) / 2 keeps hub-hub multi-edges (whose collapse
    makes the graph disassortative, which the theory ignores) rare; closer
    to the threshold the remaining bias grows like the mean outbreak size.
    """
    check_below_threshold(power_law, factor * epidemic_threshold(power_law), 300, seed=3)


@pytest.mark.slow
@pytest.mark.parametrize("factor", [2.0, 2.5])
def test_power_law_above_threshold(power_law, factor):
    """p_k ~ k**-2.5 on [2, 100], n = 50,000, T = factor * T_c: 4 SE + 20 / n."""
    check_above_threshold(power_law, factor * epidemic_threshold(power_law), 100, seed=4)


def test_a_wrong_transmissibility_would_be_detected(poisson):
    """The test has power: the theory at 1.1 T is far outside the tolerance at T."""
    T = 2.0 * epidemic_threshold(poisson)
    sizes = samples(poisson, T, 30, base_seed=5)
    observed = (sizes > np.sqrt(poisson.n_nodes)).mean()
    assert abs(observed - giant_outbreak_fraction(poisson.degrees, 1.1 * T)) > 0.01
