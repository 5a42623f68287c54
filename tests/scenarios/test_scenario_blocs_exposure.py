"""Blocs scored as one unit, and the economic-exposure estimate, on fixtures/cut by hand."""

from __future__ import annotations

import math

import pytest

from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.blocs import aggregation_rule, compare_bloc
from indicators.scenarios.exposure import (
    DEFAULT_AI_SHARE,
    ExposureAssumptions,
    capacity_lost,
    output_at_risk,
)

HIGH = math.log10(4)  # c1's baseline high (see test_scenario_scoring)


class TestAggregationRule:
    """The unit decides sum or population-weighted mean; a few codes are named explicitly."""

    @pytest.mark.parametrize(("code", "unit", "rule"), [
        ("x", "per 100 people", "mean"), ("x", "% of population", "mean"),
        ("x", "per million people", "mean"), ("x", "kWh per person", "mean"),
        ("x", "articles per year", "sum"), ("x", "H100-equivalents", "sum"),
        ("x", "TFlop/s", "sum"), ("x", "constant US$", "sum"),
        ("max_training_compute", "FLOP", "max"), ("gdp_per_capita", "current US$", "mean"),
    ])
    def test_rule(self, code, unit, rule):
        assert aggregation_rule(code, unit) == rule


class TestBloc:
    """'Bloc' = AAA + BBB (population 1 each)."""

    def test_bloc_as_one_unit(self, cut_bundle, cut_baseline):
        comparison = compare_bloc(cut_bundle, cut_baseline, "Bloc")
        row = comparison.table.set_index("iso3").loc["Bloc"]
        # c1 (TFlop/s, a capacity) = 0 + 10 = 10 → 100·log10(1 + 10/30)/log10 4 = 20.75
        c1 = 100 * math.log10(1 + 10 / 30) / HIGH
        # c2 (%, a ratio) = (1·1 + 2·1)/2 = 1.5 → (1.5 − 1)/(5 − 1) = 12.5, flipped → 87.5
        assert row["compute"] == pytest.approx((c1 + 87.5) / 2)
        assert comparison.table["iso3"].tolist() == ["Bloc", "AAA", "BBB"]

    def test_intra_bloc_supply_is_sovereign(self, cut_bundle, cut_baseline):
        """Cutting AAA: BBB alone loses half its c1, the bloc loses nothing (AAA is inside)."""
        comparison = compare_bloc(cut_bundle, cut_baseline, "Bloc",
                                  Scenario(cut=("AAA",), layers=("chips",)))
        table = comparison.table.set_index("iso3")
        assert table.at["Bloc", "compute_floor"] == pytest.approx(table.at["Bloc", "compute"])
        assert table.at["BBB", "compute_floor"] < table.at["BBB", "compute"]

    def test_unknown_bloc(self, cut_bundle, cut_baseline):
        with pytest.raises(ValueError, match="expected a group of groups"):
            compare_bloc(cut_bundle, cut_baseline, "Atlantis")


class TestExposure:
    """Capacity lost by hand; no GDP in the data means no estimate, never an invented one."""

    def test_capacity_lost(self, cut_bundle, cut_baseline):
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("DDD",), layers=("chips",), severity=0.5))
        lost = capacity_lost(result)
        assert lost["CCC"] == pytest.approx(0.5 * 0.8)
        assert lost["DDD"] == pytest.approx(0.0)  # its own supply

    def test_no_gdp_no_estimate(self, cut_bundle, cut_baseline):
        result = score_scenario(cut_bundle, cut_baseline,
                                Scenario(cut=("DDD",), layers=("chips",)))
        table = output_at_risk(cut_bundle, result).set_index("iso3")
        assert table["at_risk_per_hour"].isna().all()
        assert table["ai_share"].eq(DEFAULT_AI_SHARE).all()

    def test_assumptions_are_stated(self):
        lines = ExposureAssumptions().describe()
        assert any("NBER Working Paper 32487" in line for line in lines)
        assert any("(your setting)" in line for line in ExposureAssumptions(ai_share=0.1)
                   .describe())
