"""Real networks packaged with netsim.

Ten public networks (social, email, co-authorship, trust and professional),
each loaded as a simple undirected graph: :func:`load` gives a networkx graph,
:func:`load_csr` a :class:`netsim.CSRGraph`, :func:`info` the description,
source, citation and licence, :func:`names` the list. The files, their
sources and how netsim reads them are described in
``netsim/datasets/data/README.md``; please cite the papers :func:`info` gives
when you use a data set.

Examples
--------
>>> import netsim
>>> available = netsim.datasets.names()
>>> available[:5]
['advogato', 'ca-grqc', 'ca-hepth', 'email-eu-core', 'email-univ']
>>> available[5:]
['facebook', 'github', 'hamsterster', 'jazz', 'physicians']
>>> G = netsim.datasets.load("jazz")
>>> G.number_of_nodes(), G.number_of_edges()
(198, 2742)
"""

from ._load import info, load, load_csr, names

__all__ = ["info", "load", "load_csr", "names"]
