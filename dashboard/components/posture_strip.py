"""Posture heat strip: one row per country, one cell per ledger layer (country, compare pages).

Each cell names the label and, where there is one, the largest foreign supplier and its share;
the colour repeats the label. ``posture_strip(bundle, iso3s)`` returns the section.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from dashboard import data_access, ids
from dashboard.components.posture_view import (
    MEANINGS,
    layer_name,
    ordered_layers,
    posture_table,
)
from indicators import Bundle
from indicators.scenarios.layers import is_group_member
from indicators.scenarios.posture import WORLD_BASIS


def _cell(row: dict[Any, Any]) -> html.Td:
    label = str(row["posture"])
    detail = ""
    if row["top_supplier"] and pd.notna(row["top_share"]):
        detail = f"{row['top_supplier']} {float(row['top_share']):.0%}"
        open_weights = row.get("open_weights")
        if pd.notna(open_weights) and 0 < float(open_weights) < 1:
            # the label reads the switchable supply (open weights set aside): show that share
            # too, or "depend USA 23 %" sits under a legend of "half or more" (audit 3 A5)
            switchable = float(row["top_share"]) / (1 - float(open_weights))
            detail = (f"{row['top_supplier']} {switchable:.0%} of switchable "
                      f"({float(row['top_share']):.0%} of all)")
    world = " (world stock)" if row["basis"] == WORLD_BASIS else ""
    binding = row.get("binding") or ""
    via = f" ({layer_name(str(binding))})" if binding else ""
    return html.Td([html.Span(label, className="posture-label"),
                    html.Span(f"{detail}{via}{world}", className="posture-detail")],
                   className=f"posture-cell posture-{label}",
                   title=f"{label}: {MEANINGS.get(label, '')}")


def _row(bundle: Bundle, iso3: str, layers: tuple[str, ...]) -> html.Tr:
    """Return the strip's row of ``iso3`` over ``layers`` (drawn once per data version, country
    and layers: ``data_access.part``)."""
    table = posture_table(bundle)
    table = table[(table["iso3"] == iso3) & table["layer"].isin(layers)]
    by_layer = {str(r["layer"]): r for r in table.to_dict("records")}
    return html.Tr([html.Th(str(bundle.countries["name"].get(iso3, iso3)), scope="row"),
                    *[_cell(by_layer[layer]) for layer in layers]])


def posture_strip(bundle: Bundle, iso3s: list[str]) -> html.Section:
    """Return the posture strip of ``iso3s`` (in that order) over every ledger layer.

    A group's members (the eight tool categories) are one cell, the group's: its binding
    category is named in the cell; the posture map shows each category.
    """
    table = posture_table(bundle)
    table = table[table["iso3"].isin(iso3s) & ~table["layer"].map(is_group_member)]
    title = html.H3("Posture by layer: control, steer or depend")
    if table.empty:
        return html.Section([title, html.P("The data has no ledger for these countries.")],
                            id=ids.POSTURE_STRIP)
    layers = tuple(ordered_layers(sorted(set(table["layer"]))))
    head = html.Tr([html.Th("Country", scope="col"),
                    *[html.Th(layer_name(layer), scope="col") for layer in layers]])
    shown = set(table["iso3"])
    body = [data_access.part(_row, bundle, iso3, layers) for iso3 in iso3s if iso3 in shown]
    legend = html.Ul([html.Li([html.Span(label, className=f"posture-key posture-{label}"),
                               f" {meaning}"]) for label, meaning in MEANINGS.items()],
                     className="posture-legend")
    year = int(table["year"].dropna().max()) if table["year"].notna().any() else ""
    return html.Section([
        title,
        html.P("From the dependency ledger, latest year in the window (" + str(year) + "). "
               "A country without a chip stock of its own is shown on the world stock it would "
               "buy from; cloud lists that do not cover a country's own providers are "
               "unattributed, not foreign. Chip-making tools: a fab needs every category, so "
               "the cell shows the category it depends on most (the posture map has each). "
               "Rule and sources: docs/scenarios.md.",
               className="note"),
        html.Div(html.Table([html.Thead(head), html.Tbody(body)], className="posture-strip"),
                 className="table-scroll"),
        legend,
    ], id=ids.POSTURE_STRIP)
