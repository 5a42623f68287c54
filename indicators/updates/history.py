"""The history of updates on disk: who changed which files, when, why, and every previous version.

``.history/log.jsonl`` holds one JSON object per update (numbered from 1); ``.history/blobs/``
holds each file version under its SHA-256, so any version can be shown and restored after a
restart. The log is read strictly: a line that is not a whole, well-formed entry (a torn write, a
byte that is not UTF-8, a hand edit, a blob name that is not a hash) makes it *damaged*, which is
reported with its line and never skipped, because skipping an entry would make a rollback
restore the wrong content. ``repair`` sets such lines aside, keeping them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indicators.updates.errors import UpdateError
from indicators.updates.store import (
    HISTORY_DIR,
    atomic_write,
    checked_history_path,
    fsync_folder,
    history_dir,
)
from indicators.updates.targets import check_target

LOG_FILE = "log.jsonl"
BLOBS_DIR = "blobs"
#: Where ``repair`` keeps the lines it set aside, beside the log.
DAMAGED_FILE = "log.jsonl.damaged"
#: A blob's name: the SHA-256 of its content, in lower-case hex.
BLOB_NAME = re.compile(r"^[0-9a-f]{64}$")
ACTIONS = ("apply", "rollback", "repair")


class DamagedHistory(UpdateError):
    """The history's log cannot be read whole; nothing was changed. ``sovai data repair`` helps."""


@dataclass(frozen=True)
class Change:
    """One file changed by an update: its content hash before and after (None: no file)."""

    file: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class Entry:
    """One recorded update: number, time (UTC), who, action, note, files and data versions."""

    number: int
    when: str
    who: str
    action: str
    note: str
    changes: tuple[Change, ...]
    version_before: str
    version_after: str
    restores: int | None = None
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def files(self) -> list[str]:
        """Return the files this update changed."""
        return [change.file for change in self.changes]

    def summary(self) -> str:
        """Return one line: number, time, who, action, files and note."""
        what = ", ".join(self.files) or "(no file)"
        action = f"rollback to {self.restores}" if self.action == "rollback" else self.action
        note = f" — {self.note}" if self.note else ""
        return (f"{self.number:>4}  {self.when}  {self.who}  {action}: {what}  "
                f"[{self.version_before} -> {self.version_after}]{note}")

    def to_line(self) -> str:
        """Return the entry as one log line (JSON, newline-terminated)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True) + "\n"


def content_hash(content: bytes) -> str:
    """Return the SHA-256 of ``content`` in hex: the name of its blob."""
    return hashlib.sha256(content).hexdigest()


def store_blob(data_dir: Path, content: bytes) -> str:
    """Keep ``content`` in the history (once per distinct content, durably); return its hash."""
    digest = content_hash(content)
    folder = checked_history_path(history_dir(data_dir) / BLOBS_DIR)
    path = folder / digest
    if path.is_symlink() or not path.is_file() or content_hash(path.read_bytes()) != digest:
        atomic_write(path, content, data_file=False)
    return digest


def read_blob(data_dir: Path, digest: str) -> bytes:
    """Return the content kept under ``digest``, checked against it.

    Raises UpdateError when the name is not a hash, the history lost the copy, or the copy no
    longer has that hash (damaged or tampered with): such a copy is never restored or shown.
    """
    if not isinstance(digest, str) or not BLOB_NAME.match(digest):
        raise UpdateError(f"{str(digest)[:80]!r} is not a version in the history: expected a "
                          "SHA-256 (64 hex digits)")
    path = data_dir / HISTORY_DIR / BLOBS_DIR / digest
    if path.is_symlink() or (data_dir / HISTORY_DIR / BLOBS_DIR).is_symlink():
        raise UpdateError(f"{path}: is a symbolic link: the history keeps only regular files")
    if not path.is_file():
        raise UpdateError(f"the history has no copy of version {digest[:12]}: "
                          f"expected {path}")
    content = path.read_bytes()
    if content_hash(content) != digest:
        raise UpdateError(f"the history's copy of version {digest[:12]} is damaged (its content "
                          f"no longer has that hash): {path}; nothing was restored")
    return content


def log_path(data_dir: Path) -> Path:
    """Return the path of the log (which may not exist yet)."""
    return data_dir / HISTORY_DIR / LOG_FILE


def read_log(data_dir: Path) -> list[Entry]:
    """Return every recorded update, oldest first; raise DamagedHistory if a line is unreadable."""
    path = log_path(data_dir)
    if not path.exists() and not path.is_symlink():
        return []
    checked_history_path(path)
    raw = path.read_bytes()
    last = raw.count(b"\n") + 1  # the number of the text after the last newline
    entries: list[Entry] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if number == last and not line:
            break  # nothing after the newline that ends the last line
        try:
            entry = parse_line(line, entries[-1].number if entries else 0)
        except ValueError as why:
            torn = "a torn last line (an interrupted write): " if number == last else ""
            raise DamagedHistory(
                f"{path}, line {number}: {torn}{why}. The data files are unchanged; run "
                f"`sovai data repair` to set the damaged line(s) aside in {DAMAGED_FILE} "
                "and go on") from None
        entries.append(entry)
    return entries


def readable_log(data_dir: Path) -> tuple[list[Entry], str | None]:
    """Return the recorded updates and None, or no update and why the log cannot be read."""
    try:
        return read_log(data_dir), None
    except UpdateError as err:
        return [], err.message


def parse_line(line: bytes, previous: int) -> Entry:
    """Return the entry of one log line; raise ValueError saying what is wrong with it."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"byte 0x{line[err.start]:02X} is not UTF-8") from None
    try:
        record = json.loads(text)
    except ValueError:
        raise ValueError("not a JSON object") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    entry = _entry(record)
    if entry.number <= previous:
        raise ValueError(f"update number {entry.number} does not follow {previous}")
    return entry


def _entry(record: dict[str, Any]) -> Entry:
    """Return the Entry of a log record; raise ValueError naming the first bad field."""
    expected = {"number": int, "when": str, "who": str, "action": str, "note": str,
                "version_before": str, "version_after": str}
    for name, kind in expected.items():
        if not isinstance(record.get(name), kind) or isinstance(record.get(name), bool):
            raise ValueError(f"field {name!r} is missing or not a {kind.__name__}")
    if record["action"] not in ACTIONS:
        raise ValueError(f"action {record['action']!r} is not one of {', '.join(ACTIONS)}")
    restores, extra = record.get("restores"), record.get("extra", {})
    if restores is not None and (not isinstance(restores, int) or isinstance(restores, bool)):
        raise ValueError("field 'restores' is not a whole number")
    if not isinstance(extra, dict):
        raise ValueError("field 'extra' is not an object")
    unknown = set(record) - {*expected, "changes", "restores", "extra"}
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    changes = record.get("changes")
    if not isinstance(changes, list):
        raise ValueError("field 'changes' is not a list")
    return Entry(changes=tuple(_change(change) for change in changes), restores=restores,
                 extra=extra, **{name: record[name] for name in expected})


def _change(record: object) -> Change:
    if not isinstance(record, dict) or set(record) != {"file", "before", "after"}:
        raise ValueError("a change is not {file, before, after}")
    try:
        file = check_target(str(record["file"]))
    except UpdateError:
        raise ValueError(f"changed file {str(record['file'])[:80]!r} is not a data file") from None
    for side in ("before", "after"):
        digest = record[side]
        if digest is not None and not (isinstance(digest, str) and BLOB_NAME.match(digest)):
            raise ValueError(f"version {str(digest)[:80]!r} of {file} is not a SHA-256 "
                             "(64 hex digits)")
    return Change(file, record["before"], record["after"])


def next_number(data_dir: Path) -> int:
    """Return the number the next update will get."""
    entries = read_log(data_dir)
    return entries[-1].number + 1 if entries else 1


def append(data_dir: Path, entry: Entry) -> None:
    """Add ``entry`` to the log durably (one line, fsynced), or not at all.

    A write that fails part-way (a full disk) is cut off again, so the log never keeps a torn
    line from this process.
    """
    path = checked_history_path(history_dir(data_dir) / LOG_FILE)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    try:
        size = os.fstat(fd).st_size
        try:
            os.write(fd, entry.to_line().encode("utf-8"))
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


def cut_torn_tail(data_dir: Path) -> bool:
    """Remove a last line without its newline (a write this program was killed in); say if any."""
    path = log_path(data_dir)
    if not path.is_file():
        return False
    raw = checked_history_path(path).read_bytes()
    if not raw or raw.endswith(b"\n"):
        return False
    with open(path, "r+b") as handle:
        handle.truncate(raw.rfind(b"\n") + 1)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def repair(data_dir: Path, who: str) -> tuple[int, int]:
    """Set the log's damaged lines aside in DAMAGED_FILE; return (kept, set aside).

    The caller holds the data lock. A ``repair`` entry records it, and a rollback to an update
    older than a repair is refused (the lines set aside may have changed the same files).
    """
    path = log_path(data_dir)
    if not path.is_file():
        return 0, 0
    raw = checked_history_path(path).read_bytes()
    kept: list[Entry] = []
    damaged: list[bytes] = []
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for line in lines:
        try:
            kept.append(parse_line(line, kept[-1].number if kept else 0))
        except ValueError:
            damaged.append(line)
    if not damaged:
        return len(kept), 0
    aside = checked_history_path(path.with_name(DAMAGED_FILE))
    with open(aside, "ab") as handle:
        handle.write(b"".join(line + b"\n" for line in damaged))
        handle.flush()
        os.fsync(handle.fileno())
    marker = Entry(kept[-1].number + 1 if kept else 1, now(), who, "repair",
                   f"{len(damaged)} damaged line(s) set aside in {DAMAGED_FILE}", (), "", "")
    atomic_write(path, "".join(e.to_line() for e in [*kept, marker]).encode("utf-8"),
                 data_file=False)
    fsync_folder(path.parent)
    return len(kept), len(damaged)


def now() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def find(data_dir: Path, version: str) -> Entry | None:
    """Return the entry named by ``version``: its number, ``0`` (None), or a data-version prefix.

    ``0`` means the data as it was before the first recorded update and returns None.
    Raises UpdateError when nothing matches or a prefix is ambiguous.
    """
    entries = read_log(data_dir)
    text = version.strip()
    if text.isdigit():
        number = int(text)
        if number == 0:
            return None
        for entry in entries:
            if entry.number == number:
                return entry
        raise UpdateError(f"there is no update number {number}: expected 0 to "
                          f"{entries[-1].number if entries else 0} (see `sovai data history`)")
    matches = {e.version_after: e for e in entries if text and e.version_after.startswith(text)}
    if len(matches) == 1:
        return matches.popitem()[1]
    if not matches:
        raise UpdateError(f"{version!r} is neither an update number nor a data version in the "
                          "history (see `sovai data history`)")
    raise UpdateError(f"{version!r} matches several data versions: give more characters")


def files_at(data_dir: Path, number: int) -> dict[str, str | None]:
    """Return the content hash each file had right after update ``number`` (None: no file).

    Only files changed since then are listed; 0 means before the first recorded update.
    Raises UpdateError when a repair of the log lies after ``number``: the lines it set aside
    may have changed files too, so the content then is not known for sure.
    """
    entries = read_log(data_dir)
    repairs = [e.number for e in entries if e.action == "repair" and e.number > number]
    if repairs:
        raise UpdateError(f"update {number} is older than the repair of the history at update "
                          f"{repairs[-1]}: the lines set aside in {DAMAGED_FILE} may have "
                          "changed files too, so rolling back that far could restore the wrong "
                          "content; roll back to a later update, or restore by hand with "
                          "`sovai data show`")
    contents: dict[str, str | None] = {}
    for entry in entries:
        if entry.number > number:
            for change in entry.changes:
                contents.setdefault(change.file, change.before)
    return contents
