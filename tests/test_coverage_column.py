"""`sovai score --coverage` flags ranks that rest on few indicators (issue 12, audit B6/B9);
without the flag the output's columns are unchanged (the contract)."""

from __future__ import annotations

import io

import pandas as pd

from indicators.cli import main
from indicators.contract import PILLAR_CODES

MINI = "tests/fixtures/mini"


def _csv(capsys, *args: str) -> pd.DataFrame:
    assert main(["score", "--data-dir", MINI, "--format", "csv", *args]) == 0
    return pd.read_csv(io.StringIO(capsys.readouterr().out))


def test_coverage_columns_count_the_observed_indicators(capsys):
    plain = _csv(capsys)
    assert list(plain.columns) == ["iso3", "name", "overall", *PILLAR_CODES, "rank"]
    covered = _csv(capsys, "--coverage").set_index("iso3")
    # count each country's observed indicators from the values files: year 2024, window 3
    values = pd.concat([pd.read_csv(f"{MINI}/values/{name}.csv") for name in ("main", "more")])
    indicators = pd.read_csv(f"{MINI}/indicators.csv")
    scored = indicators[indicators["pillar"].isin(PILLAR_CODES)]
    window = values[(values["year"] >= 2021) & (values["year"] <= 2024)
                    & values["indicator"].isin(scored["code"])]
    for iso3, row in covered.iterrows():
        have = set(window[window["iso3"] == iso3]["indicator"])
        assert row["coverage"] == len(have) / len(scored)
        per_pillar = scored.assign(has=scored["code"].isin(have)).groupby("pillar")["has"]
        assert row["thinnest"] == per_pillar.sum().min()
        assert row["low_coverage"] == bool((per_pillar.mean() < 0.5).any())
