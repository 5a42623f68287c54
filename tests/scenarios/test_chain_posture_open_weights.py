"""Posture of the models layer agrees with the ledger (audit A5/A8): open weights are not
domestic supply. Before, the open-weight remainder was added to ``domestic``, so all 199
countries "controlled" their models (North Korea and the Holy See at 0.6 domestic) while the
country page's ledger said Taiwan's models are 0 % domestic."""

from __future__ import annotations

import pandas as pd
import pytest

from indicators.scenarios.posture import label, posture


def test_fixture_rule_by_hand(cut_bundle) -> None:
    """fixtures/cut, models: AAA lists itself 0.1, BBB 0.2 and CCC 0.3, so 0.4 is open
    weights. The old reading, domestic 0.1 + 0.4 = 0.5, called it control. Now: switchable
    supply 0.6, domestic 0.1 / 0.6 = 1/6, CCC 0.3 / 0.6 = 1/2 ≥ 1/2 → depend; the columns keep
    the shares of every usable model."""
    table = posture(cut_bundle).set_index(["iso3", "layer"])
    row = table.loc[("AAA", "models")]
    assert row["domestic"] == pytest.approx(0.1)
    assert row["top_supplier"] == "CCC" and row["top_share"] == pytest.approx(0.3)
    assert row["open_weights"] == pytest.approx(0.4)
    assert row["unattributed"] == pytest.approx(0.0)
    assert label(0.1 + 0.4, 0.3, 0.0) == "control"  # what open weights as domestic gave
    assert row["posture"] == label(0.1 / 0.6, 0.3 / 0.6, 0.0) == "depend"


def test_shipped_models_posture(shipped) -> None:
    bundle, _ = shipped
    table = posture(bundle)
    models = table[table["layer"] == "models"].set_index("iso3")
    for iso3 in ("PRK", "VAT", "TCD", "TWN"):  # no model of their own: never control
        assert models.at[iso3, "domestic"] == 0
        assert models.at[iso3, "posture"] != "control"
    assert models.at["USA", "posture"] == "control"
    assert (models["posture"] == "control").sum() < 20
    # control needs own models: every controlling country has some
    assert (models.loc[models["posture"] == "control", "domestic"] > 0).all()
    # open weights are a column of their own, never counted as domestic
    total = models["domestic"] + models["open_weights"]
    assert (total <= 1 + 1e-9).all()
    assert models["open_weights"].gt(0).all()
    # other layers have no open weights
    assert pd.Series(table.loc[table["layer"] != "models", "open_weights"]).eq(0).all()
