"""The report of an experiment: figures with a sentence each, and ``summary.md``.

The report reads an :class:`~netsim.experiments.ExperimentResults` only.
Each figure a config's ``[report] figures`` names is an analysis in
:data:`ANALYSES`: a function of the results that returns a :class:`Finding`
(the figure, the table behind it and a sentence with its numbers)::

    from netsim.experiments import load_config, run_experiment
    from netsim.report import findings, summary_text
    results = run_experiment(load_config("quickstart", quick=True))
    for finding in findings(results):
        print(finding.sentence)
"""

from ._finding import Finding, save_figures
from ._registry import ANALYSES, findings, register_analysis
from ._summary import summary_text

__all__ = [
    "ANALYSES",
    "Finding",
    "findings",
    "register_analysis",
    "save_figures",
    "summary_text",
]
