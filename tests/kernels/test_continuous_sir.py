"""The continuous-time SIR kernel (netsim/_kernels/continuous_sir.py).

Oracles:

* the lockstep reference (tests/reference/continuous_sir.py): the same
  runs on the networkx graph, draw for draw, so sizes, counts and event
  times agree (times to 1e-12 relative), for contact transmission and for
  per-edge rates on both of their paths (thinning when a node's largest
  rate times its period is at most 1, one draw per neighbour above);
* exact laws on tiny graphs: the final size on a star by hand (integrating
  over the centre's infectious period), the jump chain of the Markov process
  for the final size, and the master equation for the counts at fixed
  times; chi-square goodness of fit of 20,000 runs at a fixed seed, passing
  at pvalue > 0.01 (deterministic outcome, about 1% false alarms at design
  time);
* generating functions on a configuration-model graph: attack rate of large
  outbreaks (bond percolation at T = tau / (tau + gamma)) and probability of
  a large outbreak (directed percolation), within 4 standard errors plus a
  stated finite-size allowance;
* ``EoN.fast_SIR`` on the same graph: two-sample chi-square on binned sizes,
  pvalue > 0.01 at fixed seeds (EoN is seeded through its ``rng`` argument);

and determinism: 1 vs several threads, the prefix property, each-source
rows equal to single-source calls.
"""

import math
import warnings

import networkx as nx
import numba
import numpy as np
import pytest
import scipy.stats
from graph_zoo import ZOO, configuration_graph, kite
from reference.continuous_sir import (
    continuous_sir_runs,
    count_law_at,
    final_size_law,
    large_outbreak_probability,
)
from reference.theory import giant_outbreak_fraction

import netsim
from netsim._kernels import continuous_sir as kernel
from netsim._seeding import Purpose, kernel_key, seed_sequence

PURPOSE = int(Purpose.CONTINUOUS_SIR)
NONEMPTY = sorted(name for name in ZOO if name != "empty")
N_RUNS = 20_000
N_RUNS_NO_JIT = 2_000  # the laws' checks under NUMBA_DISABLE_JIT=1 (fixture `sized`)
RATE_VALUES = (0.0, 0.25, 0.7, 1.6, 4.0)


def key_of(seed):
    return kernel_key(seed_sequence(seed))


def with_rates(G):
    """G with a deterministic 'rate' in RATE_VALUES on every edge (some are 0), 'slow' = rate / 5.

    With gamma = 1 a node's largest rate times its period, R D, is mostly above 1
    for 'rate' (one draw per neighbour) and mostly below for 'slow' (thinning).
    """
    G = G.copy()
    position = {node: i for i, node in enumerate(G)}
    for u, v, data in G.edges(data=True):
        i, j = sorted((position[u], position[v]))
        data["rate"] = RATE_VALUES[(7 * i + 3 * j) % len(RATE_VALUES)]
        data["slow"] = data["rate"] / 5
    return G


def graph_arrays(G, rate):
    """Return (indptr, indices, rates) of G; rates empty for contact transmission."""
    csr = netsim.CSRGraph.from_networkx(G, weight=rate)
    rates = np.empty(0) if rate is None else np.ascontiguousarray(csr.weights, dtype=np.float64)
    return csr, (csr.indptr, csr.indices, rates)


def source_positions(G, sources):
    position = {node: i for i, node in enumerate(G)}
    return np.array(sorted(position[s] for s in sources), dtype=np.int64)


def sizes_of(G, sources, *, tau, gamma, rate=None, n_runs, seed):
    _, arrays = graph_arrays(G, rate)
    src = source_positions(G, sources)
    return kernel.continuous_sir_sizes(
        *arrays, tau, gamma, src, n_runs, *key_of(seed), PURPOSE, int(src[0])
    )


def curves_of(G, sources, *, tau, gamma, rate=None, n_runs, seed):
    _, arrays = graph_arrays(G, rate)
    src = source_positions(G, sources)
    return kernel.continuous_sir_curves(
        *arrays, tau, gamma, src, n_runs, *key_of(seed), PURPOSE, int(src[0])
    )


def ba_graph():
    return nx.barabasi_albert_graph(1500, 3, seed=np.random.default_rng(42))


# --- lockstep: kernel == pure-Python reference on the networkx graph, draw for draw -------


def assert_runs_equal_the_reference(G, sources, n_runs, seed, **model):
    sizes = sizes_of(G, sources, n_runs=n_runs, seed=seed, **model)
    offsets, times, S, I_, R = curves_of(G, sources, n_runs=n_runs, seed=seed, **model)
    key0, key1 = (int(word) for word in key_of(seed))
    stream = int(source_positions(G, sources)[0])
    expected_sizes, expected_events = continuous_sir_runs(
        G, sources, n_runs=n_runs, key0=key0, key1=key1, stream=stream, **model
    )
    assert sizes.tolist() == expected_sizes
    for r, events in enumerate(expected_events):
        rows = slice(offsets[r], offsets[r + 1])
        counts = list(zip(S[rows].tolist(), I_[rows].tolist(), R[rows].tolist(), strict=True))
        assert counts == [event[1:] for event in events]
        assert times[rows].tolist() == pytest.approx([e[0] for e in events], rel=1e-12, abs=0)
    return expected_sizes


@pytest.mark.parametrize("name", NONEMPTY)
@pytest.mark.parametrize("rate", [None, "rate", "slow"])
@pytest.mark.parametrize("seed", [3, 2010])
def test_sizes_and_events_equal_the_lockstep_reference(name, rate, seed):
    G = with_rates(ZOO[name]())
    n_sources = 1 if seed == 3 else min(2, G.number_of_nodes())
    sources = list(G)[:n_sources][::-1]
    assert_runs_equal_the_reference(G, sources, 20, seed, tau=0.8, gamma=1.0, rate=rate)


@pytest.mark.parametrize(("tau", "gamma"), [(0.0, 1.0), (1e-300, 1.0), (0.05, 0.01), (40.0, 2.0)])
def test_extreme_rates_equal_the_lockstep_reference(tau, gamma):
    G = nx.karate_club_graph()
    sizes = assert_runs_equal_the_reference(G, [5, 20], 15, 8, tau=tau, gamma=gamma)
    if tau <= 1e-300:
        assert sizes == [2] * 15


def test_a_hub_with_many_transmissions_equals_the_lockstep_reference():
    """A hub of degree 300 whose period covers many geometric skips; per-edge rates too."""
    G = nx.star_graph(300)
    G.add_edges_from((i, i + 1) for i in range(1, 300, 2))
    G = with_rates(G)
    for rate in (None, "rate", "slow"):
        sizes = assert_runs_equal_the_reference(G, [0], 20, 6, tau=0.05, gamma=0.3, rate=rate)
        assert len(set(sizes)) > 5


def test_equal_rates_draw_like_contact():
    """Thinning at equal rates keeps every point: the contact scan, draw for draw.

    Every period is below -log(2**-53) / gamma, so tau * D < 0.98 and every node
    thins (R D <= 1).
    """
    G = nx.complete_graph(60)
    nx.set_edge_attributes(G, 0.02, "rate")
    options = {"tau": 0.02, "gamma": 0.75, "n_runs": 300, "seed": 12}
    contact = sizes_of(G, [4], **options)
    assert np.array_equal(sizes_of(G, [4], rate="rate", **options), contact)
    assert contact.max() > 20


# --- the kernel's contract ---------------------------------------------------------------


def test_zero_tau_infects_nobody_and_records_only_the_recoveries():
    G = nx.karate_club_graph()
    sizes = sizes_of(G, [0, 33], tau=0.0, gamma=1.0, n_runs=10, seed=1)
    assert sizes.tolist() == [2] * 10
    offsets, times, S, _, _ = curves_of(G, [0, 33], tau=0.0, gamma=1.0, n_runs=10, seed=1)
    assert np.diff(offsets).tolist() == [3] * 10
    assert S.tolist() == [32] * 30
    assert (times[offsets[:-1]] == 0).all()


def test_curves_are_consistent_event_sequences():
    """S + I + R = n; one count moves per event; R never decreases; last R is the size."""
    G = ba_graph()
    n = G.number_of_nodes()
    sources = [7, 3]
    options = {"tau": 0.15, "gamma": 1.0, "n_runs": 60, "seed": 4}
    offsets, times, S, I_, R = curves_of(G, sources, **options)
    sizes = sizes_of(G, sources, **options)
    assert offsets[0] == 0
    assert np.array_equal(np.diff(offsets), 2 * sizes - len(sources) + 1)
    assert (n == S + I_ + R).all()
    assert (I_ >= 0).all()
    first = offsets[:-1]
    last = offsets[1:] - 1
    assert (times[first] == 0).all()
    assert (S[first] == n - 2).all()
    assert (I_[first] == 2).all()
    assert (R[first] == 0).all()
    assert np.array_equal(R[last], sizes)
    assert (I_[last] == 0).all()
    assert sizes.max() > 100  # some outbreaks are large
    step = np.ones(times.size, dtype=bool)
    step[first] = False  # differences inside runs only
    dS, dI, dR, dt = (np.diff(a)[step[1:]] for a in (S, I_, R, times))
    infection = (dS == -1) & (dI == 1) & (dR == 0)
    recovery = (dS == 0) & (dI == -1) & (dR == 1)
    assert (infection ^ recovery).all()
    assert (dt >= 0).all()
    assert (dt > 0).mean() > 0.99


def test_each_source_rows_equal_single_source_calls():
    G = with_rates(nx.karate_club_graph())
    for rate in (None, "slow"):
        _, arrays = graph_arrays(G, rate)
        nodes = np.array([33, 0, 5, 16], dtype=np.int64)
        key = key_of(11)
        each = kernel.continuous_sir_sizes_each_source(*arrays, 0.6, 1.0, nodes, 9, *key, PURPOSE)
        assert each.shape == (4, 9)
        assert each.dtype == np.int64
        for a, node in enumerate(nodes):
            alone = kernel.continuous_sir_sizes(
                *arrays, 0.6, 1.0, nodes[a : a + 1], 9, *key, PURPOSE, int(node)
            )
            assert np.array_equal(each[a], alone)


@pytest.fixture
def restore_threads():
    """Let a test change numba's thread count; restore it afterwards."""
    before = numba.get_num_threads()
    yield
    numba.set_num_threads(before)


@pytest.mark.parametrize("rate", [None, "slow"])
def test_results_do_not_depend_on_the_thread_count(restore_threads, rate, sized):
    G = with_rates(ba_graph())
    _, arrays = graph_arrays(G, rate)
    key = key_of(5)
    sources = np.array([2, 9], dtype=np.int64)
    nodes = np.arange(0, 1500, sized(13, 130), dtype=np.int64)
    n_runs, n_runs_curves = sized(200, 20), sized(40, 4)
    results = []
    for threads in (1, numba.config.NUMBA_NUM_THREADS):
        numba.set_num_threads(threads)
        results.append(
            (
                kernel.continuous_sir_sizes(*arrays, 0.2, 1.0, sources, n_runs, *key, PURPOSE, 2),
                kernel.continuous_sir_sizes_each_source(*arrays, 0.2, 1.0, nodes, 3, *key, PURPOSE),
                kernel.continuous_sir_curves(
                    *arrays, 0.2, 1.0, sources, n_runs_curves, *key, PURPOSE, 2
                ),
            )
        )
    (sizes1, each1, curves1), (sizes2, each2, curves2) = results
    assert np.array_equal(sizes1, sizes2)
    assert np.array_equal(each1, each2)
    for a, b in zip(curves1, curves2, strict=True):
        assert np.array_equal(a, b)
    assert sizes1.max() > 50


def test_prefix_property():
    G = ba_graph()
    options = {"tau": 0.2, "gamma": 1.0, "seed": 9}
    long = sizes_of(G, [3], n_runs=70, **options)
    short = sizes_of(G, [3], n_runs=17, **options)
    assert np.array_equal(long[:17], short)
    offsets_l, *arrays_l = curves_of(G, [3], n_runs=70, **options)
    offsets_s, *arrays_s = curves_of(G, [3], n_runs=17, **options)
    assert np.array_equal(offsets_l[:18], offsets_s)
    for a, b in zip(arrays_l, arrays_s, strict=True):
        assert np.array_equal(a[: offsets_s[-1]], b)


# --- exact laws on tiny graphs -------------------------------------------------------------


def chi_square_pvalue(observed, law, n):
    """Chi-square pvalue of ``observed`` values against {value: probability}, pooling small bins."""
    values = sorted(law)
    counts = dict.fromkeys(values, 0)
    for value in observed:
        assert value in counts, f"{value} is impossible under the exact law"
        counts[value] += 1
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
    assert len(bins_observed) >= 2
    return scipy.stats.chisquare(bins_observed, bins_expected).pvalue


def star_law_from_centre(k, tau, gamma):
    """P(size = 1 + j), j = 0..k, on a star from its centre, by integrating over D.

    Given the centre's period D, each leaf is infected independently with
    p = 1 - exp(-tau D); E[p**j (1 - p)**(k - j)] expands into terms
    E[exp(-a D)] = gamma / (gamma + a).
    """
    return {
        1 + j: math.comb(k, j)
        * math.fsum(
            (-1) ** i * math.comb(j, i) * gamma / (gamma + tau * (k - j + i)) for i in range(j + 1)
        )
        for j in range(k + 1)
    }


def star_law_from_leaf(k, tau, gamma):
    """P(size) on a star with k leaves from a leaf, which infects the centre with probability T."""
    T = tau / (tau + gamma)
    law = {1: 1.0 - T}
    for size, prob in star_law_from_centre(k - 1, tau, gamma).items():
        law[size + 1] = T * prob
    return law


def rate_graph():
    """Five string-labelled nodes, 7 edges with unequal rates (one 0); 'slow' = rate / 4."""
    G = nx.Graph()
    G.add_weighted_edges_from(
        [
            ("ann", "ben", 0.5),
            ("ben", "cy", 0.0),
            ("cy", "ann", 1.3),
            ("cy", "dee", 3.0),
            ("dee", "eve", 0.2),
            ("eve", "ann", 0.8),
            ("ben", "eve", 0.4),
        ],
        weight="rate",
    )
    for _, _, data in G.edges(data=True):
        data["slow"] = data["rate"] / 4
    return G


# name: (graph, sources, tau, gamma, rate attribute)
CASES = {
    "triangle": (lambda: nx.complete_graph(3), [0], 1.0, 1.0, None),
    "k5": (lambda: nx.complete_graph(5), [2], 0.4, 1.0, None),
    "kite": (kite, [0], 0.9, 1.3, None),
    "kite-two-sources": (kite, [4, 0], 0.5, 1.0, None),
    "house-x": (nx.house_x_graph, [0], 0.6, 1.0, None),
    "two-components": (lambda: nx.Graph([(0, 1), (1, 2), (5, 6)]), [1, 6], 2.0, 1.0, None),
    "rates": (rate_graph, ["ben"], 1.0, 1.0, "rate"),
    "rates-two-sources": (rate_graph, ["dee", "ann"], 1.0, 0.7, "rate"),
    "rates-thinned": (rate_graph, ["ann"], 1.0, 1.0, "slow"),
}


def rate_function(G, tau, rate):
    if rate is None:
        return lambda u, v: tau
    return lambda u, v: G[u][v][rate]


def test_the_jump_chain_oracle_agrees_with_the_star_formulas():
    G = nx.star_graph(4)
    for sources, formula in (([0], star_law_from_centre), ([3], star_law_from_leaf)):
        chain = final_size_law(G, sources, lambda u, v: 0.7, 1.3)
        exact = formula(4, 0.7, 1.3)
        assert sorted(chain) == sorted(exact)
        for size, prob in exact.items():
            assert chain[size] == pytest.approx(prob, abs=1e-12)


@pytest.mark.parametrize(
    ("source", "formula"), [(0, star_law_from_centre), (2, star_law_from_leaf)]
)
@pytest.mark.parametrize("rate", [None, "rate"])
def test_final_size_on_a_star_has_the_law_by_hand(source, formula, rate, sized):
    """20,000 runs on a 6-leaf star, chi-square pvalue > 0.01; contact and equal per-edge rates."""
    G = nx.star_graph(6)
    nx.set_edge_attributes(G, 0.8, "rate")
    n_runs = sized(N_RUNS, N_RUNS_NO_JIT)
    sizes = sizes_of(G, [source], tau=0.8, gamma=1.0, rate=rate, n_runs=n_runs, seed=17)
    assert chi_square_pvalue(sizes.tolist(), formula(6, 0.8, 1.0), n_runs) > 0.01


def test_transmissions_from_a_node_are_correlated():
    """The test has power: independent edges (bond percolation at T) are rejected.

    On a 6-leaf star from the centre the leaves share the centre's period, so
    the number infected is a mixture of binomials, not Binomial(6, T).
    """
    G = nx.star_graph(6)
    sizes = sizes_of(G, [0], tau=0.8, gamma=1.0, n_runs=N_RUNS, seed=17)
    T = 0.8 / 1.8
    binomial = {1 + j: scipy.stats.binom.pmf(j, 6, T) for j in range(7)}
    assert chi_square_pvalue(sizes.tolist(), binomial, N_RUNS) < 1e-6


@pytest.mark.parametrize("case", sorted(CASES))
def test_final_size_has_the_jump_chain_law(case, sized):
    """20,000 runs against the exact jump chain, chi-square pvalue > 0.01."""
    make, sources, tau, gamma, rate = CASES[case]
    G = make()
    law = final_size_law(G, sources, rate_function(G, tau, rate), gamma)
    assert sum(law.values()) == pytest.approx(1.0, abs=1e-12)
    n_runs = sized(N_RUNS, N_RUNS_NO_JIT)
    sizes = sizes_of(G, sources, tau=tau, gamma=gamma, rate=rate, n_runs=n_runs, seed=23)
    assert chi_square_pvalue(sizes.tolist(), law, n_runs) > 0.01


@pytest.mark.parametrize("case", ["kite-two-sources", "rates", "rates-thinned", "house-x"])
def test_counts_at_fixed_times_have_the_master_equation_law(case, sized):
    """Joint law of (S, I, R) at t = 0.3, 1, 2.5 from 20,000 recorded runs, pvalue > 0.01.

    This checks the event times: the state at time t is the last row at or
    before t.
    """
    make, sources, tau, gamma, rate = CASES[case]
    G = make()
    at = (0.3, 1.0, 2.5)
    laws = count_law_at(G, sources, rate_function(G, tau, rate), gamma, at)
    n_runs = sized(N_RUNS, N_RUNS_NO_JIT)
    offsets, times, S, I_, R = curves_of(
        G, sources, tau=tau, gamma=gamma, rate=rate, n_runs=n_runs, seed=29
    )
    # a run's rows are sorted by time; shifting each run's times by 10 * run * horizon
    # keeps the flat array sorted, so one searchsorted finds every run's row at time t
    run_of_row = np.repeat(np.arange(n_runs), np.diff(offsets))
    shift = 1e3 * (1 + times.max())
    keyed = times + shift * run_of_row
    for t, law in zip(at, laws, strict=True):
        rows = np.searchsorted(keyed, t + shift * np.arange(n_runs), side="right") - 1
        observed = list(zip(S[rows].tolist(), I_[rows].tolist(), R[rows].tolist(), strict=True))
        assert chi_square_pvalue(observed, law, n_runs) > 0.01, t


def test_the_first_event_time_is_exponential(sized):
    """From a hub of degree k the first event comes at rate gamma + k tau: KS pvalue > 0.01."""
    G = nx.star_graph(8)
    n_runs = sized(5_000, 1_000)
    offsets, times, *_ = curves_of(G, [0], tau=0.3, gamma=1.1, n_runs=n_runs, seed=31)
    first = times[offsets[:-1] + 1]
    rate = 1.1 + 8 * 0.3
    assert scipy.stats.kstest(first, "expon", args=(0, 1 / rate)).pvalue > 0.01


# --- configuration-model graph against generating functions ---------------------------------


def test_large_outbreaks_on_a_configuration_model_match_the_generating_functions(sized):
    """Poisson(3) configuration model, n = 20,000, tau = gamma = 1 (T = 1/2), 800 sources.

    Under NUMBA_DISABLE_JIT=1 (fixture ``sized``) n = 4,000, a fifth of the
    work: the large outbreaks there still all exceed 0.4 n, and the attack
    rate is still rejected as the probability of a large outbreak.

    One run from each of 800 random nodes; an outbreak is large if it has
    more than sqrt(n) nodes (small ones have O(1) nodes here, large ones
    about 0.58 n).

    * Attack rate: the mean size / n of the large outbreaks against
      1 - G0(u), u = 1 - T + T G1(u) at T = tau / (tau + gamma) (the mean
      transmissibility: each node's susceptibility comes from independent
      neighbours' periods). Tolerance 4 SE of the mean + 50 / n: the theory
      averages over graphs, and the mean large outbreak of one fixed graph
      differs from it by a graph-dependent amount, measured at -30 to +15
      nodes over Poisson(3) graphs of this size (10 x 800 runs each).
    * Probability of a large outbreak: binomial proportion against directed
      percolation (the periods correlate a node's transmissions), which is
      lower than the attack rate. Tolerance 4 SE + 20 / n, and the attack
      rate itself is outside it (the correlation is detected).
    """
    rng = np.random.default_rng(2007)
    csr = configuration_graph(rng.poisson(3.0, sized(20_000, 4_000)), rng)
    n = csr.n_nodes
    tau, gamma = 1.0, 1.0
    nodes = np.sort(rng.choice(n, 800, replace=False)).astype(np.int64)
    sizes = kernel.continuous_sir_sizes_each_source(
        csr.indptr, csr.indices, np.empty(0), tau, gamma, nodes, 1, *key_of(41), PURPOSE
    )[:, 0]
    large = sizes > math.sqrt(n)
    assert sizes[large].min() > 0.4 * n  # large ones are all near the attack rate
    attack = giant_outbreak_fraction(csr.degrees, tau / (tau + gamma))
    fractions = sizes[large] / n
    se = fractions.std(ddof=1) / math.sqrt(fractions.size)
    assert abs(fractions.mean() - attack) <= 4 * se + 50 / n, (fractions.mean(), attack, se)
    probability = large_outbreak_probability(csr.degrees, tau, gamma)
    observed = large.mean()
    se = math.sqrt(probability * (1 - probability) / large.size)
    assert abs(observed - probability) <= 4 * se + 20 / n, (observed, probability, se)
    assert abs(observed - attack) > 4 * se + 20 / n


# --- EoN.fast_SIR on the same graph --------------------------------------------------------


def import_eon():
    """Import EoN, whose import triggers a SciPy DeprecationWarning (an error under pytest)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import EoN
    return EoN


def two_sample_pvalue(a, b, n_bins=8):
    """Chi-square pvalue of a 2 x bins contingency table; bins from the pooled quantiles."""
    pooled = np.concatenate([a, b])
    edges = np.unique(np.quantile(pooled, np.linspace(0, 1, n_bins + 1)[1:-1], method="lower"))
    table = np.array(
        [
            np.bincount(np.searchsorted(edges, x, side="right"), minlength=edges.size + 1)
            for x in (a, b)
        ]
    )
    table = table[:, table.sum(axis=0) > 0]
    return scipy.stats.chi2_contingency(table).pvalue


@pytest.mark.parametrize("rate", [None, "rate", "slow"])
def test_final_sizes_match_eon_fast_sir(rate):
    """300-node Barabasi-Albert graph, one source, 400 runs each, two-sample pvalue > 0.01.

    EoN draws from the numpy Generator passed as ``rng`` (seeded here); per-edge
    rates reach EoN as ``transmission_weight`` with tau = 1.
    """
    G = with_rates(nx.barabasi_albert_graph(300, 2, seed=np.random.default_rng(3)))
    source = 10
    tau = 0.35 if rate is None else 1.0
    n_runs = 400
    ours = sizes_of(G, [source], tau=tau, gamma=1.0, rate=rate, n_runs=n_runs, seed=43)
    EoN = import_eon()
    eon_rng = np.random.default_rng(43)
    theirs = np.array(
        [
            EoN.fast_SIR(
                G, tau, 1.0, initial_infecteds=[source], transmission_weight=rate, rng=eon_rng
            )[3][-1]
            for _ in range(n_runs)
        ]
    )
    # spread-out distributions, not constants
    assert ours.std() > 5
    assert theirs.std() > 5
    assert two_sample_pvalue(ours, theirs) > 0.01
