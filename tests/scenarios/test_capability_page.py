"""The capability parts of the Scenarios, Compare and country pages, built without a browser
on the shipped data (issue 13: the page shows all four figures for one and several countries)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.components import capability
from dashboard.views import scenarios as view
from indicators.scenarios import PRESETS, score_scenario

DATA = Path(__file__).parents[2] / "data"


def texts(component) -> list[str]:
    """Return every string inside a Dash component tree, depth first."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    if not isinstance(children, list | tuple):
        children = [children]
    return [t for child in children for t in texts(child)]


def find(component, component_id: str):
    """Return the component with ``component_id`` inside ``component`` (None if absent)."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str):
        return None
    for child in children if isinstance(children, list | tuple) else [children]:
        hit = find(child, component_id)
        if hit is not None:
            return hit
    return None


@pytest.fixture(scope="module")
def frontier_cut(shipped):
    bundle, baseline = shipped
    return score_scenario(bundle, baseline, PRESETS["frontier-api-withdrawn"])


def test_headline_names_model_and_lag(frontier_cut):
    line = capability.scenario_headline(frontier_cut, "KOR")
    assert line.id == capability.HEADLINE_ID
    assert texts(line) == ["South Korea loses Grok 4 and falls back to Llama Nemotron Ultra "
                           "253B: 22 months behind the frontier (Grok 4)."]


def test_scenario_panel_shows_the_four_figures(shipped, frontier_cut):
    bundle, _ = shipped
    panel = capability.scenario_panel(bundle, frontier_cut, "KOR")
    table = find(panel, "capability-country")
    assert table is not None
    headers = texts(table.children[1])
    cells = texts(table.children[2])
    assert headers == ["Country", "Best model before the cut", "Best model kept",
                       "Months behind the frontier (before → kept)", "Known AI compute (H100e)",
                       "Fallback served at home (% of demand), installed compute",
                       "Fallback served at home, strict switch",
                       "Time to train at frontier compute, installed compute",
                       "Time to train at frontier compute, strict switch", "Best model lost"]
    row = frontier_cut.models.table.loc["KOR"]
    days = row["training_days"]  # 5e26 FLOP / (H100e × 989e12 × 0.38 × 86,400)
    assert days == pytest.approx(5e26 / (row["h100e"] * 989e12 * 0.38 * 86_400))
    assert 365 < days < 730
    assert cells == ["South Korea", "Grok 4", "Llama Nemotron Ultra 253B",
                     "0 months → 22 months", f"{row['h100e']:,.0f}", "100%", "100%",
                     f"{days / (365.25 / 12):.0f} months ({days:,.0f} days)",
                     f"{days / (365.25 / 12):.0f} months ({days:,.0f} days)", "Grok 4"]
    assert "Like every country without a model of its own" in texts(
        find(panel, "capability-country-text"))[0]


def test_both_readings_side_by_side_after_a_compute_cut(shipped):
    """us-export-controls: the UK's compute is all US-designed. The installed reading keeps it
    running; the strict one leaves none, and the cell says so instead of a number; a country
    with no known compute says that."""
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["us-export-controls"])
    box = capability.figures_table(result.models, ["GBR", "PRK"],
                                   {"GBR": "United Kingdom", "PRK": "North Korea"}, "t")
    table = find(box, "t")
    rows = table.children[2].children
    gbr, prk = texts(rows[0]), texts(rows[1])
    assert gbr[5] == "100%" and gbr[6] == "0%"
    assert gbr[7].endswith("days)") and gbr[8] == "none left under the cut"
    assert prk[4] == "unknown" and prk[7] == "unknown (no known AI compute)"
    note = texts(find(box, "t-note"))[0]
    assert "Installed compute: the AI compute in place on the day of the cut" in note
    assert "Strict switch: hardware of the cut suppliers counts as lost at once" in note


def test_seed_event_panel_sets_the_story_beside(shipped):
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["seed-event"])
    story = texts(capability.story_comparison(bundle, result, 0.046))
    assert "against the news story's US$12 million" in story[1]
    # the page's AI-dependent share scales the estimate: twice the share, twice the ratio
    doubled = texts(capability.story_comparison(bundle, result, 0.092))[1]
    ratio = float(re.search(r"ratio (\d+\.\d+)", story[1]).group(1))
    assert float(re.search(r"ratio (\d+\.\d+)", doubled).group(1)) == pytest.approx(
        2 * ratio, abs=0.016)  # both printed to 2 decimals
    frontier = score_scenario(bundle, baseline, PRESETS["frontier-api-withdrawn"])
    assert texts(capability.story_comparison(bundle, frontier, 0.046)) == []


def test_download_metadata_states_the_capability_method(shipped):
    import io
    import json
    import zipfile

    from dashboard.views.scenario_state import state_from_query

    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, PRESETS["seed-event"])
    state = state_from_query({"preset": "seed-event"}, bundle)
    archive = zipfile.ZipFile(io.BytesIO(view.download_zip(result, state, "/scenarios", bundle)))
    meta = json.loads(archive.read("metadata.json"))
    assert meta["capability"]["as_of"] == "2024-06-20"
    assert meta["capability"]["open_weight_fallback"] == "Nemotron-4 340B"
    header = archive.read("scenario.csv").decode().splitlines()[0]
    assert header.endswith("best_model_kept,frontier_lag_months,fallback_served_share,"
                           "training_days")


def test_no_score_change_is_said_instead_of_a_list_of_zero_losses(frontier_cut):
    movers = view.movers(frontier_cut)
    assert find(movers, "scn-no-score-change") is not None
    assert "Biggest losers" not in texts(movers)


def test_compare_section_has_a_row_per_country(shipped):
    bundle, baseline = shipped
    section = capability.capability_compare(bundle, baseline, ["KOR", "JPN", "GBR", "USA"],
                                            "/compare", {"countries": "KOR,JPN,GBR,USA"})
    table = find(section, "cmp-capability-table")
    rows = table.children[2].children
    assert [texts(r)[0] for r in rows] == ["South Korea", "Japan", "United Kingdom",
                                           "United States"]
    assert [texts(r)[2] for r in rows] == ["Llama Nemotron Ultra 253B",
                                           "Llama Nemotron Ultra 253B", "Gemini 1.0 Ultra",
                                           "Grok 4"]
    lines = texts(find(section, "cmp-capability-lines"))
    assert lines[2] == ("United Kingdom loses Grok 4 and falls back to its own Gemini 1.0 "
                        "Ultra, 19 months behind the frontier.")
    assert lines[0] == ("South Korea loses Grok 4 and falls back to Llama Nemotron Ultra 253B, "
                        "22 months behind the frontier.")


def test_country_section_follows_the_scenario_in_the_link(shipped):
    bundle, baseline = shipped
    section = capability.capability_country(bundle, baseline, "KOR", "/country/KOR",
                                            {"scenario": "seed-event"})
    assert texts(find(section, "cty-capability-line")) == [
        "South Korea loses Claude 3.5 Sonnet and keeps Gemini 1.0 Ultra, 0 months behind the "
        "frontier."]
    # the chosen scenario is plain text, the others are links carrying scenario=
    nav = section.children[1]
    assert "scenario=frontier-api-withdrawn" in str(nav)
    assert "scenario=seed-event" not in str(nav)
