"""Fixtures of the scenario tests: the mini data with a richer chips ledger (fixtures/cut),
and the same with chip-stage and connectivity rows (fixtures/chain)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import Bundle, Result, load, score

CUT_DIR = Path(__file__).parent / "fixtures" / "cut"


@pytest.fixture(scope="session")
def cut_bundle() -> Bundle:
    """Return the bundle of fixtures/cut: the mini data, chips supplied as its ledger says."""
    return load(CUT_DIR)


@pytest.fixture(scope="session")
def cut_baseline(cut_bundle: Bundle) -> Result:
    """Return the reference result of fixtures/cut (year 2024, scale view)."""
    return score(cut_bundle)


CHAIN_DIR = Path(__file__).parent / "fixtures" / "chain"


@pytest.fixture(scope="session")
def chain_bundle() -> Bundle:
    """Return fixtures/chain: fixtures/cut plus chip-stage and connectivity ledger rows."""
    return load(CHAIN_DIR)


@pytest.fixture(scope="session")
def chain_baseline(chain_bundle: Bundle) -> Result:
    """Return the reference result of fixtures/chain (year 2024, scale view)."""
    return score(chain_bundle)
