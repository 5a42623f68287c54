"""Benchmark: time of one scenario (the page callback's work) and of a vectorised severity stack."""

from __future__ import annotations

import time

import numpy as np

from indicators import load, score
from indicators.paths import default_data_dir
from indicators.scenarios import PRESETS, overall_by_severity, score_scenario


def _best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Print per-preset timings and the stack-versus-loop ratio on the shipped data."""
    bundle = load(default_data_dir())
    baseline = score(bundle)
    t_base = _best(lambda: score(bundle))
    print(f"{'case':<36}{'ms':>9}{'× baseline score':>18}")
    print(f"{'baseline score()':<36}{t_base * 1e3:>9.1f}{1.0:>18.2f}")
    for name, scenario in PRESETS.items():
        t = _best(lambda s=scenario: score_scenario(bundle, baseline, s))
        print(f"{'scenario ' + name:<36}{t * 1e3:>9.1f}{t / t_base:>18.2f}")
    severities = np.linspace(0, 1, 21)
    scenario = PRESETS["autarky"]
    t_stack = _best(lambda: overall_by_severity(bundle, baseline, scenario, severities))
    t_loop = _best(lambda: [score_scenario(bundle, baseline,
                                           scenario.model_copy(update={"severity": float(s)}))
                            for s in severities], repeat=2)
    print(f"{'21 severities, one stack':<36}{t_stack * 1e3:>9.1f}{t_stack / t_base:>18.2f}")
    print(f"{'21 severities, one run each':<36}{t_loop * 1e3:>9.1f}{t_loop / t_base:>18.2f}")
    print(f"stack is {t_loop / t_stack:.1f}× faster than the loop")


if __name__ == "__main__":
    main()
