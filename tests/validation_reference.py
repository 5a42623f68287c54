"""The per-row validation as it was before the columnar one: the reference for equivalence tests.

A verbatim copy of ``indicators/csvio.py`` (reading) and ``indicators/validate.py`` (rules) at
commit 5a3e66b, kept so tests and ``benchmarks/validation.py`` can compare the columnar
implementation's problems and tables with the old ones. Not used by the package.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from indicators import contract as c
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




#: Tolerance on the sum of supplier shares, for shares written with rounding.
SHARE_SUM_TOLERANCE = 1e-6


@dataclass
class Checked:
    """Typed tables of a data directory and every problem found in it."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    version: str = ""
    modified: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that make the data invalid."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that are reported but do not fail validation."""
        return [p for p in self.problems if p.severity == "warning"]


def contract_files(data_dir: Path) -> list[Path]:
    """Return every contract file present in ``data_dir``, in a fixed order."""
    fixed = [data_dir / name for name in c.REQUIRED_COLUMNS]
    values = sorted((data_dir / c.VALUES_DIR).glob("*.csv"))
    return [p for p in fixed if p.exists()] + values


def check_data_dir(data_dir: Path | str, overrides: dict[str, bytes] | None = None) -> Checked:
    """Return the typed tables and all problems of ``data_dir``.

    ``overrides`` maps a path relative to ``data_dir`` (e.g. ``values/compute.csv``) to the bytes
    it would hold, so a proposed edit can be checked with exactly these rules before it is written.
    """
    data_dir = Path(data_dir)
    overrides = dict(overrides or {})
    checked = Checked()
    raw: dict[str, bytes] = {}
    for name in c.REQUIRED_COLUMNS:
        path = data_dir / name
        if name in overrides:
            raw[name] = overrides.pop(name)
        elif path.exists():
            raw[name] = path.read_bytes()
            checked.modified[name] = path.stat().st_mtime
        else:
            columns = ",".join(c.REQUIRED_COLUMNS[name])
            checked.problems.append(Problem(name, 0, "", f"the file is missing: expected {name} "
                                            f"with the columns {columns}"))
    for path in sorted((data_dir / c.VALUES_DIR).glob("*.csv")):
        rel = f"{c.VALUES_DIR}/{path.name}"
        if rel not in overrides:
            raw[rel] = path.read_bytes()
            checked.modified[rel] = path.stat().st_mtime
    for rel, content in overrides.items():
        if not rel.startswith(f"{c.VALUES_DIR}/") and rel not in c.REQUIRED_COLUMNS:
            checked.problems.append(Problem(rel, 0, "", "is not a file of the data contract"))
            continue
        raw[rel] = content
    if not any(rel.startswith(f"{c.VALUES_DIR}/") for rel in raw):
        checked.problems.append(Problem(f"{c.VALUES_DIR}/", 0, "", "no values file: expected at "
                                        "least one values/*.csv with the columns "
                                        + ",".join(c.VALUE_COLUMNS)))
    digest = hashlib.sha256()
    for rel in sorted(raw):
        digest.update(rel.encode() + b"\0" + raw[rel] + b"\0")
    checked.version = digest.hexdigest()[:16]

    tables: dict[str, Table] = {}
    for rel, content in raw.items():
        required = c.REQUIRED_COLUMNS.get(rel, c.VALUE_COLUMNS)
        table, problems = read_table(content, rel, required)
        checked.problems.extend(problems)
        if table is not None:
            tables[rel] = table
    _Rules(tables, checked).run()
    checked.problems.sort(key=lambda p: (p.severity != "error", p.file, p.line, p.column))
    return checked


class _Rules:
    """Applies the contract's rules to the read tables, file by file, then across files."""

    def __init__(self, tables: dict[str, Table], checked: Checked) -> None:
        self.tables = tables
        self.checked = checked

    def problem(self, file: str, line: int, column: str, message: str) -> None:
        self.checked.problems.append(Problem(file, line, column, message))

    def rows(self, name: str) -> list[tuple[int, dict[str, str]]]:
        table = self.tables.get(name)
        return table.rows if table is not None else []

    def run(self) -> None:
        sources = self.check_keys(c.SOURCES_FILE, "source_id", _is_identifier,
                                  "an identifier such as top500 (letters, digits, _ . -)")
        countries = self.check_keys(c.COUNTRIES_FILE, "iso3",
                                    lambda v: bool(c.ISO3_PATTERN.match(v)),
                                    "an ISO 3166 alpha-3 code in capitals, such as KOR")
        pillars = self.check_pillars()
        layers = {row["layer"] for _, row in self.rows(c.DEPENDENCIES_FILE) if row["layer"]}
        indicators = self.check_indicators(pillars, sources, layers)
        self.check_sources()
        self.check_countries()
        self.check_groups(countries)
        self.check_values(countries, indicators, sources)
        self.check_dependencies(countries, sources)

    # -- single-key files -------------------------------------------------------------------
    def check_keys(self, name: str, key: str, valid: Callable[[str], bool],
                   expected: str) -> set[str]:
        seen: dict[str, int] = {}
        for line, row in self.rows(name):
            value = row[key]
            if not valid(value):
                self.problem(name, line, key, f"{value!r} is not valid: expected {expected}")
            elif value in seen:
                self.problem(name, line, key, f"{value!r} is already defined on line {seen[value]}"
                             ": each must be unique")
            else:
                seen[value] = line
        return set(seen)

    def check_pillars(self) -> dict[str, float]:
        name = c.PILLARS_FILE
        pillars: dict[str, float] = {}
        for line, row in self.rows(name):
            code = row["pillar"]
            if code not in c.PILLAR_CODES:
                self.problem(name, line, "pillar", f"{code!r} is not a pillar: expected one of "
                             + ", ".join(c.PILLAR_CODES))
                continue
            if code in pillars:
                self.problem(name, line, "pillar", f"{code!r} is defined twice")
                continue
            weight = self.positive(name, line, "weight", row["weight"])
            pillars[code] = weight if weight is not None else 1.0
            self.nonempty(name, line, row, "name")
        if name in self.tables:
            for code in c.PILLAR_CODES:
                if code not in pillars and not any(row["pillar"] == code for _, row in
                                                   self.rows(name)):
                    self.problem(name, 0, "pillar", f"the pillar {code!r} is missing: expected "
                                 "one row for each of " + ", ".join(c.PILLAR_CODES))
        if pillars:
            self.checked.tables["pillars"] = _frame(self.rows(name), "pillar", floats=["weight"])
        return pillars

    def check_indicators(self, pillars: dict[str, float], sources: set[str],
                         layers: set[str]) -> dict[str, dict[str, str]]:
        name = c.INDICATORS_FILE
        rows = self.rows(name)
        codes = self.check_keys(name, "code", lambda v: bool(c.CODE_PATTERN.match(v)),
                                "lower-case letters, digits and _, starting with a letter")
        context = {row["code"] for _, row in rows if row["pillar"] == c.CONTEXT_PILLAR}
        valid_pillars = set(pillars) | set(c.PILLAR_CODES) | {c.CONTEXT_PILLAR}
        for line, row in rows:
            if row["pillar"] not in valid_pillars:
                self.problem(name, line, "pillar", f"{row['pillar']!r} is not a pillar: expected "
                             "one of " + ", ".join([*c.PILLAR_CODES, c.CONTEXT_PILLAR]))
            if row["direction"] not in ("1", "-1"):
                self.problem(name, line, "direction", f"{row['direction']!r} is not a direction:"
                             " expected 1 (more is better) or -1 (less is better)")
            self.positive(name, line, "weight", row["weight"])
            if row["transform"] not in c.TRANSFORMS:
                self.problem(name, line, "transform", f"{row['transform']!r} is not a transform:"
                             " expected none or log")
            denominator = row["denominator"]
            if denominator and denominator not in context:
                self.problem(name, line, "denominator", f"{denominator!r} is not a context "
                             "indicator: expected empty or the code of an indicator whose pillar "
                             "is context (such as population or gdp_usd)")
            if row["layer"] and row["layer"] not in layers:
                self.problem(name, line, "layer", f"{row['layer']!r} is not a layer of "
                             f"{c.DEPENDENCIES_FILE}: expected empty or one of "
                             + (", ".join(sorted(layers)) or "(none defined yet)"))
            self.known(name, line, "source_id", row["source_id"], sources, c.SOURCES_FILE)
            self.nonempty(name, line, row, "name")
        for p in c.PILLAR_CODES:
            if rows and pillars and not any(row["pillar"] == p for _, row in rows):
                self.problem(name, 0, "pillar", f"no indicator in the pillar {p!r}: every pillar "
                             "needs at least one")
        if rows:
            frame = _frame(rows, "code", floats=["weight"])
            frame["direction"] = pd.to_numeric(frame["direction"], errors="coerce").fillna(1)
            frame["direction"] = frame["direction"].astype("int64")
            self.checked.tables["indicators"] = frame
        return {row["code"]: row for _, row in rows if row["code"] in codes}

    def check_sources(self) -> None:
        rows = self.rows(c.SOURCES_FILE)
        for line, row in rows:
            for column in ("publisher", "title", "licence"):
                self.nonempty(c.SOURCES_FILE, line, row, column)
            accessed = row["accessed"]
            if not _looks_like_date(accessed):
                self.problem(c.SOURCES_FILE, line, "accessed", f"{accessed!r} is not a date: "
                             "expected the day the source was accessed as YYYY-MM-DD")
        if rows:
            self.checked.tables["sources"] = _frame(rows, "source_id")

    def check_countries(self) -> None:
        rows = self.rows(c.COUNTRIES_FILE)
        for line, row in rows:
            self.nonempty(c.COUNTRIES_FILE, line, row, "name")
        if rows:
            self.checked.tables["countries"] = _frame(rows, "iso3")

    def check_groups(self, countries: set[str]) -> None:
        name = c.GROUPS_FILE
        seen: dict[tuple[str, str], int] = {}
        for line, row in self.rows(name):
            self.nonempty(name, line, row, "group")
            self.known(name, line, "iso3", row["iso3"], countries, c.COUNTRIES_FILE)
            key = (row["group"], row["iso3"])
            if key in seen:
                self.problem(name, line, "iso3", f"{row['iso3']} is already in {row['group']} "
                             f"on line {seen[key]}")
            seen.setdefault(key, line)
        rows = [row for _, row in self.rows(name)]
        self.checked.tables["groups"] = (
            pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(c.GROUP_COLUMNS))
        )

    def check_values(self, countries: set[str], indicators: dict[str, dict[str, str]],
                     sources: set[str]) -> None:
        seen: dict[tuple[str, str, int], str] = {}
        records: list[dict[str, object]] = []
        for rel in sorted(t for t in self.tables if t.startswith(f"{c.VALUES_DIR}/")):
            for line, row in self.rows(rel):
                ok = self.known(rel, line, "iso3", row["iso3"], countries, c.COUNTRIES_FILE)
                ok &= self.known(rel, line, "indicator", row["indicator"], indicators,
                                 c.INDICATORS_FILE)
                ok &= self.known(rel, line, "source_id", row["source_id"], sources,
                                 c.SOURCES_FILE)
                year = self.integer(rel, line, "year", row["year"])
                value = self.number(rel, line, "value", row["value"])
                if year is None or value is None:
                    continue
                indicator = indicators.get(row["indicator"])
                if indicator is not None and indicator["transform"] == "log" and value < 0:
                    self.problem(rel, line, "value", f"{row['value']} is negative, but "
                                 f"{row['indicator']} is log-transformed: expected a value >= 0")
                    ok = False
                key = (row["iso3"], row["indicator"], year)
                if key in seen:
                    self.problem(rel, line, "year", f"{row['iso3']} {row['indicator']} {year} is "
                                 f"already given at {seen[key]}: each (iso3, indicator, year) "
                                 "must appear once over all values files")
                    continue
                seen[key] = f"{rel}:{line}"
                if ok:
                    records.append({**row, "year": year, "value": value, "file": rel,
                                    "line": line})
        columns = [*c.VALUE_COLUMNS, "file", "line"]
        frame = pd.DataFrame.from_records(records, columns=columns) if records else \
            pd.DataFrame({col: pd.Series(dtype="object") for col in columns})
        frame["year"] = frame["year"].astype("int64")
        frame["value"] = frame["value"].astype("float64")
        frame["line"] = frame["line"].astype("int64")
        self.checked.tables["values"] = frame

    def check_dependencies(self, countries: set[str], sources: set[str]) -> None:
        name = c.DEPENDENCIES_FILE
        totals: dict[tuple[str, str, int], float] = defaultdict(float)
        first_line: dict[tuple[str, str, int], int] = {}
        seen: dict[tuple[str, str, str, int], int] = {}
        records: list[dict[str, object]] = []
        for line, row in self.rows(name):
            ok = self.known(name, line, "iso3", row["iso3"], countries, c.COUNTRIES_FILE)
            ok &= self.known(name, line, "supplier", row["supplier"], countries,
                             c.COUNTRIES_FILE)
            ok &= self.known(name, line, "source_id", row["source_id"], sources, c.SOURCES_FILE)
            if not c.CODE_PATTERN.match(row["layer"]):
                self.problem(name, line, "layer", f"{row['layer']!r} is not a layer name: "
                             "expected lower-case letters such as chips, cloud or models")
                ok = False
            year = self.integer(name, line, "year", row["year"])
            share = self.number(name, line, "share", row["share"])
            if share is not None and not 0 <= share <= 1:
                self.problem(name, line, "share", f"{row['share']} is outside [0, 1]: expected "
                             "the supplier's share as a fraction, such as 0.25 for 25 %")
                share = None
            if year is None or share is None:
                continue
            row_key = (row["iso3"], row["layer"], row["supplier"], year, row["source_id"])
            if row_key in seen:
                self.problem(name, line, "supplier", f"{row['supplier']} already supplies "
                             f"{row['iso3']} {row['layer']} {year} on line {seen[row_key]}")
                continue
            seen[row_key] = line
            key = (row["iso3"], row["layer"], year, row["source_id"])
            totals[key] += share
            first_line.setdefault(key, line)
            if ok:
                records.append({**row, "year": year, "share": share, "line": line})
        for key, total in totals.items():
            if total > 1 + SHARE_SUM_TOLERANCE:
                self.problem(name, first_line[key], "share", f"the shares of {key[0]} {key[1]} "
                             f"{key[2]} sum to {total:.6g}: expected at most 1")
        columns = [*c.DEPENDENCY_COLUMNS, "line"]
        frame = pd.DataFrame.from_records(records, columns=columns) if records else \
            pd.DataFrame({col: pd.Series(dtype="object") for col in columns})
        frame["year"] = frame["year"].astype("int64")
        frame["share"] = frame["share"].astype("float64")
        self.checked.tables["dependencies"] = frame

    # -- cell rules ------------------------------------------------------------------------
    def known(self, file: str, line: int, column: str, value: str,
              known: Iterable[str], where: str) -> bool:
        if value in known:
            return True
        shown = f"{value!r} is not in {where}" if value else "is empty"
        self.problem(file, line, column, f"{shown}: expected a {column} defined in {where}")
        return False

    def nonempty(self, file: str, line: int, row: dict[str, str], column: str) -> None:
        if not row[column]:
            self.problem(file, line, column, "is empty: expected a text")

    def number(self, file: str, line: int, column: str, text: str) -> float | None:
        number, why = parse_number(text)
        if why is not None:
            self.problem(file, line, column, why)
        return number

    def integer(self, file: str, line: int, column: str, text: str) -> int | None:
        number, why = parse_integer(text)
        if why is not None:
            self.problem(file, line, column, why)
        # the one rule added since this copy was taken: years outside 1900–2100 are mistakes
        if number is not None and not 1900 <= number <= 2100:
            self.problem(file, line, column, f"{text!r} is not a plausible year: expected a year "
                         "from 1900 to 2100")
            return None
        return number

    def positive(self, file: str, line: int, column: str, text: str) -> float | None:
        number = self.number(file, line, column, text)
        if number is not None and number <= 0:
            self.problem(file, line, column, f"{text} is not positive: expected a weight > 0")
            return None
        return number


def _frame(rows: list[tuple[int, dict[str, str]]], key: str,
           floats: Iterable[str] = ()) -> pd.DataFrame:
    """Return the rows as a frame indexed by ``key`` (first occurrence kept), text as str."""
    frame = pd.DataFrame([{**row, "line": line} for line, row in rows])
    frame = frame.drop_duplicates(key).set_index(key)
    for column in floats:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(1.0).astype("float64")
    return frame


def _is_identifier(value: str) -> bool:
    return bool(value) and all(ch.isalnum() or ch in "_.-" for ch in value)


def _looks_like_date(text: str) -> bool:
    parts = text.split("-")
    if len(parts) != 3 or [len(p) for p in parts] != [4, 2, 2] or not all(p.isdigit()
                                                                       for p in parts):
        return False
    try:
        pd.Timestamp(text)
    except ValueError:
        return False
    return True
