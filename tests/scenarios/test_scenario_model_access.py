"""Model access kept: the models layer is reported beside the scores, never folded into them.

fixtures/cut's models ledger (2024; the rest of each country's usable models is open-weight):
AAA: own 0.1, BBB 0.2, CCC 0.3 · BBB: AAA 0.4, own 0.05, CCC 0.2 ·
CCC: AAA 0.6, own 0.25 (a 2022 row AAA 0.9 is replaced by 2024) · DDD: no models rows.
Bloc "Bloc" = AAA, BBB. No indicator of the fixture carries the models layer, as in data/.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators import load, score
from indicators.cli import main
from indicators.scenarios import ALL_FOREIGN, PRESETS, Scenario, score_scenario
from indicators.scenarios.narrative import country_paragraph, world_paragraph

CUT_DIR = Path(__file__).parent / "fixtures" / "cut"
SHIPPED = Path(__file__).parents[2] / "data"
CODES = ("AAA", "BBB", "CCC", "DDD")


def kept(bundle, baseline, **fields) -> dict[str, float]:
    """Return model_access_kept per country for Scenario(**fields)."""
    result = score_scenario(bundle, baseline, Scenario(**fields))
    return result.model_access_kept.to_dict()


def assert_scores_unchanged(result, baseline) -> None:
    """Every stage of the scenario equals the baseline's."""
    pd.testing.assert_frame_equal(result.raw, baseline.raw)
    np.testing.assert_allclose(result.normalised, baseline.normalised, atol=1e-9)
    np.testing.assert_allclose(result.pillars, baseline.pillars, atol=1e-9)
    np.testing.assert_allclose(result.overall, baseline.overall, atol=1e-9)
    assert result.rank.tolist() == baseline.rank.tolist()


class TestHandComputed:
    """Model access on fixtures/cut, worked out by hand."""

    def test_models_cut_changes_no_score(self, cut_bundle, cut_baseline):
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=(ALL_FOREIGN,), layers=("models",)))
        assert_scores_unchanged(result, cut_baseline)
        assert result.cut.cut_layers == {}

    def test_all_foreign(self, cut_bundle, cut_baseline):
        """Autarky keeps own + open-weight: A 1 − (0.2 + 0.3), B 1 − (0.4 + 0.2), C 1 − 0.6."""
        access = kept(cut_bundle, cut_baseline, cut=(ALL_FOREIGN,), layers=("models",))
        assert access["AAA"] == pytest.approx(0.5)
        assert access["BBB"] == pytest.approx(0.4)
        assert access["CCC"] == pytest.approx(0.4)   # the 2022 row (0.9) is not used
        assert math.isnan(access["DDD"])            # no models ledger: not known

    def test_one_supplier_half_severity(self, cut_bundle, cut_baseline):
        """Cut AAA at 50 %: B 1 − 0.5 × 0.4 = 0.8, C 1 − 0.5 × 0.6 = 0.7, A its own: 1."""
        access = kept(cut_bundle, cut_baseline, cut=("AAA",), layers=("models",), severity=0.5)
        assert access["BBB"] == pytest.approx(0.8)
        assert access["CCC"] == pytest.approx(0.7)
        assert access["AAA"] == pytest.approx(1.0)

    def test_own_supply_never_lost(self, cut_bundle, cut_baseline):
        """Cutting CCC: C keeps all (its own 0.25 is not at risk); A loses 0.3, B 0.2."""
        access = kept(cut_bundle, cut_baseline, cut=("CCC",), layers=("models",))
        assert access["CCC"] == pytest.approx(1.0)
        assert access["AAA"] == pytest.approx(1 - 0.3)
        assert access["BBB"] == pytest.approx(1 - 0.2)

    def test_allies_exempt(self, cut_bundle, cut_baseline):
        """Cutting AAA with allies exempt: B (same bloc) keeps 1 instead of 0.6; C keeps 0.4."""
        plain = kept(cut_bundle, cut_baseline, cut=("AAA",), layers=("models",))
        exempt = kept(cut_bundle, cut_baseline, cut=("AAA",), layers=("models",),
                      allies_exempt=True)
        assert plain["BBB"] == pytest.approx(0.6)
        assert exempt["BBB"] == pytest.approx(1.0)
        assert plain["CCC"] == pytest.approx(0.4) == exempt["CCC"]

    def test_severity_zero_and_layer_not_cut(self, cut_bundle, cut_baseline):
        """Nothing cut on the models layer: every country with a models ledger keeps 1."""
        for fields in ({"cut": (ALL_FOREIGN,), "layers": ("models",), "severity": 0.0},
                       {"cut": (ALL_FOREIGN,), "layers": ("chips",)}):
            access = kept(cut_bundle, cut_baseline, **fields)
            assert [access[c] for c in ("AAA", "BBB", "CCC")] == [1.0, 1.0, 1.0]
            assert math.isnan(access["DDD"])

    def test_chips_still_cut_beside_models(self, cut_bundle, cut_baseline):
        """Chips and models cut together: c1 still falls (C 30 → 6), access reported beside."""
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("DDD",), layers=("chips", "models")))
        assert result.raw.at["CCC", "c1"] == pytest.approx(30 * (1 - 0.8))
        assert result.model_access_kept["CCC"] == pytest.approx(1.0)  # DDD sells C no models

    def test_table_column_and_least(self, cut_bundle, cut_baseline):
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=(ALL_FOREIGN,), layers=("models",)))
        table = result.table()
        assert list(table.columns[-7:]) == ["resilience", "rank_change", "model_access_kept",
                                            "best_model_kept", "frontier_lag_months",
                                            "fallback_served_share", "training_days"]
        least = result.least_model_access(2)
        assert least["iso3"].tolist() == ["BBB", "CCC"]   # 0.4 and 0.4, ties by iso3
        assert least["year"].tolist() == [2024, 2024]


class TestParagraphs:
    """The plain-language text states the access figure and why scores do not move."""

    def test_country(self, cut_bundle, cut_baseline):
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("AAA",), layers=("models",)))
        text = country_paragraph(result, "CCC")
        assert text.startswith("If suppliers in Country A cut off their models supply, Country C "
                               "would keep access to 40% of the large-scale models it can use "
                               "today (ledger: fixture, 2024)")
        assert "it would lose the 60% that are closed-weight models of the cut suppliers" in text
        assert "Its scores do not move on this layer" in text
        assert "no models-layer rows" in country_paragraph(result, "DDD")

    def test_world(self, cut_bundle, cut_baseline):
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("AAA",), layers=("models",)))
        text = world_paragraph(result)
        assert "no country's overall score would change" in text
        # kept: A 1, B 0.6, C 0.4 → median 0.6, not a majority near it: the least are named
        assert "the median country would keep access to 60%" in text
        assert "Country C (40%)" in text


@st.composite
def models_ledgers(draw):
    """Draw a models ledger: per country, shares over a few suppliers summing to at most 1."""
    rows = []
    for iso3 in CODES:
        suppliers = draw(st.lists(st.sampled_from(CODES), min_size=0, max_size=4, unique=True))
        weights = [draw(st.floats(0.0, 1.0)) for _ in suppliers]
        total = max(sum(weights), 1.0)
        for supplier, w in zip(suppliers, weights, strict=True):
            rows.append((iso3, "models", supplier, 2024, w / total, "fixture", "", 0))
    return pd.DataFrame(rows, columns=["iso3", "layer", "supplier", "year", "share",
                                       "source_id", "note", "line"])


def foreign_share(ledger: pd.DataFrame, iso3: str, cut: tuple[str, ...]) -> float:
    rows = ledger[(ledger["iso3"] == iso3) & (ledger["supplier"] != iso3)]
    if ALL_FOREIGN not in cut:
        rows = rows[rows["supplier"].isin(cut)]
    return float(rows["share"].sum())


class TestProperties:
    """For any models ledger, suppliers and severity."""

    @settings(max_examples=30, deadline=None)
    @given(ledger=models_ledgers(), cut=st.lists(st.sampled_from((*CODES, ALL_FOREIGN)),
                                                 min_size=1, unique=True),
           severity=st.floats(0, 1))
    def test_access_formula_and_scores_fixed(self, cut_bundle, cut_baseline, ledger, cut,
                                             severity):
        bundle = replace(cut_bundle, dependencies=ledger)
        scenario = Scenario(cut=tuple(cut), layers=("models",), severity=severity)
        result = score_scenario(bundle, cut_baseline, scenario)
        assert_scores_unchanged(result, cut_baseline)
        for iso3 in CODES:
            value = result.model_access_kept[iso3]
            if (ledger["iso3"] == iso3).any():
                expected = 1 - severity * foreign_share(ledger, iso3, scenario.cut)
                assert value == pytest.approx(expected, abs=1e-9)
                assert 0.0 <= value <= 1.0
            else:
                assert math.isnan(value)

    @settings(max_examples=30, deadline=None)
    @given(ledger=models_ledgers(), cut=st.lists(st.sampled_from((*CODES, ALL_FOREIGN)),
                                                 min_size=1, unique=True),
           severity=st.floats(0, 1))
    def test_allies_exempt_never_lower(self, cut_bundle, cut_baseline, ledger, cut, severity):
        bundle = replace(cut_bundle, dependencies=ledger)
        plain = Scenario(cut=tuple(cut), layers=("models",), severity=severity)
        without = score_scenario(bundle, cut_baseline, plain).model_access_kept
        exempt = score_scenario(bundle, cut_baseline,
                                plain.model_copy(update={"allies_exempt": True}))
        with_allies = exempt.model_access_kept
        assert ((with_allies >= without - 1e-12) | without.isna()).all()

    @settings(max_examples=20, deadline=None)
    @given(ledger=models_ledgers(), supplier=st.sampled_from(CODES))
    def test_supplier_keeps_its_own(self, cut_bundle, cut_baseline, ledger, supplier):
        bundle = replace(cut_bundle, dependencies=ledger)
        result = score_scenario(bundle, cut_baseline,
                                Scenario(cut=(supplier,), layers=("models",)))
        value = result.model_access_kept[supplier]
        assert math.isnan(value) or value == 1.0


def test_cli_column_after_the_fixed_ones(capsys):
    """CSV columns: the issue's fixed order, each pillar and its floor, then model access."""
    code = main(["scenario", "--data-dir", str(CUT_DIR), "--cut", "AAA", "--layers", "models",
                 "--severity", "0.5", "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    pillars = ("data", "compute", "models", "industry")
    expected = ["iso3", "name", "overall", "overall_floor", "rank", "rank_floor"]
    for pillar in pillars:
        expected += [pillar, f"{pillar}_floor"]
    # then the capability columns (issue 13), empty here: the fixture has no models_ledger.csv
    capability = ["best_model_kept", "frontier_lag_months", "fallback_served_share",
                  "training_days"]
    assert list(rows[0]) == [*expected, "model_access_kept", *capability]
    assert all(row[column] == "" for row in rows for column in capability)
    by_iso3 = {r["iso3"]: r for r in rows}
    assert float(by_iso3["CCC"]["model_access_kept"]) == pytest.approx(1 - 0.5 * 0.6)
    assert by_iso3["DDD"]["model_access_kept"] == ""
    for row in rows:
        assert row["overall"] == row["overall_floor"]


def test_shipped_data_frontier_preset_moves_no_score():
    """In data/, no scored indicator carries the models layer: the flagship preset reports
    access and leaves every score as it was."""
    bundle = load(SHIPPED)
    scored = bundle.scored_indicators
    assert "models" not in set(scored["layer"].fillna(""))
    assert (bundle.dependencies["layer"] == "models").any()
    baseline = score(bundle)
    result = score_scenario(bundle, baseline, PRESETS["frontier-api-withdrawn"])
    assert_scores_unchanged(result, baseline)
    access = result.model_access_kept.dropna()
    assert len(access) > 0 and access.between(0, 1).all()
    assert access["USA"] == 1.0   # the cut supplier's own models are never lost
