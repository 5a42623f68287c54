"""WSGI entry point for gunicorn: ``dashboard.wsgi:server`` (base path from $SOVAI_BASE_PATH)."""

from __future__ import annotations

import os

from dashboard.serve import BASE_PATH_ENV, build_app

app = build_app(os.environ.get(BASE_PATH_ENV, "/"))
server = app.server
