"""Sanity check of a built data directory: does each pillar cover enough countries?

``python -m indicators.build.sanity [DATA_DIR] [MINIMUM]`` exits 1 when fewer than MINIMUM
countries (default 150) have at least the reference method's share (``MIN_COVERAGE``) of
every pillar's indicators in the window
[Y-3, Y], Y being the latest year in the data.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from indicators import contract as c
from indicators.build.coverage import CoverageReport, coverage


def read_coverage(data_dir: Path) -> CoverageReport:
    """Return the CoverageReport of a data directory read back from its CSVs."""
    values = pd.concat([pd.read_csv(p, keep_default_na=False)
                        for p in sorted((data_dir / c.VALUES_DIR).glob("*.csv"))],
                       ignore_index=True)
    indicators = pd.read_csv(data_dir / c.INDICATORS_FILE, keep_default_na=False)
    countries = pd.read_csv(data_dir / c.COUNTRIES_FILE, keep_default_na=False)
    return coverage(values, indicators, list(countries["iso3"]))


def problems(report: CoverageReport, minimum: int) -> list[str]:
    """Return one message per pillar (and for all four) covering fewer than minimum countries."""
    found = [f"pillar {p}: only {n} countries have enough data (need {minimum})"
             for p, n in report.pillar_ready.items() if n < minimum]
    if report.all_pillars < minimum:
        found.append(f"only {report.all_pillars} countries have all four pillars "
                     f"(need {minimum})")
    return found


def main(argv: list[str]) -> int:
    """Return 0 when coverage is sufficient, else print the problems and return 1."""
    data_dir = Path(argv[0]) if argv else Path("data")
    minimum = int(argv[1]) if len(argv) > 1 else 150
    report = read_coverage(data_dir)
    found = problems(report, minimum)
    for line in found:
        print(line, file=sys.stderr)
    ready = ", ".join(f"{p} {n}" for p, n in report.pillar_ready.items())
    print(f"countries ready per pillar: {ready}; all four: {report.all_pillars}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
