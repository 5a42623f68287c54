"""How fragile the ranks are: Monte Carlo rank intervals, Sobol' indices and leave-one-out."""

from __future__ import annotations

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
