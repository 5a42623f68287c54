"""``sovai robustness`` and ``sovai sensitivity``: output columns, usage errors, invalid data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main

RIVALS = Path(__file__).parent / "fixtures" / "rivals"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


class TestRobustnessCommand:
    """``sovai robustness`` prints one interval per country."""

    def test_csv_columns(self, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The CSV has iso3,rank,median_rank,rank_p05,rank_p95,p_top10 and a row per country."""
        code, out, _ = run(["robustness", "--data-dir", str(mini_dir), "--runs", "50",
                            "--format", "csv"], capsys)
        assert code == 0
        table = pd.read_csv(io.StringIO(out))
        assert list(table.columns) == ["iso3", "rank", "median_rank", "rank_p05", "rank_p95",
                                       "p_top10"]
        assert sorted(table["iso3"]) == ["AAA", "BBB", "CCC", "DDD"]

    def test_json_states_runs_and_assumptions(self, mini_dir: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
        """The JSON carries runs, seed and one sentence per assumption."""
        code, out, _ = run(["robustness", "--data-dir", str(mini_dir), "--runs", "20",
                            "--seed", "4", "--vary", "weights,window", "--format", "json"],
                           capsys)
        doc = json.loads(out)
        assert code == 0 and doc["runs"] == 20 and doc["seed"] == 4
        assert doc["varied"] == ["weights", "window"]
        assert len(doc["assumptions"]) == 6 and len(doc["rows"]) == 4

    def test_same_seed_same_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two runs with the same seed print the same bytes."""
        argv = ["robustness", "--data-dir", str(RIVALS), "--runs", "200", "--seed", "9",
                "--format", "csv"]
        assert run(argv, capsys)[1] == run(argv, capsys)[1]

    @pytest.mark.parametrize(("option", "value", "expected"), [
        ("--runs", "0", "expected a whole number from 1 to"),
        ("--runs", "ten", "expected a whole number from 1 to"),
        ("--seed", "-1", "expected a whole number ≥ 0"),
        ("--weight-spread", "1.5", "expected a fraction from 0 up to"),
        ("--vary", "weights,colour", "expected a comma-separated list of weights"),
    ])
    def test_usage_errors_exit_2(self, mini_dir: Path, capsys: pytest.CaptureFixture[str],
                                 option: str, value: str, expected: str) -> None:
        """A bad option value exits 2 with a message naming what was expected."""
        with pytest.raises(SystemExit) as exit_info:
            main(["robustness", "--data-dir", str(mini_dir), option, value])
        assert exit_info.value.code == 2
        assert expected in capsys.readouterr().err

    def test_unknown_year_exits_2(self, mini_dir: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
        """A year without observations exits 2 and says which years there are."""
        code, _, err = run(["robustness", "--data-dir", str(mini_dir), "--year", "1990"], capsys)
        assert code == 2 and "expected one of 2019–2024" in err

    def test_invalid_data_exits_1_with_file_and_line(self, mini_copy: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
        """A broken value is reported FILE:LINE and nothing is printed on stdout."""
        path = mini_copy / "values" / "main.csv"
        path.write_text(path.read_text().replace("AAA,d1,2024,10,", "AAA,d1,2024,ten,"))
        code, out, err = run(["robustness", "--data-dir", str(mini_copy), "--runs", "5"], capsys)
        assert code == 1 and out == ""
        assert "values/main.csv:2: value:" in err


class TestSensitivityCommand:
    """``sovai sensitivity`` prints Sobol' indices, or leave-one-out shifts."""

    def test_csv_columns(self, capsys: pytest.CaptureFixture[str]) -> None:
        """iso3,assumption,first_order,total,rank_sd: a row per country and varied assumption."""
        code, out, _ = run(["sensitivity", "--data-dir", str(RIVALS), "--samples", "16",
                            "--vary", "weights,normalisation", "--format", "csv"], capsys)
        table = pd.read_csv(io.StringIO(out))
        assert code == 0
        assert list(table.columns) == ["iso3", "assumption", "first_order", "total", "rank_sd"]
        assert len(table) == 6 * 2

    def test_impossible_indices_are_called_sampling_noise(self) -> None:
        """Audit C15: true Sobol' indices satisfy 0 ≤ first order ≤ total, so a table breaking
        that is sampling noise, and the warning counts each kind; a clean table warns of
        nothing."""
        from indicators.robustness.cli import sampling_noise

        table = pd.DataFrame({"first_order": [-0.10, 0.50, 0.30, -0.01],
                              "total": [0.20, 0.30, 0.40, 0.02]})
        assert sampling_noise(table) == ("1 negative indices and 1 first-order indices above "
                                         "their total")
        assert sampling_noise(table.iloc[2:]) == ""

    def test_small_sample_warns_on_stderr(self, capsys: pytest.CaptureFixture[str]) -> None:
        """On the shipped data a Sobol' sample of 8 gives impossible indices: the command says
        so on stderr (the table on stdout stays parseable) and still exits 0."""
        code, out, err = run(["sensitivity", "--samples", "8", "--format", "csv"], capsys)
        assert code == 0 and "negative indices" in err and "sampling noise" in err
        assert "warning" not in out

    def test_leave_one_out(self, mini_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--leave-one-out prints iso3,indicator,rank,rank_without,shift."""
        code, out, _ = run(["sensitivity", "--data-dir", str(mini_dir), "--leave-one-out",
                            "--format", "csv"], capsys)
        table = pd.read_csv(io.StringIO(out))
        assert code == 0 and len(table) == 4 * 8
        assert list(table.columns) == ["iso3", "indicator", "rank", "rank_without", "shift"]

    def test_samples_not_a_power_of_two_exits_2(self, mini_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
        """--samples 100 is refused, naming the powers of two it wants."""
        with pytest.raises(SystemExit) as exit_info:
            main(["sensitivity", "--data-dir", str(mini_dir), "--samples", "100"])
        assert exit_info.value.code == 2
        assert "expected a power of two" in capsys.readouterr().err

    def test_nothing_varied_exits_2(self, mini_dir: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
        """--vary none leaves no variance to decompose: exit 2 saying so."""
        code, _, err = run(["sensitivity", "--data-dir", str(mini_dir), "--vary", "none"],
                           capsys)
        assert code == 2 and "no assumption varies" in err
