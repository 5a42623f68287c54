"""The validated-bundle cache: a hit only for the same bytes and code, never for invalid data."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from indicators import bundle_cache, code_version
from indicators.bundle import Bundle, load
from indicators.problems import DataError

TABLES = ("pillars", "indicators", "countries", "groups", "sources", "values", "dependencies")


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """Return an empty cache folder of this test's own."""
    return tmp_path / "cache"


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Return the list of data directories the cache validated (it grows on each miss)."""
    seen: list[Path] = []
    real = bundle_cache.check_data_dir

    def counting(data_dir: Path, *args: object) -> object:
        seen.append(Path(data_dir))
        return real(data_dir, *args)

    monkeypatch.setattr(bundle_cache, "check_data_dir", counting)
    return seen


def entries(cache: Path) -> list[Path]:
    """Return the stored entries."""
    return sorted(cache.glob("*.pickle")) if cache.exists() else []


def assert_same(a: Bundle, b: Bundle) -> None:
    """Assert two bundles hold the same tables (values, dtypes, index), version and warnings."""
    for name in TABLES:
        x, y = getattr(a, name), getattr(b, name)
        assert x.equals(y), name
        assert list(x.dtypes) == list(y.dtypes), name
        assert x.index.equals(y.index) and x.index.name == y.index.name, name
    assert (a.version, a.warnings, a.data_dir, a.modified) == (
        b.version, b.warnings, b.data_dir, b.modified)
    assert a.years == b.years and list(a.scored_indicators.index) == list(b.scored_indicators.index)
    for name in ("country", "indicator", "year", "value", "source"):
        assert np.array_equal(getattr(a.observation_arrays, name),
                              getattr(b.observation_arrays, name)), name


def test_second_load_skips_validation_and_gives_the_same_bundle(
        mini_copy: Path, cache: Path, validations: list[Path]) -> None:
    first = bundle_cache.load(mini_copy, cache)
    second = bundle_cache.load(mini_copy, cache)
    assert validations == [mini_copy]  # the second came from the cache
    assert len(entries(cache)) == 1
    assert_same(second, first)
    assert_same(second, load(mini_copy, cache=False))


def test_the_shipped_data_round_trips(tmp_path: Path) -> None:
    data = Path(__file__).parent.parent / "data"
    bundle_cache.load(data, tmp_path)
    assert_same(bundle_cache.load(data, tmp_path), load(data, cache=False))


def edit_same_size_same_mtime(path: Path) -> None:
    """Change one digit of ``path`` and put its mtime back: same size, same stamp."""
    before = path.stat()
    text = path.read_text()
    assert "10,fixture" in text
    path.write_text(text.replace("10,fixture", "11,fixture", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_with_the_same_size_and_mtime_is_seen(
        mini_copy: Path, cache: Path, validations: list[Path]) -> None:
    old = bundle_cache.load(mini_copy, cache)
    edit_same_size_same_mtime(mini_copy / "values" / "main.csv")
    new = bundle_cache.load(mini_copy, cache)
    assert len(validations) == 2
    assert new.version != old.version
    aaa = new.values[(new.values["iso3"] == "AAA") & (new.values["indicator"] == "d1")]
    assert aaa["value"].tolist() == [11.0]


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_any_change_to_the_files_misses(mini_copy: Path, cache: Path,
                                        validations: list[Path], change: str) -> None:
    old = bundle_cache.load(mini_copy, cache)
    values = mini_copy / "values"
    if change == "edit":
        with open(mini_copy / "countries.csv", "a") as handle:
            handle.write("\n")  # a blank line: still valid, other bytes
    elif change == "add":
        header = (values / "main.csv").read_text().splitlines()[0]
        (values / "extra.csv").write_text(header + "\n")  # no rows: valid, another file
    elif change == "remove":
        (values / "more.csv").unlink()
    else:
        (values / "more.csv").rename(values / "zzz.csv")
    new = bundle_cache.load(mini_copy, cache)
    assert len(validations) == 2 and new.version != old.version
    assert_same(new, load(mini_copy, cache=False))


def test_another_code_version_misses(mini_copy: Path, cache: Path, validations: list[Path],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bundle_cache.load(mini_copy, cache)
    monkeypatch.setattr(bundle_cache, "code_version", lambda: "another release")
    bundle_cache.load(mini_copy, cache)
    assert len(validations) == 2 and len(entries(cache)) == 2


def test_the_code_version_follows_every_module(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "indicators"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 1\n")
    monkeypatch.setattr(code_version, "PACKAGE", package)
    seen = []
    for edit in (None, ("a.py", "A = 2\n"), ("sub/b.py", "B = 2\n"), ("sub/c.py", "")):
        if edit:
            (package / edit[0]).write_text(edit[1])
        code_version.code_version.cache_clear()
        seen.append(code_version.code_version())
    code_version.code_version.cache_clear()
    assert len(set(seen)) == 4


def test_invalid_data_gives_the_same_error_and_stores_nothing(mini_copy: Path,
                                                              cache: Path) -> None:
    bundle_cache.load(mini_copy, cache)  # valid: stored
    path = mini_copy / "values" / "main.csv"
    path.write_text(path.read_text().replace("10,fixture", "ten,fixture", 1))
    with pytest.raises(DataError) as uncached:
        load(mini_copy, cache=False)
    for _ in range(2):  # the second time too: the error is not cached either
        with pytest.raises(DataError) as cached:
            bundle_cache.load(mini_copy, cache)
        assert cached.value.problems == uncached.value.problems
        assert any(p.file == "values/main.csv" and p.line == 2 for p in cached.value.problems)
    assert len(entries(cache)) == 1  # only the valid one from before


def test_a_missing_file_is_reported_as_without_a_cache(mini_copy: Path, cache: Path) -> None:
    (mini_copy / "sources.csv").unlink()
    with pytest.raises(DataError) as uncached:
        load(mini_copy, cache=False)
    with pytest.raises(DataError) as cached:
        bundle_cache.load(mini_copy, cache)
    assert cached.value.problems == uncached.value.problems
    assert entries(cache) == []


def test_never_stored_inside_the_data_directory(mini_copy: Path,
                                                validations: list[Path]) -> None:
    inside = mini_copy / "values" / ".cache"
    for _ in range(2):
        bundle_cache.load(mini_copy, inside)
    assert not inside.exists() and len(validations) == 2
    assert sorted(p.name for p in (mini_copy / "values").iterdir()) == ["main.csv", "more.csv"]


def test_an_entry_others_can_write_is_not_read(mini_copy: Path, cache: Path,
                                               validations: list[Path]) -> None:
    bundle_cache.load(mini_copy, cache)
    (entry,) = entries(cache)
    assert entry.stat().st_mode & 0o777 == 0o600 and cache.stat().st_mode & 0o777 == 0o700
    entry.chmod(0o666)
    bundle_cache.load(mini_copy, cache)
    assert len(validations) == 2


def test_a_damaged_entry_is_validated_again_and_replaced(mini_copy: Path, cache: Path,
                                                         validations: list[Path]) -> None:
    first = bundle_cache.load(mini_copy, cache)
    (entry,) = entries(cache)
    entry.write_bytes(entry.read_bytes()[:100])  # truncated
    assert_same(bundle_cache.load(mini_copy, cache), first)
    entry.write_bytes(pickle.dumps("not a bundle"))
    assert_same(bundle_cache.load(mini_copy, cache), first)
    assert len(validations) == 3
    bundle_cache.load(mini_copy, cache)
    assert len(validations) == 3  # rewritten whole the last time


def test_old_entries_are_removed(tmp_path: Path, mini_copy: Path) -> None:
    cache = tmp_path / "cache"
    path = mini_copy / "countries.csv"
    for i in range(bundle_cache.KEEP + 3):
        path.write_text(path.read_text() + "\n" * (i > 0))
        bundle_cache.load(mini_copy, cache)
    assert len(entries(cache)) == bundle_cache.KEEP


def test_the_environment_chooses_the_folder(monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    monkeypatch.setenv(bundle_cache.CACHE_ENV, "off")
    assert bundle_cache.cache_dir() is None
    monkeypatch.setenv(bundle_cache.CACHE_ENV, str(tmp_path / "mine"))
    assert bundle_cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(bundle_cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert bundle_cache.cache_dir() == tmp_path / "xdg" / "sovai" / "bundles"


def test_sovai_score_fills_the_cache_then_reads_it(mini_copy: Path, tmp_path: Path) -> None:
    """Whole commands: the second ``sovai score`` prints the same table from the cache."""
    cache = tmp_path / "cache"
    env = {**os.environ, bundle_cache.CACHE_ENV: str(cache)}
    argv = [sys.executable, "-m", "dashboard.cli", "score", "--data-dir", str(mini_copy),
            "--format", "csv"]
    first = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    assert len(entries(cache)) == 1
    stored = entries(cache)[0].stat().st_mtime_ns
    second = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
    assert second.stdout == first.stdout and "AAA" in first.stdout
    assert len(entries(cache)) == 1 and entries(cache)[0].stat().st_mtime_ns >= stored
    (mini_copy / "values" / "main.csv").write_text("iso3,indicator\n")
    broken = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert broken.returncode == 1 and "values/main.csv" in broken.stderr
    assert "Traceback" not in broken.stderr and broken.stdout == ""


def test_the_dashboard_reads_its_bundle_through_the_cache(mini_copy: Path, cache: Path,
                                                          validations: list[Path],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh server on data validated before skips the validation; a broken edit is still
    reported, and the last valid bundle served."""
    from dashboard import data_access

    monkeypatch.setenv(bundle_cache.CACHE_ENV, str(cache))
    bundle_cache.load(mini_copy, cache)  # e.g. by `sovai score`, or another server
    data_access._states.clear()
    state = data_access.current(mini_copy)
    assert state.bundle is not None and state.problems == [] and len(validations) == 1
    path = mini_copy / "values" / "main.csv"
    path.write_text(path.read_text().replace("10,fixture", "ten,fixture", 1))
    broken = data_access.current(mini_copy)
    assert broken.bundle is state.bundle  # still the last valid one
    assert any(p.file == "values/main.csv" and p.line == 2 for p in broken.problems)
    data_access._states.clear()
