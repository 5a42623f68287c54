"""Optional rank intervals from the robustness engine (Monte Carlo), memoised per data and spec."""

from __future__ import annotations

import pandas as pd

from dashboard import data_access
from dashboard.views.fmt import ordinal
from dashboard.views.ranking import rank_intervals_available
from indicators import Bundle, ScoringSpec
from indicators.robustness import rank_intervals

#: Monte Carlo runs behind the overview's interval column (the Robustness page offers more).
RUNS = 500
SEED = 0


def rank_interval_frame(bundle: Bundle, spec: ScoringSpec) -> pd.DataFrame | None:
    """Return rank_p05 and rank_p95 per iso3 (index), or None without the robustness engine."""
    table = _intervals(bundle, spec)
    return None if table is None else table[["rank_p05", "rank_p95"]]


def robustness_rows(bundle: Bundle, spec: ScoringSpec, iso3s: list[str]) -> pd.DataFrame | None:
    """Return, for ``iso3s`` in order: rank, median rank, 5–95 % interval and P(top 10)."""
    table = _intervals(bundle, spec)
    if table is None:
        return None
    rows = table.reindex(iso3s)[["rank", "median_rank", "rank_p05", "rank_p95", "p_top10"]]
    rows.insert(0, "country", bundle.countries["name"].reindex(iso3s).to_numpy())
    return rows.reset_index(drop=True)


def _intervals(bundle: Bundle, spec: ScoringSpec) -> pd.DataFrame | None:
    """Return the engine's full interval table indexed by iso3 (memoised per data and spec); None
    without the engine or for an aggregation its runs cannot use (Copeland, harmonic)."""
    if not rank_intervals_available():
        return None
    from indicators.robustness.assumptions import MONTE_CARLO_AGGREGATIONS

    if spec.aggregation not in MONTE_CARLO_AGGREGATIONS:
        return None
    return data_access.memo(_interval_table, bundle, spec)


def _interval_table(bundle: Bundle, spec: ScoringSpec) -> pd.DataFrame:
    return rank_intervals(bundle, spec, runs=RUNS, seed=SEED).set_index("iso3")


def outlier_text(rows: pd.DataFrame, limit: int = 8) -> str:
    """Return the sentence naming the countries of ``rows`` (columns country, rank, rank_p05,
    rank_p95) ranked as chosen outside their own 5–95 % interval, at most ``limit`` by name;
    "" when there is none (see ``indicators.robustness.outside_interval``)."""
    from indicators.robustness.uncertainty import outside_interval

    out = outside_interval(rows)
    if out.empty:
        return ""
    shown = out.head(limit)
    named = [f"{country} {ordinal(rank)} (runs: {ordinal(low)}–{ordinal(high)})"
             for country, rank, low, high in zip(
                 shown["country"], *(shown[c].astype(int).tolist()
                                     for c in ("rank", "rank_p05", "rank_p95")), strict=True)]
    more = f" and {len(out) - limit} more" if len(out) > limit else ""
    return (f"Ranked as chosen outside the range 90 % of the runs give: {', '.join(named)}{more}. "
            "For them the chosen method is itself an outlier among the alternatives tried; "
            "the sensitivity analysis says which assumption moves each.")
