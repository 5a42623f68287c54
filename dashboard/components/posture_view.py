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
from indicators.scenarios.posture import LABELS, posture

#: Layers in supply-chain order; layers the data lacks are skipped, unknown ones go last.
LAYER_ORDER: Final = ("chips", "chips_fab", "chips_packaging", "chips_memory", "chips_tools",
                      "cloud", "connectivity", "cable_suppliers", "energy", "models")
LAYER_NAMES: Final[dict[str, str]] = {
    "chips": "Chip design", "chips_fab": "Fabrication", "chips_packaging": "Packaging",
    "chips_memory": "HBM memory", "chips_tools": "Lithography tools", "cloud": "Cloud",
    "connectivity": "Cable links", "cable_suppliers": "Cable builders", "energy": "Energy",
    "models": "Models"}
#: Map colours (Okabe–Ito, readable with colour-vision deficiencies), one per label.
COLOURS: Final[dict[str, str]] = {"control": "#0072B2", "steer": "#E69F00",
                                  "depend": "#D55E00", "unattributed": "#BBBBBB"}
MEANINGS: Final[dict[str, str]] = {
    "control": "domestic supply holds half or more",
    "steer": "diversified foreign supply, no supplier at half",
    "depend": "one foreign supplier holds half or more",
    "unattributed": "more than half has no named supplier in the data"}

def posture_table(bundle: Bundle) -> pd.DataFrame:
    """Return the posture table of ``bundle`` for its latest year (memoised per data version)."""
    return data_access.memo(posture, bundle, bundle.latest_year)


def ordered_layers(layers: list[str]) -> list[str]:
    """Return ``layers`` in supply-chain order (unknown layers last, alphabetically)."""
    known = [layer for layer in LAYER_ORDER if layer in layers]
    return known + sorted(set(layers) - set(known))


def layer_name(layer: str) -> str:
    """Return a layer's display name."""
    return LAYER_NAMES.get(layer, layer.replace("_", " "))


assert set(COLOURS) == set(LABELS)
