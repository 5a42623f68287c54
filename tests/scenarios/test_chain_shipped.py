"""The chip-stage ledger on the shipped data: what an expert would expect of a Taiwan cut."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators import load, score
from indicators.scenarios import Scenario, score_scenario

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    bundle = load(DATA)
    return bundle, score(bundle)


def _compute_loss(shipped, scenario: Scenario):
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, scenario)
    return (baseline.pillars["compute"] - result.pillars["compute"]).dropna()


def test_cutting_taiwans_fabs_hits_at_least_40_countries(shipped):
    loss = _compute_loss(shipped, Scenario(cut=("TWN",), layers=("chips_fab",)))
    assert (loss >= 1.0).sum() >= 40
    # the largest AI-compute holders, all on TSMC-made NVIDIA/AMD/TPU parts, lose most
    # (since issue 12's log_min transform a small cluster holder's first decade counts too,
    # so e.g. the Emirates and Switzerland lose as many points as Japan: top 10, not top 5)
    assert loss.idxmax() == "USA"
    assert {"JPN", "DEU"} <= set(loss.nlargest(10).index)
    # Taiwan is not cut off from itself
    assert loss["TWN"] == pytest.approx(0.0)


def test_lithography_controls_reach_every_fabricated_chip(shipped):
    bundle, _ = shipped
    tools = bundle.dependencies[bundle.dependencies["layer"] == "chips_tools"]
    assert not tools.empty
    # ASML: the Netherlands holds most of the world's lithography tool market (CSET/ETO 2025)
    nld = tools[(tools["supplier"] == "NLD") & (tools["iso3"] != "NLD")]["share"]
    assert nld.between(0.75, 0.85).all()
    loss = _compute_loss(shipped, Scenario(cut=("NLD",), layers=("chips_tools",)))
    assert (loss >= 1.0).sum() >= 30
    assert loss["NLD"] == pytest.approx(0.0)
