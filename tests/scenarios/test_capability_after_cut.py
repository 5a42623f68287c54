"""Capability figures in two readings of a compute cut (audit A3, issue 13).

Under the strict power switch, ``--preset us-export-controls`` cuts the UK's compute score
(its GPU clusters and TOP500 accelerators are all US-designed: dependencies.csv, GBR chips USA
1.0). An earlier fix put the fallback and training figures on what survives the strict switch,
which left them empty for every fully cut country and absurd for partly cut ones (Japan 190,000
days). Now both readings are reported: ``training_days`` / ``fallback_served_share`` on the
compute installed on the day of the cut (hardware keeps running: horizon 0), ``_strict`` on
what the strict switch leaves; the sentences say which is which and never claim the cut
hardware "could" train without saying it assumes it keeps running. Expectations are worked
out from the shipped inputs and the stated assumptions, not copied from the program.
"""

from __future__ import annotations

import math

import pytest

from indicators.scenarios import PRESETS, score_scenario
from indicators.scenarios.capability_text import country_capability_text
from indicators.scenarios.horizon import SERVICE_LIFE_YEARS
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


def _days(flop: float, h100e: float) -> float:
    a = SovereignAssumptions()
    return flop / (h100e * a.flops_per_h100e * a.training_utilisation * SECONDS_PER_DAY)


def test_full_cut_both_readings(shipped, gbr_inputs) -> None:
    """All of the UK's compute is US-supplied: the day-of-cut reading keeps all of it, the
    strict one none; the text gives both and says the first assumes it keeps running."""
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["us-export-controls"])
    kept = result.models
    row = kept.table.loc["GBR"]
    assert row["h100e_nominal"] == pytest.approx(gbr_inputs["h100e"])
    assert row["h100e"] == pytest.approx(gbr_inputs["h100e"])
    assert row["training_days"] == pytest.approx(_days(kept.frontier.flop, gbr_inputs["h100e"]))
    assert row["h100e_strict"] == 0
    assert row["fallback_served_share_strict"] == 0
    assert math.isnan(row["training_days_strict"])  # nothing left to train on
    assert "strict reading: none of its AI compute survives" in row["capability_gaps"]
    text = country_capability_text(result, "GBR")
    assert "If the AI compute installed on the day of the cut keeps running" in text, text
    assert "Under the strict power switch" in text and "none of it would be left" in text, text
    assert "With all of its known AI compute" not in text, text


def test_half_cut_halves_the_strict_compute(shipped, gbr_inputs) -> None:
    """At severity 0.5 the strict switch leaves 1 − 0.5 × 1.0 = half the H100e: the strict
    training days are twice the day-of-cut ones, the served share half the capacity."""
    bundle, baseline = shipped
    half = PRESETS["us-export-controls"].model_copy(update={"severity": 0.5})
    kept = score_scenario(bundle, baseline, half).models
    row = kept.table.loc["GBR"]
    h100e = 0.5 * gbr_inputs["h100e"]
    assert row["h100e_strict"] == pytest.approx(h100e)
    assert row["training_days_strict"] == pytest.approx(_days(kept.frontier.flop, h100e))
    assert row["training_days_strict"] == pytest.approx(2 * row["training_days"])
    a = SovereignAssumptions()
    params = float(kept.fallback["parameters"])
    capacity = h100e * a.flops_per_h100e * a.serving_utilisation / (2 * params)
    demand = gbr_inputs["internet_users"] * a.tokens_per_user_day / SECONDS_PER_DAY
    assert row["fallback_served_share_strict"] == pytest.approx(min(1.0, capacity / demand))


def test_horizon_ages_the_cut_hardware_out(shipped, gbr_inputs) -> None:
    """Three years after a full cut, 3 / 6 of the cut hardware has aged out (horizon.py): the
    main reading keeps half the compute; at the service life it meets the strict one."""
    bundle, baseline = shipped
    for years, share in ((3.0, 0.5), (SERVICE_LIFE_YEARS, 0.0), (0.0, 1.0)):
        scenario = PRESETS["us-export-controls"].model_copy(update={"horizon_years": years})
        row = score_scenario(bundle, baseline, scenario).models.table.loc["GBR"]
        assert row["h100e"] == pytest.approx(share * gbr_inputs["h100e"]), years
        assert row["h100e_strict"] == 0, years


def test_no_compute_cut_keeps_the_compute(shipped, gbr_inputs) -> None:
    """A models-only cut leaves the compute as it is: both readings are the baseline's."""
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["frontier-api-withdrawn"])
    row = result.models.table.loc["GBR"]
    assert row["h100e"] == pytest.approx(gbr_inputs["h100e"])
    assert row["h100e_strict"] == pytest.approx(gbr_inputs["h100e"])
    assert row["training_days_strict"] == pytest.approx(row["training_days"])
    text = country_capability_text(result, "GBR")
    assert "With all of its known AI compute" in text and "strict" not in text, text


def test_japan_no_longer_absurd(shipped) -> None:
    """us-export-controls used to give Japan 190,000 training days (the strict switch leaves
    few of its US-designed accelerators): the main reading is the installed compute's."""
    bundle, baseline = shipped
    inputs = domestic_inputs(bundle, baseline.year, baseline.spec.window).loc["JPN"]
    kept = score_scenario(bundle, baseline, PRESETS["us-export-controls"]).models
    row = kept.table.loc["JPN"]
    assert row["training_days"] == pytest.approx(_days(kept.frontier.flop, inputs["h100e"]))
    assert row["training_days"] < 730  # under two years with 37,000 H100e
    assert row["training_days_strict"] > row["training_days"]
