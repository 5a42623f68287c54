"""``sovai score`` starts light: no scipy, SALib or web stack, and only the features it runs."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from indicators import cli

HEAVY = ("scipy", "SALib", "dash", "plotly", "flask", *cli.FEATURE_MODULES)


def loaded_after(argv: list[str]) -> set[str]:
    """Return which of HEAVY are imported once ``sovai ARGV`` is parsed, in a fresh process."""
    code = ("import sys, dashboard.cli as d, indicators.cli as c\n"
            f"c.build_parser((d.add_commands,), c._command_named({argv!r})).parse_args({argv!r})\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(filter(None, out.stdout.strip().split(",")))


def test_score_loads_nothing_heavy() -> None:
    assert loaded_after(["score", "--year", "2024"]) == set()


def test_a_feature_command_loads_its_own_module_only() -> None:
    assert loaded_after(["robustness", "--runs", "10"]) == {"indicators.robustness.cli"}


def test_an_unknown_word_builds_every_command() -> None:
    parser = cli.build_parser(command="bogus")
    names = set(next(a for a in parser._actions
                     if isinstance(a, argparse._SubParsersAction)).choices)
    assert names == {*cli.CORE_COMMANDS, *(n for ns in cli.FEATURE_MODULES.values() for n in ns)}


@pytest.mark.parametrize("module", sorted(cli.FEATURE_MODULES))
def test_the_table_names_each_modules_commands(module: str) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(module).add_commands(sub)
    assert tuple(sub.choices) == cli.FEATURE_MODULES[module]


def test_the_command_is_the_first_word_not_an_option() -> None:
    assert cli._command_named(["score", "--year", "2024"]) == "score"
    assert cli._command_named(["--help"]) is None
    assert cli._command_named([]) is None
