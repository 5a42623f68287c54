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


#: Columns that identify a row of each contract file (values files: ``VALUES_KEY``).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    c.PILLARS_FILE: ("code",), c.INDICATORS_FILE: ("code",), c.COUNTRIES_FILE: ("iso3",),
    c.GROUPS_FILE: ("group", "iso3"), c.SOURCES_FILE: ("source_id",),
    c.DEPENDENCIES_FILE: ("iso3", "layer", "supplier", "year"),
}
VALUES_KEY = ("iso3", "indicator", "year")


def _merge_rows(existing: str, pasted: list[str], key: tuple[str, ...]) -> str:
    """Return ``existing`` CSV text with each pasted row replacing the row of the same key
    (in place) and the others appended; rows whose key cannot be read are appended as typed,
    so validation reports them.
    """
    lines = existing.splitlines()
    header = next(csv.reader([lines[0]])) if lines else []
    positions = [header.index(k) for k in key if k in header]
    if len(positions) != len(key):
        return "\n".join([*lines, *pasted]) + "\n"

    def key_of(line: str) -> tuple[str, ...] | None:
        cells = next(csv.reader([line]), [])
        if len(cells) <= max(positions):
            return None
        return tuple(cells[i].strip() for i in positions)

    replacements: dict[tuple[str, ...], str] = {}
    appended: list[str] = []
    for line in pasted:
        k = key_of(line)
        if k is None:
            appended.append(line)
        else:
            replacements[k] = line
    merged = [lines[0]] if lines else []
    for line in lines[1:]:
        k = key_of(line)
        merged.append(replacements.pop(k) if k is not None and k in replacements else line)
    merged += [line for line in pasted if key_of(line) in replacements] + appended
    return "\n".join(merged) + "\n"


def pasted_content(data_dir: Path, target: str, text: str) -> bytes:
    """Return the file that pasted text makes: the text itself if it starts with the header,
    else the target's current content where each pasted row replaces the row with the same key
    (``ROW_KEYS``) and any other row is added.
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
    existing = path.read_text(encoding="utf-8-sig")
    key = ROW_KEYS.get(target, VALUES_KEY)
    rows = [line for line in text.splitlines() if line.strip()]
    return _merge_rows(existing, rows, key).encode("utf-8")


def propose_upload(data_dir: Path, contents: str, filename: str,
                   target: str | None = None, fallback: str | None = None) -> Proposal:
    """Return the proposal of an uploaded file; raise UpdateError for a bad upload or target.

    The target is ``target`` if given, else the file's own name, else ``fallback`` (a target
    chosen on the page, used only when the name matches no data file).
    """
    content = decode_upload(contents, filename)
    try:
        chosen = target_for(data_dir, filename, target or None)
    except UpdateError:
        if not fallback:
            raise
        chosen = target_for(data_dir, filename, fallback)
    return Proposal(chosen, content, filename)


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
