"""Deterministic CSV writing: UTF-8, LF, sorted rows, 12-significant-digit floats."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from indicators.build.errors import BuildError


def format_number(value: float) -> str:
    """Return a float as text with 12 significant digits (integers without a decimal point)."""
    if not math.isfinite(value):
        raise BuildError(f"non-finite value {value!r} cannot be written")
    text = f"{value:.12g}"
    return "0" if text == "-0" else text


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return format_number(value)
    return str(value)


def render(columns: Sequence[str], rows: Iterable[Mapping[Any, Any]]) -> str:
    """Return CSV text of the rows in the given column order (rows are written as given)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return buffer.getvalue()


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[Any, Any]]) -> None:
    """Write rows as a contract CSV file (creating the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(columns, rows).encode("utf-8"))
