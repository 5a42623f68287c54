"""Sobol' indices attribute rank variance to the assumptions that cause it; leave-one-out."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from indicators import Bundle, load, score
from indicators.robustness import Assumptions, leave_one_out, resolve, sensitivity_indices
from indicators.robustness import engine as e
from indicators.spec import ScoringSpec

ONLY_WEIGHTS_MATTER = Assumptions(vary=("weights", "imputation", "window"))


class TestSobolIndices:
    """Variance-based first-order and total effects of each assumption on each rank."""

    def test_only_the_assumption_that_matters_gets_the_variance(self, rivals: Bundle) -> None:
        """On rivals nothing is missing and every observation is of 2024, so only weights act."""
        table = sensitivity_indices(rivals, samples=1024, seed=1, assumptions=ONLY_WEIGHTS_MATTER)
        moved = table[table["iso3"].isin(["AAA", "BBB", "CCC", "DDD"])]
        inert = moved[moved["assumption"] != "weights"]
        assert (inert["first_order"] == 0).all() and (inert["total"] == 0).all()
        weights = moved[moved["assumption"] == "weights"]
        assert weights["first_order"].between(0.9, 1.1).all(), weights
        assert weights["total"].between(0.9, 1.1).all(), weights
        # the all-rounder and the laggard never move: no variance to attribute
        still = table[table["iso3"].isin(["EEE", "FFF"])]
        assert (still["rank_sd"] == 0).all() and (still["total"] == 0).all()

    def test_one_row_per_country_and_varied_assumption(self, rivals: Bundle) -> None:
        """Assumptions come in display order; fixed ones are not rows (they are stated instead)."""
        table = sensitivity_indices(rivals, samples=8, assumptions=Assumptions(
            vary=("window", "normalisation")))
        assert table.loc[table["iso3"] == "AAA", "assumption"].tolist() == [
            "normalisation", "window"]
        assert len(table) == 6 * 2

    def test_same_estimates_as_salib_analyze(self, rivals: Bundle) -> None:
        """The estimators vectorised over countries give SALib's own S1 and ST for one country."""
        assumptions = Assumptions(vary=("weights", "normalisation", "aggregation"))
        table = sensitivity_indices(rivals, samples=64, seed=4, assumptions=assumptions)
        design = resolve(rivals, ScoringSpec(), assumptions)
        groups = list(design.factor_groups)
        problem = {"num_vars": len(groups), "names": [f"x{j}" for j in range(len(groups))],
                   "bounds": [[0.0, 1.0]] * len(groups), "groups": groups}
        unit = sobol_sample.sample(problem, 64, calc_second_order=False, seed=4)
        ranks = e.rank_runs(e.overall_scores(rivals, design, e.draw(design, unit)))
        for k, iso3 in enumerate(rivals.countries.index):
            if ranks[:, k].std() == 0:
                continue
            salib = sobol_analyze.analyze(problem, ranks[:, k], calc_second_order=False,
                                          num_resamples=2, seed=0)
            ours = table[table["iso3"] == iso3].set_index("assumption")
            names = list(dict.fromkeys(groups))
            np.testing.assert_allclose(ours.loc[names, "first_order"], salib["S1"], atol=1e-12)
            np.testing.assert_allclose(ours.loc[names, "total"], salib["ST"], atol=1e-12)

    @pytest.mark.parametrize("samples", [0, 1, 100, 16384])
    def test_sample_size_must_be_a_power_of_two(self, mini: Bundle, samples: int) -> None:
        """SALib's sequence needs a power of two; others are refused with what is expected."""
        with pytest.raises(ValueError, match="expected a power of two"):
            sensitivity_indices(mini, samples=samples)

    def test_nothing_varies_is_refused(self, mini: Bundle) -> None:
        """With no assumption varied there is no variance to decompose: say so."""
        with pytest.raises(ValueError, match="no assumption varies"):
            sensitivity_indices(mini, assumptions=Assumptions(vary=("weights",),
                                                              weight_spread=0))


def without_indicator(source: Path, target: Path, code: str) -> Path:
    """Return a copy of the data directory ``source`` with indicator ``code`` removed."""
    import shutil

    shutil.copytree(source, target)
    for path in [target / "indicators.csv", *sorted((target / "values").glob("*.csv"))]:
        key = "code" if path.name == "indicators.csv" else "indicator"
        with path.open(newline="") as f:
            rows = list(csv.DictReader(f))
            fields = list(rows[0].keys()) if rows else []
        with path.open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(r for r in rows if r[key] != code)
    return target


class TestLeaveOneOut:
    """Each rank with one indicator dropped, as if it were not in the data."""

    @pytest.mark.parametrize("code", ["i1", "m1", "c1"])
    def test_equals_scoring_data_without_the_indicator(self, mini_dir: Path, tmp_path: Path,
                                                       code: str) -> None:
        """Rank without ``code`` = the reference rank of a copy of mini with ``code`` deleted."""
        table = leave_one_out(load(mini_dir))
        ours = table[table["indicator"] == code].set_index("iso3")["rank_without"]
        expected = score(load(without_indicator(mini_dir, tmp_path / "data", code))).rank
        pd.testing.assert_series_equal(ours.reindex(expected.index), expected,
                                       check_names=False)

    def test_shifts_by_hand(self, mini: Bundle) -> None:
        """Without i1, industry is i2 alone (A 3, B 1, C 2 → A 100, B 0, C 50): A and B swap."""
        table = leave_one_out(mini)
        i1 = table[table["indicator"] == "i1"].set_index("iso3")
        assert i1.loc[["AAA", "BBB", "CCC"], "rank"].tolist() == [3, 2, 1]
        assert i1.loc[["AAA", "BBB", "CCC"], "rank_without"].tolist() == [2, 3, 1]
        assert i1.loc[["AAA", "BBB", "CCC"], "shift"].tolist() == [-1, 1, 0]
        # without m1 A has no models indicator in the window (m2 is of 2019): unranked
        m1 = table[table["indicator"] == "m1"].set_index("iso3")
        assert pd.isna(m1.loc["AAA", "rank_without"]) and pd.isna(m1.loc["AAA", "shift"])
