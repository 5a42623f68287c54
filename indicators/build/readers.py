"""Readers for the shared public formats: WDI long files, OWID grapher files, GitHub graph."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable

FIRST_YEAR = 2019


def require(path: Path) -> Path:
    """Return path, or raise BuildError if the source file is missing."""
    if not path.exists():
        raise BuildError(f"missing source file {path}")
    return path


def _finish(frame: pd.DataFrame, first_year: int) -> pd.DataFrame:
    frame = frame.dropna(subset=["iso3", "value"])
    frame = frame[frame["year"] >= first_year]
    return frame.astype({"year": int, "value": float}).reset_index(drop=True)


def read_wdi(sources: Path, code: str, names: NameTable,
             first_year: int = FIRST_YEAR) -> pd.DataFrame:
    """Return iso3, year, value of one WDI long file, aggregates and territories removed."""
    path = require(sources / "worldbank-wdi" / f"{code}.csv")
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    label = f"worldbank-wdi/{code}.csv"
    iso3 = [names.code(c, n, label) for c, n in zip(raw["Country Code"], raw["Country Name"],
                                                     strict=True)]
    frame = pd.DataFrame({"iso3": iso3, "year": pd.to_numeric(raw["Year"]),
                          "value": pd.to_numeric(raw["Value"].replace("", None))})
    return _finish(frame, first_year)


def read_owid(path: Path, names: NameTable, column: str | None = None,
              first_year: int = FIRST_YEAR) -> pd.DataFrame:
    """Return iso3, year, value of an OWID grapher file (value column: ``column`` or 4th)."""
    raw = pd.read_csv(require(path), keep_default_na=False, dtype=str)
    label = f"{path.parent.name}/{path.name}"
    value_col = column if column is not None else raw.columns[3]
    iso3 = [names.code(c, n, label) for c, n in zip(raw["Code"], raw["Entity"], strict=True)]
    frame = pd.DataFrame({"iso3": iso3, "year": pd.to_numeric(raw["Year"]),
                          "value": pd.to_numeric(raw[value_col].replace("", None))})
    return _finish(frame, first_year)


#: Economies whose GitHub counts are left out, and why. GitHub places accounts by the location
#: it infers; the Holy See, an enclave of Rome with 1,000 residents (CLDR), is given 183
#: developers and 627–859 repositories, per resident more than any country (it was 7th in the
#: world on data per person): accounts placed there are not its residents' work.
GITHUB_NOT_NATIONAL: dict[str, str] = {
    "VAT": "an enclave of Rome with 1,000 residents: accounts GitHub places there are not a "
           "national figure",
}


def read_github(sources: Path, dataset: str, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, value, quarter: each year's last reported quarter of a GitHub stock.

    Developers, repositories and organisations are cumulative counts, so the last quarter of
    a year is the year-end stock (for the newest year, the latest quarter published). The
    economies of ``GITHUB_NOT_NATIONAL`` are left out.
    """
    path = require(sources / "github-innovation-graph" / f"{dataset}.csv")
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    label = f"github-innovation-graph/{dataset}.csv"
    iso3 = [names.iso2(c, label) for c in raw["iso2_code"]]
    frame = pd.DataFrame({"iso3": iso3, "year": pd.to_numeric(raw["year"]),
                          "quarter": pd.to_numeric(raw["quarter"]),
                          "value": pd.to_numeric(raw[dataset])})
    frame = frame.dropna(subset=["iso3"])
    frame = frame[~frame["iso3"].isin(list(GITHUB_NOT_NATIONAL))]
    frame = frame.sort_values(["iso3", "year", "quarter"])
    last = frame.groupby(["iso3", "year"], as_index=False).last()
    return _finish(last, FIRST_YEAR)
