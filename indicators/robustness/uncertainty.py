"""Uncertainty analysis: Monte Carlo over the assumptions, summarised as rank intervals."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from indicators.bundle import Bundle
from indicators.robustness import engine
from indicators.robustness.assumptions import Assumptions, Design, resolve
from indicators.spec import REFERENCE, ScoringSpec

#: Columns of ``rank_intervals`` and of ``sovai robustness``.
INTERVAL_COLUMNS = ("iso3", "rank", "median_rank", "rank_p05", "rank_p95", "p_top10")
#: A country is "in the top" when its rank is at most this.
TOP = 10
#: Largest number of Monte Carlo runs accepted (memory: runs × countries × 8 bytes, twice).
MAX_RUNS = 200_000


@dataclass(frozen=True)
class Uncertainty:
    """A Monte Carlo analysis: its design, the sampled runs, and every run's scores and ranks.

    ``scores`` and ``ranks`` are runs × countries (NaN: unranked in that run); ``reference`` is
    the rank under the chosen spec itself (every assumption at its chosen option).
    """

    design: Design
    runs: engine.Runs
    seed: int | None
    iso3: tuple[str, ...]
    scores: NDArray[np.float64]
    ranks: NDArray[np.float64]
    reference: NDArray[np.float64]

    def table(self) -> pd.DataFrame:
        """Return iso3, rank, median_rank, rank_p05, rank_p95, p_top10 and p_ranked per country.

        Percentiles are observed ranks over the runs in which the country is ranked (inverted
        CDF: the best rank r such that at least q of those runs rank it r or better), so
        p05 ≤ median ≤ p95 always. ``p_top10`` is the share of all runs ranking it in the top 10;
        ``p_ranked`` the share of runs in which it has a rank at all.
        """
        ordered = np.sort(self.ranks, axis=0)  # NaN sort last
        counted = (~np.isnan(self.ranks)).sum(axis=0)

        def percentile(q: float) -> NDArray[np.float64]:
            row = np.clip(np.ceil(q * counted).astype(int) - 1, 0, max(len(ordered) - 1, 0))
            picked = ordered[row, np.arange(ordered.shape[1])]
            return np.where(counted > 0, picked, np.nan)

        frame = pd.DataFrame({
            "iso3": list(self.iso3),
            "rank": int_ranks(self.reference),
            "median_rank": int_ranks(percentile(0.5)),
            "rank_p05": int_ranks(percentile(0.05)),
            "rank_p95": int_ranks(percentile(0.95)),
            "p_top10": (self.ranks <= TOP).mean(axis=0),
            "p_ranked": counted / max(len(self.ranks), 1),
        })
        return frame.sort_values(["rank", "median_rank", "iso3"], na_position="last",
                                 kind="stable").reset_index(drop=True)


def int_ranks(ranks: NDArray[np.float64]) -> pd.Series:
    """Return ranks (floats, NaN unranked) as a nullable integer Series."""
    return pd.Series(ranks, dtype="float64").astype("Int64")


def monte_carlo(bundle: Bundle, spec: ScoringSpec = REFERENCE, runs: int = 1000,
                seed: int | None = 0, assumptions: Assumptions | None = None) -> Uncertainty:
    """Return a Monte Carlo analysis of ``spec``: ``runs`` random draws of the varied assumptions.

    Raise ValueError if ``runs`` is not between 1 and MAX_RUNS.
    """
    if not 1 <= runs <= MAX_RUNS:
        raise ValueError(f"runs = {runs}: expected a whole number from 1 to {MAX_RUNS}")
    design = resolve(bundle, spec, assumptions or Assumptions())
    unit = np.random.default_rng(seed).random((runs, len(design.factor_groups)))
    return analyse(bundle, design, unit, seed)


def analyse(bundle: Bundle, design: Design, unit: NDArray[np.float64],
            seed: int | None = None) -> Uncertainty:
    """Return the analysis of the runs given as points of the unit hypercube (runs × factors)."""
    sampled = engine.draw(design, unit)
    scores = engine.overall_scores(bundle, design, sampled)
    reference = engine.rank_runs(engine.overall_scores(bundle, design, _chosen(design)))[0]
    return Uncertainty(design=design, runs=sampled, seed=seed,
                       iso3=tuple(str(i) for i in bundle.countries.index), scores=scores,
                       ranks=engine.rank_runs(scores), reference=reference)


def _chosen(design: Design) -> engine.Runs:
    """Return the one run at the chosen spec: every option its first, weights as chosen."""
    return engine.Runs(combo=np.zeros(1, dtype=np.intp),
                       geometric=np.array([design.spec.aggregation == "geometric"]),
                       indicator_weights=design.indicator_weights[None, :],
                       pillar_weights=design.pillar_weights[None, :])


def rank_intervals(bundle: Bundle, spec: ScoringSpec = REFERENCE, runs: int = 1000,
                   seed: int | None = 0, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Return iso3, rank, median_rank, rank_p05, rank_p95, p_top10 of every country.

    ``rank`` is the rank under ``spec``; the others summarise ``runs`` Monte Carlo runs in which
    the assumptions vary around ``spec`` (by default: weights ±25 % uniform, normalisation,
    aggregation, imputation and year window ±1; see ``Assumptions``). Same seed, same output.
    """
    table = monte_carlo(bundle, spec, runs, seed, assumptions).table()
    return table[list(INTERVAL_COLUMNS)]
