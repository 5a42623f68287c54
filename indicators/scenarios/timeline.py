"""The floor over time: a scenario's scores h years after the cut, for a range of horizons."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.result import Result
from indicators.scenarios.definition import Scenario
from indicators.scenarios.horizon import SERVICE_LIFE_YEARS
from indicators.scenarios.scoring import score_scenario

#: Horizons the page draws: every year from the cut to one year past the service life.
DEFAULT_HORIZONS: Final = tuple(float(h) for h in range(int(SERVICE_LIFE_YEARS) + 2))


def floors_over_time(bundle: Bundle, baseline: Result, scenario: Scenario,
                     horizons: tuple[float, ...] = DEFAULT_HORIZONS,
                     scores: tuple[str, ...] = ("overall",)) -> dict[str, pd.DataFrame]:
    """Return, per score ("overall" or a pillar), its floor per horizon (rows) and country.

    Each row is the scenario with ``horizon_years`` = h; the last row, labelled ``inf``, is
    the strict power switch (no horizon), which every horizon past the service life equals.
    One scoring per horizon serves every score.
    """
    rows: dict[str, dict[float, pd.Series]] = {name: {} for name in scores}
    for years in (*horizons, None):
        result = score_scenario(bundle, baseline, scenario.model_copy(
            update={"horizon_years": years}))
        for name in scores:
            values = result.overall if name == "overall" else result.pillars[name]
            rows[name][np.inf if years is None else years] = values
    frames = {}
    for name, by_horizon in rows.items():
        frame = pd.DataFrame(by_horizon).T
        frame.index.name = "horizon_years"
        frames[name] = frame
    return frames


def floor_over_time(bundle: Bundle, baseline: Result, scenario: Scenario,
                    horizons: tuple[float, ...] = DEFAULT_HORIZONS,
                    score: str = "overall") -> pd.DataFrame:
    """Return the floor of ``score`` ("overall" or a pillar) per horizon (rows) and country
    (see ``floors_over_time``)."""
    return floors_over_time(bundle, baseline, scenario, horizons, (score,))[score]
