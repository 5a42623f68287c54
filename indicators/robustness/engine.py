"""The vectorised Monte Carlo engine: sampled runs -> overall scores -> ranks, over numpy arrays.

Discrete choices (window × imputation × normalisation × outlier treatment) are few, so each one's
normalised matrix is computed once by the reference pipeline (``indicators.score``) and cached.
The continuous part — weights and the aggregation formula — is batched over runs with the
shared stages' ``aggregate_runs``, and ranks come from the shared ``stages.rank``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from indicators import stages as st
from indicators.bundle import Bundle
from indicators.pipeline import score
from indicators.robustness.assumptions import DISCRETE, Design
from indicators.spec import ScoringSpec

Array = NDArray[np.float64]
#: Runs scored at once: bounds memory to about chunk × countries × pillars × 8 bytes × 4.
CHUNK = 2048
#: Normalised matrices kept per process (each is countries × indicators floats).
MAX_CACHED_MATRICES = 256


@dataclass(frozen=True)
class Runs:
    """The assumptions each run uses: a discrete combination, the aggregation and the weights."""

    combo: NDArray[np.intp]
    geometric: NDArray[np.bool_]
    indicator_weights: Array
    pillar_weights: Array

    def __len__(self) -> int:
        return len(self.combo)


def draw(design: Design, unit: Array) -> Runs:
    """Return the runs that the points of the unit hypercube ``unit`` (runs × factors) stand for.

    Weight columns map u to the chosen weight × (1 + spread·(2u − 1)); a discrete column maps u
    to option ⌊u·k⌋ of k, so the options are equally likely.
    """
    groups = design.factor_groups
    unit = np.asarray(unit, dtype=float)
    if unit.ndim != 2 or unit.shape[1] != len(groups):
        raise ValueError(f"unit sample of shape {unit.shape}: expected (runs, {len(groups)})")
    n = unit.shape[0]
    col = 0
    n_ind, n_pil = len(design.codes), len(design.pillars)
    if "weights" in design.assumptions.vary:
        spread = design.assumptions.weight_spread
        factor = 1.0 + spread * (2.0 * unit[:, : n_ind + n_pil] - 1.0)
        indicator_weights = design.indicator_weights[None, :] * factor[:, :n_ind]
        pillar_weights = design.pillar_weights[None, :] * factor[:, n_ind:]
        col = n_ind + n_pil
    else:
        indicator_weights = np.tile(design.indicator_weights, (n, 1))
        pillar_weights = np.tile(design.pillar_weights, (n, 1))
    chosen: dict[str, NDArray[np.intp]] = {}
    for name in DISCRETE:
        k = len(design.options[name])
        if k > 1:
            chosen[name] = np.minimum((unit[:, col] * k).astype(np.intp), k - 1)
            col += 1
        else:
            chosen[name] = np.zeros(n, dtype=np.intp)
    dims = tuple(len(design.options[a]) for a in DISCRETE[:4])
    combo = np.ravel_multi_index(tuple(chosen[a] for a in DISCRETE[:4]), dims)
    geometric = np.array([o == "geometric" for o in design.options["aggregation"]])
    return Runs(combo=np.asarray(combo, dtype=np.intp), geometric=geometric[chosen["aggregation"]],
                indicator_weights=indicator_weights, pillar_weights=pillar_weights)


def run_spec(design: Design, runs: Runs, r: int) -> ScoringSpec:
    """Return the scoring spec of run ``r``: what ``indicators.score`` needs to reproduce it."""
    window, imputation, normalisation, outliers = design.combos[int(runs.combo[r])]
    return design.spec.model_copy(update={
        "year": design.year, "window": window, "imputation": imputation,
        "normalisation": normalisation, "outliers": outliers,
        "aggregation": "geometric" if runs.geometric[r] else "arithmetic",
        "indicator_weights": dict(zip(design.codes, map(float, runs.indicator_weights[r]),
                                      strict=True)),
        "pillar_weights": dict(zip(design.pillars, map(float, runs.pillar_weights[r]),
                                   strict=True)),
    })


_cache_lock = threading.Lock()
_matrices: OrderedDict[tuple[str, str], Array] = OrderedDict()


def normalised_matrix(bundle: Bundle, design: Design, combo: int) -> Array:
    """Return the countries × indicators normalised scores of one discrete combination (cached)."""
    window, imputation, normalisation, outliers = design.combos[combo]
    spec = ScoringSpec(year=design.year, view=design.spec.view, window=window,
                       imputation=imputation, normalisation=normalisation, outliers=outliers,
                       goalposts=design.spec.goalposts)
    key = (bundle.version, spec.model_dump_json())
    with _cache_lock:
        cached = _matrices.get(key)
    if cached is None:
        frame = score(bundle, spec).normalised
        cached = frame[list(design.codes)].to_numpy(dtype=float)
        cached.setflags(write=False)
        with _cache_lock:
            _matrices[key] = cached
            while len(_matrices) > MAX_CACHED_MATRICES:
                _matrices.popitem(last=False)
    return cached


def overall_scores(bundle: Bundle, design: Design, runs: Runs, chunk: int = CHUNK) -> Array:
    """Return the runs × countries overall scores (NaN: not scored in that run)."""
    n_countries = len(bundle.countries)
    out = np.full((len(runs), n_countries), np.nan)
    coverage = design.spec.min_pillar_coverage
    for combo in np.unique(runs.combo):
        matrix = normalised_matrix(bundle, design, int(combo))
        for geometric in (False, True):
            selected = np.flatnonzero((runs.combo == combo) & (runs.geometric == geometric))
            for start in range(0, len(selected), chunk):
                idx = selected[start:start + chunk]
                pillars = pillar_scores(matrix, design.membership, runs.indicator_weights[idx],
                                        coverage, geometric)
                out[idx] = overall_from_pillars(pillars, runs.pillar_weights[idx], geometric)
    return out


def pillar_scores(normalised: Array, membership: Array, weights: Array, min_coverage: float,
                  geometric: bool) -> Array:
    """Return runs × countries × pillars: the shared ``stages.aggregate_runs`` (one matrix
    product for every run's weight vector)."""
    return st.aggregate_runs(normalised, membership, weights, min_coverage, _method(geometric))


def overall_from_pillars(pillars: Array, weights: Array, geometric: bool) -> Array:
    """Return runs × countries overall scores (``stages.aggregate_overall_runs``): as in the
    reference, a country missing any pillar has no overall score."""
    return st.aggregate_overall_runs(pillars, weights, _method(geometric))


def _method(geometric: bool) -> str:
    return "geometric" if geometric else "arithmetic"


def rank_runs(scores: Array, chunk: int = CHUNK) -> Array:
    """Return ranks along the last axis (``stages.rank``): 1 = highest, ties share the best."""
    return st.rank(scores, chunk)
