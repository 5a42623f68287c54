"""Capability kept under a cut-off (issue 13): best model kept, months behind the frontier,
open-weight fallback served at home, sovereign training time — for the Scenarios page, Compare
and the country page. Figures come from ``indicators.scenarios.models_kept``; nothing here
computes them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from dash import dcc, html

from dashboard import data_access
from dashboard.components.links import href
from dashboard.components.table import html_table
from indicators import Bundle, Result, ScoringSpec, score
from indicators.scenarios import PRESETS
from indicators.scenarios.capability_text import (
    country_capability_text,
    duration_label,
    fallback_text,
    headline,
    months_text,
    training_text,
    world_capability_text,
)
from indicators.scenarios.exposure import ExposureAssumptions
from indicators.scenarios.models_kept import ModelsKept, models_kept
from indicators.scenarios.news import compare_with_story
from indicators.scenarios.presets import DEFAULT_PRESET
from indicators.scenarios.scoring import ScenarioResult

HEADLINE_ID = "capability-headline"
LABELS = {"country": "Country", "best_model": "Best model before the cut",
          "best_model_kept": "Best model kept", "lag": "Months behind the frontier (before → kept)",
          "h100e": "Known AI compute (H100e)",
          "fallback_served_share": "Fallback served at home (% of demand), installed compute",
          "fallback_served_share_strict": "Fallback served at home, strict switch",
          "training_days": "Time to train at frontier compute, installed compute",
          "training_days_strict": "Time to train at frontier compute, strict switch",
          "best_model_lost": "Best model lost"}
#: What the two readings mean (the table's caption and the page's note).
READINGS = ("Installed compute: the AI compute in place on the day of the cut keeps running "
            "(hardware already installed is not switched off on day one). Strict switch: "
            "hardware of the cut suppliers counts as lost at once, as in the floor scores.")


def _days_cell(row: Mapping[Any, Any], column: str) -> str:
    days = row.get(column, float("nan"))
    if pd.notna(days):
        return duration_label(float(days))
    if pd.isna(row["h100e_nominal"] if "h100e_nominal" in row else row["h100e"]):
        return "unknown (no known AI compute)"
    return "none left under the cut"


def _share_cell(row: Mapping[Any, Any], column: str) -> str:
    share = row.get(column, float("nan"))
    if pd.notna(share):
        return f"{share:.0%}"
    if pd.isna(row["h100e_nominal"] if "h100e_nominal" in row else row["h100e"]):
        return "unknown (no known AI compute)"
    return "unknown (no internet-user figure)"


def _row(kept: ModelsKept, iso3: str, name: str) -> dict[str, Any]:
    """Return the display cells of one country."""
    row = kept.table.loc[iso3].to_dict()
    nominal = row.get("h100e_nominal", row["h100e"])
    return {
        "country": name,
        "best_model": row["best_model"] or "–",
        "best_model_kept": row["best_model_kept"] or "–",
        "lag": (f"{months_text(float(row['best_lag_months']))} → "
                f"{months_text(float(row['frontier_lag_months']))}"
                if pd.notna(row["frontier_lag_months"]) else "–"),
        "h100e": "unknown" if pd.isna(nominal) else f"{nominal:,.0f}",
        "fallback_served_share": _share_cell(row, "fallback_served_share"),
        "fallback_served_share_strict": _share_cell(row, "fallback_served_share_strict"),
        "training_days": _days_cell(row, "training_days"),
        "training_days_strict": _days_cell(row, "training_days_strict"),
        "best_model_lost": row["best_model_lost"] or "none",
    }


def figures_table(kept: ModelsKept, iso3s: list[str], names: Mapping[Any, str],
                  table_id: str) -> html.Div:
    """Return the four capability figures (and the models before and lost) per country, in a
    box that scrolls sideways on a narrow screen instead of widening the page, after a note
    (id ``<table_id>-note``, outside the box so a phone shows it whole) giving the day of the
    cut, the frontier, the fallback and the two readings."""
    rows = [_row(kept, i, names.get(i, i)) for i in iso3s if i in kept.table.index]
    frame = pd.DataFrame(rows, columns=list(LABELS))
    table = html_table(frame, labels=LABELS, table_id=table_id,
                       caption=f"Capability figures on {kept.as_of.date().isoformat()}")
    box = html.Div(table, style={"overflowX": "auto"}, tabIndex="0", role="region")
    setattr(box, "aria-label", "Capability figures")
    note = html.P(f"On {kept.as_of.date().isoformat()}; frontier {kept.frontier.model} "
                  f"({kept.frontier.flop:.1e} FLOP); open-weight fallback "
                  f"{kept.fallback_name or 'none'}. {READINGS}", className="note",
                  id=f"{table_id}-note")
    return html.Div([note, box])


def assumptions_list(kept: ModelsKept) -> html.Details:
    """Return the stated assumptions behind the fallback and training figures."""
    return html.Details([
        html.Summary("Assumptions of these figures"),
        html.Ul([html.Li("Capability proxy: training compute (Epoch AI); models without an "
                         "estimate are never the best model."),
                 html.Li("Months behind: how much earlier the frontier was already at the "
                         "kept model's compute, the frontier being the line in log(compute) "
                         "through the record-setting models' release dates (Epoch AI: "
                         "log-linear growth, 4–5× a year)."),
                 *[html.Li(line) for line in kept.assumptions.describe()]]),
        html.P("docs/scenarios.md gives each source.", className="note"),
    ])


def scenario_headline(result: ScenarioResult, iso3: str) -> html.P:
    """Return the page's headline for ``iso3``: the model it keeps and its lag."""
    return html.P(html.Strong(headline(result, iso3)), id=HEADLINE_ID, className="headline")


def scenario_panel(bundle: Bundle, result: ScenarioResult, iso3: str) -> html.Div:
    """Return the Scenarios page's capability section: figures for the chosen country, the
    sentences, who loses capability, the seed event beside the story, the assumptions."""
    kept = result.models
    if kept is None:
        return html.Div(html.P("No models_ledger.csv in the data: the capability figures are "
                               "not available.", className="note"), id="capability-panel")
    names = result.baseline.countries["name"].astype(str).to_dict()
    parts: list[Any] = [
        figures_table(kept, [iso3], names, "capability-country"),
        html.P(country_capability_text(result, iso3), id="capability-country-text"),
        html.P(world_capability_text(result), id="capability-world-text"),
    ]
    parts.append(assumptions_list(kept))
    return html.Div(parts, id="capability-panel")


def story_comparison(bundle: Bundle, result: ScenarioResult, ai_share: float) -> html.Div:
    """Return, for a cut narrowed to providers or models (the seed event), the exposure summed
    over the affected countries beside the news story's US$12 million per hour, with the
    page's AI-dependent share; empty for other scenarios."""
    if not result.scenario.narrows_models:
        return html.Div(id="capability-story")
    comparison = compare_with_story(bundle, result, ExposureAssumptions(ai_share=ai_share))
    return html.Div([html.H3("Beside the news story"), html.P(comparison.sentences())],
                    id="capability-story")


def _scenario_links(path: str, query: dict[str, Any], chosen: str) -> html.Nav:
    items = []
    for name, scenario in PRESETS.items():
        params = {k: str(v) for k, v in query.items() if k != "scenario" and v not in ("", None)}
        params["scenario"] = name
        search = "?" + "&".join(f"{k}={v}" for k, v in params.items())
        link = (html.Strong(scenario.name) if name == chosen
                else dcc.Link(scenario.name, href=href(path, search)))
        items.append(html.Li(link))
    nav = html.Nav([html.Span("Under the scenario: ", className="note"),
                    html.Ul(items, className="inline-list")])
    setattr(nav, "aria-label", "Scenario of the capability figures")
    return nav


def _kept_for(bundle: Bundle, result: Result, name: str | None) -> tuple[str, ModelsKept | None]:
    chosen = name if name in PRESETS else DEFAULT_PRESET
    # the capability figures read the method's year and window only (the compute and users
    # in the window, the ledgers of the year): another weight, view or normalisation shares them
    window = ScoringSpec(year=result.year, window=result.spec.window)
    return chosen, data_access.memo(_models_kept, bundle, window, chosen)


def _models_kept(bundle: Bundle, spec: ScoringSpec, preset: str) -> ModelsKept | None:
    """Return ``models_kept`` under ``preset`` (memoised per data, year and window, and preset;
    the baseline is scored from ``bundle`` itself, which need not be the one served)."""
    return models_kept(bundle, score(bundle, spec), PRESETS[preset])


def _section(bundle: Bundle, result: Result, path: str, query: dict[str, Any],
             section_id: str,
             body: Callable[[ModelsKept, dict[Any, str]], list[Any]]) -> html.Section:
    """Return a page's capability section under the scenario in the link's ``scenario`` (the
    frontier-API preset by default): heading, scenario links, then ``body(kept, names)``."""
    chosen, kept = _kept_for(bundle, result, query.get("scenario"))
    parts: list[Any] = [html.H2("Capability kept under a cut-off"),
                        _scenario_links(path, query, chosen)]
    if kept is None:
        parts.append(html.P("No models_ledger.csv in the data.", className="note"))
    else:
        parts += [*body(kept, result.countries["name"].astype(str).to_dict()),
                  assumptions_list(kept)]
    return html.Section(parts, id=section_id)


def capability_compare(bundle: Bundle, result: Result, iso3s: list[str], path: str,
                       query: dict[str, Any]) -> html.Section:
    """Return Compare's section: the capability figures of the compared countries under the
    scenario in the link's ``scenario`` (the frontier-API preset by default)."""
    def body(kept: ModelsKept, names: dict[Any, str]) -> list[Any]:
        return [figures_table(kept, iso3s, names, "cmp-capability-table"),
                html.Ul([html.Li(_one_line(kept, i, names.get(i, i))) for i in iso3s],
                        id="cmp-capability-lines")]

    return _section(bundle, result, path, query, "cmp-capability", body)


def _one_line(kept: ModelsKept, iso3: str, name: str) -> str:
    row = kept.table.loc[iso3].to_dict()
    if not row["best_model_kept"]:
        return f"{name}: no usable model with a known training compute."
    verb = "keeps" if row["best_model_kept"] == row["best_model"] else "falls back to"
    if row["kept_is_own"] and verb != "keeps":
        verb += " its own"
    if row["best_model_lost"] and row["best_model_lost"] != row["best_model_kept"]:
        verb = f"loses {row['best_model_lost']} and {verb}"
    return (f"{name} {verb} {row['best_model_kept']}, "
            f"{months_text(float(row['frontier_lag_months']))} behind the frontier.")


def capability_country(bundle: Bundle, result: Result, iso3: str, path: str,
                       query: dict[str, Any]) -> html.Section:
    """Return the country page's section: the capability figures of ``iso3`` under the
    scenario in the link's ``scenario`` (the frontier-API preset by default)."""
    def body(kept: ModelsKept, names: dict[Any, str]) -> list[Any]:
        name = names.get(iso3, iso3)
        return [html.P(_one_line(kept, iso3, name), className="lead", id="cty-capability-line"),
                figures_table(kept, [iso3], names, "cty-capability-table"),
                html.P(f"{fallback_text(kept, iso3, name)} {training_text(kept, iso3, name)}",
                       id="cty-capability-text")]

    return _section(bundle, result, path, query, "cty-capability", body)
