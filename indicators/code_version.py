"""The version of the code itself, for caches that must not outlive an upgrade or an edit."""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

#: The ``indicators`` package's folder: every module under it is part of the fingerprint.
PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """Return a hash of every module of ``indicators`` (names, bytes) and of Python, numpy, pandas.

    Any change to the library's code — an upgrade, a local edit, a new result field — or to the
    libraries that pickle its tables gives another value, so whatever a cache stored under the old
    one is never read back. (Finer than the package's version number, which a local edit leaves
    as it is; reading the ~100 files takes about 2 ms.)
    """
    digest = hashlib.sha256()
    for name in (sys.version, np.__version__, pd.__version__):
        digest.update(name.encode() + b"\0")
    _add_modules(digest)
    return digest.hexdigest()[:16]


def _add_modules(digest: hashlib._Hash) -> None:
    """Feed every module of ``indicators`` (its path, then its bytes) to ``digest``."""
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")


@lru_cache(maxsize=1)
def method_version() -> str:
    """Return the version that identifies the scoring method for a citation: the package's
    release and a hash of the ``indicators`` modules' bytes, e.g. ``0.1.0+3f2a9c1b07de``.

    The data version names the data; this names the code that turned it into scores, so a
    citation ("data version …, method version …") can be reproduced after a method change
    that leaves the data as it was (audit 3 B19). Unlike ``code_version`` it ignores the
    Python, numpy and pandas versions, which do not change a score.
    """
    from importlib import metadata

    try:
        release = metadata.version("sovai")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        release = "0"
    digest = hashlib.sha256()
    _add_modules(digest)
    return f"{release}+{digest.hexdigest()[:12]}"
