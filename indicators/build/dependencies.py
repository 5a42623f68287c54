"""dependencies.csv: shares of each country's chips, cloud and model supply by supplier.

chips: share of the country's GPU-cluster H100e (Epoch AI, year-end stock) whose primary chip
  was designed in each jurisdiction; H100e with an undisclosed designer (e.g. China's
  "Anonymized" clusters) stay unattributed, so shares may sum to less than 1. Countries with
  no attributed H100e at all fall back to the TOP500 Rmax of the year's latest list by the
  home of the accelerator (or processor) designer. The note says which basis a row uses.
cloud: share of the in-service hyperscale regions hosted in the country by provider
  headquarters (TeleGeography, 2025) and, for 2026, of the GPU regions of 14 providers.
models: share of the large-scale models usable in the country that come from each supplier
  (see the large_scale_models indicator for the assumptions); own models are the domestic
  row, foreign open-weight models are not at risk and are not attributed.
"""

from __future__ import annotations

import pandas as pd

from indicators.build.observations import Context
from indicators.contract import DEPENDENCY_COLUMNS
from indicators.importers import compute, models


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


def chips(ctx: Context) -> pd.DataFrame:
    """Return the chips-layer rows (Epoch H100e basis, TOP500 Rmax fallback)."""
    clusters = compute.read_gpu_clusters(ctx.sources, ctx.names)
    stock = compute.cluster_stock(clusters, compute.cluster_years(clusters))
    epoch = _shares(stock.rename(columns={"chip_home": "supplier"}), "supplier", "chips",
                    "epoch_gpu_clusters", "basis: GPU-cluster H100e by chip designer home")
    top = compute.read_top500(ctx.sources, ctx.names)
    top = top[~top["iso3"].isin(set(epoch["iso3"]))]
    top = top.rename(columns={"chip_home": "supplier", "rmax": "value"})
    fallback = _shares(top[["iso3", "year", "supplier", "value"]], "supplier", "chips",
                       "top500", "basis: TOP500 Rmax by chip designer home")
    return pd.concat([epoch, fallback], ignore_index=True)


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


def dependencies(ctx: Context) -> pd.DataFrame:
    """Return every dependencies.csv row."""
    frame = pd.concat([chips(ctx), cloud(ctx), model_access(ctx)], ignore_index=True)
    return frame.loc[:, list(DEPENDENCY_COLUMNS)]
