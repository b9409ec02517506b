"""Every figure a config can ask for, by name, and the findings of an experiment's figures."""

from collections.abc import Callable

from ..experiments import ExperimentResults
from ..experiments._config import FIGURES
from ._analyses_jobs import ANALYSES as _JOBS
from ._analyses_nodes import ANALYSES as _NODES
from ._analyses_persistence import ANALYSES as _PERSISTENCE
from ._analyses_rankings import ANALYSES as _RANKINGS
from ._analyses_sources import ANALYSES as _SOURCES
from ._analyses_sweeps import ANALYSES as _SWEEPS
from ._analyses_theory import ANALYSES as _THEORY
from ._analyses_verdict import ANALYSES as _VERDICT
from ._finding import Finding

__all__ = ["ANALYSES", "findings", "register_analysis"]

#: Every figure a config's ``[report] figures`` may name.
ANALYSES: dict[str, Callable[[ExperimentResults], Finding]] = {}


def register_analysis(name: str, analysis: Callable[[ExperimentResults], Finding]) -> None:
    """Make ``analysis`` the figure ``name``, which a config's ``[report] figures`` may then name.

    The config learns the name and the first line of the analysis's
    docstring (``netsim validate --explain`` shows it).
    """
    ANALYSES[name] = analysis
    FIGURES[name] = (analysis.__doc__ or "").strip().split("\n")[0]


def findings(results: ExperimentResults) -> list[Finding]:
    """Return the findings of the config's figures, in the config's order."""
    return [ANALYSES[name](results) for name in results.config.report.figures]


_ALL = {
    **_NODES,
    **_RANKINGS,
    **_SOURCES,
    **_SWEEPS,
    **_JOBS,
    **_THEORY,
    **_PERSISTENCE,
    **_VERDICT,
}
for _name, _analysis in _ALL.items():
    register_analysis(_name, _analysis)
del _name, _analysis, _ALL
