"""The data pillar's connectivity indicator from the submarine cable map: international cable
systems landing in each country.

Source: the Open Undersea Cable Map (``submarine-cables/cable/*.json``; TeleGeography's map as
last CC-licensed, late 2022, data to 2023), read with the chain layer's rules
(``indicators.importers.cables``, used read-only): planned cables are left out, landings in
territories that are not countries of countries.csv drop, and a cable is *international* for a
country when it lands there and in at least one other country.

One correction to the map's country names (``cables.SAR_LANDINGS``, shared with the cable
ledgers): the map files Hong Kong's landing stations (and Macao's) under "China"; they are
counted for Hong Kong SAR and Macao SAR, as every other source in the data reports them apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.importers.cables import CABLE_VINTAGE, landing_iso3


def cable_landings(sources: Path, names: NameTable) -> dict[str, frozenset[str]]:
    """Return, per in-service cable (not planned), the countries it lands in."""
    folder = sources / "submarine-cables" / "cable"
    files = sorted(p for p in folder.glob("*.json")
                   if p.name not in {"all.json", "cable-geo.json"})
    if not files:
        raise BuildError(f"no cable files in {folder}")
    out = {}
    for path in files:
        label = f"submarine-cables/cable/{path.name}"
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("is_planned"):
            continue
        landed = {landing_iso3(lp, names, label) for lp in doc.get("landing_points") or []}
        out[str(doc["id"])] = frozenset(c for c in landed if c)
    return out


def international_cables(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, value, note: the number of in-service international cables landing
    in each country with at least one landing point, in the map's vintage year.

    A country with no landing point at all has no row (missing): its international links run
    over land, which the map does not record.
    """
    landings = cable_landings(sources, names)
    landed = {c for countries in landings.values() for c in countries}
    rows = []
    for iso3 in sorted(landed):
        count = sum(1 for countries in landings.values()
                    if iso3 in countries and len(countries) >= 2)
        rows.append({"iso3": iso3, "year": CABLE_VINTAGE, "value": float(count),
                     "note": "in-service international cables landing (map of late 2022)"})
    return pd.DataFrame(rows, columns=["iso3", "year", "value", "note"])
