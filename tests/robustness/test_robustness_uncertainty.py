"""Monte Carlo rank intervals: reproducible, collapsing without uncertainty, widening with it."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators import Bundle, score
from indicators.robustness import (
    NOTHING_VARIES,
    Assumptions,
    monte_carlo,
    rank_intervals,
    resolve,
)
from indicators.robustness.uncertainty import INTERVAL_COLUMNS, analyse
from indicators.spec import ScoringSpec


class TestRankIntervals:
    """The table the ranking page and ``sovai robustness`` show."""

    def test_columns_and_one_row_per_country(self, mini: Bundle) -> None:
        """iso3, rank, median_rank, rank_p05, rank_p95, p_top10 for each of the 4 countries."""
        table = rank_intervals(mini, runs=50, seed=1)
        assert tuple(table.columns) == INTERVAL_COLUMNS
        assert sorted(table["iso3"]) == ["AAA", "BBB", "CCC", "DDD"]

    def test_same_seed_same_output(self, rivals: Bundle) -> None:
        """Two analyses with seed 7 are identical; seed 8 draws other runs."""
        first = monte_carlo(rivals, runs=300, seed=7)
        pd.testing.assert_frame_equal(first.table(), monte_carlo(rivals, runs=300, seed=7).table())
        assert not np.array_equal(first.ranks, monte_carlo(rivals, runs=300, seed=8).ranks)

    def test_rank_is_the_reference_pipelines(self, mini: Bundle) -> None:
        """The ``rank`` column is ``indicators.score``'s rank under the chosen spec."""
        spec = ScoringSpec(aggregation="geometric", imputation="region")
        table = rank_intervals(mini, spec, runs=20).set_index("iso3")
        expected = score(mini, spec).rank
        pd.testing.assert_series_equal(table["rank"].reindex(expected.index), expected,
                                       check_names=False)

    @pytest.mark.parametrize("assumptions", [
        NOTHING_VARIES, Assumptions(vary=("weights",), weight_spread=0.0)])
    def test_no_uncertainty_collapses_every_interval(self, mini: Bundle,
                                                     assumptions: Assumptions) -> None:
        """With zero perturbation every run is the chosen spec: p05 = median = p95 = rank."""
        table = rank_intervals(mini, runs=100, seed=3, assumptions=assumptions)
        # mini, reference: C 1st, B 2nd, A 3rd, D unranked (no industry observation in window)
        assert table.set_index("iso3")["rank"].to_dict() == {
            "CCC": 1, "BBB": 2, "AAA": 3, "DDD": None}
        ranked = table.dropna(subset=["rank"])
        for column in ("median_rank", "rank_p05", "rank_p95"):
            assert ranked[column].tolist() == ranked["rank"].tolist()
        assert ranked["p_top10"].tolist() == [1.0, 1.0, 1.0]
        assert table.loc[table["iso3"] == "DDD", "p_top10"].item() == 0.0

    def test_runs_out_of_range_are_refused(self, mini: Bundle) -> None:
        """0 runs is an error that says what is expected."""
        with pytest.raises(ValueError, match="expected a whole number from 1"):
            rank_intervals(mini, runs=0)


class TestProperties:
    """What holds for any analysis."""

    @settings(max_examples=25, deadline=None)
    @given(seed=st.integers(0, 10_000), spread=st.floats(0, 0.9),
           vary=st.sets(st.sampled_from(["weights", "normalisation", "aggregation",
                                         "imputation", "window"])))
    def test_interval_contains_median(self, rivals: Bundle, mini: Bundle, seed: int,
                                      spread: float, vary: set[str]) -> None:
        """p05 ≤ median ≤ p95, and p_top10 is a share, whatever varies."""
        assumptions = Assumptions(vary=tuple(vary), weight_spread=spread)  # type: ignore[arg-type]
        for bundle in (rivals, mini):
            table = rank_intervals(bundle, runs=60, seed=seed, assumptions=assumptions)
            ranked = table.dropna(subset=["median_rank"])
            assert (ranked["rank_p05"] <= ranked["median_rank"]).all()
            assert (ranked["median_rank"] <= ranked["rank_p95"]).all()
            assert table["p_top10"].between(0, 1).all()

    def test_wider_perturbation_never_narrows_the_average_interval(self, rivals: Bundle) -> None:
        """Coupled runs (the same uniform draws, scaled by the spread): widths do not shrink."""
        spreads = [0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.95]
        layout = resolve(rivals, ScoringSpec(), Assumptions(vary=("weights",)))
        unit = np.random.default_rng(2026).random((2000, len(layout.factor_groups)))
        widths = []
        for spread in spreads:
            design = resolve(rivals, ScoringSpec(),
                             Assumptions(vary=("weights",), weight_spread=spread))
            table = analyse(rivals, design, unit).table()
            widths.append(float((table["rank_p95"] - table["rank_p05"]).astype(float).mean()))
        assert widths[0] == 0.0
        assert widths[-1] > 0.0
        assert all(a <= b for a, b in itertools.pairwise(widths)), widths

    def test_statements_name_every_assumption(self, mini: Bundle) -> None:
        """Each of the six assumptions is stated as varied or fixed; none is skipped silently."""
        design = resolve(mini, ScoringSpec(window=0),
                         Assumptions(vary=("weights", "window"), weight_spread=0.0))
        lines = design.statements()
        assert [line.split(":")[0] for line in lines] == [
            "weights", "normalisation", "aggregation", "imputation", "window", "outliers"]
        assert lines[0] == "weights: fixed as chosen — asked to vary, but the spread is 0"
        assert lines[4] == "window: varied — one of 0, 1, equally likely"
        assert lines[5] == "outliers: fixed at none (not varied)"
        assert design.varied == ("window",)


def test_ranks_outside_their_own_interval_are_found_on_each_side() -> None:
    """Audit 3 B2: a rank as chosen worse than the runs' 95th percentile is "worse", better than
    the 5th is "better"; on either bound it is inside; an unranked country is never listed."""
    import pandas as pd

    from indicators.robustness.uncertainty import outside_interval

    table = pd.DataFrame({
        "iso3": ["AAA", "BBB", "CCC", "DDD", "EEE"],
        "rank": pd.array([26, 3, 10, 20, None], dtype="Int64"),
        "median_rank": [20.0, 8.0, 10.0, 20.0, None],
        "rank_p05": pd.array([11, 5, 10, 15, None], dtype="Int64"),
        "rank_p95": pd.array([25, 9, 12, 20, None], dtype="Int64"),
        "p_top10": [0.0, 1.0, 1.0, 0.0, 0.0]})
    out = outside_interval(table)
    assert list(out["iso3"]) == ["AAA", "BBB"] and list(out["side"]) == ["worse", "better"]
