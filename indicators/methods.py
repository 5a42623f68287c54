"""The composite-indicator methods as numpy functions over (…, countries, indicators) arrays.

NaN means missing. The country axis is ``-2`` and the indicator axis ``-1``, so every function
also works on a stack of scenarios or Monte Carlo runs in leading axes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from scipy.stats import rankdata

Array = NDArray[np.float64]

#: Skewness and kurtosis beyond which an indicator is treated for outliers (JRC / COINr practice).
SKEW_LIMIT = 2.0
KURTOSIS_LIMIT = 3.5
#: Most points winsorised per indicator before giving up and leaving the rest as they are.
WINSORISE_MAX_POINTS = 5
#: Floor applied to scores before a geometric mean, since one 0 would annihilate it.
GEOMETRIC_FLOOR = 1.0


def log_scales(x: Array) -> Array:
    """Return, per indicator, the median of the strictly positive values (1 where there is none)."""
    positive = np.where(x > 0, x, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: handled below
        scale = np.nanmedian(positive, axis=-2, keepdims=True)
    return np.where(np.isfinite(scale), scale, 1.0)


def log_transform(x: Array, scale: Array) -> Array:
    """Return log10(1 + x / scale): compresses heavy tails, keeps 0 at 0 and order intact.

    Where x / scale overflows (a subnormal scale), the equal log10(x) - log10(scale) is used.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        ratio = x / scale
        direct = np.log1p(ratio) / np.log(10.0)
        overflowed = np.isinf(ratio) & np.isfinite(x)
        if not overflowed.any():
            return direct
        return np.where(overflowed, np.log10(x) - np.log10(scale), direct)


def column_bounds(x: Array) -> tuple[Array, Array]:
    """Return the per-indicator minimum and maximum over countries (NaN where none has a value)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmin(x, axis=-2, keepdims=True), np.nanmax(x, axis=-2, keepdims=True)


def normalise_minmax(x: Array, low: Array, high: Array, direction: Array) -> Array:
    """Return 100·(x − low)/(high − low), flipped where direction is −1, clipped to [0, 100].

    An indicator with ``high == low`` carries no information and comes back all-NaN.
    """
    span = high - low
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(span > 0, (x - low) / span * 100.0, np.nan)
    score = np.clip(score, 0.0, 100.0)
    return np.where(direction < 0, 100.0 - score, score)


def normalise_dist2max(x: Array, low: Array, high: Array, direction: Array) -> Array:
    """Return 100·(1 − (best − x′)/(best − worst)): the distance to the best performer.

    COINr's ``n_dist2max`` on a 0–100 scale: x′ = x·direction, and best / worst are the highest
    and lowest x′ (from the observed ``low`` and ``high`` of x). An indicator with no range
    comes back all-NaN, as in COINr. On the observed range it equals min–max up to rounding.
    """
    signed = x * direction
    best = np.where(direction < 0, -low, high)
    worst = np.where(direction < 0, -high, low)
    span = best - worst
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(span > 0, 100.0 * (1.0 - (best - signed) / span), np.nan)


def normalise_zscore(x: Array, direction: Array) -> Array:
    """Return 50 + 10·z (a T-score: mean 50, standard deviation 10), z signed by direction."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(x, axis=-2, keepdims=True)
        sd = np.nanstd(x, axis=-2, ddof=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(sd > 0, (x - mean) / sd, np.nan)
    return 50.0 + 10.0 * z * direction


def normalise_rank(x: Array, direction: Array) -> Array:
    """Return the percentile rank in [0, 100] among countries with a value (ties averaged)."""
    signed = x * direction
    ranks = rankdata(signed, method="average", axis=-2, nan_policy="omit")
    n = (~np.isnan(signed)).sum(axis=-2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(n > 1, (ranks - 1) / (n - 1) * 100.0, np.nan)
    return np.where(_is_constant(x) | np.isnan(signed), np.nan, score)


def _is_constant(x: Array) -> NDArray[np.bool_]:
    low, high = column_bounds(x)
    return ~(high > low)


def winsorise(x: Array, max_points: int = WINSORISE_MAX_POINTS) -> tuple[Array, NDArray[np.bool_]]:
    """Return x with outliers clipped, and a mask of the clipped cells (2-D input).

    For each indicator whose |skewness| > 2 and kurtosis > 3.5, the most extreme value on the
    side of the skew is set to the next one in, up to ``max_points`` times, until both measures
    are within bounds (the JRC / COINr rule).
    """
    out = np.array(x, dtype=float, copy=True)
    treated = np.zeros(out.shape, dtype=bool)
    for j in range(out.shape[1]):
        column = out[:, j]
        for _ in range(max_points):
            skew, kurt = _skew_kurtosis(column)
            if not (abs(skew) > SKEW_LIMIT and kurt > KURTOSIS_LIMIT):
                break
            present = np.flatnonzero(~np.isnan(column))
            values = column[present]
            if skew > 0:
                extreme = present[np.argmax(values)]
                inner = values[values < values.max()]
                target = inner.max() if inner.size else values.max()
            else:
                extreme = present[np.argmin(values)]
                inner = values[values > values.min()]
                target = inner.min() if inner.size else values.min()
            column[extreme] = target
            treated[extreme, j] = True
        out[:, j] = column
    return out, treated


def _skew_kurtosis(column: Array) -> tuple[float, float]:
    """Return the sample skewness and excess kurtosis of the non-missing values."""
    values = column[~np.isnan(column)]
    if len(values) < 4 or np.ptp(values) == 0:
        return 0.0, 0.0
    centred = values - values.mean()
    m2 = np.mean(centred**2)
    skew = float(np.mean(centred**3) / m2**1.5)
    kurt = float(np.mean(centred**4) / m2**2 - 3.0)
    return skew, kurt


def geometric_forward(scores: Array) -> Array:
    """Return log(max(score, GEOMETRIC_FLOOR)): scores in the space where a geometric mean is
    an arithmetic one."""
    return np.log(np.maximum(scores, GEOMETRIC_FLOOR))


def quasi_mean(scores: Array, membership: Array, weights: Array, min_coverage: float,
               forward: Callable[[Array], Array], inverse: Callable[[Array], Array]) -> Array:
    """Return group scores: inverse(weighted mean of forward(score)) over each group's members.

    ``scores`` is (…, units, members); ``membership`` is (members, groups) of 0/1; ``weights`` is
    (…, members). Weights are rescaled over the available members; a group whose available
    members number fewer than ``min_coverage`` of its members is missing (NaN). With identity
    maps this is the arithmetic mean, with log and exp the geometric one.
    """
    available = ~np.isnan(scores)
    w = weights[..., :, None] * membership  # (…, members, groups)
    filled = np.where(available, forward(scores), 0.0)
    numerator = filled @ w  # broadcasts: a stack of scores or of weights gives a stack of means
    weight_sum = np.einsum("...um,...mg->...ug", available.astype(float), w)
    counted = available.astype(float) @ membership
    needed = membership.sum(axis=0) * min_coverage
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = inverse(numerator / weight_sum)
    return np.where((counted >= needed - 1e-12) & (weight_sum > 0), mean, np.nan)


def weighted_mean(scores: Array, membership: Array, weights: Array,
                  min_coverage: float, geometric: bool = False) -> Array:
    """Return group scores: the weighted arithmetic (or ``geometric``) mean of each group's
    available members, as ``quasi_mean`` defines it."""
    if geometric:
        return quasi_mean(scores, membership, weights, min_coverage, geometric_forward, np.exp)
    return quasi_mean(scores, membership, weights, min_coverage, _identity, _identity)


def _identity(x: Array) -> Array:
    return x
