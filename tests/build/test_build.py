"""build_data end to end on the fixtures: determinism, contract rules, dependencies."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators import contract as c
from indicators.build import BuildError, CoverageReport, build_data
from indicators.build.income import income_label
from indicators.build.writer import format_number


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_build_is_byte_identical(sources: Path, tmp_path: Path) -> None:
    first = build_data(sources, tmp_path / "a")
    second = build_data(sources, tmp_path / "b")
    assert isinstance(first, CoverageReport)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert first.to_text() == second.to_text()
    expected = {c.PILLARS_FILE, c.INDICATORS_FILE, c.COUNTRIES_FILE, c.GROUPS_FILE,
                c.SOURCES_FILE, c.DEPENDENCIES_FILE, "values/data.csv", "values/compute.csv",
                "values/models.csv", "values/industry.csv", "values/context.csv",
                "models_ledger.csv",  # optional files of the scenarios (issue 13)
                "ai_compute_top500.csv"}
    assert set(_files(tmp_path / "a")) == expected


@pytest.fixture
def built(sources: Path, tmp_path: Path) -> Path:
    out = tmp_path / "data"
    build_data(sources, out)
    return out


def _values(out: Path) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, keep_default_na=False) for p in
                      sorted((out / c.VALUES_DIR).glob("*.csv"))], ignore_index=True)


def test_contract_rules_hold(built: Path) -> None:
    countries = pd.read_csv(built / c.COUNTRIES_FILE, keep_default_na=False)
    indicators = pd.read_csv(built / c.INDICATORS_FILE, keep_default_na=False)
    sources = pd.read_csv(built / c.SOURCES_FILE, keep_default_na=False)
    values = _values(built)
    deps = pd.read_csv(built / c.DEPENDENCIES_FILE, keep_default_na=False)
    assert tuple(values.columns) == c.VALUE_COLUMNS
    assert set(values["iso3"]) <= set(countries["iso3"])
    assert set(values["indicator"]) <= set(indicators["code"])
    assert set(values["source_id"]) | set(indicators["source_id"]) <= set(sources["source_id"])
    assert not values.duplicated(["iso3", "indicator", "year"]).any()
    assert all(c.CODE_PATTERN.match(code) for code in indicators["code"])
    assert set(deps["supplier"]) <= set(countries["iso3"])
    assert deps["share"].between(0, 1).all()
    # each source is its own basis for a layer (as sovai validate checks)
    assert deps.groupby(["iso3", "layer", "year", "source_id"])["share"].sum().max() <= 1 + 1e-9
    for path in [built / c.INDICATORS_FILE, *(built / c.VALUES_DIR).glob("*.csv")]:
        assert b"\r\n" not in path.read_bytes()


def test_census_zero_for_every_country(built: Path) -> None:
    values = _values(built)
    countries = pd.read_csv(built / c.COUNTRIES_FILE, keep_default_na=False)
    sel = values[(values["indicator"] == "top500_rmax") & (values["year"] == 2026)]
    assert len(sel) == len(countries) == 8
    assert sel.set_index("iso3")["value"]["NAM"] == 0


def test_chips_and_cloud_dependencies(built: Path) -> None:
    deps = pd.read_csv(built / c.DEPENDENCIES_FILE, keep_default_na=False)
    share = deps.set_index(["iso3", "layer", "year", "source_id", "supplier"])["share"]
    stock = "ai_accelerator_stock"  # the stated basis of the chips layers
    # France 2021 H100e: AMD 30 (USA) + Huawei 10 (CHN) = 40
    assert share["FRA", "chips", 2021, stock, "USA"] == pytest.approx(30 / 40)
    assert share["FRA", "chips", 2021, stock, "CHN"] == pytest.approx(10 / 40)
    # China's 40 H100e are all anonymized and this extract has no training hardware to
    # attribute them by: unattributed, never the country's own. The TOP500 Sunway system
    # (300 TFlop/s, a family Epoch does not list) adds 300 / 989 H100e (its FP64 speed over
    # the H100's 16-bit peak), domestic.
    sunway = 300 / 989
    assert share["CHN", "chips", 2025, stock, "CHN"] == pytest.approx(sunway / (40 + sunway))
    assert ("CHN", "chips", 2025, stock, "USA") not in share.index
    # the Rmax basis of the top500_rmax indicator: Sunway 300 of 300
    assert share["CHN", "chips", 2025, "top500", "CHN"] == 1.0
    assert ("CHN", "chips", 2021, "top500", "USA") not in share.index
    # France 2025 cloud: Azure (USA) + Huawei (CHN) → 1/2 each; one basis (TeleGeography):
    # the 14-provider list (no Chinese provider) gives no 2026 row
    assert share["FRA", "cloud", 2025, "cloud_regions_telegeography", "USA"] == 0.5
    assert share["FRA", "cloud", 2025, "cloud_regions_telegeography", "CHN"] == 0.5
    assert set(deps.loc[deps["layer"] == "cloud", "year"]) == {2025}


def test_countries_regions_income_groups(built: Path) -> None:
    countries = pd.read_csv(built / c.COUNTRIES_FILE, keep_default_na=False).set_index("iso3")
    assert countries.loc["XKX", "region"] == "Southern Europe"
    assert countries.loc["USA", "name"] == "United States"
    # 2024 GDP per capita against FY2026 thresholds 1,135 / 4,495 / 13,935
    assert countries.loc["USA", "income_group"] == "High income"  # 85,000
    assert countries.loc["CHN", "income_group"] == "Upper middle income"  # 13,300 (2024)
    assert countries.loc["NAM", "income_group"] == "Lower middle income"  # 4,400
    assert countries.loc["PSE", "income_group"] == "Low income"  # 1,100
    assert countries.loc["XKX", "income_group"] == "Not classified"  # only 2025 data
    assert countries.loc["TWN", "income_group"] == "Not classified"  # not in WDI


def test_income_thresholds_inclusive() -> None:
    assert income_label(1135) == "Low income"
    assert income_label(1135.01) == "Lower middle income"
    assert income_label(13935) == "Upper middle income"
    assert income_label(13935.5) == "High income"


def test_float_format() -> None:
    assert format_number(0.1 + 0.2) == "0.3"
    assert format_number(1417492000.0) == "1417492000"
    assert format_number(2e23) == "2e+23"
    assert format_number(-0.0) == "0"


def test_unmapped_name_stops_the_build(sources: Path, tmp_path: Path) -> None:
    path = sources / "epoch-ai" / "gpu_clusters.csv"
    path.write_text(path.read_text() + "X,Existing,True,Atlantis,2021-01-01,5,NVIDIA,\n")
    with pytest.raises(BuildError, match=r"gpu_clusters\.csv.*'Atlantis'"):
        build_data(sources, tmp_path / "out")


def test_missing_source_is_a_build_error(sources: Path, tmp_path: Path) -> None:
    (sources / "worldbank-wdi" / "SP.POP.TOTL.csv").unlink()
    with pytest.raises(BuildError, match=r"SP\.POP\.TOTL"):
        build_data(sources, tmp_path / "out")


def test_sanity_reads_back_the_same_coverage(sources: Path, tmp_path: Path) -> None:
    from indicators.build.sanity import problems, read_coverage

    report = build_data(sources, tmp_path / "data")
    again = read_coverage(tmp_path / "data")
    assert again.pillar_ready == report.pillar_ready
    assert again.counts == report.counts
    assert problems(again, minimum=0) == []
    assert problems(again, minimum=100)  # 8 fixture countries can never reach 100
