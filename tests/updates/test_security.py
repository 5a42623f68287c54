"""The app as ``sovai serve`` builds it: CSRF, size limit, who may write, hosts, headers.

Every test here builds the app with ``build_app(Settings(...))``, exactly what ``sovai serve``
and the gunicorn workers run, and never sets a Flask config key itself: a limit a test sets is a
limit the served app may not have.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import security
from dashboard.serve import build_app
from dashboard.settings import Settings
from indicators.updates.apply import MAX_UPLOAD_BYTES

#: A callback the app has (the URL's pathname drives the page container in every Dash Pages app).
CALLBACK_URL = "/_dash-update-component"


def served(data_dir: Path, tmp_path: Path, **settings: object):
    """Return the production app of ``data_dir`` with its own cache folder."""
    return build_app(Settings(data_dir=data_dir, cache_dir=tmp_path / "cache",
                              **settings))  # type: ignore[arg-type]


@pytest.fixture
def app(mini_copy: Path, tmp_path: Path):
    return served(mini_copy, tmp_path, write_token="s3cret")


@pytest.fixture
def client(app):
    return app.server.test_client()


def csrf_token(client) -> str:
    """Load a page as a browser does and return the CSRF token its cookie carries."""
    assert client.get("/").status_code == 200
    cookie = client.get_cookie(security.CSRF_COOKIE)
    assert cookie is not None
    return str(cookie.value)


class TestCsrf:
    """A callback POST needs the token of the cookie Dash's front end sends back as a header."""

    def test_without_token_is_refused(self, client) -> None:
        response = client.post(CALLBACK_URL, json={})
        assert response.status_code == 400
        assert b"The request was refused" in response.data


class TestLimits:
    """Defect 1: the size limit and the cookie policy are in force in the served app."""

    def test_config_holds_the_limits(self, app) -> None:
        config = app.server.config
        assert config["MAX_CONTENT_LENGTH"] == 2 * MAX_UPLOAD_BYTES
        assert config["SESSION_COOKIE_SAMESITE"] == "Strict"
        assert config["SESSION_COOKIE_HTTPONLY"] is True

    def test_oversized_callback_is_refused(self, client) -> None:
        token = csrf_token(client)
        body = b'{"x": "' + b"a" * (2 * MAX_UPLOAD_BYTES) + b'"}'
        response = client.post(CALLBACK_URL, data=body,
                               headers={"X-CSRFToken": token, "Content-Type": "application/json"})
        assert response.status_code == 413
        assert b"files up to 4 MB can be uploaded" in response.data


class TestWritePermission:
    """Defect 4: writes need loopback with no proxy header at all, or the write token."""

    @pytest.mark.parametrize(("address", "headers", "token", "allowed"), [
        ("127.0.0.1", {}, None, True),
        ("::1", {}, None, True),
        ("10.0.0.5", {}, None, False),
        ("10.0.0.5", {}, "s3cret", True),
        ("10.0.0.5", {}, "wrong", False),
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"X-Forwarded-For": ""}, None, False),
        ("127.0.0.1", {"Forwarded": "for=203.0.113.9"}, None, False),
        ("127.0.0.1", {"X-Real-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"X-Client-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"CF-Connecting-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"True-Client-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"X-Originating-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"X-Cluster-Client-IP": "203.0.113.9"}, None, False),
        ("127.0.0.1", {"Via": "1.1 proxy"}, None, False),
        ("127.0.0.1", {"X-Real-IP": "203.0.113.9"}, "s3cret", True),
    ])
    def test_who_may_write(self, app, address: str, headers: dict[str, str],
                           token: str | None, allowed: bool) -> None:
        with app.server.test_request_context(environ_base={"REMOTE_ADDR": address},
                                             headers=headers):
            denied = security.write_denied(token)
        assert (denied is None) == allowed
        if not allowed:
            assert "Writing is disabled" in str(denied)

    def test_no_token_configured(self, mini_copy: Path, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.setenv("SOVAI_WRITE_TOKEN", "from-the-environment")  # not a setting here
        app = served(mini_copy, tmp_path)
        with app.server.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.5"}):
            assert "no write token is configured" in str(security.write_denied(
                "from-the-environment"))


class TestHosts:
    """Defect 4: only the configured host names are served (DNS rebinding), Origin too."""

    def test_unknown_host_is_refused(self, client) -> None:
        response = client.get("/", headers={"Host": "attacker.example"})
        assert response.status_code == 400
        assert b"is not served here" in response.data

    def test_rebinding_post_is_refused(self, client) -> None:
        token = csrf_token(client)
        response = client.post(CALLBACK_URL, json={}, headers={
            "Host": "attacker.example:8050", "Origin": "http://attacker.example:8050",
            "X-CSRFToken": token})
        assert response.status_code == 400

    def test_foreign_origin_is_refused(self, client) -> None:
        token = csrf_token(client)
        response = client.post(CALLBACK_URL, json={}, headers={
            "Origin": "http://attacker.example", "X-CSRFToken": token})
        assert response.status_code == 403

    @pytest.mark.parametrize("host", ["localhost", "127.0.0.1:8050", "[::1]:8050"])
    def test_loopback_names_are_served(self, client, host: str) -> None:
        assert client.get("/", headers={"Host": host}).status_code == 200

    def test_configured_name(self, mini_copy: Path, tmp_path: Path) -> None:
        app = served(mini_copy, tmp_path, allowed_hosts=("sovai.example.org",))
        client = app.server.test_client()
        assert client.get("/", headers={"Host": "sovai.example.org"}).status_code == 200
        assert client.get("/", headers={"Host": "localhost"}).status_code == 400


class TestHeaders:
    """Defect 7: every response carries the protective headers; bad asset paths are 404."""

    def test_csp(self, client) -> None:
        headers = client.get("/").headers
        csp = headers["Content-Security-Policy"]
        script_src = next(p for p in csp.split("; ") if p.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "'sha256-" in script_src  # Dash's inline renderer start-up, by hash
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"

    def test_health_has_the_headers(self, client) -> None:
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]

    @pytest.mark.parametrize("path", [
        "/_dash-component-suites/dash/deps/..%2f..%2f..%2f__init__.py",
        "/_dash-component-suites/dash/%2e%2e/%2e%2e/x.js",
        "/_dash-component-suites/dash/no-such-file.js",
    ])
    def test_bad_asset_path_is_not_found(self, client, path: str) -> None:
        response = client.get(path)
        assert response.status_code == 404


class TestSecretKey:
    """All workers of one data directory sign with the same key; the settings' key wins."""

    def test_shared(self, mini_copy: Path) -> None:
        first, second = security.secret_key(mini_copy), security.secret_key(mini_copy)
        assert first == second and len(first) == 64
        assert not (mini_copy / ".history").exists()  # serving never writes into the data
        assert security.secret_key(mini_copy.parent) != first  # one key per data directory

    def test_from_settings(self, mini_copy: Path, tmp_path: Path) -> None:
        app = served(mini_copy, tmp_path, secret_key="shared-by-all-machines")
        assert app.server.config["SECRET_KEY"] == "shared-by-all-machines"

