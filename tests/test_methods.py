"""Properties of normalisation and aggregation, checked on generated data (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from indicators import methods as m
from indicators import stages

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


def matrix(elements=finite, min_side=2, max_side=8):
    shapes = st.tuples(st.integers(min_side, max_side), st.integers(1, 4))
    return shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=elements))


def with_missing(x: np.ndarray, data) -> np.ndarray:
    mask = data.draw(arrays(bool, x.shape))
    return np.where(mask, np.nan, x)


class TestMinMax:
    """Min-max normalisation."""

    @given(matrix())
    def test_bounds(self, x):
        """Scores lie in [0, 100], and each non-constant column reaches both ends."""
        low, high = m.column_bounds(x)
        n = m.normalise_minmax(x, low, high, np.ones((1, x.shape[1])))
        valid = n[~np.isnan(n)]
        assert ((valid >= 0) & (valid <= 100)).all()
        for j in range(x.shape[1]):
            if np.ptp(x[:, j]) > 0:
                assert np.nanmin(n[:, j]) == 0 and np.nanmax(n[:, j]) == 100
            else:
                assert np.isnan(n[:, j]).all()  # constant: no information

    @given(matrix())
    def test_direction_flip(self, x):
        """Direction −1 gives 100 minus the direction-1 score."""
        low, high = m.column_bounds(x)
        ones = np.ones((1, x.shape[1]))
        up = m.normalise_minmax(x, low, high, ones)
        down = m.normalise_minmax(x, low, high, -ones)
        np.testing.assert_allclose(down, 100 - up)

    @given(matrix(), st.floats(0.01, 1e3), finite)
    def test_invariant_to_affine_rescaling(self, x, a, b):
        """Changing units (x -> a·x + b, a > 0) leaves the scores unchanged."""
        y = a * x + b
        assume(all(np.ptp(y[:, j]) > 1e-6 * (1 + abs(y[:, j]).max()) or np.ptp(x[:, j]) == 0
                   for j in range(x.shape[1])))
        ones = np.ones((1, x.shape[1]))
        nx = m.normalise_minmax(x, *m.column_bounds(x), ones)
        ny = m.normalise_minmax(y, *m.column_bounds(y), ones)
        np.testing.assert_allclose(nx, ny, atol=1e-6)


class TestRankAndZ:
    """Percentile-rank and z-score normalisation keep the order of countries."""

    @given(matrix(st.integers(-50, 50).map(float), min_side=3))
    def test_rank_bounds_and_order(self, x):
        r = m.normalise_rank(x, np.ones((1, x.shape[1])))
        for j in range(x.shape[1]):
            if np.ptp(x[:, j]) == 0:
                continue
            col = r[:, j]
            assert col.min() >= 0 and col.max() <= 100
            if len(np.unique(x[:, j])) == len(x):  # no ties: the ends are reached
                assert col.min() == 0 and col.max() == 100
            order = np.argsort(x[:, j])
            assert (np.diff(col[order]) >= -1e-9).all()

    @given(matrix(min_side=3))
    def test_zscore_order(self, x):
        z = m.normalise_zscore(x, np.ones((1, x.shape[1])))
        for j in range(x.shape[1]):
            if np.isnan(z[:, j]).all():
                continue
            order = np.argsort(x[:, j], kind="stable")
            assert (np.diff(z[order, j]) >= -1e-9).all()


class TestDistanceToMax:
    """COINr's n_dist2max, 1 − (max − x)/(max − min) of x·direction, on a 0–100 scale."""

    def test_hand_computed(self):
        x = np.array([[2.0], [4.0], [10.0], [np.nan]])
        low, high = m.column_bounds(x)
        # min 2, max 10: 1 − (10 − 4)/8 = 0.25
        np.testing.assert_array_equal(m.normalise_dist2max(x, low, high, np.ones(1)),
                                      [[0.0], [25.0], [100.0], [np.nan]])
        # lower is better: x′ = −x, best −2, worst −10; for 4: 1 − (−2 + 4)/8 = 0.75
        np.testing.assert_array_equal(m.normalise_dist2max(x, low, high, -np.ones(1)),
                                      [[100.0], [75.0], [0.0], [np.nan]])

    def test_no_range_is_missing(self):
        x = np.array([[3.0], [3.0], [np.nan]])
        assert np.isnan(m.normalise_dist2max(x, *m.column_bounds(x), np.ones(1))).all()

    @given(matrix(), st.sampled_from([1.0, -1.0]))
    def test_equals_minmax_on_the_observed_range(self, x, sign):
        """1 − (max − x)/(max − min) = (x − min)/(max − min): the same scores, to rounding."""
        direction = np.full(x.shape[1], sign)
        low, high = m.column_bounds(x)
        np.testing.assert_allclose(m.normalise_dist2max(x, low, high, direction),
                                   m.normalise_minmax(x, low, high, direction),
                                   rtol=0, atol=1e-9, equal_nan=True)


    def test_ranks_the_shipped_data_as_minmax_does(self):
        """On the frozen copy of data/, both views: the same overall scores (to rounding) and
        the same ranks (USA first by scale)."""
        from pathlib import Path

        from indicators import ScoringSpec, load, score

        bundle = load(Path(__file__).parent / "fixtures" / "golden" / "data")
        for view in ("scale", "intensity"):
            minmax = score(bundle, ScoringSpec(view=view))
            dist = score(bundle, ScoringSpec(view=view, normalisation="dist2max"))
            np.testing.assert_allclose(dist.overall, minmax.overall, rtol=0, atol=1e-9)
            assert dist.rank.equals(minmax.rank)
            if view == "scale":
                assert dist.table()["iso3"].iloc[0] == "USA"


class TestAggregation:
    """Weighted means with missing values and coverage rules."""

    @settings(max_examples=60)
    @given(st.data())
    def test_bounds_and_scale_invariance(self, data):
        """The mean lies between the members' min and max, whatever the weights' scale."""
        s = data.draw(matrix(scores))
        s = with_missing(s, data)
        weights = data.draw(arrays(np.float64, s.shape[1], elements=st.floats(0.1, 10)))
        k = data.draw(st.floats(0.01, 100))
        membership = np.ones((s.shape[1], 1))
        a = m.weighted_mean(s, membership, weights, 1e-9)
        b = m.weighted_mean(s, membership, weights * k, 1e-9)
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9, equal_nan=True)  # subnormals
        for i in range(s.shape[0]):
            row = s[i][~np.isnan(s[i])]
            if row.size:
                assert row.min() - 1e-9 <= a[i, 0] <= row.max() + 1e-9
            else:
                assert np.isnan(a[i, 0])

    @given(st.data())
    def test_missing_drops_out_with_its_weight(self, data):
        """A missing member gives the same mean as removing it and its weight."""
        s = data.draw(matrix(scores, min_side=1))
        assume(s.shape[1] >= 2)
        weights = data.draw(arrays(np.float64, s.shape[1], elements=st.floats(0.1, 10)))
        holed = s.copy()
        holed[:, 0] = np.nan
        membership = np.ones((s.shape[1], 1))
        with_hole = m.weighted_mean(holed, membership, weights, 1e-9)
        without = m.weighted_mean(s[:, 1:], membership[1:], weights[1:], 1e-9)
        np.testing.assert_allclose(with_hole, without, rtol=1e-9)

    def test_coverage_threshold(self):
        """Fewer than half the members available -> missing; exactly half -> scored."""
        s = np.array([[10.0, np.nan, np.nan, np.nan], [10.0, 20.0, np.nan, np.nan]])
        out = m.weighted_mean(s, np.ones((4, 1)), np.ones(4), 0.5)
        assert np.isnan(out[0, 0]) and out[1, 0] == 15

    @given(st.data())
    def test_geometric_not_above_arithmetic(self, data):
        """AM–GM: the geometric mean of scores ≥ 1 never exceeds the arithmetic mean."""
        s = data.draw(matrix(st.floats(1, 100)))
        weights = data.draw(arrays(np.float64, s.shape[1], elements=st.floats(0.1, 10)))
        ones = np.ones((s.shape[1], 1))
        arith = m.weighted_mean(s, ones, weights, 0.5)
        geo = m.weighted_mean(s, ones, weights, 0.5, geometric=True)
        assert (geo <= arith + 1e-9).all()


class TestRanks:
    """Ranks: 1 is best, ties share the lowest rank, missing is unranked."""

    def test_ties_share_lowest_rank(self):
        ranks = stages.rank(np.array([50.0, 70.0, 50.0, np.nan, 10.0]))
        np.testing.assert_array_equal(ranks, [2, 1, 2, np.nan, 4])

    @given(arrays(np.float64, st.integers(1, 30), elements=scores))
    def test_rank_matches_pandas_min_method(self, x):
        import pandas as pd

        expected = pd.Series(x).rank(ascending=False, method="min").to_numpy()
        np.testing.assert_array_equal(stages.rank(x), expected)


class TestTransforms:
    """The log transform and outlier treatment."""

    def test_log_scale_is_median_of_positives(self):
        x = np.array([[0.0], [10.0], [30.0], [90.0], [np.nan]])
        assert m.log_scales(x)[0, 0] == 30
        np.testing.assert_allclose(m.log_transform(x, m.log_scales(x))[:4, 0],
                                   np.log10([1, 1 + 1 / 3, 2, 4]))

    def test_log_min_maps_the_smallest_positive_value_to_one_decade(self):
        # log_min: scale = smallest positive / 9, so 0 → 0, 2 → log10(1 + 9) = 1,
        # 20 → log10(1 + 90), 200 → log10(1 + 900); the median-scaled log indicator beside it
        # (median of positives 20) is unchanged
        x = np.array([[0.0, 0.0], [2.0, 2.0], [20.0, 20.0], [200.0, 200.0], [np.nan, 1.0]])
        x[4, 1] = np.nan
        is_log = np.array([True, True])
        out, scale = stages.transform(x, is_log, is_log_min=np.array([True, False]))
        assert scale[0] == pytest.approx(2 / 9) and scale[1] == 20
        np.testing.assert_allclose(out[:4, 0], [0.0, 1.0, np.log10(91), np.log10(901)])
        np.testing.assert_allclose(out[:4, 1], np.log10([1, 1.1, 2, 11]))
        assert np.isnan(out[4, 0])

    @given(arrays(np.float64, st.integers(2, 20), elements=st.floats(0, 1e9)))
    def test_log_keeps_order(self, v):
        x = v.reshape(-1, 1)
        t = m.log_transform(x, m.log_scales(x))
        order = np.argsort(v, kind="stable")
        assert (np.diff(t[order, 0]) >= 0).all()

    def test_winsorise_clips_a_lone_outlier(self):
        column = np.array([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1000]).reshape(-1, 1)
        out, treated = m.winsorise(column)
        assert out[-1, 0] == 10 and treated[-1, 0]  # set to the next value in
        assert treated.sum() == 1

    def test_winsorise_leaves_symmetric_data(self):
        column = np.arange(20, dtype=float).reshape(-1, 1)
        out, treated = m.winsorise(column)
        assert not treated.any() and (out == column).all()
