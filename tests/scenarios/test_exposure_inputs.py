"""Capacity lost measures the AI capability inputs a scenario removes (audit 3 B13).

Germany lost "100 %" of its AI-dependent output under US export controls because its GPU
clusters were all US-designed, while its TOP500 systems, cloud regions and score were mostly
kept. The default is now the score-weighted share of the inputs it has, combined with the models
withdrawn; every expectation below is worked out by hand on fixtures/cut plus one indicator.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indicators import load, score
from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.exposure import (
    ExposureAssumptions,
    capacity_lost,
    exposure_sentence,
    infrastructure_lost,
    output_at_risk,
)

CUT_DIR = Path(__file__).parent / "fixtures" / "cut"


@pytest.fixture(scope="module")
def with_cloud(tmp_path_factory):
    """fixtures/cut plus g1, a cloud-layer indicator in the data pillar (weight 1 beside d1's 1
    and d2's 2), that every country has (AAA 1, BBB 2, CCC 3, DDD 4) from its own cloud; and a
    GDP for CCC."""
    data = tmp_path_factory.mktemp("exposure") / "data"
    shutil.copytree(CUT_DIR, data)
    with (data / "indicators.csv").open("a", encoding="utf-8") as f:
        f.write("g1,Cloud one,data,count,1,1,none,,cloud,fixture,Cloud regions\n"
                "gdp_usd,GDP,context,current US$,1,1,none,,,fixture,GDP\n")
    with (data / "values" / "cloud.csv").open("w", encoding="utf-8") as f:
        f.write("iso3,indicator,year,value,source_id,note\n"
                + "".join(f"{c},g1,2024,{v},fixture,\n"
                          for c, v in [("AAA", 1), ("BBB", 2), ("CCC", 3), ("DDD", 4)])
                + "CCC,gdp_usd,2024,876600000,fixture,\n")
    with (data / "dependencies.csv").open("a", encoding="utf-8") as f:
        f.write("".join(f"{c},cloud,{c},2024,1.0,fixture,domestic\n"
                        for c in ("AAA", "BBB", "CCC", "DDD")))
    bundle = load(data)
    return bundle, score(bundle)


# Effective weights in the overall score (four pillars of weight 1):
#   c1 (chips, compute pillar: c1 1, c2 1)        = 1/4 × 1/2 = 1/8
#   g1 (cloud, data pillar: d1 1, d2 2, g1 1)     = 1/4 × 1/4 = 1/16
# c2 scores more for less, so it is no input; m1, m2, i1, i2 sit on no layer.
W_C1, W_G1 = 1 / 8, 1 / 16


def test_a_cut_layer_is_not_the_whole_capacity(with_cloud):
    """DDD supplies 80 % of CCC's chips: CCC loses 80 % of c1 and none of g1, so it loses
    (0.8 × 1/8 + 0 × 1/16) / (1/8 + 1/16) = 8/15 of its inputs, not the 80 % of the most-cut
    layer (the old default)."""
    bundle, base = with_cloud
    result = score_scenario(bundle, base, Scenario(cut=("DDD",), layers=("chips",)))
    expected = (0.8 * W_C1 + 0.0 * W_G1) / (W_C1 + W_G1)
    assert expected == pytest.approx(8 / 15)
    assert capacity_lost(result)["CCC"] == pytest.approx(expected)
    assert capacity_lost(result, "bottleneck")["CCC"] == pytest.approx(0.8)  # the strict reading


def test_an_input_the_country_lacks_weighs_nothing(with_cloud):
    """AAA's c1 is 0: it has only g1, which the chips cut does not touch, so it loses 0 — not
    the 60 % of its chips ledger that BBB supplies."""
    bundle, base = with_cloud
    result = score_scenario(bundle, base, Scenario(cut=("BBB",), layers=("chips",)))
    assert infrastructure_lost(result)["AAA"] == pytest.approx(0.0)
    assert capacity_lost(result, "bottleneck")["AAA"] == pytest.approx(0.6)


def test_severity_and_models_combine(with_cloud):
    """Cutting AAA's chips and models at severity 0.5: CCC loses 0.5 × 20 % of c1, so
    infrastructure 0.1 × (1/8) / (3/16) = 1/15; and 0.5 × 60 % of its usable models (the 2024
    closed-weight row from AAA); capacity lost = 1 − (1 − 0.3)(1 − 1/15) = 0.3467."""
    bundle, base = with_cloud
    result = score_scenario(bundle, base, Scenario(cut=("AAA",), layers=("chips", "models"),
                                                   severity=0.5))
    infra = 0.5 * 0.2 * W_C1 / (W_C1 + W_G1)
    assert infrastructure_lost(result)["CCC"] == pytest.approx(infra)
    expected = 1 - (1 - 0.5 * 0.6) * (1 - infra)
    assert capacity_lost(result)["CCC"] == pytest.approx(expected)
    # the estimate multiplies out: GDP per hour (876.6 M / 8,766 h = 100,000) × 4.6 % × lost
    row = output_at_risk(bundle, result).set_index("iso3").loc["CCC"]
    assert row["at_risk_per_hour"] == pytest.approx(100_000 * 0.046 * expected)


def test_the_ai_share_is_labelled_a_ten_year_automation_share():
    lines = " ".join(ExposureAssumptions().describe())
    assert "within 10 years" in lines and "not output that stops" in lines
    assert "AI capability inputs" in lines


def test_the_explanation_gives_the_equation_and_its_parts(with_cloud):
    """CCC, cut as above at severity 1 on chips only: 8/15 = 53% lost, all of it
    infrastructure; US$ 100,000 × 4.6 % × 8/15 = US$ 2,453 an hour."""
    bundle, base = with_cloud
    result = score_scenario(bundle, base, Scenario(cut=("DDD",), layers=("chips",)))
    text = exposure_sentence(bundle, result, "CCC")
    assert f"about US$ {100_000 * 0.046 * 8 / 15:,.0f} of" in text, text
    assert "× AI share 4.6% (a ten-year automation share, so an upper bound)" in text, text
    assert "capacity lost 53% (models withdrawn 0%, infrastructure inputs removed 53%)" in text
    assert exposure_sentence(bundle, result, "DDD") == ""  # its own supply: nothing lost


def test_the_gdp_assumption_names_the_ppp_fallback() -> None:
    """The assumptions said "World Bank WDI, current US$" for every country, which is false for
    Taiwan, North Korea and the Holy See (CLDR's 2020 GDP at PPP in the data)."""
    from indicators import load
    from indicators.paths import SHIPPED_DATA_DIR

    gdp = load(SHIPPED_DATA_DIR).values.query("indicator == 'gdp_usd' and iso3 == 'TWN'")
    assert set(gdp["source_id"]) == {"cldr_territory"}
    line = next(t for t in ExposureAssumptions().describe() if t.startswith("GDP:"))
    assert "CLDR" in line and "PPP" in line
