"""Connectivity from the submarine cable map: landing partners, cable suppliers, landlocked rule.

Source: the Open Undersea Cable Map (TeleGeography's map as last CC-licensed, late 2022; data
to 2023). A cable is *international* for a country when it lands there and in at least one
other country of countries.csv; cables marked planned are left out. Landings in territories
that are not countries of countries.csv (Guam, Réunion, …) are dropped.

connectivity layer (who can switch a country's international links off):
  coastal country c: each of its n international cables counts 1/n, split equally among the
  cable's other landing countries, so a partner's share is the share of c's cable links that
  end there (the shares sum to 1).
  landlocked country (no landing point at all): its traffic reaches the sea through its
  neighbours. Rule: the nearest ring of land neighbours (borders shared on Natural Earth's
  1:110m map) that have landings, in equal shares; if no neighbour has one, the next ring.
  Countries absent from the 1:110m map (Andorra, Liechtenstein, San Marino, …) get no rows.
cable_suppliers layer (who builds and repairs the cables): the share of c's international
  cables by the home of the supply contractor, split equally when several built one; cables
  with no supplier on the map stay unattributed. Homes are in ``SUPPLIER_HOMES``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from indicators.build.errors import BuildError
from indicators.build.names import NameTable

CABLES_SOURCE_ID: Final = "submarine_cable_map"
BORDERS_SOURCE_ID: Final = "natural_earth_110m"
#: Year the ledger rows carry: the map's vintage (its data stop in late 2022 / 2023).
CABLE_VINTAGE: Final = 2023

#: Cable supply contractor → home jurisdiction (headquarters), an assumption written down:
SUPPLIER_HOMES: Final[dict[str, str | None]] = {
    "ASN": "FRA",            # Alcatel Submarine Networks, Paris-Saclay
    "SubCom": "USA",         # Eatontown, New Jersey
    "NEC": "JPN",
    "HMN Tech": "CHN",       # formerly Huawei Marine, Tianjin
    "Fujitsu": "JPN",
    "Ericsson": "SWE",
    "Xtera": "USA",          # Allen, Texas
    "NSW": "DEU",            # Norddeutsche Seekabelwerke, Nordenham
    "Nexans": "FRA",
    "Hexatronic": "SWE",
    "Prysmian": "ITA",
    "Pirelli": "ITA",
    "KDD-SCS": "JPN",        # KDD Submarine Cable Systems
    "STC Submarine Systems": "GBR",
    "Ciena": "USA",
    "Padtec": "BRA",
    "Elettra": "ITA",        # Telecom Italia's cable-ship company
    "AT&T SSI": "USA",
    "CCSI": None,            # not identified: unattributed
}

#: Landing country names the shared name table does not know, → iso3.
CABLE_ALIASES: Final[dict[str, str]] = {
    "Congo, Dem. Rep.": "COD", "Congo, Rep.": "COG", "Saint Kitts and Nevis": "KNA",
    "Saint Lucia": "LCA", "Saint Vincent and the Grenadines": "VCT",
    "Sao Tome and Principe": "STP",
}
#: Landing places that are territories, not countries of countries.csv (their landings drop).
CABLE_TERRITORIES: Final = frozenset({
    "American Samoa", "Anguilla", "Aruba", "Bermuda", "Bonaire, Sint Eustatius and Saba",
    "Cayman Islands", "Christmas Island", "Cocos (Keeling) Islands", "Cook Islands",
    "Curaçao", "Faroe Islands", "French Guiana", "French Polynesia", "Gibraltar", "Greenland",
    "Guadeloupe", "Guam", "Guernsey", "Isle of Man", "Jersey", "Martinique", "Mayotte",
    "Montserrat", "New Caledonia", "Niue", "Northern Mariana Islands", "Réunion",
    "Saint Barthélemy", "Saint Helena, Ascension and Tristan da Cunha", "Saint Martin",
    "Saint Pierre and Miquelon", "Sint Maarten", "Tokelau", "Turks and Caicos Islands",
    "Virgin Islands (U.K.)", "Virgin Islands (U.S.)", "Wallis and Futuna",
})


@dataclass(frozen=True)
class Cable:
    """One in-service cable: its id, the countries it lands in, its suppliers' homes."""

    cable_id: str
    countries: frozenset[str]
    supplier_homes: tuple[str | None, ...]


#: Landing points the map files under "China" that are in Hong Kong or Macao (by the map's
#: landing-point id; the places are Hong Kong Island, Lantau and Tseung Kwan O, and Taipa).
#: They count for Hong Kong SAR and Macao SAR, as every other source in the data reports them
#: apart — in the connectivity indicator and in the cable ledgers alike.
SAR_LANDINGS: Final[dict[str, str]] = {
    "chung-hom-kok-china": "HKG", "deep-water-bay-china": "HKG", "cape-daguilar-china": "HKG",
    "lantau-island-china": "HKG", "tong-fuk-china": "HKG", "tseung-kwan-o-china": "HKG",
    "taipa-china": "MAC",
}


def landing_iso3(point: dict[str, object], names: NameTable, label: str) -> str | None:
    """Return the iso3 of the country a landing point is in, or None for a territory that is
    not a country of countries.csv (its landing drops)."""
    point_id = str(point.get("id") or "")
    if point_id in SAR_LANDINGS:
        return SAR_LANDINGS[point_id]
    country = str(point.get("country") or "")
    if country in CABLE_ALIASES:
        return CABLE_ALIASES[country]
    if country in CABLE_TERRITORIES:
        return None
    return names.name(country, label)


def _supplier_homes(text: str, label: str) -> tuple[str | None, ...]:
    homes = []
    for name in (part.strip() for part in text.split(",")):
        if not name:
            continue
        if name not in SUPPLIER_HOMES:
            raise BuildError(f"{label}: unknown cable supplier {name!r}; add its home to "
                             "indicators/importers/cables.py SUPPLIER_HOMES")
        homes.append(SUPPLIER_HOMES[name])
    return tuple(homes)


def read_cables(sources: Path, names: NameTable) -> list[Cable]:
    """Return the in-service cables (not planned) of submarine-cables/cable/*.json."""
    folder = sources / "submarine-cables" / "cable"
    files = sorted(p for p in folder.glob("*.json")
                   if p.name not in {"all.json", "cable-geo.json"})
    if not files:
        raise BuildError(f"no cable files in {folder}")
    cables = []
    for path in files:
        label = f"submarine-cables/cable/{path.name}"
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("is_planned"):
            continue
        landed = {landing_iso3(lp, names, label)
                  for lp in doc.get("landing_points") or []}
        landed.discard(None)
        cables.append(Cable(str(doc["id"]), frozenset(c for c in landed if c),
                            _supplier_homes(doc.get("suppliers") or "", label)))
    return cables


def read_neighbours(topojson: Path) -> dict[str, set[str]]:
    """Return each country's land neighbours: outlines sharing an arc on the 1:110m map."""
    if not topojson.exists():
        raise BuildError(f"missing border map {topojson}")
    doc = json.loads(topojson.read_text(encoding="utf-8"))
    users: dict[int, set[str]] = defaultdict(set)
    for geometry in doc["objects"]["countries"]["geometries"]:
        iso3 = geometry.get("id")
        if not iso3:
            continue
        for arc in _arcs(geometry.get("arcs", [])):
            users[arc].add(str(iso3))
    neighbours: dict[str, set[str]] = defaultdict(set)
    for countries in users.values():
        for country in countries:
            neighbours[country] |= countries - {country}
    return dict(neighbours)


def _arcs(nested: object) -> list[int]:
    """Return the arc indices of a TopoJSON arcs array (negative i means arc ~i reversed)."""
    if isinstance(nested, int):
        return [nested if nested >= 0 else ~nested]
    if isinstance(nested, list):
        return [arc for item in nested for arc in _arcs(item)]
    return []


def international(cables: list[Cable]) -> dict[str, list[Cable]]:
    """Return, per country, the cables landing there and in at least one other country."""
    out: dict[str, list[Cable]] = defaultdict(list)
    for cable in cables:
        if len(cable.countries) >= 2:
            for country in cable.countries:
                out[country].append(cable)
    return dict(out)


def partner_shares(country: str, cables: list[Cable]) -> dict[str, float]:
    """Return the share of ``country``'s cable links that end in each partner (sum 1)."""
    shares: dict[str, float] = defaultdict(float)
    for cable in cables:
        partners = sorted(cable.countries - {country})
        for partner in partners:
            shares[partner] += 1.0 / len(cables) / len(partners)
    return dict(shares)


def supplier_shares(cables: list[Cable]) -> dict[str, float]:
    """Return the share of the cables built by each supplier home (unknown: unattributed)."""
    shares: dict[str, float] = defaultdict(float)
    for cable in cables:
        for home in cable.supplier_homes:
            if home is not None:
                shares[home] += 1.0 / len(cables) / len(cable.supplier_homes)
    return dict(shares)


def landlocked_gateways(country: str, neighbours: dict[str, set[str]],
                        landed: set[str]) -> dict[str, float]:
    """Return equal shares over the nearest ring of neighbours with landings (empty: none).

    Breadth-first from ``country`` over land borders; the first ring holding a country with
    landings is the gateway ring.
    """
    seen = {country}
    ring = {country}
    while ring:
        nxt = set()
        for place in ring:
            nxt |= neighbours.get(place, set()) - seen
        seen |= nxt
        gateways = sorted(nxt & landed)
        if gateways:
            return {gateway: 1.0 / len(gateways) for gateway in gateways}
        ring = nxt
    return {}


def connectivity_rows(cables: list[Cable], neighbours: dict[str, set[str]],
                      countries: list[str]) -> list[dict[str, object]]:
    """Return the connectivity and cable_suppliers rows of dependencies.csv."""
    by_country = international(cables)
    landed = {c for cable in cables for c in cable.countries}
    rows: list[dict[str, object]] = []

    def add(iso3: str, layer: str, shares: dict[str, float], note: str) -> None:
        for supplier, share in sorted(shares.items()):
            rows.append({"iso3": iso3, "layer": layer, "supplier": supplier,
                         "year": CABLE_VINTAGE, "share": share, "source_id": CABLES_SOURCE_ID,
                         "note": note})

    for iso3 in countries:
        own = by_country.get(iso3, [])
        if own:
            add(iso3, "connectivity", partner_shares(iso3, own),
                f"share of the links of its {len(own)} international cables ending there")
            add(iso3, "cable_suppliers", supplier_shares(own),
                f"share of its {len(own)} international cables built by a supplier based there")
        elif iso3 not in landed:
            gateways = landlocked_gateways(iso3, neighbours, landed)
            add(iso3, "connectivity", gateways,
                "no cable lands here: the nearest neighbours with landings, equal shares")
    return rows
