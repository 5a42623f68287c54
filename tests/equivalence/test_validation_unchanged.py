"""The validator reports what it reported before, case by case (see validation_cases.py).

Each broken copy must give the same problems, as printed and in order, the same data version
and the same typed tables; ``read_table`` the same rows and problems. If a validation rule is
meant to change, re-record with ``regenerate.py validation`` and say why in the commit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import validation_cases as v

from indicators.csvio import read_table
from indicators.validate import check_data_dir

RECORDED = json.loads((Path(__file__).resolve().parent / "expected" / "validation.json")
                      .read_text(encoding="utf-8"))
DIRECTORY_CASES = {name: (source, edits, overrides)
                   for name, source, edits, overrides in v.directory_cases()}


@pytest.mark.parametrize("name", list(DIRECTORY_CASES))
def test_directory_reports_as_before(tmp_path, name):
    outcome = v.directory_outcome(check_data_dir, *DIRECTORY_CASES[name], tmp_path)
    expected = RECORDED["directories"][name]
    assert outcome["problems"] == expected["problems"]
    assert outcome["version"] == expected["version"]
    assert outcome["tables"] == expected["tables"]
    if name in v.CASES:  # the hand-written cases say whether a rule is broken at all
        assert bool(outcome["problems"]) == (name not in v.ACCEPTED)


@pytest.mark.parametrize("i", range(len(v.RAW_TABLES)))
def test_reading_is_as_before(i):
    assert v.reading_outcome(read_table, v.RAW_TABLES[i]) == RECORDED["reading"][f"raw {i}"]


def test_every_case_is_recorded():
    assert set(RECORDED["directories"]) == set(DIRECTORY_CASES)
    assert len(RECORDED["reading"]) == len(v.RAW_TABLES)
    assert len(RECORDED["directories"]["broken copy of the shipped data"]["problems"]) >= 9
