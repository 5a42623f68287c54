"""The floor over time: a scenario's scores h years after the cut, for a range of horizons."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.result import Result
from indicators.scenarios.cutoff import cut_shares
from indicators.scenarios.definition import Scenario
from indicators.scenarios.horizon import SERVICE_LIFE_YEARS, is_hardware, lost_fraction
from indicators.scenarios.scoring import floor_scores

#: Horizons the page draws: every year from the cut to one year past the service life.
DEFAULT_HORIZONS: Final = tuple(float(h) for h in range(int(SERVICE_LIFE_YEARS) + 2))


def floors_over_time(bundle: Bundle, baseline: Result, scenario: Scenario,
                     horizons: tuple[float, ...] = DEFAULT_HORIZONS,
                     scores: tuple[str, ...] = ("overall",)) -> dict[str, pd.DataFrame]:
    """Return, per score ("overall" or a pillar), its floor per horizon (rows) and country.

    Row h is the scenario with ``horizon_years`` = h; the last row, labelled ``inf``, is the
    strict power switch (no horizon), which every horizon past the service life equals.
    One vectorised pass: the strict cut shares are computed once; an indicator cut through
    hardware layers keeps share × lost_fraction(h), one cut through services its whole share
    (every stage of a layer is hardware or none is), and all horizons are scored together.
    """
    strict = scenario.model_copy(update={"horizon_years": None})
    cut = cut_shares(bundle, strict, baseline.indicators, baseline.year, baseline.spec.window)
    share = cut.share.to_numpy(dtype=float)
    hardware = np.array([any(is_hardware(layer) for layer in cut.cut_stages.get(code, ()))
                         for code in cut.share.columns])
    labels = [*horizons, np.inf]
    fractions = np.array([lost_fraction("chips", None if np.isinf(h) else h) for h in labels])
    scale = np.where(hardware[None, :], fractions[:, None], 1.0)       # (horizons, indicators)
    viewed = baseline.viewed.to_numpy(dtype=float)
    stacked = viewed[None, :, :] * (1.0 - scenario.severity * share[None, :, :]
                                    * scale[:, None, :])
    arrays = floor_scores(baseline, stacked)
    index = pd.Index(labels, name="horizon_years")
    countries = baseline.raw.index
    frames = {}
    pillars = list(baseline.pillars.columns)
    for name in scores:
        values = arrays.overall if name == "overall" else arrays.pillars[..., pillars.index(name)]
        frames[name] = pd.DataFrame(values, index=index, columns=countries)
    return frames


def floor_over_time(bundle: Bundle, baseline: Result, scenario: Scenario,
                    horizons: tuple[float, ...] = DEFAULT_HORIZONS,
                    score: str = "overall") -> pd.DataFrame:
    """Return the floor of ``score`` ("overall" or a pillar) per horizon (rows) and country
    (see ``floors_over_time``)."""
    return floors_over_time(bundle, baseline, scenario, horizons, (score,))[score]
