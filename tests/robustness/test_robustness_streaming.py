"""The streamed engine (int ranks, block by block, percentiles from counts) equals the plain one."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from threadpoolctl import threadpool_info

from indicators import Bundle
from indicators.robustness import Assumptions, monte_carlo, resolve
from indicators.robustness import engine as e
from indicators.spec import ScoringSpec

EVERYTHING = Assumptions(vary=("weights", "normalisation", "aggregation", "imputation", "window",
                               "outliers"), weight_spread=0.5)


def _plain_ranks(bundle: Bundle, design, runs) -> np.ndarray:
    """Ranks the unstreamed way: every score kept, ranked after, NaN as 0."""
    ranks = e.rank_runs(e.overall_scores(bundle, design, runs))
    return np.where(np.isnan(ranks), 0, ranks).astype(int)


class TestSampledRanks:
    """``sampled_ranks`` keeps no scores, yet gives the ranks of the scores."""

    @pytest.mark.parametrize("chunk", [1, 7, e.CHUNK])
    def test_equal_to_ranking_all_scores(self, rivals: Bundle, mini: Bundle, chunk: int) -> None:
        """Any chunk size, every assumption varying, on both fixtures (ties and unranked)."""
        for bundle in (rivals, mini):
            design = resolve(bundle, ScoringSpec(), EVERYTHING)
            unit = np.random.default_rng(4).random((600, len(design.factor_groups)))
            runs = e.draw(design, unit)
            got = e.sampled_ranks(bundle, design, runs, chunk=chunk)
            assert got.dtype == np.int16
            np.testing.assert_array_equal(got, _plain_ranks(bundle, design, runs))

    def test_mini_has_unranked_runs(self, mini: Bundle) -> None:
        """The check above meets 0 (unranked): DDD has no industry observation in the window."""
        design = resolve(mini, ScoringSpec(), EVERYTHING)
        runs = e.draw(design, np.random.default_rng(4).random((50, len(design.factor_groups))))
        assert (e.sampled_ranks(mini, design, runs) == 0).any()


class TestStreamedEqualsStages:
    """The streamed, blocked steps give the shared stages' scores bit for bit."""

    @settings(max_examples=40, deadline=None)
    @given(st.integers(0, 2**32 - 1), st.booleans(), st.integers(1, 40))
    def test_scored_blocks_equal_aggregate_runs(self, seed: int, geometric: bool,
                                                runs: int) -> None:
        """Random scores with gaps, random weights, one combination, blocks as small as 1 run."""
        rng = np.random.default_rng(seed)
        scores = rng.uniform(-10, 100, size=(9, 8))
        scores[rng.random(scores.shape) < 0.25] = np.nan
        membership = np.eye(4)[[0, 0, 1, 1, 2, 2, 3, 3]]
        sampled = e.Runs(combo=np.zeros(runs, dtype=np.intp),
                         geometric=np.full(runs, geometric),
                         indicator_weights=rng.uniform(0.1, 3, size=(runs, 8)),
                         pillar_weights=rng.uniform(0.1, 3, size=(runs, 4)))
        expected = e.overall_from_pillars(
            e.pillar_scores(scores, membership, sampled.indicator_weights, 0.5, geometric),
            sampled.pillar_weights, geometric)
        got = np.full((runs, 9), -1.0)
        old, e.BLOCK_CELLS = e.BLOCK_CELLS, 9 * 4 * 3  # three runs per block
        try:
            for rows, block in e.scored_blocks(lambda c: scores, membership, sampled, 0.5):
                got[rows] = block
        finally:
            e.BLOCK_CELLS = old
        assert np.array_equal(got, expected, equal_nan=True)
        ranks = e.ranks_from_matrices(lambda c: scores, membership, sampled, 0.5, 9)
        np.testing.assert_array_equal(ranks, np.nan_to_num(e.rank_runs(expected), nan=0.0))


class TestRankBlock:
    """The integer ranking of one block of runs."""

    @settings(max_examples=100, deadline=None)
    @given(arrays(np.float64, (5, 9), elements=st.sampled_from([np.nan, 0.0, -0.0, 1.0, 2.5, 7.0,
                                                                -3, np.inf, -np.inf])))
    def test_equal_rank_descending(self, scores: np.ndarray) -> None:
        """1 + the number of strictly higher scores (ties share the best rank), NaN is 0."""
        higher = (scores[:, None, :] > scores[:, :, None]).sum(axis=-1)  # NaN compares False
        expected = np.where(np.isnan(scores), 0, 1 + higher)
        np.testing.assert_array_equal(e.rank_block(scores), expected)
        np.testing.assert_array_equal(np.nan_to_num(e.rank_runs(scores), nan=0.0), expected)

    def test_worked_example(self) -> None:
        """Scores 5, 9, NaN, 9, 1: the two 9s share rank 1, 5 is 3rd, 1 is 4th, NaN unranked."""
        got = e.rank_block(np.array([[5.0, 9.0, np.nan, 9.0, 1.0]]))
        assert got.tolist() == [[3, 1, 0, 1, 4]]

    def test_dtype_grows_past_int16(self) -> None:
        """More countries than int16 holds switch the ranks to int32."""
        assert e.rank_dtype(32_767) is np.int16
        assert e.rank_dtype(32_768) is np.int32


class TestSumLast:
    """The short-axis sum is numpy's own sum, bit for bit."""

    @pytest.mark.parametrize("width", [1, 2, 4, 7, 8, 11])
    def test_bitwise_equal_to_numpy_sum(self, width: int) -> None:
        rng = np.random.default_rng(width)
        x = rng.random((300, 50, width)) * 10.0 ** rng.integers(-6, 6, (300, 50, width))
        strided = np.ascontiguousarray(x.transpose(1, 0, 2)).transpose(1, 0, 2)
        for values in (x, strided):
            assert np.array_equal(e._sum_last(values), values.sum(axis=-1))


class TestTable:
    """Percentiles from rank counts equal percentiles read off the sorted ranks."""

    def test_percentiles_equal_sorting(self, rivals: Bundle, mini: Bundle) -> None:
        """The inverted-CDF percentile, computed here by sorting each country's ranks."""
        for bundle in (rivals, mini):
            analysis = monte_carlo(bundle, runs=401, seed=9, assumptions=EVERYTHING)
            ranks = np.where(analysis.ranks == 0, np.nan, analysis.ranks.astype(float))
            ordered = np.sort(ranks, axis=0)
            counted = (~np.isnan(ranks)).sum(axis=0)
            table = analysis.table().set_index("iso3").loc[list(analysis.iso3)]
            for q, column in ((0.05, "rank_p05"), (0.5, "median_rank"), (0.95, "rank_p95")):
                for j in range(ranks.shape[1]):
                    if counted[j] == 0:
                        assert table[column].isna().iloc[j]
                        continue
                    row = int(np.ceil(q * counted[j])) - 1
                    assert table[column].iloc[j] == ordered[row, j]
            np.testing.assert_array_equal(table["p_top10"], (ranks <= 10).mean(axis=0))
            np.testing.assert_array_equal(table["p_ranked"], counted / 401)

    def test_counts_add_up_to_the_runs(self, rivals: Bundle) -> None:
        """Each country's counts over 0 (unranked) and every rank sum to the number of runs."""
        analysis = monte_carlo(rivals, runs=123, seed=1)
        counts = analysis.rank_counts()
        assert counts.shape == (6, 7)
        assert counts.sum(axis=1).tolist() == [123] * 6


def test_one_blas_thread_is_restored() -> None:
    """Inside, BLAS runs one thread; after, the limit it had before is back."""
    before = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    with e.one_blas_thread():
        inside = [pool["num_threads"] for pool in threadpool_info()
                  if pool["user_api"] == "blas"]
    after = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert inside and set(inside) == {1}
    assert after == before
