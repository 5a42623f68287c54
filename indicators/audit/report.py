"""The audit of one result in one object: tables per indicator, pillar and pair, and flags."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from indicators.audit.consistency import cronbach_alpha, first_component_share
from indicators.audit.correlations import INDEX, PILLAR, correlation_pairs
from indicators.audit.descriptive import indicator_statistics
from indicators.audit.weights import effective_weights
from indicators.result import Result

_TREATMENT_WORDS = {
    "winsorised": "COINr-equal treatment winsorises {points} point(s)",
    "log": "winsorising 5 points is not enough, so the treatment log-transforms it",
    "untreatable": "the treatment cannot change it (winsorising leaves no spread)",
    "none": "",
}


@dataclass(frozen=True)
class Flag:
    """One flag: the indicators it is about, its kind and the sentence that explains it.

    ``kind`` is ``outliers`` or a correlation flag (``redundant``, ``negative``,
    ``insignificant``); ``other`` is the second indicator, the pillar score or the index (empty
    for outliers).
    """

    codes: tuple[str, ...]
    kind: str
    other: str
    sentence: str


@dataclass(frozen=True)
class Audit:
    """The statistical audit of a result.

    ``indicators``: one row per indicator — the statistics of :func:`indicator_statistics`, the
    correlations with its pillar (``r_pillar``) and the index (``r_index``), ``nominal_weight``,
    ``effective_weight``, ``flags`` (a tuple of short names) and ``flagged``. ``pillars``: one
    row per pillar — ``n_indicators``, ``cronbach_alpha``, ``pca_variance_share``,
    ``pca_countries``, ``nominal_weight``, ``r_index`` and ``effective_weight``. ``pairs``: the
    long table of :func:`correlation_pairs`. ``flags``: every :class:`Flag`, outliers first.
    """

    year: int
    version: str
    spec: dict[str, Any]
    indicators: pd.DataFrame
    pillars: pd.DataFrame
    pairs: pd.DataFrame
    flags: tuple[Flag, ...]

    def indicator_table(self) -> pd.DataFrame:
        """Return one flat row per indicator (``code`` first; flags joined by ``;``) with its
        pillar's ``pillar_cronbach_alpha`` and ``pillar_pca_variance_share``: the CSV export."""
        table = self.indicators.copy()
        table["flags"] = table["flags"].map(";".join)
        pillars = self.pillars.add_prefix("pillar_")
        table["pillar_cronbach_alpha"] = table["pillar"].map(pillars["pillar_cronbach_alpha"])
        table["pillar_pca_variance_share"] = table["pillar"].map(
            pillars["pillar_pca_variance_share"])
        return table.rename_axis("code").reset_index()

    def to_dict(self) -> dict[str, Any]:
        """Return the audit as JSON-ready dicts: ``pillars`` and ``indicators`` keyed by code."""
        def clean(record: dict[Any, Any]) -> dict[str, Any]:
            return {str(k): _json_value(v) for k, v in record.items()}

        indicators = {}
        for code, row in self.indicators.to_dict(orient="index").items():
            record = clean(row)
            record["sentences"] = [f.sentence for f in self.flags if code in f.codes]
            indicators[str(code)] = record
        return {
            "year": self.year,
            "version": self.version,
            "spec": self.spec,
            "pillars": {str(p): clean(row)
                        for p, row in self.pillars.to_dict(orient="index").items()},
            "indicators": indicators,
            "correlations": [clean(r) for r in self.pairs.to_dict(orient="records")],
        }


def _json_value(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    return value


def audit(result: Result) -> Audit:
    """Return the statistical audit of ``result`` (statistics, correlations, alpha, weights)."""
    stats = indicator_statistics(result)
    pairs = correlation_pairs(result)
    ind_weights, pil_weights = effective_weights(result)

    with_pillar = pairs[pairs["b"] == PILLAR].set_index("a")
    with_index = pairs[pairs["b"] == INDEX].set_index("a")
    table = stats.copy()
    table["r_pillar"] = with_pillar["pearson"].reindex(table.index)
    table["r_index"] = with_index["pearson"].reindex(table.index)
    table["nominal_weight"] = ind_weights["nominal_weight"]
    table["effective_weight"] = ind_weights["effective_weight"]

    names = result.indicators["name"]
    flags: dict[str, list[str]] = {code: [] for code in table.index}
    found: list[Flag] = []
    for code in table.index[table["screen_flagged"].to_numpy(dtype=bool)]:
        flags[code].append("outliers")
        found.append(Flag((code,), "outliers", "",
                              _outlier_sentence(code, str(names[code]), table.loc[code])))
    for pair in pairs[pairs["flag"] != ""].itertuples(index=False):
        a, b = str(pair.a), str(pair.b)
        flags[a].append(f"{pair.flag}:{b}")
        involved: tuple[str, ...] = (a,)
        if b not in (PILLAR, INDEX):
            flags[b].append(f"{pair.flag}:{a}")
            involved = (a, b)
        found.append(Flag(involved, str(pair.flag), b, _pair_sentence(a, b, pair, names)))
    table["flags"] = pd.Series({c: tuple(f) for c, f in flags.items()})
    table["flagged"] = table["flags"].map(bool)

    pillar_rows = {}
    for pillar in result.pillars.columns:
        codes = list(result.indicators.index[result.indicators["pillar"] == pillar])
        scores = result.normalised[codes]
        share, rows = first_component_share(scores)
        pillar_rows[pillar] = {
            "n_indicators": len(codes),
            "cronbach_alpha": cronbach_alpha(scores),
            "pca_variance_share": share,
            "pca_countries": rows,
            "nominal_weight": pil_weights.at[pillar, "nominal_weight"],
            "r_index": pil_weights.at[pillar, "r_index"],
            "effective_weight": pil_weights.at[pillar, "effective_weight"],
        }
    return Audit(year=result.year, version=result.version,
                 spec=result.spec.model_dump(mode="json"), indicators=table,
                 pillars=pd.DataFrame.from_dict(pillar_rows, orient="index"), pairs=pairs,
                 flags=tuple(found))


def _outlier_sentence(code: str, name: str, row: pd.Series) -> str:
    treatment = _TREATMENT_WORDS[str(row["treatment"])].format(points=row["treated_points"])
    return (f"{name} ({code}) has skewness {row['skewness']:.2f} and kurtosis "
            f"{row['kurtosis']:.2f}, beyond |2| and 3.5: a few countries dominate its scores"
            + (f"; {treatment}." if treatment else "."))


def _pair_sentence(a: str, b: str, pair: Any, names: pd.Series) -> str:
    r = f"r = {_two_decimals(pair.pearson)} over {pair.n} countries"
    if b == PILLAR:
        what = (f"correlates negatively with its pillar's score ({r})" if pair.flag == "negative"
                else f"is not significantly correlated with its pillar's score ({r}, "
                     f"p = {pair.pearson_p:.2f})")
        return f"{names[a]} ({a}) {what}: it does not measure what the rest of the pillar does."
    if b == INDEX:
        return (f"{names[a]} ({a}) correlates negatively with the overall index ({r}): the "
                "index rewards the opposite of what it measures.")
    other = f"{names[b]} ({b})"
    if pair.flag == "redundant":
        return (f"{names[a]} ({a}) and {other} correlate at {r}: the pillar may count the "
                "same thing twice.")
    if pair.flag == "negative":
        return (f"{names[a]} ({a}) and {other} correlate at {r}: they pull the pillar in "
                "opposite directions.")
    return (f"{names[a]} ({a}) and {other} are not significantly correlated ({r}, "
            f"p = {pair.pearson_p:.2f}): they do not measure the same thing.")


def _two_decimals(value: float) -> str:
    """Return ``value`` to two decimals, without the sign of a negative zero ("-0.00")."""
    return f"{round(value, 2) + 0.0:.2f}"
