"""Posture map: the stated rule by hand, on fixtures/chain, and on the shipped data."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import load
from indicators.scenarios.posture import LABELS, WORLD_BASIS, label, posture, posture_matrix

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize(("domestic", "top", "unattributed", "expected"), [
    (0.4, 0.6, 0.0, "depend"),        # one foreign supplier holds 60 %
    (0.0, 0.5, 0.5, "depend"),        # exactly half is enough
    (0.6, 0.3, 0.1, "control"),
    (0.2, 0.3, 0.2, "steer"),         # 0.2 + 0.3 + 0.3 (others) + 0.2 unattributed
    (0.1, 0.2, 0.6, "unattributed"),  # most of the layer has no named supplier
])
def test_rule(domestic, top, unattributed, expected):
    assert label(domestic, top, unattributed) == expected


@pytest.fixture(scope="module")
def chain_posture(chain_bundle):
    return posture(chain_bundle, 2024).set_index(["iso3", "layer"])


def test_fixture_by_hand(chain_posture):
    # CCC chips (design): AAA 0.2, DDD 0.8 → depend on DDD
    assert chain_posture.loc[("CCC", "chips"), "posture"] == "depend"
    assert chain_posture.loc[("CCC", "chips"), "top_supplier"] == "DDD"
    # BBB chips: AAA 0.5, BBB 0.5 → depend (a foreign supplier at half)
    assert chain_posture.loc[("BBB", "chips"), "posture"] == "depend"
    # DDD chips: all domestic → control
    assert chain_posture.loc[("DDD", "chips"), "posture"] == "control"
    # CCC fab: BBB 0.7 → depend; BBB fab: all domestic → control
    assert chain_posture.loc[("CCC", "chips_fab"), "posture"] == "depend"
    assert chain_posture.loc[("BBB", "chips_fab"), "posture"] == "control"


def test_a_country_without_stock_takes_the_world_stock(chain_posture):
    # AAA has no chips_fab rows; the world stock weights are unknown in the fixture (no
    # gpu_cluster_h100e indicator), so each country with rows weighs the same:
    # BBB 1.0 BBB; CCC 0.7 BBB + 0.3 CCC; DDD 0.25 BBB → BBB (1 + 0.7 + 0.25) / 3 = 0.65
    row = chain_posture.loc[("AAA", "chips_fab")]
    assert row["basis"] == WORLD_BASIS
    assert row["top_supplier"] == "BBB"
    assert row["top_share"] == pytest.approx((1 + 0.7 + 0.25) / 3)
    assert row["posture"] == "depend"


def test_every_country_and_layer_has_a_label_and_none_depends_on_itself(chain_bundle,
                                                                        chain_posture):
    layers = set(chain_bundle.dependencies["layer"])
    assert len(chain_posture) == len(chain_bundle.countries) * len(layers)
    assert set(chain_posture["posture"]) <= set(LABELS)
    iso3 = chain_posture.index.get_level_values("iso3")
    assert (chain_posture["top_supplier"].to_numpy() != iso3.to_numpy()).all()


@pytest.fixture(scope="module")
def matrix():
    return posture_matrix(posture(load(DATA)))


class TestShipped:
    """What an expert would expect of the shipped ledger."""

    def test_known_chokepoints(self, matrix):
        assert matrix.loc["USA", "chips_fab"] == "depend"       # TSMC
        assert matrix.loc["TWN", "chips_fab"] == "control"
        assert matrix.loc["KOR", "chips_memory"] == "control"   # SK hynix, Samsung
        assert matrix.loc["NLD", "chips_tools_lithography"] == "control"    # ASML
        assert matrix.loc["JPN", "chips_tools_resist"] == "control"         # Tokyo Electron
        assert matrix.loc["DEU", "chips_tools_lithography"] == "depend"
        assert matrix.loc["DEU", "chips_tools"] == "depend"
        # a fab needs every tool: even the Netherlands depends (on Japanese resist tools)
        assert matrix.loc["NLD", "chips_tools"] == "depend"
        assert matrix.loc["USA", "chips"] == "control"

    def test_one_basis_china_estimated_not_flipped_by_one_top500_row(self, matrix):
        # Epoch lists China's clusters as "Anonymized": the stated basis attributes them by
        # the hardware China's large-scale models were trained on (mostly NVIDIA, some
        # Huawei Ascend), whatever the June 2026 TOP500 list's one new LX2 system says
        assert matrix.loc["CHN", "chips"] == "depend"
        assert matrix.loc["CHN", "chips_fab"] == "depend"     # NVIDIA's GPUs: TSMC, Taiwan
        deps = load(DATA).dependencies
        stated = deps[(deps["iso3"] == "CHN") & (deps["layer"] == "chips")
                      & (deps["source_id"] == "ai_accelerator_stock")]
        us = stated[stated["supplier"] == "USA"].set_index("year")["share"]
        assert abs(us[2026] - us[2025]) < 0.02
        assert stated["note"].str.contains("runs chips Epoch does not disclose").all()

    def test_cloud_of_unlisted_providers_is_unattributed_not_foreign(self, matrix):
        # the lists name no Korean provider (Naver, KT, NHN): not "100 % US"
        assert matrix.loc["KOR", "cloud"] == "unattributed"
        assert matrix.loc["USA", "cloud"] == "control"
        assert matrix.loc["CHN", "cloud"] == "control"

    def test_every_ranked_country_has_every_layer(self, matrix):
        from indicators import score
        ranked = score(load(DATA)).rank.dropna().index
        assert matrix.loc[ranked].notna().all().all()
        assert len(ranked) >= 150


def test_ledger_summary_says_listed_providers_only():
    from indicators.scenarios.ledger import ledger_as_of, summarise

    bundle = load(DATA)
    summary = summarise(ledger_as_of(bundle, bundle.latest_year)).set_index(["iso3", "layer"])
    assert bool(summary.loc[("KOR", "cloud"), "listed_only"])
    assert "not in the list" in summary.loc[("KOR", "cloud"), "single_point"]
    assert not bool(summary.loc[("USA", "cloud"), "listed_only"])
    assert not summary.loc[(slice(None), "chips"), "listed_only"].any()


def test_the_tools_group_reads_its_binding_category():
    table = posture(load(DATA)).set_index(["iso3", "layer"])
    # the most concentrated category held abroad binds (CSET/ETO 2025): resist processing,
    # 95 % Japanese, for the Netherlands (and the USA); for Japan, US ion implanters (85 %),
    # ahead of Dutch lithography (81 %)
    nld = table.loc[("NLD", "chips_tools")]
    assert (nld["binding"], nld["top_supplier"]) == ("chips_tools_resist", "JPN")
    assert nld["top_share"] == pytest.approx(0.952, abs=0.002)
    assert table.loc[("USA", "chips_tools"), "binding"] == "chips_tools_resist"
    jpn = table.loc[("JPN", "chips_tools")]
    assert (jpn["binding"], jpn["top_supplier"]) == ("chips_tools_implant", "USA")
    assert jpn["top_share"] == pytest.approx(0.847, abs=0.002)
    assert table.loc[("USA", "chips_fab"), "binding"] == ""


def test_shipped_posture_never_names_the_country_as_its_own_foreign_supplier():
    table = posture(load(DATA))
    assert (table["top_supplier"] != table["iso3"]).all()
    assert set(table["posture"]) <= set(LABELS)
