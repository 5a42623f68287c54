"""Approximate World Bank income groups from GDP per capita (no WB classification file exists).

The World Bank classifies economies by GNI per capita (Atlas method). Its FY2026 thresholds
(published 1 July 2025, applied to 2024 GNI per capita) are: low income ≤ 1,135 US$,
lower-middle 1,136–4,495, upper-middle 4,496–13,935, high > 13,935. We apply them to GDP per
capita in current US$ (WDI NY.GDP.PCAP.CD) for 2024, or the latest earlier year available —
an approximation: GDP and GNI differ where income flows abroad (e.g. Ireland, Luxembourg).
Economies with no GDP per capita in WDI (e.g. Taiwan) are "Not classified".
"""

from __future__ import annotations

import pandas as pd

#: (upper bound inclusive, label), ascending; above the last bound is "High income".
THRESHOLDS_FY2026 = ((1135.0, "Low income"), (4495.0, "Lower middle income"),
                     (13935.0, "Upper middle income"))
HIGH = "High income"
UNCLASSIFIED = "Not classified"
REFERENCE_YEAR = 2024


def income_label(gdp_per_capita: float) -> str:
    """Return the income-group label for a GDP per capita in current US$."""
    for bound, label in THRESHOLDS_FY2026:
        if gdp_per_capita <= bound:
            return label
    return HIGH


def income_groups(iso3s: list[str], gdp_pc: pd.DataFrame) -> dict[str, str]:
    """Return iso3 → label using each country's latest GDP per capita up to REFERENCE_YEAR.

    ``gdp_pc`` has columns iso3, year, value.
    """
    usable = gdp_pc[gdp_pc["year"] <= REFERENCE_YEAR].sort_values(["iso3", "year"])
    latest = usable.groupby("iso3")["value"].last()
    return {
        iso3: income_label(float(latest[iso3])) if iso3 in latest.index else UNCLASSIFIED
        for iso3 in iso3s
    }
