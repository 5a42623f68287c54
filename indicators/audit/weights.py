"""Nominal weights as the index applies them, and effective weights as the scores show them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.audit.correlations import correlation
from indicators.result import Result


def nominal_weights(result: Result) -> tuple[pd.Series, pd.Series]:
    """Return (indicator, pillar) nominal weights as shares of the index, as COINr's
    ``get_eff_weights``.

    A pillar's share is its weight over the sum of pillar weights; an indicator's is its weight
    over its pillar's sum, times the pillar's share. Both sum to 1.
    """
    pillar_weight = result.pillar_info["weight"].astype(float)
    pillar_share = pillar_weight / pillar_weight.sum()
    weight = result.indicators["weight"].astype(float)
    pillar_of = result.indicators["pillar"]
    within = weight / weight.groupby(pillar_of).transform("sum")
    return within * pillar_of.map(pillar_share), pillar_share


def effective_weights(result: Result) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (indicator, pillar) tables: ``nominal_weight``, ``r_index``, ``effective_weight``.

    ``r_index`` is Pearson's correlation with the overall index over the countries that have
    both; ``effective_weight`` is r² as a share of the sum of r² over all indicators (or all
    pillars): the linear first-order importance of each in the index (Paruolo, Saisana and
    Saltelli 2013), to set beside the share its nominal weight promises. An indicator with no
    correlation (constant, too few countries) gets 0.
    """
    nominal_ind, nominal_pil = nominal_weights(result)
    overall = result.overall

    def table(columns: pd.DataFrame, nominal: pd.Series) -> pd.DataFrame:
        r = pd.Series({code: correlation(columns[code], overall, "pearson")[0]
                       for code in columns.columns}, dtype=float)
        squared = (r**2).fillna(0.0)
        total = squared.sum()
        share = squared / total if total > 0 else pd.Series(np.nan, index=r.index)
        return pd.DataFrame({"nominal_weight": nominal.reindex(r.index), "r_index": r,
                             "effective_weight": share})

    return table(result.normalised, nominal_ind), table(result.pillars, nominal_pil)
