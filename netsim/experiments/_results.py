"""What an experiment returns: its tidy tables."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from ._config import ExperimentConfig

__all__ = ["ExperimentResults"]


@dataclass(frozen=True)
class ExperimentResults:
    """The tidy tables of an experiment, one row per task (and node).

    A task is one (network condition, replicate, spread condition). Every
    table starts with the condition columns: ``network`` (label), ``kind``,
    the network's parameters, ``replicate``, ``spread`` (label), ``model``
    and the spread's parameters (a spread parameter that shares a network
    parameter's name is prefixed ``spread_``). Rows follow the config's
    declared order, never the order in which tasks finished.

    Attributes
    ----------
    config : ExperimentConfig
        The configuration that was run.
    nodes : pandas.DataFrame
        One row per task and node: ``node``, ``strategy``, ``active``,
        ``degree``, ``k_shell``, ``strength``, one column per measure, ``M``
        and ``M_se`` (under model "sis", the node's persistence and its
        standard error, from :func:`netsim.persistence`).
    networks : pandas.DataFrame
        One row per task: ``n_nodes``, ``n_edges``, ``mean_degree``,
        ``k_max``, ``inner_core_size``, ``clustering``, ``mean_trust``,
        ``n_lion``, ``beta_c`` (the configuration-model threshold),
        ``beta_c_measured`` (the measured threshold: where the mean size of
        the finite percolation clusters peaks, contact transmission, 50
        samples), ``beta`` (the condition's transmission probability),
        ``outbreak_fraction`` (the mean of ``M / n`` measured) and
        ``seconds``.
    sources : pandas.DataFrame
        One row per task and source strategy (empty without ``[sources]``):
        ``strategy``, ``sources``, ``size``, ``size_se``, ``overlap``,
        ``n_runs``.
    network_columns : tuple of str
        The network parameters that vary across the config.
    spread_columns : tuple of str
        The spread parameters that vary across the config.
    """

    config: "ExperimentConfig | Any"
    nodes: pd.DataFrame
    networks: pd.DataFrame
    sources: pd.DataFrame
    network_columns: tuple[str, ...]
    spread_columns: tuple[str, ...]
