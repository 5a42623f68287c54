"""The "custom method" banner: what differs from the reference method, and a link back to it.

Shown on every page scored with a spec from the link that is not the reference (year and view
apart: scale and intensity are the two published views, README "Two views"), so nobody reads a
what-if ranking as the published one.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard.components.weights_panel import CHOICES, LABELS
from indicators import Bundle, ScoringSpec

BANNER_ID = "method-banner"


def method_changes(spec: ScoringSpec, bundle: Bundle) -> list[str]:
    """Return one phrase per choice of ``spec`` that differs from the reference method."""
    reference = ScoringSpec()
    changes = []
    for field, pairs in CHOICES.items():
        if field == "view":
            continue  # both views are published; the page names the one it shows
        value = getattr(spec, field)
        if value != getattr(reference, field):
            label = dict(pairs).get(str(value), str(value))
            changes.append(f"{LABELS[field].lower()}: {label}")
    names = bundle.pillars["name"].astype(str)
    for pillar, weight in sorted(spec.pillar_weights.items()):
        changes.append(f"{names.get(pillar, pillar)} pillar weight {weight:g}")
    indicator_names = bundle.indicators["name"].astype(str)
    for code, weight in sorted(spec.indicator_weights.items()):
        changes.append(f"{indicator_names.get(code, code)} weight {weight:g}")
    return changes


def method_banner(spec: ScoringSpec, bundle: Bundle, reset_href: str) -> list[html.Div]:
    """Return the banner for a non-reference ``spec`` (nothing for the reference method).

    ``reset_href`` is the same page with the method's parameters removed.
    """
    changes = method_changes(spec, bundle)
    if not changes:
        return []
    return [html.Div([
        html.Strong("Custom method. "),
        "Scored with " + "; ".join(changes) + " (the published ranking "
        "uses the reference method). ",
        dcc.Link("Reset to the reference method", href=reset_href, className="button secondary"),
    ], className="banner method-banner", role="status", id=BANNER_ID)]
