"""The audit page's content: state from the link, tables, figures and sentences of an Audit."""
# pandas-stubs types every .at/.loc cell as a union of all scalars (bytes, dates, ...);
# these cells are numbers or text by the data contract, so the union checks are switched off.
# mypy: disable-error-code="union-attr, arg-type, call-overload, index, str-bytes-safe"

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.urlstate import offered, query_from_spec, to_search
from dashboard.views.figures import OKABE_ITO, figure, stamp_layout
from indicators import Bundle, Result, ScoringSpec
from indicators.audit import (
    INDEX,
    PILLAR,
    Audit,
    audit,
    compare_results,
    comparison_summary,
    pillar_matrices,
)
from indicators.audit.correlations import METHODS, Method

#: Audits kept per process, one per data version and method (a session needs a few).
MAX_CACHED = 16
_cache: OrderedDict[tuple[str, str], Audit] = OrderedDict()
_lock = threading.Lock()

PILLAR_COLUMNS = {"name": "Pillar", "n_indicators": "Indicators",
                  "cronbach_alpha": "Cronbach's alpha",
                  "pca_variance_share": "First component's share of variance",
                  "pca_countries": "Countries with every indicator (PCA)",
                  "nominal_weight": "Nominal weight", "effective_weight": "Effective weight"}
STATISTICS_COLUMNS = {"name": "Indicator", "pillar": "Pillar", "count": "Countries",
                      "share_missing": "Missing", "median": "Median", "min": "Min",
                      "min_at": "Min at", "max": "Max", "max_at": "Max at",
                      "skewness": "Skewness", "kurtosis": "Kurtosis",
                      "treatment": "Outlier treatment", "r_pillar": "r with pillar",
                      "r_index": "r with index", "flagged": "Flagged"}
METHOD_LABELS = {"pearson": "Pearson", "spearman": "Spearman (ranks)"}
#: The heatmap's diverging scale (plotly's RdBu as explicit stops: figures skip the validator).
DIVERGING = [list(stop) for stop in go.Heatmap(colorscale="RdBu").colorscale]


#: The method the ranks are compared with unless the link says otherwise: the same
#: normalisation ("" = the page's), aggregated by the geometric mean (the JRC's usual check).
DEFAULT_VS_NORMALISATION = ""
DEFAULT_VS_AGGREGATION = "geometric"
#: Countries listed in the comparison table (the download has them all).
COMPARISON_ROWS = 15


@dataclass(frozen=True)
class AuditState:
    """What the page shows beyond the scoring method: which pillar's matrix, which r, and the
    normalisation and aggregation the ranks are compared with."""

    pillar: str
    method: Method
    vs_normalisation: str = DEFAULT_VS_NORMALISATION
    vs_aggregation: str = DEFAULT_VS_AGGREGATION

    def query(self, default_pillar: str) -> dict[str, str]:
        """Return the query parameters of this state (defaults left out)."""
        params = {}
        if self.pillar != default_pillar:
            params["pillar"] = self.pillar
        if self.method != "pearson":
            params["corr"] = self.method
        if self.vs_normalisation != DEFAULT_VS_NORMALISATION:
            params["vs_norm"] = self.vs_normalisation
        if self.vs_aggregation != DEFAULT_VS_AGGREGATION:
            params["vs_agg"] = self.vs_aggregation
        return params


def state_from_query(query: Mapping[str, Any], bundle: Bundle) -> AuditState:
    """Return the state a query string asks for; an unknown pillar or method is ignored."""
    pillar = str(query.get("pillar") or "")
    method = str(query.get("corr") or "")
    vs_norm = str(query.get("vs_norm") or "")
    vs_agg = str(query.get("vs_agg") or "")
    return AuditState(pillar=pillar if pillar in bundle.pillar_codes else bundle.pillar_codes[0],
                      method=method if method in METHODS else "pearson",
                      vs_normalisation=vs_norm if vs_norm in offered("normalisation")
                      else DEFAULT_VS_NORMALISATION,
                      vs_aggregation=vs_agg if vs_agg in offered("aggregation")
                      else DEFAULT_VS_AGGREGATION)


def versus_spec(spec: ScoringSpec, state: AuditState) -> ScoringSpec:
    """Return the spec the ranks are compared with: ``spec`` with the state's methods."""
    return spec.model_copy(update={
        "normalisation": state.vs_normalisation or spec.normalisation,
        "aggregation": state.vs_aggregation})


def comparison(a: Result, b: Result) -> tuple[pd.DataFrame, str]:
    """Return (the rank changes from ``a`` to ``b``, largest first, and a sentence on them)."""
    table = compare_results(a, b)
    summary = comparison_summary(table)
    if summary["compared"] == 0:
        return table, "No country is ranked under both methods."
    if summary["moved"] == 0:
        return table, (f"All {summary['compared']} countries ranked under both methods keep "
                       "their rank.")
    top = table.iloc[0]
    direction = "up" if top["diff"] > 0 else "down"
    return table, (f"{summary['moved']} of the {summary['compared']} countries ranked under "
                   f"both methods change rank, by {summary['mean_abs_diff']:.1f} places on "
                   f"average; {top['name']} moves most ({direction} {int(top['abs_diff'])}: "
                   f"{int(top['rank_a'])} → {int(top['rank_b'])}).")


def audit_search(spec: ScoringSpec, state: AuditState, bundle: Bundle) -> str:
    """Return the query string of the page for ``spec`` and ``state``."""
    return to_search({**query_from_spec(spec), **state.query(bundle.pillar_codes[0])})


def cached_audit(result: Result) -> Audit:
    """Return the audit of ``result``, computed once per data version and spec."""
    key = (result.version, result.spec.model_dump_json() + f"|{result.year}")
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    computed = audit(result)
    with _lock:
        _cache[key] = computed
        while len(_cache) > MAX_CACHED:
            _cache.popitem(last=False)
    return computed


def pillar_table(report: Audit, result: Result) -> pd.DataFrame:
    """Return one row per pillar: name, alpha, first-PC share, countries, both weights."""
    frame = report.pillars.copy()
    frame.insert(0, "name", result.pillar_info["name"].reindex(frame.index))
    for column in ("cronbach_alpha", "pca_variance_share", "nominal_weight", "effective_weight"):
        frame[column] = frame[column].astype(float).round(3)
    return frame[list(PILLAR_COLUMNS)].reset_index(drop=True)


def consistency_summary(report: Audit, result: Result) -> str:
    """Return a sentence on internal consistency: alpha's range and the weakest first PC."""
    pillars = report.pillars.dropna(subset=["cronbach_alpha"])
    if pillars.empty:
        return "No pillar has two indicators with values, so consistency cannot be measured."
    names = result.pillar_info["name"]
    low, high = pillars["cronbach_alpha"].idxmin(), pillars["cronbach_alpha"].idxmax()
    weak = [str(names[p]) for p, a in pillars["cronbach_alpha"].items() if a < 0.7]
    text = (f"Cronbach's alpha runs from {pillars.at[low, 'cronbach_alpha']:.2f} "
            f"({names[low]}) to {pillars.at[high, 'cronbach_alpha']:.2f} ({names[high]}); "
            "0.7 or more is the usual sign that a pillar's indicators measure one thing.")
    if weak:
        text += f" Below 0.7: {', '.join(weak)}."
    shares = report.pillars["pca_variance_share"].dropna()
    if not shares.empty:
        p = shares.idxmin()
        text += (f" The first principal component explains {shares[p]:.0%} of the variance "
                 f"in {names[p]}, the least of any pillar.")
    return text


def matrix_labels(result: Result, labels: list[str]) -> list[str]:
    """Return display names for a correlation matrix's rows: indicator names, pillar, index."""
    names = result.indicators["name"]
    return [label.capitalize() if label in (PILLAR, INDEX) else str(names[label])
            for label in labels]


def correlation_matrix(result: Result, state: AuditState) -> pd.DataFrame:
    """Return the chosen pillar's correlation matrix (indicators, its score, the index)."""
    return pillar_matrices(result, state.pillar, state.method)


def heatmap(result: Result, matrix: pd.DataFrame, state: AuditState) -> go.Figure:
    """Return the correlation heatmap: −1 to 1 on a diverging scale, each cell labelled."""
    labels = matrix_labels(result, list(matrix.columns))
    z = matrix.to_numpy(dtype=float)
    trace = {"type": "heatmap", "z": z, "x": labels, "y": labels, "zmin": -1, "zmax": 1,
             "zmid": 0, "colorscale": DIVERGING, "colorbar": {"title": {"text": "r"}},
             "texttemplate": "%{z:.2f}", "xgap": 1, "ygap": 1,
             "hovertemplate": "%{y} × %{x}: r = %{z:.2f}<extra></extra>"}
    pillar = result.pillar_info.at[state.pillar, "name"]
    title = f"{pillar}: {METHOD_LABELS[state.method]} correlations, {result.year}"
    layout = stamp_layout({"yaxis": {"autorange": "reversed"}, "xaxis": {"tickangle": -35}},
                          title, result, height=380 + 42 * len(labels))
    # the slanted indicator names need room below the matrix, above the source line
    layout["margin"]["b"] = 210
    for note in layout["annotations"]:
        note["yshift"] = -185
    return figure([trace], layout)


def matrix_table(result: Result, matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the matrix as a table: first column the row's label, values to 2 decimals."""
    labels = matrix_labels(result, list(matrix.columns))
    table = matrix.round(2).copy()
    table.columns = labels
    table.insert(0, "", labels)
    return table.reset_index(drop=True)


def heatmap_summary(result: Result, matrix: pd.DataFrame, state: AuditState) -> str:
    """Return a sentence on the matrix: the strongest and weakest pair of indicators."""
    codes = [c for c in matrix.columns if c not in (PILLAR, INDEX)]
    pairs = [(matrix.at[a, b], a, b) for i, a in enumerate(codes) for b in codes[i + 1:]
             if pd.notna(matrix.at[a, b])]
    pillar = result.pillar_info.at[state.pillar, "name"]
    if not pairs:
        return f"{pillar}: no pair of indicators can be correlated."
    names = result.indicators["name"]
    high, low = max(pairs), min(pairs)
    return (f"{pillar}, {METHOD_LABELS[state.method]}: the closest pair is {names[high[1]]} "
            f"and {names[high[2]]} (r = {high[0]:.2f}); the most distant is {names[low[1]]} and "
            f"{names[low[2]]} (r = {low[0]:.2f}). Correlations use the countries that have "
            "both values.")


def weights_table(report: Audit, result: Result) -> pd.DataFrame:
    """Return per indicator its pillar, nominal and effective weight and their ratio."""
    table = report.indicators[["pillar", "nominal_weight", "effective_weight"]].copy()
    table.insert(0, "indicator", result.indicators["name"].reindex(table.index))
    table["effective_over_nominal"] = table["effective_weight"] / table["nominal_weight"]
    return table.round(3).rename_axis("code").reset_index()


def weights_figure(report: Audit, result: Result) -> go.Figure:
    """Return nominal and effective weights as paired horizontal bars, one pair per indicator."""
    table = weights_table(report, result).iloc[::-1]
    labels = [f"{n} ({p})" for n, p in zip(table["indicator"], table["pillar"], strict=True)]
    bars = [{"type": "bar", "y": labels, "x": table["nominal_weight"].to_numpy(),
             "orientation": "h", "name": "Nominal weight", "marker": {"color": OKABE_ITO[4]},
             "hovertemplate": "%{y}: nominal %{x:.3f}<extra></extra>"},
            {"type": "bar", "y": labels, "x": table["effective_weight"].to_numpy(),
             "orientation": "h", "name": "Effective weight (r² share)",
             "marker": {"color": OKABE_ITO[5]},
             "hovertemplate": "%{y}: effective %{x:.3f}<extra></extra>"}]
    layout = {"barmode": "group", "bargap": 0.25,
              "xaxis": {"title": {"text": "share of the index"}, "tickformat": ".0%"}}
    return figure(bars, stamp_layout(
        layout, f"Nominal and effective weight of each indicator, {result.year}", result,
        height=160 + 26 * len(labels)))


def weights_summary(report: Audit, result: Result) -> str:
    """Return a sentence naming the indicators whose effective weight strays most."""
    table = weights_table(report, result).dropna(subset=["effective_over_nominal"])
    if table.empty:
        return "No indicator correlates with the index, so effective weights are undefined."
    low = table.nsmallest(1, "effective_over_nominal").iloc[0]
    high = table.nlargest(1, "effective_over_nominal").iloc[0]
    return (f"Effective weight is each indicator's squared correlation with the index as a "
            f"share of all of them. {high['indicator']} weighs "
            f"{high['effective_over_nominal']:.1f}× its nominal weight; {low['indicator']} "
            f"only {low['effective_over_nominal']:.2f}×.")


def statistics_table(report: Audit, result: Result) -> pd.DataFrame:
    """Return the per-indicator statistics shown on the page (rounded, names beside codes)."""
    table = report.indicators.copy()
    table.insert(0, "name", result.indicators["name"].reindex(table.index))
    table = table.rename_axis("code").reset_index()
    for column in ("skewness", "kurtosis", "r_pillar", "r_index"):
        table[column] = table[column].astype(float).round(2)
    table["share_missing"] = [f"{v:.0%}" for v in table["share_missing"]]
    for end in ("min", "max"):
        table[f"{end}_at"] = [_at(c, t) for c, t in zip(table[f"{end}_country"],
                                                          table[f"{end}_ties"], strict=True)]
    return table[list(STATISTICS_COLUMNS)]


def _at(country: str, ties: int) -> str:
    """Return where an extreme is: a country, or the first of several tied ones."""
    return f"{country} and {ties} more" if ties else country


def flag_sentences(report: Audit) -> dict[str, list[str]]:
    """Return the sentences of the flags in two groups: ``outliers`` and ``correlations``."""
    groups: dict[str, list[str]] = {"outliers": [], "correlations": []}
    for flag in report.flags:
        groups["outliers" if flag.kind == "outliers" else "correlations"].append(flag.sentence)
    return groups


def download_tables(report: Audit, compared: pd.DataFrame | None = None
                    ) -> dict[str, pd.DataFrame]:
    """Return the audit's tables for the zip: indicators, pillars, every correlation, the flags
    and, if given, the rank comparison with the other method."""
    pillars = report.pillars.rename_axis("pillar").reset_index()
    flags = pd.DataFrame([{"indicators": ";".join(f.codes), "flag": f.kind, "with": f.other,
                           "sentence": f.sentence} for f in report.flags],
                         columns=["indicators", "flag", "with", "sentence"])
    tables = {"indicators": report.indicator_table(), "pillars": pillars,
              "correlations": report.pairs, "flags": flags}
    if compared is not None:
        tables["rank_comparison"] = compared
    return tables
