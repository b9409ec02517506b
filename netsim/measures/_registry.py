"""Every centrality by name: ``centrality(G, "k_shell")``.

The registry maps a measure's name to its function, so that configs, the
command line and :func:`netsim.rank_spreaders` can ask for measures by name.
"""

import inspect
from collections.abc import Callable
from typing import Any

import networkx as nx
import pandas as pd

from .._validation import check_choice, invalid
from ..graphs import CSRGraph
from ._classic import betweenness, closeness, degree, eigenvector, pagerank
from ._core_like import filtered_k_shell
from ._kshell import core_number
from ._local import collective_influence, h_index, semi_local, voterank
from ._weighted_kshell import weighted_k_shell

__all__ = ["MEASURES", "centrality", "centrality_names"]

#: Every measure by name, with the function that computes it.
_FUNCTIONS: dict[str, Callable[..., pd.Series]] = {
    "degree": degree,
    "k_shell": core_number,
    "weighted_k_shell": weighted_k_shell,
    "betweenness": betweenness,
    "closeness": closeness,
    "eigenvector": eigenvector,
    "pagerank": pagerank,
    "h_index": h_index,
    "collective_influence": collective_influence,
    "semi_local": semi_local,
    "voterank": voterank,
    "filtered_k_shell": filtered_k_shell,
}

#: Names of every measure netsim defines, in the registry's order.
MEASURES = tuple(_FUNCTIONS)


def centrality_names() -> tuple[str, ...]:
    """Return the names :func:`centrality` accepts, in the registry's order.

    Returns
    -------
    tuple of str
        ``"degree"``, ``"k_shell"``, ``"weighted_k_shell"``,
        ``"betweenness"``, ``"closeness"``, ``"eigenvector"``, ``"pagerank"``,
        ``"h_index"``, ``"collective_influence"``, ``"semi_local"``,
        ``"voterank"`` and ``"filtered_k_shell"``.

    See Also
    --------
    centrality : compute one of them.

    Examples
    --------
    >>> import netsim
    >>> netsim.measures.centrality_names()[:3]
    ('degree', 'k_shell', 'weighted_k_shell')
    """
    return MEASURES


def resolve(name: Any) -> Callable[..., pd.Series]:
    """Return the function of measure ``name``, raising the did-you-mean error if unknown."""
    return _FUNCTIONS[check_choice("name", name, MEASURES)]


def check_params(name: str, function: Callable[..., Any], params: dict[str, Any]) -> None:
    """Raise unless every key of ``params`` is a keyword parameter of ``function``."""
    signature = inspect.signature(function)
    allowed = [
        parameter.name
        for parameter in list(signature.parameters.values())[1:]
        if parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    for key in params:
        if key not in allowed:
            shown = "{" + ", ".join(repr(option) for option in sorted(allowed)) + "}"
            constraint = f"one of {shown}" if allowed else "empty: it takes no parameters"
            hint = ""
            close = [option for option in allowed if option.lower() == str(key).lower()]
            if close:
                hint = f"Did you mean {close[0]!r}?"
            raise invalid(f"a parameter of centrality {name!r}", constraint, key, hint)


def centrality(G: nx.Graph | CSRGraph, name: str, **params: Any) -> pd.Series:
    """Return the centrality ``name`` of every node.

    Parameters
    ----------
    G : networkx.Graph or CSRGraph
        An undirected simple graph.
    name : str
        The measure, one of :func:`centrality_names`: ``"degree"``,
        ``"k_shell"`` (core number), ``"weighted_k_shell"``,
        ``"betweenness"``, ``"closeness"``, ``"eigenvector"``,
        ``"pagerank"``, ``"h_index"``, ``"collective_influence"``,
        ``"semi_local"``, ``"voterank"``, ``"filtered_k_shell"`` (k-shell
        without redundant links).
    **params
        Keyword parameters of the measure's own function (e.g. ``l=3`` for
        ``"collective_influence"``, ``weight="trust"`` for
        ``"weighted_k_shell"``).

    Returns
    -------
    pandas.Series indexed by node
        Named ``name``, in the order of ``list(G)``: the measure's values,
        exactly those of its function (``"k_shell"`` is
        :func:`netsim.core_number` under that name).

    Raises
    ------
    InvalidParameterError
        If ``name`` is unknown (with the closest valid name as a hint), or
        a parameter is not one of the measure's; and whatever the measure
        raises for its parameters and graph.
    TypeError
        If ``G`` is not a graph.

    See Also
    --------
    centrality_names : the names accepted.
    rank_spreaders : several measures against simulated spreading.

    Notes
    -----
    A thin dispatcher: the cost, the definition and the references of each
    measure are those of its function. The registry imports a measure's
    module only when it is asked for.

    Examples
    --------
    >>> import networkx as nx
    >>> from netsim.measures import centrality
    >>> G = nx.karate_club_graph()
    >>> centrality(G, "k_shell").head(3)
    node
    0    4
    1    4
    2    4
    Name: k_shell, dtype: int64
    >>> int(centrality(G, "degree").loc[33])
    17
    >>> centrality(G, "k_shel")
    Traceback (most recent call last):
    ...
    netsim.exceptions.InvalidParameterError: name must be one of {...}; got 'k_shel'. Did you mean 'k_shell'?
    """  # noqa: E501
    function = resolve(name)
    check_params(name, function, params)
    return function(G, **params).rename(name)
