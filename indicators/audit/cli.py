"""``sovai audit``: the statistical audit of the scores, printed; it informs, it never fails."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from indicators.paths import add_data_dir_option

#: Columns of the ``table`` format's indicator table (the CSV has every column).
TABLE_COLUMNS = ("code", "pillar", "count", "skewness", "kurtosis", "r_pillar",
                 "nominal_weight", "effective_weight", "flagged")


def add_commands(subparsers: Any) -> None:
    """Add ``audit`` to the ``sovai`` command line."""
    p = subparsers.add_parser(
        "audit", help="statistical audit: indicator statistics, correlations, Cronbach's "
        "alpha, PCA, effective weights and flags (exit 0 even when it flags)")
    add_data_dir_option(p)
    p.add_argument("--year", type=int, default=None, help="scoring year (default: latest)")
    p.add_argument("--view", choices=["scale", "intensity"], default="scale")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--compare", nargs="+", metavar="FIELD=VALUE", default=None,
                   help="instead: the rank changes from the reference method to the method with "
                   "these choices, e.g. normalisation=rank aggregation=copeland (COINr's "
                   "compare_coins)")
    p.set_defaults(handler=audit_command)


def compared_spec(base: Any, items: list[str]) -> Any:
    """Return ``base`` with the ``FIELD=VALUE`` choices of ``items``; raise ValueError saying
    what was expected."""
    from indicators import registry

    fields: dict[str, str] = {}
    for item in items:
        field, _, value = item.partition("=")
        if field not in registry.CHOICES:
            raise ValueError(f"--compare {item}: expected FIELD=VALUE with FIELD one of "
                             f"{', '.join(registry.CHOICES)}")
        if value not in registry.names(field):
            raise ValueError(f"--compare {item}: expected {field} to be one of "
                             f"{', '.join(registry.names(field))}")
        fields[field] = value
    return base.model_copy(update=fields)


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
    base = ScoringSpec(year=args.year, view=args.view)
    if args.compare:
        return _compare(bundle, base, args)
    report = audit(score(bundle, base))
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


def table_year(bundle: Any, spec: Any) -> int:
    """Return the scoring year of ``spec`` on ``bundle`` (its year, else the latest)."""
    return int(spec.year if spec.year is not None else bundle.latest_year)


def _compare(bundle: Any, base: Any, args: argparse.Namespace) -> int:
    """Print the rank changes from ``base`` to the ``--compare`` choices; return the status."""
    from indicators.audit.compare import compare_specs, comparison_summary
    from indicators.export import to_safe_csv

    try:
        other = compared_spec(base, args.compare)
    except ValueError as err:
        print(f"sovai audit: {err}", file=sys.stderr)
        return 2
    table = compare_specs(bundle, base, other)
    summary = comparison_summary(table)
    if args.format == "json":
        records = json.loads(table.to_json(orient="records", double_precision=6))
        json.dump({"a": base.model_dump(mode="json"), "b": other.model_dump(mode="json"),
                   "summary": summary, "rows": records}, sys.stdout, ensure_ascii=False,
                  indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(to_safe_csv(table))
    else:
        print(f"a: the reference method ({base.view} view, {table_year(bundle, base)}); b: "
              f"the same with {' '.join(args.compare)}. {summary['moved']} of "
              f"{summary['compared']} ranked countries move, by {summary['mean_abs_diff']:.1f} "
              f"places on average and {summary['max_abs_diff']} at most (diff = rank_a − "
              "rank_b: positive ranks better under b).\n")
        print(table.to_string(index=False, float_format=lambda v: f"{v:.1f}", na_rep="—"))
    return 0
