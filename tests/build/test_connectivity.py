"""The data pillar's submarine-cable indicator on fixture cables (issue 14 item 4)."""

from __future__ import annotations

import json
from pathlib import Path

from build_helpers import context, value

from indicators.importers import data
from indicators.importers.connectivity import international_cables


def _cable(folder: Path, cable_id: str, points: list[tuple[str, str]],
           planned: bool = False) -> None:
    doc = {"id": cable_id, "name": cable_id, "suppliers": "", "is_planned": planned,
           "landing_points": [{"id": pid, "name": pid, "country": country}
                              for pid, country in points]}
    (folder / f"{cable_id}.json").write_text(json.dumps(doc), encoding="utf-8")


def test_counts_international_cables_once_per_country(sources: Path) -> None:
    folder = sources / "submarine-cables" / "cable"
    # the map files Hong Kong's stations under China: Chung Hom Kok counts for HKG
    _cable(folder, "hk-taiwan", [("chung-hom-kok-china", "China"), ("t1", "Taiwan")])
    # two landings in one country: domestic, not international
    _cable(folder, "domestic", [("n1", "Namibia"), ("n2", "Namibia")])
    # a cable landing twice in the United States and once in France counts once for each
    _cable(folder, "loop", [("u1", "United States"), ("u2", "United States"),
                            ("f1", "France")])
    ctx = context(sources)
    cables = international_cables(ctx.sources, ctx.names).assign(indicator="submarine_cables")
    # fixture: Atlantic (USA, FRA, Guam), Pacific (USA, TWN, CHN), Planned (NAM, FRA: left out)
    assert value(cables, "USA", "submarine_cables", 2023) == 3  # Atlantic, Pacific, loop
    assert value(cables, "FRA", "submarine_cables", 2023) == 2  # Atlantic, loop; not planned
    assert value(cables, "TWN", "submarine_cables", 2023) == 2  # Pacific, hk-taiwan
    assert value(cables, "CHN", "submarine_cables", 2023) == 1  # Pacific only
    assert value(cables, "HKG", "submarine_cables", 2023) == 1
    assert value(cables, "NAM", "submarine_cables", 2023) == 0  # lands, but only domestically
    # no landing point at all (Kosovo): missing, not 0; territories (Guam) are not countries
    assert set(cables["iso3"]) == {"USA", "FRA", "TWN", "CHN", "HKG", "NAM"}


def test_the_indicator_is_in_the_data_pillar_and_internet_users_is_context(
        sources: Path) -> None:
    by_code = {ind.code: ind for ind in data.INDICATORS}
    assert by_code["submarine_cables"].pillar == "data"
    assert by_code["submarine_cables"].denominator == ""  # redundancy is not per person
    assert by_code["internet_users"].pillar == "context"
    rows = data.load(context(sources))
    assert set(rows.loc[rows["indicator"] == "submarine_cables", "source_id"]) == {
        "submarine_cable_map"}
