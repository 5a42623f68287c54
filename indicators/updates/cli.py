"""`sovai data apply|preview|history|show|rollback`: update the data from the command line."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from indicators.paths import add_data_dir_option, default_data_dir
from indicators.updates import overrides
from indicators.updates.apply import (
    MAX_DELETED_SHARE,
    Preview,
    apply,
    preview,
    rollback,
    show,
    size_problem,
)
from indicators.updates.diff import RowDiff
from indicators.updates.errors import UpdateError
from indicators.updates.history import Entry, read_log, repair
from indicators.updates.store import data_lock
from indicators.updates.targets import target_for
from indicators.updates.transaction import locked, pending

#: Environment variable naming who makes an update (default: the login name).
USER_ENV = "SOVAI_USER"


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``data`` subcommand and its sub-subcommands to ``sovai``."""
    data = subparsers.add_parser("data", help="update the data safely: preview, apply, history, "
                                 "rollback")
    sub = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    common = add_data_dir_option

    for name, handler, text in (("apply", _apply, "validate FILE and write it if the data stays "
                                 "valid"),
                                ("preview", _preview, "show what applying FILE would change; "
                                 "write nothing")):
        p = common(sub.add_parser(name, help=text))
        p.add_argument("file", type=Path, metavar="FILE", help="the new CSV")
        p.add_argument("--as", dest="target", default=None, metavar="TARGET",
                       help="file it replaces, e.g. values/compute.csv (default: the file of "
                       "that name, else the one whose columns and indicators FILE has)")
        if name == "apply":
            p.add_argument("--note", default="", help="why (kept in the history)")
            p.add_argument("--replace-all", action="store_true",
                           help="allow FILE to delete most of the target's rows (FILE replaces "
                           "the whole target; without this, an apply that would delete more "
                           "than half of them is refused)")
        p.set_defaults(handler=handler)
    p = common(sub.add_parser("history", help="list the recorded updates, newest last"))
    p.set_defaults(handler=_history)
    p = common(sub.add_parser("overrides", help="list the applied edits a rebuild keeps: each "
                              "edited cell and the update that set it"))
    p.set_defaults(handler=_overrides)
    p = common(sub.add_parser("repair", help="set damaged lines of the history's log aside "
                              "(kept in .history/log.jsonl.damaged)"))
    p.set_defaults(handler=_repair)
    p = common(sub.add_parser("show", help="show the rows one update changed"))
    p.add_argument("version", metavar="VERSION", help="update number or data version")
    p.set_defaults(handler=_show)
    p = common(sub.add_parser("rollback", help="restore the data as it was after VERSION"))
    p.add_argument("version", metavar="VERSION",
                   help="update number (0: before the first update) or data version")
    p.add_argument("--note", default="", help="why (kept in the history)")
    p.set_defaults(handler=_rollback)


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def _who() -> str:
    try:
        user = os.environ.get(USER_ENV) or getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"cli:{user}"


def _fail(err: UpdateError) -> int:
    for problem in err.problems:
        print(problem, file=sys.stderr)
    print(f"sovai data: {err.message}", file=sys.stderr)
    return 1


def _read(args: argparse.Namespace) -> tuple[Path, str, bytes]:
    """Return the data directory, the target and the bytes of FILE; raise UpdateError."""
    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        raise UpdateError(f"{data_dir}: not a directory: expected the data directory")
    file: Path = args.file
    if not file.is_file():
        raise UpdateError(f"{file}: no such file: expected the CSV to apply")
    size = file.stat().st_size
    too_big = size_problem(str(file), size)
    if too_big is not None:
        raise UpdateError("the file is too large; nothing was written", [too_big])
    content = file.read_bytes()
    target = target_for(data_dir, file.name, args.target, content)
    return data_dir, target, content


def _preview(args: argparse.Namespace) -> int:
    try:
        data_dir, target, content = _read(args)
        result = preview(data_dir, target, content)
    except UpdateError as err:
        return _fail(err)
    if not result.ok:
        return _fail(UpdateError(f"{result.error_count} problem(s): {target} would make the data "
                                 "invalid", result.errors))
    print_preview(result)
    return 0


def print_preview(result: Preview) -> None:
    """Print the rows a valid preview changes and its top movers."""
    for problem in result.warnings:
        print(problem, file=sys.stderr)
    if result.diff is not None:
        print_diff(result.diff)
    for note in result.notes:
        print(f"note: {note}")
    if result.movers is not None:
        if result.movers.empty:
            print(f"No country's overall score or rank changes ({result.year}, reference method).")
        else:
            print(f"Top movers ({result.year}, reference method):")
            print(result.movers.to_string(index=False, float_format=lambda v: f"{v:.1f}",
                                          na_rep="—"))
    print(f"data version {result.version_before} -> {result.version_after}")


def print_diff(diff: RowDiff, limit: int = 20) -> None:
    """Print a file's rows added, changed and removed (at most ``limit`` of each)."""
    print(diff.summary())
    for title, frame in (("added", diff.added), ("changed", diff.changed),
                         ("removed", diff.removed)):
        if not frame.empty:
            print(f"  {title}:")
            text = frame.head(limit).to_string(index=False)
            print("\n".join("    " + line for line in text.splitlines()))
            if len(frame) > limit:
                print(f"    … and {len(frame) - limit} more")


def _apply(args: argparse.Namespace) -> int:
    try:
        data_dir, target, content = _read(args)
        entry = apply(data_dir, target, content, _who(), args.note,
                      max_deleted_share=None if args.replace_all else MAX_DELETED_SHARE)
    except UpdateError as err:
        return _fail(err)
    print(f"applied update {entry.number}: {target}; data version {entry.version_before} -> "
          f"{entry.version_after}")
    return 0




def _existing_dir(args: argparse.Namespace) -> Path:
    """Return the data directory; raise UpdateError when there is none."""
    data_dir = _data_dir(args)
    if not data_dir.is_dir():
        raise UpdateError(f"{data_dir}: not a directory: expected the data directory")
    return data_dir


def _history(args: argparse.Namespace) -> int:
    try:
        data_dir = _existing_dir(args)
        if pending(data_dir):  # finish an interrupted update first, so the list is the truth
            with locked(data_dir) as recovered:
                print(f"note: {recovered}", file=sys.stderr)
        entries = read_log(data_dir)
    except UpdateError as err:
        return _fail(err)
    if not entries:
        print("no recorded update")
    for entry in entries:
        print(entry.summary())
    return 0


def _overrides(args: argparse.Namespace) -> int:
    try:
        data_dir = _existing_dir(args)
        kept = overrides.read(data_dir)
        entries = {e.number: e for e in read_log(data_dir)}
    except (UpdateError, ValueError) as err:
        return _fail(err if isinstance(err, UpdateError) else UpdateError(str(err)))
    if not kept:
        print(f"no applied edit is kept in {data_dir / overrides.OVERRIDES_DIR}")
    for file, rows in kept.items():
        print(f"{file}: {len(rows)} edited row(s)")
        for row in rows:
            cells = ", ".join(
                ("whole row" if col == overrides.ADDED else f"{col}={(row.row or {}).get(col)}")
                + f" (update {n}{_by(entries.get(n))})" for col, n in row.cells.items())
            what = "removed" if row.row is None else cells
            print(f"  {'/'.join(row.key)}: {what}")
    return 0


def _by(entry: Entry | None) -> str:
    """Return ", WHO, WHEN" of a history entry, or nothing when the history lost it."""
    if entry is None:
        return ""
    return f", {entry.who}, {entry.when}"


def _repair(args: argparse.Namespace) -> int:
    try:
        data_dir = _existing_dir(args)
        with data_lock(data_dir):
            kept, aside = repair(data_dir, _who())
        with locked(data_dir) as recovered:
            if recovered:
                print(f"note: {recovered}", file=sys.stderr)
    except UpdateError as err:
        return _fail(err)
    if not aside:
        print(f"the history's log is whole: {kept} update(s), nothing to repair")
    else:
        print(f"set {aside} damaged line(s) aside in .history/log.jsonl.damaged; {kept} "
              "update(s) kept; rolling back to an update older than this repair is refused")
    return 0


def _show(args: argparse.Namespace) -> int:
    try:
        entry, diffs = show(_existing_dir(args), args.version)
    except UpdateError as err:
        return _fail(err)
    print(entry.summary())
    for diff in diffs:
        print_diff(diff)
    return 0


def _rollback(args: argparse.Namespace) -> int:
    try:
        entry = rollback(_existing_dir(args), args.version, _who(), args.note)
    except UpdateError as err:
        return _fail(err)
    print(f"rolled back to update {entry.restores} as update {entry.number}: "
          f"{', '.join(entry.files)}; data version {entry.version_before} -> "
          f"{entry.version_after}")
    return 0


__all__ = ["add_commands"]
