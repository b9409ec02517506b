"""The packaged real networks: what they are, where they come from, how to read them.

Each entry records the published description, source, citation and licence of
one packaged file, how netsim reads the file, and the node and edge counts of
the graph netsim builds from it (simple, undirected, self-loops removed).
:func:`netsim.datasets.load` checks those counts after reading, so a damaged
file is reported instead of silently giving a different graph.

The counts were computed once with networkx (``nx.read_edgelist`` into an
undirected ``nx.Graph``, then ``G.remove_edges_from(nx.selfloop_edges(G))``),
independently of netsim's reader, and the tests recompute them the same way.
Where a self-loop is a node's only edge, the node is kept as an isolated node,
as networkx keeps it.
"""

from dataclasses import dataclass
from typing import Any

__all__ = ["DATASETS", "Dataset"]


@dataclass(frozen=True)
class Dataset:
    """One packaged network and how to read it.

    The fields from ``name`` to ``node_attribute_file`` are public and are
    returned by :func:`netsim.datasets.info`; ``delimiter`` and
    ``header_lines`` are reading details.
    """

    name: str
    title: str
    description: str
    n_nodes: int
    n_edges: int
    directed_source: bool
    weighted: bool
    weight: str | None
    node_attributes: tuple[str, ...]
    citation: str
    licence: str
    source: str
    file: str
    node_attribute_file: str | None = None
    delimiter: str | None = None
    header_lines: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the public fields as a new dict (the ``info`` record)."""
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "n_nodes": self.n_nodes,
            "n_edges": self.n_edges,
            "directed_source": self.directed_source,
            "weighted": self.weighted,
            "weight": self.weight,
            "node_attributes": self.node_attributes,
            "citation": self.citation,
            "licence": self.licence,
            "source": self.source,
            "file": self.file,
            "node_attribute_file": self.node_attribute_file,
        }


_SNAP_LICENCE = (
    "Not stated; no licence accompanies the copy. SNAP asks that the papers "
    "given on the data set's page be cited."
)

_ENTRIES = (
    Dataset(
        name="facebook",
        title="SNAP ego-Facebook friendships",
        description=(
            "Friend lists of survey participants who used a Facebook app. The 10 ego "
            "networks are combined into one undirected graph with anonymised ids 0..4038."
        ),
        n_nodes=4039,
        n_edges=88234,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "J. McAuley, J. Leskovec, 'Learning to Discover Social Circles in Ego "
            "Networks', NIPS 2012."
        ),
        licence=_SNAP_LICENCE,
        source=(
            "SNAP, snap.stanford.edu/data/ego-Facebook; copy from "
            "AllenDowney/ThinkComplexity2@f0417b35ca26:data/facebook_combined.txt.gz"
        ),
        file="facebook_combined.txt.gz",
    ),
    Dataset(
        name="email-eu-core",
        title="SNAP email-Eu-core (European research institution)",
        description=(
            "Email network of a large European research institution: u and v are tied "
            "if either sent the other at least one email. Each person's department "
            "(42 departments, numbered 0..41) is the node attribute 'department'."
        ),
        n_nodes=1005,
        n_edges=16064,
        directed_source=True,
        weighted=False,
        weight=None,
        node_attributes=("department",),
        citation=(
            "H. Yin, A. R. Benson, J. Leskovec, D. F. Gleich, 'Local Higher-order "
            "Graph Clustering', KDD 2017; J. Leskovec, J. Kleinberg, C. Faloutsos, "
            "'Graph Evolution: Densification and Shrinking Diameters', ACM TKDD 1(1), 2007."
        ),
        licence=_SNAP_LICENCE,
        source=(
            "SNAP, snap.stanford.edu/data/email-Eu-core.html; edges from "
            "ebrahimirannezhad/AIi_InSocialNetwork@0c0c4f9aaff9:email-Eu-core.txt.gz, "
            "departments from arpan-vs/Complex-Network-Project@3c456d109504:"
            "email-Eu-core-department-labels.txt"
        ),
        file="email-Eu-core.txt.gz",
        node_attribute_file="email-Eu-core-department-labels.txt.gz",
    ),
    Dataset(
        name="ca-grqc",
        title="SNAP ca-GrQc co-authorship (arXiv General Relativity)",
        description="Two authors are tied if they co-wrote a paper in the arXiv GR-QC section.",
        n_nodes=5242,
        n_edges=14484,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "J. Leskovec, J. Kleinberg, C. Faloutsos, 'Graph Evolution: Densification "
            "and Shrinking Diameters', ACM TKDD 1(1), 2007."
        ),
        licence=_SNAP_LICENCE,
        source=(
            "SNAP, snap.stanford.edu/data/ca-GrQc.html; copy from "
            "thiagoraquel/paa_trab_1@c1090cb4276e:Database/ca-GrQc.txt.gz"
        ),
        file="ca-GrQc.txt.gz",
    ),
    Dataset(
        name="ca-hepth",
        title="SNAP ca-HepTh co-authorship (arXiv High Energy Physics - Theory)",
        description="Two authors are tied if they co-wrote a paper in the arXiv HEP-TH section.",
        n_nodes=9877,
        n_edges=25973,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "J. Leskovec, J. Kleinberg, C. Faloutsos, 'Graph Evolution: Densification "
            "and Shrinking Diameters', ACM TKDD 1(1), 2007."
        ),
        licence=_SNAP_LICENCE,
        source=(
            "SNAP, snap.stanford.edu/data/ca-HepTh.html; copy from "
            "Firingman/Maximum-Likelihood-based-Influence-Maximization-in-Social-Networks"
            "@cad73a16c7ea:CA-HepTh.txt"
        ),
        file="ca-HepTh.txt.gz",
    ),
    Dataset(
        name="email-univ",
        title="Email network of Universitat Rovira i Virgili",
        description=(
            "Email contacts between members of a university (Tarragona, Spain), a "
            "classic email contact network in spreading studies."
        ),
        n_nodes=1133,
        n_edges=5451,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "R. Guimera, L. Danon, A. Diaz-Guilera, F. Giralt, A. Arenas, 'Self-similar "
            "community structure in a network of human interactions', Phys. Rev. E 68, "
            "065103 (2003); R. A. Rossi, N. K. Ahmed, 'The Network Data Repository with "
            "Interactive Graph Analytics and Visualization', AAAI 2015."
        ),
        licence=(
            "Not stated in the copy. Network Repository asks that both the repository "
            "(Rossi & Ahmed, AAAI 2015) and the original paper be cited."
        ),
        source=(
            "Network Repository, ia-email-univ; copy from "
            "kshitija2/Maximum-Weight-Clique-Problem-Solver@3c2a21f45669:ia-email-univ.mtx"
        ),
        file="ia-email-univ.mtx.gz",
        header_lines=1,
    ),
    Dataset(
        name="hamsterster",
        title="Hamsterster friendships",
        description="Friendship and family links between users of hamsterster.com.",
        n_nodes=2426,
        n_edges=16630,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "R. A. Rossi, N. K. Ahmed, 'The Network Data Repository with Interactive "
            "Graph Analytics and Visualization', AAAI 2015."
        ),
        licence=(
            "Not stated. Network Repository asks that the repository "
            "(Rossi & Ahmed, AAAI 2015) be cited."
        ),
        source=(
            "Network Repository, soc-hamsterster (KONECT petster-hamster); copy from "
            "LucasPepper/complex-networks@9b0a16b73ce6:soc-hamsterster.edges"
        ),
        file="hamsterster.edges.gz",
    ),
    Dataset(
        name="advogato",
        title="KONECT Advogato trust network",
        description=(
            "Trust certificates between users of Advogato, a community site for "
            "free-software developers: apprentice = 0.6, journeyer = 0.8, master = 1.0. "
            "u and v are tied if either certified the other; the edge attribute "
            "'trust' is the higher of the two levels. Users whose only certificate "
            "is for themselves are isolated nodes."
        ),
        n_nodes=6539,
        n_edges=39285,
        directed_source=True,
        weighted=True,
        weight="trust",
        node_attributes=(),
        citation=(
            "P. Massa, M. Salvetti, D. Tomasoni, 'Bowling Alone and Trust Decline in "
            "Social Network Sites', DASC 2009; J. Kunegis, 'KONECT - The Koblenz "
            "Network Collection', WWW Companion 2013."
        ),
        licence="Not stated in KONECT's README.advogato; cite the papers it names.",
        source=(
            "KONECT, konect.cc/networks/advogato (originally trustlet.org); copy from "
            "Litsay/TrustBIGBANG@b5c5c7567a2d:advocate/out.advogato"
        ),
        file="advogato.edges.gz",
    ),
    Dataset(
        name="jazz",
        title="Jazz musicians (Gleiser & Danon)",
        description="Jazz bands of the Red Hot Jazz Archive, tied when they share a musician.",
        n_nodes=198,
        n_edges=2742,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "P. Gleiser, L. Danon, 'Community structure in jazz', Adv. Complex Syst. 6, 565 (2003)."
        ),
        licence="Not stated.",
        source=(
            "A. Arenas / KONECT, arenas-jazz; copy from woshiwufei/TSRC@f5a8ea607a4c:data/jazz.txt"
        ),
        file="jazz.edges.gz",
    ),
    Dataset(
        name="physicians",
        title="Innovation diffusion among physicians (Coleman, Katz & Menzel)",
        description=(
            "Physicians in four US towns in the 1950s, tied if either named the other "
            "as a contact for advice, discussion or friendship; collected to study the "
            "spread of a new drug."
        ),
        n_nodes=241,
        n_edges=923,
        directed_source=True,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "J. Coleman, E. Katz, H. Menzel, 'The Diffusion of an Innovation Among "
            "Physicians', Sociometry 20 (1957) 253-270."
        ),
        licence="Not stated.",
        source=(
            "KONECT, moreno_innovation; copy from woshiwufei/TSRC@f5a8ea607a4c:data/physicians.txt"
        ),
        file="physicians.edges.gz",
    ),
    Dataset(
        name="github",
        title="GitHub developers (MUSAE)",
        description=(
            "GitHub developers with at least 10 starred repositories, tied if they "
            "follow each other."
        ),
        n_nodes=37700,
        n_edges=289003,
        directed_source=False,
        weighted=False,
        weight=None,
        node_attributes=(),
        citation=(
            "B. Rozemberczki, C. Allen, R. Sarkar, 'Multi-scale Attributed Node "
            "Embedding', Journal of Complex Networks, 2021 (arXiv:1909.13021)."
        ),
        licence="Not stated in the copy's README; cite the paper.",
        source=(
            "SNAP git_web_ml / B. Rozemberczki's MUSAE data; copy from "
            "LucasPepper/complex-networks@9b0a16b73ce6:github_social/musae_git_edges.csv"
        ),
        file="musae_git_edges.csv.gz",
        delimiter=",",
        header_lines=1,
    ),
)

#: The packaged data sets by name.
DATASETS: dict[str, Dataset] = {entry.name: entry for entry in _ENTRIES}
