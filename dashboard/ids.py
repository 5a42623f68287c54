"""Component ids of the shell and the pages, in one place so a typo fails loudly."""

from __future__ import annotations

from typing import Any

# shell
URL = "url"
BANNER = "data-banner"
MAIN = "main-content"
#: Written by nothing: the output of the check that the page drawn with the layout is the
#: address's (``first_render``).
FIRST_PAGE_CHECK = "first-page-check"

# the link writers' gates (dashboard/components/state_flow.py), one per page; they live in
# the shell, outside the page content Dash Pages redraws
OV_CHANGE = "ov-change"
CMP_CHANGE = "cmp-change"
SCN_CHANGE = "scn-change"
RB_CHANGE = "rb-change"
CTY_CHANGE = "cty-change"
AUD_CHANGE = "aud-change"
CHANGE_STORES = (OV_CHANGE, CMP_CHANGE, SCN_CHANGE, RB_CHANGE, CTY_CHANGE, AUD_CHANGE)

# overview
OV_SEARCH = "ov-search"
OV_MEASURE = "ov-measure"
OV_REGION = "ov-region"
OV_INCOME = "ov-income"
OV_BLOC = "ov-bloc"
OV_GRID = "ov-ranking"
#: The ranking's first rows as a plain table, shown until the grid draws.
OV_GRID_PREVIEW = "ov-ranking-preview"
OV_MAP = "ov-map"
OV_CHART = "ov-chart"
OV_PANEL = "ov-figure"
OV_YEAR = "ov-year"
#: The map's play/pause button, its timer and whether it plays (``components/year_player``).
OV_PLAY = "ov-play"
OV_PLAY_TICK = "ov-play-tick"
OV_PLAYING = "ov-playing"
#: Shell store the client-side gate writes on each tick while the years play (see overview).
OV_PLAY_STEP = "ov-play-step"
#: Shell store the client-side gate writes when the play button is really pressed.
OV_PLAY_PRESS = "ov-play-press"
OV_HEADING = "ov-heading"
# the country page's player: button, timer and store in the page, gate stores in the shell
CTY_PLAY = "cty-play"
CTY_PLAY_TICK = "cty-play-tick"
CTY_PLAYING = "cty-playing"
CTY_PLAY_STEP = "cty-play-step"
CTY_PLAY_PRESS = "cty-play-press"
#: The shell stores the players' client-side gates write (``components/year_player``).
PLAYER_STORES = (OV_PLAY_STEP, OV_PLAY_PRESS, CTY_PLAY_STEP, CTY_PLAY_PRESS)
OV_SUMMARY = "ov-summary"
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
CTY_MISSING = "cty-missing"
CTY_PANEL = "cty-figure"
CTY_YEAR = "cty-year"
CTY_MAP = "cty-map"
CTY_STANDING = "cty-standing"
CTY_DL_FULL = "cty-download-full"
CTY_DOWNLOAD = "cty-download"

# methodology
MTH_DL = "mth-download-catalogue"
MTH_DOWNLOAD = "mth-download"

# scenarios: controls
SCN_PRESET = "scn-preset"
SCN_CUT = "scn-cut"
SCN_LAYERS = "scn-layers"
SCN_SEV = "scn-sev"
SCN_ALLIES = "scn-allies"
SCN_BLOCS = "scn-blocs"
SCN_COUNTRY = "scn-country"
SCN_BLOC = "scn-bloc"
SCN_SUPPLIER = "scn-supplier"
SCN_AI = "scn-ai"
SCN_MAP_VIEW = "scn-map-view"
SCN_DL = "scn-download-button"
SCN_DOWNLOAD = "scn-download"
# scenarios: content
SCN_RESULTS = "scn-results"
SCN_NARRATIVE = "scn-narrative"
SCN_GRID = "scn-grid"
SCN_ACCESS_SUMMARY = "scn-access-summary"
SCN_ACCESS_LEAST = "scn-access-least"
SCN_MAP = "scn-map"
SCN_BLOC_GRID = "scn-bloc-grid"
SCN_TIMELINE = "scn-timeline"
SCN_TIMELINE_CHART = "scn-timeline-chart"
POSTURE_MAP_LAYER = "posture-map-layer"
POSTURE_MAP = "posture-map"
POSTURE_STRIP = "posture-strip"

# robustness: controls
RB_RUNS = "rb-runs"
RB_SPREAD = "rb-spread"
RB_VARY = "rb-vary"
RB_SEED = "rb-seed"
RB_COUNTRY = "rb-country"
# robustness: content
RB_RESULTS = "rb-results"
RB_RUN_COUNT = "rb-run-count"
RB_ASSUMPTIONS = "rb-assumptions"
RB_INTERVAL_CHART = "rb-interval-chart"
RB_GRID = "rb-grid"
RB_SOBOL_CHART = "rb-sobol-chart"
RB_COUNTRY_SOBOL = "rb-country-sobol"
RB_COUNTRY_LOO = "rb-country-loo"

# data
DATA_STATUS = "data-status"
DATA_UPLOAD = "data-upload"
DATA_UPLOAD_ERROR = "data-upload-error"
DATA_UPLOAD_PAYLOAD = "data-upload-payload"
DATA_TARGET = "data-target"
DATA_PASTE = "data-paste"
DATA_PREVIEW_PASTE = "data-preview-paste"
DATA_PREVIEW = "data-preview"
DATA_PENDING = "data-pending"
DATA_CHANGED = "data-changed"
DATA_NOTE = "data-note"
DATA_TOKEN = "data-token"
DATA_APPLY = "data-apply"
DATA_MESSAGE = "data-message"
DATA_HISTORY = "data-history"
DATA_OVERRIDES = "data-overrides"
DATA_VERSION = "data-version"
DATA_VIEW = "data-view"
DATA_ROLLBACK = "data-rollback"
DATA_ROLLBACK_CONFIRM = "data-rollback-confirm"
DATA_ENTRY = "data-entry"
DATA_FILES = "data-files"
DATA_PROBLEMS = "data-problems"
DATA_WARNINGS = "data-warnings"
PREVIEW_STATUS = "preview-status"
PREVIEW_PROBLEMS = "preview-problems"
PREVIEW_MOVERS = "preview-movers"
HISTORY = "history"

# audit
AUD_PILLAR = "aud-pillar"
AUD_METHOD = "aud-method"
AUD_VS_NORM = "aud-vs-norm"
AUD_VS_AGG = "aud-vs-agg"
AUD_DL = "aud-download-audit"
AUD_DOWNLOAD = "aud-download"


def panel(page: str, kind: str, key: Any) -> dict[str, Any]:
    """Return the pattern-matching id of a panel control: kind 'choice', 'pw' or 'iw'."""
    return {"type": "panel", "page": page, "kind": kind, "key": key}


def panel_summary(page: Any) -> dict[str, Any]:
    """Return the id of the what-if panel's summary (its clicks build the panel's controls)."""
    return {"type": "panel-summary", "page": page}


def panel_body(page: Any) -> dict[str, Any]:
    """Return the id of the what-if panel's body, built when the panel is first opened."""
    return {"type": "panel-body", "page": page}


def nav(path: Any) -> dict[str, Any]:
    """Return the id of the navigation link to the page at ``path``."""
    return {"type": "nav", "path": path}


def clickable_map(name: Any) -> dict[str, Any]:
    """Return the id of a map graph whose countries open their profile when clicked."""
    return {"type": "clickable-map", "map": name}


def chart_export(chart: Any, image: Any) -> dict[str, Any]:
    """Return the id of a chart's download-dialog button saving it as ``image`` (png, svg)."""
    return {"type": "chart-export", "chart": chart, "format": image}


def chart_csv(chart: Any) -> dict[str, Any]:
    """Return the id of a chart's download-dialog button saving its data (CSV with citation)."""
    return {"type": "chart-csv", "chart": chart}


def chart_table_summary(chart: Any) -> dict[str, Any]:
    """Return the id of a chart's "Show the chart as a table" summary."""
    return {"type": "chart-table-summary", "chart": chart}


def chart_table(chart: Any) -> dict[str, Any]:
    """Return the id of the box a chart's table is built into when first opened."""
    return {"type": "chart-table", "chart": chart}


def chart_table_cells(chart: Any) -> dict[str, Any]:
    """Return the id of the store holding a chart's table as text until it is opened."""
    return {"type": "chart-table-cells", "chart": chart}


def chart_data(chart: Any) -> dict[str, Any]:
    """Return the id of the store holding a chart's table and download metadata."""
    return {"type": "chart-data", "chart": chart}


def chart_download(chart: Any) -> dict[str, Any]:
    """Return the id of a chart's ``dcc.Download``."""
    return {"type": "chart-download", "chart": chart}
