"""The Data page's upload path as plain functions: decode, pick the target, preview, apply."""

from __future__ import annotations

import base64
import binascii
import csv
import io
from dataclasses import dataclass
from pathlib import Path

from indicators import contract as c
from indicators.updates.apply import MAX_UPLOAD_BYTES, Preview, preview, size_problem
from indicators.updates.errors import UpdateError
from indicators.updates.targets import check_target, target_for


@dataclass(frozen=True)
class Proposal:
    """A file proposed for a target, before or after its preview."""

    target: str
    content: bytes
    filename: str = ""


def decode_upload(contents: str, filename: str) -> bytes:
    """Return the bytes of a ``dcc.Upload`` data URL; raise UpdateError if it is not one."""
    header, sep, payload = (contents or "").partition(",")
    if not sep or not header.startswith("data:") or ";base64" not in header:
        raise UpdateError(f"{filename or 'the upload'}: could not be read: expected a file "
                          "chosen or dropped on the upload area")
    if len(payload) * 3 // 4 > MAX_UPLOAD_BYTES + 3:
        problem = size_problem(filename, len(payload) * 3 // 4)
        raise UpdateError("the file is too large; nothing was written",
                          [problem] if problem else [])
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise UpdateError(f"{filename}: the upload is damaged (bad base64): "
                          "choose the file again") from None


def pasted_content(data_dir: Path, target: str, text: str) -> bytes:
    """Return the file that pasted text makes: the text itself if it starts with the header,
    else the target's current content with the pasted rows appended.
    """
    target = check_target(target)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        raise UpdateError("nothing was pasted: expected CSV rows, with or without the header")
    required = c.REQUIRED_COLUMNS.get(target, c.VALUE_COLUMNS)
    first = next(csv.reader(io.StringIO(text.splitlines()[0])), [])
    if set(required) <= {cell.strip().lstrip("\ufeff") for cell in first}:
        return (text + "\n").encode("utf-8")
    path = data_dir / target
    if not path.is_file():
        raise UpdateError(f"{target} does not exist yet: paste its header row "
                          f"({','.join(required)}) first")
    existing = path.read_bytes()
    if existing and not existing.endswith(b"\n"):
        existing += b"\n"
    return existing + (text + "\n").encode("utf-8")


def propose_upload(data_dir: Path, contents: str, filename: str,
                   target: str | None = None) -> Proposal:
    """Return the proposal of an uploaded file; raise UpdateError for a bad upload or target."""
    content = decode_upload(contents, filename)
    return Proposal(target_for(data_dir, filename, target or None), content, filename)


def preview_proposal(data_dir: Path, proposal: Proposal) -> Preview:
    """Return the preview of a proposal (errors, or the diff and the top movers)."""
    return preview(data_dir, proposal.target, proposal.content)


def encode_pending(result: Preview) -> dict[str, str]:
    """Return what the page keeps between Preview and Apply (the content travels base64)."""
    return {"target": result.target, "content": base64.b64encode(result.content).decode(),
            "version": result.version_before, "version_after": result.version_after}


def decode_pending(pending: dict[str, str] | None) -> tuple[str, bytes, str]:
    """Return (target, content, previewed version) of a pending update; raise UpdateError."""
    if not pending or "content" not in pending:
        raise UpdateError("nothing to apply: upload or paste a file and preview it first")
    try:
        content = base64.b64decode(pending["content"], validate=True)
    except (binascii.Error, ValueError):
        raise UpdateError("the pending update is damaged: preview the file again") from None
    return check_target(pending.get("target", "")), content, pending.get("version", "")
