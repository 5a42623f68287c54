"""Values an edit makes implausible by orders of magnitude: a unit slip or a typo that the data
contract accepts (a number is a number) but no reader would believe (audit 3 B15: Korea's
supercomputing set to a zettaflop, 140,000 × the US, passed validate, preview and apply)."""

from __future__ import annotations

import math

import pandas as pd

from indicators.updates.diff import VALUE_KEY, RowDiff

#: An edited value this many times above every other country's value that year, or this many
#: times above or below the country's own previous value, is named in the preview.
FACTOR = 100.0
#: Most notes printed; the rest are counted.
MAX_NOTES = 10


def edited_values(diff: RowDiff) -> pd.DataFrame:
    """Return iso3, indicator, year, value of the rows a values-file edit adds or changes."""
    if tuple(diff.key) != VALUE_KEY:
        return pd.DataFrame(columns=["iso3", "indicator", "year", "value"])
    added = diff.added[["iso3", "indicator", "year", "value"]]
    changed = diff.changed[diff.changed["column"] == "value"]
    changed = changed.rename(columns={"after": "value"})[["iso3", "indicator", "year", "value"]]
    rows = pd.concat([added, changed], ignore_index=True)
    rows["year"] = pd.to_numeric(rows["year"], errors="coerce")
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce")
    return rows.dropna(subset=["year", "value"])


def implausible_notes(diff: RowDiff, values: pd.DataFrame, factor: float = FACTOR) -> list[str]:
    """Return one sentence per edited value that is at least ``factor`` times every other
    country's value of that indicator and year, or ``factor`` times above or below the
    country's own latest earlier value (``values``: the data after the edit, long form).
    Work is bounded by the edit's size: one lookup per edited row."""
    edited = edited_values(diff)
    if edited.empty:
        return []
    by_indicator = {code: frame for code, frame in values.groupby("indicator", sort=False)
                    if code in set(edited["indicator"])}
    notes: list[str] = []
    for iso3, code, year, value in edited[["iso3", "indicator", "year", "value"]].itertuples(
            index=False):
        table = by_indicator.get(code)
        if table is None or not value > 0:
            continue
        others = table[(table["year"] == year) & (table["iso3"] != iso3) & (table["value"] > 0)]
        if len(others) and value >= factor * others["value"].max():
            top = others.loc[others["value"].idxmax()]
            notes.append(f"{iso3} {code} {int(year)} = {value:.4g} is "
                         f"{value / top['value']:,.0f} × the largest other country's "
                         f"({top['iso3']}, {top['value']:.4g}): check the unit")
            continue
        own = table[(table["iso3"] == iso3) & (table["year"] < year) & (table["value"] > 0)]
        if len(own):
            previous = own.sort_values("year").iloc[-1]
            ratio = value / previous["value"]
            if ratio >= factor or ratio <= 1 / factor:
                notes.append(f"{iso3} {code} {int(year)} = {value:.4g} is "
                             f"{_times(ratio)} its {int(previous['year'])} value "
                             f"({previous['value']:.4g}): check the unit")
    if len(notes) > MAX_NOTES:
        notes = [*notes[:MAX_NOTES], f"and {len(notes) - MAX_NOTES} more such value(s)"]
    return notes


def _times(ratio: float) -> str:
    """Return "1,000 × " or "1/1,000 of" for a ratio far from 1."""
    if ratio >= 1:
        return f"{ratio:,.0f} ×"
    return f"1/{1 / ratio:,.0f} of" if math.isfinite(1 / ratio) else "a vanishing share of"
