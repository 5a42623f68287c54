"""The scoring pipeline: the stages of ``indicators.stages`` composed into a ``Result``.

select → denominate → transform → treat → impute → normalise → aggregate → rank, with every
intermediate kept so each number can be traced to its observation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators import contract as c
from indicators import methods as m
from indicators import stages as st
from indicators.bundle import Bundle
from indicators.registry import IMPUTERS, NORMALISERS, VIEWS
from indicators.result import Result
from indicators.spec import REFERENCE, ScoringSpec
from indicators.treat import treat_outliers, treatment_table


def select_observations(bundle: Bundle, codes: list[str], year: int,
                        window: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (value, year, source) frames: each cell's latest observation in [year-window, year].

    Frames are indexed by every country of countries.csv with one column per code; a cell with no
    observation in the window is NaN (year NaN, source empty). The ``select`` stage, as frames.
    """
    positions = bundle.indicators.index.get_indexer(pd.Index(codes))
    selected = st.select(bundle.observation_arrays, len(bundle.countries), positions, year,
                         window)
    index = pd.Index(bundle.countries.index, name="iso3")

    def frame(cells: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(cells, index=index, columns=codes)

    return frame(selected.value), frame(selected.year), frame(selected.source)


def denominators(bundle: Bundle, codes: list[str], year: int, window: int) -> pd.DataFrame:
    """Return each cell's denominator for the intensity view: the latest observation of the
    indicator's denominator (a context series) in [year − max(window, DENOMINATOR_WINDOW),
    year], NaN where it is missing or not positive, and NaN throughout for an indicator
    without a denominator."""
    index = pd.Index(bundle.countries.index, name="iso3")
    names = bundle.indicators.loc[codes, "denominator"].fillna("").tolist()
    context_codes = sorted({d for d in names if d})
    cells = np.full((len(index), len(codes)), np.nan)
    if context_codes:
        context, _, _ = select_observations(bundle, context_codes, year,
                                            max(window, c.DENOMINATOR_WINDOW))
        series = context.to_numpy(dtype=float)
        column = {code: k for k, code in enumerate(context_codes)}
        for j, name in enumerate(names):
            if name:
                values = series[:, column[name]]
                cells[:, j] = np.where(values > 0, values, np.nan)
    return pd.DataFrame(cells, index=index, columns=codes)


def denominate(bundle: Bundle, raw: pd.DataFrame, year: int, window: int,
               view: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (denominated values, denominators) of ``raw`` in ``view``: the ``denominate`` stage.

    A view that denominates (intensity) divides each indicator with a denominator by it; the
    scale view passes values unchanged (and its denominators are all missing).
    """
    codes = list(raw.columns)
    if not VIEWS[view].denominates:
        return raw.copy(), pd.DataFrame(np.nan, index=raw.index, columns=codes)
    denominator = denominators(bundle, codes, year, window)
    has_divisor = (bundle.indicators.loc[codes, "denominator"].fillna("") != "").to_numpy()
    values = st.denominate(raw.to_numpy(dtype=float), denominator.to_numpy(dtype=float),
                           has_divisor)
    return pd.DataFrame(values, index=raw.index, columns=codes), denominator


def weighted_tables(bundle: Bundle, spec: ScoringSpec) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (scored indicators, pillars) with the spec's weight overrides applied."""
    indicators = bundle.scored_indicators.copy()
    for code, weight in spec.indicator_weights.items():
        if code in indicators.index:
            indicators.loc[code, "weight"] = float(weight)
    pillar_info = bundle.pillars.loc[bundle.pillar_codes].copy()
    for pillar, weight in spec.pillar_weights.items():
        if pillar in pillar_info.index:
            pillar_info.loc[pillar, "weight"] = float(weight)
    return indicators, pillar_info


@dataclass(frozen=True)
class Normalised:
    """The pipeline's stages through ``normalise``: what ``score`` aggregates and reports.

    Arrays are countries × indicators (``codes``, the scored indicators in the file's order);
    ``transformed`` is after the transform, treatment, fill and imputation stages.
    """

    year: int
    indicators: pd.DataFrame
    pillar_info: pd.DataFrame
    codes: list[str]
    raw: pd.DataFrame
    raw_year: pd.DataFrame
    raw_source: pd.DataFrame
    denominated: pd.DataFrame
    denominator: pd.DataFrame
    transformed: np.ndarray
    normalised: np.ndarray
    members: np.ndarray
    treated: np.ndarray
    treatment: pd.DataFrame | None
    imputed: np.ndarray
    unlisted: np.ndarray
    scale: np.ndarray
    low: np.ndarray
    high: np.ndarray


def normalise(bundle: Bundle, spec: ScoringSpec = REFERENCE) -> Normalised:
    """Return the stages select → denominate → transform → treat → impute → normalise of
    ``spec`` (what the Monte Carlo needs of each combination, without aggregating)."""
    year = spec.year if spec.year is not None else bundle.latest_year
    indicators, pillar_info = weighted_tables(bundle, spec)
    codes = list(indicators.index)
    raw, raw_year, raw_source = select_observations(bundle, codes, year, spec.window)
    denominated, denominator = denominate(bundle, raw, year, spec.window, spec.view)

    is_log = indicators["transform"].isin(c.LOG_TRANSFORMS).to_numpy()
    is_log_min = (indicators["transform"] == "log_min").to_numpy()
    transformed, scale = st.transform(denominated.to_numpy(dtype=float), is_log,
                                      is_log_min=is_log_min)
    untreated = transformed
    transformed, treated = st.treat(untreated, spec.outliers)
    # what was done to each indicator, for the fill below, scenarios and audits
    treatment = (treatment_table(treat_outliers(untreated), codes)
                 if spec.outliers == "winsorise" else None)
    imputed = np.zeros(transformed.shape, dtype=bool)
    members = st.membership(indicators["pillar"].to_numpy(), list(pillar_info.index))
    # on observed values only, so neither filling nor imputing lifts a pillar over the rule
    eligible = st.imputable(transformed, members, spec.min_pillar_coverage)
    transformed, unlisted = st.fill_unlisted(
        transformed, np.isin(codes, c.SAMPLE_INDICATORS),
        eligible & _dividable(denominated, denominator, bundle, codes, spec.view),
        zero_capacity(transformed, treatment))
    group_column = IMPUTERS[spec.imputation].group_column
    if group_column is not None:
        transformed, imputed = impute_by(bundle.countries, group_column, transformed, eligible)
    direction = indicators["direction"].to_numpy(dtype=float)[None, :]
    low, high = st.bounds(transformed)
    methods = normalisations(spec, codes)
    _set_goalposts(low, high, codes, _bounds_given(spec, codes, methods, direction[0]), is_log,
                   scale)
    normalised = st.normalise_columns(transformed, methods, low, high, direction)
    return Normalised(year=year, indicators=indicators, pillar_info=pillar_info, codes=codes,
                      raw=raw, raw_year=raw_year, raw_source=raw_source,
                      denominated=denominated, denominator=denominator,
                      transformed=transformed, normalised=normalised, members=members,
                      treated=treated, treatment=treatment, imputed=imputed, unlisted=unlisted,
                      scale=scale, low=low, high=high)


def score(bundle: Bundle, spec: ScoringSpec = REFERENCE) -> Result:
    """Return the scores of every country under ``spec`` (the reference method by default)."""
    n = normalise(bundle, spec)
    year, indicators, pillar_info, codes = n.year, n.indicators, n.pillar_info, n.codes
    raw, raw_year, raw_source = n.raw, n.raw_year, n.raw_source
    denominated, denominator = n.denominated, n.denominator
    transformed, normalised, members = n.transformed, n.normalised, n.members
    treated, treatment, imputed, unlisted = n.treated, n.treatment, n.imputed, n.unlisted
    scale, low, high = n.scale, n.low, n.high

    warnings: list[str] = []
    has_values = ~np.isnan(transformed).all(axis=0)
    constant = has_values & np.isnan(normalised).all(axis=0)
    for k in np.flatnonzero(constant):
        warnings.append(f"{codes[int(k)]}: every country has the same value in {year}; the "
                        "indicator carries no information and is treated as missing for all")

    pillar_codes = list(pillar_info.index)
    pillar_arr = st.aggregate(normalised, members, indicators["weight"].to_numpy(dtype=float),
                              spec.min_pillar_coverage, spec.aggregation)
    overall_arr = st.aggregate_overall(pillar_arr, pillar_info["weight"].to_numpy(dtype=float),
                                       spec.aggregation)
    rank_arr = st.rank(overall_arr)

    index = raw.index

    def frame(arr: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(arr, index=index, columns=codes)

    goalposts = pd.DataFrame({"scale": scale, "low": low[0], "high": high[0]}, index=codes)
    if treatment is not None:
        goalposts = goalposts.join(treatment)
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
        denominated=denominated,
        transformed=frame(transformed),
        normalised=frame(normalised),
        pillars=pd.DataFrame(pillar_arr, index=index, columns=pillar_codes),
        overall=pd.Series(overall_arr, index=index, name="overall"),
        rank=pd.Series(rank_arr, index=index, name="rank").astype("Int64"),
        stale=frame(raw_year.to_numpy() < year) & raw.notna(),
        imputed=frame(imputed).astype(bool),
        treated=frame(treated).astype(bool),
        goalposts=goalposts,
        warnings=tuple(warnings),
        unlisted=frame(unlisted).astype(bool),
    )


def zero_capacity(transformed: np.ndarray, treatment: pd.DataFrame | None) -> np.ndarray:
    """Return per indicator the transformed value of zero capacity: 0 after every transform,
    except where the outlier treatment fell back to ln(x − shift), which has no value for
    it; there the bottom of the treated values (the lowest listing ties with the unlisted)."""
    zero = np.zeros(transformed.shape[-1])
    if treatment is None:
        return zero
    relogged = treatment["log_shift"].notna().to_numpy()
    if relogged.any():
        with np.errstate(invalid="ignore"):
            zero[relogged] = np.nanmin(transformed[:, relogged], axis=0)
    return zero


def _dividable(denominated: pd.DataFrame, denominator: pd.DataFrame, bundle: Bundle,
               codes: list[str], view: str) -> np.ndarray:
    """Return the countries × codes cells that could hold a value in ``view``: all of them in a
    view that does not divide, else those of an indicator without a denominator or whose
    country has one (an unlisted stock per unit of a missing GDP stays missing)."""
    if not VIEWS[view].denominates:
        return np.ones(denominated.shape, dtype=bool)
    has_divisor = (bundle.indicators.loc[codes, "denominator"].fillna("") != "").to_numpy()
    return ~has_divisor[None, :] | denominator.notna().to_numpy()


#: Labels of countries.csv that name no group an imputation may average over.
UNGROUPED = ("", "Not classified")


def impute_by(countries: pd.DataFrame, column: str, x: np.ndarray,
              eligible: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (x with the ``eligible`` missing cells set to their group's mean, imputed mask).

    The groups are countries.csv's ``column``. A country whose label is empty or "Not
    classified" (not a group of like economies: it held Taiwan with North Korea and the Holy
    See) takes its region's mean instead (every country of the region counts), and is left
    missing if it has no region either.
    """
    labels = countries[column].fillna("").astype(str)
    ungrouped = labels.isin(UNGROUPED).to_numpy()
    out, imputed = st.impute(x, np.where(ungrouped, "", labels).astype(object), eligible)
    if column != "region" and ungrouped.any():
        region = countries["region"].fillna("").astype(str).to_numpy(dtype=object)
        by_region, filled = st.impute(x, region, eligible & ungrouped[:, None])
        out = np.where(ungrouped[:, None], by_region, out)
        imputed = imputed | filled
    return out, imputed


def normalisations(spec: ScoringSpec, codes: list[str]) -> list[str]:
    """Return each indicator's normalisation: its own from the spec, else the spec's."""
    return [spec.indicator_normalisation.get(code, spec.normalisation) for code in codes]


def _bounds_given(spec: ScoringSpec, codes: list[str], methods: list[str],
                  direction: np.ndarray) -> dict[str, tuple[float, float]]:
    """Return the (low, high) bounds the spec sets, per indicator, in the view's units.

    A goalpost normalisation takes the spec's goalposts; a target normalisation its target on
    the better side (high, or low when lower is better), the other side staying observed (NaN
    here, filled in by ``_set_goalposts``).
    """
    given: dict[str, tuple[float, float]] = {}
    for j, code in enumerate(codes):
        method = NORMALISERS[methods[j]]
        if method.goalposts and code in spec.goalposts:
            given[code] = spec.goalposts[code]
        elif method.targets and code in spec.targets:
            target = float(spec.targets[code])
            given[code] = (target, np.nan) if direction[j] < 0 else (np.nan, target)
    return given


def _set_goalposts(low: np.ndarray, high: np.ndarray, codes: list[str],
                   goalposts: dict[str, tuple[float, float]], is_log: np.ndarray,
                   scale: np.ndarray) -> None:
    """Replace, in place, the observed bounds of the indicators that have goalposts by them.

    Goalposts are given in the view's units before the transform, so a log indicator's are
    transformed with its scale first.
    """
    for j, code in enumerate(codes):
        if code in goalposts:
            lo, hi = goalposts[code]
            if is_log[j]:
                lo, hi = (float(m.log_transform(np.array(v), np.array(scale[j])))
                          for v in (lo, hi))
            if not np.isnan(lo):  # a target sets one side only
                low[0, j] = float(lo)
            if not np.isnan(hi):
                high[0, j] = float(hi)


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
