"""A sample indicator (a list of part of what exists) scores the lower bound it gives every
country: the listed stock, or zero capacity when unlisted. So being listed never scores below
being absent, adding capacity never lowers a score (issue 12, audit A11), and the size of a
listing decides its score (the floor at the pillar mean it replaced did not: Brazil 7th and
Korea 2nd)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from indicators import load, score, stages
from indicators.bundle import Bundle
from indicators.contract import SAMPLE_INDICATORS
from indicators.spec import ScoringSpec

VIEWS = ["scale", "intensity"]


@pytest.fixture(scope="module")
def shipped() -> Bundle:
    return load("data")


@pytest.fixture(scope="module", params=VIEWS)
def scored(request, shipped):
    return score(shipped, ScoringSpec(view=request.param))


def test_an_unlisted_cell_is_filled_at_zero_capacity_where_eligible():
    nan = np.nan
    x = np.array([[0.5, 2.0],    # listed: kept
                  [0.7, nan],    # unlisted, eligible: 0
                  [nan, nan],    # unlisted, not eligible (e.g. pillar below the rule): missing
                  [nan, 3.0]])   # an ordinary indicator's gap is never filled
    eligible = np.array([[True, True], [True, True], [True, False], [True, True]])
    out, filled = stages.fill_unlisted(x, np.array([False, True]), eligible)
    np.testing.assert_array_equal(out, [[0.5, 2.0], [0.7, 0.0], [nan, nan], [nan, 3.0]])
    np.testing.assert_array_equal(filled[:, 1], [False, True, False, False])
    assert not filled[:, 0].any()


def test_zero_capacity_is_0_except_after_a_log_fallback():
    import pandas as pd

    from indicators.pipeline import zero_capacity

    nan = np.nan
    x = np.array([[0.5, -1.2], [2.0, 0.3], [nan, nan]])
    assert zero_capacity(x, None).tolist() == [0.0, 0.0]
    # the second column was re-logged, ln(x − shift): zero capacity has no image there, so it
    # takes the bottom of the treated values (-1.2), never below the scale's lowest listing
    table = pd.DataFrame({"log_shift": [nan, 0.7]})
    zero = zero_capacity(x, table)
    assert zero.tolist() == [0.0, -1.2]
    out, _ = stages.fill_unlisted(x, np.array([True, True]), np.ones(x.shape, bool), zero)
    assert out[2].tolist() == [0.0, -1.2]


def test_a_listed_pillar_is_the_mean_with_the_listing_an_unlisted_one_the_mean_with_zero():
    # two ordinary indicators (60, 40 after normalisation) and a sample one: by hand, the pillar
    # of a country listed at 30 is (60 + 40 + 30) / 3, unlisted (60 + 40 + 0) / 3 — lower,
    # where the floor of the mean of the others (50) made both 50
    normalised = np.array([[60.0, 40.0, 30.0], [60.0, 40.0, 0.0]])
    pillar = stages.aggregate(normalised, np.ones((3, 1)), np.ones(3), 1 / 3, "arithmetic")
    assert pillar[:, 0] == pytest.approx([130 / 3, 100 / 3])


def test_a_sample_indicator_scores_in_the_order_of_its_listed_values(scored):
    # the score of a listing must grow with the listing: Canada's 3,109 H100e scored 71.1 and
    # the UK's 7,972 scored 66.7 under the floor, Korea's 2.7e24-FLOP run 68.6 and China's
    # 2.5e25 66.0; and every unlisted country scores the scale's bottom, below any listing
    for code in SAMPLE_INDICATORS:
        listed = scored.denominated[code].dropna()
        norm = scored.normalised.loc[listed.index, code]
        order = listed.sort_values(kind="stable").index
        steps = np.diff(norm[order].to_numpy())
        assert (steps >= -1e-9).all(), (code, scored.spec.view)
        unlisted = scored.unlisted[code]
        assert unlisted.sum() > 100  # most countries are not on the list
        assert (scored.normalised.loc[unlisted, code] == 0.0).all()
        assert scored.raw.loc[unlisted, code].isna().all()  # no 0 is written into the data
        assert norm.min() > 0.0  # the smallest listing is above zero capacity


def _without(bundle: Bundle, code: str, iso3s: set[str]) -> Bundle:
    """Return the bundle with the rows of ``code`` for ``iso3s`` removed."""
    values = bundle.values
    keep = ~((values["indicator"] == code) & values["iso3"].isin(iso3s))
    return dataclasses.replace(bundle, values=values[keep].reset_index(drop=True),
                               version=f"{bundle.version}-without-{code}-{sorted(iso3s)}")


@pytest.mark.parametrize("view", VIEWS)
def test_being_listed_never_lowers_a_pillar_against_being_absent(shipped, view):
    bundle = shipped
    spec = ScoringSpec(view=view)
    listed = score(bundle, spec)
    for code in SAMPLE_INDICATORS:
        pillar = listed.indicators.at[code, "pillar"]
        have = set(listed.raw.index[listed.raw[code].notna()])
        # drop one country's listing at a time (the others fix the goalposts): three of them
        for iso3 in [*sorted(have)[:3], "GBR", "VNM", "AUS"]:
            if iso3 not in have:
                continue
            absent = score(_without(bundle, code, {iso3}), spec)
            assert listed.pillars.at[iso3, pillar] >= absent.pillars.at[iso3, pillar] - 1e-9, \
                (code, iso3)


def test_the_uk_compute_does_not_fall_when_its_first_cluster_is_listed(shipped):
    before, after = (score(shipped, ScoringSpec(year=y)).pillars.at["GBR", "compute"]
                     for y in (2019, 2020))
    assert after >= before - 5  # the audit saw 61.3 → 34.8 as the 31.8-H100e cluster entered


def test_every_sample_indicator_is_a_sample_in_the_build():
    from indicators.build.build import MODULES

    built = {ind.code for module in MODULES for ind in module.INDICATORS
             if ind.basis == "sample"}
    assert built == set(SAMPLE_INDICATORS)


def test_the_compare_table_says_unlisted_not_no_data(shipped):
    # an unlisted cell scores 0 and counts in the pillar: "no data" beside a score of 0 would
    # say the opposite of what the method does
    from dashboard.views.compare import cell_text

    result = score(shipped)
    assert np.isnan(result.raw.at["MYS", "gpu_cluster_h100e"])  # Malaysia: no listed cluster
    assert cell_text(result, "MYS", "gpu_cluster_h100e") == "not listed (scored 0)"
    assert cell_text(result, "MYS", "rd_expenditure") != "not listed (scored 0)"
    assert cell_text(result, "USA", "gpu_cluster_h100e").startswith("929,")


@pytest.mark.parametrize("view", VIEWS)
def test_scenario_floors_use_the_same_rule(shipped, view):
    from indicators.scenarios.scoring import floor_scores

    baseline = score(shipped, ScoringSpec(view=view))
    denominated = baseline.denominated.to_numpy(dtype=float)
    # uncut, the floor is the baseline, unlisted cells included
    same = floor_scores(baseline, denominated)
    np.testing.assert_allclose(same.normalised, baseline.normalised.to_numpy(float), atol=1e-9)
    np.testing.assert_allclose(same.pillars, baseline.pillars.to_numpy(float), atol=1e-9)
    # the UK's GPU stock cut to nothing is a known loss: it scores 0 and stays in the mean,
    # exactly as if the UK were not listed (the UK sets none of the goalposts: neither the
    # smallest listing, which fixes the log scale, nor the largest)
    code = "gpu_cluster_h100e"
    j, i = list(baseline.indicators.index).index(code), list(baseline.raw.index).index("GBR")
    cut = denominated.copy()
    cut[i, j] = 0.0
    floor = floor_scores(baseline, cut)
    k = list(baseline.pillars.columns).index("compute")
    assert floor.normalised[i, j] == 0.0
    unlisted = score(_without(shipped, code, {"GBR"}), ScoringSpec(view=view))
    assert floor.pillars[i, k] == pytest.approx(unlisted.pillars.at["GBR", "compute"], abs=1e-9)
    assert floor.pillars[i, k] < baseline.pillars.at["GBR", "compute"]
