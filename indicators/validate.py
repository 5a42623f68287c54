"""Every rule of the data contract, checked at once: returns all problems and the typed tables."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

from indicators import contract as c
from indicators.csvio import Columns, parse_integer, parse_number, read_columns
from indicators.problems import Problem

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
    """Return every contract file present in ``data_dir`` (regular files), in a fixed order."""
    fixed = [data_dir / name for name in c.REQUIRED_COLUMNS]
    values = sorted((data_dir / c.VALUES_DIR).glob("*.csv"))
    return [p for p in [*fixed, *values] if p.is_file()]


class NotRegular(OSError):
    """A contract file name that is not a regular file (a FIFO, a device, a folder)."""


def read_regular(path: Path) -> tuple[bytes, float]:
    """Return the bytes and mtime of the regular file ``path``.

    Raises FileNotFoundError when it is gone (removed since it was listed) and NotRegular when
    it is a FIFO or anything else that reading could block on or never finish.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"{path} is not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(), st.st_mtime
    finally:
        os.close(fd)


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
        if name in overrides:
            raw[name] = overrides.pop(name)
        elif not _read_into(data_dir, name, raw, checked):
            columns = ",".join(c.REQUIRED_COLUMNS[name])
            checked.problems.append(Problem(name, 0, "", f"the file is missing: expected {name} "
                                            f"with the columns {columns}"))
    for path in sorted((data_dir / c.VALUES_DIR).glob("*.csv")):
        rel = f"{c.VALUES_DIR}/{path.name}"
        if rel not in overrides:
            _read_into(data_dir, rel, raw, checked)  # gone since listed: not part of the data
    for rel, content in overrides.items():
        if not rel.startswith(f"{c.VALUES_DIR}/") and rel not in c.REQUIRED_COLUMNS:
            checked.problems.append(Problem(rel, 0, "", "is not a file of the data contract"))
            continue
        raw[rel] = content
    if not any(rel.startswith(f"{c.VALUES_DIR}/") for rel in raw):
        checked.problems.append(Problem(f"{c.VALUES_DIR}/", 0, "", "no values file: expected at "
                                        "least one values/*.csv with the columns "
                                        + ",".join(c.VALUE_COLUMNS)))
    checked.version = data_version(raw)

    tables: dict[str, Columns] = {}
    for rel, content in raw.items():
        required = c.REQUIRED_COLUMNS.get(rel, c.VALUE_COLUMNS)
        table, problems = read_columns(content, rel, required)
        checked.problems.extend(problems)
        if table is not None:
            tables[rel] = table
    _Rules(tables, checked).run()
    checked.problems.sort(key=lambda p: (p.severity != "error", p.file, p.line, p.column))
    return checked


def data_version(raw: dict[str, bytes]) -> str:
    """Return the version of a data directory's contents: a hash of every file's name and bytes."""
    digest = hashlib.sha256()
    for rel in sorted(raw):
        digest.update(rel.encode() + b"\0" + raw[rel] + b"\0")
    return digest.hexdigest()[:16]


def _read_into(data_dir: Path, rel: str, raw: dict[str, bytes], checked: Checked) -> bool:
    """Read ``rel`` into ``raw``; return False when it does not exist (any more).

    A name that is not a regular file is reported as an error instead of being read.
    """
    try:
        raw[rel], checked.modified[rel] = read_regular(data_dir / rel)
    except FileNotFoundError:
        return False
    except NotRegular:
        checked.problems.append(Problem(rel, 0, "", "is not a regular file (a pipe, device or "
                                        "folder): expected a CSV file"))
    return True


class _Rules:
    """Applies the contract's rules to the read tables, file by file, then across files.

    The small files are checked row by row; the values and dependencies files, which hold
    nearly all rows, column by column, with the same messages for the cells that break a rule.
    """

    def __init__(self, tables: dict[str, Columns], checked: Checked) -> None:
        self.tables = tables
        self.checked = checked
        self._rows: dict[str, list[tuple[int, dict[str, str]]]] = {}

    def problem(self, file: str, line: int, column: str, message: str) -> None:
        self.checked.problems.append(Problem(file, line, column, message))

    def rows(self, name: str) -> list[tuple[int, dict[str, str]]]:
        if name not in self._rows:
            table = self.tables.get(name)
            self._rows[name] = table.rows() if table is not None else []
        return self._rows[name]

    def run(self) -> None:
        sources = self.check_keys(c.SOURCES_FILE, "source_id", _is_identifier,
                                  "an identifier such as top500 (letters, digits, _ . -)")
        countries = self.check_keys(c.COUNTRIES_FILE, "iso3",
                                    lambda v: bool(c.ISO3_PATTERN.match(v)),
                                    "an ISO 3166 alpha-3 code in capitals, such as KOR")
        pillars = self.check_pillars()
        dependencies = self.tables.get(c.DEPENDENCIES_FILE)
        layers = {layer for layer in dependencies.cells["layer"].tolist() if layer} \
            if dependencies is not None else set()
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
                             f" expected one of {', '.join(c.TRANSFORMS)}")
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
        cells = _Cells.join([self.tables[rel] for rel in sorted(self.tables)
                             if rel.startswith(f"{c.VALUES_DIR}/")], c.VALUE_COLUMNS)
        ok = self.known_cells(cells, "iso3", countries, c.COUNTRIES_FILE)
        ok &= self.known_cells(cells, "indicator", indicators, c.INDICATORS_FILE)
        ok &= self.known_cells(cells, "source_id", sources, c.SOURCES_FILE)
        year, year_ok = self.integer_cells(cells, "year")
        value, value_ok = self.number_cells(cells, "value")
        complete = year_ok & value_ok
        logged = [code for code, row in indicators.items()
                  if row["transform"] in c.LOG_TRANSFORMS]
        negative = complete & _isin(cells.text["indicator"], logged) & (value < 0)
        self.problems_at(cells, negative, "value", lambda i: (
            f"{cells.text['value'][i]} is negative, but {cells.text['indicator'][i]} is "
            "log-transformed: expected a value >= 0"))
        ok &= ~negative
        first = _first_of_key(complete, cells.text["iso3"], cells.text["indicator"], year)
        repeated = complete & (first != np.arange(len(cells)))
        self.problems_at(cells, repeated, "year", lambda i: (
            f"{cells.text['iso3'][i]} {cells.text['indicator'][i]} {int(year[i])} is already "
            f"given at {cells.file[first[i]]}:{cells.line[first[i]]}: each (iso3, indicator, "
            "year) must appear once over all values files"))
        kept = complete & ~repeated & ok
        frame = pd.DataFrame({
            **{column: cells.text[column][kept] for column in c.VALUE_COLUMNS},
            "year": year[kept].astype("int64"), "value": value[kept],
            "file": cells.file[kept], "line": cells.line[kept]})
        self.checked.tables["values"] = _typed(frame, [*c.VALUE_COLUMNS, "file", "line"],
                                               ["year", "value", "line"])

    def check_dependencies(self, countries: set[str], sources: set[str]) -> None:
        name = c.DEPENDENCIES_FILE
        cells = _Cells.join([self.tables[name]] if name in self.tables else [],
                            c.DEPENDENCY_COLUMNS)
        ok = self.known_cells(cells, "iso3", countries, c.COUNTRIES_FILE)
        ok &= self.known_cells(cells, "supplier", countries, c.COUNTRIES_FILE)
        ok &= self.known_cells(cells, "source_id", sources, c.SOURCES_FILE)
        layers = cells.text["layer"]
        named = [layer for layer in set(layers.tolist()) if c.CODE_PATTERN.match(layer)]
        layer_ok = _isin(layers, named)
        self.problems_at(cells, ~layer_ok, "layer", lambda i: (
            f"{layers[i]!r} is not a layer name: expected lower-case letters such as chips, "
            "cloud or models"))
        ok &= layer_ok
        year, year_ok = self.integer_cells(cells, "year")
        share, share_ok = self.number_cells(cells, "share")
        outside = share_ok & ~((share >= 0) & (share <= 1))
        self.problems_at(cells, outside, "share", lambda i: (
            f"{cells.text['share'][i]} is outside [0, 1]: expected the supplier's share as a "
            "fraction, such as 0.25 for 25 %"))
        complete = year_ok & share_ok & ~outside
        # one basis per (layer, source): two sources may each describe the same layer and year
        first = _first_of_key(complete, cells.text["iso3"], layers, cells.text["supplier"], year,
                              cells.text["source_id"])
        repeated = complete & (first != np.arange(len(cells)))
        self.problems_at(cells, repeated, "supplier", lambda i: (
            f"{cells.text['supplier'][i]} already supplies {cells.text['iso3'][i]} {layers[i]} "
            f"{int(year[i])} on line {cells.line[first[i]]}"))
        counted = complete & ~repeated
        self.check_share_sums(cells, counted, year, share)
        kept = counted & ok
        frame = pd.DataFrame({
            **{column: cells.text[column][kept] for column in c.DEPENDENCY_COLUMNS},
            "year": year[kept].astype("int64"), "share": share[kept], "line": cells.line[kept]})
        self.checked.tables["dependencies"] = _typed(frame, [*c.DEPENDENCY_COLUMNS, "line"],
                                                     ["year", "share"])

    def check_share_sums(self, cells: _Cells, counted: npt.NDArray[np.bool_],
                         year: npt.NDArray[np.float64], share: npt.NDArray[np.float64]) -> None:
        """Report each (iso3, layer, year, source) whose counted shares sum above 1, at its first
        line (each source is its own basis for the layer, so shares sum to 1 per source)."""
        rows = np.flatnonzero(counted)
        if not len(rows):
            return
        groups = _groups([cells.text["iso3"][rows], cells.text["layer"][rows], year[rows],
                          cells.text["source_id"][rows]])
        # bincount adds in row order from 0.0, so each total is the same float as a running sum
        totals = np.bincount(groups, weights=share[rows])
        _, starts = np.unique(groups, return_index=True)
        for group in np.flatnonzero(totals > 1 + SHARE_SUM_TOLERANCE).tolist():
            i = int(rows[starts[group]])
            self.problem(c.DEPENDENCIES_FILE, int(cells.line[i]), "share",
                         f"the shares of {cells.text['iso3'][i]} {cells.text['layer'][i]} "
                         f"{int(year[i])} sum to {totals[group]:.6g}: expected at most 1")

    # -- column rules (the same messages as the cell rules, for whole columns) -------------
    def problems_at(self, cells: _Cells, where: npt.NDArray[np.bool_], column: str,
                    message: Callable[[int], str]) -> None:
        """Report ``message(i)`` at each row ``i`` selected by ``where``."""
        for i in np.flatnonzero(where).tolist():
            self.problem(str(cells.file[i]), int(cells.line[i]), column, message(i))

    def known_cells(self, cells: _Cells, column: str, known: Iterable[str],
                    where: str) -> npt.NDArray[np.bool_]:
        """Return which cells of ``column`` are in ``known``; report the others."""
        texts = cells.text[column]
        found = _isin(texts, list(known))
        self.problems_at(cells, ~found, column, lambda i: _unknown(texts[i], column, where))
        return found

    def number_cells(self, cells: _Cells, column: str) -> tuple[npt.NDArray[np.float64],
                                                                npt.NDArray[np.bool_]]:
        """Return the column's numbers and which cells hold one; report the others."""
        texts = cells.text[column]
        numbers = _floats(texts)
        finite = np.isfinite(numbers)
        self.problems_at(cells, ~finite, column, lambda i: str(parse_number(texts[i])[1]))
        return numbers, finite

    def integer_cells(self, cells: _Cells, column: str) -> tuple[npt.NDArray[np.float64],
                                                                 npt.NDArray[np.bool_]]:
        """Return the column's whole numbers (as floats) and which cells hold one; report others."""
        texts = cells.text[column]
        numbers = _floats(texts)
        whole = np.isfinite(numbers)
        whole[whole] = numbers[whole] == np.floor(numbers[whole])
        self.problems_at(cells, ~whole, column, lambda i: str(parse_integer(texts[i])[1]))
        low, high = c.YEAR_RANGE
        implausible = whole & ((numbers < low) | (numbers > high))
        self.problems_at(cells, implausible, column, lambda i: (
            f"{texts[i]!r} is not a plausible year: expected a year from {low} to {high}"))
        return numbers, whole & ~implausible

    # -- cell rules ------------------------------------------------------------------------
    def known(self, file: str, line: int, column: str, value: str,
              known: Iterable[str], where: str) -> bool:
        if value in known:
            return True
        self.problem(file, line, column, _unknown(value, column, where))
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
        return number

    def positive(self, file: str, line: int, column: str, text: str) -> float | None:
        number = self.number(file, line, column, text)
        if number is not None and number <= 0:
            self.problem(file, line, column, f"{text} is not positive: expected a weight > 0")
            return None
        return number


@dataclass(frozen=True)
class _Cells:
    """The rows of one or more files with the same columns, joined: text, file and line."""

    text: dict[str, npt.NDArray[np.object_]]
    file: npt.NDArray[np.object_]
    line: npt.NDArray[np.int64]

    @classmethod
    def join(cls, tables: list[Columns], columns: Iterable[str]) -> _Cells:
        """Return the rows of ``tables`` one after the other, in the given order."""
        file = np.empty(sum(len(t) for t in tables), dtype=object)
        file[:] = [t.file for t in tables for _ in range(len(t))]
        return cls(
            text={col: np.concatenate([np.empty(0, dtype=object),
                                       *(t.cells[col] for t in tables)]) for col in columns},
            file=file,
            line=np.concatenate([np.empty(0, dtype=np.int64), *(t.lines for t in tables)]))

    def __len__(self) -> int:
        """Return the number of rows."""
        return len(self.line)


def _isin(texts: npt.NDArray[np.object_], known: list[str]) -> npt.NDArray[np.bool_]:
    """Return which of ``texts`` are among ``known``."""
    return np.fromiter(map(set(known).__contains__, texts), dtype=bool, count=len(texts))


def _floats(texts: npt.NDArray[np.object_]) -> npt.NDArray[np.float64]:
    """Return ``float(text)`` of each text (exactly Python's reading), NaN where it fails."""
    try:
        return np.fromiter(map(float, texts), dtype=np.float64, count=len(texts))
    except ValueError:
        return np.fromiter(map(_float_or_nan, texts), dtype=np.float64, count=len(texts))


def _float_or_nan(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _first_of_key(rows: npt.NDArray[np.bool_],
                  *keys: npt.NDArray[np.object_] | npt.NDArray[np.float64]
                  ) -> npt.NDArray[np.int64]:
    """Return, for each selected row, the first selected row with the same key (else -1)."""
    first = np.full(len(rows), -1, dtype=np.int64)
    chosen = np.flatnonzero(rows)
    if len(chosen):
        groups = _groups([k[chosen] for k in keys])
        _, starts = np.unique(groups, return_index=True)
        first[chosen] = chosen[starts[groups]]
    return first


def _groups(keys: list[npt.NDArray[np.object_] | npt.NDArray[np.float64]]
            ) -> npt.NDArray[np.int64]:
    """Return a group number per row of the joined keys, numbered in order of first appearance."""
    groups = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(key, sort=False)
        groups, _ = pd.factorize(groups * len(uniques) + codes, sort=False)
    return np.asarray(groups, dtype=np.int64)


def _typed(frame: pd.DataFrame, columns: list[str], numeric: list[str]) -> pd.DataFrame:
    """Return ``frame``'s ``columns`` typed as before: with no row, all text but ``numeric``."""
    frame = frame[columns]
    if frame.empty:
        return pd.DataFrame({col: pd.Series(dtype="object") for col in columns}).astype(
            {col: frame[col].dtype for col in numeric})
    return frame


def _frame(rows: list[tuple[int, dict[str, str]]], key: str,
           floats: Iterable[str] = ()) -> pd.DataFrame:
    """Return the rows as a frame indexed by ``key`` (first occurrence kept), text as str."""
    frame = pd.DataFrame([{**row, "line": line} for line, row in rows])
    frame = frame.drop_duplicates(key).set_index(key)
    for column in floats:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(1.0).astype("float64")
    return frame


def _unknown(value: str, column: str, where: str) -> str:
    """Return the message for a value of ``column`` that ``where`` does not define."""
    shown = f"{value!r} is not in {where}" if value else "is empty"
    return f"{shown}: expected a {column} defined in {where}"


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
