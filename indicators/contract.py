"""The data contract: file names, column names and closed vocabularies of the CSVs in data/."""

from __future__ import annotations

import re
from typing import Final

PILLARS_FILE: Final = "pillars.csv"
INDICATORS_FILE: Final = "indicators.csv"
COUNTRIES_FILE: Final = "countries.csv"
GROUPS_FILE: Final = "groups.csv"
SOURCES_FILE: Final = "sources.csv"
VALUES_DIR: Final = "values"
DEPENDENCIES_FILE: Final = "dependencies.csv"

PILLAR_COLUMNS: Final = ("pillar", "name", "weight", "description")
INDICATOR_COLUMNS: Final = (
    "code",
    "name",
    "pillar",
    "unit",
    "direction",
    "weight",
    "transform",
    "denominator",
    "layer",
    "source_id",
    "description",
)
COUNTRY_COLUMNS: Final = ("iso3", "name", "region", "income_group")
GROUP_COLUMNS: Final = ("group", "iso3")
SOURCE_COLUMNS: Final = ("source_id", "publisher", "title", "url", "licence", "accessed")
VALUE_COLUMNS: Final = ("iso3", "indicator", "year", "value", "source_id", "note")
DEPENDENCY_COLUMNS: Final = ("iso3", "layer", "supplier", "year", "share", "source_id", "note")

#: Columns each contract file must have, keyed by its path relative to the data directory.
#: Values files (any ``values/*.csv``) share ``VALUE_COLUMNS``.
REQUIRED_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    PILLARS_FILE: PILLAR_COLUMNS,
    INDICATORS_FILE: INDICATOR_COLUMNS,
    COUNTRIES_FILE: COUNTRY_COLUMNS,
    GROUPS_FILE: GROUP_COLUMNS,
    SOURCES_FILE: SOURCE_COLUMNS,
    DEPENDENCIES_FILE: DEPENDENCY_COLUMNS,
}

#: The four scored pillars of the "frontier ecosystem", in display order.
PILLAR_CODES: Final = ("data", "compute", "models", "industry")
#: Pseudo-pillar of series that are not scored but serve as denominators.
CONTEXT_PILLAR: Final = "context"
DIRECTIONS: Final = (1, -1)
#: ``log``: log10(1 + x/s), s the median positive value; ``log_min``: the same with s the
#: smallest positive value / 9, so that value maps to 1 (indicators.methods.log_min_scales).
TRANSFORMS: Final = ("none", "log", "log_min")
#: The transforms that take a logarithm (their values must be >= 0).
LOG_TRANSFORMS: Final = ("log", "log_min")
VIEWS: Final = ("scale", "intensity")
#: Years an observation or a ledger row may carry (anything else is a typing mistake).
YEAR_RANGE: Final = (1900, 2100)
#: Years before Y that an observation may be and still count for year Y.
DEFAULT_WINDOW: Final = 3
#: Years before Y that a denominator (population, GDP) may be and still divide year Y's values
#: in the intensity view, if the scoring window is shorter: the size of a population or an
#: economy moves little against the indicators' ranges, and the fallback figures for economies
#: WDI lacks (CLDR 37, recorded as 2020) would otherwise drop out after 2023 (issue 12, A4).
DENOMINATOR_WINDOW: Final = 6

#: Indicators whose source lists part of what exists (a sample: the build's ``basis="sample"``):
#: a listed value is a lower bound, and a country absent from the list has no value in data/
#: (unobserved, not a recorded 0). Scoring uses the lower bound the list gives every country:
#: the listed stock, or zero capacity for an unlisted country in a pillar the coverage rule
#: scores (``stages.fill_unlisted``, flagged in ``Result.unlisted``). So the scale's bottom is
#: zero capacity, the listing's size decides the score, and being listed never scores below
#: being absent (issue 12, audit A11). Each counts a non-negative stock, higher is better.
SAMPLE_INDICATORS: Final = ("gpu_cluster_h100e", "max_training_compute")

CODE_PATTERN: Final = re.compile(r"^[a-z][a-z0-9_]*$")
ISO3_PATTERN: Final = re.compile(r"^[A-Z]{3}$")
