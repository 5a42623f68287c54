"""Shared helpers for the build tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.countries import country_frame, name_table, read_country_codes
from indicators.build.observations import Context


def context(sources: Path) -> Context:
    """Return the importer context for a sources folder."""
    codes = read_country_codes(sources)
    return Context(sources, name_table(codes, country_frame(codes)))


def value(frame: pd.DataFrame, iso3: str, indicator: str, year: int) -> float:
    """Return the single value of (iso3, indicator, year) in a values frame."""
    sel = frame[(frame["iso3"] == iso3) & (frame["indicator"] == indicator)
                & (frame["year"] == year)]
    assert len(sel) == 1, f"{iso3} {indicator} {year}: {len(sel)} rows"
    return float(sel["value"].iloc[0])
