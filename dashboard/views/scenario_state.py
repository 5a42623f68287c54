"""Scenario page state <-> query string: preset, cut, layers, severity, allies, focus, bloc.

Parameters: ``preset``, ``cut`` (ISO3,ISO3 or all-foreign), ``layers``, ``sev`` (0–100, %),
``allies`` (1), ``blocs`` (allied blocs), ``country`` (narrative focus), ``bloc`` (bloc view),
``supplier`` (map), ``map`` (``access``: the map shows model access kept instead of the
exposure to one supplier), ``ai`` (AI-dependent share of output, %), the model controls'
parameters (``dashboard.components.model_controls``: provider, model, asof and the serving and
training assumptions), plus the scoring parameters of ``dashboard.urlstate``. Anything invalid
is dropped, never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dashboard import data_access
from dashboard.components import model_controls
from indicators import Bundle
from indicators.scenarios.definition import (
    ALL_FOREIGN,
    Scenario,
    known_layers,
    known_suppliers,
)
from indicators.scenarios.exposure import DEFAULT_AI_SHARE
from indicators.scenarios.presets import DEFAULT_PRESET, PRESETS, preset_for
from indicators.scenarios.sovereign import SovereignAssumptions

#: What the map shows: the exposure to one supplier (default) or the model access kept.
MAP_VIEWS = ("supplier", "access")


@dataclass(frozen=True)
class PageState:
    """What the scenario page shows."""

    scenario: Scenario
    preset: str | None
    country: str
    bloc: str | None
    supplier: str
    ai_share: float
    map_view: str = "supplier"
    assumptions: SovereignAssumptions = field(default_factory=SovereignAssumptions)


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value) if value is not None else ""


def _codes(value: Any) -> list[str]:
    return [part.strip() for part in _first(value).split(",") if part.strip()]


def _number(text: str, low: float, high: float) -> float | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return number if low <= number <= high else None


def suppliers(bundle: Bundle) -> list[str]:
    """Return ``known_suppliers(bundle)``, computed once per data version (shared: do not
    change it in place)."""
    return data_access.memo(known_suppliers, bundle)


def layers_of(bundle: Bundle) -> list[str]:
    """Return ``known_layers(bundle)``, computed once per data version (shared)."""
    return data_access.memo(known_layers, bundle)


def state_from_query(query: Mapping[str, Any], bundle: Bundle) -> PageState:
    """Return the page state a query string asks for, falling back to the default preset."""
    layers = layers_of(bundle)
    name = _first(query.get("preset"))
    preset = name if name in PRESETS else None
    base = preset_for(preset or DEFAULT_PRESET, layers)
    known = set(suppliers(bundle))
    fields: dict[str, Any] = {}
    cut = [c for c in _codes(query.get("cut")) if c == ALL_FOREIGN or c.upper() in known]
    if cut:
        fields["cut"] = tuple(c if c == ALL_FOREIGN else c.upper() for c in cut)
    chosen = [layer for layer in _codes(query.get("layers")) if layer in layers]
    if chosen:
        fields["layers"] = tuple(chosen)
    severity = _number(_first(query.get("sev")), 0, 100)
    if severity is not None:
        fields["severity"] = severity / 100
    if _first(query.get("allies")) == "1":
        fields["allies_exempt"] = True
        blocs = [b for b in _codes(query.get("blocs")) if b in set(bundle.groups["group"])]
        fields["allies"] = tuple(blocs) or None
    if fields:
        fields["name"] = base.name if preset else "Custom scenario"
    scenario = base.model_copy(update=fields) if fields else base
    scenario = model_controls.narrow(scenario, query, bundle)
    scenario = Scenario.model_validate(scenario.model_dump())
    if preset and scenario != preset_for(preset, layers):
        preset = None
    if preset is None:  # controls that describe a preset show it in the Preset box
        preset = matching_preset(scenario, layers)
        if preset is not None:
            scenario = preset_for(preset, layers)
    country = _first(query.get("country")).upper()
    if country not in bundle.countries.index:
        country = "KOR" if "KOR" in bundle.countries.index else str(bundle.countries.index[0])
    bloc = _first(query.get("bloc"))
    supplier = _first(query.get("supplier")).upper()
    if supplier not in known:
        supplier = next((c for c in scenario.cut if c != ALL_FOREIGN), "USA")
    ai = _number(_first(query.get("ai")), 0, 100)
    return PageState(scenario=scenario, preset=preset, country=country,
                     bloc=bloc if bloc in set(bundle.groups["group"]) else None,
                     supplier=supplier, ai_share=ai / 100 if ai is not None else DEFAULT_AI_SHARE,
                     map_view=MAP_VIEWS[1] if _first(query.get("map")) == MAP_VIEWS[1]
                     else MAP_VIEWS[0],
                     assumptions=model_controls.assumptions_from_query(query))


def matching_preset(scenario: Scenario, layers: list[str]) -> str | None:
    """Return the name of the preset ``scenario`` is (its name aside), or None."""
    for name in PRESETS:
        candidate = preset_for(name, layers)
        if scenario.model_copy(update={"name": candidate.name}) == candidate:
            return name
    return None


def query_from_state(state: PageState) -> dict[str, str]:
    """Return the query parameters that reproduce ``state`` (a preset stays a short link)."""
    params: dict[str, str] = {}
    scenario = state.scenario
    if state.preset:
        params["preset"] = state.preset
    else:
        params["cut"] = ",".join(scenario.cut)
        params["layers"] = ",".join(scenario.layers)
        params["sev"] = f"{scenario.severity * 100:g}"
        if scenario.allies_exempt:
            params["allies"] = "1"
            if scenario.allies:
                params["blocs"] = ",".join(scenario.allies)
        params.update(model_controls.scenario_params(scenario))
    params["country"] = state.country
    if state.bloc:
        params["bloc"] = state.bloc
    params["supplier"] = state.supplier
    if state.ai_share != DEFAULT_AI_SHARE:
        params["ai"] = f"{state.ai_share * 100:g}"
    if state.map_view != MAP_VIEWS[0]:
        params["map"] = state.map_view
    params.update(model_controls.assumption_params(state.assumptions))
    return params
