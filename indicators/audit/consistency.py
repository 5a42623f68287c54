"""Internal consistency of a pillar: Cronbach's alpha and the first principal component's share."""

from __future__ import annotations

import numpy as np
import pandas as pd


def cronbach_alpha(scores: pd.DataFrame) -> float:
    """Return Cronbach's alpha of the columns of ``scores``, computed as COINr's ``get_cronbach``.

    With k columns and C their covariance matrix over pairwise-complete rows, alpha is
    k²·c̄ / ΣC, where c̄ is the mean off-diagonal covariance; entries that cannot be computed
    (a column with no value, a pair with fewer than two rows) drop out of the sums but still count
    in k, as in COINr. NaN with fewer than two columns.
    """
    k = scores.shape[1]
    if k < 2:
        return float("nan")
    cov = scores.astype(float).cov().to_numpy()
    total = float(np.nansum(cov))
    off_diagonal_mean = (total - float(np.nansum(np.diag(cov)))) / (k * (k - 1))
    if total == 0:
        return float("nan")
    return k**2 * off_diagonal_mean / total


def first_component_share(scores: pd.DataFrame) -> tuple[float, int]:
    """Return (the first principal component's share of variance, the rows it used).

    As COINr's ``get_PCA``: countries with every column (complete cases), each column
    standardised, so the share is the largest eigenvalue of the correlation matrix over k.
    Columns with no value at all are left out first (a constant indicator). NaN with fewer than
    two columns or three complete rows, or when a column is constant over those rows.
    """
    usable = scores.loc[:, scores.notna().any()].dropna()
    k, n = usable.shape[1], usable.shape[0]
    if k < 2 or n < 3:
        return float("nan"), n
    values = usable.to_numpy(dtype=float)
    sd = values.std(axis=0, ddof=1)
    if (sd == 0).any():
        return float("nan"), n
    with np.errstate(all="ignore"):
        correlation = np.corrcoef(values, rowvar=False)
    if not np.isfinite(correlation).all():  # an underflowing column: no share to give
        return float("nan"), n
    eigenvalues = np.linalg.eigvalsh(correlation)
    return float(eigenvalues[-1] / k), n
