"""Data strings that reach plotly text (titles, legends, labels, hover) are shown as text.

Plotly renders a subset of HTML in every text it draws — ``<a href>`` becomes a live link — so a
country name from the data must be escaped; plotly turns the entities back into the characters.
"""

from __future__ import annotations

import html
from collections.abc import Iterable


def plot_text(value: object) -> str:
    """Return ``value`` as plotly text that shows exactly its characters (``<`` stays ``<``)."""
    return html.escape(str(value), quote=False)


def plot_texts(values: Iterable[object]) -> list[str]:
    """Return each of ``values`` (an iterable) as plotly text."""
    return [plot_text(value) for value in values]
