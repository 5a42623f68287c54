"""Serve the dashboard: the built-in server for one process, gunicorn for several workers.

``build_app`` is what both serve: the app with security, a health endpoint and a result cache
shared by all workers (flask-caching FileSystemCache, keyed by the data version), debug off.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import flask
from dash import Dash
from flask_caching import Cache

from indicators import Result, ScoringSpec
from indicators.paths import default_data_dir

BASE_PATH_ENV = "SOVAI_BASE_PATH"
CACHE_DIR_ENV = "SOVAI_CACHE_DIR"
HEALTH_PATH = "healthz"
CACHE_KEY = "sovai_cache"  # = dashboard.data_access.SHARED_CACHE_KEY
#: Seconds a worker may spend on one request before gunicorn restarts it.
WORKER_TIMEOUT = 120


def normalise_base_path(base_path: str) -> str:
    """Return ``base_path`` as Dash wants it (``/x/``); raise ValueError naming what is expected."""
    text = (base_path or "/").strip()
    if not text.startswith("/"):
        text = "/" + text
    if not text.endswith("/"):
        text += "/"
    if any(part in (".", "..") for part in text.split("/")) or "//" in text or "?" in text:
        raise ValueError(f"--base-path {base_path!r}: expected a sub-path such as /sovai/")
    return text


def build_app(base_path: str = "/", data_dir: Path | None = None) -> Dash:
    """Return the production app: security, health endpoint and shared cache installed."""
    from dashboard.app import create_app

    app = create_app(normalise_base_path(base_path), data_dir)
    server = app.server
    if "csrf" not in server.extensions:  # create_app may already have installed it
        from dashboard import security

        security.install(app)
    server.config["DEBUG"] = False
    install_cache(app)
    install_health(app)
    return app


def cache_dir(data_dir: Path) -> Path:
    """Return the cache folder of ``data_dir``: $SOVAI_CACHE_DIR, else one in the temp folder."""
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    tag = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"sovai-cache-{os.getuid()}" / tag


def install_cache(app: Dash) -> Cache:
    """Attach a FileSystemCache shared by every worker serving the same data directory."""
    server = app.server
    data_dir = Path(server.config.get("SOVAI_DATA_DIR") or default_data_dir())
    cache = Cache(config={"CACHE_TYPE": "FileSystemCache",
                          "CACHE_DIR": str(cache_dir(data_dir)),
                          "CACHE_THRESHOLD": 1000, "CACHE_DEFAULT_TIMEOUT": 0})
    cache.init_app(server)
    server.extensions[CACHE_KEY] = cache
    return cache


def cached_result(spec: ScoringSpec | None = None) -> Result:
    """Return the result of ``spec`` on the current data, shared across workers by the cache.

    ``data_access.result`` looks in the installed cache (keyed by the data version, a hash of
    the CSV bytes, so an update never serves stale scores) before scoring.
    """
    from dashboard import data_access

    return data_access.result(spec)


def health_state() -> tuple[dict[str, Any], int]:
    """Return the health body and status: 200 while valid data is served, else 503."""
    from dashboard import data_access

    state = data_access.current()
    body: dict[str, Any] = {
        "status": "ok" if not state.problems else "degraded",
        "data_version": state.bundle.version if state.bundle is not None else None,
        "problems": len(state.problems), "pid": os.getpid()}
    if state.bundle is None:
        body["status"] = "unavailable"
    return body, 200 if state.bundle is not None else 503


def install_health(app: Dash) -> None:
    """Answer ``GET <base>healthz`` with the data state, ahead of every other request hook.

    It is answered in a WSGI wrapper, so it works even when the app cannot render a page (no
    valid data yet), and replaces Dash's own health check, which only says "OK".
    """
    server = app.server
    path = app.config.url_base_pathname + HEALTH_PATH
    inner = server.wsgi_app

    def wsgi_app(environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO") == path and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            with server.app_context():
                body, status = health_state()
                response = flask.jsonify(body)
            response.status_code = status
            response.headers["Cache-Control"] = "no-store"
            return response(environ, start_response)
        return inner(environ, start_response)

    server.wsgi_app = wsgi_app


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """Return the gunicorn command line serving ``dashboard.wsgi:server``."""
    return [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", "2",
            "--bind", f"{host}:{port}", "--timeout", str(WORKER_TIMEOUT),
            "--graceful-timeout", "10", "--access-logfile", "-", "dashboard.wsgi:server"]


def serve(host: str = "127.0.0.1", port: int = 8050, workers: int = 0,
          base_path: str = "/") -> int:
    """Run the dashboard until interrupted; return the exit status."""
    try:
        base_path = normalise_base_path(base_path)
    except ValueError as err:
        print(f"sovai serve: {err}", file=sys.stderr)
        return 2
    if workers < 0:
        print(f"sovai serve: --workers {workers}: expected 0 (built-in server) or more",
              file=sys.stderr)
        return 2
    if workers == 0:
        app = build_app(base_path)
        print(f"Serving the dashboard on http://{host}:{port}{base_path} (Ctrl+C to stop)",
              file=sys.stderr)
        app.run(host=host, port=port, debug=False)
        return 0
    os.environ[BASE_PATH_ENV] = base_path
    command = gunicorn_command(host, port, workers)
    print(f"Serving the dashboard on http://{host}:{port}{base_path} with {workers} worker(s)",
          file=sys.stderr)
    os.execvp(command[0], command)
    return 0  # pragma: no cover - execvp does not return
