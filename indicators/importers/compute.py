"""Compute pillar: AI clusters, supercomputers, cloud regions and energy for compute."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.observations import Context, capped, census, observations
from indicators.build.readers import FIRST_YEAR, read_wdi, require
from indicators.build.spec import Indicator
from indicators.importers import ember
from indicators.importers.chips import cloud_home, epoch_supplier, top500_designer

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

#: Net energy imports (% of energy use) below which more exports add no independence.
ENERGY_FLOOR = -100.0
#: Net energy imports (% of energy use) above which imports are re-exported or bunkered.
ENERGY_CAP = 100.0

INDICATORS = (
    Indicator(
        "gpu_cluster_h100e", "AI compute in GPU clusters", PILLAR, "H100-equivalents", 1, "log",
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
        world's AI compute, so a country with no listed cluster is missing (unobserved), not
        0; a value exists only from the first year a listed cluster is operational.""",
        basis="sample"),
    Indicator(
        "top500_rmax", "Supercomputing capacity (TOP500 Rmax)", PILLAR, "TFlop/s", 1, "log",
        "top500", denominator="gdp_usd", layer="chips",
        description=f"""Summed measured LINPACK performance (Rmax) of the country's systems on
        the year's latest TOP500 list (Nov for 2023–2025, Jun for 2026). Public
        supercomputers host national research, weather, defence and increasingly AI workloads
        under domestic control. China has stopped submitting new systems since about 2019, so
        its figure understates its capacity. {_TOP500_CENSUS}""",
        basis="census"),
    Indicator(
        "top500_systems", "Supercomputers in the TOP500", PILLAR, "systems", 1, "log", "top500",
        denominator="gdp_usd", layer="chips",
        description=f"""Number of the country's systems on the year's latest TOP500 list (Nov
        for 2023–2025, Jun for 2026). Counts the breadth of a country's high-performance
        computing base beyond its single largest machine. {_TOP500_CENSUS}""",
        basis="census"),
    Indicator(
        "cloud_regions", "Hyperscale cloud regions hosted", PILLAR, "provider-regions", 1,
        "log", "cloud_regions_telegeography", denominator="gdp_usd", layer="cloud",
        description=f"""In-service cloud regions of the eight global hyperscalers (AWS, Azure,
        Google, Oracle, IBM, Alibaba, Huawei, Tencent) located in the country, from
        TeleGeography's Cloud Infrastructure Map snapshot of 2025-01-02 (year 2025 only; no
        earlier snapshot exists). A region hosted in-country lets data and workloads stay
        under national jurisdiction with low latency. Hong Kong metro regions are counted for
        Hong Kong SAR. {_CLOUD_CENSUS} {_LISTED_ONLY}""",
        basis="census"),
    Indicator(
        "cloud_regions_gpu", "GPU cloud regions hosted", PILLAR, "regions", 1, "log",
        "cloud_regions_14providers", denominator="gdp_usd", layer="cloud",
        description=f"""Generally available cloud regions offering GPU instances located in the
        country, across 14 providers (AWS, Azure, Google, Oracle, DigitalOcean, Paperspace,
        Vultr, Linode, CoreWeave, Crusoe, Lambda, Hetzner, OVH, Scaleway; no Chinese
        provider), from a curated export of 2026-01-21 (year 2026 only: 123 of 267 regions
        have no launch date, so back-filling earlier years would invent growth). Renting GPUs
        in-country is the quickest route to domestic AI compute. {_CLOUD_CENSUS} {_LISTED_ONLY}""",
        basis="census"),
    Indicator(
        "electricity_per_capita", "Electricity demand per head", PILLAR, "kWh per person",
        1, "log", "ember_electricity",
        description=f"""Electricity demand per person (Ember yearly country overview,
        demand_mwh_per_capita × 1000: generation plus net imports, divided by population).
        Data centres need abundant power; demand per head proxies the size and reliability of
        the grid that compute must plug into. Ember replaces the World Bank's
        EG.USE.ELEC.KH.PC (146 countries in the scoring window, none for Taiwan, Kosovo or
        Palestine): it covers about 200 countries to 2023–2024. Already per person, so no
        denominator. {_SURVEY}"""),
    Indicator(
        "net_energy_imports", "Net energy imports", PILLAR, "% of energy use", -1, "none",
        "wb_wdi",
        description=f"""Net energy imports as a share of energy use (WDI EG.IMP.CONS.ZS;
        negative for net exporters). Lower is better: a country that imports its energy
        depends on foreign suppliers to keep its compute running. Kept within
        [{ENERGY_FLOOR:g}, {ENERGY_CAP:g}] %: a country that exports as much energy as it uses
        is already independent, and exporting more (Norway reports −704 %) adds nothing to
        the power available for its own compute; imports above 100 % of use are re-exports
        and ships' fuel (Malta 404 %, Singapore 280 %), not more dependence. A capped value's
        note gives the source value. {_SURVEY}"""),
    Indicator(
        "electricity_access", "Access to electricity", PILLAR, "% of population", 1, "none",
        "wb_wdi",
        description=f"""Share of the population with access to electricity (WDI
        EG.ELC.ACCS.ZS). A basic precondition for any digital infrastructure and for people to
        use AI services. {_SURVEY}"""),
)

_TOP500_FILE = re.compile(r"TOP500_(\d{4})(\d{2})\.xlsx$")


def read_top500(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return one row per system of each year's latest list: year, list, iso3, rmax, chip_home,
    chip.

    ``chip`` is the accelerator's name, or the processor's when there is no accelerator.
    """
    files = sorted((sources / "top500").glob("TOP500_*.xlsx"))
    if not files:
        raise BuildError(f"no TOP500_YYYYMM.xlsx files in {sources / 'top500'}")
    latest: dict[int, Path] = {}
    for path in files:
        match = _TOP500_FILE.search(path.name)
        if match is None:
            raise BuildError(f"top500/{path.name}: name is not TOP500_YYYYMM.xlsx")
        latest[int(match.group(1))] = path  # sorted, so the later month wins
    rows: list[dict[str, object]] = []
    for year, path in sorted(latest.items()):
        label = f"top500/{path.name}"
        edition = path.stem.split("_")[1]
        for rec in _xlsx_records(path):
            iso3 = names.name(str(rec["Country"]), label)
            if iso3 is None:
                continue
            accel = _text(rec.get("Accelerator/Co-Processor"))
            rows.append({
                "year": year, "list": f"{edition[:4]}-{edition[4:]}", "iso3": iso3,
                "rmax": float(rec["Rmax [TFlop/s]"]),  # type: ignore[arg-type]
                "chip_home": top500_designer(accel, _text(rec.get("Processor")), label),
                "chip": accel or _text(rec.get("Processor")),
            })
    return pd.DataFrame(rows, columns=["year", "list", "iso3", "rmax", "chip_home", "chip"])


def _text(cell: object) -> str:
    """Return a cell as stripped text; empty cells and the literal "None" become ""."""
    text = "" if cell is None else str(cell).strip()
    return "" if text == "None" else text


def _xlsx_records(path: Path) -> list[dict[str, object]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [str(h) for h in next(values)]
        return [dict(zip(header, row, strict=False)) for row in values
                if any(v is not None for v in row)]
    finally:
        book.close()


def read_gpu_clusters(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return existing, standard-analysis clusters with a country.

    Columns: name, iso3, year (first operational), h100e, chip_home, superseded_by (the name
    of the later phase that includes this one, "" when none), supplier (Epoch's primary GPU
    supplier, for the chip-stage ledger).
    """
    path = require(sources / "epoch-ai" / "gpu_clusters.csv")
    label = "epoch-ai/gpu_clusters.csv"
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    if "Superseded by" not in raw.columns:
        raise BuildError(f"{label}: no 'Superseded by' column: expected Epoch AI's cluster "
                         "table, which names the later phase of a cumulative cluster there")
    keep = ((raw["Status"] == "Existing") & (raw["Include in Standard Analysis"] == "True")
            & (raw["Country"] != "") & (raw["First Operational Date"] != "")
            & (raw["H100 equivalents"] != ""))
    sel = raw[keep]
    iso3 = [names.name(c, label) for c in sel["Country"]]
    return pd.DataFrame({
        "name": sel["Name"].str.strip().to_numpy(),
        "iso3": iso3,
        "year": sel["First Operational Date"].str[:4].astype(int).to_numpy(),
        "h100e": pd.to_numeric(sel["H100 equivalents"]).to_numpy(),
        "chip_home": [epoch_supplier(s, label) for s in sel["GPU Supplier (primary)"]],
        "superseded_by": sel["Superseded by"].str.strip().to_numpy(),
        "supplier": sel["GPU Supplier (primary)"].to_numpy(),
    }).dropna(subset=["iso3"]).reset_index(drop=True)


def cluster_years(clusters: pd.DataFrame) -> list[int]:
    """Return the years the cluster stock covers: 2019 to the latest operational year."""
    return list(range(FIRST_YEAR, int(clusters["year"].max()) + 1))


def operational_sites(clusters: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the clusters operational by the end of year, each site once.

    A phase whose successor ("Superseded by") is itself a listed cluster operational by then
    is dropped: the successor's H100e already includes it.
    """
    running = clusters[clusters["year"] <= year]
    succeeded = running["superseded_by"].isin(set(running["name"]))
    return running[~succeeded]


def cluster_stock(clusters: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return iso3, year, value, chip_home: H100e operational by the end of each year."""
    parts = [operational_sites(clusters, y).assign(year=y) for y in years]
    stock = pd.concat(parts, ignore_index=True)
    stock["chip_home"] = stock["chip_home"].fillna("")
    return stock.groupby(["iso3", "year", "chip_home"], as_index=False).agg(
        value=("h100e", "sum"))


def read_telegeography(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return in-service provider-regions: iso3, provider, home."""
    path = require(sources / "cloud-regions" / "telegeography_cloud_regions_2025-01.json")
    label = f"cloud-regions/{path.name}"
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for metro in doc["cloud_regions"]:
        country = "Hong Kong" if metro["metro_area"] == "Hong Kong" else metro["country"]
        iso3 = names.name(country, label)
        for provider in metro["cloud_service_providers"]:
            if iso3 is not None and provider.get("in_service") is True:
                rows.append({"iso3": iso3, "provider": provider["name"],
                             "home": cloud_home(provider["name"], label)})
    return pd.DataFrame(rows, columns=["iso3", "provider", "home"])


def read_cloud_14(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return generally available regions: iso3, provider, home, gpu."""
    path = require(sources / "cloud-regions" / "cloud_regions_14providers_2026-01.json")
    label = f"cloud-regions/{path.name}"
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for region in doc["regions"]:
        iso3 = names.iso2(region["location"]["countryCode"], label)
        if iso3 is not None and region.get("status") == "ga":
            rows.append({"iso3": iso3, "provider": region["provider"],
                         "home": cloud_home(region["provider"], label),
                         "gpu": bool(region.get("services", {}).get("gpu"))})
    return pd.DataFrame(rows, columns=["iso3", "provider", "home", "gpu"])


def load(ctx: Context) -> pd.DataFrame:
    """Return the compute pillar's value rows."""
    top = read_top500(ctx.sources, ctx.names)
    lists = {int(y): str(e) for y, e in zip(top["year"], top["list"], strict=True)}
    rmax = top.groupby(["iso3", "year"], as_index=False)["rmax"].sum()
    count = top.groupby(["iso3", "year"], as_index=False).size()
    frames = []
    for year, edition in sorted(lists.items()):
        sel_r = rmax[rmax["year"] == year].rename(columns={"rmax": "value"})
        sel_c = count[count["year"] == year].rename(columns={"size": "value"})
        note, zero = f"TOP500 list {edition}", f"not on TOP500 list {edition}"
        frames.append(census(sel_r, "top500_rmax", "top500", [year], ctx.iso3s, note, zero))
        frames.append(census(sel_c, "top500_systems", "top500", [year], ctx.iso3s, note, zero))
    clusters = read_gpu_clusters(ctx.sources, ctx.names)
    years = cluster_years(clusters)
    stock = cluster_stock(clusters, years)
    sites = stock.groupby(["iso3", "year"], as_index=False)["value"].sum()
    frames.append(observations(sites.assign(note="operational by year end, each site once"),
                               "gpu_cluster_h100e", "epoch_gpu_clusters"))
    tele = read_telegeography(ctx.sources, ctx.names).assign(year=2025, value=1.0)
    frames.append(census(tele, "cloud_regions", "cloud_regions_telegeography", [2025],
                         ctx.iso3s, "snapshot 2025-01-02", "no region in snapshot 2025-01-02"))
    c14 = read_cloud_14(ctx.sources, ctx.names)
    gpu = c14[c14["gpu"]].assign(year=2026, value=1.0)
    frames.append(census(gpu, "cloud_regions_gpu", "cloud_regions_14providers", [2026],
                         ctx.iso3s, "export 2026-01-21", "no GPU region in export 2026-01-21"))
    frames.append(observations(ember.read_demand_per_capita(ctx.sources, ctx.names),
                               "electricity_per_capita", "ember_electricity",
                               "demand_mwh_per_capita × 1000"))
    energy = read_wdi(ctx.sources, "EG.IMP.CONS.ZS", ctx.names).assign(note="EG.IMP.CONS.ZS")
    frames.append(observations(capped(energy, low=ENERGY_FLOOR, high=ENERGY_CAP),
                               "net_energy_imports", "wb_wdi"))
    frames.append(observations(read_wdi(ctx.sources, "EG.ELC.ACCS.ZS", ctx.names),
                               "electricity_access", "wb_wdi", "EG.ELC.ACCS.ZS"))
    return pd.concat(frames, ignore_index=True)
