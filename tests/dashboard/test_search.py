"""A country is found by any name the sources use (issue 11 #5), codes exactly or by prefix and
names by the start of a word, never inside one (issue 11: "KOR" listed North Korea)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.views.search import aliases, country_options, matching, words
from indicators import load
from indicators.build.names import ALIASES

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    return load(SHIPPED)


@pytest.mark.parametrize("query", ["Korea, Rep.", "Republic of Korea", "Rep. of Korea",
                                   "korea rep", "South Korea", "Korea (Republic of)", "KOR",
                                   "kor"])
def test_the_sources_names_and_the_code_of_south_korea_find_it_alone(shipped,
                                                                     query: str) -> None:
    assert matching(query, shipped) == {"KOR"}


def test_korea_alone_finds_both_koreas(shipped) -> None:
    assert matching("Korea", shipped) == {"KOR", "PRK"}
    assert matching("PRK", shipped) == {"PRK"}


def test_a_prefix_finds_codes_and_word_starts_never_the_inside_of_a_word(shipped) -> None:
    names = shipped.countries["name"].astype(str)
    found = matching("Ko", shipped)
    assert {"KOR", "PRK"} <= found  # "Korea" starts with it
    for iso3 in found:  # each by the start of its code or of a word of one of its names
        spelled = words(" ".join([names[iso3], iso3, *aliases(shipped).get(iso3, [])]))
        assert any(w.startswith("ko") for w in spelled), iso3
    assert matching("orea", shipped) == set()  # inside "Korea"
    assert matching("hina", shipped) == set()  # inside "China"
    assert "CHN" in matching("Chi", shipped)


def test_a_code_that_is_also_a_word_of_a_name_finds_both(shipped) -> None:
    # "Lao" is Laos's code and a word of its name; "nam" is Namibia's code and Viet Nam's word
    assert matching("LAO", shipped) == {"LAO"}
    assert {"NAM", "VNM"} <= matching("nam", shipped)
    assert matching("Viet Nam", shipped) == {"VNM"}


def test_every_alias_of_the_name_table_is_searchable(shipped) -> None:
    for alias, iso3 in ALIASES.items():
        if iso3 in shipped.countries.index:
            assert iso3 in matching(alias, shipped), (alias, iso3)
    assert "Korea, Rep." in aliases(shipped)["KOR"]
    assert len(matching("", shipped)) == len(shipped.countries)


def test_options_are_sorted_by_name_and_carry_the_search_text(shipped) -> None:
    options = country_options(shipped)
    labels = [o["label"] for o in options]
    assert labels == sorted(labels, key=str.casefold)
    assert labels[0].startswith("Afghanistan")
    kor = next(o for o in options if o["value"] == "KOR")
    assert "Korea, Rep." in kor["search"]
