"""Results are shared between workers through the installed cache, keyed by the data version."""

from __future__ import annotations

from indicators import ScoringSpec


def test_result_goes_through_the_shared_cache(mini_copy, tmp_path, monkeypatch):
    from dashboard import data_access
    from dashboard.serve import build_app
    from dashboard.settings import Settings

    app = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache"))
    spec = ScoringSpec(view="intensity")
    with app.server.app_context():
        data_access._results.clear()  # scored here, not by an earlier test on the same data
        first = data_access.result(spec)
        cache = app.server.extensions[data_access.SHARED_CACHE_KEY]
        key = [k for k in (tmp_path / "cache").iterdir()]
        assert key, "the result was not written to the shared cache"
        data_access._results.clear()  # as if another worker asked: only the disk cache is left

        def no_scoring(*_args, **_kwargs):
            raise AssertionError("scored again instead of reading the shared cache")

        monkeypatch.setattr(data_access, "score", no_scoring)
        again = data_access.result(spec)
        assert again is not first and again.overall.equals(first.overall)
        assert cache.get(f"result:{first.version}:" + "0" * 16) is None  # keys carry the spec


def test_a_result_stored_by_other_code_is_not_read(mini_copy, tmp_path, monkeypatch):
    """After an upgrade (another code version) the shared cache's old results are not served."""
    from dashboard import data_access
    from dashboard.serve import build_app
    from dashboard.settings import Settings

    app = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache"))
    spec = ScoringSpec()
    with app.server.app_context():
        old = data_access.shared_result_key(data_access.bundle().version, spec.model_dump_json())
        cache = app.server.extensions[data_access.SHARED_CACHE_KEY]
        cache.set(old, "a result of the old release, without the new fields")
        data_access._results.clear()
        assert data_access.result(spec) == "a result of the old release, without the new fields"

        data_access._results.clear()
        monkeypatch.setattr(data_access, "code_version", lambda: "the next release")
        data_access._release.cache_clear()
        try:
            fresh = data_access.result(spec)
        finally:
            data_access._release.cache_clear()
        assert not isinstance(fresh, str) and fresh.version == data_access.bundle().version
        new = data_access.shared_result_key(fresh.version, spec.model_dump_json())
        assert new != old and new.startswith("result:") and "the next release" in new
        assert cache.get(new) is not None
