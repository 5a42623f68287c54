"""Scenarios dated before anything they name exists: an answer, never a traceback or "nan%"
(audit 3 A7, A8)."""

from __future__ import annotations

import re

import pytest

from indicators.cli import main


@pytest.mark.parametrize("args", [
    ["--preset", "seed-event", "--as-of", "1990-01-01"],    # before Anthropic's first model
    ["--provider", "OpenAI", "--as-of", "2015-01-01"],       # before OpenAI's first model
    ["--provider", "OpenAI", "--released-after", "2030-01-01"],  # after every model
])
def test_a_cut_of_nothing_answers_that_nothing_is_lost(args, capsys):
    code = main(["scenario", *args, "--explain", "KOR"])
    out, err = capsys.readouterr()
    text = out + err
    assert code == 0, err
    assert "Traceback" not in text and not re.search(r"\bnan\b", text, re.IGNORECASE)
    assert "No country loses access to a model under this scenario" in text
