"""Epoch AI's GPU clusters (``epoch-ai/gpu_clusters.csv``): existing sites and their stock.

Used by the compute pillar (``gpu_cluster_h100e``) and by the chips layers of dependencies.csv.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.readers import FIRST_YEAR, require
from indicators.importers.chips import epoch_supplier


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
