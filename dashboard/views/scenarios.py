"""What the scenario page shows: paragraphs, result grid, losers, model access, maps, bloc,
estimate — plain functions of the page state."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import dash_ag_grid as dag
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard import data_access, ids, urlstate
from dashboard.components import capability
from dashboard.components.links import asset_url
from dashboard.components.scenario_timeline import timeline_block
from dashboard.views import downloads
from dashboard.views.figures import MAP_COLORSCALE, MODEBAR_PX, TITLE_CHARS, figure
from dashboard.views.fmt import chart_lines, count
from dashboard.views.grid import delta_column
from dashboard.views.plot_text import plot_text, plot_texts
from dashboard.views.scenario_state import PageState
from indicators import Bundle, Result, ScoringSpec, score
from indicators.scenarios import ScenarioResult, ledger_as_of, score_scenario, supplier_exposure
from indicators.scenarios.blocs import compare_bloc
from indicators.scenarios.capability_text import capability_metadata, severity_zero_text
from indicators.scenarios.definition import Scenario
from indicators.scenarios.exposure import ExposureAssumptions, output_at_risk
from indicators.scenarios.layers import layer_label
from indicators.scenarios.narrative import (
    RESILIENT_TOP,
    country_paragraph,
    kept_text,
    model_access_summary,
    resilient_heading,
    share_text,
    world_paragraph,
)
from indicators.scenarios.scoring import GOALPOST_NORMALISATIONS
from indicators.scenarios.sovereign import SovereignAssumptions


def baseline(bundle: Bundle, query: Mapping[str, Any]) -> Result:
    """Return the baseline result of the link's method (min-max unless it keeps goalposts)."""
    spec = urlstate.spec_from_query(query, bundle)
    if spec.normalisation not in GOALPOST_NORMALISATIONS:
        spec = spec.model_copy(update={"normalisation": "minmax"})
    return data_access.result(spec)


def results(bundle: Bundle, query: Mapping[str, Any], state: PageState) -> list[Any]:
    """Return what the page shows below its controls, from the narrative to the estimate.

    Each part is drawn once per data version and its own inputs (``data_access.part``): the
    scenario's tables per scenario, the focus country's paragraphs per country too, the map
    per supplier, the bloc per bloc, so a control change draws only what it changes.
    """
    base = baseline(bundle, query)
    spec, scenario, assumptions, iso3 = base.spec, state.scenario, state.assumptions, state.country
    result = data_access.memo(_scored, bundle, spec, scenario, assumptions)
    part = data_access.part
    return [
        *part(_country_parts, bundle, spec, scenario, assumptions, iso3),
        html.P(f"Scenario: {scenario.describe()}. Scored {base.year} on the baseline's "
               "goalposts, so a loss that hits everyone still shows."),
        html.Ul([html.Li(w) for w in result.warnings], className="warnings"),
        html.H2("Capability kept: best model, months behind the frontier, fallback, training"),
        part(_capability_panel, bundle, spec, scenario, assumptions, iso3),
        *part(_scenario_tables, bundle, spec, scenario, assumptions),
        html.H2("When the cut bites: the floor over time"),
        part(_timeline, bundle, spec, scenario, iso3),
        html.H2("Map"),
        (part(_access_map, bundle, spec, scenario, assumptions) if state.map_view == "access"
         else part(_exposure_map, bundle, spec, state.supplier, scenario.layers[0])),
        html.H2("Bloc view"), part(_bloc_view, bundle, spec, state.bloc or "", scenario),
        html.H2("Economic exposure (estimate)"),
        *part(_estimate, bundle, spec, scenario, assumptions, iso3, state.ai_share),
    ]


def _result(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
            assumptions: SovereignAssumptions) -> ScenarioResult:
    return data_access.memo(_scored, bundle, spec, scenario, assumptions)


def _country_parts(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
                   assumptions: SovereignAssumptions, iso3: str) -> list[Any]:
    """Return the headline and the paragraphs of the focus country ``iso3``."""
    result = _result(bundle, spec, scenario, assumptions)
    world = data_access.part(_world, bundle, spec, scenario, assumptions)
    return [capability.scenario_headline(result, iso3), narrative(result, iso3, world)]


def _world(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
           assumptions: SovereignAssumptions) -> str:
    return world_paragraph(_result(bundle, spec, scenario, assumptions))


def _capability_panel(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
                      assumptions: SovereignAssumptions, iso3: str) -> html.Div:
    return capability.scenario_panel(bundle, _result(bundle, spec, scenario, assumptions), iso3)


def _scenario_tables(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
                     assumptions: SovereignAssumptions) -> list[Any]:
    """Return who loses and who holds up, the model access and the grid of the scenario."""
    result = _result(bundle, spec, scenario, assumptions)
    return [html.H2("Who loses most, who holds up"), movers(result),
            html.H2("Model access (reported beside the scores, not in them)"),
            model_access(result),
            html.H2("Nominal and sovereign-floor scores"), results_grid(result)]


def _timeline(bundle: Bundle, spec: ScoringSpec, scenario: Scenario, iso3: str) -> html.Div:
    return timeline_block(bundle, data_access.result(spec), scenario, iso3)


def _access_map(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
                assumptions: SovereignAssumptions) -> html.Div:
    return model_access_map(_result(bundle, spec, scenario, assumptions))


def _exposure_map(bundle: Bundle, spec: ScoringSpec, supplier: str, layer: str) -> html.Div:
    return exposure_map(bundle, data_access.result(spec), supplier, layer)


def _bloc_view(bundle: Bundle, spec: ScoringSpec, bloc: str, scenario: Scenario) -> html.Div:
    return bloc_view(bundle, spec, bloc, scenario)


def _estimate(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
              assumptions: SovereignAssumptions, iso3: str, ai_share: float) -> list[Any]:
    """Return the focus country's exposure estimate and, for a narrowed cut, the story's."""
    result = _result(bundle, spec, scenario, assumptions)
    at_risk = data_access.part(_at_risk, bundle, spec, scenario, assumptions, ai_share)
    return [exposure_estimate(bundle, result, iso3, ai_share, at_risk),
            capability.story_comparison(bundle, result, ai_share)]


def _at_risk(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
             assumptions: SovereignAssumptions, ai_share: float) -> pd.DataFrame:
    """Return ``output_at_risk`` of every country (by iso3) under the scenario (shared)."""
    return output_at_risk(bundle, _result(bundle, spec, scenario, assumptions),
                          ExposureAssumptions(ai_share=ai_share)).set_index("iso3")


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    rounded = frame.round(2).astype(object).where(frame.notna(), None)
    return [{str(k): v for k, v in row.items()} for row in rounded.to_dict("records")]


def narrative(result: ScenarioResult, iso3: str, world: str | None = None) -> html.Div:
    """Return the plain-language paragraphs: the focus country ``iso3``, then the world
    (``world``: its paragraph, written here when not given)."""
    return html.Div([html.P(severity_zero_text(result, iso3)  # audit 3 B14
                            or country_paragraph(result, iso3), id=ids.SCN_NARRATIVE),
                     html.P(world_paragraph(result) if world is None else world)],
                    className="narrative", role="status")


#: Grid header of the model-access column, shown in percent (the table holds a 0–1 share).
ACCESS_HEADER = "model access kept (%)"


def results_grid(result: ScenarioResult) -> dag.AgGrid:
    """Return the grid of nominal and floor scores, ranks, resilience, rank change and model
    access kept (in %, not a score).

    The rank change is shown as on the Overview: places gained (+) or lost (−), here from the
    nominal rank to the floor rank (the library's ``rank_change`` is floor − nominal).
    """
    table = result.table()
    table["model_access_kept"] = table["model_access_kept"] * 100
    table["rank_change"] = -table["rank_change"]
    columns = []
    for c in table.columns:
        if c == "iso3":
            continue
        if c == "rank_change":
            columns.append({**delta_column(), "field": c, "headerName": "Δ rank, floor vs nominal",
                            "headerTooltip": "Places gained (+) or lost (−) at the floor"})
        else:
            columns.append({"field": c, "headerName": ACCESS_HEADER if c == "model_access_kept"
                            else c.replace("_", " ")})
    return dag.AgGrid(id=ids.SCN_GRID, rowData=_records(table), columnDefs=columns,
                      defaultColDef={"sortable": True, "filter": True, "resizable": True},
                      style={"height": "420px"})


def movers(result: ScenarioResult) -> html.Div:
    """Return the ten biggest losers and the ten most resilient countries."""
    def items(frame: pd.DataFrame, text: str) -> html.Ol:
        return html.Ol([html.Li(text.format(**{str(k): v for k, v in row.items()}))
                        for row in frame.to_dict("records")])
    losers = result.losers(10)
    if not (losers["loss"] > 1e-9).any():  # issue 13: losers who lose, or say none does
        return html.Div([html.P("No score changes under this scenario: what it changes is "
                                "reported as capability kept and model access above.",
                                id="scn-no-score-change")], className="movers")
    return html.Div([
        html.Div([html.H3("Biggest losers"),
                  items(losers[losers["loss"] > 1e-9],
                        "{name}: {overall:.1f} → {overall_floor:.1f}")]),
        html.Div([html.H3(resilient_heading(result)),
                  html.Ol([html.Li(f"{row.name}: {kept_text(row.resilience)}")
                           for row in result.most_resilient(10, top=RESILIENT_TOP)
                           .itertuples()])]),
    ], className="movers")


def model_access(result: ScenarioResult, n: int = 10) -> html.Div:
    """Return the model-access summary and the ``n`` countries keeping the least of it."""
    summary = html.P(model_access_summary(result), id=ids.SCN_ACCESS_SUMMARY)
    if not result.cuts_models:
        return html.Div([summary])
    least = result.least_model_access(n)
    items = [html.Li(f"{name}: keeps {share_text(float(kept))} (ledger {source}, {year})")
             for name, kept, source, year in zip(least["name"], least["model_access_kept"],
                                                 least["source_id"], least["year"], strict=True)]
    notes = []
    if not least.empty:
        last = float(least["model_access_kept"].iloc[-1])
        kept = result.model_access_kept.dropna()
        at_last = int((kept - last).abs().le(1e-9).sum())
        listed_ties = (least["model_access_kept"] - last).abs().le(1e-9)
        if listed_ties.all() and at_last > len(least):
            # a list of ties says nothing (audit B15): say how many tie instead
            return html.Div([summary, html.H3("Least model access kept"),
                             html.P(f"{count(at_last, 'country', 'countries')} tie at "
                                    f"{share_text(last)}, the least any country keeps.",
                                    id=ids.SCN_ACCESS_LEAST)], className="model-access")
        tied = at_last - int(listed_ties.sum())
        if tied:
            more = count(tied, "more country", "more countries")
            notes.append(html.P(f"… and {more} at {share_text(last)} (ties listed by "
                                "country code)."))
    return html.Div([summary, html.H3("Least model access kept"),
                     html.Ol(items, id=ids.SCN_ACCESS_LEAST), *notes], className="model-access")


def _styled(trace: dict[str, Any], title: str) -> go.Figure:
    """Return the map of ``trace`` with its title below plotly's toolbar, in lines that fit a
    phone (plain dicts: ``figures.figure``)."""
    text, lines = chart_lines(title, TITLE_CHARS)
    layout = {"geo": {"showframe": False, "showcoastlines": False,
                      "projection": {"type": "natural earth"}},
              "title": {"text": text, "x": 0, "y": 1, "yref": "container", "yanchor": "top",
                        "pad": {"t": MODEBAR_PX}},
              "margin": {"l": 0, "r": 0, "t": MODEBAR_PX + 20 + 20 * lines, "b": 0},
              "height": 420}
    return figure([trace], layout)


def _map(figure: go.Figure) -> html.Div:
    """Return the page's map: a click on a country opens its profile (components.map_click)."""
    return html.Div(dcc.Graph(id=ids.clickable_map(ids.SCN_MAP), figure=figure,
                              config={"displaylogo": False,
                                      "topojsonURL": asset_url()}), id=ids.SCN_MAP)


def model_access_figure(result: ScenarioResult) -> go.Figure:
    """Return a world map of the share of usable large-scale models each country keeps."""
    kept = result.model_access_kept.dropna()
    years = sorted({int(y) for y in result.model_access["year"].dropna()})
    names = result.baseline.countries["name"].reindex(kept.index).fillna("")
    fig = {"type": "choropleth", "locations": kept.index.to_numpy(),
           "z": kept.to_numpy() * 100, "text": plot_texts(names), "colorscale": MAP_COLORSCALE,
           "zmin": 0, "zmax": 100, "colorbar": {"title": {"text": "% kept"}},
           "hovertemplate": "%{text}: keeps %{z:.1f}%<extra></extra>"}
    when = f", ledger {years[-1]}" if len(years) == 1 else (
        f", ledger {years[0]}–{years[-1]}" if years else "")
    return _styled(fig, "Model access kept: share of the large-scale models each country can "
                        f"use today that it keeps{when}")


def _scored(bundle: Bundle, spec: ScoringSpec, scenario: Scenario,
            assumptions: SovereignAssumptions | None = None) -> ScenarioResult:
    """Return the scenario scored against the baseline of ``spec`` (memoised per data), with
    the capability figures under ``assumptions`` (the defaults if None).

    The baseline is scored here (a few ms, once per scenario and data version): a function of
    its arguments only, as a memoised one should be.
    """
    return score_scenario(bundle, score(bundle, spec), scenario, assumptions)


def model_access_map(result: ScenarioResult) -> html.Div:
    """Return the model-access map as the page's map graph."""
    return _map(model_access_figure(result))


def exposure_map(bundle: Bundle, baseline: Result, supplier: str, layer: str) -> html.Div:
    """Return a world map of the share of ``layer`` each country gets from ``supplier``."""
    exposure = data_access.memo(_exposure, bundle, baseline.year, baseline.spec.window,
                                supplier, layer)
    names = bundle.countries["name"].reindex(exposure.index).fillna("")
    fig = {"type": "choropleth", "locations": exposure.index.to_numpy(),
           "z": exposure.to_numpy() * 100, "text": plot_texts(names),
           "colorscale": MAP_COLORSCALE, "reversescale": True, "zmin": 0, "zmax": 100,
           "colorbar": {"title": {"text": "% supplied"}},
           "hovertemplate": "%{text}: %{z:.0f}%<extra></extra>"}
    name = plot_text(bundle.countries["name"].get(supplier, supplier))
    return _map(_styled(fig, f"Exposure to {name} on the {layer_label(layer)} layer, "
                             f"{baseline.year} (share of supply)"))


def _exposure(bundle: Bundle, year: int, window: int, supplier: str, layer: str) -> pd.Series:
    """Return each country's share of ``layer`` from ``supplier`` (memoised per data)."""
    ledger = data_access.memo(ledger_as_of, bundle, year, window)
    return supplier_exposure(ledger, supplier, layer)


def bloc_view(bundle: Bundle, spec: ScoringSpec, bloc: str, scenario: Scenario) -> html.Div:
    """Return ``bloc`` scored as one unit beside its members, nominal and floor, under the
    baseline of ``spec`` (a sentence asking for a bloc when ``bloc`` is "")."""
    if not bloc:
        return html.Div(html.P("Choose a bloc to score it as one unit."))
    comparison = data_access.memo(_bloc, bundle, spec, bloc, scenario)
    columns = [{"field": c, "headerName": c.replace("_", " ")} for c in comparison.table.columns
               if c != "iso3"]
    return html.Div([
        html.P(f"{bloc} as one unit: capacities summed, ratios weighted by population, "
               "supply from inside the bloc counted as sovereign; scored on the world's "
               "goalposts."),
        dag.AgGrid(id=ids.SCN_BLOC_GRID, rowData=_records(comparison.table), columnDefs=columns,
                   defaultColDef={"sortable": True, "resizable": True},
                   style={"height": "300px"})])


def _bloc(bundle: Bundle, spec: ScoringSpec, bloc: str, scenario: Scenario) -> Any:
    """Return ``compare_bloc`` against the baseline of ``spec`` (memoised per data; the
    baseline scored here, as in ``_scored``)."""
    return compare_bloc(bundle, score(bundle, spec), bloc, scenario)


def percent_2sf(share: float) -> str:
    """Return a share as a percentage to two significant figures ("0.52%", "4.6%", "100%"), so
    the product in the exposure equation can be re-done from the figures shown (audit 3 A6: a
    0.52 % loss shown as "1%" doubled a reader's product)."""
    if share <= 0:
        return "0%"
    digits = max(0, 1 - math.floor(math.log10(share * 100)))
    while share < 1 and round(share * 100, digits) >= 100:  # never "100%" of a partial loss
        digits += 1
    return f"{share * 100:.{digits}f}%"


def exposure_estimate(bundle: Bundle, result: ScenarioResult, iso3: str, ai_share: float,
                      at_risk: pd.DataFrame | None = None) -> html.Div:
    """Return the output-at-risk estimate for ``iso3``, its assumptions beside it (``at_risk``:
    ``output_at_risk`` of every country by iso3, computed here when not given)."""
    assumptions = ExposureAssumptions(ai_share=ai_share)
    if at_risk is None:
        at_risk = output_at_risk(bundle, result, assumptions).set_index("iso3")
    row = at_risk.loc[iso3]
    if pd.isna(row["at_risk_per_hour"]):
        figure = "No estimate: the data lacks this country's GDP or supplier ledger."
    else:
        figure = (f"{row['name']}: about US$ {row['at_risk_per_hour']:,.0f} of output per hour "
                  f"at risk (US$ {row['at_risk_per_year'] / 1e9:,.1f} bn a year) = GDP per hour "
                  f"US$ {row['gdp_per_hour']:,.0f} ({row['gdp_year']}) × AI share "
                  f"{row['ai_share']:.1%} "
                  f"× capacity lost {percent_2sf(float(row['capacity_lost']))}.")
    return html.Div([html.P(html.Strong("Estimate, not a measurement. ")), html.P(figure),
                     html.H3("Assumptions"), html.Ul([html.Li(t) for t in
                                                      assumptions.describe()])])


def download_zip(result: ScenarioResult, state: PageState, url: str, bundle: Bundle) -> bytes:
    """Return a zip of scenario.csv (formula-safe, tidied), metadata.json (scenario, method,
    data, sources) and README.txt with the citation, as every other download of the app."""
    base = result.baseline
    title = f"Sovereign-floor scores: {state.scenario.name}, {base.year}"
    meta = downloads.metadata(base, bundle, url, title)
    meta.update({
        "scenario": state.scenario.model_dump(mode="json"),
        "description": state.scenario.describe(),
        "scenario_method": "value × (1 − severity × share of the cut suppliers other than the "
                           "country itself), scored on the baseline's goalposts, clipped to 0–100",
        "model_access_kept": "share of the large-scale models the country can use today that it "
                             "keeps: 1 − severity × models-layer share of the cut foreign "
                             "suppliers (latest ledger year in the window); reported beside the "
                             "scores, not in them",
        "warnings": list(result.warnings), **capability_metadata(result)})
    return downloads.package({"scenario": result.table()}, meta)
