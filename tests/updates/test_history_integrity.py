"""Issue 15 defect 3: the history never disagrees with the data.

Kills at each step of an apply, a full disk at the log append, torn / non-UTF-8 / garbage log
lines, tampered blobs, blob names that are paths, and hand-placed symbolic links: each ends in
the data before or after the update with a history that says so, or a clear error that changes
nothing, never a traceback or a silent wrong rollback.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.updates import UpdateError, apply, read_log, rollback, show, transaction
from indicators.updates import history as history_module
from indicators.updates.history import DamagedHistory
from indicators.updates.store import PAUSE_AFTER_ENV, PAUSE_ENV

MAIN = "values/main.csv"


def changed_main(data_dir: Path, value: str = "60") -> bytes:
    """Return values/main.csv with Country A's d1 2024 set to ``value``."""
    return (data_dir / MAIN).read_bytes().replace(b"AAA,d1,2024,10,",
                                                  f"AAA,d1,2024,{value},".encode())


def journal(data_dir: Path) -> Path:
    return data_dir / ".history" / transaction.JOURNAL_FILE


def log(data_dir: Path) -> Path:
    return data_dir / ".history" / "log.jsonl"


def kill_apply_when(data_dir: Path, upload: Path, pause_env: str, ready) -> None:
    """Run ``sovai data apply`` in a real process and SIGKILL it once ``ready()`` holds."""
    env = {**os.environ, pause_env: "60"}
    process = subprocess.Popen(
        [sys.executable, "-m", "indicators.cli", "data", "apply", str(upload),
         "--data-dir", str(data_dir)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not ready() and time.monotonic() < deadline:
            assert process.poll() is None, "the apply ended before it could be killed"
            time.sleep(0.05)
        assert ready(), "the apply never reached the point to kill it at"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert process.returncode == -signal.SIGKILL


class TestKill:
    """A kill leaves a journal; the next start completes or undoes the update it describes."""

    def test_kill_after_replace_is_completed(self, mini_copy: Path, tmp_path: Path,
                                             capsys) -> None:
        original = (mini_copy / MAIN).read_bytes()
        upload = tmp_path / "main.csv"
        upload.write_bytes(changed_main(mini_copy))
        kill_apply_when(mini_copy, upload, PAUSE_AFTER_ENV,
                        lambda: (mini_copy / MAIN).read_bytes() == upload.read_bytes())
        assert journal(mini_copy).exists()  # the intent was on disk before the replace
        assert read_log(mini_copy) == []  # killed before the log append
        assert main(["data", "history", "--data-dir", str(mini_copy)]) == 0
        captured = capsys.readouterr()
        assert "was completed and recorded" in captured.err
        assert "   1  " in captured.out and "apply: values/main.csv" in captured.out
        assert not journal(mini_copy).exists()
        # the rollback now restores the version before the update, and says so
        assert main(["data", "rollback", "0", "--data-dir", str(mini_copy)]) == 0
        assert "rolled back to update 0 as update 2" in capsys.readouterr().out
        assert (mini_copy / MAIN).read_bytes() == original

    def test_server_start_completes_it(self, mini_copy: Path, tmp_path: Path) -> None:
        """`sovai serve` (build_app) finishes an interrupted update before serving."""
        from dashboard.serve import build_app
        from dashboard.settings import Settings

        upload = tmp_path / "main.csv"
        upload.write_bytes(changed_main(mini_copy))
        kill_apply_when(mini_copy, upload, PAUSE_AFTER_ENV,
                        lambda: (mini_copy / MAIN).read_bytes() == upload.read_bytes())
        assert journal(mini_copy).exists() and read_log(mini_copy) == []
        build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache"))
        assert not journal(mini_copy).exists()
        assert [e.files for e in read_log(mini_copy)] == [[MAIN]]

    def test_kill_before_replace_is_undone(self, mini_copy: Path, tmp_path: Path,
                                           capsys) -> None:
        original = (mini_copy / MAIN).read_bytes()
        upload = tmp_path / "main.csv"
        upload.write_bytes(changed_main(mini_copy))
        kill_apply_when(mini_copy, upload, PAUSE_ENV, lambda: journal(mini_copy).exists()
                        and list((mini_copy / "values").glob(".main.csv.*")))
        assert (mini_copy / MAIN).read_bytes() == original
        assert main(["data", "history", "--data-dir", str(mini_copy)]) == 0
        captured = capsys.readouterr()
        assert "interrupted before it changed any file: it was undone" in captured.err
        assert "no recorded update" in captured.out
        assert not journal(mini_copy).exists()


class TestFullDisk:
    """A failing log append undoes the data change, with a sentence, not a traceback."""

    def test_append_fails(self, mini_copy: Path, tmp_path: Path, monkeypatch, capsys) -> None:
        original = (mini_copy / MAIN).read_bytes()

        def no_space(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(history_module, "append", no_space)
        upload = tmp_path / "main.csv"
        upload.write_bytes(changed_main(mini_copy))
        assert main(["data", "apply", str(upload), "--data-dir", str(mini_copy)]) == 1
        err = capsys.readouterr().err
        assert "No space left on device" in err and "the previous files are back" in err
        assert "Traceback" not in err
        assert (mini_copy / MAIN).read_bytes() == original
        assert not journal(mini_copy).exists()
        monkeypatch.undo()
        assert read_log(mini_copy) == []

    def test_undo_fails_too_then_completes(self, mini_copy: Path, monkeypatch) -> None:
        """The journal stays; the next update finishes the first before doing its own."""
        first = changed_main(mini_copy, "60")

        def no_space(*_args: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(history_module, "append", no_space)
        real_put = transaction._put

        def put_once(data_dir: Path, rel: str, digest: str | None) -> None:
            if (data_dir / rel).read_bytes() == first:  # the undo's write: fails
                raise OSError(errno.ENOSPC, "No space left on device")
            real_put(data_dir, rel, digest)

        monkeypatch.setattr(transaction, "_put", put_once)
        with pytest.raises(UpdateError, match="completed or undone at the next update"):
            apply(mini_copy, MAIN, first, "first")
        assert journal(mini_copy).exists() and (mini_copy / MAIN).read_bytes() == first
        monkeypatch.undo()
        second = changed_main(mini_copy, "70").replace(b"AAA,d1,2024,60,", b"AAA,d1,2024,70,")
        entry = apply(mini_copy, MAIN, second, "second")
        assert [(e.number, e.who) for e in read_log(mini_copy)] == [(1, "first"),
                                                                      (2, "second")]
        assert entry.number == 2


def applied_twice(data_dir: Path) -> bytes:
    """Apply two updates and return the file's content after the first one."""
    apply(data_dir, MAIN, changed_main(data_dir, "60"), "t", "first")
    after_first = (data_dir / MAIN).read_bytes()
    apply(data_dir, MAIN, after_first.replace(b"AAA,d1,2024,60,", b"AAA,d1,2024,70,"), "t",
          "second")
    return after_first


DAMAGES = {
    "torn multi-byte": lambda line: line[: line.index("é".encode()) + 1],  # cut inside é
    "not UTF-8": lambda line: b'{"number": 3, "note": "\xff"}\n',
    "garbage": lambda line: b"garbage\n",
}


class TestDamagedLog:
    """A damaged log is a clear error naming its line, changes nothing, and can be repaired."""

    @pytest.mark.parametrize("damage", list(DAMAGES))
    def test_damaged_last_line(self, mini_copy: Path, tmp_path: Path, capsys,
                               damage: str) -> None:
        applied_twice(mini_copy)
        entry = json.loads(log(mini_copy).read_text().splitlines()[-1])
        line = (json.dumps({**entry, "number": 3, "note": "café"}, ensure_ascii=False)
                + "\n").encode()
        with open(log(mini_copy), "ab") as handle:
            handle.write(DAMAGES[damage](line))
        before = (mini_copy / MAIN).read_bytes()
        upload = tmp_path / "main.csv"
        upload.write_bytes(changed_main(mini_copy, "80").replace(b"AAA,d1,2024,70,",
                                                                 b"AAA,d1,2024,80,"))
        for args in (["history"], ["rollback", "1"], ["apply", str(upload)], ["show", "1"]):
            assert main(["data", *args, "--data-dir", str(mini_copy)]) == 1, args
            err = capsys.readouterr().err
            assert "log.jsonl, line 3" in err and "sovai data repair" in err, err
            assert "Traceback" not in err
        assert (mini_copy / MAIN).read_bytes() == before
        assert main(["data", "repair", "--data-dir", str(mini_copy)]) == 0
        assert "set 1 damaged line(s) aside" in capsys.readouterr().out
        assert [e.action for e in read_log(mini_copy)] == ["apply", "apply", "repair"]
        assert (mini_copy / ".history" / "log.jsonl.damaged").read_bytes().startswith(
            DAMAGES[damage](line).rstrip(b"\n"))
        # the versions before the repair are still shown and the data can change again
        assert main(["data", "show", "2", "--data-dir", str(mini_copy)]) == 0
        assert main(["data", "apply", str(upload), "--data-dir", str(mini_copy)]) == 0

    def test_garbage_in_the_middle_never_rolls_back_the_wrong_content(
            self, mini_copy: Path) -> None:
        """Skipping the damaged first entry would restore the second entry's 'before'."""
        original = (mini_copy / MAIN).read_bytes()
        applied_twice(mini_copy)
        lines = log(mini_copy).read_bytes().splitlines(keepends=True)
        log(mini_copy).write_bytes(b"{not json\n" + lines[1])
        with pytest.raises(DamagedHistory, match="line 1"):
            rollback(mini_copy, "0", "t")
        with transaction.locked(mini_copy):
            history_module.repair(mini_copy, "t")
        with pytest.raises(UpdateError, match="older than the repair"):
            rollback(mini_copy, "0", "t")
        assert (mini_copy / MAIN).read_bytes() != original  # nothing restored by guesswork


class TestBlobs:
    """Blobs are restored and shown only when their content has the hash that names them."""

    def test_tampered_blob_is_not_restored(self, mini_copy: Path) -> None:
        original = (mini_copy / MAIN).read_bytes()
        entry = apply(mini_copy, MAIN, changed_main(mini_copy), "t")
        blob = mini_copy / ".history" / "blobs" / str(entry.changes[0].before)
        blob.write_bytes(original.replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,99,"))
        current = (mini_copy / MAIN).read_bytes()
        with pytest.raises(UpdateError, match="is damaged"):
            rollback(mini_copy, "0", "t")
        with pytest.raises(UpdateError, match="is damaged"):
            show(mini_copy, "1")
        assert (mini_copy / MAIN).read_bytes() == current

    def test_blob_name_that_is_a_path(self, mini_copy: Path, tmp_path: Path, capsys) -> None:
        secret = tmp_path / "secret.txt"
        secret.write_text("not for you")
        apply(mini_copy, MAIN, changed_main(mini_copy), "t")
        record = json.loads(log(mini_copy).read_text())
        record["changes"][0]["before"] = os.path.relpath(secret, mini_copy / ".history/blobs")
        log(mini_copy).write_text(json.dumps(record) + "\n")
        assert main(["data", "show", "1", "--data-dir", str(mini_copy)]) == 1
        captured = capsys.readouterr()
        assert "is not a SHA-256" in captured.err and "not for you" not in captured.out
        with pytest.raises(UpdateError, match="not a version in the history"):
            history_module.read_blob(mini_copy, "../../secret.txt")


class TestSymlinks:
    """History written through hand-placed symbolic links is refused."""

    @pytest.mark.parametrize("link", [".history", ".history/log.jsonl", ".history/blobs"])
    def test_refused(self, mini_copy: Path, tmp_path: Path, link: str) -> None:
        outside = tmp_path / "outside"
        outside.mkdir()
        if link != ".history":
            (mini_copy / ".history").mkdir()
        elsewhere = outside / "x" if link.endswith("jsonl") else outside
        if link.endswith("jsonl"):
            elsewhere.write_text("")
        (mini_copy / link).symlink_to(elsewhere)
        before = (mini_copy / MAIN).read_bytes()
        with pytest.raises(UpdateError, match="symbolic link"):
            apply(mini_copy, MAIN, changed_main(mini_copy), "t")
        assert (mini_copy / MAIN).read_bytes() == before
        assert [p.name for p in outside.rglob("*") if p.name != "x"] == []
        if link.endswith("jsonl"):
            assert (outside / "x").read_text() == ""


def test_history_of_a_missing_directory_fails(tmp_path: Path, capsys) -> None:
    """Issue 11: `data history` on a missing directory is an error, not "no recorded update"
    (a wrong option: exit 2, one line)."""
    with pytest.raises(SystemExit) as stop:
        main(["data", "history", "--data-dir", str(tmp_path / "nowhere")])
    assert stop.value.code == 2 and "no such directory" in capsys.readouterr().err


def test_data_page_names_a_damaged_log(mini_copy: Path, tmp_path: Path) -> None:
    """The Data page renders with the log's problem instead of failing (HTTP 500)."""
    from dashboard.serve import build_app
    from dashboard.settings import Settings

    apply(mini_copy, MAIN, changed_main(mini_copy), "t")
    with open(log(mini_copy), "ab") as handle:
        handle.write(b"garbage\n")
    client = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache")).server \
        .test_client()
    client.get("/")
    token = client.get_cookie("_csrf_token").value
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/data"},
                       {"id": "_pages_location", "property": "search", "value": ""}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    response = client.post("/_dash-update-component", json=body,
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert "line 2" in response.text and "sovai data repair" in response.text


def test_random_kills_never_leave_history_and_data_apart(mini_copy: Path, tmp_path: Path) -> None:
    """SIGKILL an apply at random moments: after recovery, data and history always agree."""
    import random

    original = (mini_copy / MAIN).read_bytes()
    upload = tmp_path / "main.csv"
    upload.write_bytes(changed_main(mini_copy))
    rng = random.Random(15)
    for _ in range(12):
        process = subprocess.Popen(
            [sys.executable, "-m", "indicators.cli", "data", "apply", str(upload),
             "--data-dir", str(mini_copy)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.wait(10)
        with transaction.locked(mini_copy):  # what the next start does
            pass
        content = (mini_copy / MAIN).read_bytes()
        entries = read_log(mini_copy)
        assert content in (original, upload.read_bytes())  # before or after, never between
        applied = [e for e in entries if e.action == "apply"]
        assert (content == upload.read_bytes()) == bool(applied)  # the history says which
        if applied:  # back to the start for the next round
            rollback(mini_copy, "0", "t")
            (mini_copy / ".history" / "log.jsonl").unlink()


def test_a_damaged_old_blob_never_blocks_new_updates(mini_copy: Path) -> None:
    """overrides/ is rebuilt from every blob; one damaged copy is reported, not a dead end."""
    first = apply(mini_copy, MAIN, changed_main(mini_copy), "t")
    blob = mini_copy / ".history" / "blobs" / str(first.changes[0].before)
    blob.write_bytes(blob.read_bytes() + b"tampered\n")
    second = (mini_copy / MAIN).read_bytes().replace(b"BBB,d1,2024,20,", b"BBB,d1,2024,25,")
    with pytest.raises(UpdateError, match="applied and recorded, but overrides/ could not"):
        apply(mini_copy, MAIN, second, "t")
    assert (mini_copy / MAIN).read_bytes() == second and not journal(mini_copy).exists()
    third = second.replace(b"CCC,d1,2024,30,", b"CCC,d1,2024,35,")
    with pytest.raises(UpdateError, match="applied and recorded"):
        apply(mini_copy, MAIN, third, "t")  # still accepted and recorded
    assert [e.number for e in read_log(mini_copy)] == [1, 2, 3]
