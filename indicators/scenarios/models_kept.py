"""One scenario's model capability figures per country: best model kept, months behind the
frontier, share of demand the open-weight fallback could be served at home, training days."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.result import Result
from indicators.scenarios.capability import (
    Frontier,
    capability,
    cut_day,
    open_weight_fallback,
    unknown_models,
    withdrawn_models,
)
from indicators.scenarios.cutoff import CutShares, allied_pairs, cut_shares
from indicators.scenarios.definition import Scenario
from indicators.scenarios.horizon import lost_fraction
from indicators.scenarios.model_ledger import load_model_ledger
from indicators.scenarios.providers import UnknownProvider, resolve_providers
from indicators.scenarios.sovereign import (
    H100E_CODE,
    SovereignAssumptions,
    domestic_inputs,
    fallback_capacity_ratio,
    fallback_served_share,
    training_days,
)

#: The four capability columns of every scenario table (issue 13), in order.
TABLE_COLUMNS: Final = ("best_model_kept", "frontier_lag_months", "fallback_served_share",
                        "training_days")
#: Further capability columns of the CLI's output: the strict power switch's reading of the
#: fallback and training figures (a cut supplier's hardware counted as lost; empty where none
#: survives), then the model lost and the uncapped capacity ratio.
EXTRA_COLUMNS: Final = ("fallback_served_share_strict", "training_days_strict",
                        "best_model_lost", "training_days_lost", "fallback_capacity_ratio",
                        "capability_gaps")
#: The indicator whose cut share the TOP500 part of the compute follows (its ledger rows are
#: TOP500's chip suppliers).
TOP500_CODE: Final = "top500_rmax"


@dataclass(frozen=True)
class ModelsKept:
    """Per country (``table``, index iso3) and for the world: what the scenario leaves.

    ``table`` has the columns of ``capability.capability`` plus the known AI compute in
    H100-equivalents, in two readings (docs/scenarios.md, "When a cut bites"):

    - ``h100e``: what still runs at the scenario's horizon — on the day of the cut (no
      ``horizon_years``, or 0) every installed accelerator keeps running, so it is
      ``h100e_nominal``; h years on, a cut supplier's hardware is lost in proportion
      min(1, h / 6 years), as for the scores;
    - ``h100e_strict``: the strict power switch, a cut supplier's hardware counted as lost (the
      same ledger shares and severity as the scores' ``gpu_cluster_h100e`` for the GPU
      clusters and ``top500_rmax`` for the TOP500 systems);

    with ``h100e_nominal`` = ``h100e_gpu_clusters`` + ``h100e_top500`` before any cut;
    ``internet_users``; on ``h100e``: ``fallback_served_share`` (capped at 1),
    ``fallback_capacity_ratio`` (uncapped), ``training_days`` (at the frontier's compute),
    ``training_days_lost`` (at the compute of the best model lost; NaN if nothing is lost);
    on ``h100e_strict``: ``fallback_served_share_strict`` and ``training_days_strict`` (NaN
    where nothing survives the strict switch).
    ``fallback`` is the best open-weight model (with known parameters) everyone keeps.
    ``models`` lists the ledger's models published by the cut day (model, organizations, access,
    flop, published, withdrawn: the scenario withdraws it from foreign users).
    """

    scenario: Scenario
    as_of: pd.Timestamp
    frontier: Frontier
    fallback: pd.Series | None
    table: pd.DataFrame
    assumptions: SovereignAssumptions
    models: pd.DataFrame

    def model_row(self, name: str) -> pd.Series | None:
        """Return the ledger row of the model called ``name`` (None if it is not listed)."""
        hit = self.models[self.models["model"] == name]
        return None if hit.empty else hit.iloc[0]

    def without_compute(self) -> int:
        """Return how many of the models published by the cut day have no compute estimate."""
        return int(self.models["flop"].isna().sum())

    @property
    def fallback_name(self) -> str:
        """Return the open-weight fallback's name ('' if none)."""
        return "" if self.fallback is None else str(self.fallback["model"])

    def changed(self) -> pd.Series:
        """Return per country True when the scenario lowers its best model or raises its lag."""
        t = self.table
        worse_flop = t["kept_flop"].fillna(0.0) < t["best_flop"].fillna(0.0) * (1 - 1e-12)
        more_lag = t["frontier_lag_months"].fillna(0.0) > t["best_lag_months"].fillna(0.0) + 1e-9
        return (worse_flop | more_lag).rename("capability_changed")


def model_scenario_problems(bundle: Bundle, scenario: Scenario) -> list[str]:
    """Return one sentence per provider or model of ``scenario`` the models ledger lacks."""
    if not scenario.narrows_models:
        return []
    ledger = load_model_ledger(bundle)
    if ledger is None:
        return ["--provider, --model, --released-after and --top-n need models_ledger.csv in "
                "the data directory (rebuild with sovai build-data)"]
    problems = []
    if scenario.providers:
        orgs = {o for t in ledger["organizations"] for o in t}
        try:
            resolve_providers(scenario.providers, orgs)
        except UnknownProvider as err:
            problems.append(str(err))
    missing = unknown_models(ledger, scenario)
    if missing:
        problems.append(f"unknown model(s) {', '.join(missing)}: expected names of "
                        "models_ledger.csv (Epoch AI's Model column)")
    return problems


def compute_kept(bundle: Bundle, baseline: Result, scenario: Scenario,
                 cut: CutShares | None = None) -> pd.DataFrame:
    """Return per country the share of each part of its known AI compute that survives the
    **strict** power switch: columns ``gpu_clusters`` (1 − severity × the cut share the scores
    use for ``gpu_cluster_h100e``) and ``top500`` (the same for ``top500_rmax``, whose ledger
    rows are TOP500's chip suppliers; the GPU clusters' share where the data lack it). 1 where
    nothing is cut. ``cut`` (the scores' cut shares) is used when the scenario has no horizon;
    with one, the strict shares are computed."""
    strict = scenario.model_copy(update={"horizon_years": None})
    if cut is None or scenario.horizon_years is not None:
        cut = cut_shares(bundle, strict, baseline.indicators, baseline.year,
                         baseline.spec.window)
    factor = cut.factor(scenario.severity)
    ones = pd.Series(1.0, index=baseline.countries.index)
    gpu = (factor[H100E_CODE].astype(float).clip(0.0, 1.0) if H100E_CODE in factor.columns
           else ones)
    top500 = (factor[TOP500_CODE].astype(float).clip(0.0, 1.0)
              if TOP500_CODE in factor.columns else gpu)
    return pd.DataFrame({"gpu_clusters": gpu, "top500": top500})


def running_share(strict_kept: pd.DataFrame, horizon_years: float | None) -> pd.DataFrame:
    """Return the share of each part still running ``horizon_years`` after the cut (None: the
    day of the cut, as 0): installed hardware keeps running and ages out over the service
    life, so the strict loss applies in proportion min(1, h / 6)."""
    fraction = lost_fraction("chips", horizon_years if horizon_years is not None else 0.0)
    return 1.0 - (1.0 - strict_kept) * fraction


def _compute(inputs: pd.DataFrame, kept: pd.DataFrame) -> pd.Series:
    """Return the H100e of the two parts at the kept shares (NaN where neither is known)."""
    parts = pd.concat([inputs["h100e_gpu_clusters"] * kept["gpu_clusters"],
                       inputs["h100e_top500"] * kept["top500"]], axis=1)
    return parts.sum(axis=1, min_count=1).astype(float)


def models_kept(bundle: Bundle, baseline: Result, scenario: Scenario,
                assumptions: SovereignAssumptions | None = None,
                cut: CutShares | None = None) -> ModelsKept | None:
    """Return the capability figures of ``scenario``, or None when the data have no ledger.

    The fallback-serving and training figures come in two readings (``ModelsKept``): on the
    compute still running at the scenario's horizon (the day of the cut by default: installed
    hardware keeps running) and on the compute the strict power switch leaves (``_strict``)."""
    ledger = load_model_ledger(bundle)
    if ledger is None:
        return None
    assumptions = assumptions or SovereignAssumptions()
    as_of = cut_day(scenario, ledger, baseline.year)
    allies = allied_pairs(bundle, scenario.allies) if scenario.allies_exempt else None
    table, front = capability(ledger, baseline.countries.index, scenario, as_of, allies)
    fallback = open_weight_fallback(ledger, as_of)
    inputs = domestic_inputs(bundle, baseline.year, baseline.spec.window).reindex(table.index)
    strict = compute_kept(bundle, baseline, scenario, cut).reindex(table.index).fillna(1.0)
    table = table.join(inputs.rename(columns={"h100e": "h100e_nominal"}))
    table["h100e"] = _compute(inputs, running_share(strict, scenario.horizon_years))
    table["h100e_strict"] = _compute(inputs, strict)
    params = float(fallback["parameters"]) if fallback is not None else np.nan
    users = table["internet_users"]
    for suffix, h100e in (("", table["h100e"]), ("_strict", table["h100e_strict"])):
        table[f"fallback_served_share{suffix}"] = fallback_served_share(params, h100e, users,
                                                                        assumptions)
        table[f"training_days{suffix}"] = training_days(front.flop, h100e, assumptions)
    table["fallback_capacity_ratio"] = fallback_capacity_ratio(params, table["h100e"], users,
                                                               assumptions)
    table["training_days_lost"] = training_days(table["lost_flop"], table["h100e"], assumptions)
    table["capability_gaps"] = capability_gaps(table, fallback is not None)
    published = ledger["published"] <= as_of
    models = ledger.loc[published, ["model", "organizations", "access", "flop", "published"]]
    models = models.assign(withdrawn=withdrawn_models(ledger, scenario, as_of)[published])
    return ModelsKept(scenario, as_of, front, fallback, table, assumptions,
                      models.reset_index(drop=True))


#: Why a capability figure is empty, per condition (``capability_gaps``).
GAPS: Final = {
    "no_model": "no usable model with a known training compute by the cut day",
    "no_compute": "no known AI compute (Epoch AI lists no GPU cluster, TOP500 no accelerated "
                  "system)",
    "no_users": "no internet-user figure (fallback served share)",
    "no_fallback": "no open-weight model with a known parameter count (fallback served share)",
    "strict_none": "strict reading: none of its AI compute survives the cut suppliers",
}


def capability_gaps(table: pd.DataFrame, has_fallback: bool) -> pd.Series:
    """Return per country why capability figures are empty ("" when none is): the
    ``GAPS`` sentences that apply, joined by "; "."""
    conditions = {
        "no_model": table["best_model_kept"] == "",
        "no_compute": table["h100e_nominal"].isna(),
        "no_users": table["h100e_nominal"].notna() & table["internet_users"].isna(),
        "no_fallback": table["h100e_nominal"].notna() & (not has_fallback),
        "strict_none": (table["h100e_nominal"] > 0) & (table["h100e_strict"] <= 0),
    }
    masks = [(GAPS[key], mask.to_numpy(dtype=bool)) for key, mask in conditions.items()]
    joined = ["; ".join(text for text, mask in masks if mask[i]) for i in range(len(table))]
    return pd.Series(joined, index=table.index, dtype=object).astype(str)


def access_from_capability(kept: ModelsKept) -> pd.DataFrame:
    """Return model access (kept, lost, year, source_id) counted over models, for scenarios
    narrowed to providers or models (the jurisdiction ledger cannot see single models).

    As for the ledger figure, lost = severity × share of the usable models withdrawn."""
    t = kept.table
    lost = kept.scenario.severity * (1.0 - t["access_kept"])
    return pd.DataFrame({"kept": 1.0 - lost, "lost": lost,
                         "year": pd.array([kept.as_of.year] * len(t), dtype="Int64"),
                         "source_id": np.where(t["access_kept"].notna(), "epoch_models", "")},
                        index=t.index)
