"""Heat map of the mean spreading efficiency on the (k_S, k) grid of Kitsak et al.

Kitsak et al., doi:10.1038/nphys1746, Fig. 2: the mean M of the nodes of
each k-shell index k_S and degree k.
"""

from typing import Any

import numpy as np
import pandas as pd

from .._validation import Described, check_int, invalid
from ._rankings import _axes

__all__ = ["plot_efficiency_grid"]


def _check_grid(grid: Any) -> pd.DataFrame:
    if not isinstance(grid, pd.DataFrame):
        kind = type(grid).__name__
        message = f"grid must be a pandas.DataFrame from efficiency_grid; got {kind}."
        raise TypeError(message)
    levels = list(grid.index.names)
    if levels != ["k_shell", "degree"] or not {"M", "n_nodes"} <= set(grid.columns) or grid.empty:
        shown = Described(f"index levels {levels!r}, columns {list(grid.columns)!r}")
        constraint = (
            "a non-empty table from efficiency_grid, indexed by (k_shell, degree), "
            "with columns 'M' and 'n_nodes'"
        )
        raise invalid("grid", constraint, shown)
    return grid


def _degree_bins(degrees: np.ndarray, n_bins: int) -> tuple[np.ndarray, bool]:
    """Return integer bin edges (bin j holds degrees in [b_j, b_{j+1})) and whether to use log."""
    low, high = int(degrees.min()), int(degrees.max())
    if high - low + 1 <= n_bins:
        return np.arange(low, high + 2), False
    edges = np.unique(np.round(np.geomspace(max(low, 1), high + 1, n_bins + 1)).astype(np.int64))
    if low == 0:
        edges = np.concatenate([[0], edges])
    return edges, True


def plot_efficiency_grid(
    grid: pd.DataFrame,
    *,
    ax: Any = None,
    cmap: Any = "viridis",
    n_bins: int = 30,
    label: str = "mean M",
    **artist_kwargs: Any,
) -> Any:
    r"""Plot the mean spreading efficiency M on the (k_S, k) grid, as a heat map.

    Parameters
    ----------
    grid : pandas.DataFrame
        The table of :func:`netsim.efficiency_grid`, indexed by
        ``(k_shell, degree)`` with columns ``M`` and ``n_nodes``.
    ax : matplotlib.axes.Axes, optional
        The axes to draw on; default the axes of a new figure.
    cmap : str or matplotlib.colors.Colormap, default="viridis"
        The colour map of the mean M.
    n_bins : int, default=30
        The most degree columns, >= 1. When the degrees span at most
        ``n_bins`` integers, each degree has its own column on a linear axis;
        otherwise the degrees are grouped in at most ``n_bins`` logarithmic
        bins drawn on a log axis (symmetric log when degree 0 occurs).
    label : str, default="mean M"
        The colour bar's label (say what ``M`` holds, e.g. "mean
        persistence" for SIS).
    **artist_kwargs
        Passed to ``ax.pcolormesh`` (``vmin``, ``vmax``, ``norm``, ...).

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on: one row per k-shell index from the smallest to
        the largest, one column per degree (or degree bin), empty cells left
        blank, and a colour bar labelled ``label``.

    Raises
    ------
    TypeError
        If ``grid`` is not a DataFrame, ``n_bins`` not an int or ``label``
        not a str.
    InvalidParameterError
        If ``grid`` is empty or lacks the index levels or columns above, or
        ``n_bins < 1``.

    See Also
    --------
    netsim.efficiency_grid : the table drawn.
    plot_efficiency_against : M of every node against one measure.

    Notes
    -----
    A cell of a degree bin :math:`[b_j, b_{j+1})` holds the mean of the
    cells it groups weighted by their node counts, so it is the mean M of
    all the nodes of that k-shell index with degree in the bin. Kitsak et
    al. [1]_ read off such a map that M varies along k_S more than along k.

    References
    ----------
    .. [1] M. Kitsak et al., "Identification of influential spreaders in
       complex networks", Nat. Phys. 6, 888-893 (2010),
       doi:10.1038/nphys1746.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import networkx as nx
    >>> import netsim
    >>> from netsim.plot import plot_efficiency_grid
    >>> G = nx.karate_club_graph()
    >>> M = netsim.spreading_efficiency(G, beta_factor=1.5, n_runs=200, seed=1)["M"]
    >>> grid = netsim.efficiency_grid(M, netsim.core_number(G), netsim.degree(G))
    >>> ax = plot_efficiency_grid(grid)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('degree k', 'k-shell index k_S')
    >>> [float(limit) for limit in ax.get_ylim()]
    [0.5, 4.5]
    >>> ax.figure.axes[-1].get_ylabel()
    'mean M'
    >>> plt.close(ax.figure)
    """
    grid = _check_grid(grid)
    n_bins = check_int("n_bins", n_bins, minimum=1)
    if not isinstance(label, str):
        message = f"label must be a str; got {type(label).__name__}."
        raise TypeError(message)
    k_shell = grid.index.get_level_values("k_shell").to_numpy()
    degree = grid.index.get_level_values("degree").to_numpy(dtype=np.int64)
    mean = grid["M"].to_numpy(dtype=np.float64)
    count = grid["n_nodes"].to_numpy(dtype=np.float64)

    shells = np.unique(k_shell)
    integer_shells = bool(np.all(np.equal(np.mod(shells, 1), 0)))
    if integer_shells:  # every integer index gets a row
        shells = np.arange(int(shells.min()), int(shells.max()) + 1)
        y_edges = np.concatenate([shells - 0.5, [shells[-1] + 0.5]])
    else:  # weighted k-shell values: a row per value
        middle = (shells[1:] + shells[:-1]) / 2
        half = (shells[-1] - shells[0]) / (2 * max(len(shells) - 1, 1)) or 0.5
        y_edges = np.concatenate([[shells[0] - half], middle, [shells[-1] + half]])
    edges, log_axis = _degree_bins(degree, n_bins)
    row = np.searchsorted(shells, k_shell)
    column = np.searchsorted(edges, degree, side="right") - 1
    weight = np.zeros((shells.size, edges.size - 1))
    total = np.zeros_like(weight)
    np.add.at(weight, (row, column), count)
    np.add.at(total, (row, column), count * mean)
    with np.errstate(invalid="ignore", divide="ignore"):
        cells = np.where(weight > 0, total / np.where(weight > 0, weight, 1.0), np.nan)

    ax = _axes(ax)
    mesh = ax.pcolormesh(
        edges - 0.5, y_edges, np.ma.masked_invalid(cells), cmap=cmap, **artist_kwargs
    )
    if log_axis:
        if edges[0] == 0:
            ax.set_xscale("symlog", linthresh=1.0)
        else:
            ax.set_xscale("log")
    ax.set_xlim(float(edges[0]) - 0.5, float(edges[-1]) - 0.5)
    ax.set_ylim(float(y_edges[0]), float(y_edges[-1]))
    if integer_shells:
        from matplotlib.ticker import MaxNLocator

        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("degree k")
    ax.set_ylabel("k-shell index k_S")
    ax.figure.colorbar(mesh, ax=ax, label=label)
    return ax
