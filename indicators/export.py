"""The one CSV writer of the project: safe to open in a spreadsheet (OWASP: CSV injection).

Every CSV the project emits (``sovai score|scenario|robustness|sensitivity --format csv``, the
dashboard's downloads) goes through ``to_safe_csv``. The contract files under data/ are data,
not exports, and are written by ``indicators.build.writer`` exactly as read.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

#: A text cell starting with one of these is read as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_text(value: Any) -> Any:
    """Return ``value`` with ``'`` in front if it is text a spreadsheet would run as a formula.

    Anything that is not a ``str`` (a number, a missing value) comes back unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells and column names that start like a formula get a ``'``.

    Numeric and boolean columns are left alone, so a negative number stays a number; in a text
    column only ``str`` cells change (``-2+3`` written as text is neutralised, -2.5 is not).
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        out[column] = series.map(neutralise_text)
    out.columns = [neutralise_text(name) for name in out.columns]
    return out


def to_safe_csv(frame: pd.DataFrame, float_format: str | None = None) -> str:
    """Return ``frame`` as CSV text (UTF-8, LF, no index) with formula-like text neutralised."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\n",
                                             float_format=float_format)
