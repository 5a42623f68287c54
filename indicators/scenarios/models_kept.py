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
#: Further capability columns of the CLI's output.
EXTRA_COLUMNS: Final = ("best_model_lost", "training_days_lost", "fallback_capacity_ratio")


@dataclass(frozen=True)
class ModelsKept:
    """Per country (``table``, index iso3) and for the world: what the scenario leaves.

    ``table`` has the columns of ``capability.capability`` plus ``h100e`` (the AI compute in
    GPU clusters that survives the scenario's cut: the same ledger shares and severity as the
    scores' ``gpu_cluster_h100e``), ``h100e_nominal`` (before the cut), ``internet_users``,
    ``fallback_served_share`` (capped at 1), ``fallback_capacity_ratio`` (uncapped),
    ``training_days`` (at the frontier's compute) and
    ``training_days_lost`` (at the compute of the best model lost; NaN if nothing is lost).
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
                 cut: CutShares | None = None) -> pd.Series:
    """Return per country the share of its GPU-cluster compute (``gpu_cluster_h100e``) that
    survives ``scenario``: 1 − severity × the cut share the scores use (``cut`` if given, else
    computed); 1 where the indicator is not cut or not in the data."""
    if cut is None:
        cut = cut_shares(bundle, scenario, baseline.indicators, baseline.year,
                         baseline.spec.window)
    if H100E_CODE not in cut.share.columns:
        return pd.Series(1.0, index=baseline.countries.index)
    return cut.factor(scenario.severity)[H100E_CODE].astype(float).clip(0.0, 1.0)


def models_kept(bundle: Bundle, baseline: Result, scenario: Scenario,
                assumptions: SovereignAssumptions | None = None,
                cut: CutShares | None = None) -> ModelsKept | None:
    """Return the capability figures of ``scenario``, or None when the data have no ledger.

    The fallback-serving and training figures use the GPU clusters that survive the cut
    (``compute_kept``, on ``cut`` — the scores' cut shares — when given): a compute cut under
    the strict power switch leaves a country fewer clusters to serve and train on."""
    ledger = load_model_ledger(bundle)
    if ledger is None:
        return None
    assumptions = assumptions or SovereignAssumptions()
    as_of = cut_day(scenario, ledger, baseline.year)
    allies = allied_pairs(bundle, scenario.allies) if scenario.allies_exempt else None
    table, front = capability(ledger, baseline.countries.index, scenario, as_of, allies)
    fallback = open_weight_fallback(ledger, as_of)
    inputs = domestic_inputs(bundle, baseline.year, baseline.spec.window).reindex(table.index)
    table = table.join(inputs)
    table["h100e_nominal"] = table["h100e"]
    kept_share = compute_kept(bundle, baseline, scenario, cut).reindex(table.index).fillna(1.0)
    table["h100e"] = table["h100e_nominal"] * kept_share
    params = float(fallback["parameters"]) if fallback is not None else np.nan
    table["fallback_served_share"] = fallback_served_share(params, table["h100e"],
                                                           table["internet_users"], assumptions)
    table["fallback_capacity_ratio"] = fallback_capacity_ratio(
        params, table["h100e"], table["internet_users"], assumptions)
    table["training_days"] = training_days(front.flop, table["h100e"], assumptions)
    table["training_days_lost"] = training_days(table["lost_flop"], table["h100e"], assumptions)
    published = ledger["published"] <= as_of
    models = ledger.loc[published, ["model", "organizations", "access", "flop", "published"]]
    models = models.assign(withdrawn=withdrawn_models(ledger, scenario, as_of)[published])
    return ModelsKept(scenario, as_of, front, fallback, table, assumptions,
                      models.reset_index(drop=True))


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
