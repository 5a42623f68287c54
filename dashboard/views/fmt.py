"""Number and text formatting shared by tables, summaries and figures."""

from __future__ import annotations

import math
import textwrap
from typing import Any


def ordinal(n: int) -> str:
    """Return ``1st``, ``2nd``, ``3rd``, ``11th`` ... for a positive integer."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def is_missing(value: Any) -> bool:
    """Return True for None, NaN and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(value != value) or (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return True


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
#: Large numbers read as words, as newsrooms write them: 13.9 bn, not 1.388e+10.
SCALE_WORDS = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def number(value: Any, digits: int = 3) -> str:
    """Return a human reading of a number: 13.9 bn, 4.2 m, 11,902, 0.792, 2.69 × 10²⁴ (3
    significant digits; thousands separated below a million)."""
    if is_missing(value):
        return "–"
    x = float(value)
    if x == 0:
        return "0"
    if abs(x) >= 1e15:  # beyond trillions (training compute in FLOP): powers of ten
        exponent = math.floor(math.log10(abs(x)))
        mantissa = f"{x / 10 ** exponent:.{digits}g}"
        return f"{mantissa} × 10{str(exponent).translate(_SUPERSCRIPT)}"
    for size, word in SCALE_WORDS:
        if abs(x) >= size:
            return f"{x / size:,.{digits}g} {word}" if abs(x) < size * 1000 else \
                f"{x / size:,.0f} {word}"
    if abs(x) >= 10 ** digits:
        return f"{x:,.0f}"
    if abs(x) < 1e-3:
        return f"{x:.{digits - 1}e}"
    return f"{x:.{digits}g}"


#: The same reading in the browser, for AG Grid's valueFormatter (assets/grid_functions.js).
NUMBER_JS = "humanNumber(params.value, '–')"


def score(value: Any) -> str:
    """Return a 0–100 score with one decimal, or a dash when missing."""
    return "–" if is_missing(value) else f"{float(value):.1f}"


def plain(value: Any) -> Any:
    """Return a JSON-friendly scalar: NaN and NA become None, numpy numbers become Python ones."""
    if is_missing(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def chart_lines(text: str, width: int = 60) -> tuple[str, int]:
    """Return ``text`` broken into lines of at most ``width`` characters for a plotly title or
    annotation (joined by ``<br>``, which plotly draws as a line break), and the line count.

    A half-width chart or a phone is narrower than one long line: unbroken, it is clipped.
    """
    lines = textwrap.wrap(text, width=width, break_long_words=False) or [""]
    return "<br>".join(lines), len(lines)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """Return "1 country", "2 countries": the number with the word that agrees with it."""
    many = plural or (singular[:-1] + "ies" if singular.endswith("y") else singular + "s")
    return f"{n:,} {singular if n == 1 else many}"
