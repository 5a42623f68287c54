"""Common Crawl's language shares × CLDR's speakers of each territory's official languages.

Sources: ``commoncrawl-languages/cc_languages_CC-MAIN-2026-04.csv`` (pages per ISO 639-3
language), ``cldr-territory-languages/territoryInfo_cldr37.json`` (population share and
official status of each language in each territory) and ``language-codes`` (ISO 639-1 → 639-3).
Produces the data pillar's ``web_text_share``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from indicators.build.names import NameTable
from indicators.build.readers import require

#: CLDR language subtags whose Common Crawl (ISO 639-3) code is not the ISO 639-2/T one.
_CLDR_TO_CC = {"nb": "nor", "fil": "tgl"}


def language_shares(sources: Path) -> dict[str, float]:
    """Return ISO 639-3 code → % of crawled pages (``<unknown>`` dropped, total kept)."""
    path = require(sources / "commoncrawl-languages" / "cc_languages_CC-MAIN-2026-04.csv")
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    pages = pd.to_numeric(raw["pages"])
    share = pages / pages.sum() * 100.0
    return {code: float(s) for code, s in zip(raw["primary_language"], share, strict=True)
            if code != "<unknown>"}


def alpha2_to_639_3(sources: Path) -> dict[str, str]:
    """Return ISO 639-1 → ISO 639-3 (the 639-2/T code where it differs from /B)."""
    path = require(sources / "language-codes" / "language-codes-full.csv")
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    return {a2: (t or b) for a2, b, t in zip(raw["alpha2"], raw["alpha3-b"], raw["alpha3-t"],
                                             strict=True) if a2}


#: CLDR ``_officialStatus`` values that make a language one of the country's own.
OFFICIAL_STATUSES = frozenset({"official", "de_facto_official", "official_regional"})


def speaker_shares(sources: Path, names: NameTable) -> dict[str, dict[str, float]]:
    """Return iso3 → {ISO 639-3 → share of population speaking it, 0..1} from CLDR.

    Only languages with official status in the territory (``OFFICIAL_STATUSES``) are kept.
    """
    path = require(sources / "cldr-territory-languages" / "territoryInfo_cldr37.json")
    label = f"cldr-territory-languages/{path.name}"
    info = json.loads(path.read_text(encoding="utf-8"))["supplemental"]["territoryInfo"]
    to3 = alpha2_to_639_3(sources)
    out: dict[str, dict[str, float]] = {}
    for territory, entry in info.items():
        iso3 = names.iso2(territory, label)
        if iso3 is None:
            continue
        langs: dict[str, float] = {}
        for tag, figures in entry.get("languagePopulation", {}).items():
            if figures.get("_officialStatus") not in OFFICIAL_STATUSES:
                continue
            base = tag.split("_")[0]
            code = _CLDR_TO_CC.get(base) or to3.get(base, base)
            pct = min(float(figures["_populationPercent"]), 100.0) / 100.0
            langs[code] = max(langs.get(code, 0.0), pct)
        out[iso3] = langs
    return out


def web_text_share(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, value: % of Common Crawl pages readable in an official language.

    The value is the population-weighted sum of the official languages' shares of the crawl,
    i.e. the expected share a random resident can read in an official language.
    """
    shares = language_shares(sources)
    rows = [{"iso3": iso3, "year": 2026,
             "value": sum(p * shares.get(code, 0.0) for code, p in langs.items())}
            for iso3, langs in speaker_shares(sources, names).items()]
    return pd.DataFrame(rows, columns=["iso3", "year", "value"])
