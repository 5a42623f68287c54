"""Data pillar: web text in the country's languages, code, connectivity and hosting."""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context, capped, observations
from indicators.build.readers import read_github, read_owid, read_wdi
from indicators.build.spec import Indicator
from indicators.importers.commoncrawl_cldr import web_text_share
from indicators.importers.industry import GITHUB_NOTE

PILLAR = "data"
_SURVEY = "Statistical series: a country without a reported value is missing, not 0."

#: Mobile subscriptions per 100 people above which more SIMs do not mean more people online.
MOBILE_CAP = 200.0

INDICATORS = (
    Indicator(
        "web_text_share", "Web text in the country's languages", PILLAR, "% of crawled pages",
        1, "log", "commoncrawl_languages",
        description="""How much of the web text that language models are trained on exists in
        the languages the country's people use in their schools, courts, administration and
        media: the sum, over the languages with official status in the country (official, de
        facto official or official in a region, CLDR 37 territoryInfo), of the language's
        share of the pages of Common Crawl (crawl CC-MAIN-2026-04, January 2026) times the
        share of the population speaking it (capped at 100 %; script variants of one
        language count once, with the larger share). It is the share of the crawl a resident
        chosen at random can read in an official language of their country. Widely known
        second languages without official status are not counted (English, known by 90 % of
        the Dutch, measures access to other countries' text, not text in the country's own
        languages). A country whose languages are rich on the web gets models that work for
        it and can build its own corpora; one whose languages are absent depends on others'
        data. Log-transformed: what matters is whether enough text exists, so the step from
        0.01 % to 1 % of the crawl counts as much as from 1 % to 100 %. CLDR and language
        codes map ISO 639-3 to countries; Common Crawl codes crs, lif, mfe have no CLDR
        counterpart. Year 2026 only (one crawl). Missing for a country not in CLDR."""),
    Indicator(
        "internet_users", "Internet users", PILLAR, "% of population", 1, "none",
        "owid_internet",
        description=f"""Share of individuals using the Internet (ITU, via the World Bank and
        Our World in Data). People online are who produce and use digital data and AI
        services. The freshest copy in the sources ends in 2023 and most countries' latest
        value is 2022, so in the 2026 window only about 60 countries have a value (the World
        Bank's IT.NET.USER.ZS is not in the WDI snapshot); others are missing, not imputed.
        {_SURVEY}"""),
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
        generate data. Capped at {MOBILE_CAP:g}: beyond two subscriptions a person the count
        reflects multiple SIMs, machine-to-machine and visitors' cards, not more people
        connected (Fiji reports 574); a capped value's note gives the source value.
        {_SURVEY}"""),
    Indicator(
        "secure_servers", "Secure internet servers", PILLAR, "servers", 1, "log", "wb_wdi",
        denominator="population",
        description=f"""Secure internet servers (distinct TLS certificates found by Netcraft,
        by hosting country): WDI IT.NET.SECR.P6 (per million people) times the same year's
        population (SP.POP.TOTL) / 10⁶. A proxy for how much web content and data is hosted
        in the country rather than abroad. Counted in servers, like the other capacities of
        the scale view; the intensity view divides by population again. Per person, offshore
        hosting hubs with tiny populations (Belize, Seychelles) topped the world; as a count
        they do not. Heavy-tailed, hence the log transform. {_SURVEY}"""),
    Indicator(
        "github_repositories", "GitHub repositories", PILLAR, "repositories", 1, "log",
        "github_innovation_graph", denominator="population",
        description=f"""Repositories owned by accounts in the country: the stock of code its
        people write and publish. Code is a large share of the text language models are
        trained on (public repositories are the main source of code corpora), so this is the
        country's own contribution to that data, alongside web text in its languages.
        {GITHUB_NOTE}"""),
)

def secure_server_count(ctx: Context) -> pd.DataFrame:
    """Return iso3, year, value: secure servers per million × population / 10⁶, same year."""
    per_million = read_wdi(ctx.sources, "IT.NET.SECR.P6", ctx.names)
    population = read_wdi(ctx.sources, "SP.POP.TOTL", ctx.names)
    both = per_million.merge(population, on=["iso3", "year"], suffixes=("", "_pop"))
    return both.assign(value=both["value"] * both["value_pop"] / 1e6)[["iso3", "year", "value"]]


def load(ctx: Context) -> pd.DataFrame:
    """Return the data pillar's value rows."""
    frames = [
        observations(web_text_share(ctx.sources, ctx.names), "web_text_share",
                     "commoncrawl_languages",
                     "CC-MAIN-2026-04 × CLDR 37 speakers of official languages"),
        observations(read_owid(ctx.sources / "owid-internet"
                               / "share-of-individuals-using-the-internet.csv", ctx.names),
                     "internet_users", "owid_internet"),
    ]
    frames.append(observations(read_wdi(ctx.sources, "IT.NET.BBND.P2", ctx.names),
                               "fixed_broadband", "wb_wdi", "IT.NET.BBND.P2"))
    mobile = read_wdi(ctx.sources, "IT.CEL.SETS.P2", ctx.names).assign(note="IT.CEL.SETS.P2")
    frames.append(observations(capped(mobile, high=MOBILE_CAP), "mobile_subscriptions",
                               "wb_wdi"))
    frames.append(observations(secure_server_count(ctx), "secure_servers", "wb_wdi",
                               "IT.NET.SECR.P6 × SP.POP.TOTL / 1e6"))
    repos = read_github(ctx.sources, "repositories", ctx.names)
    repos["note"] = [f"{y}Q{int(q)}" for y, q in zip(repos["year"], repos["quarter"],
                                                      strict=True)]
    frames.append(observations(repos, "github_repositories", "github_innovation_graph"))
    return pd.concat(frames, ignore_index=True)
