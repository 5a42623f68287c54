"""The Scenarios page's model controls (issue 13): provider, model and the serving and training
assumptions live in the link, invalid values are dropped, and the figures follow them."""

from __future__ import annotations

import pytest

from dashboard.components import model_controls
from dashboard.pages import scenarios as page
from dashboard.views.scenario_state import query_from_state, state_from_query
from indicators.scenarios import score_scenario
from indicators.scenarios.sovereign import SovereignAssumptions


@pytest.fixture(scope="module")
def bundle(shipped):
    return shipped[0]


def test_the_seed_event_shows_its_provider_and_model(bundle):
    state = state_from_query({"preset": "seed-event"}, bundle)
    assert (state.scenario.providers, state.scenario.models) == (("Anthropic",),
                                                                 ("Claude 3.5 Sonnet",))
    assert query_from_state(state) == {"preset": "seed-event", "country": "KOR",
                                       "supplier": "USA"}


def test_another_provider_makes_a_custom_scenario_that_keeps_the_day(bundle):
    state = state_from_query({"preset": "seed-event", "provider": "openai",
                              "model": "Claude 3.5 Sonnet"}, bundle)
    s = state.scenario
    assert state.preset is None and s.name == "Custom scenario"
    # the model is not OpenAI's, so it is dropped; the seed event's day stays
    assert (s.providers, s.models, s.as_of.isoformat()) == (("OpenAI",), (), "2024-06-20")
    params = query_from_state(state)
    assert (params["provider"], params["asof"]) == ("OpenAI", "2024-06-20")
    # the link reproduces it
    again = state_from_query({k: v for k, v in params.items() if v}, bundle)
    assert again.scenario == s


def test_controls_that_spell_the_seed_event_show_its_preset(bundle):
    query = {"cut": "USA", "layers": "models", "sev": "100", "provider": "Anthropic",
             "model": "Claude 3.5 Sonnet", "asof": "2024-06-20"}
    assert state_from_query(query, bundle).preset == "seed-event"


@pytest.mark.parametrize("query", [
    {"provider": "Nobody Inc"}, {"model": "Claude 9"}, {"asof": "June"},
    {"tokens": "-4"}, {"sutil": "0"}, {"tutil": "250"}, {"tflops": "abc"},
])
def test_invalid_values_are_dropped(bundle, query):
    state = state_from_query(query, bundle)
    assert state.preset == "frontier-api-withdrawn"
    assert state.assumptions == SovereignAssumptions()


def test_the_shown_default_read_back_is_the_default(bundle):
    default = SovereignAssumptions()
    shown = {key: str(model_controls.shown(key, default)) for key in model_controls.INPUTS}
    assert shown["tokens"] == "8558.0"  # 8,558.4 shown to the token
    assert state_from_query(shown, bundle).assumptions == default
    assert "tokens" not in query_from_state(state_from_query(shown, bundle))


def test_assumptions_reach_the_figures(shipped):
    bundle, baseline = shipped
    state = state_from_query({"tokens": "17116.8", "tflops": "494.5", "tutil": "19"}, bundle)
    a = state.assumptions
    assert (a.tokens_per_user_day, a.flops_per_h100e) == (17116.8, 494.5e12)
    assert a.training_utilisation == pytest.approx(0.19)
    params = query_from_state(state)
    assert (params["tokens"], params["tflops"], params["tutil"]) == ("17116.8", "494.5", "19")
    default = score_scenario(bundle, baseline, state.scenario).models.table
    changed = score_scenario(bundle, baseline, state.scenario, a).models.table
    # demand × 2.0002 (17,116.8 / 8,558.4) and FLOP/s ÷ 2: capacity / demand ÷ 4.0004
    ratio = 17116.8 / SovereignAssumptions().tokens_per_user_day * 2
    assert changed.at["KOR", "fallback_capacity_ratio"] == pytest.approx(
        default.at["KOR", "fallback_capacity_ratio"] / ratio)
    # half the FLOP/s and half the utilisation: four times the days
    assert changed.at["KOR", "training_days"] == pytest.approx(
        4 * default.at["KOR", "training_days"])


def test_the_link_writer_keeps_the_day_and_a_new_preset_clears_the_models(bundle):
    values = dict(preset="seed-event", cut=["USA"], layers=["models"], sev=100, allies=[],
                  blocs=[], country="KOR", bloc=None, supplier="USA", ai=4.6,
                  map_view="supplier")
    models = [["OpenAI"], [], 8558, 38, 38, 989]
    search = page.controls_to_url({"changed": f"{model_controls.PROVIDER}.value"},
                                  *values.values(), *models, "?preset=seed-event")
    assert "provider=OpenAI" in search and "asof=2024-06-20" in search
    assert "preset=" not in search
    # from that custom link, choosing a preset replaces providers, models and day
    again = page.controls_to_url({"changed": "scn-preset.value"},
                                 *{**values, "preset": "frontier-api-withdrawn"}.values(),
                                 *models, search)
    assert again == "?preset=frontier-api-withdrawn&country=KOR&supplier=USA"


def test_the_controls_list_the_chosen_providers_models(bundle):
    state = state_from_query({"preset": "seed-event"}, bundle)
    fieldset = model_controls.controls(bundle, state.scenario, state.assumptions)
    dropdowns = {c.id: c for c in fieldset._traverse() if getattr(c, "id", None)}
    models = dropdowns[model_controls.MODEL].options
    assert models and all("Anthropic" in o["label"] for o in models)
    assert dropdowns[model_controls.MODEL].value == ["Claude 3.5 Sonnet"]
    providers = dropdowns[model_controls.PROVIDER].options
    assert {"Anthropic", "OpenAI", "Google DeepMind"} <= set(providers)
