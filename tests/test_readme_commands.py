"""The README's command lines name what the CLI accepts (issue 11 #7: its preset names, such as
"US export controls", failed on the CLI, which wants us-export-controls)."""

from __future__ import annotations

import re
from pathlib import Path

from indicators.scenarios import PRESETS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_readme_preset_names_are_the_cli_names() -> None:
    lines = README.splitlines()
    at = next(i for i, ln in enumerate(lines) if "sovai scenario --preset NAME" in ln)
    text = re.sub(r".*NAME:", "", lines[at])
    follow = lines[at + 1]  # the list may go on in a comment on the next line
    if follow.strip().startswith("#") and "NAME" not in follow:
        text += follow.strip().lstrip("#")
    names = [n for n in text.replace(" ", "").split(",") if n]
    assert names and set(names) == set(PRESETS)


def test_make_run_takes_a_port() -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text()
    assert re.search(r"^run:.*\n\t.*sovai serve .*--port \$\(PORT\)", makefile, re.M)
