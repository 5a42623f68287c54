"""Issue 15 defects 2 and 7: a preview's work is bounded, and odd files get a sentence.

A header of thousands of columns is refused with the limit, problems are capped with
"… and N more", the diff compares only the contract's columns; over-long target names, FIFOs,
files removed while being listed, NUL bytes anywhere, a double BOM and UTF-16 each give a clear
answer instead of a traceback, a hang or a stored file.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.csvio import MAX_COLUMNS
from indicators.updates import UpdateError, apply, preview, target_for
from indicators.updates.apply import MAX_PROBLEMS
from indicators.validate import check_data_dir

MAIN = "values/main.csv"
HEADER = b"iso3,indicator,year,value,source_id,note"


def main_rows(data_dir: Path) -> list[bytes]:
    """Return the rows of the mini values/main.csv (header excluded)."""
    return (data_dir / MAIN).read_bytes().splitlines()[1:]


class TestPreviewBounds:
    """Defect 2: the work of a preview is bounded by the contract, not by the input."""

    def test_thousands_of_columns_are_refused(self, mini_copy: Path) -> None:
        extra = ",".join(f"x{i}" for i in range(10_000)).encode()
        content = HEADER + b"," + extra + b"\n" + b"\n".join(
            row + b"," * 10_000 for row in main_rows(mini_copy)) + b"\n"
        result = preview(mini_copy, MAIN, content)
        assert not result.ok
        assert [p.message for p in result.errors] == [
            f"the header has 10006 columns: at most {MAX_COLUMNS} are allowed (the contract "
            "needs 6: iso3,indicator,year,value,source_id,note)"]

    def test_problems_are_capped(self, mini_copy: Path, capsys, tmp_path: Path) -> None:
        bad = [f"AAA,d1,{1000 + i},ten,fixture,".encode() for i in range(5_000)]
        content = b"\n".join([HEADER, *main_rows(mini_copy), *bad]) + b"\n"
        result = preview(mini_copy, MAIN, content)
        total = len(check_data_dir(mini_copy, overrides={MAIN: content}).errors)
        assert total >= 5_000 and result.error_count == total  # each bad row: 'ten' at least
        assert len(result.errors) == MAX_PROBLEMS + 1
        assert result.errors[-1].message.startswith(f"… and {total - MAX_PROBLEMS} more")
        upload = tmp_path / "main.csv"
        upload.write_bytes(content)
        assert main(["data", "preview", str(upload), "--data-dir", str(mini_copy)]) == 1
        err = capsys.readouterr().err
        assert f"{total} problem(s)" in err and len(err.splitlines()) == MAX_PROBLEMS + 2

    def test_diff_shows_only_contract_columns(self, mini_copy: Path) -> None:
        """An extra column is allowed but never read: changing it changes no row."""
        rows = main_rows(mini_copy)
        before = b"\n".join([HEADER + b",comment", *(r + b",old" for r in rows)]) + b"\n"
        apply(mini_copy, MAIN, before, "t")
        after = b"\n".join([HEADER + b",comment", *(r + b",new" for r in rows)]) + b"\n"
        result = preview(mini_copy, MAIN, after.replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,60,"))
        assert result.ok and result.diff is not None
        changed = result.diff.changed
        assert changed[["iso3", "column", "before", "after"]].values.tolist() == [
            ["AAA", "value", "10", "60"]]
        assert "comment" not in result.diff.added.columns


class TestOddFiles:
    """Defect 7: each gets a sentence, never a traceback, a hang or a stored file."""

    def test_target_name_over_255_characters(self, mini_copy: Path, tmp_path: Path,
                                              capsys) -> None:
        upload = tmp_path / "main.csv"
        upload.write_bytes((mini_copy / MAIN).read_bytes())
        name = "values/" + "a" * 300 + ".csv"
        assert main(["data", "preview", str(upload), "--as", name,
                     "--data-dir", str(mini_copy)]) == 1
        err = capsys.readouterr().err
        assert "the target name is 311 characters long" in err and "Traceback" not in err
        with pytest.raises(UpdateError, match="at most 100 characters"):
            apply(mini_copy, name, upload.read_bytes(), "t")

    def test_fifo_does_not_hang_validation(self, mini_copy: Path) -> None:
        os.mkfifo(mini_copy / "values" / "x.csv")
        found: list[object] = []
        worker = threading.Thread(target=lambda: found.append(check_data_dir(mini_copy)),
                                  daemon=True)
        worker.start()
        worker.join(20)
        assert found, "validation hung on a FIFO"
        messages = [str(p) for p in found[0].errors]  # type: ignore[attr-defined]
        assert messages == ["values/x.csv: -: is not a regular file (a pipe, device or folder): "
                            "expected a CSV file"]

    def test_file_gone_between_listing_and_reading(self, mini_copy: Path) -> None:
        """A name listed whose file is gone (a dangling link: removed mid-listing) is skipped."""
        from dashboard import data_access

        (mini_copy / "values" / "gone.csv").symlink_to(mini_copy / "values" / "removed.csv")
        checked = check_data_dir(mini_copy)
        assert not checked.errors and "values/gone.csv" not in checked.modified
        state = data_access.current(mini_copy)
        assert state.bundle is not None and not state.problems

    def test_nul_after_8_kb_is_not_stored(self, mini_copy: Path) -> None:
        rows = main_rows(mini_copy)
        padding = [f"EEE,d1,{1000 + i},1,fixture,{'x' * 40}".encode() for i in range(300)]
        content = b"\n".join([HEADER, *rows, *padding]) + b"\nAAA,d1,1999,1,fixture,a\0b\n"
        assert content.index(b"\0") > 8192
        result = preview(mini_copy, MAIN, content)
        assert [p.message for p in result.errors] == [
            "the file is binary, not a CSV text file (expected comma-separated UTF-8 text)"]
        with pytest.raises(UpdateError):
            apply(mini_copy, MAIN, content, "t")
        assert b"\0" not in (mini_copy / MAIN).read_bytes()

    def test_double_bom_is_accepted_and_not_stored(self, mini_copy: Path) -> None:
        content = (mini_copy / MAIN).read_bytes().replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,60,")
        apply(mini_copy, MAIN, "\ufeff\ufeff".encode() + content, "t")
        assert (mini_copy / MAIN).read_bytes() == content

    @pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
    def test_utf16_is_named(self, mini_copy: Path, encoding: str) -> None:
        content = (mini_copy / MAIN).read_text(encoding="utf-8").encode(encoding)
        result = preview(mini_copy, MAIN, content)
        assert [p.message for p in result.errors] == [
            "the file is UTF-16 text: save it as 'CSV UTF-8 (comma delimited)'"]


class TestTargetFromContent:
    """Issue 11: `data preview` finds the file an upload replaces without an undocumented --as."""

    def test_values_file_by_its_indicators(self, mini_copy: Path) -> None:
        content = (mini_copy / "values" / "more.csv").read_bytes()
        assert target_for(mini_copy, "more (1).csv", None, content) == "values/more.csv"
        content = (mini_copy / MAIN).read_bytes()
        assert target_for(mini_copy, "download.csv", None, content) == MAIN

    def test_fixed_file_by_its_columns(self, mini_copy: Path) -> None:
        content = (mini_copy / "countries.csv").read_bytes()
        assert target_for(mini_copy, "export.csv", None, content) == "countries.csv"

    def test_unknown_indicator_still_needs_a_target(self, mini_copy: Path) -> None:
        content = HEADER + b"\nAAA,zz,2024,1,fixture,\n"
        with pytest.raises(UpdateError, match="name the target explicitly"):
            target_for(mini_copy, "new.csv", None, content)

    def test_cli_preview_without_as(self, mini_copy: Path, tmp_path: Path, capsys) -> None:
        upload = tmp_path / "my edit.csv"
        upload.write_bytes((mini_copy / MAIN).read_bytes().replace(b"AAA,d1,2024,10,",
                                                                   b"AAA,d1,2024,60,"))
        assert main(["data", "preview", str(upload), "--data-dir", str(mini_copy)]) == 0
        assert "values/main.csv: 0 row(s) added, 1 changed" in capsys.readouterr().out
