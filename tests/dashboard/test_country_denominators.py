"""A country page says when its GDP denominator is another measure (audit 3 A9).

Taiwan's, North Korea's and the Holy See's ``gdp_usd`` is CLDR's 2020 GDP at PPP (WDI has no
series, and no nominal source is in ../shared/sources), while every other country's is WDI
current US$; their intensity-view per-GDP scores are divided by it. Expectations come from the
CSV files read here, not from the function under test.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from indicators import load
from indicators.denominators import denominator_notes

DATA = Path(__file__).resolve().parents[2] / "data"


def _per_gdp_indicators() -> int:
    with (DATA / "indicators.csv").open(encoding="utf-8") as f:
        return sum(1 for r in csv.DictReader(f)
                   if r["denominator"] == "gdp_usd" and r["pillar"] != "context")


@pytest.fixture(scope="module")
def bundle():
    return load(DATA)


@pytest.mark.parametrize("iso3", ["TWN", "PRK", "VAT"])
def test_ppp_gdp_is_named(bundle, iso3):
    notes = denominator_notes(bundle, iso3, 2026)
    assert len(notes) == 1, notes  # GDP only: CLDR's population counts the same people
    assert "GDP at PPP" in notes[0] and "CLDR" in notes[0]
    assert f"the denominator of {_per_gdp_indicators()} per-GDP scores" in notes[0]


@pytest.mark.parametrize("iso3", ["DEU", "KOR", "USA"])
def test_wdi_gdp_needs_no_note(bundle, iso3):
    assert denominator_notes(bundle, iso3, 2026) == []


def test_the_country_page_shows_it():
    from dashboard.app import create_app

    app = create_app(data_dir=DATA)
    client = app.server.test_client()
    client.get("/")

    def page(iso3: str) -> str:
        response = client.get(f"{app.config.requests_pathname_prefix}_dash-layout",
                              headers={"Referer": f"http://localhost/country/{iso3}"})
        assert response.status_code == 200
        return json.dumps(json.loads(response.data), ensure_ascii=False)

    taiwan = page("TWN")
    assert "cty-denominator-0" in taiwan and "GDP at PPP" in taiwan
    assert "cty-denominator-0" not in page("DEU")
