"""`sovai scenario`: the table's columns, presets, and exit codes for bad usage and bad data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from indicators.cli import main

CUT_DIR = Path(__file__).parent / "fixtures" / "cut"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["scenario", "--data-dir", str(CUT_DIR), *args])
    out, err = capsys.readouterr()
    return code, out, err


class TestScenarioCommand:
    """Columns and values of the scenario table."""

    def test_csv_columns_and_hand_computed_row(self, capsys):
        code, out, _ = run(capsys, "--cut", "DDD", "--layers", "chips", "--severity", "1.0",
                           "--format", "csv")
        assert code == 0
        rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
        assert list(next(iter(rows.values())))[:6] == ["iso3", "name", "overall",
                                                       "overall_floor", "rank", "rank_floor"]
        assert list(next(iter(rows.values())))[6:8] == ["data", "data_floor"]
        # CCC's compute falls from 50 to (13.1515 + 50)/2 = 31.58 (see test_scoring)
        assert float(rows["CCC"]["compute"]) == pytest.approx(50.0, abs=1e-4)
        assert float(rows["CCC"]["compute_floor"]) == pytest.approx(31.5758, abs=1e-3)

    def test_preset_and_json_meta(self, capsys):
        code, out, _ = run(capsys, "--preset", "autarky", "--format", "json")
        assert code == 0
        doc = json.loads(out)
        assert doc["scenario"]["cut"] == ["all-foreign"]
        assert {"iso3", "overall_floor", "rank_floor"} <= set(doc["rows"][0])

    def test_explain(self, capsys):
        """The explanation follows the table on stdout (audit 3 B9: `> file` kept only the
        table), is "explanation" in the JSON, and goes to stderr only beside a CSV."""
        sentence = ("If suppliers in Country D cut off their chips supply, Country C's compute "
                    "score would fall from 50 to 32")
        code, out, err = run(capsys, "--cut", "DDD", "--layers", "chips", "--explain", "CCC")
        assert code == 0 and sentence in out and sentence not in err
        assert out.index("iso3") < out.index(sentence)  # after the table
        code, out, err = run(capsys, "--cut", "DDD", "--layers", "chips", "--explain", "CCC",
                             "--format", "json")
        doc = json.loads(out)
        assert doc["explanation"]["iso3"] == "CCC"
        assert any(sentence in p for p in doc["explanation"]["paragraphs"])
        code, out, err = run(capsys, "--cut", "DDD", "--layers", "chips", "--explain", "CCC",
                             "--format", "csv")
        assert sentence in err and sentence not in out


class TestUsageErrors:
    """Bad usage exits 2 with one sentence saying what was expected; never a traceback."""

    @pytest.mark.parametrize(("args", "message"), [
        (("--cut", "ZZZ", "--layers", "chips"), "unknown supplier code(s) ZZZ"),
        (("--cut", "DDD", "--layers", "quantum"), "unknown layer(s) quantum"),
        (("--cut", "DDD", "--severity", "1.5"), "expected a number from 0 to 1"),
        (("--cut", "DDD", "--severity", "-0.1"), "expected a number from 0 to 1"),
        ((), "expected --cut"),
        (("--cut", "DDD", "--explain", "ZZZ"), "unknown country code"),
    ])
    def test_exit_2(self, capsys, args, message):
        code, _, err = run(capsys, *args)
        assert code == 2
        assert message in err and "Traceback" not in err

    def test_invalid_data_exits_1(self, capsys, tmp_path):
        import shutil

        target = tmp_path / "data"
        shutil.copytree(CUT_DIR, target)
        deps = target / "dependencies.csv"
        deps.write_text(deps.read_text().replace("CCC,chips,DDD,2024,0.8",
                                                 "CCC,chips,DDD,2024,lots"))
        code = main(["scenario", "--data-dir", str(target), "--cut", "DDD"])
        err = capsys.readouterr().err
        assert code == 1
        assert "dependencies.csv:7: share:" in err
