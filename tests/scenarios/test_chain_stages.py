"""Chips by stage and when a cut bites: hand-computed on fixtures/chain and a synthetic stock.

fixtures/chain is fixtures/cut (c1: compute, chips layer, log; A 0, B 10, C 30, D 90) plus:
CCC chips_fab BBB 0.7, CCC 0.3 · CCC chips_packaging BBB 0.9 · CCC chips_tools DDD 0.8 ·
BBB chips_fab BBB 1.0 · DDD chips_fab BBB 0.25 · DDD connectivity CCC 1.0 ·
AAA energy AAA 0.4 · BBB energy BBB 0.9 (the rest imported from no named supplier).
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.build.dependencies import _shares, _stage_frame
from indicators.importers.chip_stages import EPOCH_FAMILIES, NVIDIA
from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.horizon import SERVICE_LIFE_YEARS, lost_fraction


def _c1(result) -> pd.Series:
    return result.raw["c1"]


class TestStageSharesOfAStock:
    """A chip family's stage homes applied to one country's stock, by hand."""

    STOCK = pd.DataFrame({"iso3": ["AAA"] * 3, "year": [2025] * 3,
                          "key": ["NVIDIA", "Huawei", "Anonymized"],
                          "value": [600.0, 400.0, 200.0]})

    def _layer(self, layer: str) -> dict[str, float]:
        families = {key: EPOCH_FAMILIES[key] for key in self.STOCK["key"]}
        rows = _shares(_stage_frame(self.STOCK, families, layer), "supplier", layer, "s", "")
        return dict(zip(rows["supplier"], rows["share"], strict=True))

    def test_fabrication(self):
        # NVIDIA is fabricated in Taiwan, Huawei Ascend in China, anonymised chips unattributed
        fab = self._layer("chips_fab")
        assert fab == pytest.approx({"TWN": 600 / 1200, "CHN": 400 / 1200})
        assert 1 - sum(fab.values()) == pytest.approx(200 / 1200)

    def test_memory_leaves_undisclosed_hbm_unattributed(self):
        # Ascend's HBM origin is not disclosed, so only NVIDIA's KOR memory is attributed
        assert self._layer("chips_memory") == pytest.approx({"KOR": 600 / 1200})

    def test_design_stage_agrees_with_the_designer_table(self):
        from indicators.importers.chips import EPOCH_SUPPLIERS
        for supplier, family in EPOCH_FAMILIES.items():
            assert (family.design if family else None) == EPOCH_SUPPLIERS[supplier], supplier
        assert NVIDIA.fab == "TWN" and NVIDIA.packaging == "TWN"


class TestStageCuts:
    """Cutting a stage layer cuts the indicators of its parent layer (chips)."""

    def test_fabrication_cut_by_hand(self, chain_bundle, chain_baseline):
        result = score_scenario(chain_bundle, chain_baseline,
                                Scenario(cut=("BBB",), layers=("chips_fab",)))
        c1 = _c1(result)
        assert c1["CCC"] == pytest.approx(30 * (1 - 0.7))   # 9
        assert c1["DDD"] == pytest.approx(90 * (1 - 0.25))  # 67.5
        assert c1["BBB"] == pytest.approx(10)               # never cut off from itself
        assert result.cut.cut_layers["c1"] == "chips_fab"

    def test_two_stages_of_the_same_chips_are_not_lost_twice(self, chain_bundle,
                                                            chain_baseline):
        result = score_scenario(chain_bundle, chain_baseline,
                                Scenario(cut=("BBB",), layers=("chips_fab", "chips_packaging")))
        # CCC: fab 0.7, packaging 0.9 → the larger, 0.9, not 1.6
        assert _c1(result)["CCC"] == pytest.approx(30 * (1 - 0.9))
        assert result.cut.cut_stages["c1"] == ("chips_fab", "chips_packaging")

    def test_tools_cut(self, chain_bundle, chain_baseline):
        result = score_scenario(chain_bundle, chain_baseline,
                                Scenario(cut=("DDD",), layers=("chips_tools",)))
        assert _c1(result)["CCC"] == pytest.approx(30 * (1 - 0.8))
        assert _c1(result)["DDD"] == pytest.approx(90)

    def test_a_country_never_depends_on_itself(self, chain_bundle, chain_baseline):
        for code in ("BBB", "CCC", "DDD"):
            result = score_scenario(
                chain_bundle, chain_baseline,
                Scenario(cut=(code,), layers=("chips", "chips_fab", "chips_packaging",
                                               "chips_tools", "connectivity")))
            assert _c1(result)[code] == pytest.approx(_c1(chain_baseline)[code]), code


class TestHorizon:
    """Services stop at once; hardware ages out over the service life."""

    def test_no_horizon_is_todays_strict_semantics(self, chain_bundle, chain_baseline):
        strict = Scenario(cut=("BBB",), layers=("chips", "chips_fab", "models"))
        result = score_scenario(chain_bundle, chain_baseline, strict)
        assert strict.horizon_years is None
        assert _c1(result)["CCC"] == pytest.approx(30 * (1 - 0.7))
        # the models layer (a service) loses BBB's whole share: AAA 0.2
        assert result.model_access.loc["AAA", "lost"] == pytest.approx(0.2)

    def test_hardware_ages_out_linearly(self, chain_bundle, chain_baseline):
        half = SERVICE_LIFE_YEARS / 2
        result = score_scenario(chain_bundle, chain_baseline,
                                Scenario(cut=("BBB",), layers=("chips_fab", "models"),
                                         horizon_years=half))
        # half the service life: half the cut hardware is past its life
        assert _c1(result)["CCC"] == pytest.approx(30 * (1 - 0.7 * 0.5))
        # a service stops at once, whatever the horizon
        assert result.model_access.loc["AAA", "lost"] == pytest.approx(0.2)

    def test_past_the_service_life_equals_the_strict_floor(self, chain_bundle, chain_baseline):
        layers = ("chips", "chips_fab", "chips_packaging")
        strict = score_scenario(chain_bundle, chain_baseline,
                                Scenario(cut=("BBB",), layers=layers))
        late = score_scenario(chain_bundle, chain_baseline,
                              Scenario(cut=("BBB",), layers=layers,
                                       horizon_years=SERVICE_LIFE_YEARS + 1))
        pd.testing.assert_series_equal(late.overall, strict.overall)

    def test_a_longer_horizon_never_raises_a_floor(self, chain_bundle, chain_baseline):
        previous = None
        for years in (0.0, 1.0, 2.5, 4.0, 6.0, 9.0):
            result = score_scenario(chain_bundle, chain_baseline,
                                    Scenario(cut=("BBB", "DDD"), layers=(
                                        "chips", "chips_fab", "chips_tools"),
                                        horizon_years=years))
            floor = result.pillars["compute"]
            if previous is not None:
                assert (floor <= previous + 1e-9).all(), years
            previous = floor

    def test_horizon_zero_is_the_day_of_the_cut(self, chain_bundle, chain_baseline):
        from indicators.scenarios.cutoff import layer_access

        # services: horizon 0 is today's (strict) semantics exactly
        services = Scenario(cut=("BBB", "CCC"), layers=("models", "connectivity"))
        strict = score_scenario(chain_bundle, chain_baseline, services)
        day0 = score_scenario(chain_bundle, chain_baseline,
                              services.model_copy(update={"horizon_years": 0.0}))
        pd.testing.assert_frame_equal(day0.model_access, strict.model_access)
        assert day0.model_access.loc["AAA", "lost"] == pytest.approx(0.2 + 0.3)
        cables = [layer_access(chain_bundle, s, "connectivity", 2024, 3)
                  for s in (services, day0.scenario)]
        pd.testing.assert_frame_equal(cables[0], cables[1])
        assert cables[1].loc["DDD", "kept"] == pytest.approx(0.0)   # CCC, its only partner
        # hardware: on the day of the cut nothing has aged out, the floor is the nominal score
        hardware = Scenario(cut=("BBB",), layers=("chips", "chips_fab", "chips_tools"),
                            horizon_years=0.0)
        result = score_scenario(chain_bundle, chain_baseline, hardware)
        pd.testing.assert_series_equal(result.overall, chain_baseline.overall,
                                       check_names=False)

    def test_lost_fraction(self):
        assert lost_fraction("cloud", 0.0) == 1.0
        assert lost_fraction("chips_fab", 0.0) == 0.0
        assert lost_fraction("chips_fab", 3.0) == pytest.approx(3.0 / SERVICE_LIFE_YEARS)
        assert lost_fraction("chips_fab", None) == 1.0
        with pytest.raises(ValueError, match="expected 0 or more"):
            lost_fraction("chips", -1.0)


def test_floor_over_time(chain_bundle, chain_baseline):
    from indicators.scenarios.timeline import DEFAULT_HORIZONS, floor_over_time

    scenario = Scenario(cut=("BBB",), layers=("chips_fab", "models"))
    frame = floor_over_time(chain_bundle, chain_baseline, scenario, score="compute")
    assert list(frame.index[:-1]) == list(DEFAULT_HORIZONS)
    assert frame.diff().iloc[1:].le(1e-9).all().all()          # never rises with time
    strict = score_scenario(chain_bundle, chain_baseline, scenario).pillars["compute"]
    pd.testing.assert_series_equal(frame.iloc[-1], strict, check_names=False)
    pd.testing.assert_series_equal(frame.loc[SERVICE_LIFE_YEARS], strict, check_names=False)
    # the vectorised pass equals scoring each horizon on its own
    for years in (0.0, 3.0):
        one = score_scenario(chain_bundle, chain_baseline,
                             scenario.model_copy(update={"horizon_years": years}))
        pd.testing.assert_series_equal(frame.loc[years], one.pillars["compute"],
                                       check_names=False)
    # the day of the cut, no hardware has aged out: CCC's compute is its nominal score
    assert frame.loc[0.0, "CCC"] == pytest.approx(chain_baseline.pillars.loc["CCC", "compute"])
