"""A pure-Python port of netsim's kernel PRNG (netsim/_kernels/prng.py).

Written from the published algorithms (SplitMix64, xoshiro256**) with Python
ints masked to 64 bits, sharing no code with the kernels, so that slow
reference simulations can replay a kernel's draws exactly.
"""

import math

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
SALT_A = 0x243F6A8885A308D3
SALT_B = 0x13198A2E03707344


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + GOLDEN) & MASK
        return mix64(self.state)


def _absorb(h, word):
    return mix64(((h + GOLDEN) & MASK) ^ (word & MASK))


def _digest(salt, key0, key1, purpose, i, j):
    h = mix64((key0 ^ salt) & MASK)
    for word in (key1, purpose, i, j):
        h = _absorb(h, word)
    return h


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    """xoshiro256** (Blackman and Vigna), with the draws netsim's kernels use."""

    def __init__(self, state):
        self.s = [word & MASK for word in state]

    @classmethod
    def for_task(cls, key0, key1, purpose, i, j):
        a = SplitMix64(_digest(SALT_A, int(key0), int(key1), int(purpose), int(i), int(j)))
        b = SplitMix64(_digest(SALT_B, int(key0), int(key1), int(purpose), int(i), int(j)))
        state = [a.next(), a.next(), b.next(), b.next()]
        if not any(state):
            state[0] = GOLDEN
        return cls(state)

    def next_u64(self):
        s = self.s
        result = (_rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def next_double(self):
        return (self.next_u64() >> 11) * 2.0**-53

    def next_geometric(self, log_q):
        """Failures before the first success; ``log_q = log(1 - p)``."""
        skip = math.log(1.0 - self.next_double()) / log_q
        return 2**62 if skip >= 2**62 else math.floor(skip)
