"""security.install: CSRF on callbacks, size limit, write permission, shared secret, headers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dash import Dash, Input, Output, html

from dashboard import security


def make_app(data_dir: Path, **config: object) -> Dash:
    """Return a one-callback app with the security installed."""
    app = Dash(__name__, serve_locally=True)
    app.server.config.update(SOVAI_DATA_DIR=str(data_dir), **config)
    app.layout = html.Div([html.Button(id="b"), html.Div(id="out")])

    @app.callback(Output("out", "children"), Input("b", "n_clicks"))
    def echo(n: int | None) -> str:
        return str(n)

    security.install(app)
    return app


CALLBACK = {"output": "out.children", "outputs": {"id": "out", "property": "children"},
            "inputs": [{"id": "b", "property": "n_clicks", "value": 1}],
            "changedPropIds": ["b.n_clicks"], "state": []}


@pytest.fixture
def client(mini_copy: Path):
    return make_app(mini_copy).server.test_client()


class TestCsrf:
    """A callback POST needs the token of the cookie Dash's front end sends back as a header."""

    def test_without_token_is_refused(self, client) -> None:
        response = client.post("/_dash-update-component", json=CALLBACK)
        assert response.status_code == 400
        assert b"The request was refused" in response.data

    def test_with_token_passes(self, client) -> None:
        page = client.get("/")
        token = client.get_cookie(security.CSRF_COOKIE)
        assert page.status_code == 200 and token is not None
        response = client.post("/_dash-update-component", json=CALLBACK,
                               headers={"X-CSRFToken": token.value})
        assert response.status_code == 200
        assert json.loads(response.data)["response"]["out"]["children"] == "1"


class TestLimitsAndHeaders:
    """Oversized requests get 413 with the limit; pages carry a strict CSP."""

    def test_too_large(self, mini_copy: Path) -> None:
        client = make_app(mini_copy, MAX_CONTENT_LENGTH=1000).server.test_client()
        client.get("/")
        token = client.get_cookie(security.CSRF_COOKIE).value
        response = client.post("/_dash-update-component", data=b"x" * 2000,
                               headers={"X-CSRFToken": token, "Content-Type": "application/json"})
        assert response.status_code == 413
        assert b"files up to 4 MB can be uploaded" in response.data

    def test_csp(self, client) -> None:
        headers = client.get("/").headers
        csp = headers["Content-Security-Policy"]
        script_src = next(p for p in csp.split("; ") if p.startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "'sha256-" in script_src  # Dash's inline renderer start-up, by hash
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"


class TestWritePermission:
    """Writes need loopback (without a proxy) or the write token."""

    @pytest.mark.parametrize(("address", "headers", "token", "allowed"), [
        ("127.0.0.1", {}, None, True),
        ("::1", {}, None, True),
        ("10.0.0.5", {}, None, False),
        ("127.0.0.1", {"X-Forwarded-For": "203.0.113.9"}, None, False),
        ("10.0.0.5", {}, "s3cret", True),
        ("10.0.0.5", {}, "wrong", False),
    ])
    def test_who_may_write(self, mini_copy: Path, address: str, headers: dict[str, str],
                           token: str | None, allowed: bool) -> None:
        app = make_app(mini_copy, SOVAI_WRITE_TOKEN="s3cret")
        with app.server.test_request_context(environ_base={"REMOTE_ADDR": address},
                                             headers=headers):
            denied = security.write_denied(token)
        assert (denied is None) == allowed
        if not allowed:
            assert "Writing is disabled" in str(denied)

    def test_no_token_configured(self, mini_copy: Path, monkeypatch) -> None:
        monkeypatch.delenv(security.WRITE_TOKEN_ENV, raising=False)
        app = make_app(mini_copy)
        with app.server.test_request_context(environ_base={"REMOTE_ADDR": "10.0.0.5"}):
            assert "no write token is configured" in str(security.write_denied("anything"))


class TestSecretKey:
    """All workers of one data directory sign with the same key; the environment wins."""

    def test_shared(self, mini_copy: Path, monkeypatch) -> None:
        monkeypatch.delenv(security.SECRET_KEY_ENV, raising=False)
        first, second = security.secret_key(mini_copy), security.secret_key(mini_copy)
        assert first == second and len(first) == 64
        assert not (mini_copy / ".history").exists()  # serving never writes into the data
        assert security.secret_key(mini_copy.parent) != first  # one key per data directory
        monkeypatch.setenv(security.SECRET_KEY_ENV, "from-env")
        assert security.secret_key(mini_copy) == "from-env"
