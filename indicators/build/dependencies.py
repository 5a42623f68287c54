"""dependencies.csv: shares of each country's chips, cloud and model supply by supplier.

chips: the design stage, on two bases, one per source: the share of the country's GPU-cluster
  H100e (Epoch AI, year-end stock) whose primary chip was designed in each jurisdiction
  (H100e with an undisclosed designer, e.g. China's "Anonymized" clusters, stay unattributed,
  so shares may sum to less than 1), and the share of its TOP500 Rmax (the year's latest
  list) by the home of the accelerator (or processor) designer. The note says which basis.
chips_fab, chips_packaging, chips_memory, chips_tools_<category>: the other stages
  (chip_stages_rows; the eight tool categories are the chips_tools group of a scenario).
cloud: share of the in-service hyperscale regions hosted in the country by provider
  headquarters (TeleGeography, 2025) and, for 2026, of the GPU regions of 14 providers.
models: share of the large-scale models usable in the country that come from each supplier
  (see the large_scale_models indicator for the assumptions); own models are the domestic
  row, foreign open-weight models are not at risk and are not attributed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.observations import Context
from indicators.contract import DEPENDENCY_COLUMNS
from indicators.importers import cables, chip_stages, compute, models
from indicators.importers.chip_stages import ChipFamily
from indicators.importers.energy_imports import energy_rows


def _shares(frame: pd.DataFrame, supplier: str, layer: str, source_id: str,
            note: str) -> pd.DataFrame:
    """Return dependency rows from iso3, year, <supplier>, value (amounts, total incl. '')."""
    total = frame.groupby(["iso3", "year"])["value"].transform("sum")
    out = frame.assign(share=frame["value"] / total)
    out = out[(out[supplier] != "") & (total > 0)]
    out = out.groupby(["iso3", "year", supplier], as_index=False).agg(share=("share", "sum"))
    return pd.DataFrame({"iso3": out["iso3"], "layer": layer, "supplier": out[supplier],
                         "year": out["year"].astype(int), "share": out["share"],
                         "source_id": source_id, "note": note})


def _stage_frame(stock: pd.DataFrame, families: dict[str, ChipFamily | None],
                 layer: str) -> pd.DataFrame:
    """Return iso3, year, supplier, value: ``stock`` (iso3, year, key, value) by stage home."""
    homes = {key: (family.home(layer) if family else None) for key, family in families.items()}
    supplier = stock["key"].map(homes).fillna("")
    return stock.assign(supplier=supplier)[["iso3", "year", "supplier", "value"]]


def _epoch_stock(ctx: Context) -> tuple[pd.DataFrame, dict[str, ChipFamily | None]]:
    """Return the Epoch H100e stock by iso3, year and GPU supplier, and each supplier's family.

    Each site counts once, as in the gpu_cluster_h100e indicator (compute.operational_sites).
    """
    clusters = compute.read_gpu_clusters(ctx.sources, ctx.names)
    years = compute.cluster_years(clusters)
    parts = [compute.operational_sites(clusters, y).assign(year=y) for y in years]
    stock = pd.concat(parts, ignore_index=True).rename(columns={"supplier": "key"})
    stock = stock.groupby(["iso3", "year", "key"], as_index=False).agg(value=("h100e", "sum"))
    label = "epoch-ai/gpu_clusters.csv"
    return stock, {key: chip_stages.epoch_family(key, label) for key in stock["key"].unique()}


def _top500_stock(ctx: Context) -> tuple[pd.DataFrame, dict[str, ChipFamily | None]]:
    """Return the TOP500 Rmax by iso3, year and chip name, and each chip's family."""
    top = compute.read_top500(ctx.sources, ctx.names).rename(columns={"chip": "key",
                                                                      "rmax": "value"})
    stock = top.groupby(["iso3", "year", "key"], as_index=False).agg(value=("value", "sum"))
    families: dict[str, ChipFamily | None] = {
        key: chip_stages.top500_family(key, "top500") for key in stock["key"].unique()}
    return stock, families


_BASES = (("epoch_gpu_clusters", "GPU-cluster H100e"), ("top500", "TOP500 Rmax"))
_STAGE_NOTES = {"chips_fab": "fabrication site", "chips_packaging": "advanced packaging site",
                "chips_memory": "HBM memory maker"}


def chips(ctx: Context) -> pd.DataFrame:
    """Return the chips-layer (design stage) rows on both bases, each tagged with its source.

    Every country Epoch lists gets GPU-cluster H100e rows and every country on the TOP500 gets
    Rmax rows, so each indicator is cut on the basis of its own source (before, a country with
    clusters had no TOP500 rows and its supercomputers were cut on its GPU-cluster shares).
    """
    clusters = compute.read_gpu_clusters(ctx.sources, ctx.names)
    stock = compute.cluster_stock(clusters, compute.cluster_years(clusters))
    epoch = _shares(stock.rename(columns={"chip_home": "supplier"}), "supplier", "chips",
                    "epoch_gpu_clusters", "basis: GPU-cluster H100e by chip designer home")
    top = compute.read_top500(ctx.sources, ctx.names)
    top = top.rename(columns={"chip_home": "supplier", "rmax": "value"})
    rmax = _shares(top[["iso3", "year", "supplier", "value"]], "supplier", "chips",
                   "top500", "basis: TOP500 Rmax by chip designer home")
    return _known_suppliers(pd.concat([epoch, rmax], ignore_index=True), ctx)


def chip_stages_rows(ctx: Context) -> pd.DataFrame:
    """Return the chips_fab, chips_packaging, chips_memory and chips_tools_* rows.

    Each stage layer is given on both bases, each row tagged with its source: the Epoch
    GPU-cluster stock for every country Epoch lists, the TOP500 Rmax for every country on the
    list (an indicator is cut on the basis of its own source). The chips_tools_* layers apply
    each fabrication-tool category's CSET/ETO world shares to every country with a stock on
    either basis (``tool_rows``).
    """
    parts = []
    stocks = dict(zip((s for s, _ in _BASES), (_epoch_stock(ctx), _top500_stock(ctx)),
                      strict=True))
    for source_id, basis in _BASES:
        stock, families = stocks[source_id]
        for layer, what in _STAGE_NOTES.items():
            frame = _stage_frame(stock, families, layer)
            parts.append(_shares(frame, "supplier", layer, source_id,
                                 f"basis: {basis} by {what} of the chip family"))
    stocked = pd.concat([stocks[s][0][["iso3", "year"]] for s, _ in _BASES]).drop_duplicates()
    parts.append(tool_rows(ctx, stocked))
    return _known_suppliers(pd.concat(parts, ignore_index=True), ctx)


def tool_rows(ctx: Context, stocked: pd.DataFrame) -> pd.DataFrame:
    """Return one chips_tools_<category> layer per CSET/ETO fabrication-tool category.

    Each category's latest world shares (``chip_stages.read_tool_shares``) are applied to every
    country and year of ``stocked`` (iso3, year: a chip stock on either basis); one vintage,
    stated in the note. The categories are checked against the dataset's sequence first.
    """
    chip_stages.check_tool_categories(ctx.sources)
    rows = []
    for layer, input_id in chip_stages.TOOL_CATEGORIES.items():
        tools = chip_stages.read_tool_shares(ctx.sources, input_id)
        note = (f"world share of {tools.input_name.lower()} (CSET/ETO {input_id}, "
                f"{tools.year}) applied to the year's chip stock")
        shares = sorted((s, v) for s, v in tools.shares.items() if v > 0)
        rows += [{"iso3": iso3, "layer": layer, "supplier": supplier, "year": int(year),
                  "share": share, "source_id": chip_stages.CSET_SOURCE_ID, "note": note}
                 for iso3, year in stocked.itertuples(index=False)
                 for supplier, share in shares]
    return pd.DataFrame(rows, columns=list(DEPENDENCY_COLUMNS))


def _known_suppliers(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Return ``frame`` without rows whose supplier is not in countries.csv.

    A chip designer, stage home or tool maker outside a reduced country list (the test
    fixtures) is left unattributed; in the full list every one of them is a country.
    """
    return frame[frame["supplier"].isin(ctx.names.iso3s)].reset_index(drop=True)


def cloud(ctx: Context) -> pd.DataFrame:
    """Return the cloud-layer rows (TeleGeography 2025, 14-provider GPU regions 2026)."""
    tele = compute.read_telegeography(ctx.sources, ctx.names).assign(year=2025, value=1.0)
    c14 = compute.read_cloud_14(ctx.sources, ctx.names)
    gpu = c14[c14["gpu"]].assign(year=2026, value=1.0)
    return pd.concat([
        _shares(tele[["iso3", "year", "home", "value"]], "home", "cloud",
                "cloud_regions_telegeography", "basis: hyperscale regions by provider HQ"),
        _shares(gpu[["iso3", "year", "home", "value"]], "home", "cloud",
                "cloud_regions_14providers", "basis: GPU regions by provider HQ"),
    ], ignore_index=True)


def model_access(ctx: Context) -> pd.DataFrame:
    """Return the models-layer rows: usable large-scale models by supplier, since 2019."""
    large = models.read_epoch_models(ctx.sources, "large_scale_ai_models.csv", ctx.names)
    large = large[large["year"] >= 2019]
    years = models.model_years(large)
    released = large[large["access"] != "closed"]
    rows = []
    for year in years:
        upto = large[large["year"] <= year]
        public_models = set(released.loc[released["year"] <= year, "model"])
        served = upto[(upto["access"] == "served")]
        for iso3 in ctx.iso3s:
            own = upto[upto["iso3"] == iso3]
            usable = public_models | set(own["model"])
            if not usable:
                continue
            n = len(usable)
            supply = {iso3: float(own["weight"].sum())}
            foreign = served[(served["iso3"] != iso3) & served["model"].isin(usable)]
            for supplier, weight in foreign.groupby("iso3")["weight"].sum().items():
                supply[str(supplier)] = float(weight)
            for supplier, amount in supply.items():
                if amount > 0:
                    rows.append({"iso3": iso3, "layer": "models", "supplier": supplier,
                                 "year": year, "share": amount / n, "source_id": "epoch_models",
                                 "note": "domestic models" if supplier == iso3 else
                                 "closed-weight (API/hosted) models"})
    return pd.DataFrame(rows, columns=list(DEPENDENCY_COLUMNS))


#: The 1:110m country outlines the dashboard's map draws (Natural Earth via plotly, MIT):
#: the land borders of the landlocked rule.
BORDER_MAP = Path(__file__).resolve().parents[2] / "dashboard" / "assets" / "world_110m.json"


def connectivity(ctx: Context) -> pd.DataFrame:
    """Return the connectivity and cable_suppliers rows (submarine cable map, 2023 vintage)."""
    rows = cables.connectivity_rows(cables.read_cables(ctx.sources, ctx.names),
                                    cables.read_neighbours(BORDER_MAP), ctx.iso3s)
    return _known_suppliers(pd.DataFrame(rows, columns=list(DEPENDENCY_COLUMNS)), ctx)


def dependencies(ctx: Context) -> pd.DataFrame:
    """Return every dependencies.csv row."""
    frame = pd.concat([chips(ctx), chip_stages_rows(ctx), cloud(ctx), model_access(ctx),
                       connectivity(ctx), energy_rows(ctx)], ignore_index=True)
    return frame.loc[:, list(DEPENDENCY_COLUMNS)]
