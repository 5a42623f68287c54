"""The Robustness page's URL parameters: validated, defaulted, and written back canonically."""

from __future__ import annotations

from dashboard.views.robustness_state import Settings, settings_from_query
from indicators import Bundle


class TestSettingsFromQuery:
    """Only whitelisted values are trusted; anything else takes the default."""

    def test_defaults_when_empty(self, mini: Bundle) -> None:
        """No parameter: 1,000 runs, seed 0, the default assumptions, ±25 % weights."""
        assert settings_from_query({}, mini) == Settings()

    def test_valid_values_round_trip(self, mini: Bundle) -> None:
        """A full query gives its settings, which write back the same parameters."""
        query = {"runs": "5000", "spread": "0.1", "vary": "weights,outliers", "seed": "42",
                 "country": "bbb"}
        settings = settings_from_query(query, mini)
        assert settings == Settings(runs=5000, seed=42, vary=("weights", "outliers"),
                                    spread=0.1, country="BBB")
        assert settings.query() == {**query, "country": "BBB"}
        assert settings_from_query(settings.query(), mini) == settings

    def test_invalid_values_fall_back(self, mini: Bundle) -> None:
        """Runs off the menu, a spread too wide, unknown assumptions or countries are dropped."""
        query = {"runs": "7", "spread": "0.9", "vary": "colour", "seed": "-3",
                 "country": "<script>"}
        assert settings_from_query(query, mini) == Settings()

    def test_none_varies(self, mini: Bundle) -> None:
        """vary=none is the explicit empty set, and is written back as such."""
        settings = settings_from_query({"vary": "none"}, mini)
        assert settings.vary == () and settings.query() == {"vary": "none"}


class TestSpreadSliderInPercent:
    """Audit C13: the slider, its marks and the box Dash 4 draws beside it all read in percent;
    the link keeps the fraction the library takes."""

    def test_slider_shows_percent_and_link_gets_fraction(self) -> None:
        from dash import dcc

        from dashboard import ids
        from dashboard.pages import robustness

        search = "?vary=weights&spread=0.1"
        layout = robustness.layout(spread="0.1", vary="weights")
        slider = next(c for c in _walk(layout) if isinstance(c, dcc.Slider)
                      and c.id == ids.RB_SPREAD)
        assert slider.value == 10 and slider.max == 50 and slider.marks[50] == "50%"
        # the user drags to 30 %: the link says 0.3, not 30 (or 0.30000000000000004)
        new = robustness.controls_to_url(None, 1000, 30, ["weights"], 0, None, search)
        assert "spread=0.3&" in new + "&" and "spread=30" not in new


def _walk(component: object):
    """Yield component and every component under it."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def test_outlier_sentence_names_each_country_with_its_runs_range() -> None:
    """The Robustness and Compare pages say which ranks lie outside their own interval."""
    import pandas as pd

    from dashboard.views.intervals import outlier_text

    rows = pd.DataFrame({"country": ["Taiwan", "Japan"], "rank": [26, 6],
                         "rank_p05": [11, 4], "rank_p95": [25, 8]})
    assert outlier_text(rows).startswith(
        "Ranked as chosen outside the range 90 % of the runs give: Taiwan 26th (runs: "
        "11th–25th). For them the chosen method is itself an outlier")
    assert outlier_text(rows.iloc[1:]) == ""
