"""The weights & methods panel (what-if): presets, methods, view, year and every weight."""

from __future__ import annotations

from typing import Any

from dash import MATCH, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import data_access, ids
from dashboard.components.plain_html import Plain, element
from dashboard.urlstate import offered, parse_search, query_from_spec, spec_from_query
from dashboard.views.presets import PRESETS, apply_preset, distinct_presets, matching_preset
from indicators import Bundle, ScoringSpec, registry

WEIGHT_MIN, WEIGHT_MAX, WEIGHT_STEP = 0.5, 5.0, 0.5
MARKS = {i: str(i) for i in range(1, 6)}
#: Each method choice's (name, label) options and its label, from the library's registry.
CHOICES: dict[str, list[tuple[str, str]]] = {
    field: [(name, choice.label) for name, choice in registry.CHOICES[field].items()
            if name in offered(field)]
    for field in ("view", "normalisation", "aggregation", "imputation", "outliers")
}
LABELS = {field: registry.FIELD_LABELS[field] for field in CHOICES}


def _options(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"value": v, "label": label} for v, label in pairs]


def _slider(page: str, kind: str, key: str, label: str, value: float) -> Plain:
    """Return one weight's slider with its label (in the JSON form Dash sends: a panel has
    about thirty, and building them as components was most of drawing it)."""
    return element(html.Label, [
        element(html.Span, label, className="slider-label"),
        element(dcc.Slider, id=ids.panel(page, kind, key), min=WEIGHT_MIN, max=WEIGHT_MAX,
                step=WEIGHT_STEP, value=value, marks=MARKS, updatemode="mouseup",
                tooltip={"placement": "bottom"}),
    ], className="slider-row")


def _indicators_by_pillar(bundle: Bundle) -> list[tuple[str, list[tuple[str, str, float]]]]:
    """Return each pillar's scored indicators as (code, name, file weight), in file order."""
    scored = bundle.scored_indicators
    return [(p, [(str(code), str(name), float(weight)) for code, pillar, name, weight in zip(
                scored.index, scored["pillar"], scored["name"], scored["weight"], strict=True)
                 if pillar == p])
            for p in bundle.pillar_codes]


def basic_controls(page: str, bundle: Bundle, spec: ScoringSpec,
                   year: int) -> list[html.Label | html.Fieldset]:
    """Return the year selector and the scale / intensity toggle (part of the panel's state)."""
    return [
        html.Label([html.Span("Year"),
                    dcc.Dropdown(id=ids.panel(page, "choice", "year"), clearable=False,
                                 value=year, options=[{"value": y, "label": str(y)}
                                                      for y in reversed(bundle.years)])],
                   className="control"),
        html.Fieldset([html.Legend(LABELS["view"]),
                       dcc.RadioItems(id=ids.panel(page, "choice", "view"), value=spec.view,
                                      options=_options(CHOICES["view"]), className="radios",
                                      inline=True)],
                      className="control fieldset"),
    ]


def weights_panel(page: str, bundle: Bundle, spec: ScoringSpec) -> html.Details:
    """Return the collapsible panel of ``page``: presets, methods and every weight.

    The year and view controls (``basic_controls``) sit outside it but feed the same spec.
    It opens by itself when the method is not the reference; closed, its ~40 controls are not
    built until its summary is first clicked (``fill_panel``): most visits never open it, and
    its sliders were a third of the overview's server time and of its elements. A closed
    panel's controls hold the reference's values, so leaving them out changes no link.
    """
    changed = "" if spec.is_reference() else " — changed from the reference"
    is_open = not spec.model_copy(update={"view": "scale"}).is_reference()
    return html.Details([
        html.Summary(f"Weights & methods (what-if){changed}", id=ids.panel_summary(page)),
        html.Div(data_access.part(_built_body, bundle, page, spec) if is_open else [],
                 id=ids.panel_body(page)),
    ], className="panel", open=is_open)


def fill_panel(clicks: int | None, body: Any, search: str | None) -> Any:
    """Return the panel's controls the first time its summary is clicked (then leave them)."""
    if not clicks or body:
        return no_update
    bundle = data_access.bundle()
    spec = spec_from_query(parse_search(search or ""), bundle)
    return data_access.part(_built_body, bundle, str(ctx.triggered_id["page"]), spec)


def install(app: Dash) -> None:
    """Register the panels' lazy filling on ``app`` (once, for every page's panel)."""
    app.callback(Output(ids.panel_body(MATCH), "children"),
                 Input(ids.panel_summary(MATCH), "n_clicks"),
                 State(ids.panel_body(MATCH), "children"), State(ids.URL, "search"),
                 prevent_initial_call=True)(fill_panel)


def _preset_of(bundle: Bundle, spec: ScoringSpec) -> str | None:
    """Return ``matching_preset(spec, bundle)`` (memoised: it applies every preset)."""
    return matching_preset(spec, bundle)


def _built_body(bundle: Bundle, page: str, spec: ScoringSpec) -> list[Any]:
    """Return ``panel_body`` (memoised in its JSON form by ``data_access.part``)."""
    return panel_body(page, bundle, spec)


def panel_body(page: str, bundle: Bundle, spec: ScoringSpec) -> list[Any]:
    """Return the panel's controls: preset, methods, pillar and indicator weights."""
    file_weights = bundle.pillars["weight"].astype(float)
    names = bundle.pillars["name"].astype(str)
    pillar_w = {p: spec.pillar_weights.get(p, float(file_weights[p]))
                for p in bundle.pillar_codes}
    controls = [
        html.Label([html.Span("Preset weights"),
                  dcc.Dropdown(id=ids.panel(page, "choice", "preset"), clearable=False,
                               value=data_access.part(_preset_of, bundle, spec) or "custom",
                               options=[{"value": k, "label": PRESETS[k][0]}
                                        for k in distinct_presets(bundle)]
                               + [{"value": "custom", "label": "Custom (sliders below)",
                                   "disabled": True}])],
                 className="control"),
    ]
    for field, pairs in CHOICES.items():
        if field == "view":
            continue
        controls.append(html.Label([
            html.Span(LABELS[field]),
            dcc.Dropdown(id=ids.panel(page, "choice", field), clearable=False,
                         value=getattr(spec, field), options=_options(pairs)),
        ], className="control"))
    pillar_rows = [_slider(page, "pw", p, f"{names[p]} pillar", pillar_w[p])
                   for p in bundle.pillar_codes]
    indicator_groups = []
    for p, members in data_access.part(_indicators_by_pillar, bundle):
        indicator_groups.append(element(html.Details, [
            element(html.Summary, f"{names[p]} indicators ({len(members)})"),
            *[_slider(page, "iw", code, name, spec.indicator_weights.get(code, weight))
              for code, name, weight in members],
        ], className="indicator-weights"))
    return [
        html.Div(controls, className="controls-grid"),
        html.H3("Pillar weights (relative)"),
        html.Div(pillar_rows, className="sliders"),
        html.H3("Indicator weights within each pillar"),
        *indicator_groups,
    ]


def spec_from_panel(bundle: Bundle, values: dict[str, Any], pillar_weights: dict[str, Any],
                    indicator_weights: dict[str, Any], preset_triggered: bool) -> ScoringSpec:
    """Return the spec the panel's controls ask for (canonical, as a link would give it).

    ``values`` holds year, preset, view, normalisation, aggregation, imputation and outliers.
    When the preset was the control just changed, its weights win over the sliders.
    """
    query: dict[str, Any] = {"year": values.get("year"), "view": values.get("view"),
                             "norm": values.get("normalisation"), "agg": values.get("aggregation"),
                             "imp": values.get("imputation"), "outliers": values.get("outliers")}
    if str(values.get("year")) == str(bundle.latest_year):
        query["year"] = None  # the latest year is the default: keeps links short and stable
    query = {k: str(v) for k, v in query.items() if v is not None}
    for p, w in pillar_weights.items():
        query[f"pw_{p}"] = str(w)
    for code, w in indicator_weights.items():
        query[f"iw_{code}"] = str(w)
    spec = spec_from_query(query, bundle)
    preset = values.get("preset")
    if preset_triggered and preset in PRESETS:
        spec = apply_preset(str(preset), spec, bundle)
        spec = spec_from_query(query_from_spec(spec), bundle)
    return spec
