"""Broken data directories and odd CSV bytes whose validation outcome the equivalence test
freezes: every problem as printed (file, line, column, message, order), the data version and a
fingerprint of every typed table.

The outcomes were recorded with the per-row validator that the columnar one replaced (the
frozen copy once kept as tests/validation_reference.py, retired in issue 10): the columnar
validator must keep reporting exactly what it did. Each case breaks a copy of the mini fixture
(or of the frozen shipped data) in a way people do.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

TESTS = Path(__file__).resolve().parents[1]
MINI = TESTS / "fixtures" / "mini"
GOLDEN_DATA = TESTS / "fixtures" / "golden" / "data"
CheckFunction = Callable[..., Any]


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    """Return an edit that replaces the first ``old`` by ``new`` in ``file``."""
    def edit(data_dir: Path) -> None:
        path = data_dir / file
        text = path.read_bytes().decode("utf-8")
        assert old in text, f"{file} no longer contains {old!r}"
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
    return edit


def write(file: str, content: bytes) -> Callable[[Path], None]:
    """Return an edit that writes ``content`` as ``file``."""
    def edit(data_dir: Path) -> None:
        (data_dir / file).write_bytes(content)
    return edit


def to_bom_crlf(file: str) -> Callable[[Path], None]:
    """Return an edit that saves ``file`` as Excel does: BOM and CRLF line ends."""
    def edit(data_dir: Path) -> None:
        path = data_dir / file
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    return edit


VALUES = "values/main.csv"
MORE = "values/more.csv"
DEPS = "dependencies.csv"
ROW = "AAA,d1,2024,10,fixture,"

CASES: dict[str, list[Callable[[Path], None]]] = {
    "untouched": [],
    **{f"value {text!r}": [replace(VALUES, ROW, f"AAA,d1,2024,{text},fixture,")]
       for text in ["nan", "NaN", "inf", "-inf", "Infinity", "", " 12 ", "1e3", "abc", "1_000",
                    '"1,234"', '"1,2,3"', "0x10", "-0", "1.5e-300"]},
    **{f"year {text!r}": [replace(VALUES, ROW, f"AAA,d1,{text},10,fixture,")]
       for text in ["2024.5", "2024.0", "20x4", "", "nan", "inf", "2.024e3", '"2,024"']},
    "unknown keys": [replace(VALUES, ROW, "QQQ,zz,2024,10,nowhere,")],
    "empty keys": [replace(VALUES, ROW, ",,2024,10,,note")],
    "everything wrong in a row": [replace(VALUES, ROW, " ,nope,year,value,?,")],
    "duplicate within a file": [replace(VALUES, "BBB,d1,2024,20", "AAA,d1,2024,20")],
    "duplicate across files": [replace(MORE, "BBB,i1,2024,200", "AAA,d1,2024.0,200")],
    "duplicate of a broken row": [replace(VALUES, ROW, "QQQ,d1,2024,10,fixture,"),
                                  replace(VALUES, "BBB,d1,2024,20", "QQQ,d1,2024,20")],
    "negative under log": [replace(VALUES, "BBB,c1,2024,10,", "BBB,c1,2024,-10,")],
    "field counts and blanks": [replace(VALUES, ROW, f"{ROW}\n\n   \n,,,,,\nAAA,d1\n"
                                        "x,y,z,1,2,3,4\n \t ,  ,\n")],
    "quoted fields and a line break in a note": [
        replace(VALUES, ROW, '"AAA","d1","2024","10","fixture","two\nlines, one ""note"""')],
    "unterminated quote": [replace(VALUES, ROW, 'AAA,d1,2024,10,fixture,"open')],
    "text after a closing quote": [replace(VALUES, ROW, 'AAA,d1,2024,"10"x,fixture,')],
    # "NUL far into the file" was read as rows before; issue 15 makes it "binary" on purpose
    # (tests/updates/test_bounds.py), so the old implementation is no reference for it.
    "BOM and CRLF": [to_bom_crlf(VALUES), to_bom_crlf(DEPS)],
    "BOM, CRLF and a broken cell": [to_bom_crlf(VALUES),
                                    replace(VALUES, "AAA,d1,2024,10", "AAA,d1,2024,x")],
    "extra and moved columns": [write(MORE, b"note,extra,value,year,indicator,iso3,source_id\n"
                                      b",x,100,2024,i1,AAA,fixture\n,y,oops,2024,i1,BBB,fixture\n")],
    "repeated column": [write(MORE, b"iso3,indicator,year,value,source_id,note,value\n"
                              b"AAA,i1,2024,100,fixture,,7\n")],
    "header only": [write(MORE, b"iso3,indicator,year,value,source_id,note\n")],
    "no line break at the end": [write(MORE, b"iso3,indicator,year,value,source_id,note\n"
                                       b"AAA,i1,2024,100,fixture,x")],
    "blank lines at the end": [write(MORE, b"iso3,indicator,year,value,source_id,note\n"
                                     b"AAA,i1,2024,100,fixture,x\n\n\n")],
    "unicode spaces around cells": [replace(VALUES, ROW, "\u00a0AAA,d1\u3000,2024,\t10,fixture"
                                            ",\x85")],
    "one-column file": [write("pillars.csv", b"pillar\ndata\n\n compute\n")],
    "empty values file": [write(MORE, b"")],
    "semicolons": [write(MORE, b"iso3;indicator;year;value;source_id;note\nAAA;i1;2024;1;f;\n")],
    "latin-1": [write(MORE, "iso3,indicator,year,value,source_id,note\nAAA,i1,2024,1,fixture,é\n"
                      .encode("latin-1"))],
    "missing column": [write(MORE, b"iso3,indicator,year,source_id,note\nAAA,i1,2024,x,\n")],
    "only values file unreadable": [write(VALUES, b"\0\0"), write(MORE, b"")],
    "share outside [0, 1]": [replace(DEPS, "chips,BBB,2024,0.6", "chips,BBB,2024,1.5")],
    "share sum above 1": [replace(DEPS, "chips,BBB,2024,0.6", "chips,BBB,2024,0.7")],
    "share sum at the tolerance": [replace(DEPS, "BBB,2024,0.6", "BBB,2024,0.6000001")],
    "share sum past the tolerance": [replace(DEPS, "BBB,2024,0.6", "BBB,2024,0.600002")],
    "shares not numbers": [replace(DEPS, "chips,BBB,2024,0.6", "chips,BBB,2024,nan"),
                           replace(DEPS, "chips,AAA,2024,0.4", "chips,AAA,2024,-inf")],
    "dependency keys wrong": [replace(DEPS, "AAA,chips,BBB,2024", "QQQ,Chips,ZZZ,20.5")],
    "empty layer": [replace(DEPS, "AAA,chips,BBB", "AAA,,BBB")],
    "repeated unknown supplier": [
        replace(DEPS, "AAA,chips,BBB,2024,0.6", "AAA,chips,QQQ,2024,0.1\nAAA,chips,QQQ,2024,0.2")],
    "dependencies header only": [write(DEPS, b"iso3,layer,supplier,year,share,source_id,note\n")],
    "dependencies missing": [lambda d: (d / DEPS).unlink()],
    "values directory empty": [lambda d: shutil.rmtree(d / "values"),
                               lambda d: (d / "values").mkdir()],
}


#: The cases that break no rule (the rest must report at least one problem).
ACCEPTED = {"untouched", "value ' 12 '", "value '1e3'", "value '1_000'", "value '-0'",
            "value '1.5e-300'", "year '2024.0'", "year '2.024e3'", "BOM and CRLF",
            "quoted fields and a line break in a note", "header only", "blank lines at the end",
            "no line break at the end", "unicode spaces around cells", "share sum at the tolerance"}


#: Cell texts that people type or that spreadsheets write.
TOKENS = ["", " ", "nan", "inf", "-1", "0", "1", "1.5", "2024", "1e3", "1,5", "AAA", "ZZZ", "d1",
          "chips", "CHIPS", "fixture", " AAA ", '"x,y"', '"a""b"', "é", "2024.5", "-0.0",
          "\u00a0AAA", "AAA\x1c", "\u3000d1", "fixture\x85", "1\t", "\x0c2024", "\u2028"]




def random_edits(seed: int) -> Callable[[Path], None]:
    """Return 1–6 random cell edits (or repeated rows) of the mini copy, the same for a seed."""
    def edit(data_dir: Path) -> None:
        rng = random.Random(seed)
        for _ in range(rng.randint(1, 6)):
            path = data_dir / rng.choice([VALUES, MORE, DEPS])
            lines = path.read_text(encoding="utf-8").split("\n")
            rows = [i for i in range(1, len(lines)) if lines[i]]
            if not rows:
                continue
            i = rng.choice(rows)
            cells = lines[i].split(",")
            if rng.random() < 0.15:
                lines.insert(i, lines[i])  # a repeated row
            else:
                cells[rng.randrange(len(cells))] = rng.choice(TOKENS)
                lines[i] = ",".join(cells)
            path.write_text("\n".join(lines), encoding="utf-8")
    return edit


RANDOM_SEEDS = range(25)

#: Cells of the frozen shipped data to break: (file, line, column index, new text).
SHIPPED_EDITS = [
    ("values/compute.csv", 5, 3, "nan"), ("values/compute.csv", 9, 2, "2021.5"),
    ("values/models.csv", 3, 0, "XXX"), ("values/data.csv", 40, 3, "1,234"),
    ("values/industry.csv", 7, 4, ""), ("dependencies.csv", 2, 4, "1.5"),
    ("dependencies.csv", 3, 1, "Cloud"), ("dependencies.csv", 4, 2, "QQQ"),
    ("dependencies.csv", 6, 4, "0.99"),
]


def break_shipped(data_dir: Path) -> None:
    """Apply SHIPPED_EDITS and repeat one (iso3, indicator, year) of values/context.csv."""
    for file, line, column, text in SHIPPED_EDITS:
        path = data_dir / file
        lines = path.read_text(encoding="utf-8").split("\n")
        cells = lines[line - 1].split(",")
        cells[column] = f'"{text}"' if "," in text else text
        lines[line - 1] = ",".join(cells)
        path.write_text("\n".join(lines), encoding="utf-8")
    with (data_dir / "values/context.csv").open("a", encoding="utf-8") as out:
        out.write((data_dir / "values/context.csv").read_text(encoding="utf-8").split("\n")[1]
                  + "\n")


#: The upload preview's overrides: proposed files read through the same validation.
PROPOSED = {MORE: b"iso3,indicator,year,value,source_id,note\n"
                  b"AAA,i1,2024,1e400,fixture,\nAAA,i1,2024,1,fixture,\n",
            "notes.csv": b"x\n"}

#: Raw bytes for read_table (used by the update diffs), required column "a".
RAW_TABLES = [
    b"a,b\n1,2\n", b"a,b\r\n 1 , 2 \r\n\r\n,\r\n3\r\n4,5,6\r\n\"x\ny\",z\n",
    b"\xef\xbb\xbfa,b\n1,\"2\n",
    b"a,b\n", b"a,a,b\n1,2,3\n", b"a,b\n  \n,,\n1,2", b"a;b\n1;2", b"a\n\n\n1\n \n2\n\n",
    b"a,b\n1,2\n3,\"4\"x\n5,6", b"a,b\n1,2\n\n", b"a,b\n1,2\n3,4\x00",
    b"a,b\n\xc2\xa01,2\xe2\x80\xa8",
    b"a\n" + b"x" * 200_000 + b"\n1\n",
]


def directory_cases() -> Iterator[tuple[str, Path, list[Callable[[Path], None]],
                                        dict[str, bytes] | None]]:
    """Yield (case name, source directory, edits, overrides) of every data-directory case."""
    for name, edits in CASES.items():
        yield name, MINI, edits, None
    for seed in RANDOM_SEEDS:
        yield f"random edits {seed}", MINI, [random_edits(seed)], None
    yield "proposed edit", MINI, [], PROPOSED
    yield "broken copy of the shipped data", GOLDEN_DATA, [break_shipped], None


def fingerprint(frame: pd.DataFrame) -> str:
    """Return what identifies a typed table, in one line: its row count, index, columns with
    their dtypes, and a digest of its cells written at full precision."""
    text = frame.to_csv(float_format="%.17g", lineterminator="\n")
    columns = ",".join(f"{c}:{t}" for c, t in zip(frame.columns, frame.dtypes, strict=True))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"{len(frame)} rows; index {frame.index.name}; {columns}; sha256 {digest}"


def directory_outcome(check: CheckFunction, source: Path, edits: list[Callable[[Path], None]],
                      overrides: dict[str, bytes] | None, workdir: Path) -> dict[str, Any]:
    """Return the problems as printed, the version and each table's fingerprint of one case,
    checked by ``check`` (a ``check_data_dir``) on a broken copy made in ``workdir``."""
    data_dir = workdir / "data"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    shutil.copytree(source, data_dir, ignore=shutil.ignore_patterns("*.md"))
    for edit in edits:
        edit(data_dir)
    checked = check(data_dir, overrides)
    return {"problems": [str(p) for p in checked.problems], "version": checked.version,
            "tables": {name: fingerprint(frame) for name, frame in sorted(checked.tables.items())}}


def reading_outcome(read: CheckFunction, raw: bytes) -> dict[str, Any]:
    """Return the header, rows and problems ``read`` (a ``read_table``) gives for ``raw``."""
    table, problems = read(raw, "f.csv", ("a",))
    return {"problems": [str(p) for p in problems],
            "table": None if table is None else {
                "header": list(table.header),
                "rows": [[line, [[k, _cell(v)] for k, v in sorted(cells.items())]]
                         for line, cells in table.rows]}}


def _cell(text: str) -> str:
    """Return a cell's text, or for a very long one its length and digest (to keep the record
    readable)."""
    if len(text) <= 200:
        return text
    return f"{len(text)} characters, sha256 {hashlib.sha256(text.encode('utf-8')).hexdigest()}"


def outcomes(check: CheckFunction, read: CheckFunction, workdir: Path) -> dict[str, Any]:
    """Return every case's outcome: {"directories": {case: …}, "reading": {case: …}}."""
    return {
        "directories": {name: directory_outcome(check, source, edits, overrides, workdir)
                        for name, source, edits, overrides in directory_cases()},
        "reading": {f"raw {i}": reading_outcome(read, raw) for i, raw in enumerate(RAW_TABLES)},
    }
