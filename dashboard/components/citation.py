"""The citation a figure's download dialog shows: the text its zip's README carries.

A journalist copies it from the page: the citation line (scores, year, data version, the view's
link and the date) and every source with its licence and address. The server draws the page
without knowing the address the reader sees, so the link is a ``view-link`` span that
``assets/citation.js`` fills with the address when the dialog opens — the same address the CSV
download reads (``State(URL, "href")``) — and the same script serves the copy button.
"""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.views import downloads

#: The class of the span standing for the view's address (filled in the browser).
LINK_CLASS = "view-link"
COPY_LABEL = "Copy the citation"
_MARK = "\x00link\x00"


def citation_id(chart_id: str) -> str:
    """Return the id of ``chart_id``'s citation text (the copy button's target)."""
    return f"{chart_id}-citation"


def citation_block(chart_id: str, meta: dict[str, Any]) -> html.Div:
    """Return the citation of a figure from its download ``meta`` (``downloads.metadata``):
    "Cite as:" with the line the README carries, then its sources and their licences."""
    year, version = meta["scoring_year"], meta["data_version"]
    before, after = downloads.cite(year, version, _MARK).split(_MARK)
    sources = [html.Li(f"{s['publisher']}: {s['title']} — {s['licence']} — {s['url']}")
               for s in meta["sources"]]
    text = html.Div([
        html.P([html.Strong("Cite as: "), before,
                html.Span(meta.get("link") or "", className=LINK_CLASS), after]),
        html.P(html.Strong(f"Sources and licences ({len(sources)}):")),
        # a long list scrolls in its box: focusable, so the keyboard can scroll it too
        html.Ul(sources, className="citation-sources", tabIndex="0"),
    ], id=citation_id(chart_id))
    return html.Div([
        text,
        # a native button (Tab, Enter); assets/citation.js copies the text above
        html.Button(COPY_LABEL, type="button", className="secondary copy-citation"),
    ], className="citation-text")
