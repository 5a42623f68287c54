"""Reading contract CSVs strictly: UTF-8 (BOM allowed), comma-separated, each row with its line."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from indicators.problems import Problem

#: Delimiters people's spreadsheets write by mistake, with the name we tell them.
_OTHER_DELIMITERS = {";": "semicolons", "\t": "tabs", "|": "vertical bars"}


@dataclass(frozen=True)
class Table:
    """Rows of one CSV file as text, each with its spreadsheet line (header = 1)."""

    file: str
    header: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_table(
    raw: bytes, file: str, required: Sequence[str]
) -> tuple[Table | None, list[Problem]]:
    """Return the parsed table (or None when unreadable) and the problems met while reading."""
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
    duplicated = sorted({h for h in header if header.count(h) > 1 and h})
    for name in duplicated:
        problems.append(Problem(file, 1, name, f"column {name!r} appears more than once"))
    table = Table(file, header)
    line = 1
    try:
        for record in reader:
            line += 1
            if not record or all(not cell.strip() for cell in record):
                continue  # blank lines (often a trailing one) carry nothing
            if len(record) != len(header):
                problems.append(
                    Problem(file, line, "", f"expected {len(header)} fields as in the header, "
                            f"found {len(record)} (a comma inside a value must be quoted)")
                )
                continue
            table.rows.append((line, {h: cell.strip() for h, cell in zip(header, record,
                                                                         strict=True)}))
    except csv.Error as exc:
        problems.append(Problem(file, line + 1, "", f"the row cannot be read as CSV ({exc})"))
    return table, problems


def _decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Return the text of a UTF-8 file (BOM dropped), or a problem saying why it is not one."""
    if b"\x00" in raw[:8192]:
        return None, Problem(file, 1, "", "the file is binary, not a CSV text file "
                             "(expected comma-separated UTF-8 text)")
    try:
        text = raw.decode("utf-8-sig")
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
