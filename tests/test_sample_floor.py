"""A sample indicator (a list of part of what exists) never scores a listed country below the
same country unlisted: adding capacity never lowers a score (issue 12, audit A11)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from indicators import load, score, stages
from indicators.bundle import Bundle
from indicators.contract import SAMPLE_INDICATORS
from indicators.spec import ScoringSpec


def test_a_listed_value_is_raised_to_the_mean_of_the_other_indicators():
    nan = np.nan
    # one pillar: two ordinary indicators and a sample one (last); weights 1, 1, 1
    scores = np.array([[60.0, 40.0, 5.0],    # others' mean 50 > 5: raised to 50
                       [60.0, 40.0, 90.0],   # 90 > 50: kept
                       [60.0, nan, nan],     # unlisted: stays missing
                       [nan, nan, 7.0]])     # nothing else to compare: kept
    out = stages.floor_samples(scores, np.ones((3, 1)), np.ones(3),
                               np.array([False, False, True]))
    np.testing.assert_array_equal(out[:, 2], [50.0, 90.0, nan, 7.0])
    # so the pillar mean is max(with, without): (60 + 40 + 50) / 3 = 50 = (60 + 40) / 2
    assert out[0].mean() == pytest.approx(50.0)


def _without(bundle: Bundle, code: str, iso3s: set[str]) -> Bundle:
    """Return the bundle with the rows of ``code`` for ``iso3s`` removed."""
    values = bundle.values
    keep = ~((values["indicator"] == code) & values["iso3"].isin(iso3s))
    return dataclasses.replace(bundle, values=values[keep].reset_index(drop=True),
                               version=f"{bundle.version}-without-{code}-{sorted(iso3s)}")


@pytest.mark.parametrize("view", ["scale", "intensity"])
def test_being_listed_never_lowers_a_pillar_against_being_absent(view):
    bundle = load("data")
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


def test_the_uk_compute_does_not_fall_when_its_first_cluster_is_listed():
    bundle = load("data")
    before, after = (score(bundle, ScoringSpec(year=y)).pillars.at["GBR", "compute"]
                     for y in (2019, 2020))
    assert after >= before - 5  # the audit saw 61.3 → 34.8 as the 31.8-H100e cluster entered


def test_every_sample_indicator_is_a_sample_in_the_build():
    from indicators.build.build import MODULES

    built = {ind.code for module in MODULES for ind in module.INDICATORS
             if ind.basis == "sample"}
    assert built == set(SAMPLE_INDICATORS)
