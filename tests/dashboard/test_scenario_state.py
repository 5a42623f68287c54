"""The Scenarios page names the preset it shows (issue 11 #7: the Preset box was empty while the
default preset was applied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.views.scenario_state import state_from_query
from indicators import load
from indicators.scenarios.presets import DEFAULT_PRESET

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    return load(SHIPPED)


def test_the_default_scenario_is_named_as_its_preset(shipped) -> None:
    assert state_from_query({}, shipped).preset == DEFAULT_PRESET


def test_controls_that_match_a_preset_show_it(shipped) -> None:
    # US export controls: USA cut, chips and cloud layers, full severity, no allies exempt
    query = {"cut": "USA", "layers": "chips,cloud", "sev": "100"}
    assert state_from_query(query, shipped).preset == "us-export-controls"
    changed = state_from_query({**query, "sev": "50"}, shipped)
    assert changed.preset is None and changed.scenario.name == "Custom scenario"
