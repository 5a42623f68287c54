"""The methodology page's content, generated from the definitions the code scores with."""
# pandas-stubs types every .at/.loc cell as a union of all scalars (bytes, dates, ...);
# these cells are numbers or text by the data contract, so the union checks are switched off.
# mypy: disable-error-code="union-attr, arg-type, str-bytes-safe, call-overload"
# mypy: disable-error-code="index, operator, dict-item"

from __future__ import annotations

import pandas as pd

from dashboard.views.fmt import count
from indicators import Bundle, Result, ScoringSpec, registry
from indicators import contract as c

DIRECTION_TEXT = {1: "higher is better", -1: "lower is better"}


def catalogue(bundle: Bundle, result: Result) -> pd.DataFrame:
    """Return every scored indicator: definition, unit, direction, weight, transform, denominator,
    source with licence and link, and coverage (countries with a value in the scoring window)."""
    n = len(bundle.countries)
    rows = []
    for code, info in bundle.scored_indicators.iterrows():
        src = bundle.sources.loc[info["source_id"]] if info["source_id"] in bundle.sources.index \
            else None
        have = int(result.raw[code].notna().sum()) if code in result.raw.columns else 0
        rows.append({
            "pillar": info["pillar"], "code": code, "name": info["name"],
            "definition": info["description"], "unit": info["unit"],
            "direction": DIRECTION_TEXT.get(int(info["direction"]), str(info["direction"])),
            "weight": float(info["weight"]), "transform": info["transform"],
            "denominator": info["denominator"] if isinstance(info["denominator"], str) else "",
            "source": "" if src is None else f"{src['publisher']}: {src['title']}",
            "licence": "" if src is None else src["licence"],
            "url": "" if src is None else src["url"],
            "coverage": f"{have} of {n}",
            "coverage_share": round(have / n * 100) if n else 0,
        })
    return pd.DataFrame(rows)


def _default(field: str) -> object:
    return ScoringSpec.model_fields[field].default


def method_options(field: str) -> str:
    """Return a sentence listing the options of a method choice (``registry.CHOICES[field]``):
    label, name as in links and the command line, and what it does."""
    options = "; ".join(f"{choice.label} ('{name}'): {choice.description.rstrip('.')}"
                        for name, choice in registry.CHOICES[field].items())
    return f" Options — {options}."


#: The catalogue's names of the sample indicators (``contract.SAMPLE_INDICATORS``), for the
#: steps, which are written before any data is read (a test keeps them equal to indicators.csv).
SAMPLE_NAMES = {"gpu_cluster_h100e": "AI compute in GPU clusters",
                "max_training_compute": "Largest training run of a domestic model"}


def _names(codes: tuple[str, ...]) -> list[str]:
    """Return the names of the sample indicators ``codes`` (the code where none is known)."""
    return [SAMPLE_NAMES.get(code, code) for code in codes]


def method_steps() -> list[tuple[str, str]]:
    """Return the reference method as (step, explanation) pairs, from ScoringSpec's defaults."""
    window = _default("window")
    coverage = float(_default("min_pillar_coverage"))
    pillars = ", ".join(c.PILLAR_CODES)
    d = _default
    return [
        ("Select", f"For scoring year Y, each country's latest observation of each indicator "
                   f"from Y−{window} to Y is used (window = {window} years); an older one does "
                   "not count, and a value older than Y is marked stale (†)."),
        ("View", f"Reference: '{d('view')}'." + method_options("view")),
        ("Transform", "Indicators marked 'log' are heavy-tailed: x becomes log10(1 + x / m), "
                      "where m is the median of the positive values that year; 0 stays 0. "
                      "Those marked 'log_min' (counts that are 0 for most countries, the "
                      "heaviest tails) use m = the smallest positive value / 9, so that value "
                      "becomes 1: having any counts one decade."),
        ("Treat outliers", f"Reference: '{d('outliers')}'." + method_options("outliers")),
        ("Fill unlisted", "Indicators whose source lists only part of what exists (samples: "
                          f"{', '.join(_names(c.SAMPLE_INDICATORS))}) give every country a "
                          "lower bound: its listed value, or zero capacity if it is not "
                          "listed. A country not listed is scored at zero capacity (shown as "
                          "'not listed (scored 0)'; the data files hold no row for it) in a "
                          "pillar the coverage rule below already scores on observed values, "
                          "so a listing never scores below its absence."),
        ("Impute", f"Reference: '{d('imputation')}'. When chosen, imputation fills a missing "
                   "value with the mean of the country's group (region, or income group; "
                   "never the 'Not classified' group), only in a pillar that already meets "
                   "the coverage rule on observed values, so it never scores a pillar or "
                   "ranks a country the reference leaves out; imputed values are marked (*)."
                   + method_options("imputation")),
        ("Normalise", f"Reference: '{d('normalisation')}'. An indicator on which every "
                      "country has the same value is left out." + method_options("normalisation")),
        ("Aggregate pillars", f"Reference: '{d('aggregation')}' weighted mean of the "
                              "available indicators of the pillar, if at least "
                              f"{coverage:.0%} of its indicators have a value; otherwise the "
                              "pillar is missing." + method_options("aggregation")),
        ("Aggregate overall", f"Weighted mean of the {len(c.PILLAR_CODES)} pillars "
                              f"({pillars}) when all are present; a country missing a pillar "
                              "is not ranked."),
        ("Rank", "Countries are ranked by overall score, best first; ties share the better "
                 "rank."),
    ]


def catalogue_summary(frame: pd.DataFrame) -> str:
    """Return a sentence on how many indicators there are per pillar and their coverage."""
    if frame.empty:
        return "No scored indicators are defined."
    per_pillar = frame.groupby("pillar", sort=False).size()
    parts = ", ".join(f"{n} in {p}" for p, n in per_pillar.items())
    low = frame.loc[frame["coverage_share"].idxmin()]
    verb = "is" if len(frame) == 1 else "are"
    return (f"{count(len(frame), 'indicator')} {verb} scored ({parts}). The least covered is "
            f"{low['name']} ({low['coverage']} countries). {DATA_QUALITY_NOTE}")


#: Where the generated data-quality report lives (``sovai build-data`` writes it).
DATA_QUALITY_NOTE = ("Each indicator's coverage, years used, skewness and kurtosis after "
                     "transform with the JRC outlier screen, most extreme countries, largest "
                     "jumps, census or sample basis and source vintage, and each country's "
                     "share of indicators observed, imputed and stale, are in the data-quality "
                     "report docs/data-quality.md, generated by sovai build-data.")
