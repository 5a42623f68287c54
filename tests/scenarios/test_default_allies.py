"""Default allies are alliances, never forums (audit A10/B8): with G20 and BRICS counted as
blocs, China was an ally of the US, South Korea and India, so ``--preset china-cutoff
--allies-exempt`` let them keep 100 % of their Chinese supply."""

from __future__ import annotations

from indicators.scenarios import PRESETS, score_scenario
from indicators.scenarios.cutoff import allied_pairs
from indicators.scenarios.definition import DEFAULT_ALLIANCES


def test_default_allies_are_the_alliances(shipped) -> None:
    bundle, _ = shipped
    assert set(DEFAULT_ALLIANCES) <= set(bundle.groups["group"])
    assert not {"G20", "BRICS", "AU", "ASEAN"} & set(DEFAULT_ALLIANCES)
    pairs = allied_pairs(bundle, None)
    for country in ("USA", "KOR", "IND", "BRA"):
        assert (country, "CHN") not in pairs
    assert ("KOR", "USA") in pairs  # OECD
    assert ("FRA", "DEU") in pairs  # EU27
    # a bloc named explicitly still counts, forum or not
    assert ("KOR", "CHN") in allied_pairs(bundle, ("G20",))


def test_china_cutoff_with_allies_exempt_still_cuts_china(shipped) -> None:
    """Under the default allies, exempting allies changes nothing for China's cut: China is in
    none of the alliances, so the US and Korea lose exactly what they lose without it."""
    bundle, baseline = shipped
    plain = score_scenario(bundle, baseline, PRESETS["china-cutoff"])
    exempt = score_scenario(bundle, baseline,
                            PRESETS["china-cutoff"].model_copy(update={"allies_exempt": True}))
    for country in ("USA", "KOR", "IND"):
        assert exempt.model_access_kept[country] < 1
        assert exempt.model_access_kept[country] == plain.model_access_kept[country]
        assert exempt.overall[country] == plain.overall[country]


def test_default_rule_on_shipped_and_custom_blocs(shipped) -> None:
    from indicators.scenarios.definition import default_allies

    bundle, _ = shipped
    assert default_allies(bundle.groups["group"].unique()) == DEFAULT_ALLIANCES
    assert default_allies(["Bloc", "G20"]) == ("Bloc",)  # a user's own bloc still counts
