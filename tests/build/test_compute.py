"""Compute importers on the fixture files (TOP500, Epoch clusters, cloud regions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import context, value

from indicators.build.errors import BuildError
from indicators.importers import compute
from indicators.importers.chips import top500_designer


@pytest.fixture
def values(sources: Path):  # type: ignore[no-untyped-def]
    return compute.load(context(sources))


def test_top500_uses_each_years_latest_list(values) -> None:  # type: ignore[no-untyped-def]
    # 2025: the Nov list (202511) replaces Jun; USA = 1000 + 500 = 1500 (the Jun 100 is gone)
    assert value(values, "USA", "top500_rmax", 2025) == 1000.0 + 500.0
    assert value(values, "USA", "top500_systems", 2025) == 2
    assert value(values, "CHN", "top500_rmax", 2025) == 300.0
    assert value(values, "FRA", "top500_rmax", 2026) == 250.0
    # census: absent countries have an explicit 0 in every list year
    assert value(values, "NAM", "top500_rmax", 2025) == 0.0
    assert value(values, "USA", "top500_rmax", 2026) == 0.0
    years = sorted(set(values.loc[values["indicator"] == "top500_rmax", "year"]))
    assert years == [2025, 2026]


def test_chip_designers() -> None:
    assert top500_designer("", "Sunway SW26010", "t") == "CHN"
    assert top500_designer("", "A64FX 48C", "t") == "JPN"
    assert top500_designer("NVIDIA H100", "Xeon", "t") == "USA"
    with pytest.raises(BuildError, match="Mystery"):
        top500_designer("Mystery chip", "", "t")


def test_gpu_cluster_stock(values) -> None:  # type: ignore[no-untyped-def]
    # USA: 100 (2018) counts from 2019; + 50 (2021) → 2021 stock 150
    assert value(values, "USA", "gpu_cluster_h100e", 2019) == 100.0
    assert value(values, "USA", "gpu_cluster_h100e", 2021) == 100.0 + 50.0
    # FRA: 30 (2020) + 10 (2021); the planned 999 is excluded
    assert value(values, "FRA", "gpu_cluster_h100e", 2020) == 30.0
    assert value(values, "FRA", "gpu_cluster_h100e", 2021) == 30.0 + 10.0
    # TWN's only cluster is outside Epoch's standard analysis → census 0
    assert value(values, "TWN", "gpu_cluster_h100e", 2021) == 0.0
    assert value(values, "CHN", "gpu_cluster_h100e", 2019) == 0.0


def test_cloud_regions(values) -> None:  # type: ignore[no-untyped-def]
    assert value(values, "USA", "cloud_regions", 2025) == 2  # AWS + Azure
    assert value(values, "CHN", "cloud_regions", 2025) == 1  # Azure Beijing not in service
    assert value(values, "HKG", "cloud_regions", 2025) == 2  # Hong Kong metro → HKG
    assert value(values, "NAM", "cloud_regions", 2025) == 0
    assert value(values, "FRA", "cloud_regions_gpu", 2026) == 1  # OVH; Scaleway has no GPU
    assert value(values, "TWN", "cloud_regions_gpu", 2026) == 0  # preview region not counted


def test_wdi_ignores_aggregates_territories_and_blanks(values) -> None:  # type: ignore[no-untyped-def]
    sel = values[values["indicator"] == "net_energy_imports"]
    assert sorted(sel["iso3"]) == ["FRA", "USA"]  # ABW (territory) dropped
    assert value(values, "USA", "net_energy_imports", 2022) == -10.0
    assert not ((values["indicator"] == "electricity_per_capita")
                & (values["year"] == 2019)).any()  # the blank 2019 value is missing
