"""Audit: do a pillar's indicators measure one thing, and does each weigh what its weight says?

Layout from the link; one callback writes the controls into the link, and the page is drawn
again from it (docs/dashboard.md, "How state flows").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import dash
from dash import ALL, Dash, Input, Output, State, ctx, dcc, html

from dashboard import data_access, ids, urlstate
from dashboard.components.chart import chart_block
from dashboard.components.state_flow import link_writer
from dashboard.components.table import html_table
from dashboard.components.weights_panel import basic_controls
from dashboard.urlstate import spec_from_query
from dashboard.views import audit as view
from dashboard.views import audit_sections as sections
from dashboard.views import downloads
from indicators import Bundle, ScoringSpec
from indicators.audit.correlations import Method

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/audit", "name": "Audit", "order": 5,
         "title": "Sovereign-AI readiness — statistical audit"}
PAGE = "audit"


def layout(**query: Any) -> html.Div:
    """Return the audit of the scores the link asks for (the reference method by default).

    Each section is drawn once per data version and its own inputs (``data_access.part``):
    the method's tables, flags and weights per method, the heatmap per pillar and
    correlation too, the comparison per compared method.
    """
    bundle = data_access.bundle()
    spec = spec_from_query(query, bundle)
    state = view.state_from_query(query, bundle)
    result = data_access.result(spec)
    part = data_access.part
    return html.Div([
        html.H1("Statistical audit"),
        html.P("The checks a reviewer of a composite index makes (JRC/OECD Handbook; COINr): "
               "whether each pillar's indicators measure one thing, which indicators are "
               "skewed by a few countries, and whether each indicator weighs in the index "
               "what its weight says.", className="lead"),
        html.Div([*basic_controls(PAGE, bundle, spec, result.year),
                  *sections.audit_controls(bundle, state)], className="controls-grid"),
        html.Div([html.Button("Download the audit", id=ids.AUD_DL),
                  dcc.Download(id=ids.AUD_DOWNLOAD)], className="toolbar"),
        *part(_consistency, bundle, spec),
        *part(_correlations, bundle, spec, state.pillar, state.method),
        *part(_flags_and_weights, bundle, spec),
        *part(_comparison, bundle, spec, state.vs_normalisation, state.vs_aggregation),
        *part(_statistics, bundle, spec),
    ])


def _consistency(bundle: Bundle, spec: ScoringSpec) -> list[Any]:
    """Return the internal consistency of each pillar under ``spec``."""
    result = data_access.result(spec)
    report = view.cached_audit(result)
    return [
        html.H2("Internal consistency per pillar"),
        html.P(view.consistency_summary(report, result), id="aud-consistency-summary"),
        sections.scrolling(html_table(view.pillar_table(report, result),
                                      labels=view.PILLAR_COLUMNS, table_id="aud-pillars"),
                           "Consistency and weights per pillar"),
    ]


def _correlations(bundle: Bundle, spec: ScoringSpec, pillar: str, method: Method) -> list[Any]:
    """Return the correlation heatmap of ``pillar`` by ``method`` under ``spec``."""
    result = data_access.result(spec)
    state = view.AuditState(pillar=pillar, method=method)
    matrix = view.correlation_matrix(result, state)
    return [
        html.H2("Correlations inside the pillar"),
        chart_block("aud-heatmap", view.heatmap(result, matrix, state),
                    view.heatmap_summary(result, matrix, state),
                    view.matrix_table(result, matrix),
                    f"sovai-audit-{result.year}-{pillar}-correlations", result=result),
    ]


def _flags_and_weights(bundle: Bundle, spec: ScoringSpec) -> list[Any]:
    """Return the flagged outliers and correlations and the weights chart under ``spec``."""
    result = data_access.result(spec)
    report = view.cached_audit(result)
    flags = view.flag_sentences(report)  # {"outliers": [...], "correlations": [...]}
    return [
        html.H2(f"Flagged: {len(flags['outliers']) + len(flags['correlations'])}"),
        html.H3(f"Outliers ({len(flags['outliers'])})"),
        html.P("|Skewness| ≥ 2 with kurtosis ≥ 3.5 (after the log transform, before any "
               "treatment) means a few countries dominate the indicator; the 'winsorise' "
               "outlier option then treats it as COINr does.", className="note"),
        sections.sentence_list(flags["outliers"], "aud-flags-outliers"),
        html.H3(f"Correlations ({len(flags['correlations'])})"),
        html.P("Within a pillar, Pearson's r above 0.9 may count one thing twice; below −0.4, "
               "or not significant (p > 0.05), two indicators do not measure the same thing.",
               className="note"),
        sections.sentence_list(flags["correlations"], "aud-flags-correlations"),
        html.H2("Nominal and effective weights"),
        chart_block("aud-weights", view.weights_figure(report, result),
                    view.weights_summary(report, result), view.weights_table(report, result),
                    f"sovai-audit-{result.year}-weights", result=result),
    ]


def _comparison(bundle: Bundle, spec: ScoringSpec, vs_normalisation: str,
                vs_aggregation: str) -> list[Any]:
    """Return the ranks under ``spec`` with the compared normalisation and aggregation."""
    state = view.AuditState(pillar=bundle.pillar_codes[0], method="pearson",
                            vs_normalisation=vs_normalisation, vs_aggregation=vs_aggregation)
    return sections.comparison_section(state, data_access.result(spec),
                                       data_access.result(view.versus_spec(spec, state)))


def _statistics(bundle: Bundle, spec: ScoringSpec) -> list[Any]:
    """Return the statistics of every indicator under ``spec``."""
    result = data_access.result(spec)
    return [
        html.H2("Every indicator"),
        sections.scrolling(html_table(view.statistics_table(view.cached_audit(result), result),
                                      labels=view.STATISTICS_COLUMNS, table_id="aud-statistics",
                                      class_name="facts compact"),
                           "Statistics of every indicator"),
    ]


def controls_to_url(_change: Any, _choices: Any, pillar: Any, method: Any, vs_norm: Any,
                    vs_agg: Any, search: str | None) -> Any:
    """Return the query string of the year, view, pillar, correlation and compared method."""
    bundle = data_access.bundle()
    query = urlstate.parse_search(search or "")
    for item in ctx.states_list[0]:
        query[item["id"]["key"]] = str(item["value"])
    spec = spec_from_query(query, bundle)
    state = view.state_from_query({"pillar": pillar, "corr": method, "vs_norm": vs_norm,
                                   "vs_agg": vs_agg}, bundle)
    new = view.audit_search(spec, state, bundle)
    return dash.no_update if new == (search or "") else new


def download(_n: Any, url: str | None) -> Any:
    """Return the audit's tables as a zip (safe CSV, metadata with the method, citation)."""
    bundle = data_access.bundle()
    query = {k: v[0] for k, v in parse_qs(urlsplit(url or "").query).items()}
    spec = spec_from_query(query, bundle)
    result = data_access.result(spec)
    report = view.cached_audit(result)
    versus = view.versus_spec(spec, view.state_from_query(query, bundle))
    compared, _ = view.comparison(result, data_access.result(versus))
    meta = downloads.metadata(result, bundle, url or "",
                              f"Sovereign-AI readiness {result.year}: statistical audit")
    meta["compared_with"] = versus.model_dump(mode="json")
    return dcc.send_bytes(downloads.package(view.download_tables(report, compared), meta),
                          f"sovai-audit-{result.year}.zip")


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    link_writer(app, ids.AUD_CHANGE, [(ids.panel(PAGE, "choice", ALL), "value"),
                                      (ids.AUD_PILLAR, "value"), (ids.AUD_METHOD, "value"),
                                      (ids.AUD_VS_NORM, "value"), (ids.AUD_VS_AGG, "value")],
                controls_to_url)
    app.callback(Output(ids.AUD_DOWNLOAD, "data"), Input(ids.AUD_DL, "n_clicks"),
                 State(ids.URL, "href"), prevent_initial_call=True)(download)
