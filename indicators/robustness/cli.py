"""``sovai robustness`` and ``sovai sensitivity``: rank intervals and Sobol' indices."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from indicators.paths import add_data_dir_option
from indicators.robustness.assumptions import (
    ASSUMPTIONS,
    DEFAULT_VARIED,
    MONTE_CARLO_AGGREGATIONS,
    Assumptions,
    resolve,
)
from indicators.spec import ScoringSpec

# The engine (uncertainty, sensitivity) is imported when a command runs, not to build the parser.


def _runs(text: str) -> int:
    """Return a run count from the command line, or raise ArgumentTypeError saying what fits."""
    from indicators.robustness.uncertainty import MAX_RUNS

    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_RUNS:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to {MAX_RUNS}, "
                                         f"got {text!r}")
    return int(text)


def _samples(text: str) -> int:
    """Return a Sobol' base sample size: a power of two from 2 to MAX_SAMPLES."""
    from indicators.robustness.sensitivity import MAX_SAMPLES

    value = int(text) if text.strip().isdigit() else 0
    if value < 2 or value > MAX_SAMPLES or value & (value - 1):
        raise argparse.ArgumentTypeError(f"expected a power of two from 2 to {MAX_SAMPLES} "
                                         f"(e.g. 256), got {text!r}")
    return value


def _seed(text: str) -> int:
    """Return a random seed: a whole number ≥ 0."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {text!r}")
    return int(text)


def _spread(text: str) -> float:
    """Return a weight spread: a fraction in [0, 1), e.g. 0.25 for ±25 %."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"expected a fraction from 0 up to (not including) 1, "
                                         f"e.g. 0.25 for ±25 %, got {text!r}")
    return value


def _vary(text: str) -> tuple[str, ...]:
    """Return the assumptions named in a comma-separated list ('none' for none)."""
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if names == ("none",):
        return ()
    unknown = [n for n in names if n not in ASSUMPTIONS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"expected a comma-separated list of {', '.join(ASSUMPTIONS)} (or none), "
            f"got {text!r}")
    return names


def _add_common(p: argparse.ArgumentParser) -> None:
    from indicators.cli import add_method_options

    add_data_dir_option(p)
    p.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    p.add_argument("--year", type=int, default=None, help="scoring year (default: latest)")
    add_method_options(p, help_suffix="; the runs vary around the chosen one")
    p.add_argument("--window", type=_seed, default=ScoringSpec().window,
                   help="the chosen year window (default 3)")
    p.add_argument("--weight", action="append", default=[], metavar="CODE=W",
                   help="override a pillar's or an indicator's chosen weight (repeatable)")
    p.add_argument("--vary", type=_vary, default=DEFAULT_VARIED, metavar="LIST",
                   help=f"assumptions to vary, comma-separated, from {', '.join(ASSUMPTIONS)} "
                   f"(default: {','.join(DEFAULT_VARIED)}; 'none' for none)")
    p.add_argument("--weight-spread", type=_spread, default=0.25, metavar="X",
                   help="each weight times a factor uniform on [1-X, 1+X] (default 0.25)")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")


def add_commands(subparsers: Any) -> None:
    """Add ``robustness`` and ``sensitivity`` to the ``sovai`` command line."""
    p = subparsers.add_parser("robustness", help="Monte Carlo rank intervals of every country")
    p.add_argument("--runs", type=_runs, default=1000, help="Monte Carlo runs (default 1000)")
    _add_common(p)
    p.set_defaults(handler=robustness_command)

    p = subparsers.add_parser("sensitivity",
                              help="Sobol' indices of each assumption on each country's rank")
    p.add_argument("--samples", type=_samples, default=1024,
                   help="Sobol' base sample, a power of two; runs = samples × (assumptions + 2)")
    p.add_argument("--leave-one-out", action="store_true",
                   help="instead: each rank with one indicator dropped at a time")
    _add_common(p)
    p.set_defaults(handler=sensitivity_command)


def _setup(args: argparse.Namespace, command: str) -> tuple[Any, ScoringSpec, Assumptions] | int:
    """Return (bundle, spec, assumptions) from the arguments, or an exit status after a message."""
    from indicators.bundle import load
    from indicators.cli import UsageError, spec_from_args
    from indicators.paths import default_data_dir

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    if not data_dir.is_dir():
        print(f"{data_dir}: not a directory: expected a data directory with pillars.csv, "
              "indicators.csv, countries.csv, groups.csv, sources.csv, dependencies.csv and "
              "values/*.csv", file=sys.stderr)
        return 1
    bundle = load(data_dir)  # invalid data: DataError, printed as FILE:LINE problems by main
    try:
        spec = spec_from_args(args, bundle)
    except UsageError as err:
        print(f"sovai {command}: {err}", file=sys.stderr)
        return 2
    if spec.aggregation not in MONTE_CARLO_AGGREGATIONS:
        print(f"sovai {command}: --aggregation {spec.aggregation} cannot be analysed: expected "
              f"{' or '.join(MONTE_CARLO_AGGREGATIONS)}", file=sys.stderr)
        return 2
    assumptions = Assumptions(vary=args.vary, weight_spread=args.weight_spread)
    return bundle, spec, assumptions


def _meta(bundle: Any, spec: ScoringSpec, assumptions: Assumptions, **extra: object) -> dict:
    design = resolve(bundle, spec, assumptions)
    return {**extra, "year": design.year, "version": bundle.version,
            "spec": spec.model_dump(mode="json"), "varied": list(design.varied),
            "assumptions": design.statements()}


def robustness_command(args: argparse.Namespace) -> int:
    """Print every country's rank and its Monte Carlo rank interval; return the exit status."""
    from indicators.cli import write_table
    from indicators.robustness.uncertainty import INTERVAL_COLUMNS, monte_carlo

    setup = _setup(args, "robustness")
    if isinstance(setup, int):
        return setup
    bundle, spec, assumptions = setup
    analysis = monte_carlo(bundle, spec, runs=args.runs, seed=args.seed, assumptions=assumptions)
    table = analysis.table()[list(INTERVAL_COLUMNS)]
    meta = _meta(bundle, spec, assumptions, runs=args.runs, seed=args.seed)
    write_table(table, args.format, meta)
    if args.format == "table":
        _print_statements(meta, f"{args.runs} runs, seed {args.seed}")
        _print_outliers(analysis.table(), bundle.countries["name"])
    return 0


def _print_outliers(table: Any, names: Any) -> None:
    """Print the countries ranked as chosen outside their own 5–95 % interval, if any."""
    from indicators.robustness.uncertainty import outside_interval

    out = outside_interval(table)
    if out.empty:
        return
    print(f"\nRanked as chosen outside their own 5–95 % interval ({len(out)}): the chosen method "
          "is itself an outlier for them among the alternatives tried:")
    for iso3, side, rank, low, high in zip(
            out["iso3"], out["side"],
            *(out[c].astype(int).tolist() for c in ("rank", "rank_p05", "rank_p95")),
            strict=True):
        print(f"  {names.get(iso3, iso3)} ({iso3}): {rank}, {side} than the runs' {low}–{high}")


def sensitivity_command(args: argparse.Namespace) -> int:
    """Print Sobol' indices (or leave-one-out rank shifts); return the exit status."""
    from indicators.cli import write_table
    from indicators.robustness.sensitivity import leave_one_out, sensitivity_indices

    setup = _setup(args, "sensitivity")
    if isinstance(setup, int):
        return setup
    bundle, spec, assumptions = setup
    if args.leave_one_out:
        table = leave_one_out(bundle, spec)
        meta = _meta(bundle, spec, Assumptions(vary=()), method="leave-one-indicator-out")
    else:
        try:
            table = sensitivity_indices(bundle, spec, samples=args.samples, seed=args.seed,
                                        assumptions=assumptions)
        except ValueError as err:
            print(f"sovai sensitivity: {err}", file=sys.stderr)
            return 2
        runs = args.samples * (len(resolve(bundle, spec, assumptions).varied) + 2)
        meta = _meta(bundle, spec, assumptions, method="sobol", samples=args.samples,
                     runs=runs, seed=args.seed)
    write_table(table, args.format, meta)
    if args.format == "table" and not args.leave_one_out:
        _print_statements(meta, f"{meta['runs']} runs (Sobol' sample {args.samples}), "
                          f"seed {args.seed}")
    if not args.leave_one_out and (noise := sampling_noise(table)):
        print(f"sovai sensitivity: warning: {noise}; the true indices cannot be either, so "
              f"these are the sampling noise of a Sobol' sample of {args.samples}: a larger "
              "--samples narrows it (the default is 1024)", file=sys.stderr)
    return 0


def sampling_noise(table: Any) -> str:
    """Return what in a Sobol' table can only be estimation noise (a share of variance below
    zero, a first-order index above its total), counted; "" when there is none.

    Both are impossible for the true indices (0 ≤ first order ≤ total), so a tolerance of 0.05
    separates visible noise from rounding."""
    negative = int(((table["first_order"] < -0.05) | (table["total"] < -0.05)).sum())
    above = int((table["first_order"] > table["total"] + 0.05).sum())
    parts = [f"{n} {what}" for n, what in ((negative, "negative indices"),
                                            (above, "first-order indices above their total"))
             if n]
    return " and ".join(parts)


def _print_statements(meta: dict, runs: str) -> None:
    """Print, after a table, how many runs there were and how each assumption varied."""
    print(f"\n{runs}; year {meta['year']}; data version {meta['version']}.")
    for line in meta["assumptions"]:
        print(f"  {line}")
