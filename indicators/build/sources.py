"""The sources.csv registry: one row per upstream publication the values come from.

``accessed`` is the commit or retrieval date given in the raw folder's SOURCES.md; where it
gives none, the date the raw files were assembled (2026-11-27).
"""

from __future__ import annotations

from indicators.build.groups import GROUPS, MEMBERSHIP_DATE
from indicators.importers.supply_sources import SUPPLY_CHAIN_SOURCES

ASSEMBLED = "2026-11-27"

_ROWS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("top500", "TOP500.org (Strohmaier, Dongarra, Simon, Meuer)",
     "TOP500 lists Jun-2023 to Jun-2026", "https://top500.org/lists/top500/",
     "no licence stated; free to download, cite TOP500.org", "2026-08-12"),
    ("epoch_gpu_clusters", "Epoch AI", "Data on GPU Clusters (AI Supercomputers)",
     "https://epoch.ai/data/gpu-clusters", "CC BY 4.0", "2025-12-17"),
    ("epoch_models", "Epoch AI",
     "Data on AI Models (notable, large-scale and frontier models)",
     "https://epoch.ai/data/ai-models", "CC BY 4.0", ASSEMBLED),
    ("cloud_regions_telegeography", "TeleGeography",
     "Cloud Infrastructure Map: cloud regions (API snapshot 2025-01-02)",
     "https://www.cloudinfrastructuremap.com/", "no licence stated", "2025-01-02"),
    ("cloud_regions_14providers", "jasonwilbur/mcp-server-cloud-regions (from provider docs)",
     "Cloud regions of 14 providers (export 2026-01-21)",
     "https://github.com/jasonwilbur/mcp-server-cloud-regions", "MIT", "2026-01-21"),
    ("commoncrawl_languages", "Common Crawl",
     "Crawl statistics: languages, CC-MAIN-2026-04",
     "https://commoncrawl.github.io/cc-crawl-statistics/plots/languages",
     "licence not verified; public statistics", ASSEMBLED),
    ("cldr_territory", "Unicode Consortium", "CLDR 37 supplemental territoryInfo",
     "https://cldr.unicode.org/", "Unicode License", ASSEMBLED),
    ("owid_internet", "Our World in Data (ITU via World Bank)",
     "Share of individuals using the Internet",
     "https://ourworldindata.org/grapher/share-of-individuals-using-the-internet",
     "CC BY 4.0", "2025-08-07"),
    ("cset_owid_publications", "CSET Country Activity Tracker via Our World in Data",
     "Annual scholarly publications on artificial intelligence",
     "https://ourworldindata.org/grapher/annual-scholarly-publications-on-artificial-intelligence",
     "CC BY 4.0", ASSEMBLED),
    ("cset_owid_investment", "CSET Country Activity Tracker via Our World in Data",
     "Private investment in artificial intelligence (constant US$)",
     "https://ourworldindata.org/grapher/private-investment-in-artificial-intelligence-cset",
     "CC BY 4.0", "2026-05-07"),
    ("github_innovation_graph", "GitHub", "GitHub Innovation Graph (2020Q1–2025Q3)",
     "https://github.com/github/innovationgraph", "CC0-1.0", "2026-03-26"),
    ("ember_electricity", "Ember", "Yearly electricity data: country overview (2025-05 release)",
     "https://ember-energy.org/data/yearly-electricity-data/", "CC BY 4.0", "2025-05-21"),
    ("wb_wdi", "World Bank", "World Development Indicators",
     "https://datacatalog.worldbank.org/search/dataset/0037712/World-Development-Indicators",
     "CC BY 4.0", "2026-07-01"),
    ("iso_country_codes", "datasets/country-codes (ISO 3166, UN M49)", "Country codes",
     "https://github.com/datasets/country-codes", "ODC-PDDL-1.0", "2026-05-15"),
)

_BLOC_SITES = {
    "EU27": ("European Union", "https://european-union.europa.eu/principles-countries-history/eu-countries_en"),
    "G7": ("G7", "https://www.g7italy.it/en/about-g7/"),
    "G20": ("G20", "https://g20.org/about-g20/"),
    "OECD": ("OECD", "https://www.oecd.org/en/about/members-partners.html"),
    "ASEAN": ("ASEAN Secretariat", "https://asean.org/member-states/"),
    "AU": ("African Union", "https://au.int/en/member_states/countryprofiles2"),
    "GCC": ("Gulf Cooperation Council", "https://www.gcc-sg.org/"),
    "BRICS": ("BRICS", "https://brics.br/en/about-brics"),
}


def bloc_source_id(group: str) -> str:
    """Return the source_id of a group's membership list."""
    return f"members_{group.lower()}"


def source_rows() -> list[dict[str, str]]:
    """Return the sources.csv rows."""
    rows = [dict(zip(("source_id", "publisher", "title", "url", "licence", "accessed"), r,
                     strict=True)) for r in (*_ROWS, *SUPPLY_CHAIN_SOURCES)]
    for group in GROUPS:
        publisher, url = _BLOC_SITES[group]
        title = f"{group} member states (list compiled {MEMBERSHIP_DATE})"
        rows.append({"source_id": bloc_source_id(group), "publisher": publisher,
                     "title": title, "url": url,
                     "licence": "public fact (membership list)", "accessed": MEMBERSHIP_DATE})
    return rows
