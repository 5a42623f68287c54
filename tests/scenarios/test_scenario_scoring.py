"""Sovereign-floor scores: hand-computed on fixtures/cut, and properties of the cut-off maths.

fixtures/cut is the mini data (4 countries, 2024) with this chips ledger:
AAA: BBB 0.6, AAA 0.4 · BBB: AAA 0.5, BBB 0.5 · CCC: AAA 0.2, DDD 0.8 · DDD: DDD 1.0;
bloc "Bloc" = AAA, BBB. c1 (compute, chips layer, log) = A 0, B 10, C 30, D 90;
c2 (compute, less is better) = 1, 2, 3, 5.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators import ScoringSpec, score
from indicators.scenarios import ALL_FOREIGN, Scenario, ScenarioError, score_scenario
from indicators.scenarios.scoring import overall_by_severity

# Baseline c1 in the scale view: log scale = median of positives {10, 30, 90} = 30;
# transformed = log10(1 + x/30): A 0, B log10(4/3), C log10(2), D log10(4) = high; low = 0.
HIGH = math.log10(4)


def c1_score(value: float) -> float:
    """Return the score of a c1 value on the baseline goalposts (scale 30, low 0, high log10 4)."""
    return 100 * math.log10(1 + value / 30) / HIGH


class TestHandComputed:
    """A cut-off of DDD's chips, worked out by hand."""

    def test_cut_ddd_full(self, cut_bundle, cut_baseline):
        """C loses 0.8 of c1 (30 → 6); D keeps its own supply; A and B have no DDD chips."""
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("DDD",), layers=("chips",), severity=1.0))
        # C: 30 × (1 − 1.0 × 0.8) = 6 → 100·log10(1.2)/log10(4) = 13.15
        assert result.raw.at["CCC", "c1"] == pytest.approx(6.0)
        assert result.normalised.at["CCC", "c1"] == pytest.approx(c1_score(6), abs=1e-9)
        assert result.normalised.at["CCC", "c1"] == pytest.approx(13.1515, abs=1e-3)
        for iso3 in ("AAA", "BBB", "DDD"):
            assert result.normalised.at[iso3, "c1"] == pytest.approx(
                cut_baseline.normalised.at[iso3, "c1"])
        # compute pillar of C = mean(c1, c2): c2 is (5−3)/(5−1) flipped = 50
        assert cut_baseline.pillars.at["CCC", "compute"] == pytest.approx((50 + 50) / 2)
        assert result.pillars.at["CCC", "compute"] == pytest.approx((c1_score(6) + 50) / 2)
        # overall = mean of four pillars, three unchanged
        drop = (50 - (c1_score(6) + 50) / 2) / 4
        assert result.overall["CCC"] == pytest.approx(cut_baseline.overall["CCC"] - drop)
        assert result.resilience["CCC"] == pytest.approx(
            result.overall["CCC"] / cut_baseline.overall["CCC"])

    def test_half_severity(self, cut_bundle, cut_baseline):
        """At 50 %, C keeps 30 × (1 − 0.5 × 0.8) = 18."""
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("DDD",), layers=("chips",), severity=0.5))
        assert result.normalised.at["CCC", "c1"] == pytest.approx(c1_score(18))  # 33.90
        assert result.normalised.at["CCC", "c1"] == pytest.approx(33.9036, abs=1e-3)

    def test_allies_exempt(self, cut_bundle, cut_baseline):
        """Cutting AAA: B (in AAA's bloc) is exempt, C is not (30 × 0.8 = 24)."""
        cut = Scenario(cut=("AAA",), layers=("chips",))
        plain = score_scenario(cut_bundle, cut_baseline, cut)
        exempt = score_scenario(cut_bundle, cut_baseline,
                                cut.model_copy(update={"allies_exempt": True}))
        assert plain.normalised.at["BBB", "c1"] == pytest.approx(c1_score(5))   # 10 × 0.5
        assert exempt.normalised.at["BBB", "c1"] == pytest.approx(c1_score(10))
        assert exempt.normalised.at["CCC", "c1"] == pytest.approx(c1_score(24))  # 42.40

    def test_all_foreign(self, cut_bundle, cut_baseline):
        """Autarky: B keeps its own 0.5 (10 → 5), C keeps nothing, D keeps everything."""
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=(ALL_FOREIGN,), layers=("chips",)))
        assert result.raw["c1"].tolist() == pytest.approx([0.0, 5.0, 0.0, 90.0])

    def test_intensity_view(self, cut_bundle):
        """Per person: c1/population = A 0, B 10, C 5, D 10; scale 10; C keeps 5 × 0.2 = 1."""
        baseline = score(cut_bundle, ScoringSpec(view="intensity"))
        result = score_scenario(cut_bundle, baseline,
                                Scenario(cut=("DDD",), layers=("chips",)))
        expected = 100 * math.log10(1 + 1 / 10) / math.log10(2)  # 13.75
        assert result.normalised.at["CCC", "c1"] == pytest.approx(expected)

    def test_goalposts_kept_when_everyone_loses(self, cut_bundle, cut_baseline):
        """A loss that hits the best country too is not re-normalised away: D's own score stays."""
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=(ALL_FOREIGN,), layers=("chips",), severity=1.0))
        # re-normalising would stretch C's 0 and B's 5 over 0–100 again; goalposts keep B at 12.4
        assert result.normalised.at["BBB", "c1"] == pytest.approx(c1_score(5))

    def test_rank_and_table(self, cut_bundle, cut_baseline):
        """The table carries nominal and floor columns for overall, rank and every pillar."""
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("DDD",), layers=("chips",)))
        table = result.table()
        assert list(table.columns[:6]) == ["iso3", "name", "overall", "overall_floor", "rank",
                                           "rank_floor"]
        assert {"compute", "compute_floor", "resilience", "rank_change"} <= set(table.columns)
        assert result.losers(1)["iso3"].tolist() == ["CCC"]

    def test_zscore_baseline_refused(self, cut_bundle):
        """Z-scores have no fixed goalposts: the scenario says what it expects."""
        baseline = score(cut_bundle, ScoringSpec(normalisation="zscore"))
        with pytest.raises(ScenarioError, match="expected one of minmax, goalposts"):
            score_scenario(cut_bundle, baseline, Scenario(cut=("DDD",), layers=("chips",)))


CODES = ("AAA", "BBB", "CCC", "DDD")


@st.composite
def ledgers(draw):
    """Draw a chips ledger: per country, shares over a few suppliers summing to at most 1."""
    rows = []
    for iso3 in CODES:
        suppliers = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
        weights = [draw(st.floats(0.0, 1.0)) for _ in suppliers]
        total = max(sum(weights), 1.0)
        for line, (supplier, w) in enumerate(zip(suppliers, weights, strict=True), start=2):
            rows.append((iso3, "chips", supplier, 2024, w / total, "fixture", "", line))
    return pd.DataFrame(rows, columns=["iso3", "layer", "supplier", "year", "share",
                                       "source_id", "note", "line"])


def floors(bundle, baseline, scenario):
    result = score_scenario(bundle, baseline, scenario)
    return result.normalised.to_numpy(), result.pillars.to_numpy(), result.overall.to_numpy()


def assert_le(a, b):
    """Every non-missing entry of a is ≤ b's (missing in the same places)."""
    np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
    assert np.all(np.nan_to_num(a) <= np.nan_to_num(b) + 1e-9)


class TestProperties:
    """Invariants of the cut-off for any ledger, supplier set and severity."""

    @settings(max_examples=40, deadline=None)
    @given(ledger=ledgers(), cut=st.lists(st.sampled_from(CODES), min_size=1, unique=True))
    def test_severity_zero_is_baseline(self, cut_bundle, cut_baseline, ledger, cut):
        bundle = replace(cut_bundle, dependencies=ledger)
        result = score_scenario(bundle, cut_baseline,
                                Scenario(cut=tuple(cut), layers=("chips",), severity=0.0))
        np.testing.assert_allclose(result.overall, cut_baseline.overall, atol=1e-9)
        assert result.rank.equals(cut_baseline.rank.rename("rank_floor"))

    @settings(max_examples=40, deadline=None)
    @given(ledger=ledgers(), cut=st.lists(st.sampled_from(CODES), min_size=1, unique=True),
           s1=st.floats(0, 1), s2=st.floats(0, 1), allies=st.booleans())
    def test_more_severity_never_raises(self, cut_bundle, cut_baseline, ledger, cut, s1, s2,
                                        allies):
        bundle = replace(cut_bundle, dependencies=ledger)
        low, high = sorted((s1, s2))
        base = Scenario(cut=tuple(cut), layers=("chips",), allies_exempt=allies)
        mild = floors(bundle, cut_baseline, base.model_copy(update={"severity": low}))
        hard = floors(bundle, cut_baseline, base.model_copy(update={"severity": high}))
        for a, b in zip(hard, mild, strict=True):
            assert_le(a, b)

    @settings(max_examples=40, deadline=None)
    @given(ledger=ledgers(), supplier=st.sampled_from(CODES))
    def test_never_loses_to_itself(self, cut_bundle, cut_baseline, ledger, supplier):
        bundle = replace(cut_bundle, dependencies=ledger)
        result = score_scenario(bundle, cut_baseline,
                                Scenario(cut=(supplier,), layers=("chips",)))
        assert result.raw.loc[supplier].equals(cut_baseline.raw.loc[supplier])

    @settings(max_examples=40, deadline=None)
    @given(ledger=ledgers(), cut=st.lists(st.sampled_from((*CODES, ALL_FOREIGN)), min_size=1,
                                          unique=True), severity=st.floats(0, 1))
    def test_allies_exempt_never_lower(self, cut_bundle, cut_baseline, ledger, cut, severity):
        bundle = replace(cut_bundle, dependencies=ledger)
        plain = Scenario(cut=tuple(cut), layers=("chips",), severity=severity)
        without = floors(bundle, cut_baseline, plain)
        with_allies = floors(bundle, cut_baseline, plain.model_copy(update={"allies_exempt": True}))
        for a, b in zip(without, with_allies, strict=True):
            assert_le(a, b)

    @settings(max_examples=20, deadline=None)
    @given(ledger=ledgers())
    def test_zero_share_supplier_changes_nothing(self, cut_bundle, cut_baseline, ledger):
        bundle = replace(cut_bundle, dependencies=ledger[ledger["supplier"] != "CCC"])
        result = score_scenario(bundle, cut_baseline, Scenario(cut=("CCC",), layers=("chips",)))
        assert result.raw.equals(cut_baseline.raw)
        np.testing.assert_allclose(result.overall, cut_baseline.overall, atol=1e-9)

    def test_severity_stack_matches_single_runs(self, cut_bundle, cut_baseline):
        """The vectorised stack of severities gives what one run per severity gives."""
        scenario = Scenario(cut=(ALL_FOREIGN,), layers=("chips",))
        severities = np.array([0.0, 0.3, 1.0])
        stack = overall_by_severity(cut_bundle, cut_baseline, scenario, severities)
        for severity in severities:
            single = score_scenario(cut_bundle, cut_baseline,
                                    scenario.model_copy(update={"severity": float(severity)}))
            np.testing.assert_allclose(stack.loc[severity], single.overall, atol=1e-9)
