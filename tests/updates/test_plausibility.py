"""The preview names an edited value off by orders of magnitude (audit 3 B15). Hand-made."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.updates.apply import preview
from indicators.updates.diff import diff_rows
from indicators.updates.plausibility import implausible_notes

HEADER = b"iso3,indicator,year,value,source_id,note\n"


def _values(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["iso3", "indicator", "year", "value"])


def _diff(before: bytes, after: bytes):
    return diff_rows("values/main.csv", HEADER + before, HEADER + after)


def test_a_value_far_above_every_other_country_is_named() -> None:
    diff = _diff(b"KOR,rmax,2026,6,s,\n", b"KOR,rmax,2026,1000,s,\n")
    after = _values([("KOR", "rmax", 2026, 1000.0), ("USA", "rmax", 2026, 7.0),
                     ("JPN", "rmax", 2026, 2.0)])
    # 1000 / 7 = 142.9 ≥ 100: named with the largest other country
    assert implausible_notes(diff, after) == [
        "KOR rmax 2026 = 1000 is 143 × the largest other country's (USA, 7): check the unit"]


def test_a_value_far_from_the_countrys_own_last_year_is_named() -> None:
    diff = _diff(b"", b"JPN,rmax,2026,0.005,s,\n")  # an added row: 1/400 of 2025's 2
    after = _values([("JPN", "rmax", 2025, 2.0), ("JPN", "rmax", 2026, 0.005),
                     ("USA", "rmax", 2026, 7.0)])
    assert implausible_notes(diff, after) == [
        "JPN rmax 2026 = 0.005 is 1/400 of its 2025 value (2): check the unit"]


def test_ordinary_edits_and_other_files_say_nothing() -> None:
    diff = _diff(b"KOR,rmax,2026,6,s,\n", b"KOR,rmax,2026,60,s,\n")  # ×10 and below ×100
    after = _values([("KOR", "rmax", 2025, 5.0), ("KOR", "rmax", 2026, 60.0),
                     ("USA", "rmax", 2026, 7.0)])
    assert implausible_notes(diff, after) == []
    other = diff_rows("countries.csv", b"iso3,name,region,income_group\nKOR,K,R,H\n",
                      b"iso3,name,region,income_group\nKOR,Korea,R,H\n")
    assert implausible_notes(other, after) == []


def test_preview_carries_the_note(mini_copy: Path) -> None:
    path = mini_copy / "values" / "main.csv"
    text = path.read_text()
    assert "AAA,d1,2024,10," in text
    content = text.replace("AAA,d1,2024,10,", "AAA,d1,2024,1000000,").encode()
    result = preview(mini_copy, "values/main.csv", content)
    assert any(n.startswith("AAA d1 2024 = 1e+06 is ") and "check the unit" in n
               for n in result.notes), result.notes
