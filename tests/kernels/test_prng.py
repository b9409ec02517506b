"""The kernel PRNG (netsim/_kernels/prng.py) and the seeding module (netsim/_seeding.py).

Three oracles: published test vectors of SplitMix64 and xoshiro256**, the
pure-Python port in tests/reference/prng.py (which must agree draw for draw),
and statistical tests of the draws at fixed seeds (pvalue > 0.01 pattern:
deterministic outcome, about 1% false alarms at design time).
"""

import math

import numba
import numpy as np
import pytest
import scipy.stats
from reference.prng import SplitMix64, Xoshiro256StarStar
from reference.prng import mix64 as reference_mix64

from netsim import _seeding
from netsim._kernels import prng
from netsim.exceptions import InvalidParameterError

# xoshiro256** from the state (1, 2, 3, 4): the first outputs of the reference
# implementation's test (rand_xoshiro's reference test vectors).
XOSHIRO_1234 = [
    11520,
    0,
    1509978240,
    1215971899390074240,
    1216172134540287360,
    607988272756665600,
    16172922978634559625,
    8476171486693032832,
    10595114339597558777,
    2904607092377533576,
]
# SplitMix64 (Steele, Lea and Flood 2014) from the seed 1234567.
SPLITMIX_1234567 = [
    6457827717110365317,
    3203168211198807973,
    9817491932198370423,
    4593380528125082431,
    16408922859458223821,
]
SPLITMIX_0_FIRST = 0xE220A8397B1DCDAF


@numba.njit
def kernel_u64s(state, n):
    out = np.empty(n, dtype=np.uint64)
    for i in range(n):
        out[i] = prng.next_u64(state)
    return out


@numba.njit
def kernel_doubles(state, n):
    out = np.empty(n, dtype=np.float64)
    for i in range(n):
        out[i] = prng.next_double(state)
    return out


@numba.njit
def kernel_geometrics(state, log_q, n):
    out = np.empty(n, dtype=np.int64)
    for i in range(n):
        out[i] = prng.next_geometric(state, log_q)
    return out


@numba.njit
def kernel_splitmix(seed, n):
    state = np.full(1, seed, dtype=np.uint64)
    out = np.empty(n, dtype=np.uint64)
    for i in range(n):
        out[i] = prng.splitmix64_next(state)
    return out


@numba.njit
def kernel_mix64(z):
    return prng.mix64(z)


@numba.njit
def kernel_bernoulli_count(state, p, n):
    count = 0
    for _ in range(n):
        if prng.next_double(state) < p:
            count += 1
    return count


@numba.njit
def kernel_first_doubles_of_tasks(key0, key1, purpose, i, n_tasks):
    out = np.empty(n_tasks, dtype=np.float64)
    for j in range(n_tasks):
        out[j] = prng.next_double(prng.task_state(key0, key1, purpose, i, j))
    return out


def u64_state(*words):
    return np.array(words, dtype=np.uint64)


# --- published vectors ------------------------------------------------------------------


def test_xoshiro_kernel_matches_the_published_vector():
    assert kernel_u64s(u64_state(1, 2, 3, 4), 10).tolist() == XOSHIRO_1234


def test_xoshiro_reference_matches_the_published_vector():
    rng = Xoshiro256StarStar([1, 2, 3, 4])
    assert [rng.next_u64() for _ in range(10)] == XOSHIRO_1234


def test_splitmix_kernel_matches_the_published_vector():
    assert kernel_splitmix(np.uint64(1234567), 5).tolist() == SPLITMIX_1234567
    assert int(kernel_splitmix(np.uint64(0), 1)[0]) == SPLITMIX_0_FIRST


def test_splitmix_reference_matches_the_published_vector():
    rng = SplitMix64(1234567)
    assert [rng.next() for _ in range(5)] == SPLITMIX_1234567
    assert SplitMix64(0).next() == SPLITMIX_0_FIRST


def test_mix64_fixes_zero_and_agrees_with_the_reference():
    assert int(kernel_mix64(np.uint64(0))) == 0 == reference_mix64(0)
    values = np.random.default_rng(11).integers(0, 2**64, size=200, dtype=np.uint64)
    for z in values:
        assert int(kernel_mix64(z)) == reference_mix64(int(z))


# --- kernel == pure-Python port -----------------------------------------------------------


def random_task_keys(seed, n):
    """Task coordinates of every magnitude, from a seeded Generator."""
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 2**64, size=(n, 2), dtype=np.uint64)
    purposes = rng.integers(0, 9, size=n)
    scale = rng.integers(1, 63, size=(n, 2))
    coords = (rng.random((n, 2)) * (2.0**scale)).astype(np.int64)
    return keys, purposes, coords


def test_task_state_kernel_equals_reference_for_many_tasks():
    keys, purposes, coords = random_task_keys(2024, 300)
    for (k0, k1), purpose, (i, j) in zip(keys, purposes, coords, strict=True):
        state = prng.task_state(k0, k1, int(purpose), int(i), int(j))
        reference = Xoshiro256StarStar.for_task(int(k0), int(k1), int(purpose), int(i), int(j))
        assert state.tolist() == reference.s


def test_task_state_edge_coordinates_equal_reference():
    top = 2**63 - 1
    for args in [(0, 0, 0, 0, 0), (2**64 - 1, 2**64 - 1, 3, top, top), (1, 2, 3, 0, top)]:
        state = prng.task_state(np.uint64(args[0]), np.uint64(args[1]), *args[2:])
        assert state.tolist() == Xoshiro256StarStar.for_task(*args).s
        assert any(state.tolist())


@numba.njit
def sir_seeded_states(key0, key1, purpose, i, js):
    """States the SIR drivers compute in place: prefix once per source, then per run."""
    out = np.empty((js.size, 4), dtype=np.uint64)
    prefix_a = prng.task_prefix(prng.SALT_A, key0, key1, purpose, i)
    prefix_b = prng.task_prefix(prng.SALT_B, key0, key1, purpose, i)
    for row in range(js.size):
        prng.seed_task_state(out[row], prefix_a, prefix_b, js[row])
    return out


def test_sir_drivers_in_place_states_equal_task_state():
    keys, purposes, coords = random_task_keys(7, 100)
    for (k0, k1), purpose, (i, j) in zip(keys, purposes, coords, strict=True):
        js = np.array([0, 1, j, 2**63 - 1], dtype=np.int64)
        states = sir_seeded_states(k0, k1, int(purpose), int(i), js)
        for row, jj in enumerate(js):
            expected = prng.task_state(k0, k1, int(purpose), int(i), int(jj))
            assert states[row].tolist() == expected.tolist()


def test_tasks_differing_in_one_coordinate_get_different_states():
    k0, k1 = np.uint64(5), np.uint64(6)
    base = prng.task_state(k0, k1, 3, 10, 20).tolist()
    others = [
        prng.task_state(k0, k1, 4, 10, 20),
        prng.task_state(k0, k1, 3, 11, 20),
        prng.task_state(k0, k1, 3, 10, 21),
        prng.task_state(k0, k1, 3, 20, 10),
        prng.task_state(k0, np.uint64(7), 3, 10, 20),
        prng.task_state(np.uint64(6), k1, 3, 10, 20),
    ]
    assert all(other.tolist() != base for other in others)


def test_draws_of_a_task_equal_reference_draws():
    key0, key1 = np.uint64(0x0123456789ABCDEF), np.uint64(42)
    state = prng.task_state(key0, key1, 3, 7, 9)
    reference = Xoshiro256StarStar.for_task(int(key0), int(key1), 3, 7, 9)
    assert kernel_u64s(state, 500).tolist() == [reference.next_u64() for _ in range(500)]
    assert kernel_doubles(state, 500).tolist() == [reference.next_double() for _ in range(500)]
    log_q = math.log1p(-0.07)
    assert kernel_geometrics(state, log_q, 500).tolist() == [
        reference.next_geometric(log_q) for _ in range(500)
    ]


def test_kernel_draws_do_not_touch_the_caller_copy():
    state = u64_state(1, 2, 3, 4)
    copy = state.copy()
    kernel_u64s(copy, 3)
    assert state.tolist() == [1, 2, 3, 4]
    assert copy.tolist() != [1, 2, 3, 4]


# --- statistics of the draws ------------------------------------------------------------


def test_next_double_is_uniform_on_the_53_bit_grid():
    """KS test of 200,000 draws against U[0, 1) at a fixed seed (pvalue > 0.01)."""
    x = kernel_doubles(prng.task_state(np.uint64(1), np.uint64(2), 3, 0, 0), 200_000)
    assert x.min() >= 0.0
    assert x.max() < 1.0
    assert np.all(x * 2.0**53 == np.floor(x * 2.0**53))
    assert scipy.stats.kstest(x, "uniform").pvalue > 0.01


@pytest.mark.parametrize("p", [0.5, 0.1, 0.9, 0.001, 1e-5])
def test_bernoulli_frequencies_follow_the_binomial_law(p):
    """Exact two-sided binomial test of 10**6 draws U < p at a fixed seed (pvalue > 0.01)."""
    n = 1_000_000
    state = prng.task_state(np.uint64(3), np.uint64(4), 3, 1, int(p * 1e6))
    k = kernel_bernoulli_count(state, p, n)
    assert scipy.stats.binomtest(k, n, p).pvalue > 0.01


def test_first_draws_across_tasks_are_uniform(sized):
    """Neighbouring tasks must look independent: KS of the first draw of 100,000 tasks."""
    x = kernel_first_doubles_of_tasks(np.uint64(9), np.uint64(10), 3, 5, sized(100_000, 10_000))
    assert scipy.stats.kstest(x, "uniform").pvalue > 0.01
    # and the lag-1 correlation between neighbouring tasks is within 4 SE (SE = 1/sqrt(n))
    r = np.corrcoef(x[:-1], x[1:])[0, 1]
    assert abs(r) < 4 / math.sqrt(x.size)


@pytest.mark.parametrize("p", [0.3, 0.05])
def test_geometric_skips_follow_the_geometric_law(p):
    """Chi-square of 200,000 skips against P(k) = (1-p)^k p, tail pooled (pvalue > 0.01)."""
    n = 200_000
    state = prng.task_state(np.uint64(5), np.uint64(6), 3, 2, int(p * 100))
    k = kernel_geometrics(state, math.log1p(-p), n)
    assert k.min() >= 0
    cutoff = int(scipy.stats.geom.ppf(0.999, p))  # number of failures below the 0.1% tail
    observed = np.bincount(np.minimum(k, cutoff), minlength=cutoff + 1)
    pmf = scipy.stats.geom.pmf(np.arange(cutoff), p, loc=-1)
    expected = n * np.append(pmf, 1.0 - pmf.sum())
    assert scipy.stats.chisquare(observed, expected).pvalue > 0.01


def test_geometric_skip_is_zero_when_every_trial_succeeds():
    k = kernel_geometrics(u64_state(1, 2, 3, 4), -math.inf, 1000)
    assert not k.any()


# --- netsim._seeding ----------------------------------------------------------------------


def test_int_and_seed_sequence_give_the_same_root():
    root = _seeding.seed_sequence(12345)
    assert root.entropy == 12345
    assert _seeding.kernel_key(root) == _seeding.kernel_key(np.random.SeedSequence(12345))
    assert _seeding.seed_sequence(np.int64(12345)).entropy == 12345


def test_a_seed_sequence_is_used_as_given():
    sequence = np.random.SeedSequence(7, spawn_key=(3,))
    assert _seeding.seed_sequence(sequence) is sequence


def test_a_generator_is_advanced_and_reproducible_from_its_state():
    rng = np.random.default_rng(99)
    before = rng.bit_generator.state
    first = _seeding.seed_sequence(rng)
    assert rng.bit_generator.state != before
    second = _seeding.seed_sequence(rng)
    assert first.entropy != second.entropy
    assert _seeding.seed_sequence(np.random.default_rng(99)).entropy == first.entropy


def test_none_draws_fresh_entropy():
    first, second = _seeding.seed_sequence(None), _seeding.seed_sequence(None)
    assert isinstance(first.entropy, int)
    assert first.entropy != second.entropy


def test_kernel_key_is_two_uint64_words_that_depend_on_the_root():
    key = _seeding.kernel_key(np.random.SeedSequence(1))
    assert all(isinstance(word, np.uint64) for word in key)
    assert key == _seeding.kernel_key(np.random.SeedSequence(1))
    assert key != _seeding.kernel_key(np.random.SeedSequence(2))
    assert key != _seeding.kernel_key(np.random.SeedSequence(1, spawn_key=(0,)))


def test_task_generator_is_the_spawned_child_addressed_by_meaning():
    root = np.random.SeedSequence(2010)
    purpose = _seeding.Purpose.GRAPH
    child = root.spawn(int(purpose) + 1)[int(purpose)].spawn(4)[3]
    expected = np.random.default_rng(child).random(5)
    assert np.array_equal(_seeding.task_generator(root, purpose, 3).random(5), expected)
    other = _seeding.task_generator(root, _seeding.Purpose.SIR, 3).random(5)
    assert not np.array_equal(other, expected)


def test_provenance_records_the_root_and_extras():
    record = _seeding.provenance(np.random.SeedSequence(5, spawn_key=(1, 2)), beta=0.5)
    assert record == {
        "seed_entropy": 5,
        "seed_spawn_key": (1, 2),
        "key_scheme": _seeding.KEY_SCHEME,
        "beta": 0.5,
    }


def test_purposes_are_distinct_small_ints():
    values = [int(purpose) for purpose in _seeding.Purpose]
    assert len(set(values)) == len(values)
    assert _seeding.Purpose.SIR == 3
    assert _seeding.Purpose.PERCOLATION == 4


def test_negative_seed_is_refused():
    with pytest.raises(InvalidParameterError, match=r"^seed must be an int >= 0; got -1\.$"):
        _seeding.seed_sequence(-1)


@pytest.mark.parametrize(
    ("seed", "kind"), [(1.5, "float"), ("42", "str"), (True, "bool"), ([1], "list")]
)
def test_seeds_of_other_types_are_refused(seed, kind):
    message = (
        r"^seed must be None, an int, a numpy\.random\.SeedSequence or a "
        rf"numpy\.random\.Generator; got {kind}\.$"
    )
    with pytest.raises(TypeError, match=message):
        _seeding.seed_sequence(seed)


def test_geometric_skip_is_capped_for_tiny_probabilities():
    """For p = 1e-300 the skip exceeds int64 and is capped at 2**62 in kernel and reference.

    The second draw from state (1, 2, 3, 4) is exactly 0 (U = 0), a skip of 0.
    """
    log_q = math.log1p(-1e-300)
    state = np.array([1, 2, 3, 4], dtype=np.uint64)
    skips = kernel_geometrics(state, log_q, 5).tolist()
    assert skips == [2**62, 0, 2**62, 2**62, 2**62]
    reference = Xoshiro256StarStar([1, 2, 3, 4])
    assert [reference.next_geometric(log_q) for _ in range(5)] == skips
