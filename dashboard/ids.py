"""Component ids of the shell and the pages, in one place so a typo fails loudly."""

from __future__ import annotations

from typing import Any

# shell
URL = "url"
BANNER = "data-banner"
MAIN = "main-content"

# overview
OV_SEARCH = "ov-search"
OV_MEASURE = "ov-measure"
OV_REGION = "ov-region"
OV_INCOME = "ov-income"
OV_BLOC = "ov-bloc"
OV_GRID = "ov-ranking"
OV_INTERVALS = "ov-intervals"
OV_COMPARE = "ov-compare-selected"
OV_DL_SHOWN = "ov-download-shown"
OV_DL_FULL = "ov-download-full"
OV_DOWNLOAD = "ov-download"

# compare
CMP_COUNTRIES = "cmp-countries"
CMP_PEERS = "cmp-peers"
CMP_DL_SHOWN = "cmp-download-shown"
CMP_DL_FULL = "cmp-download-full"
CMP_DOWNLOAD = "cmp-download"

# country
CTY_PICK = "cty-pick"
CTY_DL_FULL = "cty-download-full"
CTY_DOWNLOAD = "cty-download"

# methodology
MTH_DL = "mth-download-catalogue"
MTH_DOWNLOAD = "mth-download"

# audit
AUD_PILLAR = "aud-pillar"
AUD_METHOD = "aud-method"
AUD_DL = "aud-download-audit"
AUD_DOWNLOAD = "aud-download"


def panel(page: str, kind: str, key: Any) -> dict[str, Any]:
    """Return the pattern-matching id of a panel control: kind 'choice', 'pw' or 'iw'."""
    return {"type": "panel", "page": page, "kind": kind, "key": key}


def chart_svg(chart: Any) -> dict[str, Any]:
    """Return the id of the 'SVG' button of a chart."""
    return {"type": "chart-svg", "chart": chart}
