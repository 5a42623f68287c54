"""Models pillar: AI models developed (Epoch AI) and AI research output (CSET via OWID)."""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context, census, observations
from indicators.build.readers import read_owid
from indicators.build.spec import Indicator
from indicators.importers.epoch_models import (  # re-exported: dependencies.py reads them here
    cumulative_count,
    model_years,
    read_epoch_models,
    running_max,
)

__all__ = ["INDICATORS", "PILLAR", "cumulative_count", "load", "model_years",
           "read_epoch_models", "running_max"]

PILLAR = "models"
_CENSUS = ("Census: Epoch AI aims to list every model meeting its criteria worldwide, so a "
           "country with none has an explicit 0 for every year 2019 to the latest.")
_FRACTION = ("A model whose organisations are in k countries counts 1/k for each (a "
             "\"Multinational\" share is not attributed).")

INDICATORS = (
    Indicator(
        "notable_models", "Notable AI models developed", PILLAR, "models since 2019", 1, "log",
        "epoch_models", denominator="gdp_usd",
        description=f"""Cumulative number of notable AI models (Epoch AI's notability
        criteria: state of the art, highly cited, historically significant or widely used)
        published since 2019 by organisations in the country. {_FRACTION} Measures a broad,
        sustained capability to build AI models at home. {_CENSUS}""",
        basis="census"),
    Indicator(
        "large_scale_models", "Large-scale AI models developed", PILLAR, "models since 2019",
        1, "log", "epoch_models", denominator="gdp_usd",
        description=f"""Cumulative number of large-scale AI models (training compute above
        1e23 FLOP, Epoch AI) published since 2019 by organisations in the country.
        {_FRACTION} {_CENSUS}""",
        basis="census"),
    Indicator(
        "open_weight_models", "Open-weight large-scale models developed", PILLAR,
        "models since 2019", 1, "log", "epoch_models", denominator="gdp_usd",
        description=f"""Cumulative number of large-scale models (above 1e23 FLOP) published
        since 2019 whose weights were released (unrestricted, restricted-use or
        non-commercial), by developer country. {_FRACTION} Open weights are what other
        countries can run on their own hardware without a foreign switch, so they measure a
        country's contribution to everyone's sovereign options. {_CENSUS}""",
        basis="census"),
    Indicator(
        "frontier_models", "Frontier AI models developed", PILLAR, "models since 2019", 1,
        "log", "epoch_models", denominator="gdp_usd",
        description=f"""Cumulative number of frontier models (Epoch AI: among the ten largest
        by training compute when released) published since 2019 by organisations in the
        country. {_FRACTION} Frontier capability is rare and concentrated; most countries have
        0. {_CENSUS}""",
        basis="census"),
    Indicator(
        "max_training_compute", "Largest training run of a domestic model", PILLAR, "FLOP", 1,
        "log", "epoch_models",
        description="""Largest training compute of any notable or large-scale model published
        up to the year by an organisation in the country (co-developers each get the full
        value; models before 2019 count). Training compute is the scale a country's labs have
        shown they can marshal, the best single proxy for model capability. Only countries
        with at least one such model of known compute have a value: the largest of no runs is
        undefined, not 0 (the model counts already give those countries 0).""",
        basis="sample"),
    Indicator(
        "ai_publications", "AI scholarly publications", PILLAR, "publications per year", 1,
        "log", "cset_owid_publications", denominator="gdp_usd",
        description="""Scholarly publications on artificial intelligence per year (CSET
        Country Activity Tracker, via Our World in Data). Research output is the talent and
        knowledge base from which models are built. Bibliometric series: a country without a
        value is missing, not 0."""),
)

def load(ctx: Context) -> pd.DataFrame:
    """Return the models pillar's value rows."""
    notable = read_epoch_models(ctx.sources, "notable_ai_models.csv", ctx.names)
    large = read_epoch_models(ctx.sources, "large_scale_ai_models.csv", ctx.names)
    frontier = read_epoch_models(ctx.sources, "frontier_ai_models.csv", ctx.names)
    years = model_years(pd.concat([notable, large]))
    src = "epoch_models"
    frames = [
        census(cumulative_count(notable, years), "notable_models", src, years, ctx.iso3s,
               "since 2019", "none since 2019"),
        census(cumulative_count(large, years), "large_scale_models", src, years, ctx.iso3s,
               "since 2019", "none since 2019"),
        census(cumulative_count(large[large["access"] == "open"], years), "open_weight_models",
               src, years, ctx.iso3s, "since 2019", "none since 2019"),
        census(cumulative_count(frontier, years), "frontier_models", src, years, ctx.iso3s,
               "since 2019", "none since 2019"),
        observations(running_max(pd.concat([notable, large]), years), "max_training_compute",
                     src),
    ]
    pubs = read_owid(ctx.sources / "owid-ai"
                     / "annual-scholarly-publications-on-artificial-intelligence.csv", ctx.names)
    frames.append(observations(pubs, "ai_publications", "cset_owid_publications"))
    return pd.concat(frames, ignore_index=True)
