"""The upload path's plain functions: pasted rows, and the pending update kept between steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.views.upload import decode_pending, encode_pending, pasted_content
from indicators.updates import UpdateError, preview

HEADER = "iso3,indicator,year,value,source_id,note"


class TestPaste:
    """Rows without the header are appended to the target; with the header they replace it."""

    def test_rows_are_appended(self, mini_copy: Path) -> None:
        current = (mini_copy / "values" / "main.csv").read_bytes()
        content = pasted_content(mini_copy, "values/main.csv", "AAA,d1,2023,9,fixture,\r\n")
        assert content == current + b"AAA,d1,2023,9,fixture,\n"
        result = preview(mini_copy, "values/main.csv", content)
        assert result.ok and result.diff is not None and len(result.diff.added) == 1

    def test_header_replaces(self, mini_copy: Path) -> None:
        text = f"{HEADER}\nAAA,d1,2024,10,fixture,\n"
        assert pasted_content(mini_copy, "values/new.csv", text) == text.encode()

    def test_row_with_an_existing_key_replaces_it(self, mini_copy: Path) -> None:
        """Pasting a corrected row (same country, indicator, year) changes that value in place
        (issue 11 #4: it used to be appended as a duplicate, which validation refused)."""
        current = (mini_copy / "values" / "main.csv").read_text()
        content = pasted_content(mini_copy, "values/main.csv", "AAA,d1,2024,11,fixture,")
        assert content.decode() == current.replace("AAA,d1,2024,10,fixture,",
                                                   "AAA,d1,2024,11,fixture,")
        result = preview(mini_copy, "values/main.csv", content)
        assert result.ok and result.diff is not None
        assert (len(result.diff.added), len(result.diff.changed)) == (0, 1)

    def test_pasted_rows_replace_and_add_in_one_go(self, mini_copy: Path) -> None:
        current = (mini_copy / "values" / "main.csv").read_text()
        content = pasted_content(mini_copy, "values/main.csv",
                                 "BBB,d1,2024,21,fixture,\nAAA,d1,2023,9,fixture,")
        assert content.decode() == current.replace("BBB,d1,2024,20,fixture,",
                                                   "BBB,d1,2024,21,fixture,") \
            + "AAA,d1,2023,9,fixture,\n"

    @pytest.mark.parametrize(("target", "text", "phrase"), [
        ("values/main.csv", "  \n", "nothing was pasted"),
        ("values/new.csv", "AAA,d1,2024,10,fixture,", "does not exist yet: paste its header"),
        ("../main.csv", "AAA,d1,2024,10,fixture,", "not a file of the data directory"),
    ])
    def test_refused(self, mini_copy: Path, target: str, text: str, phrase: str) -> None:
        with pytest.raises(UpdateError, match=phrase):
            pasted_content(mini_copy, target, text)


class TestPending:
    """What travels between Preview and Apply comes back intact, or is refused."""

    def test_round_trip(self, mini_copy: Path) -> None:
        content = (mini_copy / "values" / "main.csv").read_bytes() + b"AAA,d1,2023,9,fixture,\n"
        result = preview(mini_copy, "values/main.csv", content)
        assert decode_pending(encode_pending(result)) == (
            "values/main.csv", content, result.version_before)

    @pytest.mark.parametrize("pending", [None, {}, {"target": "values/main.csv",
                                                    "content": "@@"},
                                         {"target": "../x.csv", "content": ""}])
    def test_refused(self, pending: dict[str, str] | None) -> None:
        with pytest.raises(UpdateError):
            decode_pending(pending)
