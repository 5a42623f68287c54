"""The control walk's links: each new to its walk and one control away from the one before."""

from __future__ import annotations

import itertools
from urllib.parse import parse_qsl

import pytest

from benchmarks.control_walk import WALKS

#: Leaving a preset for a custom scenario writes the cut, layers and severity (and the
#: reverse drops them): one control of the page, several parameters of the link.
SCENARIO_KEYS = {"preset", "cut", "layers", "sev"}


def _split(link: str) -> tuple[str, dict[str, str]]:
    path, _, query = link.partition("?")
    return path, dict(parse_qsl(query))


@pytest.mark.parametrize("page", sorted(WALKS))
def test_each_step_changes_one_control(page: str) -> None:
    links = WALKS[page]
    assert len(links) >= 10 and len(set(links)) == len(links), page
    for before, after in itertools.pairwise(links):
        (path_a, a), (path_b, b) = _split(before), _split(after)
        differing = {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        if path_a != path_b:  # another country: the path is the control, the query is kept
            assert differing == set(), (before, after)
            continue
        if page == "scenarios" and {"preset"} & differing:
            differing -= SCENARIO_KEYS
            assert len(differing) <= 1, (before, after, differing)
            continue
        assert len(differing) == 1, (before, after, differing)
