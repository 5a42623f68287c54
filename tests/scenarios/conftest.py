"""Fixtures of the scenario tests, all through one loader: the shipped data (data/), the mini
data with a richer chips ledger (fixtures/cut), and the same with chip-stage and connectivity
rows (fixtures/chain). Each is loaded and scored once per session."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from indicators import Bundle, Result, load, score

DATA_DIRS = {"shipped": Path(__file__).parents[2] / "data",
             "cut": Path(__file__).parent / "fixtures" / "cut",
             "chain": Path(__file__).parent / "fixtures" / "chain"}
CUT_DIR, CHAIN_DIR = DATA_DIRS["cut"], DATA_DIRS["chain"]


@cache
def scenario_data(name: str) -> tuple[Bundle, Result]:
    """Return the bundle of ``DATA_DIRS[name]`` and its reference result (latest year, scale
    view). Callers share both: they must not change them."""
    bundle = load(DATA_DIRS[name])
    return bundle, score(bundle)


@pytest.fixture(scope="session")
def shipped() -> tuple[Bundle, Result]:
    """Return the shipped data and its reference result."""
    return scenario_data("shipped")


@pytest.fixture(scope="session")
def cut_bundle() -> Bundle:
    """Return the bundle of fixtures/cut: the mini data, chips supplied as its ledger says."""
    return scenario_data("cut")[0]


@pytest.fixture(scope="session")
def cut_baseline() -> Result:
    """Return the reference result of fixtures/cut (year 2024, scale view)."""
    return scenario_data("cut")[1]


@pytest.fixture(scope="session")
def chain_bundle() -> Bundle:
    """Return fixtures/chain: fixtures/cut plus chip-stage and connectivity ledger rows."""
    return scenario_data("chain")[0]


@pytest.fixture(scope="session")
def chain_baseline() -> Result:
    """Return the reference result of fixtures/chain (year 2024, scale view)."""
    return scenario_data("chain")[1]
