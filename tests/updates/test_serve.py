"""The production app: sub-path, health with the data version, gunicorn command, bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.serve import build_app, gunicorn_command, normalise_base_path, serve
from indicators.validate import check_data_dir


class TestBasePath:
    """A sub-path is normalised to /x/; anything else is refused with the expected form."""

    @pytest.mark.parametrize(("given", "expected"), [("/", "/"), ("sovai", "/sovai/"),
                                                     ("/a/b", "/a/b/"), ("", "/")])
    def test_normalised(self, given: str, expected: str) -> None:
        assert normalise_base_path(given) == expected

    @pytest.mark.parametrize("given", ["/../x/", "/a//b/", "/x?y=1"])
    def test_refused(self, given: str) -> None:
        with pytest.raises(ValueError, match="expected a sub-path such as /sovai/"):
            normalise_base_path(given)

    def test_serve_refuses_bad_options(self, capsys) -> None:
        assert serve(base_path="/../", workers=0) == 2
        assert serve(workers=-1) == 2
        assert "expected" in capsys.readouterr().err


class TestHealth:
    """``<base>healthz`` names the data version served, and 503 when there is no valid data."""

    def test_under_a_sub_path(self, mini_copy: Path, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.setenv("SOVAI_CACHE_DIR", str(tmp_path / "cache"))
        app = build_app("/sovai/", mini_copy)
        assert app.server.config["DEBUG"] is False
        response = app.server.test_client().get("/sovai/healthz")
        assert response.status_code == 200
        assert response.json["status"] == "ok"
        assert response.json["data_version"] == check_data_dir(mini_copy).version

    def test_never_valid(self, mini_copy: Path, tmp_path: Path, monkeypatch) -> None:
        monkeypatch.setenv("SOVAI_CACHE_DIR", str(tmp_path / "cache"))
        (mini_copy / "pillars.csv").write_text("broken\n")
        app = build_app("/", mini_copy)
        response = app.server.test_client().get("/healthz")
        assert response.status_code == 503 and response.json["status"] == "unavailable"


def test_gunicorn_command() -> None:
    """Several workers with threads, bound where asked, serving the WSGI entry point."""
    command = gunicorn_command("127.0.0.1", 8123, 3)
    assert command[1:3] == ["-m", "gunicorn"]
    assert command[3:5] == ["--workers", "3"] and "127.0.0.1:8123" in command
    assert command[-1] == "dashboard.wsgi:server"
