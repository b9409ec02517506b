"""The README's quickstart headline holds on networks grown from other seeds.

The README states, for the quickstart's game (experiments/quickstart.toml),
the mean spreading efficiency M of a LION and of an organic networker, each
with its 95 % confidence interval over three networks. Three more networks
grown here from other seeds must agree: the README's mean and the mean here
differ by at most 4 combined standard errors (the README's, from its interval
and Student's t with 2 degrees of freedom; this test's, from its three
networks) plus the rounding of the README's mean to three significant
digits. The innermost k-shell is all LIONs on each network, as the README
says.
"""

import math
import re
import tomllib
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import netsim

ROOT = Path(__file__).resolve().parents[1]
SEEDS = (1, 2, 3)
TOLERANCE_SE = 4.0
STATED = re.compile(r"M = ([\d,]+) people \(95 % CI ([\d,]+) to ([\d,]+)")


def readme_statements():
    """Return ``{strategy: (mean, ci_low, ci_high)}`` in the order the README states them."""
    text = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    found = STATED.findall(text)
    assert len(found) >= 2, "the README states M with its CI for LIONs, then organic networkers"
    return {
        strategy: tuple(float(x.replace(",", "")) for x in values)
        for strategy, values in zip(("lion", "organic"), found[:2], strict=True)
    }


@pytest.fixture(scope="module")
def networks():
    config = tomllib.loads((ROOT / "experiments" / "quickstart.toml").read_text("utf-8"))
    network, spread = dict(config["network"]), config["spread"]
    assert network.pop("kind") == "game"
    n, lion_fraction = network.pop("n"), network.pop("lion_fraction")
    grown = []
    for seed in SEEDS:
        csr = netsim.networking_game_csr(n, lion_fraction, seed=seed, **network)
        M = netsim.spreading_efficiency(
            csr, beta_factor=spread["beta_factor"], n_runs=spread["n_runs"], seed=seed + 100
        )
        grown.append((csr, M["M"].to_numpy()))
    return grown


@pytest.mark.parametrize("strategy", ["lion", "organic"])
def test_mean_m_of_each_strategy_reproduces(networks, strategy):
    mean, low, high = readme_statements()[strategy]
    readme_se = (high - low) / (2 * stats.t.ppf(0.975, 2))
    rounding = 0.5 * 10 ** (math.floor(math.log10(mean)) - 2)
    means = [M[csr.node_attrs["strategy"] == strategy].mean() for csr, M in networks]
    here_se = np.std(means, ddof=1) / np.sqrt(len(means))
    limit = TOLERANCE_SE * math.hypot(readme_se, here_se) + rounding
    assert abs(np.mean(means) - mean) <= limit, (np.mean(means), mean, limit)


def test_the_innermost_shell_is_all_lions(networks):
    for csr, _ in networks:
        core = netsim.core_number(csr).to_numpy()
        inner = core == core.max()
        assert (csr.node_attrs["strategy"][inner] == "lion").all()
