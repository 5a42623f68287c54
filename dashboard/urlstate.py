"""Scoring choices <-> query string, so every view is a shareable link.

Parameters: ``year``, ``view``, ``norm`` (normalisation), ``agg`` (aggregation), ``outliers``,
``imp`` (imputation) — each takes the names of its table in ``indicators.registry`` that the
dashboard offers (``offered``) — and
``pw_<pillar>`` and ``iw_<indicator>`` weights. Anything invalid is dropped, never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from indicators import Bundle, ScoringSpec, registry


def offered(field: str) -> tuple[str, ...]:
    """Return the registry's names for ``field`` that the dashboard offers.

    A normalisation that needs goalposts or targets is left out: the dashboard has no way to
    enter them, so it would be min-max under another name (issue 11 #7).
    """
    names = registry.names(field)
    if field == "normalisation":
        names = tuple(n for n in names if not (registry.NORMALISERS[n].goalposts
                                               or registry.NORMALISERS[n].targets))
    return names


#: URL parameter -> (ScoringSpec field, the names it accepts: those the dashboard offers).
_CHOICES: dict[str, tuple[str, tuple[str, ...]]] = {
    param: (field, offered(field))
    for param, field in (("view", "view"), ("norm", "normalisation"), ("agg", "aggregation"),
                         ("outliers", "outliers"), ("imp", "imputation"))
}
#: Largest weight accepted from a URL (weights are relative, so this bounds nothing useful).
MAX_WEIGHT = 100.0


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value) if value is not None else ""


def _weight(text: str) -> float | None:
    try:
        weight = float(text)
    except ValueError:
        return None
    return weight if 0 < weight <= MAX_WEIGHT else None


def spec_from_query(query: Mapping[str, Any], bundle: Bundle) -> ScoringSpec:
    """Return the spec a query string asks for; unknown or invalid parameters are ignored."""
    fields: dict[str, Any] = {}
    year = _first(query.get("year"))
    if year.isdigit() and int(year) in bundle.years:
        fields["year"] = int(year)
    for param, (field, allowed) in _CHOICES.items():
        value = _first(query.get(param))
        if value in allowed:
            fields[field] = value
    pillar_weights: dict[str, float] = {}
    indicator_weights: dict[str, float] = {}
    indicators = set(bundle.scored_indicators.index)
    for key, raw in query.items():
        weight = _weight(_first(raw))
        if weight is None:
            continue
        if key.startswith("pw_") and key[3:] in bundle.pillar_codes:
            pillar_weights[key[3:]] = weight
        elif key.startswith("iw_") and key[3:] in indicators:
            indicator_weights[key[3:]] = weight
    # weights equal to the file's are not overrides: keeps links short and specs canonical
    file_pillar_weights = bundle.pillars["weight"].astype(float).to_dict()
    file_indicator_weights = bundle.indicators["weight"].astype(float).to_dict()
    pillar_weights = {p: w for p, w in pillar_weights.items() if w != file_pillar_weights[p]}
    indicator_weights = {c: w for c, w in indicator_weights.items()
                         if w != file_indicator_weights[c]}
    return ScoringSpec(**fields, pillar_weights=pillar_weights,
                       indicator_weights=indicator_weights)


def query_from_spec(spec: ScoringSpec) -> dict[str, str]:
    """Return the query parameters that reproduce ``spec`` (defaults left out), in stable order."""
    reference = ScoringSpec()
    params: dict[str, str] = {}
    if spec.year is not None:
        params["year"] = str(spec.year)
    for param, (field, _) in _CHOICES.items():
        value = getattr(spec, field)
        if value != getattr(reference, field):
            params[param] = str(value)
    for pillar, weight in sorted(spec.pillar_weights.items()):
        params[f"pw_{pillar}"] = f"{weight:g}"
    for code, weight in sorted(spec.indicator_weights.items()):
        params[f"iw_{code}"] = f"{weight:g}"
    return params


def to_search(params: Mapping[str, str]) -> str:
    """Return ``?a=1&b=2`` for non-empty parameters, or an empty string."""
    kept = {k: v for k, v in params.items() if v not in ("", None)}
    return "?" + urlencode(kept, safe=",") if kept else ""


def parse_search(search: str) -> dict[str, str]:
    """Return the parameters of ``?a=1&b=2`` as a dict (the first value of each)."""
    return {k: v[0] for k, v in parse_qs(search.lstrip("?")).items()}
