"""dependencies.csv: shares of each country's supply by supplier, one stated basis per layer.

chips, chips_fab, chips_packaging, chips_memory: the share of the country's AI accelerator stock
  in H100e (source ai_accelerator_stock, indicators/importers/accelerator_stock.py: Epoch GPU
  clusters plus the TOP500 systems of chip families Epoch does not list; chips Epoch does not
  disclose attributed by a stated rule, said in each row's note) by the home of the chip's
  designer, fab, packaging site or HBM maker. The same stages on TOP500 Rmax (source top500)
  cut only the top500_rmax indicator, which measures FP64 Rmax, not AI accelerators.
chips_tools_<category>: the eight fabrication-tool categories (CSET/ETO world shares; the
  chips_tools group of a scenario).
cloud: share of the in-service hyperscale regions hosted in the country by provider
  headquarters (TeleGeography, 2025), the one basis of the layer.
models: share of the large-scale models usable in the country that come from each supplier
  (see the large_scale_models indicator for the assumptions); own models are the domestic
  row, foreign open-weight models are not at risk and are not attributed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.observations import Context
from indicators.contract import DEPENDENCY_COLUMNS
from indicators.importers import accelerator_stock, cables, chip_stages, compute, models
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


def _top500_stock(ctx: Context) -> tuple[pd.DataFrame, dict[str, ChipFamily | None]]:
    """Return the TOP500 Rmax by iso3, year and chip name, and each chip's family."""
    top = compute.read_top500(ctx.sources, ctx.names).rename(columns={"chip": "key",
                                                                      "rmax": "value"})
    stock = top.groupby(["iso3", "year", "key"], as_index=False).agg(value=("value", "sum"))
    families: dict[str, ChipFamily | None] = {
        key: chip_stages.top500_family(key, "top500") for key in stock["key"].unique()}
    return stock, families


_TOP500_NOTE = "Rmax basis of the top500_rmax indicator only: TOP500 Rmax by"
_STAGE_NOTES = {"chips": "chip designer home", "chips_fab": "fabrication site of the chip family",
                "chips_packaging": "advanced packaging site of the chip family",
                "chips_memory": "HBM memory maker of the chip family"}


def chips(ctx: Context) -> pd.DataFrame:
    """Return the chips-layer (design stage) rows: the stated basis and the TOP500 Rmax rows.

    The stated basis of the layer, every country and year (``ai_accelerator_stock``, the
    ledger's LAYER_BASIS): the share of the country's AI accelerator stock in H100e by the
    home of the chip's designer (indicators/importers/accelerator_stock.py). The TOP500 rows
    (source ``top500``) cut only the top500_rmax indicator, which measures FP64 Rmax: a
    country's own-design supercomputers (Fugaku, Sunway) keep running when US chips are cut.
    """
    return chip_stages_rows(ctx, layers=("chips",), tools=False)


def chip_stages_rows(ctx: Context, layers: tuple[str, ...] = ("chips_fab", "chips_packaging",
                                                                "chips_memory"),
                     tools: bool = True) -> pd.DataFrame:
    """Return the stage layers' rows (chips_fab, chips_packaging, chips_memory, chips_tools_*).

    Each stage on the stated basis (the AI accelerator stock by the stage's home) and on the
    TOP500 Rmax (for the top500_rmax indicator only). The chips_tools_* layers apply each
    fabrication-tool category's CSET/ETO world shares to every country and year with a stock
    (``tool_rows``).
    """
    stock = accelerator_stock.build_stock(ctx.sources, ctx.names)
    parts = [accelerator_stock.stage_rows(stock, layers)]
    top, families = _top500_stock(ctx)
    for layer in layers:
        parts.append(_shares(_stage_frame(top, families, layer), "supplier", layer, "top500",
                             f"{_TOP500_NOTE} {_STAGE_NOTES[layer]}"))
    if tools:
        stocked = pd.concat([stock.rows[["iso3", "year"]], top[["iso3", "year"]]])
        parts.append(tool_rows(ctx, stocked.drop_duplicates()))
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
    """Return the cloud-layer rows: in-service hyperscale regions by provider headquarters
    (TeleGeography, 2025), the one basis of the layer.

    The 14-provider export of 2026 is not a second basis: it lists no Chinese provider, so a
    2026 row would have shown China's cloud as all US.
    """
    tele = compute.read_telegeography(ctx.sources, ctx.names).assign(year=2025, value=1.0)
    return _shares(tele[["iso3", "year", "home", "value"]], "home", "cloud",
                   "cloud_regions_telegeography", "basis: hyperscale regions by provider HQ")


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
