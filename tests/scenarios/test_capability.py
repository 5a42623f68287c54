"""Capability kept (issue 13) on a hand-made ledger: best model, months behind, the fallback,
training days. Every expectation is worked out by hand in the test."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from indicators.problems import DataError
from indicators.scenarios import Scenario
from indicators.scenarios.capability import (
    DAYS_PER_MONTH,
    capability,
    frontier,
    open_weight_fallback,
    withdrawn_models,
)
from indicators.scenarios.model_ledger import parse_model_ledger
from indicators.scenarios.providers import UnknownProvider, resolve_providers
from indicators.scenarios.sovereign import (
    SovereignAssumptions,
    fallback_served_share,
    training_days,
)

HEADER = ("model,organizations,jurisdictions,access,accessibility,publication_date,"
          "training_compute_flop,parameters,source_id\n")
#: Seven models. The frontier rises on 2023-01-01 (Alpha-1, 1e24) and 2024-01-01 (Alpha-2, 4e24).
ROWS = """Alpha-1,OrgA,USA,served,API access,2023-01-01,1e24,,epoch_models
Open-1,OrgB,FRA,open,Open weights (unrestricted),2023-07-01,5e23,7e10,epoch_models
Alpha-2,OrgA,USA,served,API access,2024-01-01,4e24,,epoch_models
Gamma-1,OrgD,CHN,unreleased,Unreleased,2024-02-01,3e24,,epoch_models
Beta-1,OrgC,USA,served,API access,2024-04-01,2e24,,epoch_models
NoCompute,OrgA,USA,served,API access,2024-05-01,,,epoch_models
Open-2,OrgE,USA,open,Open weights (restricted use),2024-06-01,8e23,2e11,epoch_models
"""
COUNTRIES = pd.Index(["CHN", "FRA", "KOR", "USA"], name="iso3")
AS_OF = pd.Timestamp("2024-06-30")
#: 2023-01-01 → 2024-01-01 is 365 days.
ONE_YEAR_MONTHS = 365 / DAYS_PER_MONTH


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return parse_model_ledger((HEADER + ROWS).encode(), COUNTRIES, ["epoch_models"])


def cut(**fields) -> Scenario:
    return Scenario(**{"cut": ("USA",), "layers": ("models",), **fields})


def test_frontier_and_lag_arithmetic(ledger):
    front = frontier(ledger, AS_OF)
    assert (front.model, front.flop, front.reached) == ("Alpha-2", 4e24,
                                                        pd.Timestamp("2024-01-01"))
    assert list(front.steps["model"]) == ["Alpha-1", "Alpha-2"]
    # below the first record (Alpha-1, 1e24 on 2023-01-01): that record's day, a year earlier
    assert front.lag_months(8e23) == pytest.approx(ONE_YEAR_MONTHS)
    assert front.lag_months(1e24) == pytest.approx(ONE_YEAR_MONTHS)
    # between the records the line in log(compute) over 365 days: 2e24 is half-way in log
    # (log 2 / log 4), so it was reached 182.5 days after 2023-01-01, 182.5 days before 4e24
    assert front.lag_months(2e24) == pytest.approx(182.5 / DAYS_PER_MONTH)
    # 3e24: log 3 / log 4 = 0.792 of the way, so 365 × (1 − 0.792) = 75.7 days behind
    assert front.lag_months(3e24) == pytest.approx(365 * (1 - math.log(3) / math.log(4))
                                                   / DAYS_PER_MONTH)
    assert front.lag_months(4e24) == 0.0
    # above the frontier: never reached
    assert math.isnan(front.lag_months(5e24))
    assert front.reached_at(2e24) == pd.Timestamp("2023-07-02 12:00")


def test_a_larger_compute_is_reached_later(ledger):
    front = frontier(ledger, AS_OF)
    lags = front.lag_months_array([1e24, 1.5e24, 2e24, 3e24, 3.9e24, 4e24])
    assert (lags[1:] < lags[:-1]).all()


def test_before_the_cut_everyone_uses_the_frontier(ledger):
    table, _ = capability(ledger, COUNTRIES, cut(severity=0.0), AS_OF)
    assert set(table["best_model"]) == {"Alpha-2"}
    assert (table["best_model_kept"] == "Alpha-2").all()
    assert (table["frontier_lag_months"] == 0).all()
    assert (table["models_lost"] == 0).all()


def test_us_closed_models_withdrawn(ledger):
    table, _ = capability(ledger, COUNTRIES, cut(), AS_OF)
    # Korea: Alpha-1, Alpha-2, Beta-1 and NoCompute gone; Open-2 (8e23) is the best left
    assert table.at["KOR", "best_model_kept"] == "Open-2"
    assert table.at["KOR", "frontier_lag_months"] == pytest.approx(ONE_YEAR_MONTHS)
    assert table.at["KOR", "best_model_lost"] == "Alpha-2"
    # usable by Korea: the 4 served + 2 open = 6; 4 lost
    assert (table.at["KOR", "models_usable"], table.at["KOR", "models_lost"]) == (6, 4)
    assert table.at["KOR", "access_kept"] == pytest.approx(2 / 6)
    # China keeps its own unreleased Gamma-1 (3e24): it beats the open-weight fallback and
    # lags less (75.7 days against Korea's 365)
    assert table.at["CHN", "best_model_kept"] == "Gamma-1"
    assert bool(table.at["CHN", "kept_is_own"])
    assert table.at["CHN", "frontier_lag_months"] == pytest.approx(
        365 * (1 - math.log(3) / math.log(4)) / DAYS_PER_MONTH)
    assert table.at["CHN", "frontier_lag_months"] < table.at["KOR", "frontier_lag_months"]
    # the United States loses nothing of its own
    assert table.at["USA", "best_model_kept"] == "Alpha-2"
    assert table.at["USA", "models_lost"] == 0


def test_narrowing_by_provider_model_date_and_top_n(ledger):
    def withdrawn(**fields) -> set[str]:
        mask = withdrawn_models(ledger, cut(**fields), AS_OF)
        return set(ledger.loc[mask, "model"])

    assert withdrawn() == {"Alpha-1", "Alpha-2", "Beta-1", "NoCompute"}
    assert withdrawn(providers=("orga",)) == {"Alpha-1", "Alpha-2", "NoCompute"}
    assert withdrawn(models=("beta-1",)) == {"Beta-1"}
    assert withdrawn(released_after=date(2024, 2, 1)) == {"Beta-1", "NoCompute"}
    # top 1 by compute; a model without compute ranks last
    assert withdrawn(top_n=1) == {"Alpha-2"}
    assert withdrawn(top_n=3) == {"Alpha-2", "Beta-1", "Alpha-1"}
    table, _ = capability(ledger, COUNTRIES, cut(top_n=1), AS_OF)
    assert table.at["KOR", "best_model_kept"] == "Beta-1"


def test_cutting_a_provider_with_no_closed_models_changes_nothing(ledger):
    base, _ = capability(ledger, COUNTRIES, cut(severity=0.0), AS_OF)
    for fields in ({"providers": ("OrgE",)}, {"providers": ("OrgD",)},
                   {"cut": ("KOR",)}, {"cut": ("FRA",)}):
        table, _ = capability(ledger, COUNTRIES, cut(**fields), AS_OF)
        pd.testing.assert_frame_equal(table, base)


def test_open_weights_and_own_models_are_never_lost(ledger):
    for scenario in (cut(), cut(cut=("all-foreign",)), cut(cut=("CHN", "USA"))):
        table, _ = capability(ledger, COUNTRIES, scenario, AS_OF)
        # every country keeps Open-2 (8e23, the best open model) at least
        assert (table["kept_flop"] >= 8e23).all()
        # the United States keeps Alpha-2, China Gamma-1: their own
        assert table.at["USA", "kept_flop"] == 4e24
        assert table.at["CHN", "kept_flop"] >= 3e24


def test_lag_never_falls_with_more_providers_cut(ledger):
    nested = [(), ("OrgC",), ("OrgC", "OrgA")]
    previous = None
    for providers in nested:
        scenario = cut(providers=providers) if providers else cut(severity=0.0)
        lag = capability(ledger, COUNTRIES, scenario, AS_OF)[0]["frontier_lag_months"]
        if previous is not None:
            assert (lag >= previous).all()
        previous = lag


def test_allies_keep_the_models_of_their_allies(ledger):
    allies = pd.MultiIndex.from_tuples([("KOR", "USA")], names=["iso3", "supplier"])
    table, _ = capability(ledger, COUNTRIES, cut(allies_exempt=True), AS_OF, allies)
    assert table.at["KOR", "best_model_kept"] == "Alpha-2"
    assert table.at["FRA", "best_model_kept"] == "Open-2"


def test_models_published_after_the_cut_do_not_exist_yet(ledger):
    table, front = capability(ledger, COUNTRIES, cut(), pd.Timestamp("2023-12-31"))
    assert front.model == "Alpha-1"
    # Korea: only Open-1 (5e23) left; the frontier was at 5e23 with Alpha-1 → lag 0
    assert table.at["KOR", "best_model_kept"] == "Open-1"
    assert table.at["KOR", "frontier_lag_months"] == 0.0


def test_open_weight_fallback_is_the_largest_open_model_with_parameters(ledger):
    fallback = open_weight_fallback(ledger, AS_OF)
    assert fallback is not None and fallback["model"] == "Open-2"
    assert open_weight_fallback(ledger, pd.Timestamp("2023-03-01")) is None


def test_training_days_by_hand_and_inversely_proportional():
    a = SovereignAssumptions(flops_per_h100e=1e15, training_utilisation=0.5)
    h100e = pd.Series([1000.0, 2000.0, 0.0, float("nan")], index=list("ABCD"))
    days = training_days(4e24, h100e, a)
    # 1000 × 1e15 × 0.5 × 86,400 = 4.32e22 FLOP a day → 4e24 / 4.32e22 = 92.59 days
    assert days["A"] == pytest.approx(4e24 / 4.32e22)
    assert days["B"] == pytest.approx(days["A"] / 2)
    assert pd.isna(days["C"]) and pd.isna(days["D"])
    assert training_days(8e24, h100e, a)["A"] == pytest.approx(2 * days["A"])


def test_fallback_served_share_by_hand():
    a = SovereignAssumptions(flops_per_h100e=1e15, serving_utilisation=0.5,
                             tokens_per_user_day=8640)
    # 2e11 parameters: 4e11 FLOP a token; one H100e serves 1e15 × 0.5 / 4e11 = 1,250 tokens/s
    # 1e6 users × 8,640 tokens a day = 1e5 tokens/s
    h100e = pd.Series([40.0, 200.0, 0.0, float("nan")], index=list("ABCD"))
    users = pd.Series([1e6, 1e6, 1e6, 1e6], index=list("ABCD"))
    share = fallback_served_share(2e11, h100e, users, a)
    assert share["A"] == pytest.approx(40 * 1250 / 1e5)
    assert share["B"] == 1.0
    assert share["C"] == 0.0
    assert pd.isna(share["D"])


def test_provider_aliases_and_unknown_names():
    orgs = ["Anthropic", "Google DeepMind", "DeepMind", "Google", "OpenAI", "Ant Group"]
    assert resolve_providers(["ANTHROPIC"], orgs) == {"Anthropic"}
    assert resolve_providers(["Google DeepMind"], orgs) == {"Google DeepMind", "DeepMind",
                                                             "Google"}
    with pytest.raises(UnknownProvider, match="did you mean Anthropic"):
        resolve_providers(["Antropic"], orgs)


@pytest.mark.parametrize(("row", "column", "expected"), [
    ("X,OrgA,USA,closed,API access,2024-01-01,1e24,,epoch_models", "access",
     "expected one of open, served, unreleased"),
    ("X,OrgA,USA,served,API access,2024-13-01,1e24,,epoch_models", "publication_date",
     "expected a date YYYY-MM-DD"),
    ("X,OrgA,ZZZ,served,API access,2024-01-01,1e24,,epoch_models", "jurisdictions",
     "unknown country code(s) ZZZ"),
    ("X,OrgA,USA,served,API access,2024-01-01,-5,,epoch_models", "training_compute_flop",
     "is not a positive number"),
    ("Alpha-1,OrgA,USA,served,API access,2024-01-01,1e24,,epoch_models", "model",
     "is already on line 2"),
    ("X,OrgA,USA,served,API access,2024-01-01,1e24,,nowhere", "source_id",
     "expected a source_id of sources.csv"),
])
def test_bad_cells_are_located(row, column, expected):
    content = (HEADER + ROWS.splitlines()[0] + "\n" + row + "\n").encode()
    with pytest.raises(DataError) as err:
        parse_model_ledger(content, COUNTRIES, ["epoch_models"])
    problem = err.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("models_ledger.csv", 3, column)
    assert expected in problem.message


def test_missing_column_is_named():
    with pytest.raises(DataError, match="missing column"):
        parse_model_ledger(b"model,organizations\nX,OrgA\n")


def test_lag_array_matches_one_by_one(ledger):
    front = frontier(ledger, AS_OF)
    values = [float("nan"), 1e23, 5e23, 1e24, 1.5e24, 4e24, 5e24]
    many = front.lag_months_array(values)
    for value, lag in zip(values, many, strict=True):
        one = front.lag_months(value)
        assert (pd.isna(one) and pd.isna(lag)) or one == pytest.approx(lag)


def test_a_cut_before_any_model_has_no_best_model(ledger):
    table, front = capability(ledger, COUNTRIES, cut(), pd.Timestamp("2022-01-01"))
    assert front.model == "" and front.steps.empty
    assert (table["best_model_kept"] == "").all()
    assert table["frontier_lag_months"].isna().all()
    assert open_weight_fallback(ledger, pd.Timestamp("2022-01-01")) is None
