"""models_ledger.csv: every large-scale AI model of Epoch AI with its providers and access.

One row per model of Epoch AI's large-scale file (training compute above 1e23 FLOP):

- ``organizations``: Epoch's ``Organization`` names, ``;``-separated (the providers a scenario
  can cut with ``--provider``);
- ``jurisdictions``: iso3 codes of Epoch's ``Country (of organization)``, ``;``-separated,
  duplicates removed (a model co-developed in two countries is domestic in both);
- ``access``: ``open`` (any "Open weights" value), ``served`` (API or hosted access: closed
  weights a provider can withdraw) or ``unreleased`` (Epoch's "Unreleased", or no value);
  ``accessibility`` keeps Epoch's own wording;
- ``publication_date`` (YYYY-MM-DD), ``training_compute_flop`` and ``parameters`` as Epoch
  gives them (empty when Epoch has no estimate).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Final

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.readers import require
from indicators.build.writer import format_number, write_csv

FILE: Final = "models_ledger.csv"
COLUMNS: Final = ("model", "organizations", "jurisdictions", "access", "accessibility",
                  "publication_date", "training_compute_flop", "parameters", "source_id")
SOURCE_ID: Final = "epoch_models"
_SOURCE_FILE: Final = "large_scale_ai_models.csv"
_SOURCE_COLUMNS: Final = ("Model", "Organization", "Country (of organization)",
                          "Model accessibility", "Publication date", "Training compute (FLOP)",
                          "Parameters")
_OPEN_PREFIX: Final = "Open weights"
_SERVED: Final = ("API access", "Hosted access (no API)")
_COMPANY_SUFFIX: Final = re.compile(r"^(Ltd|Inc|LLC|GmbH)\b")


def access_kind(accessibility: str) -> str:
    """Return ``open``, ``served`` or ``unreleased`` for Epoch's ``Model accessibility``."""
    if accessibility.startswith(_OPEN_PREFIX):
        return "open"
    if accessibility in _SERVED:
        return "served"
    return "unreleased"


def split_organizations(text: str) -> list[str]:
    """Return Epoch's comma-separated organisations, keeping "X Co., Ltd." as one name."""
    names: list[str] = []
    for part in text.split(","):
        part = " ".join(part.split())
        if names and _COMPANY_SUFFIX.match(part):
            names[-1] = f"{names[-1]}, {part}"
        elif part:
            names.append(part)
    return names


def _number(text: str, label: str, line: int, column: str) -> str:
    if not text.strip():
        return ""
    try:
        value = float(text)
    except ValueError:
        raise BuildError(f"{label}:{line}: {column}: {text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise BuildError(f"{label}:{line}: {column}: {text!r} is not a positive number")
    return format_number(value)


def model_rows(sources: Path, names: NameTable) -> list[dict[str, str]]:
    """Return the models_ledger.csv rows, sorted by publication date then model name."""
    path = require(sources / "epoch-ai" / _SOURCE_FILE)
    label = f"epoch-ai/{_SOURCE_FILE}"
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    missing = [col for col in _SOURCE_COLUMNS if col not in raw.columns]
    if missing:
        raise BuildError(f"{label}: missing column(s) {', '.join(missing)}")
    rows = []
    for line, record in enumerate(raw.to_dict("records"), start=2):
        date = str(record["Publication date"]).strip()
        if len(date) != 10:
            raise BuildError(f"{label}:{line}: Publication date: {date!r} is not YYYY-MM-DD")
        countries = [part.strip() for part in str(record["Country (of organization)"]).split(",")]
        codes = {names.name(country, label) for country in countries if country}
        organizations = split_organizations(str(record["Organization"]))
        accessibility = str(record["Model accessibility"]).strip()
        rows.append({
            "model": " ".join(str(record["Model"]).split()),
            "organizations": ";".join(org for org in organizations if org),
            "jurisdictions": ";".join(sorted(code for code in codes if code)),
            "access": access_kind(accessibility),
            "accessibility": accessibility,
            "publication_date": date,
            "training_compute_flop": _number(str(record["Training compute (FLOP)"]), label, line,
                                             "Training compute (FLOP)"),
            "parameters": _number(str(record["Parameters"]), label, line, "Parameters"),
            "source_id": SOURCE_ID,
        })
    names_seen = [row["model"] for row in rows]
    if len(set(names_seen)) != len(names_seen):
        dups = sorted({n for n in names_seen if names_seen.count(n) > 1})
        raise BuildError(f"{label}: duplicate model names {dups}")
    return sorted(rows, key=lambda row: (row["publication_date"], row["model"]))


def write(sources: Path, names: NameTable, out_dir: Path) -> None:
    """Write data/models_ledger.csv from Epoch AI's large-scale models file."""
    write_csv(out_dir / FILE, COLUMNS, model_rows(sources, names))
