"""Security of the served app: CSRF, upload limit, who may write, one secret key, strict headers.

``install(app, settings)`` is called once by ``create_app``. Dash 4's front end sends the cookie
``_csrf_token`` back as the header ``X-CSRFToken`` on every callback POST; Flask-WTF's CSRFProtect
checks it, so a state-changing request from another site is refused with 400.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
import secrets
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import flask
from dash import Dash
from dash.exceptions import DependencyException
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

from dashboard.settings import SECRET_KEY_ENV, WRITE_TOKEN_ENV, Settings
from indicators.updates.apply import MAX_UPLOAD_BYTES

#: Key of the app's Settings in the Flask config.
SETTINGS_KEY = "SOVAI_SETTINGS"
CSRF_COOKIE = "_csrf_token"
#: Headers a proxy adds to say who the client is: any of them, even empty, means the request
#: did not come straight from this machine, whatever its socket address says.
_PROXY_HEADER = re.compile(r"forwarded|real-ip|client-ip|connecting-ip|originating-ip|^via$",
                           re.I)
#: A request may carry one file base64-encoded (+33 %) in the callback JSON, with room to spare.
MAX_REQUEST_BYTES = 2 * MAX_UPLOAD_BYTES
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_SCRIPT = re.compile(r"type=[\"']application/json", re.I)

_csrf = CSRFProtect()


def install(app: Dash, settings: Settings) -> None:
    """Add CSRF checks, the request size limit, a shared secret key, the host allow-list and
    security headers.

    Flask's config already holds every default key (``MAX_CONTENT_LENGTH`` as None), so these
    are assigned, never ``setdefault``: the limits are in force in the app as served.
    """
    server = app.server
    server.config[SETTINGS_KEY] = settings
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.config["SECRET_KEY"] = settings.secret_key or secret_key(settings.data_dir)
    server.config["WTF_CSRF_TIME_LIMIT"] = None  # valid while the session lasts
    server.config["WTF_CSRF_HEADERS"] = ["X-CSRFToken", "X-CSRF-Token"]
    server.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    server.config["SESSION_COOKIE_HTTPONLY"] = True
    server.before_request(_check_host)
    _csrf.init_app(server)
    server.after_request(_set_csrf_cookie)
    server.after_request(_security_headers)
    server.register_error_handler(413, _too_large)
    server.register_error_handler(CSRFError, _csrf_failed)
    server.register_error_handler(DependencyException, _not_found)


def settings_of(app: flask.Flask) -> Settings:
    """Return the Settings the app was built with."""
    settings: Settings = app.config[SETTINGS_KEY]
    return settings


def secret_key(data_dir: Path) -> str:
    """Return the key every worker on this machine signs sessions with for ``data_dir``.

    Used when ``Settings.secret_key`` ($SOVAI_SECRET_KEY) is not set; several machines need that
    setting. The key is kept in a file per data directory in the temp folder (created once, mode
    0600; concurrent workers all read the first one written). Serving never writes into the data
    directory, which may be read-only or the repository's own data/.
    """
    tag = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"sovai-{os.getuid()}" / f"secret-{tag}"
    try:
        return _read_or_create_key(path)
    except OSError as err:
        raise RuntimeError(f"cannot keep the secret key in {path} ({err}): "
                           f"set ${SECRET_KEY_ENV}") from err


def _read_or_create_key(path: Path) -> str:
    """Return the key in ``path``, creating it (0600, exclusively) when missing."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # another worker may be writing it right now
            key = path.read_text().strip()
            if key:
                return key
            time.sleep(0.01)
        raise OSError(f"{path} is empty") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
        handle.flush()
        os.fsync(handle.fileno())
    return path.read_text().strip()


def write_denied(token: str | None = None) -> str | None:
    """Return why the current request may not change the data, or None when it may.

    Writes are allowed with the settings' write token, or from loopback when no proxy header
    of any kind is present.
    """
    settings = settings_of(flask.current_app)
    expected = settings.write_token
    if expected and token and hmac.compare_digest(token.encode(), expected.encode()):
        return None
    if settings.trust_loopback and is_loopback_request():
        return None
    if expected:
        return "Writing is disabled for this address: enter the write token to change the data."
    return ("Writing is disabled: the app is not used from this machine (loopback) and no write "
            f"token is configured (set ${WRITE_TOKEN_ENV} on the server).")


def requester() -> str:
    """Return who makes the current request, for the history (``web:ADDRESS``)."""
    return f"web:{flask.request.remote_addr or 'unknown'}"


def is_loopback_request() -> bool:
    """Return True when the request comes straight from this machine, not through a proxy.

    Any proxy header (``X-Forwarded-For``, ``X-Real-IP``, ``CF-Connecting-IP``, ``Via`` …),
    even an empty one, means a proxy on this machine may be relaying someone else.
    """
    request = flask.request
    if any(_PROXY_HEADER.search(name) for name in request.headers.keys()):  # noqa: SIM118
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def _check_host() -> tuple[str, int] | None:
    """Refuse a request whose Host (or Origin) is not an allowed name: DNS rebinding."""
    settings = settings_of(flask.current_app)
    request = flask.request
    if not settings.allows_host(request.host):
        return (f"The host {request.host[:100]!r} is not served here: the server answers to "
                f"{', '.join(settings.allowed_hosts)} (sovai serve --allowed-host NAME).", 400)
    origin = request.headers.get("Origin")
    if origin and origin != "null" and not settings.allows_host(urlsplit(origin).netloc):
        return (f"The request was refused: it comes from the page of another site "
                f"({origin[:100]}).", 403)
    if ".." in unquote(unquote(request.path)).split("/"):
        return ("Not found.", 404)  # encoded '..' in an asset path: nothing to serve
    return None


def _set_csrf_cookie(response: flask.Response) -> flask.Response:
    """Give the front end the CSRF token it sends back as the X-CSRFToken header."""
    if flask.request.method == "GET" and response.status_code < 400 \
            and response.mimetype == "text/html":  # the page that starts the front end
        response.set_cookie(CSRF_COOKIE, generate_csrf(), samesite="Strict",
                            secure=flask.request.is_secure, httponly=False)
    return response


def _security_headers(response: flask.Response) -> flask.Response:
    """Add CSP (only this origin; inline scripts by hash) and the usual protective headers."""
    return protective_headers(response)


def protective_headers(response: flask.Response) -> flask.Response:
    """Return ``response`` with CSP (inline scripts of a page by hash) and protective headers."""
    script_src = "'self'"
    if response.mimetype == "text/html" and not response.direct_passthrough:
        hashes = {_script_hash(body) for attrs, body in
                  _INLINE_SCRIPT.findall(response.get_data(as_text=True))
                  if body.strip() and not _DATA_SCRIPT.search(attrs)}
        script_src = " ".join(["'self'", *sorted(hashes)])
    response.headers.setdefault("Content-Security-Policy", "; ".join([
        "default-src 'self'", f"script-src {script_src}",
        "style-src 'self' 'unsafe-inline'",  # plotly and the grid set inline styles
        # blob: plotly.js draws a PNG export from a blob of the chart's own SVG
        "img-src 'self' data: blob:", "font-src 'self' data:", "connect-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'self'",
        "frame-ancestors 'none'"]))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    return response


def _script_hash(body: str) -> str:
    import base64

    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _too_large(_error: Exception) -> tuple[str, int]:
    limit = MAX_UPLOAD_BYTES / 2**20
    return (f"The request is too large: files up to {limit:.0f} MB can be uploaded.", 413)


def _not_found(_error: Exception) -> tuple[str, int]:
    return ("Not found.", 404)


def _csrf_failed(error: CSRFError) -> tuple[str, int]:
    return (f"The request was refused: {error.description} Reload the page and try again.", 400)
