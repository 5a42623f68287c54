"""Helpers of the robustness tests."""

from __future__ import annotations

import dataclasses

from indicators import Bundle


def float_weights(bundle: Bundle) -> Bundle:
    """Return ``bundle`` with float weight columns.

    ``indicators.score`` writes weight overrides into the weight column, which is int64 when the
    file's weights are whole numbers, and pandas 3 refuses a non-integer there; the Monte Carlo
    runs have non-integer weights, so the per-run reference loop scores this copy.
    """
    return dataclasses.replace(bundle,
                               indicators=bundle.indicators.astype({"weight": "float64"}),
                               pillars=bundle.pillars.astype({"weight": "float64"}))
