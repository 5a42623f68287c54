"""The control-change benchmark's links: new to the process, one control away from their base.

``benchmarks/control_links.py`` lists, per page, links one control change away from the page's
base link. The measure is only honest if each link is new when it is timed (not another case's
link, not another page's base) and differs from its base the way one control does.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from benchmarks import dashboard as bench
from benchmarks.control_links import CONTROL_CHANGES, split
from dashboard import data_access, urlstate
from dashboard.app import create_app
from indicators.scenarios.presets import DEFAULT_PRESET

#: Controls that write more than one parameter: leaving a preset for a custom scenario writes
#: the scenario's cut, layers and severity (checked against the page's own writer below).
CUSTOM_SCENARIO = {"severity", "provider"}
#: What the Scenarios page writes for its base link (its default preset, country and map
#: supplier; ``test_scenario_links_are_the_page_own_links`` checks the writer agrees).
SCENARIOS_DEFAULT = {"preset": DEFAULT_PRESET, "country": "KOR", "supplier": "USA"}


def _params(link: str) -> dict[str, str]:
    return dict(parse_qsl(split(link)[1].lstrip("?")))


def test_every_page_has_at_least_five_distinct_new_links() -> None:
    others = {path + search for path, search in bench.PAGES.values()}
    bases = {changes.base for changes in CONTROL_CHANGES.values()}
    seen: set[str] = set()
    for page, changes in CONTROL_CHANGES.items():
        links = [link for _, link in changes.changes]
        assert len(links) >= 5, page
        assert len(set(links)) == len(links), page
        assert not set(links) & (others | bases | seen), page  # never requested before
        seen |= set(links)


@pytest.mark.parametrize("page", sorted(CONTROL_CHANGES))
def test_each_link_changes_one_control(page: str) -> None:
    changes = CONTROL_CHANGES[page]
    base_path, _ = split(changes.base)
    base = SCENARIOS_DEFAULT if page == "scenarios" else _params(changes.base)
    for control, link in changes.changes:
        path, _ = split(link)
        params = _params(link)
        if path != base_path:  # another country: the path is the control
            assert path.rsplit("/", 1)[0] == base_path.rsplit("/", 1)[0], link
            assert params == base, link
            continue
        differing = {k for k in base.keys() | params.keys() if base.get(k) != params.get(k)}
        if page == "scenarios" and control in CUSTOM_SCENARIO:
            assert {"preset", "cut", "layers", "sev"} <= differing, link
            differing -= {"preset", "cut", "layers", "sev"}
            assert len(differing) <= 1, (link, differing)
        else:
            assert len(differing) == 1, (link, differing)


def test_scenario_links_are_the_page_own_links() -> None:
    """Each scenario link is what the page writes for the state it reads (canonical)."""
    from dashboard.views.scenario_state import query_from_state, state_from_query

    app = create_app()
    with app.server.test_request_context("/"):
        bundle = data_access.bundle()
        default = query_from_state(state_from_query({}, bundle))
        assert default == SCENARIOS_DEFAULT
        for _, link in CONTROL_CHANGES["scenarios"].changes:
            path, search = split(link)
            state = state_from_query(urlstate.parse_search(search), bundle)
            assert path + urlstate.to_search(query_from_state(state)) == link
