"""The history of updates on disk: who changed which files, when, why, and every previous version.

``.history/log.jsonl`` holds one JSON object per update (numbered from 1); ``.history/blobs/``
holds each file version by its SHA-256, so any version can be shown and restored after a restart.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from indicators.updates.errors import UpdateError
from indicators.updates.store import HISTORY_DIR, atomic_write, history_dir

LOG_FILE = "log.jsonl"
BLOBS_DIR = "blobs"


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


def content_hash(content: bytes) -> str:
    """Return the SHA-256 of ``content`` in hex: the name of its blob."""
    return hashlib.sha256(content).hexdigest()


def store_blob(data_dir: Path, content: bytes) -> str:
    """Keep ``content`` in the history (once per distinct content); return its hash."""
    digest = content_hash(content)
    path = history_dir(data_dir) / BLOBS_DIR / digest
    if not path.exists():
        atomic_write(path, content, data_file=False)
    return digest


def read_blob(data_dir: Path, digest: str) -> bytes:
    """Return the content kept under ``digest``; raise UpdateError if the history lost it."""
    path = data_dir / HISTORY_DIR / BLOBS_DIR / digest
    if not path.is_file():
        raise UpdateError(f"the history has no copy of version {digest[:12]}: "
                          f"expected {path}")
    return path.read_bytes()


def read_log(data_dir: Path) -> list[Entry]:
    """Return every recorded update, oldest first (a torn last line, from a crash, is skipped)."""
    path = data_dir / HISTORY_DIR / LOG_FILE
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
            changes = tuple(Change(**change) for change in record.pop("changes"))
            entries.append(Entry(changes=changes, **record))
        except (ValueError, TypeError, KeyError):
            continue
    return entries


def next_number(data_dir: Path) -> int:
    """Return the number the next update will get."""
    entries = read_log(data_dir)
    return entries[-1].number + 1 if entries else 1


def append(data_dir: Path, entry: Entry) -> None:
    """Add ``entry`` to the log durably (one line, flushed and fsynced)."""
    line = json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True) + "\n"
    path = history_dir(data_dir) / LOG_FILE
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())


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
    """
    contents: dict[str, str | None] = {}
    for entry in read_log(data_dir):
        if entry.number > number:
            for change in entry.changes:
                contents.setdefault(change.file, change.before)
    return contents
