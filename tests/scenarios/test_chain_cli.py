"""`sovai scenario` with chip stages, horizons and supply-chain presets; `sovai posture`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.scenarios import Scenario
from indicators.scenarios.presets import PRESETS

CHAIN_DIR = Path(__file__).parent / "fixtures" / "chain"
DATA = Path(__file__).resolve().parents[2] / "data"


def run(capsys, *args: str, data: Path = CHAIN_DIR) -> tuple[int, str, str]:
    code = main([args[0], "--data-dir", str(data), *args[1:]])
    out, err = capsys.readouterr()
    return code, out, err


def rows(out: str) -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}


def test_taiwan_fab_cut_lowers_compute_of_40_countries(capsys):
    code, out, _ = run(capsys, "scenario", "--cut", "TWN", "--layers", "chips_fab",
                       "--format", "csv", data=DATA)
    assert code == 0
    table = rows(out)
    hit = [iso3 for iso3, r in table.items() if r["compute"] and r["compute_floor"]
           and float(r["compute"]) - float(r["compute_floor"]) >= 1.0]
    assert len(hit) >= 40


def test_horizon_flag_halves_the_cut_hardware(capsys):
    # fixtures/chain: CCC c1 = 30, 0.7 fabricated in BBB; 3 of 6 years → 0.35 lost
    _, strict, _ = run(capsys, "scenario", "--cut", "BBB", "--layers", "chips_fab",
                       "--format", "csv")
    _, later, _ = run(capsys, "scenario", "--cut", "BBB", "--layers", "chips_fab",
                      "--horizon-years", "3", "--format", "csv")
    assert float(rows(later)["CCC"]["compute_floor"]) > float(rows(strict)["CCC"]["compute_floor"])


@pytest.mark.parametrize("years", ["-1", "51"])
def test_bad_horizon_is_a_usage_error(capsys, years):
    code, _, err = run(capsys, "scenario", "--cut", "BBB", "--layers", "chips_fab",
                       "--horizon-years", years)
    assert code == 2
    assert "expected a number of years from 0 to 50" in err
    assert "Traceback" not in err


def test_supply_chain_presets():
    assert PRESETS["taiwan-strait"].cut == ("TWN",)
    assert PRESETS["taiwan-strait"].layers == ("chips_fab", "chips_packaging")
    assert PRESETS["lithography-controls"].cut == ("JPN", "NLD")
    assert PRESETS["cable-cut"].layers == ("connectivity",)


def test_cable_cut_reports_connectivity_kept(capsys):
    # fixtures/chain: DDD's only partner is CCC
    code, out, _ = run(capsys, "scenario", "--preset", "cable-cut", "--cut", "CCC",
                       "--format", "csv")
    assert code == 0
    assert float(rows(out)["DDD"]["connectivity_kept"]) == pytest.approx(0.0)
    assert float(rows(out)["AAA"]["overall_floor"]) == pytest.approx(
        float(rows(out)["AAA"]["overall"]))


def test_posture_command(capsys):
    code, out, _ = run(capsys, "posture", "--wide", "--format", "csv")
    assert code == 0
    table = rows(out)
    assert table["DDD"]["chips"] == "control"
    assert table["CCC"]["chips_fab"] == "depend"
    code, _, err = run(capsys, "posture", "--layer", "nope")
    assert code == 2 and "expected one of" in err


def test_narrative_names_the_horizon():
    from indicators.scenarios.narrative import scenario_clause

    clause = scenario_clause(Scenario(cut=("TWN",), layers=("chips_fab",), horizon_years=2),
                             {"TWN": "Taiwan"})
    assert clause.endswith("2 years on (services stopped, hardware ageing out)")
    assert "years on" not in scenario_clause(Scenario(cut=("TWN",), layers=("chips_fab",)),
                                             {"TWN": "Taiwan"})
    # layer codes that are not words read by the shared label table
    assert scenario_clause(PRESETS["taiwan-strait"], {"TWN": "Taiwan"}) == (
        "If suppliers in Taiwan cut off their fabrication and packaging supply")
    assert "their chip-making tools supply" in scenario_clause(
        PRESETS["lithography-controls"], {})


def test_chips_design_is_the_chips_layer(capsys):
    assert Scenario(cut=("BBB",), layers=("chips_design", "chips_fab")).layers == (
        "chips", "chips_fab")
    code, out, _ = run(capsys, "scenario", "--cut", "DDD", "--layers", "chips_design",
                       "--format", "csv")
    assert code == 0
    # fixtures/cut: CCC gets 0.8 of its chips from DDD, c1 30 → 6 (as in test_scoring)
    assert float(rows(out)["CCC"]["compute_floor"]) == pytest.approx(31.5758, abs=1e-3)


def test_cli_names_layers_from_the_shared_table(capsys):
    import json

    code, out, _ = run(capsys, "posture", "--layer", "chips_fab", "--format", "csv")
    assert code == 0
    assert {r["layer_label"] for r in csv.DictReader(io.StringIO(out))} == {"Fabrication"}
    code, out, _ = run(capsys, "scenario", "--cut", "BBB", "--layers", "chips_tools",
                       "--format", "json")
    assert code == 0
    assert json.loads(out)["layers"] == {"chips_tools": "Chip-making tools"}
    # the group and a single tool category are both layers a scenario may name
    code, _, err = run(capsys, "scenario", "--cut", "BBB", "--layers",
                       "chips_tools_deposition", "--format", "csv")
    assert code == 0, err


def test_cable_cut_on_the_shipped_data_reports_links_kept(capsys):
    # submarine_cables carries the connectivity layer there, and the links kept still show
    code, out, _ = run(capsys, "scenario", "--preset", "cable-cut", "--format", "csv",
                       data=DATA)
    assert code == 0
    table = rows(out)
    assert float(table["JOR"]["connectivity_kept"]) == pytest.approx(0.46, abs=0.01)
    assert float(table["JOR"]["data_floor"]) < float(table["JOR"]["data"])
    assert float(table["EGY"]["connectivity_kept"]) == pytest.approx(1.0)
