"""Finding a country by any name the sources use: "Korea, Rep.", "Republic of Korea", "KOR".

The names come from the build's name table (``indicators.build.names.ALIASES``, read, never
copied) beside countries.csv's display names and the ISO-3 codes. A query matches when each of
its words appears in the country's names, as AG Grid's quick filter does in the browser (which
also looks in the row's other cells).
"""

from __future__ import annotations

import re
from collections import defaultdict

from indicators import Bundle
from indicators.build.names import ALIASES

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def aliases(bundle: Bundle) -> dict[str, list[str]]:
    """Return the source spellings of each country of ``bundle`` other than its display name."""
    found: dict[str, list[str]] = defaultdict(list)
    names = bundle.countries["name"].astype(str)
    for alias, iso3 in ALIASES.items():
        if iso3 in names.index and alias != names[iso3] and alias not in found[iso3]:
            found[iso3].append(alias)
    return dict(found)


def search_texts(bundle: Bundle) -> dict[str, str]:
    """Return per country the text a search looks in: display name, source names, ISO-3."""
    extra = aliases(bundle)
    return {str(iso3): " ".join([str(name), *extra.get(str(iso3), []), str(iso3)])
            for iso3, name in bundle.countries["name"].items()}


def words(text: str) -> list[str]:
    """Return the lower-case words of ``text`` (punctuation dropped)."""
    return [w.lower() for w in _WORD.findall(text)]


def matches(query: str, text: str) -> bool:
    """Return True when every word of ``query`` appears in ``text`` (case-insensitive)."""
    haystack = " ".join(words(text))
    return all(q in haystack for q in words(query))


def country_options(bundle: Bundle, codes: list[str] | None = None) -> list[dict[str, str]]:
    """Return dropdown options "Name (ISO)" sorted by name, searchable by every source name."""
    texts = search_texts(bundle)
    names = bundle.countries["name"].astype(str)
    chosen = [str(c) for c in (codes if codes is not None else names.index)]
    return sorted(({"value": c, "label": f"{names.get(c, c)} ({c})",
                    "search": texts.get(c, c)} for c in chosen),
                  key=lambda o: o["label"].casefold())
