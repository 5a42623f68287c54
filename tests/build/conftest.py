"""Fixtures for the build tests: a copy of tests/fixtures/sources plus tiny TOP500 workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"

TOP500_HEADER = ("Rank", "Name", "Country", "Rmax [TFlop/s]", "Processor",
                 "Accelerator/Co-Processor", "Rpeak [TFlop/s]", "Site")

#: file name → (sheet name, rows). 2025 has two lists: only the November one counts.
TOP500_LISTS: dict[str, tuple[str, list[tuple[object, ...]]]] = {
    "TOP500_202506.xlsx": ("65", [
        (1, "old June entry", "United States", 100.0, "AMD EPYC 7763 64C", "NVIDIA A100",
         195.0, "US lab"),
    ]),
    "TOP500_202511.xlsx": ("66", [
        (1, "US GPU", "United States", 1000.0, "Xeon Platinum 8480+", "NVIDIA H100", 1340.0,
         "US lab"),
        (2, "US CPU", "United States", 500.0, "AMD EPYC 9654 96C", "None", 600.0, "US lab"),
        (3, "Taihu", "China", 300.0, "Sunway SW26010 260C", None, 400.0, "Wuxi"),
        (4, "Arm", "France", 200.0, "A64FX 48C 2.2GHz", None, 250.0, "Paris"),
    ]),
    "TOP500_202606.xlsx": ("67", [
        (1, "FR GH", "France", 250.0, "NVIDIA Grace 72C", "NVIDIA GH200 Superchip", 335.0,
         "Paris"),
    ]),
}


def write_top500(folder: Path) -> None:
    """Write the fixture TOP500 workbooks (one sheet named after the edition) into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (sheet, rows) in TOP500_LISTS.items():
        book = Workbook()
        ws = book.active
        assert ws is not None
        ws.title = sheet
        ws.append(TOP500_HEADER)
        for row in rows:
            ws.append(row)
        book.save(folder / name)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """Return a writable copy of the fixture sources folder, TOP500 workbooks included."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURES, target)
    write_top500(target / "top500")
    return target
