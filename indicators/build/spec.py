"""Indicator definitions (rows of indicators.csv) and the shape of importer output."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: What a source's silence means: ``census`` lists everything it names (absent = 0),
#: ``sample`` lists part of it (absent = no value, scored at zero capacity), ``statistic``
#: reports values where measured (absent = missing).
Basis = Literal["census", "sample", "statistic"]

#: Columns of the long observation frames that importers return.
OBSERVATION_COLUMNS = ("iso3", "indicator", "year", "value", "source_id", "note")


@dataclass(frozen=True)
class Indicator:
    """One row of indicators.csv."""

    code: str
    name: str
    pillar: str
    unit: str
    direction: int
    transform: str
    source_id: str
    description: str
    denominator: str = ""
    layer: str = ""
    weight: float = 1.0
    #: census, sample or statistic; reported in docs/data-quality.md, not in indicators.csv
    basis: Basis = "statistic"

    def row(self) -> dict[str, object]:
        """Return the indicators.csv row as a column → value mapping."""
        return {
            "code": self.code,
            "name": self.name,
            "pillar": self.pillar,
            "unit": self.unit,
            "direction": self.direction,
            "weight": self.weight,
            "transform": self.transform,
            "denominator": self.denominator,
            "layer": self.layer,
            "source_id": self.source_id,
            "description": " ".join(self.description.split()),
        }
