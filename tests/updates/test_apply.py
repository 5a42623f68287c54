"""Preview, apply, history and rollback on the hand-computable mini fixture."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from update_helpers import tree_hash

from indicators.cli import main
from indicators.updates import UpdateError, apply, preview, read_log, rollback, show
from indicators.updates.store import data_lock
from indicators.validate import check_data_dir

MAIN = "values/main.csv"


def with_a_d1(data_dir: Path, value: str) -> bytes:
    """Return values/main.csv with Country A's d1 2024 set to ``value``."""
    return (data_dir / MAIN).read_bytes().replace(b"AAA,d1,2024,10,", f"AAA,d1,2024,{value},"
                                                  .encode())


class TestPreview:
    """A preview shows the changed rows and the top movers, hand-computed, and writes nothing."""

    def test_diff_and_movers(self, mini_copy: Path) -> None:
        """A's d1 10 -> 60: the only changed cell; A and B swap ranks 2 and 3.

        d1 2024 is 10, 20, 30, 50 (A..D) -> min-max 0, 25, 50, 100; after, 60, 20, 30, 50 ->
        100, 0, 25, 75. d2 (weight 2) scores 0, 50, 100, 25. The data pillar (d1 + 2·d2) / 3 goes
        A 0 -> 33.33, B 41.67 -> 33.33, C 83.33 -> 75, D 50 -> 41.67. Overall is the mean of four
        pillars, so A +8.33, B -8.33, C -2.08; D lacks industry and is ranked on neither side.
        Ranks before C 1, B 2, A 3 (overall 66.7, 32.8, 25.0); after C 1, A 2 (33.3), B 3 (24.5).
        """
        before = tree_hash(mini_copy)
        result = preview(mini_copy, MAIN, with_a_d1(mini_copy, "60"))
        assert result.ok and tree_hash(mini_copy) == before
        assert result.diff is not None
        assert result.diff.changed.to_dict("records") == [
            {"iso3": "AAA", "indicator": "d1", "year": "2024", "column": "value",
             "before": "10", "after": "60"}]
        assert result.diff.added.empty and result.diff.removed.empty
        movers = result.movers.set_index("iso3")
        assert list(movers.index[:2]) == ["AAA", "BBB"] and list(movers.index) == [
            "AAA", "BBB", "CCC"]
        assert movers.loc["AAA", "overall_change"] == pytest.approx(100 / 3 / 4)
        assert movers.loc["BBB", "overall_change"] == pytest.approx(-25 / 3 / 4)
        assert movers.loc["CCC", "overall_change"] == pytest.approx(-25 / 3 / 4)
        assert (movers.loc["AAA", "rank_before"], movers.loc["AAA", "rank_after"]) == (3, 2)
        assert (movers.loc["BBB", "rank_before"], movers.loc["BBB", "rank_after"]) == (2, 3)
        assert movers.loc["CCC", "rank_change"] == 0

    def test_added_and_removed_rows(self, mini_copy: Path) -> None:
        """Dropping a row and adding another year are counted as such."""
        content = with_a_d1(mini_copy, "10").replace(b"BBB,d1,2024,20,fixture,\n", b"") \
            + b"AAA,d1,2023,9,fixture,\n"
        result = preview(mini_copy, MAIN, content)
        assert result.ok and result.diff is not None
        assert result.diff.summary() == "values/main.csv: 1 row(s) added, 0 changed, 1 removed"
        assert result.diff.removed.iloc[0]["iso3"] == "BBB"


class TestApplyAndRollback:
    """Apply writes and records; rollback restores any version and is itself recorded."""

    def test_round_trip(self, mini_copy: Path) -> None:
        original = (mini_copy / MAIN).read_bytes()
        sixty, seventy = with_a_d1(mini_copy, "60"), with_a_d1(mini_copy, "70")
        v0 = check_data_dir(mini_copy).version
        first = apply(mini_copy, MAIN, sixty, "tester", "first")
        second = apply(mini_copy, MAIN, seventy, "tester")
        assert (first.number, second.number) == (1, 2)
        assert first.version_before == v0 and second.version_before == first.version_after
        assert check_data_dir(mini_copy).version == second.version_after
        back = rollback(mini_copy, "1", "tester", "undo 70")
        assert back.restores == 1 and (mini_copy / MAIN).read_bytes() == sixty
        assert back.version_after == first.version_after
        rollback(mini_copy, "0", "tester")
        assert (mini_copy / MAIN).read_bytes() == original
        log = read_log(mini_copy)  # survives a restart: read from disk
        assert [e.action for e in log] == ["apply", "apply", "rollback", "rollback"]
        assert log[0].who == "tester" and log[0].note == "first" and log[0].files == [MAIN]
        entry, diffs = show(mini_copy, "2")
        assert entry.number == 2 and diffs[0].changed.iloc[0]["after"] == "70"
        # a data-version prefix names the data as after update 1 (update 3 restored it too)
        assert rollback(mini_copy, first.version_after[:8], "tester").restores in (1, 3)
        assert (mini_copy / MAIN).read_bytes() == sixty

    def test_new_values_file_and_rolling_it_back(self, mini_copy: Path) -> None:
        """A new values file can be added, and rolling back removes it again."""
        content = b"iso3,indicator,year,value,source_id,note\nAAA,d1,2023,9,fixture,\n"
        apply(mini_copy, "values/extra.csv", content, "tester")
        assert (mini_copy / "values" / "extra.csv").read_bytes() == content
        rollback(mini_copy, "0", "tester")
        assert not (mini_copy / "values" / "extra.csv").exists()
        assert not check_data_dir(mini_copy).errors

    def test_stale_preview_is_refused(self, mini_copy: Path) -> None:
        """Applying against a data version that changed since the preview writes nothing."""
        previewed = preview(mini_copy, MAIN, with_a_d1(mini_copy, "60"))
        apply(mini_copy, MAIN, with_a_d1(mini_copy, "70"), "someone else")  # from the original
        before = tree_hash(mini_copy)
        with pytest.raises(UpdateError, match="the data changed since the preview"):
            apply(mini_copy, MAIN, previewed.content, "me",
                  expected_version=previewed.version_before)
        assert tree_hash(mini_copy) == before

    def test_unknown_version(self, mini_copy: Path) -> None:
        with pytest.raises(UpdateError, match="no update number 5"):
            rollback(mini_copy, "5", "tester")
        with pytest.raises(UpdateError, match="neither an update number nor a data version"):
            rollback(mini_copy, "zzz", "tester")

    def test_cli_history_and_rollback(self, mini_copy: Path, tmp_path: Path, capsys) -> None:
        upload = tmp_path / "main.csv"
        upload.write_bytes(with_a_d1(mini_copy, "60"))
        assert main(["data", "apply", str(upload), "--note", "from the source",
                     "--data-dir", str(mini_copy)]) == 0
        assert main(["data", "history", "--data-dir", str(mini_copy)]) == 0
        assert main(["data", "rollback", "0", "--data-dir", str(mini_copy)]) == 0
        out = capsys.readouterr().out
        assert "applied update 1: values/main.csv" in out
        assert "from the source" in out and "rolled back to update 0 as update 2" in out


class TestMassDeletion:
    """FILE replaces its whole target, so a file of the one row someone meant to correct would
    delete every other row (the audit did it to values/compute.csv: no country ranked, exit 0)."""

    def test_a_file_that_deletes_most_rows_is_refused_and_changes_nothing(
            self, mini_copy: Path, tmp_path: Path, capsys) -> None:
        upload = tmp_path / "main.csv"
        upload.write_bytes(b"iso3,indicator,year,value,source_id,note\n"
                           b"AAA,d1,2024,60,fixture,\n")  # 1 of main.csv's 24 rows, edited
        before = tree_hash(mini_copy)
        assert main(["data", "apply", str(upload), "--data-dir", str(mini_copy)]) == 1
        err = capsys.readouterr().err
        # 23 rows would go (all but AAA's d1, whose value changes), 1 stays
        assert "the file would delete 23 of its 24 rows and keep 1" in err
        assert "--replace-all" in err
        assert "Traceback" not in err
        assert tree_hash(mini_copy) == before and read_log(mini_copy) == []

    def test_replace_all_says_it_is_meant(self, mini_copy: Path, tmp_path: Path) -> None:
        upload = tmp_path / "main.csv"
        rows = (mini_copy / MAIN).read_bytes().splitlines(keepends=True)
        upload.write_bytes(b"".join(rows[:12]))  # header + 11 of 24 rows: 13 deleted
        code = main(["data", "apply", str(upload), "--replace-all", "--data-dir",
                     str(mini_copy)])
        assert code == 0 and (mini_copy / MAIN).read_bytes() == b"".join(rows[:12])

    def test_deleting_half_or_fewer_needs_no_flag(self, mini_copy: Path, tmp_path: Path) -> None:
        upload = tmp_path / "main.csv"
        rows = (mini_copy / MAIN).read_bytes().splitlines(keepends=True)
        upload.write_bytes(b"".join(rows[:13]))  # header + 12 of 24 rows: exactly half deleted
        assert main(["data", "apply", str(upload), "--data-dir", str(mini_copy)]) == 0


class TestLock:
    """Two applies never interleave: the second waits for the lock, then sees the first."""

    def test_apply_waits_for_the_lock(self, mini_copy: Path) -> None:
        holding, release = threading.Event(), threading.Event()

        def hold() -> None:
            with data_lock(mini_copy):
                holding.set()
                release.wait(5)

        holder = threading.Thread(target=hold)
        holder.start()
        holding.wait(5)
        with pytest.raises(UpdateError, match=r"another update .* is still running"), \
                data_lock(mini_copy, timeout=0.2):
            pass
        done: list[object] = []
        worker = threading.Thread(target=lambda: done.append(
            apply(mini_copy, MAIN, with_a_d1(mini_copy, "60"), "waiting")))
        worker.start()
        worker.join(0.3)
        assert not done  # still waiting for the lock
        release.set()
        holder.join()
        worker.join(10)
        assert len(done) == 1 and read_log(mini_copy)[0].who == "waiting"


class TestHandEdit:
    """A hand edit that breaks a file is reported, and the dashboard keeps the last valid data."""

    def test_last_valid_data_is_served(self, mini_copy: Path) -> None:
        from dashboard import data_access

        good = data_access.current(mini_copy)
        assert good.bundle is not None and not good.problems
        path = mini_copy / MAIN
        path.write_bytes(path.read_bytes().replace(b"AAA,d1,2024,10", b"AAA,d1,2024,ten"))
        broken = data_access.current(mini_copy)
        assert broken.bundle is not None and broken.bundle.version == good.bundle.version
        assert any("'ten' is not a number" in str(p) for p in broken.problems)


class TestUnwritable:
    """A data directory the user cannot write gets a sentence, not a traceback."""

    def test_read_only_directory(self, mini_copy: Path, tmp_path: Path, capsys) -> None:
        if os.geteuid() == 0:
            # root writes through permissions: simulate with a history path that is a file
            (mini_copy / ".history").write_text("not a folder")
        else:
            mini_copy.chmod(0o555)
        upload = tmp_path / "main.csv"
        upload.write_bytes(with_a_d1(mini_copy, "60"))
        try:
            code = main(["data", "apply", str(upload), "--data-dir", str(mini_copy)])
        finally:
            mini_copy.chmod(0o755)
        err = capsys.readouterr().err
        assert code == 1 and "cannot update" in err and "Traceback" not in err
