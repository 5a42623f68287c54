"""Optional rank intervals from the robustness engine (Monte Carlo), cached per data and spec."""

from __future__ import annotations

import importlib
import threading

import pandas as pd

from dashboard.views.ranking import rank_intervals_available
from indicators import Bundle, ScoringSpec

#: Monte Carlo runs behind the overview's interval column (the Robustness page offers more).
RUNS = 500
SEED = 0
_MAX_CACHED = 32
_lock = threading.Lock()
_cache: dict[tuple[str, str], pd.DataFrame] = {}


def rank_interval_frame(bundle: Bundle, spec: ScoringSpec) -> pd.DataFrame | None:
    """Return rank_p05 and rank_p95 per iso3 (index), or None without the robustness engine."""
    if not rank_intervals_available():
        return None
    key = (bundle.version, spec.model_dump_json())
    with _lock:
        cached = _cache.get(key)
    if cached is None:
        engine = importlib.import_module("indicators.robustness")
        table = engine.rank_intervals(bundle, spec, runs=RUNS, seed=SEED)
        cached = table.set_index("iso3")[["rank_p05", "rank_p95"]]
        with _lock:
            if len(_cache) >= _MAX_CACHED:
                _cache.pop(next(iter(_cache)))
            _cache[key] = cached
    return cached

