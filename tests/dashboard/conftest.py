"""Fixtures of the dashboard's view tests: the mini bundle and its reference result."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import Bundle, Result, load, score


@pytest.fixture(scope="module")
def mini(request) -> Bundle:
    """Return the bundle of the hand-computable mini fixture."""
    return load(Path(__file__).resolve().parents[1] / "fixtures" / "mini")


@pytest.fixture(scope="module")
def ref(mini: Bundle) -> Result:
    """Return the reference result of the mini fixture (year 2024)."""
    return score(mini)
