"""Type aliases shared across netsim (no runtime logic)."""

from collections.abc import Hashable
from typing import TypeAlias

import numpy as np

Node: TypeAlias = Hashable
SeedLike: TypeAlias = int | np.random.SeedSequence | np.random.Generator | None
