"""Blocs as one unit: capacities summed, ratios weighted by population, intra-bloc supply sovereign.

Each indicator aggregates by one rule, derived from its unit unless ``EXPLICIT_RULES`` names it:
- ``mean`` (population-weighted mean) for ratios: a unit with "%" or "per 100", "per million",
  "per person", "per head", "per capita", "per thousand" (rates per person or per share);
- ``max`` for a record that does not add up across countries (largest training run);
- ``sum`` for everything else: counts, stocks, flows per year, money, Rmax, H100e, people.
The bloc is then scored on the baseline's goalposts like a country (clipped to [0, 100]), without
outlier caps or imputation; a member without a value drops out of the sum or the mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.pipeline import select_observations
from indicators.result import Result
from indicators.scenarios.definition import Scenario
from indicators.scenarios.scoring import floor_scores, score_scenario

Rule = Literal["sum", "mean", "max"]
POPULATION_CODE: Final = "population"
_RATIO_UNIT = re.compile(r"%|\bper (100|thousand|million|person|head|capita)\b", re.IGNORECASE)
#: Indicators whose unit does not say how they aggregate, with the reason.
EXPLICIT_RULES: Final[dict[str, tuple[Rule, str]]] = {
    "max_training_compute": ("max", "the largest run of any member, not a sum of runs"),
    "gdp_per_capita": ("mean", "a per-person figure although its unit is US$"),
}


def aggregation_rule(code: str, unit: str) -> Rule:
    """Return how an indicator aggregates over a bloc's members: sum, mean (population) or max."""
    if code in EXPLICIT_RULES:
        return EXPLICIT_RULES[code][0]
    return "mean" if _RATIO_UNIT.search(unit or "") else "sum"


def aggregate(values: pd.DataFrame, population: pd.Series, rules: dict[str, Rule]) -> pd.Series:
    """Return one row: each column of ``values`` (members × codes) aggregated by its rule."""
    out = {}
    for code in values.columns:
        column = values[code].astype(float)
        present = column.notna()
        if not present.any():
            out[code] = np.nan
        elif rules[code] == "sum":
            out[code] = column[present].sum()
        elif rules[code] == "max":
            out[code] = column[present].max()
        else:
            weights = population.reindex(column.index).where(present)
            weighted = weights.notna() & (weights > 0)
            out[code] = (float((column[weighted] * weights[weighted]).sum()
                               / weights[weighted].sum()) if weighted.any() else np.nan)
    return pd.Series(out, dtype=float)


@dataclass(frozen=True)
class BlocComparison:
    """The bloc scored as one unit beside its members, nominal and (with a scenario) floor.

    ``table`` has one row for the bloc (iso3 = the bloc's name) then one per member: overall,
    each pillar, and ``*_floor`` columns when a scenario was given; ``coverage`` says how many
    members had a value of each indicator.
    """

    bloc: str
    members: list[str]
    table: pd.DataFrame
    coverage: pd.Series
    rules: dict[str, Rule]


def _bloc_viewed(bundle: Bundle, baseline: Result, raw: pd.DataFrame, members: list[str],
                 rules: dict[str, Rule]) -> pd.Series:
    """Return the bloc's values after the view: aggregated raw over summed denominators."""
    spec, year = baseline.spec, baseline.year
    population = pd.Series(np.nan, index=members)
    if POPULATION_CODE in bundle.indicators.index:
        pop, _, _ = select_observations(bundle, [POPULATION_CODE], year, spec.window)
        population = pop[POPULATION_CODE].reindex(members)
    row = aggregate(raw.loc[members], population, rules)
    if spec.view == "intensity":
        denominators = baseline.indicators["denominator"].fillna("").astype(str)
        codes = sorted({d for d in denominators if d})
        if codes:
            context, _, _ = select_observations(bundle, codes, year, spec.window)
            for code in denominators.index:
                d = str(denominators[code])
                if d:
                    total = context.loc[members, d].where(context.loc[members, d] > 0).sum()
                    row[str(code)] = row[str(code)] / total if total > 0 else np.nan
    return row


def compare_bloc(bundle: Bundle, baseline: Result, bloc: str,
                 scenario: Scenario | None = None) -> BlocComparison:
    """Return the bloc scored as one unit beside its members (and under ``scenario``, if given).

    Under a scenario the bloc's members count each other as sovereign suppliers; the members'
    own rows are scored as in the scenario asked (with or without their allies exempt).
    """
    members = [m for m in bundle.group_members(bloc) if m in baseline.raw.index]
    if not members:
        raise ValueError(f"unknown or empty bloc {bloc!r}: expected a group of groups.csv "
                         f"({', '.join(sorted(bundle.groups['group'].unique()))})")
    indicators = baseline.indicators
    rules = {code: aggregation_rule(code, str(indicators.at[code, "unit"]))
             for code in indicators.index}
    viewed = [_bloc_viewed(bundle, baseline, baseline.raw, members, rules)]
    member_result = None
    if scenario is not None:
        as_bloc = scenario.model_copy(update={"allies_exempt": True, "allies": (bloc,)})
        bloc_cut = score_scenario(bundle, baseline, as_bloc)
        viewed.append(_bloc_viewed(bundle, baseline, bloc_cut.raw, members, rules))
        member_result = score_scenario(bundle, baseline, scenario)
    arrays = floor_scores(baseline, np.vstack([v.to_numpy() for v in viewed]), per_country=False)
    pillars = list(baseline.pillars.columns)
    rows: list[dict[Any, Any]] = [{"iso3": bloc, "name": f"{bloc} (as one unit)",
                                   "overall": arrays.overall[0],
             **dict(zip(pillars, arrays.pillars[0], strict=True))}]
    if scenario is not None:
        rows[0] |= {"overall_floor": arrays.overall[1],
                    **{f"{p}_floor": v for p, v in zip(pillars, arrays.pillars[1], strict=True)}}
    for iso3 in members:
        row = {"iso3": iso3, "name": baseline.countries.at[iso3, "name"],
               "overall": baseline.overall[iso3], **baseline.pillars.loc[iso3].to_dict()}
        if member_result is not None:
            row |= {"overall_floor": member_result.overall[iso3],
                    **{f"{p}_floor": member_result.pillars.at[iso3, p] for p in pillars}}
        rows.append(row)
    table = pd.DataFrame(rows)
    coverage = baseline.raw.loc[members].notna().sum().rename("members_with_value")
    return BlocComparison(bloc=bloc, members=members, table=table, coverage=coverage, rules=rules)
