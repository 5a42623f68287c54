"""Context series (unscored): population and GDP, the denominators of the intensity view."""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context, observations
from indicators.build.readers import read_wdi
from indicators.build.spec import Indicator

PILLAR = "context"

INDICATORS = (
    Indicator("population", "Population", PILLAR, "people", 1, "none", "wb_wdi",
              description="""Total population, mid-year (WDI SP.POP.TOTL). Not scored: the
              denominator for per-person intensity views."""),
    Indicator("gdp_usd", "GDP", PILLAR, "current US$", 1, "none", "wb_wdi",
              description="""Gross domestic product in current US$ (WDI NY.GDP.MKTP.CD). Not
              scored: the denominator for capacity relative to the size of the economy."""),
    Indicator("gdp_per_capita", "GDP per capita", PILLAR, "current US$", 1, "none", "wb_wdi",
              description="""GDP per capita in current US$ (WDI NY.GDP.PCAP.CD). Not scored:
              used to approximate World Bank income groups in countries.csv (FY2026
              thresholds applied to 2024 GDP per capita instead of GNI per capita)."""),
)

WDI_CODES = {"population": "SP.POP.TOTL", "gdp_usd": "NY.GDP.MKTP.CD",
             "gdp_per_capita": "NY.GDP.PCAP.CD"}


def load(ctx: Context) -> pd.DataFrame:
    """Return the context value rows."""
    return pd.concat([observations(read_wdi(ctx.sources, wdi, ctx.names), code, "wb_wdi", wdi)
                      for code, wdi in WDI_CODES.items()], ignore_index=True)
