"""sovai: score countries' sovereign-AI readiness on data, compute, models and industry."""

from __future__ import annotations

from indicators.bundle import Bundle, load
from indicators.pipeline import score, score_years, trends
from indicators.problems import DataError, Problem
from indicators.result import Result
from indicators.spec import REFERENCE, ScoringSpec
from indicators.validate import check_data_dir

__all__ = [
    "REFERENCE",
    "Bundle",
    "DataError",
    "Problem",
    "Result",
    "ScoringSpec",
    "check_data_dir",
    "load",
    "score",
    "score_years",
    "trends",
]
