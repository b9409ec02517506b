"""Slow, obvious twin of netsim/_kernels/threshold.py, written from the definition.

Threshold model of complex contagion (Centola and Macy 2007): synchronous
steps; a non-adopter adopts when it has at least one adopted neighbour and
the adopters among its neighbours reach the threshold: a fraction ``theta``
of its neighbours (of its total weight), or a number ``m`` (a summed
weight). Adoption is permanent. Shares no code with the kernel.
"""


def threshold_cascade(G, sources, *, theta=None, m=None, weight=None):
    """Return ``(I, R)`` after each step: nodes that adopted at that step, and before.

    ``weight`` names the edge attribute a neighbour counts with (None: 1).
    """
    adopted = set(sources)
    newest = set(sources)
    curve_i, curve_r = [len(newest)], [0]

    def w(u, v):
        return 1 if weight is None else G[u][v][weight]

    while newest:
        joining = set()
        for v in G:
            if v in adopted:
                continue
            adopters = [u for u in G[v] if u in adopted]
            if not adopters:
                continue
            acc = sum(w(v, u) for u in adopters)
            if theta is not None:
                total = sum(w(v, u) for u in G[v])
                meets = total > 0 and acc / total >= theta
            else:
                meets = acc >= m
            if meets:
                joining.add(v)
        curve_r.append(len(adopted))
        adopted |= joining
        newest = joining
        curve_i.append(len(joining))
    return curve_i, curve_r
