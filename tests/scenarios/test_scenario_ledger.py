"""The dependency ledger: the rows in force, concentration and single points of failure."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from indicators.scenarios import ledger_as_of, summarise, supplier_exposure
from indicators.scenarios.definition import Scenario, scenario_problems


class TestLedger:
    """Per country and layer, fixtures/cut's chips ledger summarised by hand."""

    def test_summary(self, cut_bundle):
        summary = summarise(ledger_as_of(cut_bundle, 2024))
        summary = summary[summary["layer"] == "chips"].set_index("iso3")
        # AAA: domestic 0.4, foreign BBB 0.6; HHI = 0.6² + 0.4² = 0.52
        assert summary.at["AAA", "domestic"] == pytest.approx(0.4)
        assert summary.at["AAA", "foreign"] == pytest.approx(0.6)
        assert summary.at["AAA", "hhi"] == pytest.approx(0.52)
        assert summary.at["AAA", "top_supplier"] == "BBB"
        assert "BBB supplies 60% of the chip design layer" in summary.at["AAA", "single_point"]
        # CCC: AAA 0.2, DDD 0.8 → HHI 0.68; DDD is a single point of failure
        assert summary.at["CCC", "hhi"] == pytest.approx(0.68)
        assert summary.at["CCC", "top_supplier"] == "DDD"
        # DDD supplies itself: no foreign supplier, nothing to fail
        assert summary.at["DDD", "top_supplier"] == ""
        assert summary.at["DDD", "single_point"] == ""
        # BBB: AAA holds exactly half: at the threshold, so stated
        assert summary.at["BBB", "single_point"].startswith("AAA supplies 50%")

    def test_models_layer_summary(self, cut_bundle):
        """The models layer is summarised like the others: CCC's 2024 rows, not its 2022 row."""
        summary = summarise(ledger_as_of(cut_bundle, 2024))
        models = summary[summary["layer"] == "models"].set_index("iso3")
        assert sorted(models.index) == ["AAA", "BBB", "CCC"]  # DDD has no models rows
        # CCC 2024: domestic 0.25, AAA 0.6 (the 2022 row's 0.9 is replaced); rest open-weight
        assert models.at["CCC", "year"] == 2024
        assert models.at["CCC", "domestic"] == pytest.approx(0.25)
        assert models.at["CCC", "foreign"] == pytest.approx(0.6)
        assert models.at["CCC", "unattributed"] == pytest.approx(1 - 0.25 - 0.6)

    def test_latest_year_in_window(self, cut_bundle):
        """A later year replaces an earlier one; a year after Y or before Y − window is ignored."""
        extra = pd.DataFrame([
            ("DDD", "chips", "AAA", 2023, 1.0, "fixture", "", 0),
            ("DDD", "chips", "AAA", 2025, 1.0, "fixture", "", 0),
            ("CCC", "chips", "BBB", 2019, 1.0, "fixture", "", 0),
        ], columns=cut_bundle.dependencies.columns)
        bundle = replace(cut_bundle, dependencies=pd.concat([cut_bundle.dependencies, extra]))
        ledger = ledger_as_of(bundle, 2024, window=3)
        assert ledger[ledger["iso3"] == "DDD"]["supplier"].tolist() == ["DDD"]
        assert "BBB" not in ledger[ledger["iso3"] == "CCC"]["supplier"].tolist()

    def test_ledger_in_force_is_kept_but_never_shared_or_stale(self, cut_bundle):
        """Computed once per data version and year: a caller writing into its copy changes
        nobody else's, and a bundle copied with other rows under the same version (as the
        tests do) is read anew."""
        first = ledger_as_of(cut_bundle, 2024)
        before = first.copy()
        first.loc[:, "share"] = -1.0
        pd.testing.assert_frame_equal(ledger_as_of(cut_bundle, 2024), before)
        other = replace(cut_bundle, dependencies=cut_bundle.dependencies.iloc[:0])
        assert ledger_as_of(other, 2024).empty
        pd.testing.assert_frame_equal(ledger_as_of(cut_bundle, 2024), before)

    def test_supplier_exposure(self, cut_bundle):
        """Exposure to AAA: BBB 0.5, CCC 0.2, DDD 0; AAA itself left out."""
        exposure = supplier_exposure(ledger_as_of(cut_bundle, 2024), "AAA", "chips")
        assert exposure.to_dict() == {"BBB": 0.5, "CCC": 0.2, "DDD": 0.0}


class TestScenarioDefinition:
    """Scenarios name what the data does not know."""

    def test_unknown_codes(self, cut_bundle):
        scenario = Scenario(cut=("ZZZ",), layers=("chips", "quantum"), allies=("Nowhere",),
                            allies_exempt=True)
        problems = scenario_problems(cut_bundle, scenario)
        assert any("unknown supplier code(s) ZZZ" in p for p in problems)
        assert any("unknown layer(s) quantum: expected one of chips" in p for p in problems)
        assert any("unknown bloc(s) Nowhere" in p for p in problems)

    def test_severity_bounds(self):
        with pytest.raises(ValueError):
            Scenario(cut=("AAA",), layers=("chips",), severity=1.5)
