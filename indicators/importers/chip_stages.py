"""Chips by stage: who designs, fabricates, packages and supplies memory for each chip family.

A country's accelerators (its Epoch GPU-cluster stock and its TOP500 systems, as the chips
layer already counts them) are attributed stage by stage through ``ChipFamily`` rows. Each row
names its source or says that it is an assumption; a stage nobody has disclosed stays ``None``
(unattributed), so a layer's shares may sum to less than 1 rather than guess.

Stage layers of dependencies.csv:
  chips            design (the existing layer: the home of the chip designer, unchanged)
  chips_fab        wafer fabrication (the foundry's fab location)
  chips_packaging  advanced packaging (where the dies, HBM and interposer are assembled)
  chips_memory     the HBM stacks of data-centre accelerators
  chips_tools_*    the eight front-end tool categories a fab needs (``TOOL_CATEGORIES``):
                   CSET/ETO world market shares (``read_tool_shares``); a scenario names them
                   together as ``chips_tools`` (the weakest-link rule, below)

Tools, weakest link: a fab needs every tool category, so its losses do not add up. The ledger
gives each category its own layer; a cut of the ``chips_tools`` group (or of several stages)
loses the largest share any one of them loses (cutoff.py), i.e. the capacity kept is
min over categories of (1 − the share of that category supplied by the cut countries). This
is the most favourable arrangement (the fabs missing one tool are the fabs missing the others);
a product of the kept shares would be the least favourable.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from indicators.build.errors import BuildError
from indicators.build.readers import require
from indicators.scenarios.layers import TOOL_LAYERS

#: The stage layers, in supply-chain order; ``chips`` is the design stage.
STAGE_LAYERS: Final = ("chips", "chips_fab", "chips_packaging", "chips_memory", *TOOL_LAYERS)

_TSMC = "TSMC fabricates it in Taiwan (foundry customer disclosed by the designer)"
_COWOS = "TSMC CoWoS advanced packaging in Taiwan"
_HBM = ("HBM from SK hynix and Samsung (KOR); assumption: Micron's (USA) HBM3E share in "
        "H200/Blackwell parts is not separated")


@dataclass(frozen=True)
class ChipFamily:
    """The home jurisdiction of each stage of one chip family; None: not disclosed."""

    family: str
    design: str | None
    fab: str | None
    packaging: str | None
    memory: str | None
    basis: str

    def home(self, layer: str) -> str | None:
        """Return the jurisdiction of the stage that ``layer`` (a stage layer) stands for."""
        stage = {"chips": self.design, "chips_fab": self.fab,
                 "chips_packaging": self.packaging, "chips_memory": self.memory}
        return stage[layer]


NVIDIA = ChipFamily("NVIDIA data-centre GPUs (P100 to GB300)", "USA", "TWN", "TWN", "KOR",
                    f"{_TSMC}; {_COWOS}; {_HBM}")
AMD_INSTINCT = ChipFamily("AMD Instinct accelerators (MI210, MI250X, MI300)", "USA", "TWN",
                          "TWN", "KOR", f"{_TSMC}; {_COWOS}; {_HBM}")
HYPERSCALER_ASIC = ChipFamily("Hyperscaler ASICs (Google TPU, AWS Trainium, Microsoft Maia)",
                              "USA", "TWN", "TWN", "KOR", f"{_TSMC}; {_COWOS}; {_HBM}")
INTEL_ACCELERATOR = ChipFamily("Intel Gaudi and Data Center GPU Max", "USA", "TWN", None,
                               "KOR", "compute dies fabricated by TSMC (disclosed by Intel); "
                               "packaging split between TSMC and Intel's own sites, not "
                               f"separated: unattributed; {_HBM}")
CEREBRAS = ChipFamily("Cerebras wafer-scale engine", "USA", "TWN", None, None,
                      "TSMC fabricates the wafer (disclosed by Cerebras); packaging not "
                      "disclosed; no HBM (on-wafer SRAM)")
GROQ = ChipFamily("Groq LPU", "USA", None, None, None,
                  "foundry of the deployed generation not separated; no HBM (on-chip SRAM)")
HUAWEI_ASCEND = ChipFamily("Huawei Ascend", "CHN", "CHN", "CHN", None,
                           "assumption: fabricated by SMIC and packaged in China after the "
                           "2020 US rule cut Huawei off from TSMC; HBM origin not disclosed")
PEZY = ChipFamily("PEZY-SC accelerators", "JPN", "TWN", None, None,
                  "TSMC fabricates it (disclosed by PEZY Computing); packaging and memory "
                  "not disclosed")
FUJITSU_A64FX = ChipFamily("Fujitsu A64FX", "JPN", "TWN", "TWN", None,
                           "TSMC 7 nm and CoWoS (disclosed by Fujitsu); HBM2 supplier not "
                           "disclosed")
NEC_VECTOR = ChipFamily("NEC SX-Aurora Vector Engine", "JPN", "TWN", "TWN", None,
                        "TSMC 16 nm and CoWoS (disclosed by NEC); HBM2 supplier not disclosed")
PFN_MN_CORE = ChipFamily("Preferred Networks MN-Core", "JPN", "TWN", None, None,
                         "TSMC 12 nm (disclosed by Preferred Networks); packaging and memory "
                         "not disclosed")
CHINESE_HPC = ChipFamily("Chinese HPC processors (Sunway, Matrix-2000, Hygon, LX2)", "CHN",
                         None, None, None, "foundries not disclosed: fabrication, packaging and "
                         "memory stay unattributed")
X86_CPU = ChipFamily("x86 server CPUs without accelerator (Intel Xeon; AMD without a model "
                     "number)", "USA", None, None, None,
                     "Intel makes Xeon in its own fabs in the USA, Ireland and Israel, and the "
                     "TOP500 name does not say which: fabrication unattributed; commodity "
                     "DRAM, not HBM")
AMD_EPYC = ChipFamily("AMD EPYC CPUs since Zen 2 (7xx2 Rome, 7xx3 Milan, 9xx4 Genoa, 9xx5 "
                      "Turin) without accelerator", "USA", "TWN", None, None,
                      "AMD names TSMC as the foundry of its 7 nm and smaller products (Form "
                      "10-K); from Rome on the compute dies (CCDs) are TSMC 7, 5 and 3 nm; "
                      "the last digit of the model number is the generation (AMD's naming); "
                      "assumption: Rome's and Milan's I/O die comes from GlobalFoundries "
                      "(USA), so the chip is attributed to its compute dies' fab; packaging "
                      "by outsourced assemblers, not separated; commodity DRAM")
NVIDIA_GRACE = ChipFamily("NVIDIA Grace CPU", "USA", "TWN", "TWN", None,
                          f"{_TSMC}; {_COWOS}; LPDDR5X memory, not HBM")
IBM_POWER = ChipFamily("IBM POWER", "USA", None, None, None,
                       "foundry depends on the generation, which the TOP500 name does not "
                       "give: unattributed")

#: Epoch "GPU Supplier (primary)" → family; None: designer not disclosed (all unattributed).
EPOCH_FAMILIES: Final[dict[str, ChipFamily | None]] = {
    "NVIDIA": NVIDIA, "AMD": AMD_INSTINCT, "Google": HYPERSCALER_ASIC,
    "Amazon AWS": HYPERSCALER_ASIC, "Microsoft": HYPERSCALER_ASIC, "Intel": INTEL_ACCELERATOR,
    "Cerebras": CEREBRAS, "Groq": GROQ, "Huawei": HUAWEI_ASCEND, "PEZY": PEZY,
    "Anonymized": None, "Unknown": None, "": None,
}

#: Substrings of a TOP500 accelerator (or, without one, processor) name → family, checked in
#: order like indicators/importers/chips.py's designer table.
TOP500_FAMILIES: Final[tuple[tuple[str, ChipFamily], ...]] = (
    ("sunway", CHINESE_HPC), ("matrix-2000", CHINESE_HPC),
    ("deep computing processor", CHINESE_HPC), ("hygon", CHINESE_HPC), ("lx2", CHINESE_HPC),
    ("a64fx", FUJITSU_A64FX), ("fujitsu", FUJITSU_A64FX), ("vector engine", NEC_VECTOR),
    ("pezy", PEZY), ("mn-core", PFN_MN_CORE),
    ("grace", NVIDIA_GRACE), ("gh superchip", NVIDIA), ("nvidia", NVIDIA),
    ("instinct", AMD_INSTINCT), ("mi250", AMD_INSTINCT), ("mi300", AMD_INSTINCT),
    ("gaudi", INTEL_ACCELERATOR), ("data center gpu max", INTEL_ACCELERATOR),
    ("amd", X86_CPU), ("epyc", X86_CPU), ("intel", X86_CPU), ("xeon", X86_CPU),
    ("ibm", IBM_POWER), ("power", IBM_POWER),
)


def epoch_family(supplier: str, file: str) -> ChipFamily | None:
    """Return the family of an Epoch cluster's primary GPU supplier (None: undisclosed)."""
    if supplier not in EPOCH_FAMILIES:
        raise BuildError(f"{file}: no chip family for GPU supplier {supplier!r}; add it to "
                         "indicators/importers/chip_stages.py")
    return EPOCH_FAMILIES[supplier]


#: An AMD EPYC model number in a TOP500 processor name ("AMD EPYC 7763 64C", "AMD Rome 7H12
#: 64C"): the last digit is the generation, 1 = Naples (GlobalFoundries 14 nm), 2–5 = Zen 2–5.
_EPYC_MODEL: Final = re.compile(r"\b(?:epyc|rome)\s+[79][0-9a-z]{2}([0-9])\b")
_TSMC_EPYC_GENERATIONS: Final = frozenset("2345")


def top500_family(chip: str, file: str) -> ChipFamily:
    """Return the family of the chip that delivers a TOP500 system's Rmax.

    An x86 CPU whose name carries an AMD EPYC model number of Zen 2 or later is ``AMD_EPYC``
    (TSMC-fabricated compute dies); any other x86 CPU stays ``X86_CPU``.
    """
    name = chip.lower()
    for key, family in TOP500_FAMILIES:
        if key in name:
            if family is X86_CPU:
                model = _EPYC_MODEL.search(name)
                if model and model.group(1) in _TSMC_EPYC_GENERATIONS:
                    return AMD_EPYC
            return family
    raise BuildError(f"{file}: no chip family for {chip!r}; add it to "
                     "indicators/importers/chip_stages.py")


#: CSET/ETO lithography tools (N19): the category export controls name.
TOOL_INPUT: Final = "N19"
#: Tool-category layer → CSET/ETO input: every tool that sequence.csv says goes into a
#: fabrication process (inputs.csv stage "Fabrication"): photolithography (lithography, resist
#: processing), deposition, etch and clean, ion implantation, planarisation, and process
#: control and handling. Their sub-types (EUV, ALD, …) are inside these shares. Left out:
#: crystal growing and machining (they make wafers, a material), the assembly, test and
#: advanced-packaging tools (the packaging stage), and the materials (most have no country
#: shares in the dataset). ``check_tool_categories`` stops the build if a release adds one.
TOOL_CATEGORIES: Final[dict[str, str]] = {
    "chips_tools_lithography": "N19", "chips_tools_resist": "N32",
    "chips_tools_deposition": "N36", "chips_tools_etch": "N55", "chips_tools_implant": "N17",
    "chips_tools_cmp": "N86", "chips_tools_process_control": "N60",
    "chips_tools_handling": "N59"}
#: ETO provider codes that are aggregates, not countries (left unattributed).
AGGREGATE_PROVIDERS: Final = frozenset({"EUR", "Various countries"})
CSET_SOURCE_ID: Final = "cset_eto_chip_supply_chain"


@dataclass(frozen=True)
class ToolShares:
    """World market shares (fractions) of one CSET/ETO input by country, and their year."""

    input_id: str
    input_name: str
    year: int
    shares: dict[str, float]


def read_tool_shares(sources: Path, input_id: str = TOOL_INPUT) -> ToolShares:
    """Return the latest-year country shares of ``input_id`` from chip-supply-chain/.

    Shares are percent of the world market in provision.csv; they are returned as fractions.
    Aggregates (``EUR``, "Various countries") are dropped, so the shares may sum below 1.
    ETO rounds shares under 1 % up to 1 %, so a total may exceed 100 %: the shares are then
    divided by their total.
    """
    folder = sources / "chip-supply-chain"
    providers_path = require(folder / "providers.csv")
    provision_path = require(folder / "provision.csv")
    with providers_path.open(encoding="utf-8", newline="") as handle:
        countries = {row["provider_id"] for row in csv.DictReader(handle)
                     if row["provider_type"] == "country"}
    rows: list[dict[str, str]] = []
    with provision_path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["provided_id"] == input_id and row["provider_id"] in countries:
                rows.append(row)
    if not rows:
        raise BuildError(f"chip-supply-chain/provision.csv: no country shares for input "
                         f"{input_id}")
    year = max(int(row["year"]) for row in rows)
    shares: dict[str, float] = {}
    for row in rows:
        code = row["provider_name"]
        if int(row["year"]) != year or code in AGGREGATE_PROVIDERS:
            continue
        shares[code] = float(row["share_provided"]) / 100.0
    total = sum(shares.values())
    if total > 1.0:
        shares = {code: share / total for code, share in shares.items()}
    return ToolShares(input_id, rows[0]["provided_name"], year, shares)


def fabrication_tools(sources: Path) -> set[str]:
    """Return the CSET/ETO tool inputs that go straight into a fabrication process.

    From sequence.csv (``goes_into_id``) and inputs.csv (``type`` tool_resource; the target's
    ``stage_name`` Fabrication). Sub-types (``is_type_of_id``) are not categories of their own.
    """
    folder = sources / "chip-supply-chain"
    with require(folder / "inputs.csv").open(encoding="utf-8", newline="") as handle:
        inputs = {row["input_id"]: row for row in csv.DictReader(handle)}
    with require(folder / "sequence.csv").open(encoding="utf-8", newline="") as handle:
        links = list(csv.DictReader(handle))
    return {row["input_id"] for row in links
            if inputs.get(row["input_id"], {}).get("type") == "tool_resource"
            and inputs.get(row["goes_into_id"], {}).get("type") == "process"
            and inputs[row["goes_into_id"]].get("stage_name") == "Fabrication"}


def check_tool_categories(sources: Path) -> None:
    """Raise BuildError unless ``TOOL_CATEGORIES`` is exactly the dataset's fabrication tools."""
    found = fabrication_tools(sources)
    listed = set(TOOL_CATEGORIES.values())
    if found != listed:
        raise BuildError(
            "chip-supply-chain/sequence.csv: the tools that go into a fabrication process are "
            f"{', '.join(sorted(found))}; indicators/importers/chip_stages.py TOOL_CATEGORIES "
            f"lists {', '.join(sorted(listed))}: add or remove a category")
