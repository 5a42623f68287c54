"""Context series (unscored): population and GDP, the denominators of the intensity view.

The World Bank's WDI is the source. Economies WDI has no series for (Taiwan: no population or
GDP; the Holy See: neither; Eritrea, North Korea, South Sudan, Yemen: no GDP) take CLDR 37's
territory figures instead (``territoryInfo_cldr37.json``: ``_population`` and ``_gdp``, CLDR's
release of 2020, recorded as year ``CLDR_YEAR``), each row sourced to ``cldr_territory`` with a
note. CLDR's GDP is at purchasing-power parity, not current US$: it is used as the GDP
denominator of these economies only, so an honest bias remains — where prices are below US
levels PPP GDP is the larger figure, and their per-GDP intensity is understated (conservative).
"""

from __future__ import annotations

import json

import pandas as pd

from indicators.build.observations import Context, observations
from indicators.build.readers import read_wdi, require
from indicators.build.spec import Indicator

PILLAR = "context"

INDICATORS = (
    Indicator("population", "Population", PILLAR, "people", 1, "none", "wb_wdi",
              description="""Total population, mid-year (WDI SP.POP.TOTL). Not scored: the
              denominator for per-person intensity views. Where WDI has no series (Taiwan,
              the Holy See) CLDR 37's territory population (2020 release) is used."""),
    Indicator("gdp_usd", "GDP", PILLAR, "current US$", 1, "none", "wb_wdi",
              description="""Gross domestic product in current US$ (WDI NY.GDP.MKTP.CD). Not
              scored: the denominator for capacity relative to the size of the economy. Where
              WDI has no series (Taiwan, Eritrea, North Korea, South Sudan, Yemen, the Holy
              See) CLDR 37's GDP (2020 release) is used: a PPP figure, not current US$, which
              understates those economies' per-GDP intensity where prices are below US
              levels."""),
    Indicator("gdp_per_capita", "GDP per capita", PILLAR, "current US$", 1, "none", "wb_wdi",
              description="""GDP per capita in current US$ (WDI NY.GDP.PCAP.CD). Not scored:
              used to approximate World Bank income groups in countries.csv (FY2026
              thresholds applied to 2024 GDP per capita instead of GNI per capita). Where WDI
              has no series, CLDR 37's GDP (PPP) / population, held to a stricter rule (see
              indicators/build/income.py)."""),
)

WDI_CODES = {"population": "SP.POP.TOTL", "gdp_usd": "NY.GDP.MKTP.CD",
             "gdp_per_capita": "NY.GDP.PCAP.CD"}


#: The year CLDR 37's territory figures are recorded under (its release, 2020).
CLDR_YEAR = 2020
CLDR_SOURCE = "cldr_territory"
CLDR_NOTE = {
    "population": "CLDR 37 (2020) territory population; WDI has no population series",
    "gdp_usd": "CLDR 37 (2020) GDP at PPP, not current US$; WDI has no GDP series",
    "gdp_per_capita": "CLDR 37 (2020) GDP at PPP / CLDR population, not current US$; "
                      "WDI has no GDP series",
}


def cldr_figures(ctx: Context) -> pd.DataFrame:
    """Return iso3, population, gdp (PPP; NaN where CLDR gives none) of every country CLDR 37's
    territoryInfo lists."""
    path = require(ctx.sources / "cldr-territory-languages" / "territoryInfo_cldr37.json")
    label = f"cldr-territory-languages/{path.name}"
    info = json.loads(path.read_text(encoding="utf-8"))["supplemental"]["territoryInfo"]
    rows = []
    for territory, entry in info.items():
        iso3 = ctx.names.iso2(territory, label)
        if iso3 is not None:
            rows.append((iso3, float(entry.get("_population", "nan")),
                         float(entry.get("_gdp", "nan"))))
    return pd.DataFrame(rows, columns=["iso3", "population", "gdp"])


def cldr_fallback(ctx: Context, wdi: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Return CLDR value rows for each context series and country WDI has no row of."""
    cldr = cldr_figures(ctx)
    figures = {"population": cldr["population"], "gdp_usd": cldr["gdp"],
               "gdp_per_capita": cldr["gdp"] / cldr["population"]}
    frames = []
    for code, value in figures.items():
        missing = ~cldr["iso3"].isin(set(wdi[code]["iso3"])) & (value > 0)
        frame = pd.DataFrame({"iso3": cldr.loc[missing, "iso3"], "year": CLDR_YEAR,
                              "value": value[missing]})
        frames.append(observations(frame, code, CLDR_SOURCE, CLDR_NOTE[code]))
    return pd.concat(frames, ignore_index=True)


def load(ctx: Context) -> pd.DataFrame:
    """Return the context value rows: WDI's, and CLDR's where WDI has no series."""
    wdi = {code: read_wdi(ctx.sources, series, ctx.names) for code, series in WDI_CODES.items()}
    rows = [observations(wdi[code], code, "wb_wdi", WDI_CODES[code]) for code in WDI_CODES]
    return pd.concat([*rows, cldr_fallback(ctx, wdi)], ignore_index=True)
