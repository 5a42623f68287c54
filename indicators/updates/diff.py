"""What an update changes: rows added, changed and removed, and who moves in the ranking."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from indicators import contract as c
from indicators.csvio import read_columns
from indicators.result import Result

#: The columns that identify a row of each file; values files are keyed like VALUE_KEY.
ROW_KEYS: dict[str, tuple[str, ...]] = {
    c.PILLARS_FILE: ("pillar",),
    c.INDICATORS_FILE: ("code",),
    c.COUNTRIES_FILE: ("iso3",),
    c.GROUPS_FILE: ("group", "iso3"),
    c.SOURCES_FILE: ("source_id",),
    c.DEPENDENCIES_FILE: ("iso3", "layer", "supplier", "year"),
}
VALUE_KEY = ("iso3", "indicator", "year")
MOVER_COLUMNS = ("iso3", "name", "rank_before", "rank_after", "rank_change", "overall_before",
                 "overall_after", "overall_change")


@dataclass(frozen=True)
class RowDiff:
    """Rows of one file added, removed (key and cells) and changed (key, column, before, after)."""

    file: str
    key: tuple[str, ...]
    added: pd.DataFrame
    removed: pd.DataFrame
    changed: pd.DataFrame

    @property
    def empty(self) -> bool:
        """Return True when the file's rows are the same before and after."""
        return self.added.empty and self.removed.empty and self.changed.empty

    def summary(self) -> str:
        """Return ``FILE: N added, N changed, N removed`` (changed counts rows, not cells)."""
        changed_rows = len(self.changed[list(self.key)].drop_duplicates()) \
            if not self.changed.empty else 0
        return (f"{self.file}: {len(self.added)} row(s) added, {changed_rows} changed, "
                f"{len(self.removed)} removed")


def row_key(file: str) -> tuple[str, ...]:
    """Return the key columns of ``file``."""
    return ROW_KEYS.get(file, VALUE_KEY)


def _rows(file: str, content: bytes | None) -> tuple[list[str], dict[tuple[str, ...],
                                                                   dict[str, str]]]:
    """Return the header and the rows by key (contract columns only) of a file's content.

    Unreadable content has no rows.
    """
    if content is None:
        return [], {}
    required = c.REQUIRED_COLUMNS.get(file, c.VALUE_COLUMNS)
    table, _ = read_columns(content, file, required)
    if table is None:
        return [], {}
    key = row_key(file)
    cells = {name: table.cells[name].tolist() for name in required}
    rows: dict[tuple[str, ...], dict[str, str]] = {}
    for i in range(len(table)):
        row = {name: cells[name][i] for name in required}
        rows.setdefault(tuple(row[k] for k in key), row)
    return list(table.header), rows


def diff_rows(file: str, before: bytes | None, after: bytes | None) -> RowDiff:
    """Return the rows of ``file`` added, removed and changed between two contents (None: none).

    Only the contract's columns are compared and shown: extra columns are allowed in a file but
    never read, so they change nothing (and a header of many extra columns costs nothing).
    """
    key = row_key(file)
    _, old = _rows(file, before)
    _, new = _rows(file, after)
    columns = list(c.REQUIRED_COLUMNS.get(file, c.VALUE_COLUMNS))  # only what the data uses
    added = [new[k] for k in new if k not in old]
    removed = [old[k] for k in old if k not in new]
    changed = []
    for k in new:
        if k in old:
            for column in columns:
                if column in key:
                    continue
                was, now = old[k].get(column, ""), new[k].get(column, "")
                if was != now:
                    changed.append({**dict(zip(key, k, strict=True)), "column": column,
                                    "before": was, "after": now})
    return RowDiff(
        file=file,
        key=key,
        added=pd.DataFrame(added, columns=columns),
        removed=pd.DataFrame(removed, columns=columns),
        changed=pd.DataFrame(changed, columns=[*key, "column", "before", "after"]),
    )


def top_movers(before: Result, after: Result, n: int = 10) -> pd.DataFrame:
    """Return the ``n`` countries whose rank or overall score moves most, biggest first.

    Columns MOVER_COLUMNS; a country ranked on one side only has a missing rank on the other.
    Countries that do not move are left out.
    """
    names = after.countries["name"].combine_first(before.countries["name"])
    frame = pd.DataFrame({
        "name": names,
        "rank_before": before.rank.reindex(names.index),
        "rank_after": after.rank.reindex(names.index),
        "overall_before": before.overall.reindex(names.index),
        "overall_after": after.overall.reindex(names.index),
    })
    frame["rank_change"] = (frame["rank_before"] - frame["rank_after"]).astype("Int64")
    frame["overall_change"] = frame["overall_after"] - frame["overall_before"]
    ranked_changed = frame["rank_before"].isna() != frame["rank_after"].isna()
    moved = (frame["rank_change"].fillna(0) != 0) | (frame["overall_change"].abs() > 1e-9) \
        | ranked_changed
    frame = frame[moved.astype(bool)].copy()
    frame["_order_rank"] = frame["rank_change"].abs().fillna(10**6).astype("float64")
    frame["_order_score"] = frame["overall_change"].abs().fillna(0.0)
    frame = frame.sort_values(["_order_rank", "_order_score"], ascending=False, kind="stable")
    frame = frame.rename_axis("iso3").reset_index()
    return frame[list(MOVER_COLUMNS)].head(n).reset_index(drop=True)
