"""The method version in every citation: the same data scored by other code cites differently
(audit 3 B19: Taiwan moved 26th → 27th under one unchanged "data version")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indicators import code_version
from indicators.cli import main


@pytest.fixture
def fresh_method_version():
    code_version.method_version.cache_clear()
    yield code_version.method_version
    code_version.method_version.cache_clear()


def test_an_edit_to_the_library_changes_the_method_version(tmp_path: Path, monkeypatch,
                                                           fresh_method_version) -> None:
    (tmp_path / "stages.py").write_text("WEIGHT = 1\n")
    monkeypatch.setattr(code_version, "PACKAGE", tmp_path)
    before = fresh_method_version()
    (tmp_path / "stages.py").write_text("WEIGHT = 2\n")
    fresh_method_version.cache_clear()
    after = fresh_method_version()
    assert before != after
    assert re.fullmatch(r"\d+(\.\d+)*\+[0-9a-f]{12}", after)


def test_score_json_and_downloads_carry_it(capsys, mini_dir) -> None:
    from dashboard.views import downloads
    from indicators import load, score

    method = code_version.method_version()
    assert main(["score", "--data-dir", str(mini_dir), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["method_version"] == method
    bundle = load(mini_dir)
    meta = downloads.metadata(score(bundle), bundle, "http://x/", "t")
    assert meta["method_version"] == method and f"method version {method}" in meta["citation"]


def test_the_footer_cites_it() -> None:
    from dashboard import app

    text = str(app.footer())
    assert f"method version {code_version.method_version()}" in text
