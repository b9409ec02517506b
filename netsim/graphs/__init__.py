"""Graph types and network generators."""

from ._baselines import (
    barabasi_albert_network,
    configuration_network,
    dunbar_capped_network,
    holme_kim_network,
    jackson_rogers_network,
)
from ._csr import CSRGraph
from ._game import lion_network, networking_game, networking_game_csr, organic_network
from ._game_rules import GameRules
from ._rewire import rewire

__all__ = [
    "CSRGraph",
    "GameRules",
    "barabasi_albert_network",
    "configuration_network",
    "dunbar_capped_network",
    "holme_kim_network",
    "jackson_rogers_network",
    "lion_network",
    "networking_game",
    "networking_game_csr",
    "organic_network",
    "rewire",
]
