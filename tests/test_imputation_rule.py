"""Imputation never scores a pillar (or ranks a country) the coverage rule leaves out, and
"Not classified" is never an imputation group (issue 12, audit A6/A7). Expectations by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from indicators import load, score, stages
from indicators.pipeline import impute_by
from indicators.spec import ScoringSpec


def test_imputable_cells_are_those_of_pillars_meeting_the_rule_on_observed_values():
    nan = np.nan
    # one pillar of three indicators, rule 1/2: country 0 has 2 of 3, country 1 has 1 of 3
    x = np.array([[1.0, 2.0, nan], [4.0, nan, nan]])
    members = np.ones((3, 1))
    cells = stages.imputable(x, members, 0.5)
    np.testing.assert_array_equal(cells, [[True] * 3, [False] * 3])
    out, imputed = stages.impute(x, np.array(["g", "g"], dtype=object), cells)
    # country 0's gap takes the group mean of indicator 2 — none observed, so it stays missing;
    # country 1's gaps are not eligible, though indicator 1 has a group mean (2.0)
    assert np.isnan(out[1, 1]) and not imputed.any()


def test_not_classified_countries_take_their_region_mean():
    countries = pd.DataFrame({"region": ["East", "East", "West"],
                              "income_group": ["High income", "Not classified", "Not classified"]})
    x = np.array([[10.0], [np.nan], [np.nan]])
    out, imputed = impute_by(countries, "income_group", x, np.ones((3, 1), dtype=bool))
    # the unclassified East country takes East's mean (10, the classified one's); West has none
    assert out[1, 0] == 10.0 and imputed[1, 0]
    assert np.isnan(out[2, 0]) and not imputed[2, 0]


def test_imputation_ranks_no_country_the_reference_method_leaves_unranked():
    bundle = load("data")
    reference = score(bundle)
    for imputation in ("region", "income_group"):
        imputed = score(bundle, ScoringSpec(imputation=imputation))
        lifted = sorted(set(imputed.rank.dropna().index) - set(reference.rank.dropna().index))
        assert lifted == [], (imputation, lifted)
    # and the countries the audit found ranked by imputation stay unranked
    assert imputed.rank[["PRK", "VAT", "NRU"]].isna().all()


def test_taiwan_is_not_averaged_with_north_korea_and_the_holy_see():
    bundle = load("data")
    by_income = score(bundle, ScoringSpec(imputation="income_group"))
    groups = bundle.countries["income_group"]
    assert groups["TWN"] == "High income" and groups["PRK"] != "High income"
    # Taiwan's imputed cells are the mean of the High-income countries' observed values (the
    # group of Japan and Korea, never that of North Korea and the Holy See)
    observed = by_income.transformed.where(~by_income.imputed)
    high = observed[groups.reindex(observed.index).eq("High income").to_numpy()]
    imputed_codes = [c for c in by_income.imputed.columns if by_income.imputed.at["TWN", c]]
    assert imputed_codes  # Taiwan lacks World Bank series: something is imputed
    for code in imputed_codes:
        assert by_income.transformed.at["TWN", code] == pytest.approx(high[code].mean(),
                                                                      rel=1e-12), code


def test_the_monte_carlo_keeps_the_countries_the_rule_excludes_unranked():
    """It varies imputation by default: PRK had median rank 79 (p05 35) before issue 12."""
    from indicators.robustness.uncertainty import rank_intervals

    table = rank_intervals(load("data"), runs=50, seed=1).set_index("iso3")
    assert table.loc[["PRK", "VAT", "NRU"], ["median_rank", "rank_p05"]].isna().all().all()
