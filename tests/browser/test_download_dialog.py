"""One download dialog per figure (issue 11, "what people expect"): PNG, SVG and the data as
CSV with its citation, in one place under the figure. Before, a figure had a "Save as SVG"
button, PNG hid behind plotly's camera icon and its data had no download of its own."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from indicators import load, score

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def reference():
    return score(load(SHIPPED))


def _dialog(page: Page, figure: str):
    block = page.locator(f"{figure}").locator("xpath=ancestor-or-self::figure[1]")
    return block.locator("details.download-dialog")


def test_chart_dialog_saves_png_svg_and_csv_with_citation(page: Page, live_server,
                                                          console_errors, reference):
    page.goto(live_server + "/?tab=chart")
    expect(page.locator("#ov-chart .main-svg").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Save as SVG").count() == 0
    assert page.locator("#ov-chart .modebar-btn[data-title*='png' i]").count() == 0
    dialog = _dialog(page, "#ov-chart")
    assert dialog.count() == 1
    dialog.get_by_text("Download this figure").click()
    for label, suffix in (("PNG image", ".png"), ("SVG image", ".svg")):
        with page.expect_download() as info:
            dialog.get_by_role("button", name=label).click()
        assert info.value.suggested_filename == f"sovai-top-overall-{reference.year}{suffix}"
    with page.expect_download() as info:
        dialog.get_by_role("button", name="CSV data with citation (zip)").click()
    assert info.value.suggested_filename == f"sovai-top-overall-{reference.year}.zip"
    archive = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    rows = list(csv.DictReader(io.StringIO(archive.read("data.csv").decode("utf-8"))))
    top = reference.table().head(25)
    assert [r["name"] for r in rows] == top["name"].tolist()
    assert [float(r["overall"]) for r in rows] == pytest.approx(top["overall"].tolist(), abs=0.05)
    readme = archive.read("README.txt").decode("utf-8")
    assert "Cite as:" in readme and f"scores for {reference.year}" in readme
    assert f"{live_server}/?tab=chart" in readme
    assert console_errors == []


def test_map_dialog_from_the_keyboard(page: Page, live_server, console_errors):
    page.goto(live_server + "/country/KOR?tab=map")
    expect(page.locator("#cty-map .choroplethlocation").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    summary = _dialog(page, "#cty-map").locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    svg = _dialog(page, "#cty-map").get_by_role("button", name="SVG image")
    expect(svg).to_be_visible()
    svg.focus()
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".svg")
    assert console_errors == []


def test_one_dialog_per_figure(page: Page, live_server):
    page.goto(live_server + "/compare?countries=KOR,JPN,FRA")
    expect(page.locator("#cmp-pillars .main-svg").first).to_be_visible()
    assert page.locator("figure.chart-block").count() == 2
    assert page.locator("figure.chart-block details.download-dialog").count() == 2


def test_the_dialog_shows_the_citation_the_zip_carries(page: Page, live_server, console_errors,
                                                       reference):
    """Issue 11: a journalist copies the citation from the page; it is the README's line (the
    view's link included) and the sources with their licences. Before, it was only inside the
    zip."""
    page.goto(live_server + "/?tab=chart&measure=compute")
    expect(page.locator("#ov-chart .main-svg").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    dialog = _dialog(page, "#ov-chart")
    dialog.get_by_text("Download this figure").click()
    shown = dialog.locator(".citation-text")
    expect(shown).to_be_visible()
    expect(shown).to_contain_text(f"{live_server}/?tab=chart&measure=compute")
    with page.expect_download() as info:
        dialog.get_by_role("button", name="CSV data with citation (zip)").click()
    readme = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes())).read(
        "README.txt").decode("utf-8").splitlines()
    line = readme[readme.index("Cite as:") + 1]
    assert f"scores for {reference.year}" in line
    text = shown.inner_text()
    assert line in text.replace("\n", " ")
    for source in readme[readme.index("Sources and licences:") + 1:]:
        if source.strip():
            assert source.strip() in text, source
    copy = dialog.get_by_role("button", name="Copy the citation")
    copy.focus()
    page.keyboard.press("Enter")  # from the keyboard; loopback is a secure context
    expect(dialog.get_by_role("button", name="Copied")).to_be_visible()
    assert console_errors == []
