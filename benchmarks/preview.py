"""Benchmark: the preview of hostile uploads stays bounded by the input (issue 15, defect 2).

Each upload targets ``values/compute.csv`` of the shipped data: 10,000 extra header columns
(0.1 MB here; the issue's 59 KB file took 42 s and 1.6 GB before the column limit), 3.4 MB of
blank lines (7.5 s and 380 MB before), and 5,000 rows with unknown codes and a non-number.
Prints the best wall and CPU time of 3 runs and the peak Python memory (tracemalloc, a separate
run) of ``preview``.

Run: ``.venv/bin/python -m benchmarks preview``.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from indicators.paths import default_data_dir
from indicators.updates import preview

TARGET = "values/compute.csv"


def hostile_uploads(current: bytes) -> dict[str, bytes]:
    """Return the uploads by name, built from the current file's bytes."""
    header, *rows = current.split(b"\n")
    extra = b"," + b",".join(b"x%d" % i for i in range(10_000))
    few = rows[:5]
    return {
        "10,000 extra columns": b"\n".join([header + extra, *(r + b"," * 10_000 for r in few)]),
        "3.4 MB of blank lines": current + b"\n" * 3_400_000,
        "5,000 bad rows": b"\n".join([header, *rows, *(b"ZZZ,x,%d,ten,s," % (1000 + i)
                                                      for i in range(5_000))]) + b"\n",
    }


def _best(fn: Callable[[], object], repeat: int = 3) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    """Print one line per hostile upload: size, wall, CPU, peak memory and the first problem."""
    data_dir = default_data_dir()
    current = (data_dir / TARGET).read_bytes()
    print(f"preview of {TARGET} in {data_dir} (best of 3; peak memory from one more run)")
    for name, content in hostile_uploads(current).items():
        wall, cpu = _best(lambda content=content: preview(data_dir, TARGET, content))
        tracemalloc.start()
        result = preview(data_dir, TARGET, content)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        first = str(result.errors[0]) if result.errors else "valid"
        print(f"  {name:<22} {len(content) / 2**20:6.2f} MB  wall {wall:6.2f} s  cpu {cpu:6.2f} s"
              f"  peak {peak / 2**20:6.0f} MB  {result.error_count} problem(s): {first[:70]}")


if __name__ == "__main__":
    main()
