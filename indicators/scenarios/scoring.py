"""Sovereign-floor scores: a scenario's values scored on the baseline's goalposts.

The baseline's log scales, minimum and maximum are kept, and scores are clipped to [0, 100], so a
loss that hits every country shows as a loss instead of vanishing in re-normalisation. The core,
``floor_scores``, works on numpy arrays with any leading axes (e.g. a stack of severities).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from indicators import stages as st
from indicators.bundle import Bundle
from indicators.pipeline import impute_by, normalisations
from indicators.registry import IMPUTERS, bounded_normalisations
from indicators.result import Result, rank_columns
from indicators.scenarios.cutoff import MODELS_LAYER, CutShares, cut_shares, layer_access
from indicators.scenarios.definition import ALL_FOREIGN, Scenario
from indicators.scenarios.layers import layer_label
from indicators.scenarios.models_kept import (
    TABLE_COLUMNS,
    ModelsKept,
    access_from_capability,
    model_scenario_problems,
    models_kept,
)
from indicators.scenarios.sovereign import SovereignAssumptions
from indicators.treat import reapply_log_fallback

#: Normalisations whose goalposts a scenario can keep (z-scores and ranks have none).
GOALPOST_NORMALISATIONS = bounded_normalisations()


class ScenarioError(ValueError):
    """The scenario cannot be scored as asked; the message says what was expected."""


@dataclass(frozen=True)
class FloorArrays:
    """Scenario stages as arrays: transformed, normalised, pillars, overall, rank (… leading)."""

    transformed: np.ndarray
    normalised: np.ndarray
    pillars: np.ndarray
    overall: np.ndarray
    rank: np.ndarray


def floor_scores(baseline: Result, denominated: np.ndarray,
                 per_country: bool = True) -> FloorArrays:
    """Return the scores of ``denominated`` values (…, countries, indicators) on the baseline's
    goalposts.

    The shared stages (``indicators.stages``) with the baseline's parameters held fixed: its log
    scales, its outlier caps, its minimum and maximum. With ``per_country`` the rows are the
    baseline's countries, so its outlier caps and imputation apply; without, the rows are other
    units (e.g. blocs) and neither applies.
    """
    spec = baseline.spec
    methods = normalisations(spec, list(baseline.indicators.index))
    for method in dict.fromkeys(methods):
        if method not in GOALPOST_NORMALISATIONS:
            raise ScenarioError(f"normalisation {method!r} has no fixed goalposts: "
                                f"expected one of {', '.join(GOALPOST_NORMALISATIONS)}")
    goalposts = baseline.goalposts
    is_log = goalposts["scale"].notna().to_numpy()
    scale = goalposts["scale"].to_numpy(dtype=float)
    transformed, _ = st.transform(denominated, is_log, scale)
    treated = baseline.treated.to_numpy(dtype=bool)
    log_shift = goalposts["log_shift"].to_numpy(float) if "log_shift" in goalposts else None
    if log_shift is not None:  # the outlier treatment's log fallback: re-logged, not capped
        treated = treated & np.isnan(log_shift)[None, :]
    if per_country and treated.any():
        untreated, _ = st.transform(baseline.denominated.to_numpy(dtype=float), is_log, scale)
        transformed = st.hold_treatment(transformed, baseline.transformed.to_numpy(dtype=float),
                                        untreated, treated)
    if log_shift is not None:
        transformed = reapply_log_fallback(transformed, log_shift)
    if per_country and baseline.unlisted.to_numpy(dtype=bool).any():
        # the baseline's unlisted stay at zero capacity (their baseline value, as filled by
        # pipeline.score); a listed stock cut to nothing scores the scale's bottom too: a known
        # loss that stays in the mean, not a missing cell that drops out of it (issue 12, A11)
        transformed = np.where(baseline.unlisted.to_numpy(dtype=bool),
                               baseline.transformed.to_numpy(dtype=float), transformed)
    group_column = IMPUTERS[spec.imputation].group_column
    if per_country and group_column is not None:
        transformed, _ = impute_by(baseline.countries, group_column, transformed,
                                   baseline.imputed.to_numpy(dtype=bool))
    direction = baseline.indicators["direction"].to_numpy(dtype=float)
    low = goalposts["low"].to_numpy(dtype=float)
    high = goalposts["high"].to_numpy(dtype=float)
    normalised = st.normalise_columns(transformed, methods, low, high, direction)

    pillar_codes = list(baseline.pillars.columns)
    members = st.membership(baseline.indicators["pillar"].to_numpy(), pillar_codes)
    weights = baseline.indicators["weight"].to_numpy(dtype=float)
    pillars = st.aggregate(normalised, members, weights, spec.min_pillar_coverage,
                           spec.aggregation)
    pillar_weights = baseline.pillar_info["weight"].to_numpy(dtype=float)
    overall = st.aggregate_overall(pillars, pillar_weights, spec.aggregation)
    return FloorArrays(transformed, normalised, pillars, overall, st.rank(overall))


@dataclass(frozen=True)
class ScenarioResult:
    """Nominal (baseline) and sovereign-floor scores of every country under one scenario.

    Frames are indexed by iso3 like the baseline's: ``raw`` and ``denominated`` after the cut,
    ``transformed`` and ``normalised`` on the baseline goalposts, ``pillars``, ``overall``,
    ``rank``; ``cut`` says what share was removed from which cell, and on what ledger basis.
    ``model_access`` (``layer_access`` of the models layer: kept, lost, year, source_id) says
    what share of the large-scale models each country can use today it keeps: reported beside
    the scores, never folded into them. ``models`` (``ModelsKept``, None without
    models_ledger.csv) holds the capability figures: best model kept, months behind the
    frontier, open-weight fallback served at home, sovereign training days.
    """

    scenario: Scenario
    baseline: Result
    cut: CutShares
    raw: pd.DataFrame
    denominated: pd.DataFrame
    transformed: pd.DataFrame
    normalised: pd.DataFrame
    pillars: pd.DataFrame
    overall: pd.Series
    rank: pd.Series
    model_access: pd.DataFrame
    warnings: tuple[str, ...] = ()
    models: ModelsKept | None = None

    @property
    def viewed(self) -> pd.DataFrame:
        """Return ``denominated`` under its former name (kept for existing callers)."""
        return self.denominated

    @property
    def model_access_kept(self) -> pd.Series:
        """Return per country the share of usable large-scale models kept (NaN: no ledger)."""
        return self.model_access["kept"].astype(float).rename("model_access_kept")

    @property
    def cuts_models(self) -> bool:
        """Return True when the scenario cuts the models layer."""
        return MODELS_LAYER in self.scenario.layers

    @property
    def resilience(self) -> pd.Series:
        """Return floor / nominal overall per country (NaN where the nominal score is 0 or NaN)."""
        nominal = self.baseline.overall
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = self.overall / nominal.where(nominal > 0)
        return ratio.rename("resilience")

    @property
    def rank_change(self) -> pd.Series:
        """Return rank_floor − rank (positive: the country falls down the ranking)."""
        return (self.rank - self.baseline.rank).rename("rank_change")

    def pillar_ranks(self) -> pd.DataFrame:
        """Return each country's rank within each pillar under the scenario."""
        return rank_columns(self.pillars)

    def table(self) -> pd.DataFrame:
        """Return iso3, name, overall, overall_floor, rank, rank_floor, each pillar and its floor,
        then resilience, rank_change, model_access_kept and the capability columns
        best_model_kept, frontier_lag_months, fallback_served_share, training_days (empty
        without models_ledger.csv); ordered by floor rank, unranked last.

        Built once per result (the page, its losers and its resilient read it several times);
        each call returns a copy the caller may change."""
        return self._table.copy()

    @functools.cached_property
    def _table(self) -> pd.DataFrame:
        base = self.baseline
        frame = pd.DataFrame({"name": base.countries["name"], "overall": base.overall,
                              "overall_floor": self.overall, "rank": base.rank,
                              "rank_floor": self.rank})
        for pillar in self.pillars.columns:
            frame[pillar] = base.pillars[pillar]
            frame[f"{pillar}_floor"] = self.pillars[pillar]
        frame["resilience"] = self.resilience
        frame["rank_change"] = self.rank_change
        frame["model_access_kept"] = self.model_access_kept
        if self.models is not None:
            for column in TABLE_COLUMNS:
                frame[column] = self.models.table[column].reindex(frame.index)
        else:
            frame["best_model_kept"] = ""
            for column in TABLE_COLUMNS[1:]:
                frame[column] = np.nan
        frame = frame.rename_axis("iso3").reset_index()
        frame = frame.sort_values(["rank_floor", "overall_floor", "iso3"],
                                  ascending=[True, False, True], na_position="last",
                                  kind="stable")
        return frame.reset_index(drop=True)

    @property
    def cutting(self) -> tuple[str, ...]:
        """Return the countries doing the cutting (the named cut suppliers that are scored
        countries; none for an all-foreign cut). Their own supply is domestic, so they keep
        everything by construction and are left out of the loser and resilience lists."""
        return tuple(code for code in self.scenario.cut
                     if code != ALL_FOREIGN and code in self.baseline.overall.index)

    def losers(self, n: int = 10, include_cutting: bool = False) -> pd.DataFrame:
        """Return the ``n`` countries whose overall score falls most, biggest loss first
        (the countries doing the cutting left out unless ``include_cutting``)."""
        table = self.table().assign(loss=lambda t: t["overall"] - t["overall_floor"])
        table = table[table["loss"].notna()]
        if not include_cutting:
            table = table[~table["iso3"].isin(self.cutting)]
        return table.sort_values(["loss", "iso3"], ascending=[False, True]).head(n)

    def most_resilient(self, n: int = 10, top: int | None = None,
                       include_cutting: bool = False) -> pd.DataFrame:
        """Return the ``n`` ranked countries keeping the largest share of their score.

        With ``top``, only countries ranked ``top`` or better before the cut-off count; the
        countries doing the cutting (``cutting``) are left out unless ``include_cutting``.
        """
        table = self.table()
        table = table[table["resilience"].notna() & table["rank"].notna()]
        if not include_cutting:
            table = table[~table["iso3"].isin(self.cutting)]
        if top is not None:
            table = table[table["rank"] <= top]
        return table.sort_values(["resilience", "overall_floor", "iso3"],
                                 ascending=[False, False, True]).head(n)

    def least_model_access(self, n: int = 10) -> pd.DataFrame:
        """Return the ``n`` countries keeping the smallest share of their usable models.

        Columns: iso3, name, model_access_kept, lost, year, source_id; only countries with a
        models ledger, least kept first (ties by iso3).
        """
        access = self.model_access.dropna(subset=["kept"])
        frame = pd.DataFrame({"name": self.baseline.countries["name"].reindex(access.index),
                              "model_access_kept": access["kept"].astype(float),
                              "lost": access["lost"].astype(float), "year": access["year"],
                              "source_id": access["source_id"]})
        frame = frame.rename_axis("iso3").reset_index()
        return frame.sort_values(["model_access_kept", "iso3"]).head(n).reset_index(drop=True)


def score_scenario(bundle: Bundle, baseline: Result, scenario: Scenario,
                   assumptions: SovereignAssumptions | None = None) -> ScenarioResult:
    """Return the scenario's floor scores against ``baseline`` (same year, view and weights).

    ``assumptions`` are those of the fallback-serving and training-time figures (defaults:
    ``SovereignAssumptions()``). Raises ScenarioError for a provider or model the models ledger
    does not list."""
    spec = baseline.spec
    problems = model_scenario_problems(bundle, scenario)
    if problems:
        raise ScenarioError("; ".join(problems))
    cut = cut_shares(bundle, scenario, baseline.indicators, baseline.year, spec.window)
    kept = models_kept(bundle, baseline, scenario, assumptions, cut)
    access = layer_access(bundle, scenario, MODELS_LAYER, baseline.year, spec.window)
    if kept is not None and scenario.narrows_models:
        access = access_from_capability(kept)
        if MODELS_LAYER in cut.layer_share.columns:
            layer_share = cut.layer_share.copy()
            withdrawn = 1.0 - kept.table["access_kept"]  # the severity applies in exposure
            layer_share[MODELS_LAYER] = withdrawn.reindex(layer_share.index)
            cut = replace(cut, layer_share=layer_share)
    factor = cut.factor(scenario.severity)
    denominated = baseline.denominated * factor
    arrays = floor_scores(baseline, denominated.to_numpy(dtype=float))
    index, codes = baseline.raw.index, list(baseline.raw.columns)
    warnings = list(cut.warnings)
    unseen = ~cut.known & (baseline.raw > 0)
    unknown = unseen.sum()
    names = bundle.indicators["name"].astype(str)
    countries = bundle.countries["name"].astype(str)
    for code, count in unknown[unknown > 0].items():
        # the indicator's, the layer's and the countries' names, not their codes: the text
        # reaches the page (audit C1)
        many = int(count) != 1
        who = [countries.get(iso3, str(iso3)) for iso3 in unseen.index[unseen[code]]]
        listed = ", ".join(who[:5]) + (f" and {len(who) - 5} more" if len(who) > 5 else "")
        warnings.append(
            f"{names.get(str(code), str(code))}: {int(count)} "
            f"{'countries' if many else 'country'} with a value ({listed}) "
            f"{'have' if many else 'has'} no ledger rows for the layer "
            f"{layer_label(cut.cut_layers.get(str(code), ''))}; nothing is cut for "
            f"{'them' if many else 'it'}")
    return ScenarioResult(
        scenario=scenario,
        baseline=baseline,
        cut=cut,
        raw=baseline.raw * factor,
        denominated=denominated,
        transformed=pd.DataFrame(arrays.transformed, index=index, columns=codes),
        normalised=pd.DataFrame(arrays.normalised, index=index, columns=codes),
        pillars=pd.DataFrame(arrays.pillars, index=index, columns=list(baseline.pillars.columns)),
        overall=pd.Series(arrays.overall, index=index, name="overall_floor"),
        rank=pd.Series(arrays.rank, index=index, name="rank_floor").astype("Int64"),
        model_access=access.reindex(index),
        warnings=tuple(warnings),
        models=kept,
    )


def overall_by_severity(bundle: Bundle, baseline: Result, scenario: Scenario,
                        severities: np.ndarray) -> pd.DataFrame:
    """Return the floor overall score per severity (rows) and country (columns), in one pass."""
    cut = cut_shares(bundle, scenario, baseline.indicators, baseline.year, baseline.spec.window)
    share = cut.share.to_numpy(dtype=float)
    denominated = baseline.denominated.to_numpy(dtype=float)
    stacked = denominated[None, :, :] * (1.0 - severities[:, None, None] * share[None, :, :])
    arrays = floor_scores(baseline, stacked)
    return pd.DataFrame(arrays.overall, index=pd.Index(severities, name="severity"),
                        columns=baseline.raw.index)
