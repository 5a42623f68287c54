"""Compute pillar: AI clusters, supercomputers, cloud regions and energy for compute.

The indicator definitions and ``load``; each source's reader is its own module.
"""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context, capped, census, observations
from indicators.build.readers import read_wdi
from indicators.build.spec import Indicator
from indicators.importers import ember
from indicators.importers.cloud_regions import read_cloud_14, read_telegeography
from indicators.importers.gpu_clusters import (
    cluster_stock,
    cluster_years,
    operational_sites,
    read_gpu_clusters,
)
from indicators.importers.top500 import read_top500

#: The source readers, one module each (top500, gpu_clusters, cloud_regions), re-exported:
#: dependencies.py and the tests read them here.
__all__ = ["INDICATORS", "PILLAR", "cluster_stock", "cluster_years", "load",
           "operational_sites", "read_cloud_14", "read_gpu_clusters", "read_telegeography",
           "read_top500"]

PILLAR = "compute"
_TOP500_CENSUS = ("Counts only the 500 fastest systems submitted to the list, a census of those: "
                  "a country with none on the list has 0 (no system among the 500), which says "
                  "nothing about smaller machines.")
_CLOUD_CENSUS = ("A census of those providers' regions: a country where none of them has a "
                 "region has 0; national and smaller providers are not counted.")
_LISTED_ONLY = ("The supplier ledger of the cloud layer covers only these providers too: a "
                "country's national providers (e.g. Naver, KT or NHN in Korea) are in no list in "
                "the sources, so beyond the listed regions its cloud supply is unattributed, "
                "not 100 % foreign.")
_SURVEY = "Survey/statistical series: a country without a reported value is missing, not 0."

#: Weight of each of the three energy indicators: together they weigh one compute indicator.
ENERGY_WEIGHT = 1 / 3
_ENERGY_WEIGHT = ("Weight 1/3: the pillar's three energy indicators (electricity demand, net "
                  "energy imports, access to electricity) are preconditions of compute, not "
                  "compute, so together they weigh as much as one of its three capacity "
                  "indicators (AI clusters, supercomputers, cloud regions).")

#: Net energy imports (% of energy use) below which more exports add no independence.
ENERGY_FLOOR = -100.0
#: Net energy imports (% of energy use) above which imports are re-exported or bunkered.
ENERGY_CAP = 100.0

INDICATORS = (
    Indicator(
        "gpu_cluster_h100e", "AI compute in GPU clusters", PILLAR, "H100-equivalents", 1,
        "log_min",
        "epoch_gpu_clusters", denominator="gdp_usd", layer="chips",
        description="""Stock of AI compute in existing GPU clusters located in the country,
        in NVIDIA H100-equivalents: every cluster Epoch AI lists as Existing and includes in
        its standard analysis whose first operational date falls in or before the year,
        each site counted once. Epoch lists a cluster's later phases cumulatively (Phase 2
        includes Phase 1) and names the successor in "Superseded by", so a phase counts only
        until a successor phase is operational. Clusters without a country, an operational
        date or an H100e estimate are not attributed; planned and decommissioned clusters are
        not counted. Large AI clusters decide who can train and serve frontier models at
        home. A sample, not a census: Epoch says its list covers roughly 10–20 % of the
        world's AI compute, so a country with no listed cluster has no value in the data
        (unobserved, not a recorded 0); a value exists only from the first year a listed
        cluster is operational. Scoring counts an unlisted country at zero capacity, the lower
        bound the list gives (shown as "not listed (scored 0)"), in a pillar it otherwise
        scores, so that a listing never scores below its absence.
        Transform log_min: the smallest listed stock counts one decade and each tenfold more
        about one more; with the median-scaled log the US's 0.9 M H100e left most listed
        countries near 0 and the JRC screen flagged the tail (skewness 2.5).""",
        basis="sample"),
    Indicator(
        "top500_rmax", "Supercomputing capacity (TOP500 Rmax)", PILLAR, "TFlop/s", 1, "log_min",
        "top500", denominator="gdp_usd", layer="chips",
        description=f"""Summed measured LINPACK performance (Rmax) of the country's systems on
        the year's latest TOP500 list (Nov for 2023–2025, Jun for 2026). Public
        supercomputers host national research, weather, defence and increasingly AI workloads
        under domestic control. China has stopped submitting new systems since about 2019, so
        its figure understates its capacity. {_TOP500_CENSUS} The one TOP500 measure since
        issue 12: the count of systems (top500_systems) ranked the same 47 countries in much
        the same order (Spearman 0.85) and doubled TOP500's weight. Transform log_min: one
        system on the list counts one decade above none, so the 24 % of countries with one are
        told apart from the rest; with the median-scaled log the JRC screen flagged it.""",
        basis="census"),
    Indicator(
        "cloud_regions", "Hyperscale cloud regions hosted", PILLAR, "provider-regions", 1,
        "log_min", "cloud_regions_telegeography", denominator="gdp_usd", layer="cloud",
        description=f"""In-service cloud regions of the eight global hyperscalers (AWS, Azure,
        Google, Oracle, IBM, Alibaba, Huawei, Tencent) located in the country, from
        TeleGeography's Cloud Infrastructure Map snapshot of 2025-01-02 (year 2025 only; no
        earlier snapshot exists). A region hosted in-country lets data and workloads stay
        under national jurisdiction with low latency. Hong Kong metro regions are counted for
        Hong Kong SAR. {_CLOUD_CENSUS} {_LISTED_ONLY} The one cloud measure since issue 12:
        the GPU regions of a 14-provider export of 2026-01 (cloud_regions_gpu) are in 20
        countries, every one of which hosts a hyperscale region, and that list has no Chinese
        provider, so the cloud ledger does not use it either (one basis, TeleGeography's, for
        every country). Transform log_min: the first region, which
        lets data stay under national jurisdiction at all, counts one decade above none.""",
        basis="census"),
    Indicator(
        "electricity_demand", "Electricity demand", PILLAR, "TWh", 1, "log", "ember_electricity",
        denominator="population", weight=ENERGY_WEIGHT,
        description=f"""Electricity demand (Ember yearly country overview, demand_twh:
        generation plus net imports). Data centres need abundant power, and the size of the
        grid is what new compute plugs into. A capacity, like the other indicators of the
        scale view; the intensity view divides by population (kWh per person). Until issue 12
        this was demand per head in both views, which put small rich grids (Iceland, Norway,
        Bahrain, Qatar) at the top of a capacity ranking and lifted Norway's compute above
        the United Kingdom's. Ember replaces the World Bank's EG.USE.ELEC.KH.PC (146
        countries in the scoring window, none for Taiwan, Kosovo or Palestine): it covers
        about 200 countries to 2023–2024. {_ENERGY_WEIGHT} {_SURVEY}"""),
    Indicator(
        "net_energy_imports", "Net energy imports", PILLAR, "% of energy use", -1, "none",
        "wb_wdi", weight=ENERGY_WEIGHT,
        description=f"""Net energy imports as a share of energy use (WDI EG.IMP.CONS.ZS;
        negative for net exporters). Lower is better: a country that imports its energy
        depends on foreign suppliers to keep its compute running. Kept within
        [{ENERGY_FLOOR:g}, {ENERGY_CAP:g}] %: a country that exports as much energy as it uses
        is already independent, and exporting more (Norway reports −704 %) adds nothing to
        the power available for its own compute; imports above 100 % of use are re-exports
        and ships' fuel (Malta 404 %, Singapore 280 %), not more dependence. A capped value's
        note gives the source value. {_ENERGY_WEIGHT} {_SURVEY}"""),
    Indicator(
        "electricity_access", "Access to electricity", PILLAR, "% of population", 1, "none",
        "wb_wdi", weight=ENERGY_WEIGHT,
        description=f"""Share of the population with access to electricity (WDI
        EG.ELC.ACCS.ZS). A basic precondition for any digital infrastructure and for people to
        use AI services. {_ENERGY_WEIGHT} {_SURVEY}"""),
)

def load(ctx: Context) -> pd.DataFrame:
    """Return the compute pillar's value rows."""
    top = read_top500(ctx.sources, ctx.names)
    lists = {int(y): str(e) for y, e in zip(top["year"], top["list"], strict=True)}
    rmax = top.groupby(["iso3", "year"], as_index=False)["rmax"].sum()
    frames = []
    for year, edition in sorted(lists.items()):
        sel_r = rmax[rmax["year"] == year].rename(columns={"rmax": "value"})
        note, zero = f"TOP500 list {edition}", f"not on TOP500 list {edition}"
        frames.append(census(sel_r, "top500_rmax", "top500", [year], ctx.iso3s, note, zero))
    clusters = read_gpu_clusters(ctx.sources, ctx.names)
    years = cluster_years(clusters)
    stock = cluster_stock(clusters, years)
    sites = stock.groupby(["iso3", "year"], as_index=False)["value"].sum()
    frames.append(observations(sites.assign(note="operational by year end, each site once"),
                               "gpu_cluster_h100e", "epoch_gpu_clusters"))
    tele = read_telegeography(ctx.sources, ctx.names).assign(year=2025, value=1.0)
    frames.append(census(tele, "cloud_regions", "cloud_regions_telegeography", [2025],
                         ctx.iso3s, "snapshot 2025-01-02", "no region in snapshot 2025-01-02"))
    frames.append(observations(ember.read_demand_twh(ctx.sources, ctx.names),
                               "electricity_demand", "ember_electricity", "demand_twh"))
    energy = read_wdi(ctx.sources, "EG.IMP.CONS.ZS", ctx.names).assign(note="EG.IMP.CONS.ZS")
    frames.append(observations(capped(energy, low=ENERGY_FLOOR, high=ENERGY_CAP),
                               "net_energy_imports", "wb_wdi"))
    frames.append(observations(read_wdi(ctx.sources, "EG.ELC.ACCS.ZS", ctx.names),
                               "electricity_access", "wb_wdi", "EG.ELC.ACCS.ZS"))
    return pd.concat(frames, ignore_index=True)
