"""The ledger on screen says what each row counts and shows energy imports as foreign
(audit B17, B18, C5)."""

from __future__ import annotations

from pathlib import Path

from indicators import load
from indicators.scenarios.layers import basis_label
from indicators.scenarios.posture import posture

DATA = Path(__file__).resolve().parents[2] / "data"


def test_basis_labels_say_what_is_counted() -> None:
    assert basis_label("ai_accelerator_stock", "chips_fab") == (
        "fabs of the AI accelerators in its GPU clusters and supercomputers")
    assert basis_label("cset_eto_chip_supply_chain", "chips_tools_etch") == (
        "world market shares of the tool makers (CSET/ETO)")
    assert basis_label("no_such_source", "chips") == "no_such_source"


def test_country_ledger_shows_bases_in_words_and_energy_imports() -> None:
    from dashboard.components.ledger import ledger_section

    bundle = load(DATA)
    deps = bundle.dependencies
    energy = deps[(deps["iso3"] == "JPN") & (deps["layer"] == "energy")]
    domestic = float(energy.loc[energy["year"] == energy["year"].max(), "share"].iloc[0])
    text = str(ledger_section(bundle, "JPN"))
    assert f"{1 - domestic:.0%} imported (supplier not named)" in text
    assert "fabs of the AI accelerators in its GPU clusters and supercomputers" in text
    for raw in ("epoch_gpu_clusters", "cset_eto_chip_supply_chain", "ai_accelerator_stock",
                "cloud_regions_telegeography"):
        assert raw not in text, raw
    assert domestic < 0.5  # Japan imports most of its energy


def test_energy_importers_depend() -> None:
    table = posture(load(DATA)).set_index(["iso3", "layer"])["posture"]
    for iso3 in ("JPN", "KOR", "SGP"):
        assert table[(iso3, "energy")] == "depend", iso3
    assert table[("NOR", "energy")] == "control"


def test_a_net_energy_exporter_imports_nothing() -> None:
    from dashboard.components.ledger import ledger_section

    bundle = load(DATA)
    text = str(ledger_section(bundle, "NOR"))
    assert "0% imported" not in text
