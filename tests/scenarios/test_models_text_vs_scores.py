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


def test_a_cut_of_a_layer_no_indicator_carries_says_it_is_not_modelled(capsys) -> None:
    """Audit 3 A11: cutting every foreign energy supplier said Japan "would keep its scores:
    the ledger shows no supply of theirs … that would be lost" while its ledger shows 87 %
    imported; no scored indicator is on the energy layer, and the sentence now says so."""
    from indicators import load
    from indicators.paths import SHIPPED_DATA_DIR

    layers = set(load(SHIPPED_DATA_DIR).indicators["layer"].fillna(""))
    assert "energy" not in layers  # the premise: nothing scored hangs on the energy layer
    assert main(["scenario", "--cut", "all-foreign", "--layers", "energy",
                 "--explain", "JPN"]) == 0
    out = capsys.readouterr().out
    assert "no scored indicator depends on the Energy layer" in out
    assert "the ledger shows no supply" not in out
