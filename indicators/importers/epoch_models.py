"""Epoch AI's model lists (notable, large-scale, frontier): one row per model and country.

Sources: ``epoch-ai/notable_ai_models.csv``, ``large_scale_ai_models.csv`` and
``frontier_ai_models.csv``. Used by the models pillar and by the models layer of
dependencies.csv.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.names import NameTable
from indicators.build.readers import FIRST_YEAR, require

_OPEN = ("Open weights (unrestricted)", "Open weights (restricted use)",
         "Open weights (non-commercial)")
_SERVED = ("API access", "Hosted access (no API)")


def read_epoch_models(sources: Path, file: str, names: NameTable) -> pd.DataFrame:
    """Return one row per (model, developer country): model, year, iso3, weight, access, flop.

    ``weight`` is 1/k for a model of k countries; ``access`` is open, served or closed.
    """
    path = require(sources / "epoch-ai" / file)
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    label = f"epoch-ai/{file}"
    rows = []
    for model, date, countries, access, flop in zip(
            raw["Model"], raw["Publication date"], raw["Country (of organization)"],
            raw["Model accessibility"], raw["Training compute (FLOP)"], strict=True):
        parts = [c.strip() for c in countries.split(",") if c.strip()]
        if not parts or not date:
            continue
        kind = "open" if access in _OPEN else "served" if access in _SERVED else "closed"
        for country in parts:
            iso3 = names.name(country, label)
            if iso3 is not None:
                rows.append({"model": model, "year": int(date[:4]), "iso3": iso3,
                             "weight": 1.0 / len(parts), "access": kind,
                             "flop": float(flop) if flop else float("nan")})
    return pd.DataFrame(rows, columns=["model", "year", "iso3", "weight", "access", "flop"])


def model_years(models: pd.DataFrame) -> list[int]:
    """Return 2019 to the latest publication year."""
    return list(range(FIRST_YEAR, int(models["year"].max()) + 1))


def cumulative_count(models: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return iso3, year, value: fractional count of models published 2019..year."""
    recent = models[models["year"] >= FIRST_YEAR]
    parts = [recent[recent["year"] <= y].assign(year=y) for y in years]
    stock = pd.concat(parts, ignore_index=True)
    return stock.groupby(["iso3", "year"], as_index=False).agg(value=("weight", "sum"))


def running_max(models: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return iso3, year, value, note: the largest training compute of the models published
    2019..year (like the model counts), the note naming that model and its year.

    Models before 2019 do not count: the frontier grows four- to fivefold a year, so a 1994
    perceptron (Italy's only model of known compute, 4.5e9 FLOP) is not a 2025 capability.
    """
    known = models.dropna(subset=["flop"])
    known = known[known["year"] >= FIRST_YEAR].reset_index(drop=True)
    known = known.assign(published=known["year"])
    parts = [known[known["published"] <= y].assign(year=y) for y in years]
    stock = pd.concat(parts, ignore_index=True)
    stock = stock.sort_values(["iso3", "year", "flop", "published", "model"],
                              ascending=[True, True, False, False, True])
    best = stock.groupby(["iso3", "year"], as_index=False).first()
    notes = [f"largest: {m} ({p})" for m, p in zip(best["model"], best["published"], strict=True)]
    return best.assign(value=best["flop"], note=notes)[["iso3", "year", "value", "note"]]
