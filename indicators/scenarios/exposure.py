"""Economic exposure — an ESTIMATE under stated assumptions, not a measurement.

output at risk per hour = GDP per hour × share of output that depends on AI × capacity lost.
GDP comes from the data (context indicator ``gdp_usd``). Hours worked are not in the data, so GDP
per hour is per hour of the calendar year (GDP / 8,766 h = 365.25 × 24): the economy's output in
an average hour, a plain conversion rather than a labour statistic.

Capacity lost ("inputs", the default) is the share of the country's AI capability inputs that the
scenario removes. AI output needs a model and the infrastructure to run it, so
``capacity lost = 1 − (1 − models lost) × (1 − infrastructure lost)``:

- models lost: the share of the large-scale models the country can use that the scenario withdraws
  (severity applied); 0 when the models layer is not cut;
- infrastructure lost: over the scored indicators on a supply layer (GPU clusters, TOP500, cloud
  regions, submarine cables) on which the country has a positive value, the mean of the share of
  the value the scenario removes (severity × the cut share the floor scores use), each weighted by
  the indicator's weight in the overall score (pillar weight share × indicator weight share).

So a country that loses all its listed GPU clusters but keeps its TOP500 systems, cloud regions and
cables loses a part of its infrastructure, not all of it (audit 3 B13: Germany's "100 %" under US
export controls while its score kept 87 %). "bottleneck" (the most-cut layer: the scarcest binds)
is kept as the strict reading; "mean" averages the cut layers.

The AI share default, 4.6 %, is Acemoglu's (2024) share of US tasks that AI can profitably
automate *within ten years*: an upper bound of the output that leans on AI, not output that stops
in an hour today.
"""

from __future__ import annotations

import math
from typing import Final, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from indicators.bundle import Bundle
from indicators.pipeline import select_observations
from indicators.scenarios.cutoff import MODELS_LAYER
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

#: How the default capacity lost is measured, in words (the page and docs/scenarios.md).
INPUTS_BASIS: Final = (
    "Capacity lost: the share of the country's AI capability inputs the scenario removes, "
    "1 − (1 − models lost) × (1 − infrastructure lost); models lost = share of its usable "
    "large-scale models withdrawn; infrastructure lost = the share removed of each input it "
    "has (GPU clusters, TOP500 systems, cloud regions, submarine cables), weighted as in the "
    "overall score")

LossBasis = Literal["inputs", "bottleneck", "mean"]


class ExposureAssumptions(BaseModel):
    """The user-set assumptions of the exposure estimate, shown beside every figure."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ai_share: float = Field(default=DEFAULT_AI_SHARE, ge=0.0, le=1.0,
                            description="Share of output AI can take over (0–1); default: the "
                                        "share of tasks automatable within ten years.")
    loss_basis: LossBasis = "inputs"

    def describe(self) -> list[str]:
        """Return one line per assumption, with its source or 'your setting'."""
        share = (f"AI share of output: {self.ai_share:.1%}"
                 + (f" (default: {AI_SHARE_SOURCE}; a ten-year automation share, an upper "
                    "bound of the output that leans on AI today, not output that stops "
                    "within the hour)" if self.ai_share == DEFAULT_AI_SHARE
                    else " (your setting)"))
        basis = {"inputs": INPUTS_BASIS,
                 "bottleneck": "Capacity lost: the most-cut layer (the strict reading: AI needs "
                               "every layer, the scarcest binds)",
                 "mean": "Capacity lost: the mean over the cut layers"}[self.loss_basis]
        return [share, "GDP: from the data, latest year in window (World Bank WDI, current "
                "US$; for the few economies WDI lacks, such as Taiwan, CLDR's 2020 GDP at PPP, "
                "which the country page names)",
                f"GDP per hour: GDP / {HOURS_PER_YEAR:,.0f} calendar hours (hours worked are not "
                "in the data)", basis]


def infrastructure_lost(result: ScenarioResult) -> pd.Series:
    """Return, per country, the score-weighted share of its supply-layer inputs removed (0–1).

    The inputs are the scored indicators that sit on a supply layer and score more for more
    (GPU clusters, TOP500, cloud regions, cables), counted where the country's value is
    positive; each weighs its weight in the overall score. NaN where it has none.
    """
    base = result.baseline
    info = base.indicators
    pillar_weight = base.pillar_info["weight"].astype(float)
    pillar_weight = pillar_weight / pillar_weight.sum()
    within = info["weight"].astype(float) / info.groupby("pillar")["weight"].transform("sum")
    weight = within * info["pillar"].map(pillar_weight).astype(float)
    on_layer = info["layer"].fillna("").astype(str).ne("") & info["direction"].astype(float).gt(0)
    codes = [c for c in info.index[on_layer] if c in base.raw.columns]
    if not codes:
        return pd.Series(np.nan, index=base.raw.index, name="infrastructure_lost")
    present = base.raw[codes].gt(0)
    weights = present.mul(weight[codes].fillna(0.0), axis=1)
    removed = (result.cut.share[codes] * result.scenario.severity).clip(0.0, 1.0)
    total = weights.sum(axis=1)
    lost = (weights * removed).sum(axis=1) / total.where(total > 0)
    return lost.rename("infrastructure_lost")


def models_lost(result: ScenarioResult) -> pd.Series:
    """Return, per country, the share of its usable large-scale models withdrawn (severity
    applied): 0 when the models layer is not cut, NaN where its models ledger is unknown."""
    index = result.baseline.raw.index
    if not result.cuts_models or MODELS_LAYER not in result.cut.layer_share.columns:
        return pd.Series(0.0, index=index, name="models_lost")
    share = result.cut.layer_share[MODELS_LAYER].reindex(index).astype(float)
    return (share * result.scenario.severity).clip(0.0, 1.0).rename("models_lost")


def capacity_lost(result: ScenarioResult, basis: LossBasis = "inputs") -> pd.Series:
    """Return, per country, the share of its AI capacity the scenario removes (0–1).

    ``inputs`` (default): 1 − (1 − models lost) × (1 − infrastructure lost), a missing part
    counted as nothing lost; NaN where both are unknown. ``bottleneck`` / ``mean``: the
    most-cut / mean cut layer share; NaN where the country has no ledger rows on a cut layer.
    """
    if basis == "inputs":
        models, infra = models_lost(result), infrastructure_lost(result)
        known = models.notna() | infra.notna()
        if not result.cuts_models:
            known = infra.notna()
        lost = 1.0 - (1.0 - models.fillna(0.0)) * (1.0 - infra.fillna(0.0))
        return lost.where(known).rename("capacity_lost")
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


def _percent(share: float) -> str:
    """Return a share to two significant figures ('0.52%', '76%'), never '100%' for less."""
    if not share > 0:
        return "0%"
    digits = max(0, 1 - math.floor(math.log10(share * 100)))
    while share < 1 and round(share * 100, digits) >= 100:
        digits += 1
    return f"{share * 100:.{digits}f}%"


def exposure_sentence(bundle: Bundle, result: ScenarioResult, iso3: str,
                      assumptions: ExposureAssumptions | None = None) -> str:
    """Return the country's output-at-risk estimate in one paragraph, its equation and what
    the capacity lost is made of ('' when nothing is lost or GDP or the ledger is missing)."""
    assumptions = assumptions or ExposureAssumptions()
    frame = output_at_risk(bundle, result, assumptions).set_index("iso3")
    if iso3 not in frame.index:
        return ""
    row = frame.loc[iso3]
    lost = float(frame["capacity_lost"].astype(float).get(iso3, math.nan))
    if not (lost > 0) or pd.isna(row["at_risk_per_hour"]):
        return ""
    parts = ""
    if assumptions.loss_basis == "inputs":
        models = float(models_lost(result).fillna(0.0).get(iso3, 0.0))
        infra = float(infrastructure_lost(result).fillna(0.0).get(iso3, 0.0))
        parts = (f" (models withdrawn {_percent(models)}, infrastructure inputs removed "
                 f"{_percent(infra)})")
    share = ("a ten-year automation share, so an upper bound"
             if assumptions.ai_share == DEFAULT_AI_SHARE else "your setting")
    return (f"Economic exposure, an estimate: about US$ {row['at_risk_per_hour']:,.0f} of "
            f"{row['name']}'s output per hour (US$ {row['at_risk_per_year'] / 1e9:,.1f} bn a "
            f"year) = GDP per calendar hour US$ {row['gdp_per_hour']:,.0f} ({row['gdp_year']}) "
            f"× AI share {assumptions.ai_share:.1%} ({share}) × capacity lost {_percent(lost)}"
            f"{parts}: the share of its AI capability inputs the scenario removes.")
