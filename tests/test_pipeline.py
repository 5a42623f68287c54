"""The reference method on the hand-computable fixture: every number worked out in the test."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators import ScoringSpec, load, score, score_years, trends


class TestScaleView:
    """Scale view, Y = 2024 (the latest year), window 2021–2024."""

    def test_normalised_indicators(self, mini):
        n = score(mini).normalised
        # d1: 10, 20, 30, 50 -> (x - 10) / 40 * 100
        assert n.loc[["AAA", "BBB", "CCC", "DDD"], "d1"].tolist() == [0, 25, 50, 100]
        # d2: 0, 4, 8 and DDD's stale 2022 value 2 -> x / 8 * 100
        assert n.loc[["AAA", "BBB", "CCC", "DDD"], "d2"].tolist() == [0, 50, 100, 25]
        # c1 is log: scale s = median of positives {10, 30, 90} = 30; log10(1 + x/30)
        # gives 0, log10(4/3), log10(2), log10(4); min-max over [0, log10 4]
        assert n.at["BBB", "c1"] == pytest.approx(100 * math.log10(4 / 3) / math.log10(4))
        assert n.at["CCC", "c1"] == pytest.approx(100 * math.log10(2) / math.log10(4))
        assert n.at["DDD", "c1"] == pytest.approx(100)
        # c2 has direction -1: 1, 2, 3, 5 -> 100 - (x - 1) / 4 * 100
        assert n.loc[["AAA", "BBB", "CCC", "DDD"], "c2"].tolist() == [100, 75, 50, 0]
        # m2: AAA's only observation (2019) is outside the window -> missing
        assert math.isnan(n.at["AAA", "m2"])

    def test_pillars(self, mini):
        p = score(mini).pillars
        # data: (d1 * 1 + d2 * 2) / 3
        assert p.at["BBB", "data"] == pytest.approx((25 + 2 * 50) / 3)
        assert p.at["DDD", "data"] == pytest.approx((100 + 2 * 25) / 3)
        c1_bbb = 100 * math.log10(4 / 3) / math.log10(4)
        assert p.at["BBB", "compute"] == pytest.approx((c1_bbb + 75) / 2)
        # models for AAA: m2 missing, 1 of 2 available (= half) -> m1 alone, weight rescaled
        assert p.at["AAA", "models"] == pytest.approx(0)
        assert p.at["BBB", "models"] == pytest.approx((100 / 3 + 0) / 2)
        # industry for DDD: its only observation (2019) is outside the window -> 0 of 2 -> missing
        assert math.isnan(p.at["DDD", "industry"])
        # industry: i1 100, 200, 300 -> 0, 50, 100; i2 3, 1, 2 -> 100, 0, 50
        assert p.loc[["AAA", "BBB", "CCC"], "industry"].tolist() == [50, 25, 75]

    def test_overall_and_rank(self, mini):
        r = score(mini)
        c1_bbb = 100 * math.log10(4 / 3) / math.log10(4)
        bbb = ((25 + 100) / 3 + (c1_bbb + 75) / 2 + (100 / 3) / 2 + 25) / 4
        ccc = ((50 + 200) / 3 + (50 + 50) / 2 + (200 / 3 + 50) / 2 + 75) / 4
        assert r.overall["AAA"] == pytest.approx((0 + 50 + 0 + 50) / 4)
        assert r.overall["BBB"] == pytest.approx(bbb)
        assert r.overall["CCC"] == pytest.approx(ccc)
        assert math.isnan(r.overall["DDD"])  # a missing pillar -> no overall, no rank
        assert r.rank.dropna().to_dict() == {"AAA": 3, "BBB": 2, "CCC": 1}
        assert r.rank.isna()["DDD"]
        assert r.ranked_count == 3

    def test_flags_and_trace(self, mini):
        r = score(mini)
        assert r.stale.at["DDD", "d2"] and not r.stale.at["AAA", "d2"]
        assert not r.stale.at["AAA", "m2"]  # outside the window is missing, not stale
        cell = r.explain("DDD", "d2")
        assert cell["raw"] == 2 and cell["year"] == 2022 and cell["source_id"] == "fixture"
        assert cell["normalised"] == 25
        assert r.spec == ScoringSpec() and r.year == 2024

    def test_table_columns_and_order(self, mini):
        table = score(mini).table()
        assert list(table.columns) == ["iso3", "name", "overall", "data", "compute", "models",
                                       "industry", "rank"]
        assert table["iso3"].tolist() == ["CCC", "BBB", "AAA", "DDD"]


class TestIntensityView:
    """Intensity view: c1 is divided by population (1, 1, 6, 9) before its log transform."""

    def test_compute(self, mini):
        r = score(mini, ScoringSpec(view="intensity"))
        # c1 / population = 0, 10, 5, 10; s = median{10, 5, 10} = 10; log10(1 + x/10)
        # = 0, log10 2, log10 1.5, log10 2 -> min-max over [0, log10 2]
        assert r.denominated.loc[["AAA", "BBB", "CCC", "DDD"], "c1"].tolist() == [0, 10, 5, 10]
        assert r.normalised.at["CCC", "c1"] == pytest.approx(100 * math.log10(1.5) / math.log10(2))
        assert r.pillars.at["BBB", "compute"] == pytest.approx((100 + 75) / 2)
        ccc_c1 = 100 * math.log10(1.5) / math.log10(2)
        assert r.pillars.at["CCC", "compute"] == pytest.approx((ccc_c1 + 50) / 2)

    def test_overall(self, mini):
        r = score(mini, ScoringSpec(view="intensity"))
        ccc_c1 = 100 * math.log10(1.5) / math.log10(2)
        assert r.overall["BBB"] == pytest.approx((125 / 3 + 87.5 + 50 / 3 + 25) / 4)
        assert r.overall["CCC"] == pytest.approx((250 / 3 + (ccc_c1 + 50) / 2 + 175 / 3 + 75) / 4)
        assert r.rank.dropna().to_dict() == {"AAA": 3, "BBB": 2, "CCC": 1}
        # indicators without a denominator are unchanged by the view
        assert r.denominated["d1"].equals(r.raw["d1"])
        assert r.viewed is r.denominated  # the former name still answers


class TestOptions:
    """Methods other than the reference are selectable and recorded with the result."""

    def test_weights_override(self, mini):
        r = score(mini, ScoringSpec(pillar_weights={"data": 2}, indicator_weights={"d2": 1}))
        # data with equal indicator weights: BBB (25 + 50) / 2
        assert r.pillars.at["BBB", "data"] == pytest.approx(37.5)
        expected = (2 * 37.5 + r.pillars.at["BBB", "compute"] + r.pillars.at["BBB", "models"]
                    + r.pillars.at["BBB", "industry"]) / 5
        assert r.overall["BBB"] == pytest.approx(expected)
        assert r.spec.pillar_weights == {"data": 2}

    def test_imputation_by_region_flags_cells(self, mini):
        r = score(mini, ScoringSpec(imputation="region"))
        # AAA's m2 takes the mean of its region (North: AAA, BBB) among those with a value: 0
        assert r.imputed.at["AAA", "m2"] and r.transformed.at["AAA", "m2"] == 0
        # DDD has no industry indicator in the window, below the coverage rule: imputation does
        # not fill a pillar the rule leaves out (issue 12, A7), though South has means (CCC)
        assert np.isnan(r.transformed.at["DDD", "i1"]) and not r.imputed.at["DDD", "i2"]
        assert r.rank.isna()["DDD"] and r.rank.drop("DDD").notna().all()

    def test_goalposts(self, mini):
        r = score(mini, ScoringSpec(normalisation="goalposts", goalposts={"d1": (0, 100)}))
        assert r.normalised.loc[["AAA", "DDD"], "d1"].tolist() == [10, 50]

    def test_percentile_rank(self, mini):
        r = score(mini, ScoringSpec(normalisation="rank"))
        # c2 direction -1: 1, 2, 3, 5 -> best is 1 -> ranks 3, 2, 1, 0 of 3
        assert r.normalised.loc[["AAA", "BBB", "CCC", "DDD"], "c2"].tolist() == pytest.approx(
            [100, 200 / 3, 100 / 3, 0])

    def test_zscore_is_a_t_score(self, mini):
        r = score(mini, ScoringSpec(normalisation="zscore"))
        d1 = r.normalised["d1"]
        assert d1.mean() == pytest.approx(50) and d1.std() == pytest.approx(10)

    def test_fractional_weights(self, mini):
        # weights written as whole numbers in the file must accept fractional overrides
        r = score(mini, ScoringSpec(pillar_weights={"data": 1.5}, indicator_weights={"d1": 0.5}))
        assert r.pillars.at["BBB", "data"] == pytest.approx((0.5 * 25 + 2 * 50) / 2.5)
        assert r.pillar_info.at["data", "weight"] == 1.5

    def test_geometric_aggregation(self, mini):
        r = score(mini, ScoringSpec(aggregation="geometric"))
        # industry CCC: i1 100, i2 50 -> sqrt(100 * 50)
        assert r.pillars.at["CCC", "industry"] == pytest.approx(math.sqrt(100 * 50))
        # a 0 is floored at 1 so it does not annihilate the mean: AAA i1 0, i2 100 -> sqrt(100)
        assert r.pillars.at["AAA", "industry"] == pytest.approx(10)


class TestYears:
    """Every year in the data is scored with the same rules, for trends."""

    def test_score_years(self, mini):
        results = score_years(mini)
        assert sorted(results) == mini.years == [2019, 2022, 2024]
        table = trends(results)
        assert set(table.columns) >= {"year", "iso3", "overall", "data", "rank"}
        assert table.loc[(table.year == 2024) & (table.iso3 == "CCC"), "rank"].item() == 1


def test_selection_matches_a_plain_pandas_groupby():
    """The vectorised selection equals 'latest observation in the window' done the slow way."""
    from indicators.pipeline import select_observations

    real = load(Path(__file__).parent.parent / "data")
    codes = list(real.scored_indicators.index)
    for year, window in ((2026, 3), (2022, 0), (2021, 2)):
        value, obs_year, source = select_observations(real, codes, year, window)
        v = real.values
        inside = v[v["indicator"].isin(codes) & v["year"].between(year - window, year)]
        latest = inside.sort_values("year").groupby(["iso3", "indicator"]).tail(1)
        expected = latest.pivot(index="iso3", columns="indicator", values="value")
        expected = expected.reindex(index=value.index, columns=codes)
        pd.testing.assert_frame_equal(value, expected, check_names=False, check_dtype=False)
        years = latest.pivot(index="iso3", columns="indicator", values="year")
        years = years.reindex(index=value.index, columns=codes).astype(float)
        pd.testing.assert_frame_equal(obs_year, years, check_names=False)
        assert (source.to_numpy() != "").sum() == len(latest)
