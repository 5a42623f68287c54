"""Audit in Chromium: the library's alpha and flags on screen, state in the link, download."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from dashboard.views import audit as view
from indicators import ScoringSpec, load, score
from indicators.audit import audit

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    result = score(load(SHIPPED))
    return result, audit(result)


def test_audit_shows_the_library_numbers(page: Page, live_server, console_errors, shipped):
    result, report = shipped
    page.goto(live_server + "/audit")
    rows = page.locator("#aud-pillars tbody tr")
    expect(rows).to_have_count(4)
    for i, (pillar, alpha) in enumerate(report.pillars["cronbach_alpha"].items()):
        expect(rows.nth(i)).to_contain_text(str(result.pillar_info.at[pillar, "name"]))
        expect(rows.nth(i)).to_contain_text(f"{round(alpha, 3):g}")
    expect(page.locator("#aud-consistency-summary")).to_have_text(
        view.consistency_summary(report, result))
    groups = view.flag_sentences(report)
    expect(page.locator("#aud-flags-outliers li")).to_have_count(len(groups["outliers"]))
    expect(page.locator("#aud-flags-correlations li")).to_have_count(
        len(groups["correlations"]))
    expect(page.locator("#aud-flags-correlations")).to_contain_text(
        "GitHub developers (github_developers) and GitHub organisations")
    expect(page.locator("#aud-statistics tbody tr")).to_have_count(len(result.indicators))
    # both charts: a summary and a table alternative
    expect(page.locator("#aud-heatmap .main-svg").first).to_be_attached()
    expect(page.locator("#aud-weights .main-svg").first).to_be_attached()
    assert page.get_by_text("Show the chart as a table").count() == 2
    assert console_errors == []


def test_state_in_the_link_and_by_the_controls(page: Page, live_server, console_errors,
                                               shipped, choose):
    result, _ = shipped
    page.goto(live_server + "/audit?pillar=models&corr=spearman")
    state = view.AuditState("models", "spearman")
    matrix = view.correlation_matrix(result, state)
    expect(page.locator("figure:has(#aud-heatmap) figcaption")).to_have_text(
        view.heatmap_summary(result, matrix, state))
    expect(page.get_by_role("radio", name="Spearman (ranks)")).to_be_checked()
    # a control writes the link, and the page follows it
    choose(page, page.locator("#aud-pillar"), "Industry")
    expect(page).to_have_url(re.compile(r"pillar=industry"))
    expect(page).to_have_url(re.compile(r"corr=spearman"))
    caption = page.locator("figure:has(#aud-heatmap) figcaption")
    expect(caption).to_contain_text("Industry, Spearman")
    page.get_by_role("radio", name="Intensity (per GDP or person)").check()
    expect(page).to_have_url(re.compile(r"view=intensity"))
    intensity = score(load(SHIPPED), ScoringSpec(view="intensity"))
    report = audit(intensity)
    expect(page.locator("#aud-consistency-summary")).to_have_text(
        view.consistency_summary(report, intensity))
    assert console_errors == []


def test_ranks_under_another_method(page: Page, live_server, console_errors, shipped,
                                    choose):
    result, _ = shipped
    page.goto(live_server + "/audit?vs_agg=copeland")
    copeland = score(load(SHIPPED), ScoringSpec(aggregation="copeland"))
    table, sentence = view.comparison(result, copeland)
    expect(page.locator("#aud-compare-summary")).to_have_text(sentence)
    first = page.locator("#aud-compare tbody tr").first
    expect(first).to_contain_text(str(table.iloc[0]["name"]))
    expect(first).to_contain_text(str(int(table.iloc[0]["rank_b"])))
    choose(page, page.locator("#aud-vs-norm"), "Borda count")
    expect(page).to_have_url(re.compile(r"vs_norm=borda"))
    by_borda = score(load(SHIPPED), ScoringSpec(normalisation="borda", aggregation="copeland"))
    expect(page.locator("#aud-compare-summary")).to_have_text(
        view.comparison(result, by_borda)[1])
    assert console_errors == []


def test_download_has_the_tables_and_the_method(page: Page, live_server, console_errors,
                                                shipped, tmp_path):
    result, report = shipped
    page.goto(live_server + "/audit")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the audit").click()
    path = tmp_path / "audit.zip"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert {"indicators.csv", "pillars.csv", "correlations.csv", "flags.csv",
                "rank_comparison.csv", "metadata.json", "README.txt"} <= set(archive.namelist())
        pillars = pd.read_csv(io.BytesIO(archive.read("pillars.csv")))
        meta = json.loads(archive.read("metadata.json"))
        flags = pd.read_csv(io.BytesIO(archive.read("flags.csv")))
    assert pillars.set_index("pillar")["cronbach_alpha"].to_dict() == pytest.approx(
        report.pillars["cronbach_alpha"].to_dict())
    assert len(flags) == len(report.flags)
    assert meta["scoring_year"] == result.year and meta["method"]["outliers"] == "none"
    assert meta["compared_with"]["aggregation"] == "geometric"
    assert console_errors == []
