"""The energy layer: how much of a country's energy use is produced at home.

Ember's files were meant to give net electricity imports, but in the snapshot in
../shared/sources every `Net imports` (and `Demand`, `Production`) row of
capacity_annual_database.csv is empty, and the yearly overview has demand only. The layer
therefore uses the World Bank's net energy imports (WDI EG.IMP.CONS.ZS, % of energy use, all
energy, not only electricity): the country's own row holds the domestic share
1 − max(0, imports) / 100 (a net exporter: 1). No source says *who* supplies the imports, so
they have no named supplier: only an all-foreign cut removes them (cutoff.UNNAMED_FOREIGN).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from indicators.build.observations import Context
from indicators.build.readers import read_wdi

ENERGY_LAYER: Final = "energy"
WDI_CODE: Final = "EG.IMP.CONS.ZS"


def energy_rows(ctx: Context) -> pd.DataFrame:
    """Return the energy-layer rows: one domestic row per country and year with a value."""
    imports = read_wdi(ctx.sources, WDI_CODE, ctx.names).dropna(subset=["value"])
    domestic = 1.0 - imports["value"].clip(lower=0.0, upper=100.0) / 100.0
    return pd.DataFrame({
        "iso3": imports["iso3"], "layer": ENERGY_LAYER, "supplier": imports["iso3"],
        "year": imports["year"].astype(int), "share": domestic, "source_id": "wb_wdi",
        "note": f"domestic share of energy use, 1 - net imports (WDI {WDI_CODE}); imports "
                "have no named supplier"}).reset_index(drop=True)
