"""ai_compute_top500.csv: TOP500's accelerated systems in H100-equivalents (issue 13).

Epoch AI's GPU-cluster list is a sample (roughly 10–20 % of the world's AI compute), so only 33
countries had a known AI compute for the capability figures (fallback served at home, training
days). TOP500 is a census of the 500 largest systems; its accelerated systems are AI compute
too. One row per accelerated system (TOP500 ``System ID``) of the lists in the sources, at its
latest entry:

- ``h100e`` = Rpeak × (the accelerator's dense 16-bit tensor peak / its FP64 peak) / 989 TFLOP/s
  (the H100 SXM's dense BF16 peak, the unit of ``gpu_cluster_h100e`` and of the capability
  figures). Rpeak / FP64 peak is the number of accelerators at the clock the system reports;
  × the 16-bit peak / 989 turns them into H100-equivalents by training throughput. Rpeak
  includes the host processors' FP64, which this counts as accelerators (a few per cent on an
  accelerated system). The peaks are the vendors' datasheet figures in ``ACCELERATORS``;
  accelerators without a 16-bit tensor peak there (Kepler, Xeon Phi, A40, the Chinese and
  Japanese designs whose 16-bit peak is undisclosed) are listed with ``h100e`` empty and not
  counted;
- ``epoch_cluster``: the Epoch cluster of the same country that is the same system (names
  matched, ``same_system``), whose H100e ``gpu_cluster_h100e`` already counts: such a row is
  not added again.

Built by ``sovai build-data``; read by ``indicators.scenarios.ai_compute``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Final

from openpyxl import load_workbook

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.build.writer import format_number, write_csv
from indicators.importers.gpu_clusters import read_gpu_clusters

FILE: Final = "ai_compute_top500.csv"
COLUMNS: Final = ("system_id", "system", "site", "iso3", "accelerator", "family", "first_list",
                  "last_list", "rank", "rpeak_tflops", "fp64_tflops", "bf16_tflops", "h100e",
                  "epoch_cluster", "source_id")
SOURCE_ID: Final = "top500"
#: NVIDIA H100 SXM dense BF16 tensor peak (TFLOP/s): one H100-equivalent.
H100_BF16_TFLOPS: Final = 989.0
_LIST_FILE: Final = re.compile(r"TOP500_(\d{4})(\d{2})\.xlsx$")
_REQUIRED: Final = ("Name", "Site", "Country", "Rpeak [TFlop/s]", "Accelerator/Co-Processor")


@dataclass(frozen=True)
class Accelerator:
    """One accelerator family: datasheet peaks per accelerator (TFLOP/s) and their source."""

    family: str
    fp64: float   # the FP64 peak Rpeak counts (tensor/matrix where HPL uses it)
    bf16: float   # dense 16-bit (BF16 or FP16) tensor peak, without sparsity
    source: str


_HOPPER = Accelerator("NVIDIA Hopper (H100/H200 SXM, GH200)", 67.0, 989.0,
                      "NVIDIA H100/H200 SXM and GH200 datasheets: FP64 tensor 67, BF16 989")
_VOLTA = Accelerator("NVIDIA V100", 7.8, 125.0,
                     "NVIDIA V100 SXM2 datasheet: FP64 7.8, FP16 tensor 125")
_PASCAL = Accelerator("NVIDIA P100", 5.3, 21.2,
                      "NVIDIA P100 SXM2 datasheet: FP64 5.3, FP16 21.2 (no tensor cores)")
#: Substrings of TOP500's ``Accelerator/Co-Processor`` (lower case) → family, checked in order
#: (the specific names first). Peaks from the vendors' datasheets.
ACCELERATORS: Final[tuple[tuple[str, Accelerator], ...]] = (
    ("gb200", Accelerator("NVIDIA GB200", 45.0, 2500.0,
                          "NVIDIA GB200 NVL72 datasheet, per GPU: FP64 45, BF16 2,500")),
    ("b200", Accelerator("NVIDIA B200", 40.0, 2250.0,
                         "NVIDIA HGX B200 datasheet, per GPU at 1,000 W: FP64 40, BF16 2,250")),
    ("h100 pcie", Accelerator("NVIDIA H100 PCIe", 51.0, 756.0,
                              "NVIDIA H100 PCIe datasheet: FP64 tensor 51, BF16 756")),
    ("h100", _HOPPER), ("h200", _HOPPER), ("gh200", _HOPPER),
    ("a100", Accelerator("NVIDIA A100", 19.5, 312.0,
                         "NVIDIA A100 datasheet: FP64 tensor 19.5, BF16 312")),
    ("v100", _VOLTA), ("gv100", _VOLTA), ("p100", _PASCAL), ("gp100", _PASCAL),
    ("mi355x", Accelerator("AMD Instinct MI355X", 78.6, 2500.0,
                           "AMD Instinct MI355X datasheet: FP64 vector 78.6, FP16/BF16 2,500")),
    ("mi300x", Accelerator("AMD Instinct MI300X", 81.7, 1307.4,
                           "AMD Instinct MI300X datasheet: FP64 vector 81.7, BF16 1,307.4")),
    ("mi300a", Accelerator("AMD Instinct MI300A", 61.3, 980.6,
                           "AMD Instinct MI300A datasheet: FP64 vector 61.3, BF16 980.6")),
    ("mi250x", Accelerator("AMD Instinct MI250X", 47.9, 383.0,
                           "AMD Instinct MI250X datasheet: FP64 vector 47.9, BF16 383")),
    ("mi210", Accelerator("AMD Instinct MI210", 22.6, 181.0,
                          "AMD Instinct MI210 datasheet: FP64 vector 22.6, BF16 181")),
    ("data center gpu max", Accelerator("Intel Data Center GPU Max", 52.4, 838.9,
                                        "Intel Data Center GPU Max 1550: FP64 52.4, BF16 "
                                        "XMX 838.9")),
)
#: Words that name no particular system (left out when names are matched).
_GENERIC: Final = frozenset({"gpu", "gpus", "partition", "phase", "module", "booster", "segment",
                             "nvidia", "dgx", "superpod", "cluster", "supercomputer", "system",
                             "the", "of", "and", "ai", "only", "extension", "hpc", "cloud",
                             "factory", "data", "center", "centre", "subsystem", "national",
                             "university", "institute", "research", "computing",
                             "supercomputing", "technology", "laboratory", "europe",
                             "european", "japan", "korea", "sweden", "israel", "taiwan",
                             "france", "canada", "india", "china", "vietnam", "germany",
                             "italy"})
#: Pairs the name rules cannot see, matched by hand from Epoch's names, owners and locations
#: (TOP500 country, system) → Epoch cluster.
SAME_AS: Final[dict[tuple[str, str], str]] = {
    ("DEU", "42"): "hessian.AI fortytwo",            # hessian.AI's "42" (Epoch spells it out)
    ("GBR", "Njoerd"): "Northern Data Group Njored Taiga Cloud Island 5",  # Epoch's spelling
    ("JPN", "SAKURAONE"): "Sakura's H100s Phase 1",  # Sakura Internet, Ishikari, H100 SXM5
    ("KOR", "NHN CLOUD GWANGJU AI"): "NHN Cloud's National AI Data Center",  # Gwangju, H100
    ("KOR", "SSC-24"): "Samsung SSC4",  # Samsung's 2024 H100 SXM5 system (assumed the same)
}
_TOKEN: Final = re.compile(r"[^\W\d_]+|\d+")  # letters or digits: "TSUBAME3.0" → tsubame, 3, 0


def accelerator_family(name: str) -> Accelerator | None:
    """Return the family of a TOP500 accelerator name, or None when it has no 16-bit peak in
    ``ACCELERATORS`` (not counted as AI compute)."""
    lower = name.lower()
    for key, family in ACCELERATORS:
        if key in lower:
            return family
    return None


def h100_equivalents(rpeak_tflops: float, family: Accelerator) -> float:
    """Return Rpeak (TFLOP/s) in H100-equivalents: Rpeak / FP64 peak accelerators × 16-bit
    peak / 989 TFLOP/s."""
    return rpeak_tflops / family.fp64 * family.bf16 / H100_BF16_TFLOPS


def _words(name: str) -> list[str]:
    return [w.casefold() for w in _TOKEN.findall(name)]


def name_tokens(name: str) -> frozenset[str]:
    """Return the distinctive words of a system name: lower case, without generic words, and
    none at all when only numbers are left ("AI-03" has no distinctive word)."""
    kept = frozenset(w for w in _words(name) if w not in _GENERIC)
    return kept if any(len(w) >= 2 and not w.isdigit() for w in kept) else frozenset()


def _stems(words: list[str]) -> set[str]:
    """Return the words and each pair of neighbours joined ("mare", "nostrum" →
    "marenostrum")."""
    return set(words) | {a + b for a, b in pairwise(words)}


def _identifiers(name: str) -> set[str]:
    """Return a name's numbers and one- or two-letter marks ("ASPIRE 2B" → {2, b})."""
    return {w for w in _words(name) if w not in _GENERIC and (w.isdigit() or len(w) <= 2)}


def same_system(top500_name: str, epoch_name: str, site: str = "") -> bool:
    """Return True when a TOP500 system and an Epoch cluster (same country) are one system:

    1. the distinctive words of one name are all words of the other ("JUPITER Booster" and
       "Jupiter, Jülich"; "El Capitan" and "Lawrence Livermore NL El Capitan Phase 2");
    2. a distinctive word of six letters or more of the TOP500 name is a word of the Epoch
       name or two of its words joined ("Miyabi-G" and "JCAHPC Miyabi"; "MareNostrum
       5 ACC" and "Mare Nostrum 5"), unless their numbers or one- and two-letter marks differ
       ("davinci-2" is not "Leonardo SpA davinci-1", "ASPIRE 2B" not "ASPIRE 2A Phase 2");
    3. a TOP500 name without distinctive words ("SuperPOD", "AI-03"): all its words and a
       distinctive word of its site are words of the Epoch name ("Core42 SuperPOD").
    """
    a, b = name_tokens(top500_name), name_tokens(epoch_name)
    if a and b and (a <= b or b <= a):
        return True
    epoch_words = _words(epoch_name)
    epoch_stems = _stems(epoch_words)
    ids, epoch_ids = _identifiers(top500_name), _identifiers(epoch_name)
    if any(len(w) >= 6 and w in epoch_stems for w in a) and (ids <= epoch_ids or not epoch_ids):
        return True
    if not a and site:
        site_words = name_tokens(site)
        return (set(_words(top500_name)) <= set(epoch_words)
                and any(len(w) >= 4 and w in epoch_words for w in site_words))
    return False


def epoch_match(iso3: str, system: str, site: str, clusters: list[str]) -> str:
    """Return the Epoch cluster (of ``clusters``, the country's) that is this TOP500 system,
    by ``SAME_AS`` or ``same_system``; "" when none is."""
    alias = SAME_AS.get((iso3, system))
    if alias is not None and alias in clusters:
        return alias
    exact = name_tokens(system)
    for name in clusters:  # rule 1 first: "TSUBAME3.0" is "GSIC TSUBAME 3.0", not 4.0
        other = name_tokens(name)
        if exact and other and (exact <= other or other <= exact):
            return name
    return next((name for name in clusters if same_system(system, name, site)), "")


def _text(cell: object) -> str:
    text = "" if cell is None else str(cell).strip()
    return "" if text in ("None", "nan") else text


def _lists(sources: Path) -> list[tuple[str, Path]]:
    files = sorted((sources / "top500").glob("TOP500_*.xlsx"))
    if not files:
        raise BuildError(f"no TOP500_YYYYMM.xlsx files in {sources / 'top500'}")
    out = []
    for path in files:
        match = _LIST_FILE.search(path.name)
        if match is None:
            raise BuildError(f"top500/{path.name}: name is not TOP500_YYYYMM.xlsx")
        out.append((f"{match.group(1)}-{match.group(2)}", path))
    return out


def _records(path: Path) -> list[dict[str, object]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        values = book.worksheets[0].iter_rows(values_only=True)
        header = [str(h) for h in next(values)]
        missing = [col for col in _REQUIRED if col not in header]
        if missing:
            raise BuildError(f"top500/{path.name}: missing column(s) {', '.join(missing)}")
        return [dict(zip(header, row, strict=False)) for row in values
                if any(v is not None for v in row)]
    finally:
        book.close()


def system_rows(sources: Path, names: NameTable) -> list[dict[str, object]]:
    """Return one row per accelerated TOP500 system (its latest list entry), sorted by iso3
    then system id; ``epoch_cluster`` names the Epoch cluster it duplicates ("" if none)."""
    seen: dict[str, dict[str, object]] = {}
    for edition, path in _lists(sources):
        label = f"top500/{path.name}"
        for line, rec in enumerate(_records(path), start=2):
            accelerator = _text(rec.get("Accelerator/Co-Processor"))
            if not accelerator:
                continue
            iso3 = names.name(str(rec["Country"]), label)
            if iso3 is None:
                continue
            system = _text(rec.get("Name")) or _text(rec.get("Computer"))
            site = _text(rec.get("Site"))
            key = _text(rec.get("System ID")) or f"{iso3}|{system}|{site}"
            try:
                rpeak = float(rec["Rpeak [TFlop/s]"])  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise BuildError(f"{label}:{line}: Rpeak [TFlop/s]: "
                                 f"{rec['Rpeak [TFlop/s]']!r} is not a number") from None
            if not math.isfinite(rpeak) or rpeak <= 0:
                raise BuildError(f"{label}:{line}: Rpeak [TFlop/s]: {rpeak!r} is not positive")
            first = seen.get(key, {}).get("first_list", edition)
            seen[key] = {"system_id": key, "system": system, "site": site, "iso3": iso3,
                         "accelerator": accelerator, "first_list": first,
                         "last_list": edition, "rank": _text(rec.get("Rank")),
                         "rpeak": rpeak}
    clusters = read_gpu_clusters(sources, names)
    by_country = {iso3: list(group["name"]) for iso3, group in clusters.groupby("iso3")}
    rows = []
    for row in seen.values():
        family = accelerator_family(str(row["accelerator"]))
        rpeak = float(row["rpeak"])  # type: ignore[arg-type]
        match = epoch_match(str(row["iso3"]), str(row["system"]), str(row["site"]),
                            by_country.get(str(row["iso3"]), []))
        rows.append({
            **{k: v for k, v in row.items() if k != "rpeak"},
            "family": family.family if family else "",
            "rpeak_tflops": format_number(rpeak),
            "fp64_tflops": format_number(family.fp64) if family else "",
            "bf16_tflops": format_number(family.bf16) if family else "",
            "h100e": format_number(h100_equivalents(rpeak, family)) if family else "",
            "epoch_cluster": match, "source_id": SOURCE_ID,
        })
    return sorted(rows, key=lambda r: (str(r["iso3"]), str(r["system_id"])))


def write(sources: Path, names: NameTable, out_dir: Path) -> None:
    """Write data/ai_compute_top500.csv from the TOP500 lists and Epoch's cluster names."""
    write_csv(out_dir / FILE, COLUMNS, system_rows(sources, names))

