"""Which contract file an upload replaces, and its path, which stays inside the data directory."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from indicators import contract as c
from indicators.csvio import read_columns
from indicators.updates.errors import UpdateError

#: A values file name: letters, digits, ``_ . -``; no path, no leading dot; at most 100
#: characters (file systems refuse names over 255 bytes, and a name is no place for data).
MAX_NAME = 100
_VALUES_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.csv$")


def known_targets(data_dir: Path) -> list[str]:
    """Return every target an upload may replace: the fixed contract files and values/*.csv."""
    values = sorted(f"{c.VALUES_DIR}/{p.name}" for p in (data_dir / c.VALUES_DIR).glob("*.csv"))
    return [*c.REQUIRED_COLUMNS, *values]


def check_target(target: str) -> str:
    """Return ``target`` if it names a contract file; raise UpdateError saying what is expected."""
    expected = ("expected one of " + ", ".join(c.REQUIRED_COLUMNS)
                + f" or {c.VALUES_DIR}/NAME.csv (NAME: letters, digits, _ . -; at most "
                f"{MAX_NAME} characters)")
    if len(target) > MAX_NAME + len(c.VALUES_DIR) + 1:
        raise UpdateError(f"the target name is {len(target)} characters long: {expected}")
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


def target_for(data_dir: Path, filename: str, explicit: str | None = None,
               content: bytes | None = None) -> str:
    """Return the target of an upload: ``explicit`` if given, else from its name or content.

    A name matching a fixed contract file (``countries.csv``) or an existing values file
    (``compute.csv`` -> ``values/compute.csv``) maps to it; any other name (a download such as
    ``compute (1).csv``) maps to the one existing file ``content`` fits (``inferred_target``),
    so it never creates a new file by accident. Raises UpdateError when none fits.
    """
    if explicit:
        return check_target(explicit)
    name = PurePosixPath(filename.replace("\\", "/")).name
    if name in c.REQUIRED_COLUMNS:
        return name
    values = f"{c.VALUES_DIR}/{name}"
    if values in known_targets(data_dir):
        return values
    inferred = inferred_target(data_dir, content) if content is not None else None
    if inferred is not None:
        return inferred
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


def inferred_target(data_dir: Path, content: bytes) -> str | None:
    """Return the one existing file ``content`` fits, or None when none or several do.

    A fixed file is recognised by its required columns; a values file by its indicators: the
    existing values file that holds every indicator the upload names.
    """
    header, problems = read_columns(content[:65536].split(b"\n", 1)[0] + b"\n", "upload", ())
    if header is None or problems:
        return None
    columns = set(header.header)
    fixed = [name for name, required in c.REQUIRED_COLUMNS.items() if set(required) <= columns]
    if not set(c.VALUE_COLUMNS) <= columns:
        return fixed[0] if len(fixed) == 1 else None
    table, _ = read_columns(content, "upload", c.VALUE_COLUMNS)
    if table is None or not len(table):
        return None
    wanted = set(table.cells["indicator"].tolist())
    holders = []
    for rel in known_targets(data_dir):
        if rel.startswith(f"{c.VALUES_DIR}/"):
            existing, _ = read_columns((data_dir / rel).read_bytes(), rel, c.VALUE_COLUMNS)
            if existing is not None and wanted <= set(existing.cells["indicator"].tolist()):
                holders.append(rel)
    return holders[0] if len(holders) == 1 else None
