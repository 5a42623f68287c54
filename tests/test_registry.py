"""One list of methods: the spec, the command line, the dashboard and its links agree with the
registry, and every registered method runs through the pipeline."""

from __future__ import annotations

import argparse
from typing import get_args

import pytest

from indicators import ScoringSpec, load, registry, score
from indicators import contract as c
from indicators.cli import build_parser
from indicators.robustness.assumptions import Assumptions, resolve
from indicators.spec import Aggregation, Imputation, Normalisation, OutlierTreatment, View

SPEC_TYPES = {"view": View, "normalisation": Normalisation, "aggregation": Aggregation,
              "imputation": Imputation, "outliers": OutlierTreatment}


def _choices(parser: argparse.ArgumentParser, command: str, option: str) -> tuple[str, ...]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    action = next(a for a in sub.choices[command]._actions if option in a.option_strings)
    return tuple(action.choices or ())


@pytest.mark.parametrize("field", list(registry.CHOICES))
def test_spec_accepts_exactly_the_registry(field):
    assert get_args(SPEC_TYPES[field]) == registry.names(field)
    schema = ScoringSpec.model_json_schema()["properties"][field]
    assert tuple(schema["enum"]) == registry.names(field)
    assert getattr(ScoringSpec(), field) in registry.names(field)


@pytest.mark.parametrize("command", ["score", "robustness", "sensitivity"])
@pytest.mark.parametrize("field", list(registry.CHOICES))
def test_command_line_offers_exactly_the_registry(command, field):
    assert _choices(build_parser(), command, f"--{field}") == registry.names(field)


def test_scenario_views_are_the_registry_views():
    assert _choices(build_parser(), "scenario", "--view") == registry.names("view")
    assert tuple(c.VIEWS) == registry.names("view")


def test_dashboard_options_and_links_read_the_registry():
    from dashboard.components.weights_panel import CHOICES, LABELS
    from dashboard.urlstate import _CHOICES, offered

    # the dashboard offers every choice but a normalisation that needs goalposts or targets,
    # which it has no way to enter (issue 11 #7: it would be min-max under another name)
    needs_bounds = {n for n, norm in registry.NORMALISERS.items() if norm.goalposts or norm.targets}
    assert offered("normalisation") == tuple(n for n in registry.names("normalisation")
                                             if n not in needs_bounds)
    for field, options in CHOICES.items():
        assert options == [(n, ch.label) for n, ch in registry.CHOICES[field].items()
                           if n in offered(field)]
        assert LABELS[field] == registry.FIELD_LABELS[field]
    assert set(CHOICES) == set(registry.CHOICES)
    assert {field: names for field, names in _CHOICES.values()} == {
        field: offered(field) for field in registry.CHOICES}
    assert needs_bounds == {"goalposts", "dist2targ"}


def test_methodology_page_describes_every_option():
    from dashboard.views.methodology import method_steps

    text = " ".join(t for _, t in method_steps())
    for table in registry.CHOICES.values():
        for name, choice in table.items():
            assert f"{choice.label} ('{name}')" in text
            assert choice.description.rstrip(".") in text


def test_every_entry_is_described():
    for table in registry.CHOICES.values():
        for name, choice in table.items():
            assert choice.name == name
            assert choice.label and choice.description.endswith(".")


def test_robustness_varies_only_registered_methods(mini_dir):
    design = resolve(load(mini_dir), ScoringSpec(), Assumptions(vary=(
        "normalisation", "aggregation", "imputation", "outliers")))
    for field in ("normalisation", "aggregation", "imputation", "outliers"):
        assert set(design.options[field]) <= set(registry.names(field))


@pytest.mark.parametrize("field", ["normalisation", "aggregation", "imputation", "outliers",
                                   "view"])
def test_every_registered_method_scores_the_mini_data(mini_dir, field):
    """Each option runs end to end: scores in range, and a ranking whenever the reference has
    one (the mini data ranks 3 of its 4 countries)."""
    bundle = load(mini_dir)
    for name in registry.names(field):
        result = score(bundle, ScoringSpec(**{field: name}))
        overall = result.overall.dropna()
        assert len(overall) >= 3, (field, name)
        # T-scores and the Copeland method (wins minus losses) are not bounded to 0–100
        if (field, name) not in (("normalisation", "zscore"), ("aggregation", "copeland")):
            assert ((overall >= 0) & (overall <= 100)).all(), (field, name)
        assert result.rank.min() == 1 and result.ranked_count == len(overall), (field, name)
