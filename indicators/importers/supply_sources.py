"""sources.csv rows of the supply-chain ledger layers (chip stages, cables)."""

from __future__ import annotations

from typing import Final

SUPPLY_CHAIN_SOURCES: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    ("cset_eto_chip_supply_chain", "Georgetown CSET, Emerging Technology Observatory",
     "Advanced Semiconductor Supply Chain dataset (eto-chip-explorer, commit 46e0106)",
     "https://eto.tech/dataset-docs/chipexplorer", "CC BY-NC 4.0", "2026-08-14"),
    ("submarine_cable_map", "Steve Song (fork of TeleGeography's map, late 2022)",
     "Open Undersea Cable Map (cables, landing points, suppliers; commit e790349)",
     "https://github.com/stevesong/open_undersea_cable_map", "CC BY-NC-SA 3.0", "2023-10-23"),
)
