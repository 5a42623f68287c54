"""Side-by-side comparison: indicator table, gap to the leader, peer sets, summary text."""
# pandas-stubs types every .at/.loc cell as a union of all scalars (bytes, dates, ...);
# these cells are numbers or text by the data contract, so the union checks are switched off.
# mypy: disable-error-code="union-attr, arg-type, str-bytes-safe, call-overload"
# mypy: disable-error-code="index, operator, dict-item"

from __future__ import annotations

import pandas as pd

from dashboard import data_access
from dashboard.views.country import strongest_and_weakest
from dashboard.views.fmt import is_missing, number, ordinal
from dashboard.views.indicator_ranks import shown_indicator_ranks
from dashboard.views.query import MAX_COMPARED
from indicators import Bundle, Result, ScoringSpec

#: Marks appended to a value in tables: stale (older than the scoring year), imputed.
STALE_MARK = "†"
IMPUTED_MARK = "*"


def cell_text(result: Result, iso3: str, code: str) -> str:
    """Return a raw value with its year and source, marked when stale or imputed; "not listed
    (scored 0)" for a sample indicator's unlisted country, "no data" for another gap."""
    raw = result.raw.at[iso3, code]
    if result.imputed.at[iso3, code]:
        return f"imputed {IMPUTED_MARK}"
    if result.is_unlisted(iso3, code):  # a sample indicator's absent country: scored as none
        return "not listed (scored 0)"
    if is_missing(raw):
        return "no data"
    year, source = int(result.raw_year.at[iso3, code]), result.raw_source.at[iso3, code]
    text = f"{number(raw)} ({year}, {source})"
    if result.stale.at[iso3, code]:
        text += f" {STALE_MARK}"
    return text


def indicator_table(result: Result, iso3s: list[str]) -> pd.DataFrame:
    """Return a row per indicator with, per country, ``<ISO>_value`` text, score and world rank."""
    frame = pd.DataFrame(indicator_rows(result, iso3s))
    for iso3 in iso3s:
        frame[f"{iso3}_rank"] = frame[f"{iso3}_rank"].astype("Int64")
    return frame


def indicator_rows(result: Result, iso3s: list[str]) -> list[dict[str, object]]:
    """Return ``indicator_table``'s rows as dicts (None for a gap), as a grid takes them."""
    rows = [dict(row) for row in indicator_labels(result)]
    for iso3 in iso3s:
        for row, cells in zip(rows, country_cells(result, iso3), strict=True):
            row.update(cells)
    return rows


def indicator_labels(result: Result) -> list[dict[str, object]]:
    """Return per indicator (in the indicators' order) its pillar's name, code, name and unit."""
    return [{"pillar": str(result.pillar_info.at[info["pillar"], "name"]), "code": code,
             "indicator": info["name"], "unit": info["unit"]}
            for code, info in result.indicators.iterrows()]


def country_cells(result: Result, iso3: str,
                  ranks: pd.DataFrame | None = None) -> list[dict[str, object]]:
    """Return per indicator ``iso3``'s ``<ISO>_value`` text, ``_score`` (1 decimal) and
    ``_rank`` (None where it has none), in the indicators' order; ``ranks`` are
    ``shown_indicator_ranks(result)``, computed when not given."""
    ranks = shown_indicator_ranks(result) if ranks is None else ranks
    scores, places = result.normalised.loc[iso3], ranks.loc[iso3]
    out: list[dict[str, object]] = []
    for code in result.indicators.index:
        norm = scores[code]
        rank = places[code]
        out.append({f"{iso3}_value": cell_text(result, iso3, str(code)),
                    f"{iso3}_score": None if is_missing(norm) else round(float(norm), 1),
                    f"{iso3}_rank": None if is_missing(rank) else int(rank)})
    return out


def served_ranks(spec: ScoringSpec) -> pd.DataFrame:
    """Return ``shown_indicator_ranks`` of the served result under ``spec``, computed once per
    data version and spec (``data_access.part``; shared: do not change it in place)."""
    return data_access.part(_served_ranks, data_access.bundle(), spec)


def _served_ranks(bundle: Bundle, spec: ScoringSpec) -> pd.DataFrame:
    return shown_indicator_ranks(data_access.result(spec))


def long_table(result: Result, iso3s: list[str]) -> pd.DataFrame:
    """Return the comparison as one row per country and indicator (for the CSV download)."""
    ranks = shown_indicator_ranks(result)
    rows = []
    for iso3 in iso3s:
        for code, info in result.indicators.iterrows():
            e = result.explain(iso3, str(code))
            rows.append({
                "iso3": iso3, "country": result.countries.at[iso3, "name"],
                "pillar": info["pillar"], "indicator": code, "indicator_name": info["name"],
                "unit": info["unit"], "raw_value": e["raw"], "year": e["year"],
                "source_id": e["source_id"], "score": e["normalised"],
                "world_rank": None if is_missing(ranks.at[iso3, code])
                else int(ranks.at[iso3, code]),
                "stale": e["stale"], "imputed": e["imputed"],
            })
    return pd.DataFrame(rows)


def pillar_table(result: Result, iso3s: list[str]) -> pd.DataFrame:
    """Return overall and pillar scores and ranks of the compared countries."""
    ranks = result.pillar_ranks()
    rows = []
    for iso3 in iso3s:
        row: dict[str, object] = {"iso3": iso3, "country": result.countries.at[iso3, "name"],
                                  "overall": result.overall[iso3], "rank": result.rank[iso3]}
        for p in result.pillars.columns:
            row[p] = result.pillars.at[iso3, p]
            row[f"{p}_rank"] = ranks.at[iso3, p]
        rows.append(row)
    return pd.DataFrame(rows)


def gap_to_leader(result: Result, iso3s: list[str]) -> pd.DataFrame:
    """Return per pillar the world leader, its score and each compared country's gap (points)."""
    rows = []
    names = result.countries["name"]
    for p in result.pillars.columns:
        scores = result.pillars[p].dropna()
        if scores.empty:
            continue
        leader = scores.idxmax()
        row: dict[str, object] = {"pillar": result.pillar_info.at[p, "name"],
                                  "world_leader": names[leader],
                                  "leader_score": round(float(scores.max()), 1)}
        for iso3 in iso3s:
            own = result.pillars.at[iso3, p]
            row[f"{iso3}_gap"] = None if is_missing(own) else round(float(own - scores.max()), 1)
        rows.append(row)
    return pd.DataFrame(rows)


def nearest_by_overall(result: Result, iso3: str, candidates: list[str], n: int) -> list[str]:
    """Return up to ``n`` ranked countries among ``candidates`` closest to ``iso3`` overall."""
    if is_missing(result.overall.get(iso3)):
        return [c for c in candidates if c != iso3][:n]
    others = result.overall.reindex([c for c in candidates if c != iso3]).dropna()
    distance = (others - float(result.overall[iso3])).abs()
    return list(distance.sort_values(kind="stable").index[:n])


def peer_sets(result: Result, bundle: Bundle, iso3: str) -> dict[str, list[str]]:
    """Return named peer sets of ``iso3`` (itself first, at most 8 countries each).

    Region, income group and each bloc are cut to the members nearest by overall score.
    """
    countries = bundle.countries
    everyone = list(countries.index)
    out = {"5 nearest by overall score":
           [iso3, *nearest_by_overall(result, iso3, everyone, 5)]}
    region = countries.at[iso3, "region"]
    income = countries.at[iso3, "income_group"]
    groups = {f"Region: {region}": list(countries.index[countries["region"] == region]),
              f"Income: {income}": list(countries.index[countries["income_group"] == income])}
    for bloc in bundle.country_groups(iso3):
        groups[f"Bloc: {bloc}"] = bundle.group_members(bloc)
    for label, members in groups.items():
        peers = nearest_by_overall(result, iso3, members, MAX_COMPARED - 1)
        if peers:
            out[label] = [iso3, *peers]
    return out


def compare_summary(result: Result, iso3s: list[str]) -> str:
    """Return a sentence per country: overall rank and strongest and weakest pillar."""
    return " ".join(country_sentence(result, iso3) for iso3 in iso3s)


def country_sentence(result: Result, iso3: str) -> str:
    """Return ``iso3``'s sentence of the summary: overall rank, strongest and weakest pillar."""
    name = result.countries.at[iso3, "name"]
    rank = result.rank[iso3]
    pillars = result.pillars.loc[iso3].dropna()
    if is_missing(rank) or pillars.empty:
        return f"{name} is not ranked in {result.year} (too little data)."
    return (f"{name} ranks {ordinal(int(rank))} of {result.ranked_count} overall; "
            f"{strongest_and_weakest(result, iso3)}.")
