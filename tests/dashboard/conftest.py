"""Fixtures of the dashboard's view tests: the mini fixture's reference result (the bundle,
``mini``, is shared from tests/conftest.py)."""

from __future__ import annotations

import pytest

from indicators import Bundle, Result, score


@pytest.fixture(scope="module")
def ref(mini: Bundle) -> Result:
    """Return the reference result of the mini fixture (year 2024)."""
    return score(mini)
