"""The data-quality report: JRC screen arithmetic, and the report `sovai build-data` writes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indicators.build import build_data
from indicators.build.quality import IndicatorQuality, skew_kurtosis, write_quality_report
from indicators.cli import main


def test_skewness_and_excess_kurtosis_by_hand() -> None:
    # 0, 0, 0, 0, 10: n = 5, mean 2; central moments m2 = 80/5 = 16, m3 = 480/5 = 96,
    # m4 = 4160/5 = 832; g1 = 96 / 16^1.5 = 1.5; g2 = 832 / 16² − 3 = 0.25.
    # Bias-corrected, as COINr's screen (e1071 type 2): G1 = g1·√(n(n−1))/(n−2) = 1.5·√20/3 = √5;
    # G2 = ((n+1)·g2 + 6)·(n−1)/((n−2)(n−3)) = (1.5 + 6)·4/6 = 5.
    skew, kurt = skew_kurtosis(np.array([0, 0, 0, 0, 10, np.nan], dtype=float))
    assert skew == pytest.approx(5 ** 0.5)
    assert kurt == pytest.approx(5.0)
    assert skew_kurtosis(np.array([1.0, 1.0, 1.0, 1.0])) == (0.0, 0.0)


def _quality(skew: float, kurt: float, nonzero: float) -> IndicatorQuality:
    return IndicatorQuality(
        code="x", pillar="data", basis="census", transform="log", used=10, in_latest_year=10,
        latest_year=2025, median_year=2025, skewness=skew, kurtosis=kurt,
        nonzero_share=nonzero, extremes=("USA 9", "CHN 5"), jumps=(), vintage="v")


def test_jrc_screen_needs_both_skewness_and_kurtosis() -> None:
    assert _quality(2.1, 3.6, 0.9).flagged
    assert _quality(-2.1, 3.6, 0.9).flagged
    assert not _quality(2.1, 3.4, 0.9).flagged  # kurtosis within bounds
    assert not _quality(1.9, 30.0, 0.9).flagged  # skewness within bounds
    assert _quality(5.0, 40.0, 0.1).reason.startswith("concentrated: 10% of countries")
    assert _quality(2.5, 7.0, 0.9).reason == "heavy top tail after transform (USA 9, CHN 5)"
    assert _quality(1.0, 1.0, 0.9).reason == ""


def test_a_concentrated_indicator_is_judged_by_its_presence_absence() -> None:
    # presence/absence of a share p non-zero is Bernoulli: skewness (1 − 2p)/√(p(1 − p)).
    # p = 1/2 of 10 countries: 0 skewness, so a transform could pass: the reason says so.
    half = np.array([0.0] * 5 + [1.0] * 5)
    skew, kurt = skew_kurtosis(half)
    assert skew == pytest.approx(0.0)
    passing = IndicatorQuality(**{**_quality(3.0, 9.0, 0.2).__dict__,
                                  "presence_skewness": skew, "presence_kurtosis": kurt})
    assert "only a transform that all but discards the amounts" in passing.reason
    # 1 of 10 non-zero (nine 0s, one 1): mean 0.1, m2 = 0.09, m3 = 0.072, m4 = 0.0657;
    # g1 = 0.072 / 0.027 = 8/3, G1 = (8/3)·√90/8 = √10; g2 = 0.0657/0.0081 − 3 = 46/9,
    # G2 = (11·46/9 + 6)·9/56 = 10: nothing can pass
    one = np.array([0.0] * 9 + [1.0])
    skew, kurt = skew_kurtosis(one)
    assert skew == pytest.approx(10 ** 0.5) and kurt == pytest.approx(10.0)
    failing = IndicatorQuality(**{**_quality(3.0, 9.0, 0.1).__dict__,
                                  "presence_skewness": skew, "presence_kurtosis": kurt})
    assert "no monotone transform" in failing.reason
    assert "even presence/absence fails" in failing.reason


def test_report_per_indicator_and_per_country(sources: Path, tmp_path: Path) -> None:
    build_data(sources, tmp_path / "data")
    report = write_quality_report(tmp_path / "data", tmp_path / "docs" / "q.md")
    text = (tmp_path / "docs" / "q.md").read_text(encoding="utf-8")
    codes = [q.code for q in report.indicators]
    assert "gpu_cluster_h100e" in codes and "population" not in codes  # scored only
    by_code = {q.code: q for q in report.indicators}
    assert by_code["gpu_cluster_h100e"].basis == "sample"
    assert by_code["top500_rmax"].basis == "census"
    assert by_code["fixed_broadband"].basis == "statistic"
    # every country appears once, with shares in [0, 1]
    table = report.by_country
    assert sorted(table["iso3"]) == sorted(set(table["iso3"]))
    assert ((table["observed"] >= 0) & (table["observed"] <= 1)).all()
    assert (table["stale"] <= table["observed"]).all()
    assert (table["imputed"] == 0).all()  # the reference method imputes nothing
    assert "| gpu_cluster_h100e | compute | sample |" in text
    assert text.count("\n| USA | United States |") == 1
    assert set(table.columns) >= {"thinnest"}
    for row in table["thinnest"]:
        if row == "none missing":
            continue
        pillar, counts = row.split(" ")
        observed, total = (int(x) for x in counts.split("/"))
        assert pillar in {"data", "compute", "models", "industry"} and 0 <= observed <= total


def test_build_data_command_writes_the_report(sources: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "data"
    assert main(["build-data", "--sources", str(sources), "--out", str(out)]) == 0
    assert (tmp_path / "docs" / "data-quality.md").is_file()  # beside the data directory
    printed = capsys.readouterr().out
    assert "JRC screen after transform:" in printed
    other = tmp_path / "elsewhere.md"
    assert main(["build-data", "--sources", str(sources), "--out", str(out),
                 "--report", str(other)]) == 0
    assert other.read_bytes() == (tmp_path / "docs" / "data-quality.md").read_bytes()
