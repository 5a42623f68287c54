"""One computation per key across every process sharing a cache (workers, machines on Redis).

``fetch_or_compute`` returns the cached value, or computes it while holding a short lock in the
cache itself (``add`` is Redis's SET NX), so two servers asked for the same new data version at
once score it once: the other waits for the value instead of scoring too. A cache that cannot
be reached is logged and bypassed: the answer is computed locally, never an error page.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: Seconds a computation may hold its lock; a holder that died frees it after this.
LOCK_SECONDS = 60
#: Seconds between looks at the cache while another process computes.
POLL_SECONDS = 0.05

log = logging.getLogger("sovai.cache")


def fetch_or_compute(cache: Any, key: str, compute: Callable[[], T],
                     wait: float = LOCK_SECONDS) -> T:
    """Return ``cache[key]``, computing and storing it once if no process has yet."""
    lock = key + ":computing"
    try:
        value = cache.get(key)
        if value is not None:
            return value
        mine = bool(cache.add(lock, os.getpid(), timeout=int(wait)))
        if not mine:
            value = _wait_for(cache, key, lock, wait)
            if value is not None:
                return value
    except Exception as exc:  # any backend failure, e.g. redis.ConnectionError
        log.warning("shared cache unavailable (%s): computing %s here", exc, key)
        return compute()
    try:
        value = compute()
        _quietly(cache.set, key, value)
        return value
    finally:
        if mine:
            _quietly(cache.delete, lock)


def _wait_for(cache: Any, key: str, lock: str, wait: float) -> Any:
    """Return the value another process is computing, or None when it gave up or died."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
        if value is not None:
            return value
        if cache.get(lock) is None:  # the holder finished without storing, or its lock expired
            return cache.get(key)
    return None


def _quietly(method: Callable[..., Any], *args: Any) -> None:
    try:
        method(*args)
    except Exception as exc:  # the value is served anyway
        log.warning("shared cache write failed (%s)", exc)
