"""``indicators.kept.Kept``: the library's one bounded store of computed answers."""

from __future__ import annotations

from indicators.kept import Kept


def test_the_least_recently_used_answer_goes_first() -> None:
    kept: Kept[int] = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # a use: "b" is now the least recently used
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c")) == (1, None, 3)
    assert len(kept) == 2
    kept.clear()
    assert len(kept) == 0 and kept.get("a") is None
