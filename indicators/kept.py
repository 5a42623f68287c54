"""A bounded, thread-safe store of computed answers, least recently used dropped first.

The library keeps a few pure functions' answers per data version (the Monte Carlo's normalised
matrices, the outlier treatment of a column, the ledger in force in a year): one store type for
all of them instead of a hand-rolled dictionary, lock and eviction loop each.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Kept(Generic[V]):
    """At most ``limit`` answers by key; ``get`` counts as a use."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        """Return the answer kept under ``key``, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: V) -> V:
        """Keep ``value`` under ``key`` (dropping the least recently used beyond the limit) and
        return it."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
