"""Benchmark: time to validate (``check_data_dir``) and load (``load``) the shipped data.

Best of 5 runs each, wall and CPU time (the CPU time is steadier when other work shares the
machine). When ``tests/validation_reference.py`` (the per-row implementation kept as
the equivalence tests' reference) is present, its ``check_data_dir`` is timed as "before" on the
same files, and the problems of both are compared.

Run: ``.venv/bin/python -m benchmarks validation`` (or ``-m benchmarks.validation``).
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from indicators import load
from indicators.paths import default_data_dir
from indicators.validate import check_data_dir

REFERENCE = Path(__file__).resolve().parent.parent / "tests" / "validation_reference.py"


def _best(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Return the shortest of ``repeat`` wall times and CPU times of ``fn()``, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def _reference() -> ModuleType | None:
    """Return the per-row reference implementation, or None when it is not in the tree."""
    if not REFERENCE.exists():
        return None
    spec = importlib.util.spec_from_file_location("validation_reference", REFERENCE)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("validation_reference", module)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Print the validation and load times on the shipped data, before and after, as a table."""
    data_dir = default_data_dir()
    checked = check_data_dir(data_dir)
    rows = len(checked.tables["values"]) + len(checked.tables["dependencies"])
    print(f"data: {data_dir} ({len(checked.tables['values'])} value rows, "
          f"{len(checked.tables['dependencies'])} dependency rows, "
          f"{len(checked.problems)} problems)")
    cases: list[tuple[str, tuple[float, float]]] = []
    reference = _reference()
    if reference is not None:
        old = reference.check_data_dir(data_dir)
        same = [str(p) for p in old.problems] == [str(p) for p in checked.problems]
        print(f"problems identical to the per-row reference: {same}")
        cases.append(("check_data_dir, per-row (before)",
                      _best(lambda: reference.check_data_dir(data_dir))))
    cases.append(("check_data_dir, columnar (now)", _best(lambda: check_data_dir(data_dir))))
    cases.append(("load (check + bundle)", _best(lambda: load(data_dir))))
    first = cases[0][1][0]
    print(f"{'case (best of 5)':<36}{'wall ms':>9}{'CPU ms':>9}{'rows/s':>12}{'× first':>9}")
    for name, (wall, cpu) in cases:
        print(f"{name:<36}{wall * 1e3:>9.1f}{cpu * 1e3:>9.1f}{rows / wall:>12,.0f}"
              f"{wall / first:>9.2f}")
    print("rows/s counts the value and dependency rows per second of wall time; on a busy "
          "machine compare the CPU column")


if __name__ == "__main__":
    main()
