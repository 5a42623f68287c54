"""Chip-making tools, the weakest link: hand-computed on fixtures/chain.

fixtures/chain's c1 (compute, chips layer): DDD 90, CCC 30. DDD's tool categories:
lithography BBB 0.5, CCC 0.4 (0.1 unattributed) · deposition AAA 0.7, BBB 0.3 ·
resist processing CCC 0.9, DDD 0.1. DDD chips_fab BBB 0.25. CCC keeps a ``chips_tools`` layer
of its own (DDD 0.8: the lithography-only ledger of older data directories), which the
``chips_tools`` group covers too.
"""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.build.errors import BuildError
from indicators.importers.chip_stages import TOOL_CATEGORIES, check_tool_categories
from indicators.scenarios import Scenario, score_scenario
from indicators.scenarios.horizon import SERVICE_LIFE_YEARS
from indicators.scenarios.layers import (
    LAYER_LABELS,
    TOOL_LAYERS,
    cut_key,
    layer_label,
    layer_phrase,
    ordered_layers,
    with_groups,
)
from indicators.scenarios.ledger import ledger_as_of, supplier_exposure
from indicators.scenarios.posture import group_rows


def _ddd(bundle, baseline, scenario: Scenario) -> float:
    return float(score_scenario(bundle, baseline, scenario).raw.loc["DDD", "c1"])


class TestWeakestLink:
    """A fab needs every tool category: the group loses the largest category share."""

    @pytest.mark.parametrize(("cut", "kept"), [
        (("BBB",), 1 - 0.5),        # lithography 0.5 binds (deposition 0.3); a sum: 0.2
        (("AAA",), 1 - 0.7),        # deposition
        (("BBB", "CCC"), 1 - 0.9),  # lithography 0.5 + 0.4 = resist 0.9; a sum: 1.2 of 1
        (("CCC",), 1 - 0.9),        # resist processing
    ])
    def test_group_cut_by_hand(self, chain_bundle, chain_baseline, cut, kept):
        assert _ddd(chain_bundle, chain_baseline,
                    Scenario(cut=cut, layers=("chips_tools",))) == pytest.approx(90 * kept)

    def test_one_category_alone(self, chain_bundle, chain_baseline):
        one = Scenario(cut=("BBB",), layers=("chips_tools_deposition",))
        assert _ddd(chain_bundle, chain_baseline, one) == pytest.approx(90 * (1 - 0.3))

    def test_with_another_stage_the_largest_still_binds(self, chain_bundle, chain_baseline):
        both = Scenario(cut=("BBB",), layers=("chips_fab", "chips_tools"))
        # fabrication 0.25, tools 0.5: the chip is lost once, at its weakest stage
        assert _ddd(chain_bundle, chain_baseline, both) == pytest.approx(90 * (1 - 0.5))

    def test_never_cut_off_from_itself_and_the_older_layer_still_counts(self, chain_bundle,
                                                                       chain_baseline):
        result = score_scenario(chain_bundle, chain_baseline,
                                Scenario(cut=("DDD",), layers=("chips_tools",)))
        assert result.raw.loc["DDD", "c1"] == pytest.approx(90)         # its own resist row
        assert result.raw.loc["CCC", "c1"] == pytest.approx(30 * (1 - 0.8))  # chips_tools

    def test_tools_are_hardware(self, chain_bundle, chain_baseline):
        half = Scenario(cut=("BBB",), layers=("chips_tools",),
                        horizon_years=SERVICE_LIFE_YEARS / 2)
        assert _ddd(chain_bundle, chain_baseline, half) == pytest.approx(90 * (1 - 0.5 * 0.5))

    def test_exposure_map_of_the_group(self, chain_bundle):
        ledger = ledger_as_of(chain_bundle, 2024)
        exposure = supplier_exposure(ledger, "BBB", "chips_tools")
        assert exposure["DDD"] == pytest.approx(0.5)     # the largest category, not 0.8


def test_group_posture_reads_the_binding_category():
    rows = [  # iso3, layer, posture, domestic, top_supplier, top_share, unattributed
        ("AAA", "chips_tools_lithography", "depend", 0.0, "NLD", 0.8, 0.0),
        ("AAA", "chips_tools_resist", "depend", 0.0, "JPN", 0.95, 0.0),
        ("AAA", "chips_tools_etch", "steer", 0.0, "USA", 0.4, 0.0),
        ("BBB", "chips_tools_lithography", "control", 0.8, "CCC", 0.2, 0.0),
        ("BBB", "chips_tools_etch", "steer", 0.3, "USA", 0.45, 0.0),
        ("BBB", "cloud", "depend", 0.0, "USA", 1.0, 0.0),
    ]
    table = pd.DataFrame(rows, columns=["iso3", "layer", "posture", "domestic", "top_supplier",
                                        "top_share", "unattributed"])
    table = table.assign(basis="s", year=2024, binding="")
    out = group_rows(table).set_index(["iso3", "layer"])
    # AAA: two categories depend; the larger top share (JPN 95 %) binds
    assert out.loc[("AAA", "chips_tools"), ["posture", "top_supplier", "binding"]].tolist() == [
        "depend", "JPN", "chips_tools_resist"]
    # BBB: steer is worse than control, so etch binds although its top share is smaller
    assert out.loc[("BBB", "chips_tools"), ["posture", "binding"]].tolist() == [
        "steer", "chips_tools_etch"]
    assert len(out) == len(table) + 2


class TestLayerTable:
    def test_every_tool_category_has_a_layer_and_a_label(self):
        assert tuple(TOOL_CATEGORIES) == TOOL_LAYERS
        assert all(layer in LAYER_LABELS for layer in TOOL_LAYERS)
        assert layer_label("chips_fab") == "Fabrication"
        assert layer_label("some_new_layer") == "some new layer"
        assert layer_phrase("chips_memory") == "HBM memory"
        assert layer_phrase("chips_tools_resist") == "resist-processing tools"

    def test_groups_and_order(self):
        assert with_groups({"cloud", "chips_tools_cmp"}) == ["chips_tools", "chips_tools_cmp",
                                                              "cloud"]
        assert cut_key("chips_tools_cmp", ("chips_tools",)) == "chips_tools"
        assert cut_key("chips_tools_cmp", ("chips_tools_cmp", "chips_tools")) == "chips_tools_cmp"
        assert cut_key("chips_fab", ("chips_tools",)) is None
        assert ordered_layers(["models", "zzz", "chips_fab", "chips"]) == [
            "chips", "chips_fab", "models", "zzz"]


def test_a_release_with_another_fabrication_tool_stops_the_build(tmp_path):
    folder = tmp_path / "chip-supply-chain"
    folder.mkdir()
    (folder / "inputs.csv").write_text(
        "input_id,input_name,type,stage_name\n"
        "N25,Photolithography,process,Fabrication\n"
        "N19,Lithography tools,tool_resource,\n"
        "N999,New tool,tool_resource,\n", encoding="utf-8")
    (folder / "sequence.csv").write_text(
        "input_name,input_id,goes_into_name,goes_into_id,is_type_of_name,is_type_of_id\n"
        "Lithography tools,N19,Photolithography,N25,,\n"
        "New tool,N999,Photolithography,N25,,\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"N999.*add or remove a category"):
        check_tool_categories(tmp_path)
