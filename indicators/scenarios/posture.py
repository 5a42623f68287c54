"""Posture map: for every country and ledger layer, control, steer, depend or unattributed.

The rule, applied to the layer's summary (``ledger.summarise``: one stated basis per layer,
the latest year in the window):

* **depend**: one foreign supplier holds half or more of the layer;
* **control**: else, domestic supply holds half or more;
* **unattributed**: else, when more than half of the layer has no named supplier (an
  undisclosed chip designer or foundry, a cloud list that does not cover the country's own
  providers) — the data cannot say;
* **steer**: else: diversified foreign supply, no supplier at half.

Three readings keep the labels honest:

* In the models layer the shares list only the models at risk (closed-weight, served from
  abroad) and the country's own; the rest are open-weight models nobody can switch off
  (``RESIDUAL_IS_SAFE``). They are reported in their own column, ``open_weights``, and count
  neither as domestic supply nor as unattributed (audit A5/A8: counting them as domestic made
  all 199 countries, North Korea included, "control" their models while the ledger said
  Taiwan's are 0 % domestic). The label reads the supply that can be switched off — its own
  models and the foreign closed ones, open weights set aside: ``domestic`` and ``top_share``
  over (1 − ``open_weights``). So the United States (46 % own, 11 % Chinese, 35 % open weights)
  controls; a country with no model of its own (Taiwan, North Korea: the US holds 23 % of 44 %
  switchable) depends; the columns keep the shares of every usable model, as the ledger shows.

* Provider lists (``PROVIDER_LIST_LAYERS``: cloud) count only the providers they list. Where
  the list names no provider from the country itself, its national providers (Naver, KT or
  NHN in Korea) are simply not counted, so the layer is *unattributed*, never 100 % foreign.
* One basis per layer: the chips layers are read on the GPU-cluster stock only
  (``ledger.LAYER_BASIS``), never on TOP500 rows for some countries and clusters for others.
  A country whose clusters are all undisclosed (China's are "Anonymized" in Epoch) is
  unattributed on that basis. A country with no cluster stock at all would buy on the world
  market: its chips layers take the world stock's shares (each country's ledger shares weighted
  by its stock in ``WORLD_WEIGHTS``), marked ``basis = "world stock"``.

A group (``chips_tools``: the eight fabrication-tool categories, indicators/scenarios/layers.py)
gets a row of its own, the weakest link: the row of its *binding* member — the worst posture
among the categories (depend, then unattributed, steer, control), ties to the larger top
foreign share — named in ``binding``. A fab needs every category, so one it depends on makes
the whole stage depend.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.contract import DEFAULT_WINDOW
from indicators.scenarios.layers import (
    LAYER_GROUPS,
    TOOL_LAYERS,
    UNNAMED_FOREIGN,
    group_of,
    is_group_member,
)
from indicators.scenarios.ledger import (
    PROVIDER_LIST_LAYERS,
    SINGLE_POINT_SHARE,
    layer_basis,
    layer_ledger,
    ledger_as_of,
)

LABELS: Final = ("control", "steer", "depend", "unattributed")
POSTURE_COLUMNS: Final = ("iso3", "layer", "posture", "domestic", "top_supplier", "top_share",
                          "unattributed", "basis", "year", "binding", "open_weights")
#: Worst first: the order in which a group's binding member is chosen.
_SEVERITY: Final[dict[str, int]] = {"depend": 0, "unattributed": 1, "steer": 2, "control": 3}
#: Source of a layer's rows → the indicator whose values weight the world-stock fallback.
WORLD_WEIGHTS: Final[dict[str, str]] = {"ai_accelerator_stock": "gpu_cluster_h100e",
                                        # a data directory from before the one chips basis
                                        "epoch_gpu_clusters": "gpu_cluster_h100e",
                                        "top500": "top500_rmax"}
WORLD_FALLBACK_LAYERS: Final = frozenset({"chips", "chips_fab", "chips_packaging",
                                          "chips_memory", "chips_tools", *TOOL_LAYERS})
WORLD_BASIS: Final = "world stock"
#: Layers whose unlisted remainder cannot be switched off (models: open-weight models): it is
#: reported as ``open_weights``, neither domestic nor unattributed.
RESIDUAL_IS_SAFE: Final = frozenset({"models"})


def label(domestic: float, top_share: float, unattributed: float) -> str:
    """Return the posture of one layer from its domestic, top foreign and unattributed shares."""
    if top_share >= SINGLE_POINT_SHARE:
        return "depend"
    if domestic >= SINGLE_POINT_SHARE:
        return "control"
    if unattributed > 1.0 - SINGLE_POINT_SHARE:
        return "unattributed"
    return "steer"


def _summary(rows: pd.DataFrame) -> pd.DataFrame:
    """Return per iso3 and layer: domestic, top foreign supplier and share, unattributed."""
    rows = rows.assign(is_home=rows["supplier"] == rows["iso3"])
    keys = ["iso3", "layer"]
    domestic = rows[rows["is_home"]].groupby(keys)["share"].sum()
    total = rows.groupby(keys)["share"].sum()
    foreign = rows[~rows["is_home"]].sort_values(["share", "supplier"], ascending=[False, True])
    top = foreign.drop_duplicates(keys).set_index(keys)
    out = pd.DataFrame({"domestic": domestic.reindex(total.index, fill_value=0.0),
                        "top_supplier": top["supplier"].reindex(total.index).fillna(""),
                        "top_share": top["share"].reindex(total.index).fillna(0.0),
                        "unattributed": (1.0 - total).clip(lower=0.0),
                        "basis": rows.groupby(keys)["source_id"].first(),
                        "year": rows.groupby(keys)["year"].max()})
    return out


def world_stock(bundle: Bundle, ledger: pd.DataFrame, layer: str,
                year: int) -> pd.DataFrame | None:
    """Return the world stock's shares of ``layer`` (supplier, share) or None if unweighable.

    Each country's rows on the layer's basis are weighted by its value of the basis's
    ``WORLD_WEIGHTS`` indicator in the rows' year.
    """
    rows = ledger[ledger["layer"] == layer]
    if rows.empty:
        return None
    source = str(rows["source_id"].mode().iloc[0])
    code = WORLD_WEIGHTS.get(source)
    rows = rows[rows["source_id"] == source]
    values = bundle.values
    if code is None or code not in set(values["indicator"]):
        weights = pd.Series(1.0, index=rows.index)
    else:
        stock = values[values["indicator"] == code].set_index(["iso3", "year"])["value"]
        keys = pd.MultiIndex.from_frame(rows[["iso3", "year"]])
        weights = pd.Series(stock.reindex(keys).to_numpy(dtype=float), index=rows.index)
    weights = weights.fillna(0.0)
    total = weights.groupby([rows["iso3"], rows["year"]]).first().sum()
    if not np.isfinite(total) or total <= 0:
        return None
    shares = (rows["share"] * weights).groupby(rows["supplier"]).sum() / total
    return shares.rename("share").rename_axis("supplier").reset_index()


def posture(bundle: Bundle, year: int | None = None,
            window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """Return one row per country of countries.csv and ledger layer: its posture and why.

    Columns: iso3, layer, posture (one of ``LABELS``), domestic, top_supplier, top_share,
    unattributed (shares 0–1), basis (the rows' source_id, or ``WORLD_BASIS``), year, and
    binding (on a group's row, the member layer it reads; else empty). Groups whose members
    are in the ledger get a row per country too (``group_rows``).
    """
    year = bundle.years[-1] if year is None else year
    ledger = ledger_as_of(bundle, year, window)
    # one basis per layer: the stated one, where the data has it
    bases = layer_basis(ledger)
    stated = ledger["layer"].map(lambda layer: bases.get(layer, ""))
    present = (ledger["source_id"] == stated).groupby(ledger["layer"]).transform("any")
    ledger = ledger[~present | (ledger["source_id"] == stated)]
    rows = layer_ledger(ledger)
    summary = _summary(rows) if not rows.empty else pd.DataFrame(
        columns=list(POSTURE_COLUMNS[3:])).set_index(pd.MultiIndex.from_arrays(
            [[], []], names=["iso3", "layer"]))
    layers = sorted(set(bundle.dependencies["layer"].astype(str)))
    countries = list(bundle.countries.index)
    full = pd.MultiIndex.from_product([countries, layers], names=["iso3", "layer"])
    out = summary.reindex(full)
    for layer in layers:
        on_layer = out.index.get_level_values("layer") == layer
        if layer in PROVIDER_LIST_LAYERS:
            listed = set(rows.loc[rows["layer"] == layer, "supplier"])
            uncovered = on_layer & ~out.index.get_level_values("iso3").isin(sorted(listed))
            out.loc[uncovered, ["domestic", "top_share"]] = np.nan
        if layer in WORLD_FALLBACK_LAYERS:
            missing = on_layer & out["year"].isna().to_numpy()
            basis = bases.get(layer, "")
            stocked = (_has_stock(bundle, basis, year, window)
                       if (ledger.loc[ledger["layer"] == layer, "source_id"] == basis).any()
                       else [])
            hidden = missing & np.asarray(out.index.get_level_values("iso3").isin(stocked))
            # a stock whose every chip is undisclosed is unattributed on the stated basis
            out.loc[hidden, "basis"] = basis
            out.loc[hidden, "year"] = year
            missing &= ~hidden
            world = world_stock(bundle, ledger[ledger["layer"] == layer], layer, year)
            if world is not None and missing.any():
                out.loc[missing] = _world_rows(out.index[missing], world, year)
    out["open_weights"] = 0.0
    if not out.empty:
        safe = out.index.get_level_values("layer").isin(sorted(RESIDUAL_IS_SAFE))
        out.loc[safe, "open_weights"] = out.loc[safe, "unattributed"]
        out.loc[safe, "unattributed"] = 0.0
    out = out.reset_index()
    switchable = (1.0 - out["open_weights"].astype(float)).where(lambda v: v > 1e-12)
    out["posture"] = [
        "unattributed" if pd.isna(dom) or pd.isna(top) or pd.isna(part)
        else label(*(round(float(v) / part, 12) for v in (dom, top, unat)))  # 0.3/0.6 is 1/2
        for dom, top, unat, part in zip(out["domestic"], out["top_share"],
                                        out["unattributed"].fillna(1.0), switchable,
                                        strict=True)]
    # energy imports have no named supplier, but they are foreign: a country importing half
    # or more of its energy depends on imports (audit B17), it is not "unattributed"
    unnamed = out["layer"].isin(sorted(UNNAMED_FOREIGN)) & out["domestic"].notna()
    out.loc[unnamed, "posture"] = [label(float(d), 1.0 - float(d), 0.0)
                                   for d in out.loc[unnamed, "domestic"]]
    out["top_supplier"] = out["top_supplier"].fillna("").astype(str)
    out["basis"] = out["basis"].fillna("").astype(str)
    out["year"] = out["year"].astype("Int64")
    out["binding"] = ""
    return group_rows(out[list(POSTURE_COLUMNS)])


def group_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Return ``table`` with one row per country and group of its member layers: the binding
    member's row (worst posture, ties to the larger top foreign share), ``binding`` naming it.

    A group that is a ledger layer of its own (an older data directory) is left as it is.
    """
    members = table[table["layer"].map(is_group_member)]
    members = members[~members["layer"].map(group_of).isin(set(table["layer"]))]
    if members.empty:
        return table
    ranked = members.assign(group=members["layer"].map(group_of),
                            worst=members["posture"].map(_SEVERITY),
                            top=-members["top_share"].fillna(0.0).astype(float),
                            order=members["layer"].map(_member_order))
    binding = ranked.sort_values(["iso3", "group", "worst", "top", "order"]).drop_duplicates(
        ["iso3", "group"])
    groups = binding.assign(binding=binding["layer"], layer=binding["group"])
    columns = [c for c in POSTURE_COLUMNS if c in table.columns]  # open_weights is optional
    out = pd.concat([table, groups[columns]], ignore_index=True)
    return out.sort_values(["iso3", "layer"], kind="stable").reset_index(drop=True)


def _member_order(layer: str) -> int:
    """Return the position of ``layer`` among its group's members (the table's order)."""
    return LAYER_GROUPS[group_of(layer)].index(layer)


def _has_stock(bundle: Bundle, source: str, year: int, window: int) -> list[str]:
    """Return the countries with a positive value of ``source``'s weighting indicator in the
    window (they hold a stock on that basis even where no chip of it is attributed)."""
    code = WORLD_WEIGHTS.get(source)
    values = bundle.values
    if code is None:
        return []
    rows = values[(values["indicator"] == code) & values["year"].between(year - window, year)]
    return sorted(set(rows.loc[rows["value"] > 0, "iso3"]))


def _world_rows(index: pd.Index, world: pd.DataFrame, year: int) -> pd.DataFrame:
    """Return the world stock's summary for each (iso3, layer) of ``index``."""
    ranked = world.sort_values(["share", "supplier"], ascending=[False, True])
    suppliers = ranked["supplier"].astype(str).tolist()
    shares = ranked["share"].astype(float).tolist()
    by_supplier = dict(zip(suppliers, shares, strict=True))
    unattributed = max(0.0, 1.0 - sum(shares))
    records = []
    for iso3 in index.get_level_values("iso3"):
        foreign = [(s, v) for s, v in zip(suppliers, shares, strict=True) if s != iso3]
        top, top_share = foreign[0] if foreign else ("", 0.0)
        records.append({"domestic": by_supplier.get(iso3, 0.0), "top_supplier": top,
                        "top_share": top_share, "unattributed": unattributed,
                        "basis": WORLD_BASIS, "year": year})
    return pd.DataFrame(records, index=index)


def posture_matrix(table: pd.DataFrame) -> pd.DataFrame:
    """Return the posture labels as a country × layer table (index iso3)."""
    return table.pivot(index="iso3", columns="layer", values="posture")
