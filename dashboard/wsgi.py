"""WSGI entry point for gunicorn: ``dashboard.wsgi:server``, configured by the SOVAI_* variables.

``sovai serve --workers N`` starts gunicorn with these variables built from its options (see
``dashboard.settings``); a hand-written gunicorn command sets them itself.
"""

from __future__ import annotations

from dashboard.serve import build_app
from dashboard.settings import Settings

app = build_app(Settings.from_environ())
server = app.server
