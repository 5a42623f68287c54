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


def number(value: Any, digits: int = 3) -> str:
    """Return a compact human reading of a number: 3 significant digits, thousands separated."""
    if is_missing(value):
        return "–"
    x = float(value)
    if x == 0:
        return "0"
    if abs(x) >= 1e12 or abs(x) < 1e-3:
        return f"{x:.{digits - 1}e}"
    if abs(x) >= 10 ** digits:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


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
