"""Weight presets of the what-if panel, defined as data in one place."""

from __future__ import annotations

from collections.abc import Mapping

from indicators import Bundle, ScoringSpec

#: name -> (label, pillar weights; None keeps the weights of pillars.csv).
#: Every preset but "reference" sets each indicator's weight to 1 within its pillar.
PRESETS: dict[str, tuple[str, Mapping[str, float] | None]] = {
    "reference": ("Reference (weights of the data files)", None),
    "equal": ("Equal: every pillar and indicator weighs 1", {}),
    "data-heavy": ("Data-heavy: data ×3", {"data": 3.0}),
    "compute-heavy": ("Compute-heavy: compute ×3", {"compute": 3.0}),
    "models-heavy": ("Models-heavy: models ×3", {"models": 3.0}),
    "industry-heavy": ("Industry-heavy: industry ×3", {"industry": 3.0}),
}


def apply_preset(name: str, spec: ScoringSpec, bundle: Bundle) -> ScoringSpec:
    """Return ``spec`` with the weights of preset ``name`` (only weights differing from the files).

    Raises KeyError naming the known presets when ``name`` is not one of them.
    """
    if name not in PRESETS:
        raise KeyError(f"unknown preset {name!r}; expected one of {', '.join(PRESETS)}")
    _, pillars = PRESETS[name]
    if pillars is None:
        return spec.model_copy(update={"pillar_weights": {}, "indicator_weights": {}})
    file_pillars = bundle.pillars["weight"].astype(float).to_dict()
    file_indicators = bundle.scored_indicators["weight"].astype(float).to_dict()
    wanted_pillars = {p: float(pillars.get(p, 1.0)) for p in bundle.pillar_codes}
    return spec.model_copy(update={
        "pillar_weights": {p: w for p, w in wanted_pillars.items() if w != file_pillars[p]},
        "indicator_weights": {c: 1.0 for c, w in file_indicators.items() if w != 1.0},
    })


def matching_preset(spec: ScoringSpec, bundle: Bundle) -> str | None:
    """Return the name of the preset whose weights ``spec`` has, or None for custom weights."""
    for name in PRESETS:
        candidate = apply_preset(name, spec, bundle)
        if (candidate.pillar_weights == spec.pillar_weights
                and candidate.indicator_weights == spec.indicator_weights):
            return name
    return None


def distinct_presets(bundle: Bundle) -> list[str]:
    """Return the presets that differ from every earlier one with these data files.

    With every weight of the files at 1, "equal" sets exactly the reference weights, and a
    menu offering both would promise a difference that is not there (issue 11 #7).
    """
    kept: list[str] = []
    seen: list[tuple[dict[str, float], dict[str, float]]] = []
    for name in PRESETS:
        spec = apply_preset(name, ScoringSpec(), bundle)
        weights = (spec.pillar_weights, spec.indicator_weights)
        if weights not in seen:
            kept.append(name)
            seen.append(weights)
    return kept
