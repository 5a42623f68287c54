"""The ranking table of the overview: scores, ranks, change against the reference, filters."""
# pandas-stubs types every .at/.loc cell as a union of all scalars (bytes, dates, ...);
# these cells are numbers or text by the data contract, so the union checks are switched off.
# mypy: disable-error-code="union-attr, arg-type, str-bytes-safe, call-overload"
# mypy: disable-error-code="index, operator, dict-item"

from __future__ import annotations

import pandas as pd

from dashboard.views.fmt import count, ordinal, plain
from dashboard.views.query import OVERALL, OverviewQuery
from indicators import Bundle, Result


def filtered_iso3(bundle: Bundle, region: str = "", income: str = "", bloc: str = "") -> list[str]:
    """Return the countries passing the region, income-group and bloc filters, in file order."""
    countries = bundle.countries
    keep = pd.Series(True, index=countries.index)
    if region:
        keep &= countries["region"] == region
    if income:
        keep &= countries["income_group"] == income
    if bloc:
        keep &= countries.index.isin(bundle.group_members(bloc))
    return list(countries.index[keep])


def ranking_frame(result: Result, reference: Result, bundle: Bundle, state: OverviewQuery,
                  intervals: pd.DataFrame | None = None,
                  scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return the ranking shown: filtered countries, best first, with 'delta_rank' vs reference.

    ``delta_rank`` is the reference rank minus this rank: +3 means three places higher than under
    the reference method; missing when either rank is missing. ``scores`` is
    ``result.table()`` when the caller has it already (it is read, not changed).
    """
    table = (result.table() if scores is None else scores).set_index("iso3")
    table.insert(1, "region", bundle.countries["region"])
    table.insert(2, "income_group", bundle.countries["income_group"])
    table["delta_rank"] = (reference.rank - result.rank).astype("Int64")
    if state.measure != OVERALL and state.measure in result.normalised.columns:
        table["measure"] = result.normalised[state.measure]
        table["measure_raw"] = result.raw[state.measure]
        table["measure_year"] = result.raw_year[state.measure]
    if intervals is not None:
        table["rank_p05"] = intervals["rank_p05"].reindex(table.index).astype("Int64")
        table["rank_p95"] = intervals["rank_p95"].reindex(table.index).astype("Int64")
    if not (state.region or state.income or state.bloc) and table.index.isin(
            bundle.countries.index).all():
        return table.reset_index()  # every country kept: no selection to make
    keep = set(filtered_iso3(bundle, state.region, state.income, state.bloc))
    return table.loc[[i for i in table.index if i in keep]].reset_index()


def _grid_values(column: pd.Series) -> list[object]:
    """Return a column's cells as ``plain`` scalars, floats rounded to 0.1 (Python's round)."""
    if column.dtype == "float64":  # tolist gives Python floats: NaN is the only missing value
        return [None if v != v else round(v, 1) for v in column.tolist()]
    values = [plain(v) for v in column.tolist()]
    return [round(v, 1) if isinstance(v, float) else v for v in values]


def grid_rows(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Return the frame as ag-grid rows: scores rounded to 0.1, missing values as None."""
    keys = [str(c) for c in frame.columns]
    columns = [_grid_values(frame[c]) for c in frame.columns]
    return [dict(zip(keys, cells, strict=True)) for cells in zip(*columns, strict=True)]


def ranking_summary(frame: pd.DataFrame, result: Result, state: OverviewQuery) -> str:
    """Return one paragraph saying who leads, how many are ranked and what the filters keep."""
    return summary_of(summary_entries(frame), result, state)


#: What the summary reads of each country shown: name, rank, overall score, Δ rank (None when
#: missing), in the ranking's order.
SummaryEntry = tuple[str, int | None, float | None, int | None]


def summary_entries(frame: pd.DataFrame) -> list[SummaryEntry]:
    """Return the summary's entries of ``frame`` (its name, rank, overall and delta_rank)."""
    columns = [[plain(v) for v in frame[c].tolist()]
               for c in ("name", "rank", "overall", "delta_rank")]
    return [(str(n), r, o, d) for n, r, o, d in zip(*columns, strict=True)]


def summary_of(entries: list[SummaryEntry], result: Result, state: OverviewQuery) -> str:
    """Return ``ranking_summary`` of the countries ``entries`` (plain Python: a filter's change
    picks entries from every country's, no frame is built)."""
    ranked = [e for e in entries if e[1] is not None]
    scope = ", ".join(x for x in (state.region, state.income, state.bloc) if x) or "the world"
    if not ranked:
        return f"No country in {scope} has an overall score in {result.year}."
    name, rank, overall, _ = ranked[0]
    text = (f"{count(result.ranked_count, 'country')} "
            f"{'is' if result.ranked_count == 1 else 'are'} ranked in {result.year}. In {scope}, "
            f"{name} leads ({ordinal(int(rank))} overall, score "
            f"{float(overall):.1f})")
    if len(ranked) > 1:
        text += f"; {ranked[-1][0]} is last shown ({ordinal(int(ranked[-1][1]))})"
    unranked = len(entries) - len(ranked)
    if unranked:
        text += f"; {unranked} shown have too little data to be ranked"
    if not result.spec.is_reference():
        moved = [0 if e[3] is None else e[3] for e in entries]
        if any(m != 0 for m in moved):
            most = max(moved)  # the first country moved most, as pandas' idxmax picks it
            text += (f". Against the reference method, {entries[moved.index(most)][0]} gains "
                     f"the most ({int(most):+d} places)")
    return text + "."


def rank_intervals_available() -> bool:
    """Return True: rank intervals ship with the library (``indicators.robustness``).

    Kept for the pages that ask; it no longer probes for the module (issue 10 part 4).
    """
    return True
