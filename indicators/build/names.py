"""The one table that maps the country names and codes used by the sources to ISO3.

A name or code that is neither mapped nor explicitly ignored raises BuildError naming the
file and the name, so a new spelling in a refreshed source is never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from indicators.build.errors import BuildError

#: Source spellings that differ from the display names in countries.csv.
ALIASES: Mapping[str, str] = {
    "United States": "USA",
    "United States of America": "USA",
    "US": "USA",
    "United Kingdom": "GBR",
    "United Kingdom of Great Britain and Northern Ireland": "GBR",
    "UK": "GBR",
    "South Korea": "KOR",
    "Korea (Republic of)": "KOR",
    "Korea, Rep.": "KOR",
    "Russia": "RUS",
    "Russian Federation": "RUS",
    "Turkey": "TUR",
    "Türkiye": "TUR",
    "Turkiye": "TUR",
    "Vietnam": "VNM",
    "Viet Nam": "VNM",
    "Czech Republic": "CZE",
    "Czechia": "CZE",
    "Iran (Islamic Republic of)": "IRN",
    "Iran": "IRN",
    "Philippines (the)": "PHL",
    "Hong Kong": "HKG",
    "Hong Kong SAR, China": "HKG",
    "Taiwan": "TWN",
    "Netherlands (the)": "NLD",
    "United Arab Emirates (the)": "ARE",
    "Kosovo": "XKX",
}

#: Names that stand for aggregates, organisations or non-country entities: never a country.
IGNORED_NAMES: frozenset[str] = frozenset(
    {
        "World",
        "European Union",
        "Multinational",
        "All large-scale AI systems",
        "Africa (CSET)",
        "Asia",
        "Asia (CSET)",
        "Europe",
        "Europe (CSET)",
        "European Union (CSET)",
        "Eurasian Patent Organization (CSET)",
        "European Patent Organization (CSET)",
        "International Bureau of WIPO (CSET)",
        "World Intellectual Property Organization (WIPO) (CSET)",
        "Low-income countries",
        "Lower-middle-income countries",
        "North America",
        "North America and the Caribbean (CSET)",
        "Oceania",
        "Oceania (CSET)",
        "South America",
        "South Asia (WB)",
        "South and Central America (CSET)",
        "Faeroe Islands",  # a territory of Denmark, not a state
    }
)

#: World Bank aggregate codes that appear in the WDI long files.
WB_AGGREGATES: frozenset[str] = frozenset(
    (
        "AFE", "AFW", "ARB", "CEB", "CHI", "CSS", "EAP", "EAR", "EAS", "ECA", "ECS", "EMU",
        "EUU", "FCS", "HIC", "HPC", "IBD", "IBT", "IDA", "IDB", "IDX", "INX", "LAC", "LCN",
        "LDC", "LIC", "LMC", "LMY", "LTE", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PRE",
        "PSS", "PST", "SAS", "SSA", "SSF", "SST", "TEA", "TEC", "TLA", "TMN", "TSA", "TSS",
        "UMC", "WLD",
    )
)

#: OWID codes of entities that are countries in countries.csv.
OWID_CODES: Mapping[str, str] = {"OWID_KOS": "XKX"}

#: ISO2-like codes used by sources that are not ISO 3166 countries.
IGNORED_ISO2: frozenset[str] = frozenset({"EU", "AC", "CP", "DG", "EA", "IC", "TA", "ZZ"})
#: ISO2-like codes that are countries without an ISO 3166 entry.
EXTRA_ISO2: Mapping[str, str] = {"XK": "XKX"}


class NameTable:
    """Resolves source names, ISO3 codes and ISO2 codes to countries.csv iso3 (or None)."""

    def __init__(
        self,
        countries: Mapping[str, str],
        territories: Iterable[str],
        iso2_to_iso3: Mapping[str, str],
    ) -> None:
        """Build from iso3 → display name, ISO3 codes of non-included territories, ISO2 → ISO3."""
        self._iso3 = set(countries)
        self._territories = set(territories) - self._iso3
        self._names = {name: iso3 for iso3, name in countries.items()}
        for alias, iso3 in ALIASES.items():
            if iso3 in self._iso3:
                self._names[alias] = iso3
        self._iso2 = dict(iso2_to_iso3)
        self._iso2.update(EXTRA_ISO2)

    @property
    def iso3s(self) -> frozenset[str]:
        """Return the set of countries.csv codes."""
        return frozenset(self._iso3)

    def name(self, name: str, file: str) -> str | None:
        """Return the iso3 for a source country name, None for an ignored aggregate."""
        key = name.strip()
        if key in self._names:
            return self._names[key]
        if key in IGNORED_NAMES:
            return None
        raise BuildError(f"{file}: unmapped country name {key!r}; add it to "
                         "indicators/build/names.py (ALIASES or IGNORED_NAMES)")

    def code(self, code: str, name: str, file: str) -> str | None:
        """Return the iso3 for an ISO3/WB/OWID code (name used when the code is empty)."""
        code = code.strip()
        if code in self._iso3:
            return code
        if code in OWID_CODES:
            return OWID_CODES[code]
        if code in self._territories or code in WB_AGGREGATES or code.startswith("OWID_"):
            return None
        if not code:
            return self.name(name, file)
        raise BuildError(f"{file}: unmapped country code {code!r} ({name!r}); add it to "
                         "indicators/build/names.py")

    def iso2(self, code: str, file: str) -> str | None:
        """Return the iso3 for an ISO 3166 alpha-2 code, None for territories and aggregates."""
        code = code.strip()
        if code in IGNORED_ISO2:
            return None
        if code not in self._iso2:
            raise BuildError(f"{file}: unmapped ISO2 code {code!r}; add it to "
                             "indicators/build/names.py")
        iso3 = self._iso2[code]
        return iso3 if iso3 in self._iso3 else None
