"""The dependency ledger on screen: per layer, who supplies a country and where it could break.

``ledger_section(bundle, iso3)`` is for the country page, ``ledger_compare(bundle, iso3s)`` for the
compare page. Text from the data is shown as text.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from dash import html

from dashboard import data_access
from dashboard.components.posture_strip import posture_strip
from indicators import Bundle
from indicators.scenarios.layers import (
    LAYER_ORDER,
    UNNAMED_FOREIGN,
    basis_label,
    is_group_member,
    layer_label,
)
from indicators.scenarios.ledger import (
    layer_ledger,
    ledger_as_of,
    single_point_statement,
    summarise,
)
from indicators.scenarios.narrative import UNDISCLOSED_MARK


def _pct(value: object) -> str:
    return "—" if not isinstance(value, int | float) or pd.isna(value) else f"{value:.0%}"


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and not pd.isna(value) and value > 0


def _names(bundle: Bundle) -> dict[str, str]:
    return {str(k): str(v) for k, v in bundle.countries["name"].items()}


#: Suppliers named per layer; the rest are summed (a cable map names dozens of partners).
SHOWN_SUPPLIERS = 6


def _suppliers(rows: pd.DataFrame, names: dict[str, str], iso3: str) -> str:
    parts = []
    ranked = rows.sort_values("share", ascending=False)
    for row in ranked.head(SHOWN_SUPPLIERS).itertuples():
        supplier = str(row.supplier)
        label = "domestic" if supplier == iso3 else names.get(supplier, supplier)
        parts.append(f"{label} {_pct(row.share)}")
    rest = ranked.iloc[SHOWN_SUPPLIERS:]
    if not rest.empty:
        parts.append(f"{len(rest)} others {_pct(rest['share'].sum())}")
    return ", ".join(parts)


def ledger_rows(bundle: Bundle, iso3s: list[str]) -> pd.DataFrame:
    """Return one row per country and layer: suppliers, shares, HHI, single point of failure.

    Memoised per data version and countries (a pure function of both): callers must not change
    the frame in place.
    """
    return data_access.memo(_ledger_rows, bundle, tuple(iso3s))


def _ledger_rows(bundle: Bundle, iso3s: tuple[str, ...]) -> pd.DataFrame:
    ledger = data_access.memo(ledger_as_of, bundle, bundle.latest_year)  # per data version
    ledger = ledger[ledger["iso3"].isin(iso3s)]
    summary = summarise(ledger)
    rows = layer_ledger(ledger)
    names = _names(bundle)
    summary["suppliers"] = [
        _suppliers(rows[(rows["iso3"] == r.iso3) & (rows["layer"] == r.layer)], names,
                   str(r.iso3))
        for r in summary.itertuples()]
    summary["name"] = summary["iso3"].map(names)
    # statements and the largest supplier by name, not code (audit C5)
    summary["single_point"] = [
        single_point_statement(str(layer), names.get(str(top), str(top)), float(share),
                               bool(listed))
        for layer, top, share, listed in zip(summary["layer"], summary["top_supplier"],
                                             summary["top_share"].astype(float),
                                             summary["listed_only"], strict=True)]
    summary["top_name"] = summary["top_supplier"].map(lambda c: names.get(str(c), str(c)))
    order = {layer: i for i, layer in enumerate(LAYER_ORDER)}
    rank = summary["layer"].map(order).fillna(len(order))
    return summary.assign(_rank=rank).sort_values(["iso3", "_rank", "layer"]).drop(
        columns="_rank").reset_index(drop=True)


def _single_points(summary: pd.DataFrame) -> list[str]:
    """Return the single-point statements, one per tool group (its most concentrated
    category: a fab needs every one) rather than one per category."""
    tools = summary["layer"].map(is_group_member)
    keep = summary[~tools]
    worst = summary[tools].sort_values("top_share", ascending=False).drop_duplicates("iso3")
    picked = pd.concat([keep, worst]).sort_index()
    return [str(text) for text in picked["single_point"] if text]


def _table(summary: pd.DataFrame, with_country: bool) -> html.Div:
    return _framed(_body_rows(summary, with_country), with_country)


def _framed(body: list[Any], with_country: bool) -> html.Div:
    """Return the ledger table around its body rows ``body``."""
    head = (["Country"] if with_country else []) + [
        "Layer", "Suppliers (share)", "Domestic", "Foreign", "Largest foreign",
        "Concentration (HHI)", "Basis, year"]
    return html.Div(html.Table([html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                                html.Tbody(body)], className="ledger-table"),
                    className="table-scroll")


def _body_rows(summary: pd.DataFrame, with_country: bool) -> list[html.Tr]:
    """Return a table row per row of ``summary`` (a country's layer)."""
    body = []
    for r in summary.itertuples():
        layer = str(r.layer)
        # energy: imports with no named supplier (none for a net exporter)
        unnamed = layer in UNNAMED_FOREIGN and _positive(r.unattributed)
        foreign = (f"{_pct(r.unattributed)} imported (supplier not named)" if unnamed else
                   _pct(r.foreign) + (" of listed providers" if r.listed_only else ""))
        largest = ("not named" if unnamed else
                   f"{r.top_name!s} {_pct(r.top_share)}" if r.top_supplier else "none")
        cells = ([html.Td(str(r.name))] if with_country else []) + [
            html.Td(layer_label(layer)), html.Td(str(r.suppliers)),
            html.Td(_pct(r.domestic)), html.Td(foreign), html.Td(largest),
            html.Td(f"{r.hhi:.2f}"),
            html.Td(f"{basis_label(str(r.source_id), layer)}, {r.year}")]
        body.append(html.Tr(cells))
    return body


def _compared_rows(bundle: Bundle, iso3: str) -> list[html.Tr]:
    """Return Compare's ledger rows of one country (drawn once per data version and country:
    ``data_access.part``)."""
    return _body_rows(ledger_rows(bundle, [iso3]), with_country=True)


def _estimates(bundle: Bundle, iso3: str) -> list[html.P]:
    """Return a paragraph per estimated part of the country's stated chips basis (the note of
    its rows: chips the source does not disclose and the rule that attributed them), or []."""
    ledger = data_access.memo(ledger_as_of, bundle, bundle.latest_year)
    rows = layer_ledger(ledger[(ledger["iso3"] == iso3) & (ledger["layer"] == "chips")])
    clauses = sorted({part for note in rows["note"].astype(str) for part in note.split("; ")
                      if UNDISCLOSED_MARK in part})
    return [html.P(f"Estimate: {clause}.", className="ledger-estimate") for clause in clauses]


def ledger_section(bundle: Bundle, iso3: str) -> html.Section:
    """Return the country's ledger: a table per layer and its single points of failure."""
    summary = ledger_rows(bundle, [iso3])
    title = html.H2("Who holds the power switch: dependency ledger")
    if summary.empty:
        return html.Section([title, html.P("The data has no supplier ledger for this country.")],
                            id="ledger-section")
    points = [html.Li(text) for text in _single_points(summary)]
    return html.Section([
        title,
        html.P("Share of each layer by supplier jurisdiction (dependencies.csv). The models layer "
               "lists only closed models someone could withdraw, plus domestic ones; the rest "
               "is open-weight. HHI: 0 dispersed, 1 a single supplier."),
        _table(summary, with_country=False),
        *_estimates(bundle, iso3),
        posture_strip(bundle, [iso3]),
        html.H3("Single points of failure"),
        html.Ul(points) if points else html.P(_no_single_point(summary)),
    ], id="ledger-section")


def _no_single_point(summary: pd.DataFrame) -> str:
    """Return the sentence for a country no foreign supplier holds half of: of the layers its
    own ledger records, and, when it has no chips of its own, a word on the posture's "world
    stock" cells, which are the market it would buy from (audit 3 A4: North Korea read "no
    foreign supplier holds half of any layer" above "depend USA 99 % (world stock)")."""
    text = "No foreign supplier holds half of any layer the ledger records for its own supply."
    if "chips" not in set(summary["layer"]):
        text += (" It has no chip stock of its own: the posture's \"world stock\" cells show "
                 "the market it would buy chips from, where one supplier does hold most.")
    return text


def ledger_compare(bundle: Bundle, iso3s: list[str]) -> html.Section:
    """Return the ledgers of several countries side by side, one row per country and layer.

    A country's rows are its own (its ledger alone decides them), drawn once per data version
    and country: adding one to the set draws only its rows.
    """
    body = [row for iso3 in iso3s for row in data_access.part(_compared_rows, bundle, iso3)]
    table = (_framed(body, with_country=True) if body
             else html.P("The data has no supplier ledger for these countries."))
    return html.Section([html.H2("Dependency ledgers"), table, posture_strip(bundle, list(iso3s)),
                         html.P("A foreign supplier holding half a layer or more is a single "
                                "point of failure.")], id="ledger-compare")
