"""The power switch: dependency ledger, cut-off scenarios and sovereign-floor scores."""

from __future__ import annotations

from indicators.scenarios.cutoff import CutShares, cut_shares
from indicators.scenarios.definition import ALL_FOREIGN, Scenario, scenario_problems
from indicators.scenarios.ledger import ledger_as_of, summarise, supplier_exposure
from indicators.scenarios.presets import DEFAULT_PRESET, PRESETS, preset
from indicators.scenarios.scoring import (
    ScenarioError,
    ScenarioResult,
    overall_by_severity,
    score_scenario,
)

__all__ = [
    "ALL_FOREIGN",
    "DEFAULT_PRESET",
    "PRESETS",
    "CutShares",
    "Scenario",
    "ScenarioError",
    "ScenarioResult",
    "cut_shares",
    "ledger_as_of",
    "overall_by_severity",
    "preset",
    "scenario_problems",
    "score_scenario",
    "summarise",
    "supplier_exposure",
]
