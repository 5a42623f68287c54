"""The Robustness page's own URL parameters <-> its settings, and its cached analyses.

Parameters: ``runs`` (1000, 5000 or 10000), ``spread`` (weight spread, 0–0.5), ``vary``
(comma-separated assumptions, or ``none``), ``seed`` and ``country`` (the country whose
sensitivity is detailed); the scoring spec travels in the parameters of ``dashboard.urlstate``.
Anything invalid falls back to the default, never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard import data_access
from indicators import Bundle, ScoringSpec
from indicators.robustness import (
    ASSUMPTIONS,
    DEFAULT_VARIED,
    Assumptions,
    Uncertainty,
    leave_one_out,
    monte_carlo,
    sensitivity_indices,
)

RUN_CHOICES = (1000, 5000, 10000)
DEFAULT_RUNS = 1000
MAX_SPREAD = 0.5
DEFAULT_SPREAD = 0.25
MAX_SEED = 2**31 - 1
#: Sobol' base sample on the page: runs = 512 × (varied assumptions + 2).
SOBOL_SAMPLES = 512


@dataclass(frozen=True)
class Settings:
    """What the page analyses: runs, seed, assumptions and the detailed country."""

    runs: int = DEFAULT_RUNS
    seed: int = 0
    vary: tuple[str, ...] = DEFAULT_VARIED
    spread: float = DEFAULT_SPREAD
    country: str = ""

    @property
    def assumptions(self) -> Assumptions:
        """Return the assumptions these settings vary."""
        return Assumptions.model_validate({"vary": self.vary, "weight_spread": self.spread})

    def query(self) -> dict[str, str]:
        """Return the page parameters that differ from the defaults, in a stable order."""
        default = Settings()
        params: dict[str, str] = {}
        if self.runs != default.runs:
            params["runs"] = str(self.runs)
        if self.spread != default.spread:
            params["spread"] = f"{self.spread:g}"
        if self.vary != default.vary:
            params["vary"] = ",".join(self.vary) or "none"
        if self.seed != default.seed:
            params["seed"] = str(self.seed)
        if self.country:
            params["country"] = self.country
        return params


def _first(value: Any) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value)


def settings_from_query(query: Mapping[str, Any], bundle: Bundle) -> Settings:
    """Return the settings a query string asks for; invalid values take the default."""
    runs_text, seed_text = _first(query.get("runs")), _first(query.get("seed"))
    runs = int(runs_text) if runs_text.isdigit() and int(runs_text) in RUN_CHOICES else DEFAULT_RUNS
    seed = int(seed_text) if seed_text.isdigit() and int(seed_text) <= MAX_SEED else 0
    try:
        spread = float(_first(query.get("spread")) or DEFAULT_SPREAD)
    except ValueError:
        spread = DEFAULT_SPREAD
    if not 0 <= spread <= MAX_SPREAD:
        spread = DEFAULT_SPREAD
    vary_text = _first(query.get("vary"))
    vary = DEFAULT_VARIED
    if vary_text == "none":
        vary = ()
    elif vary_text:
        names = [n for n in vary_text.split(",") if n in ASSUMPTIONS]
        vary = tuple(a for a in ASSUMPTIONS if a in names) or DEFAULT_VARIED
    country = _first(query.get("country")).upper()
    if country not in bundle.countries.index:
        country = ""
    return Settings(runs=runs, seed=seed, vary=vary, spread=spread, country=country)


def settings_from_controls(runs: Any, spread: Any, vary: Any, seed: Any, country: Any,
                           bundle: Bundle) -> Settings:
    """Return the settings the page's controls show (through the same checks as a URL)."""
    return settings_from_query({"runs": runs, "spread": spread,
                                "vary": ",".join(vary or []) or "none", "seed": seed,
                                "country": country or ""}, bundle)


def uncertainty(bundle: Bundle, spec: ScoringSpec, settings: Settings) -> Uncertainty:
    """Return the Monte Carlo analysis of ``spec`` under ``settings`` (memoised per data)."""
    return data_access.memo(monte_carlo, bundle, spec, settings.runs, settings.seed,
                            settings.assumptions)


def sobol(bundle: Bundle, spec: ScoringSpec, settings: Settings) -> pd.DataFrame | None:
    """Return the Sobol' indices under ``settings`` (memoised), or None when nothing varies."""
    return data_access.memo(_sobol, bundle, spec, settings.seed, settings.assumptions)


def _sobol(bundle: Bundle, spec: ScoringSpec, seed: int,
           assumptions: Assumptions) -> pd.DataFrame | None:
    try:
        return sensitivity_indices(bundle, spec, SOBOL_SAMPLES, seed, assumptions)
    except ValueError:
        return None


def dropped_indicators(bundle: Bundle, spec: ScoringSpec) -> pd.DataFrame:
    """Return the leave-one-indicator-out table of ``spec`` (memoised per data)."""
    return data_access.memo(leave_one_out, bundle, spec)
