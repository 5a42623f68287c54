"""`sovai audit`: the three formats, exit 0 even when it flags, clear errors otherwise."""

from __future__ import annotations

import csv
import io
import json

import pytest

from indicators.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    out, err = capsys.readouterr()
    return code, out, err


class TestFormats:
    """Each format carries the pillars' consistency and the indicators' weights and flags."""

    def test_json_contract(self, capsys, mini_dir):
        code, out, _ = run(capsys, "--data-dir", str(mini_dir), "--format", "json")
        assert code == 0  # i1 and i2 correlate at −0.5 and are flagged: still 0
        report = json.loads(out)
        assert report["pillars"]["data"]["cronbach_alpha"] == pytest.approx(1 / 3)
        assert report["pillars"]["data"]["pca_variance_share"] == pytest.approx(0.6)
        assert report["indicators"]["i1"]["flagged"] is True
        assert report["indicators"]["d1"]["effective_weight"] >= 0
        assert {"skewness", "kurtosis"} <= set(report["indicators"]["d1"])
        assert any("opposite directions" in s for s in report["indicators"]["i2"]["sentences"])

    def test_csv_one_row_per_indicator(self, capsys, mini_dir):
        code, out, _ = run(capsys, "--data-dir", str(mini_dir), "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert code == 0 and [r["code"] for r in rows] == ["d1", "d2", "c1", "c2", "m1", "m2",
                                                            "i1", "i2"]
        assert float(rows[0]["pillar_cronbach_alpha"]) == pytest.approx(1 / 3)
        assert rows[6]["flags"].split(";")[0] == "negative:i2"

    def test_table_lists_the_flags_in_sentences(self, capsys, mini_dir):
        code, out, _ = run(capsys, "--data-dir", str(mini_dir))
        assert code == 0 and "cronbach_alpha" in out and " flag(s):" in out
        assert "Industry one (i1) and Industry two (i2) correlate at r = -0.50" in out


class TestErrors:
    """Bad input: a sentence, no traceback, the usual exit statuses."""

    def test_invalid_data_lists_problems(self, capsys, mini_copy):
        path = mini_copy / "values" / "main.csv"
        path.write_text(path.read_text().replace("AAA,d1,2024,10", "AAA,d1,2024,n/a"))
        code, out, err = run(capsys, "--data-dir", str(mini_copy))
        assert code == 1 and out == ""
        assert "values/main.csv:2: value: 'n/a' is not a number" in err
        assert "Traceback" not in err

    def test_year_without_data(self, capsys, mini_dir):
        code, _, err = run(capsys, "--data-dir", str(mini_dir), "--year", "1990")
        assert code == 2 and "--year 1990 has no observation" in err

    def test_not_a_directory(self, capsys, tmp_path):
        """A missing --data-dir is a wrong option: exit 2 with one line naming it."""
        with pytest.raises(SystemExit) as stop:
            run(capsys, "--data-dir", str(tmp_path / "nowhere"))
        assert stop.value.code == 2 and "no such directory" in capsys.readouterr().err


class TestCompare:
    """`sovai audit --compare FIELD=VALUE …`: rank changes from the reference method."""

    def test_the_reference_against_itself_moves_nothing(self, capsys, mini_dir):
        code, out, _ = run(capsys, "--data-dir", str(mini_dir), "--compare",
                           "normalisation=minmax", "--format", "json")
        report = json.loads(out)
        assert code == 0 and report["summary"]["moved"] == 0
        assert all(r["diff"] in (0, None) for r in report["rows"])

    def test_a_changed_method_as_csv(self, capsys, mini_dir):
        code, out, _ = run(capsys, "--data-dir", str(mini_dir), "--compare",
                           "aggregation=copeland", "--format", "csv")
        rows = {r["iso3"]: r for r in csv.DictReader(io.StringIO(out))}
        assert code == 0 and set(rows) == {"AAA", "BBB", "CCC", "DDD"}
        # Copeland overall (by hand in test_audit_methods): C 1st, B 2nd, A 3rd — as the
        # reference ranks them, so nothing moves, but the scores are wins minus losses
        assert rows["CCC"]["rank_b"] == "1" and float(rows["CCC"]["score_b"]) == 2

    def test_unknown_choice_is_a_usage_error(self, capsys, mini_dir):
        code, _, err = run(capsys, "--data-dir", str(mini_dir), "--compare", "colour=red")
        assert code == 2 and "expected FIELD=VALUE with FIELD one of view" in err
        code, _, err = run(capsys, "--data-dir", str(mini_dir), "--compare", "aggregation=x")
        assert code == 2 and "expected aggregation to be one of arithmetic" in err
