"""Method comparison: how ranks move between two specs, as COINr's ``compare_coins`` shows."""

from __future__ import annotations

import pandas as pd

from indicators.bundle import Bundle
from indicators.pipeline import score
from indicators.result import Result
from indicators.spec import ScoringSpec

#: Columns of :func:`compare_results`, in order.
COMPARE_COLUMNS = ("iso3", "name", "rank_a", "rank_b", "diff", "abs_diff", "score_a", "score_b")


def compare_results(a: Result, b: Result, of: str = "overall") -> pd.DataFrame:
    """Return one row per country: its rank and score of ``of`` in ``a`` and in ``b``.

    ``of`` is ``overall`` or a pillar code; ranks are 1 = best with ties at the best rank, as
    ``Result`` ranks. ``diff`` is rank_a − rank_b (COINr's ``Diff``: positive when the country
    ranks better under ``b``) and ``abs_diff`` its size; a country ranked in only one of the two
    has no difference. Sorted by ``abs_diff`` (largest first), then by ``rank_a``.
    """
    def ranks_and_scores(result: Result) -> tuple[pd.Series, pd.Series]:
        if of == "overall":
            return result.rank.astype("Float64"), result.overall
        if of not in result.pillars.columns:
            raise ValueError(f"cannot compare {of!r}: expected 'overall' or one of "
                             f"{', '.join(result.pillars.columns)}")
        return result.pillar_ranks()[of].astype("Float64"), result.pillars[of]

    rank_a, score_a = ranks_and_scores(a)
    rank_b, score_b = ranks_and_scores(b)
    table = pd.DataFrame({"name": a.countries["name"], "rank_a": rank_a, "rank_b": rank_b})
    table["diff"] = table["rank_a"] - table["rank_b"]
    table["abs_diff"] = table["diff"].abs()
    table["score_a"], table["score_b"] = score_a, score_b
    for column in ("rank_a", "rank_b", "diff", "abs_diff"):
        table[column] = table[column].astype("Int64")
    table = table.rename_axis("iso3").reset_index()
    table = table.sort_values(["abs_diff", "rank_a", "iso3"], ascending=[False, True, True],
                              na_position="last", kind="stable")
    return table[list(COMPARE_COLUMNS)].reset_index(drop=True)


def compare_specs(bundle: Bundle, a: ScoringSpec, b: ScoringSpec,
                  of: str = "overall") -> pd.DataFrame:
    """Return :func:`compare_results` of ``bundle`` scored under ``a`` and under ``b``."""
    return compare_results(score(bundle, a), score(bundle, b), of)


def comparison_summary(table: pd.DataFrame) -> dict[str, float | int]:
    """Return the size of a comparison: countries compared, how many moved, mean and largest
    absolute rank change (over the countries ranked in both)."""
    both = table.dropna(subset=["diff"])
    moved = both["abs_diff"] > 0
    return {"compared": len(both), "moved": int(moved.sum()),
            "mean_abs_diff": float(both["abs_diff"].mean()) if len(both) else float("nan"),
            "max_abs_diff": int(both["abs_diff"].max()) if len(both) else 0}
