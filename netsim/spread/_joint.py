"""The outbreak that several sources start together, and how much their reaches overlap.

Kitsak et al. (2010) found that spreaders chosen in the innermost k-shell
but next to each other reach largely the same nodes, so that together they
infect little more than one of them alone; spread apart, their reaches add
up. :func:`joint_spread` measures that overlap.

Reference: Kitsak et al. 2010, doi:10.1038/nphys1746.
"""

from typing import Any

import numpy as np
import pandas as pd

from .._seeding import child, provenance, seed_sequence
from .._typing import SeedLike
from .._validation import check_int
from ._efficiency import spreading_efficiency
from ._models import model_params
from ._regime import regime_beta
from ._simulate import simulate

__all__ = ["JOINT_KEYWORDS", "joint_spread"]

#: The model keywords of joint_spread and compare_sources: discrete SIR with mu = 1.
JOINT_KEYWORDS = (
    "beta",
    "beta_factor",
    "target_outbreak",
    "threshold",
    "transmission",
    "weight",
    "w_ref",
)


def joint_spread(
    G: Any,
    sources: Any,
    *,
    beta: float | None = None,
    beta_factor: float | None = None,
    target_outbreak: float | None = None,
    threshold: str = "configuration",
    transmission: str = "contact",
    weight: str = "trust",
    w_ref: float | None = None,
    n_runs: int = 1000,
    seed: SeedLike = None,
) -> pd.Series:
    r"""Return the mean outbreak that ``sources`` start together, and their overlap.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        Undirected graph. With ``transmission="trust"``, a networkx graph
        needs the edge attribute ``weight`` and a CSRGraph needs weights.
    sources : node label or list-like of node labels
        The sources, distinct nodes of ``G`` (for example from
        :func:`choose_sources`).
    beta : float, optional
        Transmission probability per contact and step of discrete SIR with
        ``mu = 1``, in [0, 1]. Give exactly one of ``beta``,
        ``beta_factor`` and ``target_outbreak``.
    beta_factor : float, optional
        ``beta`` as a multiple of the epidemic threshold.
    target_outbreak : float, optional
        Choose ``beta`` so that the mean over nodes of ``M_i / n`` is this
        share of the nodes, in (0, 1) (:func:`beta_for_outbreak`, drawn from
        the child ``REGIME`` of ``seed``).
    threshold : {"configuration", "weighted", "susceptibility"}, default="configuration"
        The threshold that ``beta_factor`` multiplies (see
        :func:`epidemic_threshold`).
    transmission : {"contact", "trust"}, default="contact"
        As in :func:`simulate`.
    weight : str, default="trust"
        Edge attribute holding the trust of a networkx graph; used only with
        ``transmission="trust"``.
    w_ref : float, optional
        As in :func:`simulate`; only with ``transmission="trust"``.
    n_runs : int, default=1000
        Outbreaks simulated from the sources together, and from each source
        alone, >= 2.
    seed : None, int, numpy.random.SeedSequence or numpy.random.Generator, default=None
        Source of randomness. An int or SeedSequence makes the result reproducible; a
        Generator is advanced; None draws fresh entropy, which is recorded in the result.
        Results do not depend on the number of threads or worker processes.

    Returns
    -------
    pandas.Series of float64
        Named ``"joint_spread"``, with entries ``size`` (mean size of the
        outbreak the sources start together, sources included), ``size_se``
        (its standard error), ``sum_alone`` (the sum over the sources of
        their spreading efficiency ``M`` alone), ``sum_alone_se`` (its
        standard error) and ``overlap`` (``1 - size / sum_alone``: 0 when the
        sources' reaches add up, towards ``1 - 1/k`` when ``k`` sources reach
        the same nodes). ``attrs`` records ``sources``, ``n_runs``, the
        model's parameters and the seed provenance.

    Raises
    ------
    InvalidParameterError
        As :func:`simulate`; also if ``n_runs < 2``.
    TypeError
        If an argument has the wrong type, or ``G`` is not a graph.
    UnsupportedGraphError
        If ``G`` is directed or a multigraph.

    See Also
    --------
    choose_sources : sources chosen by degree, k-shell, k-shell apart, ...
    compare_sources : this for the sources of several strategies.

    Notes
    -----
    The model is discrete SIR with :math:`\mu = 1` (MODEL.md section 3).
    With :math:`S` the sources, the joint outbreak is the union of the
    sources' clusters in bond percolation, so its size is at most the sum of
    their outbreaks alone, in every sample, and

    .. math:: \mathrm{overlap} = 1 - \frac{\mathbb{E}[|C(S)|]}
              {\sum_{i \in S} M_i} \ge 0

    in expectation (estimates may fall slightly below 0 by chance).
    ``size`` is the mean of ``simulate(G, "sir", sources=sources, ...)``;
    ``M_i`` come from ``spreading_efficiency(..., method="direct")``, whose
    runs are independent between nodes, so ``sum_alone_se`` is the root of
    the sum of the squared standard errors. The root ``seed`` is split in
    two children, ``(..., 0)`` for the joint runs and ``(..., 1)`` for the
    runs alone. Time: ``n_runs * (k + 1)`` outbreaks for ``k`` sources.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nature Physics 6, 888-893 (2010).
       doi:10.1038/nphys1746

    Examples
    --------
    >>> import networkx as nx
    >>> import netsim
    >>> G = nx.karate_club_graph()
    >>> near = netsim.joint_spread(G, [0, 1], beta_factor=1.5, n_runs=2000, seed=1)
    >>> apart = netsim.joint_spread(G, [16, 26], beta_factor=1.5, n_runs=2000, seed=1)
    >>> near.round(2).to_dict()
    {'size': 12.24, 'size_se': 0.12, 'sum_alone': 19.37, 'sum_alone_se': 0.19, 'overlap': 0.37}

    Two neighbours in the core reach largely the same nodes; two nodes at
    the edge of the network barely overlap:

    >>> round(float(apart["overlap"]), 2)
    0.04
    """
    n_runs = check_int("n_runs", n_runs, minimum=2)
    root = seed_sequence(seed)
    joint_seed, alone_seed = child(root, 0), child(root, 1)
    given = model_params(locals(), JOINT_KEYWORDS)
    # One beta for both calls, whatever their seeds (a target outbreak draws from root).
    csr, model, regime = regime_beta(G, given, root, caller="joint_spread")
    sizes = simulate(csr, "sir", sources=sources, n_runs=n_runs, **model, seed=joint_seed)
    alone = spreading_efficiency(
        csr, nodes=sizes.attrs["sources"], n_runs=n_runs, method="direct", **model, seed=alone_seed
    )
    size = float(sizes.mean())
    sum_alone = float(alone["M"].sum())
    result = pd.Series(
        {
            "size": size,
            "size_se": float(sizes.std(ddof=1)) / np.sqrt(n_runs),
            "sum_alone": sum_alone,
            "sum_alone_se": float(np.sqrt((alone["M_se"] ** 2).sum())),
            "overlap": 1.0 - size / sum_alone,
        },
        name="joint_spread",
        dtype=np.float64,
    )
    attrs = {**regime, "transmission": sizes.attrs["transmission"], "w_ref": sizes.attrs["w_ref"]}
    result.attrs.update(provenance(root, sources=sizes.attrs["sources"], n_runs=n_runs, **attrs))
    return result
