"""The one way state flows on a page: a control changes → the link changes → the page is drawn.

``link_writer`` attaches two callbacks to an app for a page's controls:

1. a client-side gate (no request) that passes on a change of exactly one control, as a person
   makes it, and ignores the burst Dash fires when a freshly drawn page mounts its controls
   (pattern-matching inputs fire on mount even with ``prevent_initial_call``);
2. the page's server callback, which reads every control as State and returns the new query
   string for the shell's ``dcc.Location`` — or ``no_update`` when it is unchanged.

Dash Pages then calls the page's ``layout(**query)`` once with the new link: one change, one
server callback, one render. See docs/dashboard.md, "How state flows".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from dash import Dash, Input, Output, State

from dashboard import ids

#: Client side: pass on a single control's change (with its id), ignore mount bursts.
GATE_JS = """
function() {
    var ctx = window.dash_clientside.callback_context;
    var fired = (ctx && ctx.triggered) || [];
    if (fired.length !== 1 || !fired[0].prop_id || fired[0].prop_id === '.') {
        return window.dash_clientside.no_update;
    }
    return {changed: fired[0].prop_id, at: Date.now()};
}
"""

Control = tuple[Any, str]


def changed_id(change: dict[str, Any] | None) -> Any:
    """Return the id of the control the gate passed on (a string or a pattern dict), or None."""
    prop_id = str((change or {}).get("changed") or "")
    component = prop_id.rsplit(".", 1)[0]
    if component.startswith("{"):
        try:
            return json.loads(component)
        except ValueError:
            return None
    return component or None


def link_writer(app: Dash, store_id: str, controls: Sequence[Control],
                write: Callable[..., Any], states: Sequence[Control] = ()) -> None:
    """Attach the gate and ``write(change, *control_values, *state_values, search)`` to ``app``.

    ``states`` are read when a control changes but do not trigger a write themselves.
    ``write`` returns the new query string of the page (written into the shell's location).
    ``store_id`` is one of ``ids.CHANGE_STORES``, which the shell holds (a store inside the
    redrawn page content would fire ``write`` again each time the page is drawn).
    """
    app.clientside_callback(GATE_JS, Output(store_id, "data"),
                            *[Input(cid, prop) for cid, prop in controls],
                            prevent_initial_call=True)
    app.callback(Output(ids.URL, "search", allow_duplicate=True), Input(store_id, "data"),
                 *[State(cid, prop) for cid, prop in [*controls, *states]],
                 State(ids.URL, "search"),
                 prevent_initial_call=True)(write)
