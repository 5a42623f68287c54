"""Benchmark of the robustness engine on the shipped data: Monte Carlo, per-run loop, re-weighting.

Run with ``python -m benchmarks.robustness`` (or ``python -m benchmarks`` for every benchmark).
Prints one table: what was timed, how, the result and its target.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from indicators import Bundle, ScoringSpec, load, score
from indicators.robustness import Assumptions, engine, leave_one_out, resolve, sensitivity_indices
from indicators.robustness.uncertainty import monte_carlo

DATA = Path(__file__).resolve().parents[1] / "data"
RUNS = 10_000
LOOP_RUNS = 300
CALLBACKS = 100


def _seconds(action: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _float_weights(bundle: Bundle) -> Bundle:
    """Return the bundle with float weight columns (indicators.score needs them for the loop)."""
    return dataclasses.replace(bundle, indicators=bundle.indicators.astype({"weight": float}),
                               pillars=bundle.pillars.astype({"weight": float}))


def _percentile(samples: list[float], q: float) -> float:
    return float(np.percentile(np.array(samples), q))


def main() -> None:
    """Print the robustness benchmark table."""
    bundle = load(DATA)
    n_countries, n_indicators = len(bundle.countries), len(bundle.scored_indicators)
    design = resolve(bundle, ScoringSpec(), Assumptions())
    rows: list[tuple[str, str, str]] = []

    engine._matrices.clear()
    cold = _seconds(lambda: monte_carlo(bundle, runs=RUNS, seed=0))
    warm = _seconds(lambda: monte_carlo(bundle, runs=RUNS, seed=1))
    rows.append((f"Monte Carlo, {RUNS} runs, cold ({len(design.combos)} normalisations "
                 "computed)", f"{cold:.2f} s", "< 2 s"))
    rows.append((f"Monte Carlo, {RUNS} runs, warm (normalisations cached)", f"{warm:.2f} s",
                 "< 2 s"))
    warm_1000 = _seconds(lambda: monte_carlo(bundle, runs=1000, seed=2))
    rows.append(("Monte Carlo, 1000 runs, warm (the page's default)", f"{warm_1000 * 1e3:.0f} ms",
                 ""))

    unit = np.random.default_rng(0).random((LOOP_RUNS, len(design.factor_groups)))
    runs = engine.draw(design, unit)
    loop_bundle = _float_weights(bundle)
    specs = [engine.run_spec(design, runs, r) for r in range(LOOP_RUNS)]
    loop = _seconds(lambda: [score(loop_bundle, s).rank for s in specs])
    loop_full = loop / LOOP_RUNS * RUNS
    rows.append((f"per-run loop over indicators.score, {LOOP_RUNS} runs timed",
                 f"{loop:.2f} s", ""))
    rows.append((f"  … extrapolated to {RUNS} runs", f"{loop_full:.1f} s", ""))
    rows.append(("speed-up of the engine (cold / warm)",
                 f"{loop_full / cold:.0f}× / {loop_full / warm:.0f}×", "≥ 50×"))

    samples = 1024
    sobol = _seconds(lambda: sensitivity_indices(bundle, samples=samples))
    rows.append((f"Sobol' indices, sample {samples} × 7 = {samples * 7} runs, warm",
                 f"{sobol:.2f} s", ""))
    loo = _seconds(lambda: leave_one_out(bundle))
    rows.append((f"leave-one-out, {n_indicators} indicators", f"{loo * 1e3:.0f} ms", ""))

    rows.extend(_reweighting(bundle))

    print(f"Robustness benchmark — shipped data: {n_countries} countries × {n_indicators} "
          f"indicators, {os.cpu_count()} cores\n")
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':>12}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>12}  {target}")


def _reweighting(bundle: Bundle) -> list[tuple[str, str, str]]:
    """Return rows timing a re-weighting callback's server work, with 100 distinct weight sets.

    Whole-number weights, since ``indicators.score`` refuses fractional overrides when the
    file's weights are whole (an int64 column); distinct sets so no cache answers.
    """
    pillars = bundle.pillar_codes
    weight_sets = [{p: float(1 + (k // 4**j) % 4) for j, p in enumerate(pillars)}
                   for k in range(1, CALLBACKS + 1)]
    direct = []
    for weights in weight_sets:
        spec = ScoringSpec(pillar_weights=weights)
        start = time.perf_counter()
        score(bundle, spec)
        direct.append(time.perf_counter() - start)
    os.environ["SOVAI_DATA_DIR"] = str(DATA)
    from dashboard import data_access

    data_access.result()  # first load: validation, as when the app starts
    through_door = []
    for weights in weight_sets:
        spec = ScoringSpec(pillar_weights={p: w + 0.0 for p, w in weights.items()},
                           indicator_weights={str(bundle.scored_indicators.index[0]): 2.0})
        start = time.perf_counter()
        data_access.result(spec)
        through_door.append(time.perf_counter() - start)
    return [
        (f"re-weighting: indicators.score, {CALLBACKS} weight sets, p50 / p95",
         f"{_percentile(direct, 50) * 1e3:.0f} / {_percentile(direct, 95) * 1e3:.0f} ms",
         "p95 < 50 ms"),
        (f"re-weighting: data_access.result, {CALLBACKS} weight sets, p50 / p95",
         f"{statistics.median(through_door) * 1e3:.0f} / "
         f"{_percentile(through_door, 95) * 1e3:.0f} ms", "p95 < 50 ms"),
    ]


if __name__ == "__main__":
    main()
