"""Every test file is collected: no folder of tests/ matches a pattern pytest skips.

pytest's default ``norecursedirs`` includes ``build``, so ``tests/build`` once never ran. The
configured patterns are checked against every folder that holds a test module.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_no_test_folder_is_skipped_by_collection(pytestconfig):
    patterns = pytestconfig.getini("norecursedirs")
    folders = {p.parent for p in TESTS.rglob("test_*.py")}
    skipped = sorted(str(f.relative_to(TESTS)) for f in folders for part in
                     f.relative_to(TESTS.parent).parts if any(fnmatch(part, pat)
                                                              for pat in patterns))
    assert not skipped, f"collection skips {skipped}: fix norecursedirs in pyproject.toml"
    assert (TESTS / "build") in folders  # the folder that used to be skipped holds tests



def test_rebuild_test_fails_instead_of_skipping_in_ci(tmp_path):
    """Under CI=true, the shipped-data rebuild test fails when the raw sources are absent."""
    import os
    import shutil
    import subprocess
    import sys

    repo = tmp_path / "repo"  # ../shared/sources does not exist beside this copy
    (repo / "tests").mkdir(parents=True)
    shutil.copy(TESTS / "test_shipped_data.py", repo / "tests")
    test = "tests/test_shipped_data.py::test_build_reproduces_committed_data"

    def run(ci: str) -> str:
        env = {**os.environ, "CI": ci}
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p",
                   "no:dash", "-o", "addopts=", test]
        proc = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True,
                              check=False)
        return proc.stdout.strip().splitlines()[-1]

    assert "1 failed" in run("true")
    assert "1 skipped" in run("")


def test_test_module_names_are_unique():
    """pytest imports test modules by file name (rootdir import mode, no __init__.py): two
    test_x.py in different folders stop the whole collection."""
    names: dict[str, list[str]] = {}
    for path in TESTS.rglob("test_*.py"):
        names.setdefault(path.name, []).append(str(path.relative_to(TESTS)))
    repeated = {name: paths for name, paths in names.items() if len(paths) > 1}
    assert not repeated, f"rename one of each: {repeated}"


def test_the_repository_holds_only_the_projects_top_level_entries():
    """A stray folder (a helper's JSON dumps were once committed as ``3/``) fails here."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    listed = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True,
                            check=False)
    if listed.returncode != 0:  # not a git checkout (a source archive): nothing to check
        return
    top = {path.split("/")[0] for path in listed.stdout.splitlines() if path}
    expected = {".ci", ".gitignore", "CONTRIBUTING.md", "Makefile", "README.md", "benchmarks",
                "dashboard", "data", "docs", "indicators", "pyproject.toml", "scripts", "tests",
                "tools"}
    assert top <= expected, sorted(top - expected)
