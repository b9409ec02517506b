"""How report figures lay out their panels."""

import pandas as pd
import pytest

from netsim.report._layout import PANEL_COLUMNS, panel_grid


def table(networks, spreads):
    return pd.DataFrame(
        [
            {"network": n, "spread": s, "value": i}
            for i, (n, s) in enumerate((n, s) for n in networks for s in spreads)
        ]
    )


@pytest.mark.parametrize(
    ("n_networks", "n_spreads", "shape", "drawn"),
    [
        (3, 2, (2, 3), 6),  # a row per spread condition
        (3, 1, (1, 3), 3),
        (9, 1, (3, PANEL_COLUMNS), 9),  # networks wrap
        (9, 7, (3, PANEL_COLUMNS), 9),  # many spread conditions: the headline alone
    ],
)
def test_panels_per_network_and_spread(n_networks, n_spreads, shape, drawn):
    networks = [f"net{i}" for i in range(n_networks)]
    spreads = [f"spread{j}" for j in range(n_spreads)]
    headline = spreads[-1]
    figure, panels = panel_grid(table(networks, spreads), networks, spreads, headline=headline)
    seen = [(network, spread) for _, network, spread, _ in panels]
    assert len(figure.axes) == shape[0] * shape[1]
    assert sum(ax.axison for ax in figure.axes) == drawn
    if n_spreads > 2:
        assert seen == [(n, headline) for n in networks]
    else:
        assert seen == [(n, s) for s in spreads for n in networks]


def test_a_panel_without_rows_is_switched_off():
    frame = table(["a", "b"], ["x"]).iloc[:1]
    figure, panels = panel_grid(frame, ["a", "b"], ["x"], headline="x")
    assert [network for _, network, _, _ in panels] == ["a"]
    assert [ax.axison for ax in figure.axes] == [True, False]
