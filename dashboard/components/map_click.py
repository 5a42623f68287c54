"""A click on a country of a map opens that country's profile, keeping the scoring method."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard import ids

#: Client side: the clicked location (an ISO-3 code) → /country/<ISO3> with the method kept.
OPEN_PROFILE_JS = """
function(click) {
    var point = click && click.points && click.points[0];
    if (!point || !point.location) { return window.dash_clientside.no_update; }
    return window.sovai.basePath() + '/country/' + encodeURIComponent(point.location) +
        window.sovai.methodSearch(window.location.search);
}
"""


def open_profile_on_click(app: Dash, map_id: str) -> None:
    """Attach to ``app``: a click on a country of the map ``map_id`` opens its profile."""
    app.clientside_callback(OPEN_PROFILE_JS, Output(ids.URL, "href", allow_duplicate=True),
                            Input(map_id, "clickData"), prevent_initial_call=True)
