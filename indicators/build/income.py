"""Approximate World Bank income groups from GDP per capita (no WB classification file exists).

The World Bank classifies economies by GNI per capita (Atlas method). Its FY2026 thresholds
(published 1 July 2025, applied to 2024 GNI per capita) are: low income ≤ 1,135 US$,
lower-middle 1,136–4,495, upper-middle 4,496–13,935, high > 13,935. We apply them to GDP per
capita in current US$ (WDI NY.GDP.PCAP.CD) for 2024, or the latest earlier year available —
an approximation: GDP and GNI differ where income flows abroad (e.g. Ireland, Luxembourg).
Economies with no GDP per capita in WDI take CLDR 37's GDP / population instead (source
``cldr_territory``, see ``indicators.importers.context``). That figure is at purchasing-power
parity, which exceeds GDP in US$ where prices are below US levels, so it is trusted only to
say "High income", and only with a margin: PPP GDP per capita above ``PPP_MARGIN`` × the
high-income threshold (27,870). Taiwan (CLDR: 1,189 bn / 23.546 m = 50,497 per person) is High
income — as the World Bank itself lists "Taiwan, China" — while Eritrea, North Korea, South
Sudan and Yemen (PPP 1,600–2,600) stay "Not classified", as does any economy with neither
figure. "Not classified" is never an imputation group (``indicators.pipeline.impute_by``).
"""

from __future__ import annotations

import pandas as pd

#: (upper bound inclusive, label), ascending; above the last bound is "High income".
THRESHOLDS_FY2026 = ((1135.0, "Low income"), (4495.0, "Lower middle income"),
                     (13935.0, "Upper middle income"))
HIGH = "High income"
UNCLASSIFIED = "Not classified"
REFERENCE_YEAR = 2024
#: A PPP GDP per capita must exceed this multiple of the high-income threshold to classify.
PPP_MARGIN = 2.0
#: The source id of the PPP fallback rows (CLDR 37).
PPP_SOURCE = "cldr_territory"


def income_label(gdp_per_capita: float) -> str:
    """Return the income-group label for a GDP per capita in current US$."""
    for bound, label in THRESHOLDS_FY2026:
        if gdp_per_capita <= bound:
            return label
    return HIGH


def income_groups(iso3s: list[str], gdp_pc: pd.DataFrame) -> dict[str, str]:
    """Return iso3 → label using each country's latest GDP per capita up to REFERENCE_YEAR.

    ``gdp_pc`` has columns iso3, year, value and optionally source_id: rows of ``PPP_SOURCE``
    (PPP, not US$) count only where a country has no other row, and only to say High income
    above ``PPP_MARGIN`` × the threshold.
    """
    is_ppp = (gdp_pc["source_id"] == PPP_SOURCE if "source_id" in gdp_pc.columns
              else pd.Series(False, index=gdp_pc.index))
    ppp = gdp_pc[is_ppp]
    usable = gdp_pc[~is_ppp & (gdp_pc["year"] <= REFERENCE_YEAR)]
    latest = usable.sort_values(["iso3", "year"]).groupby("iso3")["value"].last()
    ppp_latest = ppp.sort_values(["iso3", "year"]).groupby("iso3")["value"].last()
    high_bound = THRESHOLDS_FY2026[-1][0]

    def label(iso3: str) -> str:
        if iso3 in latest.index:
            return income_label(float(latest[iso3]))
        if iso3 in ppp_latest.index and float(ppp_latest[iso3]) > PPP_MARGIN * high_bound:
            return HIGH
        return UNCLASSIFIED

    return {iso3: label(iso3) for iso3 in iso3s}
