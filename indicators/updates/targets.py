"""Which contract file an upload replaces, and its path, which stays inside the data directory."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from indicators import contract as c
from indicators.updates.errors import UpdateError

#: A values file name: letters, digits, ``_ . -``; no path, no leading dot.
_VALUES_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.csv$")


def known_targets(data_dir: Path) -> list[str]:
    """Return every target an upload may replace: the fixed contract files and values/*.csv."""
    values = sorted(f"{c.VALUES_DIR}/{p.name}" for p in (data_dir / c.VALUES_DIR).glob("*.csv"))
    return [*c.REQUIRED_COLUMNS, *values]


def check_target(target: str) -> str:
    """Return ``target`` if it names a contract file; raise UpdateError saying what is expected."""
    expected = ("expected one of " + ", ".join(c.REQUIRED_COLUMNS)
                + f" or {c.VALUES_DIR}/NAME.csv (NAME: letters, digits, _ . -)")
    text = target.strip().replace("\\", "/")
    pure = PurePosixPath(text)
    if not text or pure.is_absolute() or ".." in pure.parts or text != str(pure):
        raise UpdateError(f"{target!r} is not a file of the data directory: {expected}")
    if text in c.REQUIRED_COLUMNS:
        return text
    parts = pure.parts
    if len(parts) == 2 and parts[0] == c.VALUES_DIR and _VALUES_NAME.match(parts[1]) \
            and ".." not in parts[1]:
        return text
    raise UpdateError(f"{target!r} is not a file of the data contract: {expected}")


def target_for(data_dir: Path, filename: str, explicit: str | None = None) -> str:
    """Return the target of an upload: ``explicit`` if given, else the file's own name.

    A name matching a fixed contract file (``countries.csv``) or an existing values file
    (``compute.csv`` -> ``values/compute.csv``) maps to it; any other name needs an explicit
    target, so a stray download such as ``compute (1).csv`` never creates a new file by accident.
    """
    if explicit:
        return check_target(explicit)
    name = PurePosixPath(filename.replace("\\", "/")).name
    if name in c.REQUIRED_COLUMNS:
        return name
    values = f"{c.VALUES_DIR}/{name}"
    if values in known_targets(data_dir):
        return values
    raise UpdateError(f"{filename!r} does not match a file of the data directory: name the target "
                      "explicitly (" + ", ".join(known_targets(data_dir)) + ")")


def target_path(data_dir: Path, target: str) -> Path:
    """Return the path of ``target`` in ``data_dir``; raise UpdateError on symlinks or escapes."""
    rel = check_target(target)
    root = data_dir.resolve()
    path = root / rel
    for candidate in (path, path.parent):
        if candidate.is_symlink():
            raise UpdateError(f"{rel}: {candidate.name} is a symbolic link: updates write only "
                              "regular files inside the data directory")
    if not path.resolve().is_relative_to(root):
        raise UpdateError(f"{rel}: resolves outside the data directory")
    if path.exists() and not path.is_file():
        raise UpdateError(f"{rel}: exists but is not a regular file")
    return path
