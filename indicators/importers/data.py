"""Data pillar: web text in the country's languages, connectivity and skills for data."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from indicators.build.names import NameTable
from indicators.build.observations import Context, observations
from indicators.build.readers import read_owid, read_wdi, require
from indicators.build.spec import Indicator

PILLAR = "data"
_SURVEY = "Statistical series: a country without a reported value is missing, not 0."

INDICATORS = (
    Indicator(
        "web_text_share", "Web text in the country's languages", PILLAR, "% of crawled pages",
        1, "none", "commoncrawl_languages",
        description="""Share of the web text in Common Crawl (crawl CC-MAIN-2026-04, January
        2026, the corpus most LLMs are trained on) that the country's people can read and
        produce: the sum over languages of the language's share of crawled pages times the
        share of the country's population speaking it (CLDR 37 territoryInfo, capped at 100%;
        script variants of one language count once, with the larger share). A country whose
        languages are rich on the web gets models that work for it and can build its own
        corpora; one whose languages are absent depends on others' data. CLDR and language
        codes map ISO 639-3 to countries; Common Crawl codes crs, lif, mfe have no CLDR
        counterpart. Year 2026 only (one crawl). Missing for a country not in CLDR."""),
    Indicator(
        "internet_users", "Internet users", PILLAR, "% of population", 1, "none",
        "owid_internet",
        description=f"""Share of individuals using the Internet (ITU, via the World Bank and
        Our World in Data). People online are who produce and use digital data and AI
        services. {_SURVEY}"""),
    Indicator(
        "fixed_broadband", "Fixed broadband subscriptions", PILLAR, "per 100 people", 1, "none",
        "wb_wdi",
        description=f"""Fixed broadband subscriptions per 100 people (WDI IT.NET.BBND.P2).
        High-capacity fixed connections carry the data flows of firms, universities and
        public services. {_SURVEY}"""),
    Indicator(
        "mobile_subscriptions", "Mobile subscriptions", PILLAR, "per 100 people", 1, "none",
        "wb_wdi",
        description=f"""Mobile cellular subscriptions per 100 people (WDI IT.CEL.SETS.P2). The
        mobile network is how most of the world's people reach digital services and
        generate data. {_SURVEY}"""),
    Indicator(
        "secure_servers", "Secure internet servers", PILLAR, "per million people", 1, "log",
        "wb_wdi",
        description=f"""Secure internet servers (distinct TLS certificates found by Netcraft,
        by hosting country) per million people (WDI IT.NET.SECR.P6). A proxy for how much
        of the country's web content and data is hosted at home rather than abroad.
        Heavy-tailed, hence the log transform. {_SURVEY}"""),
    Indicator(
        "tertiary_enrolment", "Tertiary enrolment", PILLAR, "% gross", 1, "none", "wb_wdi",
        description=f"""Gross enrolment ratio in tertiary education (WDI SE.TER.ENRR). The
        skills to collect, curate and use data at scale come from higher education; it is the
        broadest-coverage skills measure available. {_SURVEY}"""),
)

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


def speaker_shares(sources: Path, names: NameTable) -> dict[str, dict[str, float]]:
    """Return iso3 → {ISO 639-3 → share of population speaking it, 0..1} from CLDR."""
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
            base = tag.split("_")[0]
            code = _CLDR_TO_CC.get(base) or to3.get(base, base)
            pct = min(float(figures["_populationPercent"]), 100.0) / 100.0
            langs[code] = max(langs.get(code, 0.0), pct)
        out[iso3] = langs
    return out


def web_text_share(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, value: % of Common Crawl pages readable by the population."""
    shares = language_shares(sources)
    rows = [{"iso3": iso3, "year": 2026,
             "value": sum(p * shares.get(code, 0.0) for code, p in langs.items())}
            for iso3, langs in speaker_shares(sources, names).items()]
    return pd.DataFrame(rows, columns=["iso3", "year", "value"])


def load(ctx: Context) -> pd.DataFrame:
    """Return the data pillar's value rows."""
    frames = [
        observations(web_text_share(ctx.sources, ctx.names), "web_text_share",
                     "commoncrawl_languages", "CC-MAIN-2026-04 × CLDR 37 speaker shares"),
        observations(read_owid(ctx.sources / "owid-internet"
                               / "share-of-individuals-using-the-internet.csv", ctx.names),
                     "internet_users", "owid_internet"),
    ]
    for code, wdi in (("fixed_broadband", "IT.NET.BBND.P2"),
                      ("mobile_subscriptions", "IT.CEL.SETS.P2"),
                      ("secure_servers", "IT.NET.SECR.P6"),
                      ("tertiary_enrolment", "SE.TER.ENRR")):
        frames.append(observations(read_wdi(ctx.sources, wdi, ctx.names), code, "wb_wdi", wdi))
    return pd.concat(frames, ignore_index=True)
