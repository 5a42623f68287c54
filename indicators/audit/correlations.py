"""Correlations inside each pillar: between its indicators, and with the pillar and the index."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from indicators.methods import average_ranks
from indicators.result import Result

Method = Literal["pearson", "spearman"]
METHODS: tuple[Method, ...] = ("pearson", "spearman")

#: Labels of the pillar score and the overall index beside the indicator codes (a code cannot
#: contain a space, so they never collide with one).
PILLAR = "pillar score"
INDEX = "overall index"

#: Thresholds of the flags (COINr's ``get_corr_flags`` and the JRC audits).
REDUNDANT_ABOVE = 0.9
NEGATIVE_BELOW = -0.4
SIGNIFICANCE = 0.05

#: Columns of :func:`correlation_pairs`, in order.
PAIR_COLUMNS = ("pillar", "a", "b", "n", "pearson", "pearson_p", "spearman", "spearman_p", "flag")


def pillar_frame(result: Result, pillar: str) -> pd.DataFrame:
    """Return the pillar's normalised indicators, its score (``PILLAR``) and index (``INDEX``)."""
    codes = list(result.indicators.index[result.indicators["pillar"] == pillar])
    frame = result.normalised[codes].astype(float).copy()
    frame[PILLAR] = result.pillars[pillar]
    frame[INDEX] = result.overall
    return frame


def correlation(x: pd.Series, y: pd.Series, method: Method) -> tuple[float, float, int]:
    """Return (r, two-sided p-value, n) over the rows where both have a value.

    Spearman's rho is Pearson's r of the ranks (ties averaged). The p-value is the t-test's with
    n − 2 degrees of freedom, t = r·√((n − 2)/(1 − r²)): R's ``cor.test`` for Pearson, and the
    same approximation for Spearman (as SciPy's). NaN below three rows or when either is
    constant.
    """
    return correlation_of(x.to_numpy(dtype=float), y.to_numpy(dtype=float), method)


def correlation_of(x: np.ndarray, y: np.ndarray, method: Method) -> tuple[float, float, int]:
    """Return ``correlation`` of two float vectors (NaN: no value)."""
    both = ~np.isnan(x) & ~np.isnan(y)
    a, b = x[both], y[both]
    n = int(both.sum())
    if n < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan"), float("nan"), n
    if method == "spearman":
        a, b = average_ranks(a[:, None])[:, 0], average_ranks(b[:, None])[:, 0]
    r = pearson_r(a, b)
    return r, t_test_p(r, n), n


def pearson_r(a: np.ndarray, b: np.ndarray) -> float:
    """Return Pearson's r of two complete vectors, clipped to [−1, 1] against rounding."""
    da, db = a - a.mean(), b - b.mean()
    with np.errstate(all="ignore"):
        r = float(np.dot(da, db) / np.sqrt(np.dot(da, da) * np.dot(db, db)))
    return float(np.clip(r, -1.0, 1.0))  # NaN (an underflowing sum) stays NaN


def t_test_p(r: float, n: int) -> float:
    """Return the two-sided p-value of r over n rows under the t-test of no correlation."""
    if abs(r) == 1.0:
        return 0.0
    # here, not at the top: every `sovai` start would load scipy. stdtr(df, −t) is what
    # scipy.stats.t.sf(t, df) computes, without its 50 µs of argument handling a call
    from scipy.special import stdtr

    t = abs(r) * np.sqrt((n - 2) / (1 - r * r))
    return float(2 * stdtr(n - 2, -t))


def pillar_matrices(result: Result, pillar: str, method: Method = "pearson") -> pd.DataFrame:
    """Return the correlation matrix of the pillar's indicators, its score and the index."""
    frame = pillar_frame(result, pillar)
    labels = list(frame.columns)
    columns = [frame[label].to_numpy(dtype=float) for label in labels]
    matrix = np.full((len(labels), len(labels)), np.nan)
    for i in range(len(labels)):
        for j in range(i, len(labels)):
            r = 1.0 if i == j and (~np.isnan(columns[i])).sum() > 1 else \
                correlation_of(columns[i], columns[j], method)[0]
            matrix[i, j] = matrix[j, i] = r
    return pd.DataFrame(matrix, index=labels, columns=labels)


def pair_flag(a: str, b: str, r: float, p: float) -> str:
    """Return the flag of one correlation: ``redundant``, ``negative``, ``insignificant`` or ""."""
    if np.isnan(r):
        return ""
    indicators_pair = b not in (PILLAR, INDEX)
    if indicators_pair and r > REDUNDANT_ABOVE:
        return "redundant"
    if r < NEGATIVE_BELOW or (b == PILLAR and r < 0):
        return "negative"
    if b != INDEX and p > SIGNIFICANCE:
        return "insignificant"
    return ""


def correlation_pairs(result: Result) -> pd.DataFrame:
    """Return every within-pillar correlation in long form (columns ``PAIR_COLUMNS``).

    One row per pair of a pillar's indicators, then per indicator with its pillar's score and
    with the index, Pearson and Spearman. ``flag`` (on Pearson's r, as COINr flags): pairs of
    indicators above 0.9 are ``redundant``; below −0.4 ``negative``; an indicator correlating
    negatively with its own pillar is ``negative`` too; a pair or an indicator-pillar correlation
    with p > 0.05 is ``insignificant``: the two do not measure the same thing.
    """
    rows = []
    for pillar in result.pillars.columns:
        frame = pillar_frame(result, pillar)
        codes = [c for c in frame.columns if c not in (PILLAR, INDEX)]
        pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
        pairs += [(a, PILLAR) for a in codes] + [(a, INDEX) for a in codes]
        columns = {c: frame[c].to_numpy(dtype=float) for c in frame.columns}
        for a, b in pairs:
            r, p, n = correlation_of(columns[a], columns[b], "pearson")
            rho, rho_p, _ = correlation_of(columns[a], columns[b], "spearman")
            rows.append({"pillar": pillar, "a": a, "b": b, "n": n, "pearson": r,
                         "pearson_p": p, "spearman": rho, "spearman_p": rho_p,
                         "flag": pair_flag(a, b, r, p)})
    return pd.DataFrame(rows, columns=list(PAIR_COLUMNS))
