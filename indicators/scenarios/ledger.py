"""The dependency ledger: who supplies each country's chips, cloud and models, and how concentrated.

Rows come from dependencies.csv. For a scoring year Y the ledger keeps, per country, layer and
source (basis), the latest year in [Y − window, Y]. A country's own row is domestic supply; shares
need not sum to 1 (the models layer lists only the supply at risk plus domestic models: the rest
is open-weight models nobody can switch off).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from indicators.bundle import Bundle
from indicators.contract import DEFAULT_WINDOW
from indicators.kept import Kept
from indicators.scenarios.layers import cut_key, layer_phrase

#: The stated basis of each layer's summary (one basis per layer and year): a country with
#: rows of this source in the window is summarised on them; one without falls back to its
#: latest year's rows (first source). Cut-offs use the basis of each indicator's own source.
#: Cloud: the eight hyperscalers incl. the Chinese three (the 14-provider list has none, so it
#: would show China's cloud as all US). Chips: AI accelerators in GPU clusters.
LAYER_BASIS: Final[dict[str, str]] = {
    "cloud": "cloud_regions_telegeography", "chips": "ai_accelerator_stock",
    "chips_fab": "ai_accelerator_stock", "chips_packaging": "ai_accelerator_stock",
    "chips_memory": "ai_accelerator_stock",
}

#: A stated basis → the one it replaced: a data directory from before issue 12's one chips
#: basis (GPU-cluster rows, source epoch_gpu_clusters) is summarised on that, as it was.
LEGACY_BASIS: Final[dict[str, str]] = {"ai_accelerator_stock": "epoch_gpu_clusters"}


def layer_basis(ledger: pd.DataFrame) -> dict[str, str]:
    """Return, per layer of ``ledger`` with a stated basis, the source it is read on: the
    ``LAYER_BASIS`` source, or its ``LEGACY_BASIS`` when the ledger has rows of that only."""
    pairs = ledger[["layer", "source_id"]].drop_duplicates()
    sources: dict[str, set[str]] = {}
    for layer, source in zip(pairs["layer"], pairs["source_id"], strict=True):
        sources.setdefault(str(layer), set()).add(source)
    out = {}
    for layer, present in sorted(sources.items()):
        stated = LAYER_BASIS.get(str(layer), "")
        legacy = LEGACY_BASIS.get(stated, "")
        if stated:
            out[str(layer)] = legacy if stated not in present and legacy in present else stated
    return out


#: A foreign supplier holding at least this share of a layer is a single point of failure.
SINGLE_POINT_SHARE: Final = 0.5

LEDGER_COLUMNS: Final = ("iso3", "layer", "supplier", "year", "share", "source_id", "note")
SUMMARY_COLUMNS: Final = ("iso3", "layer", "year", "source_id", "domestic", "foreign",
                          "unattributed", "hhi", "top_supplier", "top_share", "single_point",
                          "listed_only")
#: Layers whose sources list some providers only, not every provider of a country: where the
#: list names none from the country itself, its own providers are simply not counted.
PROVIDER_LIST_LAYERS: Final = frozenset({"cloud"})


#: Ledgers in force kept per (data version, year, window): a pure function of the data that
#: every scenario, posture and ledger table of a year asks for.
LEDGERS_KEPT: Final = 16
_ledgers: Kept[tuple[pd.DataFrame, pd.DataFrame]] = Kept(LEDGERS_KEPT)


def ledger_as_of(bundle: Bundle, year: int, window: int = DEFAULT_WINDOW) -> pd.DataFrame:
    """Return the ledger rows in force in ``year``: per iso3, layer and source, its latest year.

    Only years in [year − window, year] count, as for observations. Computed once per data
    version, year and window (and the very dependencies table: a bundle copied with other
    rows under the same version is computed anew); each call gets its own copy.
    """
    key = (bundle.version, int(year), int(window))
    deps = bundle.dependencies
    entry = _ledgers.get(key)
    if entry is None or entry[0] is not deps:
        entry = _ledgers.put(key, (deps, _ledger_as_of(deps, year, window)))
    return entry[1].copy()


def _ledger_as_of(deps: pd.DataFrame, year: int, window: int) -> pd.DataFrame:
    rows = deps[deps["year"].between(year - window, year)]
    latest = rows.groupby(["iso3", "layer", "source_id"])["year"].transform("max")
    kept = rows.loc[rows["year"] == latest, list(LEDGER_COLUMNS)]
    return kept.sort_values(["iso3", "layer", "source_id", "share"],
                            ascending=[True, True, True, False]).reset_index(drop=True)


def layer_ledger(ledger: pd.DataFrame) -> pd.DataFrame:
    """Return, per iso3 and layer, the rows of one basis and year.

    The basis is the layer's ``LAYER_BASIS`` source where the country has rows of it, else
    the source of its latest year (the first source if several); the year is that basis's
    latest. Rows keep their order.
    """
    if ledger.empty:
        return ledger
    bases = layer_basis(ledger)
    layer, layers = pd.factorize(ledger["layer"])
    # each layer's stated basis ("" for none; the last entry serves a missing layer, code −1)
    preferred = np.array([bases.get(str(name), "") for name in layers] + [""], dtype=object)
    stated = ledger["source_id"].to_numpy(dtype=object) == preferred[layer]
    group = ledger.groupby(["iso3", "layer"], sort=False).ngroup().to_numpy()
    groups = int(group.max()) + 1
    has_stated = np.bincount(group, weights=stated, minlength=groups) > 0
    keep = stated | ~has_stated[group]
    year = ledger["year"].to_numpy(dtype=np.int64)
    latest = np.full(groups, np.iinfo(np.int64).min)
    np.maximum.at(latest, group[keep], year[keep])
    keep &= year == latest[group]
    # the first source (in string order) of each group's latest year
    source, _ = pd.factorize(ledger["source_id"].fillna("").astype(str), sort=True)
    first = np.full(groups, np.iinfo(np.int64).max)
    np.minimum.at(first, group[keep], source[keep])
    keep &= source == first[group]
    return ledger[keep].reset_index(drop=True)


def summarise(ledger: pd.DataFrame) -> pd.DataFrame:
    """Return per iso3 and layer: domestic, foreign and unattributed shares, HHI, top supplier.

    ``hhi`` is the Herfindahl index Σ share² over the listed suppliers (domestic included), from
    0 (dispersed) to 1 (one supplier). ``single_point`` states a foreign supplier holding at least
    ``SINGLE_POINT_SHARE`` of the layer, or is empty.
    """
    rows = layer_ledger(ledger)
    if rows.empty:
        return pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    rows = rows.assign(domestic=rows["supplier"] == rows["iso3"])
    rows = rows.assign(square=rows["share"] ** 2,
                       dom_share=rows["share"].where(rows["domestic"], 0.0),
                       for_share=rows["share"].where(~rows["domestic"], 0.0))
    keys = ["iso3", "layer"]
    out = rows.groupby(keys).agg(year=("year", "max"), source_id=("source_id", "first"),
                                 domestic=("dom_share", "sum"), foreign=("for_share", "sum"),
                                 hhi=("square", "sum"))
    out["unattributed"] = (1.0 - out["domestic"] - out["foreign"]).clip(lower=0.0)
    foreign = rows[~rows["domestic"]].sort_values(["share", "supplier"], ascending=[False, True])
    top = foreign.drop_duplicates(keys).set_index(keys)
    out["top_supplier"] = top["supplier"].reindex(out.index).fillna("")
    out["top_share"] = top["share"].reindex(out.index).fillna(0.0)
    out = out.reset_index()
    out["listed_only"] = listed_only(ledger, out)
    out["single_point"] = [
        single_point_statement(layer, supplier, share, listed)
        for layer, supplier, share, listed in zip(out["layer"], out["top_supplier"],
                                                  out["top_share"], out["listed_only"],
                                                  strict=True)
    ]
    return out[list(SUMMARY_COLUMNS)]


def listed_only(ledger: pd.DataFrame, summary: pd.DataFrame) -> pd.Series:
    """Return, per summary row, True where the layer's source lists no provider of the country.

    Only for ``PROVIDER_LIST_LAYERS``: the shares then cover the listed (foreign) providers,
    not the country's whole supply, whose national part is unattributed.
    """
    listed = ledger.groupby("source_id")["supplier"].agg(set)
    flags = [layer in PROVIDER_LIST_LAYERS and iso3 not in listed.get(source, set())
             for iso3, layer, source in zip(summary["iso3"], summary["layer"],
                                            summary["source_id"], strict=True)]
    return pd.Series(flags, index=summary.index, dtype=bool)


def single_point_statement(layer: str, supplier: str, share: float,
                           listed: bool = False) -> str:
    """Return a plain sentence when ``supplier`` alone holds a decisive share of ``layer``.

    With ``listed`` the shares cover only the providers the source lists, and the sentence
    says so instead of claiming the whole layer.
    """
    if not supplier or share < SINGLE_POINT_SHARE:
        return ""
    layer = layer_phrase(layer)
    if listed:
        return (f"{supplier} holds {share:.0%} of the listed providers' {layer} regions here; "
                "the country's own providers are not in the list, so its whole supply is "
                "unattributed.")
    if share >= 0.999:
        return f"{supplier} supplies all of the {layer} layer: one decision there removes it."
    shown = f"{share:.0%}" if share < 0.995 else f"{share:.1%}"  # never "100%" of "most"
    return (f"{supplier} supplies {shown} of the {layer} layer: one decision there removes "
            "most of it.")


def supplier_exposure(ledger: pd.DataFrame, supplier: str, layer: str) -> pd.Series:
    """Return, per iso3 with a ledger for ``layer``, the share supplied by ``supplier``.

    The supplier's own country is left out (it cannot be cut off from itself). For a group
    (``chips_tools``) it is the largest share of any member layer (the weakest link).
    """
    rows = layer_ledger(ledger)
    rows = rows[rows["layer"].map(lambda name: cut_key(name, (layer,)) is not None)]
    countries = pd.Index(sorted(rows["iso3"].unique()), name="iso3")
    picked = rows[rows["supplier"] == supplier]
    shares = picked.groupby(["iso3", "layer"])["share"].sum().groupby("iso3").max()
    exposure = shares.reindex(countries, fill_value=0.0)
    return exposure.drop(supplier, errors="ignore").rename("share")
