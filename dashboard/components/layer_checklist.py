"""The Scenarios page's layer checklist: layer codes as values, the shared labels as text.

Values stay the codes (``chips_fab``) that the link, the callbacks and the library use; only
the text shown comes from the shared table (indicators/scenarios/layers.py). The tool
categories are offered as one box, the ``chips_tools`` group (a fab needs every one); a
category named in the link on its own is offered too, so the box shows what is cut.
"""

from __future__ import annotations

from dash import dcc

from indicators import Bundle
from indicators.scenarios.definition import known_layers
from indicators.scenarios.layers import is_group_member, layer_label, ordered_layers


def layer_options(bundle: Bundle, selected: list[str] | tuple[str, ...]) -> list[dict[str, str]]:
    """Return the checklist options: every layer of the data in supply-chain order, group
    members only where ``selected`` names them."""
    layers = [layer for layer in known_layers(bundle)
              if not is_group_member(layer) or layer in selected]
    return [{"label": layer_label(layer), "value": layer} for layer in ordered_layers(layers)]


def layer_checklist(component_id: str, bundle: Bundle,
                    selected: list[str] | tuple[str, ...]) -> dcc.Checklist:
    """Return the layer checklist with ``selected`` ticked."""
    return dcc.Checklist(id=component_id, options=layer_options(bundle, selected),
                         value=list(selected), inline=True)
