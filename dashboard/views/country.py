"""One country's profile: standing per pillar, strengths and weaknesses, coverage, sources."""
# pandas-stubs types every .at/.loc cell as a union of all scalars (bytes, dates, ...);
# these cells are numbers or text by the data contract, so the union checks are switched off.
# mypy: disable-error-code="union-attr, arg-type, str-bytes-safe, call-overload"
# mypy: disable-error-code="index, operator, dict-item"

from __future__ import annotations

import math

import pandas as pd

from dashboard.views.fmt import is_missing, ordinal
from dashboard.views.indicator_ranks import shown_indicator_ranks
from indicators import Bundle, Result


def standing(result: Result, iso3: str) -> pd.DataFrame:
    """Return overall and pillar rows: score, rank, countries ranked, share of countries below."""
    rows = []
    frame = result.pillars.copy()
    frame.insert(0, "overall", result.overall)
    for col in frame.columns:
        scores = frame[col].dropna()
        own = frame.at[iso3, col]
        label = "Overall" if col == "overall" else str(result.pillar_info.at[col, "name"])
        if is_missing(own):
            rows.append({"measure": label, "score": None, "rank": None, "of": len(scores),
                         "share_below": None})
            continue
        rank = int((scores > own).sum()) + 1
        below = float((scores < own).sum()) / len(scores) * 100
        rows.append({"measure": label, "score": round(float(own), 1), "rank": rank,
                     "of": len(scores), "share_below": round(below)})
    return pd.DataFrame(rows)


#: The income group of countries the World Bank does not classify: not a peer group.
UNCLASSIFIED = "Not classified"


def peer_group(bundle: Bundle, iso3: str) -> tuple[str, list[str]]:
    """Return the label and the iso3 codes of the countries ``iso3`` is compared with.

    Peers are the other countries of its income group; a country the World Bank does not
    classify (Taiwan among them) has no such group, so it is compared with all other countries.
    """
    income = str(bundle.countries.at[iso3, "income_group"])
    if income == UNCLASSIFIED:
        return "all countries", [c for c in bundle.countries.index if c != iso3]
    members = bundle.countries.index[bundle.countries["income_group"] == income]
    return f"{income} countries", [c for c in members if c != iso3]


def strengths_weaknesses(result: Result, bundle: Bundle, iso3: str,
                         n: int = 3) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the ``n`` indicators furthest above and below the median of the peers.

    Peers are those of :func:`peer_group`, with a score on the indicator.
    """
    _, peers = peer_group(bundle, iso3)
    own = result.normalised.loc[iso3]
    median = result.normalised.loc[peers].median()
    diff = (own - median).dropna()
    frame = pd.DataFrame({
        "indicator": result.indicators["name"].reindex(diff.index),
        "pillar": result.indicators["pillar"].reindex(diff.index),
        "score": own.reindex(diff.index).round(1),
        "peer_median": median.reindex(diff.index).round(1),
        "difference": diff.round(1),
    }).rename_axis("code").reset_index()
    ordered = frame.sort_values("difference", ascending=False, kind="stable")
    strengths = ordered[ordered["difference"] > 0].head(n).reset_index(drop=True)
    rising = frame.sort_values("difference", kind="stable")
    weaknesses = rising[rising["difference"] < 0].head(n).reset_index(drop=True)
    return strengths, weaknesses


def coverage(result: Result, iso3: str) -> pd.DataFrame:
    """Return per pillar: indicators with a value, stale ones, imputed ones and the oldest year."""
    rows = []
    raw, raw_year = result.raw.loc[iso3], result.raw_year.loc[iso3]
    stale, imputed = result.stale.loc[iso3], result.imputed.loc[iso3]
    for p in result.pillars.columns:
        codes = list(result.indicators.index[result.indicators["pillar"] == p])
        have = raw[codes].notna()
        years = raw_year[codes].dropna()
        rows.append({
            "pillar": result.pillar_info.at[p, "name"],
            "with_data": int(have.sum()), "indicators": len(codes),
            "stale": int(stale[codes].sum()),
            "imputed": int(imputed[codes].sum()),
            "oldest_year": int(years.min()) if not years.empty else None,
        })
    return pd.DataFrame(rows)


def sources(result: Result, bundle: Bundle, iso3: str,
            ranks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return every indicator of ``iso3``: value, unit, year, score and the source it came from
    (``ranks``: ``shown_indicator_ranks(result)``, computed when not given)."""
    ranks = shown_indicator_ranks(result) if ranks is None else ranks
    rows = []
    for code, info in result.indicators.iterrows():
        source_id = result.raw_source.at[iso3, code] or str(info["source_id"])
        src = bundle.sources.loc[source_id] if source_id in bundle.sources.index else None
        year = result.raw_year.at[iso3, code]
        rows.append({
            "pillar": info["pillar"], "indicator": info["name"], "code": code,
            "value": None if is_missing(result.raw.at[iso3, code]) else
            float(result.raw.at[iso3, code]),
            "unit": info["unit"], "year": None if is_missing(year) else int(year),
            "score": None if is_missing(result.normalised.at[iso3, code]) else
            round(float(result.normalised.at[iso3, code]), 1),
            "world_rank": None if is_missing(ranks.at[iso3, code]) else int(ranks.at[iso3, code]),
            "stale": bool(result.stale.at[iso3, code]),
            "source": "" if src is None else f"{src['publisher']}: {src['title']}",
            "licence": "" if src is None else src["licence"],
            "url": "" if src is None else src["url"],
        })
    return pd.DataFrame(rows)


def missing_pillars(result: Result, iso3: str) -> pd.DataFrame:
    """Return, per pillar without a score for ``iso3``: indicators with a score, members, how
    many more it needs (the pillar needs ``min_pillar_coverage`` of its members), and the names
    of the indicators without a score, any of which would fill it.
    """
    rows = []
    coverage = result.spec.min_pillar_coverage
    for p in result.pillars.columns:
        if not is_missing(result.pillars.at[iso3, p]):
            continue
        codes = list(result.indicators.index[result.indicators["pillar"] == p])
        have = result.normalised.loc[iso3, codes].notna()
        needed = math.ceil(len(codes) * coverage - 1e-12)
        rows.append({"pillar": str(result.pillar_info.at[p, "name"]),
                     "with_data": int(have.sum()), "indicators": len(codes),
                     "needed": max(needed - int(have.sum()), 0),
                     "missing": ", ".join(str(result.indicators.at[c, "name"])
                                          for c in have.index[~have])})
    return pd.DataFrame(rows, columns=["pillar", "with_data", "indicators", "needed", "missing"])


def country_summary(result: Result, iso3: str) -> str:
    """Return 'X ranks 9th of 160 overall in 2026; strongest in ..., weakest in ...'."""
    name = result.countries.at[iso3, "name"]
    rank = result.rank[iso3]
    if is_missing(rank):
        scored = result.pillars.loc[iso3].notna()
        have = int(scored.sum())
        lacking = [str(result.pillar_info.at[p, "name"]).lower() for p in scored.index[~scored]]
        return (f"{name} is not ranked in {result.year}: it has enough data for {have} of "
                f"{result.pillars.shape[1]} pillars, and the overall score needs all of them "
                f"(no score for {_and(lacking)}).")
    return (f"{name} ranks {ordinal(int(rank))} of {result.ranked_count} overall in "
            f"{result.year} (score {result.overall[iso3]:.1f}); "
            f"{strongest_and_weakest(result, iso3)}.")


def strongest_and_weakest(result: Result, iso3: str) -> str:
    """Return 'strongest in data (3rd), weakest in models (40th)' for a country with pillar
    ranks, or '1st on every pillar' when its best and worst pillar rank are the same (naming
    one pillar as both its strongest and its weakest would say nothing true)."""
    ranks = result.pillar_ranks().loc[iso3, result.pillars.loc[iso3].dropna().index]
    own_ranks = ranks.astype(float)
    best, worst = own_ranks.idxmin(), own_ranks.idxmax()
    if own_ranks[best] == own_ranks[worst]:
        return f"{ordinal(int(own_ranks[best]))} on every pillar"
    info = result.pillar_info["name"]
    return (f"strongest in {str(info[best]).lower()} ({ordinal(int(own_ranks[best]))}), "
            f"weakest in {str(info[worst]).lower()} ({ordinal(int(own_ranks[worst]))})")


def _and(words: list[str]) -> str:
    """Return 'a', 'a and b' or 'a, b and c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
