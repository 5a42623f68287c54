"""Serve the dashboard: the built-in server for one process, gunicorn for several workers.

``build_app(settings)`` is what both serve, and what the tests test: the app with security, a
health endpoint and a result cache shared by all workers (flask-caching: a FileSystemCache per
machine, or Redis shared by several machines, keyed by the data version), debug off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import flask
import redis
from dash import Dash
from flask_caching import Cache
from werkzeug.serving import WSGIRequestHandler, make_server

from dashboard import data_access, security
from dashboard.app import create_app
from dashboard.settings import Settings, SettingsError, normalise_base_path
from indicators.updates import transaction

HEALTH_PATH = "healthz"
CACHE_KEY = data_access.SHARED_CACHE_KEY
#: Seconds a worker may spend on one request before gunicorn restarts it.
WORKER_TIMEOUT = 120
#: Open connections one worker holds at most; slow clients each hold one (a greenlet), not a
#: thread, so a few slow senders cannot starve the others (see docs/serving.md).
WORKER_CONNECTIONS = 500
#: Results kept in a machine's FileSystemCache at most (each about 0.5 MB pickled on data/).
FILE_CACHE_THRESHOLD = 200
#: Seconds a result stays in Redis; Redis's own maxmemory policy bounds its size (docs/serving.md).
REDIS_TIMEOUT = 24 * 3600
#: Every Redis key of this app starts with this, so one Redis can serve other things too.
REDIS_PREFIX = "sovai:"

log = logging.getLogger("sovai.serve")

__all__ = ["Settings", "SettingsError", "build_app", "normalise_base_path", "serve"]


def build_app(settings: Settings | None = None) -> Dash:
    """Return the production app of ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_environ()
    log_to_stderr()
    if transaction.pending(settings.data_dir):  # a kill mid-apply: complete or undo it now
        log.warning("%s", transaction.recover_at_start(settings.data_dir))
    app = create_app(settings)
    server = app.server
    server.config["DEBUG"] = False
    tune_garbage_collector(server)
    install_cache(app, settings)
    install_health(app)
    return app


#: The collector's thresholds when serving (Python's are 700, 10, 10): a page drawn makes tens of
#: thousands of short-lived containers, so the default ran a collection every few hundred
#: microseconds of drawing and a full one (70–150 ms, walking every cached page) inside one
#: request in eight. Measured with ``python -m benchmarks control_walk``.
SERVING_GC_THRESHOLDS = (50_000, 20, 10)


def tune_garbage_collector(server: flask.Flask) -> None:
    """Set the collector up for a long-lived server: fewer, rarer collections
    (``SERVING_GC_THRESHOLDS``), and each bundle, once loaded, frozen out of the full scans with
    everything alive then (``data_access.settle_long_lived``)."""
    gc.set_threshold(*SERVING_GC_THRESHOLDS)
    server.config[data_access.FREEZE_KEY] = True


def log_to_stderr() -> None:
    """Send the app's own log lines (``sovai.*``: scorings, cache trouble) to stderr, once."""
    logger = logging.getLogger("sovai")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def cache_dir(settings: Settings) -> Path:
    """Return the FileSystemCache folder: the settings' one, else one per data dir in temp."""
    if settings.cache_dir is not None:
        return settings.cache_dir
    tag = hashlib.sha256(str(settings.data_dir).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"sovai-cache-{os.getuid()}" / tag


def cache_config(settings: Settings) -> dict[str, Any]:
    """Return the flask-caching config of ``settings``: Redis when a URL is given, else files."""
    if settings.cache is not None:
        client = redis.Redis.from_url(settings.cache, socket_timeout=5,
                                      socket_connect_timeout=5)
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_HOST": client,
                "CACHE_KEY_PREFIX": REDIS_PREFIX, "CACHE_DEFAULT_TIMEOUT": REDIS_TIMEOUT}
    return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(cache_dir(settings)),
            "CACHE_THRESHOLD": FILE_CACHE_THRESHOLD, "CACHE_DEFAULT_TIMEOUT": 0}


def install_cache(app: Dash, settings: Settings) -> Cache:
    """Attach the result cache shared by every worker (and, with Redis, every machine)."""
    cache = Cache(config=cache_config(settings))
    cache.init_app(app.server)
    app.server.extensions[CACHE_KEY] = cache
    return cache


def health_state() -> tuple[dict[str, Any], int]:
    """Return the health body and status: 200 while valid data is served, else 503."""
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
    valid data yet), and replaces Dash's own health check, which only says "OK". It carries the
    same protective headers as every other response.
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
                security.protective_headers(response)
            return response(environ, start_response)
        return inner(environ, start_response)

    server.wsgi_app = wsgi_app


class QuietRequestHandler(WSGIRequestHandler):
    """Werkzeug's handler without the ``Server: Werkzeug/x Python/y`` version banner."""

    def version_string(self) -> str:
        return "sovai"


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """Return the gunicorn command line serving ``dashboard.wsgi:server``.

    gevent workers hold each connection in a greenlet, so clients that send their headers a byte
    at a time (slowloris) wait without taking a worker from anyone else.
    """
    return [sys.executable, "-m", "gunicorn", "--workers", str(workers),
            "--worker-class", "gevent", "--worker-connections", str(WORKER_CONNECTIONS),
            "--bind", f"{host}:{port}", "--timeout", str(WORKER_TIMEOUT),
            "--graceful-timeout", "10", "--keep-alive", "5", "--access-logfile", "-",
            "--no-control-socket",  # two servers on one machine would share ~/.gunicorn's
            "dashboard.wsgi:server"]


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8050,
          workers: int = 0) -> int:
    """Run the dashboard until interrupted; return the exit status."""
    if workers < 0:
        print(f"sovai serve: --workers {workers}: expected 0 (built-in server) or more",
              file=sys.stderr)
        return 2
    where = f"http://{host}:{port}{settings.base_path}"
    if workers == 0:
        app = build_app(settings)
        print(f"Serving the dashboard on {where} (Ctrl+C to stop)", file=sys.stderr)
        server = make_server(host, port, app.server, threaded=True,
                             request_handler=QuietRequestHandler)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
        return 0
    command = gunicorn_command(host, port, workers)
    print(f"Serving the dashboard on {where} with {workers} worker(s)", file=sys.stderr)
    # the workers rebuild the same settings from their own environment (dashboard.wsgi)
    os.execve(command[0], command, {**os.environ, **settings.to_environ()})
    return 0  # pragma: no cover - execve does not return
