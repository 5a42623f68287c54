"""Outlier treatment equal to COINr's Treat() defaults, on cases worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from indicators import ScoringSpec, load, score
from indicators import methods as m
from indicators.treat import (
    kurtosis,
    passes_screen,
    reapply_log_fallback,
    skewness,
    treat_indicator,
    treat_outliers,
)


def excel_skew(x: list[float]) -> float:
    """Excel's SKEW: n / ((n-1)(n-2)) · Σ((x - mean)/s)³, s the sample SD."""
    n, mean = len(x), sum(x) / len(x)
    s = math.sqrt(sum((v - mean) ** 2 for v in x) / (n - 1))
    return n / ((n - 1) * (n - 2)) * sum(((v - mean) / s) ** 3 for v in x)


def excel_kurt(x: list[float]) -> float:
    """Excel's KURT: n(n+1)/((n-1)(n-2)(n-3)) · Σ((x - mean)/s)⁴ − 3(n-1)²/((n-2)(n-3))."""
    n, mean = len(x), sum(x) / len(x)
    s = math.sqrt(sum((v - mean) ** 2 for v in x) / (n - 1))
    return (n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * sum(((v - mean) / s) ** 4 for v in x)
            - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))


class TestShape:
    """Skewness and kurtosis are the bias-corrected ones COINr (e1071 type 2, Excel) uses."""

    def test_skewness_of_0_0_3(self):
        """mean 1, deviations −1, −1, 2: g1 = √3·6/6^1.5 = 1/√2, G1 = g1·√6/1 = √3."""
        assert skewness(np.array([0.0, 0, 3])) == pytest.approx(math.sqrt(3), rel=1e-12)

    def test_kurtosis_of_0_0_0_4(self):
        """deviations −1, −1, −1, 3: r = 4·84/12² = 7/3, G2 = (5(7/3 − 3) + 6)·3/(2·1) = 4."""
        assert kurtosis(np.array([0.0, 0, 0, 4])) == pytest.approx(4.0, rel=1e-12)

    def test_equal_to_excel_formulas_and_ignores_missing(self):
        x = [1.0, 2, 2, 3, 7, 11, 40]
        with_gaps = np.array([np.nan, *x, np.nan])
        assert skewness(with_gaps) == pytest.approx(excel_skew(x), rel=1e-12)
        assert kurtosis(with_gaps) == pytest.approx(excel_kurt(x), rel=1e-12)

    def test_undefined_below_three_or_four_values_or_without_spread(self):
        assert math.isnan(skewness(np.array([1.0, 2])))
        assert math.isnan(kurtosis(np.array([1.0, 2, 3])))
        assert math.isnan(skewness(np.full(5, 7.0)))
        assert passes_screen(np.full(5, 7.0)) is None

    def test_screen_passes_when_either_is_within(self):
        """|skew| < 2 OR kurtosis < 3.5 passes; only both beyond fail."""
        tail = np.r_[np.arange(1.0, 11), 1000]  # skew 3.3, kurtosis 11.0
        assert excel_skew(list(tail)) > 2 and excel_kurt(list(tail)) > 3.5
        assert passes_screen(tail) is False
        assert passes_screen(np.arange(1.0, 21)) is True


class TestTreatIndicator:
    """Each rule of COINr's Treat(), on hand-made vectors."""

    def test_indicator_that_needs_none_is_untouched(self):
        x = np.arange(1.0, 21)  # symmetric: skewness 0
        out, mask, detail = treat_indicator(x)
        np.testing.assert_array_equal(out, x)
        assert not mask.any() and detail.kind == "none" and detail.points == 0

    def test_lone_high_outlier_takes_the_next_value(self):
        x = np.r_[np.arange(1.0, 11), np.nan, 1000]
        out, mask, detail = treat_indicator(x)
        expected = np.r_[np.arange(1.0, 11), np.nan, 10]
        np.testing.assert_array_equal(out, expected)
        assert mask.tolist() == [False] * 11 + [True]
        # 1..10 and 10 again: |skew| < 2, so one step is enough
        assert abs(excel_skew([*range(1, 11), 10])) < 2
        assert (detail.kind, detail.points, detail.high_cap) == ("winsorised", 1, 10.0)
        assert math.isnan(detail.low_cap)

    def test_negative_skew_winsorises_the_low_end(self):
        x = np.r_[-1000, np.arange(1.0, 11)]
        out, mask, detail = treat_indicator(x)
        np.testing.assert_array_equal(out, np.r_[1.0, np.arange(1.0, 11)])
        assert mask[0] and mask.sum() == 1 and detail.low_cap == 1.0

    def test_tied_extremes_move_together_and_count_as_two(self):
        x = np.r_[np.arange(1.0, 21), 1000, 1000]
        out, mask, detail = treat_indicator(x)
        np.testing.assert_array_equal(out, np.r_[np.arange(1.0, 21), 20, 20])
        assert mask[-2:].all() and mask.sum() == 2 and detail.points == 2

    def test_points_already_moved_move_again_with_the_next(self):
        """1, 2, 4, …, 2¹⁹: step 1 sets 2¹⁹ to 2¹⁸; step 2 moves both (tied) to 2¹⁷: 2 points.

        After step 2 the values are 2⁰…2¹⁷ and 2¹⁷ twice more: skewness 1.76 < 2, it passes.
        """
        x = 2.0 ** np.arange(20)
        out, _, detail = treat_indicator(x)
        np.testing.assert_array_equal(out, np.r_[2.0 ** np.arange(18), 2.0**17, 2.0**17])
        assert excel_skew(list(out)) < 2
        assert detail.points == 2

    def test_log_fallback_on_the_original_values_when_five_points_are_not_enough(self):
        """94 ordinary values and six at 1000–1005: five steps leave six tied outliers.

        So winsorising is dropped and the original x becomes ln(x − 1 + 0.01·(1005 − 1)).
        """
        x = np.r_[np.arange(1.0, 95), np.arange(1000.0, 1006)]
        out, mask, detail = treat_indicator(x)
        np.testing.assert_allclose(out, np.log(x - 1 + 0.01 * 1004), rtol=1e-15)
        assert mask.all() and detail.kind == "log" and detail.points == 5
        assert detail.log_shift == pytest.approx(1 - 10.04)

    def test_no_spread_left_after_winsorising_leaves_it_untreated(self):
        """Twenty zeros and 100: one step makes every value 0, the screen is undefined, and
        COINr then returns the indicator as it was (its loop stops on an NA)."""
        x = np.r_[np.zeros(20), 100]
        out, mask, detail = treat_indicator(x)
        np.testing.assert_array_equal(out, x)
        assert not mask.any() and detail.kind == "untreatable"

    def test_columns_are_treated_independently(self):
        x = np.column_stack([np.r_[np.arange(1.0, 11), 1000], np.arange(11.0)])
        treated = treat_outliers(x)
        assert treated.values[-1, 0] == 10 and treated.values[-1, 1] == 10
        assert [d.kind for d in treated.details] == ["winsorised", "none"]
        out, mask = m.winsorise(x)  # the pipeline's entry point is the same treatment
        np.testing.assert_array_equal(out, treated.values)
        np.testing.assert_array_equal(mask, treated.treated)


class TestReapply:
    """A baseline's log fallback re-applied to new values (scenario floors)."""

    def test_shifted_log_and_floor(self):
        x = np.array([[5.0, 5.0], [0.5, np.nan]])
        out = reapply_log_fallback(x, np.array([1.0, np.nan]))
        assert out[0, 0] == pytest.approx(math.log(4.0))
        assert out[1, 0] < -700  # below the shift: the log of the smallest float, clipped later
        assert out[0, 1] == 5.0 and math.isnan(out[1, 1])


class TestPipeline:
    """``--outliers winsorise`` records what it did beside the goalposts."""

    def test_reference_has_no_treatment_columns(self, mini_dir):
        assert "treatment" not in score(load(mini_dir)).goalposts

    def test_winsorise_records_the_treatment(self, mini_dir):
        result = score(load(mini_dir), ScoringSpec(outliers="winsorise"))
        goalposts = result.goalposts
        assert set(goalposts["treatment"]) <= {"none", "untreatable"}  # four countries: tame
        assert isinstance(goalposts, pd.DataFrame) and not result.treated.to_numpy().any()


class TestProperties:
    """What holds for any indicator (hypothesis)."""

    @given(arrays(np.float64, st.integers(4, 60),
                  elements=st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)))
    def test_order_kept_and_rule_followed(self, x):
        out, mask, detail = treat_indicator(x)
        order = np.argsort(x, kind="stable")
        assert (np.diff(out[order]) >= -1e-12 * np.maximum(1, np.abs(out[order][1:]))).all()
        if detail.kind == "winsorised":
            assert passes_screen(out) is True
            assert out.min() >= x.min() and out.max() <= x.max()
            assert set(out[mask]) <= set(x[~mask])  # moved to values that are in the data
        elif detail.kind == "log":
            assert mask.all() and detail.points >= 5
        else:
            np.testing.assert_array_equal(out, x)
            assert not mask.any()


class TestTreatedColumnsKept:
    """Each column's treatment is computed once and kept; nothing kept can be written or go
    stale."""

    def test_writing_a_result_does_not_change_the_next(self) -> None:
        x = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 6.0], [4.0, 7.0], [5.0, 8.0], [100.0, 9.0],
                      [np.nan, 10.0]])
        first = treat_outliers(x)
        expected = first.values.copy()
        first.values[:] = -1.0
        first.treated[:] = True
        again = treat_outliers(x)
        np.testing.assert_array_equal(again.values, expected)
        assert again.treated.sum() == first_treated_count(x)

    def test_kept_arrays_are_read_only(self) -> None:
        from indicators.treat import _treated_column

        values, mask, _ = _treated_column(np.array([1.0, 2.0, 3.0, 4.0, 50.0, 1.5]), 5)
        with pytest.raises(ValueError):
            values[0] = 0.0
        with pytest.raises(ValueError):
            mask[0] = True

    def test_another_column_is_treated_anew(self) -> None:
        # the same values but one: the outlier at 100 is winsorised, the column without it is not
        with_outlier = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 100.0])
        without = with_outlier.copy()
        without[-1] = 10.0
        assert treat_indicator(with_outlier)[2].kind != "none"
        assert treat_outliers(with_outlier[:, None]).treated.any()
        assert not treat_outliers(without[:, None]).treated.any()


def first_treated_count(x: np.ndarray) -> int:
    """Cells the treatment changes, from ``treat_indicator`` column by column (not kept)."""
    return int(sum(treat_indicator(x[:, j].copy())[1].sum() for j in range(x.shape[1])))
