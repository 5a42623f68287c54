"""Play the years: a button that steps a page's year slider through the scored years.

Used by the Overview's map and the Country page's figure. Our World in Data's map animates
through the years. Here a ``dcc.Interval``, enabled by a play
button, moves the slider one scored year per tick and the page redraws only its map (the link
is left alone while it plays, so Back does not step through every year); when it stops — paused,
or at the last year — the year is written into the link once, and the page is drawn from it.

The page's "playing" store (``OV_PLAYING``, ``CTY_PLAYING``) holds ``None`` while stopped and
``{"rewind": bool}`` while playing: a play pressed on the last year starts again from the first.

The state flow stays one request per real event (docs/dashboard.md): client-side gates
(``install_gates``) pass a press of the button and a tick of the timer on to shell stores only
when they are real (a freshly drawn page mounts both, which would otherwise cost a request on
every render); the page's server callbacks listen to those stores.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import Dash, Input, Output, State, dcc, html

#: Client side: pass a press of the play button on, not the button mounting with the page.
PRESS_GATE_JS = """
function(clicks) {
    if (!clicks) { return window.dash_clientside.no_update; }
    return Date.now();
}
"""

#: Client side: pass a tick on (as a fresh number) only while the years play.
TICK_GATE_JS = """
function(ticks, playing) {
    if (!ticks || !playing) { return window.dash_clientside.no_update; }
    return Date.now();
}
"""

#: Milliseconds between two years: time to read the map before it changes.
STEP_MS = 1500
PLAY_LABEL = "Play the years"
PAUSE_LABEL = "Pause"


def play_controls(button_id: str, tick_id: str, store_id: str, shown: bool = True,
                  what: str = "the map") -> html.Div:
    """Return the play/pause button (a native button: Tab and Enter or Space reach it; its
    text, "Play the years" or "Pause", is its name for screen readers), its timer (disabled
    until play) and the store saying whether it plays. Not ``shown`` (a tab without the map),
    the button is hidden: every page keeps the same ids. ``what`` is what the years step."""
    return html.Div([
        html.Button(PLAY_LABEL, id=button_id, className="secondary play-button", type="button",
                    hidden=not shown,
                    title=f"Step {what} through the scored years; the year is kept in the "
                          "link when it stops"),
        dcc.Interval(id=tick_id, interval=STEP_MS, disabled=True),
        dcc.Store(id=store_id, data=None),
    ], className="year-player")


def next_year(years: Sequence[int], current: int | float | None) -> int | None:
    """Return the first scored year after ``current``, or None when ``current`` is the last."""
    later = [y for y in years if current is None or y > float(current)]
    return min(later) if later else None


def start_state(years: Sequence[int], current: int | float | None) -> dict[str, bool]:
    """Return the store's value when play is pressed: rewind when on (or past) the last year."""
    return {"rewind": next_year(years, current) is None}


def install_gates(app: Dash, button_id: str, tick_id: str, playing_id: str, press_store: str,
                  step_store: str) -> None:
    """Attach to ``app`` the two client-side gates of a player: a real press of ``button_id``
    writes ``press_store``; a tick of ``tick_id`` while ``playing_id`` plays writes
    ``step_store`` (both stores live in the shell, ``ids.PLAYER_STORES``)."""
    app.clientside_callback(PRESS_GATE_JS, Output(press_store, "data"),
                            Input(button_id, "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(TICK_GATE_JS, Output(step_store, "data"),
                            Input(tick_id, "n_intervals"), State(playing_id, "data"),
                            prevent_initial_call=True)
