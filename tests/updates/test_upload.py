"""The upload path's plain functions: pasted rows, and the pending update kept between steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.components.upload import decode_pending, encode_pending, pasted_content
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

    def test_repeated_row_is_a_duplicate(self, mini_copy: Path) -> None:
        content = pasted_content(mini_copy, "values/main.csv", "AAA,d1,2024,11,fixture,")
        messages = [str(p) for p in preview(mini_copy, "values/main.csv", content).errors]
        assert any("AAA d1 2024 is already given at values/main.csv:2" in m for m in messages)

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
