"""Where things are: the shipped data directory and the environment variable that overrides it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

#: The repository's root (this file lives in ``indicators/``).
ROOT = Path(__file__).resolve().parent.parent
#: The data directory shipped with the project.
SHIPPED_DATA_DIR = ROOT / "data"
#: Environment variable naming another data directory.
DATA_DIR_ENV = "SOVAI_DATA_DIR"


def default_data_dir() -> Path:
    """Return the data directory to use: ``$SOVAI_DATA_DIR`` if set, else the shipped one."""
    return Path(os.environ.get(DATA_DIR_ENV) or SHIPPED_DATA_DIR)


def existing_directory(text: str) -> Path:
    """Return ``text`` as a path if it names an existing directory; otherwise raise the
    ``argparse`` error that makes the command exit 2 with one line ("no such directory")."""
    import argparse

    path = Path(text)
    if not path.is_dir():
        reason = "is a file, not a directory" if path.exists() else "no such directory"
        raise argparse.ArgumentTypeError(f"{text}: {reason}")
    return path


def add_data_dir_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add every command's ``--data-dir DIR`` option (default None: ``default_data_dir()``) to
    ``parser``; return the parser. A DIR that is not an existing directory is a wrong option
    (exit 2, one line), not invalid data."""
    parser.add_argument("--data-dir", type=existing_directory, default=None,
                        help="data directory (default: $SOVAI_DATA_DIR or the shipped data/)")
    return parser
