"""Slow twins of the core-like-group diagnostics, written from Liu, Tang, Zhou and Do (2015).

Plain networkx and Python sets; they share no code with netsim's kernels.

* :func:`filtered_k_shell` (Sci. Rep. 5, 13172): the diffusion importance of
  a link ``(i, j)`` is the mean over the two directions of the number of
  neighbours of the far end that are neither the near end nor one of its
  neighbours; links below the threshold are removed all at once and
  networkx's core numbers of what remains are returned.
* :func:`core_like_groups` (Sci. Rep. 5, 9602): the link entropy of each
  shell, normalised by the log of the number of shells with links, and the
  core-like flag of ``netsim.core_like_groups`` (not the outermost shell,
  entropy below half the entropy of all link ends over shells, most link
  ends inside the shell).
"""

import math
from collections import Counter

import networkx as nx


def diffusion_importance(G, i, j):
    near_i = set(G[i]) | {i}
    near_j = set(G[j]) | {j}
    return (len(set(G[j]) - near_i) + len(set(G[i]) - near_j)) / 2


def filtered_k_shell(G, threshold=2.0):
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((i, j) for i, j in G.edges() if diffusion_importance(G, i, j) >= threshold)
    return nx.core_number(H)


def _entropy(counter):
    total = sum(counter.values())
    return -sum(c / total * math.log(c / total) for c in counter.values() if c)


def core_like_groups(G):
    """Return ``{shell: (n_nodes, link_entropy, core_like)}`` and the reference entropy."""
    core = nx.core_number(G)
    shells = sorted(set(core.values()))
    linked = [s for s in shells if s > 0]
    destinations = {s: Counter() for s in shells}
    for v in G:
        for u in G[v]:
            destinations[core[v]][core[u]] += 1
    all_ends = Counter({s: sum(destinations[s].values()) for s in shells})
    scale = math.log(len(linked)) if len(linked) > 1 else float("nan")
    reference = _entropy(all_ends) / scale if len(linked) > 1 else float("nan")
    table = {}
    for s in shells:
        n_nodes = sum(1 for v in core if core[v] == s)
        if s == 0 or len(linked) < 2:
            table[s] = (n_nodes, float("nan"), False)
            continue
        entropy = _entropy(destinations[s]) / scale
        top = max(destinations[s].values())
        inside_first = destinations[s][s] == top
        flag = s > min(linked) and entropy < reference / 2 and inside_first
        table[s] = (n_nodes, entropy, flag)
    return table, reference
