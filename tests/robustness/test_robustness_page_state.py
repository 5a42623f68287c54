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
