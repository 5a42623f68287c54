"""GitHub counts placed in the Holy See (an enclave of Rome with 1,000 residents) are not
national figures: the build leaves them out, and nothing else."""

from __future__ import annotations

from pathlib import Path

from indicators.build.names import NameTable
from indicators.build.readers import GITHUB_NOT_NATIONAL, read_github


def test_the_holy_see_is_left_out_and_other_economies_kept(tmp_path: Path) -> None:
    folder = tmp_path / "github-innovation-graph"
    folder.mkdir()
    (folder / "repositories.csv").write_text(
        "repositories,iso2_code,year,quarter\n"
        "859,VA,2024,4\n"
        "120,SM,2024,4\n"
        "5000,IT,2024,3\n5100,IT,2024,4\n")
    names = NameTable({"VAT": "Holy See", "SMR": "San Marino", "ITA": "Italy"}, [],
                      {"VA": "VAT", "SM": "SMR", "IT": "ITA"})
    frame = read_github(tmp_path, "repositories", names)
    assert "VAT" in GITHUB_NOT_NATIONAL
    assert sorted(frame["iso3"]) == ["ITA", "SMR"]
    assert frame.set_index("iso3").at["ITA", "value"] == 5100  # the year's last quarter
