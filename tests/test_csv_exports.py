"""Defect 5 of issue 15: every CSV the project emits neutralises formula-like text, never numbers.

The data carries country names a spreadsheet would run (OWASP's CSV injection examples); each
CLI export must print them with a leading ``'`` and leave every number a plain number.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from indicators.export import FORMULA_PREFIXES, neutralise_formulas, to_safe_csv

#: Names for AAA..DDD of the mini data: each starts with a formula character.
HOSTILE_NAMES = {"AAA": '=HYPERLINK("http://attacker.example","click")',
                 "BBB": "+cmd|' /C calc'!A0", "CCC": "@SUM(A1:A9)", "DDD": "-2+3"}


@pytest.fixture
def hostile(mini_copy: Path) -> Path:
    """Return a copy of the mini data whose country names are formulas."""
    countries = pd.read_csv(mini_copy / "countries.csv", dtype=str)
    countries["name"] = countries["iso3"].map(HOSTILE_NAMES)
    countries.to_csv(mini_copy / "countries.csv", index=False, lineterminator="\n")
    return mini_copy


def printed_csv(capsys, *args: str) -> list[dict[str, str]]:
    assert main(list(args)) == 0, capsys.readouterr().err
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def assert_safe(rows: list[dict[str, str]]) -> None:
    """Every name is neutralised; a cell starting with '-' elsewhere is a plain number."""
    if "name" in rows[0]:
        assert {row["name"] for row in rows} == {"'" + name for name in HOSTILE_NAMES.values()}
    for row in rows:
        for column, cell in row.items():
            if column in ("name", "iso3") or cell == "":
                continue
            if cell.startswith(FORMULA_PREFIXES):  # only a number may start with '-'
                assert cell.startswith("-") and not math.isnan(float(cell)), (column, cell)


@pytest.mark.parametrize("args", [
    ("score",),
    ("scenario", "--preset", "autarky"),
    ("robustness", "--seed", "1", "--runs", "50"),
])
def test_cli_csv_is_neutralised(capsys, hostile: Path, args: tuple[str, ...]) -> None:
    rows = printed_csv(capsys, *args, "--data-dir", str(hostile), "--format", "csv")
    assert len(rows) == len(HOSTILE_NAMES)
    assert_safe(rows)


def test_negative_numbers_stay_numbers(capsys, hostile: Path) -> None:
    """Sensitivity indices can be negative (sampling noise): they print as numbers, no quote."""
    rows = printed_csv(capsys, "sensitivity", "--seed", "1", "--data-dir", str(hostile),
                       "--format", "csv")
    negatives = [row["first_order"] for row in rows if row["first_order"].startswith("-")]
    assert negatives, "the fixture gives a negative first-order estimate"
    assert all(float(cell) < 0 for cell in negatives)
    assert_safe(rows)


def test_json_is_not_altered(capsys, hostile: Path) -> None:
    """Neutralising is for spreadsheets: the JSON output keeps the names as they are."""
    import json

    assert main(["score", "--data-dir", str(hostile), "--format", "json"]) == 0
    names = {row["name"] for row in json.loads(capsys.readouterr().out)["rows"]}
    assert names == set(HOSTILE_NAMES.values())


def test_every_prefix_and_only_text() -> None:
    frame = pd.DataFrame({"text": ["=1", "+1", "-1", "@1", "\t=1", "\r=1", "a=1", None],
                          "number": [-1.5, 2.0, -3.0, 4.0, -5.0, 6.0, 7.0, -8.0],
                          "=header": ["x"] * 8})
    out = neutralise_formulas(frame)
    assert out["text"].tolist()[:7] == ["'=1", "'+1", "'-1", "'@1", "'\t=1", "'\r=1", "a=1"]
    assert out["text"].isna().tolist()[7]
    assert out["number"].tolist() == frame["number"].tolist()
    assert list(out.columns) == ["text", "number", "'=header"]
    assert frame["text"][0] == "=1"  # the argument is not mutated
    lines = to_safe_csv(frame, float_format="%.1f").splitlines()
    assert lines[1] == "'=1,-1.5,x"
