"""A country is found by any name the sources use (issue 11 #5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.views.search import aliases, country_options, matches, search_texts
from indicators import load
from indicators.build.names import ALIASES

SHIPPED = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def shipped():
    return load(SHIPPED)


@pytest.mark.parametrize("query", ["Korea, Rep.", "Republic of Korea", "korea rep",
                                   "South Korea", "Korea (Republic of)"])
def test_the_sources_names_of_south_korea_find_it(shipped, query: str) -> None:
    texts = search_texts(shipped)
    found = [iso3 for iso3, text in texts.items() if matches(query, text)]
    assert "KOR" in found and "PRK" not in found, found


def test_korea_alone_finds_both_koreas(shipped) -> None:
    texts = search_texts(shipped)
    assert {i for i, t in texts.items() if matches("Korea", t)} == {"KOR", "PRK"}
    # words match inside words, as AG Grid's quick filter does: the code finds the name too
    assert {i for i, t in texts.items() if matches("KOR", t)} == {"KOR", "PRK"}


def test_every_alias_of_the_name_table_is_searchable(shipped) -> None:
    texts = search_texts(shipped)
    for alias, iso3 in ALIASES.items():
        if iso3 in texts:
            assert matches(alias, texts[iso3]), (alias, iso3)
    assert "Korea, Rep." in aliases(shipped)["KOR"]


def test_options_are_sorted_by_name_and_carry_the_search_text(shipped) -> None:
    options = country_options(shipped)
    labels = [o["label"] for o in options]
    assert labels == sorted(labels, key=str.casefold)
    assert labels[0].startswith("Afghanistan")
    kor = next(o for o in options if o["value"] == "KOR")
    assert "Korea, Rep." in kor["search"]
