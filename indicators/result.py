"""The result of scoring: every stage kept, so each number can be traced to its observation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from indicators import stages as st
from indicators.spec import ScoringSpec

#: Columns of the score table, as ``sovai score`` writes them.
SCORE_COLUMNS = ("iso3", "name", "overall", "data", "compute", "models", "industry", "rank")


@dataclass(frozen=True)
class Result:
    """Scores of every country for one year and spec, with every intermediate stage.

    Frames indexed by iso3 with one column per scored indicator: ``raw`` (the observation used),
    ``raw_year``, ``raw_source``, ``denominator`` (the divisor in the intensity view),
    ``denominated`` (after the denominate step: divided by the denominator in a view that
    denominates, else raw), ``transformed`` (after log and outlier treatment), ``normalised``
    (0–100); boolean flags ``stale`` (observation older than Y), ``imputed``, ``treated`` and
    ``unlisted`` (a sample indicator's absent country scored at zero capacity).
    ``pillars`` has a column per pillar; ``overall`` and ``rank`` are Series. ``goalposts``
    holds, per indicator, the log ``scale`` and the ``low`` / ``high`` bounds used to normalise,
    in transformed units; with outlier treatment also ``treatment``, ``points``, ``low_cap``,
    ``high_cap`` and ``log_shift`` (what ``indicators.treat`` did to the indicator).
    """

    spec: ScoringSpec
    year: int
    version: str
    countries: pd.DataFrame
    indicators: pd.DataFrame
    pillar_info: pd.DataFrame
    raw: pd.DataFrame
    raw_year: pd.DataFrame
    raw_source: pd.DataFrame
    denominator: pd.DataFrame
    denominated: pd.DataFrame
    transformed: pd.DataFrame
    normalised: pd.DataFrame
    pillars: pd.DataFrame
    overall: pd.Series
    rank: pd.Series
    stale: pd.DataFrame
    imputed: pd.DataFrame
    treated: pd.DataFrame
    goalposts: pd.DataFrame
    warnings: tuple[str, ...] = field(default_factory=tuple)
    #: Cells of a sample indicator scored at zero capacity because the country is not listed
    #: (``stages.fill_unlisted``); none when not given.
    unlisted: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def viewed(self) -> pd.DataFrame:
        """Return ``denominated`` under its former name (kept for existing callers)."""
        return self.denominated

    @property
    def ranked_count(self) -> int:
        """Return how many countries have an overall score and so a rank."""
        return int(self.rank.notna().sum())

    def table(self) -> pd.DataFrame:
        """Return iso3, name, overall, the four pillars and rank, best first, unranked last."""
        frame = pd.DataFrame({"name": self.countries["name"]})
        frame["overall"] = self.overall
        for pillar in self.pillars.columns:
            frame[pillar] = self.pillars[pillar]
        frame["rank"] = self.rank
        frame = frame.rename_axis("iso3").reset_index()
        frame = frame.sort_values(["rank", "overall", "iso3"], ascending=[True, False, True],
                                  na_position="last", kind="stable")
        return frame.reset_index(drop=True)

    def coverage(self) -> pd.DataFrame:
        """Return, per country (iso3 index): ``coverage``, the share of scored indicators with a
        value (before imputation), ``thinnest`` the fewest indicators with a value in any
        pillar, and ``low_coverage``, true when some pillar rests on fewer than half of its
        indicators — a rank that says more about the sources than the country (audit B6/B9)."""
        observed = self.raw.notna() if self.spec.view == "scale" else self.denominated.notna()
        pillar_of = self.indicators["pillar"]
        counts = observed.T.groupby(pillar_of).sum().T
        sizes = pillar_of.value_counts()
        share_min = (counts / sizes[counts.columns]).min(axis=1)
        return pd.DataFrame({"coverage": observed.mean(axis=1), "thinnest": counts.min(axis=1),
                             "low_coverage": share_min < 0.5})

    def pillar_ranks(self) -> pd.DataFrame:
        """Return each country's rank within each pillar (1 = best; ties share the lowest rank)."""
        return rank_columns(self.pillars)

    def indicator_ranks(self) -> pd.DataFrame:
        """Return each country's world rank on each indicator's normalised score."""
        return rank_columns(self.normalised)

    def explain(self, iso3: str, indicator: str) -> dict[str, Any]:
        """Return every stage of one cell: observation, year, source, denominated, transformed,
        normalised and the flags (``viewed`` repeats ``denominated`` under its former name)."""
        return {
            "iso3": iso3,
            "indicator": indicator,
            "raw": _scalar(self.raw.at[iso3, indicator]),
            "year": _scalar(self.raw_year.at[iso3, indicator]),
            "source_id": self.raw_source.at[iso3, indicator] or None,
            "denominator": _scalar(self.denominator.at[iso3, indicator]),
            "denominated": _scalar(self.denominated.at[iso3, indicator]),
            "viewed": _scalar(self.denominated.at[iso3, indicator]),  # former name, kept
            "transformed": _scalar(self.transformed.at[iso3, indicator]),
            "normalised": _scalar(self.normalised.at[iso3, indicator]),
            "stale": bool(self.stale.at[iso3, indicator]),
            "imputed": bool(self.imputed.at[iso3, indicator]),
            "treated": bool(self.treated.at[iso3, indicator]),
            "unlisted": self.is_unlisted(iso3, indicator),
        }

    def is_unlisted(self, iso3: str, indicator: str) -> bool:
        """Return True when the cell is a sample indicator's unlisted country, scored at zero
        capacity (``stages.fill_unlisted``)."""
        frame = self.unlisted
        return bool(iso3 in frame.index and indicator in frame.columns
                    and frame.at[iso3, indicator])


def rank_columns(scores: pd.DataFrame) -> pd.DataFrame:
    """Return the rank of each row within each column (``stages.rank``: 1 = highest, ties share
    the best rank, missing unranked), as nullable integers."""
    ranks = st.rank(scores.to_numpy(dtype=float).T).T
    return pd.DataFrame(ranks, index=scores.index, columns=scores.columns).astype("Int64")


def _scalar(value: Any) -> float | None:
    """Return a plain float, or None for a missing value."""
    if value is None or pd.isna(value):
        return None
    return float(value)
