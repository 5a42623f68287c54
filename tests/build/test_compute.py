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
    assert "top500_systems" not in set(values["indicator"])  # one TOP500 measure since issue 12
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


def test_gpu_cluster_phases_count_each_site_once(values) -> None:  # type: ignore[no-untyped-def]
    # The fixture's "US site" has cumulative phases: Phase 1 (20, 2022) is superseded by
    # Phase 2 (60, 2023), itself superseded by Phase 3 (90, 2024), whose successor Phase 4
    # is only planned. Hand count of distinct sites: "US old" 100, "US TPU" 50, "US site" at
    # its latest operational phase.
    assert value(values, "USA", "gpu_cluster_h100e", 2022) == 100 + 50 + 20
    assert value(values, "USA", "gpu_cluster_h100e", 2023) == 100 + 50 + 60
    assert value(values, "USA", "gpu_cluster_h100e", 2024) == 100 + 50 + 90  # not +20+60


def test_gpu_clusters_are_a_sample_absent_is_missing(values) -> None:  # type: ignore[no-untyped-def]
    clusters = values[values["indicator"] == "gpu_cluster_h100e"]
    # only countries with a listed operational cluster have a value, and only from that year
    assert sorted(set(clusters["iso3"])) == ["CHN", "FRA", "USA"]
    assert sorted(clusters.loc[clusters["iso3"] == "FRA", "year"])[0] == 2020
    assert not (clusters["value"] == 0).any()
    # TWN's only cluster is outside Epoch's standard analysis: unobserved, not 0
    assert "TWN" not in set(clusters["iso3"])


def test_cloud_regions(values, sources: Path) -> None:  # type: ignore[no-untyped-def]
    assert value(values, "USA", "cloud_regions", 2025) == 2  # AWS + Azure
    assert value(values, "CHN", "cloud_regions", 2025) == 1  # Azure Beijing not in service
    assert value(values, "HKG", "cloud_regions", 2025) == 2  # Hong Kong metro → HKG
    assert value(values, "NAM", "cloud_regions", 2025) == 0
    # the 14-provider list is no longer scored (issue 12) but still feeds the cloud ledger
    assert "cloud_regions_gpu" not in set(values["indicator"])
    ctx = context(sources)
    gpu = compute.read_cloud_14(ctx.sources, ctx.names)
    gpu = gpu[gpu["gpu"]]
    assert (gpu["iso3"] == "FRA").sum() == 1  # OVH; Scaleway has no GPU
    assert (gpu["iso3"] == "TWN").sum() == 0  # preview region not counted


def test_wdi_ignores_aggregates_territories_and_blanks(values) -> None:  # type: ignore[no-untyped-def]
    sel = values[values["indicator"] == "net_energy_imports"]
    assert sorted(set(sel["iso3"])) == ["CHN", "FRA", "USA"]  # ABW (territory) dropped
    assert value(values, "USA", "net_energy_imports", 2022) == -10.0


def test_electricity_demand_from_ember(values) -> None:  # type: ignore[no-untyped-def]
    # Ember's demand_twh (fixture rows are real Ember rows): a capacity in the scale view
    assert value(values, "TWN", "electricity_demand", 2024) == pytest.approx(288.35)
    assert value(values, "XKX", "electricity_demand", 2023) == pytest.approx(7.12)
    sel = values[values["indicator"] == "electricity_demand"]
    assert sorted(set(sel["iso3"])) == ["FRA", "TWN", "USA", "XKX"]  # "World" has no ISO3
    assert sel["year"].min() == 2022  # 2018 is before the series start (2019)
    assert set(sel["source_id"]) == {"ember_electricity"}


def test_energy_indicators_weigh_one_compute_indicator_together() -> None:
    weights = {ind.code: ind.weight for ind in compute.INDICATORS}
    energy = ("electricity_demand", "net_energy_imports", "electricity_access")
    assert sum(weights[c] for c in energy) == pytest.approx(1.0)
    assert all(weights[c] == 1.0 for c in ("gpu_cluster_h100e", "top500_rmax", "cloud_regions"))
