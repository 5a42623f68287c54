"""The name table: mapped, ignored and unmapped names and codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import context

from indicators.build.errors import BuildError


def test_country_list_includes_judgement_cases(sources: Path) -> None:
    names = context(sources).names
    # independent: USA CHN FRA NAM TWN; added: HKG PSE (listed) and XKX; ABW is a territory
    assert sorted(names.iso3s) == ["CHN", "FRA", "HKG", "NAM", "PSE", "TWN", "USA", "XKX"]


def test_names_aliases_and_ignores(sources: Path) -> None:
    names = context(sources).names
    assert names.name("United States of America", "f.csv") == "USA"
    assert names.name("Hong Kong", "f.csv") == "HKG"
    assert names.name("Multinational", "f.csv") is None
    assert names.name("World", "f.csv") is None


def test_unmapped_name_is_an_error_naming_file_and_name(sources: Path) -> None:
    names = context(sources).names
    with pytest.raises(BuildError, match=r"models\.csv.*'Atlantis'"):
        names.name("Atlantis", "epoch-ai/models.csv")


def test_codes(sources: Path) -> None:
    names = context(sources).names
    assert names.code("WLD", "World", "w.csv") is None  # WB aggregate
    assert names.code("ABW", "Aruba", "w.csv") is None  # territory not in countries.csv
    assert names.code("OWID_KOS", "Kosovo", "o.csv") == "XKX"
    assert names.code("XKX", "Kosovo", "w.csv") == "XKX"
    assert names.code("", "Low-income countries", "o.csv") is None
    with pytest.raises(BuildError, match="'ZZZ'"):
        names.code("ZZZ", "Nowhere", "w.csv")


def test_iso2_keeps_namibia(sources: Path) -> None:
    names = context(sources).names
    assert names.iso2("NA", "g.csv") == "NAM"
    assert names.iso2("XK", "g.csv") == "XKX"
    assert names.iso2("EU", "g.csv") is None
    with pytest.raises(BuildError, match="'QQ'"):
        names.iso2("QQ", "g.csv")
