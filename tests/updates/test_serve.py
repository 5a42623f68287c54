"""The production app: sub-path, health with the data version, gunicorn command, bad options."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.serve import build_app, gunicorn_command, serve
from dashboard.settings import Settings, normalise_base_path
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

    def test_serve_refuses_bad_options(self, mini_copy: Path, capsys) -> None:
        assert main(["serve", "--base-path", "/../", "--data-dir", str(mini_copy)]) == 2
        assert serve(Settings(data_dir=mini_copy), workers=-1) == 2
        assert main(["serve", "--cache", "memcached://x", "--data-dir", str(mini_copy)]) == 2
        with pytest.raises(SystemExit) as stop:  # a wrong option, one line (audit C8)
            main(["serve", "--data-dir", str(mini_copy / "missing")])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert "expected a sub-path such as /sovai/" in err
        assert "expected a Redis URL" in err and "missing: no such directory" in err


class TestHealth:
    """``<base>healthz`` names the data version served, and 503 when there is no valid data."""

    def test_under_a_sub_path(self, mini_copy: Path, tmp_path: Path) -> None:
        app = build_app(Settings(data_dir=mini_copy, base_path="/sovai/",
                                 cache_dir=tmp_path / "cache"))
        assert app.server.config["DEBUG"] is False
        response = app.server.test_client().get("/sovai/healthz")
        assert response.status_code == 200
        assert response.json["status"] == "ok"
        assert response.json["data_version"] == check_data_dir(mini_copy).version

    def test_never_valid(self, mini_copy: Path, tmp_path: Path) -> None:
        (mini_copy / "pillars.csv").write_text("broken\n")
        app = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache"))
        response = app.server.test_client().get("/healthz")
        assert response.status_code == 503 and response.json["status"] == "unavailable"


def test_gunicorn_command() -> None:
    """Several gevent workers (slow clients hold a greenlet, not a worker), bound where asked."""
    command = gunicorn_command("127.0.0.1", 8123, 3)
    assert command[1:3] == ["-m", "gunicorn"]
    assert command[3:5] == ["--workers", "3"] and "127.0.0.1:8123" in command
    assert command[command.index("--worker-class") + 1] == "gevent"
    assert command[-1] == "dashboard.wsgi:server"


class TestSettings:
    """One object, from options over the environment, handed to workers as their environment."""

    def test_options_over_environment(self, tmp_path: Path) -> None:
        env = {"SOVAI_DATA_DIR": str(tmp_path), "SOVAI_BASE_PATH": "x",
               "SOVAI_WRITE_TOKEN": "t", "SOVAI_ALLOWED_HOSTS": "a.example,B.example"}
        settings = Settings.from_environ(env, base_path="/y/", cache="redis://h:6379/2")
        assert settings.data_dir == tmp_path.resolve() and settings.base_path == "/y/"
        assert settings.write_token == "t" and settings.cache == "redis://h:6379/2"
        assert settings.allowed_hosts == ("a.example", "b.example")
        assert Settings.from_environ(settings.to_environ()) == settings

    def test_host_names(self, tmp_path: Path) -> None:
        settings = Settings(data_dir=tmp_path)
        assert settings.allows_host("localhost:8050") and settings.allows_host("[::1]:80")
        assert not settings.allows_host("attacker.example")
        assert not settings.allows_host("")
        assert Settings(data_dir=tmp_path, allowed_hosts=("*",)).allows_host("any.example")


def test_file_cache_is_bounded(mini_copy: Path, tmp_path: Path) -> None:
    """Random what-if weights make a new result each: the machine's cache keeps a bounded few."""
    from dashboard.serve import CACHE_KEY, FILE_CACHE_THRESHOLD

    app = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache"))
    cache = app.server.extensions[CACHE_KEY]
    for i in range(FILE_CACHE_THRESHOLD + 150):
        cache.set(f"result:v:{i}", b"x" * 100)
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(files) <= FILE_CACHE_THRESHOLD + 2  # pruned before a set; + its count file


class TestGarbageCollector:
    """The production app collects rarely, and the data once loaded leaves the full scans."""

    def test_bundle_frozen_after_its_load_and_thresholds_raised(self, mini_copy: Path,
                                                                tmp_path: Path) -> None:
        import gc

        from dashboard import data_access
        from dashboard.app import create_app
        from dashboard.serve import SERVING_GC_THRESHOLDS

        before = gc.get_threshold()
        gc.unfreeze()
        try:
            plain = create_app(data_dir=mini_copy)  # tests and tools: nothing changes
            assert plain.server.test_client().get("/").status_code == 200
            assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
            app = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache"))
            assert gc.get_threshold() == SERVING_GC_THRESHOLDS
            data_access._states.clear()  # as in a fresh process: the data not loaded yet
            assert app.server.test_client().get("/healthz").status_code == 200
            assert gc.get_freeze_count() > 0
        finally:
            gc.set_threshold(*before)
            gc.unfreeze()

    def test_a_new_bundle_unfreezes_the_old_before_freezing(self, monkeypatch) -> None:
        """A bundle replaced by an update must be collectable: unfreeze, collect, freeze."""
        import gc

        from dashboard import data_access

        calls: list[str] = []
        for name in ("unfreeze", "collect", "freeze"):
            monkeypatch.setattr(gc, name, lambda name=name: calls.append(name))
        data_access.settle_long_lived()
        assert calls == ["unfreeze", "collect", "freeze"]
