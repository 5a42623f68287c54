"""CSV exports that are safe to open in a spreadsheet (OWASP: CSV / formula injection)."""

from __future__ import annotations

import pandas as pd

#: A text cell starting with one of these is read as a formula by spreadsheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose text cells that start like a formula are prefixed with ``'``.

    Numeric columns are left alone, so a negative number stays a number.
    """
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            continue
        out[column] = series.map(
            lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v
        )
    return out


def to_safe_csv(frame: pd.DataFrame) -> str:
    """Return ``frame`` as CSV text (UTF-8, LF) with formula-like text cells neutralised."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\n")
