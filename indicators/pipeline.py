"""The scoring pipeline: select, view, transform, treat, impute, normalise, aggregate, rank."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators import methods as m
from indicators.bundle import Bundle
from indicators.result import Result
from indicators.spec import REFERENCE, ScoringSpec
from indicators.treat import treat_outliers, treatment_table


def select_observations(bundle: Bundle, codes: list[str], year: int,
                        window: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (value, year, source) frames: each cell's latest observation in [year-window, year].

    Frames are indexed by every country of countries.csv with one column per code; a cell with no
    observation in the window is NaN (year NaN, source empty).
    """
    obs = bundle.observation_arrays
    n_countries, n_codes = len(bundle.countries), len(codes)
    column_of = np.full(len(bundle.indicators), -1, dtype=np.int64)
    column_of[bundle.indicators.index.get_indexer(pd.Index(codes))] = np.arange(n_codes)
    column = column_of[obs.indicator]
    rows = np.flatnonzero((column >= 0) & (obs.year >= year - window) & (obs.year <= year))
    cell = obs.country[rows] * n_codes + column[rows]
    order = np.lexsort((obs.year[rows], cell))  # by cell, then year: the last of a cell is latest
    cell_sorted = cell[order]
    latest = np.append(cell_sorted[1:] != cell_sorted[:-1], True)
    chosen, cells = rows[order][latest], cell_sorted[latest]
    value = np.full(n_countries * n_codes, np.nan)
    value[cells] = obs.value[chosen]
    obs_year = np.full(n_countries * n_codes, np.nan)
    obs_year[cells] = obs.year[chosen]
    source = np.full(n_countries * n_codes, "", dtype=object)
    source[cells] = obs.source[chosen]
    index = pd.Index(bundle.countries.index, name="iso3")

    def frame(flat: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(flat.reshape(n_countries, n_codes), index=index, columns=codes)

    return frame(value), frame(obs_year), frame(source)


def apply_view(bundle: Bundle, raw: pd.DataFrame, year: int, window: int,
               view: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (viewed values, denominators): intensity divides by each indicator's denominator.

    The denominator is the context indicator's latest observation in the same window; a missing
    or non-positive denominator makes the cell missing. In the scale view values pass unchanged.
    """
    codes = list(raw.columns)
    denominator = pd.DataFrame(np.nan, index=raw.index, columns=codes)
    if view != "intensity":
        return raw.copy(), denominator
    denominators = bundle.indicators.loc[codes, "denominator"].fillna("")
    context_codes = sorted({d for d in denominators if d})
    if not context_codes:
        return raw.copy(), denominator
    context, _, _ = select_observations(bundle, context_codes, year, window)
    for code in codes:
        d = denominators[code]
        if d:
            denominator[code] = context[d].where(context[d] > 0)
    viewed = raw.copy()
    for code in codes:
        if denominators[code]:
            viewed[code] = raw[code] / denominator[code]
    return viewed, denominator


def score(bundle: Bundle, spec: ScoringSpec = REFERENCE) -> Result:
    """Return the scores of every country under ``spec`` (the reference method by default)."""
    year = spec.year if spec.year is not None else bundle.latest_year
    indicators = bundle.scored_indicators.copy()
    for code, weight in spec.indicator_weights.items():
        if code in indicators.index:
            indicators.loc[code, "weight"] = float(weight)
    pillar_info = bundle.pillars.loc[bundle.pillar_codes].copy()
    for pillar, weight in spec.pillar_weights.items():
        if pillar in pillar_info.index:
            pillar_info.loc[pillar, "weight"] = float(weight)
    codes = list(indicators.index)
    raw, raw_year, raw_source = select_observations(bundle, codes, year, spec.window)
    viewed, denominator = apply_view(bundle, raw, year, spec.window, spec.view)

    x = viewed.to_numpy(dtype=float)
    is_log = (indicators["transform"] == "log").to_numpy()
    scale = np.where(is_log, m.log_scales(x)[0], np.nan)
    transformed_arr = x.copy()
    transformed_arr[:, is_log] = m.log_transform(x[:, is_log], scale[is_log])
    treated_arr = np.zeros(x.shape, dtype=bool)
    treatment = None
    if spec.outliers == "winsorise":
        treatment = treat_outliers(transformed_arr)
        transformed_arr, treated_arr = treatment.values, treatment.treated
    imputed_arr = np.zeros(x.shape, dtype=bool)
    if spec.imputation != "none":
        transformed_arr, imputed_arr = _impute_group_mean(
            transformed_arr, bundle.countries[spec.imputation].fillna("").to_numpy()
        )
    direction = indicators["direction"].to_numpy(dtype=float)[None, :]
    low, high = m.column_bounds(transformed_arr)
    for j, code in enumerate(codes):
        if spec.normalisation == "goalposts" and code in spec.goalposts:
            lo, hi = spec.goalposts[code]
            if is_log[j]:
                lo, hi = (float(m.log_transform(np.array(v), np.array(scale[j])))
                          for v in (lo, hi))
            low[0, j], high[0, j] = float(lo), float(hi)
    if spec.normalisation in ("minmax", "goalposts"):
        normalised_arr = m.normalise_minmax(transformed_arr, low, high, direction)
    elif spec.normalisation == "zscore":
        normalised_arr = m.normalise_zscore(transformed_arr, direction)
    else:
        normalised_arr = m.normalise_rank(transformed_arr, direction)

    warnings: list[str] = []
    has_values = ~np.isnan(transformed_arr).all(axis=0)
    constant = has_values & np.isnan(normalised_arr).all(axis=0)
    for k in np.flatnonzero(constant):
        warnings.append(f"{codes[int(k)]}: every country has the same value in {year}; the "
                        "indicator carries no information and is treated as missing for all")

    pillar_codes = list(pillar_info.index)
    membership = np.array([[1.0 if p == q else 0.0 for q in pillar_codes]
                           for p in indicators["pillar"]])
    geometric = spec.aggregation == "geometric"
    pillar_arr = m.weighted_mean(normalised_arr, membership,
                                 indicators["weight"].to_numpy(dtype=float),
                                 spec.min_pillar_coverage, geometric)
    overall_arr = m.weighted_mean(pillar_arr, np.ones((len(pillar_codes), 1)),
                                  pillar_info["weight"].to_numpy(dtype=float), 1.0,
                                  geometric)[:, 0]
    rank_arr = m.rank_descending(overall_arr)

    index = raw.index

    def frame(arr: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(arr, index=index, columns=codes)

    goalposts = pd.DataFrame({"scale": scale, "low": low[0], "high": high[0]}, index=codes)
    if treatment is not None:
        goalposts = goalposts.join(treatment_table(treatment, codes))
    return Result(
        spec=spec,
        year=year,
        version=bundle.version,
        countries=bundle.countries,
        indicators=indicators,
        pillar_info=pillar_info,
        raw=raw,
        raw_year=raw_year,
        raw_source=raw_source,
        denominator=denominator,
        viewed=viewed,
        transformed=frame(transformed_arr),
        normalised=frame(normalised_arr),
        pillars=pd.DataFrame(pillar_arr, index=index, columns=pillar_codes),
        overall=pd.Series(overall_arr, index=index, name="overall"),
        rank=pd.Series(rank_arr, index=index, name="rank").astype("Int64"),
        stale=frame(raw_year.to_numpy() < year) & raw.notna(),
        imputed=frame(imputed_arr).astype(bool),
        treated=frame(treated_arr).astype(bool),
        goalposts=goalposts,
        warnings=tuple(warnings),
    )


def _impute_group_mean(x: np.ndarray, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return x with each missing cell set to its group's mean, and the mask of imputed cells."""
    out = x.copy()
    imputed = np.zeros(x.shape, dtype=bool)
    for group in np.unique(groups):
        if not group:
            continue
        rows = groups == group
        block = x[rows]
        with np.errstate(invalid="ignore"):
            counts = (~np.isnan(block)).sum(axis=0)
            means = np.where(counts > 0, np.nansum(block, axis=0) / np.maximum(counts, 1), np.nan)
        fill = np.isnan(block) & ~np.isnan(means)[None, :]
        block = np.where(fill, means[None, :], block)
        out[rows] = block
        imputed[rows] = fill
    return out, imputed


def score_years(bundle: Bundle, spec: ScoringSpec = REFERENCE,
                years: list[int] | None = None) -> dict[int, Result]:
    """Return a result for every year in the data (or in ``years``) under the same rules."""
    chosen = years if years is not None else bundle.years
    return {y: score(bundle, spec.model_copy(update={"year": y})) for y in chosen}


def trends(results: dict[int, Result]) -> pd.DataFrame:
    """Return a long table year, iso3, overall, each pillar and rank over the given results."""
    frames = []
    for year, result in sorted(results.items()):
        frame = result.pillars.copy()
        frame.insert(0, "overall", result.overall)
        frame["rank"] = result.rank
        frame.insert(0, "year", year)
        frames.append(frame.reset_index())
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
