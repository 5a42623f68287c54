"""The Data page in a real browser: upload → preview → Apply → history → Roll back, and refusals."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from dashboard import security

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def data_page_app(data_dir: Path, **config: object):
    """Return a new app of the whole dashboard serving ``data_dir``, with ``config`` set."""
    from dashboard.app import create_app

    app = create_app(data_dir=data_dir)
    app.server.config.update(config)
    return app


@pytest.fixture(scope="module")
def data_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object]]:
    """Return (URL, Flask server) of one app for the module; a test points it at its data copy."""
    app = data_page_app(tmp_path_factory.mktemp("unused"))
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", app.server
    server.shutdown()


def open_data_page(page: Page, data_page: tuple[str, object], data_dir: Path) -> None:
    """Point the app at ``data_dir`` and open its Data page."""
    url, flask_app = data_page
    flask_app.config["SOVAI_DATA_DIR"] = str(data_dir.resolve())  # type: ignore[attr-defined]
    page.goto(url + "/data")


def tree_hash(folder: Path) -> str:
    """Return one hash of every file's path and bytes under ``folder``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


NEW_MAIN = (MINI / "values" / "main.csv").read_bytes().replace(
    b"AAA,d1,2024,10,", b"AAA,d1,2024,60,").replace(
    b"BBB,d1,2024,20,fixture,", b"BBB,d1,2024,20,fixture,<b>bold</b>")


def test_upload_preview_apply_rollback(page: Page, data_page, mini_copy, console_errors,
                                      choose):
    """A valid upload shows its diff and movers before writing; Apply writes; Roll back restores."""
    target = mini_copy / "values" / "main.csv"
    original = target.read_bytes()
    open_data_page(page, data_page, mini_copy)
    expect(page.get_by_text("All files are valid.")).to_be_visible()
    page.set_input_files("#data-upload input[type=file]", files=[
        {"name": "main.csv", "mimeType": "text/csv", "buffer": NEW_MAIN}])
    expect(page.locator("#preview-status")).to_contain_text("Valid.")
    expect(page.locator(".diff-summary")).to_have_text(
        "values/main.csv: 0 row(s) added, 2 changed, 0 removed")
    expect(page.locator("#data-preview").get_by_text("<b>bold</b>")).to_be_visible()
    expect(page.locator("#data-preview b")).to_have_count(0)  # data is text, never HTML
    # A's d1 goes from 10 to 60, above every other country: A gains on the data pillar.
    expect(page.locator("#preview-movers tbody tr").first).to_contain_text("AAA")
    assert target.read_bytes() == original  # nothing written before Apply
    page.fill("#data-note", "corrected from the source")
    page.click("#data-apply")
    expect(page.locator("#data-message")).to_contain_text("Applied values/main.csv as version 1")
    assert target.read_bytes() == NEW_MAIN
    expect(page.locator("#history tbody tr")).to_have_count(1)
    expect(page.locator("#history")).to_contain_text("corrected from the source")
    # the edited cells are listed as kept over a rebuild, each with its update (issue 10 part 5)
    expect(page.locator("#data-overrides")).to_contain_text("AAA / d1 / 2024")
    expect(page.locator("#data-overrides")).to_contain_text("BBB / d1 / 2024")

    choose(page, page.locator("#data-version"), "0: before the first recorded update")
    page.click("#data-view")
    expect(page.locator("#data-entry")).to_contain_text("update 0 is the data before")
    page.once("dialog", lambda dialog: dialog.accept())  # rolling back asks first
    page.get_by_role("button", name="Roll back to this version").click()
    expect(page.locator("#data-message")).to_contain_text("Rolled back to version 0")
    assert target.read_bytes() == original
    expect(page.locator("#history tbody tr")).to_have_count(2)
    expect(page.locator("#data-overrides")).to_contain_text("No applied edit is kept")
    assert console_errors == []


def test_invalid_upload_lists_problems_and_writes_nothing(page: Page, data_page, mini_copy,
                                                          console_errors):
    """Every problem is listed with line and column; names are text; disk is untouched."""
    before = tree_hash(mini_copy)
    bad = b"iso3,indicator,year,value,source_id,note\nAAA,d1,2024,n/a,fixture,<b>bold</b>\n" \
          b"XXX,d1,2024,5,fixture,\n"
    open_data_page(page, data_page, mini_copy)
    page.set_input_files("#data-upload input[type=file]", files=[
        {"name": "main.csv", "mimeType": "text/csv", "buffer": bad}])
    expect(page.locator("#preview-status")).to_contain_text("problem(s): nothing can be applied")
    problems = page.locator("#preview-problems tbody tr")
    expect(problems.filter(has_text="'n/a' is not a number")).to_contain_text("value")
    expect(problems.filter(has_text="'XXX' is not in countries.csv")).to_contain_text("3")
    expect(page.locator("#data-apply")).to_be_disabled()
    big = b"x" * (5 * 1024 * 1024)
    page.set_input_files("#data-upload input[type=file]", files=[
        {"name": "main.csv", "mimeType": "text/csv", "buffer": big}])
    expect(page.locator("#data-upload-error")).to_contain_text("the limit is 4 MB")
    assert tree_hash(mini_copy) == before
    assert console_errors == []


def test_writes_need_loopback_or_the_token(page: Page, data_page, mini_copy, console_errors):
    """Seen from another address, Apply is refused until the write token is typed; CSRF holds."""
    url, flask_app = data_page
    served = flask_app.config[security.SETTINGS_KEY]
    flask_app.config[security.SETTINGS_KEY] = served.with_changes(trust_loopback=False,
                                                                  write_token="let-me-write")
    try:
        target = mini_copy / "values" / "main.csv"
        original = target.read_bytes()
        open_data_page(page, data_page, mini_copy)
        page.set_input_files("#data-upload input[type=file]", files=[
            {"name": "main.csv", "mimeType": "text/csv", "buffer": NEW_MAIN}])
        expect(page.locator("#preview-status")).to_contain_text("Valid.")
        page.click("#data-apply")
        expect(page.locator("#data-message")).to_contain_text("enter the write token")
        assert target.read_bytes() == original
        page.fill("#data-token", "let-me-write")
        page.click("#data-apply")
        expect(page.locator("#data-message")).to_contain_text("Applied values/main.csv")
        assert target.read_bytes() == NEW_MAIN
        # A POST with the browser's cookies but without the X-CSRFToken header is refused.
        response = page.request.post(url + "/_dash-update-component", data="{}",
                                     headers={"Content-Type": "application/json"})
        assert response.status == 400 and "refused" in response.text()
    finally:
        flask_app.config[security.SETTINGS_KEY] = served
    assert console_errors == []


def test_target_is_chosen_per_upload_and_pasted_rows_replace(page: Page, data_page, mini_copy,
                                                             console_errors, choose):
    """Issue 11 #4: a file named like no data file asks for its target, and choosing it checks
    the same upload again; the next upload takes its own name's target, not the one chosen
    before; the same file chosen twice is checked twice; a pasted row replaces its value."""
    more = (mini_copy / "values" / "more.csv").read_bytes()
    renamed = {"name": "corrections.csv", "mimeType": "text/csv", "buffer": NEW_MAIN}
    open_data_page(page, data_page, mini_copy)
    page.set_input_files("#data-upload input[type=file]", files=[renamed])
    expect(page.locator("#data-preview")).to_contain_text("name the target explicitly")
    choose(page, page.locator("#data-target"), "values/main.csv")
    expect(page.locator("#preview-status")).to_contain_text("Valid. Applying it changes "
                                                            "values/main.csv")
    # the same file again is a new upload, checked again against the chosen target
    with page.expect_response(lambda r: "_dash-update-component" in r.url
                              and "data-preview" in (r.request.post_data or "")):
        page.set_input_files("#data-upload input[type=file]", files=[renamed])
    expect(page.locator("#preview-status")).to_contain_text("values/main.csv")
    # a file named after a data file goes to that file, whatever was chosen for the last one
    page.set_input_files("#data-upload input[type=file]", files=[
        {"name": "more.csv", "mimeType": "text/csv", "buffer": more}])
    expect(page.locator("#data-preview")).to_contain_text("values/more.csv")
    expect(page.locator("#data-preview")).not_to_contain_text("problem(s)")
    # one corrected row pasted: the value changes, no duplicate is added
    page.fill("#data-paste", "AAA,d1,2024,11,fixture,")
    page.click("#data-preview-paste")
    expect(page.locator(".diff-summary")).to_have_text(
        "values/main.csv: 0 row(s) added, 1 changed, 0 removed")
    page.fill("#data-note", "typo in AAA")
    page.click("#data-apply")
    expect(page.locator("#data-message")).to_contain_text("Applied values/main.csv")
    expect(page.locator("#data-note")).to_have_value("")  # not repeated on the next entry
    assert b"AAA,d1,2024,11,fixture," in (mini_copy / "values" / "main.csv").read_bytes()
    expect(page.locator("#history table th").first).to_have_text("Version")
    assert console_errors == []
