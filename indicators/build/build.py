"""Orchestration: read every source, derive the contract tables and write them to data/."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators import contract as c
from indicators.build.countries import country_frame, name_table, read_country_codes
from indicators.build.coverage import CoverageReport, coverage
from indicators.build.dependencies import dependencies
from indicators.build.errors import BuildError
from indicators.build.groups import group_rows
from indicators.build.income import income_groups
from indicators.build.observations import Context
from indicators.build.sources import source_rows
from indicators.build.writer import write_csv
from indicators.importers import MODULES, PILLARS, models_ledger, top500_ai_compute
from indicators.updates.overrides import reapply as reapply_overrides

_PILLAR_ORDER = {p: i for i, p in enumerate((*c.PILLAR_CODES, c.CONTEXT_PILLAR))}


def indicator_table() -> pd.DataFrame:
    """Return indicators.csv as a frame, grouped by pillar then sorted by code."""
    rows = [ind.row() for module in MODULES for ind in module.INDICATORS]
    frame = pd.DataFrame(rows, columns=list(c.INDICATOR_COLUMNS))
    if frame["code"].duplicated().any():
        dups = sorted(frame.loc[frame["code"].duplicated(), "code"])
        raise BuildError(f"duplicate indicator codes: {dups}")
    order = frame["pillar"].map(_PILLAR_ORDER)
    return frame.assign(_o=order).sort_values(["_o", "code"]).drop(columns="_o")


def collect_values(ctx: Context) -> pd.DataFrame:
    """Return every value row from the pillar importers, checked and sorted."""
    frames = []
    for module in MODULES:
        codes = {ind.code for ind in module.INDICATORS}
        frame = module.load(ctx)
        unknown = set(frame["indicator"]) - codes
        if unknown:
            raise BuildError(f"{module.__name__} produced undeclared indicators {sorted(unknown)}")
        frames.append(frame.assign(file=module.PILLAR))
    values = pd.concat(frames, ignore_index=True)
    dup = values.duplicated(["iso3", "indicator", "year"], keep=False)
    if dup.any():
        first = values[dup].iloc[0]
        raise BuildError(f"duplicate value for {first['iso3']} {first['indicator']} "
                         f"{first['year']}")
    outside = set(values["iso3"]) - ctx.names.iso3s
    if outside:
        raise BuildError(f"values for countries not in countries.csv: {sorted(outside)}")
    return values.sort_values(["iso3", "indicator", "year"]).reset_index(drop=True)


def build_data(sources_dir: Path, out_dir: Path) -> CoverageReport:
    """Return the coverage report after regenerating every contract CSV in out_dir.

    Raises BuildError when a source file is missing or holds an unmapped country name.
    """
    sources_dir, out_dir = Path(sources_dir), Path(out_dir)
    if not sources_dir.is_dir():
        raise BuildError(f"sources folder {sources_dir} does not exist")
    codes = read_country_codes(sources_dir)
    countries = country_frame(codes)
    ctx = Context(sources_dir, name_table(codes, countries))
    indicators = indicator_table()
    values = collect_values(ctx)
    gdp_pc = values[values["indicator"] == "gdp_per_capita"]
    incomes = income_groups(list(countries["iso3"]), gdp_pc)
    countries = countries.assign(income_group=countries["iso3"].map(incomes))
    deps = dependencies(ctx).sort_values(["iso3", "layer", "year", "supplier"])
    strangers = set(deps["supplier"]) - ctx.names.iso3s
    if strangers:
        raise BuildError(f"dependency suppliers not in countries.csv: {sorted(strangers)}")

    write_csv(out_dir / c.PILLARS_FILE, c.PILLAR_COLUMNS,
              [dict(zip(c.PILLAR_COLUMNS, p, strict=True)) for p in PILLARS])
    write_csv(out_dir / c.INDICATORS_FILE, c.INDICATOR_COLUMNS, indicators.to_dict("records"))
    write_csv(out_dir / c.COUNTRIES_FILE, c.COUNTRY_COLUMNS, countries.to_dict("records"))
    known = set(countries["iso3"])  # a partial country list (a test's) keeps only its members
    write_csv(out_dir / c.GROUPS_FILE, c.GROUP_COLUMNS,
              sorted((r for r in group_rows() if r["iso3"] in known),
                     key=lambda r: (r["group"], r["iso3"])))
    write_csv(out_dir / c.SOURCES_FILE, c.SOURCE_COLUMNS,
              sorted(source_rows(), key=lambda r: r["source_id"]))
    for file, part in values.groupby("file", sort=True):
        write_csv(out_dir / c.VALUES_DIR / f"{file}.csv", c.VALUE_COLUMNS,
                  part.to_dict("records"))
    write_csv(out_dir / c.DEPENDENCIES_FILE, c.DEPENDENCY_COLUMNS, deps.to_dict("records"))
    models_ledger.write(sources_dir, ctx.names, out_dir)  # optional file (issue 13)
    top500_ai_compute.write(sources_dir, ctx.names, out_dir)  # optional file (issue 13)
    reapply_overrides(out_dir)  # the user's applied edits (overrides/) survive the rebuild
    return coverage(values, indicators, list(countries["iso3"]))
