"""Connectivity from the cable map: partner and supplier shares by hand, the landlocked rule."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from indicators.build.dependencies import BORDER_MAP
from indicators.importers.cables import (
    Cable,
    connectivity_rows,
    landlocked_gateways,
    partner_shares,
    read_neighbours,
    supplier_shares,
)
from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.cutoff import layer_access

# Two cables land in AAA: one to BBB only, one to BBB and CCC.
ONE = Cable("one", frozenset({"AAA", "BBB"}), ("FRA",))
TWO = Cable("two", frozenset({"AAA", "BBB", "CCC"}), ("USA", "JPN"))
UNKNOWN = Cable("three", frozenset({"CCC", "DDD"}), ())


def test_partner_shares_by_hand():
    # each of AAA's 2 cables counts 1/2; cable two splits its half between BBB and CCC
    assert partner_shares("AAA", [ONE, TWO]) == pytest.approx(
        {"BBB": 1 / 2 + 1 / 4, "CCC": 1 / 4})
    assert sum(partner_shares("BBB", [ONE, TWO]).values()) == pytest.approx(1.0)


def test_supplier_shares_by_hand():
    # cable one: ASN (FRA); cable two: two suppliers, half each; a cable without one: nothing
    assert supplier_shares([ONE, TWO]) == pytest.approx(
        {"FRA": 1 / 2, "USA": 1 / 4, "JPN": 1 / 4})
    assert supplier_shares([TWO, UNKNOWN]) == pytest.approx({"USA": 1 / 4, "JPN": 1 / 4})


class TestLandlocked:
    """Land borders: LLL touches MMM (landlocked) and CCC (coastal); MMM touches DDD."""

    NEIGHBOURS: ClassVar[dict[str, set[str]]] = {
        "LLL": {"MMM", "CCC"}, "MMM": {"LLL", "DDD", "NNN"}, "NNN": {"MMM"},
        "CCC": {"LLL"}, "DDD": {"MMM"}}
    LANDED: ClassVar[set[str]] = {"CCC", "DDD"}

    def test_nearest_ring_with_landings(self):
        assert landlocked_gateways("LLL", self.NEIGHBOURS, self.LANDED) == {"CCC": 1.0}
        assert landlocked_gateways("MMM", self.NEIGHBOURS, self.LANDED) == {"DDD": 1.0}

    def test_second_ring_when_no_neighbour_has_a_landing(self):
        # NNN only touches MMM (landlocked); MMM's neighbours LLL and DDD: DDD has landings
        assert landlocked_gateways("NNN", self.NEIGHBOURS, self.LANDED) == {"DDD": 1.0}

    def test_equal_shares_and_nothing_for_an_island_without_cables(self):
        neighbours = {**self.NEIGHBOURS, "LLL": {"CCC", "DDD"}}
        assert landlocked_gateways("LLL", neighbours, self.LANDED) == {"CCC": 0.5, "DDD": 0.5}
        assert landlocked_gateways("ISL", self.NEIGHBOURS, self.LANDED) == {}

    def test_rows_never_name_the_country_itself(self):
        rows = connectivity_rows([ONE, TWO, UNKNOWN], self.NEIGHBOURS,
                                 ["AAA", "BBB", "CCC", "DDD", "LLL", "MMM", "NNN"])
        assert rows and all(row["supplier"] != row["iso3"] for row in rows)
        landlocked = {row["supplier"]: row["share"] for row in rows if row["iso3"] == "LLL"}
        assert landlocked == {"CCC": 1.0}


def test_border_map_knows_switzerlands_neighbours():
    neighbours = read_neighbours(BORDER_MAP)
    assert {"DEU", "FRA", "ITA", "AUT"} <= neighbours["CHE"]
    assert "CHE" not in neighbours["CHE"]


def test_a_cable_cut_is_a_service_lost_at_once(chain_bundle, chain_baseline):
    # fixtures/chain: DDD's only cable partner is CCC
    scenario = Scenario(cut=("CCC",), layers=("connectivity",), horizon_years=3.0)
    access = layer_access(chain_bundle, scenario, "connectivity", 2024, 3)
    assert access.loc["DDD", "lost"] == pytest.approx(1.0)
    result = score_scenario(chain_bundle, chain_baseline, scenario)
    # no scored indicator carries connectivity: scores do not move
    assert result.overall.equals(chain_baseline.overall)


class TestEnergy:
    """fixtures/chain: AAA produces 40 % of its energy, BBB 90 %; imports have no supplier."""

    def test_all_foreign_removes_the_unnamed_imports(self, chain_bundle):
        scenario = Scenario(cut=("all-foreign",), layers=("energy",))
        access = layer_access(chain_bundle, scenario, "energy", 2024, 3)
        assert access.loc["AAA", "lost"] == pytest.approx(0.6)
        assert access.loc["BBB", "lost"] == pytest.approx(0.1)
        assert access["kept"].isna().sum() == 2  # CCC, DDD have no energy row

    def test_a_named_cut_cannot_reach_unnamed_imports(self, chain_bundle):
        scenario = Scenario(cut=("BBB", "CCC"), layers=("energy",))
        access = layer_access(chain_bundle, scenario, "energy", 2024, 3)
        assert access.loc["AAA", "lost"] == pytest.approx(0.0)

    def test_posture(self, chain_bundle):
        from indicators.scenarios.posture import posture

        table = posture(chain_bundle, 2024).set_index(["iso3", "layer"])["posture"]
        assert table[("BBB", "energy")] == "control"
        # AAA imports 60 %: from whom is unknown, but it depends on imports (audit B17)
        assert table[("AAA", "energy")] == "depend"


def test_energy_rows_from_wdi_by_hand(tmp_path):
    from indicators.build.countries import country_frame, name_table, read_country_codes
    from indicators.build.observations import Context
    from indicators.build.readers import read_wdi
    from indicators.importers.energy_imports import energy_rows

    sources = Path(__file__).resolve().parents[1] / "fixtures" / "sources"
    codes = read_country_codes(sources)
    names = name_table(codes, country_frame(codes))
    rows = energy_rows(Context(sources, names))
    raw = read_wdi(sources, "EG.IMP.CONS.ZS", names).dropna(subset=["value"])
    assert len(rows) == len(raw) > 0
    for (_, row), (_, obs) in zip(rows.iterrows(), raw.iterrows(), strict=True):
        expected = 1.0 if obs["value"] < 0 else 1.0 - min(obs["value"], 100.0) / 100.0
        assert row["share"] == pytest.approx(expected)
        assert row["supplier"] == row["iso3"]
