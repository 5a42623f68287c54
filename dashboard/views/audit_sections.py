"""The audit page's sections as Dash components, drawn from the plain functions of views.audit."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard import ids
from dashboard.components.table import html_table
from dashboard.urlstate import offered
from dashboard.views import audit as view
from indicators import Bundle, Result, registry

COMPARE_LABELS = {"iso3": "Code", "name": "Country", "rank_a": "Rank (a)", "rank_b": "Rank (b)",
                  "diff": "Difference", "abs_diff": "Places moved", "score_a": "Score (a)",
                  "score_b": "Score (b)"}


def audit_controls(bundle: Bundle, state: view.AuditState) -> list[Any]:
    """Return the pillar and correlation controls of the page."""
    pillars = [{"value": p, "label": str(bundle.pillars.at[p, "name"])}
               for p in bundle.pillar_codes]
    return [
        html.Label([html.Span("Correlations of pillar"),
                    dcc.Dropdown(id=ids.AUD_PILLAR, options=pillars, value=state.pillar,
                                 clearable=False)], className="control"),
        html.Fieldset([html.Legend("Correlation"),
                       dcc.RadioItems(id=ids.AUD_METHOD, value=state.method, inline=True,
                                      className="radios",
                                      options=[{"value": m, "label": label}
                                               for m, label in view.METHOD_LABELS.items()])],
                      className="control fieldset"),
    ]


def comparison_section(state: view.AuditState, result: Result, versus: Result) -> list[Any]:
    """Return the rank changes from the page's method to the one chosen here (compare_coins)."""
    table, sentence = view.comparison(result, versus)
    options = {field: [{"value": n, "label": c.label} for n, c in registry.CHOICES[field].items()
                       if n in offered(field)] for field in ("normalisation", "aggregation")}
    same = [{"value": "", "label": "The same as above"}]
    shown = table.head(view.COMPARISON_ROWS).round({"score_a": 1, "score_b": 1})
    return [
        html.H2("Ranks under another method"),
        html.P("The rank of every country under the method above (a) and under the same "
               "method with the normalisation and aggregation chosen here (b), as COINr's "
               "compare_coins; positive differences rank better under b.", className="note"),
        html.Div([
            html.Label([html.Span("Normalisation (b)"),
                        dcc.Dropdown(id=ids.AUD_VS_NORM, options=same + options["normalisation"],
                                     value=state.vs_normalisation, clearable=False)],
                       className="control"),
            html.Label([html.Span("Aggregation (b)"),
                        dcc.Dropdown(id=ids.AUD_VS_AGG, options=options["aggregation"],
                                     value=state.vs_aggregation, clearable=False)],
                       className="control"),
        ], className="controls-grid"),
        html.P(sentence, id="aud-compare-summary"),
        scrolling(html_table(shown, labels=COMPARE_LABELS, table_id="aud-compare"),
                   f"The {len(shown)} largest rank changes"),
    ]


def sentence_list(sentences: list[str], list_id: str) -> html.Ul:
    """Return the flag sentences as a list (one item saying so when there is none)."""
    return html.Ul([html.Li(s) for s in sentences] or [html.Li("Nothing is flagged.")],
                   id=list_id)


def scrolling(table: html.Table | html.Div, label: str) -> html.Div:
    """Return ``table`` in a region that scrolls sideways on a narrow screen (and by keyboard)."""
    # dash's typed signature has no aria-* keywords; the component accepts them
    return html.Div(table, tabIndex="0", role="region", style={"overflowX": "auto"},
                    **{"aria-label": label})  # type: ignore[arg-type]
