"""What the Data page shows: file status, upload previews, diffs, top movers and the history.

Every text from data goes into components as text (never HTML), so a name such as
``<script>`` or ``=HYPERLINK(...)`` is shown literally.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from dash import html

from dashboard import ids
from indicators.problems import Problem
from indicators.updates.apply import Preview
from indicators.updates.diff import RowDiff
from indicators.updates.history import Entry
from indicators.updates.overrides import ADDED, Override
from indicators.validate import contract_files

#: Rows shown per table; the count of the rest is stated.
SHOWN_ROWS = 50
#: Readable headers of the contract's columns in previews, diffs and problems.
COLUMN_LABELS = {
    "iso3": "Country (ISO-3)", "indicator": "Indicator", "year": "Year", "value": "Value",
    "source_id": "Source", "note": "Note", "name": "Name", "region": "Region",
    "income_group": "Income group", "group": "Bloc", "code": "Code", "pillar": "Pillar",
    "weight": "Weight", "unit": "Unit", "direction": "Direction", "layer": "Layer",
    "supplier": "Supplier", "share": "Share", "file": "File", "line": "Line",
    "column": "Column", "message": "Problem", "publisher": "Publisher", "title": "Title",
    "url": "Link", "licence": "Licence", "accessed": "Accessed", "rank": "Rank",
    "rank_before": "Rank before", "rank_after": "Rank after", "overall_before": "Score before",
    "overall_after": "Score after", "version": "Version", "when": "When", "who": "Who",
    "what": "What",
}


def _label(column: object) -> str:
    text = str(column)
    if text in COLUMN_LABELS:
        return COLUMN_LABELS[text]
    for suffix, word in (("_before", " before"), ("_after", " after"), ("_old", " before"),
                         ("_new", " after")):
        if text.endswith(suffix) and text[: -len(suffix)] in COLUMN_LABELS:
            return COLUMN_LABELS[text[: -len(suffix)]] + word
    return text.replace("_", " ").capitalize()


def table(frame: pd.DataFrame, caption: str = "", limit: int = SHOWN_ROWS,
          id: str | None = None) -> html.Div:
    """Return ``frame`` as a table of text cells (``limit`` rows at most, the rest counted)."""
    head = html.Thead(html.Tr([html.Th(_label(col), scope="col") for col in frame.columns]))
    body = html.Tbody([
        html.Tr([html.Td(_cell(v)) for v in row])
        for row in frame.head(limit).itertuples(index=False, name=None)
    ])
    table_parts: list[Any] = [html.Caption(caption)] if caption else []
    attrs: dict[str, Any] = {"id": id} if id else {}
    parts: list[Any] = [html.Div(html.Table([*table_parts, head, body],
                                            className="facts data-table", **attrs),
                                 className="table-scroll", tabIndex="0")]
    if len(frame) > limit:
        parts.append(html.P(f"… and {len(frame) - limit} more row(s)."))
    return html.Div(parts)


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):  # type: ignore[call-overload]
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def problems_table(problems: list[Problem], id: str | None = None) -> html.Div:
    """Return problems as a table of file, line, column and message (as `sovai validate` says)."""
    frame = pd.DataFrame([{"file": p.file, "line": p.line or "", "column": p.column or "-",
                           "message": p.message} for p in problems],
                         columns=["file", "line", "column", "message"])
    return table(frame, limit=500, id=id)


def file_status(data_dir: Path, problems: list[Problem],
                warnings: tuple[Problem, ...] | list[Problem] = ()) -> html.Div:
    """Return the validation status (errors, then warnings, as `sovai validate` prints them)
    and, per contract file, its size and last change (UTC).
    """
    rows = []
    for path in contract_files(data_dir):
        st = path.stat()
        when = datetime.fromtimestamp(st.st_mtime, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        rows.append({"file": str(path.relative_to(data_dir)), "size (KB)": f"{st.st_size/1024:.1f}",
                     "last changed": when})
    files = table(pd.DataFrame(rows, columns=["file", "size (KB)", "last changed"]), limit=100,
                  id=ids.DATA_FILES)
    if problems:
        status: Any = html.Div([
            html.P(f"{len(problems)} error(s): the files on disk are invalid, so the dashboard "
                   "keeps serving the last valid data.", className="status-bad", role="alert"),
            problems_table(problems, id=ids.DATA_PROBLEMS)])
    else:
        status = html.P("All files are valid.", className="status-ok")
    notes = [html.Details([html.Summary(f"{len(warnings)} warning(s) (they do not fail "
                                        "validation)"),
                           problems_table(list(warnings), id=ids.DATA_WARNINGS)])] \
        if warnings else []
    return html.Div([status, *notes, files])


def preview_view(result: Preview) -> html.Div:
    """Return the preview of an upload: every error, or the diff and the top movers."""
    if not result.ok:
        return html.Div([
            html.P(f"{result.error_count} problem(s): nothing can be applied. Fix the file and "
                   "upload it again.", className="status-bad", role="alert", id=ids.PREVIEW_STATUS),
            problems_table(result.errors, id=ids.PREVIEW_PROBLEMS)])
    parts: list[Any] = [html.P(
        f"Valid. Applying it changes {result.target}: data version {result.version_before} → "
        f"{result.version_after}.", className="status-ok", id=ids.PREVIEW_STATUS)]
    if result.warnings:
        parts += [html.Details([html.Summary(f"{len(result.warnings)} warning(s)"),
                                problems_table(result.warnings)])]
    if result.diff is not None:
        parts.append(diff_view(result.diff))
    parts += [html.P(note) for note in result.notes]
    if result.movers is not None:
        parts.append(html.H4(f"Top movers ({result.year}, reference method)"))
        parts.append(table(result.movers, id=ids.PREVIEW_MOVERS) if not result.movers.empty else
                     html.P("No country's overall score or rank changes."))
    return html.Div(parts)


def diff_view(diff: RowDiff) -> html.Div:
    """Return the rows of one file added, changed and removed."""
    parts: list[Any] = [html.H4(diff.summary(), className="diff-summary")]
    for title, frame in (("Added", diff.added), ("Changed", diff.changed),
                         ("Removed", diff.removed)):
        if not frame.empty:
            parts.append(table(frame, caption=f"{title} ({len(frame)})"))
    return html.Div(parts)


def history_view(entries: list[Entry]) -> html.Div:
    """Return the recorded updates, newest first."""
    if not entries:
        return html.Div(html.P("No recorded update yet."), id=ids.HISTORY)
    frame = pd.DataFrame([{
        "version": e.number, "when": e.when, "who": e.who,
        "what": ("rollback to " + str(e.restores) + ": " if e.action == "rollback" else "")
        + ", ".join(e.files),
        "note": e.note, "data version": e.version_after} for e in reversed(entries)])
    return html.Div(table(frame, limit=200), id=ids.HISTORY)


def overrides_view(kept: dict[str, list[Override]], entries: list[Entry]) -> html.Div:
    """Return the edits a rebuild keeps: each edited row, its cells and who set them."""
    if not kept:
        return html.Div(html.P("No applied edit is kept: a rebuild from the sources would "
                               "write the files exactly as the sources say."))
    by_number = {e.number: e for e in entries}
    rows = []
    for file, overrides in kept.items():
        for override in overrides:
            for column, number in override.cells.items():
                entry = by_number.get(number)
                rows.append({
                    "file": file, "row": " / ".join(override.key),
                    "cell": "whole row" if column == ADDED else column,
                    "value": "removed" if override.row is None
                    else ("" if column == ADDED else override.row.get(column, "")),
                    "version": number, "who": entry.who if entry else "",
                    "when": entry.when if entry else ""})
    return html.Div(table(pd.DataFrame(rows), limit=200))


def entry_view(entry: Entry, diffs: list[RowDiff]) -> html.Div:
    """Return one update: who, when, why, and the rows it changed."""
    return html.Div([html.P(entry.summary(), className="entry-summary"),
                     *[diff_view(d) for d in diffs]])
