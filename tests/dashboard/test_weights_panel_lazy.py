"""The what-if panel builds its controls when first opened, the same controls as before."""

from __future__ import annotations

import json
from types import SimpleNamespace

import plotly
import pytest

from dashboard import data_access
from dashboard.components import weights_panel as wp
from indicators import ScoringSpec


def as_json(component: object) -> str:
    return json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)


def sliders(component: object) -> int:
    return as_json(component).count('"kind": "pw"') + as_json(component).count('"kind": "iw"')


@pytest.fixture
def served(mini, monkeypatch):
    monkeypatch.setattr(data_access, "bundle", lambda: mini)
    monkeypatch.setattr(wp, "ctx", SimpleNamespace(triggered_id={"page": "overview"}))
    return mini


def test_closed_for_the_reference_and_built_on_the_first_click(served) -> None:
    closed = wp.weights_panel("overview", served, ScoringSpec())
    assert closed.open is False and sliders(closed) == 0
    body = wp.fill_panel(1, [], "")
    n_weights = len(served.pillar_codes) + len(served.scored_indicators)
    assert sliders(body) == n_weights
    assert as_json(body) == as_json(wp.panel_body("overview", served, ScoringSpec()))
    assert wp.fill_panel(2, body, "") is wp.no_update  # built once, then left as it is
    assert wp.fill_panel(None, [], "") is wp.no_update


def test_the_link_sets_the_built_controls(served) -> None:
    code = served.pillar_codes[0]
    body = wp.fill_panel(1, [], f"?norm=rank&pw_{code}=2.5")
    spec = ScoringSpec(normalisation="rank", pillar_weights={code: 2.5})
    assert as_json(body) == as_json(wp.panel_body("overview", served, spec))


def test_a_changed_method_opens_it_built(served) -> None:
    spec = ScoringSpec(normalisation="rank")
    panel = wp.weights_panel("overview", served, spec)
    assert panel.open is True and sliders(panel) > 0
    assert "changed from the reference" in as_json(panel)
