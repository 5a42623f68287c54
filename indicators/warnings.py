"""Warnings about valid data that weakens the scores: low coverage, constant or stale series."""

from __future__ import annotations

import pandas as pd

from indicators import contract as c
from indicators.bundle import Bundle
from indicators.problems import Problem

#: Below this share of countries with a value in the window, an indicator is flagged.
LOW_COVERAGE = 0.5


def data_warnings(bundle: Bundle, window: int = c.DEFAULT_WINDOW) -> list[Problem]:
    """Return warnings for the latest year: low coverage, constant indicators, stale-only data."""
    from indicators.pipeline import score  # local: the pipeline imports the bundle module
    from indicators.spec import ScoringSpec

    if bundle.values.empty or not bundle.years:
        return []
    result = score(bundle, ScoringSpec(window=window))
    year = result.year
    n_countries = len(bundle.countries)
    problems: list[Problem] = []
    for code in result.raw.columns:
        line = _line(bundle, code)
        have = int(result.raw[code].notna().sum())
        if n_countries and have / n_countries < LOW_COVERAGE:
            problems.append(_warning(line, f"{code}: only {have} of {n_countries} countries have "
                                     f"a value in {year - window}–{year} (low coverage)"))
        older = _only_older(bundle.values, code, year - window, result.raw[code])
        if older:
            problems.append(_warning(line, f"{code}: {older} countries have observations only "
                                     f"before {year - window}; they count as missing in {year}"))
    for text in result.warnings:
        code = text.split(":", 1)[0]
        problems.append(_warning(_line(bundle, code), text))
    return problems


def _only_older(values: pd.DataFrame, code: str, first_year: int, present: pd.Series) -> int:
    """Return how many countries have observations of ``code`` only before ``first_year``."""
    rows = values.loc[(values["indicator"] == code) & (values["year"] < first_year), "iso3"]
    countries = set(rows.unique())
    return len(countries - set(present[present.notna()].index))


def _line(bundle: Bundle, code: str) -> int:
    """Return the line of indicators.csv that defines ``code``."""
    return int(bundle.indicators["line"].get(code, 0))


def _warning(line: int, message: str) -> Problem:
    return Problem(c.INDICATORS_FILE, line, "code", message, severity="warning")
