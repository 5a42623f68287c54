"""The posture strip, posture map and floor-over-time components, rendered without a browser."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.io as pio
import pytest

from dashboard.components.posture_map import posture_figure, posture_map_section
from dashboard.components.posture_strip import posture_strip
from dashboard.components.scenario_timeline import timeline_block, timeline_table
from indicators import load, score
from indicators.scenarios import PRESETS, Scenario

DATA = Path(__file__).resolve().parents[2] / "data"


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json())


@pytest.fixture(scope="module")
def shipped():
    bundle = load(DATA)
    return bundle, score(bundle)


def test_strip_has_a_written_label_for_every_layer(chain_bundle):
    from indicators.scenarios.layers import group_of

    text = _text(posture_strip(chain_bundle, ["CCC", "DDD"]))
    # one cell per layer, a group's members (the tool categories) in one cell: the group's
    layers = {group_of(layer) for layer in chain_bundle.dependencies["layer"]}
    assert text.count("posture-cell") == 2 * len(layers)
    assert "Country C" in text and "Country D" in text
    assert '"children": "depend"' in text and '"children": "control"' in text
    assert "BBB 70%" in text   # CCC's fabrication: BBB holds 70 %


def test_map_colours_every_ranked_country_on_fabrication(shipped):
    bundle, baseline = shipped
    figure = posture_figure(bundle, "chips_fab")
    shown = {iso3 for trace in figure.data for iso3 in trace.locations}
    assert set(baseline.rank.dropna().index) <= shown
    assert {trace.name.split(":")[0] for trace in figure.data} <= {
        "control", "steer", "depend", "unattributed"}
    pio.to_json(figure)  # serialisable
    assert "posture-map-layer" in _text(posture_map_section(bundle))


def test_timeline_of_the_taiwan_preset(shipped):
    bundle, baseline = shipped
    table = timeline_table(bundle, baseline, PRESETS["taiwan-strait"], "USA")
    floors = table["overall floor"].tolist()
    assert floors == sorted(floors, reverse=True)            # never rises with time
    assert floors[0] == pytest.approx(round(baseline.overall["USA"], 1))  # day of the cut
    assert "floor over time" in _text(timeline_block(bundle, baseline,
                                                     PRESETS["taiwan-strait"], "USA"))


def test_timeline_of_a_services_cut_says_so(chain_bundle, chain_baseline):
    block = timeline_block(chain_bundle, chain_baseline,
                           Scenario(cut=("BBB",), layers=("models",)), "AAA")
    assert "stop at once" in _text(block)


def test_country_names_reach_the_plots_as_text(tmp_path):
    """A country named with markup stays text in the posture map and the timeline."""
    import shutil

    import pandas as pd

    from dashboard.components.scenario_timeline import timeline_block

    link = '<a href="http://attacker.example/">click</a>'
    target = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "chain", target)
    countries = pd.read_csv(target / "countries.csv", dtype=str)
    countries["name"] = [f"{link} {code}" for code in countries["iso3"]]
    countries.to_csv(target / "countries.csv", index=False, lineterminator="\n")
    bundle = load(target)
    texts = [pio.to_json(posture_figure(bundle, "chips")),
             json.dumps(timeline_block(bundle, score(bundle), Scenario(
                 cut=("BBB",), layers=("chips_fab",)), "CCC").to_plotly_json(),
                 default=lambda o: o.to_plotly_json())]
    for text in texts:
        assert "<a href" not in text and "&lt;a href=" in text


def test_shipped_strip_names_the_binding_tool_category(shipped):
    bundle, _ = shipped
    text = _text(posture_strip(bundle, ["NLD"]))
    assert "Chip-making tools" in text and "Lithography tools" not in text
    assert "JPN 95% (Resist-processing tools)" in text


def test_ledger_table_uses_the_shared_labels_in_supply_chain_order(shipped):
    from dashboard.components.ledger import ledger_rows, ledger_section

    bundle, _ = shipped
    layers = list(ledger_rows(bundle, ["DEU"])["layer"])
    assert layers.index("chips") < layers.index("chips_fab") < layers.index("cloud")
    text = _text(ledger_section(bundle, "DEU"))
    assert "Fabrication" in text and '"chips_fab"' not in text
    # one single-point statement for the tool categories, not eight
    assert text.count("tools layer") == 1


def test_layer_checklist_offers_the_group_and_a_category_named_alone(shipped):
    from dashboard.components.layer_checklist import layer_options

    bundle, _ = shipped
    options = layer_options(bundle, ["chips_fab"])
    values = [o["value"] for o in options]
    assert values[:3] == ["chips", "chips_fab", "chips_packaging"]      # supply-chain order
    assert "chips_tools" in values and "chips_tools_lithography" not in values
    assert {"value": "chips_fab", "label": "Fabrication"} in options
    alone = [o["value"] for o in layer_options(bundle, ["chips_tools_lithography"])]
    assert "chips_tools_lithography" in alone
