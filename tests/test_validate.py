"""One test per rule of the data contract: each broken copy names the file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import check_data_dir, load
from indicators.problems import DataError

REAL_DATA = Path(__file__).parent.parent / "data"


def edit(data_dir: Path, file: str, old: str, new: str) -> None:
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(data_dir: Path) -> list[str]:
    return [str(p) for p in check_data_dir(data_dir).errors]


# (file, old text, new text, expected "FILE:LINE: column:" prefix, words in the message)
RULES = [
    ("indicators.csv", "d1,Data one", "D-1,Data one", "indicators.csv:2: code:", "lower-case"),
    ("indicators.csv", "d2,Data two", "d1,Data two", "indicators.csv:3: code:", "already defined"),
    ("indicators.csv", "Data one,data,", "Data one,dat,", "indicators.csv:2: pillar:",
     "not a pillar"),
    ("indicators.csv", "Less is better", "x", "", ""),  # harmless edit: must stay valid
    ("indicators.csv", "%,-1,1,none", "%,-2,1,none", "indicators.csv:5: direction:",
     "expected 1"),
    ("indicators.csv", "count,1,2,none", "count,1,0,none", "indicators.csv:3: weight:",
     "weight > 0"),
    ("indicators.csv", "count,1,2,none", "count,1,heavy,none", "indicators.csv:3: weight:",
     "not a number"),
    ("indicators.csv", "1,1,log,population", "1,1,sqrt,population",
     "indicators.csv:4: transform:", "one of none, log, log_min"),
    ("indicators.csv", "log,population,chips", "log,gdp,chips", "indicators.csv:4: denominator:",
     "context indicator"),
    ("indicators.csv", "log,population,chips", "log,d1,chips", "indicators.csv:4: denominator:",
     "context indicator"),
    ("indicators.csv", "population,chips", "population,energy", "indicators.csv:4: layer:",
     "not a layer"),
    ("indicators.csv", "chips,fixture", "chips,nowhere", "indicators.csv:4: source_id:",
     "not in sources.csv"),
    ("pillars.csv", "data,Data,1", "data,Data,-1", "pillars.csv:2: weight:", "weight > 0"),
    ("pillars.csv", "models,Models,1", "modelz,Models,1", "pillars.csv:4: pillar:",
     "not a pillar"),
    ("countries.csv", "DDD,Country D", "dd,Country D", "countries.csv:5: iso3:", "alpha-3"),
    ("countries.csv", "DDD,Country D", "CCC,Country D", "countries.csv:5: iso3:",
     "already defined"),
    ("groups.csv", "Bloc,BBB", "Bloc,ZZZ", "groups.csv:3: iso3:", "not in countries.csv"),
    ("sources.csv", "2026-11-27", "27/11/2026", "sources.csv:2: accessed:", "YYYY-MM-DD"),
    ("values/main.csv", "AAA,d1,2024,10", "ZZZ,d1,2024,10", "values/main.csv:2: iso3:",
     "not in countries.csv"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,dx,2024,10", "values/main.csv:2: indicator:",
     "not in indicators.csv"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,d1,2024.5,10", "values/main.csv:2: year:",
     "whole number"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,d1,twenty,10", "values/main.csv:2: year:",
     "not a whole number"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,d1,1e300,10", "values/main.csv:2: year:",
     "not a plausible year"),
    ("dependencies.csv", "chips,BBB,2024,0.6", "chips,BBB,20244,0.6",
     "dependencies.csv:2: year:", "from 1900 to 2100"),
    ("values/main.csv", "AAA,d1,2024,10", 'AAA,d1,2024,"1,234"', "values/main.csv:2: value:",
     "thousands separator"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,d1,2024,n/a", "values/main.csv:2: value:",
     "not a number"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,d1,2024,inf", "values/main.csv:2: value:",
     "finite"),
    ("values/main.csv", "AAA,d1,2024,10", "AAA,d1,2024,", "values/main.csv:2: value:",
     "is empty"),
    ("values/main.csv", "AAA,d1,2024,10,fixture", "AAA,d1,2024,10,elsewhere",
     "values/main.csv:2: source_id:", "not in sources.csv"),
    ("values/main.csv", "BBB,d1,2024,20", "AAA,d1,2024,20", "values/main.csv:3: year:",
     "values/main.csv:2"),
    ("values/main.csv", "BBB,c1,2024,10", "BBB,c1,2024,-10", "values/main.csv:11: value:",
     "log-transformed"),
    ("dependencies.csv", "chips,BBB,2024,0.6", "chips,ZZZ,2024,0.6",
     "dependencies.csv:2: supplier:", "not in countries.csv"),
    ("dependencies.csv", "chips,BBB,2024,0.6", "chips,BBB,2024,1.5",
     "dependencies.csv:2: share:", "outside [0, 1]"),
    ("dependencies.csv", "chips,BBB,2024,0.6", "chips,BBB,2024,0.7",
     "dependencies.csv:2: share:", "sum to 1.1"),
    ("dependencies.csv", "AAA,chips,BBB", "QQQ,chips,BBB", "dependencies.csv:2: iso3:",
     "not in countries.csv"),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "words"), RULES,
                         ids=[f"{r[0]}:{r[4] or 'valid'}" for r in RULES])
def test_rule(mini_copy, file, old, new, where, words):
    edit(mini_copy, file, old, new)
    found = problems_of(mini_copy)
    if not where:
        assert found == []
        return
    assert any(p.startswith(where) and words in p for p in found), found


class TestFileShape:
    """Whole-file mistakes get one sentence that says what was expected."""

    def test_semicolons(self, mini_copy):
        path = mini_copy / "values" / "more.csv"
        path.write_text(path.read_text().replace(",", ";"))
        assert any("separated by semicolons" in p for p in problems_of(mini_copy))

    def test_empty_file(self, mini_copy):
        (mini_copy / "countries.csv").write_bytes(b"")
        found = problems_of(mini_copy)
        assert "countries.csv:1: -: the file is empty: expected a header row with the columns " \
               "iso3,name,region,income_group" in found

    def test_latin1(self, mini_copy):
        path = mini_copy / "countries.csv"
        path.write_bytes(path.read_bytes().replace(b"Country D", "Côte D".encode("latin-1")))
        assert any(p.startswith("countries.csv:5:") and "not UTF-8" in p
                   for p in problems_of(mini_copy))

    def test_binary(self, mini_copy):
        (mini_copy / "values" / "junk.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
        assert any(p.startswith("values/junk.csv:1:") and "binary" in p
                   for p in problems_of(mini_copy))

    def test_missing_column(self, mini_copy):
        path = mini_copy / "sources.csv"
        path.write_text(path.read_text().replace(",accessed", ",date"))
        assert any(p.startswith("sources.csv:1: accessed:") and "missing column" in p
                   for p in problems_of(mini_copy))

    def test_missing_file(self, mini_copy):
        (mini_copy / "groups.csv").unlink()
        assert any(p.startswith("groups.csv: -: the file is missing") for p in
                   problems_of(mini_copy))

    def test_wrong_field_count(self, mini_copy):
        edit(mini_copy, "values/main.csv", "AAA,d1,2024,10,fixture,", "AAA,d1,2024,10,fixture,a,b")
        assert any(p.startswith("values/main.csv:2: -: expected 6 fields") for p in
                   problems_of(mini_copy))

    def test_excel_bom_and_crlf_accepted(self, mini_copy):
        path = mini_copy / "values" / "main.csv"
        text = path.read_text()
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
        assert problems_of(mini_copy) == []

    def test_extra_columns_allowed(self, mini_copy):
        path = mini_copy / "countries.csv"
        lines = path.read_text().splitlines()
        path.write_text("\n".join([lines[0] + ",comment"] + [ln + ",x" for ln in lines[1:]]))
        assert problems_of(mini_copy) == []

    def test_all_problems_reported_at_once(self, mini_copy):
        edit(mini_copy, "values/main.csv", "AAA,d1,2024,10", "AAA,d1,2024,n/a")
        edit(mini_copy, "countries.csv", "DDD,Country D", "dd,Country D")
        edit(mini_copy, "pillars.csv", "data,Data,1", "data,Data,0")
        assert len(problems_of(mini_copy)) >= 3


class TestLoad:
    """Loading refuses invalid data and keeps warnings for valid data."""

    def test_load_raises_with_every_problem(self, mini_copy):
        edit(mini_copy, "values/main.csv", "AAA,d1,2024,10", "AAA,d1,2024,n/a")
        with pytest.raises(DataError) as info:
            load(mini_copy)
        assert "values/main.csv:2: value:" in str(info.value)

    def test_warnings_for_stale_only_series(self, mini_dir):
        warnings = [str(w) for w in load(mini_dir).warnings]
        assert any("m2: 1 countries have observations only before 2021" in w for w in warnings)

    def test_constant_indicator_warned(self, mini_copy):
        for iso3, old in (("AAA", "1"), ("BBB", "2"), ("CCC", "3"), ("DDD", "4")):
            edit(mini_copy, "values/main.csv", f"{iso3},m1,2024,{old}", f"{iso3},m1,2024,7")
        warnings = [str(w) for w in load(mini_copy).warnings]
        assert any("m1: every country has the same value" in w for w in warnings)


def test_shipped_data_is_valid():
    """The committed data/ passes every rule."""
    checked = check_data_dir(REAL_DATA)
    assert [str(p) for p in checked.errors] == []
