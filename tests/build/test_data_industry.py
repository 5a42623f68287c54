"""Data and industry importers on the fixture files."""

from __future__ import annotations

from pathlib import Path

import pytest
from build_helpers import context, value

from indicators.importers import data, industry


def test_web_text_share(sources: Path) -> None:
    values = data.load(context(sources))
    # crawl: 1000 pages, eng 500 (50%), fra 200 (20%), zho 150 (15%), deu 50, unknown 100
    assert value(values, "USA", "web_text_share", 2026) == pytest.approx(0.96 * 50)
    assert value(values, "FRA", "web_text_share", 2026) == pytest.approx(1.0 * 20 + 0.36 * 50)
    # HK: zh_Hant 95% and zh 5% are one language → max 0.95; en 51%
    assert value(values, "HKG", "web_text_share", 2026) == pytest.approx(0.95 * 15 + 0.51 * 50)
    assert value(values, "NAM", "web_text_share", 2026) == pytest.approx(0.07 * 50)
    assert value(values, "PSE", "web_text_share", 2026) == 0.0  # Arabic not in the crawl
    web = values[values["indicator"] == "web_text_share"]
    assert "XKX" not in set(web["iso3"])  # Kosovo is not in the fixture CLDR file: missing


def test_internet_users(sources: Path) -> None:
    values = data.load(context(sources))
    sel = values[values["indicator"] == "internet_users"]
    assert sorted(zip(sel["iso3"], sel["year"], strict=True)) == [
        ("USA", 2019), ("USA", 2022), ("XKX", 2022)]  # 2018 is before 2019; ABW, World dropped


def test_github_year_end_stock(sources: Path) -> None:
    values = industry.load(context(sources))
    assert value(values, "USA", "github_developers", 2020) == 40  # Q4, not Q1's 10
    assert value(values, "NAM", "github_developers", 2020) == 5  # "NA" is Namibia
    assert value(values, "XKX", "github_developers", 2021) == 3
    sel = values[(values["indicator"] == "github_developers") & (values["year"] == 2025)]
    assert sel["note"].tolist() == ["2025Q3"]


def test_ip_receipts_share_needs_both_flows(sources: Path) -> None:
    values = industry.load(context(sources))
    assert value(values, "USA", "ip_receipts_share", 2024) == pytest.approx(100 * 150 / 200)
    assert value(values, "FRA", "ip_receipts_share", 2024) == pytest.approx(100 * 20 / 50)
    sel = values[values["indicator"] == "ip_receipts_share"]
    assert "CHN" not in set(sel["iso3"])  # receipts 2024 but payments only 2023


def test_investment_uses_all_column(sources: Path) -> None:
    values = industry.load(context(sources))
    sel = values[values["indicator"] == "ai_private_investment"]
    assert sel["iso3"].tolist() == ["USA"]  # France has only a projected value
