"""Member states of blocs and organisations (groups.csv), as of 2026-11-27.

Member *states* only: the EU and the African Union, themselves G20 members, are not
countries. Provenance: the organisations' own member lists (source ``bloc_memberships``).
"""

from __future__ import annotations

from collections.abc import Mapping

MEMBERSHIP_DATE = "2026-11-27"

GROUPS: Mapping[str, tuple[str, ...]] = {
    # europa.eu/principles-countries-history/eu-countries
    "EU27": (
        "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC",
        "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK",
        "SVN", "ESP", "SWE",
    ),
    "G7": (
        "CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA",
    ),
    # g20.org: 19 countries + EU + African Union (the two unions are not listed here)
    "G20": (
        "ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
        "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA",
    ),
    # oecd.org/en/about/members-partners.html: 38 members
    "OECD": (
        "AUS", "AUT", "BEL", "CAN", "CHL", "COL", "CRI", "CZE", "DNK", "EST", "FIN", "FRA",
        "DEU", "GRC", "HUN", "ISL", "IRL", "ISR", "ITA", "JPN", "KOR", "LVA", "LTU", "LUX",
        "MEX", "NLD", "NZL", "NOR", "POL", "PRT", "SVK", "SVN", "ESP", "SWE", "CHE", "TUR",
        "GBR", "USA",
    ),
    # asean.org: 10 members + Timor-Leste, admitted as 11th member on 26 October 2025
    "ASEAN": (
        "BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS",
    ),
    # au.int/en/member_states/countryprofiles2: all 54 African UN member states (also those
    # currently suspended) + the Sahrawi Republic (ESH), which is not in countries.csv
    "AU": (
        "DZA", "AGO", "BEN", "BWA", "BFA", "BDI", "CPV", "CMR", "CAF", "TCD", "COM", "COG",
        "COD", "CIV", "DJI", "EGY", "GNQ", "ERI", "SWZ", "ETH", "GAB", "GMB", "GHA", "GIN",
        "GNB", "KEN", "LSO", "LBR", "LBY", "MDG", "MWI", "MLI", "MRT", "MUS", "MAR", "MOZ",
        "NAM", "NER", "NGA", "RWA", "STP", "SEN", "SYC", "SLE", "SOM", "ZAF", "SSD", "SDN",
        "TZA", "TGO", "TUN", "UGA", "ZMB", "ZWE",
    ),
    # gcc-sg.org
    "GCC": (
        "BHR", "KWT", "OMN", "QAT", "SAU", "ARE",
    ),
    # brics.br (2025 chair): Brazil, Russia, India, China, South Africa, Egypt, Ethiopia, Iran,
    # United Arab Emirates (2024), Indonesia (January 2025). Saudi Arabia was invited but has
    # not confirmed membership; partner countries are not members.
    "BRICS": (
        "BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN",
    ),
}


def group_rows() -> list[dict[str, str]]:
    """Return the groups.csv rows, one per (group, iso3)."""
    return [{"group": g, "iso3": iso3} for g, members in GROUPS.items() for iso3 in members]
