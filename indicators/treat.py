"""Outlier treatment as COINr 1.1.14's ``Treat()`` does it with its default specification.

Per indicator (a column; NaN is missing and is ignored by every statistic):

1. **Screen.** The indicator passes when |skewness| < 2 *or* kurtosis < 3.5, both the
   bias-corrected sample statistics of e1071 type 2 (Excel's ``SKEW`` and ``KURT``; kurtosis is
   excess kurtosis). An indicator that passes is left as it is.
2. **Winsorise.** While it fails and fewer than 5 points have been winsorised: if the skewness
   is ≥ 0, every value equal to the maximum is set to the largest value below it, else every
   value equal to the minimum is set to the smallest value above it (tied points move together,
   so one step can move several). The count is COINr's: the points moved by the latest step on
   the high side plus those of the latest step on the low side; since moved points stay tied
   with the next step's extreme, it grows by one a step without ties.
3. **Log fallback.** If the winsorised indicator still fails the screen, winsorising is
   discarded and the *original* values are replaced by ``ln(x − min + 0.01·(max − min))``
   (COINr's ``log_CT``), whether or not that passes.
4. **Undefined statistics.** Where the screen cannot be computed (fewer than 3 values for the
   skewness and 4 for the kurtosis, or no spread) and nothing else decides it, COINr leaves the
   indicator untreated; so does this module.

``treat_outliers`` returns the treated values, the mask of treated cells and, per indicator,
what was done, so the treatment can be reported and re-applied to other values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from indicators.kept import Kept

Array = NDArray[np.float64]
TreatmentKind = Literal["none", "winsorised", "log", "untreatable"]

#: COINr's defaults: the screen's thresholds and the most points winsorised per indicator.
SKEW_THRESHOLD = 2.0
KURTOSIS_THRESHOLD = 3.5
WINSORISE_MAX_POINTS = 5
#: The log fallback's offset, as a share of the indicator's range (COINr's ``log_CT``).
LOG_OFFSET_SHARE = 0.01


def skewness(values: Array) -> float:
    """Return the bias-corrected sample skewness (e1071 type 2) of the non-missing values.

    NaN with fewer than 3 values or no spread; as in R, IEEE arithmetic decides the rest (sums
    that underflow give NaN, not an error).
    """
    x = values[~np.isnan(values)]
    n = x.size
    if n < 3 or np.ptp(x) == 0:
        return float("nan")
    centred = x - x.mean()
    with np.errstate(all="ignore"):
        g1 = np.sqrt(n) * np.sum(centred**3) / np.sum(centred**2) ** 1.5
        return float(g1 * np.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(values: Array) -> float:
    """Return the bias-corrected sample excess kurtosis (e1071 type 2) of the non-missing values.

    NaN with fewer than 4 values or no spread; IEEE arithmetic otherwise, as for ``skewness``.
    """
    x = values[~np.isnan(values)]
    n = x.size
    if n < 4 or np.ptp(x) == 0:
        return float("nan")
    centred = x - x.mean()
    with np.errstate(all="ignore"):
        r = n * np.sum(centred**4) / np.sum(centred**2) ** 2
        return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def passes_screen(values: Array) -> bool | None:
    """Return True when |skewness| < 2 or kurtosis < 3.5, False when neither, None if undecided.

    None follows R's three-valued ``|``: a statistic that cannot be computed decides nothing.
    """
    skew_ok = _less(abs(skewness(values)), SKEW_THRESHOLD)
    kurt_ok = _less(kurtosis(values), KURTOSIS_THRESHOLD)
    if skew_ok or kurt_ok:
        return True
    if skew_ok is None or kurt_ok is None:
        return None
    return False


def _less(value: float, threshold: float) -> bool | None:
    return None if np.isnan(value) else bool(value < threshold)


class _Undecided(Exception):
    """The screen could not be computed mid-way; COINr then leaves the indicator as it was."""


@dataclass(frozen=True)
class IndicatorTreatment:
    """What the treatment did to one indicator.

    ``kind`` is ``none`` (passed the screen), ``winsorised``, ``log`` (the fallback) or
    ``untreatable`` (the screen could not be computed). ``points`` counts winsorised points as
    COINr does; ``low_cap`` / ``high_cap`` are the values winsorised cells were set to (NaN where
    that side was not touched); ``log_shift`` is the constant subtracted before the log fallback
    (min − 0.01·range), NaN unless ``kind`` is ``log``.
    """

    kind: TreatmentKind
    points: int
    low_cap: float
    high_cap: float
    log_shift: float
    skewness_before: float
    kurtosis_before: float
    skewness_after: float
    kurtosis_after: float


@dataclass(frozen=True)
class TreatedValues:
    """Treated (countries, indicators) values, the mask of changed cells, and one record each."""

    values: Array
    treated: NDArray[np.bool_]
    details: tuple[IndicatorTreatment, ...]


def winsorise_column(values: Array, max_points: int = WINSORISE_MAX_POINTS
                     ) -> tuple[Array, NDArray[np.bool_], int]:
    """Return (winsorised copy, mask of moved cells, COINr's point count) of one indicator.

    Raises ``_Undecided`` when the screen becomes impossible to compute mid-way.
    """
    x = np.array(values, dtype=float, copy=True)
    present = ~np.isnan(x)
    high_moved = np.zeros(x.shape, dtype=bool)
    low_moved = np.zeros(x.shape, dtype=bool)
    points = 0
    passing = passes_screen(x)
    if passing is None:
        raise _Undecided
    while not passing and points < max_points:
        if skewness(x) >= 0:
            at_max = present & (x == np.nanmax(x))
            x[at_max] = np.max(x[present & ~at_max])
            high_moved = at_max
        else:
            at_min = present & (x == np.nanmin(x))
            x[at_min] = np.min(x[present & ~at_min])
            low_moved = at_min
        points = int(high_moved.sum() + low_moved.sum())
        passing = passes_screen(x)
        if passing is None:
            if points < max_points:
                raise _Undecided  # R's `while (NA & TRUE)` is an error: the column is returned
            break
    return x, high_moved | low_moved, points


def log_fallback(values: Array) -> tuple[Array, float]:
    """Return (ln(x − shift), shift) of one indicator, with shift = min − 0.01·(max − min)."""
    low, high = float(np.nanmin(values)), float(np.nanmax(values))
    shift = low - LOG_OFFSET_SHARE * (high - low)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(values - shift), shift


def treat_indicator(values: Array, max_points: int = WINSORISE_MAX_POINTS
                    ) -> tuple[Array, NDArray[np.bool_], IndicatorTreatment]:
    """Return (treated copy, mask of treated cells, record) of one indicator, as COINr's Treat."""
    x = np.array(values, dtype=float, copy=True)
    nothing = np.zeros(x.shape, dtype=bool)
    skew0, kurt0 = skewness(x), kurtosis(x)

    def record(kind: TreatmentKind, after: Array, points: int = 0, low: float = np.nan,
               high: float = np.nan, shift: float = np.nan) -> IndicatorTreatment:
        return IndicatorTreatment(kind, points, low, high, shift, skew0, kurt0,
                                  skewness(after), kurtosis(after))

    first = passes_screen(x)
    if first is None:
        return x, nothing, record("untreatable", x)
    if first:
        return x, nothing, record("none", x)
    try:
        winsorised, moved, points = winsorise_column(x, max_points)
    except _Undecided:
        return x, nothing, record("untreatable", x)
    after = passes_screen(winsorised)
    if after is None:
        return x, nothing, record("untreatable", x)
    if after:
        low = _cap(winsorised, moved, x, up=True)
        high = _cap(winsorised, moved, x, up=False)
        return winsorised, moved, record("winsorised", winsorised, points, low, high)
    logged, shift = log_fallback(x)
    if passes_screen(logged) is None:
        return x, nothing, record("untreatable", x)
    return logged, ~np.isnan(x), record("log", logged, points, shift=shift)


def _cap(treated: Array, moved: NDArray[np.bool_], original: Array, up: bool) -> float:
    """Return the value the cells moved up (low side) or down (high side) were set to; else NaN."""
    side = moved & ((treated > original) if up else (treated < original))
    return float(treated[side][0]) if side.any() else float("nan")


#: Indicator columns whose treatment is kept (≈ 3 kB each): a column's treatment depends on its
#: values alone, and the same columns recur across methods that differ after this stage
#: (imputation, normalisation, aggregation, weights: the Monte Carlo's combinations, a page's
#: methods) and within one scoring (the treatment and its report).
TREATED_COLUMNS_KEPT = 2048
_treated_columns: Kept[tuple[Array, NDArray[np.bool_], IndicatorTreatment]] = Kept(
    TREATED_COLUMNS_KEPT)


def _treated_column(values: Array, max_points: int
                    ) -> tuple[Array, NDArray[np.bool_], IndicatorTreatment]:
    """Return ``treat_indicator(values, max_points)``, computed once per column of values.

    The arrays returned are shared and read-only: copy before writing.
    """
    key = (np.ascontiguousarray(values, dtype=float).tobytes(), max_points)
    hit = _treated_columns.get(key)
    if hit is not None:
        return hit
    treated, mask, detail = treat_indicator(values, max_points)
    treated.setflags(write=False)
    mask.setflags(write=False)
    return _treated_columns.put(key, (treated, mask, detail))


def treat_outliers(x: Array, max_points: int = WINSORISE_MAX_POINTS) -> TreatedValues:
    """Return each indicator (column) of a (countries, indicators) array treated as COINr does."""
    out = np.array(x, dtype=float, copy=True)
    mask = np.zeros(out.shape, dtype=bool)
    details = []
    for j in range(out.shape[1]):
        out[:, j], mask[:, j], detail = _treated_column(out[:, j], max_points)
        details.append(detail)
    return TreatedValues(out, mask, tuple(details))


def treatment_table(treated: TreatedValues, codes: list[str]) -> pd.DataFrame:
    """Return one row per indicator code: treatment, points, low_cap, high_cap, log_shift."""
    return pd.DataFrame({
        "treatment": [d.kind for d in treated.details],
        "points": [d.points for d in treated.details],
        "low_cap": [d.low_cap for d in treated.details],
        "high_cap": [d.high_cap for d in treated.details],
        "log_shift": [d.log_shift for d in treated.details],
    }, index=pd.Index(codes))


def reapply_log_fallback(x: Array, log_shift: Array) -> Array:
    """Return ln(x − shift) where a shift is given (the baseline's log fallback), else x.

    Values at or below the shift (below the baseline's range) take the log of the smallest
    positive float, so that goalposts clip them to the bottom of the scale.
    """
    has_shift = ~np.isnan(log_shift)
    if not has_shift.any():
        return x
    tiny = np.finfo(float).tiny
    with np.errstate(invalid="ignore"):
        logged = np.log(np.maximum(x - log_shift, tiny))
    return np.where(has_shift & ~np.isnan(x), logged, x)
