"""Every recorded output is still produced: the scoring refactor (issue 10) changes no number.

The expected files were recorded by ``regenerate.py`` before the refactor, on a frozen copy of
data/ and on every fixture data directory (see golden_cases.py for what is recorded and why).
Only recorded columns are compared, so new columns are welcome; a changed value, a moved row or
a lost column fails. If an issue asks for a number to change, re-record with regenerate.py and
say why in the commit.
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import golden_cases as g

#: Largest difference allowed in the precise layer, relative to max(1, |expected|).
TOLERANCE = 1e-12


def _read(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def differences(expected: str, actual: str, tolerance: float | None) -> list[str]:
    """Return what differs between two CSV texts on the expected file's columns.

    ``tolerance`` None compares cells as text; a number compares cells that both parse as
    floats to within tolerance × max(1, |expected|), and the others as text.
    """
    old, new = _read(expected), _read(actual)
    problems = [f"column {c!r} is missing" for c in old.columns if c not in new.columns]
    if len(old) != len(new):
        problems.append(f"{len(new)} rows instead of {len(old)}")
    if problems:
        return problems
    for column in old.columns:
        for row, (a, b) in enumerate(zip(old[column], new[column], strict=True)):
            if not _same(a, b, tolerance):
                problems.append(f"row {row + 2}, column {column!r}: expected {a!r}, got {b!r}")
    return problems


def _same(expected: str, actual: str, tolerance: float | None) -> bool:
    if expected == actual:
        return True
    if tolerance is None:
        return False
    try:
        a, b = float(expected), float(actual)
    except ValueError:
        return False
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tolerance * max(1.0, abs(a))


def _report(dataset: str, layer: str, case: str, problems: list[str]) -> str:
    shown = "\n  ".join(problems[:15])
    more = f"\n  … and {len(problems) - 15} more" if len(problems) > 15 else ""
    return (f"{dataset}/{layer}/{case}: {len(problems)} difference(s) from the recorded output "
            f"(re-record with tests/equivalence/regenerate.py only if an issue asks for the "
            f"change):\n  {shown}{more}")


CLI_CASES = [(d, case) for d in g.DATASETS for case in g.cli_cases(d)]


@pytest.mark.parametrize(("dataset", "case"), CLI_CASES, ids=[f"{d}-{c}" for d, c in CLI_CASES])
def test_command_output_unchanged(dataset: str, case: str) -> None:
    expected = g.expected_path(dataset, "cli", case).read_text(encoding="utf-8")
    actual = g.run_cli(g.cli_cases(dataset)[case])
    problems = differences(expected, actual, tolerance=None)
    assert not problems, _report(dataset, "cli", case, problems)


@pytest.mark.parametrize("dataset", list(g.DATASETS))
def test_every_stage_unchanged(dataset: str) -> None:
    failures = []
    recorded = {p.stem for p in (g.EXPECTED / dataset / "precise").glob("*.csv")}
    produced = set()
    for case, make in g.precise_cases(dataset):
        produced.add(case)
        path = g.expected_path(dataset, "precise", case)
        if not path.is_file():
            failures.append(f"{dataset}/precise/{case}: no recorded output")
            continue
        problems = differences(path.read_text(encoding="utf-8"), g.to_csv(make()), TOLERANCE)
        if problems:
            failures.append(_report(dataset, "precise", case, problems))
    failures += [f"{dataset}/precise/{case}: recorded but no longer produced"
                 for case in sorted(recorded - produced)]
    assert not failures, "\n".join(failures)


def test_every_case_was_recorded() -> None:
    missing = [f"{d}/cli/{c}" for d, c in CLI_CASES if not g.expected_path(d, "cli", c).is_file()]
    assert not missing, f"no recorded output for {missing}: run tests/equivalence/regenerate.py"


def test_the_comparison_catches_a_change() -> None:
    """The comparison itself: an added column passes; a changed value, row or column fails."""
    recorded = "iso3,overall,rank\nAAA,50.0000,1\nBBB,,2\n"
    assert differences(recorded, "iso3,overall,rank,new\nAAA,50.0000,1,x\nBBB,,2,y\n", None) == []
    assert differences(recorded, "iso3,overall,rank\nAAA,50.0001,1\nBBB,,2\n", None)
    assert differences(recorded, "iso3,overall,rank\nAAA,50.0000,1\nBBB,0.0000,2\n", None)
    assert differences(recorded, "iso3,rank\nAAA,1\nBBB,2\n", None)
    assert differences(recorded, "iso3,overall,rank\nBBB,,2\nAAA,50.0000,1\n", None)
    assert differences(recorded, "iso3,overall,rank\nAAA,50.0000,1\n", None)
    precise = "x\n50.0000000000000\n"
    assert differences(precise, "x\n50.00000000000001\n", TOLERANCE) == []
    assert differences(precise, "x\n50.000000001\n", TOLERANCE)
    assert differences(precise, "x\n\n", TOLERANCE)


def test_every_fixture_data_directory_is_recorded() -> None:
    """A data directory added under tests/ joins the equivalence cases (golden_cases.DATASETS)."""
    found = {p.parent.resolve() for p in g.TESTS.rglob("countries.csv")}
    recorded = {d.resolve() for d in g.DATASETS.values()}
    missing = sorted(str(d.relative_to(g.TESTS)) for d in found - recorded)
    assert not missing, (f"{missing}: add to DATASETS in tests/equivalence/golden_cases.py and "
                         "record with regenerate.py")
