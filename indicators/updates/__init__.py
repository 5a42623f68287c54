"""Safe updates of the data directory: preview, atomic apply, history and rollback."""

from __future__ import annotations

from indicators.updates.apply import MAX_UPLOAD_BYTES, Preview, apply, preview, rollback, show
from indicators.updates.diff import RowDiff, diff_rows, top_movers
from indicators.updates.errors import UpdateError
from indicators.updates.history import Entry, read_log
from indicators.updates.targets import check_target, known_targets, target_for

__all__ = [
    "MAX_UPLOAD_BYTES",
    "Entry",
    "Preview",
    "RowDiff",
    "UpdateError",
    "apply",
    "check_target",
    "diff_rows",
    "known_targets",
    "preview",
    "read_log",
    "rollback",
    "show",
    "target_for",
    "top_movers",
]
