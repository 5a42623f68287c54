"""Ember's yearly electricity overview: electricity demand, in total and per person, for every
country.

Ember covers Taiwan, Kosovo and Palestine, which the World Bank's electricity series lack,
and is refreshed each year (data to 2024 in the 2025-05 release).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.readers import FIRST_YEAR, require

OVERVIEW_FILE = "api_country_overview_yearly.csv"
_COLUMNS = ("country_or_region", "country_code", "year", "demand_mwh_per_capita", "demand_twh")


def read_demand_per_capita(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, value: electricity demand in kWh per person, from 2019.

    Rows without an ISO3 code are Ember's regions (World, EU, Asia, G20…) and are skipped;
    a blank demand is missing, not 0.
    """
    return _read_overview(sources, names, "demand_mwh_per_capita", 1000.0)


def read_demand_twh(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, value: electricity demand in TWh, from 2019 (as
    ``read_demand_per_capita``)."""
    return _read_overview(sources, names, "demand_twh", 1.0)


def _read_overview(sources: Path, names: NameTable, column: str,
                   factor: float) -> pd.DataFrame:
    path = require(sources / "electricity-ember" / OVERVIEW_FILE)
    label = f"electricity-ember/{OVERVIEW_FILE}"
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    absent = [c for c in _COLUMNS if c not in raw.columns]
    if absent:
        raise BuildError(f"{label}: missing columns {absent}: expected Ember's yearly country "
                         "overview")
    countries = raw[raw["country_code"].str.strip() != ""]
    iso3 = [names.code(c, n, label) for c, n in zip(countries["country_code"],
                                                     countries["country_or_region"],
                                                     strict=True)]
    frame = pd.DataFrame({
        "iso3": iso3,
        "year": pd.to_numeric(countries["year"]).to_numpy(),
        "value": pd.to_numeric(countries[column].replace("", None)).to_numpy() * factor,
    }).dropna(subset=["iso3", "value"])
    frame = frame[frame["year"] >= FIRST_YEAR]
    return frame.astype({"year": int, "value": float}).reset_index(drop=True)
