"""New methods through the registry: fraction of max, distance to a target, Borda, harmonic
mean, per-indicator normalisation and the method comparison — by hand and as properties."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.stats import rankdata

from indicators import ScoringSpec, load, score, stages
from indicators import methods as m
from indicators.audit import compare_specs, comparison_summary
from indicators.scenarios.scoring import ScenarioError, floor_scores

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
UP, DOWN = np.array([1.0]), np.array([-1.0])
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def column(*v: float) -> np.ndarray:
    return np.array(v, dtype=float).reshape(-1, 1)


def bounds(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return m.column_bounds(x)


@pytest.fixture(scope="module")
def mini():
    return load(MINI)


class TestFractionOfMax:
    """100·x/max, flipped for lower-is-better, clipped to [0, 100]."""

    def test_by_hand(self):
        x = column(0, 2, 5, 10)
        np.testing.assert_allclose(m.normalise_fracmax(x, *bounds(x), UP).ravel(),
                                   [0, 20, 50, 100])
        np.testing.assert_allclose(m.normalise_fracmax(x, *bounds(x), DOWN).ravel(),
                                   [100, 80, 50, 0])

    def test_negative_values_score_zero_and_no_positive_maximum_has_no_scale(self):
        x = column(-5, 5, 10)
        assert m.normalise_fracmax(x, *bounds(x), UP).ravel().tolist() == [0, 50, 100]
        y = column(-5, -1, 0)
        assert np.isnan(m.normalise_fracmax(y, *bounds(y), UP)).all()

    @given(arrays(np.float64, st.integers(2, 30), elements=values))
    def test_bounds_and_direction_flip(self, v):
        x = v.reshape(-1, 1)
        up = m.normalise_fracmax(x, *bounds(x), UP)
        down = m.normalise_fracmax(x, *bounds(x), DOWN)
        finite = ~np.isnan(up)
        assert ((up[finite] >= 0) & (up[finite] <= 100)).all()
        np.testing.assert_allclose(down[finite], 100 - up[finite])


class TestBorda:
    """The count of countries strictly outscored; ties share it."""

    def test_by_hand_with_a_tie_and_a_gap(self):
        x = column(3, 1, 3, np.nan, 7)
        assert m.normalise_borda(x, UP).ravel()[[0, 1, 2, 4]].tolist() == [1, 0, 1, 3]
        assert m.normalise_borda(x, DOWN).ravel()[[0, 1, 2, 4]].tolist() == [1, 3, 1, 0]
        assert np.isnan(m.normalise_borda(x, UP)[3, 0])
        assert np.isnan(m.normalise_borda(column(2, 2, 2), UP)).all()

    @given(st.lists(values, min_size=2, max_size=30, unique=True))
    def test_bounds_and_direction_flip(self, v):
        x = column(*v)
        up, down = m.normalise_borda(x, UP), m.normalise_borda(x, DOWN)
        n = len(v)
        assert ((up >= 0) & (up <= n - 1)).all()
        np.testing.assert_array_equal(up + down, n - 1)  # without ties: a or b wins each pair
        assert sorted(up.ravel().tolist()) == list(range(n))


class TestDistanceToTarget:
    """100·(x − worst)/(target − worst), capped at 100; the target sets one bound only."""

    def test_targets_on_the_mini_data(self, mini):
        spec = ScoringSpec(normalisation="dist2targ", targets={"d1": 40, "c2": 2})
        result = score(mini, spec)
        # d1 10, 20, 30, 50; worst 10, target 40: 0, 10/30, 20/30, 40/30 → capped at 100
        np.testing.assert_allclose(result.normalised["d1"], [0, 100 / 3, 200 / 3, 100])
        # c2 1, 2, 3, 5, lower is better; worst 5, target 2: (5 − x)/3, A beyond → 100
        np.testing.assert_allclose(result.normalised["c2"], [100, 100, 200 / 3, 0])
        assert result.goalposts.at["d1", "low"] == 10 and result.goalposts.at["d1", "high"] == 40
        reference = score(mini)
        np.testing.assert_allclose(result.normalised["d2"], reference.normalised["d2"])

    def test_without_targets_it_is_min_max(self, mini):
        np.testing.assert_allclose(score(mini, ScoringSpec(normalisation="dist2targ")).normalised,
                                   score(mini).normalised)

    @given(arrays(np.float64, st.integers(2, 30), elements=values), values)
    def test_bounds_and_direction_flip(self, v, target):
        """Lower is better with target t is the same as higher is better on −x with −t."""
        x = v.reshape(-1, 1)
        _, high = bounds(x)
        assume(high[0, 0] - target > 1e-6)
        t = np.array([[target]])
        down = m.normalise_minmax(x, t, high, DOWN)
        mirrored = m.normalise_minmax(-x, -high, -t, UP)
        finite = ~np.isnan(down)
        assert ((down[finite] >= 0) & (down[finite] <= 100)).all()
        np.testing.assert_allclose(down, mirrored, atol=1e-9)


class TestHarmonic:
    """The weighted harmonic mean, scores floored at 1 like the geometric mean's."""

    def test_data_pillar_by_hand(self, mini):
        pillars = score(mini, ScoringSpec(aggregation="harmonic")).pillars
        # B: d1 25 (weight 1), d2 50 (weight 2): 3 / (1/25 + 2/50) = 37.5; A: 0 and 0 → 1
        assert pillars.at["BBB", "data"] == pytest.approx(37.5)
        assert pillars.at["AAA", "data"] == pytest.approx(1.0)

    @given(arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)),
                  elements=st.floats(1, 100)),
           st.lists(st.floats(0.1, 5), min_size=5, max_size=5))
    def test_harmonic_below_geometric_below_arithmetic(self, scores, w):
        weights = np.array(w[: scores.shape[1]])
        members = np.ones((scores.shape[1], 1))
        h, g, a = (stages.aggregate(scores, members, weights, 0.5, method)
                   for method in ("harmonic", "geometric", "arithmetic"))
        assert (h <= g + 1e-9).all() and (g <= a + 1e-9).all()


class TestPerIndicatorNormalisation:
    """An indicator's own normalisation overrides the spec's, for that indicator only."""

    def test_one_indicator_by_rank(self, mini):
        mixed = score(mini, ScoringSpec(indicator_normalisation={"d1": "rank"}))
        by_rank, reference = score(mini, ScoringSpec(normalisation="rank")), score(mini)
        np.testing.assert_allclose(mixed.normalised["d1"], by_rank.normalised["d1"])
        others = [c for c in reference.normalised.columns if c != "d1"]
        np.testing.assert_allclose(mixed.normalised[others], reference.normalised[others])

    def test_scenario_floors_need_bounds_for_every_indicator(self, mini):
        baseline = score(mini, ScoringSpec(indicator_normalisation={"d1": "borda"}))
        with pytest.raises(ScenarioError, match="'borda' has no fixed goalposts"):
            floor_scores(baseline, baseline.denominated.to_numpy(float))
        bounded = score(mini, ScoringSpec(indicator_normalisation={"d1": "fracmax"}))
        floors = floor_scores(bounded, bounded.denominated.to_numpy(float))
        np.testing.assert_allclose(floors.overall, bounded.overall, equal_nan=True)


class TestCompare:
    """Rank changes between two specs, as COINr's compare_coins."""

    def test_identical_specs_change_nothing(self, mini):
        table = compare_specs(mini, ScoringSpec(), ScoringSpec())
        assert (table["diff"].dropna() == 0).all() and (table["abs_diff"].dropna() == 0).all()
        assert comparison_summary(table) == {"compared": 3, "moved": 0, "mean_abs_diff": 0.0,
                                             "max_abs_diff": 0}

    def test_a_pillar_weight_that_reorders(self, mini):
        """Only industry counts (weights 0.001 elsewhere): industry 50, 25, 75 for A, B, C,
        so C, A, B; the reference ranks A 3rd (overall 25) and C 1st (200/3)."""
        heavy = ScoringSpec(pillar_weights={"data": 0.001, "compute": 0.001, "models": 0.001})
        table = compare_specs(mini, ScoringSpec(), heavy).set_index("iso3")
        assert table.at["CCC", "rank_b"] == 1 and table.at["AAA", "rank_b"] == 2
        assert table.at["AAA", "rank_a"] == 3 and table.at["AAA", "diff"] == 3 - 2
        assert table.at["BBB", "rank_b"] == 3
        assert table["abs_diff"].iloc[0] >= table["abs_diff"].iloc[-2]  # largest first
        assert table.loc["DDD", ["rank_a", "rank_b"]].isna().all()

    def test_by_pillar_and_a_clear_error(self, mini):
        table = compare_specs(mini, ScoringSpec(), ScoringSpec(), of="data")
        assert len(table.dropna(subset=["diff"])) == 4
        with pytest.raises(ValueError, match="expected 'overall' or one of data"):
            compare_specs(mini, ScoringSpec(), ScoringSpec(), of="nope")


class TestCopeland:
    """Pairwise outranking: wins minus losses, by the weight of the indicators both have."""

    def test_mini_pillars_and_overall_by_hand(self, mini):
        result = score(mini, ScoringSpec(aggregation="copeland"))
        p = result.pillars
        # data, weights d1 = 1, d2 = 2: every pair is decided by d2's larger weight except
        # where both agree; B beats D (d2 50 > 25 outweighs d1), C beats D likewise
        assert p["data"].tolist() == [-3, 1, 3, -1]
        # models: A has only m1 (half the pillar: scored) and loses on it to everyone
        assert p["models"].tolist() == [-3, -1, 1, 3]
        # compute: c1 and c2 always disagree with equal weights: every pair ties
        assert p["compute"].tolist() == [0, 0, 0, 0]
        # industry: D has neither indicator; A ties B and C (one each), C beats B on both
        assert p["industry"].iloc[:3].tolist() == [0, -1, 1]
        assert np.isnan(p.at["DDD", "industry"])
        # overall over A, B, C (D has no industry): B beats A 2.5 weights to 1.5, C beats both
        assert result.overall.iloc[:3].tolist() == [-2, 0, 2]
        assert result.rank.iloc[:3].tolist() == [3, 2, 1]

    @given(arrays(np.float64, st.tuples(st.integers(2, 8), st.integers(1, 4)),
                  elements=st.floats(-100, 100)),
           st.lists(st.floats(0.1, 5), min_size=4, max_size=4))
    # Found by hypothesis: wins 0.1 = losses 0.1 with a tie of 1.0 rounds to a share just below
    # one half, which made both countries lose.
    @example(np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]), [0.1, 1.0, 0.1, 1.0])
    def test_order_only_and_zero_sum(self, x, w):
        """Only the order of countries on each indicator matters, and wins cancel losses."""
        weights = np.array(w[: x.shape[1]])
        members = np.ones((x.shape[1], 1))
        scores = m.copeland(x, members, weights, 0.5)
        ranks = rankdata(x, method="min", axis=0)  # the same order, ties kept
        np.testing.assert_array_equal(scores, m.copeland(ranks, members, weights, 0.5))
        assert scores.sum() == 0
        assert (np.abs(scores) <= x.shape[0] - 1).all()

    def test_not_batched_over_weight_runs(self):
        with pytest.raises(ValueError, match="'copeland' compares countries pairwise"):
            stages.aggregate_runs(np.ones((3, 2)), np.ones((2, 1)), np.ones((4, 2)), 0.5,
                                  "copeland")

    def test_monte_carlo_refuses_it_with_a_sentence(self, mini, capsys):
        from dashboard.views.intervals import rank_interval_frame
        from indicators.cli import main

        code = main(["robustness", "--data-dir", str(MINI), "--aggregation", "copeland",
                     "--runs", "10"])
        assert code == 2
        assert "--aggregation copeland cannot be analysed: expected arithmetic or geometric" \
            in capsys.readouterr().err
        assert rank_interval_frame(mini, ScoringSpec(aggregation="harmonic")) is None


class TestCommandLine:
    """`sovai score --normalise CODE=METHOD --target CODE=VALUE`."""

    def test_per_indicator_choices_by_hand(self, capsys):
        import csv
        import io

        from indicators.cli import main

        code = main(["score", "--data-dir", str(MINI), "--normalisation", "dist2targ",
                     "--target", "d1=40", "--normalise", "c2=rank", "--format", "csv"])
        rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
        assert code == 0
        # data = (d1 + 2·d2)/3 with d1 to the target 40 (0, 100/3, 200/3, capped 100) and d2
        # min-max (0, 50, 100, 25): B (100/3 + 100)/3, C (200/3 + 200)/3
        assert float(rows["BBB"]["data"]) == pytest.approx((100 / 3 + 100) / 3, abs=1e-4)
        assert float(rows["CCC"]["data"]) == pytest.approx((200 / 3 + 200) / 3, abs=1e-4)
        # compute = (c1 min-max + c2 by rank, lower is better: A 100, B 200/3, C 100/3)/2
        assert float(rows["CCC"]["compute"]) == pytest.approx((50 + 100 / 3) / 2, abs=1e-4)

    @pytest.mark.parametrize(("args", "message"), [
        (["--normalise", "zz=rank"], "expected CODE=… with CODE a scored indicator"),
        (["--normalise", "d1=foo"], "expected a normalisation, one of minmax"),
        (["--target", "d1=x"], "expected CODE=VALUE with VALUE a number"),
    ])
    def test_wrong_options_say_what_was_expected(self, capsys, args, message):
        from indicators.cli import main

        assert main(["score", "--data-dir", str(MINI), *args]) == 2
        assert message in capsys.readouterr().err
