"""The Data page: validation status, upload or paste → preview → Apply, history with Roll back.

The page's state is the files on disk and the pending update (a store), not the link.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
from dash import Dash, Input, Output, State, dcc, html

from dashboard import data_access, ids, security
from dashboard.views import data as view
from dashboard.views import upload
from indicators.updates import overrides
from indicators.updates.apply import MAX_UPLOAD_BYTES, apply, rollback, show
from indicators.updates.errors import UpdateError
from indicators.updates.history import readable_log
from indicators.updates.targets import known_targets

#: The route and navigation entry (keywords of ``dash.register_page``).
ROUTE = {"path": "/data", "name": "Data", "order": 6, "title": "Sovereign-AI readiness — data"}
LIMIT_MB = MAX_UPLOAD_BYTES / 2**20


def layout(**_query: str) -> html.Div:
    """Return the page; the status and history fill in from the files on disk."""
    directory = data_access.data_dir()
    return html.Div([
        html.H1("Data"),
        html.H2("Status of the files"),
        html.Div(id=ids.DATA_STATUS, children=_status()),
        html.H2("Update a file"),
        html.P(f"Upload a CSV (up to {LIMIT_MB:.0f} MB) or paste rows. It is checked with exactly "
               "the rules of `sovai validate`, and you see every problem, or the rows it changes "
               "and who moves in the ranking, before anything is written. Pasted rows replace "
               "the rows of the file with the same key (for a values file: country, indicator "
               "and year) and add the others."),
        dcc.Upload(id=ids.DATA_UPLOAD, children=html.Div(["Drop a CSV here or ",
                                                          html.Button("choose a file")]),
                   className="upload-area", multiple=False),
        html.Div(id=ids.DATA_UPLOAD_ERROR, role="alert"),
        html.Label(["Target file (empty: from the uploaded file's name)",
                    dcc.Dropdown(id=ids.DATA_TARGET, options=known_targets(directory),
                                 placeholder="from the file's name")]),
        html.Label(["…or paste rows (with or without the header)",
                    dcc.Textarea(id=ids.DATA_PASTE, style={"width": "100%", "height": "8em"})]),
        html.Button("Preview pasted rows", id=ids.DATA_PREVIEW_PASTE),
        dcc.Loading(html.Div(id=ids.DATA_PREVIEW)),
        dcc.Store(id=ids.DATA_UPLOAD_PAYLOAD),
        dcc.Store(id=ids.DATA_PENDING),
        dcc.Store(id=ids.DATA_CHANGED),
        html.Label(["Note (why)", dcc.Input(id=ids.DATA_NOTE, type="text", debounce=False)]),
        html.Label(["Write token (needed when not on this machine)",
                    dcc.Input(id=ids.DATA_TOKEN, type="password")]),
        html.Button("Apply", id=ids.DATA_APPLY, disabled=True),
        html.Div(id=ids.DATA_MESSAGE, role="status"),
        html.H2("Edits kept over rebuilds"),
        html.P("Each cell set by an applied update (not undone by a rollback): "
               "sovai build-data sets them again after regenerating the files."),
        html.Div(id=ids.DATA_OVERRIDES, children=_overrides(directory)),
        html.H2("History"),
        html.Div(id=ids.DATA_HISTORY, children=_history(directory)),
        html.Label(["Version", dcc.Dropdown(id=ids.DATA_VERSION, options=_versions())]),
        html.Button("View", id=ids.DATA_VIEW),
        dcc.ConfirmDialogProvider(
            html.Button("Roll back to this version"), id=ids.DATA_ROLLBACK,
            message="Roll the data back to the chosen version? Every file returns to its state "
                    "at that version; the rollback is recorded and can itself be rolled back."),
        html.Div(id=ids.DATA_ENTRY),
    ])


def _status() -> html.Div:
    state = data_access.current()
    warnings = state.bundle.warnings if state.bundle is not None else ()
    return view.file_status(data_access.data_dir(), state.problems, warnings)


def _history(directory: Path) -> Any:
    """Return the history view, or why the history's log cannot be read (issue 15)."""
    entries, damaged = readable_log(directory)
    if damaged:
        return html.P(damaged, className="status-bad", role="alert")
    return view.history_view(entries)


def _overrides(directory: Path) -> Any:
    """Return the edits a rebuild keeps (overrides/), each cell with the update that set it."""
    entries, _ = readable_log(directory)
    try:
        kept = overrides.read(directory)
    except ValueError as err:
        return html.P(f"overrides/ cannot be read: {err}", className="status-bad", role="alert")
    return view.overrides_view(kept, entries)


def _versions() -> list[dict[str, Any]]:
    entries, _ = readable_log(data_access.data_dir())
    options: list[dict[str, Any]] = [{"label": f"{e.number}: {e.when} {', '.join(e.files)}",
                                      "value": str(e.number)} for e in reversed(entries)]
    return [*options, {"label": "0: before the first recorded update", "value": "0"}]


#: A file over the limit is refused in the browser with a message, before it is sent; the
#: upload area is then emptied, so choosing the same file again is a new upload.
CHECK_SIZE_JS = f"""function(contents, filename) {{
    const no = window.dash_clientside.no_update;
    if (!contents) {{ return [no, "", no]; }}
    const bytes = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
    if (bytes > {MAX_UPLOAD_BYTES}) {{
        return [null, filename + " is " + (bytes / 1048576).toFixed(1) +
                " MB: the limit is {LIMIT_MB:.0f} MB per file; nothing was sent.", null];
    }}
    return [{{"contents": contents, "filename": filename, "at": Date.now()}}, "", null];
}}"""


def preview_update(payload: dict[str, str] | None, _clicks: int | None, target: str | None,
                   pasted: str | None) -> tuple[Any, Any, bool]:
    """Return the preview of the uploaded or pasted file, the pending update, Apply's state.

    A new upload takes its target from its own name (a target chosen for an earlier file does
    not stick); the target dropdown is used for pasted rows, for a file whose name matches no
    data file, and when it changes after an upload (the same file is checked again).
    """
    directory = data_access.data_dir()
    trigger = dash.ctx.triggered_id
    try:
        if trigger == ids.DATA_PREVIEW_PASTE:
            if not target:
                raise UpdateError("choose the target file the pasted rows belong to")
            proposal = upload.Proposal(target, upload.pasted_content(directory, target,
                                                                     pasted or ""))
        elif payload:
            proposal = upload.propose_upload(directory, payload["contents"],
                                             payload["filename"],
                                             target if trigger == ids.DATA_TARGET else None,
                                             fallback=target)
        else:
            return dash.no_update, None, True
        result = upload.preview_proposal(directory, proposal)
    except UpdateError as err:
        return _error(err), None, True
    pending = upload.encode_pending(result) if result.ok and not result.unchanged else None
    return view.preview_view(result), pending, pending is None


def write_update(_apply: int | None, _rollback: int | None, pending: dict[str, str] | None,
                 version: str | None, note: str | None, token: str | None) -> tuple[Any, ...]:
    """Apply the previewed file or roll back to a version.

    Returns the message, the new data version, the pending update (cleared), Apply's disabled
    state and the note (emptied once used, so it is not repeated on the next entry).
    """
    unchanged = (dash.no_update,) * 4
    denied = security.write_denied(token)
    if denied:
        return html.P(denied, className="status-bad", role="alert"), *unchanged
    directory = data_access.data_dir()
    try:
        if dash.ctx.triggered_id == ids.DATA_ROLLBACK:
            if version is None:
                raise UpdateError("choose the version to roll back to")
            entry = rollback(directory, version, security.requester(),
                             note or f"rollback to version {version}")
            text = f"Rolled back to version {entry.restores} (recorded as version {entry.number})."
        else:
            target, content, previewed = upload.decode_pending(pending)
            entry = apply(directory, target, content, security.requester(), note or "",
                          expected_version=previewed)
            text = f"Applied {target} as version {entry.number}."
    except UpdateError as err:
        return _error(err), *unchanged
    return (html.P(f"{text} Data version {entry.version_after}.", className="status-ok"),
            entry.version_after, None, True, "")


def refresh(_version: str | None) -> tuple[Any, ...]:
    """Return the status, history, choices and kept edits after the data changed."""
    directory = data_access.data_dir()
    return (_status(), _history(directory), _versions(),
            known_targets(directory), _overrides(directory))


def view_version(_clicks: int | None, version: str | None) -> Any:
    """Return the rows one recorded update changed."""
    try:
        if version is None:
            raise UpdateError("choose the version to view")
        return view.entry_view(*show(data_access.data_dir(), version))
    except UpdateError as err:
        return _error(err)


def _error(err: UpdateError) -> html.Div:
    parts: list[Any] = [html.P(err.message, className="status-bad", role="alert")]
    if err.problems:
        parts.append(view.problems_table(err.problems))
    return html.Div(parts)


def register_callbacks(app: Dash) -> None:
    """Attach this page's callbacks to ``app``."""
    app.clientside_callback(
        CHECK_SIZE_JS,
        Output(ids.DATA_UPLOAD_PAYLOAD, "data"), Output(ids.DATA_UPLOAD_ERROR, "children"),
        Output(ids.DATA_UPLOAD, "contents"),
        Input(ids.DATA_UPLOAD, "contents"), State(ids.DATA_UPLOAD, "filename"),
        prevent_initial_call=True)
    app.callback(Output(ids.DATA_PREVIEW, "children"), Output(ids.DATA_PENDING, "data"),
                 Output(ids.DATA_APPLY, "disabled"),
                 Input(ids.DATA_UPLOAD_PAYLOAD, "data"), Input(ids.DATA_PREVIEW_PASTE, "n_clicks"),
                 Input(ids.DATA_TARGET, "value"), State(ids.DATA_PASTE, "value"),
                 prevent_initial_call=True)(preview_update)
    app.callback(Output(ids.DATA_MESSAGE, "children"), Output(ids.DATA_CHANGED, "data"),
                 Output(ids.DATA_PENDING, "data", allow_duplicate=True),
                 Output(ids.DATA_APPLY, "disabled", allow_duplicate=True),
                 Output(ids.DATA_NOTE, "value"),
                 Input(ids.DATA_APPLY, "n_clicks"), Input(ids.DATA_ROLLBACK, "submit_n_clicks"),
                 State(ids.DATA_PENDING, "data"), State(ids.DATA_VERSION, "value"),
                 State(ids.DATA_NOTE, "value"), State(ids.DATA_TOKEN, "value"),
                 prevent_initial_call=True)(write_update)
    app.callback(Output(ids.DATA_STATUS, "children"), Output(ids.DATA_HISTORY, "children"),
                 Output(ids.DATA_VERSION, "options"), Output(ids.DATA_TARGET, "options"),
                 Output(ids.DATA_OVERRIDES, "children"),
                 Input(ids.DATA_CHANGED, "data"), prevent_initial_call=True)(refresh)
    app.callback(Output(ids.DATA_ENTRY, "children"), Input(ids.DATA_VIEW, "n_clicks"),
                 State(ids.DATA_VERSION, "value"), prevent_initial_call=True)(view_version)
