"""Home jurisdiction of chip and cloud suppliers (used by compute importers and dependencies)."""

from __future__ import annotations

from indicators.build.errors import BuildError

#: Substrings of TOP500 accelerator/processor names → designer's home jurisdiction. Checked in
#: order, so the specific non-US designs come before the generic US vendors.
TOP500_DESIGNERS: tuple[tuple[str, str], ...] = (
    ("sunway", "CHN"),                    # Sunway SW26010 (NRCPC)
    ("matrix-2000", "CHN"),               # NUDT accelerator
    ("deep computing processor", "CHN"),  # Hygon DCU
    ("hygon", "CHN"),                     # Hygon Dhyana CPU (licensed Zen, Chinese design house)
    ("lx2", "CHN"),                       # LineShine LX2
    ("a64fx", "JPN"),                     # Fujitsu
    ("fujitsu", "JPN"),
    ("vector engine", "JPN"),             # NEC SX-Aurora
    ("pezy", "JPN"),                      # PEZY Computing
    ("mn-core", "JPN"),                   # Preferred Networks
    ("nvidia", "USA"),
    ("grace", "USA"),                     # NVIDIA Grace CPU
    ("gh superchip", "USA"),              # NVIDIA Grace Hopper
    ("amd", "USA"),
    ("epyc", "USA"),
    ("intel", "USA"),
    ("xeon", "USA"),
    ("ibm", "USA"),
    ("power", "USA"),
)

#: Epoch "GPU Supplier (primary)" → home jurisdiction; None = designer not disclosed.
EPOCH_SUPPLIERS: dict[str, str | None] = {
    "NVIDIA": "USA", "AMD": "USA", "Intel": "USA", "Google": "USA", "Amazon AWS": "USA",
    "Microsoft": "USA", "Cerebras": "USA", "Groq": "USA", "Huawei": "CHN", "PEZY": "JPN",
    "Anonymized": None, "Unknown": None, "": None,
}

#: Cloud provider → headquarters jurisdiction (TeleGeography names and 14-provider ids).
CLOUD_PROVIDERS: dict[str, str] = {
    "Amazon Web Services": "USA", "Microsoft Azure": "USA", "Google Cloud": "USA",
    "Oracle Cloud": "USA", "IBM Cloud": "USA", "Alibaba Cloud": "CHN", "Huawei Cloud": "CHN",
    "Tencent Cloud": "CHN",
    "aws": "USA", "azure": "USA", "gcp": "USA", "oci": "USA", "digitalocean": "USA",
    "paperspace": "USA", "vultr": "USA", "linode": "USA", "coreweave": "USA", "crusoe": "USA",
    "lambda": "USA", "hetzner": "DEU", "ovh": "FRA", "scaleway": "FRA",
}


def top500_designer(accelerator: str, processor: str, file: str) -> str:
    """Return the jurisdiction of the chip that delivers a TOP500 system's Rmax.

    The accelerator when there is one (it delivers most of the FLOP/s), else the processor.
    """
    name = (accelerator or processor).lower()
    for key, iso3 in TOP500_DESIGNERS:
        if key in name:
            return iso3
    raise BuildError(f"{file}: unknown chip designer for {accelerator or processor!r}; add it "
                     "to indicators/importers/chips.py")


def epoch_supplier(supplier: str, file: str) -> str | None:
    """Return the jurisdiction of an Epoch cluster's GPU supplier, None when undisclosed."""
    if supplier not in EPOCH_SUPPLIERS:
        raise BuildError(f"{file}: unknown GPU supplier {supplier!r}; add it to "
                         "indicators/importers/chips.py")
    return EPOCH_SUPPLIERS[supplier]


def cloud_home(provider: str, file: str) -> str:
    """Return the headquarters jurisdiction of a cloud provider."""
    if provider not in CLOUD_PROVIDERS:
        raise BuildError(f"{file}: unknown cloud provider {provider!r}; add it to "
                         "indicators/importers/chips.py")
    return CLOUD_PROVIDERS[provider]
