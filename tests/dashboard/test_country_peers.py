"""A country is compared with its income group; one the World Bank does not classify, with all."""

from __future__ import annotations

from pathlib import Path

from dashboard.views.country import UNCLASSIFIED, peer_group
from indicators import load

DATA = Path(__file__).resolve().parents[2] / "data"


def test_an_unclassified_country_is_compared_with_every_other_country() -> None:
    bundle = load(DATA)
    unclassified = bundle.countries.index[bundle.countries["income_group"] == UNCLASSIFIED]
    # no World Bank GDP and CLDR's PPP figure too low to classify (Taiwan is High income since
    # issue 12, from CLDR's PPP GDP per capita)
    assert "PRK" in unclassified and "TWN" not in unclassified
    label, peers = peer_group(bundle, "PRK")
    assert label == "all countries"
    assert sorted(peers) == sorted(c for c in bundle.countries.index if c != "PRK")


def test_a_classified_country_is_compared_with_its_income_group_only() -> None:
    bundle = load(DATA)
    group = bundle.countries.at["KOR", "income_group"]
    label, peers = peer_group(bundle, "KOR")
    assert label == f"{group} countries"
    assert "KOR" not in peers
    assert set(bundle.countries.loc[peers, "income_group"]) == {group}
