"""The ``sovai`` command: the library's subcommands plus ``serve``, which runs the dashboard.

The library (``indicators/``) never imports the dashboard; this thin entry point adds the one
subcommand that needs it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from indicators import cli as library_cli
from indicators.paths import add_data_dir_option


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``sovai serve`` to the command line."""
    p = subparsers.add_parser("serve", help="run the dashboard")
    add_data_dir_option(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=_port, default=8050, help="TCP port, 1–65535 (default 8050)")
    p.add_argument("--workers", type=int, default=0,
                   help="run under gunicorn with N worker processes (0: the built-in server)")
    p.add_argument("--base-path", default=None,
                   help="serve under this sub-path, e.g. /sovai/ (default: $SOVAI_BASE_PATH or /)")
    p.add_argument("--cache", default=None, metavar="URL",
                   help="share results through Redis, e.g. redis://127.0.0.1:6379/0 (default: "
                   "$SOVAI_CACHE, else a cache folder per machine)")
    p.add_argument("--allowed-host", action="append", default=None, metavar="NAME",
                   dest="allowed_hosts",
                   help="a host name the app answers to (repeatable; default: "
                   "$SOVAI_ALLOWED_HOSTS, else localhost, 127.0.0.1 and ::1)")
    p.set_defaults(handler=_serve)


def _port(text: str) -> int:
    """Return a TCP port from 1 to 65535, or raise the usage error saying so (audit 3 B16:
    --port 70000 announced :70000 and listened on 70000 mod 65536 = 4464)."""
    if not text.strip().isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"expected a TCP port from 1 to 65535, got {text!r}")
    return int(text)


def _serve(args: argparse.Namespace) -> int:
    from dashboard.serve import serve
    from dashboard.settings import Settings, SettingsError

    try:
        settings = Settings.from_environ(
            data_dir=args.data_dir, base_path=args.base_path, cache=args.cache,
            allowed_hosts=tuple(args.allowed_hosts) if args.allowed_hosts else None)
    except SettingsError as err:
        print(f"sovai serve: {err}", file=sys.stderr)
        return 2
    if not settings.data_dir.is_dir():
        print(f"sovai serve: {settings.data_dir}: not a directory: expected the data directory",
              file=sys.stderr)
        return 1
    return serve(settings, host=args.host, port=args.port, workers=args.workers)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``sovai``; return the exit status."""
    return library_cli.main(argv, extra=(add_commands,))


if __name__ == "__main__":
    raise SystemExit(main())
