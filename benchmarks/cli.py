"""Command-line start-up: ``sovai score`` and friends against ``python -c "import pandas"``.

Run ``python -m benchmarks cli``. Each command runs as a whole process, alternating with the
floor (A B A B …) after one warm-up of each, so a drift of the machine's speed hits both; the
ratio is taken pair by pair and its median quoted, for wall time and for CPU time (user + sys,
from ``os.wait4``: steadier than wall time when other processes share the cores).
Also prints which heavy libraries ``import indicators.cli`` loads (it should load neither
scipy nor SALib) and its import time as ``python -X importtime`` reports it.

The commands run as ``sovai`` does (``dashboard.cli``, the installed entry point), with the
validated-bundle cache in a fresh temporary folder: the warm-up run fills it, the counted runs
read it — a second run on unchanged data, the common case. ``sovai score (cache off)`` is the
first run, which validates every file. Python writes its bytecode (``PYTHONDONTWRITEBYTECODE``
is dropped from the children's environment): an installed package has its ``.pyc`` files, as
pandas, the floor, has its own; without them each run would recompile the edited modules.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
RUNS = 5
TARGET = 1.5
FLOOR = [sys.executable, "-c", "import pandas"]
COMMANDS = {
    "sovai score": ["score"],
    "sovai score (cache off)": ["score"],
    "sovai validate": ["validate"],
    "sovai --help": ["--help"],
    "sovai robustness --runs 1000": ["robustness", "--runs", "1000"],
}
HEAVY = ("scipy", "scipy.stats", "SALib", "dash", "plotly", "flask", "threadpoolctl")
_CACHE = tempfile.mkdtemp(prefix="sovai-bench-bundles-")
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV.update(SOVAI_DATA_DIR=str(DATA), SOVAI_BUNDLE_CACHE=_CACHE)


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Return (wall seconds, CPU seconds) of one run of ``argv`` as a child process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env or ENV)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise RuntimeError(f"{' '.join(argv)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def paired(argv: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Return medians of wall, CPU and of the pairwise ratios to the pandas floor."""
    _run(argv, env), _run(FLOOR)  # warm-up: file cache, .pyc, the bundle cache
    pairs = [(_run(argv, env), _run(FLOOR)) for _ in range(RUNS)]
    return {
        "wall": statistics.median(a[0] for a, _ in pairs),
        "cpu": statistics.median(a[1] for a, _ in pairs),
        "floor_wall": statistics.median(b[0] for _, b in pairs),
        "floor_cpu": statistics.median(b[1] for _, b in pairs),
        "ratio_wall": statistics.median(a[0] / b[0] for a, b in pairs),
        "ratio_cpu": statistics.median(a[1] / b[1] for a, b in pairs),
    }


def imports() -> tuple[float, list[str]]:
    """Return (import time of indicators.cli in ms, heavy modules it loads)."""
    code = ("import sys, indicators.cli; indicators.cli.build_parser(command='score'); "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True,
                         text=True, check=True, env=ENV)
    total = 0.0
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| indicators\.cli$", line)
        if match:
            total = int(match.group(1)) / 1000
    loaded = [m for m in out.stdout.strip().split(",") if m]
    return total, loaded


def main() -> None:
    """Print the start-up table."""
    sovai = [sys.executable, "-m", "dashboard.cli"]
    print(f"CLI start-up vs python -c 'import pandas' — {RUNS} alternating pairs after a "
          "warm-up, medians\n")
    print(f"{'command':<30}{'wall s':>8}{'CPU s':>8}{'floor wall':>12}{'× floor (wall)':>16}"
          f"{'× floor (CPU)':>15}  target")
    for name, args in COMMANDS.items():
        off = {**ENV, "SOVAI_BUNDLE_CACHE": "off"} if "cache off" in name else None
        r = paired(sovai + args, off)
        target = f"≤ {TARGET}×" if name == "sovai score" else ""
        print(f"{name:<30}{r['wall']:>8.2f}{r['cpu']:>8.2f}{r['floor_wall']:>12.2f}"
              f"{r['ratio_wall']:>16.2f}{r['ratio_cpu']:>15.2f}  {target}")
    ms, loaded = imports()
    print(f"\nimport indicators.cli (+ build the parser): {ms:.0f} ms by -X importtime; heavy "
          f"modules loaded: {', '.join(loaded) or 'none'} (of {', '.join(HEAVY)})")


if __name__ == "__main__":
    main()
