"""What a country could do on its own compute: serve the open-weight fallback, train its own.

Both figures use the country's known AI compute in H100-equivalents: its GPU clusters
(``gpu_cluster_h100e``, Epoch AI, latest year in the window) plus its accelerated TOP500
systems that Epoch does not list (``ai_compute_top500.csv``; ``indicators.scenarios.ai_compute``).
Every assumption is a field of ``SovereignAssumptions`` and is listed by ``describe()``.

- **Fallback served share**: demand = internet users (``internet_users`` % × ``population``) ×
  tokens per user per day (``TOKENS_PER_USER_DAY``: what Google and OpenAI said they served in
  October 2025, over the world's internet users); one token of a model with P parameters costs
  2·P FLOP (the forward pass, Kaplan et al. 2020, "Scaling Laws for Neural Language Models");
  capacity = H100e × FLOP/s per H100e × serving utilisation. Share = min(1, capacity / demand),
  averaged over the day (no peak factor). Parameters are the total count Epoch gives: for a
  mixture-of-experts model this overstates the compute per token.
- **Training days**: training compute / (H100e × FLOP/s per H100e × training utilisation ×
  86,400 s), for the frontier's compute and for the best model the country lost. NaN (unknown)
  where neither Epoch lists a GPU cluster nor TOP500 an accelerated system: Epoch's list is a
  sample (roughly 10–20 % of the world's AI compute) and TOP500 counts only the 500 largest
  systems, so such a country is unobserved, and for the others the days are an upper bound.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from indicators.bundle import Bundle
from indicators.pipeline import select_observations
from indicators.scenarios.ai_compute import top500_h100e

H100E_CODE: Final = "gpu_cluster_h100e"
INTERNET_CODE: Final = "internet_users"
POPULATION_CODE: Final = "population"
SECONDS_PER_DAY: Final = 86_400.0
#: NVIDIA H100 SXM datasheet: 989 TFLOP/s dense BF16 tensor throughput (1,979 with sparsity).
H100_FLOPS: Final = 989e12
H100_SOURCE: Final = "NVIDIA H100 SXM datasheet, dense BF16 tensor core (1,979 TFLOP/s is sparse)"
#: Median hardware utilisation (MFU) of the 36 large-scale models in Epoch AI's file that report
#: one (``Hardware utilization (MFU)``: median 0.381, quartiles 0.30–0.47).
TRAINING_UTILISATION: Final = 0.38
UTILISATION_SOURCE: Final = ("median MFU of the 36 large-scale models in Epoch AI's data that "
                             "report one (0.381; quartiles 0.30–0.47)")
#: Internet users may be older than the scoring window (ITU's latest US figure is 2022): the
#: demand estimate takes the latest value up to this many years back.
USERS_WINDOW: Final = 10
#: Tokens served, from the providers' own public statements of October 2025 (the month of the
#: ledger's and the GPU-cluster list's latest entries); both count every token processed (input
#: and output). Google: "over 1.3 quadrillion tokens a month" across its products (Sundar
#: Pichai, Google Cloud event, October 2025; reported at https://the-decoder.com/google-boasts-
#: 1-3-quadrillion-tokens-each-month-but-the-figure-is-mostly-window-dressing).
GOOGLE_TOKENS_PER_MONTH: Final = 1.3e15
#: OpenAI: "6 billion tokens per minute" on its API (Sam Altman, DevDay, 6 October 2025;
#: reported at https://www.findarticles.com/chatgpt-surpasses-800-million-weekly-users).
OPENAI_API_TOKENS_PER_MINUTE: Final = 6e9
#: Internet users in the world in 2025: about 6 billion (ITU, Facts and Figures 2025, 17
#: November 2025; https://www.itu.int/itu-d/reports/statistics/2025/10/15/ff25-foreword).
WORLD_INTERNET_USERS: Final = 6.0e9
#: Tokens per internet user and day: the two providers' tokens a day over the world's internet
#: users (≈ 8,558). A floor of world demand (two providers only), spread evenly over users.
TOKENS_PER_USER_DAY: Final = (GOOGLE_TOKENS_PER_MONTH / (365.25 / 12)
                              + OPENAI_API_TOKENS_PER_MINUTE * 1440.0) / WORLD_INTERNET_USERS
TOKENS_SOURCE: Final = ("Google's 1.3 quadrillion tokens a month and OpenAI's API 6 billion a "
                        "minute (both October 2025) over ITU's 6 billion internet users (2025); "
                        "two providers only, so a floor of demand")


class SovereignAssumptions(BaseModel):
    """Adjustable assumptions of the fallback-serving and training-time estimates."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    flops_per_h100e: float = Field(default=H100_FLOPS, gt=0)
    training_utilisation: float = Field(default=TRAINING_UTILISATION, gt=0, le=1)
    serving_utilisation: float = Field(default=TRAINING_UTILISATION, gt=0, le=1)
    tokens_per_user_day: float = Field(default=TOKENS_PER_USER_DAY, gt=0)

    def describe(self) -> list[str]:
        """Return one line per assumption, with its source or why there is none."""
        def mark(value: float, default: float, source: str) -> str:
            return f"(default: {source})" if value == default else "(your setting)"

        return [
            f"FLOP/s per H100-equivalent: {self.flops_per_h100e / 1e12:,.0f} TFLOP/s "
            + mark(self.flops_per_h100e, H100_FLOPS, H100_SOURCE),
            f"Training utilisation: {self.training_utilisation:.0%} "
            + mark(self.training_utilisation, TRAINING_UTILISATION, UTILISATION_SOURCE),
            f"Serving utilisation: {self.serving_utilisation:.0%} "
            + mark(self.serving_utilisation, TRAINING_UTILISATION,
                   "the training median; the data hold no inference utilisation"),
            f"Tokens per internet user per day: {self.tokens_per_user_day:,.0f} "
            + mark(self.tokens_per_user_day, TOKENS_PER_USER_DAY, TOKENS_SOURCE),
            "Compute per token: 2 × parameters (forward pass; Kaplan et al. 2020); total "
            "parameters as Epoch gives them",
            "Users: internet users (% of population, ITU via OWID, latest of the last "
            f"{USERS_WINDOW} years) × population (World Bank); demand averaged over the day",
            "AI compute: GPU-cluster H100-equivalents (Epoch AI, latest year in the window) "
            "plus the accelerated TOP500 systems Epoch does not list (Rpeak × the "
            "accelerator's 16-bit / FP64 peak ÷ 989 TFLOP/s; lists of the window)",
        ]


def domestic_inputs(bundle: Bundle, year: int, window: int) -> pd.DataFrame:
    """Return per country the known AI compute and the users.

    Columns: ``h100e_gpu_clusters`` (Epoch AI, latest in the window) and its year
    ``h100e_year``; ``h100e_top500`` (accelerated TOP500 systems Epoch does not list,
    ``ai_compute.top500_h100e``); ``h100e`` = their sum (NaN where neither is known); and
    ``internet_users`` (people: internet share, latest in ``USERS_WINDOW`` years, × population
    in the window)."""
    wanted = (H100E_CODE, INTERNET_CODE, POPULATION_CODE)
    codes = [c for c in wanted if c in bundle.indicators.index]
    values, years, _ = select_observations(bundle, codes, year, window)
    values = values.reindex(columns=list(wanted))
    years = years.reindex(columns=list(wanted))
    recent, _, _ = select_observations(bundle, codes, year, max(window, USERS_WINDOW))
    share = recent.reindex(columns=list(wanted))[INTERNET_CODE]
    users = share / 100.0 * values[POPULATION_CODE]
    clusters = values[H100E_CODE].astype(float)
    top500 = top500_h100e(bundle, year, window).reindex(clusters.index)
    known = pd.concat([clusters, top500], axis=1).sum(axis=1, min_count=1)
    return pd.DataFrame({"h100e": known.astype(float),
                         "h100e_gpu_clusters": clusters,
                         "h100e_top500": top500.astype(float),
                         "h100e_year": years[H100E_CODE].astype("Int64"),
                         "internet_users": users.astype(float)},
                        index=bundle.countries.index)


def training_days(flop: float | pd.Series, h100e: pd.Series,
                  assumptions: SovereignAssumptions) -> pd.Series:
    """Return the days ``h100e`` would need to deliver ``flop`` (NaN without AI compute)."""
    rate = h100e.where(h100e > 0) * assumptions.flops_per_h100e \
        * assumptions.training_utilisation * SECONDS_PER_DAY
    return (flop / rate).astype(float)


def fallback_capacity_ratio(parameters: float, h100e: pd.Series, users: pd.Series,
                            assumptions: SovereignAssumptions) -> pd.Series:
    """Return domestic serving capacity / the users' token demand for a model of
    ``parameters`` (uncapped: 3 means three times the demand); NaN where users or AI compute are
    unknown or parameters are not finite."""
    if not np.isfinite(parameters) or parameters <= 0:
        return pd.Series(np.nan, index=h100e.index)
    capacity = h100e * assumptions.flops_per_h100e \
        * assumptions.serving_utilisation / (2.0 * parameters)
    demand = users * assumptions.tokens_per_user_day / SECONDS_PER_DAY
    with np.errstate(invalid="ignore", divide="ignore"):
        return (capacity / demand.where(demand > 0)).astype(float)


def fallback_served_share(parameters: float, h100e: pd.Series, users: pd.Series,
                          assumptions: SovereignAssumptions) -> pd.Series:
    """Return the share (0–1) of the users' token demand a model of ``parameters`` could get
    served on the domestic ``h100e``: the capacity ratio capped at 1."""
    return fallback_capacity_ratio(parameters, h100e, users, assumptions).clip(upper=1.0)
