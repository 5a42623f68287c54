"""Finding a country by any name the sources use: "Korea, Rep.", "Republic of Korea", "KOR".

The names come from the build's name table (``indicators.build.names.ALIASES``, read, never
copied) beside countries.csv's display names and the ISO-3 codes. Each word of a query must
match, and a word matches a country

* when it IS an ISO-3 code (``kor``): that country's code, or a whole word of its names — so
  "KOR" finds South Korea and not North Korea, and "Lao" still finds Lao PDR;
* otherwise by prefix: the start of its code or of a word of its names — so "Korea" finds both
  Koreas, "Rep. of Korea" and "Korea, Rep." find South Korea, "Ch" finds China and Chile.

A match is never inside a word. The ranking's search box applies the same rule in the browser
(``QUICK_FILTER_TEXT``, and ``assets/grid_functions.js``'s ``countryQueryParts`` and
``countryQueryMatch`` through AG Grid's quick filter).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from dashboard import data_access
from indicators import Bundle
from indicators.build.names import ALIASES

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

#: What AG Grid's quick filter reads of a ranking row: its code and names between markers, so
#: the matcher finds them whatever the other columns hold.
QUICK_FILTER_TEXT = ("'\u241f' + params.data.iso3 + '\u241f' + params.data.name + ' ' + "
                     "(params.data.aliases || '') + '\u241f'")


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


def word_matches(word: str, iso3: str, names: Iterable[str], codes: set[str]) -> bool:
    """Return True when the query ``word`` (lower case) matches the country ``iso3`` of
    ``names`` (its words, lower case); ``codes`` are every country's code, lower case."""
    code = iso3.lower()
    if word in codes:
        return word == code or word in names
    return code.startswith(word) or any(name.startswith(word) for name in names)


def matching(query: str, bundle: Bundle) -> set[str]:
    """Return the ISO-3 codes of the countries of ``bundle`` that ``query`` finds (every
    country for an empty query)."""
    asked = words(query)
    codes = {str(c).lower() for c in bundle.countries.index}
    extra = aliases(bundle)
    found = set()
    for iso3, name in bundle.countries["name"].astype(str).items():
        names = set(words(" ".join([name, *extra.get(str(iso3), [])])))
        if all(word_matches(w, str(iso3), names, codes) for w in asked):
            found.add(str(iso3))
    return found


def matching_codes(bundle: Bundle, query: str) -> frozenset[str]:
    """Return ``matching(query, bundle)`` as a frozen set (for ``data_access.part``)."""
    return frozenset(matching(query, bundle))


def quick_filter_options(bundle: Bundle) -> dict[str, Any]:
    """Return the AG Grid options that make a ranking's quick filter follow ``matching``."""
    codes = " ".join(sorted(str(c).lower() for c in bundle.countries.index))
    return {"quickFilterParser": {"function": f"countryQueryParts(params, '{codes}')"},
            "quickFilterMatcher": {"function": "countryQueryMatch"}}


def country_options(bundle: Bundle, codes: list[str] | None = None) -> list[dict[str, str]]:
    """Return dropdown options "Name (ISO)" sorted by name, searchable by every source name
    (memoised per data version and codes: callers share the list and must not change it)."""
    return data_access.part(_country_options, bundle,
                                 None if codes is None else tuple(codes))


def _country_options(bundle: Bundle, codes: tuple[str, ...] | None) -> list[dict[str, str]]:
    texts = search_texts(bundle)
    names = bundle.countries["name"].astype(str)
    chosen = [str(c) for c in (codes if codes is not None else names.index)]
    return sorted(({"value": c, "label": f"{names.get(c, c)} ({c})",
                    "search": texts.get(c, c)} for c in chosen),
                  key=lambda o: o["label"].casefold())
