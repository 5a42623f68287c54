"""Plain-language paragraphs: what a scenario does to one country, and to the world."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from indicators.scenarios.cutoff import MODELS_LAYER
from indicators.scenarios.definition import Scenario
from indicators.scenarios.layers import basis_label, layer_label, layer_phrase, ordered_layers
from indicators.scenarios.scoring import ScenarioResult

#: A pillar change smaller than this (score points) is not worth a sentence of its own; a
#: smaller one is still named (a country never "keeps its scores" while one falls).
NOTABLE_CHANGE: Final = 0.5
#: Any change larger than this (score points) is a change.
ANY_CHANGE: Final = 1e-9
#: The resilience list (CLI paragraph and dashboard heading) covers the nominal top this many.
RESILIENT_TOP: Final = 20


def ordinal(n: int) -> str:
    """Return 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


#: Country names read with "the" after a preposition ("suppliers in the Netherlands").
_WITH_THE: Final = frozenset({"Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives",
                              "Comoros", "Seychelles", "Congo", "Holy See"})


def in_place(name: str) -> str:
    """Return a country name as it reads after "in": "the United States", "the Netherlands",
    "the Dominican Republic", "Egypt"."""
    plural = name.endswith(("Islands", "Republic", "Emirates", "Kingdom", "States"))
    if name.startswith("United ") or name in _WITH_THE or plural:
        return f"the {name}"
    return name


def scenario_clause(scenario: Scenario, names: Mapping[Any, Any]) -> str:
    """Return 'If suppliers in the United States cut off their chips and cloud supply'.

    A models cut narrowed to providers or models reads 'If Claude 3.5 Sonnet (provider
    Anthropic) were withdrawn from users outside United States on 2024-06-20'."""
    if scenario.narrows_models and scenario.layers == (MODELS_LAYER,):
        return _narrowed_clause(scenario, names)
    # layers by their label ("cable links", "chip-making tools"); the design stage reads as
    # what is cut off, the chips
    layers = _join(["chips" if layer == "chips" else layer_phrase(layer)
                    for layer in scenario.layers])
    if scenario.cuts_all_foreign:
        who = "all foreign suppliers"
    else:
        who = "suppliers in " + _join([in_place(str(names.get(code, code)))
                                       for code in scenario.cut])
    how = ("cut off their" if scenario.severity >= 1
           else f"cut {scenario.severity:.0%} of their")
    allies = ("" if not scenario.allies_exempt else
              " (suppliers in a shared alliance exempt: " + _join(list(scenario.allies)) + ")"
              if scenario.allies else
              " (suppliers in a shared alliance exempt; G20, BRICS, AU and ASEAN are forums, "
              "not alliances)")
    when = ("" if scenario.horizon_years is None else
            f", {scenario.horizon_years:g} years on (services stopped, hardware ageing out)")
    return f"If {who} {how} {layers} supply{allies}{when}{still_kept(scenario)}"


def still_kept(scenario: Scenario) -> str:
    """Return what an all-foreign cut still leaves, said up front (audit B3): open weights
    already downloaded, foreign fabrication or tools when those stages are not cut; '' for a
    cut of named suppliers."""
    if not scenario.cuts_all_foreign:
        return ""
    layers = set(scenario.layers)
    kept = []
    if MODELS_LAYER in layers:
        kept.append("open-weight models already downloaded")
    if "chips" in layers and "chips_fab" not in layers:
        kept.append("foreign fabrication of the chips")
    if layers & {"chips", "chips_fab"} and "chips_tools" not in layers:
        kept.append("fabrication tools already installed")
    return f" (still kept: {_join(kept)})" if kept else ""


def _narrowed_clause(scenario: Scenario, names: Mapping[Any, Any]) -> str:
    """Return the clause of a models cut narrowed to providers, models or dates."""
    what = _join(list(scenario.models)) if scenario.models else "the closed models"
    details = []
    if scenario.providers:
        details.append(("provider " if len(scenario.providers) == 1 else "providers ")
                       + _join(list(scenario.providers)))
    if scenario.released_after:
        details.append(f"released after {scenario.released_after.isoformat()}")
    if scenario.top_n:
        details.append(f"the {scenario.top_n} largest by training compute")
    if details:
        what += " (" + ", ".join(details) + ")"
    where = ("outside their home jurisdictions" if scenario.cuts_all_foreign else
             "outside " + _join([names.get(code, code) for code in scenario.cut]))
    when = f" on {scenario.as_of.isoformat()}" if scenario.as_of else ""
    how = "" if scenario.severity >= 1 else f" at {scenario.severity:.0%} severity"
    return f"If {what} were withdrawn from users {where}{when}{how}"


def possessive(name: str) -> str:
    """Return "France's", "United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


def _fmt(value: object, other: object = None) -> str:
    """Return a score rounded to units, or to tenths when units would hide a change."""
    if not isinstance(value, int | float) or math.isnan(value):
        return "no score"
    if isinstance(other, int | float) and not math.isnan(other) and value != other:
        for digits in range(3):  # the fewest decimals that show the change (at most two)
            if round(value, digits) != round(other, digits):
                return f"{value:.{digits}f}"
        return f"{value:.2f}"
    return f"{value:.0f}"


def share_text(value: float) -> str:
    """Return a share as a percentage, with a decimal when whole percents would hide it.

    Never '100%' for a share below 1 nor '0%' for one above 0: '99.5%', '>99.9%', '<0.1%'."""
    text = f"{value:.0%}"
    if text in ("0%", "100%") and 1e-9 < value < 1 - 1e-9:
        text = f"{value:.1%}"
        if text == "100.0%":
            text = ">99.9%"
        elif text == "0.0%":
            text = "<0.1%"
    return text


def cut_detail(result: ScenarioResult, iso3: str, limit: int = 3) -> str:
    """Return what the scenario removes from ``iso3``'s scored indicators and from whom:
    '11% of its hyperscale cloud regions hosted (cloud, from China)'; '' when nothing.

    The shares are those the scores use (severity included); the layer named is the ledger
    layer whose share was used (the largest stage cut, a group's weakest link) and the
    suppliers are its rows on the basis the indicator was cut on, largest first."""
    if iso3 not in result.cut.share.index:
        return ""
    shares = pd.Series(result.cut.share.loc[iso3].to_numpy(dtype=float)
                       * result.scenario.severity, index=result.cut.share.columns)
    shares = shares[shares > ANY_CHANGE].sort_values(ascending=False)
    names = result.baseline.countries["name"].astype(str)
    labels = result.baseline.indicators["name"].astype(str)
    removed = result.cut.removed
    parts = []
    for code, share in shares.head(limit).items():
        layer = result.cut.cut_layers.get(str(code), "")
        label = labels.get(code, str(code))
        label = label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label
        suppliers: list[str] = []
        if not removed.empty:
            rows = removed[(removed["iso3"] == iso3)
                           & (removed["source_id"] == result.cut.basis_source.at[iso3, code])
                           & (removed["year"] == result.cut.basis_year.at[iso3, code])
                           & removed["key"].isin(result.cut.cut_stages.get(str(code), ()))]
            if not rows.empty:
                # the ledger layer whose share is used (the largest stage; a group's weakest
                # link), its suppliers only; ties go to the earlier layer of the chain
                per_layer = rows.groupby("layer")["cut"].sum()
                order = ordered_layers(list(per_layer.index))
                layer = max(order, key=lambda name: (round(float(per_layer[name]), 12),
                                                     -order.index(name)))
                rows = rows[rows["layer"] == layer]
            by_supplier = rows.groupby("supplier")["cut"].sum().sort_values(ascending=False)
            suppliers = [in_place(str(names.get(code_, code_))) for code_ in by_supplier.index[:2]]
            if len(by_supplier) > 2:
                suppliers.append(f"{len(by_supplier) - 2} more")
        where = layer_phrase(layer)
        source = f", from {_join(suppliers)}" if suppliers else ""
        parts.append(f"{share_text(float(share))} of its {label}, on the {where} layer{source}")
    if len(shares) > limit:
        more = len(shares) - limit
        parts.append(f"{more} more indicator{'s' if more > 1 else ''}")
    return "; ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] \
        if parts else ""


#: The words of a chips-basis note (indicators/importers/accelerator_stock.py) that say part
#: of the stock runs chips its source does not disclose, and by what rule they are attributed.
UNDISCLOSED_MARK: Final = "runs chips Epoch does not disclose"


def undisclosed_text(result: ScenarioResult, iso3: str) -> str:
    """Return a sentence on the estimated part of the basis a cut used for ``iso3``: 'For
    China, 99% of the stock (106,031 H100e) runs chips Epoch does not disclose, attributed …'
    (from the ledger row's note), or '' when every row the cut used is disclosed."""
    removed = result.cut.removed
    if removed.empty or "note" not in removed:
        return ""
    notes = removed.loc[removed["iso3"] == iso3, "note"].astype(str)
    marked = [n for n in notes.unique() if UNDISCLOSED_MARK in n]
    if not marked:
        return ""
    clause = next((part for part in marked[0].split("; ") if UNDISCLOSED_MARK in part), "")
    name = str(result.baseline.countries["name"].get(iso3, iso3))
    return f" The chips basis is partly an estimate: for {name}, {clause}."


def _fall_text(before: Any, after: Any, pillar: str) -> str:
    """Return 'compute from 95.1 to 94.7'."""
    return f"{pillar} from {_fmt(before, after)} to {_fmt(after, before)}"


def kept_text(resilience: Any) -> str:
    """Return 'keeps 92%', 'keeps 99.5%' or 'keeps all' for a share of the overall score."""
    resilience = float(resilience)
    return "keeps all" if resilience >= 1 - ANY_CHANGE else f"keeps {share_text(resilience)}"


def cutting_note(result: ScenarioResult) -> str:
    """Return ' (leaving out United States, doing the cutting)' or '' for an all-foreign cut."""
    cutting = result.cutting
    if not cutting:
        return ""
    names = result.baseline.countries["name"].astype(str)
    return (f" (leaving out {_join([in_place(str(names.get(c, c))) for c in cutting])}, "
            "doing the cutting)")


def resilient_heading(result: ScenarioResult) -> str:
    """Return the heading of the resilience list, the same wording as the CLI's paragraph."""
    return f"Most resilient of the nominal top {RESILIENT_TOP}{cutting_note(result)}"


def _scored_layers(result: ScenarioResult) -> list[str]:
    """Return the cut layers that carry a scored indicator, in the scenario's order."""
    carried = set(result.cut.cut_layers.values())
    return [layer for layer in result.scenario.layers if layer in carried]


def _model_access_text(result: ScenarioResult, iso3: str, name: str, lead: str | None,
                       rank_note: str) -> str:
    """Return the sentences on the share of usable large-scale models ``iso3`` keeps.

    ``lead`` opens the paragraph (the scenario clause) when no score sentence came first.
    """
    access = result.model_access.reindex([iso3])
    kept = float(access["kept"].to_numpy(dtype=float)[0])
    opening = f"{lead}, {name}" if lead else f" On the models layer, {name}"
    if math.isnan(kept):
        return (f"{opening} has no models-layer rows in the ledger, so its model access under "
                f"this scenario is not known{rank_note}.")
    lost = float(access["lost"].to_numpy(dtype=float)[0])
    year = float(access["year"].to_numpy(dtype=float, na_value=math.nan)[0])
    source = str(access["source_id"].to_numpy()[0])
    basis = (f" (ledger: {basis_label(source, MODELS_LAYER)}, {year:.0f})"
             if not math.isnan(year) else "")
    severity = result.scenario.severity
    if lost > 1e-12:
        how = (f"the {share_text(lost)} that are closed-weight models of the cut suppliers"
               if severity >= 1 else
               f"{share_text(lost)}: {severity:.0%} of the {share_text(lost / severity)} that "
               "are closed-weight models of the cut suppliers")
        text = (f"{opening} would keep access to {share_text(kept)} of the large-scale "
                f"models it can use today{basis} — its own, the open-weight ones and closed ones "
                f"of suppliers not cut; it would lose {how}.")
    else:
        text = (f"{opening} would keep access to all the large-scale models it can use "
                f"today{basis}: the scenario removes none of them.")
    if MODELS_LAYER not in result.cut.cut_layers.values():
        text += (" Its scores do not move on this layer, because the index's models pillar "
                 "counts models developed at home, which a foreign withdrawal does not "
                 f"remove{rank_note}.")
    return text


def country_paragraph(result: ScenarioResult, iso3: str) -> str:
    """Return a paragraph on one country: pillar falls, rank change, resilience, model access."""
    base = result.baseline
    names = base.countries["name"].astype(str).to_dict()
    name = names.get(iso3, iso3)
    clause = scenario_clause(result.scenario, names)
    drops = pd.Series(base.pillars.loc[iso3].to_numpy(dtype=float)
                      - result.pillars.loc[iso3].to_numpy(dtype=float),
                      index=base.pillars.columns).dropna()
    all_drops = drops
    drops = drops[drops >= NOTABLE_CHANGE].sort_values(ascending=False)
    parts = []
    for pillar in drops.index:
        before, after = base.pillars.at[iso3, pillar], result.pillars.at[iso3, pillar]
        parts.append(f"{pillar} score would fall from {_fmt(before, after)} to "
                     f"{_fmt(after, before)}")
    rank, rank_floor = base.rank.get(iso3), result.rank.get(iso3)
    ranked = base.ranked_count
    if pd.notna(rank) and pd.notna(rank_floor) and rank != rank_floor:
        # a floor below the others' can still move the rank up: say which way it goes
        way = "would fall" if rank_floor > rank else "would rise"
        parts.append(f"its overall rank {way} from {ordinal(int(rank))} to "
                     f"{ordinal(int(rank_floor))} of {ranked}")
    elif pd.notna(rank):
        parts.append(f"its overall rank would stay {ordinal(int(rank))} of {ranked}")
    rank_note = f" (overall rank {ordinal(int(rank))} of {ranked})" if pd.notna(rank) else ""
    scored = _scored_layers(result)
    before, after = base.overall.get(iso3), result.overall.get(iso3)
    small = all_drops[all_drops > ANY_CHANGE]
    detail = cut_detail(result, iso3)
    if not drops.size and not (pd.notna(rank) and rank != rank_floor) and not small.size:
        if result.cuts_models and not scored:
            return _model_access_text(result, iso3, name, clause, rank_note)
        if not scored and not result.cuts_models:
            # audit 3 A11: "the ledger shows no supply … that would be lost" was false for
            # Japan's 87 % energy imports; the truth is that the index cannot show this cut
            labels = _join([layer_label(layer) for layer in result.scenario.layers])
            return (f"{clause}, no score can change, for {name} or any country: no scored "
                    f"indicator depends on the {labels} "
                    f"layer{'s' if len(result.scenario.layers) > 1 else ''}, so the index "
                    "does not model this cut"
                    + ("; energy imports name no supplier in the data either"
                       if "energy" in result.scenario.layers else "") + f"{rank_note}.")
        what = (f"no {' or '.join(scored)} supply of theirs" if result.cuts_models
                else "no supply of theirs on those layers")
        if iso3 in result.scenario.cut and not result.scenario.cuts_all_foreign:
            others = len(result.scenario.cut) > 1
            text = (f"{clause}, {name} would keep its scores: it is "
                    + ("one of the countries" if others else "the country")
                    + " doing the cutting, and a country is not cut off from its own supply"
                    + ("; the ledger shows none of its supply from the others that would be "
                       "lost" if others else "") + f"{rank_note}.")
        else:
            text = (f"{clause}, {name} would keep its scores: the ledger shows {what} that "
                    f"would be lost{rank_note}.")
    elif not drops.size and not (pd.notna(rank) and rank != rank_floor):
        falls = _join([_fall_text(base.pillars.at[iso3, pillar], result.pillars.at[iso3, pillar],
                                  pillar)
                       for pillar in small.sort_values(ascending=False).index])
        stay = f"; rank stays {ordinal(int(rank))} of {ranked}" if pd.notna(rank) else ""
        text = (f"{clause}, {name} would lose a little: its {falls} "
                f"(overall {_fmt(before, after)} → {_fmt(after, before)}{stay})")
        text += f", because it would lose {detail}." if detail else "."
        text += undisclosed_text(result, iso3)
    elif not small.size:
        # nothing of its own is lost, yet its rank moves as others fall (or rise)
        cutter = (" (it is doing the cutting, and a country is not cut off from its own "
                  "supply)" if iso3 in result.scenario.cut
                  and not result.scenario.cuts_all_foreign else "")
        text = f"{clause}, {name} would keep its scores{cutter}, but " + parts[-1] + \
            " as other countries' scores change."
    else:
        text = f"{clause}, {possessive(name)} " + _join(parts) + "."
        if detail:
            text += f" It would lose {detail}."
        text += undisclosed_text(result, iso3)
        resilience = result.resilience.get(iso3)
        if resilience is not None and pd.notna(resilience):
            text += (f" It would keep {share_text(float(resilience))} of its overall score "
                     f"({_fmt(before, after)} → {_fmt(after, before)}).")
    if result.cuts_models:
        text += _model_access_text(result, iso3, name, None, "")
    return text


def _world_access_text(result: ScenarioResult, n: int) -> str:
    """Return sentences on model access across countries: the typical share and the outliers.

    Every country can use the same released models, so most keep about the same share; when
    most sit within half a point of the median, the sentence says so and names the countries
    above and below instead of an arbitrary few among the tied.
    """
    kept = result.model_access_kept.dropna()
    if kept.empty:
        return " No country has models-layer rows in the ledger, so model access is not known."
    names = result.baseline.countries["name"].astype(str)
    median = float(kept.median())

    def listed(rows: pd.Series) -> str:
        return _join([f"{names.get(iso3, iso3)} ({share_text(v)})" for iso3, v in rows.items()])

    near = (kept - median).abs() < 0.005
    if near.sum() * 2 >= len(kept):
        text = (f" On the models layer, {int(near.sum())} of {len(kept)} countries would keep "
                f"access to about {share_text(median)} of the large-scale models they can use "
                "today (every country can use the same released models)")
        above = kept[kept >= median + 0.005].sort_values(ascending=False).head(n)
        below = kept[kept <= median - 0.005].sort_values().head(n)
        if not above.empty:
            text += f"; more would be kept by {listed(above)}"
        if not below.empty:
            text += f"; the least by {listed(below)}"
        return text + "."
    least = result.least_model_access(n).set_index("iso3")["model_access_kept"]
    return (f" On the models layer, the median country would keep access to "
            f"{share_text(median)} of the large-scale models it can use today; the least would "
            f"be kept by {listed(least)}.")


def model_access_summary(result: ScenarioResult, n: int = 3) -> str:
    """Return sentences on the share of usable large-scale models countries keep, or that none
    is lost when the scenario does not cut the models layer."""
    if not result.cuts_models:
        return ("The models layer is not cut: every country keeps access to all the large-scale "
                "models it can use today.")
    text = _world_access_text(result, n).strip()
    if text.startswith("On the models layer, "):
        text = text[len("On the models layer, "):]
        text = text[0].upper() + text[1:]
    if MODELS_LAYER not in result.cut.cut_layers.values():
        text += (" Scores do not move on this layer: the index's models pillar counts models "
                 "developed at home, which a foreign withdrawal does not remove.")
    return text


def world_paragraph(result: ScenarioResult, n: int = 3) -> str:
    """Return a paragraph on the world: how many lose, the biggest losers, the most resilient."""
    table = result.table()
    loss = (table["overall"] - table["overall_floor"]).fillna(0.0)
    losing = int((loss > 1e-9).sum())
    clause = scenario_clause(result.scenario, result.baseline.countries["name"].to_dict())
    access = _world_access_text(result, n) if result.cuts_models else ""
    if losing == 0:
        why = ""
        if result.cuts_models and not _scored_layers(result):
            why = (": the models layer is reported as access, because the index's models "
                   "pillar counts models developed at home")
        return f"{clause}, no country's overall score would change{why}." + access
    losers = result.losers(n)
    losers = losers[losers["loss"] > ANY_CHANGE]
    named = [f"{row.name} ({_fmt(row.overall, row.overall_floor)} → "
             f"{_fmt(row.overall_floor, row.overall)})" for row in losers.itertuples()]
    cutting_lose = table["iso3"].isin(result.cutting) & (loss > ANY_CHANGE)
    note = cutting_note(result) if cutting_lose.any() else ""
    text = (f"{clause}, {losing} of {int(table['overall'].notna().sum())} scored countries "
            f"would lose overall score")
    if named:
        text += f"; the biggest losers{note} would be {_join(named)}"
    text += "."
    resilient = result.most_resilient(n, top=RESILIENT_TOP)
    if not resilient.empty:
        text += (f" Among the nominal top {RESILIENT_TOP}{cutting_note(result)}, the most "
                 "resilient would be "
                 + _join([f"{row.name} ({kept_text(row.resilience)})"
                          for row in resilient.itertuples()]) + ".")
    return text + access
