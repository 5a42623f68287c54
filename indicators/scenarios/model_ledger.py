"""The provider-level model ledger (``models_ledger.csv``, optional): read and checked.

One row per large-scale model (Epoch AI): who built it (``organizations``, ``jurisdictions``),
whether its weights are out (``access``: open, served = API/hosted closed weights, unreleased),
when it was published and its training compute. Built by ``indicators.importers.models_ledger``;
a data directory without the file is valid and simply has no capability figures.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Final

import pandas as pd

from indicators.bundle import Bundle
from indicators.csvio import read_table
from indicators.problems import DataError, Problem

FILE: Final = "models_ledger.csv"
COLUMNS: Final = ("model", "organizations", "jurisdictions", "access", "accessibility",
                  "publication_date", "training_compute_flop", "parameters", "source_id")
ACCESS_KINDS: Final = ("open", "served", "unreleased")
#: Separator of the list cells (organizations, jurisdictions).
LIST_SEP: Final = ";"


def _positive(text: str, line: int, column: str, problems: list[Problem]) -> float:
    if not text:
        return math.nan
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        problems.append(Problem(FILE, line, column, f"{text!r} is not a positive number: "
                                "expected FLOP or a parameter count, or an empty cell"))
        return math.nan
    return value


def parse_model_ledger(content: bytes, countries: Iterable[str] = (),
                       sources: Iterable[str] = ()) -> pd.DataFrame:
    """Return the models ledger from CSV bytes; raise DataError naming every bad cell.

    Columns: model, organizations (tuple), jurisdictions (tuple of iso3), access, accessibility,
    published (Timestamp), flop and parameters (float, NaN when unknown), source_id, line.
    ``countries`` and ``sources``, when given, are the iso3 codes and source_ids that exist.
    """
    known_countries, known_sources = set(countries), set(sources)
    table, problems = read_table(content, FILE, COLUMNS)
    if table is None:
        raise DataError(problems)
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for line, cell in table.rows:
        model = cell["model"]
        if not model:
            problems.append(Problem(FILE, line, "model", "empty: expected the model's name"))
        elif model in seen:
            problems.append(Problem(FILE, line, "model", f"{model!r} is already on line "
                                    f"{seen[model]}: expected one row per model"))
        seen.setdefault(model, line)
        orgs = tuple(o.strip() for o in cell["organizations"].split(LIST_SEP) if o.strip())
        codes = tuple(j.strip() for j in cell["jurisdictions"].split(LIST_SEP) if j.strip())
        unknown = [j for j in codes if known_countries and j not in known_countries]
        if unknown:
            problems.append(Problem(FILE, line, "jurisdictions", f"unknown country code(s) "
                                    f"{', '.join(unknown)}: expected iso3 codes of countries.csv "
                                    f"separated by {LIST_SEP!r}"))
        if cell["access"] not in ACCESS_KINDS:
            problems.append(Problem(FILE, line, "access", f"{cell['access']!r}: expected one of "
                                    + ", ".join(ACCESS_KINDS)))
        published: pd.Timestamp | None = None
        try:
            published = pd.Timestamp(date.fromisoformat(cell["publication_date"]))
        except ValueError:
            problems.append(Problem(FILE, line, "publication_date",
                                    f"{cell['publication_date']!r}: expected a date YYYY-MM-DD"))
        if known_sources and cell["source_id"] not in known_sources:
            problems.append(Problem(FILE, line, "source_id", f"{cell['source_id']!r}: expected "
                                    "a source_id of sources.csv"))
        rows.append({"model": model, "organizations": orgs, "jurisdictions": codes,
                     "access": cell["access"], "accessibility": cell["accessibility"],
                     "published": published,
                     "flop": _positive(cell["training_compute_flop"], line,
                                       "training_compute_flop", problems),
                     "parameters": _positive(cell["parameters"], line, "parameters", problems),
                     "source_id": cell["source_id"], "line": line})
    if problems:
        raise DataError(problems)
    return pd.DataFrame(rows, columns=["model", "organizations", "jurisdictions", "access",
                                       "accessibility", "published", "flop", "parameters",
                                       "source_id", "line"])


@lru_cache(maxsize=8)
def _read(path: Path, mtime: float, size: int, countries: tuple[str, ...],
          sources: tuple[str, ...]) -> pd.DataFrame:
    return parse_model_ledger(path.read_bytes(), countries, sources)


def load_model_ledger(bundle: Bundle) -> pd.DataFrame | None:
    """Return the checked models ledger of ``bundle``'s data directory, or None without one.

    Raises DataError (file, line, column, what was expected) when the file is invalid. The
    result is cached per file version; do not modify it.
    """
    if bundle.data_dir is None:
        return None
    path = Path(bundle.data_dir) / FILE
    if not path.is_file():
        return None
    stat = path.stat()
    return _read(path, stat.st_mtime, stat.st_size, tuple(sorted(bundle.countries.index)),
                 tuple(sorted(bundle.sources.index)))
