"""The uncertain assumptions of a robustness analysis, and the options each one can take."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, field_validator

from indicators.bundle import Bundle
from indicators.spec import ScoringSpec

AssumptionName = Literal["weights", "normalisation", "aggregation", "imputation", "window",
                         "outliers"]
#: Every assumption the analysis knows, in display order.
ASSUMPTIONS: tuple[AssumptionName, ...] = ("weights", "normalisation", "aggregation",
                                           "imputation", "window", "outliers")
#: The assumptions varied unless told otherwise (issue #5's list; outlier treatment is opt-in).
DEFAULT_VARIED: tuple[AssumptionName, ...] = ("weights", "normalisation", "aggregation",
                                              "imputation", "window")
#: Discrete assumptions, in the order their options combine into precomputed normalisations.
DISCRETE: tuple[AssumptionName, ...] = ("window", "imputation", "normalisation", "outliers",
                                        "aggregation")


class Assumptions(BaseModel):
    """Which assumptions vary around the chosen spec, and how far; the defaults are issue #5's."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    vary: tuple[AssumptionName, ...] = Field(
        default=DEFAULT_VARIED, description="Assumptions that vary; all others stay as chosen.")
    weight_spread: float = Field(
        default=0.25, ge=0, lt=1,
        description="Each weight is multiplied by an independent factor uniform on "
        "[1 - spread, 1 + spread].")
    window_spread: int = Field(
        default=1, ge=1, le=5,
        description="The year window takes every value from chosen - spread to chosen + spread.")

    @field_validator("vary")
    @classmethod
    def _canonical(cls, vary: tuple[AssumptionName, ...]) -> tuple[AssumptionName, ...]:
        """Return the varied assumptions without duplicates, in display order."""
        return tuple(a for a in ASSUMPTIONS if a in vary)


#: No assumption varies: every run is the chosen spec itself.
NOTHING_VARIES = Assumptions(vary=())


@dataclass(frozen=True)
class Design:
    """The resolved analysis: each assumption's options and the layout of the unit hypercube.

    ``options[name]`` lists a discrete assumption's options, the chosen spec's first (one option:
    fixed). A run is a point of the unit hypercube with one column per indicator and pillar weight
    (when weights are asked to vary, even with spread 0) and one per varied discrete assumption;
    ``factor_groups`` names each column's assumption.
    """

    spec: ScoringSpec
    assumptions: Assumptions
    year: int
    codes: tuple[str, ...]
    pillars: tuple[str, ...]
    indicator_weights: NDArray[np.float64]
    pillar_weights: NDArray[np.float64]
    membership: NDArray[np.float64]
    options: dict[str, tuple[object, ...]]

    @property
    def weights_vary(self) -> bool:
        """Return True when the weights are perturbed (varied with a spread above 0)."""
        return "weights" in self.assumptions.vary and self.assumptions.weight_spread > 0

    @property
    def varied(self) -> tuple[str, ...]:
        """Return the assumptions that actually vary, in display order."""
        out = ["weights"] if self.weights_vary else []
        out += [a for a in ASSUMPTIONS if a != "weights" and len(self.options[a]) > 1]
        return tuple(a for a in ASSUMPTIONS if a in out)

    @property
    def factor_groups(self) -> tuple[str, ...]:
        """Return, for each column of the unit hypercube, the assumption it belongs to."""
        # weight columns stay when the spread is 0, so spreads can share one sample (coupling)
        asked = "weights" in self.assumptions.vary
        weights = ("weights",) * (len(self.codes) + len(self.pillars)) if asked else ()
        return weights + tuple(a for a in DISCRETE if a in self.varied)

    @property
    def combos(self) -> list[tuple[int, str, str, str]]:
        """Return every (window, imputation, normalisation, outliers) the runs can use."""
        return list(itertools.product(*(self.options[a] for a in DISCRETE[:4])))  # type: ignore[arg-type]

    def statements(self) -> list[str]:
        """Return one sentence per assumption saying exactly how it varied, or that it did not."""
        spread = self.assumptions.weight_spread
        lines = []
        for name in ASSUMPTIONS:
            if name == "weights":
                if self.weights_vary:
                    lines.append(
                        f"weights: varied — each of the {len(self.codes)} indicator weights and "
                        f"{len(self.pillars)} pillar weights is multiplied by an independent "
                        f"factor uniform on [{1 - spread:g}, {1 + spread:g}] (±{spread:.0%}), "
                        "then rescaled within its group")
                elif "weights" in self.assumptions.vary:
                    lines.append("weights: fixed as chosen — asked to vary, but the spread is 0")
                else:
                    lines.append("weights: fixed as chosen (not varied)")
                continue
            opts = self.options[name]
            if len(opts) > 1:
                lines.append(f"{name}: varied — one of {', '.join(map(str, opts))}, "
                             "equally likely")
            elif name in self.assumptions.vary:
                lines.append(f"{name}: fixed at {opts[0]} — asked to vary, but it has one option")
            else:
                lines.append(f"{name}: fixed at {opts[0]} (not varied)")
        return lines


#: Aggregations the runs can use: the engine batches these two over weight draws.
MONTE_CARLO_AGGREGATIONS = ("arithmetic", "geometric")


def resolve(bundle: Bundle, spec: ScoringSpec, assumptions: Assumptions) -> Design:
    """Return the design of an analysis of ``spec`` on ``bundle`` under ``assumptions``.

    Raises ValueError, saying what is expected, for an aggregation the runs cannot use.
    """
    if spec.aggregation not in MONTE_CARLO_AGGREGATIONS:
        raise ValueError(f"aggregation {spec.aggregation!r} cannot be analysed here: the runs "
                         f"use {' or '.join(MONTE_CARLO_AGGREGATIONS)} aggregation")
    indicators = bundle.scored_indicators
    codes = tuple(str(c) for c in indicators.index)
    pillars = tuple(bundle.pillar_codes)
    file_indicator = indicators["weight"].astype(float)
    file_pillar = bundle.pillars["weight"].astype(float)
    file_indicator_weights = file_indicator.to_numpy(dtype=float)
    indicator_weights = np.array([spec.indicator_weights.get(c, float(w))
                                  for c, w in zip(codes, file_indicator_weights, strict=True)],
                                 dtype=float)
    file_pillar_weights = file_pillar.reindex(list(pillars)).to_numpy(dtype=float)
    pillar_weights = np.array([spec.pillar_weights.get(p, float(w))
                               for p, w in zip(pillars, file_pillar_weights, strict=True)],
                              dtype=float)
    # indicators × pillars: 1 where the indicator belongs to the pillar (columns in pillar order)
    membership = (indicators["pillar"].to_numpy(dtype=object)[:, None]
                  == np.array(pillars, dtype=object)[None, :]).astype(float)
    membership = membership.reshape(len(codes), len(pillars))
    vary = set(assumptions.vary)

    def around(name: str, chosen: object, alternatives: tuple[object, ...]) -> tuple[object, ...]:
        if name not in vary:
            return (chosen,)
        return (chosen, *(a for a in alternatives if a != chosen))

    normalisations = ("goalposts" if spec.normalisation == "goalposts" else "minmax",
                      "zscore", "rank")
    low = max(0, spec.window - assumptions.window_spread)
    windows = tuple(range(low, spec.window + assumptions.window_spread + 1))
    options: dict[str, tuple[object, ...]] = {
        "window": around("window", spec.window, windows),
        "imputation": around("imputation", spec.imputation, ("none", "region", "income_group")),
        "normalisation": around("normalisation", spec.normalisation, normalisations),
        "outliers": around("outliers", spec.outliers, ("none", "winsorise")),
        "aggregation": around("aggregation", spec.aggregation, ("arithmetic", "geometric")),
    }
    year = spec.year if spec.year is not None else bundle.latest_year
    return Design(spec=spec, assumptions=assumptions, year=year, codes=codes, pillars=pillars,
                  indicator_weights=indicator_weights, pillar_weights=pillar_weights,
                  membership=membership, options=options)
