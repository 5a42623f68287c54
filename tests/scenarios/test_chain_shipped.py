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


#: Countries with a chip stock that a cut of Taiwan's fabs cannot reach in the ledger, and why.
NOT_REACHED_BY_TAIWAN = {
    "TWN": "its own fabs: never cut off from itself",
    "CHN": "Epoch lists its clusters as Anonymized; its TOP500 Rmax is Sunway, LX2 and other "
           "Chinese processors of undisclosed foundries, and Intel Xeon",
    "HKG": "its one listed cluster is an 'Anonymized Chinese System' (Epoch)",
    "IRL": "TOP500 Intel Xeon CPUs only: Intel's own fabs, country not given",
    "MAR": "TOP500 Intel Xeon CPUs only",
}


def _stocked(shipped) -> set[str]:
    """Countries with a positive GPU-cluster H100e or TOP500 Rmax (what the chips layer cuts)."""
    _, baseline = shipped
    raw = baseline.raw[["gpu_cluster_h100e", "top500_rmax"]].fillna(0.0)
    return set(raw.index[(raw > 0).any(axis=1)])


def test_cutting_taiwans_fabs_hits_at_least_40_countries(shipped):
    loss = _compute_loss(shipped, Scenario(cut=("TWN",), layers=("chips_fab",)))
    assert (loss >= 1.0).sum() >= 40
    # the margin, explained: every country with a chip stock loses at least a point, except
    # those whose chips the ledger cannot place in Taiwan (48 stocked in 2026: 43 hit)
    stocked = _stocked(shipped)
    missed = stocked - set(loss.index[loss >= 1.0])
    assert missed <= set(NOT_REACHED_BY_TAIWAN), sorted(missed)
    assert len(stocked) - len(NOT_REACHED_BY_TAIWAN) >= 40
    # CPU-only systems count too: AMD EPYC since Zen 2 has TSMC compute dies (Bulgaria's
    # TOP500 system is EPYC 7H12 only)
    assert loss["BGR"] >= 1.0
    # the largest AI-compute holders, all on TSMC-made NVIDIA/AMD/TPU parts, lose most
    # (since issue 12's log_min transform a small cluster holder's first decade counts too,
    # so e.g. the Emirates and Switzerland lose as many points as Japan: top 10, not top 5)
    # (since issue 12's A11 fix a listed GPU stock scores no worse than being unlisted, so a
    # cut takes at most what the stock added above the country's other compute indicators:
    # the largest holders, strong on every indicator, lose ten-odd points, not the most)
    assert (loss[["USA", "JPN", "DEU"]] >= 10.0).all()
    # Taiwan is not cut off from itself
    assert loss["TWN"] == pytest.approx(0.0)


def test_lithography_controls_reach_every_fabricated_chip(shipped):
    bundle, _ = shipped
    tools = bundle.dependencies[bundle.dependencies["layer"] == "chips_tools_lithography"]
    assert not tools.empty
    # ASML: the Netherlands holds most of the world's lithography tool market (CSET/ETO 2025)
    nld = tools[(tools["supplier"] == "NLD") & (tools["iso3"] != "NLD")]["share"]
    assert nld.between(0.75, 0.85).all()
    loss = _compute_loss(shipped, Scenario(cut=("NLD",), layers=("chips_tools",)))
    assert (loss >= 1.0).sum() >= 30
    assert loss["NLD"] == pytest.approx(0.0)


def _tool_share(bundle, iso3: str, supplier: str) -> float:
    """The weakest link by hand: the largest share ``supplier`` holds of any tool category
    in ``iso3``'s latest ledger year."""
    deps = bundle.dependencies
    rows = deps[(deps["iso3"] == iso3) & deps["layer"].str.startswith("chips_tools_")]
    rows = rows[rows["year"] == rows["year"].max()]
    return float(rows[rows["supplier"] == supplier].groupby("layer")["share"].sum().max())


@pytest.mark.parametrize(("supplier", "binding", "share"), [
    ("USA", "ion implanters", 0.847),       # Applied Materials, Axcelis
    ("JPN", "resist processing", 0.952),    # Tokyo Electron
    ("NLD", "lithography", 0.814),          # ASML
])
def test_a_tools_cut_loses_the_weakest_category(shipped, supplier, binding, share):
    bundle, baseline = shipped
    result = score_scenario(bundle, baseline, Scenario(cut=(supplier,), layers=("chips_tools",)))
    by_hand = _tool_share(bundle, "DEU", supplier)
    assert by_hand == pytest.approx(share, abs=0.002), binding
    # not the sum over the eight categories, which would exceed 1
    assert result.cut.share.loc["DEU", "gpu_cluster_h100e"] == pytest.approx(by_hand)
    loss = (baseline.pillars["compute"] - result.pillars["compute"]).dropna()
    assert (loss >= 1.0).sum() >= 30
    assert loss[supplier] == pytest.approx(0.0)


def test_the_ends_of_the_energy_list(shipped):
    """WDI net energy imports (docs/scenarios.md, Energy): the ends an expert would expect."""
    bundle, _ = shipped
    deps = bundle.dependencies
    rows = deps[(deps["layer"] == "energy") & (deps["supplier"] == deps["iso3"])]
    latest = rows[rows["year"] == rows.groupby("iso3")["year"].transform("max")]
    domestic = latest.set_index("iso3")["share"]
    # net exporters produce all they use
    for iso3 in ("NOR", "PRY", "QAT", "SAU", "RUS", "USA"):
        assert domestic[iso3] == pytest.approx(1.0), iso3
    # city states and islands import (nearly) everything
    for iso3 in ("HKG", "LUX", "SGP", "MLT"):
        assert domestic[iso3] <= 0.05, iso3
    assert domestic["JPN"] < 0.2 and domestic["KOR"] < 0.2
    assert domestic.between(0.0, 1.0).all()
    assert "TWN" not in domestic.index       # WDI has no Taiwan; Ember's snapshot no imports
