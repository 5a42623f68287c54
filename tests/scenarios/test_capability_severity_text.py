"""The capability text says what a partial or zero severity models (audit 3 B14).

At ``--cut CHN --layers models --severity 0.5`` Korea's text said it "loses Doubao-pro … and 47
other models" — all of them, as at severity 1; at ``--severity 0`` the country paragraph gave a
false reason for keeping its scores ("the ledger shows no supply … that would be lost").
The 48 is counted by hand from data/models_ledger.csv: the served (closed, API) models with a
Chinese jurisdiction published by the cut date, none of them Korean.
"""

from __future__ import annotations

import csv
from pathlib import Path

from indicators.cli import main
from indicators.scenarios import PRESETS, Scenario, score_scenario
from indicators.scenarios.capability_text import (
    country_capability_text,
    headline,
    severity_zero_text,
    world_capability_text,
)

LEDGER = Path(__file__).parents[2] / "data" / "models_ledger.csv"


def _chinese_served(as_of: str) -> int:
    with LEDGER.open(encoding="utf-8") as f:
        return sum(1 for r in csv.DictReader(f)
                   if "CHN" in r["jurisdictions"].split(";") and r["access"] == "served"
                   and "KOR" not in r["jurisdictions"].split(";")
                   and r["publication_date"] <= as_of)


def test_half_severity_says_half_and_which_is_not_modelled(shipped):
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, Scenario(cut=("CHN",), layers=("models",),
                                                       severity=0.5))
    n = _chinese_served(result.models.as_of.date().isoformat())
    assert n == 48
    text = country_capability_text(result, "KOR")
    assert f"loses half of the {n} models this cut withdraws (about {n // 2})" in text, text
    assert "which ones is not modelled" in text, text
    assert "South Korea loses Doubao-pro" not in text, text  # that was severity 1
    assert "would lose, with the whole cut, Doubao-pro" in text, text
    assert headline(result, "KOR").startswith("South Korea would lose, with the whole cut, "
                                              "Doubao-pro")
    world = world_capability_text(result)
    assert world.startswith("At severity 50% each loses half of the models"), world


def test_full_severity_text_is_unchanged(shipped):
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, Scenario(cut=("CHN",), layers=("models",)))
    text = country_capability_text(result, "KOR")
    assert "South Korea loses Doubao-pro" in text and "not modelled" not in text, text
    assert headline(result, "KOR").startswith("South Korea loses Doubao-pro")
    assert severity_zero_text(result, "KOR") == ""


def test_severity_zero_says_nothing_is_cut(shipped, capsys):
    bundle, baseline = shipped
    scenario = PRESETS["us-export-controls"].model_copy(update={"severity": 0.0})
    result = score_scenario(bundle, baseline, scenario)
    assert severity_zero_text(result, "KOR").startswith("Severity 0: nothing is cut, so South "
                                                        "Korea keeps every score")
    assert main(["scenario", "--preset", "us-export-controls", "--severity", "0",
                 "--explain", "KOR"]) == 0
    out = capsys.readouterr().out
    assert "Severity 0: nothing is cut" in out
    assert "the ledger shows no supply" not in out, out
