"""The composite-indicator methods as numpy functions over (…, countries, indicators) arrays.

NaN means missing. The country axis is ``-2`` and the indicator axis ``-1``, so every function
also works on a stack of scenarios or Monte Carlo runs in leading axes.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from indicators.treat import (
    KURTOSIS_THRESHOLD,
    SKEW_THRESHOLD,
    WINSORISE_MAX_POINTS,
    treat_outliers,
)

Array = NDArray[np.float64]

#: Floor applied to scores before a geometric mean, since one 0 would annihilate it.
GEOMETRIC_FLOOR = 1.0
#: The outlier screen's thresholds under their former names (indicators.build.quality uses them).
SKEW_LIMIT = SKEW_THRESHOLD
KURTOSIS_LIMIT = KURTOSIS_THRESHOLD


def log_scales(x: Array) -> Array:
    """Return, per indicator, the median of the strictly positive values (1 where there is none)."""
    positive = np.where(x > 0, x, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: handled below
        scale = np.nanmedian(positive, axis=-2, keepdims=True)
    return np.where(np.isfinite(scale), scale, 1.0)


#: ``log_min`` divides by the smallest positive value over this, so that value maps to exactly
#: log10(1 + 9) = 1: having the smallest amount observed counts as one decade.
LOG_MIN_DIVISOR = 9.0


def log_min_scales(x: Array) -> Array:
    """Return, per indicator, the smallest strictly positive value / ``LOG_MIN_DIVISOR`` (1 where
    there is none), the scale of the ``log_min`` transform: with it log10(1 + x/scale) is 0 at
    0, 1 at the smallest positive value and about one more per tenfold above it."""
    positive = np.where(x > 0, x, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns: handled below
        scale = np.nanmin(positive, axis=-2, keepdims=True) / LOG_MIN_DIVISOR
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
    ranks = average_ranks(signed)
    n = (~np.isnan(signed)).sum(axis=-2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(n > 1, (ranks - 1) / (n - 1) * 100.0, np.nan)
    return np.where(_is_constant(x) | np.isnan(signed), np.nan, score)


def average_ranks(x: Array) -> Array:
    """Return ranks 1…k of the values along the country axis (-2), ties averaged, NaN kept NaN.

    As ``scipy.stats.rankdata(x, "average", axis=-2, nan_policy="omit")``, in numpy: importing
    scipy.stats for this one function was over half the command line's start-up time.
    """
    moved = np.moveaxis(np.asarray(x, dtype=float), -2, -1)
    flat = moved.reshape(-1, moved.shape[-1])
    n = flat.shape[-1]
    order = np.argsort(flat, axis=-1, kind="stable")  # NaN sort last
    ordered = np.take_along_axis(flat, order, axis=-1)
    positions = np.arange(n)
    starts = np.ones(flat.shape, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends = np.ones(flat.shape, dtype=bool)
    ends[:, :-1] = starts[:, 1:]
    first = np.maximum.accumulate(np.where(starts, positions, 0), axis=-1)
    last = np.minimum.accumulate(np.where(ends, positions, n)[:, ::-1], axis=-1)[:, ::-1]
    ranks = np.empty(flat.shape)
    np.put_along_axis(ranks, order, (first + last) / 2.0 + 1.0, axis=-1)
    ranks[np.isnan(flat)] = np.nan
    return np.moveaxis(ranks.reshape(moved.shape), -1, -2)


def _is_constant(x: Array) -> NDArray[np.bool_]:
    low, high = column_bounds(x)
    return ~(high > low)


def winsorise(x: Array, max_points: int = WINSORISE_MAX_POINTS) -> tuple[Array, NDArray[np.bool_]]:
    """Return x treated for outliers as COINr's ``Treat()`` defaults, and the mask of treated cells.

    Winsorisation up to ``max_points`` per indicator with the log fallback: the rules are in
    :mod:`indicators.treat`, which also gives what was done to each indicator.
    """
    treated = treat_outliers(x, max_points)
    return treated.values, treated.treated


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


def normalise_fracmax(x: Array, low: Array, high: Array, direction: Array) -> Array:
    """Return 100·x/max, clipped to [0, 100]; 100 minus that where direction is −1.

    COINr's ``n_fracmax`` on a 0–100 scale: each value as a share of the highest (``high``, the
    observed maximum), so 0 stays 0 and ratios between countries are kept. A negative value
    scores 0. With direction −1 the score is flipped (100 − score), as min–max is. An indicator
    whose maximum is not positive has no scale and comes back all-NaN.
    """
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # clipped below
        score = np.where(high > 0, 100.0 * x / high, np.nan)
    score = np.clip(score, 0.0, 100.0)
    return np.where(direction < 0, 100.0 - score, score)


def normalise_borda(x: Array, direction: Array) -> Array:
    """Return each value's Borda count: how many countries it strictly outscores.

    COINr's ``n_borda`` (rank with ties at the lowest, minus 1) after x·direction: from 0 to
    n − 1 among the n countries with a value, not on 0–100. Tied countries share the count. A
    constant indicator comes back all-NaN (it ranks no one).
    """
    signed = x * direction
    present = ~np.isnan(signed)
    below = (signed[..., None, :, :] < signed[..., :, None, :]) & present[..., None, :, :]
    count = below.sum(axis=-2).astype(float)
    return np.where(present & ~_is_constant(x), count, np.nan)


def harmonic_forward(scores: Array) -> Array:
    """Return 1/max(score, GEOMETRIC_FLOOR): scores in the space where a harmonic mean is an
    arithmetic one (its inverse is the same map). Scores below the floor count as the floor,
    as for the geometric mean: one 0 would make the mean 0."""
    return 1.0 / np.maximum(scores, GEOMETRIC_FLOOR)


def reciprocal(x: Array) -> Array:
    """Return 1/x (the harmonic mean's way back from the reciprocal space)."""
    with np.errstate(divide="ignore"):
        return 1.0 / x


def copeland(scores: Array, membership: Array, weights: Array, min_coverage: float) -> Array:
    """Return group scores by the Copeland method: pairwise wins minus losses (non-compensatory).

    COINr's ``a_copeland``: for each group and each pair of units, a unit outranks the other
    when the weights of the members on which it scores higher, plus half those on which they
    tie, exceed half the weights the two can be compared on (members both have); the group
    score is the number of units it outranks minus the number that outrank it, from −(n − 1) to
    n − 1 among the n units with a group score. A unit with fewer available members than
    ``min_coverage`` of the group's has no score and is left out of the comparisons; two units
    with no member in common do not count for each other. (COINr compares on the weights of all
    members, taking a member missing in either unit as no win for either; with complete data
    the two agree.) ``scores`` is (…, units, members), ``membership`` (members, groups) and
    ``weights`` (members,).
    """
    out = np.full((*scores.shape[:-1], membership.shape[1]), np.nan)
    present = ~np.isnan(scores)
    for g in range(membership.shape[1]):
        cols = membership[:, g] > 0
        x, have = scores[..., cols], present[..., cols]
        w = weights[..., None, None, cols]  # (…, 1, 1, members): broadcast over unit pairs
        scored = have.sum(axis=-1) >= cols.sum() * min_coverage - 1e-12
        both = have[..., :, None, :] & have[..., None, :, :]
        higher = (x[..., :, None, :] > x[..., None, :, :]) & both
        tied = (x[..., :, None, :] == x[..., None, :, :]) & both
        total = (both * w).sum(axis=-1)
        share = ((higher * w).sum(axis=-1) + 0.5 * (tied * w).sum(axis=-1)) \
            / np.where(total > 0, total, 1.0)
        # An exact tie of weights (wins = losses) must not become a win or a loss through
        # rounding: (0.1 + 0.5 * 1.0) / 1.2 is a hair below 0.5 in floating point.
        margin = np.where(np.abs(share - 0.5) <= 1e-12, 0.0, share - 0.5)
        outranks = np.where(total > 0, np.sign(margin), 0.0)
        counted = scored[..., :, None] & scored[..., None, :]
        net = np.where(counted, outranks, 0.0).sum(axis=-1)
        out[..., g] = np.where(scored, net, np.nan)
    return out
