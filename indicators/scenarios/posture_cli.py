"""``sovai posture``: control / steer / depend / unattributed per country and ledger layer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from indicators.paths import add_data_dir_option

USAGE_ERROR = 2


def add_commands(subparsers: Any) -> None:
    """Add ``posture`` to the sovai command line."""
    p = subparsers.add_parser(
        "posture", help="who controls each country's supply, layer by layer",
        description="For every country and ledger layer: depend (one foreign supplier holds "
        "half or more), control (domestic supply holds half or more), unattributed (more "
        "than half has no named supplier, or the provider list does not cover the country's "
        "own providers), else steer. On the models layer open weights (column open_weights) are "
        "set aside: the shares are read over the models that can be switched off. See "
        "docs/scenarios.md.")
    add_data_dir_option(p)
    p.add_argument("--year", type=int, default=None, help="ledger year (default: latest)")
    p.add_argument("--layer", default=None, help="only this layer")
    p.add_argument("--wide", action="store_true",
                   help="one row per country, one column per layer (labels only)")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    p.set_defaults(handler=run_posture)


def run_posture(args: argparse.Namespace) -> int:
    """Print the posture table; return 0, or 2 for an unknown layer or year."""
    from indicators.bundle import load
    from indicators.cli import write_table
    from indicators.paths import default_data_dir
    from indicators.scenarios.layers import layer_label, with_groups
    from indicators.scenarios.posture import posture, posture_matrix

    bundle = load(Path(args.data_dir) if args.data_dir else default_data_dir())
    layers = with_groups(set(bundle.dependencies["layer"].astype(str)))
    if args.layer is not None and args.layer not in layers:
        print(f"sovai posture: unknown layer {args.layer!r}: expected one of "
              f"{', '.join(layers)}", file=sys.stderr)
        return USAGE_ERROR
    if args.year is not None and args.year not in bundle.years:
        print(f"sovai posture: --year {args.year} has no observation: expected one of "
              f"{bundle.years[0]}–{bundle.years[-1]}", file=sys.stderr)
        return USAGE_ERROR
    table = posture(bundle, args.year)
    if args.layer is not None:
        table = table[table["layer"] == args.layer]
    if args.wide:
        table = posture_matrix(table).reset_index()
    else:
        table.insert(2, "layer_label", table["layer"].map(layer_label))
    meta: dict[str, object] = {
        "rule": "depend: a foreign supplier ≥ 50 %; control: domestic ≥ 50 %; "
                "unattributed: > 50 % without a named supplier; else steer",
        "groups": "chips_tools: the eight fabrication-tool categories; its row is the "
                  "binding category's (worst posture, then the larger foreign share)",
        "layers": {layer: layer_label(layer) for layer in layers}}
    write_table(table.reset_index(drop=True), args.format, meta=meta)
    return 0
