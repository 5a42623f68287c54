"""Per-indicator statistics: coverage, location, spread, shape, extremes and the outlier screen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators import methods as m
from indicators.result import Result
from indicators.treat import passes_screen, treat_indicator

#: Columns of :func:`indicator_statistics`, in order.
STATISTICS_COLUMNS = ("pillar", "count", "share_missing", "mean", "median", "sd", "min",
                      "min_country", "min_ties", "max", "max_country", "max_ties", "skewness",
                      "kurtosis", "screen_flagged", "treatment", "treated_points")


def screened_values(result: Result) -> pd.DataFrame:
    """Return the values the outlier screen sees: denominated, log-transformed, untreated."""
    denominated = result.denominated.to_numpy(dtype=float)
    scale = result.goalposts["scale"].to_numpy(dtype=float)
    is_log = ~np.isnan(scale)
    out = denominated.copy()
    out[:, is_log] = m.log_transform(denominated[:, is_log], scale[is_log])
    return pd.DataFrame(out, index=result.denominated.index, columns=result.denominated.columns)


def indicator_statistics(result: Result) -> pd.DataFrame:
    """Return one row per scored indicator with its statistics (columns ``STATISTICS_COLUMNS``).

    ``count`` … ``max_ties`` describe the values in the view's units (``denominated``), over the
    countries of the data; ``share_missing`` is the share of those countries without a value;
    ``min_country`` is the first country (by code) at the minimum and ``min_ties`` how many
    others share it (likewise for the maximum).
    ``skewness`` and ``kurtosis`` (bias-corrected, excess) are those of the values the outlier
    screen sees (after the log transform), ``screen_flagged`` is True when they fail it
    (|skewness| ≥ 2 and kurtosis ≥ 3.5), and ``treatment`` / ``treated_points`` say what the
    COINr-equal treatment does (or would do) to the indicator.
    """
    denominated = result.denominated
    screened = screened_values(result)
    rows = []
    for code in denominated.columns:
        values = denominated[code].astype(float)
        present = values.dropna()
        screen = screened[code].to_numpy(dtype=float)
        _, _, detail = treat_indicator(screen)
        passing = passes_screen(screen)
        rows.append({
            "pillar": result.indicators.at[code, "pillar"],
            "count": int(present.size),
            "share_missing": 1.0 - present.size / len(values) if len(values) else np.nan,
            "mean": present.mean() if present.size else np.nan,
            "median": present.median() if present.size else np.nan,
            "sd": present.std(ddof=1) if present.size > 1 else np.nan,
            "min": present.min() if present.size else np.nan,
            "min_country": str(present.idxmin()) if present.size else "",
            "min_ties": int((present == present.min()).sum()) - 1 if present.size else 0,
            "max": present.max() if present.size else np.nan,
            "max_country": str(present.idxmax()) if present.size else "",
            "max_ties": int((present == present.max()).sum()) - 1 if present.size else 0,
            "skewness": detail.skewness_before,
            "kurtosis": detail.kurtosis_before,
            "screen_flagged": passing is False,
            "treatment": detail.kind,
            "treated_points": detail.points,
        })
    return pd.DataFrame(rows, index=pd.Index(denominated.columns, name="code"),
                        columns=list(STATISTICS_COLUMNS))
