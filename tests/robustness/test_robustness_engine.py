"""The vectorised engine agrees with the reference pipeline run by run."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from robustness_helpers import float_weights

from indicators import Bundle, methods, score
from indicators.robustness import Assumptions, resolve
from indicators.robustness import engine as e
from indicators.spec import ScoringSpec

REAL_DATA = Path(__file__).resolve().parents[2] / "data"

EVERYTHING = Assumptions(vary=("weights", "normalisation", "aggregation", "imputation", "window",
                               "outliers"), weight_spread=0.5, window_spread=2)


def assert_runs_match_reference(bundle: Bundle, spec: ScoringSpec, runs: int, seed: int) -> None:
    design = resolve(bundle, spec, EVERYTHING)
    unit = np.random.default_rng(seed).random((runs, len(design.factor_groups)))
    sampled = e.draw(design, unit)
    scores = e.overall_scores(bundle, design, sampled)
    ranks = e.rank_runs(scores)
    reference_bundle = float_weights(bundle)
    for r in range(runs):
        result = score(reference_bundle, e.run_spec(design, sampled, r))
        expected = result.overall.to_numpy(dtype=float)
        np.testing.assert_array_equal(np.isnan(scores[r]), np.isnan(expected))
        np.testing.assert_allclose(scores[r], expected, rtol=0, atol=1e-9, equal_nan=True)
        np.testing.assert_array_equal(ranks[r], result.rank.to_numpy(dtype=float,
                                                                     na_value=np.nan))


class TestAgreementWithReference:
    """Each sampled run scores and ranks exactly as ``indicators.score`` with that run's spec."""

    def test_mini_every_assumption(self, mini: Bundle) -> None:
        """All six assumptions vary, on the hand-computable fixture (40 runs)."""
        assert_runs_match_reference(mini, ScoringSpec(), runs=40, seed=11)

    def test_mini_around_a_non_reference_spec(self, mini: Bundle) -> None:
        """Runs around an intensity-view, geometric, region-imputed spec with weight overrides."""
        spec = ScoringSpec(view="intensity", aggregation="geometric", imputation="region",
                           pillar_weights={"models": 2.0}, indicator_weights={"d1": 3.0})
        assert_runs_match_reference(mini, spec, runs=20, seed=5)

    def test_rivals(self, rivals: Bundle) -> None:
        """The near-tie fixture, where rank ties are common."""
        assert_runs_match_reference(rivals, ScoringSpec(), runs=30, seed=2)

    def test_shipped_data(self) -> None:
        """Eight runs on the real data (~200 countries × ~30 indicators)."""
        from indicators import load

        assert_runs_match_reference(load(REAL_DATA), ScoringSpec(), runs=8, seed=3)


class TestBatchedMethods:
    """The batched kernels equal the library's methods they stand in for."""

    @settings(max_examples=60, deadline=None)
    @given(st.integers(0, 2**32 - 1), st.booleans())
    def test_pillar_scores_equal_weighted_mean(self, seed: int, geometric: bool) -> None:
        """One matrix product for many weight vectors equals weighted_mean per vector."""
        rng = np.random.default_rng(seed)
        scores = rng.uniform(-10, 100, size=(7, 6))
        scores[rng.random(scores.shape) < 0.3] = np.nan
        membership = np.eye(3)[[0, 0, 1, 1, 2, 2]]
        weights = rng.uniform(0.1, 3, size=(5, 6))
        batched = e.pillar_scores(scores, membership, weights, 0.5, geometric)
        for r in range(5):
            expected = methods.weighted_mean(scores, membership, weights[r], 0.5, geometric)
            np.testing.assert_allclose(batched[r], expected, rtol=0, atol=1e-9, equal_nan=True)

    @settings(max_examples=100, deadline=None)
    @given(arrays(np.float64, (4, 9), elements=st.sampled_from([np.nan, 0.0, 1.0, 2.5, 7.0, -3])))
    def test_rank_runs_count_the_higher_scores(self, scores: np.ndarray) -> None:
        """Argsort ranks are 1 + the number of strictly higher scores, ties and NaN included."""
        higher = (scores[:, None, :] > scores[:, :, None]).sum(axis=-1)
        expected = np.where(np.isnan(scores), np.nan, 1.0 + higher)
        np.testing.assert_array_equal(e.rank_runs(scores, chunk=3), expected)


class TestDraw:
    """Points of the unit hypercube map to runs as the design states."""

    def test_weights_scale_around_the_chosen_ones(self, mini: Bundle) -> None:
        """u = 0, ½, 1 give weight × (1 − s), × 1, × (1 + s)."""
        design = resolve(mini, ScoringSpec(), Assumptions(vary=("weights",), weight_spread=0.2))
        unit = np.array([[0.0] * 12, [0.5] * 12, [1.0] * 12])
        runs = e.draw(design, unit)
        chosen = np.array([1, 2, 1, 1, 1, 1, 1, 1], dtype=float)  # indicators.csv of mini
        np.testing.assert_allclose(runs.indicator_weights, [chosen * 0.8, chosen, chosen * 1.2])
        np.testing.assert_allclose(runs.pillar_weights, [[0.8] * 4, [1.0] * 4, [1.2] * 4])

    def test_discrete_options_equally_likely(self, mini: Bundle) -> None:
        """u in [0, ⅓) picks the chosen normalisation, [⅓, ⅔) the second, [⅔, 1] the third."""
        design = resolve(mini, ScoringSpec(), Assumptions(vary=("normalisation",)))
        runs = e.draw(design, np.array([[0.0], [0.33], [0.34], [0.66], [0.67], [1.0]]))
        picked = [e.run_spec(design, runs, r).normalisation for r in range(6)]
        assert picked == ["minmax", "minmax", "zscore", "zscore", "rank", "rank"]

    def test_wrong_sample_shape_is_refused(self, mini: Bundle) -> None:
        """A sample with the wrong number of columns says what shape was expected."""
        design = resolve(mini, ScoringSpec(), Assumptions(vary=("normalisation",)))
        with pytest.raises(ValueError, match=r"expected \(runs, 1\)"):
            e.draw(design, np.zeros((3, 2)))
