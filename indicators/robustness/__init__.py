"""How fragile the ranks are: Monte Carlo rank intervals, Sobol' indices and leave-one-out.

The names below load on first use, so that ``sovai`` can build its parser (which imports
``indicators.robustness.cli``) without importing the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from indicators.robustness.assumptions import (
        ASSUMPTIONS,
        DEFAULT_VARIED,
        NOTHING_VARIES,
        Assumptions,
        Design,
        resolve,
    )
    from indicators.robustness.sensitivity import leave_one_out, sensitivity_indices
    from indicators.robustness.uncertainty import Uncertainty, monte_carlo, rank_intervals

_HOMES = {
    "ASSUMPTIONS": "assumptions", "DEFAULT_VARIED": "assumptions",
    "NOTHING_VARIES": "assumptions", "Assumptions": "assumptions", "Design": "assumptions",
    "resolve": "assumptions", "leave_one_out": "sensitivity",
    "sensitivity_indices": "sensitivity", "Uncertainty": "uncertainty",
    "monte_carlo": "uncertainty", "rank_intervals": "uncertainty",
}

__all__ = [
    "ASSUMPTIONS",
    "DEFAULT_VARIED",
    "NOTHING_VARIES",
    "Assumptions",
    "Design",
    "Uncertainty",
    "leave_one_out",
    "monte_carlo",
    "rank_intervals",
    "resolve",
    "sensitivity_indices",
]


def __getattr__(name: str) -> Any:
    """Return the public ``name`` from the submodule that defines it (imported on first use)."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
