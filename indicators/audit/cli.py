"""``sovai audit``: the statistical audit of the scores, printed; it informs, it never fails."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

#: Columns of the ``table`` format's indicator table (the CSV has every column).
TABLE_COLUMNS = ("code", "pillar", "count", "skewness", "kurtosis", "r_pillar",
                 "nominal_weight", "effective_weight", "flagged")


def add_commands(subparsers: Any) -> None:
    """Add ``audit`` to the ``sovai`` command line."""
    p = subparsers.add_parser(
        "audit", help="statistical audit: indicator statistics, correlations, Cronbach's "
        "alpha, PCA, effective weights and flags (exit 0 even when it flags)")
    p.add_argument("--data-dir", type=Path, default=None,
                   help="data directory (default: $SOVAI_DATA_DIR or the shipped data/)")
    p.add_argument("--year", type=int, default=None, help="scoring year (default: latest)")
    p.add_argument("--view", choices=["scale", "intensity"], default="scale")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(handler=audit_command)


def audit_command(args: argparse.Namespace) -> int:
    """Print the audit of the reference scores; return 0 (1 invalid data, 2 a wrong option)."""
    from indicators.audit.report import audit
    from indicators.bundle import load
    from indicators.export import to_safe_csv
    from indicators.paths import default_data_dir
    from indicators.pipeline import score
    from indicators.spec import ScoringSpec

    data_dir = Path(args.data_dir) if args.data_dir else default_data_dir()
    if not data_dir.is_dir():
        print(f"{data_dir}: not a directory: expected a data directory", file=sys.stderr)
        return 1
    bundle = load(data_dir)  # invalid data: DataError, printed as FILE:LINE problems by main
    if args.year is not None and args.year not in bundle.years:
        print(f"sovai audit: --year {args.year} has no observation: expected one of "
              f"{bundle.years[0]}–{bundle.years[-1]}", file=sys.stderr)
        return 2
    report = audit(score(bundle, ScoringSpec(year=args.year, view=args.view)))
    if args.format == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(to_safe_csv(report.indicator_table()))
    else:
        _print_table(report)
    return 0


def _print_table(report: Any) -> None:
    pillars = report.pillars[["n_indicators", "cronbach_alpha", "pca_variance_share",
                              "pca_countries", "nominal_weight", "effective_weight"]]
    print(f"Audit of year {report.year} (data version {report.version})\n")
    print(pillars.rename_axis("pillar").reset_index().to_string(
        index=False, float_format=lambda v: f"{v:.3f}", na_rep="—"))
    print()
    table = report.indicator_table()[list(TABLE_COLUMNS)]
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="—"))
    print(f"\n{len(report.flags)} flag(s):")
    for flag in report.flags:
        print(f"- {flag.sentence}")
