"""The chips layers' one basis: each country's AI accelerator stock in H100-equivalents.

Every country and year of the chips, chips_fab, chips_packaging and chips_memory layers is
stated on the same quantity (source ``ai_accelerator_stock``): the accelerators a country runs,
in H100-equivalents (Epoch AI's unit: a chip's peak OP/s ÷ the H100 SXM's, ``H100_MAX_OPS`` at
8 bits, the same as ai_compute_top500.csv's 16-bit unit ``H100_BF16_OPS`` for NVIDIA chips), by
chip family (chip_stages.ChipFamily), so each stage has one home.

Parts of the stock:
  1. Epoch AI's GPU clusters (existing, standard analysis, each site once; the stock carried
     forward from Epoch's last year, 2025, to later years).
  2. TOP500 systems (the year's latest list, 2023 on) that are not Epoch clusters: accelerated
     systems of the families Epoch records (NVIDIA, AMD Instinct, Intel) at their
     ai_compute_top500.csv H100e, less those matched to an Epoch cluster (Frontier, El
     Capitan, JUPITER… are counted once); systems of the families Epoch does not record
     (CPU-only and vector systems such as Fugaku's A64FX, Sunway, LX2, NEC's Vector Engine,
     Chinese accelerators) at Rmax ÷ ``H100_BF16_OPS``: their measured FP64 speed taken as
     their 16-bit peak, a lower bound (a CPU's 16-bit peak is at least its FP64 one), so they
     weigh at most what they can do for AI.
  3. Clusters whose chip Epoch does not disclose ("Anonymized": all of China's; "Unknown"),
     attributed by a stated rule, never silently to the country itself
     (``undisclosed_rule``): (a) in proportion to the country's disclosed clusters that year;
     (b) if it has none, in proportion to the training compute of the large-scale models its
     organisations trained on disclosed hardware (Epoch AI's large_scale_ai_models.csv,
     "Training hardware", models published 2019 to the year); (c) else left unattributed (the
     shares then sum below 1). Each row's note says which rule and how much stock it covers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.readers import FIRST_YEAR, require
from indicators.importers import chip_stages, top500_ai_compute
from indicators.importers.chip_stages import ChipFamily
from indicators.importers.gpu_clusters import operational_sites, read_gpu_clusters
from indicators.importers.top500 import read_top500

SOURCE_ID: Final = "ai_accelerator_stock"
#: Epoch AI's H100-equivalent: the H100 SXM's dense 8-bit peak (NVIDIA datasheet), which is
#: Max OP/s ÷ H100 equivalents for every H100 SXM cluster in Epoch's file (checked by
#: ``check_h100_unit``).
H100_MAX_OPS: Final = 1.979e15
#: One H100-equivalent's dense 16-bit peak (OP/s), the unit of ai_compute_top500.csv: the same
#: unit as Epoch's for NVIDIA (its 8-bit peak is twice the 16-bit one).
H100_BF16_OPS: Final = top500_ai_compute.H100_BF16_TFLOPS * 1e12
#: The chip families Epoch's cluster list records: a TOP500 system of one of them counts only
#: when it is not an Epoch cluster already (ai_compute_top500.csv's de-duplication).
EPOCH_LISTED: Final = frozenset(f.family for f in chip_stages.EPOCH_FAMILIES.values() if f)
#: Epoch model "Training hardware" name prefixes → Epoch GPU supplier (EPOCH_FAMILIES key).
TRAINING_HARDWARE: Final[tuple[tuple[str, str], ...]] = (
    ("nvidia", "NVIDIA"), ("huawei", "Huawei"), ("ascend", "Huawei"), ("google", "Google"),
    ("amd", "AMD"), ("amazon", "Amazon AWS"), ("intel", "Intel"), ("cerebras", "Cerebras"),
)
MODELS_FILE: Final = "large_scale_ai_models.csv"

BY_COUNTRY: Final = "in proportion to the country's disclosed clusters that year"
BY_TRAINING: Final = ("in proportion to the hardware its organisations' large-scale models "
                      "were trained on (Epoch AI models, by training compute)")
UNATTRIBUTED: Final = "left unattributed (no disclosed chips to attribute them by)"


@dataclass(frozen=True)
class Stock:
    """The stock: rows iso3, year, family (ChipFamily or None), h100e, origin; and per iso3
    and year the undisclosed H100e and the rule that attributed it (``undisclosed``)."""

    rows: pd.DataFrame
    undisclosed: pd.DataFrame


def check_h100_unit(sources: Path) -> None:
    """Raise BuildError unless Epoch's H100 SXM clusters have Max OP/s ÷ H100e = H100_MAX_OPS.

    A file without the chip-type or Max OP/s columns (a reduced extract) has no unit to check.
    """
    path = require(sources / "epoch-ai" / "gpu_clusters.csv")
    raw = pd.read_csv(path, keep_default_na=False, dtype=str)
    if not {"Chip type (primary)", "Max OP/s", "H100 equivalents"} <= set(raw.columns):
        return
    h100 = raw[raw["Chip type (primary)"].str.startswith("NVIDIA H100 SXM")
               & (raw["Max OP/s"] != "") & (raw["H100 equivalents"] != "")]
    ratio = pd.to_numeric(h100["Max OP/s"]) / pd.to_numeric(h100["H100 equivalents"])
    if not ratio.between(0.99 * H100_MAX_OPS, 1.01 * H100_MAX_OPS).all():
        raise BuildError("epoch-ai/gpu_clusters.csv: H100 SXM clusters' Max OP/s ÷ H100 "
                         f"equivalents is not {H100_MAX_OPS:.4g}: Epoch changed its unit; "
                         "update indicators/importers/accelerator_stock.py")


def training_families(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return iso3, year, supplier (Epoch GPU supplier), flop: large-scale models' training
    compute by the hardware they were trained on, from FIRST_YEAR.

    A model listing several countries counts for each; several hardware names share its
    compute equally; names matching no ``TRAINING_HARDWARE`` prefix are skipped. Empty when
    the file has no "Training hardware" column.
    """
    label = f"epoch-ai/{MODELS_FILE}"
    raw = pd.read_csv(require(sources / "epoch-ai" / MODELS_FILE), keep_default_na=False,
                      dtype=str)
    rows = []
    if "Training hardware" not in raw.columns:  # a reduced extract: nothing to attribute by
        return pd.DataFrame(columns=["iso3", "year", "supplier", "flop"])
    for date, countries, hardware, flop in zip(
            raw["Publication date"], raw["Country (of organization)"],
            raw["Training hardware"], raw["Training compute (FLOP)"], strict=True):
        compute = pd.to_numeric(flop, errors="coerce")
        if not hardware or not date[:4].isdigit() or not compute > 0:
            continue
        year = int(date[:4])
        chips = [part.strip().lower() for part in hardware.split(",") if part.strip()]
        suppliers = [_training_supplier(chip) for chip in chips]
        homes = {names.name(c.strip(), label) for c in countries.split(",") if c.strip()}
        for iso3 in sorted(h for h in homes if h):
            for supplier in suppliers:
                if supplier and year >= FIRST_YEAR:
                    rows.append({"iso3": iso3, "year": year, "supplier": supplier,
                                 "flop": float(compute) / len(chips)})
    return pd.DataFrame(rows, columns=["iso3", "year", "supplier", "flop"])


def _training_supplier(chip: str) -> str | None:
    for prefix, supplier in TRAINING_HARDWARE:
        if chip.startswith(prefix):
            return supplier
    return None


def epoch_part(sources: Path, names: NameTable, years: list[int]) -> pd.DataFrame:
    """Return iso3, year, family, h100e, origin ("epoch") of Epoch's clusters, each site once;
    a year after Epoch's last carries its last stock."""
    clusters = read_gpu_clusters(sources, names)
    last = int(clusters["year"].max())
    label = "epoch-ai/gpu_clusters.csv"
    parts = [operational_sites(clusters, min(year, last)).assign(year=year) for year in years]
    sites = pd.concat(parts, ignore_index=True)
    families = {s: chip_stages.epoch_family(s, label) for s in sites["supplier"].unique()}
    return pd.DataFrame({"iso3": sites["iso3"], "year": sites["year"].astype(int),
                         "family": sites["supplier"].map(families), "h100e": sites["h100e"],
                         "origin": "epoch"})


def top500_part(sources: Path, names: NameTable, years: list[int]) -> pd.DataFrame:
    """Return the TOP500 systems the stock adds (iso3, year, family, h100e, origin "top500").

    For year Y, the latest list of a year ≤ Y. A system of a family Epoch does not record
    counts Rmax ÷ ``H100_BF16_OPS`` (its FP64 speed as its 16-bit peak: a lower bound); a
    system of a family Epoch records counts its ai_compute_top500.csv H100e (the accelerator's
    16-bit peak × Rpeak ÷ its FP64 peak ÷ the H100's), unless it is an Epoch cluster already
    (``epoch_cluster``) or its accelerator has no 16-bit peak in that table.
    """
    top = read_top500(sources, names)
    lists = sorted(top["year"].unique())
    label = "top500"
    families = {chip: chip_stages.top500_family(chip, label) for chip in top["chip"].unique()}
    listed = [row for row in top500_ai_compute.system_rows(sources, names)
              if row["h100e"] != "" and row["epoch_cluster"] == ""]
    parts = []
    for year in years:
        earlier = [y for y in lists if y <= year]
        if not earlier:
            continue
        systems = top[top["year"] == earlier[-1]]
        family = systems["chip"].map(families)
        own = ~family.map(lambda f: f.family in EPOCH_LISTED)
        parts.append(pd.DataFrame({
            "iso3": systems["iso3"][own], "year": year, "family": family[own],
            "h100e": systems["rmax"][own] * 1e12 / H100_BF16_OPS, "origin": "top500"}))
        on_list = [row for row in listed
                   if int(str(row["first_list"])[:4]) <= earlier[-1]
                   <= int(str(row["last_list"])[:4])]
        chips = [chip_stages.top500_family(str(row["accelerator"]), label) for row in on_list]
        parts.append(pd.DataFrame({
            "iso3": [str(row["iso3"]) for row, f in zip(on_list, chips, strict=True)
                     if f.family in EPOCH_LISTED],
            "year": year,
            "family": [f for f in chips if f.family in EPOCH_LISTED],
            "h100e": [float(str(row["h100e"])) for row, f in zip(on_list, chips, strict=True)
                      if f.family in EPOCH_LISTED],
            "origin": "top500"}))
    return pd.concat(parts, ignore_index=True)


def _attribute(rows: pd.DataFrame, training: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the stock with its undisclosed rows spread by ``undisclosed_rule``, and per iso3
    and year the undisclosed H100e and the rule used."""
    disclosed = rows[rows["family"].notna()]
    hidden = rows[rows["family"].isna()].groupby(["iso3", "year"], as_index=False)["h100e"].sum()
    spread: list[dict[str, object]] = []
    record: list[dict[str, object]] = []
    for iso3, year, amount in zip(hidden["iso3"].astype(str), hidden["year"].astype(int),
                                  hidden["h100e"].astype(float), strict=True):
        own = disclosed[(disclosed["iso3"] == iso3) & (disclosed["year"] == year)
                        & (disclosed["origin"] == "epoch")]
        trained = training[(training["iso3"] == iso3) & (training["year"] <= year)]
        if own["h100e"].sum() > 0:
            weights = own.groupby(own["family"].map(lambda f: f.family))["h100e"].sum()
            family_of = {f.family: f for f in own["family"]}
            rule = BY_COUNTRY
        elif trained["flop"].sum() > 0:
            weights = trained.groupby("supplier")["flop"].sum()
            label = "epoch-ai/" + MODELS_FILE
            family_of = {s: chip_stages.epoch_family(s, label) for s in weights.index}
            rule = BY_TRAINING
        else:
            record.append({"iso3": iso3, "year": year, "h100e": amount, "rule": UNATTRIBUTED})
            spread.append({"iso3": iso3, "year": year, "family": None, "h100e": amount,
                           "origin": "undisclosed"})
            continue
        record.append({"iso3": iso3, "year": year, "h100e": amount, "rule": rule})
        total = float(weights.sum())
        spread += [{"iso3": iso3, "year": year, "family": family_of[key],
                    "h100e": amount * float(weight) / total, "origin": "undisclosed"}
                   for key, weight in weights.items()]
    out = pd.concat([disclosed, pd.DataFrame(spread, columns=list(rows.columns))],
                    ignore_index=True)
    return out, pd.DataFrame(record, columns=["iso3", "year", "h100e", "rule"])


def build_stock(sources: Path, names: NameTable) -> Stock:
    """Return every country's AI accelerator stock by chip family (module docstring)."""
    check_h100_unit(sources)
    clusters = read_gpu_clusters(sources, names)
    top_years = sorted(read_top500(sources, names)["year"].unique())
    years = list(range(FIRST_YEAR, max(int(clusters["year"].max()), int(top_years[-1])) + 1))
    epoch = epoch_part(sources, names, years)
    top = top500_part(sources, names, years)
    rows = pd.concat([epoch, top], ignore_index=True)
    rows = rows[rows["h100e"] > 0]
    rows, undisclosed = _attribute(rows, training_families(sources, names))
    return Stock(rows.reset_index(drop=True), undisclosed)


BASIS_NOTE: Final = ("basis: AI accelerator stock (H100e: Epoch GPU clusters, plus TOP500 "
                     "systems that are not Epoch clusters)")
STAGE_WHAT: Final[dict[str, str]] = {
    "chips": "chip designer home", "chips_fab": "fabrication site of the chip family",
    "chips_packaging": "advanced packaging site of the chip family",
    "chips_memory": "HBM memory maker of the chip family"}


def note(layer: str, undisclosed: float, total: float, rule: str) -> str:
    """Return a row's note: the basis, the stage, and the undisclosed stock and its rule."""
    text = f"{BASIS_NOTE} by {STAGE_WHAT[layer]}"
    if undisclosed > 0 and total > 0:
        share = undisclosed / total
        pct = f"{share:.0%}" if 0.005 <= share <= 0.995 or share in (0, 1) else f"{share:.1%}"
        text += (f"; {pct} of the accelerator stock ({_count(undisclosed)} H100e) runs chips "
                 f"Epoch does not disclose, attributed {rule}")
    return text


def _count(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 or math.isclose(value, 0) else f"{value:.2g}"


def stage_rows(stock: Stock, layers: tuple[str, ...] = tuple(STAGE_WHAT)) -> pd.DataFrame:
    """Return dependency rows (iso3, layer, supplier, year, share, source_id, note): per
    country, year and layer the share of the stock whose stage is at home in each supplier."""
    rows = stock.rows
    sums = rows.groupby(["iso3", "year"], as_index=False)["h100e"].sum()
    totals = {(str(i), int(y)): float(v)
              for i, y, v in zip(sums["iso3"], sums["year"], sums["h100e"], strict=True)}
    hidden = stock.undisclosed
    secrets = {(str(i), int(y)): (float(v), str(r)) for i, y, v, r in zip(
        hidden["iso3"], hidden["year"], hidden["h100e"], hidden["rule"], strict=True)}
    out = []
    for layer in layers:
        home = rows["family"].map(lambda f, _l=layer: f.home(_l) if isinstance(f, ChipFamily)
                                  else None)
        by = rows.assign(supplier=home).dropna(subset=["supplier"])
        amounts = by.groupby(["iso3", "year", "supplier"], as_index=False)["h100e"].sum()
        for iso3, year, supplier, amount in zip(amounts["iso3"].astype(str),
                                                amounts["year"].astype(int),
                                                amounts["supplier"].astype(str),
                                                amounts["h100e"].astype(float), strict=True):
            total = totals[(iso3, year)]
            secret, rule = secrets.get((iso3, year), (0.0, ""))
            out.append({"iso3": iso3, "layer": layer, "supplier": supplier, "year": year,
                        "share": amount / total, "source_id": SOURCE_ID,
                        "note": note(layer, secret, total, rule)})
    return pd.DataFrame(out, columns=["iso3", "layer", "supplier", "year", "share",
                                      "source_id", "note"])
