"""TOP500's accelerated systems in H100-equivalents (``ai_compute_top500.csv``, optional).

Epoch AI's GPU-cluster list is a sample, so the capability figures (fallback served at home,
training days) add the accelerated TOP500 systems that Epoch does not list (``epoch_cluster``
empty): built by ``indicators.importers.top500_ai_compute``, which states the conversion. A data
directory without the file is valid: the figures then use the GPU clusters alone.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Final

import pandas as pd

from indicators.bundle import Bundle
from indicators.csvio import read_table
from indicators.problems import DataError, Problem

FILE: Final = "ai_compute_top500.csv"
COLUMNS: Final = ("system_id", "system", "site", "iso3", "accelerator", "family", "first_list",
                  "last_list", "rank", "rpeak_tflops", "fp64_tflops", "bf16_tflops", "h100e",
                  "epoch_cluster", "source_id")
_LIST: Final = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def _number(text: str, line: int, column: str, problems: list[Problem],
            required: bool) -> float:
    if not text and not required:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        expected = "a positive number" + ("" if required else " or an empty cell")
        problems.append(Problem(FILE, line, column, f"{text!r}: expected {expected}"))
        return math.nan
    return value


def parse_ai_compute(content: bytes, countries: tuple[str, ...] = (),
                     sources: tuple[str, ...] = ()) -> pd.DataFrame:
    """Return the systems from CSV bytes; raise DataError naming every bad cell.

    Columns: system_id, system, iso3, first_year, last_year (of the TOP500 lists, int),
    h100e (float, NaN when the accelerator is not converted), epoch_cluster, line.
    ``countries`` and ``sources``, when given, are the iso3 codes and source_ids that exist."""
    table, problems = read_table(content, FILE, COLUMNS)
    if table is None:
        raise DataError(problems)
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for line, cell in table.rows:
        key = cell["system_id"]
        if not key:
            problems.append(Problem(FILE, line, "system_id", "empty: expected TOP500's "
                                    "System ID"))
        elif key in seen:
            problems.append(Problem(FILE, line, "system_id", f"{key!r} is already on line "
                                    f"{seen[key]}: expected one row per system"))
        seen.setdefault(key, line)
        if countries and cell["iso3"] not in countries:
            problems.append(Problem(FILE, line, "iso3", f"{cell['iso3']!r}: expected an iso3 "
                                    "code of countries.csv"))
        years = []
        for column in ("first_list", "last_list"):
            match = _LIST.match(cell[column])
            if match is None:
                problems.append(Problem(FILE, line, column, f"{cell[column]!r}: expected a "
                                        "list YYYY-MM"))
            years.append(int(match.group(1)) if match else 0)
        if sources and cell["source_id"] not in sources:
            problems.append(Problem(FILE, line, "source_id", f"{cell['source_id']!r}: "
                                    "expected a source_id of sources.csv"))
        _number(cell["rpeak_tflops"], line, "rpeak_tflops", problems, required=True)
        rows.append({"system_id": key, "system": cell["system"], "iso3": cell["iso3"],
                     "first_year": years[0], "last_year": years[1],
                     "h100e": _number(cell["h100e"], line, "h100e", problems, required=False),
                     "epoch_cluster": cell["epoch_cluster"], "line": line})
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=["system_id", "system", "iso3", "first_year",
                                       "last_year", "h100e", "epoch_cluster", "line"])


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float, size: int, countries: tuple[str, ...],
          sources: tuple[str, ...]) -> pd.DataFrame:
    return parse_ai_compute(path.read_bytes(), countries, sources)


def load_ai_compute(bundle: Bundle) -> pd.DataFrame | None:
    """Return the checked systems of ``bundle``'s data directory, or None without the file.

    Raises DataError (file, line, column, what was expected) when the file is invalid. Cached
    per file version; do not modify the result."""
    if bundle.data_dir is None:
        return None
    path = Path(bundle.data_dir) / FILE
    if not path.is_file():
        return None
    stat = path.stat()
    return _read(path, stat.st_mtime, stat.st_size, tuple(sorted(bundle.countries.index)),
                 tuple(sorted(bundle.sources.index)))


def running_systems(systems: pd.DataFrame, year: int, window: int) -> pd.DataFrame:
    """Return the converted systems Epoch does not list that count for scoring ``year``: on a
    list of [year − window, year] (first listed by ``year``, last listed since year − window:
    a system that left the list is assumed to run on)."""
    keep = ((systems["first_year"] <= year) & (systems["last_year"] >= year - window)
            & systems["h100e"].notna() & (systems["epoch_cluster"] == ""))
    return systems[keep]


def top500_h100e(bundle: Bundle, year: int, window: int) -> pd.Series:
    """Return per country (index: countries.csv) the H100e of its accelerated TOP500 systems
    that Epoch does not list, for ``year`` (NaN where it has none or there is no file)."""
    systems = load_ai_compute(bundle)
    out = pd.Series(math.nan, index=bundle.countries.index, name="h100e_top500")
    if systems is None:
        return out
    sums = running_systems(systems, year, window).groupby("iso3")["h100e"].sum()
    return sums.reindex(bundle.countries.index).rename("h100e_top500").astype(float)
