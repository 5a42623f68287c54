"""The Scenarios page's model controls (issue 13): whose closed models a models cut withdraws
(provider, model) and the assumptions of the fallback-serving and training-time figures.

Every value lives in the link (docs/dashboard.md, "How state flows"); anything invalid is
dropped, never trusted:

- ``provider``: Epoch AI organisation names, ``,``-separated (those with a served model);
- ``model``: model names of the ledger, ``|``-separated (names may hold commas), kept only when
  a chosen provider built them;
- ``asof``: the day of the cut, ``YYYY-MM-DD`` (no control: the seed event's day survives a
  change of provider or model; absent or empty keeps the scenario's own);
- ``tokens``: tokens per internet user per day; ``sutil`` / ``tutil``: serving / training
  utilisation, %; ``tflops``: TFLOP/s per H100-equivalent.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from dash import dcc, html
from pydantic import ValidationError

from indicators import Bundle
from indicators.scenarios.cutoff import MODELS_LAYER
from indicators.scenarios.definition import Scenario
from indicators.scenarios.model_ledger import load_model_ledger
from indicators.scenarios.sovereign import SovereignAssumptions

PROVIDER = "scn-provider"
MODEL = "scn-model"
TOKENS = "scn-tokens"
SERVE_UTIL = "scn-serve-util"
TRAIN_UTIL = "scn-train-util"
TFLOPS = "scn-tflops"
#: The controls, in the order ``params_from_controls`` receives their values.
CONTROLS: Final = (PROVIDER, MODEL, TOKENS, SERVE_UTIL, TRAIN_UTIL, TFLOPS)
#: Link parameters that describe the cut (a preset just chosen replaces them).
SCENARIO_KEYS: Final = ("provider", "model", "asof")
MODEL_SEP: Final = "|"
#: Link parameter → (assumption field, factor from the link's unit, lowest, highest, digits
#: shown in the control).
ASSUMPTION_KEYS: Final = {
    "tokens": ("tokens_per_user_day", 1.0, 1.0, 1e7, 0),
    "sutil": ("serving_utilisation", 0.01, 0.1, 100.0, 2),
    "tutil": ("training_utilisation", 0.01, 0.1, 100.0, 2),
    "tflops": ("flops_per_h100e", 1e12, 1.0, 1e5, 3),
}


#: Link parameter → (control id, label) of the number inputs.
INPUTS: Final = {"tokens": (TOKENS, "Tokens per internet user per day"),
                 "sutil": (SERVE_UTIL, "Serving utilisation (%)"),
                 "tutil": (TRAIN_UTIL, "Training utilisation (%)"),
                 "tflops": (TFLOPS, "TFLOP/s per H100-equivalent")}


def shown(key: str, assumptions: SovereignAssumptions) -> float:
    """Return the value the control ``key`` shows for ``assumptions`` (in the link's unit)."""
    field, factor, _, _, digits = ASSUMPTION_KEYS[key]
    return round(getattr(assumptions, field) / factor, digits)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value)


def _served(bundle: Bundle) -> Any:
    """Return the ledger's served (closed-weight) models, newest first (None: no ledger)."""
    ledger = load_model_ledger(bundle)
    if ledger is None:
        return None
    served = ledger[ledger["access"] == "served"]
    return served.sort_values(["published", "model"], ascending=[False, True])


def providers(bundle: Bundle) -> list[str]:
    """Return the organisations with at least one served model, most models first."""
    served = _served(bundle)
    if served is None:
        return []
    counts: dict[str, int] = {}
    for orgs in served["organizations"]:
        for org in orgs:
            counts[org] = counts.get(org, 0) + 1
    return sorted(counts, key=lambda org: (-counts[org], org.lower()))


def narrow(scenario: Scenario, query: Mapping[str, Any], bundle: Bundle) -> Scenario:
    """Return ``scenario`` narrowed to the link's providers, models and day of the cut.

    A parameter absent from the link keeps the scenario's own value (a preset's); present but
    empty clears it. The result is named "Custom scenario" when it differs."""
    served = _served(bundle)
    if served is None:
        return scenario
    fields: dict[str, Any] = {}
    if "provider" in query:
        by_lower = {org.lower(): org for org in providers(bundle)}
        names = [by_lower[p.strip().lower()] for p in _text(query["provider"]).split(",")
                 if p.strip().lower() in by_lower]
        fields["providers"] = tuple(dict.fromkeys(names))
    chosen = set(fields.get("providers", scenario.providers))
    if "model" in query:
        wanted = [m.strip() for m in _text(query["model"]).split(MODEL_SEP) if m.strip()]
        by_name = dict(zip(served["model"], served["organizations"], strict=True))
        fields["models"] = tuple(m for m in dict.fromkeys(wanted) if m in by_name
                                 and (not chosen or chosen & set(by_name[m])))
    elif "providers" in fields and chosen:  # a new provider keeps only its own models
        by_name = dict(zip(served["model"], served["organizations"], strict=True))
        fields["models"] = tuple(m for m in scenario.models
                                 if m in by_name and chosen & set(by_name[m]))
    if _text(query.get("asof")):
        with contextlib.suppress(ValueError):
            fields["as_of"] = date.fromisoformat(_text(query["asof"]))
    update = {k: v for k, v in fields.items() if getattr(scenario, k) != v}
    if not update:
        return scenario
    return scenario.model_copy(update={**update, "name": "Custom scenario"})


def scenario_params(scenario: Scenario) -> dict[str, str]:
    """Return the link parameters of the scenario's providers, models and day of the cut."""
    return {"provider": ",".join(scenario.providers),
            "model": MODEL_SEP.join(scenario.models),
            "asof": scenario.as_of.isoformat() if scenario.as_of else ""}


def assumptions_from_query(query: Mapping[str, Any]) -> SovereignAssumptions:
    """Return the serving and training assumptions of the link (defaults where absent or
    invalid)."""
    fields: dict[str, float] = {}
    default = SovereignAssumptions()
    for key, (field, factor, low, high, _) in ASSUMPTION_KEYS.items():
        try:
            number = float(_text(query.get(key)))
        except ValueError:
            continue
        # the control shows the default rounded: reading it back is the default, not a setting
        if low <= number <= high and number != shown(key, default):
            fields[field] = number * factor
    try:
        return SovereignAssumptions(**fields)
    except ValidationError:
        return SovereignAssumptions()


def assumption_params(assumptions: SovereignAssumptions) -> dict[str, str]:
    """Return the link parameters of the assumptions that differ from the defaults."""
    default = SovereignAssumptions()
    return {key: f"{getattr(assumptions, field) / factor:g}"
            for key, (field, factor, _, _, _) in ASSUMPTION_KEYS.items()
            if getattr(assumptions, field) != getattr(default, field)}


def params_from_controls(provider: list[str] | None, model: list[str] | None,
                         tokens: float | None, sutil: float | None, tutil: float | None,
                         tflops: float | None) -> dict[str, str]:
    """Return the link parameters the controls' values describe (for ``controls_to_url``)."""
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:g}"

    return {"provider": ",".join(provider or []), "model": MODEL_SEP.join(model or []),
            "tokens": number(tokens), "sutil": number(sutil), "tutil": number(tutil),
            "tflops": number(tflops)}


def _number(control_id: str, key: str, assumptions: SovereignAssumptions) -> dcc.Input:
    _, _, low, high, _ = ASSUMPTION_KEYS[key]
    return dcc.Input(id=control_id, type="number", min=low, max=high, step="any",
                     value=shown(key, assumptions), debounce=True)


def _labelled(text: str, control: Any) -> html.Label:
    return html.Label([text, control])


def controls(bundle: Bundle, scenario: Scenario,
             assumptions: SovereignAssumptions) -> html.Fieldset:
    """Return the provider, model and assumption controls, set from the page state."""
    served = _served(bundle)
    chosen = set(scenario.providers)
    options: list[dict[str, str]] = []
    if served is not None:
        for row in served.itertuples():
            orgs = set(row.organizations)
            if not chosen or chosen & orgs:
                options.append({"label": f"{row.model} ({', '.join(row.organizations)}, "
                                         f"{row.published.date().isoformat()})",
                                "value": str(row.model)})
    note = ("Provider and model narrow the models layer: tick models under Layers for them to "
            "withdraw anything." if MODELS_LAYER not in scenario.layers else
            "A provider's or model's closed models are withdrawn from users outside the cut "
            "suppliers; choose All foreign suppliers to withdraw them from everyone abroad.")
    return html.Fieldset([
        html.Legend("Models cut and the capability assumptions"),
        _labelled("Providers (closed models withdrawn)", dcc.Dropdown(
            id=PROVIDER, options=providers(bundle), value=list(scenario.providers),
            multi=True, placeholder="Every provider of the cut suppliers")),
        _labelled("Models (of those providers)", dcc.Dropdown(
            id=MODEL, options=options, value=list(scenario.models), multi=True,
            placeholder="Every closed model of those providers")),
        html.P(note, className="note", id="scn-model-note"),
        *[_labelled(label, _number(control_id, key, assumptions))
          for key, (control_id, label) in INPUTS.items()],
    ], className="controls model-controls", id="scn-model-controls")
