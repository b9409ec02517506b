"""Building a CSRGraph: from edge arrays and from networkx, against scipy and networkx."""

import warnings

import networkx as nx
import numpy as np
import scipy as sp

import netsim

from ._harness import Row, timed, verdict

# n_edges for the array builders, n_edges for the networkx conversion
PROBLEMS = {
    "quick": {"arrays": 500_000, "networkx": 100_000},
    "default": {"arrays": 10_000_000, "networkx": 1_000_000},
    "large": {"arrays": 10_000_000, "networkx": 10_000_000},
}


def random_edges(n_edges: int, seed: int = 20101) -> tuple[np.ndarray, np.ndarray]:
    """Uniform random edges on n_edges / 5 nodes (mean degree 10), seeded."""
    rng = np.random.default_rng(seed)
    n_nodes = max(2, n_edges // 5)
    return rng.integers(0, n_nodes, n_edges), rng.integers(0, n_nodes, n_edges)


def scipy_csr(u: np.ndarray, v: np.ndarray) -> sp.sparse.csr_array:
    """Build the same symmetric, sorted, duplicate-free pattern with scipy."""
    keep = u != v
    u, v = u[keep], v[keep]
    n = int(max(u.max(), v.max())) + 1
    data = np.ones(2 * u.size, dtype=np.int8)
    A = sp.sparse.coo_array((data, (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
    A = A.tocsr()
    A.sum_duplicates()
    return A


def same_pattern(csr: netsim.CSRGraph, A: sp.sparse.csr_array, order: np.ndarray) -> bool:
    """Return True if csr (nodes labelled by ``order``) has the pattern of A."""
    B = A[order][:, order]
    B.sort_indices()
    return np.array_equal(csr.indptr, B.indptr) and np.array_equal(csr.indices, B.indices)


def run(size: str, repeats: int, options: object = None) -> list[Row]:
    rows = []
    n = PROBLEMS[size]["arrays"]
    u, v = random_edges(n)
    netsim.CSRGraph.from_edges(u[:100], v[:100])  # compile outside the timed region
    t_ours, _, csr = timed(lambda: quiet_from_edges(u, v), repeats)
    t_scipy, _, A = timed(lambda: scipy_csr(u, v), repeats)
    ok = same_pattern(csr, A, np.asarray(csr.nodes))
    task = f"from_edges, {n:,} edges"
    rows.append(Row(task, size, t_ours, "scipy coo->csr", t_scipy, verdict(ok), ok))
    print(f"  CSRGraph of {csr.n_edges:,} edges holds {csr.nbytes / 2**20:.0f} MiB of arrays")

    n = PROBLEMS[size]["networkx"]
    u, v = random_edges(n, seed=20102)
    t_nx_build, _, G = timed(lambda: nx.Graph(zip(u.tolist(), v.tolist(), strict=True)), 1)
    G.remove_edges_from(list(nx.selfloop_edges(G)))  # as from_edges drops them
    t_ours = timed(lambda: quiet_from_edges(u, v), repeats)[0]
    ok = quiet_from_edges(u, v).n_edges == G.number_of_edges()
    task = f"from_edges, {n:,} edges"
    rows.append(Row(task, size, t_ours, "nx.Graph(edges)", t_nx_build, verdict(ok), ok))
    t_ours, _, csr = timed(lambda: netsim.CSRGraph.from_networkx(G), repeats)
    t_peer, _, A = timed(lambda: nx.to_scipy_sparse_array(G, format="csr"), repeats)
    A.sort_indices()
    ok = np.array_equal(csr.indptr, A.indptr) and np.array_equal(csr.indices, A.indices)
    task = f"from_networkx, {G.number_of_edges():,} edges"
    rows.append(Row(task, size, t_ours, "nx.to_scipy_sparse_array", t_peer, verdict(ok), ok))
    return rows


def quiet_from_edges(u: np.ndarray, v: np.ndarray) -> netsim.CSRGraph:
    """Build from random edges, whose few self-loops are expected."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", netsim.exceptions.NetsimWarning)
        return netsim.CSRGraph.from_edges(u, v)
