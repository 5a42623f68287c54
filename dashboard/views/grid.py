"""ag-grid column definitions: in-cell score bars, country links, readable headers."""

from __future__ import annotations

from typing import Any

#: A light blue bar behind a 0–100 score, drawn by the grid (no HTML from data involved).
SCORE_BAR = {"function": (
    "params.value == null ? {} : {'background': 'linear-gradient(90deg, #b9d7ee ' + "
    "params.value + '%, transparent ' + params.value + '%)'}")}
_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>"


def escape_markdown(text: str) -> str:
    """Return ``text`` with markdown's special characters escaped, so it renders as itself."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in text)


def source_link(url: object) -> str:
    """Return a markdown link to a source's web address (its text the address itself, escaped),
    or an empty cell when it is not an http(s) address (never a javascript: link)."""
    text = str(url or "").strip()
    if not text.lower().startswith(("https://", "http://")) or any(c in text for c in " ()<>"):
        return escape_markdown(text)
    return f"[{escape_markdown(text.split('://', 1)[1])}]({text})"


def country_link(name: str, url: str) -> str:
    """Return a markdown link whose text is the country's name shown literally."""
    return f"[{escape_markdown(name)}]({url})"


def score_column(field: str, header: str, width: int = 120) -> dict[str, Any]:
    """Return a sortable numeric column drawn as a bar behind the number."""
    return {"field": field, "headerName": header, "type": "numericColumn", "width": width,
            "cellStyle": SCORE_BAR, "valueFormatter": {"function": "params.value == null ? '–' : "
                                                       "d3.format('.1f')(params.value)"}}


def delta_column() -> dict[str, Any]:
    """Return the 'Δ rank vs reference' column: +n means n places higher than the reference."""
    return {"field": "delta_rank", "headerName": "Δ rank vs reference", "width": 165,
            "type": "numericColumn",
            "headerTooltip": "Places gained (+) or lost (−) against the reference method",
            "valueFormatter": {"function": "params.value == null ? '–' : (params.value > 0 ? "
                                           "'▲ +' + params.value : (params.value < 0 ? '▼ ' + "
                                           "params.value : '0'))"}}
