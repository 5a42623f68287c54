"""Models pillar: AI models developed (Epoch AI) and the research base they are built from:
AI publications (CSET via OWID), researchers and R&D spending (World Bank)."""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context, census, observations
from indicators.build.readers import read_owid, read_wdi
from indicators.build.spec import Indicator
from indicators.importers.epoch_models import (  # re-exported: dependencies.py reads them here
    cumulative_count,
    model_years,
    read_epoch_models,
    running_max,
)

__all__ = ["INDICATORS", "PILLAR", "cumulative_count", "distinct_models", "load", "model_years",
           "read_epoch_models", "running_max", "wdi_product"]

PILLAR = "models"
_SURVEY = "Statistical series: a country without a reported value is missing, not 0."
_CENSUS = ("Census: Epoch AI aims to list every model meeting its criteria worldwide, so a "
           "country with none has an explicit 0 for every year 2019 to the latest.")
_FRACTION = ("A model whose organisations are in k countries counts 1/k for each (a "
             "\"Multinational\" share is not attributed).")

INDICATORS = (
    Indicator(
        "models_developed", "AI models developed", PILLAR, "models since 2019", 1, "log_min",
        "epoch_models", denominator="gdp_usd",
        description=f"""Cumulative number of distinct AI models in Epoch AI's notable or
        large-scale lists (notability: state of the art, highly cited, historically
        significant or widely used; large-scale: training compute above 1e23 FLOP; frontier
        and open-weight models are among them) published since 2019 by organisations in the
        country, each model counted once even when it is in both lists. {_FRACTION} Measures
        a broad, sustained capability to build AI models at home. It replaces three counts
        (notable, large-scale and open-weight models) that were one fact counted three
        times: the same two dozen countries, mostly zeros, so all three failed the JRC
        outlier screen and, with the frontier count, gave the models pillar two thirds of its
        weight from one concentrated distribution. The scale of the largest run is measured by
        max_training_compute. Transform log_min: the smallest share of a model (1/k of one
        co-developed model) scores one decade above none. Still flagged by the JRC screen:
        only 24 countries have developed a listed model since 2019, and no monotone transform
        of a variable that is 0 for 88 % of countries is symmetric. {_CENSUS}""",
        basis="census"),
    Indicator(
        "frontier_models", "Frontier AI models developed", PILLAR, "models since 2019", 1,
        "log_min", "epoch_models", denominator="gdp_usd",
        description=f"""Cumulative number of frontier models (Epoch AI: among the ten largest
        by training compute when released) published since 2019 by organisations in the
        country. {_FRACTION} Frontier capability is what a foreign switch on models is about,
        and it is rare: seven countries have a share of one. Frontier models are also
        counted in models_developed, so the frontier weighs twice by design. Transform
        log_min, as for models_developed. Flagged by the JRC screen for the same reason:
        96 % of countries have 0. {_CENSUS}""",
        basis="census"),
    Indicator(
        "researchers", "Researchers in R&D", PILLAR, "researchers", 1, "log", "wb_wdi",
        denominator="population",
        description=f"""Researchers engaged in R&D: WDI SP.POP.SCIE.RD.P6 (per million people)
        times the same year's population (SP.POP.TOTL) / 10⁶. The research talent pool that
        AI labs and universities draw on. Counted in researchers, like the other capacities of
        the scale view; the intensity view divides by population again (per person). Until
        issue 12 this was the rate in both views (code researchers_per_million), which let
        Liechtenstein's 40,000 people score the world maximum on a capacity and put it above
        India on models. In the models pillar since issue 12 (it was in industry): models
        are built from this research base. Heavy-tailed, hence the log transform. {_SURVEY}"""),
    Indicator(
        "rd_expenditure", "R&D expenditure", PILLAR, "current US$", 1, "log", "wb_wdi",
        denominator="gdp_usd",
        description=f"""Gross domestic expenditure on research and development: WDI
        GB.XPD.RSDV.GD.ZS (% of GDP) times the same year's GDP (NY.GDP.MKTP.CD) / 100.
        Sustained R&D is what turns imported technology into domestic capability, and the
        research effort that model builders come out of. In US$, like the other capacities of
        the scale view; the intensity view divides by GDP again (the share of GDP). Until
        issue 12 this was the share in both views, so a small economy with a high R&D share
        (Israel, Korea, Liechtenstein) outscored China and the US on a capacity, and with the
        former floor of sample indicators it lifted Korea above China on models. In the
        models pillar since issue 12 (it was in industry), with researchers and AI
        publications. Heavy-tailed, hence the log transform. {_SURVEY}"""),
    Indicator(
        "max_training_compute", "Largest training run of a domestic model", PILLAR, "FLOP", 1,
        "log", "epoch_models",
        description="""Largest training compute of any notable or large-scale model
        published from 2019 up to the year by an organisation in the country (co-developers
        each get the full value; like the model counts, earlier models do not count: the
        frontier grows four- to fivefold a year, and Italy's only model of known compute was
        a 1994 perceptron). The note names the model and its year. Training compute is the
        scale a country's labs have shown they can marshal, the best single proxy for model
        capability. Only countries with at least one such model of known compute have a
        value in the data: the largest of no runs is undefined, not a recorded 0. Scoring
        counts such a country at zero capacity, the lower bound (shown as "not listed
        (scored 0)"), in a pillar it otherwise scores, so that a model of known compute never
        scores below having none.""",
        basis="sample"),
    Indicator(
        "ai_publications", "AI scholarly publications", PILLAR, "publications per year", 1,
        "log", "cset_owid_publications", denominator="gdp_usd",
        description="""Scholarly publications on artificial intelligence per year (CSET
        Country Activity Tracker, via Our World in Data). Research output is the talent and
        knowledge base from which models are built. Bibliometric series: a country without a
        value is missing, not 0."""),
)

def distinct_models(*lists: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of the model lists with each (model, country) once (first list wins)."""
    return pd.concat(lists, ignore_index=True).drop_duplicates(["model", "iso3"])


def load(ctx: Context) -> pd.DataFrame:
    """Return the models pillar's value rows."""
    notable = read_epoch_models(ctx.sources, "notable_ai_models.csv", ctx.names)
    large = read_epoch_models(ctx.sources, "large_scale_ai_models.csv", ctx.names)
    frontier = read_epoch_models(ctx.sources, "frontier_ai_models.csv", ctx.names)
    years = model_years(pd.concat([notable, large]))
    src = "epoch_models"
    frames = [
        census(cumulative_count(distinct_models(notable, large), years), "models_developed",
               src, years, ctx.iso3s, "since 2019", "none since 2019"),
        census(cumulative_count(frontier, years), "frontier_models", src, years, ctx.iso3s,
               "since 2019", "none since 2019"),
        observations(running_max(pd.concat([notable, large]), years), "max_training_compute",
                     src),
    ]
    pubs = read_owid(ctx.sources / "owid-ai"
                     / "annual-scholarly-publications-on-artificial-intelligence.csv", ctx.names)
    frames.append(observations(pubs, "ai_publications", "cset_owid_publications"))
    frames.append(observations(wdi_product(ctx, "GB.XPD.RSDV.GD.ZS", "NY.GDP.MKTP.CD", 100),
                               "rd_expenditure", "wb_wdi",
                               "GB.XPD.RSDV.GD.ZS × NY.GDP.MKTP.CD / 100"))
    frames.append(observations(wdi_product(ctx, "SP.POP.SCIE.RD.P6", "SP.POP.TOTL", 1e6),
                               "researchers", "wb_wdi", "SP.POP.SCIE.RD.P6 × SP.POP.TOTL / 1e6"))
    return pd.concat(frames, ignore_index=True)


def wdi_product(ctx: Context, rate: str, base: str, per: float) -> pd.DataFrame:
    """Return iso3, year, value: the WDI series ``rate`` (per ``per`` units of ``base``) times
    the same year's ``base`` / ``per``, e.g. researchers per million × population / 10⁶;
    country-years without both are left out."""
    rates = read_wdi(ctx.sources, rate, ctx.names)
    both = rates.merge(read_wdi(ctx.sources, base, ctx.names), on=["iso3", "year"],
                       suffixes=("", "_base"))
    return both.assign(value=both["value"] * both["value_base"] / per)[["iso3", "year", "value"]]
