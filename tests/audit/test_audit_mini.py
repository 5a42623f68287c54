"""The audit on the mini fixture, every expectation worked out by hand in the test.

Reference normalised scores of the mini fixture (min-max to [0, 100], direction applied):

    d1: A 0, B 25, C 50, D 100          d2: A 0, B 50, C 100, D 25
    c1: A 0, B 100·L, C 50, D 100       c2: A 100, B 75, C 50, D 0      (L = log 4/3 / log 4)
    m1: A 0, B 100/3, C 200/3, D 100    m2: A –, B 0, C 50, D 100
    i1: A 0, B 50, C 100, D –           i2: A 100, B 0, C 50, D –

D has no industry indicator, so only A, B and C have an overall score.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators import load, score
from indicators.audit import (
    INDEX,
    PILLAR,
    audit,
    correlation_pairs,
    cronbach_alpha,
    effective_weights,
    first_component_share,
    indicator_statistics,
    nominal_weights,
)
from indicators.audit.correlations import correlation

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
L = math.log10(4 / 3) / math.log10(4)
NAN = float("nan")
NORMALISED = {
    "d1": [0, 25, 50, 100], "d2": [0, 50, 100, 25],
    "c1": [0, 100 * L, 50, 100], "c2": [100, 75, 50, 0],
    "m1": [0, 100 / 3, 200 / 3, 100], "m2": [NAN, 0, 50, 100],
    "i1": [0, 50, 100, NAN], "i2": [100, 0, 50, NAN],
}
# pillar scores of A, B, C (weights d1 = 1, d2 = 2; the rest 1)
DATA = [0, (25 + 2 * 50) / 3, (50 + 2 * 100) / 3]
COMPUTE = [(0 + 100) / 2, (100 * L + 75) / 2, (50 + 50) / 2]
MODELS = [0, (100 / 3 + 0) / 2, (200 / 3 + 50) / 2]  # A has m1 only: half the pillar suffices
INDUSTRY = [50, 25, 75]
OVERALL = [sum(p) / 4 for p in zip(DATA, COMPUTE, MODELS, INDUSTRY, strict=True)]


def pearson(x: list[float], y: list[float]) -> float:
    """Pearson's r written out: Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²) over pairs with both."""
    pairs = [(a, b) for a, b in zip(x, y, strict=True) if not (math.isnan(a) or math.isnan(b))]
    mx = sum(a for a, _ in pairs) / len(pairs)
    my = sum(b for _, b in pairs) / len(pairs)
    sxy = sum((a - mx) * (b - my) for a, b in pairs)
    sxx = sum((a - mx) ** 2 for a, _ in pairs)
    syy = sum((b - my) ** 2 for _, b in pairs)
    return sxy / math.sqrt(sxx * syy)


@pytest.fixture(scope="module")
def result():
    """The mini fixture scored with the reference method (module-wide: it is read-only)."""
    return score(load(MINI))


class TestInputs:
    """The hand-listed scores above are the fixture's (so the rest tests the audit, not them)."""

    def test_normalised_and_overall(self, result):
        for code, values in NORMALISED.items():
            np.testing.assert_allclose(result.normalised[code].to_numpy(), values, atol=1e-12)
        np.testing.assert_allclose(result.overall.loc[["AAA", "BBB", "CCC"]], OVERALL,
                                   atol=1e-12)
        assert math.isnan(result.overall["DDD"])


class TestCronbach:
    """Alpha = k²·c̄/ΣC with pairwise covariances, as COINr's get_cronbach."""

    def test_data_pillar_is_one_third(self, result):
        """Deviations from 43.75: d1 −43.75, −18.75, 6.25, 56.25; d2 −43.75, 6.25, 56.25,
        −18.75. Σ squares 5468.75 each, Σ products 1093.75, so alpha = 4·1093.75 /
        (2·5468.75 + 2·1093.75) = 4375 / 13125 = 1/3 (the common n − 1 cancels)."""
        assert audit(result).pillars.at["data", "cronbach_alpha"] == pytest.approx(1 / 3)

    def test_models_pillar_uses_pairwise_rows(self, result):
        """var(m1) over all four rows = 50000/27; var(m2) over B, C, D = 2500; their covariance
        over B, C, D = 5000/3. Alpha = 4·(5000/3) / (50000/27 + 2500 + 2·5000/3)
        = 180000 / 207500 = 72/83."""
        assert audit(result).pillars.at["models", "cronbach_alpha"] == pytest.approx(72 / 83)

    def test_industry_pillar_is_negative(self, result):
        """Over A, B, C: variances 2500 each, covariance −1250: alpha = −5000/2500 = −2."""
        assert audit(result).pillars.at["industry", "cronbach_alpha"] == pytest.approx(-2)

    def test_general_formula_with_three_columns(self):
        """Columns a, b, a+b: C = [[1, 0, 1], [0, 1, 1], [1, 1, 2]]·var; ΣC = 8, off-diagonal
        sum 4, c̄ = 4/6, alpha = 9·(4/6)/8 = 0.75."""
        frame = pd.DataFrame({"a": [1.0, -1, 1, -1], "b": [1.0, 1, -1, -1]})
        frame["c"] = frame["a"] + frame["b"]
        assert cronbach_alpha(frame) == pytest.approx(0.75)


class TestFirstComponent:
    """The first principal component's share of the standardised variance."""

    def test_two_indicators_share_is_half_of_one_plus_r(self, result):
        """For two columns the correlation matrix has eigenvalues 1 ± |r|: share (1 + |r|)/2."""
        pillars = audit(result).pillars
        assert pillars.at["data", "pca_variance_share"] == pytest.approx((1 + 0.2) / 2)
        assert pillars.at["industry", "pca_variance_share"] == pytest.approx((1 + 0.5) / 2)
        # m1 and m2 over the complete rows B, C, D are 100/3, 200/3, 100 and 0, 50, 100: r = 1
        assert pillars.at["models", "pca_variance_share"] == pytest.approx(1.0)
        assert pillars.at["models", "pca_countries"] == 3

    def test_needs_three_complete_rows(self):
        frame = pd.DataFrame({"a": [1.0, 2, np.nan], "b": [2.0, 1, 3]})
        assert math.isnan(first_component_share(frame)[0])


class TestCorrelations:
    """Pearson and Spearman inside each pillar, with the pillar and the index, and flags."""

    def test_pearson_and_spearman_of_a_pair(self, result):
        pairs = correlation_pairs(result).set_index(["a", "b"])
        row = pairs.loc[("d1", "d2")]
        assert row["pearson"] == pytest.approx(1093.75 / 5468.75)  # = 0.2
        # ranks 1, 2, 3, 4 and 1, 3, 4, 2: Σd² = 0 + 1 + 1 + 4 = 6, ρ = 1 − 6·6/(4·15) = 0.4
        assert row["spearman"] == pytest.approx(0.4)
        assert row["n"] == 4
        # t = r·√(2/(1 − r²)) with 2 degrees of freedom, whose CDF is ½ + t/(2√(2 + t²)):
        # p = 1 − t/√(2 + t²), and t² = 2r²/(1 − r²) makes t/√(2 + t²) = |r|, so p = 1 − |r|
        assert row["pearson_p"] == pytest.approx(1 - 0.2)
        assert row["spearman_p"] == pytest.approx(1 - 0.4)

    def test_with_pillar_and_index(self, result):
        pairs = correlation_pairs(result).set_index(["a", "b"])
        data_d1 = [0, 25, 50, 100]
        data_scores = [*DATA, (100 + 2 * 25) / 3]  # D's data score
        assert pairs.loc[("d1", PILLAR), "pearson"] == pytest.approx(pearson(data_d1,
                                                                             data_scores))
        assert pairs.loc[("c2", INDEX), "pearson"] == pytest.approx(
            pearson([100, 75, 50], OVERALL))
        assert pairs.loc[("c2", INDEX), "n"] == 3

    def test_negative_pair_is_flagged(self, result):
        """i1 and i2 over A, B, C: deviations −50, 0, 50 and 50, −50, 0: r = −2500/5000."""
        pairs = correlation_pairs(result).set_index(["a", "b"])
        assert pairs.loc[("i1", "i2"), "pearson"] == pytest.approx(-0.5)
        assert pairs.loc[("i1", "i2"), "flag"] == "negative"
        table = audit(result).indicators
        assert "negative:i2" in table.at["i1", "flags"] and table.at["i2", "flagged"]

    def test_flag_rules(self):
        from indicators.audit.correlations import pair_flag
        assert pair_flag("a", "b", 0.95, 0.0) == "redundant"
        assert pair_flag("a", PILLAR, 0.95, 0.0) == ""  # an indicator may match its pillar
        assert pair_flag("a", "b", -0.41, 0.0) == "negative"
        assert pair_flag("a", PILLAR, -0.1, 0.5) == "negative"
        assert pair_flag("a", "b", 0.3, 0.06) == "insignificant"
        assert pair_flag("a", INDEX, 0.3, 0.06) == ""  # the index is reported, not flagged
        assert pair_flag("a", "b", 0.3, 0.01) == ""


class TestWeights:
    """Nominal weights as COINr's get_eff_weights, effective ones as r² shares."""

    def test_nominal(self, result):
        ind, pil = nominal_weights(result)
        assert ind["d1"] == pytest.approx(1 / 3 * 1 / 4)
        assert ind["d2"] == pytest.approx(2 / 3 * 1 / 4)
        assert ind["c1"] == pytest.approx(1 / 8)
        assert ind.sum() == pytest.approx(1) and pil.sum() == pytest.approx(1)

    def test_effective_is_the_squared_correlation_share(self, result):
        ind, pil = effective_weights(result)
        abc = slice(0, 3)
        r2 = {code: pearson(values[abc], OVERALL) ** 2 for code, values in NORMALISED.items()
              if code != "m2"}
        r2["m2"] = 0.0  # only B and C have m2 and an overall score: no correlation
        total = sum(r2.values())
        for code, value in r2.items():
            assert ind.at[code, "effective_weight"] == pytest.approx(value / total), code
        pr2 = {p: pearson(s, OVERALL) ** 2 for p, s in
               {"data": DATA, "compute": COMPUTE, "models": MODELS, "industry": INDUSTRY}.items()}
        for p, value in pr2.items():
            assert pil.at[p, "effective_weight"] == pytest.approx(value / sum(pr2.values()))


class TestStatistics:
    """Per-indicator statistics over every country of the data."""

    def test_location_spread_extremes(self, result):
        stats = indicator_statistics(result)
        d1 = stats.loc["d1"]
        assert (d1["count"], d1["mean"], d1["median"]) == (4, 27.5, 25.0)  # 10, 20, 30, 50
        # deviations −17.5, −7.5, 2.5, 22.5: Σ² = 306.25 + 56.25 + 6.25 + 506.25 = 875
        assert d1["sd"] == pytest.approx(math.sqrt(875 / 3))
        assert (d1["min_country"], d1["max_country"]) == ("AAA", "DDD")
        assert stats.at["m2", "share_missing"] == pytest.approx(1 / 4)  # A's m2 is too old
        assert not stats["screen_flagged"].any()  # four countries: nothing is extreme

    def test_to_dict_has_the_contract_keys(self, result):
        report = audit(result).to_dict()
        assert set(report["pillars"]) == {"data", "compute", "models", "industry"}
        for pillar in report["pillars"].values():
            assert {"cronbach_alpha", "pca_variance_share"} <= set(pillar)
        for record in report["indicators"].values():
            assert {"effective_weight", "skewness", "kurtosis", "flagged"} <= set(record)
        assert report["indicators"]["i1"]["flagged"] is True


class TestCorrelationProperties:
    """Pearson and Spearman on any pair of columns (hypothesis)."""

    @given(st.lists(st.tuples(finite, finite), min_size=3, max_size=40))
    def test_bounded_symmetric_and_equal_to_numpy(self, pairs):
        x = pd.Series([a for a, _ in pairs])
        y = pd.Series([b for _, b in pairs])
        for method in ("pearson", "spearman"):
            r, p, n = correlation(x, y, method)
            assert n == len(pairs)
            assert (r, p) == pytest.approx(correlation(y, x, method)[:2], nan_ok=True)
            if not np.isnan(r):
                assert -1 <= r <= 1 and 0 <= p <= 1
        r = correlation(x, y, "pearson")[0]
        if not np.isnan(r) and np.ptp(x) > 1e-6 and np.ptp(y) > 1e-6:
            assert r == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-9)


class TestConsistencyProperties:
    """Alpha and the first component on any small frame (hypothesis)."""

    @given(st.lists(st.lists(finite, min_size=3, max_size=3), min_size=3, max_size=30))
    def test_first_component_share_is_a_share(self, rows):
        frame = pd.DataFrame(rows, columns=["a", "b", "c"])
        share, n = first_component_share(frame)
        assert n == len(rows)
        if not np.isnan(share):
            assert 1 / 3 - 1e-9 <= share <= 1 + 1e-9  # the largest of 3 eigenvalues summing to 3

    @given(st.lists(st.lists(finite, min_size=2, max_size=2), min_size=3, max_size=30))
    def test_alpha_of_two_columns_is_four_cov_over_total(self, rows):
        frame = pd.DataFrame(rows, columns=["a", "b"])
        cov = np.cov(frame.to_numpy().T)
        total = cov.sum()
        alpha = cronbach_alpha(frame)
        if abs(total) > 1e-6:
            assert alpha == pytest.approx(4 * cov[0, 1] / total, rel=1e-6, abs=1e-9)
