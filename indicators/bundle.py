"""The validated, frozen contents of a data directory: what scoring works on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from indicators import contract as c
from indicators.problems import DataError, Problem
from indicators.validate import Checked, check_data_dir


@dataclass(frozen=True)
class ObservationArrays:
    """The values table as positions into countries and indicators, with year, value, source."""

    country: np.ndarray
    indicator: np.ndarray
    year: np.ndarray
    value: np.ndarray
    source: np.ndarray


@dataclass(frozen=True, eq=False)
class Bundle:
    """Typed tables of one valid data directory, with the version (hash) of their bytes.

    ``pillars`` is indexed by pillar, ``indicators`` by code, ``countries`` by iso3 and
    ``sources`` by source_id; ``values`` and ``dependencies`` are long tables keeping the file and
    line each row came from.
    """

    pillars: pd.DataFrame
    indicators: pd.DataFrame
    countries: pd.DataFrame
    groups: pd.DataFrame
    sources: pd.DataFrame
    values: pd.DataFrame
    dependencies: pd.DataFrame
    version: str
    data_dir: Path | None = None
    warnings: tuple[Problem, ...] = ()
    modified: dict[str, float] = field(default_factory=dict)

    @cached_property
    def scored_indicators(self) -> pd.DataFrame:
        """Return the indicators of the four pillars (not context), in file order.

        Computed once per bundle (a page asks a dozen times); callers must not change it.
        """
        return self.indicators[self.indicators["pillar"].isin(c.PILLAR_CODES)]

    @property
    def pillar_codes(self) -> list[str]:
        """Return the pillar codes in display order."""
        return [p for p in c.PILLAR_CODES if p in self.pillars.index]

    @property
    def years(self) -> list[int]:
        """Return every year that has an observation of a scored indicator, ascending."""
        return list(self._scored_years)

    @cached_property
    def _scored_years(self) -> tuple[int, ...]:
        scored = self.values["indicator"].isin(self.scored_indicators.index)
        return tuple(sorted(int(y) for y in self.values.loc[scored, "year"].unique()))

    @property
    def latest_year(self) -> int:
        """Return the latest year of any scored observation (the default scoring year)."""
        years = self.years
        if not years:
            raise DataError([Problem(c.VALUES_DIR, 0, "", "no observation of a scored indicator")])
        return years[-1]

    @cached_property
    def observation_arrays(self) -> ObservationArrays:
        """Return the values table as aligned numpy arrays, for fast selection by the pipeline."""
        values = self.values
        country_pos = pd.Index(self.countries.index).get_indexer(values["iso3"])
        indicator_pos = pd.Index(self.indicators.index).get_indexer(values["indicator"])
        return ObservationArrays(
            country=country_pos.astype(np.int64),
            indicator=indicator_pos.astype(np.int64),
            year=values["year"].to_numpy(dtype=np.int64),
            value=values["value"].to_numpy(dtype=np.float64),
            source=values["source_id"].to_numpy(dtype=object),
        )

    def group_members(self, group: str) -> list[str]:
        """Return the iso3 codes in ``group`` (from groups.csv), in file order."""
        return self.groups.loc[self.groups["group"] == group, "iso3"].tolist()

    def country_groups(self, iso3: str) -> list[str]:
        """Return the groups (blocs) that ``iso3`` belongs to."""
        return self.groups.loc[self.groups["iso3"] == iso3, "group"].tolist()


def load(data_dir: Path | str, *, cache: bool = True) -> Bundle:
    """Return the bundle of ``data_dir``; raise DataError listing every problem if it is invalid.

    With ``cache`` (and ``$SOVAI_BUNDLE_CACHE`` not ``off``), bytes validated before by this
    code are not validated again: the bundle comes from :mod:`indicators.bundle_cache`.
    """
    data_dir = Path(data_dir)
    if not cache:
        return bundle_from_checked(check_data_dir(data_dir), data_dir)
    from indicators import bundle_cache  # local: that module builds bundles with this one

    return bundle_cache.load(data_dir, bundle_cache.cache_dir())


def bundle_from_checked(checked: Checked, data_dir: Path | None = None) -> Bundle:
    """Return the bundle of checked tables, with its warnings; raise DataError if invalid."""
    if checked.errors:
        raise DataError(checked.errors)
    t = checked.tables
    from indicators.data_warnings import data_warnings  # local: that module reads bundles

    bundle = Bundle(
        pillars=t["pillars"],
        indicators=t["indicators"],
        countries=t["countries"],
        groups=t["groups"],
        sources=t["sources"],
        values=t["values"],
        dependencies=t["dependencies"],
        version=checked.version,
        data_dir=data_dir,
        modified=checked.modified,
    )
    return replace(bundle, warnings=tuple(data_warnings(bundle)))
