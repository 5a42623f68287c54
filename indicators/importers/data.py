"""Data pillar: web text in the country's languages, code, connectivity and hosting."""

from __future__ import annotations

import pandas as pd

from indicators import contract as c
from indicators.build.observations import Context, capped, observations
from indicators.build.readers import read_github, read_owid, read_wdi
from indicators.build.spec import Indicator
from indicators.importers.cables import CABLES_SOURCE_ID
from indicators.importers.commoncrawl_cldr import web_text_share
from indicators.importers.connectivity import international_cables
from indicators.importers.industry import GITHUB_NOTE

PILLAR = "data"
CONTEXT_PILLAR = c.CONTEXT_PILLAR
_SURVEY = "Statistical series: a country without a reported value is missing, not 0."

#: Mobile subscriptions per 100 people above which more SIMs do not mean more people online.
MOBILE_CAP = 100.0

INDICATORS = (
    Indicator(
        "web_text_share", "Web text in the country's languages", PILLAR, "% of crawled pages",
        1, "log_min", "commoncrawl_languages",
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
        data. Log-transformed from the smallest share in the data (`log_min`, nearly a plain
        log10 over the 5.7 decades the shares span): what matters is whether enough text
        exists, so the step from 0.01 % to 1 % of the crawl counts as much as from 1 % to
        100 %. CLDR and language
        codes map ISO 639-3 to countries; Common Crawl codes crs, lif, mfe have no CLDR
        counterpart. Year 2026 only (one crawl). Missing for a country not in CLDR."""),
    Indicator(
        "internet_users", "Internet users", CONTEXT_PILLAR, "% of population", 1, "none",
        "owid_internet",
        description=f"""Share of individuals using the Internet (ITU, via the World Bank and
        Our World in Data). Not scored since issue 12: the freshest copy in the sources ends
        in 2023 and most countries' latest value is 2022, so in the 2026 window only 59
        countries had a value, and a pillar mean over the rest rewarded the missing value
        (the World Bank's IT.NET.USER.ZS is not in the WDI snapshot; no fresher wide series
        exists in the sources). Kept as context: the scenarios' fallback-serving estimate
        reads it (latest of the last five years) for the number of people online.
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
        generate data. Capped at {MOBILE_CAP:g}, one subscription a person: a penetration
        rate saturates there, and beyond it the count reflects multiple SIMs, prepaid churn,
        machine-to-machine and visitors' cards, not more people connected (Fiji reports 574,
        Hong Kong 365 in 2024). So the indicator measures the shortfall from full coverage, where it
        separates countries, and gives every saturated market the same score (until issue 12
        the cap was 200, and multi-SIM markets such as Hong Kong, Macao and the Emirates
        topped it with twice the score of a market where everyone has one phone). A capped
        value's note gives the source value. {_SURVEY}"""),
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
        "submarine_cables", "International submarine cables", PILLAR, "cables", 1, "log_min",
        CABLES_SOURCE_ID, layer="connectivity",
        description="""In-service international submarine cable systems landing in the
        country (Open Undersea Cable Map, TeleGeography's map as last CC-licensed, late 2022:
        year 2023, its vintage). Data reach a country, and leave it, over these cables: the
        count is the number of independent undersea routes abroad, so it measures resilience
        to a fault or a cut (Tonga, on one cable, was cut off for five weeks in 2022) and,
        roughly, international capacity. It is not a count of landing partners, which made
        transit hubs look like data powers, and it is not divided by population: redundancy
        does not grow with the number of people. A cable counts once however many times it
        lands in the country; planned cables and domestic cables are left out; Hong Kong's and
        Macao's landing stations, which the map files under China, count for them. The map lists
        every submarine cable, so a country where cables land but none is international has
        0. A country with no landing point at all (55, most of them landlocked, e.g. Austria,
        Ethiopia) is missing, not 0: its international links run over land, which the map
        does not record (the connectivity layer of dependencies.csv routes them through
        their neighbours' landings instead). Layer connectivity: a scenario that cuts a
        country's landings (the cable-cut preset) keeps the share of the cables' links that
        do not end there. Transform log_min: one cable scores one decade
        above none and each tenfold more about one more: the first routes abroad matter
        most."""),
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
    frames.append(observations(international_cables(ctx.sources, ctx.names),
                               "submarine_cables", CABLES_SOURCE_ID))
    repos = read_github(ctx.sources, "repositories", ctx.names)
    repos["note"] = [f"{y}Q{int(q)}" for y, q in zip(repos["year"], repos["quarter"],
                                                      strict=True)]
    frames.append(observations(repos, "github_repositories", "github_innovation_graph"))
    return pd.concat(frames, ignore_index=True)
