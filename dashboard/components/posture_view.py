"""Shared pieces of the posture strip and map: the table per data version, layer order, colours.

The posture itself comes from indicators/scenarios/posture.py; this module only caches it per
data version and year and says how each label looks. Labels are always written out in text,
so colour is never the only signal.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from dashboard import data_access
from indicators import Bundle
from indicators.scenarios.layers import LAYER_LABELS, LAYER_ORDER, layer_label, ordered_layers
from indicators.scenarios.posture import LABELS, posture

#: The shared layer-label table (indicators/scenarios/layers.py), under its older names here.
LAYER_NAMES: Final = LAYER_LABELS
__all__ = ["COLOURS", "LAYER_NAMES", "LAYER_ORDER", "MEANINGS", "layer_name", "ordered_layers",
           "posture_table"]

#: Map colours (Okabe–Ito, readable with colour-vision deficiencies), one per label.
COLOURS: Final[dict[str, str]] = {"control": "#0072B2", "steer": "#E69F00",
                                  "depend": "#D55E00", "unattributed": "#BBBBBB"}
MEANINGS: Final[dict[str, str]] = {
    "control": "domestic supply holds half or more (models: of those that can be switched "
               "off; open weights set aside)",
    "steer": "diversified foreign supply, no supplier at half",
    "depend": "one foreign supplier holds half or more (models: of those that can be "
              "switched off)",
    "unattributed": "more than half has no named supplier in the data"}

def posture_table(bundle: Bundle) -> pd.DataFrame:
    """Return the posture table of ``bundle`` for its latest year (memoised per data version)."""
    return data_access.memo(posture, bundle, bundle.latest_year)


def layer_name(layer: str) -> str:
    """Return a layer's display name (the shared table's label)."""
    return layer_label(layer)


assert set(COLOURS) == set(LABELS)
