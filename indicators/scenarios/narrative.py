"""Plain-language paragraphs: what a scenario does to one country, and to the world."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from indicators.scenarios.definition import Scenario
from indicators.scenarios.scoring import ScenarioResult

#: A pillar change smaller than this (score points) is not worth a sentence.
NOTABLE_CHANGE: Final = 0.5


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def scenario_clause(scenario: Scenario, names: Mapping[Any, Any]) -> str:
    """Return 'If United States suppliers cut off their chips and cloud supply'."""
    layers = _join(list(scenario.layers))
    if scenario.cuts_all_foreign:
        who = "all foreign suppliers"
    else:
        who = _join([names.get(code, code) for code in scenario.cut]) + " suppliers"
    how = ("cut off their" if scenario.severity >= 1
           else f"cut {scenario.severity:.0%} of their")
    allies = " (suppliers in a shared bloc exempt)" if scenario.allies_exempt else ""
    return f"If {who} {how} {layers} supply{allies}"


def possessive(name: str) -> str:
    """Return "France's", "United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def _fmt(value: object, other: object = None) -> str:
    """Return a score rounded to units, or to tenths when units would hide a change."""
    if not isinstance(value, int | float) or math.isnan(value):
        return "no score"
    if isinstance(other, int | float) and not math.isnan(other) \
            and round(value) == round(other) and abs(value - other) >= 0.05:
        return f"{value:.1f}"
    return f"{value:.0f}"


def country_paragraph(result: ScenarioResult, iso3: str) -> str:
    """Return a paragraph on one country: pillar falls, rank change, resilience, weak points."""
    base = result.baseline
    names = base.countries["name"].astype(str).to_dict()
    name = names.get(iso3, iso3)
    clause = scenario_clause(result.scenario, names)
    drops = pd.Series(base.pillars.loc[iso3].to_numpy(dtype=float)
                      - result.pillars.loc[iso3].to_numpy(dtype=float),
                      index=base.pillars.columns).dropna()
    drops = drops[drops >= NOTABLE_CHANGE].sort_values(ascending=False)
    parts = []
    for pillar in drops.index:
        before, after = base.pillars.at[iso3, pillar], result.pillars.at[iso3, pillar]
        parts.append(f"{pillar} score would fall from {_fmt(before, after)} to "
                     f"{_fmt(after, before)}")
    rank, rank_floor = base.rank.get(iso3), result.rank.get(iso3)
    ranked = base.ranked_count
    if pd.notna(rank) and pd.notna(rank_floor) and rank != rank_floor:
        parts.append(f"its overall rank from {ordinal(int(rank))} to {ordinal(int(rank_floor))} "
                     f"of {ranked}")
    elif pd.notna(rank):
        parts.append(f"its overall rank would stay {ordinal(int(rank))} of {ranked}")
    if not drops.size and not (pd.notna(rank) and rank != rank_floor):
        text = (f"{clause}, {name} would keep its scores: the ledger shows no supply of theirs "
                f"on those layers that would be lost")
        if pd.notna(rank):
            text += f" (overall rank {ordinal(int(rank))} of {ranked})"
        return text + "."
    text = f"{clause}, {possessive(name)} " + _join(parts) + "."
    resilience = result.resilience.get(iso3)
    if resilience is not None and pd.notna(resilience):
        before, after = base.overall[iso3], result.overall[iso3]
        text += (f" It would keep {resilience:.0%} of its overall score "
                 f"({_fmt(before, after)} → {_fmt(after, before)}).")
    return text


def world_paragraph(result: ScenarioResult, n: int = 3) -> str:
    """Return a paragraph on the world: how many lose, the biggest losers, the most resilient."""
    table = result.table()
    loss = (table["overall"] - table["overall_floor"]).fillna(0.0)
    losing = int((loss > 1e-9).sum())
    clause = scenario_clause(result.scenario, result.baseline.countries["name"].to_dict())
    if losing == 0:
        return f"{clause}, no country's overall score would change."
    losers = result.losers(n)
    named = [f"{row.name} ({_fmt(row.overall, row.overall_floor)} → "
             f"{_fmt(row.overall_floor, row.overall)})" for row in losers.itertuples()]
    text = (f"{clause}, {losing} of {int(table['overall'].notna().sum())} scored countries "
            f"would lose overall score; the biggest losers would be {_join(named)}.")
    resilient = result.most_resilient(n, top=20)
    if not resilient.empty:
        text += (" Among the nominal top 20, the most resilient would be "
                 + _join([f"{row.name} (keeps {row.resilience:.0%})"
                          for row in resilient.itertuples()]) + ".")
    return text
