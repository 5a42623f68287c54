"""sources.csv rows of the supply-chain ledger layers (accelerator stock, chip stages, cables)."""

from __future__ import annotations

from typing import Final

SUPPLY_CHAIN_SOURCES: Final[tuple[tuple[str, str, str, str, str, str], ...]] = (
    ("ai_accelerator_stock", "Derived from Epoch AI and TOP500.org",
     "AI accelerator stock by chip family, in H100-equivalents (Epoch AI GPU clusters; TOP500 "
     "systems of other chip families; undisclosed chips by the training hardware of Epoch AI's "
     "large-scale models): indicators/importers/accelerator_stock.py",
     "https://epoch.ai/data/gpu-clusters", "CC BY 4.0 (Epoch AI); TOP500: cite TOP500.org",
     "2025-12-17"),
    ("cset_eto_chip_supply_chain", "Georgetown CSET, Emerging Technology Observatory",
     "Advanced Semiconductor Supply Chain dataset (eto-chip-explorer, commit 46e0106)",
     "https://eto.tech/dataset-docs/chipexplorer", "CC BY-NC 4.0", "2026-08-14"),
    ("submarine_cable_map", "Steve Song (fork of TeleGeography's map, late 2022)",
     "Open Undersea Cable Map (cables, landing points, suppliers; commit e790349)",
     "https://github.com/stevesong/open_undersea_cable_map", "CC BY-NC-SA 3.0", "2023-10-23"),
)
