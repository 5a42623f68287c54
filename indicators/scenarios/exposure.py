"""Economic exposure — an ESTIMATE under stated assumptions, not a measurement.

output at risk per hour = GDP per hour × share of output that depends on AI × capacity lost.
GDP comes from the data (context indicator ``gdp_usd``). Hours worked are not in the data, so GDP
per hour is per hour of the calendar year (GDP / 8,766 h = 365.25 × 24): the economy's output in
an average hour, a plain conversion rather than a labour statistic. Capacity lost is the share of
a country's cut layers that the scenario removes; AI output needs every layer, so by default the
most-cut layer binds ("bottleneck"); "mean" averages the cut layers instead.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from indicators.bundle import Bundle
from indicators.pipeline import select_observations
from indicators.scenarios.scoring import ScenarioResult

#: Hours in a calendar year (365.25 days × 24 h).
HOURS_PER_YEAR: Final = 8766.0
GDP_CODE: Final = "gdp_usd"
#: Default AI-dependent share of output: Acemoglu (2024), "The Simple Macroeconomics of AI",
#: NBER Working Paper 32487 — about 20 % of US tasks are exposed to AI and about 23 % of those
#: are profitable to automate within ten years, ≈ 4.6 % of tasks. A US estimate, used for every
#: country only as a starting point: set your own.
DEFAULT_AI_SHARE: Final = 0.046
AI_SHARE_SOURCE: Final = ("Acemoglu (2024), The Simple Macroeconomics of AI, NBER Working Paper "
                          "32487: ~20% of US tasks exposed to AI × ~23% profitable to automate "
                          "within 10 years ≈ 4.6%")

LossBasis = Literal["bottleneck", "mean"]


class ExposureAssumptions(BaseModel):
    """The user-set assumptions of the exposure estimate, shown beside every figure."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ai_share: float = Field(default=DEFAULT_AI_SHARE, ge=0.0, le=1.0,
                            description="Share of output that depends on AI (0–1).")
    loss_basis: LossBasis = "bottleneck"

    def describe(self) -> list[str]:
        """Return one line per assumption, with its source or 'your setting'."""
        share = (f"AI-dependent share of output: {self.ai_share:.1%}"
                 + (f" (default: {AI_SHARE_SOURCE})" if self.ai_share == DEFAULT_AI_SHARE
                    else " (your setting)"))
        basis = ("Capacity lost: the most-cut layer (AI needs every layer: the scarcest binds)"
                 if self.loss_basis == "bottleneck"
                 else "Capacity lost: the mean over the cut layers")
        return [share, "GDP: from the data (World Bank WDI, current US$), latest year in window",
                f"GDP per hour: GDP / {HOURS_PER_YEAR:,.0f} calendar hours (hours worked are not "
                "in the data)", basis]


def capacity_lost(result: ScenarioResult, basis: LossBasis = "bottleneck") -> pd.Series:
    """Return, per country, the share of its cut-layer capacity the scenario removes (0–1).

    NaN where the country has no ledger rows on any cut layer.
    """
    shares = result.cut.layer_share * result.scenario.severity
    known = shares.notna().any(axis=1)
    filled = shares.fillna(0.0)
    lost = filled.max(axis=1) if basis == "bottleneck" else filled.mean(axis=1)
    return lost.where(known).rename("capacity_lost")


def output_at_risk(bundle: Bundle, result: ScenarioResult,
                   assumptions: ExposureAssumptions | None = None) -> pd.DataFrame:
    """Return per country: GDP, its year, GDP per hour, capacity lost and output at risk (US$).

    Columns: iso3, name, gdp_usd, gdp_year, gdp_per_hour, ai_share, capacity_lost,
    at_risk_per_hour, at_risk_per_year. Missing GDP or ledger gives a missing estimate.
    """
    assumptions = assumptions or ExposureAssumptions()
    base = result.baseline
    out = pd.DataFrame({"name": base.countries["name"]})
    if GDP_CODE in bundle.indicators.index:
        gdp, gdp_year, _ = select_observations(bundle, [GDP_CODE], base.year, base.spec.window)
        out["gdp_usd"], out["gdp_year"] = gdp[GDP_CODE], gdp_year[GDP_CODE].astype("Int64")
    else:
        out["gdp_usd"], out["gdp_year"] = np.nan, pd.NA
    out["gdp_per_hour"] = out["gdp_usd"] / HOURS_PER_YEAR
    out["ai_share"] = assumptions.ai_share
    out["capacity_lost"] = capacity_lost(result, assumptions.loss_basis)
    out["at_risk_per_hour"] = out["gdp_per_hour"] * assumptions.ai_share * out["capacity_lost"]
    out["at_risk_per_year"] = out["at_risk_per_hour"] * HOURS_PER_YEAR
    return out.rename_axis("iso3").reset_index()
