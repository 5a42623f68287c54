"""Play the years: a button that steps a page's year slider through the scored years.

Our World in Data's map animates through the years. Here a ``dcc.Interval``, enabled by a play
button, moves the slider one scored year per tick and the page redraws only its map (the link
is left alone while it plays, so Back does not step through every year); when it stops — paused,
or at the last year — the year is written into the link once, and the page is drawn from it.

``OV_PLAYING`` holds ``None`` while stopped and ``{"rewind": bool}`` while playing: a play
pressed on the last year starts again from the first.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

#: Milliseconds between two years: time to read the map before it changes.
STEP_MS = 1500
PLAY_LABEL = "Play the years"
PAUSE_LABEL = "Pause"


def play_controls(button_id: str, tick_id: str, store_id: str, shown: bool = True) -> html.Div:
    """Return the play/pause button (a native button: Tab and Enter or Space reach it), its
    timer (disabled until play) and the store saying whether it plays. Not ``shown`` (a tab
    without the map), the button is hidden: every page keeps the same ids."""
    return html.Div([
        html.Button(PLAY_LABEL, id=button_id, className="secondary play-button", type="button",
                    hidden=not shown,
                    title="Step the map through the scored years; the year is kept in the "
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
