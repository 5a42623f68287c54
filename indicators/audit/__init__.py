"""The statistical audit of a result: indicator statistics, correlations, consistency, weights.

Plain functions over a :class:`~indicators.result.Result`, as the JRC/OECD Handbook and COINr
audit a composite indicator; :func:`audit` gathers them in one :class:`Audit`.
"""

from __future__ import annotations

from indicators.audit.compare import compare_results, compare_specs, comparison_summary
from indicators.audit.consistency import cronbach_alpha, first_component_share
from indicators.audit.correlations import INDEX, PILLAR, correlation_pairs, pillar_matrices
from indicators.audit.descriptive import indicator_statistics, screened_values
from indicators.audit.report import Audit, Flag, audit
from indicators.audit.weights import effective_weights, nominal_weights

__all__ = [
    "INDEX",
    "PILLAR",
    "Audit",
    "Flag",
    "audit",
    "compare_results",
    "compare_specs",
    "comparison_summary",
    "correlation_pairs",
    "cronbach_alpha",
    "effective_weights",
    "first_component_share",
    "indicator_statistics",
    "nominal_weights",
    "pillar_matrices",
    "screened_values",
]
