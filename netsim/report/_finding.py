"""What a report is made of: findings, each a figure with its numbers and a sentence."""

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .._files import atomic_write

__all__ = ["Finding", "save_figures"]


@dataclass(frozen=True)
class Finding:
    """One figure of a report, with the numbers behind it and a sentence saying what it shows.

    Attributes
    ----------
    name : str
        The analysis name, also the stem of its files (``figures/<name>.png``,
        ``tables/<name>.csv``).
    title : str
        A heading.
    sentence : str
        What the figure shows, with its numbers.
    table : pandas.DataFrame
        The numbers behind the figure.
    figure : matplotlib.figure.Figure
        The figure.
    """

    name: str
    title: str
    sentence: str
    table: pd.DataFrame
    figure: Any


def save_figures(findings: Sequence[Finding], folder: str | os.PathLike[str]) -> None:
    """Save each finding's figure as ``figures/<name>.png`` and ``.svg`` in ``folder``; close it."""
    import matplotlib.pyplot as plt

    for finding in findings:
        for suffix in ("png", "svg"):
            path = Path(folder) / "figures" / f"{finding.name}.{suffix}"
            atomic_write(
                path,
                lambda p, f=finding.figure, s=suffix: f.savefig(
                    p, format=s, dpi=150, bbox_inches="tight"
                ),
            )
        plt.close(finding.figure)
