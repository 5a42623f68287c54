"""Issue 10 part 5: applied edits survive ``sovai build-data``, flagged and attributed.

The edits in effect are written to ``overrides/`` with each edited cell and its update; the
build, after rewriting the derived files, sets them again. A rebuild is simulated on the mini
data by writing the file back as the sources had it; the real one runs on ../shared/sources.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.updates import apply, rollback
from indicators.updates import overrides as ov

MAIN = "values/main.csv"
REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO.parent / "shared" / "sources"


def rows_of(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def cell(data_dir: Path, file: str, iso3: str, indicator: str, year: str,
         column: str = "value") -> str | None:
    for row in rows_of((data_dir / file).read_bytes()):
        if (row["iso3"], row["indicator"], row["year"]) == (iso3, indicator, year):
            return row[column]
    return None


class TestKeptOverARebuild:
    """A rebuild that writes the sources' values back keeps the user's cells and rows."""

    def test_value_note_added_and_removed_rows(self, mini_copy: Path) -> None:
        built = (mini_copy / MAIN).read_bytes()
        edited = (built.replace(b"AAA,d1,2024,10,fixture,", b"AAA,d1,2024,60,fixture,checked")
                  .replace(b"DDD,d1,2024,50,fixture,\n", b"")
                  + b"AAA,d1,2019,5,fixture,added by hand\n")
        entry = apply(mini_copy, MAIN, edited, "cli:ana", "correction from the ministry")
        (mini_copy / MAIN).write_bytes(built)  # the build writes the sources' file again
        lines = ov.reapply(mini_copy)
        assert lines == [f"{MAIN}: 3 edited row(s) kept over the rebuilt data (updates 1)"]
        assert cell(mini_copy, MAIN, "AAA", "d1", "2024") == "60"
        assert cell(mini_copy, MAIN, "AAA", "d1", "2024", "note") == "checked"
        assert cell(mini_copy, MAIN, "AAA", "d1", "2019", "note") == "added by hand"
        assert cell(mini_copy, MAIN, "DDD", "d1", "2024") is None
        assert cell(mini_copy, MAIN, "BBB", "d1", "2024") == "20"  # untouched rows as built
        flagged = {(tuple(o.key), o.row is None): o.cells for o in ov.read(mini_copy)[MAIN]}
        assert flagged == {(("AAA", "d1", "2024"), False): {"value": entry.number,
                                                              "note": entry.number},
                           (("AAA", "d1", "2019"), False): {"*": entry.number},
                           (("DDD", "d1", "2024"), True): {"*": entry.number}}

    def test_only_edited_cells_are_set(self, mini_copy: Path) -> None:
        """A rebuilt value in a column the user did not edit still comes in."""
        built = (mini_copy / MAIN).read_bytes()
        apply(mini_copy, MAIN, built.replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,60,"), "t")
        rebuilt = built.replace(b"AAA,d1,2024,10,fixture,", b"AAA,d1,2024,11,fixture,revised")
        (mini_copy / MAIN).write_bytes(rebuilt)
        ov.reapply(mini_copy)
        assert cell(mini_copy, MAIN, "AAA", "d1", "2024") == "60"
        assert cell(mini_copy, MAIN, "AAA", "d1", "2024", "note") == "revised"

    def test_later_edits_attribute_their_own_cells(self, mini_copy: Path) -> None:
        built = (mini_copy / MAIN).read_bytes()
        first = built.replace(b"AAA,d1,2024,10,fixture,", b"AAA,d1,2024,60,fixture,")
        apply(mini_copy, MAIN, first, "t")
        apply(mini_copy, MAIN, first.replace(b"AAA,d1,2024,60,fixture,",
                                             b"AAA,d1,2024,60,fixture,second look"), "t")
        [override] = ov.read(mini_copy)[MAIN]
        assert override.cells == {"value": 1, "note": 2} and override.update == 2

    def test_rollback_drops_the_override(self, mini_copy: Path) -> None:
        built = (mini_copy / MAIN).read_bytes()
        apply(mini_copy, MAIN, built.replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,60,"), "t")
        apply(mini_copy, MAIN, (mini_copy / MAIN).read_bytes().replace(
            b"BBB,d1,2024,20,", b"BBB,d1,2024,25,"), "t")
        rollback(mini_copy, "1", "t")  # undoes update 2 only
        kept = ov.read(mini_copy)[MAIN]
        assert [(o.key, o.cells) for o in kept] == [(("AAA", "d1", "2024"), {"value": 1})]
        rollback(mini_copy, "0", "t")
        assert ov.read(mini_copy) == {}
        assert not (mini_copy / "overrides" / MAIN).exists()

    def test_edit_that_no_longer_fits_is_reported(self, mini_copy: Path) -> None:
        built = (mini_copy / MAIN).read_bytes()
        apply(mini_copy, MAIN, built + b"AAA,d1,2019,5,fixture,\n", "t")
        (mini_copy / MAIN).write_bytes(built)
        indicators = (mini_copy / "indicators.csv").read_bytes()
        (mini_copy / "indicators.csv").write_bytes(  # the rebuild dropped indicator d1
            b"\n".join(line for line in indicators.split(b"\n") if not line.startswith(b"d1,")))
        [line] = ov.reapply(mini_copy)
        assert "no longer fit the rebuilt data" in line and "left as built" in line

    def test_cli_lists_the_overrides(self, mini_copy: Path, tmp_path: Path, capsys) -> None:
        upload = tmp_path / "main.csv"
        upload.write_bytes((mini_copy / MAIN).read_bytes().replace(b"AAA,d1,2024,10,",
                                                                   b"AAA,d1,2024,60,"))
        assert main(["data", "apply", str(upload), "--data-dir", str(mini_copy)]) == 0
        assert main(["data", "overrides", "--data-dir", str(mini_copy)]) == 0
        out = capsys.readouterr().out
        assert f"{MAIN}: 1 edited row(s)" in out
        assert "AAA/d1/2024: value=60 (update 1, cli:" in out


def test_apply_survives_build_data_from_the_real_sources(tmp_path: Path, capsys) -> None:
    """The issue's check: `sovai data apply`, then `build-data --sources ../shared/sources`."""
    if not SOURCES.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SOURCES} is missing: CI must have the raw sources beside the repo")
        pytest.skip(f"{SOURCES} is not here (only CI and the developer machines have it)")
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data, ignore=shutil.ignore_patterns(".history", "overrides"))
    target = data / "values" / "compute.csv"
    first = rows_of(target.read_bytes())[0]
    key = (first["iso3"], first["indicator"], first["year"])
    edited = str(float(first["value"]) + 7)
    lines = target.read_bytes().split(b"\n")
    head = lines[1].split(b",")
    head[3] = edited.encode()
    upload = tmp_path / "compute.csv"
    upload.write_bytes(b"\n".join([lines[0], b",".join(head), *lines[2:]]))
    assert main(["data", "apply", str(upload), "--data-dir", str(data)]) == 0
    assert main(["build-data", "--sources", str(SOURCES), "--out", str(data)]) == 0
    assert "Kept 1 applied edit(s) of values/compute.csv" in capsys.readouterr().out
    assert cell(data, "values/compute.csv", *key) == edited
    # every other row is exactly what the build writes: rebuild a clean copy to compare
    clean = tmp_path / "clean"
    shutil.copytree(REPO / "data", clean, ignore=shutil.ignore_patterns(".history", "overrides"))
    assert main(["build-data", "--sources", str(SOURCES), "--out", str(clean)]) == 0
    ours = rows_of(target.read_bytes())
    theirs = rows_of((clean / "values" / "compute.csv").read_bytes())
    differing = [a for a, b in zip(ours, theirs, strict=True) if a != b]
    assert [(r["iso3"], r["indicator"], r["year"], r["value"]) for r in differing] == [
        (*key, edited)]
    assert main(["validate", "--data-dir", str(data)]) == 0


def test_data_page_flags_each_kept_cell(mini_copy: Path, tmp_path: Path) -> None:
    """The Data page lists every overridden cell with the update that set it."""
    import json

    from dashboard.serve import build_app
    from dashboard.settings import Settings

    apply(mini_copy, MAIN, (mini_copy / MAIN).read_bytes().replace(b"AAA,d1,2024,10,",
                                                                   b"AAA,d1,2024,60,"), "cli:ana")
    client = build_app(Settings(data_dir=mini_copy, cache_dir=tmp_path / "cache")).server \
        .test_client()
    client.get("/")
    body = {"output": ".._pages_content.children..._pages_store.data..",
            "outputs": [{"id": "_pages_content", "property": "children"},
                        {"id": "_pages_store", "property": "data"}],
            "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/data"},
                       {"id": "_pages_location", "property": "search", "value": ""}],
            "changedPropIds": ["_pages_location.pathname"], "state": []}
    response = client.post("/_dash-update-component", json=body,
                           headers={"X-CSRFToken": client.get_cookie("_csrf_token").value})
    assert response.status_code == 200
    text = json.dumps(response.json)
    assert "Edits kept over rebuilds" in text
    assert '"AAA / d1 / 2024"' in text and '"cli:ana"' in text and '"60"' in text
