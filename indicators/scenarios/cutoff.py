"""Cut-off arithmetic: the share of each country's capacity a scenario removes, per indicator.

For an indicator whose layer is cut, in country c: value' = value × (1 − severity × S), where S
is the summed ledger share of the cut suppliers other than c itself (and, allies exempt, other
than members of a bloc c belongs to). The ledger basis is the ledger rows whose source matches
the indicator's source when the country has them, else the country's latest rows for the layer.
Only indicators where more is better (direction +1) are cut: for the others a lower value would
read as an improvement, so they are left as they are and a warning says so.

A layer no scored indicator carries (models, in the shipped data) changes no score; what the
country keeps of it is reported as access instead (``layer_access``): 1 − severity × S from the
country's latest ledger year for the layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.scenarios.definition import Scenario
from indicators.scenarios.ledger import layer_ledger, ledger_as_of

#: The layer reported as access kept rather than as a score (see docs/scenarios.md).
MODELS_LAYER: Final = "models"
ACCESS_COLUMNS: Final = ("kept", "lost", "year", "source_id")


@dataclass(frozen=True)
class CutShares:
    """Per country × indicator: the share cut (0 where untouched) and the ledger basis used.

    ``known`` is False where the indicator's layer is cut but the country has no ledger rows for
    it (then nothing is cut: the data cannot say who supplies it). ``cut_layers`` maps each cut
    indicator to its layer.
    """

    share: pd.DataFrame
    known: pd.DataFrame
    basis_source: pd.DataFrame
    basis_year: pd.DataFrame
    cut_layers: dict[str, str]
    layer_share: pd.DataFrame
    warnings: tuple[str, ...] = ()

    def factor(self, severity: float) -> pd.DataFrame:
        """Return the multiplier 1 − severity × share that each value keeps."""
        return 1.0 - severity * self.share


def allied_pairs(bundle: Bundle, blocs: tuple[str, ...] | None) -> pd.MultiIndex:
    """Return the (iso3, supplier) pairs that share a bloc (``None``: any bloc of groups.csv)."""
    groups = bundle.groups
    if blocs is not None:
        groups = groups[groups["group"].isin(blocs)]
    pairs = groups.merge(groups, on="group", suffixes=("", "_ally"))
    return pd.MultiIndex.from_frame(pairs[["iso3", "iso3_ally"]].drop_duplicates(),
                                    names=["iso3", "supplier"])


def cut_rows(ledger: pd.DataFrame, scenario: Scenario, allies: pd.MultiIndex | None) -> pd.Series:
    """Return, per ledger row, the share removed: share if the row's supplier is cut, else 0."""
    foreign = ledger["supplier"] != ledger["iso3"]
    named = ledger["supplier"].isin(scenario.cut)
    is_cut = foreign & (named | scenario.cuts_all_foreign) & ledger["layer"].isin(scenario.layers)
    if scenario.allies_exempt and allies is not None:
        pair = pd.MultiIndex.from_frame(ledger[["iso3", "supplier"]])
        is_cut &= ~pair.isin(allies)
    return ledger["share"].where(is_cut, 0.0)


def cut_shares(bundle: Bundle, scenario: Scenario, indicators: pd.DataFrame, year: int,
               window: int) -> CutShares:
    """Return the share of each country's value of each indicator that ``scenario`` removes."""
    countries = bundle.countries.index
    codes = list(indicators.index)
    ledger = ledger_as_of(bundle, year, window)
    ledger = ledger[ledger["layer"].isin(scenario.layers)]
    allies = allied_pairs(bundle, scenario.allies) if scenario.allies_exempt else None
    ledger = ledger.assign(cut=cut_rows(ledger, scenario, allies))
    by_basis = ledger.groupby(["iso3", "layer", "source_id"]).agg(cut=("cut", "sum"),
                                                                  year=("year", "max"))
    latest = layer_ledger(ledger)
    by_layer = latest.groupby(["iso3", "layer"]).agg(cut=("cut", "sum"), year=("year", "max"),
                                                     source_id=("source_id", "first"))
    layer_share = by_layer["cut"].unstack("layer").reindex(index=countries,
                                                           columns=list(scenario.layers))

    share = pd.DataFrame(0.0, index=countries, columns=codes)
    known = pd.DataFrame(True, index=countries, columns=codes)
    basis_source = pd.DataFrame("", index=countries, columns=codes, dtype=object)
    basis_year = pd.DataFrame(np.nan, index=countries, columns=codes)
    cut_layers: dict[str, str] = {}
    warnings: list[str] = []
    layers = indicators["layer"].fillna("").astype(str)
    directions = indicators["direction"].astype(float)
    for code in codes:
        layer = layers[code]
        if layer not in scenario.layers:
            continue
        if directions[code] < 0:
            warnings.append(f"{code}: layer {layer} is cut but less is better for this "
                            "indicator, so it is left unchanged")
            continue
        cut_layers[code] = layer
        source = str(indicators.at[code, "source_id"])
        exact = _basis(by_basis, layer, source, countries)
        fallback = _basis(by_layer, layer, None, countries)
        use_exact = exact["cut"].notna()
        chosen = exact.where(use_exact, fallback[["cut", "year"]])
        share[code] = chosen["cut"].fillna(0.0).astype(float)
        known[code] = chosen["cut"].notna()
        basis_year[code] = chosen["year"].astype(float)
        src = pd.Series(np.where(use_exact, source, fallback["source_id"].fillna("")),
                        index=countries)
        basis_source[code] = src.where(known[code], "")
    return CutShares(share=share, known=known, basis_source=basis_source, basis_year=basis_year,
                     cut_layers=cut_layers, layer_share=layer_share, warnings=tuple(warnings))


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
    ledger = ledger_as_of(bundle, year, window)
    rows = layer_ledger(ledger[ledger["layer"] == layer])
    allies = allied_pairs(bundle, scenario.allies) if scenario.allies_exempt else None
    rows = rows.assign(cut=cut_rows(rows, scenario, allies))
    by_country = rows.groupby("iso3").agg(cut=("cut", "sum"), year=("year", "max"),
                                          source_id=("source_id", "first"))
    by_country = by_country.reindex(countries)
    lost = (scenario.severity * by_country["cut"].astype(float)).clip(0.0, 1.0)
    out = pd.DataFrame({"kept": 1.0 - lost, "lost": lost,
                        "year": by_country["year"].astype("Int64"),
                        "source_id": by_country["source_id"].fillna("").astype(str)},
                       index=countries)
    return out.rename_axis("iso3")
