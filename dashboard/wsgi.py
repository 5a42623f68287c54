"""WSGI entry point for gunicorn: ``dashboard.wsgi:server``."""

from __future__ import annotations

import os

from dashboard.app import create_app

app = create_app(os.environ.get("SOVAI_BASE_PATH", "/"))
server = app.server
