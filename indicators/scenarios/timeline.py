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


def floor_over_time(bundle: Bundle, baseline: Result, scenario: Scenario,
                    horizons: tuple[float, ...] = DEFAULT_HORIZONS,
                    score: str = "overall") -> pd.DataFrame:
    """Return the floor of ``score`` ("overall" or a pillar) per horizon (rows) and country.

    Each row is the scenario with ``horizon_years`` = h; the last row, labelled ``inf``, is
    the strict power switch (no horizon), which every horizon past the service life equals.
    """
    rows = {}
    for years in (*horizons, None):
        result = score_scenario(bundle, baseline, scenario.model_copy(
            update={"horizon_years": years}))
        values = result.overall if score == "overall" else result.pillars[score]
        rows[np.inf if years is None else years] = values
    frame = pd.DataFrame(rows).T
    frame.index.name = "horizon_years"
    return frame
