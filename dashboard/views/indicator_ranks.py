"""World ranks on one indicator as the pages and downloads show them: no rank for a crowd
tied at the bottom (Taiwan "8th in the world on frontier models" with 192 countries at 0)."""

from __future__ import annotations

import pandas as pd

from indicators import Result

#: A tie at the bottom of an indicator shared by at least this many countries gets no world
#: rank: the "min" rank of such a tie (8th for 192 countries with none) reads as a position
#: the country does not hold. Smaller ties, and ties elsewhere, keep their rank.
BOTTOM_CROWD = 10


def shown_indicator_ranks(result: Result) -> pd.DataFrame:
    """Return ``result.indicator_ranks()`` with the cells of a bottom tie of at least
    ``BOTTOM_CROWD`` countries set missing (nullable ``Int64``, iso3 × indicator)."""
    ranks = result.indicator_ranks().astype("Int64")
    scores = result.normalised
    for code in scores.columns:
        column = scores[code]
        if column.notna().sum() == 0:
            continue
        at_bottom = column.eq(column.min()).to_numpy()
        if int(at_bottom.sum()) >= BOTTOM_CROWD:
            ranks.loc[at_bottom, code] = pd.NA
    return ranks

