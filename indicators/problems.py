"""Problems found in the data: one sentence each, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one place of one file; ``line`` is the spreadsheet row (header = 1)."""

    file: str
    line: int
    column: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        """Return the problem as ``FILE:LINE: column: message``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        column = self.column or "-"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {column}: {prefix}{self.message}"


class DataError(Exception):
    """Raised when the data directory breaks the contract; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(str(p) for p in self.problems))
