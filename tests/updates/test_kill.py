"""A process killed in the middle of an apply leaves the previous file whole and the data valid."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from indicators.updates import apply, read_log
from indicators.updates.store import PAUSE_ENV
from indicators.validate import check_data_dir


def test_kill_between_temp_file_and_replace(mini_copy: Path, tmp_path: Path) -> None:
    """SIGKILL after the new bytes are in the temp file, before os.replace: nothing changes."""
    target = mini_copy / "values" / "main.csv"
    original = target.read_bytes()
    upload = tmp_path / "main.csv"
    upload.write_bytes(original.replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,60,"))
    env = {**os.environ, PAUSE_ENV: "60"}
    process = subprocess.Popen(
        [sys.executable, "-m", "indicators.cli", "data", "apply", str(upload),
         "--data-dir", str(mini_copy)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        temps: list[Path] = []
        while not temps and time.monotonic() < deadline:
            assert process.poll() is None, "the apply ended before it could be killed"
            temps = list(target.parent.glob(".main.csv.*"))
            time.sleep(0.05)
        assert temps, "the apply never wrote its temporary file"
        assert temps[0].read_bytes() == upload.read_bytes()  # fully written, not yet in place
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert process.returncode == -signal.SIGKILL
    assert target.read_bytes() == original
    assert not check_data_dir(mini_copy).errors
    assert read_log(mini_copy) == []
    # The lock died with the process; the next apply runs and sweeps the leftover temp file.
    apply(mini_copy, "values/main.csv", upload.read_bytes(), "after the crash")
    assert target.read_bytes() == upload.read_bytes()
    assert list(target.parent.glob(".main.csv.*")) == []
