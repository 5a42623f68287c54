"""Helpers of the update tests: a hash of a whole directory, and upload data URLs."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path


def tree_hash(folder: Path) -> str:
    """Return one hash of every file's path and bytes under ``folder`` (history included)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def data_url(content: bytes, mime: str = "text/csv") -> str:
    """Return ``content`` as the data URL ``dcc.Upload`` sends."""
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"
