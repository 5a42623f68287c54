"""Warnings about valid data that weakens the scores: low coverage, constant or stale series."""

from __future__ import annotations

import numpy as np
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
    older_counts = _only_older(bundle, list(result.raw.columns), year - window, result.raw)
    problems: list[Problem] = []
    for code in result.raw.columns:
        line = _line(bundle, code)
        have = int(result.raw[code].notna().sum())
        if n_countries and have / n_countries < LOW_COVERAGE:
            problems.append(_warning(line, f"{code}: only {have} of {n_countries} countries have "
                                     f"a value in {year - window}–{year} (low coverage)"))
        older = older_counts[code]
        if older:
            problems.append(_warning(line, f"{code}: {older} countries have observations only "
                                     f"before {year - window}; they count as missing in {year}"))
    for text in result.warnings:
        code = text.split(":", 1)[0]
        problems.append(_warning(_line(bundle, code), text))
    return problems


def _only_older(bundle: Bundle, codes: list[str], first_year: int,
                present: pd.DataFrame) -> dict[str, int]:
    """Return, per code, how many countries have observations only before ``first_year``."""
    obs = bundle.observation_arrays
    n_countries = len(bundle.countries)
    column_of = np.full(len(bundle.indicators), -1, dtype=np.int64)
    column_of[bundle.indicators.index.get_indexer(pd.Index(codes))] = np.arange(len(codes))
    column = column_of[obs.indicator]
    rows = (column >= 0) & (obs.year < first_year)
    older = np.zeros((n_countries, len(codes)), dtype=bool)
    older[obs.country[rows], column[rows]] = True
    only_older = older & present.isna().to_numpy()
    return dict(zip(codes, only_older.sum(axis=0).astype(int).tolist(), strict=True))


def _line(bundle: Bundle, code: str) -> int:
    """Return the line of indicators.csv that defines ``code``."""
    return int(bundle.indicators["line"].get(code, 0))


def _warning(line: int, message: str) -> Problem:
    return Problem(c.INDICATORS_FILE, line, "code", message, severity="warning")
