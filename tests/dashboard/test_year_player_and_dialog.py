"""The year player's steps and a chart's CSV download, without a browser."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd

from dashboard.components.year_player import next_year, start_state
from dashboard.views import downloads


def test_next_year_steps_through_scored_years_and_stops_at_the_last():
    years = [2019, 2020, 2022]
    assert next_year(years, 2019) == 2020
    assert next_year(years, 2020) == 2022  # a year without scores is skipped
    assert next_year(years, 2020.0) == 2022
    assert next_year(years, 2022) is None
    assert start_state(years, 2022) == {"rewind": True}
    assert start_state(years, 2019) == {"rewind": False}


def test_chart_csv_carries_the_link_and_citation_of_the_view():
    meta = {"title": "t", "scoring_year": 2024, "data_version": "abcdef1234567890",
            "sources": [], "link": "", "citation": ""}
    day = dt.date(2026, 12, 1)
    cited = downloads.with_link(meta, "http://host/?tab=chart", day)
    assert cited["link"] == "http://host/?tab=chart"
    from indicators.code_version import method_version

    assert cited["citation"] == ("sovai — Sovereign-AI readiness observatory, scores for 2024 "
                                 f"(data version abcdef123456, method version "
                                 f"{method_version()}). http://host/?tab=chart "
                                 "(accessed 2026-12-01).")
    archive = zipfile.ZipFile(io.BytesIO(downloads.package(
        {"data": pd.DataFrame({"name": ["A"], "overall": [71.25]})}, cited)))
    assert "http://host/?tab=chart" in archive.read("README.txt").decode()
    assert archive.read("data.csv").decode().splitlines()[1] == "A,71.25"
