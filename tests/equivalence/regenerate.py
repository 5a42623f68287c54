"""Record the outputs the equivalence test compares against (tests/equivalence/expected/).

Run it only when a number is meant to change (an issue asks for it), and say so in the commit:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python tests/equivalence/regenerate.py [DATASET ...]
    OPENBLAS_NUM_THREADS=1 .venv/bin/python tests/equivalence/regenerate.py validation

With no argument every data set of ``golden_cases.DATASETS`` and the validation cases are
recorded again; the files of a case that no longer exists are removed. ``validation`` records
only the validation outcomes (re-record them only when a validation rule is meant to change).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden_cases as g
import validation_cases as v

#: Where the validation outcomes are recorded (see validation_cases.py).
VALIDATION = g.EXPECTED / "validation.json"


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


def regenerate_validation() -> int:
    """Record every validation case's outcome with today's validator; return the case count."""
    from indicators.csvio import read_table
    from indicators.validate import check_data_dir

    with tempfile.TemporaryDirectory() as workdir:
        recorded = v.outcomes(check_data_dir, read_table, Path(workdir))
    _write(VALIDATION, json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    return len(recorded["directories"]) + len(recorded["reading"])


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    chosen = sys.argv[1:] or [*g.DATASETS, "validation"]
    unknown = [d for d in chosen if d not in g.DATASETS and d != "validation"]
    if unknown:
        sys.exit(f"unknown data set(s) {', '.join(unknown)}: expected "
                 f"{', '.join(g.DATASETS)} or validation")
    for name in chosen:
        if name == "validation":
            print(f"validation: {regenerate_validation()} cases")
        else:
            print(f"{name}: {regenerate(name)} files")
