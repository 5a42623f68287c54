"""The library's ``sovai`` commands: validate, score, build-data (``serve``: dashboard.cli)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from indicators import contract as c
from indicators import registry
from indicators.bundle import Bundle, bundle_from_checked
from indicators.code_version import method_version
from indicators.export import to_safe_csv
from indicators.paths import add_data_dir_option, default_data_dir
from indicators.problems import DataError
from indicators.result import SCORE_COLUMNS
from indicators.spec import ScoringSpec
from indicators.validate import check_data_dir

Command = Callable[[argparse.Namespace], int]
#: Adds subcommands to ``sovai`` (each subparser sets ``handler``, a ``Command``, as default).
AddCommands = Callable[[argparse._SubParsersAction], None]
_COMMANDS: dict[str, Command] = {}

#: Each feature's command-line module and the subcommands its ``add_commands`` adds
#: (``dashboard.cli`` adds ``serve`` on top). A module is imported only when the command line
#: names one of its commands, or none of the known ones (``--help``, a typo): importing all of
#: them cost every ``sovai score`` ~40 ms. tests/test_cli_startup.py checks the names.
FEATURE_MODULES: dict[str, tuple[str, ...]] = {
    "indicators.audit.cli": ("audit",),
    "indicators.robustness.cli": ("robustness", "sensitivity"),
    "indicators.scenarios.cli": ("scenario",),
    "indicators.scenarios.posture_cli": ("posture",),
    "indicators.updates.cli": ("data",),
}
#: The subcommands this module defines itself.
CORE_COMMANDS = ("validate", "score", "build-data")


def feature_commands(command: str | None = None) -> list[AddCommands]:
    """Return the ``add_commands`` of the features needed to parse ``command`` (None: all)."""
    from importlib import import_module

    known = {name for names in FEATURE_MODULES.values() for name in names}
    wanted = command in known or command in CORE_COMMANDS
    return [import_module(module).add_commands for module, names in FEATURE_MODULES.items()
            if not wanted or command in names]


def _command_named(argv: Sequence[str]) -> str | None:
    """Return the subcommand ``argv`` names (its first word not an option), or None."""
    return next((word for word in argv if not word.startswith("-")), None) if argv else None


def command(name: str) -> Callable[[Command], Command]:
    """Register a subcommand handler under ``name``; returns the handler unchanged."""
    def register(handler: Command) -> Command:
        _COMMANDS[name] = handler
        return handler
    return register


def build_parser(extra: Sequence[AddCommands] = (),
                 command: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser of every subcommand (``extra`` adds more, e.g. ``serve``).

    ``command`` (the subcommand about to run) leaves out the features that do not define it.
    """
    parser = argparse.ArgumentParser(
        prog="sovai",
        description="Sovereign-AI readiness: score countries on data, compute, models and "
        "industry, and see what survives a foreign cut-off.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_data_dir(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        add_data_dir_option(p)
        return p

    with_data_dir(sub.add_parser("validate", help="check every rule of the data contract"))

    p = with_data_dir(sub.add_parser("score", help="score every country"))
    p.add_argument("--year", type=int, default=None, help="scoring year (default: latest)")
    add_method_options(p)
    p.add_argument("--weight", action="append", default=[], metavar="CODE=W",
                   help="override a pillar's or an indicator's weight (repeatable)")
    p.add_argument("--normalise", action="append", default=[], metavar="CODE=METHOD",
                   help="normalise one indicator its own way (repeatable)")
    p.add_argument("--target", action="append", default=[], metavar="CODE=VALUE",
                   help="an indicator's target for --normalisation dist2targ, in the view's "
                   "units (repeatable)")
    p.add_argument("--goalpost", action="append", default=[], metavar="CODE=LOW:HIGH",
                   help="an indicator's bounds for --normalisation goalposts, in the view's "
                   "units before the transform (repeatable); others use the observed range")
    p.add_argument("--coverage", action="store_true",
                   help="add coverage (share of indicators with a value), thinnest (fewest in "
                   "a pillar) and low_coverage (a pillar on fewer than half its indicators)")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")

    p = sub.add_parser("build-data", help="rebuild data/ from the raw public source files")
    p.add_argument("--sources", type=Path, required=True, help="folder of the raw source files")
    p.add_argument("--out", type=Path, default=None, help="data directory to write")
    p.add_argument("--report", type=Path, default=None,
                   help="where to write the data-quality report (default: docs/data-quality.md "
                   "beside the data directory, i.e. OUT/../docs/data-quality.md)")

    for add_commands in (*feature_commands(command), *extra):
        add_commands(sub)
    return parser


def add_method_options(p: argparse.ArgumentParser, help_suffix: str = "") -> None:
    """Add ``--view``, ``--normalisation``, ``--aggregation``, ``--outliers`` and
    ``--imputation`` to ``p``: the choices of ``indicators.registry``, the reference default."""
    reference = ScoringSpec()
    for field in ("view", "normalisation", "aggregation", "outliers", "imputation"):
        default = getattr(reference, field)
        p.add_argument(f"--{field}", choices=registry.names(field), default=default,
                       help=f"{registry.FIELD_LABELS[field].lower()} (default {default})"
                       f"{help_suffix}")


def main(argv: Sequence[str] | None = None, extra: Sequence[AddCommands] = ()) -> int:
    """Run the command line; return the exit status (0 ok, 1 invalid input, 2 usage)."""
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(extra, _command_named(words)).parse_args(words)
    handler: Command = getattr(args, "handler", None) or _COMMANDS[args.command]
    try:
        return handler(args)
    except DataError as err:
        _print_problems(err.problems)
        print(f"{len(err.problems)} problem(s): the data is invalid; nothing was scored.",
              file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `sovai score | head`
        return 0


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _print_problems(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


@command("validate")
def _validate(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        print(f"{data_dir}: not a directory: expected a data directory with "
              f"{', '.join(c.REQUIRED_COLUMNS)} and values/*.csv", file=sys.stderr)
        return 1
    checked = check_data_dir(data_dir)
    if checked.errors:
        _print_problems(checked.errors)
        _print_problems(checked.warnings)
        print(f"{data_dir}: {len(checked.errors)} error(s); the data is invalid.",
              file=sys.stderr)
        return 1
    bundle = bundle_from_checked(checked, data_dir)
    from indicators.scenarios.ai_compute import load_ai_compute  # optional files (issue 13)
    from indicators.scenarios.model_ledger import load_model_ledger

    try:
        load_model_ledger(bundle)
        load_ai_compute(bundle)
    except DataError as err:
        _print_problems(err.problems)
        print(f"{data_dir}: {len(err.problems)} error(s); the data is invalid.", file=sys.stderr)
        return 1
    _print_problems(bundle.warnings)
    n_values = len(bundle.values)
    print(f"{data_dir}: valid — {len(bundle.countries)} countries, "
          f"{len(bundle.scored_indicators)} scored indicators, {n_values} observations, "
          f"{len(bundle.warnings)} warning(s); version {bundle.version}.")
    return 0


def parse_weights(items: Sequence[str], pillars: Sequence[str]) -> tuple[dict[str, float],
                                                                         dict[str, float]]:
    """Return (pillar weights, indicator weights) from ``CODE=W`` items; raise ValueError."""
    pillar_weights: dict[str, float] = {}
    indicator_weights: dict[str, float] = {}
    for item in items:
        code, _, text = item.partition("=")
        try:
            weight = float(text)
        except ValueError:
            raise ValueError(f"--weight {item}: expected CODE=W with W a number > 0") from None
        if not weight > 0:
            raise ValueError(f"--weight {item}: expected a weight > 0")
        (pillar_weights if code in pillars else indicator_weights)[code] = weight
    return pillar_weights, indicator_weights


class UsageError(ValueError):
    """A command-line option that cannot be used; its text says what was expected."""


def spec_from_args(args: argparse.Namespace, bundle: Bundle) -> ScoringSpec:
    """Return the scoring spec the options ask for; raise UsageError saying what was expected."""
    try:
        pillar_weights, indicator_weights = parse_weights(args.weight, bundle.pillar_codes)
    except ValueError as err:
        raise UsageError(str(err)) from None
    unknown = sorted(set(indicator_weights) - set(bundle.scored_indicators.index))
    if unknown:
        raise UsageError(f"--weight names unknown indicator(s) {', '.join(unknown)}: expected "
                         "a pillar or a scored indicator code")
    if args.year is not None and args.year not in bundle.years:
        raise UsageError(f"--year {args.year} has no observation: expected one of "
                         f"{bundle.years[0]}–{bundle.years[-1]}")
    codes = set(bundle.scored_indicators.index)
    own: dict[str, str] = {}
    targets: dict[str, str] = {}
    for option, items, into in (("--normalise", getattr(args, "normalise", []), own),
                                ("--target", getattr(args, "target", []), targets)):
        for item in items:
            code, _, value = item.partition("=")
            if code not in codes:
                raise UsageError(f"{option} {item}: expected CODE=… with CODE a scored indicator")
            into[code] = value
    bad = [f"{k}={v}" for k, v in own.items() if v not in registry.names("normalisation")]
    if bad:
        raise UsageError(f"--normalise {bad[0]}: expected a normalisation, one of "
                         f"{', '.join(registry.names('normalisation'))}")
    try:
        target_values = {k: float(v) for k, v in targets.items()}
    except ValueError:
        raise UsageError("--target: expected CODE=VALUE with VALUE a number") from None
    goalposts = parse_goalposts(getattr(args, "goalpost", []), codes)
    return ScoringSpec(year=args.year, view=args.view, normalisation=args.normalisation,
                       aggregation=args.aggregation, outliers=args.outliers,
                       imputation=args.imputation,
                       window=min(getattr(args, "window", c.DEFAULT_WINDOW), 20),
                       pillar_weights=pillar_weights, indicator_weights=indicator_weights,
                       indicator_normalisation=own, targets=target_values,
                       goalposts=goalposts)


def parse_goalposts(items: Sequence[str], codes: set[str]) -> dict[str, tuple[float, float]]:
    """Return per indicator the (low, high) bounds of ``CODE=LOW:HIGH`` items.

    Raises UsageError naming the item when the code is not a scored indicator or the bounds are
    not two numbers with LOW < HIGH.
    """
    bounds: dict[str, tuple[float, float]] = {}
    for item in items:
        code, _, text = item.partition("=")
        if code not in codes:
            raise UsageError(f"--goalpost {item}: expected CODE=LOW:HIGH with CODE a scored "
                             "indicator")
        low_text, _, high_text = text.partition(":")
        try:
            low, high = float(low_text), float(high_text)
        except ValueError:
            raise UsageError(f"--goalpost {item}: expected CODE=LOW:HIGH with LOW and HIGH "
                             "numbers") from None
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise UsageError(f"--goalpost {item}: expected finite bounds with LOW < HIGH")
        bounds[code] = (low, high)
    return bounds


@command("score")
def _score(args: argparse.Namespace) -> int:
    from indicators.bundle import load
    from indicators.pipeline import score

    bundle = load(_data_dir(args))
    try:
        spec = spec_from_args(args, bundle)
    except UsageError as err:
        print(f"sovai score: {err}", file=sys.stderr)
        return 2
    if spec.normalisation == "goalposts" and not spec.goalposts:
        print("warning: --normalisation goalposts without any --goalpost CODE=LOW:HIGH: every "
              "indicator uses its observed range, which is min-max", file=sys.stderr)
    result = score(bundle, spec)
    table = result.table()[list(SCORE_COLUMNS)]
    if args.coverage:
        table = table.join(result.coverage(), on="iso3")
    write_table(table, args.format, meta={"year": result.year, "version": result.version,
                                         "method_version": method_version(),
                                         "spec": spec.model_dump(mode="json")})
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def write_table(table: pd.DataFrame, fmt: str, meta: dict[str, object] | None = None) -> None:
    """Print ``table`` to stdout as csv, json (records plus ``meta``) or an aligned text table.

    The csv goes through the project's one safe writer (``indicators.export.to_safe_csv``).
    """
    if fmt == "csv":
        sys.stdout.write(to_safe_csv(table, float_format="%.4f"))
    elif fmt == "json":
        records = json.loads(table.to_json(orient="records", double_precision=6))
        json.dump({**(meta or {}), "rows": records}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_with_dashes(table).to_string(
            index=False, float_format=lambda v: f"{v:.1f}", na_rep="—") + "\n")


def _with_dashes(table: pd.DataFrame) -> pd.DataFrame:
    """Return ``table`` with the missing cells of nullable columns (ranks: ``Int64``) as "—",
    the mark ``na_rep`` gives float columns, instead of pandas' ``<NA>`` (audit C7)."""
    nullable = [col for col in table.columns
                if isinstance(table[col].dtype, pd.api.extensions.ExtensionDtype)
                and table[col].isna().any()]
    if not nullable:
        return table
    out = table.copy()
    for col in nullable:
        out[col] = out[col].astype(object).where(out[col].notna(), "—")
    return out


@command("build-data")
def _build_data(args: argparse.Namespace) -> int:
    from indicators.build import BuildError, build_data
    from indicators.build.quality import write_quality_report

    out = Path(args.out) if args.out else default_data_dir()
    report_path = (Path(args.report) if args.report
                   else out.resolve().parent / "docs" / "data-quality.md")
    if not Path(args.sources).is_dir():
        print(f"{args.sources}: not a directory: expected the folder of raw source files",
              file=sys.stderr)
        return 1
    try:
        report = build_data(Path(args.sources), out)
    except BuildError as err:
        print(f"build-data: {err}", file=sys.stderr)
        return 1
    print(report.to_text())
    quality = write_quality_report(out, report_path)
    print(quality.summary())
    print(f"data-quality report written to {report_path}")
    from indicators.updates import overrides

    kept = overrides.read(out)
    if kept:
        print(f"Kept {sum(map(len, kept.values()))} applied edit(s) of "
              f"{', '.join(sorted(kept))} from {out / overrides.OVERRIDES_DIR} over the rebuilt "
              "data (see `sovai data overrides`).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
