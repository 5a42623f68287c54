"""Shared fixtures: the hand-computable mini data directory, its bundle, and copies to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from indicators import Bundle, load

# Every load validates in the tests (a test that patches a rule must see it applied); the
# bundle cache's own tests (tests/test_bundle_cache.py) turn it on in a folder of their own.
os.environ["SOVAI_BUNDLE_CACHE"] = "off"

# Timing is the benchmarks' business: a busy CI machine must not fail a property test.
settings.register_profile("sovai", deadline=None)
settings.load_profile("sovai")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"
REAL_DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="session")
def mini() -> Bundle:
    """Return the bundle of the hand-computable 4-country mini fixture (shared: do not mutate)."""
    return load(MINI)


@pytest.fixture
def mini_dir() -> Path:
    """Return the path of the read-only hand-computable fixture data directory."""
    return MINI


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """Return a writable copy of the mini fixture data directory."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target
