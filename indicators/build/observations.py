"""Helpers that turn (iso3, year, value) frames into contract value rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from indicators.build.names import NameTable
from indicators.build.spec import OBSERVATION_COLUMNS


@dataclass(frozen=True)
class Context:
    """What every importer needs: the sources folder, the name table and the country list."""

    sources: Path
    names: NameTable

    @property
    def iso3s(self) -> list[str]:
        """Return the sorted countries.csv codes."""
        return sorted(self.names.iso3s)


def empty() -> pd.DataFrame:
    """Return an empty observation frame."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in OBSERVATION_COLUMNS})


def observations(frame: pd.DataFrame, indicator: str, source_id: str,
                 note: str = "") -> pd.DataFrame:
    """Return value rows from a frame with iso3, year, value (and optionally note)."""
    out = pd.DataFrame({
        "iso3": frame["iso3"].astype(str),
        "indicator": indicator,
        "year": frame["year"].astype(int),
        "value": frame["value"].astype(float),
        "source_id": source_id,
        "note": frame["note"] if "note" in frame.columns else note,
    })
    return out.loc[:, list(OBSERVATION_COLUMNS)].reset_index(drop=True)


def census(frame: pd.DataFrame, indicator: str, source_id: str, years: Iterable[int],
           iso3s: Iterable[str], note: str = "", zero_note: str = "") -> pd.DataFrame:
    """Return value rows for a census: every country and year, 0 where the census has none.

    ``frame`` holds iso3, year, value for the countries present; duplicates are summed.
    """
    grid = pd.MultiIndex.from_product([sorted(set(iso3s)), sorted(set(years))],
                                      names=["iso3", "year"])
    summed = frame.groupby(["iso3", "year"])["value"].sum()
    present = grid.isin(summed.index)
    full = summed.reindex(grid, fill_value=0.0).reset_index()
    full["note"] = [note if p else zero_note for p in present]
    return observations(full, indicator, source_id)


def capped(frame: pd.DataFrame, low: float | None = None,
           high: float | None = None) -> pd.DataFrame:
    """Return iso3, year, value, note with values clipped to [low, high].

    A clipped row's note records the source value (e.g. "capped at 200; source value 574.2"),
    so the derived figure still traces to its source; other rows keep their note.
    """
    out = frame.copy()
    notes = (out["note"].astype(str) if "note" in out.columns
             else pd.Series("", index=out.index)).tolist()
    value = out["value"].astype(float)
    clipped = value.clip(lower=low, upper=high)
    for i, (before, after) in enumerate(zip(value, clipped, strict=True)):
        if after != before:
            extra = f"capped at {after:g}; source value {before:g}"
            notes[i] = f"{notes[i]}; {extra}" if notes[i] else extra
    out["value"] = clipped
    out["note"] = notes
    return out
