"""A click on a country of any map opens that country's profile, keeping the scoring method.

Maps are clickable when their graph has the pattern id ``ids.clickable_map(name)``; one
client-side callback per app serves them all, so a page that draws no map (the overview's
table tab) references no missing component.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output

from dashboard import ids

#: Client side: the clicked location (an ISO-3 code) → /country/<ISO3> with the method kept.
OPEN_PROFILE_JS = """
function(clicks) {
    var fired = window.dash_clientside.callback_context.triggered || [];
    var click = fired.length ? fired[0].value : null;
    var point = click && click.points && click.points[0];
    if (!point || !point.location) { return window.dash_clientside.no_update; }
    return window.sovai.basePath() + '/country/' + encodeURIComponent(point.location) +
        window.sovai.methodSearch(window.location.search);
}
"""


def install(app: Dash) -> None:
    """Attach to ``app``: a click on a country of a clickable map opens its profile."""
    app.clientside_callback(OPEN_PROFILE_JS, Output(ids.URL, "href", allow_duplicate=True),
                            Input(ids.clickable_map(ALL), "clickData"),
                            prevent_initial_call=True)
