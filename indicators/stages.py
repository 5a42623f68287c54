"""The scoring stages, each a plain function over arrays, composed by every scorer.

``pipeline.score`` (one year, one spec), ``scenarios.scoring.floor_scores`` (a cut scored on the
baseline's goalposts) and the Monte Carlo engine (``robustness.engine``) all call these, in this
order: select → denominate → transform → treat → fill unlisted → impute → normalise →
aggregate → rank.

Arrays are (…, countries, indicators) with NaN for missing: the country axis is ``-2`` and the
indicator axis ``-1``, so leading axes (severities, runs) pass through. Where a stage needs a
different loop for a batch (many weight vectors over one matrix), its ``*_runs`` variant sits
beside the plain one and a property test checks they agree. Method names are dispatched through
``indicators.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from indicators import methods as m
from indicators.bundle import ObservationArrays
from indicators.registry import AGGREGATORS, NORMALISERS, TREATMENTS, Aggregator

Array = NDArray[np.float64]
Mask = NDArray[np.bool_]
#: Rows ranked at once by ``rank``: bounds its memory to about chunk × countries × 8 bytes × 4.
RANK_CHUNK = 2048


@dataclass(frozen=True)
class Selected:
    """Each cell's chosen observation (countries × codes): value, year (NaN: none), source id."""

    value: Array
    year: Array
    source: NDArray[np.object_]


def select(observations: ObservationArrays, n_countries: int, positions: NDArray[np.intp],
           year: int, window: int) -> Selected:
    """Return, for each of ``n_countries`` countries and each indicator at ``positions`` (of the
    indicators table), its latest observation in [year − window, year].

    ``observations`` is the long values table as positions (``Bundle.observation_arrays``);
    the result has one row per country and one column per entry of ``positions``.
    """
    country, indicator = observations.country, observations.indicator
    obs_year, value, source = observations.year, observations.value, observations.source
    n_codes = len(positions)
    column_of = np.full(max(int(indicator.max(initial=-1)), int(positions.max(initial=-1))) + 1,
                        -1, dtype=np.int64)
    column_of[positions] = np.arange(n_codes)
    column = column_of[indicator] if len(indicator) else np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero((column >= 0) & (obs_year >= year - window) & (obs_year <= year))
    cell = country[rows] * n_codes + column[rows]
    order = np.lexsort((obs_year[rows], cell))  # by cell, then year: the last of a cell is latest
    cell_sorted = cell[order]
    latest = np.append(cell_sorted[1:] != cell_sorted[:-1], True)
    chosen, cells = rows[order][latest], cell_sorted[latest]
    out_value = np.full(n_countries * n_codes, np.nan)
    out_value[cells] = value[chosen]
    out_year = np.full(n_countries * n_codes, np.nan)
    out_year[cells] = obs_year[chosen]
    out_source = np.full(n_countries * n_codes, "", dtype=object)
    out_source[cells] = source[chosen]
    shape = (n_countries, n_codes)
    return Selected(out_value.reshape(shape), out_year.reshape(shape), out_source.reshape(shape))


def denominate(x: Array, divisor: Array, has_divisor: Mask) -> Array:
    """Return x divided by its divisor in the indicators marked ``has_divisor``, unchanged in the
    others; a missing or non-positive divisor makes the cell missing (the intensity view)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        divided = x / np.where(divisor > 0, divisor, np.nan)
    return np.where(has_divisor, divided, x)


def transform(x: Array, is_log: Mask, scale: Array | None = None,
              is_log_min: Mask | None = None) -> tuple[Array, Array]:
    """Return (transformed values, log scale per indicator): log10(1 + x / scale) where
    ``is_log``, x elsewhere.

    Without ``scale`` each log indicator's scale is the median of its positive values
    (``methods.log_scales``), or, where ``is_log_min`` (the ``log_min`` transform, a subset of
    ``is_log``), its smallest positive value / 9 (``methods.log_min_scales``); the scale is NaN
    for the other indicators. A given scale (e.g. the baseline's) is (…, indicators).
    """
    if scale is None:
        scale = np.where(is_log, m.log_scales(x)[..., 0, :], np.nan)
        if is_log_min is not None and is_log_min.any():
            scale = np.where(is_log_min, m.log_min_scales(x)[..., 0, :], scale)
    out = np.array(x, dtype=float, copy=True)
    out[..., is_log] = m.log_transform(out[..., is_log], scale[..., None, :][..., is_log])
    return out, scale


def treat(x: Array, method: str) -> tuple[Array, Mask]:
    """Return (treated values, mask of changed cells) of a countries × indicators matrix, by the
    outlier treatment ``method`` of ``registry.TREATMENTS``."""
    return TREATMENTS[method].treat(x)


def hold_treatment(x: Array, cap: Array, untreated: Array, treated: Mask) -> Array:
    """Return x with the cells ``treated`` in a baseline held at the baseline's caps.

    ``cap`` is the baseline's treated value and ``untreated`` its value before treatment (both
    countries × indicators): a cell clipped down keeps min(x, cap), one clipped up keeps
    max(x, cap), as goalposts are kept. Leading axes of x pass through.
    """
    down = cap < untreated
    capped = np.where(down, np.minimum(x, cap), np.maximum(x, cap))
    return np.where(treated, capped, x)


def impute(x: Array, groups: NDArray[np.object_],
           eligible: Mask | None = None) -> tuple[Array, Mask]:
    """Return (x with each missing cell set to its group's mean, mask of the imputed cells).

    ``groups`` labels each country (axis −2); "" means no group, so nothing is imputed there.
    A group with no value of an indicator leaves it missing. Only cells where ``eligible`` (if
    given; countries × indicators, see ``imputable``) is true are filled; the group means use
    every observed value. Leading axes pass through.
    """
    out = np.array(x, dtype=float, copy=True)
    imputed = np.zeros(out.shape, dtype=bool)
    for group in np.unique(groups):
        if not group:
            continue
        rows = groups == group
        block = out[..., rows, :]
        counts = (~np.isnan(block)).sum(axis=-2, keepdims=True)
        with np.errstate(invalid="ignore"):
            means = np.where(counts > 0,
                             np.nansum(block, axis=-2, keepdims=True) / np.maximum(counts, 1),
                             np.nan)
        fill = np.isnan(block) & ~np.isnan(means)
        if eligible is not None:
            fill &= eligible[rows, :]
        out[..., rows, :] = np.where(fill, means, block)
        imputed[..., rows, :] = fill
    return out, imputed


def imputable(x: Array, members: Array, min_coverage: float) -> Mask:
    """Return the countries × indicators cells imputation may fill: those of a pillar that meets
    the coverage rule on observed values alone (``aggregate``'s ``min_coverage``).

    So imputation fills gaps in pillars the reference method scores anyway and never lifts a
    country the coverage rule leaves unscored into the ranking (issue 12, audit A7).
    ``x`` is (countries, indicators) before imputation, ``members`` indicators × pillars.
    """
    counted = (~np.isnan(x)).astype(float) @ members
    meets = counted >= members.sum(axis=0) * min_coverage - 1e-12
    return (meets.astype(float) @ members.T) > 0


def bounds(x: Array) -> tuple[Array, Array]:
    """Return the per-indicator (low, high): the observed minimum and maximum over countries."""
    return m.column_bounds(x)


def normalise(x: Array, method: str, low: Array, high: Array, direction: Array) -> Array:
    """Return 0–100-type scores of x by the normalisation ``method`` of
    ``registry.NORMALISERS``, with per-indicator bounds ``low``/``high`` and ``direction``
    (+1: higher is better, −1: lower is better)."""
    return NORMALISERS[method].normalise(x, low, high, direction)


def normalise_columns(x: Array, methods: list[str], low: Array, high: Array,
                      direction: Array) -> Array:
    """Return ``normalise`` applied with each indicator's own method (``methods``, one name per
    indicator column), so a spec can choose a normalisation per indicator."""
    if len(set(methods)) == 1:
        return normalise(x, methods[0], low, high, direction)
    out = np.full(np.shape(x), np.nan)
    chosen = np.array(methods)
    for method in dict.fromkeys(methods):
        cols = chosen == method
        out[..., cols] = normalise(x[..., cols], method, low[..., cols], high[..., cols],
                                   direction[..., cols])
    return out


def fill_unlisted(x: Array, is_sample: Mask, eligible: Mask,
                  zero: Array | None = None) -> tuple[Array, Mask]:
    """Return (x with each missing cell of a sample indicator set to zero capacity, mask of
    those cells). Zero capacity is 0, or ``zero`` per indicator where given (after a log
    fallback of the outlier treatment, ``pipeline.zero_capacity``).

    A sample source (``contract.SAMPLE_INDICATORS``) lists part of what exists, so what it
    shows is a lower bound for every country: the listed stock for a listed one, zero capacity
    for the others. Scoring that bound for all countries (0 is zero capacity after every
    transform: log10(1 + 0/s) = 0) makes the scale's bottom goalpost zero capacity, so the
    listing's magnitude decides the score, and no listing, however small, scores below being
    unlisted: adding capacity never lowers a pillar (issue 12, audit A11). Any positive value
    for the unlisted would score some of them above a listed country (Vietnam's 50 H100e, the
    smallest listing, below Slovenia's 76 had Vietnam been unlisted). Only cells where
    ``eligible`` (countries × indicators; see ``imputable``, and a denominator where the view
    divides) are filled. x is (…, countries, indicators); ``is_sample`` has one flag per
    indicator. Every sample indicator counts a non-negative stock, higher is better.
    """
    fill = np.isnan(x) & is_sample & eligible
    value = np.zeros(np.shape(x)[-1]) if zero is None else zero
    return np.where(fill, value, x), fill


def membership(indicator_pillars: NDArray[np.object_], pillars: list[str]) -> Array:
    """Return the indicators × pillars 0/1 matrix: 1 where the indicator belongs to the pillar."""
    return (np.asarray(indicator_pillars)[:, None] == np.array(pillars)[None, :]).astype(float)


def aggregate(scores: Array, members: Array, weights: Array, min_coverage: float,
              method: str) -> Array:
    """Return group scores (…, units, groups): the ``method`` weighted mean of each group's
    available members (``registry.AGGREGATORS``).

    ``scores`` is (…, units, members), ``members`` the members × groups 0/1 matrix and
    ``weights`` (…, members). A group with fewer available members than ``min_coverage`` of
    its members is missing (NaN).
    """
    agg = AGGREGATORS[method]
    if agg.outrank is not None:
        return agg.outrank(scores, members, weights, min_coverage)
    return m.quasi_mean(scores, members, weights, min_coverage, agg.forward, agg.inverse)


def aggregate_overall(pillars: Array, weights: Array, method: str) -> Array:
    """Return the overall score (…, units): the weighted mean of all pillars, NaN if any is."""
    return aggregate(pillars, np.ones((pillars.shape[-1], 1)), weights, 1.0, method)[..., 0]


def aggregate_runs(scores: Array, members: Array, weights: Array, min_coverage: float,
                   method: str) -> Array:
    """Return runs × units × groups: ``aggregate`` of one units × members matrix under many
    weight vectors (``weights`` is runs × members) in one matrix product, not one per run."""
    agg = _mean(method)
    available = ~np.isnan(scores)
    filled = np.where(available, agg.forward(scores), 0.0)
    runs, (n_members, groups) = weights.shape[0], members.shape
    per_run = (weights[:, :, None] * members[None]).transpose(1, 0, 2).reshape(n_members, -1)
    numerator = (filled @ per_run).reshape(-1, runs, groups).transpose(1, 0, 2)
    weight_sum = (available.astype(float) @ per_run).reshape(-1, runs, groups).transpose(1, 0, 2)
    counted = available.astype(float) @ members
    needed = members.sum(axis=0) * min_coverage
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = agg.inverse(numerator / weight_sum)
    return np.where((counted >= needed - 1e-12) & (weight_sum > 0), mean, np.nan)


def aggregate_overall_runs(pillars: Array, weights: Array, method: str) -> Array:
    """Return runs × units overall scores from runs × units × pillars, with one pillar weight
    vector per run (``weights`` runs × pillars); NaN where any pillar is missing."""
    agg = _mean(method)
    w = weights[:, None, :]
    with np.errstate(invalid="ignore"):
        mean = agg.inverse((agg.forward(pillars) * w).sum(axis=-1) / w.sum(axis=-1))
    return np.where(np.isnan(pillars).any(axis=-1), np.nan, mean)


def _mean(method: str) -> Aggregator:
    """Return the aggregator ``method`` for batched runs; an outranking one cannot be batched."""
    agg = AGGREGATORS[method]
    if agg.outrank is not None:
        raise ValueError(f"aggregation {method!r} compares countries pairwise and cannot be "
                         "batched over weight runs: expected a mean (arithmetic, geometric, "
                         "harmonic)")
    return agg


def rank(scores: Array, chunk: int = RANK_CHUNK) -> Array:
    """Return ranks along the last axis: 1 = highest; ties share the lowest (best) rank, i.e.
    1 + the number of strictly higher scores; NaN scores stay unranked (NaN).

    Leading axes (runs, severities) are ranked ``chunk`` rows at a time, by one argsort each.
    """
    scores = np.asarray(scores, dtype=float)
    if scores.size == 0:
        return scores.copy()
    flat = scores.reshape(-1, scores.shape[-1])
    out = np.empty(flat.shape)
    positions = np.arange(flat.shape[-1], dtype=float)
    for start in range(0, len(flat), chunk):
        block = flat[start:start + chunk]
        descending = np.where(np.isnan(block), np.inf, -block)
        order = np.argsort(descending, axis=-1, kind="stable")
        ordered = np.take_along_axis(descending, order, axis=-1)
        first_of_tie = np.ones(ordered.shape, dtype=bool)
        first_of_tie[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
        tie_start = np.maximum.accumulate(np.where(first_of_tie, positions, 0.0), axis=-1)
        ranks = np.empty(block.shape)
        np.put_along_axis(ranks, order, tie_start + 1.0, axis=-1)
        out[start:start + chunk] = ranks
    return np.where(np.isnan(flat), np.nan, out).reshape(scores.shape)
