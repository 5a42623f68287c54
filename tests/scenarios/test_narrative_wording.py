"""Wording of scenario sentences (audit C3, C5): places read as places, layers by their labels,
and the country doing the cutting is told it is not cut off from itself."""

from __future__ import annotations

from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.narrative import (
    country_paragraph,
    in_place,
    ordinal,
    scenario_clause,
)


def test_places_after_in() -> None:
    assert in_place("Egypt") == "Egypt"
    assert in_place("United States") == "the United States"
    assert in_place("United Kingdom") == "the United Kingdom"
    assert in_place("Netherlands") == "the Netherlands"
    assert in_place("Dominican Republic") == "the Dominican Republic"
    assert in_place("Solomon Islands") == "the Solomon Islands"
    assert in_place("Japan") == "Japan"


def test_clause_names_suppliers_in_places_and_layers_by_label() -> None:
    names = {"JPN": "Japan", "NLD": "Netherlands", "EGY": "Egypt"}
    tools = scenario_clause(Scenario(cut=("JPN", "NLD"), layers=("chips_tools",)), names)
    assert tools == "If suppliers in Japan and the Netherlands cut off their chip-making " \
                    "tools supply"
    cables = scenario_clause(Scenario(cut=("EGY",), layers=("connectivity",)), names)
    assert cables == "If suppliers in Egypt cut off their cable links supply"


def test_the_country_cutting_is_told_it_is_not_cut_off_from_itself(cut_bundle,
                                                                     cut_baseline) -> None:
    result = score_scenario(cut_bundle, cut_baseline, Scenario(cut=("DDD",), layers=("chips",)))
    text = country_paragraph(result, "DDD")
    assert "Country D would keep its scores: it is the country doing the cutting, and a " \
           "country is not cut off from its own supply" in text, text
    assert "the ledger shows no supply" not in text


def test_least_access_list_of_ties_says_how_many_tie() -> None:
    """Audit B15: ten arbitrary countries out of 190 at the same share say nothing."""
    from pathlib import Path

    from dashboard.views.scenarios import model_access
    from indicators import load, score
    from indicators.scenarios import PRESETS
    from indicators.scenarios.narrative import share_text

    bundle = load(Path(__file__).resolve().parents[2] / "data")
    result = score_scenario(bundle, score(bundle), PRESETS["frontier-api-withdrawn"])
    kept = result.model_access_kept.dropna()
    least = float(kept.min())
    tied = int((kept - least).abs().le(1e-9).sum())
    assert tied > 10  # the shipped case: most countries can use the same released models
    rendered = str(model_access(result))
    assert f"{tied} countries tie at {share_text(least)}, the least any country keeps." \
        in rendered
    assert "ties listed by country code" not in rendered


def test_a_cutter_whose_rank_moves_keeps_its_scores_in_the_sentence() -> None:
    """Taiwan under taiwan-strait loses nothing of its own but rises as others fall: the
    sentence said "Taiwan's its overall rank would rise" and "keep 100%"."""
    from pathlib import Path

    from indicators import load, score
    from indicators.scenarios import PRESETS

    bundle = load(Path(__file__).resolve().parents[2] / "data")
    baseline = score(bundle)
    result = score_scenario(bundle, baseline, PRESETS["taiwan-strait"])
    assert (result.pillars.loc["TWN"] == baseline.pillars.loc["TWN"]).all()
    before, after = int(baseline.rank["TWN"]), int(result.rank["TWN"])
    assert after < before  # others fall below it
    text = country_paragraph(result, "TWN")
    assert "Taiwan would keep its scores (it is doing the cutting" in text, text
    assert f"rank would rise from {ordinal(before)} to {ordinal(after)}" in text, text
    assert "Taiwan's its" not in text and "100%" not in text


def test_a_group_cut_names_its_weakest_link_and_its_suppliers() -> None:
    """A chip-making tools cut names the tool category whose share was used (the largest
    Japanese + Dutch share, computed here from the ledger rows), not 'chip-making tools' with
    every category's suppliers mixed."""
    from pathlib import Path

    from indicators import load, score
    from indicators.scenarios import PRESETS
    from indicators.scenarios.layers import TOOL_LAYERS, layer_phrase

    bundle = load(Path(__file__).resolve().parents[2] / "data")
    deps = bundle.dependencies
    tools = deps[(deps["iso3"] == "GBR") & deps["layer"].isin(TOOL_LAYERS)
                 & deps["supplier"].isin(["JPN", "NLD"])]
    tools = tools[tools["year"] == tools["year"].max()]
    binding = tools.groupby("layer")["share"].sum().idxmax()
    result = score_scenario(bundle, score(bundle), PRESETS["lithography-controls"])
    text = country_paragraph(result, "GBR")
    assert f"on the {layer_phrase(binding)} layer, from the Netherlands and Japan" in text \
        or f"on the {layer_phrase(binding)} layer, from Japan and the Netherlands" in text, text
