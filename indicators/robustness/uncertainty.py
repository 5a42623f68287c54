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
#: Largest number of Monte Carlo runs accepted (memory: runs × countries × 2 bytes of ranks).
MAX_RUNS = 200_000
#: Runs counted at once by ``Uncertainty.rank_counts`` (a block × countries × 8 bytes).
COUNT_BLOCK = 4096


@dataclass(frozen=True)
class Uncertainty:
    """A Monte Carlo analysis: its design, the sampled runs, and every run's ranks.

    ``ranks`` is runs × countries in small integers (``engine.rank_dtype``: int16 up to 32,767
    countries), 1 = best and 0 = unranked in that run; ``reference`` is the rank under the
    chosen spec itself (every assumption at its chosen option; NaN: unranked). The runs' scores
    are not kept (runs × countries × 8 bytes): ``engine.overall_scores`` recomputes them.
    """

    design: Design
    runs: engine.Runs
    seed: int | None
    iso3: tuple[str, ...]
    ranks: NDArray[np.signedinteger]
    reference: NDArray[np.float64]

    def rank_counts(self) -> NDArray[np.int64]:
        """Return countries × (countries + 1) counts: column r = runs ranking the country r.

        Column 0 counts the runs in which it is unranked. Counted a block of runs at a time, so
        the memory is that of the counts, not of a sorted copy of the ranks.
        """
        n_runs, n = self.ranks.shape
        counts = np.zeros(n * (n + 1), dtype=np.int64)
        offsets = (np.arange(n, dtype=np.intp) * (n + 1))[:, None]
        for start in range(0, n_runs, COUNT_BLOCK):
            # country-major keys: each country's counts are one short stretch of ``counts``
            keys = self.ranks[start:start + COUNT_BLOCK].T.astype(np.intp, order="C") + offsets
            counts += np.bincount(keys.ravel(), minlength=counts.size)
        return counts.reshape(n, n + 1)

    def table(self) -> pd.DataFrame:
        """Return iso3, rank, median_rank, rank_p05, rank_p95, p_top10 and p_ranked per country.

        Percentiles are observed ranks over the runs in which the country is ranked (inverted
        CDF: the best rank r such that at least q of those runs rank it r or better), so
        p05 ≤ median ≤ p95 always. ``p_top10`` is the share of all runs ranking it in the top 10;
        ``p_ranked`` the share of runs in which it has a rank at all.
        """
        n_runs = len(self.ranks)
        counts = self.rank_counts()
        at_or_better = np.cumsum(counts[:, 1:], axis=1)  # countries × ranks 1..n
        counted = at_or_better[:, -1] if at_or_better.shape[1] else np.zeros(0, dtype=np.int64)

        def percentile(q: float) -> NDArray[np.float64]:
            needed = np.clip(np.ceil(q * counted).astype(int), 1, max(n_runs, 1))
            picked = np.argmax(at_or_better >= needed[:, None], axis=1) + 1.0
            return np.where(counted > 0, picked, np.nan)

        in_top = at_or_better[:, min(TOP, at_or_better.shape[1]) - 1] if len(counted) else counted
        reference = np.asarray(self.reference, dtype=float)
        median = percentile(0.5)
        iso3 = np.array(self.iso3, dtype=str)
        # by rank, then median rank (unranked last in both), then iso3: a stable sort on
        # [rank, median_rank, iso3] with NaN last, as one lexsort (last key first)
        order = np.lexsort((iso3, np.nan_to_num(median, nan=np.inf),
                            np.nan_to_num(reference, nan=np.inf)))
        return pd.DataFrame({
            "iso3": iso3[order].tolist(),
            "rank": int_ranks(reference[order]),
            "median_rank": int_ranks(median[order]),
            "rank_p05": int_ranks(percentile(0.05)[order]),
            "rank_p95": int_ranks(percentile(0.95)[order]),
            "p_top10": (in_top / max(n_runs, 1))[order],
            "p_ranked": (counted / max(n_runs, 1))[order],
        })


def int_ranks(ranks: NDArray[np.float64]) -> pd.Series:
    """Return ranks (floats, NaN unranked) as a nullable integer Series."""
    values = np.asarray(ranks, dtype="float64")
    missing = np.isnan(values)
    return pd.Series(pd.arrays.IntegerArray(np.where(missing, 0, values).astype(np.int64),
                                            missing))


def monte_carlo(bundle: Bundle, spec: ScoringSpec = REFERENCE, runs: int = 1000,
                seed: int | None = 0, assumptions: Assumptions | None = None) -> Uncertainty:
    """Return a Monte Carlo analysis of ``spec``: ``runs`` random draws of the varied assumptions.

    Raise ValueError if ``runs`` is not between 1 and MAX_RUNS.
    """
    if not 1 <= runs <= MAX_RUNS:
        raise ValueError(f"runs = {runs}: expected a whole number from 1 to {MAX_RUNS}")
    design = resolve(bundle, spec, assumptions or Assumptions())
    unit = np.random.default_rng(seed).random((runs, len(design.factor_groups)))
    sampled = engine.draw(design, unit)
    del unit  # runs × factors floats: not needed while the runs are scored
    return _analysed(bundle, design, sampled, seed)


def analyse(bundle: Bundle, design: Design, unit: NDArray[np.float64],
            seed: int | None = None) -> Uncertainty:
    """Return the analysis of the runs given as points of the unit hypercube (runs × factors)."""
    return _analysed(bundle, design, engine.draw(design, unit), seed)


def _analysed(bundle: Bundle, design: Design, sampled: engine.Runs,
              seed: int | None) -> Uncertainty:
    reference = engine.rank_runs(engine.overall_scores(bundle, design, _chosen(design)))[0]
    return Uncertainty(design=design, runs=sampled, seed=seed,
                       iso3=tuple(str(i) for i in bundle.countries.index),
                       ranks=engine.sampled_ranks(bundle, design, sampled), reference=reference)


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


def outside_interval(table: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of an interval table (``INTERVAL_COLUMNS``) whose rank as chosen lies
    outside its own 5–95 % interval, with a column ``side``: "worse" when the chosen rank is
    worse (a larger number) than 95 % of the runs give, "better" when better than 95 %.

    For such a country the chosen method is itself an outlier among the alternatives the
    runs try, which a reader of its rank should be told (a low-coverage country is the usual
    case: the runs that impute its missing indicators move it)."""
    ranked = table.dropna(subset=["rank", "rank_p05", "rank_p95"])
    rank = ranked["rank"].astype(float)
    worse, better = rank > ranked["rank_p95"].astype(float), rank < ranked["rank_p05"].astype(float)
    out = ranked[worse | better].copy()
    out["side"] = np.where(worse[worse | better], "worse", "better")
    return out
