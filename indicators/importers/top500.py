"""TOP500 lists (``top500/TOP500_YYYYMM.xlsx``): one row per system of each year's latest list.

Used by the compute pillar (``top500_rmax``, ``top500_systems``) and by the chips layers of
dependencies.csv.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from indicators.build.errors import BuildError
from indicators.build.names import NameTable
from indicators.importers.chips import top500_designer

_TOP500_FILE = re.compile(r"TOP500_(\d{4})(\d{2})\.xlsx$")


def read_top500(sources: Path, names: NameTable) -> pd.DataFrame:
    """Return one row per system of each year's latest list: year, list, iso3, rmax, chip_home,
    chip.

    ``chip`` is the accelerator's name, or the processor's when there is no accelerator.
    """
    files = sorted((sources / "top500").glob("TOP500_*.xlsx"))
    if not files:
        raise BuildError(f"no TOP500_YYYYMM.xlsx files in {sources / 'top500'}")
    latest: dict[int, Path] = {}
    for path in files:
        match = _TOP500_FILE.search(path.name)
        if match is None:
            raise BuildError(f"top500/{path.name}: name is not TOP500_YYYYMM.xlsx")
        latest[int(match.group(1))] = path  # sorted, so the later month wins
    rows: list[dict[str, object]] = []
    for year, path in sorted(latest.items()):
        label = f"top500/{path.name}"
        edition = path.stem.split("_")[1]
        for rec in _xlsx_records(path):
            iso3 = names.name(str(rec["Country"]), label)
            if iso3 is None:
                continue
            accel = _text(rec.get("Accelerator/Co-Processor"))
            rows.append({
                "year": year, "list": f"{edition[:4]}-{edition[4:]}", "iso3": iso3,
                "rmax": float(rec["Rmax [TFlop/s]"]),  # type: ignore[arg-type]
                "chip_home": top500_designer(accel, _text(rec.get("Processor")), label),
                "chip": accel or _text(rec.get("Processor")),
            })
    return pd.DataFrame(rows, columns=["year", "list", "iso3", "rmax", "chip_home", "chip"])


def _text(cell: object) -> str:
    """Return a cell as stripped text; empty cells and the literal "None" become ""."""
    text = "" if cell is None else str(cell).strip()
    return "" if text == "None" else text


def _xlsx_records(path: Path) -> list[dict[str, object]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [str(h) for h in next(values)]
        return [dict(zip(header, row, strict=False)) for row in values
                if any(v is not None for v in row)]
    finally:
        book.close()
