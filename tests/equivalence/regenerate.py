"""Record the outputs the equivalence test compares against (tests/equivalence/expected/).

Run it only when a number is meant to change (an issue asks for it), and say so in the commit:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python tests/equivalence/regenerate.py [DATASET ...]

With no argument every data set of ``golden_cases.DATASETS`` is recorded again; the files of a
case that no longer exists are removed.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden_cases as g


def regenerate(dataset: str) -> int:
    """Write every case of ``dataset``; return how many files were written."""
    written: set[Path] = set()
    for case, argv in g.cli_cases(dataset).items():
        written.add(_write(g.expected_path(dataset, "cli", case), g.run_cli(argv)))
    for case, make in g.precise_cases(dataset):
        written.add(_write(g.expected_path(dataset, "precise", case), g.to_csv(make())))
    for stale in (g.EXPECTED / dataset).rglob("*.csv"):
        if stale not in written:
            stale.unlink()
    return len(written)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(g.DATASETS)
    unknown = [d for d in chosen if d not in g.DATASETS]
    if unknown:
        sys.exit(f"unknown data set(s) {', '.join(unknown)}: expected {', '.join(g.DATASETS)}")
    for name in chosen:
        print(f"{name}: {regenerate(name)} files")
