"""The models paragraph never denies a score change the chips or cloud cut of the same
scenario makes (audit 3 A12: "no score moves" two sentences after "25 countries would lose")."""

from __future__ import annotations

from indicators.cli import main


def test_china_cutoff_models_sentence_speaks_only_for_the_models_layer(capsys) -> None:
    assert main(["scenario", "--preset", "china-cutoff", "--explain", "KOR"]) == 0
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "would lose overall score" in text  # the chips and cloud cut moves scores
    assert "no score moves" not in text
