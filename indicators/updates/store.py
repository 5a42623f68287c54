"""Writing data files so a crash never leaves a half-written file: lock, temp, fsync, replace."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from indicators.contract import VALUES_DIR
from indicators.updates.errors import UpdateError

#: Folder inside the data directory holding the history, the lock and the previous file versions.
#: Validation reads only the contract files, so this folder is never validated.
HISTORY_DIR = ".history"
LOCK_FILE = "lock"
#: Seconds to wait for another update to finish before giving up.
LOCK_TIMEOUT = 30.0
#: Test hook: seconds to sleep after the temporary file is written and before it replaces the
#: target, so a test can kill a real process in the middle of an apply.
PAUSE_ENV = "SOVAI_TEST_PAUSE_BEFORE_REPLACE"
#: Test hook: seconds to sleep after the data files are replaced and before the history records
#: it (see ``indicators.updates.transaction``).
PAUSE_AFTER_ENV = "SOVAI_TEST_PAUSE_AFTER_REPLACE"
_TEMP_SUFFIX = ".sovai-tmp"


def history_dir(data_dir: Path) -> Path:
    """Return the history folder of ``data_dir``, created if missing (never a symbolic link)."""
    folder = checked_history_path(data_dir / HISTORY_DIR)
    folder.mkdir(exist_ok=True)
    return folder


def checked_history_path(path: Path) -> Path:
    """Return ``path`` (in the history) unless it is a symbolic link; raise UpdateError if it is.

    A link placed by hand would make the history read or write a file outside it.
    """
    if path.is_symlink():
        raise UpdateError(f"{path} is a symbolic link: the history keeps only regular files and "
                          "folders inside the data directory; remove the link")
    return path


def pause(env: str) -> None:
    """Sleep the seconds the test hook ``env`` names (nothing when it is unset)."""
    seconds = float(os.environ.get(env) or 0)
    if seconds > 0:
        time.sleep(seconds)


@contextmanager
def data_lock(data_dir: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the data directory's exclusive lock (fcntl.flock) for the ``with`` block.

    Two updates, in any processes, never interleave. Temporary files left by a process killed
    while holding the lock are removed once the lock is taken.
    """
    try:
        fd = os.open(checked_history_path(history_dir(data_dir) / LOCK_FILE),
                     os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        handle = os.fdopen(fd, "r+b")
    except OSError as err:
        raise UpdateError(f"cannot update {data_dir}: {err.strerror} (the data directory must be "
                          "writable by the user running sovai)") from None
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise UpdateError(f"another update of {data_dir} is still running after "
                                      f"{timeout:.0f} s: try again later") from None
                time.sleep(0.05)
        try:
            _remove_leftovers(data_dir)
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def atomic_write(path: Path, content: bytes, data_file: bool = True) -> None:
    """Replace ``path`` with ``content`` atomically: readers see the old or the new file, whole.

    ``data_file`` False (history copies) skips the test pause of PAUSE_ENV.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}{_TEMP_SUFFIX}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if data_file:
            pause(PAUSE_ENV)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def remove(path: Path) -> None:
    """Delete ``path`` (a file an update had created) durably."""
    path.unlink(missing_ok=True)
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename survives a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_leftovers(data_dir: Path) -> None:
    """Delete temporary files of interrupted writes (only called while holding the lock)."""
    for folder in (data_dir, data_dir / VALUES_DIR, data_dir / HISTORY_DIR / "blobs"):
        if folder.is_dir():
            for temp in folder.glob(f".*{_TEMP_SUFFIX}"):
                temp.unlink(missing_ok=True)
