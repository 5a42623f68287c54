"""``data_access.memo``: one answer per data version and arguments, for pure functions of data."""

from __future__ import annotations

import dataclasses

import pytest

from dashboard import data_access
from indicators import Bundle, ScoringSpec


@pytest.fixture
def calls() -> list[tuple]:
    data_access._memo.clear()
    return []


def test_computed_once_per_version_and_arguments(mini: Bundle, calls: list[tuple]) -> None:
    def year_count(bundle: Bundle, year: int, window: int = 3) -> int:
        calls.append((bundle.version, year, window))
        return year + window

    assert data_access.memo(year_count, mini, 2024) == 2027
    assert data_access.memo(year_count, mini, 2024) == 2027
    assert data_access.memo(year_count, mini, 2023, 1) == 2024
    assert calls == [(mini.version, 2024, 3), (mini.version, 2023, 1)]
    edited = dataclasses.replace(mini, version="another-version")
    assert data_access.memo(year_count, edited, 2024) == 2027  # new data: computed again
    assert len(calls) == 3


def test_models_are_keyed_by_their_content(mini: Bundle, calls: list[tuple]) -> None:
    """Two equal specs share an answer (a spec with weights is not hashable itself)."""
    def weights(bundle: Bundle, spec: ScoringSpec) -> str:
        calls.append(spec.model_dump_json())
        return spec.model_dump_json()

    spec = ScoringSpec(pillar_weights={"models": 2.0})
    data_access.memo(weights, mini, spec)
    data_access.memo(weights, mini, ScoringSpec(pillar_weights={"models": 2.0}))
    data_access.memo(weights, mini, ScoringSpec(pillar_weights={"models": 3.0}))
    assert len(calls) == 2


def test_unhashable_argument_is_refused(mini: Bundle, calls: list[tuple]) -> None:
    with pytest.raises(TypeError):
        data_access.memo(lambda bundle, codes: codes, mini, ["a", "b"])


def test_bounded(mini: Bundle, calls: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    """The least recently used answer goes first once MAX_MEMOISED are kept."""
    monkeypatch.setattr(data_access, "MAX_MEMOISED", 2)

    def echo(bundle: Bundle, x: int) -> int:
        calls.append(x)
        return x

    for x in (1, 2, 1, 3, 1, 2):
        data_access.memo(echo, mini, x)
    assert calls == [1, 2, 3, 2]  # 1 was used again before 3 arrived, so 2 went
    assert len(data_access._memo) == 2
