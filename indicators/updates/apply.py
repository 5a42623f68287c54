"""Preview, apply and roll back an update of the data, with exactly `sovai validate`'s rules.

An update is checked as the whole directory would be after it (``check_data_dir`` with
``overrides``); only a valid one is written, under the lock, atomically, and recorded in the history
with the previous content, so it can be viewed and rolled back.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators.bundle import Bundle, bundle_from_checked
from indicators.pipeline import score
from indicators.problems import Problem
from indicators.spec import ScoringSpec
from indicators.updates import history
from indicators.updates.diff import RowDiff, diff_rows, top_movers
from indicators.updates.errors import UpdateError
from indicators.updates.targets import check_target, target_path
from indicators.updates.transaction import commit, locked
from indicators.validate import Checked, check_data_dir, contract_files

#: The largest file an update accepts (the biggest shipped file is under 1 MB).
MAX_UPLOAD_BYTES = 4 * 1024 * 1024
#: Problems of one kind (errors, warnings) an update reports at most; the rest are counted.
MAX_PROBLEMS = 100


#: The share of a target's rows the CLI lets one apply delete without ``--replace-all``.
MAX_DELETED_SHARE = 0.5


def capped(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """Return the first ``limit`` problems, and one more saying "… and N more" if there are."""
    if len(problems) <= limit:
        return problems
    last = problems[limit - 1]
    more = len(problems) - limit
    return [*problems[:limit], Problem(last.file, 0, "", f"… and {more} more problem(s) of "
                                       "this kind, not listed", last.severity)]


@dataclass(frozen=True)
class Preview:
    """What an update would do: its problems, or the rows it changes and the top movers."""

    target: str
    content: bytes
    errors: list[Problem]
    warnings: list[Problem]
    version_before: str
    version_after: str
    diff: RowDiff | None = None
    movers: pd.DataFrame | None = None
    year: int | None = None
    notes: list[str] = field(default_factory=list)
    #: How many errors there are in all (``errors`` lists at most MAX_PROBLEMS of them).
    total_errors: int | None = None

    @property
    def error_count(self) -> int:
        """Return the number of errors found, listed or not."""
        return len(self.errors) if self.total_errors is None else self.total_errors

    @property
    def ok(self) -> bool:
        """Return True when the directory would be valid after the update."""
        return not self.errors

    @property
    def unchanged(self) -> bool:
        """Return True when the update would not change any byte on disk."""
        return self.version_before == self.version_after


def normalise_text(content: bytes) -> bytes:
    """Return UTF-8 text as stored: BOM dropped and CRLF/CR line ends made LF (else unchanged).

    Excel's "CSV UTF-8" export (BOM + CRLF) is accepted and stored like the shipped files.
    """
    try:
        text = content.decode("utf-8-sig").lstrip("\ufeff")  # a file saved twice has two BOMs
    except UnicodeDecodeError:
        return content
    return text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")


def size_problem(target: str, size: int) -> Problem | None:
    """Return the problem of a file over MAX_UPLOAD_BYTES, or None."""
    if size <= MAX_UPLOAD_BYTES:
        return None
    return Problem(target, 0, "", f"the file is {size / 2**20:.1f} MB: the limit is "
                   f"{MAX_UPLOAD_BYTES / 2**20:.0f} MB per file")


def preview(data_dir: Path, target: str, content: bytes, movers: int = 10) -> Preview:
    """Return what writing ``content`` to ``target`` would do; never writes anything.

    Raises UpdateError only for a target outside the data contract.
    """
    target = check_target(target)
    path = target_path(data_dir, target)
    too_big = size_problem(target, len(content))
    current = check_data_dir(data_dir)
    if too_big is not None:
        return Preview(target, b"", [too_big], [], current.version, current.version)
    content = normalise_text(content)
    proposed = check_data_dir(data_dir, overrides={target: content})
    result = Preview(target, content, capped(proposed.errors), capped(proposed.warnings),
                     current.version, proposed.version, total_errors=len(proposed.errors))
    if not result.ok:
        return result
    before = path.read_bytes() if path.exists() else None
    diff = diff_rows(target, before, content)
    table, year, notes = _movers(data_dir, current, proposed, movers)
    notes = [*_implausible(diff, proposed, data_dir), *notes]
    return Preview(target, content, [], capped(proposed.warnings), current.version,
                   proposed.version,
                   diff, table, year, notes)


def _implausible(diff: RowDiff, proposed: Checked, data_dir: Path) -> list[str]:
    """Return the preview's notes on edited values off by orders of magnitude (see
    ``plausibility``); none when the new data cannot be read as a bundle."""
    from indicators.updates.plausibility import implausible_notes

    try:
        values = bundle_from_checked(proposed, data_dir).values
    except Exception:  # the notes must not hide a valid preview
        return []
    return implausible_notes(diff, values)


def _movers(data_dir: Path, current: Checked, proposed: Checked,
            n: int) -> tuple[pd.DataFrame | None, int | None, list[str]]:
    """Return the top movers of the reference method at the new data's latest year."""
    if current.errors:
        return None, None, ["the data on disk is invalid now, so there are no scores to compare"]
    try:
        old: Bundle = bundle_from_checked(current, data_dir)
        new: Bundle = bundle_from_checked(proposed, data_dir)
        year = new.latest_year
        spec = ScoringSpec(year=year)
        return top_movers(score(old, spec), score(new, spec), n), year, []
    except Exception as exc:  # scoring trouble must not hide a valid preview
        return None, None, [f"the effect on scores could not be computed ({exc})"]


def apply(data_dir: Path, target: str, content: bytes, who: str, note: str = "",
          expected_version: str | None = None,
          max_deleted_share: float | None = None) -> history.Entry:
    """Write ``content`` to ``target`` if the directory stays valid; return the history entry.

    ``expected_version`` (the data version the user previewed against) makes the apply refuse
    when someone else changed the data since. ``max_deleted_share`` (the CLI's default, unless
    ``--replace-all``) refuses a file that would delete more than that share of the target's
    rows: the data stays valid then, so validation cannot catch a file holding only the rows
    someone meant to correct. Raises UpdateError, with the problems, and changes
    nothing on disk when the update is invalid.
    """
    target = check_target(target)
    target_path(data_dir, target)
    too_big = size_problem(target, len(content))
    if too_big is not None:
        raise UpdateError("the file is too large; nothing was written", [too_big])
    content = normalise_text(content)
    _refuse_invalid(data_dir, target, content)  # before the lock: a bad file touches nothing
    current_file = target_path(data_dir, target)
    if max_deleted_share is not None and current_file.exists():
        _refuse_mass_deletion(target, current_file.read_bytes(), content, max_deleted_share)
    with locked(data_dir):
        path = target_path(data_dir, target)
        current = check_data_dir(data_dir)
        if expected_version is not None and current.version != expected_version:
            raise UpdateError(f"the data changed since the preview (version {expected_version} "
                              f"is now {current.version}): preview again; nothing was written")
        proposed = _refuse_invalid(data_dir, target, content)
        before = path.read_bytes() if path.exists() else None
        if before == content:
            raise UpdateError(f"{target} already holds exactly this content; nothing to apply")
        return commit(data_dir, {target: content}, who, "apply", note, current.version,
                      proposed.version)


def _refuse_mass_deletion(target: str, before: bytes, content: bytes, share: float) -> None:
    """Raise UpdateError when ``content`` would delete more than ``share`` of ``before``'s rows.

    The audit applied one row as values/compute.csv: 3,777 rows gone, no country ranked, exit 0.
    """
    removed = len(diff_rows(target, before, content).removed)
    rows = max(len(before.splitlines()) - 1, 0)  # contract CSVs hold no quoted line breaks
    if removed > share * rows:
        raise UpdateError(
            f"{target}: the file would delete {removed} of its {rows} rows and keep "
            f"{rows - removed} (a file replaces the whole target). To change a few values, "
            "apply the whole file with those rows edited (or paste the rows on the Data page, "
            "which adds or replaces them); to replace it anyway, pass --replace-all. Nothing "
            "was written")


def _refuse_invalid(data_dir: Path, target: str, content: bytes) -> Checked:
    """Return the check of the directory with ``content`` in ``target``; raise if invalid."""
    proposed = check_data_dir(data_dir, overrides={target: content})
    if proposed.errors:
        raise UpdateError(f"{len(proposed.errors)} problem(s): the data would be invalid; "
                          "nothing was written", capped(proposed.errors))
    return proposed


def rollback(data_dir: Path, version: str, who: str, note: str = "") -> history.Entry:
    """Restore the data as it was right after update ``version``; return the new history entry.

    ``version`` is an update number (0: before the first one) or a data-version prefix. The
    rollback is itself an update in the history, so it can be rolled back too. The restored
    directory must be valid; otherwise nothing is written.
    """
    with locked(data_dir):
        entry = history.find(data_dir, version)
        number = entry.number if entry is not None else 0
        wanted = history.files_at(data_dir, number)
        contents = {rel: history.read_blob(data_dir, h) if h is not None else None
                    for rel, h in wanted.items()}
        current = check_data_dir(data_dir)
        restored = _check_with(data_dir, contents)
        if restored.errors:
            raise UpdateError(f"{len(restored.errors)} problem(s): the data restored to update "
                              f"{number} would be invalid; nothing was written",
                              capped(restored.errors))
        writes = {}
        for rel, after in contents.items():
            path = target_path(data_dir, rel)
            before = path.read_bytes() if path.exists() else None
            if before != after:
                writes[rel] = after
        if not writes:
            raise UpdateError(f"the data is already as it was after update {number}")
        return commit(data_dir, writes, who, "rollback", note, current.version,
                      restored.version, restores=number)


def _check_with(data_dir: Path, contents: dict[str, bytes | None]) -> Checked:
    """Return the validation of ``data_dir`` with files replaced or removed (None), untouched."""
    if all(content is not None for content in contents.values()):
        return check_data_dir(data_dir, overrides={k: v for k, v in contents.items()
                                                   if v is not None})
    with tempfile.TemporaryDirectory(prefix="sovai-rollback-") as tmp:
        copy = Path(tmp) / "data"
        for path in contract_files(data_dir):
            rel = path.relative_to(data_dir)
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy / rel)
        for name, content in contents.items():
            if content is None:
                (copy / name).unlink(missing_ok=True)
            else:
                (copy / name).parent.mkdir(parents=True, exist_ok=True)
                (copy / name).write_bytes(content)
        return check_data_dir(copy)


def show(data_dir: Path, version: str) -> tuple[history.Entry, list[RowDiff]]:
    """Return update ``version`` and the rows it changed in each file."""
    entry = history.find(data_dir, version)
    if entry is None:
        raise UpdateError("update 0 is the data before the first recorded update: nothing to show")
    diffs = []
    for change in entry.changes:
        before = history.read_blob(data_dir, change.before) if change.before else None
        after = history.read_blob(data_dir, change.after) if change.after else None
        diffs.append(diff_rows(change.file, before, after))
    return entry, diffs
