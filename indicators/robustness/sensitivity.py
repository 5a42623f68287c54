"""Sensitivity analysis: Sobol' indices of each assumption on each rank, and leave-one-out."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.robustness import engine
from indicators.robustness.assumptions import ASSUMPTIONS, Assumptions, resolve
from indicators.robustness.uncertainty import _chosen, int_ranks
from indicators.spec import REFERENCE, ScoringSpec

#: Columns of ``sensitivity_indices`` and of ``sovai sensitivity``.
SENSITIVITY_COLUMNS = ("iso3", "assumption", "first_order", "total", "rank_sd")
#: Columns of ``leave_one_out``.
LEAVE_ONE_OUT_COLUMNS = ("iso3", "indicator", "rank", "rank_without", "shift")
#: Largest base sample accepted (SALib wants a power of two; runs = samples × (assumptions + 2)).
MAX_SAMPLES = 8192


def sensitivity_indices(bundle: Bundle, spec: ScoringSpec = REFERENCE, samples: int = 1024,
                        seed: int | None = 0,
                        assumptions: Assumptions | None = None) -> pd.DataFrame:
    """Return iso3, assumption, first_order, total, rank_sd: Sobol' indices of every rank.

    Each varied assumption is one factor (the weights are one group of factors); SALib draws
    ``samples`` × (factors + 2) runs (Saltelli's scheme on a scrambled Sobol' sequence) and its
    estimators give the first-order index (share of the rank's variance due to the assumption
    alone) and the total index (including its interactions). A country unranked in a run counts
    as last (rank = number of countries). ``rank_sd`` is the rank's standard deviation over the
    runs; where it is 0 no assumption moves the rank and both indices are 0.
    Raise ValueError if nothing varies or ``samples`` is not a power of two up to MAX_SAMPLES.
    """
    if samples < 2 or samples > MAX_SAMPLES or samples & (samples - 1):
        raise ValueError(f"samples = {samples}: expected a power of two from 2 to {MAX_SAMPLES}")
    # imported here, not at the top: SALib (and the scipy it loads) would add to every CLI start
    from SALib.analyze.sobol import first_order, total_order
    from SALib.sample import sobol as sobol_sample

    design = resolve(bundle, spec, assumptions or Assumptions())
    varied = design.varied
    if not varied:
        raise ValueError("no assumption varies: expected at least one of weights (with a "
                         "spread > 0), normalisation, aggregation, imputation, window, outliers")
    groups = list(design.factor_groups)
    problem = {"num_vars": len(groups), "names": [f"{g}_{j}" for j, g in enumerate(groups)],
               "bounds": [[0.0, 1.0]] * len(groups), "groups": groups}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SALib warns when N is not a power of 2: checked above
        unit = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    ranks = engine.sampled_ranks(bundle, design, engine.draw(design, unit)).astype(float)
    ranks[ranks == 0] = float(len(bundle.countries))  # unranked counts as last
    # SALib orders the groups as they first appear, which is the design's order
    order = list(dict.fromkeys(groups))
    step = len(order) + 2
    rows = []
    iso3 = [str(i) for i in bundle.countries.index]
    sd = ranks.std(axis=0)
    # standardise each country's ranks as SALib's analyze does: the estimators are not
    # shift-invariant on a finite sample, and centring lowers their variance
    standard = np.divide(ranks - ranks.mean(axis=0), sd, out=np.zeros_like(ranks),
                         where=sd > 0)
    a, b = standard[0::step], standard[step - 1::step]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SALib warns when every rank is constant: indices 0
        for j, name in enumerate(order):
            ab = standard[j + 1::step]
            first, total = first_order(a, ab, b), total_order(a, ab, b)
            rows.append(pd.DataFrame({"iso3": iso3, "assumption": name, "first_order": first,
                                      "total": total, "rank_sd": sd}))
    frame = pd.concat(rows, ignore_index=True)
    position = {name: k for k, name in enumerate(ASSUMPTIONS)}  # display order
    frame["_order"] = frame["assumption"].map(position)
    frame = frame.sort_values(["iso3", "_order"], kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)[list(SENSITIVITY_COLUMNS)]


def leave_one_out(bundle: Bundle, spec: ScoringSpec = REFERENCE) -> pd.DataFrame:
    """Return iso3, indicator, rank, rank_without, shift: each rank with one indicator dropped.

    Dropping an indicator removes it from its pillar (weights rescale over the rest and the
    coverage rule counts one member fewer), exactly as if it were not in the data.
    ``shift = rank_without − rank``: positive means the country falls without the indicator.
    """
    design = resolve(bundle, spec, Assumptions(vary=()))
    chosen = _chosen(design)
    matrix = engine.normalised_matrix(bundle, design, 0)
    geometric = spec.aggregation == "geometric"
    coverage = spec.min_pillar_coverage

    def ranks(membership: np.ndarray) -> np.ndarray:
        pillars = engine.pillar_scores(matrix, membership, chosen.indicator_weights, coverage,
                                       geometric)
        return engine.rank_runs(engine.overall_from_pillars(pillars, chosen.pillar_weights,
                                                            geometric))[0]

    reference = ranks(design.membership)
    iso3 = [str(i) for i in bundle.countries.index]
    frames = []
    for j, code in enumerate(design.codes):
        membership = design.membership.copy()
        membership[j] = 0.0
        without = ranks(membership)
        frames.append(pd.DataFrame({
            "iso3": iso3, "indicator": code,
            "rank": int_ranks(reference), "rank_without": int_ranks(without)}))
    frame = pd.concat(frames, ignore_index=True)
    frame["shift"] = frame["rank_without"] - frame["rank"]
    return frame[list(LEAVE_ONE_OUT_COLUMNS)]
