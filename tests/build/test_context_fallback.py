"""Denominators and income groups for economies the World Bank has no series for (issue 12,
audit A4/A6): CLDR 37's figures, sourced and noted, PPP GDP held to a stated rule."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from build_helpers import context, value

from indicators.build.income import income_groups
from indicators.importers import context as ctx_importer


def _write_cldr(sources: Path, territories: dict[str, dict[str, str]]) -> None:
    path = sources / "cldr-territory-languages" / "territoryInfo_cldr37.json"
    info = json.loads(path.read_text(encoding="utf-8"))
    for code, figures in territories.items():
        info["supplemental"]["territoryInfo"].setdefault(code, {}).update(figures)
    path.write_text(json.dumps(info), encoding="utf-8")


def test_cldr_fills_only_the_series_wdi_lacks_with_source_and_note(sources: Path):
    _write_cldr(sources, {"TW": {"_population": "23546000", "_gdp": "1189000000000"},
                          "US": {"_population": "5", "_gdp": "7"}})
    rows = ctx_importer.load(context(sources))
    cldr = rows[rows["source_id"] == "cldr_territory"]
    # Taiwan has no WDI row in the fixture: population, GDP and their ratio come from CLDR
    assert value(cldr, "TWN", "population", 2020) == 23546000
    assert value(cldr, "TWN", "gdp_usd", 2020) == 1.189e12
    assert value(cldr, "TWN", "gdp_per_capita", 2020) == pytest.approx(1.189e12 / 23546000)
    assert cldr["note"].str.contains("CLDR 37").all()
    assert cldr[cldr["indicator"] == "gdp_usd"]["note"].str.contains("PPP").all()
    # the United States has WDI series: CLDR's figures are not used for it
    assert "USA" not in set(cldr["iso3"])


def test_ppp_gdp_per_capita_classifies_only_high_income_with_a_margin():
    gdp_pc = pd.DataFrame({
        "iso3": ["TWN", "PRK", "MID", "USA"], "year": [2020, 2020, 2020, 2024],
        "value": [50497.0, 1576.0, 20000.0, 80000.0],
        "source_id": ["cldr_territory", "cldr_territory", "cldr_territory", "wb_wdi"]})
    groups = income_groups(["TWN", "PRK", "MID", "USA", "XXX"], gdp_pc)
    # 50,497 > 2 × 13,935 = 27,870: High; 20,000 is above the threshold but not the margin
    assert groups == {"TWN": "High income", "PRK": "Not classified", "MID": "Not classified",
                      "USA": "High income", "XXX": "Not classified"}
