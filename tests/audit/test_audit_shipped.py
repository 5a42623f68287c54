"""The audit and the COINr-equal treatment on the shipped data: would an expert believe it?"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indicators import ScoringSpec, load, score
from indicators.audit import audit, screened_values
from indicators.scenarios.scoring import floor_scores
from indicators.treat import LOG_OFFSET_SHARE, passes_screen

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def bundle():
    return load(SHIPPED)


@pytest.fixture(scope="module")
def treated(bundle):
    return score(bundle, ScoringSpec(outliers="winsorise"))


@pytest.fixture(scope="module")
def report(bundle):
    return audit(score(bundle))


class TestTreatment:
    """Each treated indicator is what its rule says, and the ranking stays believable."""

    def test_each_indicator_follows_its_rule(self, bundle, treated):
        before = screened_values(score(bundle))
        after = treated.transformed
        assert treated.unlisted.to_numpy().any()
        kinds = treated.goalposts["treatment"]
        # treated: exactly the indicators the data-quality report's JRC screen flags (since
        # issue 12 the concentrated model counts; before, eleven)
        from indicators.build.quality import quality_report
        flagged = {q.code for q in quality_report(SHIPPED).flagged}
        assert set(kinds[kinds != "none"].index) == flagged and flagged
        for code, kind in kinds.items():
            x, y = before[code].to_numpy(float), after[code].to_numpy(float)
            # a sample indicator's unlisted country is scored at zero capacity after the
            # screen (issue 12): exactly the cells flagged unlisted, and only those, change
            if code in treated.unlisted.columns:
                unlisted = treated.unlisted[code].to_numpy(bool)
                assert np.isnan(x[unlisted]).all() and (y[unlisted] == 0).all(), code
                x, y = x[~unlisted], y[~unlisted]
            if kind in ("none", "untreatable"):
                np.testing.assert_array_equal(x, y)
            elif kind == "winsorised":
                assert passes_screen(y) is True, code
                moved = ~np.isnan(x) & (x != y)
                assert treated.treated[code].to_numpy()[moved].all()
                # only extremes move, and only inwards to a value that is in the data
                assert set(np.unique(y[moved])) <= set(np.unique(x[~moved & ~np.isnan(x)]))
            else:
                low, high = np.nanmin(x), np.nanmax(x)
                np.testing.assert_allclose(
                    y, np.log(x - low + LOG_OFFSET_SHARE * (high - low)), rtol=1e-14)

    def test_top_and_bottom_are_believable(self, treated):
        table = treated.table().dropna(subset=["rank"])
        assert table.iloc[0]["iso3"] == "USA"
        assert {"CHN", "GBR", "DEU", "FRA", "JPN", "KOR"} <= set(table.head(12)["iso3"])
        groups = treated.countries.loc[table.tail(10)["iso3"], "income_group"]
        assert "High income" not in set(groups)
        assert (groups == "Low income").sum() >= 5

    def test_scenario_floor_of_unchanged_values_is_the_baseline(self, treated):
        """A log-fallback indicator is re-logged with the baseline's shift, so nothing moves."""
        floors = floor_scores(treated, treated.denominated.to_numpy(float))
        np.testing.assert_allclose(floors.overall, treated.overall.to_numpy(float),
                                   atol=1e-9, equal_nan=True)
        halved = floor_scores(treated, treated.denominated.to_numpy(float) * 0.5)
        assert np.nanmax(halved.overall - treated.overall.to_numpy(float)) <= 1e-9


class TestAudit:
    """Flags an expert would raise on this data, and none that would be absurd."""

    def test_alpha_and_first_component_are_plausible(self, report):
        assert report.pillars["cronbach_alpha"].between(0.6, 1).all()
        assert report.pillars["pca_variance_share"].between(0.3, 1).all()
        assert report.pillars["effective_weight"].sum() == pytest.approx(1)

    def test_github_developers_and_organisations_are_redundant(self, report):
        flags = report.indicators.at["github_developers", "flags"]
        assert "redundant:github_organizations" in flags

    def test_net_energy_imports_does_not_fit_compute(self, report):
        """Importing energy says little about hosting compute: it correlates with none of the
        capacity indicators of its pillar and barely moves the index."""
        row = report.indicators.loc["net_energy_imports"]
        others = [f for f in row["flags"] if f.startswith("insignificant:")]
        assert len(others) >= 5
        assert row["effective_weight"] < row["nominal_weight"] / 10

    def test_no_indicator_contradicts_the_index(self, report):
        assert not any(f.kind == "negative" for f in report.flags)
