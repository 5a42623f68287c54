"""Monte Carlo speed and memory: µs per run and peak RSS at 1k/10k/100k runs and 10× the data.

Run ``python -m benchmarks monte_carlo``. Each figure comes from a fresh child process pinned to
one core (``os.sched_setaffinity``), so its peak resident memory is its own (``os.wait4``):

* µs per run: the CPU time of ``monte_carlo(...).table()`` divided by the runs, after one warm-up
  analysis has computed the normalised matrices (those are cached per data version; the
  ``robustness`` benchmark times them cold);
* memory: the peak RSS of ``sovai robustness --runs N`` minus that of the same command at 1,000
  runs — what the runs themselves cost (the floor: the int16 ranks, runs × countries × 2 bytes);
* 10× countries / 10× indicators: every combination's normalised matrix tiled 10 times (rows or
  columns) with a small deterministic jitter so that ranks do not tie, through the same engine
  functions as the shipped data.

Prints one table with each figure's target and the ratio to it (≤ 1 meets it).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "data"
US_PER_RUN_TARGET = 20.0
MEMORY_TARGET_MIB = 100.0
RUN_COUNTS = (1_000, 10_000, 100_000)
#: Repeats of each in-process timing: the median is quoted.
REPEATS = 3


def _measure(runs: int, countries_x: int, indicators_x: int) -> dict[str, float]:
    """Return {"us_per_run", "seconds"}: the median of REPEATS analyses of ``runs`` runs."""
    from indicators import load
    from indicators.robustness import Assumptions, engine, monte_carlo, resolve
    from indicators.robustness.uncertainty import Uncertainty
    from indicators.spec import ScoringSpec

    bundle = load(DATA)
    if countries_x == indicators_x == 1:
        monte_carlo(bundle, runs=100, seed=0)  # computes and caches the normalised matrices

        def analysis(seed: int) -> object:
            return monte_carlo(bundle, runs=runs, seed=seed).table()
    else:
        design = resolve(bundle, ScoringSpec(), Assumptions())
        matrices = [_tiled(engine.normalised_matrix(bundle, design, c), countries_x,
                           indicators_x, seed=c) for c in range(len(design.combos))]
        big = dataclasses.replace(
            design, codes=design.codes * indicators_x,
            indicator_weights=np.tile(design.indicator_weights, indicators_x),
            membership=np.tile(design.membership, (indicators_x, 1)))
        n_countries = len(bundle.countries) * countries_x
        iso3 = tuple(f"C{j:05d}" for j in range(n_countries))

        def analysis(seed: int) -> object:
            unit = np.random.default_rng(seed).random((runs, len(big.factor_groups)))
            sampled = engine.draw(big, unit)
            del unit
            ranks = engine.ranks_from_matrices(matrices.__getitem__, big.membership, sampled,
                                               big.spec.min_pillar_coverage, n_countries)
            return Uncertainty(design=big, runs=sampled, seed=seed, iso3=iso3, ranks=ranks,
                               reference=np.full(n_countries, np.nan)).table()
    cpu, wall = [], []
    for seed in range(1, REPEATS + 1):
        start, start_cpu = time.perf_counter(), time.process_time()
        analysis(seed)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return {"us_per_run": float(np.median(cpu)) / runs * 1e6, "seconds": float(np.median(cpu)),
            "wall_us_per_run": float(np.median(wall)) / runs * 1e6}


def _tiled(matrix: np.ndarray, rows: int, columns: int, seed: int) -> np.ndarray:
    """Return ``matrix`` repeated rows × columns times, each copy jittered by under 0.01 points."""
    big = np.tile(matrix, (rows, columns))
    jitter = np.random.default_rng(seed).uniform(0, 0.01, big.shape)
    jitter[: matrix.shape[0], : matrix.shape[1]] = 0.0
    return big + jitter  # NaN stays NaN


def _child(argv: list[str], pin: bool = True) -> tuple[str, float]:
    """Run ``argv`` as a child (on one core if ``pin``); return (stdout, its peak RSS in MiB)."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}

    def one_core() -> None:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                          preexec_fn=one_core if pin else None) as child:
        assert child.stdout is not None
        out = child.stdout.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"{' '.join(argv)} exited with {child.returncode}")
    return out, usage.ru_maxrss / 1024  # KiB on Linux


def _timing(runs: int, countries_x: int = 1, indicators_x: int = 1) -> dict[str, float]:
    out, peak = _child([sys.executable, "-m", "benchmarks.monte_carlo", "--one", str(runs),
                        str(countries_x), str(indicators_x)])
    return {**json.loads(out.strip().splitlines()[-1]), "peak_mib": peak}


def _peak_rss(runs: int) -> float:
    _, peak = _child([sys.executable, "-m", "indicators.cli", "robustness", "--runs", str(runs),
                      "--format", "csv", "--data-dir", str(DATA)])
    return peak


def main() -> None:
    """Print the Monte Carlo table."""
    rows: list[tuple[str, str, str, str]] = []
    timed = {runs: _timing(runs) for runs in RUN_COUNTS}
    for runs, t in timed.items():
        us = t["us_per_run"]
        rows.append((f"µs per run, {runs:,} runs, 199 × 29, one core", f"{us:.1f}",
                     f"≤ {US_PER_RUN_TARGET:g}", f"{us / US_PER_RUN_TARGET:.2f}"))
    for small, large in itertools.pairwise(RUN_COUNTS):
        growth = timed[large]["seconds"] / timed[small]["seconds"]
        rows.append((f"cost of {large:,} runs / {small:,} runs", f"{growth:.1f}×",
                     "≤ 10× (linear)", f"{growth / 10:.2f}"))
    for label, cx, ix in (("10× countries (1,990 × 29)", 10, 1),
                          ("10× indicators (199 × 290)", 1, 10)):
        scaled = _timing(10_000, cx, ix)
        base = timed[10_000]
        rows.append((f"µs per run, 10,000 runs, {label}", f"{scaled['us_per_run']:.1f}",
                     f"≤ 10 × {base['us_per_run']:.1f} (linear)",
                     f"{scaled['us_per_run'] / (10 * base['us_per_run']):.2f}"))
        rows.append((f"peak RSS, 10,000 runs, {label}, in-process analysis",
                     f"{scaled['peak_mib']:.0f} MiB",
                     f"shipped data: {base['peak_mib']:.0f} MiB", ""))
    peaks = {runs: _peak_rss(runs) for runs in RUN_COUNTS}
    for runs in RUN_COUNTS[1:]:
        above = peaks[runs] - peaks[RUN_COUNTS[0]]
        floor = runs * 199 * 2 / 2**20
        rows.append((f"peak RSS above 1,000 runs, sovai robustness --runs {runs:,}",
                     f"{above:.0f} MiB", f"≤ {MEMORY_TARGET_MIB:g} MiB (ranks: {floor:.0f} MiB)",
                     f"{above / MEMORY_TARGET_MIB:.2f}"))
    rows.append(("peak RSS, sovai robustness --runs 1,000 (the baseline)",
                 f"{peaks[RUN_COUNTS[0]]:.0f} MiB", "", ""))
    print(f"Monte Carlo — shipped data, children pinned to one core, median of {REPEATS}\n")
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':>9}  {'target':<28}  ratio to target")
    for name, value, target, ratio in rows:
        print(f"{name:<{width}}  {value:>9}  {target:<28}  {ratio}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        runs_arg, cx_arg, ix_arg = (int(a) for a in sys.argv[2:5])
        print(json.dumps(_measure(runs_arg, cx_arg, ix_arg)))
    else:
        main()
