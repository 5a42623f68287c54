"""Models importers and the models-layer dependency shares on the fixture files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from build_helpers import context, value

from indicators.build.dependencies import model_access
from indicators.importers import models


@pytest.fixture
def values(sources: Path):  # type: ignore[no-untyped-def]
    return models.load(context(sources))


def test_fractional_cumulative_counts(values) -> None:  # type: ignore[no-untyped-def]
    # notable ∪ large-scale, since 2019, 1/k per country. M2 (2019) is USA+France → 1/2 each;
    # M1 (2018) is before 2019 and not counted.
    assert value(values, "USA", "models_developed", 2019) == 0.5
    # USA 2021: M2 1/2 + L1 (2020) 1 + L4 (2021, USA+CHN) 1/2
    assert value(values, "USA", "models_developed", 2021) == 0.5 + 1.0 + 0.5
    # FRA 2021: M2 1/2 + L3 (2021) 1
    assert value(values, "FRA", "models_developed", 2021) == 0.5 + 1.0
    # CHN: M3 (2020) = 1; 2021 adds M5 (HK+CN) 1/2, L2 1, L4 1/2; M4 is Multinational only
    assert value(values, "CHN", "models_developed", 2020) == 1.0
    assert value(values, "CHN", "models_developed", 2021) == 1.0 + 0.5 + 1.0 + 0.5
    assert value(values, "HKG", "models_developed", 2021) == 0.5
    assert value(values, "NAM", "models_developed", 2021) == 0.0  # census zero
    for gone in ("notable_models", "large_scale_models", "open_weight_models"):
        assert gone not in set(values["indicator"])
    # frontier models stay a count of their own (the fixture's frontier list)
    assert value(values, "USA", "frontier_models", 2020) == 1.0


def test_a_model_in_both_lists_counts_once() -> None:
    notable = pd.DataFrame({"model": ["A", "B"], "year": [2020, 2021], "iso3": ["USA", "USA"],
                            "weight": [1.0, 1.0], "access": ["open", "open"],
                            "flop": [1e23, 2e23]})
    large = pd.DataFrame({"model": ["B", "C"], "year": [2021, 2021], "iso3": ["USA", "USA"],
                          "weight": [1.0, 1.0], "access": ["open", "open"],
                          "flop": [2e23, 3e23]})
    stock = models.cumulative_count(models.distinct_models(notable, large), [2021])
    assert stock["value"].tolist() == [3.0]  # A, B, C: B once


def test_max_training_compute_runs_over_all_years(values) -> None:  # type: ignore[no-untyped-def]
    # USA 2019: max(M1 1e22 from 2018, M2 2e23) = 2e23; 2021: max(.., L1 3e23, L4 4e23) = 4e23
    assert value(values, "USA", "max_training_compute", 2019) == 2e23
    assert value(values, "USA", "max_training_compute", 2021) == 4e23
    assert value(values, "CHN", "max_training_compute", 2020) == 5e23
    # no model of known compute yet: the largest of no runs is missing, not 0
    sel = values[values["indicator"] == "max_training_compute"]
    assert ("CHN", 2019) not in set(zip(sel["iso3"], sel["year"], strict=True))
    assert (sel["value"] > 0).all()


def test_publications_skip_regions(values) -> None:  # type: ignore[no-untyped-def]
    sel = values[values["indicator"] == "ai_publications"]
    assert sorted(sel["iso3"]) == ["CHN", "USA"]


def test_model_access_shares(sources: Path) -> None:
    deps = model_access(context(sources))
    d21 = deps[deps["year"] == 2021].set_index(["iso3", "supplier"])["share"]
    # usable 2021 for France: released L1, L2, L4 + own unreleased L3 = 4 models
    assert d21["FRA", "FRA"] == pytest.approx(1 / 4)
    assert d21["FRA", "USA"] == pytest.approx((1 + 0.5) / 4)  # L1 (API) + half of L4 (hosted)
    assert d21["FRA", "CHN"] == pytest.approx(0.5 / 4)  # half of L4; L2 is open weights
    # USA: usable = L1, L2, L4 = 3; own = L1 + half of L4 = 1.5
    assert d21["USA", "USA"] == pytest.approx(1.5 / 3)
    assert d21["USA", "CHN"] == pytest.approx(0.5 / 3)
    assert d21["NAM", "USA"] == pytest.approx(1.5 / 3)
    assert ("NAM", "NAM") not in d21.index
    assert deps.groupby(["iso3", "year"])["share"].sum().max() <= 1.0


def test_research_base_is_a_capacity_share_times_gdp_and_rate_times_population(values) -> None:  # type: ignore[no-untyped-def]
    # the fixture's WDI rows by hand: US R&D 3.6 % of a $25.7 tn GDP in 2022; researchers
    # 4,800 per million of 333 M (US) and 5,000 per million of 68 M (France) people in 2022
    assert value(values, "USA", "rd_expenditure", 2022) == pytest.approx(0.036 * 25.7e12)
    assert value(values, "USA", "researchers", 2022) == pytest.approx(4800 * 333)
    assert value(values, "FRA", "researchers", 2022) == pytest.approx(5000 * 68)
    # China's 2.6 % of 2023 has no 2023 GDP in the fixture: no value, not a guessed one
    rd = values[values["indicator"] == "rd_expenditure"]
    assert list(rd["iso3"]) == ["USA"]
