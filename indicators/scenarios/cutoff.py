"""Cut-off arithmetic: the share of each country's capacity a scenario removes, per indicator.

For an indicator whose layer is cut, in country c: value' = value × (1 − severity × S), where S
is the summed ledger share of the cut suppliers other than c itself (and, allies exempt, other
than members of a bloc c belongs to). The ledger basis is the ledger rows whose source matches
the indicator's source when the country has them, else the country's latest rows for the layer.
Only indicators where more is better (direction +1) are cut: for the others a lower value would
read as an improvement, so they are left as they are and a warning says so.

Stage layers: a ledger layer named in ``STAGE_OF`` (chips_fab, chips_packaging, chips_memory,
the chips_tools group) is a stage of the indicator layer it maps to (chips), so cutting it cuts
the indicators of that layer. A chip lost at one stage is not lost twice: when several stages of
one layer are cut, S is the largest stage share (exact when the stages cut are those of the
same chips, as Taiwan's fabrication and packaging of the same GPUs; a lower bound otherwise).

Groups (indicators/scenarios/layers.py): a scenario layer such as ``chips_tools`` stands for
several ledger layers (the eight fabrication-tool categories). A fab needs every one, so the
group's S is the largest S of its members — the weakest link: capacity kept = min over the
categories of (1 − the category's share supplied by the cut countries).

With ``scenario.horizon_years`` set, each layer's S is multiplied by the fraction lost by then
(``horizon.lost_fraction``: services at once, hardware as it ages out); unset, the strict
power switch applies (everything that depends on a cut supplier is lost).

A layer no scored indicator carries (models, in the shipped data) changes no score; what the
country keeps of it is reported as access instead (``layer_access``): 1 − severity × S from the
country's latest ledger year for the layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.scenarios.definition import Scenario, default_allies
from indicators.scenarios.horizon import lost_fraction
from indicators.scenarios.layers import TOOLS_GROUP, UNNAMED_FOREIGN, cut_key, group_of
from indicators.scenarios.ledger import layer_ledger, ledger_as_of

#: The layer reported as access kept rather than as a score (see docs/scenarios.md).
MODELS_LAYER: Final = "models"
ACCESS_COLUMNS: Final = ("kept", "lost", "year", "source_id")
#: Ledger layers that are stages of an indicator layer: cutting one cuts that layer's indicators.
STAGE_OF: Final[dict[str, str]] = {"chips_fab": "chips", "chips_packaging": "chips",
                                   "chips_memory": "chips", TOOLS_GROUP: "chips"}


#: Layers whose share kept the command line reports beside the scores even when an indicator
#: carries them (connectivity: the data pillar's submarine_cables).
KEPT_ALWAYS: Final = frozenset({"connectivity", "cable_suppliers", "energy"})


def indicator_layer(layer: str) -> str:
    """Return the indicator layer a scenario or ledger layer cuts: its parent for a stage
    (or a member of a stage group), else itself."""
    return STAGE_OF.get(layer, STAGE_OF.get(group_of(layer), layer))


def keyed(ledger: pd.DataFrame, scenario_layers: tuple[str, ...]) -> pd.DataFrame:
    """Return the rows of ``ledger`` that ``scenario_layers`` cut, with the cutting layer as
    ``key`` (the ledger layer itself, or the group a scenario names)."""
    keys = ledger["layer"].map(_keys(ledger["layer"], scenario_layers))
    return ledger.assign(key=keys)[keys.notna()]


def _keys(layers: pd.Series, scenario_layers: tuple[str, ...]) -> dict[str, str | None]:
    """Return ``cut_key`` of each distinct ledger layer (one call per layer, not per row)."""
    return {layer: cut_key(layer, scenario_layers) for layer in layers.unique()}


def weakest_link(per_layer: pd.DataFrame) -> pd.DataFrame:
    """Return ``per_layer`` (index …, layer; columns cut, year, key, source_id?) with ``layer``
    replaced by ``key``: per key, the largest cut of its ledger layers (a group's members: the
    weakest link), their latest year and the source of the layer cut most."""
    index = list(per_layer.index.names)
    frame = per_layer.reset_index()
    frame["layer"] = frame["key"]
    frame = frame.sort_values("cut", ascending=False, kind="stable")
    agg = {"cut": ("cut", "max"), "year": ("year", "max")}
    if "source_id" in frame:
        agg["source_id"] = ("source_id", "first")
    return frame.groupby(index, sort=True).agg(**agg)


def stages_cut(layer: str, cut_layers: tuple[str, ...]) -> list[str]:
    """Return the layers of ``cut_layers`` that reach indicators of ``layer``, in their order."""
    return [cut for cut in cut_layers if indicator_layer(cut) == layer]


@dataclass(frozen=True)
class CutShares:
    """Per country × indicator: the share cut (0 where untouched) and the ledger basis used.

    ``known`` is False where the indicator's layer is cut but the country has no ledger rows for
    it (then nothing is cut: the data cannot say who supplies it). ``removed`` holds the ledger
    rows the scenario removes something from (iso3, layer, key, supplier, year, source_id, cut:
    the share removed before severity, and the row's note), so a text can name who supplied
    what was lost and on what assumption.
    ``cut_layers`` maps each cut indicator to the first cut layer that reaches it (its own
    layer or a stage of it);
    ``cut_stages`` to every such layer. ``basis_source`` and ``basis_year`` are those of the
    stage whose share is used (the largest).
    """

    share: pd.DataFrame
    known: pd.DataFrame
    basis_source: pd.DataFrame
    basis_year: pd.DataFrame
    cut_layers: dict[str, str]
    layer_share: pd.DataFrame
    warnings: tuple[str, ...] = ()
    cut_stages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    removed: pd.DataFrame = field(default_factory=pd.DataFrame)

    def factor(self, severity: float) -> pd.DataFrame:
        """Return the multiplier 1 − severity × share that each value keeps."""
        return 1.0 - severity * self.share


def allied_pairs(bundle: Bundle, blocs: tuple[str, ...] | None) -> pd.MultiIndex:
    """Return the (iso3, supplier) pairs that share a bloc (``None``: every bloc of groups.csv
    but the forums of ``NOT_ALLIANCES``: G20, BRICS, AU, ASEAN)."""
    groups = bundle.groups
    if blocs is None:
        blocs = default_allies(groups["group"].unique())
    groups = groups[groups["group"].isin(blocs)]
    pairs = groups.merge(groups, on="group", suffixes=("", "_ally"))
    return pd.MultiIndex.from_frame(pairs[["iso3", "iso3_ally"]].drop_duplicates(),
                                    names=["iso3", "supplier"])


def cut_rows(ledger: pd.DataFrame, scenario: Scenario, allies: pd.MultiIndex | None) -> pd.Series:
    """Return, per ledger row, the share removed: share if the row's supplier is cut, else 0.

    On an ``UNNAMED_FOREIGN`` layer an all-foreign cut also removes the unnamed foreign
    remainder (1 − the listed shares of the country, layer, year and source), counted on the
    country's own row.
    """
    foreign = ledger["supplier"] != ledger["iso3"]
    named = ledger["supplier"].isin(scenario.cut)
    on_cut_layer = ledger["layer"].map(_keys(ledger["layer"], scenario.layers)).notna()
    is_cut = foreign & (named | scenario.cuts_all_foreign) & on_cut_layer
    if scenario.allies_exempt and allies is not None:
        pair = pd.MultiIndex.from_frame(ledger[["iso3", "supplier"]])
        is_cut &= ~pair.isin(allies)
    removed = ledger["share"].where(is_cut, 0.0)
    unnamed = ledger["layer"].isin(sorted(UNNAMED_FOREIGN)) & ~foreign
    if scenario.cuts_all_foreign and unnamed.any():
        on_layer = on_cut_layer
        keys = [ledger[c] for c in ("iso3", "layer", "year", "source_id")]
        listed = ledger["share"].groupby(keys).transform("sum")
        remainder = (1.0 - listed).clip(lower=0.0)
        removed = removed.where(~(unnamed & on_layer), removed + remainder)
    return removed


def cut_shares(bundle: Bundle, scenario: Scenario, indicators: pd.DataFrame, year: int,
               window: int) -> CutShares:
    """Return the share of each country's value of each indicator that ``scenario`` removes."""
    countries = bundle.countries.index
    codes = list(indicators.index)
    ledger = keyed(ledger_as_of(bundle, year, window), scenario.layers)
    allies = allied_pairs(bundle, scenario.allies) if scenario.allies_exempt else None
    lost = ledger["layer"].map(lambda layer: lost_fraction(layer, scenario.horizon_years))
    ledger = ledger.assign(cut=cut_rows(ledger, scenario, allies) * lost.astype(float))
    by_basis = weakest_link(ledger.groupby(["iso3", "layer", "source_id"]).agg(
        cut=("cut", "sum"), year=("year", "max"), key=("key", "first")))
    latest = layer_ledger(ledger)
    by_layer = weakest_link(latest.groupby(["iso3", "layer"]).agg(
        cut=("cut", "sum"), year=("year", "max"), source_id=("source_id", "first"),
        key=("key", "first")))
    layer_share = by_layer["cut"].unstack("layer").reindex(index=countries,
                                                           columns=list(scenario.layers))

    share = pd.DataFrame(0.0, index=countries, columns=codes)
    known = pd.DataFrame(True, index=countries, columns=codes)
    basis_source = pd.DataFrame("", index=countries, columns=codes, dtype=object)
    basis_year = pd.DataFrame(np.nan, index=countries, columns=codes)
    cut_layers: dict[str, str] = {}
    cut_stages: dict[str, tuple[str, ...]] = {}
    warnings: list[str] = []
    layers = indicators["layer"].fillna("").astype(str)
    directions = indicators["direction"].astype(float)
    for code in codes:
        layer = layers[code]
        stages = stages_cut(layer, scenario.layers) if layer else []
        if not stages:
            continue
        if directions[code] < 0:
            warnings.append(f"{code}: layer {layer} is cut but less is better for this "
                            "indicator, so it is left unchanged")
            continue
        cut_layers[code] = stages[0]
        cut_stages[code] = tuple(stages)
        source = str(indicators.at[code, "source_id"])
        best = pd.DataFrame({"cut": np.nan, "year": np.nan, "source_id": ""}, index=countries)
        for stage in stages:
            exact = _basis(by_basis, stage, source, countries)
            fallback = _basis(by_layer, stage, None, countries)
            use_exact = exact["cut"].notna()
            chosen = exact.where(use_exact, fallback[["cut", "year"]])
            chosen["source_id"] = np.where(use_exact, source,
                                           fallback["source_id"].fillna("").astype(str))
            better = chosen["cut"].notna() & ~(best["cut"] >= chosen["cut"])
            best = best.where(~better, chosen)
        share[code] = best["cut"].fillna(0.0).astype(float)
        known[code] = best["cut"].notna()
        basis_year[code] = best["year"].astype(float)
        basis_source[code] = best["source_id"].where(known[code], "").astype(str)
    removed = ledger.loc[ledger["cut"] > 0, ["iso3", "layer", "key", "supplier", "year",
                                            "source_id", "cut", "note"]].reset_index(drop=True)
    return CutShares(share=share, known=known, basis_source=basis_source, basis_year=basis_year,
                     cut_layers=cut_layers, layer_share=layer_share, warnings=tuple(warnings),
                     cut_stages=cut_stages, removed=removed)


def _basis(table: pd.DataFrame, layer: str, source: str | None,
           countries: pd.Index) -> pd.DataFrame:
    """Return the rows of ``table`` for ``layer`` (and ``source``) reindexed by country."""
    if table.empty:
        columns = ["cut", "year"] + (["source_id"] if source is None else [])
        return pd.DataFrame(np.nan, index=countries, columns=columns)
    keep = table.index.get_level_values("layer") == layer
    levels = ["layer"]
    if source is not None:
        keep &= table.index.get_level_values("source_id") == source
        levels.append("source_id")
    rows: pd.DataFrame = table[keep].droplevel(tuple(levels))
    return rows.reindex(countries)


def layer_access(bundle: Bundle, scenario: Scenario, layer: str, year: int,
                 window: int) -> pd.DataFrame:
    """Return per country (index iso3) the share of its ``layer`` supply kept under ``scenario``.

    Columns: ``kept`` = 1 − severity × S (S: summed ledger share of the cut suppliers other
    than the country itself, allies exempt when chosen; 1 when the layer is not cut), ``lost`` =
    severity × S, and the ``year`` and ``source_id`` of the ledger rows used: the country's
    latest year for the layer in [year − window, year], first source if several. All NaN (and
    source empty) where the country has no ledger rows for the layer.
    """
    countries = bundle.countries.index
    rows = layer_ledger(keyed(ledger_as_of(bundle, year, window), (layer,)))
    allies = allied_pairs(bundle, scenario.allies) if scenario.allies_exempt else None
    by_then = lost_fraction(layer, scenario.horizon_years)
    rows = rows.assign(cut=cut_rows(rows, scenario, allies) * by_then)
    per_layer = rows.groupby(["iso3", "layer"]).agg(cut=("cut", "sum"), year=("year", "max"),
                                                    source_id=("source_id", "first"),
                                                    key=("key", "first"))
    by_country = weakest_link(per_layer).droplevel("layer").reindex(countries)
    lost = (scenario.severity * by_country["cut"].astype(float)).clip(0.0, 1.0)
    out = pd.DataFrame({"kept": 1.0 - lost, "lost": lost,
                        "year": by_country["year"].astype("Int64"),
                        "source_id": by_country["source_id"].fillna("").astype(str)},
                       index=countries)
    return out.rename_axis("iso3")
