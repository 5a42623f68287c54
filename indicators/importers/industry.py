"""Industry pillar: developer base, AI investment, R&D, graduates, science, trade and IP."""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context, capped, census, observations
from indicators.build.readers import FIRST_YEAR, read_github, read_owid, read_wdi
from indicators.build.spec import Indicator

PILLAR = "industry"
#: Gross tertiary enrolment (%) above which the ratio counts over-age and foreign students.
TERTIARY_CAP = 100.0
_SURVEY = "Statistical series: a country without a reported value is missing, not 0."
GITHUB_NOTE = ("GitHub Innovation Graph cumulative count at the last quarter of the year (Q4; "
           "Q3 for 2025, the latest published), by the location GitHub infers for the "
           "account. Economies below GitHub's privacy threshold are not published, so a "
           "country without a value is missing, not 0. The Holy See's counts are left out: "
           "an enclave of Rome with 1,000 residents, it is given more accounts per resident "
           "than any country, which cannot be its residents' work.")

#: Smallest receipts + payments for IP (current US$) on which the receipts share means much.
IP_MIN_FLOWS = 10e6
#: Smallest receipts + payments for IP as a share of the same year's GDP (current US$) on which
#: the balance describes an economy's licensing (audit 3 B3). Among reporting countries the
#: IP trade is about 0.4 % of GDP at the median, 0.8 % for the world and the US, 1.8 % for
#: Finland; below 0.1 % (about the lowest seventh) a few contracts decide the share: South
#: Sudan (US$21 M, no GDP reported since 2015), Armenia (0.09 % of GDP) and Tanzania (0.09 %)
#: ranked 3rd, 8th and 10th in the world, beside Finland and the US. 0.2 % would also drop
#: payers whose balance is no accident (Russia pays US$2.5 bn a year, 0.12 % of its GDP;
#: Saudi Arabia, Greece, Indonesia), leaving them missing instead of low. An absolute floor
#: does not do it either: at US$100 M Iraq's 2021 tops the ranking (97 %: receipts of US$174 M
#: after 0.1 M the year before, 0.09 % of its GDP).
IP_MIN_GDP_SHARE = 0.001

INDICATORS = (
    Indicator(
        "github_developers", "GitHub developers", PILLAR, "developers", 1, "log",
        "github_innovation_graph", denominator="population",
        description=f"""Developer accounts on GitHub located in the country. The size of the
        software workforce that can build, adapt and deploy AI systems. {GITHUB_NOTE}"""),
    Indicator(
        "github_organizations", "GitHub organisations", PILLAR, "organisations", 1, "log",
        "github_innovation_graph", denominator="population",
        description=f"""Organisation accounts on GitHub in the country: companies, labs and
        projects developing software together, a proxy for the software industry's breadth.
        {GITHUB_NOTE}"""),
    Indicator(
        "ai_private_investment", "Private investment in AI", PILLAR, "constant US$", 1, "log_min",
        "cset_owid_investment", denominator="gdp_usd",
        description="""Estimated funding raised by privately held AI companies headquartered
        in the country in the year, in constant US$ (CSET Country Activity Tracker, deflated
        by OWID; the "projected" column is not used, so the series ends in 2024). Capital for
        AI start-ups decides whether domestic firms can scale. Treated as a census of
        recorded deals: CSET's company data are global and it reports explicit zeros, so a
        country or year absent from the file had no recorded deal and has 0 (before, 10
        countries had an explicit 0 and about 100 were simply missing). Deal databases are
        thinner in low-income countries, so small amounts there may be understated.
        Transform log_min (since issue 12): the smallest recorded amount counts one decade
        above none; with the median-scaled log the US's $148 bn was a tail the JRC screen
        flagged (skewness 2.7).""",
        basis="census"),
    Indicator(
        "tertiary_enrolment", "Tertiary enrolment", PILLAR, "% gross", 1, "none", "wb_wdi",
        description=f"""Gross enrolment ratio in tertiary education (WDI SE.TER.ENRR). The
        talent to build, adapt and use AI comes from higher education; it is the
        broadest-coverage skills measure available. Capped at {TERTIARY_CAP:g} %: a gross
        ratio above 100 counts students older than the age group and from abroad, not a
        larger share of the country's young people (Greece reports 165 %); a capped value's
        note gives the source value. {_SURVEY}"""),
    Indicator(
        "scientific_articles", "Scientific and technical articles", PILLAR, "articles per year",
        1, "log", "wb_wdi", denominator="population",
        description=f"""Scientific and technical journal articles per year (WDI
        IP.JRN.ARTC.SC). The research base behind AI talent and applied innovation.
        {_SURVEY}"""),
    Indicator(
        "hightech_exports", "High-technology exports", PILLAR, "current US$", 1, "log",
        "wb_wdi", denominator="gdp_usd",
        description=f"""Value of high-technology exports (aerospace, computers,
        pharmaceuticals, scientific instruments, electrical machinery; WDI TX.VAL.TECH.CD,
        current US$). A country that sells technology abroad has industrial capability that
        others depend on, rather than the reverse. A value, like the other capacities of
        the scale view (the intensity view divides by GDP): the share of manufactured exports
        (TX.VAL.TECH.MF.ZS) it replaces swung on tiny bases (Samoa 5.7 % → 76.7 % in a year,
        on $13 million). Heavy-tailed, hence the log transform. {_SURVEY}"""),
    Indicator(
        "ip_receipts_share", "IP receipts share of IP flows", PILLAR, "% of IP charges", 1,
        "none", "wb_wdi",
        description=f"""Charges received for the use of intellectual property as a share of
        charges received plus paid, 100 × BX / (BX + BM) (WDI BX.GSR.ROYL.CD and
        BM.GSR.ROYL.CD, same year, both reported). 100 means the country only licenses its
        technology out; 0 means it only pays foreign rights holders, i.e. depends on a foreign
        switch. A ratio, so independent of economy size; computed only where receipts plus
        payments reach US$ {IP_MIN_FLOWS / 1e6:g} million and {IP_MIN_GDP_SHARE:.1%} of the
        same year's GDP (NY.GDP.MKTP.CD), since on thinner flows one contract swings it
        (Samoa: 1 % → 88 % on $3 million) and an economy without a licensing sector ranked
        beside Finland (until audit 3: South Sudan 8th on US$14 million of receipts, Armenia
        3rd, Tanzania 10th, each on IP trade under 0.1 % of GDP; a country-year without a GDP
        is left out too). About one reporting country in seven falls below the share and is
        missing, not 0; most of them are small payers. Lebanon (70 %, 0.18 % of GDP) stays
        high on franchise and licence receipts, which the BoP item includes. {_SURVEY}"""),
)


def ip_receipts_share(ctx: Context) -> pd.DataFrame:
    """Return iso3, year, value: 100 × receipts / (receipts + payments).

    Only where both are reported and together reach ``IP_MIN_FLOWS`` and ``IP_MIN_GDP_SHARE``
    of the same year's GDP (a country-year without a GDP is left out).
    """
    received = read_wdi(ctx.sources, "BX.GSR.ROYL.CD", ctx.names)
    paid = read_wdi(ctx.sources, "BM.GSR.ROYL.CD", ctx.names)
    gdp = read_wdi(ctx.sources, "NY.GDP.MKTP.CD", ctx.names).rename(columns={"value": "gdp"})
    both = received.merge(paid, on=["iso3", "year"], suffixes=("_bx", "_bm"))
    both = both.merge(gdp[["iso3", "year", "gdp"]], on=["iso3", "year"], how="left")
    total = both["value_bx"] + both["value_bm"]
    both = both[(total >= IP_MIN_FLOWS) & (total >= IP_MIN_GDP_SHARE * both["gdp"])
                & (both["value_bx"] >= 0) & (both["value_bm"] >= 0)]
    both = both.assign(value=100.0 * both["value_bx"] / (both["value_bx"] + both["value_bm"]))
    return both[["iso3", "year", "value"]]


def load(ctx: Context) -> pd.DataFrame:
    """Return the industry pillar's value rows."""
    frames = []
    for code, dataset in (("github_developers", "developers"),
                          ("github_organizations", "organizations")):
        gh = read_github(ctx.sources, dataset, ctx.names)
        gh["note"] = [f"{y}Q{int(q)}" for y, q in zip(gh["year"], gh["quarter"], strict=True)]
        frames.append(observations(gh, code, "github_innovation_graph"))
    invest = read_owid(ctx.sources / "owid-ai" / "private-investment-in-artificial-intelligence"
                       "-cset.csv", ctx.names, column="All")
    years = range(FIRST_YEAR, int(invest["year"].max()) + 1)
    frames.append(census(invest, "ai_private_investment", "cset_owid_investment", years,
                         ctx.iso3s, "", "no recorded deal"))
    for code, wdi in (("hightech_exports", "TX.VAL.TECH.CD"),
                      ("scientific_articles", "IP.JRN.ARTC.SC")):
        frames.append(observations(read_wdi(ctx.sources, wdi, ctx.names), code, "wb_wdi", wdi))
    tertiary = read_wdi(ctx.sources, "SE.TER.ENRR", ctx.names).assign(note="SE.TER.ENRR")
    frames.append(observations(capped(tertiary, high=TERTIARY_CAP), "tertiary_enrolment",
                               "wb_wdi"))
    frames.append(observations(ip_receipts_share(ctx), "ip_receipts_share", "wb_wdi",
                               "BX.GSR.ROYL.CD / (BX + BM.GSR.ROYL.CD)"))
    return pd.concat(frames, ignore_index=True)
