"""Malformed files through both doors (CLI and upload): a clear error, disk unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from update_helpers import data_url, tree_hash

from dashboard.views.upload import preview_proposal, propose_upload
from indicators.cli import main
from indicators.updates import UpdateError, apply

HEADER = b"iso3,indicator,year,value,source_id,note\n"
GOOD_ROWS = b"AAA,d1,2024,10,fixture,\nBBB,d1,2024,20,fixture,\n"

#: name -> (bytes of a new values/main.csv, a phrase the error must contain)
BAD: dict[str, tuple[bytes, str]] = {
    "semicolons": (HEADER.replace(b",", b";") + GOOD_ROWS.replace(b",", b";"),
                   "separated by semicolons but must be comma-separated"),
    "latin1": (HEADER + "AAA,d1,2024,10,fixture,Côte d'Ivoire\n".encode("latin-1"),
               "the file is not UTF-8"),
    "thousands": (HEADER + b'AAA,d1,2024,"1,234",fixture,\n',
                  "'1,234' is written with a thousands separator"),
    "n/a": (HEADER + b"AAA,d1,2024,n/a,fixture,\n", "'n/a' is not a number"),
    "inf": (HEADER + b"AAA,d1,2024,inf,fixture,\n", "'inf' is not a finite number"),
    "duplicate": (HEADER + GOOD_ROWS + b"AAA,d1,2024,11,fixture,\n",
                  "AAA d1 2024 is already given at values/main.csv:2"),
    "unknown codes": (HEADER + b"XXX,d1,2024,1,fixture,\nAAA,zz,2024,1,fixture,\n",
                      "'XXX' is not in countries.csv"),
    "missing column": (b"iso3,indicator,year,source_id,note\nAAA,d1,2024,fixture,\n",
                       "missing column value"),
    "empty": (b"", "the file is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
               "the file is binary"),
    "unquoted comma": (HEADER + b"AAA,d1,2024,10,fixture,a note, with a comma\n",
                       "expected 6 fields as in the header, found 7"),
    "very large": (HEADER + b"AAA,d1,2024,10,fixture," + b"x" * (5 * 2**20) + b"\n",
                   "the limit is 4 MB"),
}


@pytest.fixture
def target(mini_copy: Path) -> Path:
    return mini_copy / "values" / "main.csv"


@pytest.mark.parametrize("case", list(BAD))
class TestBadInput:
    """Every malformed file gets a clear error through each door and changes nothing on disk."""

    def test_cli(self, case: str, mini_copy: Path, tmp_path: Path, capsys) -> None:
        """`sovai data apply` prints the problem, exits 1, writes nothing."""
        content, phrase = BAD[case]
        upload = tmp_path / "main.csv"
        upload.write_bytes(content)
        before = tree_hash(mini_copy)
        code = main(["data", "apply", str(upload), "--data-dir", str(mini_copy)])
        _, err = capsys.readouterr()
        assert code == 1
        assert phrase in err and "Traceback" not in err
        assert "nothing was written" in err
        assert tree_hash(mini_copy) == before

    def test_upload(self, case: str, mini_copy: Path) -> None:
        """The upload path previews every problem, and applying it is refused."""
        content, phrase = BAD[case]
        before = tree_hash(mini_copy)
        try:
            proposal = propose_upload(mini_copy, data_url(content), "main.csv")
        except UpdateError as err:  # refused while decoding (the size limit)
            messages = [err.message, *(str(p) for p in err.problems)]
        else:
            result = preview_proposal(mini_copy, proposal)
            assert not result.ok
            messages = [str(p) for p in result.errors]
            with pytest.raises(UpdateError):
                apply(mini_copy, proposal.target, proposal.content, "test")
        assert any(phrase in m for m in messages), messages
        assert tree_hash(mini_copy) == before


class TestAcceptedInput:
    """Spreadsheet exports that are valid are accepted and stored like the shipped files."""

    def test_excel_bom_crlf(self, mini_copy: Path, target: Path, tmp_path: Path, capsys) -> None:
        """Excel's "CSV UTF-8" (BOM + CRLF) applies; the file is stored as UTF-8 without BOM, LF."""
        original = target.read_bytes()
        changed = original.replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,11,")
        upload = tmp_path / "main.csv"
        upload.write_bytes(b"\xef\xbb\xbf" + changed.replace(b"\n", b"\r\n"))
        assert main(["data", "apply", str(upload), "--data-dir", str(mini_copy)]) == 0
        assert target.read_bytes() == changed

    def test_excel_bom_crlf_upload(self, mini_copy: Path, target: Path) -> None:
        """The same file through the upload previews as valid with one changed row."""
        changed = target.read_bytes().replace(b"AAA,d1,2024,10,", b"AAA,d1,2024,11,")
        excel = b"\xef\xbb\xbf" + changed.replace(b"\n", b"\r\n")
        result = preview_proposal(mini_copy, propose_upload(mini_copy, data_url(excel),
                                                            "main.csv"))
        assert result.ok and result.content == changed
        assert result.diff is not None and result.diff.summary() == \
            "values/main.csv: 0 row(s) added, 1 changed, 0 removed"

    def test_formula_text_is_data(self, mini_copy: Path, target: Path) -> None:
        """A note that looks like a formula is valid data (exports neutralise it, not imports)."""
        changed = target.read_bytes().replace(b"AAA,d1,2024,10,fixture,",
                                              b"AAA,d1,2024,10,fixture,=HYPERLINK(\"x\")")
        result = preview_proposal(mini_copy, propose_upload(mini_copy, data_url(changed),
                                                            "main.csv"))
        assert result.ok


class TestBadUploads:
    """Uploads that are not files, or name no contract file, are refused with a sentence."""

    def test_not_a_data_url(self, mini_copy: Path) -> None:
        with pytest.raises(UpdateError, match="could not be read"):
            propose_upload(mini_copy, "hello", "main.csv")

    def test_damaged_base64(self, mini_copy: Path) -> None:
        with pytest.raises(UpdateError, match="damaged"):
            propose_upload(mini_copy, "data:text/csv;base64,@@@", "main.csv")

    def test_unknown_name(self, mini_copy: Path) -> None:
        with pytest.raises(UpdateError, match="does not match a file of the data directory"):
            propose_upload(mini_copy, data_url(HEADER), "main (1).csv")
