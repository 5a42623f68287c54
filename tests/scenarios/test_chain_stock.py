"""The chips layers' one basis (issue 12): the AI accelerator stock in H100e, by chip family.

Fixture tests compute the shares by hand; shipped-data tests check the answers an expert
would expect of the real ledger (China's anonymised clusters, Japan's own supercomputers, one
cloud basis).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from indicators import load, score
from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.importers import accelerator_stock as stock_mod
from indicators.importers import chip_stages
from indicators.scenarios import PRESETS, score_scenario
from indicators.scenarios.ledger import ledger_as_of, summarise
from indicators.scenarios.narrative import country_paragraph

DATA = Path(__file__).resolve().parents[2] / "data"
STOCK = stock_mod.SOURCE_ID


def _rows(items: list[tuple[str, int, object, float, str]]) -> pd.DataFrame:
    return pd.DataFrame(items, columns=["iso3", "year", "family", "h100e", "origin"])


def _shares(deps: pd.DataFrame) -> dict[tuple[str, str, str], float]:
    return {(r.iso3, r.layer, r.supplier): r.share for r in deps.itertuples()}


class TestAttribution:
    """Undisclosed chips: the country's disclosed mix, else its models' training hardware,
    else unattributed; never the country itself by default."""

    def test_undisclosed_by_the_countrys_disclosed_clusters(self):
        rows = _rows([("AAA", 2025, chip_stages.NVIDIA, 30.0, "epoch"),
                      ("AAA", 2025, chip_stages.HUAWEI_ASCEND, 10.0, "epoch"),
                      ("AAA", 2025, None, 20.0, "epoch")])
        spread, record = stock_mod._attribute(rows, pd.DataFrame(
            columns=["iso3", "year", "supplier", "flop"]))
        stock = stock_mod.Stock(spread, record)
        shares = _shares(stock_mod.stage_rows(stock))
        # 20 undisclosed split 30:10 → NVIDIA 45, Ascend 15 of 60
        assert shares["AAA", "chips", "USA"] == pytest.approx(45 / 60)
        assert shares["AAA", "chips", "CHN"] == pytest.approx(15 / 60)
        assert shares["AAA", "chips_fab", "TWN"] == pytest.approx(45 / 60)   # TSMC
        assert shares["AAA", "chips_fab", "CHN"] == pytest.approx(15 / 60)   # SMIC
        assert shares["AAA", "chips_memory", "KOR"] == pytest.approx(45 / 60)
        assert ("AAA", "chips_memory", "CHN") not in shares  # Ascend's HBM: undisclosed
        assert record.loc[0, "rule"] == stock_mod.BY_COUNTRY

    def test_all_undisclosed_by_training_hardware(self):
        rows = _rows([("BBB", 2025, None, 100.0, "epoch")])
        training = pd.DataFrame({"iso3": ["BBB", "BBB", "BBB", "CCC"],
                                 "year": [2024, 2025, 2026, 2025],
                                 "supplier": ["NVIDIA", "Huawei", "Huawei", "Google"],
                                 "flop": [3e24, 1e24, 9e24, 5e24]})
        spread, record = stock_mod._attribute(rows, training)
        deps = stock_mod.stage_rows(stock_mod.Stock(spread, record), ("chips",))
        shares = _shares(deps)
        # models published up to 2025 only (2026's 9e24 is later): 3 : 1
        assert shares["BBB", "chips", "USA"] == pytest.approx(0.75)
        assert shares["BBB", "chips", "CHN"] == pytest.approx(0.25)
        assert record.loc[0, "rule"] == stock_mod.BY_TRAINING
        assert deps["note"].str.contains("100% of the accelerator stock (100 H100e) runs "
                                         "chips Epoch does not disclose", regex=False).all()

    def test_nothing_to_attribute_by_stays_unattributed(self):
        rows = _rows([("DDD", 2025, None, 50.0, "epoch"),
                      ("DDD", 2025, chip_stages.CHINESE_HPC, 2.0, "top500")])
        spread, record = stock_mod._attribute(rows, pd.DataFrame(
            columns=["iso3", "year", "supplier", "flop"]))
        shares = _shares(stock_mod.stage_rows(stock_mod.Stock(spread, record), ("chips",)))
        # only the TOP500 system is attributed: 2 of 52; the 50 are not the country's own
        assert shares == {("DDD", "chips", "CHN"): pytest.approx(2 / 52)}
        assert record.loc[0, "rule"] == stock_mod.UNATTRIBUTED


def test_training_hardware_by_compute(tmp_path: Path) -> None:
    folder = tmp_path / "epoch-ai"
    folder.mkdir()
    pd.DataFrame({
        "Model": ["m1", "m2", "m3", "m4"],
        "Publication date": ["2024-05-01", "2025-01-01", "2018-01-01", "2025-02-02"],
        "Country (of organization)": ["China", "China,United States of America", "China",
                                      "China"],
        "Training hardware": ["NVIDIA H800 SXM5", "NVIDIA A800 PCIe,Ascend (昇腾) 910B",
                              "Huawei Ascend 910", "Mystery chip"],
        "Training compute (FLOP)": ["4e24", "2e24", "1e24", "1e24"],
    }).to_csv(folder / stock_mod.MODELS_FILE, index=False)
    names = NameTable({"CHN": "China", "USA": "United States"}, [],
                      {"CN": "CHN", "US": "USA"})
    got = stock_mod.training_families(tmp_path, names)
    china = got[got["iso3"] == "CHN"].groupby("supplier")["flop"].sum()
    # m2's 2e24 split over its two chips, counted for both countries; m3 is before 2019;
    # m4's chip names no known designer
    assert china.to_dict() == {"NVIDIA": pytest.approx(5e24), "Huawei": pytest.approx(1e24)}
    assert got[got["iso3"] == "USA"]["flop"].sum() == pytest.approx(2e24)


def test_the_unit_check_stops_a_changed_h100_unit(tmp_path: Path) -> None:
    folder = tmp_path / "epoch-ai"
    folder.mkdir()
    frame = pd.DataFrame({"Chip type (primary)": ["NVIDIA H100 SXM5 80GB"],
                          "Max OP/s": ["9.119232e18"], "H100 equivalents": ["4608"]})
    frame.to_csv(folder / "gpu_clusters.csv", index=False)  # Eos, as in Epoch's file
    stock_mod.check_h100_unit(tmp_path)
    frame.assign(**{"H100 equivalents": ["2304"]}).to_csv(folder / "gpu_clusters.csv",
                                                          index=False)
    with pytest.raises(BuildError, match="Epoch changed its unit"):
        stock_mod.check_h100_unit(tmp_path)


def test_families_epoch_lists() -> None:
    # Epoch lists GPU families itself; CPU and vector systems only come from TOP500
    assert chip_stages.NVIDIA.family in stock_mod.EPOCH_LISTED
    assert chip_stages.FUJITSU_A64FX.family not in stock_mod.EPOCH_LISTED
    assert chip_stages.CHINESE_HPC.family not in stock_mod.EPOCH_LISTED


@pytest.fixture(scope="module")
def shipped():
    bundle = load(DATA)
    return bundle, score(bundle)


class TestShipped:
    """What an expert would expect of the shipped ledger and of the presets on it."""

    def test_one_basis_per_layer_and_year(self, shipped):
        bundle, _ = shipped
        summary = summarise(ledger_as_of(bundle, 2026))
        chips = summary[summary["layer"].isin(["chips", "chips_fab", "chips_packaging",
                                                "chips_memory"])]
        assert set(chips["source_id"]) == {STOCK}
        cloud = summary[summary["layer"] == "cloud"]
        assert set(cloud["source_id"]) == {"cloud_regions_telegeography"}
        deps = bundle.dependencies
        assert set(deps.loc[deps["layer"] == "cloud", "source_id"]) == {
            "cloud_regions_telegeography"}
        # every country with a chip on either list has rows on the stated basis
        on_top500 = set(deps.loc[(deps["layer"] == "chips") & (deps["source_id"] == "top500"),
                                 "iso3"])
        on_stock = set(deps.loc[(deps["layer"] == "chips") & (deps["source_id"] == STOCK),
                                "iso3"])
        assert on_top500 <= on_stock

    def test_china_cloud_is_mostly_chinese(self, shipped):
        summary = summarise(ledger_as_of(shipped[0], 2026)).set_index(["iso3", "layer"])
        assert summary.at[("CHN", "cloud"), "domestic"] > 0.5   # Alibaba, Huawei, Tencent

    def test_japans_own_supercomputers_are_on_the_basis(self, shipped):
        deps = shipped[0].dependencies
        jpn = deps[(deps["iso3"] == "JPN") & (deps["layer"] == "chips")
                   & (deps["source_id"] == STOCK) & (deps["year"] == 2026)]
        home = jpn.set_index("supplier")["share"]
        # Fugaku (A64FX), NEC vector engines and PEZY: visible, small next to its GPU clusters
        assert 0.005 < home["JPN"] < 0.1
        assert home["USA"] > 0.9

    def test_us_export_controls_hit_china(self, shipped):
        bundle, baseline = shipped
        result = score_scenario(bundle, baseline, PRESETS["us-export-controls"])
        lost = float(result.cut.share.at["CHN", "gpu_cluster_h100e"])
        deps = bundle.dependencies
        stated = deps[(deps["iso3"] == "CHN") & (deps["layer"] == "chips")
                      & (deps["source_id"] == STOCK) & (deps["year"] == 2026)]
        not_us = float(stated.loc[stated["supplier"] != "USA", "share"].sum())
        # China loses a larger share of its AI compute than it keeps from non-US designers
        assert lost > not_us
        assert lost > 0.5
        # a visible fall of its compute pillar (on the log scale 30,000 H100e kept is still
        # the second-largest listed stock, so it falls less than an all-US country's)
        drop = baseline.pillars.at["CHN", "compute"] - result.pillars.at["CHN", "compute"]
        assert drop > 2
        assert result.raw.at["CHN", "gpu_cluster_h100e"] == pytest.approx(
            baseline.raw.at["CHN", "gpu_cluster_h100e"] * (1 - lost))
        text = country_paragraph(result, "CHN")
        assert "runs chips Epoch does not disclose" in text, text
        # its TOP500 systems (Sunway, LX2) are its own designs: barely cut
        assert result.cut.share.at["CHN", "top500_rmax"] < 0.1

    def test_us_export_controls_hit_all_us_dependent_countries_fully(self, shipped):
        bundle, baseline = shipped
        result = score_scenario(bundle, baseline, PRESETS["us-export-controls"])
        for iso3 in ("GBR", "FRA", "KOR", "IND"):
            assert result.cut.share.at[iso3, "gpu_cluster_h100e"] > 0.95, iso3

    def test_uncut_countries_are_named_in_the_warning(self, shipped):
        # Ireland's and Morocco's TOP500 systems are Intel Xeon only: no fab is attributed
        # (Intel's own fabs, which the name does not say), so a Taiwan cut cannot reach them
        bundle, baseline = shipped
        result = score_scenario(bundle, baseline, PRESETS["taiwan-strait"])
        warning = next(w for w in result.warnings if w.startswith("Supercomputing capacity"))
        assert "(Ireland, Morocco)" in warning, warning


def test_a_ledger_from_before_the_one_basis_reads_its_gpu_cluster_rows() -> None:
    """A data directory valid before issue 12 (chips rows of epoch_gpu_clusters and top500)
    stays summarised on its GPU-cluster rows, not on its later TOP500 rows."""
    from indicators.scenarios.ledger import layer_basis, layer_ledger

    ledger = pd.DataFrame({
        "iso3": ["AAA", "AAA", "AAA"], "layer": ["chips"] * 3,
        "supplier": ["USA", "AAA", "AAA"], "year": [2025, 2026, 2026],
        "share": [0.8, 1.0, 0.2],
        "source_id": ["epoch_gpu_clusters", "top500", "ai_accelerator_stock"],
        "note": [""] * 3})
    old = ledger.iloc[:2]
    assert layer_basis(old) == {"chips": "epoch_gpu_clusters"}
    assert layer_ledger(old)["source_id"].tolist() == ["epoch_gpu_clusters"]
    assert layer_basis(ledger) == {"chips": STOCK}
    assert layer_ledger(ledger)["source_id"].tolist() == [STOCK]
