"""Every methodological choice, one table per choice: name → label, description and how it works.

The tables are the single list of what can be chosen. ``ScoringSpec``'s types, the ``sovai``
options, the dashboard's option lists and URL keys, and the methodology page all read them; a
test checks that they agree. To add a method, add its function (``methods.py``) and one entry
here (see CONTRIBUTING.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from indicators import methods as m

Array = NDArray[np.float64]
Mask = NDArray[np.bool_]


@dataclass(frozen=True)
class Choice:
    """One option of a methodological choice: its name (in specs, URLs, the CLI) and words."""

    name: str
    label: str
    description: str


@dataclass(frozen=True)
class View(Choice):
    """How values are denominated: as published, or divided by the indicator's denominator."""

    denominates: bool


@dataclass(frozen=True)
class Treatment(Choice):
    """An outlier treatment: ``treat(x)`` returns the treated countries × indicators values and
    the mask of changed cells."""

    treat: Callable[[Array], tuple[Array, Mask]]


@dataclass(frozen=True)
class Imputer(Choice):
    """A missing-value imputation: the countries.csv column whose groups' means fill the gaps
    (None: nothing is imputed)."""

    group_column: str | None


@dataclass(frozen=True)
class Normaliser(Choice):
    """A normalisation: ``normalise(x, low, high, direction)`` returns scores (…, countries,
    indicators). ``low``/``high`` are the per-indicator bounds (observed minimum and maximum, or
    goalposts); with ``bounded`` the scores depend on nothing else, so a scenario can score on
    the baseline's bounds. ``goalposts``: the spec's goalposts replace the observed bounds.
    ``targets``: the spec's target of an indicator replaces the bound on its better side (the
    maximum, or the minimum when lower is better); the worse side stays observed."""

    normalise: Callable[[Array, Array, Array, Array], Array]
    bounded: bool = False
    goalposts: bool = False
    targets: bool = False


@dataclass(frozen=True)
class Aggregator(Choice):
    """A weighted quasi-arithmetic mean: scores are mapped by ``forward``, averaged with the
    weights, and the mean mapped back by ``inverse`` (identity for the arithmetic mean)."""

    forward: Callable[[Array], Array]
    inverse: Callable[[Array], Array]
    #: A method that is not a mean (Copeland): ``outrank(scores, membership, weights,
    #: min_coverage)`` gives the group scores itself, and ``forward``/``inverse`` are unused.
    outrank: Callable[[Array, Array, Array, float], Array] | None = None


def _no_treatment(x: Array) -> tuple[Array, Mask]:
    return np.array(x, dtype=float, copy=True), np.zeros(np.shape(x), dtype=bool)


def _identity(x: Array) -> Array:
    return x


def _zscore(x: Array, low: Array, high: Array, direction: Array) -> Array:
    return m.normalise_zscore(x, direction)


def _rank(x: Array, low: Array, high: Array, direction: Array) -> Array:
    return m.normalise_rank(x, direction)


def _borda(x: Array, low: Array, high: Array, direction: Array) -> Array:
    return m.normalise_borda(x, direction)


VIEWS: Final[Mapping[str, View]] = {v.name: v for v in (
    View("scale", "Scale (as published)", "Values as published: large economies score high on "
         "totals.", denominates=False),
    View("intensity", "Intensity (per GDP or person)", "Each indicator with a denominator is "
         "divided by it (a context series such as GDP or population, same window), so small "
         "economies compare with large ones.", denominates=True),
)}

TREATMENTS: Final[Mapping[str, Treatment]] = {t.name: t for t in (
    Treatment("none", "None", "Values are used as they are.", _no_treatment),
    Treatment("winsorise", "Winsorise", "As COINr's Treat() does by default: an indicator with "
              "|skewness| ≥ 2 and kurtosis ≥ 3.5 has its extreme values (ties together) set to "
              "the next ones in, up to 5 points; if that is not enough, its original values are "
              "log-transformed instead, ln(x − min + 0.01·range).", m.winsorise),
)}

IMPUTERS: Final[Mapping[str, Imputer]] = {i.name: i for i in (
    Imputer("none", "None: missing stays missing", "A missing value stays missing.", None),
    Imputer("region", "Region mean", "A missing value is the mean of the country's region "
            "(marked *).", "region"),
    Imputer("income_group", "Income-group mean", "A missing value is the mean of the country's "
            "income group (marked *).", "income_group"),
)}

NORMALISERS: Final[Mapping[str, Normaliser]] = {n.name: n for n in (
    Normaliser("minmax", "Min–max 0–100", "100·(x − min)/(max − min) over the countries with a "
               "value, flipped for 'lower is better' indicators.", m.normalise_minmax,
               bounded=True),
    Normaliser("zscore", "z-score", "50 + 10·z (mean 50, standard deviation 10), z signed by "
               "the indicator's direction.", _zscore),
    Normaliser("rank", "Rank", "Percentile rank from 0 to 100 among the countries with a value "
               "(ties averaged).", _rank),
    Normaliser("goalposts", "Goalposts", "Min–max between fixed bounds (goalposts) where the "
               "spec gives them, the observed minimum and maximum elsewhere; clipped to 0–100.",
               m.normalise_minmax, bounded=True, goalposts=True),
    Normaliser("dist2max", "Distance to the best", "100·(1 − (best − x)/(best − worst)): how "
               "far a country is from the best performer, as a share of the observed range "
               "(COINr's n_dist2max); on the observed range it equals min–max.",
               m.normalise_dist2max),
    Normaliser("dist2targ", "Distance to a target", "100·(x − worst)/(target − worst), capped at "
               "100: how far a country has come from the worst performer towards the "
               "indicator's target (COINr's n_dist2targ with cap_max); without a target the "
               "target is the best performer, which is min–max.", m.normalise_minmax,
               bounded=True, targets=True),
    Normaliser("fracmax", "Fraction of the maximum", "100·x/max: each value as a share of "
               "the highest, so ratios between countries are kept (COINr's n_fracmax); "
               "negative values score 0, and 'lower is better' indicators are flipped "
               "(100 − score).", m.normalise_fracmax, bounded=True),
    Normaliser("borda", "Borda count", "How many countries a country outscores on the "
               "indicator, from 0 to n − 1 (COINr's n_borda): not on 0–100, ties share the "
               "count.", _borda),
)}

AGGREGATORS: Final[Mapping[str, Aggregator]] = {a.name: a for a in (
    Aggregator("arithmetic", "Arithmetic mean", "Weighted mean of the available scores: a "
               "weakness is fully compensated by a strength.", _identity, _identity),
    Aggregator("geometric", "Geometric mean", f"Weighted geometric mean (scores below "
               f"{m.GEOMETRIC_FLOOR:g} count as {m.GEOMETRIC_FLOOR:g}): a weakness is only "
               "partly compensated.", m.geometric_forward, np.exp),
    Aggregator("harmonic", "Harmonic mean", f"Weighted harmonic mean (scores below "
               f"{m.GEOMETRIC_FLOOR:g} count as {m.GEOMETRIC_FLOOR:g}), COINr's a_hmean: a "
               "weakness is compensated even less than by the geometric mean.",
               m.harmonic_forward, m.reciprocal),
    Aggregator("copeland", "Copeland (non-compensatory)", "Pairwise: a country outranks "
               "another when it is better on more than half the weight of the indicators both "
               "have; its score is how many it outranks minus how many outrank it (COINr's "
               "a_copeland), so no strength can buy back a weakness; not on 0–100.",
               _identity, _identity, outrank=m.copeland),
)}

#: Each ScoringSpec field that names a choice, and its table.
CHOICES: Final[Mapping[str, Mapping[str, Choice]]] = {
    "view": VIEWS,
    "normalisation": NORMALISERS,
    "aggregation": AGGREGATORS,
    "imputation": IMPUTERS,
    "outliers": TREATMENTS,
}

#: What each choice is called on screens and in help texts.
FIELD_LABELS: Final[Mapping[str, str]] = {
    "view": "View",
    "normalisation": "Normalisation",
    "aggregation": "Aggregation",
    "imputation": "Imputation of missing values",
    "outliers": "Outliers",
}


def names(field: str) -> tuple[str, ...]:
    """Return the option names of the spec field ``field`` (e.g. "normalisation"), in order."""
    return tuple(CHOICES[field])


def bounded_normalisations() -> tuple[str, ...]:
    """Return the normalisations whose scores rest on fixed bounds a scenario can keep."""
    return tuple(name for name, n in NORMALISERS.items() if n.bounded)
