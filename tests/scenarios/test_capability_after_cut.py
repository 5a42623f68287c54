"""Capability figures on the compute that survives the cut (audit A3).

Under the strict power switch, ``--preset us-export-controls`` cut the UK's compute score
63 → 23 (its GPU clusters are all US-designed: dependencies.csv, GBR chips USA 1.0 on
epoch_gpu_clusters) while fallback_served_share and training_days stayed at the baseline's
and the text said its clusters "could serve … / would need … to train". The figures now use
h100e × (1 − severity × the cut share the scores use). Expectations are worked out from the
shipped inputs and the stated assumptions, not copied from the program.
"""

from __future__ import annotations

import pytest

from indicators.scenarios import PRESETS, score_scenario
from indicators.scenarios.capability_text import country_capability_text
from indicators.scenarios.sovereign import (
    SECONDS_PER_DAY,
    SovereignAssumptions,
    domestic_inputs,
)


@pytest.fixture(scope="module")
def gbr_inputs(shipped):
    bundle, baseline = shipped
    inputs = domestic_inputs(bundle, baseline.year, baseline.spec.window).loc["GBR"]
    assert inputs["h100e"] > 0 and inputs["internet_users"] > 0
    return inputs


def test_full_cut_leaves_no_clusters(shipped, gbr_inputs) -> None:
    """All of the UK's H100e are US-supplied: nothing is left to serve or train on."""
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["us-export-controls"])
    row = result.models.table.loc["GBR"]
    assert row["h100e_nominal"] == pytest.approx(gbr_inputs["h100e"])
    assert row["h100e"] == 0
    assert row["fallback_served_share"] == 0
    assert row["training_days"] != row["training_days"]  # NaN: no compute left
    text = country_capability_text(result, "GBR")
    assert "could serve Llama" not in text and "would need about" not in text, text
    assert "None of its GPU clusters" in text and "could not train" in text, text


def test_half_cut_halves_the_clusters(shipped, gbr_inputs) -> None:
    """At severity 0.5 the UK keeps 1 − 0.5 × 1.0 = half its H100e: training takes twice the
    baseline's days, and the fallback serves half the capacity (capped at the demand)."""
    bundle, baseline = shipped
    half = PRESETS["us-export-controls"].model_copy(update={"severity": 0.5})
    result = score_scenario(bundle, baseline, half)
    kept = result.models
    row = kept.table.loc["GBR"]
    h100e = 0.5 * gbr_inputs["h100e"]
    assert row["h100e"] == pytest.approx(h100e)
    a = SovereignAssumptions()
    rate = h100e * a.flops_per_h100e * a.training_utilisation * SECONDS_PER_DAY
    assert row["training_days"] == pytest.approx(kept.frontier.flop / rate)
    params = float(kept.fallback["parameters"])
    capacity = h100e * a.flops_per_h100e * a.serving_utilisation / (2 * params)
    demand = gbr_inputs["internet_users"] * a.tokens_per_user_day / SECONDS_PER_DAY
    assert row["fallback_served_share"] == pytest.approx(min(1.0, capacity / demand))
    text = country_capability_text(result, "GBR")
    assert f"it keeps under the cut ({h100e:,.0f} of {gbr_inputs['h100e']:,.0f}" in text, text


def test_no_compute_cut_keeps_the_clusters(shipped, gbr_inputs) -> None:
    """A models-only cut leaves the clusters as they are: the figures are the baseline's."""
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["frontier-api-withdrawn"])
    row = result.models.table.loc["GBR"]
    assert row["h100e"] == pytest.approx(gbr_inputs["h100e"])
    assert "With all of its known GPU clusters" in country_capability_text(result, "GBR")
