"""The models_ledger.csv importer on the fixture sources (tests/fixtures/sources/epoch-ai)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indicators.build.countries import country_frame, name_table, read_country_codes
from indicators.build.errors import BuildError
from indicators.importers.models_ledger import COLUMNS, model_rows, split_organizations, write
from indicators.scenarios.model_ledger import parse_model_ledger

SOURCES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"


def _names(sources: Path):
    codes = read_country_codes(sources)
    return name_table(codes, country_frame(codes))


def test_rows_from_the_fixture_file():
    rows = {r["model"]: r for r in model_rows(SOURCES, _names(SOURCES))}
    # L4: "Lab One,Lab Two", "United States of America,China", Hosted access (no API)
    assert rows["L4"]["organizations"] == "Lab One;Lab Two"
    assert rows["L4"]["jurisdictions"] == "CHN;USA"
    assert rows["L4"]["access"] == "served"
    assert rows["L1"]["access"] == "served"  # API access
    assert rows["L2"]["access"] == "open"  # Open weights (unrestricted)
    assert rows["L3"]["access"] == "unreleased"
    assert rows["L2"]["parameters"] == "7000000000"
    assert rows["L1"]["parameters"] == ""
    assert rows["L3"]["training_compute_flop"] == "1.5e+23"
    assert [r["model"] for r in model_rows(SOURCES, _names(SOURCES))] == ["L1", "L2", "L3", "L4"]


def test_written_file_reads_back_and_is_stable(tmp_path):
    names = _names(SOURCES)
    write(SOURCES, names, tmp_path / "a")
    write(SOURCES, names, tmp_path / "b")
    first = (tmp_path / "a" / "models_ledger.csv").read_bytes()
    assert first == (tmp_path / "b" / "models_ledger.csv").read_bytes()
    assert first.decode().splitlines()[0] == ",".join(COLUMNS)
    ledger = parse_model_ledger(first, names.iso3s, ["epoch_models"])
    assert list(ledger["model"]) == ["L1", "L2", "L3", "L4"]


def test_company_suffix_stays_with_its_name():
    assert split_organizations("Qilin Hesheng Network Technology Co., Ltd. (APUS)") == [
        "Qilin Hesheng Network Technology Co., Ltd. (APUS)"]
    assert split_organizations("Zhipu AI,Tsinghua University") == ["Zhipu AI",
                                                                   "Tsinghua University"]


def test_missing_column_and_bad_number_stop_the_build(tmp_path):
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    path = target / "epoch-ai" / "large_scale_ai_models.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("3e23", "lots"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"large_scale_ai_models.csv:2: Training compute"):
        model_rows(target, _names(target))
    path.write_text(text.replace(",Parameters", ",Params"), encoding="utf-8")
    with pytest.raises(BuildError, match="missing column"):
        model_rows(target, _names(target))
