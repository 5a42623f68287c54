"""No figure can show a value outside its stated range (issue 11 #2)."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from dashboard.views import figures
from dashboard.views.robustness import STEADY_RANK_SD, country_figures
from indicators import ScoringSpec, score


def sobol_rows(sd: float, total: float) -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["AAA", "AAA"], "assumption": ["weights", "normalisation"],
                         "first_order": [0.4, total / 2], "total": [1.0, total],
                         "rank_sd": [sd, sd]})


def loo_rows(shifts: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"iso3": ["AAA"] * len(shifts), "indicator": ["d1", "d2"][:len(shifts)],
                         "rank": [2] * len(shifts), "rank_without": [2 + s for s in shifts],
                         "shift": shifts})


def test_a_rank_that_never_moves_gets_a_sentence_not_noise_bars() -> None:
    # the United States: rank 1 in every run, estimates 2.75, 1.0, 0.5 of nothing
    out = country_figures(sobol_rows(0.0, 2.75), loo_rows([0, 0]), "AAA", "Country A")
    assert isinstance(out[0], html.P) and "barely moves" in str(out[0].children)
    assert not any(isinstance(o, dcc.Graph) for o in out)


def test_shares_are_drawn_within_zero_and_one() -> None:
    out = country_figures(sobol_rows(STEADY_RANK_SD + 1, 2.75), loo_rows([1, -1]), "AAA",
                          "Country A", pd.Series({"d1": "Data one", "d2": "Data two"}))
    sobol = out[0]
    assert isinstance(sobol, dcc.Graph)
    for trace in sobol.figure.data:
        assert all(0 <= y <= 1 for y in trace.y)
    assert list(sobol.figure.layout.yaxis.range) == [0, 1]
    loo = out[1]
    assert isinstance(loo, dcc.Graph)
    assert list(loo.figure.data[0].y) == ["Data one", "Data two"]  # names, not raw codes


def test_leave_one_out_that_moves_nothing_says_so() -> None:
    out = country_figures(None, loo_rows([0, 0]), "AAA", "Country A")
    assert out[-1].children == ("Dropping any one indicator leaves Country A 2nd: no single "
                                "indicator holds its rank up.")


def test_z_scores_are_not_called_0_to_100(mini) -> None:
    zscores = score(mini, ScoringSpec(normalisation="zscore"))
    assert "0–100" not in figures.scale_sentence(zscores)
    assert figures.score_scale(zscores)[1] is None
    profile = figures.pillar_profile(zscores, ["AAA", "CCC"])
    assert profile.layout.yaxis.range is None  # the axis follows the data
    world = figures.world_map(zscores, "overall")
    trace = world.data[0]  # the colour scale spans every value drawn (0-100 when they fit)
    assert trace.zmin <= min(trace.z) and max(trace.z) <= trace.zmax
    ref = score(mini)
    assert figures.score_scale(ref) == ("0–100", [0.0, 100.0])
    assert max(ref.overall.dropna()) <= 100
