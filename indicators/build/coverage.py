"""The coverage report: countries with a value per indicator and year, and per pillar."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from indicators.contract import DEFAULT_WINDOW, PILLAR_CODES
from indicators.spec import REFERENCE

#: Share of a pillar's indicators a country needs in the window: the reference method's rule.
MIN_COVERAGE = REFERENCE.min_pillar_coverage


@dataclass(frozen=True)
class CoverageReport:
    """Counts of countries with a value, by indicator and year, plus pillar readiness."""

    countries: int
    latest_year: int
    #: indicator code → pillar
    pillars: dict[str, str]
    #: (indicator, year) → number of countries with a value
    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    #: pillar → countries with at least MIN_COVERAGE of the pillar's indicators in the window
    pillar_ready: dict[str, int] = field(default_factory=dict)
    #: countries ready in all four pillars
    all_pillars: int = 0

    @property
    def years(self) -> list[int]:
        """Return the sorted years present in the values."""
        return sorted({y for _, y in self.counts})

    def to_text(self) -> str:
        """Return the human-readable coverage table (Markdown)."""
        years = self.years
        lines = [
            "# Data coverage",
            "",
            f"{self.countries} countries in countries.csv. Latest year in the data: "
            f"{self.latest_year}. Cells: countries with a value for the indicator and year "
            "(census indicators give every country a value, 0 where absent).",
            "",
            "| indicator | pillar | " + " | ".join(str(y) for y in years) + " |",
            "|---|---|" + "---:|" * len(years),
        ]
        for code, pillar in self.pillars.items():
            cells = [str(self.counts.get((code, y), "")) for y in years]
            lines.append(f"| {code} | {pillar} | " + " | ".join(cells) + " |")
        window = f"{self.latest_year - DEFAULT_WINDOW}–{self.latest_year}"
        lines += [
            "",
            f"## Countries with at least {MIN_COVERAGE:.0%} of a pillar's indicators in "
            f"{window} (the reference method's coverage rule)",
            "",
            "| pillar | countries |",
            "|---|---:|",
        ]
        lines += [f"| {p} | {self.pillar_ready.get(p, 0)} |" for p in PILLAR_CODES]
        lines += [f"| all four | {self.all_pillars} |", ""]
        return "\n".join(lines)


def coverage(values: pd.DataFrame, indicators: pd.DataFrame, iso3s: list[str]) -> CoverageReport:
    """Return the CoverageReport of value rows against the indicator table."""
    pillars = dict(zip(indicators["code"], indicators["pillar"], strict=True))
    counts = values.groupby(["indicator", "year"], as_index=False).agg(n=("iso3", "nunique"))
    latest = int(values["year"].max())
    recent = values[values["year"] >= latest - DEFAULT_WINDOW]
    have = recent.groupby("iso3")["indicator"].apply(set).to_dict()
    ready: dict[str, int] = {}
    ok_all = set(iso3s)
    for pillar in PILLAR_CODES:
        codes = {c for c, p in pillars.items() if p == pillar}
        ok = {i for i in iso3s
              if codes and len(have.get(i, set()) & codes) >= MIN_COVERAGE * len(codes) - 1e-12}
        ready[pillar] = len(ok)
        ok_all &= ok
    return CoverageReport(
        countries=len(iso3s), latest_year=latest, pillars=pillars,
        counts={(str(i), int(y)): int(n) for i, y, n in
                zip(counts["indicator"], counts["year"], counts["n"], strict=True)},
        pillar_ready=ready, all_pillars=len(ok_all))
