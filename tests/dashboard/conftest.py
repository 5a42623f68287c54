"""Fixtures of the dashboard's tests: the mini fixture's reference result and a fresh app on it
(the bundle ``mini`` and its folder ``mini_dir`` are shared from tests/conftest.py)."""

from __future__ import annotations

import pytest

from indicators import Bundle, Result, score


@pytest.fixture(scope="module")
def ref(mini: Bundle) -> Result:
    """Return the reference result of the mini fixture (year 2024)."""
    return score(mini)


@pytest.fixture
def app(mini_dir):
    """Return a new app of the whole dashboard on the mini fixture, built for this test alone
    (as Dash's own tests build theirs): nothing is shared with another test's app."""
    from dashboard.app import create_app

    return create_app(data_dir=mini_dir)
