"""Theory oracles for outbreak sizes on configuration-model graphs: generating functions.

Newman's generating functions (Newman 2002, doi:10.1103/PhysRevE.66.016128),
evaluated on a graph's own degree sequence: the mean outbreak size from a
random node below the epidemic threshold, and the giant-outbreak fraction
above it. Exact for the configuration model as n -> infinity, for any
process whose outbreaks are bond-percolation clusters with transmissibility
T (discrete SIR with mu = 1: T = beta).

Written from the definitions; nothing here is shared with netsim. Exact laws
on tiny graphs are in percolation.py and markov.py.
"""

import numpy as np


class DegreeGeneratingFunctions:
    """``G0`` and ``G1`` of the degree distribution of a degree sequence.

    ``G0(x) = sum_k p_k x**k``; ``G1(x) = G0'(x) / G0'(1)``, the generating
    function of the excess degree (the degree of a node reached along an
    edge, minus one).
    """

    def __init__(self, degrees):
        degrees = np.asarray(degrees, dtype=np.int64)
        self.k, counts = np.unique(degrees, return_counts=True)
        self.p = counts / degrees.size
        self.mean = float(np.sum(self.k * self.p))
        self.mean_sq = float(np.sum(self.k**2 * self.p))

    def G0(self, x):
        return float(np.sum(self.p * x ** self.k.astype(np.float64)))

    def G1(self, x):
        k = self.k[self.k > 0]
        p = self.p[self.k > 0]
        return float(np.sum(k * p * x ** (k - 1).astype(np.float64)) / self.mean)

    def G0_prime_at_1(self):
        return self.mean

    def G1_prime_at_1(self):
        return (self.mean_sq - self.mean) / self.mean

    def threshold(self):
        """Critical transmissibility ``T_c = 1 / G1'(1) = <k> / (<k^2> - <k>)``."""
        return 1.0 / self.G1_prime_at_1()


def mean_outbreak_size(degrees, T):
    """Return ``1 + T G0'(1) / (1 - T G1'(1))``: mean outbreak size from a random node, T < T_c."""
    g = DegreeGeneratingFunctions(degrees)
    denominator = 1.0 - T * g.G1_prime_at_1()
    if denominator <= 0:
        message = f"T = {T} is not below the threshold {g.threshold()}."
        raise ValueError(message)
    return 1.0 + T * g.G0_prime_at_1() / denominator


def giant_outbreak_fraction(degrees, T, tol=1e-14, max_iter=1_000_000):
    """Return ``S = 1 - G0(u)`` with ``u`` the smallest root of ``u = 1 - T + T G1(u)``.

    ``u`` is the probability that an edge does not lead to the giant
    outbreak; iterating from ``u = 0`` converges monotonically to the
    smallest root in [0, 1]. S is both the probability that an outbreak from
    a random node is large and the fraction of nodes a large outbreak
    reaches.
    """
    g = DegreeGeneratingFunctions(degrees)
    u = 0.0
    for _ in range(max_iter):
        new = 1.0 - T + T * g.G1(u)
        if abs(new - u) < tol:
            return 1.0 - g.G0(new)
        u = new
    message = f"no convergence at T = {T} (too close to the threshold?)"
    raise RuntimeError(message)
