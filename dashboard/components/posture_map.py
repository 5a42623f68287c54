"""World map of the posture per layer (Scenarios page), with its own layer picker.

``posture_map_section(bundle)`` returns the section; ``register_callbacks(app)`` attaches the
callback that redraws the map for the chosen layer (the page that shows the section calls
it; importing this module has no side effect). The map uses the shipped world shapes (no CDN).
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html

from dashboard import data_access, ids
from dashboard.components.links import asset_url
from dashboard.components.posture_view import (
    COLOURS,
    MEANINGS,
    layer_name,
    ordered_layers,
    posture_table,
)
from dashboard.views.plot_text import plot_text, plot_texts
from indicators import Bundle
from indicators.scenarios.layers import with_groups
from indicators.scenarios.posture import LABELS

LAYER_PICK = ids.POSTURE_MAP_LAYER
MAP = ids.POSTURE_MAP


def posture_figure(bundle: Bundle, layer: str) -> go.Figure:
    """Return a categorical choropleth of every country's posture on ``layer``."""
    table = posture_table(bundle)
    rows = table[table["layer"] == layer]
    names = plot_texts(bundle.countries["name"].reindex(rows["iso3"]).fillna(""))
    fig = go.Figure()
    for label in LABELS:
        part = rows["posture"] == label
        if not part.any():
            continue
        through = [f" ({layer_name(b)})" if b else "" for b in rows.loc[part, "binding"]]
        suppliers = [plot_text(f"{s} {v:.0%}{t}") if s else "no foreign supplier"
                     for s, v, t in zip(rows.loc[part, "top_supplier"],
                                         rows.loc[part, "top_share"].fillna(0.0), through,
                                         strict=True)]
        fig.add_trace(go.Choropleth(
            locations=rows.loc[part, "iso3"].tolist(), z=[1] * int(part.sum()),
            text=[n for n, keep in zip(names, part, strict=True) if keep],
            customdata=suppliers, name=plot_text(f"{label}: {MEANINGS[label]}"),
            colorscale=[[0, COLOURS[label]], [1, COLOURS[label]]], showscale=False,
            showlegend=True, marker_line_color="white", marker_line_width=0.4,
            hovertemplate=f"%{{text}}: {label} (largest foreign: %{{customdata}})"
                          "<extra></extra>"))
    fig.update_geos(projection_type="natural earth", showframe=False, showcoastlines=False,
                    showcountries=True, countrycolor="#bbbbbb", showland=True,
                    landcolor="#f2f2f2", lataxis_range=[-58, 85])
    fig.update_layout(title={"text": plot_text(f"Posture on the {layer_name(layer)} layer"),
                             "x": 0},
                      margin={"l": 0, "r": 0, "t": 40, "b": 0}, height=460,
                      legend={"orientation": "h", "y": -0.02})
    return fig


def posture_map_section(bundle: Bundle) -> html.Section:
    """Return the posture map with a layer picker (first layer in supply-chain order; a group
    such as the chip-making tools, then each of its members)."""
    layers = ordered_layers(with_groups(set(bundle.dependencies["layer"].astype(str).unique())))
    if not layers:
        return html.Section([html.H2("Posture map"),
                             html.P("The data has no dependency ledger.")],
                            id="posture-map-section")
    return html.Section([
        html.H2("Posture map: who controls each layer"),
        html.P("Every country's posture on one layer of the supply chain (control: domestic "
               "supply holds half or more; depend: one foreign supplier does; steer: neither; "
               "unattributed: the data names no supplier for most of it). Hover for the "
               "largest foreign supplier.", className="note"),
        html.Label(["Layer", dcc.Dropdown(
            id=LAYER_PICK, value=layers[0], clearable=False,
            options=[{"label": layer_name(layer), "value": layer} for layer in layers])]),
        dcc.Graph(id=MAP, figure=posture_figure(bundle, layers[0]),
                  config={"displaylogo": False, "topojsonURL": asset_url()}),
    ], id="posture-map-section")


def redraw(layer: str) -> go.Figure:
    """Return the posture map of the chosen layer."""
    return posture_figure(data_access.bundle(), layer)


def register_callbacks(app: Dash) -> None:
    """Attach the layer picker's callback to ``app``."""
    app.callback(Output(MAP, "figure"), Input(LAYER_PICK, "value"),
                 prevent_initial_call=True)(redraw)
