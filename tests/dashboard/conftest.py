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


@pytest.fixture
def app():
    """Return a new app of the whole dashboard on the mini fixture, built for this test alone
    (as Dash's own tests build theirs): nothing is shared with another test's app."""
    from dashboard.app import create_app

    return create_app(data_dir=Path(__file__).resolve().parents[1] / "fixtures" / "mini")
