"""Uploads map to contract files only; nothing can be written outside the data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from update_helpers import tree_hash

from indicators.updates import UpdateError, apply, target_for
from indicators.updates.targets import target_path


class TestTargetFor:
    """A file's name picks its target; any other target must be named and valid."""

    def test_names(self, mini_copy: Path) -> None:
        assert target_for(mini_copy, "countries.csv") == "countries.csv"
        assert target_for(mini_copy, "C:\\Users\\me\\main.csv") == "values/main.csv"
        assert target_for(mini_copy, "x.csv", "values/new.csv") == "values/new.csv"

    @pytest.mark.parametrize("target", ["../evil.csv", "/etc/passwd", "values/../../x.csv",
                                        "values/sub/x.csv", "values/.hidden.csv", "notes.txt",
                                        ".history/log.jsonl", "values/x.txt", ""])
    def test_refused(self, mini_copy: Path, target: str) -> None:
        with pytest.raises(UpdateError, match="not a file of the data"):
            target_for(mini_copy, "main.csv", target or "..")


class TestSymlinks:
    """A symlinked file or values folder is never written through."""

    def test_symlinked_file(self, mini_copy: Path, tmp_path: Path) -> None:
        outside = tmp_path / "outside.csv"
        outside.write_bytes((mini_copy / "values" / "main.csv").read_bytes())
        link = mini_copy / "values" / "linked.csv"
        os.symlink(outside, link)
        before = outside.read_bytes()
        with pytest.raises(UpdateError, match="symbolic link"):
            apply(mini_copy, "values/linked.csv", before.replace(b",10,", b",11,"), "t")
        assert outside.read_bytes() == before

    def test_symlinked_values_folder(self, mini_copy: Path, tmp_path: Path) -> None:
        real = tmp_path / "elsewhere"
        (mini_copy / "values").rename(real)
        os.symlink(real, mini_copy / "values")
        before = tree_hash(real)
        with pytest.raises(UpdateError, match="symbolic link"):
            target_path(mini_copy, "values/main.csv")
        assert tree_hash(real) == before
