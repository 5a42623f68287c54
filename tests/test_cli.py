"""The sovai command line: exit codes, FILE:LINE messages, score formats, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class TestValidate:
    """`sovai validate` exits 0 on valid data and 1 with FILE:LINE lines on broken data."""

    def test_valid(self, capsys, mini_dir):
        code, out, err = run(capsys, "validate", "--data-dir", str(mini_dir))
        assert code == 0 and "valid" in out
        assert "warning" in err  # warnings are printed but do not fail

    def test_broken(self, capsys, mini_copy):
        path = mini_copy / "values" / "main.csv"
        path.write_text(path.read_text().replace("AAA,d1,2024,10", "AAA,d1,2024,n/a"))
        code, _, err = run(capsys, "validate", "--data-dir", str(mini_copy))
        assert code == 1
        assert "values/main.csv:2: value: 'n/a' is not a number" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize("command", [["validate"], ["score"], ["scenario", "--cut", "USA"],
                                         ["robustness"], ["data", "history"], ["audit"]])
    def test_not_a_directory_is_one_line_and_a_usage_error(self, capsys, tmp_path, command):
        """A --data-dir that does not exist is a wrong option (exit 2, one line naming it), not
        seven "the file is missing" lines of invalid data."""
        with pytest.raises(SystemExit) as stop:
            main([*command, "--data-dir", str(tmp_path / "nowhere")])
        err = capsys.readouterr().err
        assert stop.value.code == 2
        assert f"{tmp_path / 'nowhere'}: no such directory" in err
        assert "the file is missing" not in err and "Traceback" not in err

    def test_a_file_is_not_a_data_directory(self, capsys, tmp_path):
        (tmp_path / "data.csv").write_text("iso3\n")
        with pytest.raises(SystemExit) as stop:
            main(["validate", "--data-dir", str(tmp_path / "data.csv")])
        assert stop.value.code == 2 and "is a file, not a directory" in capsys.readouterr().err


class TestScore:
    """`sovai score` writes the table in csv, json or text."""

    def test_csv_columns(self, capsys, mini_dir):
        code, out, _ = run(capsys, "score", "--data-dir", str(mini_dir), "--format", "csv")
        assert code == 0
        rows = list(csv.DictReader(io.StringIO(out)))
        assert list(rows[0]) == ["iso3", "name", "overall", "data", "compute", "models",
                                 "industry", "rank"]
        assert [r["iso3"] for r in rows] == ["CCC", "BBB", "AAA", "DDD"]
        assert rows[2]["overall"] == "25.0000" and rows[3]["rank"] == ""

    def test_json_records_spec(self, capsys, mini_dir):
        code, out, _ = run(capsys, "score", "--data-dir", str(mini_dir), "--format", "json",
                           "--view", "intensity")
        doc = json.loads(out)
        assert code == 0 and doc["year"] == 2024 and doc["spec"]["view"] == "intensity"
        assert doc["rows"][0]["iso3"] == "CCC"

    def test_weight_override(self, capsys, mini_dir):
        code, out, _ = run(capsys, "score", "--data-dir", str(mini_dir), "--format", "csv",
                           "--weight", "data=2", "--weight", "d2=1")
        rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
        assert code == 0 and rows["BBB"]["data"] == "37.5000"

    @pytest.mark.parametrize("args", [["--weight", "data=-1"], ["--weight", "nope=1"],
                                      ["--year", "1990"]])
    def test_bad_options_are_usage_errors(self, capsys, mini_dir, args):
        code, _, err = run(capsys, "score", "--data-dir", str(mini_dir), *args)
        assert code == 2 and "expected" in err

    def test_invalid_data_exits_1(self, capsys, mini_copy):
        (mini_copy / "pillars.csv").write_text("pillar;name;weight;description\n")
        code, _, err = run(capsys, "score", "--data-dir", str(mini_copy))
        assert code == 1 and "pillars.csv:1: -: the file is separated by semicolons" in err


def test_console_script_installed(mini_dir):
    """The `sovai` entry point runs as a real process."""
    exe = Path(sys.executable).with_name("sovai")
    proc = subprocess.run([str(exe), "score", "--data-dir", str(mini_dir), "--format", "csv"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith("CCC,Country C,66.6667")


def test_goalposts_come_from_the_command_line(mini_dir, capsys):
    # d1 = 10, 20, 30, 50 (AAA..DDD) on goalposts 0..100 scores 10, 20, 30, 50 instead of the
    # observed range's 0, 25, 50, 100; d2 (weight 2) keeps min-max over 0, 4, 8, 2: 0, 50, 100, 25.
    # Data pillar = (d1 + 2·d2)/3: AAA 10/3, BBB (20+100)/3, CCC (30+200)/3, DDD (50+50)/3.
    assert main(["score", "--data-dir", str(mini_dir), "--normalisation", "goalposts",
                 "--goalpost", "d1=0:100", "--format", "csv"]) == 0
    rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert float(rows["AAA"]["data"]) == pytest.approx(10 / 3, abs=1e-4)
    assert float(rows["BBB"]["data"]) == pytest.approx(40.0, abs=1e-4)
    assert float(rows["CCC"]["data"]) == pytest.approx(230 / 3, abs=1e-4)
    assert float(rows["DDD"]["data"]) == pytest.approx(100 / 3, abs=1e-4)


@pytest.mark.parametrize("item", ["zz=0:1", "d1=5:1", "d1=0", "d1=a:b", "d1=0:inf"])
def test_a_wrong_goalpost_is_a_usage_error(mini_dir, capsys, item):
    assert main(["score", "--data-dir", str(mini_dir), "--goalpost", item]) == 2
    assert f"--goalpost {item}: expected" in capsys.readouterr().err


def test_goalposts_without_bounds_warn_that_they_are_min_max(mini_dir, capsys):
    assert main(["score", "--data-dir", str(mini_dir), "--normalisation", "goalposts"]) == 0
    assert "observed range, which is min-max" in capsys.readouterr().err


def test_text_tables_mark_missing_ranks_with_a_dash(capsys):
    """Audit C7: a missing rank (nullable Int64) prints "—" like every other missing cell, never
    pandas' "<NA>"; present ranks print unchanged."""
    import pandas as pd

    from indicators.cli import write_table

    table = pd.DataFrame({"iso3": ["AAA", "BBB"], "score": [1.25, float("nan")],
                          "rank": pd.array([1, None], dtype="Int64")})
    write_table(table, "table")
    lines = capsys.readouterr().out.splitlines()
    assert "<NA>" not in "\n".join(lines)
    assert lines[1].split() == ["AAA", "1.2", "1"] and lines[2].split() == ["BBB", "—", "—"]
