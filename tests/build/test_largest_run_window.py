"""The largest training run counts models from 2019, like the model counts: a 1994
perceptron is not a 2025 capability (audit 3 B18: Italy's 4.5e9 FLOP)."""

from __future__ import annotations

import pandas as pd

import indicators.build  # noqa: F401  (loads the importers in the build's order)
from indicators.importers.epoch_models import running_max


def test_models_before_2019_do_not_count_and_the_note_names_the_model() -> None:
    models = pd.DataFrame({
        "model": ["Ceramic-MLP", "Old giant", "Small new", "Big new"],
        "year": [1994, 2018, 2021, 2023],
        "iso3": ["ITA", "AAA", "AAA", "AAA"],
        "weight": [1.0] * 4, "access": [""] * 4,
        "flop": [4.5312e9, 1e25, 1e21, 1e23]})
    table = running_max(models, [2019, 2022, 2025]).set_index(["iso3", "year"])
    assert "ITA" not in table.index.get_level_values("iso3")  # only a 1994 model: no value
    assert (("AAA", 2019) in table.index) is False  # nothing from 2019 on published yet
    assert table.loc[("AAA", 2022), "value"] == 1e21  # 2018's larger run does not count
    assert table.loc[("AAA", 2025), "value"] == 1e23
    assert table.loc[("AAA", 2025), "note"] == "largest: Big new (2023)"
