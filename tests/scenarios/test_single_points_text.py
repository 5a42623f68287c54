"""Single points of failure read true: never "100%" of a layer that is only "most" removed,
and a country without its own chips is told what the posture's world-stock cells mean."""

from __future__ import annotations

import pandas as pd

from indicators.scenarios.ledger import single_point_statement


def test_a_share_just_below_one_is_not_printed_as_all() -> None:
    text = single_point_statement("chips_fab", "Taiwan", 0.9962)
    assert "99.6%" in text and "100%" not in text and "most of it" in text
    assert "supplies all of" in single_point_statement("chips_fab", "Taiwan", 0.9995)
    assert "supplies 80%" in single_point_statement("chips_fab", "Taiwan", 0.8)


def test_no_single_point_sentence_explains_world_stock_for_a_country_without_chips() -> None:
    from dashboard.components.ledger import _no_single_point

    without = pd.DataFrame({"layer": ["cloud", "models"]})
    with_chips = pd.DataFrame({"layer": ["chips", "cloud"]})
    assert "world stock" in _no_single_point(without)
    assert "world stock" not in _no_single_point(with_chips)
    assert _no_single_point(with_chips).startswith("No foreign supplier holds half")


def test_a_models_posture_cell_shows_the_share_its_label_reads() -> None:
    """Audit 3 A5: "depend USA 23 %" under a legend of "half or more": the label reads the
    switchable supply (open weights set aside), 0.2264 / (1 − 0.5647) = 52 %."""
    from dashboard.components.posture_strip import _cell

    cell = str(_cell({"posture": "depend", "top_supplier": "USA", "top_share": 0.2264,
                      "open_weights": 0.5647, "basis": "epoch_models", "binding": ""}))
    assert "USA 52% of switchable (23% of all)" in cell
    chips = str(_cell({"posture": "depend", "top_supplier": "USA", "top_share": 0.99,
                       "open_weights": float("nan"), "basis": "world stock", "binding": ""}))
    assert "USA 99% (world stock)" in chips
