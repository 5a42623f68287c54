"""Issue 13's done-when checks on the shipped data: capability columns for every preset, the
US at the frontier, training days and the fallback across countries, the seed event."""

from __future__ import annotations

import csv
import io
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from indicators import load
from indicators.cli import main
from indicators.scenarios import PRESETS, Scenario, score_scenario
from indicators.scenarios.capability_text import (
    country_capability_text,
    headline,
    world_capability_text,
)
from indicators.scenarios.model_ledger import load_model_ledger
from indicators.scenarios.presets import SEED_DATE, SEED_MODEL

DATA = Path(__file__).parents[2] / "data"
CUT_DIR = Path(__file__).parent / "fixtures" / "cut"
COLUMNS = ("best_model_kept", "frontier_lag_months", "fallback_served_share", "training_days")


@pytest.fixture(scope="module")
def results(shipped):
    bundle, baseline = shipped
    return {name: score_scenario(bundle, baseline, scenario)
            for name, scenario in PRESETS.items()}


def test_the_ledger_lists_the_seed_model():
    ledger = load_model_ledger(load(DATA))
    assert ledger is not None
    row = ledger[ledger["model"] == SEED_MODEL].iloc[0]
    assert row["organizations"] == ("Anthropic",)
    assert row["jurisdictions"] == ("USA",)
    assert row["access"] == "served"
    assert row["published"] == pd.Timestamp(SEED_DATE)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_has_the_four_columns_for_every_country(results, name):
    table = results[name].table()
    assert set(COLUMNS) <= set(table.columns)
    assert (table["best_model_kept"] != "").all()
    assert table["frontier_lag_months"].notna().all()
    usa = table.set_index("iso3").loc["USA"]
    assert usa["frontier_lag_months"] == 0


@pytest.mark.parametrize("name", list(PRESETS))
def test_training_days_finite_wherever_there_is_ai_compute(results, name):
    kept = results[name].models
    assert kept is not None
    t = kept.table
    known = t["h100e_nominal"] > 0  # Epoch clusters or accelerated TOP500 systems
    assert known.sum() >= 44
    # the main reading keeps the compute installed on the day of the cut: finite wherever
    # any is known, whatever the scenario cuts (audit A3's strict reading is the _strict one)
    assert np.isfinite(t.loc[known, "training_days"]).all()
    assert t.loc[~known, "training_days"].isna().all()
    assert t["training_days"].nunique() >= 30
    strict = t["h100e_strict"] > 0
    assert np.isfinite(t.loc[strict, "training_days_strict"]).all()
    assert t.loc[~strict, "training_days_strict"].isna().all()
    # more compute, fewer days: the ranking of days is the reverse of the ranking of H100e
    ordered = t[known].sort_values("h100e")
    assert ordered["training_days"].is_monotonic_decreasing


def test_fallback_capacity_and_share(results):
    t = results["frontier-api-withdrawn"].models.table
    known = t["fallback_capacity_ratio"].dropna()
    assert known.nunique() >= 30
    pd.testing.assert_series_equal(t["fallback_served_share"].dropna(),
                                   known.clip(upper=1.0), check_names=False)
    # Google's 1.3e15 tokens a month (÷ 30.44 days) plus OpenAI's API 6e9 a minute (×
    # 1,440), over 6e9 internet users = 8,558 tokens per user and day
    tokens = (1.3e15 / (365.25 / 12) + 6e9 * 1440) / 6e9
    assert tokens == pytest.approx(8558.4, abs=0.1)
    for iso3 in ("KOR", "ESP", "AUT"):  # capped, below, and known from TOP500 only
        row = t.loc[iso3]
        capacity = row["h100e"] * 989e12 * 0.38 / (2 * 253e9)  # tokens/s, Nemotron Ultra 253B
        demand = row["internet_users"] * tokens / 86_400
        assert row["fallback_capacity_ratio"] == pytest.approx(capacity / demand), iso3
        assert row["fallback_served_share"] == pytest.approx(min(1.0, capacity / demand))
    assert t.at["KOR", "fallback_served_share"] == 1.0
    assert 0.5 < t.at["ESP", "fallback_served_share"] < 1.0
    # no known AI compute (Epoch's list is a sample, TOP500 the 500 largest): unknown, not 0
    assert t.loc[t["h100e"].isna(), "fallback_served_share"].isna().all()
    assert t.loc[t["h100e"].isna(), "training_days"].isna().all()


def test_own_models_that_beat_the_fallback_lag_less(results):
    """Under frontier-api-withdrawn a country whose own model beats the open-weight fallback
    lags less than those that fall back (the UK keeps Gemini 1.0 Ultra, 5e25 FLOP)."""
    kept = results["frontier-api-withdrawn"].models
    t = kept.table
    fallback_flop = float(kept.fallback["flop"])
    own = t[t["kept_is_own"] & (t["kept_flop"] > fallback_flop)]
    rest = t[~t["kept_is_own"]]
    assert "GBR" in own.index and "USA" in own.index
    assert own["frontier_lag_months"].max() < rest["frontier_lag_months"].min()
    assert (t.loc[rest.index, "best_model_kept"] == kept.fallback["model"]).all()


def test_lags_by_hand_from_epochs_dates(results):
    """The frontier's records around the fallback: GPT-4 (2.1e25, 2023-03-15), Gemini 1.0
    Ultra (5e25, 2023-12-06), Grok 4 (5e26, 2025-07-09, the frontier on the cut day)."""
    kept = results["frontier-api-withdrawn"].models
    t = kept.table
    month = 365.25 / 12
    gpt4, ultra, grok4 = (pd.Timestamp(d) for d in ("2023-03-15", "2023-12-06", "2025-07-09"))
    assert kept.frontier.model == "Grok 4" and kept.frontier.reached == grok4
    # the UK's own Gemini 1.0 Ultra is a record: 581 days behind Grok 4
    assert t.at["GBR", "frontier_lag_months"] == pytest.approx((grok4 - ultra).days / month)
    # the fallback sits between GPT-4 and Gemini 1.0 Ultra in log compute
    flop = float(kept.fallback["flop"])
    share = math.log(flop / 2.1e25) / math.log(5e25 / 2.1e25)
    reached = gpt4 + pd.Timedelta(days=share * (ultra - gpt4).days)
    expected = (grok4 - reached) / pd.Timedelta(days=1) / month
    assert t.at["KOR", "frontier_lag_months"] == pytest.approx(expected)
    assert 21 < expected < 22  # about 656 days
    assert t.at["USA", "frontier_lag_months"] == 0


def test_seed_event_withdraws_one_model_and_keeps_capability(results):
    result = results["seed-event"]
    kept = result.models
    t = kept.table
    assert kept.as_of == pd.Timestamp(SEED_DATE)
    assert set(t.loc[t.index != "USA", "best_model_lost"]) == {SEED_MODEL}
    assert t.at["USA", "models_lost"] == 0
    # one model lost out of the usable ones
    kor = t.loc["KOR"]
    assert kor["models_lost"] == 1
    assert result.model_access_kept["KOR"] == pytest.approx(1 - 1 / kor["models_usable"])
    # by training compute, a larger model stays available (Claude 3.5 Sonnet: 2.7e25 FLOP)
    assert (t["kept_flop"] > 2.7e25).all()
    assert not kept.changed().any()
    pd.testing.assert_series_equal(result.overall, result.baseline.overall, check_names=False)


def test_seed_event_says_what_it_does_and_does_not_change(results):
    """The seed event changes no capability figure by the proxy: the sentences must still say
    who loses the model, which kept model replaces it and both lags."""
    result = results["seed-event"]
    text = country_capability_text(result, "KOR")
    # Claude 3.5 Sonnet, 2.7e25 on 2024-06-20, between GPT-4 (2.1e25, 2023-03-15) and Gemini
    # 1.0 Ultra (5e25, 2023-12-06, the frontier that day): log share 0.29 of 266 days, so the
    # line reached it 77 days after GPT-4, 189 days (6 months) before the frontier
    share = math.log(2.7 / 2.1) / math.log(5 / 2.1)
    assert round((1 - share) * 266 / (365.25 / 12)) == 6
    assert text.startswith("On 2024-06-20, South Korea loses Claude 3.5 Sonnet (Anthropic, "
                           "2.7e+25 FLOP, 6 months behind the frontier by compute)")
    assert "is Gemini 1.0 Ultra (Google DeepMind, 5.0e+25 FLOP), the frontier itself" in text
    assert "does not see quality" in text
    assert headline(result, "KOR").startswith("South Korea loses Claude 3.5 Sonnet; the most "
                                              "capable model it keeps")
    world = world_capability_text(result)
    assert world.startswith("198 countries lose Claude 3.5 Sonnet")
    assert "Gemini 1.0 Ultra for 198 of them, 0 months behind" in world
    assert "No country's best usable model changes" not in world


def test_more_providers_cut_never_lowers_the_lag(shipped):
    bundle, baseline = shipped
    previous = None
    for providers in (("xAI",), ("xAI", "OpenAI"), ("xAI", "OpenAI", "Google DeepMind")):
        scenario = Scenario(cut=("all-foreign",), layers=("models",), providers=providers)
        lag = score_scenario(bundle, baseline, scenario).models.table["frontier_lag_months"]
        if previous is not None:
            assert (lag >= previous - 1e-9).all()
        previous = lag


def test_headline_and_sentences_name_model_and_lag(results):
    result = results["frontier-api-withdrawn"]
    text = headline(result, "KOR")
    assert text.startswith("South Korea loses Grok 4 and falls back to Llama Nemotron Ultra 253B")
    assert "months behind the frontier (Grok 4)" in text
    paragraph = country_capability_text(result, "KOR")
    assert "Like every country without a model of its own" in paragraph
    assert "With all of its known AI compute, South Korea would need about" in paragraph


def _csv(args: list[str], capsys) -> tuple[int, list[dict[str, str]], str]:
    code = main(["scenario", *args, "--format", "csv"])
    captured = capsys.readouterr()
    return code, list(csv.DictReader(io.StringIO(captured.out))), captured.err


def test_cli_seed_event_csv(capsys):
    code, rows, _ = _csv(["--preset", "seed-event"], capsys)
    assert code == 0
    assert len(rows) == 199
    for row in rows:
        assert all(column in row for column in COLUMNS)
        assert row["best_model_kept"]
    usa = next(r for r in rows if r["iso3"] == "USA")
    assert float(usa["frontier_lag_months"]) == 0


def test_cli_provider_options(capsys):
    code, rows, _ = _csv(["--provider", "openai,XAI", "--released-after", "2025-01-01",
                          "--top-n", "2"], capsys)
    assert code == 0
    fra = next(r for r in rows if r["iso3"] == "FRA")
    # the two largest OpenAI/xAI models after 2025-01-01 are Grok 4 and GPT-4.5
    assert fra["best_model_lost"] == "Grok 4"
    assert fra["best_model_kept"] == "Grok 3"


@pytest.mark.parametrize(("args", "message"), [
    (["--provider", "Antropic"], "did you mean Anthropic"),
    (["--preset", "seed-event", "--model", "Claude 9"], "unknown model(s) Claude 9"),
])
def test_cli_unknown_provider_or_model_exits_2(args, message, capsys):
    assert main(["scenario", *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--provider", "OpenAI", "--top-n", "0"], "expected a whole number of at least 1"),
    (["--provider", "OpenAI", "--released-after", "June"], "expected a date YYYY-MM-DD"),
    (["--preset", "seed-event", "--tokens-per-user", "-1"], "expected a positive number"),
    (["--preset", "seed-event", "--flops-per-h100e", "inf"], "expected a positive number"),
    (["--preset", "seed-event", "--serving-utilisation", "2"],
     "expected a number above 0 and at most 1"),
])
def test_cli_malformed_model_options_exit_2(args, message, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["scenario", *args])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_invalid_ledger_exits_1_with_location(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(CUT_DIR, data)
    (data / "models_ledger.csv").write_text(
        "model,organizations,jurisdictions,access,accessibility,publication_date,"
        "training_compute_flop,parameters,source_id\n"
        "M,Org,AAA,served,API access,2024-01-01,1e24,,fixture\n"
        "N,Org,AAA,weights,,2024-02-01,1e24,,fixture\n", encoding="utf-8")
    code = main(["scenario", "--data-dir", str(data), "--cut", "AAA", "--format", "csv"])
    err = capsys.readouterr().err
    assert code == 1
    assert "models_ledger.csv:3: access: 'weights': expected one of" in err
    assert "Traceback" not in err


def test_ledger_without_the_file_is_valid(capsys):
    code, rows, _ = _csv(["--data-dir", str(CUT_DIR), "--cut", "AAA"], capsys)
    assert code == 0
    assert all(math.isnan(float(r["training_days"] or "nan")) for r in rows)


def test_seed_event_exposure_beside_the_story(shipped, results):
    from indicators.pipeline import select_observations
    from indicators.scenarios.news import STORY_LOSS_PER_HOUR, compare_with_story

    bundle, baseline = shipped
    result = results["seed-event"]
    comparison = compare_with_story(bundle, result)
    # by hand: GDP / 8,766 h × 4.6 % × (1 model lost / models usable), over non-US countries
    gdp, _, _ = select_observations(bundle, ["gdp_usd"], baseline.year, baseline.spec.window)
    t = result.models.table
    lost = t["models_lost"] / t["models_usable"]
    expected = (gdp["gdp_usd"] / 8766 * 0.046 * lost)[lost > 0].dropna()
    assert comparison.countries == len(expected)
    assert comparison.at_risk_per_hour == pytest.approx(expected.sum())
    assert comparison.ratio == pytest.approx(expected.sum() / STORY_LOSS_PER_HOUR)
    assert "US$12 million" in comparison.sentences()


def test_validate_checks_the_optional_ledger(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(CUT_DIR, data)
    assert main(["validate", "--data-dir", str(data)]) == 0
    (data / "models_ledger.csv").write_text(
        "model,organizations,jurisdictions,access,accessibility,publication_date,"
        "training_compute_flop,parameters,source_id\n"
        "M,Org,AAA;ZZZ,served,API access,2024-01-01,1e24,,fixture\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert "models_ledger.csv:2: jurisdictions: unknown country code(s) ZZZ" in err


def test_cli_json_states_the_capability_method(capsys):
    import json

    assert main(["scenario", "--preset", "seed-event", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    capability = out["capability"]
    assert capability["as_of"] == "2024-06-20"
    assert capability["frontier"]["model"] == "Gemini 1.0 Ultra"
    assert capability["proxy"].startswith("training compute")
    assert any("Tokens per internet user per day: 8,558" in a for a in capability["assumptions"])
    assert out["scenario"]["models"] == [SEED_MODEL]
    assert all("frontier_lag_months" in row for row in out["rows"])


def test_cli_explain_prints_capability_and_the_story(capsys):
    assert main(["scenario", "--preset", "seed-event", "--format", "csv", "--explain", "KOR"]) == 0
    err = capsys.readouterr().err
    assert "South Korea loses Claude 3.5 Sonnet (Anthropic" in err
    assert "The most capable model it keeps, by training compute (the proxy), is Gemini" in err
    assert "against the news story's US$12 million" in err
    assert main(["scenario", "--preset", "seed-event", "--tokens-per-user", "4000",
                 "--format", "json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    assert any("4,000 (your setting)" in a for a in out["capability"]["assumptions"])


def test_cli_provider_alone_cuts_models_only(capsys):
    assert main(["scenario", "--provider", "OpenAI", "--layers", "chips,models"]) == 2
    assert "--provider without --cut withdraws models only" in capsys.readouterr().err
    code, rows, _ = _csv(["--preset", "frontier-api-withdrawn", "--as-of", "2018-01-01"], capsys)
    assert code == 0
    assert all(row["best_model_kept"] == "" for row in rows)


def test_cli_flops_per_h100e_scales_training_days(capsys):
    _, rows, _ = _csv(["--preset", "frontier-api-withdrawn"], capsys)
    _, halved, _ = _csv(["--preset", "frontier-api-withdrawn", "--flops-per-h100e", "4.945e14"],
                        capsys)
    kor = next(r for r in rows if r["iso3"] == "KOR")
    kor_halved = next(r for r in halved if r["iso3"] == "KOR")
    # half the FLOP/s per H100e: twice the days
    assert float(kor_halved["training_days"]) == pytest.approx(2 * float(kor["training_days"]))


def test_cli_table_writes_durations_and_csv_keeps_days(capsys):
    """Audit B14: the table format printed raw days (Viet Nam 305223.2); it now writes them
    as the page does ('22.2 years (8,117 days)'), while csv keeps the number."""
    from indicators.scenarios.capability_text import duration_label

    _, rows, _ = _csv(["--preset", "frontier-api-withdrawn"], capsys)
    vnm = next(r for r in rows if r["iso3"] == "VNM")
    days = float(vnm["training_days"])
    assert days > 730
    label = duration_label(days)
    assert label == f"{days / 365.25:.1f} years ({days:,.0f} days)"
    assert main(["scenario", "--preset", "frontier-api-withdrawn", "--format", "table"]) == 0
    out = capsys.readouterr().out
    line = next(text for text in out.splitlines() if text.lstrip().startswith("VNM"))
    assert label in line
    assert f"{days:.1f}" not in line


def test_cli_json_names_the_two_readings(capsys):
    import json

    assert main(["scenario", "--preset", "us-export-controls", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    readings = out["capability"]["readings"]
    assert "installed on the day of the cut" in readings["fallback_served_share, training_days"]
    assert "strict power switch" in readings[
        "fallback_served_share_strict, training_days_strict"]
    gbr = next(r for r in out["rows"] if r["iso3"] == "GBR")
    assert gbr["training_days"] > 0 and gbr["training_days_strict"] is None
    assert "strict reading" in gbr["capability_gaps"]
    assert main(["scenario", "--preset", "us-export-controls", "--horizon-years", "3",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "3 years after the cut" in out["capability"]["readings"][
        "fallback_served_share, training_days"]


def test_capability_reads_the_method_by_its_year_and_window_only(shipped):
    # the dashboard keeps the capability figures per year and window (components/capability):
    # another weight, view, normalisation, aggregation, imputation or treatment shares them
    from indicators import score
    from indicators.scenarios.models_kept import models_kept
    from indicators.spec import ScoringSpec

    bundle, _ = shipped
    reference = ScoringSpec(year=2024, window=3)
    other = ScoringSpec(year=2024, window=3, view="intensity", normalisation="rank",
                        aggregation="geometric", imputation="region", outliers="winsorise",
                        pillar_weights={"compute": 3.0}, indicator_weights={"gpu_cluster_h100e": 0})
    for preset in ("frontier-api-withdrawn", "us-export-controls"):
        a = models_kept(bundle, score(bundle, reference), PRESETS[preset])
        b = models_kept(bundle, score(bundle, other), PRESETS[preset])
        assert a is not None and b is not None
        pd.testing.assert_frame_equal(a.table, b.table, check_exact=True)
    # and the year does change them (the memo key must keep it)
    later = models_kept(bundle, score(bundle, ScoringSpec(year=2026, window=3)),
                        PRESETS["us-export-controls"])
    assert later is not None and not later.table.equals(a.table)
