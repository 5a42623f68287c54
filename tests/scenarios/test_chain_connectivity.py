"""Connectivity from the cable map: partner and supplier shares by hand, the landlocked rule."""

from __future__ import annotations

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
