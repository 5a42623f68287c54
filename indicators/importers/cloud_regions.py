"""Cloud-region lists (``cloud-regions/``): TeleGeography's hyperscale regions (2025-01) and
the 14-provider export (2026-01).

Used by the compute pillar (``cloud_regions``, ``cloud_regions_gpu``) and by the cloud layer of
dependencies.csv.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from indicators.build.names import NameTable
from indicators.build.readers import require
from indicators.importers.chips import cloud_home


def read_telegeography(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return in-service provider-regions: iso3, provider, home."""
    path = require(sources / "cloud-regions" / "telegeography_cloud_regions_2025-01.json")
    label = f"cloud-regions/{path.name}"
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for metro in doc["cloud_regions"]:
        country = "Hong Kong" if metro["metro_area"] == "Hong Kong" else metro["country"]
        iso3 = names.name(country, label)
        for provider in metro["cloud_service_providers"]:
            if iso3 is not None and provider.get("in_service") is True:
                rows.append({"iso3": iso3, "provider": provider["name"],
                             "home": cloud_home(provider["name"], label)})
    return pd.DataFrame(rows, columns=["iso3", "provider", "home"])


def read_cloud_14(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return generally available regions: iso3, provider, home, gpu."""
    path = require(sources / "cloud-regions" / "cloud_regions_14providers_2026-01.json")
    label = f"cloud-regions/{path.name}"
    doc = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for region in doc["regions"]:
        iso3 = names.iso2(region["location"]["countryCode"], label)
        if iso3 is not None and region.get("status") == "ga":
            rows.append({"iso3": iso3, "provider": region["provider"],
                         "home": cloud_home(region["provider"], label),
                         "gpu": bool(region.get("services", {}).get("gpu"))})
    return pd.DataFrame(rows, columns=["iso3", "provider", "home", "gpu"])
