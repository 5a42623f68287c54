"""Changing data files and recording it as one transaction: the history never disagrees with them.

An update is committed in this order, under the data lock:

1. every version before and after is kept as a blob (fsynced);
2. the *intent* — the history entry to be recorded — is written to ``.history/journal.json``
   and fsynced;
3. the data files are replaced (each atomically);
4. the entry is appended to the log (fsynced);
5. ``overrides/`` is rewritten from the history (the edits a rebuild keeps);
6. the journal is removed.

A process killed anywhere leaves a state the next update (or ``sovai data history``) finishes
with ``recover``: no journal means steps 2–5 never started or all ended; with a journal, an
update none of whose files was replaced yet is undone (the journal dropped), one that changed
any file is completed (remaining files written, the entry appended once). A write that fails
(a full disk) is undone at once when it can be, and otherwise left to ``recover``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from indicators.updates import history, overrides
from indicators.updates.errors import UpdateError
from indicators.updates.history import Change, Entry
from indicators.updates.store import (
    HISTORY_DIR,
    PAUSE_AFTER_ENV,
    atomic_write,
    checked_history_path,
    data_lock,
    pause,
    remove,
)
from indicators.updates.targets import target_path

JOURNAL_FILE = "journal.json"


@contextmanager
def locked(data_dir: Path, timeout: float | None = None) -> Iterator[str | None]:
    """Hold the data lock with any interrupted update finished; yield what ``recover`` did."""
    with data_lock(data_dir) if timeout is None else data_lock(data_dir, timeout):
        yield recover(data_dir)


def recover_at_start(data_dir: Path, timeout: float = 5.0) -> str:
    """Finish an interrupted update when a server starts; return what happened, in a sentence.

    Never raises: a read-only directory, a busy lock or a damaged log are reported and left for
    the next update (which refuses until they are dealt with).
    """
    if not pending(data_dir):
        return "no interrupted update"
    try:
        with locked(data_dir, timeout) as recovered:
            return recovered or "no interrupted update"
    except (UpdateError, OSError) as err:
        return f"an interrupted update is left for the next one: {err}"


def journal_path(data_dir: Path) -> Path:
    """Return the path of the journal (present only while an update is being committed)."""
    return data_dir / HISTORY_DIR / JOURNAL_FILE


def pending(data_dir: Path) -> bool:
    """Return True when an interrupted update waits for ``recover``."""
    return journal_path(data_dir).exists()


def commit(data_dir: Path, writes: Mapping[str, bytes | None], who: str, action: str,
           note: str, version_before: str, version_after: str,
           restores: int | None = None) -> Entry:
    """Write (or remove: None) each file of ``writes`` and record it; return the entry.

    The caller holds the lock (``locked``). Raises UpdateError, with the files as they were,
    when a write fails and could be undone.
    """
    changes = []
    try:
        for rel, after in writes.items():
            path = target_path(data_dir, rel)
            before = path.read_bytes() if path.exists() else None
            changes.append(Change(rel, _keep(data_dir, before), _keep(data_dir, after)))
        entry = Entry(history.next_number(data_dir), history.now(), who, action, note,
                      tuple(changes), version_before, version_after, restores=restores)
        atomic_write(checked_history_path(journal_path(data_dir)),
                     json.dumps(asdict(entry), ensure_ascii=False).encode("utf-8"),
                     data_file=False)
    except OSError as err:
        raise UpdateError(f"could not keep the history of the update ({err.strerror or err}); "
                          "nothing was written") from None
    try:
        for change in entry.changes:
            _put(data_dir, change.file, change.after)
        pause(PAUSE_AFTER_ENV)
        history.append(data_dir, entry)
    except OSError as err:
        raise _undo(data_dir, entry, err) from None
    problem = _write_overrides(data_dir)
    _finish(data_dir)
    if problem:  # the update is done and recorded; only the rebuild record is stale
        raise UpdateError(f"update {entry.number} was applied and recorded, but {problem}")
    return entry


def recover(data_dir: Path) -> str | None:
    """Finish an interrupted update (the caller holds the lock); return what was done, or None."""
    path = journal_path(data_dir)
    if not path.exists() and not path.is_symlink():
        return None
    try:
        entry = _read_journal(checked_history_path(path))
    except ValueError as why:
        path.replace(path.with_name(JOURNAL_FILE + ".damaged"))
        return (f"an interrupted update left a journal that cannot be read ({why}); it was set "
                f"aside as {JOURNAL_FILE}.damaged and the data files were left as they are")
    history.cut_torn_tail(data_dir)  # a line this process was writing when it was killed
    if any(e.number == entry.number for e in history.read_log(data_dir)):
        problem = _write_overrides(data_dir)
        _finish(data_dir)
        return (f"update {entry.number} had been recorded; its journal was removed"
                + (f" ({problem})" if problem else ""))
    current = {change.file: _hash_of(data_dir, change.file) for change in entry.changes}
    if not any(current[c.file] == c.after for c in entry.changes if c.after != c.before):
        _finish(data_dir)
        return (f"update {entry.number} ({entry.action} of {', '.join(entry.files)}) was "
                "interrupted before it changed any file: it was undone")
    for change in entry.changes:
        if current[change.file] == change.before:
            _put(data_dir, change.file, change.after)
    history.append(data_dir, entry)
    problem = _write_overrides(data_dir)
    _finish(data_dir)
    return (f"update {entry.number} ({entry.action} of {', '.join(entry.files)}) was "
            "interrupted after it changed the data: it was completed and recorded"
            + (f" ({problem})" if problem else ""))


def _write_overrides(data_dir: Path) -> str | None:
    """Rewrite overrides/ from the history; return why it could not be, or None."""
    try:
        overrides.write(data_dir)
    except (OSError, UpdateError) as err:
        reason = err.message if isinstance(err, UpdateError) else (err.strerror or str(err))
        return (f"overrides/ could not be rewritten ({reason}): a rebuild would not keep the "
                "latest edits until the next update rewrites it")
    return None


def _keep(data_dir: Path, content: bytes | None) -> str | None:
    return history.store_blob(data_dir, content) if content is not None else None


def _put(data_dir: Path, rel: str, digest: str | None) -> None:
    """Make ``rel`` hold the blob ``digest`` (checked), or remove it (None)."""
    path = target_path(data_dir, rel)
    if digest is None:
        remove(path)
    else:
        atomic_write(path, history.read_blob(data_dir, digest))


def _hash_of(data_dir: Path, rel: str) -> str | None:
    path = target_path(data_dir, rel)
    return history.content_hash(path.read_bytes()) if path.exists() else None


def _undo(data_dir: Path, entry: Entry, err: OSError) -> UpdateError:
    """Put every file of ``entry`` back as it was; return the error to raise."""
    reason = err.strerror or str(err)
    try:
        for change in entry.changes:
            if _hash_of(data_dir, change.file) != change.before:
                _put(data_dir, change.file, change.before)
        _finish(data_dir)
    except (OSError, UpdateError):
        return UpdateError(f"the update failed ({reason}) and could not be undone yet: it will "
                           "be completed or undone at the next update or `sovai data history`")
    return UpdateError(f"could not write {', '.join(entry.files)} ({reason}); the previous "
                       "files are back and nothing was recorded")


def _finish(data_dir: Path) -> None:
    path = journal_path(data_dir)
    if path.exists():
        remove(path)


def _read_journal(path: Path) -> Entry:
    """Return the entry of the journal; raise ValueError when it is not one."""
    try:
        record = json.loads(path.read_bytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError("not a JSON object") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return history.parse_line(json.dumps(record).encode("utf-8"), 0)


__all__ = ["commit", "locked", "pending", "recover", "recover_at_start"]
