"""Links one control change away from each page's base link, for the "control change" measure.

The address is the page's state (docs/dashboard.md, "How state flows"): changing one control
writes a new link and the page is drawn from it once. Each entry below is a page's base link and
links that differ from it in ONE control, written as the page's own link writer writes them
(``controls_to_url``: defaults left out, parameters in its order). A link is meant to be
requested once, for the first time, after its base has been drawn: neither the page cache nor a
memo keyed on the link has seen it, so its time is what a person pays for that change. Results
per scoring method are shared between pages as on a real server, so the links use methods no
other entry uses where they can.

``benchmarks/dashboard.py`` (in process) and ``benchmarks/browser.py`` (a served app) time them;
``tests/test_benchmarks_control_links.py`` checks each differs from its base in one control.
"""

from __future__ import annotations

from typing import NamedTuple


class ControlChanges(NamedTuple):
    """A page's base link and the links one control change away from it."""

    base: str
    changes: tuple[tuple[str, str], ...]  # (the control changed, the new link)
    #: The page reads nothing of its link: each link draws the same page under a new link.
    same_page: bool = False


#: Page → its base link and its control changes (at least 5 each).
CONTROL_CHANGES: dict[str, ControlChanges] = {
    "overview": ControlChanges("/", (
        ("year", "/?year=2022"),
        ("view: intensity", "/?view=intensity"),
        ("region", "/?region=Western+Europe"),
        ("bloc", "/?bloc=G7"),
        ("income group", "/?income=Upper+middle+income"),
        ("map measure", "/?measure=compute"),
        ("pillar weight", "/?pw_compute=2"),
        ("normalisation", "/?norm=zscore"),
    )),
    "compare": ControlChanges("/compare?countries=KOR,JPN,FRA", (
        ("a country added", "/compare?countries=KOR,JPN,FRA,IND"),
        ("another set of countries", "/compare?countries=USA,CHN,DEU"),
        ("a country removed", "/compare?countries=KOR,JPN"),
        ("year", "/compare?year=2021&countries=KOR,JPN,FRA"),
        ("aggregation", "/compare?agg=geometric&countries=KOR,JPN,FRA"),
        ("view: intensity", "/compare?view=intensity&countries=KOR,JPN,FRA"),
    )),
    "country": ControlChanges("/country/KOR", (
        ("another country (ranked)", "/country/JPN"),
        ("another country (unranked)", "/country/PRK"),
        ("another country (ranked, small)", "/country/KEN"),
        ("year", "/country/KOR?year=2020"),
        ("tab: map", "/country/KOR?tab=map"),
        ("imputation", "/country/KOR?imp=region"),
    )),
    "scenarios": ControlChanges("/scenarios", (
        ("another preset", "/scenarios?preset=china-cutoff&country=KOR&supplier=USA"),
        ("another preset (cables)", "/scenarios?preset=cable-cut&country=KOR&supplier=USA"),
        ("severity", "/scenarios?cut=USA&layers=models&sev=50&country=KOR&supplier=USA"),
        ("provider", "/scenarios?cut=USA&layers=models&sev=100&provider=OpenAI&country=KOR"
                     "&supplier=USA"),
        ("country", "/scenarios?preset=frontier-api-withdrawn&country=BRA&supplier=USA"),
        ("map supplier", "/scenarios?preset=frontier-api-withdrawn&country=KOR&supplier=CHN"),
    )),
    "robustness": ControlChanges("/robustness", (
        ("seed", "/robustness?seed=7"),
        ("weight spread", "/robustness?spread=0.4"),
        ("assumptions that vary", "/robustness?vary=weights,normalisation"),
        ("country in detail", "/robustness?country=IND"),
        ("runs", "/robustness?runs=5000"),
        ("outliers", "/robustness?outliers=winsorise"),
    )),
    "audit": ControlChanges("/audit", (
        ("pillar", "/audit?pillar=compute"),
        ("correlation", "/audit?corr=spearman"),
        ("compared normalisation", "/audit?vs_norm=dist2max"),
        ("compared aggregation", "/audit?vs_agg=harmonic"),
        ("year", "/audit?year=2023"),
        ("normalisation", "/audit?norm=fracmax"),
    )),
    # no control of its own: it is reached through the navigation, which carries the method
    # of the page it left (``KEEP_METHOD_JS`` in dashboard/app.py)
    "methodology": ControlChanges("/methodology", (
        ("from a page with another year", "/methodology?year=2024"),
        ("from a page with another normalisation", "/methodology?norm=borda"),
        ("from a page with another aggregation", "/methodology?agg=copeland"),
        ("from a page with another imputation", "/methodology?imp=income_group"),
        ("from a page with a pillar weight", "/methodology?pw_data=3"),
    ), same_page=True),
}


def split(link: str) -> tuple[str, str]:
    """Return (pathname, search) of ``link`` (search with its ``?``, or empty)."""
    path, _, query = link.partition("?")
    return path, f"?{query}" if query else ""
