"""Compute pillar: AI clusters, supercomputers, cloud regions and energy for compute."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.observations import Context, census, observations
from indicators.build.readers import FIRST_YEAR, read_wdi, require
from indicators.build.spec import Indicator
from indicators.importers.chips import cloud_home, epoch_supplier, top500_designer

PILLAR = "compute"
_CENSUS = ("Census: a country absent from the source has 0, written explicitly for every "
           "country and every year the census covers.")
_LISTED_ONLY = ("The supplier ledger of the cloud layer covers only these providers: a "
                "country's national providers (e.g. Naver, KT or NHN in Korea) are in no list in "
                "the sources, so beyond the listed regions its cloud supply is unattributed, "
                "not 100 % foreign.")
_SURVEY = "Survey/statistical series: a country without a reported value is missing, not 0."

INDICATORS = (
    Indicator(
        "gpu_cluster_h100e", "AI compute in GPU clusters", PILLAR, "H100-equivalents", 1, "log",
        "epoch_gpu_clusters", denominator="gdp_usd", layer="chips",
        description=f"""Cumulative stock of AI compute in existing GPU clusters located in the
        country, in NVIDIA H100-equivalents, counting every cluster Epoch AI lists as Existing
        and includes in its standard analysis whose first operational date falls in or before
        the year. Clusters without a country, an operational date or an H100e estimate are
        not attributed (in the December 2025 data 16, 7 and 22 of the 482 standard-analysis
        clusters); planned and decommissioned clusters are not counted. Large AI
        clusters decide who can train and serve frontier models at home. {_CENSUS}"""),
    Indicator(
        "top500_rmax", "Supercomputing capacity (TOP500 Rmax)", PILLAR, "TFlop/s", 1, "log",
        "top500", denominator="gdp_usd", layer="chips",
        description=f"""Summed measured LINPACK performance (Rmax) of the country's systems on
        the year's latest TOP500 list (Nov for 2023–2025, Jun for 2026). Public
        supercomputers host national research, weather, defence and increasingly AI workloads
        under domestic control. China has stopped submitting new systems since about 2019, so
        its figure understates its capacity. {_CENSUS}"""),
    Indicator(
        "top500_systems", "Supercomputers in the TOP500", PILLAR, "systems", 1, "log", "top500",
        denominator="gdp_usd", layer="chips",
        description=f"""Number of the country's systems on the year's latest TOP500 list (Nov
        for 2023–2025, Jun for 2026). Counts the breadth of a country's high-performance
        computing base beyond its single largest machine. {_CENSUS}"""),
    Indicator(
        "cloud_regions", "Hyperscale cloud regions hosted", PILLAR, "provider-regions", 1,
        "log", "cloud_regions_telegeography", denominator="gdp_usd", layer="cloud",
        description=f"""In-service cloud regions of the eight global hyperscalers (AWS, Azure,
        Google, Oracle, IBM, Alibaba, Huawei, Tencent) located in the country, from
        TeleGeography's Cloud Infrastructure Map snapshot of 2025-01-02 (year 2025 only; no
        earlier snapshot exists). A region hosted in-country lets data and workloads stay
        under national jurisdiction with low latency. Hong Kong metro regions are counted for
        Hong Kong SAR. {_CENSUS} {_LISTED_ONLY}"""),
    Indicator(
        "cloud_regions_gpu", "GPU cloud regions hosted", PILLAR, "regions", 1, "log",
        "cloud_regions_14providers", denominator="gdp_usd", layer="cloud",
        description=f"""Generally available cloud regions offering GPU instances located in the
        country, across 14 providers (AWS, Azure, Google, Oracle, DigitalOcean, Paperspace,
        Vultr, Linode, CoreWeave, Crusoe, Lambda, Hetzner, OVH, Scaleway; no Chinese
        provider), from a curated export of 2026-01-21 (year 2026 only: 123 of 267 regions
        have no launch date, so back-filling earlier years would invent growth). Renting GPUs
        in-country is the quickest route to domestic AI compute. {_CENSUS} {_LISTED_ONLY}"""),
    Indicator(
        "electricity_per_capita", "Electricity consumption per head", PILLAR, "kWh per person",
        1, "log", "wb_wdi",
        description=f"""Electric power consumption per person (WDI EG.USE.ELEC.KH.PC). Data
        centres need abundant power; consumption per head proxies the size and reliability of
        the grid that compute must plug into. Already per person, so no denominator.
        {_SURVEY}"""),
    Indicator(
        "net_energy_imports", "Net energy imports", PILLAR, "% of energy use", -1, "none",
        "wb_wdi",
        description=f"""Net energy imports as a share of energy use (WDI EG.IMP.CONS.ZS;
        negative for net exporters). Lower is better: a country that imports its energy
        depends on foreign suppliers to keep its compute running. {_SURVEY}"""),
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
    """Return existing, standard-analysis clusters with a country: iso3, year, h100e, chip_home,
    supplier (Epoch's primary GPU supplier, for the chip-stage ledger)."""
    path = require(sources / "epoch-ai" / "gpu_clusters.csv")
    label = "epoch-ai/gpu_clusters.csv"
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    keep = ((raw["Status"] == "Existing") & (raw["Include in Standard Analysis"] == "True")
            & (raw["Country"] != "") & (raw["First Operational Date"] != "")
            & (raw["H100 equivalents"] != ""))
    sel = raw[keep]
    iso3 = [names.name(c, label) for c in sel["Country"]]
    return pd.DataFrame({
        "iso3": iso3,
        "year": sel["First Operational Date"].str[:4].astype(int).to_numpy(),
        "h100e": pd.to_numeric(sel["H100 equivalents"]).to_numpy(),
        "chip_home": [epoch_supplier(s, label) for s in sel["GPU Supplier (primary)"]],
        "supplier": sel["GPU Supplier (primary)"].to_numpy(),
    }).dropna(subset=["iso3"]).reset_index(drop=True)


def cluster_years(clusters: pd.DataFrame) -> list[int]:
    """Return the years the cluster census covers: 2019 to the latest operational year."""
    return list(range(FIRST_YEAR, int(clusters["year"].max()) + 1))


def cluster_stock(clusters: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """Return iso3, year, value, chip_home: H100e operational by the end of each year."""
    parts = [clusters[clusters["year"] <= y].assign(year=y) for y in years]
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
    frames.append(census(stock, "gpu_cluster_h100e", "epoch_gpu_clusters", years, ctx.iso3s,
                         "operational by year end", "no listed cluster"))
    tele = read_telegeography(ctx.sources, ctx.names).assign(year=2025, value=1.0)
    frames.append(census(tele, "cloud_regions", "cloud_regions_telegeography", [2025],
                         ctx.iso3s, "snapshot 2025-01-02", "no region in snapshot 2025-01-02"))
    c14 = read_cloud_14(ctx.sources, ctx.names)
    gpu = c14[c14["gpu"]].assign(year=2026, value=1.0)
    frames.append(census(gpu, "cloud_regions_gpu", "cloud_regions_14providers", [2026],
                         ctx.iso3s, "export 2026-01-21", "no GPU region in export 2026-01-21"))
    for code, wdi in (("electricity_per_capita", "EG.USE.ELEC.KH.PC"),
                      ("net_energy_imports", "EG.IMP.CONS.ZS"),
                      ("electricity_access", "EG.ELC.ACCS.ZS")):
        frames.append(observations(read_wdi(ctx.sources, wdi, ctx.names), code, "wb_wdi", wdi))
    return pd.concat(frames, ignore_index=True)
