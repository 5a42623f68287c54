"""The Data page: validation status, upload or paste → preview → Apply, history with Roll back."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import data_access, security
from dashboard.components import upload, upload_view
from indicators.updates.apply import MAX_UPLOAD_BYTES, apply, rollback, show
from indicators.updates.errors import UpdateError
from indicators.updates.history import read_log
from indicators.updates.targets import known_targets

dash.register_page(__name__, path="/data", name="Data", order=6)

LIMIT_MB = MAX_UPLOAD_BYTES / 2**20


def layout(**_query: str) -> html.Div:
    """Return the page; the status and history fill in from the files on disk."""
    directory = data_access.data_dir()
    return html.Div([
        html.H1("Data"),
        html.H2("Status of the files"),
        html.Div(id="data-status", children=_status()),
        html.H2("Update a file"),
        html.P(f"Upload a CSV (up to {LIMIT_MB:.0f} MB) or paste rows. It is checked with exactly "
               "the rules of `sovai validate`, and you see every problem, or the rows it changes "
               "and who moves in the ranking, before anything is written."),
        dcc.Upload(id="data-upload", children=html.Div(["Drop a CSV here or ",
                                                        html.Button("choose a file")]),
                   className="upload-area", multiple=False),
        html.Div(id="data-upload-error", role="alert"),
        html.Label(["Target file", dcc.Dropdown(id="data-target", options=known_targets(directory),
                                                placeholder="from the file's name")]),
        html.Label(["…or paste rows (with or without the header)",
                    dcc.Textarea(id="data-paste", style={"width": "100%", "height": "8em"})]),
        html.Button("Preview pasted rows", id="data-preview-paste"),
        dcc.Loading(html.Div(id="data-preview")),
        dcc.Store(id="data-upload-payload"),
        dcc.Store(id="data-pending"),
        dcc.Store(id="data-changed"),
        html.Label(["Note (why)", dcc.Input(id="data-note", type="text", debounce=False)]),
        html.Label(["Write token (needed when not on this machine)",
                    dcc.Input(id="data-token", type="password")]),
        html.Button("Apply", id="data-apply", disabled=True),
        html.Div(id="data-message", role="status"),
        html.H2("History"),
        html.Div(id="data-history", children=upload_view.history_view(read_log(directory))),
        html.Label(["Version", dcc.Dropdown(id="data-version", options=_versions())]),
        html.Button("View", id="data-view"),
        html.Button("Roll back to this version", id="data-rollback"),
        html.Div(id="data-entry"),
    ])


def _status() -> html.Div:
    state = data_access.current()
    warnings = state.bundle.warnings if state.bundle is not None else ()
    return upload_view.file_status(data_access.data_dir(), state.problems, warnings)


def _versions() -> list[dict[str, Any]]:
    options: list[dict[str, Any]] = [{"label": f"{e.number}: {e.when} {', '.join(e.files)}",
                                      "value": str(e.number)}
                                     for e in reversed(read_log(data_access.data_dir()))]
    return [*options, {"label": "0: before the first recorded update", "value": "0"}]


# A file over the limit is refused in the browser with a message, before it is sent.
clientside_callback(
    f"""function(contents, filename) {{
        if (!contents) {{ return [window.dash_clientside.no_update, ""]; }}
        const bytes = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
        if (bytes > {MAX_UPLOAD_BYTES}) {{
            return [null, filename + " is " + (bytes / 1048576).toFixed(1) +
                    " MB: the limit is {LIMIT_MB:.0f} MB per file; nothing was sent."];
        }}
        return [{{"contents": contents, "filename": filename}}, ""];
    }}""",
    Output("data-upload-payload", "data"), Output("data-upload-error", "children"),
    Input("data-upload", "contents"), State("data-upload", "filename"),
)


@callback(Output("data-preview", "children"), Output("data-pending", "data"),
          Output("data-apply", "disabled"), Output("data-target", "value"),
          Input("data-upload-payload", "data"), Input("data-preview-paste", "n_clicks"),
          State("data-paste", "value"), State("data-target", "value"),
          prevent_initial_call=True)
def preview_update(payload: dict[str, str] | None, _clicks: int | None, pasted: str | None,
                   target: str | None) -> tuple[Any, Any, bool, Any]:
    """Return the preview of the uploaded or pasted file, the pending update, Apply's state."""
    directory = data_access.data_dir()
    try:
        if dash.ctx.triggered_id == "data-preview-paste":
            if not target:
                raise UpdateError("choose the target file the pasted rows belong to")
            proposal = upload.Proposal(target, upload.pasted_content(directory, target,
                                                                     pasted or ""))
        elif payload:
            proposal = upload.propose_upload(directory, payload["contents"],
                                             payload["filename"], target)
        else:
            return dash.no_update, None, True, dash.no_update
        result = upload.preview_proposal(directory, proposal)
    except UpdateError as err:
        return _error(err), None, True, dash.no_update
    pending = upload.encode_pending(result) if result.ok and not result.unchanged else None
    return upload_view.preview_view(result), pending, pending is None, proposal.target


@callback(Output("data-message", "children"), Output("data-changed", "data"),
          Output("data-pending", "data", allow_duplicate=True),
          Output("data-apply", "disabled", allow_duplicate=True),
          Input("data-apply", "n_clicks"), Input("data-rollback", "n_clicks"),
          State("data-pending", "data"), State("data-version", "value"),
          State("data-note", "value"), State("data-token", "value"),
          prevent_initial_call=True)
def write_update(_apply: int | None, _rollback: int | None, pending: dict[str, str] | None,
                 version: str | None, note: str | None, token: str | None) -> tuple[Any, ...]:
    """Apply the previewed file or roll back to a version; return the message and new version."""
    denied = security.write_denied(token)
    if denied:
        return html.P(denied, className="status-bad", role="alert"), dash.no_update, \
            dash.no_update, dash.no_update
    directory = data_access.data_dir()
    try:
        if dash.ctx.triggered_id == "data-rollback":
            if version is None:
                raise UpdateError("choose the version to roll back to")
            entry = rollback(directory, version, security.requester(), note or "")
            text = f"Rolled back to version {entry.restores} (recorded as version {entry.number})."
        else:
            target, content, previewed = upload.decode_pending(pending)
            entry = apply(directory, target, content, security.requester(), note or "",
                          expected_version=previewed)
            text = f"Applied {target} as version {entry.number}."
    except UpdateError as err:
        return _error(err), dash.no_update, dash.no_update, dash.no_update
    return (html.P(f"{text} Data version {entry.version_after}.", className="status-ok"),
            entry.version_after, None, True)


@callback(Output("data-status", "children"), Output("data-history", "children"),
          Output("data-version", "options"), Output("data-target", "options"),
          Input("data-changed", "data"), prevent_initial_call=True)
def refresh(_version: str | None) -> tuple[Any, ...]:
    """Return the status, history and choices after the data changed."""
    directory = data_access.data_dir()
    return (_status(), upload_view.history_view(read_log(directory)), _versions(),
            known_targets(directory))


@callback(Output("data-entry", "children"), Input("data-view", "n_clicks"),
          State("data-version", "value"), prevent_initial_call=True)
def view_version(_clicks: int | None, version: str | None) -> Any:
    """Return the rows one recorded update changed."""
    try:
        if version is None:
            raise UpdateError("choose the version to view")
        return upload_view.entry_view(*show(data_access.data_dir(), version))
    except UpdateError as err:
        return _error(err)


def _error(err: UpdateError) -> html.Div:
    parts: list[Any] = [html.P(err.message, className="status-bad", role="alert")]
    if err.problems:
        parts.append(upload_view.problems_table(err.problems))
    return html.Div(parts)
