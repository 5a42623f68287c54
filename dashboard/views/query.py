"""Page parameters of the query string (beyond the scoring options of ``dashboard.urlstate``).

``measure`` (overall, a pillar or an indicator code), ``region``, ``income``, ``bloc``, ``q``
(search text), ``ri=1`` (show rank intervals), ``tab`` (table|map|chart: the figure's open tab)
on the overview; ``countries`` (2 to 8 ISO-3
codes, comma-separated) on compare. Anything invalid is dropped, never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any

from dashboard import data_access
from dashboard.components.figure_tabs import TAB_NAMES, parse_tab
from dashboard.urlstate import query_from_spec, spec_from_query, to_search
from indicators import Bundle, ScoringSpec

MAX_COMPARED = 8
MIN_COMPARED = 2
OVERALL = "overall"
#: Longest search text kept from a URL.
MAX_SEARCH = 60


def first(value: Any) -> str:
    """Return the first value of a query parameter as text ('' when absent)."""
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return str(value) if value is not None else ""


def parse_countries(raw: Any, bundle: Bundle) -> list[str]:
    """Return the known ISO-3 codes in ``raw`` (comma-separated), deduplicated, at most 8."""
    known = set(bundle.countries.index)
    out: list[str] = []
    for part in first(raw).replace(" ", ",").split(","):
        code = part.strip().upper()
        if code in known and code not in out:
            out.append(code)
    return out[:MAX_COMPARED]


def parse_measure(raw: Any, bundle: Bundle) -> str:
    """Return 'overall', a pillar code or a scored indicator code; 'overall' if unknown."""
    value = first(raw)
    if value in bundle.pillar_codes or value in bundle.scored_indicators.index:
        return value
    return OVERALL


def _choice(raw: Any, allowed: Set[str]) -> str:
    value = first(raw)
    return value if value in allowed else ""


@dataclass(frozen=True)
class OverviewQuery:
    """What the overview shows: scoring spec, mapped measure, filters and search text."""

    spec: ScoringSpec
    measure: str = OVERALL
    region: str = ""
    income: str = ""
    bloc: str = ""
    q: str = ""
    intervals: bool = False
    tab: str = TAB_NAMES[0]

    def search(self) -> str:
        """Return the query string reproducing this view."""
        return search_for(self.spec, measure="" if self.measure == OVERALL else self.measure,
                          region=self.region, income=self.income, bloc=self.bloc, q=self.q,
                          ri="1" if self.intervals else "",
                          tab="" if self.tab == TAB_NAMES[0] else self.tab)


def overview_query(query: Mapping[str, Any], bundle: Bundle) -> OverviewQuery:
    """Return the overview state a query string asks for (invalid parts dropped)."""
    regions, incomes, blocs = data_access.part(_choices, bundle)
    return OverviewQuery(
        spec=spec_from_query(query, bundle),
        measure=parse_measure(query.get("measure"), bundle),
        region=_choice(query.get("region"), regions),
        income=_choice(query.get("income"), incomes),
        bloc=_choice(query.get("bloc"), blocs),
        q=first(query.get("q")).strip()[:MAX_SEARCH],
        intervals=first(query.get("ri")) == "1",
        tab=parse_tab(first(query.get("tab"))),
    )


def _choices(bundle: Bundle) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return the regions, income groups and blocs a link may name (once per data version)."""
    countries = bundle.countries
    return (frozenset(countries["region"].dropna()), frozenset(countries["income_group"].dropna()),
            frozenset(bundle.groups["group"]))


def search_for(spec: ScoringSpec, **page_params: str) -> str:
    """Return ``?...`` with the spec's parameters and the page's (empty ones left out)."""
    params = dict(page_params)
    params.update(query_from_spec(spec))
    return to_search(params)


def compare_search(countries: list[str], spec: ScoringSpec) -> str:
    """Return the query string of the compare page for ``countries`` under ``spec``."""
    return search_for(spec, countries=",".join(countries))
