"""A country dropdown that searches as the ranking does (``views/search.py``): a word that is an
ISO-3 code matches as a code, any other word the start of a code or of a name's word.

Dash's dropdown matches anywhere inside its options' text ("KOR" also lists North Korea), and
its search cannot be configured. So the page keeps the full option list in a store beside the
dropdown, and a client-side callback (no request) answers each change of the typed text with
the options that match — always keeping the chosen ones — each carrying the typed text in its
``search`` field so the dropdown's own filter keeps every one of them.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, dcc

from dashboard import data_access
from dashboard.views import search
from indicators import Bundle

#: Client side: the options the typed text finds (the same rule as the ranking's quick
#: filter, ``assets/grid_functions.js``), the chosen ones kept; all of them when nothing is typed.
FILTER_JS = """
function(typed, value, all) {
    var no = window.dash_clientside.no_update;
    if (!all) { return no; }
    if (!typed) { return all; }
    var f = window.dashAgGridFunctions;
    var codes = all.map(function (o) { return String(o.value).toLowerCase(); }).join(' ');
    var parts = f.countryQueryParts(typed, codes);
    var chosen = new Set([].concat(value || []));
    return all.filter(function (o) {
        return chosen.has(o.value) || f.countryQueryMatch(
            parts, '\\u241f' + o.value + '\\u241f' + (o.search || o.label) + '\\u241f');
    }).map(function (o) { return Object.assign({}, o, {search: o.search + ' ' + typed}); });
}
"""


def store_id(dropdown_id: str) -> str:
    """Return the id of the store holding ``dropdown_id``'s full option list."""
    return f"{dropdown_id}-options"


def country_dropdown(dropdown_id: str, bundle: Bundle, value: Any,
                     codes: list[str] | None = None, **props: Any) -> list[Any]:
    """Return the dropdown of the countries ``codes`` (all by default) and its option store
    (the options computed once per data version and codes: ``data_access.memo``)."""
    options = options_of(bundle, codes)
    return [dcc.Dropdown(id=dropdown_id, options=options, value=value, **props),
            dcc.Store(id=store_id(dropdown_id), data=options)]


def options_of(bundle: Bundle, codes: list[str] | None = None) -> list[dict[str, str]]:
    """Return ``search.country_options(bundle, codes)``, memoised per data version and codes
    (shared: callers must not change it in place)."""
    return data_access.memo(_options, bundle, None if codes is None else tuple(codes))


def _options(bundle: Bundle, codes: tuple[str, ...] | None) -> list[dict[str, str]]:
    return search.country_options(bundle, None if codes is None else list(codes))


def install(app: Dash, dropdown_id: str) -> None:
    """Attach to ``app`` the search of the country dropdown ``dropdown_id``."""
    app.clientside_callback(FILTER_JS, Output(dropdown_id, "options"),
                            Input(dropdown_id, "search_value"), State(dropdown_id, "value"),
                            State(store_id(dropdown_id), "data"), prevent_initial_call=True)
