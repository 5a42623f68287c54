"""Fixtures of the robustness tests: the rivals data (the mini bundle, ``mini``, is shared from
tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import Bundle, load

RIVALS = Path(__file__).parent / "fixtures" / "rivals"


@pytest.fixture(scope="session")
def rivals() -> Bundle:
    """Return six countries where four specialists nearly tie: the weights decide their order.

    Every observation is of 2024 and none is missing, so the year window and the imputation
    cannot change any score.
    """
    return load(RIVALS)
