"""The vectorised Monte Carlo engine: sampled runs -> overall scores -> ranks, over numpy arrays.

Discrete choices (window × imputation × normalisation × outlier treatment) are few, so each one's
normalised matrix is computed once by the reference pipeline (``indicators.score``) and cached.
The continuous part — weights and the aggregation formula — is batched over runs with the
shared stages' ``aggregate_runs`` and ranked as ``stages.rank`` ranks. A Monte Carlo analysis
streams them (``sampled_ranks``): each chunk's matrix products, then blocks of runs from scores
straight to int16 ranks, so no runs × countries array of floats is held; the tests check that
the streamed scores and ranks equal the stages' bit for bit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

from indicators import stages as st
from indicators.bundle import Bundle
from indicators.kept import Kept
from indicators.pipeline import normalise
from indicators.registry import AGGREGATORS
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
        indicator_weights = _scaled(unit[:, :n_ind], spread, design.indicator_weights)
        pillar_weights = _scaled(unit[:, n_ind:n_ind + n_pil], spread, design.pillar_weights)
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


def _scaled(unit: Array, spread: float, chosen: Array) -> Array:
    """Return chosen × (1 + spread·(2u − 1)) for each row of ``unit``, computed in one new array."""
    out = unit * 2.0
    out -= 1.0
    out *= spread
    out += 1.0
    out *= chosen[None, :]
    return out


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


_matrices: Kept[Array] = Kept(MAX_CACHED_MATRICES)


def normalised_matrix(bundle: Bundle, design: Design, combo: int) -> Array:
    """Return the countries × indicators normalised scores of one discrete combination (cached)."""
    window, imputation, normalisation, outliers = design.combos[combo]
    spec = ScoringSpec(year=design.year, view=design.spec.view, window=window,
                       imputation=imputation, normalisation=normalisation, outliers=outliers,
                       goalposts=design.spec.goalposts, targets=design.spec.targets,
                       indicator_normalisation=design.spec.indicator_normalisation)
    key = (bundle.version, spec.model_dump_json())
    cached = _matrices.get(key)
    if cached is None:
        stages = normalise(bundle, spec)  # the stages through normalisation, not aggregated
        columns = [stages.codes.index(code) for code in design.codes]
        cached = np.ascontiguousarray(stages.normalised[:, columns], dtype=float)
        cached.setflags(write=False)
        _matrices.put(key, cached)
    return cached


def overall_scores(bundle: Bundle, design: Design, runs: Runs, chunk: int = CHUNK) -> Array:
    """Return the runs × countries overall scores (NaN: not scored in that run).

    Keeps every run's scores (runs × countries × 8 bytes); ``sampled_ranks`` keeps only ranks.
    """
    out = np.full((len(runs), len(bundle.countries)), np.nan)
    with one_blas_thread():
        for rows, scores in scored_blocks(_matrices_of(bundle, design), design.membership, runs,
                                          design.spec.min_pillar_coverage, chunk):
            out[rows] = scores
    return out


def sampled_ranks(bundle: Bundle, design: Design, runs: Runs,
                  chunk: int = CHUNK) -> NDArray[np.signedinteger]:
    """Return the runs × countries ranks (1 = best, 0 = unranked), keeping no run's scores.

    Same ranks as ``rank_runs(overall_scores(...))`` with NaN as 0, in small integers
    (``rank_dtype``): runs × countries × 2 bytes, the scores scored and ranked a block at a time.
    """
    return ranks_from_matrices(_matrices_of(bundle, design), design.membership, runs,
                               design.spec.min_pillar_coverage, len(bundle.countries), chunk)


def ranks_from_matrices(matrix_of: Callable[[int], Array], membership: Array, runs: Runs,
                        min_coverage: float, n_countries: int,
                        chunk: int = CHUNK) -> NDArray[np.signedinteger]:
    """Return ``sampled_ranks`` given each combination's normalised matrix by ``matrix_of``."""
    out = np.empty((len(runs), n_countries), dtype=rank_dtype(n_countries))
    # blocks of few runs (small analyses, rare combinations) are ranked together: each run's
    # ranks depend on its own scores only, so one sort call serves several blocks
    pending: list[tuple[NDArray[np.intp], Array]] = []
    pending_runs = 0
    wanted = max(1, BLOCK_CELLS // max(1, n_countries * max(1, membership.shape[1])))

    def flush() -> None:
        nonlocal pending_runs
        if not pending:
            return
        rows = np.concatenate([r for r, _ in pending])
        scores = pending[0][1] if len(pending) == 1 else np.concatenate([s for _, s in pending])
        out[rows] = rank_block(scores)
        pending.clear()
        pending_runs = 0

    with one_blas_thread():
        for rows, scores in scored_blocks(matrix_of, membership, runs, min_coverage, chunk):
            pending.append((rows, scores))
            pending_runs += len(rows)
            if pending_runs >= wanted:
                flush()
        flush()
    return out


def rank_dtype(n_countries: int) -> type[np.signedinteger]:
    """Return the smallest integer type holding every rank of ``n_countries`` (int16 ≤ 32,767)."""
    return np.int16 if n_countries <= np.iinfo(np.int16).max else np.int32


def _matrices_of(bundle: Bundle, design: Design) -> Callable[[int], Array]:
    return lambda combo: normalised_matrix(bundle, design, combo)


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Run the block in one BLAS thread: many small products are slower split over threads.

    The engine's products are countries × indicators by indicators × (runs · pillars); on two
    cores, the default two BLAS threads made them several times slower (and worse when other
    processes, such as the dashboard's workers, use the cores too). Results are the same.
    """
    with _controller().limit(limits=1, user_api="blas"):
        yield


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """Return the process's view of its thread pools (inspecting the libraries takes ~ms)."""
    return ThreadpoolController()


#: Cells (runs × countries × pillars) whose element-wise steps — division, coverage,
#: aggregation, ranking — run at once: about 2 MiB per temporary, so they stay in cache and add
#: little memory above the products' (256 runs of 199 countries × 4 pillars).
BLOCK_CELLS = 2**18


@dataclass(frozen=True)
class _Normalised:
    """One combination's normalised matrix with what every run of it shares, computed once.

    The same steps as ``stages.aggregate_runs`` (the registry's aggregators, one matrix product
    for many weight vectors), split so that the element-wise part can go a block at a time.
    """

    forward: dict[str, Array]
    counts: Array
    covered: NDArray[np.bool_]

    @classmethod
    def of(cls, normalised: Array, membership: Array, min_coverage: float) -> _Normalised:
        available = ~np.isnan(normalised)
        counts = available.astype(float)
        needed = membership.sum(axis=0) * min_coverage
        with np.errstate(divide="ignore", invalid="ignore"):
            forward = {name: np.where(available, AGGREGATORS[name].forward(normalised), 0.0)
                       for name in ("arithmetic", "geometric")}
        return cls(forward=forward, counts=counts, covered=counts @ membership >= needed - 1e-12)

    def sums(self, membership: Array, weights: Array, method: str) -> tuple[Array, Array]:
        """Return countries × runs × pillars weighted sums of mapped scores and of weights.

        One product each, (countries × indicators) @ (indicators × runs·pillars).
        """
        runs, (members, groups) = weights.shape[0], membership.shape
        per_run = (weights[:, :, None] * membership[None]).transpose(1, 0, 2).reshape(members, -1)
        numerator = (self.forward[method] @ per_run).reshape(-1, runs, groups)
        weight_sum = (self.counts @ per_run).reshape(-1, runs, groups)
        return numerator, weight_sum

    def pillars(self, numerator: Array, weight_sum: Array, method: str) -> Array:
        """Return runs × countries × pillars from ``sums``' countries × runs × pillars slices."""
        numerator, weight_sum = numerator.transpose(1, 0, 2), weight_sum.transpose(1, 0, 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = AGGREGATORS[method].inverse(numerator / weight_sum)
        return np.where(self.covered & (weight_sum > 0), mean, np.nan)


def scored_blocks(matrix_of: Callable[[int], Array], membership: Array, runs: Runs,
                  min_coverage: float, chunk: int = CHUNK) -> Iterator[tuple[NDArray[np.intp],
                                                                             Array]]:
    """Yield (run indices, their runs × countries overall scores) for every run, a block at a time.

    Runs are grouped by discrete combination and aggregation, up to ``chunk`` runs per matrix
    product; the element-wise steps then go ``BLOCK_CELLS`` cells at a time. Each block's
    scores equal ``overall_from_pillars(pillar_scores(...))`` bit for bit (tested).
    """
    for combo in np.unique(runs.combo):
        matrix = matrix_of(int(combo))
        shared = _Normalised.of(matrix, membership, min_coverage)
        step = max(1, BLOCK_CELLS // max(1, matrix.shape[0] * membership.shape[1]))
        for geometric in (False, True):
            method = _method(geometric)
            selected = np.flatnonzero((runs.combo == combo) & (runs.geometric == geometric))
            for start in range(0, len(selected), chunk):
                idx = selected[start:start + chunk]
                numerator, weight_sum = shared.sums(membership, runs.indicator_weights[idx],
                                                    method)
                for first in range(0, len(idx), step):
                    block = slice(first, first + step)
                    pillars = shared.pillars(numerator[:, block], weight_sum[:, block], method)
                    yield idx[block], _overall(pillars, runs.pillar_weights[idx[block]], method)
                    del pillars
                # freed before the next chunk's products exist: otherwise both pairs are alive
                del numerator, weight_sum


def _overall(pillars: Array, weights: Array, method: str) -> Array:
    """Return ``stages.aggregate_overall_runs`` bit for bit, with the short pillar axis summed
    as whole-array additions (one numpy reduction call per country and run is the slow part)."""
    agg = AGGREGATORS[method]
    w = weights[:, None, :]
    with np.errstate(invalid="ignore"):
        mean = agg.inverse(_sum_last(agg.forward(pillars) * w) / w.sum(axis=-1))
    missing = np.isnan(pillars[..., 0])
    for j in range(1, pillars.shape[-1]):
        missing |= np.isnan(pillars[..., j])
    mean[missing] = np.nan
    return mean


def _sum_last(x: Array) -> Array:
    """Return ``x.sum(axis=-1)``, bit for bit, as whole-array additions when the axis is short.

    numpy adds fewer than 8 items in order, one reduction call per output; adding the columns
    in the same order gives the same sums in a few vectorised passes.
    """
    if x.shape[-1] >= 8 or x.shape[-1] == 0:
        return x.sum(axis=-1)
    total = x[..., 0].copy()
    for j in range(1, x.shape[-1]):
        total += x[..., j]
    return total


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


def rank_block(scores: Array) -> NDArray[np.signedinteger]:
    """Return runs × countries ranks of a block of scores: 1 = highest, ties share the best, 0 NaN.

    As ``stages.rank`` (1 + the number of strictly higher scores) in small integers. Sorts each
    run's scores once with numpy's unstable sort — ties get one rank whatever their order — and
    gives each country the position of the first score equal to its own.
    """
    n = scores.shape[-1]
    unranked = np.isnan(scores)
    descending = -scores
    descending[unranked] = np.inf  # last; a score of −∞ ties with them, then only NaN is cleared
    order = np.argsort(descending, axis=-1)
    ordered = np.take_along_axis(descending, order, axis=-1)
    positions = np.broadcast_to(np.arange(1, n + 1, dtype=np.int32), ordered.shape).copy()
    positions[:, 1:][ordered[:, 1:] == ordered[:, :-1]] = 0
    tie_start = np.maximum.accumulate(positions, axis=-1)
    ranks = np.empty(scores.shape, dtype=rank_dtype(n))
    np.put_along_axis(ranks, order, tie_start, axis=-1)
    ranks[unranked] = 0
    return ranks


def rank_runs(scores: Array, chunk: int = CHUNK) -> Array:
    """Return ranks along the last axis (``stages.rank``): 1 = highest, ties share the best."""
    return st.rank(scores, chunk)
