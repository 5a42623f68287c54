"""Reading contract CSVs strictly: UTF-8 (BOM allowed), comma-separated, each row with its line."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
import numpy.typing as npt

from indicators.problems import Problem

#: Delimiters people's spreadsheets write by mistake, with the name we tell them.
_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}
#: Columns a file may have at most (the contract's files have at most 10; extra ones are
#: allowed up to this, so a header of thousands of columns cannot make the checks slow).
MAX_COLUMNS = 200
#: Byte-order marks of UTF-16 and UTF-32 text, which spreadsheets write for "Unicode text".
_WIDE_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32",
              b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}


@dataclass(frozen=True)
class Table:
    """Rows of one CSV file as text, each with its spreadsheet line (header = 1)."""

    file: str
    header: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@dataclass(frozen=True)
class Columns:
    """Cells of one CSV file as stripped text, column by column, with each row's line.

    ``lines[i]`` is the spreadsheet line (header = 1) of the i-th kept row and ``cells[name][i]``
    its text in the column ``name`` (object arrays of str; a repeated column name keeps the last).
    """

    file: str
    header: tuple[str, ...]
    lines: npt.NDArray[np.int64]
    cells: dict[str, npt.NDArray[np.object_]]

    def __len__(self) -> int:
        """Return the number of rows."""
        return len(self.lines)

    def rows(self) -> list[tuple[int, dict[str, str]]]:
        """Return the rows one by one, each as (line, {column: text})."""
        names = list(self.cells)
        columns = [self.cells[name].tolist() for name in names]
        return [(line, dict(zip(names, values, strict=True)))
                for line, values in zip(self.lines.tolist(), zip(*columns, strict=True),
                                        strict=True)] if names else []


def read_table(
    raw: bytes, file: str, required: Sequence[str]
) -> tuple[Table | None, list[Problem]]:
    """Return the parsed table (or None when unreadable) and the problems met while reading."""
    columns, problems = read_columns(raw, file, required)
    if columns is None:
        return None, problems
    return Table(file, columns.header, columns.rows()), problems


def read_columns(
    raw: bytes, file: str, required: Sequence[str]
) -> tuple[Columns | None, list[Problem]]:
    """Return the file's cells column by column (or None when unreadable) and the problems met.

    The same reading as :func:`read_table`: one line per CSV record (a quoted line break stays in
    its record), blank records skipped but counted, records with the wrong number of fields
    reported and left out, every cell stripped of surrounding whitespace.
    """
    text, problem = _decode(raw, file)
    if problem is not None:
        return None, [problem]
    assert text is not None
    if not text.strip():
        return None, [
            Problem(file, 1, "", "the file is empty: expected a header row with the columns "
                    + ",".join(required))
        ]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = tuple(h.strip() for h in next(reader))
    except csv.Error as exc:
        return None, [Problem(file, 1, "", f"the header row cannot be read as CSV ({exc})")]
    problems: list[Problem] = []
    if len(header) > MAX_COLUMNS:
        return None, [Problem(file, 1, "", f"the header has {len(header)} columns: at most "
                              f"{MAX_COLUMNS} are allowed (the contract needs "
                              f"{len(required)}: {','.join(required)})")]
    missing = [c for c in required if c not in header]
    if missing:
        delimiter = _guess_other_delimiter(header)
        if delimiter is not None:
            return None, [
                Problem(file, 1, "", f"the file is separated by {delimiter} but must be "
                        "comma-separated (in a spreadsheet: save as 'CSV UTF-8 (comma delimited)')")
            ]
        problems.append(
            Problem(file, 1, ",".join(missing),
                    f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}: "
                    f"the header must name {','.join(required)} (extra columns are allowed)")
        )
        return None, problems
    duplicated = sorted(name for name, n in Counter(header).items() if n > 1 and name)
    for name in duplicated:
        problems.append(Problem(file, 1, name, f"column {name!r} appears more than once"))
    width = len(header)
    grid = _grid(text, width)
    if grid is not None:
        columns, lines = grid
        texts = [_stripped(column, len(lines)) for column in columns]
    else:
        lines, texts = _read_records(reader, file, width, problems)
    filled = np.ones(len(lines), dtype=bool)
    if texts:  # a blank row has every cell empty, the first one too: look only at those
        maybe = np.flatnonzero(texts[0] == "")
        filled[maybe] = [any(column[i] for column in texts) for i in maybe.tolist()]
    if not filled.all():  # rows whose every cell is blank carry nothing
        texts = [column[filled] for column in texts]
        lines = lines[filled]
    cells = dict(zip(header, texts, strict=True))
    return Columns(file, header, lines, cells), problems


def _grid(text: str, width: int) -> tuple[list[list[str]], npt.NDArray[np.int64]] | None:
    """Return the columns of the records after the header (not yet stripped), and their lines.

    Only for the plain case, where it is exactly what the csv reader would read, only faster:
    no quotes, no NUL character, no over-long line, and ``width`` fields on every line that is
    not empty (empty lines are skipped, as the reader skips them, but counted). Anything else
    returns None and goes through the csv reader.
    """
    if '"' in text or "\0" in text:
        return None
    lines = text.split("\n")[1:]
    if lines and not lines[-1]:
        lines.pop()  # the line break that ends the last record
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=len(lines))
    if lengths.size and lengths.max() >= csv.field_size_limit():
        return None
    filled = lengths > 0
    if not filled.all():
        lines = np.asarray(lines, dtype=object)[filled].tolist()
    commas = np.fromiter(map(str.count, lines, repeat(",")), dtype=np.int64, count=len(lines))
    if (commas != width - 1).any():
        return None
    flat = ",".join(lines).split(",") if lines else []
    return [flat[j::width] for j in range(width)], np.flatnonzero(filled).astype(np.int64) + 2


def _read_records(reader: Iterator[list[str]], file: str, width: int, problems: list[Problem]
                  ) -> tuple[npt.NDArray[np.int64], list[npt.NDArray[np.object_]]]:
    """Return the lines and stripped columns of the records with ``width`` fields.

    Records with another number of fields (blank ones aside) and a record the csv reader
    cannot read are added to ``problems``.
    """
    kept: list[list[str]] = []
    kept_lines: list[int] = []
    line = 1  # the header is line 1 and each record one more line
    try:
        for line, record in enumerate(reader, start=2):
            if len(record) == width:
                kept.append(record)
                kept_lines.append(line)
            elif record and any(cell.strip() for cell in record):  # blank lines carry nothing
                problems.append(
                    Problem(file, line, "", f"expected {width} fields as in the header, "
                            f"found {len(record)} (a comma inside a value must be quoted)"))
    except csv.Error as exc:
        problems.append(Problem(file, line + 1, "", f"the row cannot be read as CSV ({exc})"))
    texts = [_stripped(column, len(kept)) for column in zip(*kept, strict=True)] if kept \
        else [np.empty(0, dtype=object) for _ in range(width)]
    return np.asarray(kept_lines, dtype=np.int64), texts


def _stripped(column: Sequence[str], size: int) -> npt.NDArray[np.object_]:
    """Return the column's cells stripped of surrounding whitespace, as an object array."""
    texts = np.empty(size, dtype=object)
    texts[:] = list(map(str.strip, column))
    return texts


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Return the text of a UTF-8 file (BOMs dropped), or a problem saying why it is not one."""
    for bom, encoding in _WIDE_BOMS.items():
        if raw.startswith(bom):
            return None, Problem(file, 1, "", f"the file is {encoding} text: save it as "
                                 "'CSV UTF-8 (comma delimited)'")
    sample = raw[:4096]
    if len(sample) >= 8 and any(half.count(0) >= 0.9 * len(half)  # Latin text in UTF-16
                                for half in (sample[0::2], sample[1::2])):
        return None, Problem(file, 1, "", "the file is UTF-16 text: save it as "
                             "'CSV UTF-8 (comma delimited)'")
    if b"\x00" in raw:  # anywhere: a NUL is never stored
        return None, Problem(file, 1, "", "the file is binary, not a CSV text file "
                             "(expected comma-separated UTF-8 text)")
    try:
        text = raw.decode("utf-8-sig").lstrip("\ufeff")  # a second BOM, from a re-save
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, Problem(file, line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02X}"
                             " cannot be read): save it as 'CSV UTF-8'")
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _guess_other_delimiter(header: tuple[str, ...]) -> str | None:
    """Return the name of a wrong delimiter that the header seems to use, if any."""
    if len(header) > 1:
        return None
    for delimiter, name in _OTHER_DELIMITERS.items():
        if delimiter in header[0]:
            return name
    return None


def parse_number(text: str) -> tuple[float | None, str | None]:
    """Return the finite number written in ``text``, or an explanation of why it is not one."""
    if text == "":
        return None, "is empty: expected a number (a missing observation is no row)"
    try:
        number = float(text)
    except ValueError:
        if "," in text and _is_number(text.replace(",", "")):
            return None, (f"{text!r} is written with a thousands separator: expected a plain "
                          f"number such as {text.replace(',', '')}")
        return None, f"{text!r} is not a number: expected a plain number such as 1234.5"
    if number != number or number in (float("inf"), float("-inf")):
        return None, f"{text!r} is not a finite number: expected a plain number such as 1234.5"
    return number, None


def parse_integer(text: str) -> tuple[int | None, str | None]:
    """Return the integer written in ``text``, or an explanation of why it is not one."""
    number, why = parse_number(text)
    if why is not None:
        return None, why.replace("a number", "a whole number").replace("such as 1234.5",
                                                                        "such as 2024")
    assert number is not None
    if not number.is_integer():
        return None, f"{text!r} is not a whole number: expected a year such as 2024"
    return int(number), None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
