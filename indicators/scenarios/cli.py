"""``sovai scenario``: nominal and sovereign-floor scores of every country under a cut-off."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from indicators import contract as c
from indicators.paths import add_data_dir_option
from indicators.scenarios.definition import (
    ALL_FOREIGN,
    DEFAULT_ALLIANCES,
    Scenario,
    known_layers,
    scenario_problems,
)
from indicators.scenarios.presets import PRESETS, preset_for

if TYPE_CHECKING:
    import pandas as pd

USAGE_ERROR = 2


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


T = TypeVar("T")


def _checked(parse: Callable[[str], T], ok: Callable[[T], bool],
             expected: str) -> Callable[[str], T]:
    """Return an argparse type: ``parse`` the text, keep it when ``ok``, else say ``expected``."""
    def convert(text: str) -> T:
        try:
            value = parse(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r}: expected {expected}") from None
        if not ok(value):
            raise argparse.ArgumentTypeError(f"{text!r}: expected {expected}")
        return value
    return convert


_day = _checked(date.fromisoformat, lambda _: True, "a date YYYY-MM-DD")
_positive_int = _checked(int, lambda v: v >= 1, "a whole number of at least 1")
_share = _checked(float, lambda v: 0.0 < v <= 1.0, "a number above 0 and at most 1")
_positive = _checked(float, lambda v: 0.0 < v < float("inf"), "a positive number")


def add_commands(subparsers: Any) -> None:
    """Add ``scenario`` to the sovai command line."""
    p = subparsers.add_parser(
        "scenario", help="score every country as if suppliers cut them off",
        description="Nominal and sovereign-floor scores: for each indicator whose layer is cut, "
        "value × (1 − severity × share of the cut suppliers), scored on the baseline's "
        "goalposts. The last column, model_access_kept, is the share of the large-scale models "
        "a country can use today that it keeps (1 − severity × models-layer share of the cut "
        "suppliers); the models layer changes no score. Then the capability kept: "
        "best_model_kept (by training compute), frontier_lag_months, fallback_served_share "
        "(share of the internet users' demand the best open-weight model could be served at "
        "home) and training_days (own GPU clusters, at the frontier's compute).")
    add_data_dir_option(p)
    p.add_argument("--preset", choices=list(PRESETS), default=None,
                   help="a named scenario; --cut, --layers, --severity and --allies-exempt "
                   "override its parts")
    p.add_argument("--cut", type=_codes, default=None, metavar="ISO3[,ISO3]",
                   help=f"supplier jurisdictions to cut, or {ALL_FOREIGN}")
    p.add_argument("--layers", type=_codes, default=None, metavar="LAYER[,LAYER]",
                   help="layers to cut (default: every layer in the data)")
    p.add_argument("--severity", type=float, default=None,
                   help="share of the cut supply lost, from 0 to 1 (default 1)")
    p.add_argument("--allies-exempt", action="store_true", default=None,
                   help="supply from a bloc the country belongs to counts as sovereign")
    p.add_argument("--allies", type=_codes, default=None, metavar="BLOC[,BLOC]",
                   help="blocs whose members count as allies (default: every bloc of groups.csv "
                   "but the forums G20, BRICS, AU and ASEAN; shipped data: "
                   f"{', '.join(DEFAULT_ALLIANCES)})")
    p.add_argument("--horizon-years", type=float, default=None, metavar="YEARS",
                   help="what still runs YEARS after the cut: services stop at once, hardware "
                   "(chips layers) ages out over a 6-year service life; 0 is the day of the "
                   "cut (default: the strict power switch, everything that depends on a cut "
                   "supplier is lost)")
    p.add_argument("--provider", type=_codes, default=None, metavar="NAME[,NAME]",
                   help="cut only these providers' closed models (Epoch AI organisation names, "
                   "case-insensitive, or aliases such as Anthropic, OpenAI, Google DeepMind); "
                   "without --cut, they are withdrawn from every user outside their home "
                   "jurisdictions")
    p.add_argument("--model", type=lambda t: tuple(x.strip() for x in t.split("|") if x.strip()),
                   default=None, metavar="NAME[|NAME]",
                   help="cut only these models (names of models_ledger.csv, '|'-separated)")
    p.add_argument("--released-after", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="cut only models published after this day")
    p.add_argument("--top-n", type=_positive_int, default=None, metavar="N",
                   help="cut only the N largest cut models by training compute")
    p.add_argument("--as-of", type=_day, default=None, metavar="YYYY-MM-DD",
                   help="day of the cut (default: the latest model in the ledger)")
    p.add_argument("--tokens-per-user", type=_positive, default=None, metavar="TOKENS",
                   help="tokens per internet user per day for the fallback demand (default "
                   "about 8,558: what Google and OpenAI said they served in October 2025, over "
                   "the world's 6 billion internet users)")
    p.add_argument("--serving-utilisation", type=_share, default=None, metavar="SHARE",
                   help="share of peak FLOP/s used when serving (default 0.38)")
    p.add_argument("--training-utilisation", type=_share, default=None, metavar="SHARE",
                   help="share of peak FLOP/s used when training (default 0.38, Epoch's median "
                   "MFU)")
    p.add_argument("--flops-per-h100e", type=_positive, default=None, metavar="FLOPS",
                   help="FLOP/s of one H100-equivalent (default 9.89e14, the H100 SXM's dense "
                   "BF16 peak)")
    p.add_argument("--year", type=int, default=None, help="scoring year (default: latest)")
    p.add_argument("--view", choices=c.VIEWS, default="scale")
    p.add_argument("--explain", default=None, metavar="ISO3",
                   help="also explain the result for this country in plain language: after "
                   "the table (--format table), as \"explanation\" in the JSON, or on stderr "
                   "with --format csv so the CSV stays one table")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    p.set_defaults(handler=run_scenario)


def _usage(message: str) -> int:
    print(f"sovai scenario: {message}", file=sys.stderr)
    return USAGE_ERROR


def build_scenario(args: argparse.Namespace, layers: list[str]) -> Scenario:
    """Return the scenario the arguments ask for; raise ValueError saying what was expected."""
    fields: dict[str, Any] = {}
    providers = getattr(args, "provider", None)
    if args.preset:
        fields = preset_for(args.preset, layers).model_dump()
    elif not args.cut and not providers:
        raise ValueError(f"expected --cut ISO3[,ISO3] (or {ALL_FOREIGN}), --provider NAME or "
                         f"--preset NAME ({', '.join(PRESETS)})")
    elif not args.cut:
        if args.layers and tuple(args.layers) != ("models",):
            raise ValueError("--provider without --cut withdraws models only: drop --layers, "
                             "or add --cut ISO3 to cut other layers too")
        fields = {"name": "Custom scenario", "layers": ("models",), "cut": ()}
    else:
        fields = {"name": "Custom scenario", "layers": tuple(layers)}
    for option, field in (("provider", "providers"), ("model", "models"),
                          ("released_after", "released_after"), ("top_n", "top_n"),
                          ("as_of", "as_of")):
        value = getattr(args, option, None)
        if value is not None:
            fields[field] = value
    if args.cut:
        fields["cut"] = tuple(code if code == ALL_FOREIGN else code.upper() for code in args.cut)
    if args.layers:
        fields["layers"] = args.layers
    if args.severity is not None:
        if not 0.0 <= args.severity <= 1.0:
            raise ValueError(f"--severity {args.severity:g}: expected a number from 0 to 1")
        fields["severity"] = args.severity
    if args.allies_exempt or args.allies:
        fields["allies_exempt"] = True
    if args.allies:
        fields["allies"] = args.allies
    if getattr(args, "horizon_years", None) is not None:
        if not 0.0 <= args.horizon_years <= 50.0:
            raise ValueError(f"--horizon-years {args.horizon_years:g}: expected a number of "
                             "years from 0 to 50")
        fields["horizon_years"] = args.horizon_years
    if not fields.get("layers"):
        raise ValueError("expected --layers: the data names no layer")
    if not fields.get("cut"):
        fields["cut"] = ("all-foreign",)  # the providers' models, withdrawn from foreign users
    return Scenario(**fields)


def _uncarried_access(bundle: Any, result: Any, table: Any) -> tuple[Any, list[str]]:
    """Return ``table`` with a ``<layer>_kept`` column for each cut layer no scored indicator
    carries, and for the link and energy layers whether carried or not (the share of cable
    links kept says more than the one indicator a cut lowers), and those layers."""
    from indicators.scenarios.cutoff import KEPT_ALWAYS, MODELS_LAYER, layer_access

    carried = {layer for stages in result.cut.cut_stages.values() for layer in stages}
    layers = [layer for layer in result.scenario.layers
              if layer != MODELS_LAYER and (layer not in carried or layer in KEPT_ALWAYS)]
    baseline = result.baseline
    for layer in layers:
        access = layer_access(bundle, result.scenario, layer, baseline.year,
                              baseline.spec.window)
        table[f"{layer}_kept"] = table["iso3"].map(access["kept"].astype(float))
    return table, layers


#: Columns in days that ``--format table`` writes as durations.
DAY_COLUMNS: Final = ("training_days", "training_days_strict", "training_days_lost")


def readable_days(table: pd.DataFrame) -> pd.DataFrame:
    """Return ``table`` with each column of ``DAY_COLUMNS`` written for people: '6.7 years
    (2,450 days)', '17 days'; '—' where empty."""
    import pandas as pd

    from indicators.scenarios.capability_text import duration_label

    out = table.copy()
    for column in DAY_COLUMNS:
        if column in out.columns:
            out[column] = [duration_label(float(v)) if pd.notna(v) else "—"
                           for v in out[column]]
    return out


def run_scenario(args: argparse.Namespace) -> int:
    """Print the scenario table; return 0, 1 for invalid data (raised), 2 for bad usage."""
    from indicators.bundle import load
    from indicators.cli import write_table
    from indicators.paths import default_data_dir
    from indicators.pipeline import score
    from indicators.scenarios.capability_text import (
        capability_metadata,
    )
    from indicators.scenarios.layers import layer_label
    from indicators.scenarios.models_kept import EXTRA_COLUMNS, TABLE_COLUMNS
    from indicators.scenarios.scoring import ScenarioError, score_scenario
    from indicators.scenarios.sovereign import SovereignAssumptions
    from indicators.spec import ScoringSpec

    if args.severity is not None and not 0.0 <= args.severity <= 1.0:
        return _usage(f"--severity {args.severity:g}: expected a number from 0 to 1")
    bundle = load(Path(args.data_dir) if args.data_dir else default_data_dir())
    try:
        scenario = build_scenario(args, known_layers(bundle))
    except ValueError as err:
        return _usage(str(err).splitlines()[0])
    problems = scenario_problems(bundle, scenario)
    if args.explain and args.explain.upper() not in bundle.countries.index:
        problems.append(f"--explain {args.explain}: unknown country code, expected an iso3 "
                        "code of countries.csv")
    if args.year is not None and args.year not in bundle.years:
        problems.append(f"--year {args.year} has no observation: expected one of "
                        f"{bundle.years[0]}–{bundle.years[-1]}")
    if problems:
        for problem in problems:
            _usage(problem)
        return USAGE_ERROR
    assumptions = SovereignAssumptions(**{
        field: value for field, value in (
            ("tokens_per_user_day", args.tokens_per_user),
            ("serving_utilisation", args.serving_utilisation),
            ("training_utilisation", args.training_utilisation),
            ("flops_per_h100e", getattr(args, "flops_per_h100e", None))) if value is not None})
    baseline = score(bundle, ScoringSpec(year=args.year, view=args.view))
    try:
        result = score_scenario(bundle, baseline, scenario, assumptions)
    except ScenarioError as err:
        return _usage(str(err))
    table = result.table()
    columns = ["iso3", "name", "overall", "overall_floor", "rank", "rank_floor"]
    for pillar in result.pillars.columns:
        columns += [pillar, f"{pillar}_floor"]
    columns += ["model_access_kept", *TABLE_COLUMNS]
    if result.models is not None:
        extra = result.models.table[list(EXTRA_COLUMNS)].reindex(table["iso3"])
        for column in EXTRA_COLUMNS:
            table[column] = extra[column].to_numpy()
        columns += list(EXTRA_COLUMNS)
    table, kept_layers = _uncarried_access(bundle, result, table)
    columns += [f"{layer}_kept" for layer in kept_layers]
    if args.format == "table":  # people read durations; csv and json keep the raw days
        table = readable_days(table)
    meta = {"year": baseline.year, "version": baseline.version,
            "spec": baseline.spec.model_dump(mode="json"),
            "scenario": scenario.model_dump(mode="json"),
            "method": "value × (1 − severity × share of cut suppliers), scored on the "
                      "baseline's goalposts",
            "model_access_kept": "share of the large-scale models the country can use today "
                                 "that it keeps: 1 − severity × models-layer share of the cut "
                                 "foreign suppliers (latest ledger year in the window); "
                                 "reported beside the scores, not in them",
            "horizon": ("strict power switch: everything that depends on a cut supplier is "
                        "lost" if scenario.horizon_years is None else
                        f"{scenario.horizon_years:g} years after the cut: services lost at "
                        "once, cut hardware (chips layers) lost in proportion to the years "
                        "over a 6-year service life"),
            "stages": "a cut chips stage (chips_fab, chips_packaging, chips_memory, "
                      "chips_tools) cuts the chips indicators; several stages: the largest; "
                      "chips_tools is the eight fabrication-tool categories, a fab needs "
                      "every one: the largest category share (the weakest link)",
            "layers": {layer: layer_label(layer) for layer in scenario.layers}}
    meta.update(capability_metadata(result))
    paragraphs = _explanation(bundle, result, scenario, args.explain) if args.explain else []
    if paragraphs and args.format == "json":
        meta["explanation"] = {"iso3": args.explain.upper(), "paragraphs": paragraphs}
    write_table(table[columns], args.format, meta=meta)
    for warning in (*baseline.warnings, *result.warnings):
        print(f"warning: {warning}", file=sys.stderr)
    if paragraphs and args.format == "table":  # the answer a reader redirects to a file
        print("\n" + "\n\n".join(paragraphs))
    elif paragraphs and args.format == "csv":  # stdout stays one CSV table
        print("\n".join(paragraphs), file=sys.stderr)
    return 0


def _explanation(bundle: Any, result: Any, scenario: Any, iso3: str) -> list[str]:
    """Return the plain-language paragraphs of ``--explain ISO3``: the country, its capability,
    the world, the world's capability and (for a models cut) the news story's comparison."""
    from indicators.scenarios.capability_text import (
        country_capability_text,
        severity_zero_text,
        world_capability_text,
    )
    from indicators.scenarios.exposure import exposure_sentence
    from indicators.scenarios.narrative import country_paragraph, world_paragraph
    from indicators.scenarios.news import compare_with_story

    # at severity 0 the ledger paragraph's reason ("no supply that would be lost") is false
    paragraphs = [severity_zero_text(result, iso3.upper())
                  or country_paragraph(result, iso3.upper()),
                  country_capability_text(result, iso3.upper()),
                  exposure_sentence(bundle, result, iso3.upper()),
                  world_paragraph(result), world_capability_text(result)]
    if scenario.narrows_models:
        paragraphs.append(compare_with_story(bundle, result).sentences())
    return [p for p in paragraphs if p]
