"""The scenario paragraph says which way a rank moves (issue 11 #2: "would fall … overall rank
from 6th to 5th" read as a fall while the rank rose, as floors below the others' can lift it)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators import ScoringSpec, load, score
from indicators.scenarios import PRESETS, score_scenario
from indicators.scenarios.narrative import country_paragraph, ordinal

SHIPPED = Path(__file__).resolve().parents[2] / "data"


def test_rank_moves_are_said_the_right_way_round() -> None:
    bundle = load(SHIPPED)
    baseline = score(bundle, ScoringSpec())
    result = score_scenario(bundle, baseline, PRESETS["us-export-controls"])
    moved = pd.DataFrame({"before": baseline.rank, "after": result.rank}).dropna()
    moved = moved[moved["before"] != moved["after"]]
    rose, fell = moved[moved["after"] < moved["before"]], moved[moved["after"] > moved["before"]]
    assert not rose.empty and not fell.empty  # both directions occur in this preset
    for iso3, row in rose.iterrows():
        text = country_paragraph(result, str(iso3))
        assert (f"overall rank would rise from {ordinal(int(row['before']))} to "
                f"{ordinal(int(row['after']))}") in text, text
    for iso3, row in fell.iterrows():
        text = country_paragraph(result, str(iso3))
        assert (f"overall rank would fall from {ordinal(int(row['before']))} to "
                f"{ordinal(int(row['after']))}") in text, text
