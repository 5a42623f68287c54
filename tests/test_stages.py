"""The shared scoring stages: hand-computed cases, and batched calls equal to one call per slice.

A batch puts runs or severities in a leading axis; every stage must give each slice exactly what
the plain call on that slice gives (hypothesis draws the slices, gaps included).
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as hs
from hypothesis.extra.numpy import arrays

from indicators import stages
from indicators.registry import AGGREGATORS, NORMALISERS, TREATMENTS

#: Values to 1e4 and missing; none so tiny that a variance underflows to 0 (an edge where the
#: winsorising treatment warns, which is not what these tests are about).
values = hs.just(0.0) | hs.floats(min_value=1e-6, max_value=1e4) | hs.just(np.nan)
scores = hs.floats(min_value=0, max_value=100) | hs.just(np.nan)


def stacks(elements=values):
    """Draw (slices, countries, indicators) arrays with some missing cells."""
    shapes = hs.tuples(hs.integers(1, 4), hs.integers(2, 7), hs.integers(1, 5))
    return shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=elements))


class TestHandComputed:
    def test_select_takes_the_latest_observation_in_the_window(self):
        from indicators.bundle import ObservationArrays

        # indicators table: 0 = a, 1 = b, 2 = c (not asked for); 2 countries; year 2024, window 2
        obs = ObservationArrays(
            country=np.array([0, 0, 0, 1, 1, 1]), indicator=np.array([0, 0, 1, 0, 1, 2]),
            year=np.array([2023, 2024, 2021, 2022, 2025, 2024]),
            value=np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
            source=np.array(["s1", "s2", "s3", "s4", "s5", "s6"], dtype=object))
        picked = stages.select(obs, 2, np.array([1, 0]), 2024, 2)  # columns b, a
        # b: country 0's 2021 is before 2022 and country 1's 2025 after 2024: both missing;
        # a: country 0 keeps 2024 over 2023, country 1 its 2022
        np.testing.assert_array_equal(picked.value, [[np.nan, 2.0], [np.nan, 4.0]])
        np.testing.assert_array_equal(picked.year, [[np.nan, 2024], [np.nan, 2022]])
        assert picked.source.tolist() == [["", "s2"], ["", "s4"]]

    def test_denominate_divides_only_where_asked_and_by_a_positive_divisor(self):
        x = np.array([[10.0, 10.0], [10.0, 10.0], [10.0, np.nan]])
        divisor = np.array([[4.0, 4.0], [0.0, -1.0], [np.nan, 2.0]])
        out = stages.denominate(x, divisor, np.array([True, False]))
        np.testing.assert_array_equal(out, [[2.5, 10.0], [np.nan, 10.0], [np.nan, np.nan]])

    def test_impute_fills_the_group_mean_and_flags_it(self):
        x = np.array([[1.0, np.nan], [3.0, np.nan], [np.nan, 5.0], [np.nan, np.nan]])
        groups = np.array(["a", "a", "a", ""], dtype=object)
        out, imputed = stages.impute(x, groups)
        # group a: mean of 1 and 3 is 2; the second indicator's only value is 5
        np.testing.assert_array_equal(out, [[1, 5], [3, 5], [2, 5], [np.nan, np.nan]])
        np.testing.assert_array_equal(imputed, [[0, 1], [0, 1], [1, 0], [0, 0]])

    def test_impute_leaves_a_group_without_values_missing(self):
        out, imputed = stages.impute(np.array([[np.nan], [np.nan]]), np.array(["a", "a"]))
        assert np.isnan(out).all() and not imputed.any()

    def test_transform_logs_only_log_indicators_with_the_median_of_positives(self):
        x = np.array([[0.0, 5.0], [10.0, 6.0], [30.0, 7.0], [90.0, 8.0]])
        out, scale = stages.transform(x, np.array([True, False]))
        assert scale[0] == 30.0 and np.isnan(scale[1])  # median of 10, 30, 90
        np.testing.assert_allclose(out[:, 0], np.log10(1 + x[:, 0] / 30.0), rtol=1e-15)
        np.testing.assert_array_equal(out[:, 1], x[:, 1])

    def test_hold_treatment_keeps_the_baseline_caps(self):
        untreated = np.array([[100.0], [1.0], [5.0]])
        cap = np.array([[50.0], [3.0], [5.0]])  # row 0 clipped down, row 1 clipped up
        treated = np.array([[True], [True], [False]])
        x = np.array([[80.0], [0.5], [4.0]])
        np.testing.assert_array_equal(stages.hold_treatment(x, cap, untreated, treated),
                                      [[50.0], [3.0], [4.0]])
        x = np.array([[20.0], [9.0], [4.0]])  # below a down-cap and above an up-cap: kept
        np.testing.assert_array_equal(stages.hold_treatment(x, cap, untreated, treated), x)

    def test_rank_ties_share_the_best_rank_and_missing_is_unranked(self):
        np.testing.assert_array_equal(stages.rank(np.array([50.0, 70.0, 50.0, np.nan, 10.0])),
                                      [2, 1, 2, np.nan, 4])

    def test_rank_of_nothing_is_nothing(self):
        assert stages.rank(np.zeros(0)).shape == (0,)

    def test_aggregate_drops_a_group_below_coverage(self):
        s = np.array([[80.0, np.nan, 20.0, 40.0]])
        members = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])
        out = stages.aggregate(s, members, np.array([1.0, 1.0, 1.0, 3.0]), 0.75, "arithmetic")
        # group 0 has 1 of 2 members (< 75 %): missing; group 1: (20 + 3·40) / 4 = 35
        np.testing.assert_array_equal(out, [[np.nan, 35.0]])
        geometric = stages.aggregate(s, members, np.array([1.0, 1.0, 1.0, 3.0]), 0.5,
                                     "geometric")
        np.testing.assert_allclose(geometric, [[80.0, (20 * 40**3) ** 0.25]], rtol=1e-14)


class TestBatchedEqualsPlain:
    """Each slice of a batched call equals the plain call on that slice, bit for bit."""

    @settings(max_examples=60)
    @given(stacks(), hs.data())
    def test_transform(self, x, data):
        is_log = np.array(data.draw(hs.lists(hs.booleans(), min_size=x.shape[2],
                                              max_size=x.shape[2])))
        batched, batched_scale = stages.transform(x, is_log)
        fixed = np.where(is_log, 7.5, np.nan)
        batched_fixed, _ = stages.transform(x, is_log, fixed)
        for s in range(x.shape[0]):
            plain, plain_scale = stages.transform(x[s], is_log)
            np.testing.assert_array_equal(batched[s], plain)
            np.testing.assert_array_equal(batched_scale[s], plain_scale)
            np.testing.assert_array_equal(batched_fixed[s], stages.transform(x[s], is_log,
                                                                               fixed)[0])

    @settings(max_examples=60)
    @given(stacks(), hs.data())
    def test_impute(self, x, data):
        groups = np.array(data.draw(hs.lists(hs.sampled_from(["", "a", "b"]),
                                             min_size=x.shape[1], max_size=x.shape[1])),
                          dtype=object)
        batched, batched_mask = stages.impute(x, groups)
        for s in range(x.shape[0]):
            plain, mask = stages.impute(x[s], groups)
            np.testing.assert_array_equal(batched[s], plain)
            np.testing.assert_array_equal(batched_mask[s], mask)

    @settings(max_examples=60)
    @given(stacks(), hs.sampled_from(sorted(NORMALISERS)), hs.data())
    def test_normalise(self, x, method, data):
        direction = np.array(data.draw(hs.lists(hs.sampled_from([1.0, -1.0]),
                                                min_size=x.shape[2], max_size=x.shape[2])))
        low, high = stages.bounds(x)
        batched = stages.normalise(x, method, low, high, direction)
        for s in range(x.shape[0]):
            plain = stages.normalise(x[s], method, *stages.bounds(x[s]), direction)
            np.testing.assert_array_equal(batched[s], plain)

    @settings(max_examples=60)
    @given(stacks(scores), hs.sampled_from(sorted(AGGREGATORS)), hs.data())
    def test_aggregate(self, s, method, data):
        n_members = s.shape[2]
        pillar = data.draw(hs.lists(hs.integers(0, 1), min_size=n_members, max_size=n_members))
        members = np.eye(2)[pillar]
        weights = data.draw(arrays(np.float64, (s.shape[0], n_members),
                                   elements=hs.floats(0.1, 5)))
        batched = stages.aggregate(s, members, weights, 0.5, method)
        overall = stages.aggregate_overall(batched, np.array([1.0, 2.0]), method)
        shared = stages.aggregate(s, members, weights[0], 0.5, method)  # as severities share
        for r in range(s.shape[0]):
            plain = stages.aggregate(s[r], members, weights[r], 0.5, method)
            np.testing.assert_array_equal(batched[r], plain)
            np.testing.assert_array_equal(overall[r], stages.aggregate_overall(
                plain, np.array([1.0, 2.0]), method))
            np.testing.assert_array_equal(shared[r], stages.aggregate(s[r], members, weights[0],
                                                                      0.5, method))

    @settings(max_examples=60)
    @given(arrays(np.float64, (6, 5), elements=scores),
           hs.sampled_from(sorted(n for n, a in AGGREGATORS.items() if a.outrank is None)),
           arrays(np.float64, (4, 5), elements=hs.floats(0.1, 5)))
    def test_aggregate_runs(self, s, method, weights):
        """Many weight vectors at once equal one aggregate per vector (to rounding: the sums
        are one matrix product instead of one per run)."""
        members = np.eye(2)[[0, 0, 1, 1, 1]]
        batched = stages.aggregate_runs(s, members, weights, 0.5, method)
        pillar_weights = weights[:, :2]
        overall = stages.aggregate_overall_runs(batched, pillar_weights, method)
        for r in range(len(weights)):
            plain = stages.aggregate(s, members, weights[r], 0.5, method)
            np.testing.assert_allclose(batched[r], plain, rtol=1e-12, atol=1e-12,
                                       equal_nan=True)
            np.testing.assert_allclose(
                overall[r], stages.aggregate_overall(plain, pillar_weights[r], method),
                rtol=1e-12, atol=1e-12, equal_nan=True)

    @settings(max_examples=100)
    @given(arrays(np.float64, hs.tuples(hs.integers(1, 5), hs.integers(1, 9)),
                  elements=hs.sampled_from([np.nan, 0.0, 1.0, 2.5, 7.0, -3.0])),
           hs.integers(1, 4))
    def test_rank(self, s, chunk):
        """Chunked ranks of a stack equal each row's own, and count the strictly higher."""
        batched = stages.rank(s, chunk)
        for r in range(s.shape[0]):
            np.testing.assert_array_equal(batched[r], stages.rank(s[r]))
            higher = (s[r][None, :] > s[r][:, None]).sum(axis=-1)
            np.testing.assert_array_equal(batched[r],
                                          np.where(np.isnan(s[r]), np.nan, 1.0 + higher))

    @settings(max_examples=40)
    @given(stacks(), hs.data())
    def test_hold_treatment(self, x, data):
        base = x[0]
        cap, treated = TREATMENTS["winsorise"].treat(base)
        batched = stages.hold_treatment(x, cap, base, treated)
        for s in range(x.shape[0]):
            np.testing.assert_array_equal(batched[s],
                                          stages.hold_treatment(x[s], cap, base, treated))


@settings(max_examples=60)
@given(arrays(np.float64, hs.tuples(hs.integers(1, 8), hs.integers(1, 4)),
              elements=hs.sampled_from([np.nan, 0.0, 1.0, 2.5, 7.0, 100.0])))
def test_column_ranks_are_pandas_min_ranks(x):
    """Pillar and indicator ranks (one ranking code for all) equal pandas' method="min"."""
    import pandas as pd

    from indicators.result import rank_columns

    frame = pd.DataFrame(x)
    expected = frame.rank(ascending=False, method="min").astype("Int64")
    pd.testing.assert_frame_equal(rank_columns(frame), expected)
