"""User edits kept as overrides, so ``sovai build-data`` regenerates the files and keeps them.

Every ``apply`` (CLI or Data page) is an edit of rows; the history holds each one. The edits in
effect — those no later rollback undid — are written as ``overrides/<file>`` beside the data: the
rows of that contract file (same columns) that the user set or removed, plus three columns:

* ``edit``: ``set`` (the row replaces or adds the row with its key) or ``remove``;
* ``update``: the history entry that last edited the row;
* ``changed``: each edited cell and the update that set it, as ``column:N;column:N``
  (``*:N`` for a row added whole), so every overridden cell is flagged and attributed.

Why the build re-applies them (instead of the loader merging them at every read): the data
files stay the complete truth that every reader sees — the library, the dashboard, a
spreadsheet, ``git diff`` — the merge is checked once, by the same validator, when it is made,
and a data directory without ``overrides/`` is read exactly as before. The build never writes
into ``overrides/``; after it has rewritten the derived files, ``reapply`` sets the edited cells
and rows again (only those: a rebuilt value in a column the user did not edit still comes in).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from indicators import contract as c
from indicators.csvio import read_columns
from indicators.updates import history
from indicators.updates.diff import row_key
from indicators.updates.history import Entry
from indicators.updates.store import atomic_write, remove
from indicators.validate import check_data_dir

OVERRIDES_DIR = "overrides"
EXTRA_COLUMNS = ("edit", "update", "changed")
ADDED = "*"


@dataclass(frozen=True)
class Override:
    """One edited row of one file: its cells (None: removed) and who set which cell."""

    file: str
    key: tuple[str, ...]
    row: dict[str, str] | None
    cells: dict[str, int]

    @property
    def update(self) -> int:
        """Return the history entry that last edited this row."""
        return max(self.cells.values())


def active_updates(entries: Sequence[Entry]) -> list[Entry]:
    """Return the applies still in effect, oldest first: those no later rollback undid."""
    active: list[Entry] = []
    after: dict[int, list[Entry]] = {0: []}
    for entry in entries:
        if entry.action == "apply":
            active = [*active, entry]
        elif entry.action == "rollback" and entry.restores is not None:
            active = list(after.get(entry.restores, []))
        after[entry.number] = active
    return active


def effective(data_dir: Path, entries: Sequence[Entry] | None = None) -> dict[str, list[Override]]:
    """Return the overrides in effect per file, from the history (rows in key order)."""
    entries = history.read_log(data_dir) if entries is None else entries
    by_file: dict[str, dict[tuple[str, ...], Override]] = {}
    for entry in active_updates(entries):
        for change in entry.changes:
            before = history.read_blob(data_dir, change.before) if change.before else None
            after = history.read_blob(data_dir, change.after) if change.after else None
            _fold(by_file.setdefault(change.file, {}), change.file, entry.number, before, after)
    return {file: [rows[k] for k in sorted(rows)] for file, rows in by_file.items() if rows}


def _fold(rows: dict[tuple[str, ...], Override], file: str, number: int,
          before: bytes | None, after: bytes | None) -> None:
    """Add the row edits of one change (``before`` -> ``after``) on top of ``rows``."""
    old, new = _rows(file, before), _rows(file, after)
    for key, row in new.items():
        was = old.get(key)
        prior = rows.get(key)
        if was is None:
            cells = {ADDED: number}
        else:
            edited = [col for col in row if row[col] != was.get(col, "")]
            if not edited:
                continue
            cells = {**(prior.cells if prior else {}), **{col: number for col in edited}}
        rows[key] = Override(file, key, row, cells)
    for key in old.keys() - new.keys():
        rows[key] = Override(file, key, None, {ADDED: number})


def _rows(file: str, content: bytes | None) -> dict[tuple[str, ...], dict[str, str]]:
    """Return the contract cells of each row of ``content`` by key."""
    if content is None:
        return {}
    columns = c.REQUIRED_COLUMNS.get(file, c.VALUE_COLUMNS)
    table, _ = read_columns(content, file, columns)
    if table is None:
        return {}
    cells = {name: table.cells[name].tolist() for name in columns}
    key = row_key(file)
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for i in range(len(table)):
        row = {name: cells[name][i] for name in columns}
        rows.setdefault(tuple(row[k] for k in key), row)
    return rows


def write(data_dir: Path, entries: Sequence[Entry] | None = None) -> None:
    """Write ``overrides/`` from the history: one file per edited file, none for the others."""
    folder = data_dir / OVERRIDES_DIR
    wanted = effective(data_dir, entries)
    for file, rows in wanted.items():
        atomic_write(folder / file, render(file, rows), data_file=False)
    if folder.is_dir():
        for path in [*folder.glob("*.csv"), *folder.glob(f"{c.VALUES_DIR}/*.csv")]:
            if path.relative_to(folder).as_posix() not in wanted:
                remove(path)


def render(file: str, rows: Sequence[Override]) -> bytes:
    """Return the overrides of ``file`` as CSV: the contract columns plus EXTRA_COLUMNS."""
    columns = c.REQUIRED_COLUMNS.get(file, c.VALUE_COLUMNS)
    key = row_key(file)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*columns, *EXTRA_COLUMNS])
    for override in rows:
        cells = override.row or dict(zip(key, override.key, strict=True))
        changed = ";".join(f"{col}:{n}" for col, n in override.cells.items())
        writer.writerow([*(cells.get(col, "") for col in columns),
                         "set" if override.row is not None else "remove", override.update,
                         changed])
    return buffer.getvalue().encode("utf-8")


def read(data_dir: Path) -> dict[str, list[Override]]:
    """Return the overrides kept in ``overrides/`` (what the build re-applies)."""
    folder = data_dir / OVERRIDES_DIR
    found: dict[str, list[Override]] = {}
    if not folder.is_dir():
        return found
    for path in sorted([*folder.glob("*.csv"), *folder.glob(f"{c.VALUES_DIR}/*.csv")]):
        file = path.relative_to(folder).as_posix()
        columns = c.REQUIRED_COLUMNS.get(file, c.VALUE_COLUMNS)
        table, problems = read_columns(path.read_bytes(), f"{OVERRIDES_DIR}/{file}",
                                       [*columns, *EXTRA_COLUMNS])
        if table is None:
            raise ValueError("; ".join(str(p) for p in problems))
        key = row_key(file)
        for line, row in table.rows():
            cells = {col: int(n) for col, _, n in
                     (part.partition(":") for part in row["changed"].split(";") if part)}
            kept = {col: row[col] for col in columns} if row["edit"] == "set" else None
            if row["edit"] not in ("set", "remove") or not cells:
                raise ValueError(f"{OVERRIDES_DIR}/{file}:{line}: expected edit set or remove "
                                 "and changed as column:N;…")
            found.setdefault(file, []).append(
                Override(file, tuple(row[k] for k in key), kept, cells))
    return found


def reapply(data_dir: Path) -> list[str]:
    """Set every kept override again in the (rebuilt) files; return one line per file.

    Only the flagged cells of an edited row are set, a row added or removed is added or
    removed again. A file whose overrides would make the data invalid is left as built, and
    its line says why.
    """
    lines = []
    for file, rows in read(data_dir).items():
        path = data_dir / file
        before = path.read_bytes() if path.is_file() else None
        merged = _merge(file, before, rows)
        if merged == before:
            lines.append(f"{file}: {len(rows)} edit(s) kept, already as the sources say")
            continue
        problems = check_data_dir(data_dir, overrides={file: merged}).errors
        if problems:
            lines.append(f"{file}: the {len(rows)} edit(s) no longer fit the rebuilt data "
                         f"({problems[0]}); the file is left as built")
            continue
        atomic_write(path, merged)
        updates = sorted({o.update for o in rows})
        lines.append(f"{file}: {len(rows)} edited row(s) kept over the rebuilt data (updates "
                     + ", ".join(map(str, updates)) + ")")
    return lines


def _merge(file: str, content: bytes | None, rows: Sequence[Override]) -> bytes:
    """Return ``content`` with the overrides set (cells), added or removed (rows)."""
    columns = list(c.REQUIRED_COLUMNS.get(file, c.VALUE_COLUMNS))
    table, _ = read_columns(content, file, columns) if content is not None else (None, [])
    header = list(table.header) if table is not None else columns
    body = [row for _, row in table.rows()] if table is not None else []
    key = row_key(file)
    index = {tuple(row.get(k, "") for k in key): i for i, row in enumerate(body)}
    removed: set[int] = set()
    for override in rows:
        at = index.get(override.key)
        if override.row is None:
            if at is not None:
                removed.add(at)
        elif at is None or ADDED in override.cells:
            row = {col: override.row.get(col, "") for col in header}
            if at is None:
                index[override.key] = len(body)
                body.append(row)
            else:
                body[at] = row
        else:
            body[at] = {**body[at], **{col: override.row[col] for col in override.cells
                                       if col in override.row}}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for i, row in enumerate(body):
        if i not in removed:
            writer.writerow([row.get(col, "") for col in header])
    return buffer.getvalue().encode("utf-8")
