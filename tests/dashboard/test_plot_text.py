"""Issue 15 defect 6: data strings reach plotly text escaped, so markup in a name stays text.

A country named ``<a href=…>click</a>`` became a live link in the chart titles of /country and
/robustness; every figure built from such data must carry no markup from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.views import figures
from dashboard.views import robustness as robustness_view
from dashboard.views.plot_text import plot_text
from indicators import ScoringSpec, load, score

LINK = '<a href="http://attacker.example/">click</a>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a copy of the mini data where every country is named with a link."""
    import shutil

    target = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(Path(__file__).parent.parent / "fixtures" / "mini", target)
    countries = pd.read_csv(target / "countries.csv", dtype=str)
    countries["name"] = [f'{LINK} {code}' for code in countries["iso3"]]
    countries.to_csv(target / "countries.csv", index=False, lineterminator="\n")
    return target


def strings(value: object) -> Iterator[str]:
    """Yield every string inside a figure's JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)
    elif hasattr(value, "tolist"):
        yield from strings(value.tolist())


def assert_no_markup(figure: go.Figure) -> None:
    found = [s for s in strings(figure.to_plotly_json()) if "<a " in s or "</a>" in s]
    assert found == []
    assert any("&lt;a href=" in s for s in strings(figure.to_plotly_json()))


def test_plot_text() -> None:
    assert plot_text(LINK) == '&lt;a href="http://attacker.example/"&gt;click&lt;/a&gt;'
    assert plot_text("Côte d'Ivoire & co") == "Côte d'Ivoire &amp; co"


def test_country_figures(hostile: Path) -> None:
    result = score(load(hostile), ScoringSpec())
    iso3s = list(result.countries.index[:2])
    assert_no_markup(figures.world_map(result, figures.OVERALL))
    assert_no_markup(figures.pillar_profile(result, iso3s))
    assert_no_markup(figures.distribution(result, iso3s[0]))
    trend = pd.DataFrame({"iso3": iso3s, "year": [result.year] * 2,
                          figures.OVERALL: result.overall.reindex(iso3s).tolist()})
    assert_no_markup(figures.trend_lines(trend, result, iso3s))


def test_robustness_figures(hostile: Path) -> None:
    names = load(hostile).countries["name"]
    rows = pd.DataFrame({"iso3": ["AAA", "BBB"], "country": names.reindex(["AAA", "BBB"]),
                         "rank": [1, 2], "median_rank": [1, 2], "rank_p05": [1, 1],
                         "rank_p95": [2, 3]})
    assert_no_markup(robustness_view.interval_figure(rows).figure)
    indices = pd.DataFrame({"iso3": ["AAA", "BBB"], "assumption": ["weights"] * 2,
                            "total": [0.5, 0.4], "first_order": [0.3, 0.2], "rank_sd": [2.0, 2.0]})
    assert_no_markup(robustness_view.sobol_figure(indices, rows).figure)
    dropped = pd.DataFrame({"iso3": ["AAA"], "indicator": ["d1"], "shift": [1]})
    graphs = robustness_view.country_figures(None, dropped, "AAA", str(names["AAA"]))
    assert graphs and all("<a " not in g.figure.layout.title.text for g in graphs)
