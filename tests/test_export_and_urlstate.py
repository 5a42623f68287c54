"""Formula neutralising in CSV exports, and spec <-> query string round trips."""

from __future__ import annotations

import pandas as pd

from dashboard.urlstate import query_from_spec, spec_from_query, to_search
from indicators import ScoringSpec
from indicators.export import neutralise_formulas, to_safe_csv


def test_formula_cells_are_neutralised():
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "+1", "-cmd", "@SUM", "Korea"],
                          "value": [-1.5, 2.0, -3.0, 4.0, 5.0]})
    out = neutralise_formulas(frame)
    assert out["name"].tolist() == ["'=HYPERLINK(\"x\")", "'+1", "'-cmd", "'@SUM", "Korea"]
    assert out["value"].tolist() == [-1.5, 2.0, -3.0, 4.0, 5.0]  # numbers untouched
    assert frame["name"][0].startswith("=")  # the argument is not mutated
    assert to_safe_csv(frame).splitlines()[1].startswith("\"'=HYPERLINK")


def test_round_trip(mini):
    spec = ScoringSpec(year=2022, view="intensity", normalisation="rank", aggregation="geometric",
                       imputation="region", pillar_weights={"data": 2.5},
                       indicator_weights={"c1": 3})
    query = query_from_spec(spec)
    assert spec_from_query(query, mini) == spec
    assert to_search(query).startswith("?year=2022&view=intensity")


def test_reference_has_empty_query(mini):
    assert query_from_spec(ScoringSpec()) == {}
    assert spec_from_query({}, mini) == ScoringSpec()


def test_invalid_parameters_are_dropped(mini):
    query = {"year": "1900", "view": "<script>", "pw_data": "-1", "iw_zz": "2", "pw_compute": "x",
             "iw_d1": "1e9", "norm": ["zscore"]}
    assert spec_from_query(query, mini) == ScoringSpec(normalisation="zscore")
